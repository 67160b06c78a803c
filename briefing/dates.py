"""When did a happening take place? Dates as the sources state them, resolved across articles.

Journalists date the news peg loosely ("a visit in May", "an inspection in January") and the
background precisely ("rated inadequate in January 2020"). So:

* a dated article's happening is a day its lead names within a week before publication
  ("on Tuesday", "yesterday", "20 April": `briefing.temporal`), else a month its lead names
  without a year within `RECENT_DAYS` before publication ("an inspection in January",
  resolved by the tense: a June article's "will leave in October" is the coming October,
  not a past happening), else its publication day. Dates further back are the story's
  background, repeated by every article ("rated inadequate in January 2020"), not this
  article's news;
* a month named without a year in an undated article takes its year from another article
  that dates the same happening (a sentence naming that month with a year and quoting words
  that this article also carries);
* an undated article's event date is the latest such resolved month;
* with none, the event is "date not stated", placed after the latest date it does mention,
  never at a guessed date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .ingest import parse_date
from .models import Article, EventDate
from .quotes import quotations
from .temporal import (
    DAY,
    MONTH,
    MONTH_RE,
    TimeMention,
    month_in_direction,
    month_number,
)

_MONTH_YEAR = re.compile(rf"\b({MONTH_RE})\.?,?\s+(\d{{4}})\b")
_MONTH_ALONE = re.compile(rf"\b(?:in|on|during|since|from|by|this|last|early|late|mid-?)\s+({MONTH_RE})\b(?![\s.,]*\d)")
_YEAR = re.compile(r"\b(?:in|since|from|of|during)\s+((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class Mention:
    year: int | None
    month: int | None
    sentence: str


def mentions(sentences: list[str]) -> tuple[list[Mention], list[Mention]]:
    """(dated mentions, yearless month mentions) in the sentences."""
    dated, yearless = [], []
    for s in sentences:
        full = parse_date(s)
        if full:
            dated.append(Mention(full.year, full.month, s))
        for m in _MONTH_YEAR.finditer(s):
            dated.append(Mention(int(m[2]), month_number(m[1]), s))
        for m in _YEAR.finditer(s):
            dated.append(Mention(int(m[1]), None, s))
        for m in _MONTH_ALONE.finditer(s):
            yearless.append(Mention(None, month_number(m[1]), s))
    return dated, yearless


def _as_date(m: Mention) -> dt.date:
    return dt.date(m.year, m.month or 1, 1)


LEAD_SENTENCES = 5  # where an article states its own news
WEEK_DAYS = 7  # a day named this long before publication is still the article's news
RECENT_DAYS = 100  # a month named without its year: this recent, the article's news


def _own_date(article: Article, times: Sequence[Sequence[TimeMention]]) -> EventDate:
    """A dated article's happening, from the dates its lead names (see the module notes)."""
    lead = [m for sentence in times[:LEAD_SENTENCES] for m in sentence]
    pub = article.date
    days = Counter(m.date for m in lead if m.precision == DAY and 0 <= (pub - m.date).days <= WEEK_DAYS)
    if days:
        day = max(days, key=lambda d: (days[d], d))
        return EventDate(year=day.year, month=day.month, day=day.day)
    # (the month of publication itself, "earlier this month", dates the article no closer than
    # its own day does: "... has been sentenced; he was found guilty earlier this month")
    months = [m.date for m in lead if m.precision == MONTH and m.relative
              and 0 <= (pub - m.date).days <= RECENT_DAYS and (m.date.year, m.date.month) != (pub.year, pub.month)]
    if months:
        return EventDate(year=max(months).year, month=max(months).month)
    return EventDate(year=pub.year, month=pub.month, day=pub.day)


def resolve_event_dates(articles: list[Article], sentences: dict[str, list[str]],
                        times: Mapping[str, Sequence[Sequence[TimeMention]]] | None = None) -> dict[str, EventDate]:
    """The date of each article's own happening, keyed by Article.id.

    Args:
        articles: the articles.
        sentences: Article.id -> its sentences.
        times: Article.id -> the dates each of its sentences names (`briefing.temporal`);
            without them a dated article's news is dated by the months it names alone.
    """
    result: dict[str, EventDate] = {}
    if times is not None:
        for a in articles:
            if a.date and a.id in times:
                result[a.id] = _own_date(a, times[a.id])
    found = {a.id: mentions(sentences[a.id]) for a in articles}
    quotes = {a.id: {q.lower() for s in sentences[a.id] for q in quotations(s)} for a in articles}
    dated_quotes = _dated_quotes(articles, found)
    for a in articles:
        if a.id in result:
            continue
        dated, yearless = found[a.id]
        resolved: list[dt.date] = []
        for m in yearless:
            year = None
            if a.date:
                year = month_in_direction(m.month, a.date, "past").year
            else:
                year = _year_from_other_articles(a, m.month, dated_quotes, quotes)
            if year:
                resolved.append(dt.date(year, m.month, 1))
        if a.date:
            resolved = [d for d in resolved if d <= a.date]
        if resolved:
            d = max(resolved)
            result[a.id] = EventDate(year=d.year, month=d.month)
            continue
        if a.date:
            result[a.id] = EventDate(year=a.date.year, month=a.date.month, day=a.date.day)
            continue
        bounds = [_as_date(m) for m in dated]
        result[a.id] = EventDate(after=max(bounds) if bounds else None)
    return result


SUBSTRING_SEARCH_LIMIT = 2000


def _dated_quotes(articles: list[Article], found) -> dict[str, list[tuple[str, int, int]]]:
    """Quotation (lower case) -> (article id, month, year) of each sentence that quotes it and
    names a month with its year: an index, so dating costs no article-by-article scan."""
    index: dict[str, list[tuple[str, int, int]]] = {}
    for a in articles:
        for m in found[a.id][0]:
            if m.year is None or m.month is None:
                continue
            for q in quotations(m.sentence):
                index.setdefault(q.lower(), []).append((a.id, m.month, m.year))
    return index


def _year_from_other_articles(article, month, dated_quotes, quotes) -> int | None:
    """A year for `month` from another article that dates the same happening.

    The other article must name the month with a year in a sentence that quotes words this
    article also carries ("nothing is completely fixed"): that is how a reader would tell
    that both speak of one visit or one report. A quotation one article trims ("completely
    fixed") still matches the other's fuller one.
    """
    mine = quotes[article.id]
    if not mine:
        return None
    for q in mine:
        for other, m_month, year in dated_quotes.get(q, ()):
            if other != article.id and m_month == month:
                return year
    # Trimmed quotations: substring matches, affordable only while dated quotations are few
    # (a briefing's folder); at archive scale exact matches alone must do.
    if len(dated_quotes) > SUBSTRING_SEARCH_LIMIT:
        return None
    for theirs, entries in dated_quotes.items():
        if any(q in theirs or theirs in q for q in mine):
            for other, m_month, year in entries:
                if other != article.id and m_month == month:
                    return year
    return None
