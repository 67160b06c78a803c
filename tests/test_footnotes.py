import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from briefing.docx import add_footnote, get_footnotes
from briefing.docx.parts import FootnotesPart

from .docx_reader import footnote_refs, footnotes, parts


def test_no_footnotes_part_until_first_use():
    doc = docx.Document()
    assert len(get_footnotes(doc)) == 0
    assert not any(r.reltype == RT.FOOTNOTES for r in doc.part.rels.values())


def test_add_to_paragraph_and_run_round_trip(tmp_path):
    doc = docx.Document()
    p = doc.add_paragraph("First sentence.")
    n1 = add_footnote(p, "Source one.")
    p2 = doc.add_paragraph()
    run = p2.add_run("Second sentence.")
    p2.add_run(" Third.")
    n2 = add_footnote(run, "Source two.")
    assert (n1.id, n2.id) == (1, 2)
    path = tmp_path / "f.docx"
    doc.save(path)

    # Read back with plain XML, not with our code.
    assert footnote_refs(path) == [1, 2]
    assert footnotes(path) == {1: "Source one.", 2: "Source two."}
    xml = parts(path)
    assert b"footnotes+xml" in xml["[Content_Types].xml"]
    assert b'w:type="separator"' in xml["word/footnotes.xml"]
    assert b'w:type="continuationSeparator"' in xml["word/footnotes.xml"]
    assert b'w:styleId="FootnoteText"' in xml["word/styles.xml"]
    assert b'w:styleId="FootnoteReference"' in xml["word/styles.xml"]
    # The mark follows the run it annotates, before the next run.
    doc_xml = xml["word/document.xml"].decode()
    assert doc_xml.index("Second sentence.") < doc_xml.index('w:footnoteReference w:id="2"') < doc_xml.index(" Third.")


def test_reopened_document_gets_footnotes_part_and_next_id(tmp_path):
    doc = docx.Document()
    add_footnote(doc.add_paragraph("A."), "one")
    doc.save(tmp_path / "a.docx")
    again = docx.Document(tmp_path / "a.docx")
    part = next(r.target_part for r in again.part.rels.values() if r.reltype == RT.FOOTNOTES)
    assert isinstance(part, FootnotesPart)
    note = add_footnote(again.add_paragraph("B."), "two")
    assert note.id == 2
    assert [n.text for n in get_footnotes(again)] == ["one", "two"]
    assert get_footnotes(again).get(2).text == "two"
    assert get_footnotes(again).get(7) is None
