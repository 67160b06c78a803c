"""DATES: a relative time ("today", "last week", "next year", "this July", a weekday) becomes
the date it names, read against the article's publication date ("in July 2022"); in an
undated article it is dropped, never guessed. "Now", "currently", "recently" and a "then"
after a saying verb ("said then that") go. A month named without its year ("in January")
gets its year, read the same way."""

from __future__ import annotations

import datetime as dt
import re

from ..temporal import DAY, MONTH, MONTHS, RELATIVE_TIME, WEEKDAYS, clause_verb, direction_of, resolve
from ..quotes import SAYING_VERBS
from .draft import DATES, Draft

_PARTS_OF_DAY = {"morning", "afternoon", "evening", "night"}
_WEEKDAY_WORD = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def resolve_times(draft: Draft, published: dt.date | None) -> None:
    """Relative dates resolved against `published`, or dropped when it is unknown."""
    doc = draft.doc
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or not draft.free(ent) or not RELATIVE_TIME.search(ent.text) and not (
                re.search(r"\b(?:this|last|next|coming|past)\b", ent.text, re.I) or _WEEKDAY_WORD.search(ent.text)):
            continue
        if _YEAR.search(ent.text):
            continue
        phrase = _date_phrase(ent, published)
        head = ent.root.head
        possessive = ent.end < len(doc) and doc[ent.end].dep_ == "case"
        if possessive:  # "Today's report" -> "the report"
            draft.drop.update(range(ent.start, ent.end + 1))
            draft.swap[ent.end] = "the"
            draft.drop.discard(ent.end)
        elif phrase is None:
            if ent.root.dep_ == "pobj" and head.dep_ == "prep" and len(list(head.children)) == 1 and draft.free([head]):
                draft.drop_span(head.i, ent.end, commas=False)  # "over the next year"
            else:
                draft.drop_span(ent.start, ent.end, commas=False)
            # "a report, published last week, revealed": "published" says nothing alone now
            if head.tag_ == "VBN" and head.dep_ in ("acl", "advcl", "relcl") and draft.free([head]) and all(
                    c.i in draft.drop or c.is_punct for c in head.children):
                draft.drop_span(head.left_edge.i, head.right_edge.i + 1)
        else:
            bare = re.sub(r"^(?:on|in) ", "", phrase)
            if ent.root.dep_ == "pobj" and head.dep_ == "prep":
                draft.swap[ent.start] = bare
                draft.drop.update(range(ent.start + 1, ent.end))
            elif ent.end < len(doc) and doc[ent.end].pos_ == "VERB" and ent.start > 0 \
                    and doc[ent.start - 1].pos_ == "AUX":
                verb = doc[ent.end]
                if any(c.dep_ in ("prt", "dobj") and c.i > verb.i for c in verb.children):
                    # "will today take back control": the date after "take" would split "take
                    # back" or the verb from its object; it stays where "today" was, as an aside
                    draft.swap[ent.start] = f", {phrase},"
                    draft.drop.update(range(ent.start + 1, ent.end))
                else:
                    # "were last week told" -> "were told in the week before 15 March 2022"
                    draft.drop.update(range(ent.start, ent.end))
                    draft.swap[ent.end] = verb.text + " " + phrase
            else:
                after_preposition = ent.start > 0 and doc[ent.start - 1].pos_ == "ADP"
                part = doc[ent.end] if ent.end < len(doc) and doc[ent.end].lower_ in _PARTS_OF_DAY else None
                if part is not None and phrase.startswith("on ") and draft.free([part]):
                    # "by early Tuesday morning" -> "by the morning of 25 January 2011"
                    draft.swap[ent.start] = f"{'' if after_preposition else 'on '}the {part.lower_} of {bare}"
                    draft.drop.add(part.i)
                else:
                    draft.swap[ent.start] = bare if after_preposition else phrase
                draft.drop.update(range(ent.start + 1, ent.end))
            draft.facts.append(_date_label(published))
        draft.did(DATES)
    _year_months(draft, published)
    # What the recogniser missed ("on Saturday night" as no entity at all) goes, with its preposition.
    for m in RELATIVE_TIME.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or not draft.free(span) or \
                len(span) == 1 and span[0].lower_ in ("now", "currently", "recently"):
            continue
        start, end = span.start, span.end
        while end < len(doc) and doc[end].lower_ in ("night", "morning", "afternoon", "evening"):
            end += 1
        if start > 0 and doc[start - 1].lower_ in ("on", "in", "since", "from", "during", "by", "until", "the") \
                and draft.free([doc[start - 1]]):
            start -= 1
            if start > 0 and doc[start].lower_ == "the" and doc[start - 1].lower_ in ("in", "over", "during", "for"):
                start -= 1
        draft.drop_span(start, end, commas=start == 0 or end >= len(doc) - 1)
        draft.did(DATES)
    for t in doc:  # "are now considered", "was recently hit": the date of the event says when
        if t.lower_ in ("now", "currently", "recently") and t.dep_ == "advmod" and draft.free([t]):
            draft.drop.add(t.i)
            if t.i > 0 and doc[t.i - 1].lower_ in ("right", "just", "until", "by", "for") \
                    and draft.free([doc[t.i - 1]]):
                draft.drop.add(t.i - 1)  # "right now" goes whole
            draft.did(DATES)
        elif t.lower_ == "then" and t.dep_ == "advmod" and t.i > 0 and doc[t.i - 1].i == t.head.i \
                and t.head.lemma_.lower() in SAYING_VERBS and draft.free([t]):
            draft.drop.add(t.i)  # "said then that ...": when "then" was, a sentence before told
            draft.did(DATES)
    # "Published this week, the report found" undated: "Published," is left; it goes too.
    kept = [t for t in doc if t.i not in draft.drop]
    if len(kept) > 2 and kept[1].text == "," and kept[0].tag_ in ("VBN", "VBD", "IN") and draft.free(kept[:1]):
        draft.drop.update((kept[0].i, kept[1].i))


