"""The coverage chart: when it is drawn, what the PNG holds, its alt text and its place in a .docx."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree

from briefing.chart import Chart, add_chart, coverage_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
START = dt.date(2011, 3, 3)
CAPTION = "Figure: articles a week; numbered marks are the events in the timeline."


def _three_months() -> list[dt.date]:
    """Three months of coverage with a surge in the week of 21 March 2011 (a Monday)."""
    dates = [START + dt.timedelta(days=i) for i in range(0, 92, 3)]  # one article every 3 days
    dates += [dt.date(2011, 3, 21) + dt.timedelta(days=i % 7) for i in range(20)]
    return dates


MARKED = [(dt.date(2011, 3, 19), "Air strikes begin"),
          (dt.date(2011, 3, 31), "NATO takes command"),
          (dt.date(2011, 5, 20), "Talks in Addis Ababa")]


@pytest.fixture(scope="module")
def chart() -> Chart:
    result = coverage_chart(_three_months(), MARKED)
    assert result is not None
    return result


def test_no_chart_for_a_short_story():
    month = [START + dt.timedelta(days=i) for i in range(32)]  # 3 March to 3 April: 31 days
    assert coverage_chart(month, MARKED) is None
    assert coverage_chart(month + [START + dt.timedelta(days=32)], MARKED) is not None  # 32 days: drawn


def test_no_chart_for_one_dated_article():
    assert coverage_chart([START], MARKED) is None
    assert coverage_chart([], []) is None
    # undated articles do not count towards the two
    assert coverage_chart([START, None, None], MARKED) is None


def test_png_is_16_by_5_5_cm_at_200_dpi(chart):
    from PIL import Image

    assert chart.png.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(chart.png))
    width, height = image.size
    assert abs(width - 16 / 2.54 * 200) <= 3
    assert abs(height - 5.5 / 2.54 * 200) <= 3
    assert chart.width_cm == pytest.approx(16)


def test_reads_in_black_and_white(chart):
    from PIL import Image

    grey = Image.open(io.BytesIO(chart.png)).convert("L")
    counts = grey.histogram()
    share = [c / sum(counts) for c in counts]
    # white paper, mid-grey bars and black marks, each over a real share of the picture
    assert sum(share[230:]) > 0.5, "background should be white"
    assert sum(share[100:200]) > 0.03, "bars should be a mid grey, apart from text and background"
    assert sum(share[:60]) > 0.005, "marks, axes and text should be near black"
    assert sum(1 for c in counts if c) > 2


def test_marks_are_drawn(chart):
    from PIL import Image

    def dark_pixels(png: bytes) -> int:
        grey = Image.open(io.BytesIO(png)).convert("L")
        return sum(grey.histogram()[:60])

    unmarked = coverage_chart(_three_months(), [])
    assert unmarked is not None
    assert dark_pixels(chart.png) > dark_pixels(unmarked.png) + 500


def test_same_input_same_bytes(chart):
    again = coverage_chart(_three_months(), MARKED)
    assert again is not None
    assert again.png == chart.png
    assert b"tEXt" not in chart.png and b"tIME" not in chart.png  # no software or time stamp


def test_alt_text_gives_the_facts(chart):
    alt = chart.alt
    assert alt.startswith("Bar chart of coverage: 51 articles from 3 March to 1 June 2011")
    assert "most in the week of 21 March (23)" in alt  # 20 surge articles + 3 of the steady ones
    for n, (date, label) in enumerate(MARKED, 1):
        assert f"{n}, {date.day} {date:%B %Y}: {label}" in alt
    # in the order given, which is the order of the numbers on the chart
    assert alt.index("19 March 2011") < alt.index("31 March 2011") < alt.index("20 May 2011")


def test_no_chart_for_a_handful_of_articles():
    dates = [dt.date(2020, 3, 19), dt.date(2021, 5, 1), dt.date(2022, 3, 15)]  # a folder of five over two years
    assert coverage_chart(dates, []) is None


def test_alt_text_names_both_years_when_the_span_crosses_one():
    dates = [dt.date(2020, 12, 1)] * 11 + [dt.date(2021, 2, 1)]
    found = coverage_chart(dates, [])
    assert found is not None
    assert found.alt == ("Bar chart of coverage: 12 articles from 1 December 2020 to 1 February 2021, "
                         "most in the week of 30 November 2020 (11).")


def test_docx_has_picture_with_alt_text_and_caption(chart, tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Timeline follows.")
    add_chart(doc, chart, CAPTION)
    path = tmp_path / "chart.docx"
    doc.save(path)

    reopened = docx.Document(str(path))
    assert len(reopened.inline_shapes) == 1
    shape = reopened.inline_shapes[0]
    assert shape.width <= Cm(16) + 1
    doc_pr = shape._inline.docPr
    assert doc_pr.get("descr") == chart.alt
    assert doc_pr.get("title")

    paragraphs = reopened.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p._p.xpath(".//wp:inline"))
    caption = paragraphs[at + 1]
    assert caption.text == CAPTION
    assert all(run.italic for run in caption.runs)
    assert paragraphs[at].paragraph_format.keep_with_next

    # the image part holds the chart's own bytes, unchanged
    with zipfile.ZipFile(path) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert [z.read(n) for n in media] == [chart.png]
        body = etree.fromstring(z.read("word/document.xml"))
    assert len(body.findall(".//" + qn("wp:docPr"))) == 1


def test_picture_shrinks_to_a_narrow_text_width(chart):
    doc = docx.Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(4)
    add_chart(doc, chart, CAPTION)
    text_width = section.page_width - section.left_margin - section.right_margin
    assert doc.inline_shapes[0].width == text_width


def test_an_event_long_before_the_coverage_is_left_off_the_picture():
    coup = (dt.date(1969, 9, 1), "Gaddafi takes power")
    with_coup = coverage_chart(_three_months(), [coup, *MARKED])
    without = coverage_chart(_three_months(), MARKED)
    assert with_coup is not None and without is not None
    assert "1, 1 September 1969 (before the chart): Gaddafi takes power" in with_coup.alt
    assert "2, 19 March 2011: Air strikes begin" in with_coup.alt
    # the axis is not stretched back to 1969: same size, similar picture (numbers 2-4, not 1-3)
    from PIL import Image, ImageChops

    a = Image.open(io.BytesIO(with_coup.png)).convert("L")
    b = Image.open(io.BytesIO(without.png)).convert("L")
    changed = sum(ImageChops.difference(a, b).point(lambda v: 255 if v > 40 else 0).histogram()[255:])
    assert changed < 0.02 * a.size[0] * a.size[1]
