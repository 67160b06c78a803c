"""Element classes: id allocation and what a new note looks like."""

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml

from briefing.docx.oxml import CT_Footnote, CT_Footnotes


def _root(*notes: str) -> CT_Footnotes:
    return parse_xml(f"<w:footnotes {nsdecls('w')}>{''.join(notes)}</w:footnotes>")


SEPARATORS = ('<w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
              '<w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>')


def test_parsed_elements_get_our_classes():
    root = _root(SEPARATORS, '<w:footnote w:id="3"><w:p/></w:footnote>')
    assert isinstance(root, CT_Footnotes)
    assert all(isinstance(f, CT_Footnote) for f in root.footnote_lst)


def test_first_note_is_1_and_separators_are_not_notes():
    root = _root(SEPARATORS)
    assert root.notes == []
    note = root.add_footnote()
    assert note.id == 1 and note.type is None
    assert [n.id for n in root.notes] == [1]


def test_ids_continue_after_the_largest_even_with_gaps():
    # A gap left by a deleted note is not refilled: a stray reference must not find a new note.
    root = _root(SEPARATORS, '<w:footnote w:id="2"><w:p/></w:footnote>', '<w:footnote w:id="7"><w:p/></w:footnote>')
    assert root.add_footnote().id == 8
    assert [n.id for n in root.notes] == [2, 7, 8]
    assert root.get_by_id(7) is not None and root.get_by_id(3) is None


def test_new_note_starts_with_its_number_mark_in_footnote_styles():
    note = _root().add_footnote()
    p = note.p_lst[0]
    assert p.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) == "FootnoteText"
    first_run = p.findall(qn("w:r"))[0]
    assert first_run.find(qn("w:footnoteRef")) is not None
    assert first_run.find(qn("w:rPr")).find(qn("w:rStyle")).get(qn("w:val")) == "FootnoteReference"


def test_note_holds_paragraphs_and_tables_in_order():
    root = _root('<w:footnote w:id="1"><w:p/><w:tbl/><w:p/></w:footnote>')
    note = root.notes[0]
    assert [e.tag.rsplit("}", 1)[1] for e in note.inner_content_elements] == ["p", "tbl", "p"]
    note.add_p()
    assert len(note.p_lst) == 3
