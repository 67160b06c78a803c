"""Chart: a story's coverage over time, articles a week, with the timeline's events marked.

Only a story that runs for more than a month gets one; a short story's timeline says it all.
The picture is drawn to be read printed in black and white: grey bars, black dashed marks,
numbers in white circles, so nothing depends on colour. Alt text carries the same facts in
words for a screen-reader user.

    >>> chart = coverage_chart(dates, [(dt.date(2011, 3, 19), "Air strikes begin")])
    >>> if chart:
    ...     add_chart(doc, chart, "Figure: articles a week; numbered marks are the events in the timeline.")
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document
from docx.shared import Cm, Emu

from .temporal import MONTHS

MIN_SPAN_DAYS = 31  # "more than a month": up to 31 days the timeline alone shows the shape
MIN_ARTICLES = 12  # fewer dated articles make a few lonely bars: the timeline says it better
WIDTH_CM, HEIGHT_CM = 16.0, 5.5  # the text width of A4 with 2.5 cm margins; add_chart shrinks it to fit
DPI = 200  # sharp in print at 16 cm while keeping the PNG under ~40 kB
FONT_PT = 8.5  # at the printed size; 8 pt is the smallest that reads comfortably on paper
BAR_GREY = "0.62"  # mid grey: black dashed marks and black text stay visible on top of it
MAX_TICKS = 12  # month labels like "Sep 2011" need ~1.2 cm each on a ~14.5 cm wide axis
MARK_GAP = 0.035  # share of the axis one number circle covers; closer marks are stacked
MAX_LEVELS = 3  # stacked rows of numbers; more would squash the bars in 5.5 cm
ROW_PT = 13  # one row of numbers: a circle around an 8 pt digit is ~12 pt across
# an event dated well outside the coverage (a coup decades back) would squash every bar into a
# sliver: the axis stretches at most this share of the coverage span to show a mark
MAX_STRETCH = 0.25


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt: str  # the chart in one paragraph of words, for the picture's alt text
    width_cm: float


def coverage_chart(article_dates: Sequence[dt.date | None],
                   marked: Sequence[tuple[dt.date, str]]) -> Chart | None:
    """Articles a week as a bar chart with `marked` events numbered 1..n, or None for a short story.

    Args:
        article_dates: one date per article; None (undated articles) is skipped.
        marked: the timeline's events as (date, short label), numbered in this order.

    Returns None when fewer than MIN_ARTICLES articles are dated or they span 31 days or less.
    """
    dates = sorted(_day(d) for d in article_dates if d is not None)
    if len(dates) < MIN_ARTICLES or (dates[-1] - dates[0]).days <= MIN_SPAN_DAYS:
        return None
    marks = tuple((_day(d), label) for d, label in marked)
    weeks = Counter(_week_start(d) for d in dates)
    reach = dt.timedelta(days=round((dates[-1] - dates[0]).days * MAX_STRETCH))
    window = (_week_start(dates[0]) - reach, _week_start(dates[-1]) + dt.timedelta(days=6) + reach)
    png = _render(weeks, marks, window)
    return Chart(png=png, alt=_alt_text(dates, weeks, marks, window), width_cm=WIDTH_CM)


def add_chart(doc: Document, chart: Chart, caption: str) -> None:
    """Append the chart as an inline picture with alt text, then `caption` in italics below it."""
    picture = doc.add_paragraph()
    # a chart cut from its caption by a page break reads as an unexplained picture
    picture.paragraph_format.keep_with_next = True
    section = doc.sections[-1]
    width = Cm(chart.width_cm)
    if section.page_width and section.left_margin is not None and section.right_margin is not None:
        # a template with wider margins than ours: shrink rather than run into the margin
        width = Emu(min(width, section.page_width - section.left_margin - section.right_margin))
    shape = picture.add_run().add_picture(io.BytesIO(chart.png), width=width)
    # Word and LibreOffice read docPr/@descr as the alt text; @title is a short name some
    # screen readers announce first, so it is not a second copy of the description
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", chart.alt)
    doc_pr.set("title", "Chart of coverage over time")
    doc.add_paragraph().add_run(caption).italic = True


def _day(d: dt.date) -> dt.date:
    # datetime is a subclass of date; weeks and spans are counted in calendar days
    return d.date() if isinstance(d, dt.datetime) else d


def _week_start(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())  # weeks run Monday to Sunday, as in UK diaries


def _long_date(d: dt.date, year: bool = True) -> str:
    return f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")


def _alt_text(dates: list[dt.date], weeks: Counter, marks: tuple[tuple[dt.date, str], ...],
              window: tuple[dt.date, dt.date]) -> str:
    first, last = dates[0], dates[-1]
    one_year = first.year == last.year
    # ties go to the earliest week: the first surge is the one a reader looks for
    peak = min(weeks, key=lambda w: (-weeks[w], w))
    text = (f"Bar chart of coverage: {len(dates)} articles from {_long_date(first, year=not one_year)} "
            f"to {_long_date(last)}, most in the week of {_long_date(peak, year=not one_year)} ({weeks[peak]}).")
    items = []
    for n, (d, label) in enumerate(marks, 1):
        label = label.strip().rstrip(".")
        where = " (before the chart)" if d < window[0] else " (after the chart)" if d > window[1] else ""
        items.append(f"{n}, {_long_date(d)}{where}" + (f": {label}" if label else ""))
    if items:
        text += f" Marked: {'; '.join(items)}."
    return text


def _month_ticks(lo: dt.date, hi: dt.date) -> list[dt.date]:
    """First days of months in [lo, hi], thinned to at most MAX_TICKS on calendar steps."""
    months = []
    d = dt.date(lo.year, lo.month, 1)
    while d <= hi:
        if d >= lo:
            months.append(d)
        d = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    if len(months) < 3:
        # a story of five or six weeks shows only one or two month starts: add the 15ths
        mids = [m.replace(day=15) for m in [dt.date(lo.year, lo.month, 1), *months]]
        return sorted(months + [m for m in mids if lo <= m <= hi])
    # steps keep to the calendar (Jan, Apr, Jul, Oct for 3 months) so the labels look familiar
    for step in (1, 2, 3, 6, 12):
        kept = [m for m in months if (m.month - 1) % step == 0]
        if kept and len(kept) <= MAX_TICKS:
            return kept
    years = [m for m in months if m.month == 1]
    return years[:: len(years) // MAX_TICKS + 1]


def _tick_label(d: dt.date, first: bool) -> str:
    name = MONTHS[d.month - 1][:3]
    if d.day != 1:
        return f"{d.day} {name}"
    # the year only where it changes, so the axis is not twelve repeats of "2011"
    return f"{name} {d.year}" if first or d.month == 1 else name


def _levels(xs: list[float], gap: float) -> list[int]:
    """Row for each mark's number: the lowest row whose last number is at least `gap` to the left."""
    last: list[float] = []  # x of the latest number placed in each row
    rows = [0] * len(xs)
    for i in sorted(range(len(xs)), key=lambda i: xs[i]):
        free = [r for r, x in enumerate(last) if xs[i] - x >= gap]
        if free:
            row = free[0]
        elif len(last) < MAX_LEVELS:
            row = len(last)
            last.append(xs[i])
        else:
            # every row is crowded: overlap where it does least harm; alt text and timeline list all
            row = min(range(len(last)), key=lambda r: last[r])
        last[row] = xs[i]
        rows[i] = row
    return rows


