"""The footnotes part, wired into python-docx's package machinery."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory
from docx.oxml.parser import parse_xml
from docx.parts.document import DocumentPart
from docx.parts.story import StoryPart

from .oxml import CT_Footnotes

TEMPLATE = Path(__file__).parent / "templates" / "default-footnotes.xml"


class FootnotesPart(StoryPart):
    """``/word/footnotes.xml``: holds the text of every footnote of the document."""

    @property
    def footnotes_element(self) -> CT_Footnotes:
        return cast(CT_Footnotes, self.element)

    @classmethod
    def default(cls, package) -> "FootnotesPart":
        """A new footnotes part holding only the separator and continuation-separator notes."""
        element = parse_xml(TEMPLATE.read_bytes())
        return cls(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, package)


def footnotes_part(document_part: DocumentPart, *, create: bool = True) -> FootnotesPart | None:
    """The document's footnotes part; created and related on first use when `create`."""
    for rel in document_part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            return cast(FootnotesPart, rel.target_part)
    if not create:
        return None
    part = FootnotesPart.default(document_part.package)
    document_part.relate_to(part, RT.FOOTNOTES)
    return part


# Documents opened from disk get a FootnotesPart, not a generic XmlPart, for their footnotes.
PartFactory.part_type_for[CT.WML_FOOTNOTES] = FootnotesPart
