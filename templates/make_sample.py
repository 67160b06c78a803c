"""Make templates/sample-council.dotx, the sample organisational template shipped with briefing.

It stands in for a council's own Word template: its fonts and heading colours, a header with
a logo and the organisation's name, and a footer with a protective marking and page numbers.
Run it again after changing it: python templates/make_sample.py
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).parent
TEAL = RGBColor(0x00, 0x5A, 0x64)


def _logo_png(size: int = 96) -> bytes:
    """A plain teal shield with a white band: a stand-in logo, drawn without an image library."""
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            inside = abs(x - size / 2) < size / 2 - (max(0, y - size * 0.6) * 0.9)
            band = size * 0.35 < y < size * 0.5
            r, g, b = (255, 255, 255) if not inside else ((255, 255, 255) if band else (0, 90, 100))
            row += bytes((r, g, b))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def make() -> Path:
    doc = docx.Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(3.4), Cm(2.2)
    section.header_distance = Cm(1.0)

    styles = doc.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(11)
    for name, size in (("Title", 24), ("Heading 1", 16), ("Heading 2", 13)):
        styles[name].font.name = "Arial"
        styles[name].font.size = Pt(size)
        styles[name].font.color.rgb = TEAL
        styles[name].font.bold = True

    header = section.header.paragraphs[0]
    header.paragraph_format.space_after = Pt(6)
    header.add_run().add_picture(io.BytesIO(_logo_png()), height=Cm(1.4))
    name = header.add_run("   Exampleshire County Council \u2014 Democratic Services")
    name.font.color.rgb = TEAL
    name.font.size = Pt(10)
    name.bold = True

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark = footer.add_run("OFFICIAL \u2014 page ")
    mark.font.size = Pt(9)
    _page_field(footer)

    doc.add_paragraph("Template body text: replaced by the briefing.")
    buf = io.BytesIO()
    doc.save(buf)

    # A .dotx is the same package with the main part typed as a template.
    out = HERE / "sample-council.dotx"
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            dst.writestr(item.filename, data)
    return out


if __name__ == "__main__":
    print(make())