_MONTH_NAME = re.compile(rf"\b(?:{'|'.join(MONTHS)})\b")


def _year_months(draft: Draft, published: dt.date | None) -> None:
    """A month named without its year ("in January", "early March", "on 5 February") gets the
    year it falls in, read against `published` (the month before publication, or after it when
    the clause looks ahead): a reader of the briefing, months later, cannot tell the year."""
    if published is None:
        return
    doc = draft.doc
    for ent in doc.ents:
        if ent.label_ != "DATE" or not _MONTH_NAME.search(ent.text) or _YEAR.search(ent.text) \
                or not draft.free(ent) or RELATIVE_TIME.search(ent.text) \
                or re.search(r"\b(?:this|last|next|coming|past|every|each)\b", ent.text, re.I):
            continue
        tense = _tense(ent)
        if tense is None:
            continue  # "takes place on 8 October": this October or last, the words do not say
        found = resolve(ent.text, published, tense)
        if found is None or found.precision not in (DAY, MONTH):
            continue
        last = doc[ent.end - 1]
        # "5 February" -> "5 February 2020"; "February 5" -> "February 5, 2020"
        draft.swap[last.i] = f"{last.text}{',' if last.like_num else ''} {found.date.year}"  # (free: not swapped yet)
        draft.facts.append(f"{MONTHS[found.date.month - 1]} {found.date.year}")
        draft.did(DATES)


def _tense(ent) -> str | None:
    """"past" when the clause `ent` belongs to is told in the past ("was rated", "had
    found", "have been rated"), "future" when it looks ahead ("will publish"), else None (a present tense, a
    schedule: the year cannot be told from the words)."""
    verb = clause_verb(ent)
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if direction_of(ent) == "future" and verb.tag_ != "VBD":
        return "future"
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in helpers):
        return "past"
    if verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in helpers):
        return "past"  # "have been rated after an inspection in January": done before the report
    return None


def _date_phrase(ent, published: dt.date | None) -> str | None:
    """"in March 2022", "on 8 March 2022", "in the week before 15 March 2022"; None when the
    expression cannot be resolved."""
    if published is None:
        return None
    text = ent.text.lower()
    week = re.search(r"\b(this|last|next|past|coming)\s+week(?:end)?\b", text)
    if week:
        relation = {"this": "of", "last": "before", "past": "before", "next": "after", "coming": "after"}[week[1]]
        return f"in the week {relation} {_date_label(published)}"
    if re.search(r"\b(?:next|past|coming)\s+(?:\w+\s+)?(?:months|years|year|month)\b", text) and \
            ent.root.head.lower_ in ("over", "for", "within", "during", "in"):
        return None  # a span ("over the next year"), not a date
    found = resolve(ent.text, published, direction_of(ent))
    if found is None:
        return None
    if found.precision == DAY:
        return f"on {_date_label(found.date)}"
    if found.precision == MONTH:
        return f"in {MONTHS[found.date.month - 1]} {found.date.year}"
    return f"in {found.date.year}"


def _date_label(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
