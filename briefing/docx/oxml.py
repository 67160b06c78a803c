"""Element classes for the footnotes part (``word/footnotes.xml``)."""

from __future__ import annotations

from typing import cast

from docx.oxml import register_element_cls
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.oxml.simpletypes import ST_DecimalNumber, ST_String
from docx.oxml.xmlchemy import BaseOxmlElement, OptionalAttribute, RequiredAttribute, ZeroOrMore

FOOTNOTE_TEXT_STYLE = "FootnoteText"
FOOTNOTE_REFERENCE_STYLE = "FootnoteReference"


class CT_Footnotes(BaseOxmlElement):
    """``w:footnotes``, the root of the footnotes part.

    Holds the separator footnotes (ids -1 and 0, with a ``w:type``) and the notes proper,
    which the body references by ``w:id``.
    """

    footnote_lst: list["CT_Footnote"]
    footnote = ZeroOrMore("w:footnote")

    def add_footnote(self) -> "CT_Footnote":
        """A new, empty-text ``w:footnote`` with the next free id, appended to this element.

        Its one paragraph is in the footnote-text style and starts with the ``w:footnoteRef``
        mark that shows the note's number.
        """
        footnote = cast(CT_Footnote, parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{self._next_available_id()}">'
            f'<w:p><w:pPr><w:pStyle w:val="{FOOTNOTE_TEXT_STYLE}"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="{FOOTNOTE_REFERENCE_STYLE}"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> </w:t></w:r>'
            f"</w:p></w:footnote>"
        ))
        self.append(footnote)
        return footnote

    def get_by_id(self, footnote_id: int) -> "CT_Footnote | None":
        found = self.xpath(f"./w:footnote[@w:id='{int(footnote_id)}']")
        return found[0] if found else None

    @property
    def notes(self) -> list["CT_Footnote"]:
        """The footnotes proper: every ``w:footnote`` that is not a separator."""
        return [f for f in self.footnote_lst if f.type in (None, "normal")]

    def _next_available_id(self) -> int:
        """One more than the largest id in use, and at least 1 (-1 and 0 are separators)."""
        used = [int(x) for x in self.xpath("./w:footnote/@w:id")]
        return max([0, *used]) + 1


class CT_Footnote(BaseOxmlElement):
    """``w:footnote``: one note, made of block content (paragraphs, tables)."""

    p_lst: list[BaseOxmlElement]
    id: int = RequiredAttribute("w:id", ST_DecimalNumber)  # pyright: ignore[reportAssignmentType]
    type: str | None = OptionalAttribute("w:type", ST_String)  # pyright: ignore[reportAssignmentType]
    p = ZeroOrMore("w:p")

    @property
    def text(self) -> str:
        """The note's text, paragraphs joined by newlines, without the number mark."""
        paras = []
        for p in self.p_lst:
            paras.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
        return "\n".join(paras).strip()


register_element_cls("w:footnotes", CT_Footnotes)
register_element_cls("w:footnote", CT_Footnote)
