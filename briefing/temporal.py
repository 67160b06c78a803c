"""Temporal expressions: what dates a sentence names, resolved against its article's publication date.

spaCy's DATE entities find the expressions ("on Tuesday", "yesterday", "20 April", "in
October", "last year"); dateparser resolves each against the publication date and says what
it names (a day, a week, a month, a year). What neither settles is the direction of a bare
weekday or month: a June article's "will leave in October" is the coming October, its "met
in March" the past one. The parse gives the tense of the verb the expression hangs on
(`direction_of`); news reports the past unless the clause says otherwise. A present tense or a
schedule ("takes place on 8 October", "is scheduled for 8 October") names the coming day, unless
one has just gone; a future told in the past ("said the vote would take place on 3 April") may
fall either side of publication and takes the nearest.

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

STAGE_VERSION = 3  # bump when what is found or how it is resolved changes: cached results are redone

DAY, MONTH, YEAR = "day", "month", "year"
# Directions a date named without its year is read in (`direction_of`): on or before the
# publication date, after it, the coming one unless one has just gone (a present tense or a
# schedule), or whichever is nearer (a future told in the past).
PAST, FUTURE, PRESENT, NEAREST = "past", "future", "present", "nearest"
# How recently a day may have gone for a present tense to mean it ("the hearing is on 8 October"
# in a 10 October paper): a month. Schedules restated in the present after the day are stale copy
# or reviews, rarely eleven months ahead (a writer would give the year). On the seven dev stories
# (bench/timeline.py) 0, 31, 62 and 92 days move 3 to 9 of 13,000 day mentions onto or off a
# gold day: the data hardly chooses, so it is the reviewer's "shortly before", a month.
PRESENT_LOOKBACK = 31

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
    # "two weeks before" alone is relative; "two weeks before the war" is anchored to the war
    r"|(?:hours|days|weeks|minutes|moments|a day|a week)\s+(?:later|earlier|before(?![ \t]+[\w\u2018\u201c\"'])))\b",
    re.IGNORECASE)

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
# Any number that may be a year ("15 June 1215", "30 May 1593"): dateparser's year then stands.
_ANY_YEAR = re.compile(r"\b\d{3,4}\b")
# What dateparser reads wrong or too precisely: decades, centuries, spans, times of day alone.
_VAGUE = re.compile(r"\d0s\b|centur|decade|years?\s+ago|\bseason\b|\bperiod\b|\bquarter\b|\bhalf\b|\bterm\b",
                    re.IGNORECASE)
# Words before a weekday or month that fix its direction whatever the verb's tense.
_PAST_WORDS = re.compile(r"\b(?:last|earlier|ago|previous|past|since|former)\b", re.IGNORECASE)
# Not "later" ("resigned later in March"), nor "until" or "till": the end of what a past clause
# tells may lie either side ("stayed in office until 12 March", "closed the schools until 6 May").
_FUTURE_WORDS = re.compile(r"\b(?:next|coming|upcoming|from now)\b", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:until|till)\b", re.IGNORECASE)
_VERBS = ("VERB", "AUX", "ADJ")  # what gives a clause its tense ("likely to", "due to": ADJ)
# What follows the date opening a chronology's line ("March 17 - The U.N. votes", "March 21: Eight died").
_LINE_MARKS = {"-", "--", "–", "—", ":"}
# Words dateparser does not need and sometimes trips on ("on Tuesday", "this July", "mid-March").
_LEADING = re.compile(r"^(?:(?:on|in|by|at|from|since|until|till|during|this|that|the|early|late|mid|mid-|"
                      r"earlier|later|last|next|coming|of|around|about|before|after|between)\s*)+", re.IGNORECASE)
# Verbs whose "to ..." complement lies ahead: "is due to open in October".
_AHEAD = {"due", "set", "expect", "plan", "schedule", "go", "aim", "intend", "hope", "prepare", "want", "propose",
          "promise", "threaten", "vow", "pledge", "agree", "decide", "likely", "expected", "scheduled", "poised"}
# Auxiliaries. "will publish" looks ahead. "would take place", "could come": a future told in the
# past or a possibility, on either side of publication. "may come", "must end": said from the
# present. Forms of "have" make a perfect ("would have turned 40"), told of the past.
_WILL = {"will", "'ll", "shall", "wo"}
_EITHER_SIDE = {"would", "could", "might"}
_MODAL_NOW = {"can", "ca", "may", "must", "should"}
# A year fixed by words, not digits: "25 June last year", "June of this year", "last June", "next March".
_YEAR_WORDS = re.compile(
    rf"(?:(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month1>{_MONTHS}|{_MONTHS_SHORT})\.?"
    rf"(?:\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?(?P<which1>last|this|next)\s+year"
    rf"|(?P<which2>last|this|next|coming)\s+(?P<month2>{_MONTHS}|{_MONTHS_SHORT})\.?", re.IGNORECASE)
# Words before such an expression that change nothing in it ("on 25 June last year", "in early June last year").
_BEFORE_YEAR_WORDS = re.compile(r"^(?:(?:on|in|by|from|since|until|till|during|the|early|late|mid-?|around|"
                                r"about|before|after)\s*)+", re.IGNORECASE)


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
    """The direction the clause an expression belongs to reads it in: PAST, FUTURE, PRESENT or
    NEAREST (see their comment); words before it ("last", "next") outrank the verb's tense."""
    before = ent.doc[max(0, ent.start - 2):ent.start].text + " " + ent.text
    if _PAST_WORDS.search(before):
        return PAST
    if _FUTURE_WORDS.search(before):
        return FUTURE
    if _opens_a_chronology_line(ent):
        return PAST  # "February 24 - Militias take Misrata": a chronology's present tells the past
    verb = clause_verb(ent)
    tense = _clause_tense(verb)
    if tense == PAST and _UNTIL.search(before):
        return NEAREST  # the end of what a past clause tells: "stayed until 12 March", "closed until 6 May"
    if tense == PRESENT and _hangs_on_a_noun(ent, verb):
        return PAST  # "Resolution 1973 of March 17 says": the resolution's day, not the saying's
    return tense


