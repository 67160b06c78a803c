"""Temporal expressions: what dates a sentence names, resolved against its article's publication date.

spaCy's DATE entities find the expressions ("on Tuesday", "yesterday", "20 April", "in
October", "last year"); dateparser resolves each against the publication date and says what
it names (a day, a week, a month, a year). What neither settles is the direction of a bare
weekday or month: a June article's "will leave in October" is the coming October, its "met
in March" the past one. The parse gives the tense of the verb the expression hangs on
(`direction_of`); news reports the past unless the clause says otherwise.

Only sentences holding a cue (a month or weekday name, a year, "yesterday", "next week"...)
are parsed: a briefing's folder has tens of thousands of sentences and most name no date.

An undated article's relative expressions cannot be resolved and are not: only dates that
carry their own year ("20 April 2022", "January 2020") are read from it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

STAGE_VERSION = 1  # bump when what is found or how it is resolved changes: cached results are redone

DAY, MONTH, YEAR = "day", "month", "year"

# The calendar's words, for every stage that reads or writes a date.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A month as news writes it: its name or its abbreviation ("Jan", "Sept").
MONTH_RE = "|".join(MONTHS) + "|" + "|".join(m[:3] for m in MONTHS) + "|Sept"
# A weekday or its abbreviation ("Tues", "Wed", "Thurs").
WEEKDAY_RE = r"(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
# Time words that mean nothing without the day they were written: a briefing sentence never
# keeps one outside a quotation.
RELATIVE_TIME = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|now|currently|recently|ago"
    r"|(?:this|last|next|coming|past)\s+(?:week|weekend|month|year|morning|afternoon|evening|night|summer|winter|"
    rf"spring|autumn|{'|'.join(MONTHS)}|{'|'.join(WEEKDAYS)})"
    rf"|(?:on|last|next|this)\s+(?:{'|'.join(WEEKDAYS)})"
    r"|(?:hours|days|weeks|minutes|moments|a day|a week)\s+(?:later|earlier|before))\b", re.IGNORECASE)

_MONTHS = "|".join(MONTHS)
_MONTHS_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_WEEKDAYS = tuple(d.lower() for d in WEEKDAYS)
_CUE = re.compile(  # names capitalised ("may" the verb is no month), other words in any case
    rf"\b(?:{_MONTHS}|(?:{_MONTHS_SHORT})\b\.?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|(?:19|20)\d\d|(?i:yesterday|today|tonight|tomorrow|(?:last|next|this|coming)\s+(?:week|weekend|month|year)))\b")
# A weekday or day number makes a day; a bare number is not one ("1990s", "Number 11").
_DAY_WORD = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|tomorrow)\b",
                       re.IGNORECASE)
_MONTH_WORD = re.compile(rf"\b(?:{_MONTHS}|(?:{_MONTHS_SHORT})\b)", re.IGNORECASE)
_DAY_NUMBER = re.compile(r"\b(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b")
_YEAR_NUMBER = re.compile(r"\b(?:1[89]|20)\d\d\b")
# What dateparser reads wrong or too precisely: decades, centuries, spans, times of day alone.
_VAGUE = re.compile(r"\d0s\b|centur|decade|years?\s+ago|\bseason\b|\bperiod\b|\bquarter\b|\bhalf\b|\bterm\b",
                    re.IGNORECASE)
# Words before a weekday or month that fix its direction whatever the verb's tense.
_PAST_WORDS = re.compile(r"\b(?:last|earlier|ago|previous|past|since|former)\b", re.IGNORECASE)
_FUTURE_WORDS = re.compile(r"\b(?:next|coming|upcoming|later|until|till|from now)\b", re.IGNORECASE)
# Words dateparser does not need and sometimes trips on ("on Tuesday", "this July", "mid-March").
_LEADING = re.compile(r"^(?:(?:on|in|by|at|from|since|until|till|during|this|that|the|early|late|mid|mid-|"
                      r"earlier|later|last|next|coming|of|around|about|before|after|between)\s*)+", re.IGNORECASE)
# Verbs whose "to ..." complement lies ahead: "is due to open in October".
_AHEAD = {"due", "set", "expect", "plan", "schedule", "go", "aim", "intend", "hope", "prepare", "want", "propose",
          "promise", "threaten", "vow", "pledge", "agree", "decide", "likely", "expected", "scheduled", "poised"}


@dataclass(frozen=True)
class TimeMention:
    """A date a sentence names: what is written, the first day of what it names, how precisely."""

    text: str  # as written ("on Tuesday")
    date: dt.date  # first day of the day, month or year named
    precision: str  # DAY, MONTH or YEAR
    relative: bool  # read against the publication date ("Tuesday", "in October"), not stated whole


def month_number(name: str) -> int:
    """1-12 for a month's name or abbreviation ("Sept." is 9)."""
    name = name.rstrip(".").lower()[:3]
    return [m[:3].lower() for m in MONTHS].index(name) + 1


