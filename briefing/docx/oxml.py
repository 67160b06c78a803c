"""Element classes for the footnotes part (``word/footnotes.xml``).

Shaped like python-docx's ``docx.oxml.comments``: the root element allocates ids and makes
new notes; a note is a story (paragraphs and tables), like a table cell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from docx.oxml import register_element_cls
from docx.oxml.ns import nsdecls
from docx.oxml.parser import parse_xml
from docx.oxml.simpletypes import ST_DecimalNumber, ST_String
from docx.oxml.xmlchemy import BaseOxmlElement, OptionalAttribute, RequiredAttribute, ZeroOrMore

if TYPE_CHECKING:
    from docx.oxml.table import CT_Tbl
    from docx.oxml.text.paragraph import CT_P

# Style ids Word itself uses for footnotes; Word maps them to localised names.
FOOTNOTE_TEXT_STYLE = "FootnoteText"
FOOTNOTE_REFERENCE_STYLE = "FootnoteReference"

# Notes with one of these types are page furniture (the rule above the notes), not footnotes.
SEPARATOR_TYPES = ("separator", "continuationSeparator", "continuationNotice")


class CT_Footnotes(BaseOxmlElement):
    """``w:footnotes``, the root of the footnotes part.

    Holds the separator notes (ids -1 and 0, with a ``w:type``) and the notes proper, which
    the body points at with ``w:footnoteReference w:id="n"``.
    """

    footnote_lst: list[CT_Footnote]
    footnote = ZeroOrMore("w:footnote", successors=())

    def add_footnote(self) -> CT_Footnote:
        """Append a new note with the next free id and return it.

        The note holds one paragraph in the footnote-text style that starts with the
        ``w:footnoteRef`` mark (Word draws the note's number there) and a space; callers add
        the text as further runs.
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

    def get_by_id(self, footnote_id: int) -> CT_Footnote | None:
        """The note with `footnote_id`, or None."""
        found = self.xpath(f"./w:footnote[@w:id='{int(footnote_id)}']")
        return cast(CT_Footnote, found[0]) if found else None

    @property
    def notes(self) -> list[CT_Footnote]:
        """The notes proper, in id order: every ``w:footnote`` that is not a separator."""
        return sorted((f for f in self.footnote_lst if f.type not in SEPARATOR_TYPES), key=lambda f: f.id)

    def _next_available_id(self) -> int:
        """One more than the largest id in use, and at least 1.

        Ids -1 and 0 belong to the separators. Taking max + 1 rather than filling gaps means a
        deleted note's id is never reused for a different note while a reference may remain.
        """
        used = [int(x) for x in self.xpath("./w:footnote/@w:id")]
        return max([0, *used]) + 1


class CT_Footnote(BaseOxmlElement):
    """``w:footnote``: one note, made of block content (paragraphs, tables)."""

    id: int = RequiredAttribute("w:id", ST_DecimalNumber)  # pyright: ignore[reportAssignmentType]
    type: str | None = OptionalAttribute("w:type", ST_String)  # pyright: ignore[reportAssignmentType]
    p = ZeroOrMore("w:p", successors=())
    tbl = ZeroOrMore("w:tbl", successors=())

    add_p: Callable[[], CT_P]
    p_lst: list[CT_P]
    tbl_lst: list[CT_Tbl]
    _insert_tbl: Callable[[CT_Tbl], CT_Tbl]

    @property
    def inner_content_elements(self) -> list[CT_P | CT_Tbl]:
        """Every ``w:p`` and ``w:tbl`` of the note, in document order."""
        return self.xpath("./w:p | ./w:tbl")


register_element_cls("w:footnotes", CT_Footnotes)
register_element_cls("w:footnote", CT_Footnote)
