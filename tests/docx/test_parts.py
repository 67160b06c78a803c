"""The footnotes part: created on first use, related once, reloaded as our class."""

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from briefing.docx.parts import FootnotesPart, footnotes_part

from ..docx_reader import parts


def test_not_created_when_not_asked():
    doc = docx.Document()
    assert footnotes_part(doc.part, create=False) is None
    assert not any(r.reltype == RT.FOOTNOTES for r in doc.part.rels.values())


def test_created_once_with_separators_and_content_type(tmp_path):
    doc = docx.Document()
    first = footnotes_part(doc.part)
    assert footnotes_part(doc.part) is first
    assert sum(r.reltype == RT.FOOTNOTES for r in doc.part.rels.values()) == 1
    assert first.partname == "/word/footnotes.xml" and first.content_type == CT.WML_FOOTNOTES
    assert [(f.id, f.type) for f in first.footnotes_element.footnote_lst] == [(-1, "separator"), (0, "continuationSeparator")]
    doc.save(tmp_path / "a.docx")
    xml = parts(tmp_path / "a.docx")
    assert b"/word/footnotes.xml" in xml["[Content_Types].xml"]
    assert b"footnotes.xml" in xml["word/_rels/document.xml.rels"]


def test_reopened_document_loads_footnotes_part(tmp_path):
    doc = docx.Document()
    footnotes_part(doc.part)
    doc.save(tmp_path / "a.docx")
    again = docx.Document(tmp_path / "a.docx")
    assert isinstance(footnotes_part(again.part, create=False), FootnotesPart)
