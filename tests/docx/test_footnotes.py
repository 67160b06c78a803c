"""The proxies and add_footnote, checked by reading the saved XML back independently."""

import doctest

import docx
import pytest

import briefing.docx.footnotes
from briefing.docx import add_footnote, footnotes_in, get_footnotes

from ..docx_reader import footnote_refs, footnotes, parts


def test_docstring_example_runs():
    assert doctest.testmod(briefing.docx.footnotes).failed == 0


def test_no_footnotes_until_first_use():
    doc = docx.Document()
    notes = get_footnotes(doc)
    assert len(notes) == 0 and list(notes) == [] and notes.get(1) is None
    with pytest.raises(ValueError, match="create=True"):
        notes.add_footnote("x")


def test_add_to_paragraph_and_run_round_trip(tmp_path):
    doc = docx.Document()
    p = doc.add_paragraph("First sentence.")
    n1 = add_footnote(p, "Source one.")
    p2 = doc.add_paragraph()
    run = p2.add_run("Second sentence.")
    p2.add_run(" Third.")
    n2 = add_footnote(run, "Source two.")
    assert (n1.footnote_id, n2.footnote_id) == (1, 2)
    path = tmp_path / "f.docx"
    doc.save(path)

    assert footnote_refs(path) == [1, 2]
    assert footnotes(path) == {1: "Source one.", 2: "Source two."}
    xml = parts(path)
    assert b'w:styleId="FootnoteText"' in xml["word/styles.xml"]
    assert b'w:styleId="FootnoteReference"' in xml["word/styles.xml"]
    # The mark follows the run it annotates, before the next run.
    doc_xml = xml["word/document.xml"].decode()
    assert doc_xml.index("Second sentence.") < doc_xml.index('w:footnoteReference w:id="2"') < doc_xml.index(" Third.")


def test_multi_paragraph_note_and_rich_text():
    doc = docx.Document()
    note = add_footnote(doc.add_paragraph("A."), "Line one\nLine two")
    assert note.text == "Line one\nLine two"
    assert [p.style.style_id for p in note.paragraphs] == ["FootnoteText", "FootnoteText"]
    note.paragraphs[1].add_run(" (bold)").bold = True
    assert note.text.endswith("Line two (bold)")


def test_note_in_a_table_cell_and_read_back_per_paragraph(tmp_path):
    doc = docx.Document()
    cell = doc.add_table(rows=1, cols=2).cell(0, 1)
    add_footnote(cell.paragraphs[0].add_run("BBC News"), "\u201cTitle\u201d, BBC News, 1 May 2021.")
    body = doc.add_paragraph("Body.")
    add_footnote(body, "second")
    assert [n.text for n in footnotes_in(cell.paragraphs[0])] == ["\u201cTitle\u201d, BBC News, 1 May 2021."]
    assert [n.footnote_id for n in footnotes_in(body)] == [2]
    doc.save(tmp_path / "t.docx")
    assert footnote_refs(tmp_path / "t.docx") == [1, 2]


def test_reopened_document_continues_numbering(tmp_path):
    doc = docx.Document()
    add_footnote(doc.add_paragraph("A."), "one")
    doc.save(tmp_path / "a.docx")
    again = docx.Document(tmp_path / "a.docx")
    note = add_footnote(again.add_paragraph("B."), "two")
    assert note.footnote_id == 2
    assert [n.text for n in get_footnotes(again)] == ["one", "two"]
    assert get_footnotes(again).get(2).text == "two"
    assert get_footnotes(again)[0].footnote_id == 1
    again.save(tmp_path / "b.docx")
    assert footnotes(tmp_path / "b.docx") == {1: "one", 2: "two"}


def test_existing_styles_of_a_template_are_kept():
    doc = docx.Document()
    add_footnote(doc.add_paragraph("A."), "one")
    doc.styles["footnote text"].font.size = docx.shared.Pt(7)
    add_footnote(doc.add_paragraph("B."), "two")
    assert doc.styles["footnote text"].font.size == docx.shared.Pt(7)
    assert sum(s.style_id == "FootnoteText" for s in doc.styles) == 1