def has_cue(sentence: str) -> bool:
    """True when the sentence may name a date (cheap: decides what is parsed)."""
    return _CUE.search(sentence) is not None


def clause_verb(ent):
    """The verb of the clause a time expression belongs to (the sentence's root when none is
    above it)."""
    verb = ent.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:  # spaCy makes a new Token each time: no `is`
        verb = verb.head
    return verb


def direction_of(ent) -> str:
    """"future" when the clause the expression belongs to looks ahead, else "past"."""
    before = ent.doc[max(0, ent.start - 2):ent.start].text + " " + ent.text
    if _PAST_WORDS.search(before):
        return "past"
    if _FUTURE_WORDS.search(before):
        return "future"
    verb = clause_verb(ent)
    for v in (verb, verb.head):
        if v.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        aux = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
        if aux & {"will", "'ll", "shall", "wo"}:
            return "future"
        if "to" in aux and v.head.i != v.i and v.head.lemma_.lower() in _AHEAD:
            return "future"
        if v.tag_ in ("VBD", "VBN"):
            return "past"
        if v.tag_ == "VBG" and aux & {"is", "are", "am", "'s", "'re"}:
            return "future"  # "is meeting on Friday": an arrangement
    return "past"


@lru_cache(maxsize=4096)
def _parser(base: dt.date, direction: str):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": direction,
        "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False})


def _weekday(name: str, published: dt.date, direction: str) -> dt.date:
    """The named weekday nearest the publication date in `direction`: in a Tuesday's paper,
    "on Tuesday" in the past tense is that day, in the future tense the one a week on."""
    wanted = _WEEKDAYS.index(name)
    if direction == "past":
        return published - dt.timedelta(days=(published.weekday() - wanted) % 7)
    return published + dt.timedelta(days=(wanted - published.weekday()) % 7 or 7)


@lru_cache(maxsize=65536)
def resolve(text: str, published: dt.date | None, direction: str = "past") -> TimeMention | None:
    """What `text` names, read against `published` in `direction`; None when it names no
    day, month or year, or needs a publication date the article lacks."""
    if _VAGUE.search(text):
        return None
    core = _LEADING.sub("", text.strip()).strip(" ,.'")
    if not core:
        return None
    has_year = _YEAR_NUMBER.search(core) is not None
    if published is None and not has_year:
        return None
    month_named = _MONTH_WORD.search(core) is not None
    day_named = _DAY_WORD.search(core) is not None or (month_named and _DAY_NUMBER.search(
        _YEAR_NUMBER.sub("", core)) is not None)
    relative = not has_year
    words = core.lower().split()
    if published is not None and len(words) <= 2 and words[0] in _WEEKDAYS:
        return TimeMention(text, _weekday(words[0], published, direction), DAY, True)
    base = published or dt.date(int(_YEAR_NUMBER.search(core)[0]), 6, 15)
    found = _parser(base, direction).get_date_data(core)
    if found.date_obj is None:  # "next year", "last month": the modifier is the meaning
        found = _parser(base, direction).get_date_data(text.strip(" ,.'"))
    if found.date_obj is None:
        return None
    when = found.date_obj.date()
    period = found.period
    if period == DAY and not day_named:
        return None  # dateparser filled in a day nobody wrote
    if period == DAY:
        return TimeMention(text, when, DAY, relative)
    if period == MONTH and (month_named or re.search(r"\bmonth\b", text, re.IGNORECASE)):
        if published is not None and month_named and not has_year:
            when = month_in_direction(when.month, published, direction)
        return TimeMention(text, when.replace(day=1), MONTH, relative)
    if period == YEAR and (has_year or re.search(r"\byear\b", text, re.IGNORECASE)):
        return TimeMention(text, dt.date(when.year, 1, 1), YEAR, relative)
    return None


def month_in_direction(month: int, published: dt.date, direction: str) -> dt.date:
    """A month named without its year: this month or the latest before (past), this month or
    the next one on (future)."""
    year = published.year
    if direction == "past" and month > published.month:
        year -= 1
    if direction == "future" and month < published.month:
        year += 1
    return dt.date(year, month, 1)


def find_times(sentences: Sequence[str], published: dt.date | None,
               parse: Callable[[Sequence[str]], list]) -> tuple[tuple[TimeMention, ...], ...]:
    """The dates each sentence names, in order, one tuple a sentence.

    Args:
        sentences: an article's sentences.
        published: its publication date, against which relative expressions are read.
        parse: texts -> spaCy Docs with named entities (`briefing.parse.Parser` with
            entities=True); called once, with only the sentences holding a cue.
    """
    cued = [i for i, s in enumerate(sentences) if has_cue(s)]
    found: list[tuple[TimeMention, ...]] = [()] * len(sentences)
    for i, doc in zip(cued, parse([sentences[i] for i in cued]) if cued else ()):
        mentions = []
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            m = resolve(ent.text, published, direction_of(ent))
            if m is not None:
                mentions.append(m)
        found[i] = tuple(mentions)
    return tuple(found)
