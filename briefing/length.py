"""Length: how many pages the body of a briefing prints on, estimated from the document itself.

The body runs from the title to the end of the last event section; appendices and Sources
follow on a page of their own. LibreOffice is not needed at build time: each paragraph, table
row, picture and footnote is measured in lines of its style, from characters per line and
line heights read off LibreOffice's rendering of briefings (letter page, 11 pt body, 10 pt
footnotes: about 78 characters a body line, 92 a footnote line). `tests/test_length.py`
renders real briefings and checks the estimate against the PDF's pages.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .docx import footnotes_in

EMU_PER_PT = 12700
CM_PER_BODY_CHAR = 15.24 / 78  # text width over characters per body line
# Points of page each kind of paragraph takes: (characters a line, points a line, points of
# spacing around it). Measured on LibreOffice renders of built briefings.
STYLES = {
    "Title": (40, 34.0, 14.0),
    "Heading 1": (60, 19.0, 22.0),
    "Heading 2": (55, 17.0, 14.0),
    "List Bullet": (74, 13.4, 2.0),
    "List Number": (74, 13.4, 2.0),
}
BODY = (78, 13.4, 8.0)
FOOTNOTE = (92, 11.6, 1.0)
TABLE_ROW_PADDING = 5.0
PAGE_POINTS = 648.0  # a letter page less its margins
# Lines that cannot be split (rows, a heading kept with its paragraph, footnotes pushed on)
# leave the foot of most pages part empty.
PAGE_FILL = 0.93


def _lines(text: str, chars: int) -> int:
    return max(1, math.ceil(len(text) / chars)) if text else 1


def _footnote_points(paragraphs: Iterable[Paragraph]) -> float:
    total = 0.0
    for p in paragraphs:
        for note in footnotes_in(p):
            text = " ".join(x.text for x in note.paragraphs)
            total += _lines(text, FOOTNOTE[0]) * FOOTNOTE[1] + FOOTNOTE[2]
    return total


def _paragraph_points(p: Paragraph) -> float:
    chars, line, space = STYLES.get(p.style.name if p.style is not None else "", BODY)
    points = 0.0
    for drawing in p._p.iter(qn("wp:extent")):
        points += int(drawing.get("cy", 0)) / EMU_PER_PT
    if points:
        return points + space
    return _lines(p.text, chars) * line + space + _footnote_points([p])


def _table_points(table: Table) -> float:
    points = 0.0
    for row in table.rows:
        tallest = 0.0
        for cell in row.cells:
            width_cm = cell.width.cm if cell.width is not None else 5.0
            chars = max(8, int(width_cm / CM_PER_BODY_CHAR) - 2)
            tallest = max(tallest, sum(_lines(p.text, chars) for p in cell.paragraphs) * BODY[1])
        points += tallest + TABLE_ROW_PADDING + _footnote_points(p for c in row.cells for p in c.paragraphs)
    return points + BODY[2]


def body_pages(doc: Document, ends_before: Iterable[str]) -> float:
    """Pages from the start of `doc` to the first heading titled one of `ends_before`."""
    stop = set(ends_before)
    points = 0.0
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            p = Paragraph(child, doc)
            if p.style is not None and p.style.name.startswith("Heading") and p.text in stop:
                break
            points += _paragraph_points(p)
        elif child.tag == qn("w:tbl"):
            points += _table_points(Table(child, doc))
    return points / (PAGE_POINTS * PAGE_FILL)