def _clause_tense(verb) -> str:
    """The direction a clause's verb gives; the verb above it decides when this one gives none
    ("went to Paris to meet officials on 3 April") or a present under a future ("will hold the
    note when she sings at Saturday's Super Bowl"); PAST when neither does: news tells the past."""
    own = _tense_of(verb) if verb.pos_ in _VERBS else None
    above = _tense_of(verb.head) if verb.head.i != verb.i and verb.head.pos_ in _VERBS else None
    if own is None or own == PRESENT and above in (FUTURE, NEAREST):
        own = above
    return own or PAST


def _opens_a_chronology_line(ent) -> bool:
    """True when the expression opens its sentence and a dash or colon follows it, as each line
    of a journalist's chronology does (`briefing.timeline` reads such lines in the past too)."""
    doc = ent.doc
    return all(t.is_punct for t in doc[:ent.start]) and ent.end < len(doc) and doc[ent.end].text in _LINE_MARKS


def _hangs_on_a_noun(ent, verb) -> bool:
    """True when a noun stands between the expression and its clause's verb ("the attacks of 11
    September", "the murder of 13 people on 5 November"): the date is the noun's event's."""
    token = ent.root
    while token.i != verb.i and token.head.i != token.i:
        token = token.head
        if token.i != verb.i and token.pos_ in ("NOUN", "PROPN"):
            return True
    return False


def _tense_of(verb) -> str | None:
    """The direction a verb's own tense gives, or None when it gives none (a bare "to meet")."""
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in helpers}
    perfect = any(c.lemma_.lower() == "have" for c in helpers)
    present = any(c.tag_ in ("VBZ", "VBP") for c in helpers)  # "is", "are", "does"
    if words & _WILL:
        return FUTURE
    if "to" in words and verb.head.i != verb.i and verb.head.lemma_.lower() in _AHEAD:
        return FUTURE  # "is due to open"
    if words & _EITHER_SIDE and not perfect:
        return NEAREST  # "said the vote would take place on 3 April"
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in helpers) or perfect:
        return PAST  # "met", "was closed", "did not attend", "has been rated"
    if verb.tag_ == "VBN":
        # "is scheduled for": a present passive; "published on Monday" alone is told of the past
        return PRESENT if present else PAST
    if verb.tag_ == "VBG" and present:
        return FUTURE  # "is meeting on Friday": an arrangement
    if verb.tag_ in ("VBZ", "VBP") or present or words & _MODAL_NOW:
        return PRESENT  # "takes place on 8 October", "is on 8 October", "may come on 3 April"
    return None


# dateparser's name for each direction; days and months named without a year are placed by
# `day_in_direction` and `month_in_direction`, so this only settles "the weekend" and the like.
_DATEPARSER_DIRECTION = {PAST: "past", FUTURE: "future", PRESENT: "future", NEAREST: "current_period"}


@lru_cache(maxsize=4096)
def _parser(base: dt.date, direction: str):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": direction,
        "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False})


def _weekday(name: str, published: dt.date, direction: str) -> dt.date:
    """The named weekday nearest the publication date in `direction`: in a Tuesday's paper,
    "on Tuesday" in the past tense is that day, in the future tense the one a week on. In the
    present tense ("the board meets on Friday") it is the coming one, that day included: a week
    is too short for a schedule to have gone stale, so PRESENT_LOOKBACK does not apply."""
    wanted = _WEEKDAYS.index(name)
    back = (published.weekday() - wanted) % 7
    ahead = (wanted - published.weekday()) % 7
    if direction == PAST or direction == NEAREST and back <= ahead:
        return published - dt.timedelta(days=back)
    if direction == FUTURE:
        return published + dt.timedelta(days=ahead or 7)
    return published + dt.timedelta(days=ahead)