def _render(weeks: Counter, marks: tuple[tuple[dt.date, str], ...], window: tuple[dt.date, dt.date]) -> bytes:
    # imported here: matplotlib takes ~0.5 s to import and most commands never draw a chart
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator
    from matplotlib.transforms import blended_transform_factory

    # a Figure with its own Agg canvas, not pyplot: no global figure state, no GUI backend
    fig = Figure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()

    # x is the day ordinal; a bar spans its Monday-to-Sunday week with a one-day gap
    starts = sorted(weeks)
    first_week, last_week = starts[0], starts[-1]
    all_weeks = [first_week + dt.timedelta(weeks=i) for i in range((last_week - first_week).days // 7 + 1)]
    ax.bar([w.toordinal() + 3.5 for w in all_weeks], [weeks.get(w, 0) for w in all_weeks], width=6,
           color=BAR_GREY, edgecolor="black", linewidth=0.4, zorder=2)

    # numbers keep their place in `marked`; a mark outside the window is left out of the picture
    shown = [(n, d) for n, (d, _) in enumerate(marks, 1) if window[0] <= d <= window[1]]
    lo = min([first_week] + [d for _, d in shown])
    hi = max([last_week + dt.timedelta(days=7)] + [d + dt.timedelta(days=1) for _, d in shown])
    pad = max(2.0, (hi - lo).days * 0.01)
    ax.set_xlim(lo.toordinal() - pad, hi.toordinal() + pad)
    ticks = _month_ticks(lo, hi)
    first_month = next((t for t in ticks if t.day == 1), None)
    ax.set_xticks([t.toordinal() for t in ticks], [_tick_label(t, t == first_month) for t in ticks])

    ax.set_ylim(0, max(weeks.values()) * 1.08)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax.set_ylabel("Articles a week", fontsize=FONT_PT)
    ax.tick_params(labelsize=FONT_PT, length=3, width=0.6)
    ax.grid(axis="y", color="0.85", linewidth=0.6, zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    # numbers sit above the plot so they never hide a bar, offset in points from the axes top
    # (not in axes units) so constrained layout, which shrinks the axes, keeps room for them
    over = blended_transform_factory(ax.transData, ax.transAxes)
    xs = [d.toordinal() + 0.5 for _, d in shown]
    span = ax.get_xlim()[1] - ax.get_xlim()[0]
    for (n, _), x, row in zip(shown, xs, _levels(xs, MARK_GAP * span)):
        ax.axvline(x, color="black", linewidth=0.8, linestyle=(0, (3, 2)), zorder=3)
        ax.annotate(str(n), xy=(x, 1), xycoords=over, xytext=(0, 9 + ROW_PT * row), textcoords="offset points",
                    ha="center", va="center", fontsize=FONT_PT - 0.5, fontweight="bold", annotation_clip=False,
                    # lower rows drawn last: their white circles cover the leads of the rows above
                    zorder=5 - row / 10,
                    bbox=dict(boxstyle="circle,pad=0.2", facecolor="white", edgecolor="black", linewidth=0.7),
                    arrowprops=dict(arrowstyle="-", color="black", linewidth=0.8, linestyle=(0, (3, 2)),
                                    shrinkA=0, shrinkB=0))

    out = io.BytesIO()
    # no Software/date chunks: the same story builds the same bytes, so the .docx is reproducible
    fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    return out.getvalue()
