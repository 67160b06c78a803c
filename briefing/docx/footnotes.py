"""Footnote proxies and the one call most code needs: `add_footnote`.

    >>> from docx import Document
    >>> from briefing.docx import add_footnote, get_footnotes
    >>> doc = Document()
    >>> para = doc.add_paragraph("Ofsted rated the service inadequate.")
    >>> note = add_footnote(para, "Ofsted inspection report, January 2020.")
    >>> note.footnote_id, get_footnotes(doc)[0].text
    (1, 'Ofsted inspection report, January 2020.')
    >>> [n.text for n in footnotes_in(para)]
    ['Ofsted inspection report, January 2020.']
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from docx.blkcntnr import BlockItemContainer
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from .oxml import FOOTNOTE_REFERENCE_STYLE, FOOTNOTE_TEXT_STYLE, CT_Footnote, CT_Footnotes
from .parts import FootnotesPart, footnotes_part

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import ParagraphStyle


class Footnote(BlockItemContainer):
    """One footnote. Like a table cell it holds paragraphs (and tables) of rich text.

    Word numbers notes by their order in the document, not by id; the id links the note to
    its reference mark in the body.
    """

    def __init__(self, footnote_elm: CT_Footnote, footnotes_part: FootnotesPart):
        super().__init__(footnote_elm, footnotes_part)
        self._footnote_elm = footnote_elm

    @property
    def footnote_id(self) -> int:
        return self._footnote_elm.id

    def add_paragraph(self, text: str = "", style: str | ParagraphStyle | None = None) -> Paragraph:
        """A new paragraph at the end of the note, in the footnote-text style unless `style`."""
        paragraph = super().add_paragraph(text, style)
        if style is None:
            # Set on the element: `paragraph.style =` raises when the style is not defined yet.
            paragraph._p.style = FOOTNOTE_TEXT_STYLE
        return paragraph

    @property
    def text(self) -> str:
        """The note's text without its number mark; paragraphs are joined by newlines."""
        return "\n".join(p.text for p in self.paragraphs).strip()


class Footnotes:
    """The footnotes of a document, in id order; separators are left out."""

    def __init__(self, footnotes_elm: CT_Footnotes | None, footnotes_part: FootnotesPart | None):
        self._footnotes_elm = footnotes_elm
        self._footnotes_part = footnotes_part

    def _notes(self) -> list[CT_Footnote]:
        return self._footnotes_elm.notes if self._footnotes_elm is not None else []

    def __len__(self) -> int:
        return len(self._notes())

    def __iter__(self) -> Iterator[Footnote]:
        return (Footnote(f, self._footnotes_part) for f in self._notes())

    def __getitem__(self, index: int) -> Footnote:
        return Footnote(self._notes()[index], self._footnotes_part)

    def get(self, footnote_id: int) -> Footnote | None:
        """The note with `footnote_id`, or None when there is none."""
        if self._footnotes_elm is None:
            return None
        found = self._footnotes_elm.get_by_id(footnote_id)
        return Footnote(found, self._footnotes_part) if found is not None else None

    def add_footnote(self, text: str = "") -> Footnote:
        """A new note holding `text` (newlines start new paragraphs); no reference mark.

        Use `add_footnote(run_or_paragraph, text)` to place the mark in the body as well.
        """
        if self._footnotes_elm is None or self._footnotes_part is None:
            raise ValueError("this document has no footnotes part; use get_footnotes(doc, create=True)")
        note = Footnote(self._footnotes_elm.add_footnote(), self._footnotes_part)
        first, *rest = text.split("\n")
        if first:
            note.paragraphs[0].add_run(first)
        for line in rest:
            note.add_paragraph(line)
        return note


def get_footnotes(document: Document, *, create: bool = False) -> Footnotes:
    """The document's footnotes; with `create`, the footnotes part is made if missing."""
    part = footnotes_part(document.part, create=create)
    return Footnotes(part.footnotes_element if part is not None else None, part)


def footnotes_in(paragraph: Paragraph) -> list[Footnote]:
    """The notes whose reference marks sit in `paragraph`, in reading order."""
    notes = get_footnotes(paragraph.part.document)
    ids = [int(r.get(qn("w:id"))) for r in paragraph._p.iter(qn("w:footnoteReference"))]
    return [n for n in (notes.get(i) for i in ids) if n is not None]


def _ensure_styles(document: Document) -> None:
    """Add the footnote text and reference styles when the document's template lacks them."""
    styles = document.styles
    ids = {s.style_id for s in styles}
    if FOOTNOTE_TEXT_STYLE not in ids:
        style = styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), FOOTNOTE_TEXT_STYLE)
        style.base_style = styles["Normal"]
        style.font.size = Pt(9)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.space_before = Pt(0)
    if FOOTNOTE_REFERENCE_STYLE not in ids:
        style = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
        style.element.set(qn("w:styleId"), FOOTNOTE_REFERENCE_STYLE)
        style.font.superscript = True


def _reference_run() -> OxmlElement:
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), FOOTNOTE_REFERENCE_STYLE)
    rpr.append(style)
    run.append(rpr)
    run.append(OxmlElement("w:footnoteReference"))
    return run


def add_footnote(target: Run | Paragraph, text: str) -> Footnote:
    """Add a footnote holding `text`, its reference mark placed right after `target`.

    Args:
        target: a run (the mark follows it, before any later run) or a paragraph (the mark
            ends it). Runs inside hyperlinks are fine: the mark follows the run there.
        text: the note's text; a newline starts a new paragraph of the note.

    Returns:
        The new `Footnote`.
    """
    if isinstance(target, Run):
        paragraph = target._parent if isinstance(target._parent, Paragraph) else None
        part = target.part
    else:
        paragraph = target
        part = target.part
    document = part.document
    _ensure_styles(document)
    note = get_footnotes(document, create=True).add_footnote(text)

    ref = _reference_run()
    ref[-1].set(qn("w:id"), str(note.footnote_id))
    if isinstance(target, Run):
        target._r.addnext(ref)
    else:
        assert paragraph is not None
        paragraph._p.append(ref)
    return note