@lru_cache(maxsize=65536)
def resolve(text: str, published: dt.date | None, direction: str = PAST) -> TimeMention | None:
    """What `text` names, read against `published` in `direction`; None when it names no
    day, month or year, or needs a publication date the article lacks.

    Example:
        >>> resolve("8 October", dt.date(2022, 10, 7), PRESENT).date
        datetime.date(2022, 10, 8)
    """
    if _VAGUE.search(text):
        return None
    if published is not None:
        fixed = _year_in_words(text, published)
        if fixed is not None:
            return fixed
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
    parser = _parser(base, _DATEPARSER_DIRECTION.get(direction, "past"))
    found = parser.get_date_data(core)
    if found.date_obj is None:  # "next year", "last month": the modifier is the meaning
        found = parser.get_date_data(text.strip(" ,.'"))
    if found.date_obj is None:
        return None
    when = found.date_obj.date()
    period = found.period
    if period == DAY and not day_named:
        return None  # dateparser filled in a day nobody wrote
    if period == DAY:
        if published is not None and month_named and not _ANY_YEAR.search(core):
            # dateparser's year is a guess ("June 15-16" is 2016): the direction places it
            when = day_in_direction(when.month, when.day, published, direction) or when
        return TimeMention(text, when, DAY, relative)
    if period == MONTH and (month_named or re.search(r"\bmonth\b", text, re.IGNORECASE)):
        if published is not None and month_named and not _ANY_YEAR.search(core):
            when = month_in_direction(when.month, published, direction)
        return TimeMention(text, when.replace(day=1), MONTH, relative)
    if period == YEAR and (has_year or re.search(r"\byear\b", text, re.IGNORECASE)):
        return TimeMention(text, dt.date(when.year, 1, 1), YEAR, relative)
    return None


def _year_in_words(text: str, published: dt.date) -> TimeMention | None:
    """A day or month whose year words fix, whatever the verb: "25 June last year" (the year
    before publication), "10 May this year" (its year), "last June" (the latest June before the
    publication month), "next March" (the first after it); None for any other text."""
    m = _YEAR_WORDS.fullmatch(_BEFORE_YEAR_WORDS.sub("", text.strip(" ,.'")))
    if m is None:
        return None
    month = month_number(m["month1"] or m["month2"])
    day = m["day1"] or m["day2"]
    if m["which1"]:
        year = published.year + {"last": -1, "this": 0, "next": 1}[m["which1"].lower()]
    else:
        which = m["which2"].lower()
        year = published.year - (which == "last" and month >= published.month) \
            + (which in ("next", "coming") and month <= published.month)
    try:
        return TimeMention(text, dt.date(year, month, int(day) if day else 1), DAY if day else MONTH, True)
    except ValueError:  # "31 June", or 29 February in a common year: no such day
        return None


def day_in_direction(month: int, day: int, published: dt.date, direction: str) -> dt.date | None:
    """A day named without its year ("8 October"), in the year `direction` puts it (see PAST,
    FUTURE, PRESENT, NEAREST); None when no year has that day."""
    before, after = _occurrence(month, day, published, -1), _occurrence(month, day, published, 1)
    if before is None or after is None:
        return None
    return _choose((before, before), (after, after), published, direction)


def _occurrence(month: int, day: int, published: dt.date, step: int) -> dt.date | None:
    """The day on or before `published` (step -1) or on or after it (step 1)."""
    for year in range(published.year, published.year + 9 * step, step):  # 29 February recurs within 8 years
        try:
            when = dt.date(year, month, day)
        except ValueError:
            continue
        if (when - published).days * step >= 0:
            return when
    return None


def month_in_direction(month: int, published: dt.date, direction: str) -> dt.date:
    """A month named without its year, in the year `direction` puts it: this month or the
    latest before (past), this month or the next one on (future); see PRESENT and NEAREST."""
    before = dt.date(published.year - (month > published.month), month, 1)
    after = dt.date(published.year + (month < published.month), month, 1)
    return _choose((before, _month_end(before)), (after, _month_end(after)), published, direction)


def _month_end(first: dt.date) -> dt.date:
    return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _choose(before: tuple[dt.date, dt.date], after: tuple[dt.date, dt.date], published: dt.date,
            direction: str) -> dt.date:
    """The first day of `before` or of `after` (first and last days of the same day or month
    named, on or before and on or after `published`), as `direction` reads it."""
    gone = (published - before[1]).days  # since the earlier one ended (0 or less: it has not)
    ahead = (after[0] - published).days
    if direction == PAST:
        return before[0]
    if direction == FUTURE:
        return after[0]
    if direction == PRESENT:
        return before[0] if gone <= PRESENT_LOOKBACK else after[0]
    return before[0] if gone <= ahead else after[0]


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
