"""Footnote proxies and the one call most code needs: `add_footnote`.

    >>> from docx import Document
    >>> from briefing.docx import add_footnote, get_footnotes
    >>> doc = Document()
    >>> para = doc.add_paragraph("Ofsted rated the service inadequate.")
    >>> note = add_footnote(para, "Ofsted inspection report, January 2020.")
    >>> note.id, get_footnotes(doc)[0].text
    (1, 'Ofsted inspection report, January 2020.')
"""

from __future__ import annotations

from collections.abc import Iterator

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from .oxml import FOOTNOTE_REFERENCE_STYLE, FOOTNOTE_TEXT_STYLE, CT_Footnote, CT_Footnotes
from .parts import footnotes_part


class Footnote:
    """One footnote: its id (the number Word shows is its order) and its text."""

    def __init__(self, element: CT_Footnote):
        self._element = element

    @property
    def id(self) -> int:
        return self._element.id

    @property
    def text(self) -> str:
        return self._element.text

    def add_text(self, text: str) -> None:
        """Append `text` to the note's last paragraph."""
        p = self._element.p_lst[-1]
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        r.append(t)
        p.append(r)


class Footnotes:
    """The footnotes of a document, in id order; separators are not included."""

    def __init__(self, element: CT_Footnotes | None):
        self._element = element

    def _notes(self) -> list[CT_Footnote]:
        return sorted(self._element.notes, key=lambda f: f.id) if self._element is not None else []

    def __len__(self) -> int:
        return len(self._notes())

    def __iter__(self) -> Iterator[Footnote]:
        return (Footnote(f) for f in self._notes())

    def __getitem__(self, index: int) -> Footnote:
        return Footnote(self._notes()[index])

    def get(self, footnote_id: int) -> Footnote | None:
        if self._element is None:
            return None
        found = self._element.get_by_id(footnote_id)
        return Footnote(found) if found is not None else None


def get_footnotes(document: Document) -> Footnotes:
    part = footnotes_part(document.part, create=False)
    return Footnotes(part.footnotes_element if part is not None else None)


def _ensure_styles(document: Document) -> None:
    """Add the footnote text and reference styles when the template lacks them."""
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


def add_footnote(target: Run | Paragraph, text: str) -> Footnote:
    """Add a footnote with `text`, its reference mark placed after `target`.

    Args:
        target: a run (the mark follows it) or a paragraph (the mark ends it).
        text: the footnote's text.

    Returns:
        The new `Footnote`.
    """
    paragraph = target if isinstance(target, Paragraph) else Paragraph(target._r.getparent(), target._parent)
    document_part = paragraph.part
    part = footnotes_part(document_part)
    _ensure_styles(document_part.document)
    note = Footnote(part.footnotes_element.add_footnote())
    note.add_text(text)

    ref_run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), FOOTNOTE_REFERENCE_STYLE)
    rpr.append(style)
    ref_run.append(rpr)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(note.id))
    ref_run.append(ref)
    if isinstance(target, Run):
        target._r.addnext(ref_run)
    else:
        paragraph._p.append(ref_run)
    return note
