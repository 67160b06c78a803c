"""Where the sources disagree: each figure and date the briefing tells, beside what the story's
other articles say of the same thing.

`find_differences` reads the facts a told sentence states (a number with what it counts or
measures, a date) from its parse, and looks for the same fact in every article of the story:
the same kind of thing counted (or a unit that converts), hanging from the same verb, with a
subject or object in common, in a sentence that means nearly the same (the embedding finds it,
the parse decides). Where the values cannot both be true it is a difference:

- DIFFER: the articles give different values at about the same time ("84 km" and "110 km");
- REVISED: a quantity reported differently on different days (a death toll rising, an estimate
  revised): the later figure, with its date, is the news.

Not differences: the same value written two ways ("eleven" and "11", "84 km" and "52 miles",
"about 5,000" and "5,100"), values a bound allows ("at least 11" and "17"), dates that contain
each other ("2020" and "January 2020"), and anything inside quotation marks, which is somebody's
claim and is told as theirs.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from . import quotes, temporal
from .models import Corpus, SummarySentence
from .parse import lemma_of, shared
from .text import article_sentences

STAGE_VERSION = 3

DIFFER = "differ"
REVISED = "revised"

# Two sentences state the same fact only when they mean nearly the same; below this cosine
# (MiniLM) sentences sharing a verb and a noun were about different happenings, read on the
# dev stories.
SAME_FACT_COSINE = 0.7
# ... and at least this share of the nouns around the smaller fact in common.
SHARED_ARGS = 0.5
# Where neither sentence names anything beside the figure and its verb ("11 workers were
# killed"), only sentences that say nearly the same are of the same thing.
BARE_COSINE = 0.8
# Days between two reports before a changed figure is read as a revision, not a disagreement:
# a count that grows (cases, deaths) is revised from one day's reports to the next.
REVISION_DAYS = 1
# Relative slack when comparing two figures: rounding and unit conversion ("52 miles" is
# 83.7 km), and a wider one where a source says the figure is approximate.
EXACT_SLACK, ROUGH_SLACK = 0.02, 0.15

_NUMERIC = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
_ROUGH = re.compile(r"\b(?:about|around|approximately|roughly|nearly|almost|some|an estimated|estimated|"
                    r"close to|just under|just over|up to|as many as|more than|over|at least|fewer than|"
                    r"less than|under|below|above|upwards of)\s*$", re.IGNORECASE)
_AT_LEAST = re.compile(r"\b(?:at least|more than|over|upwards of|above|in excess of)\s*$", re.IGNORECASE)
_AT_MOST = re.compile(r"\b(?:up to|as many as|fewer than|less than|under|below|at most)\s*$", re.IGNORECASE)
_INCREMENT = re.compile(r"\b(?:another|further|additional|extra|new)\s*$", re.IGNORECASE)
_INCREMENT_AFTER = re.compile(r"\b(?:more|further|additional|extra|new|fewer)\b", re.IGNORECASE)
_RANGE = re.compile(r"\d[\d,.]*\s*(?:bn|billion|m|million|k|thousand)?(?:[-\u2013]|\s+to\s+)\S*\d|"
                    r"\bbetween\b.*\band\b", re.IGNORECASE)
_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(bn|billion|m|mn|million|k|thousand|tn|trillion)?\b", re.IGNORECASE)
_SCALE = {"bn": 1e9, "billion": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3,
          "tn": 1e12, "trillion": 1e12}
_CURRENCY = {"$": "dollar", "£": "pound", "€": "euro", "dollar": "dollar", "pound": "pound", "euro": "euro"}
# Verbs nearly every sentence has: a sentence with one of them is a candidate only through the
# fact's unit (a date fact hanging from one of them is compared only with sentences found so).
_COMMON_VERBS = {"be", "have", "say", "do", "make", "take", "get", "go", "come", "give"}
# Arguments that say nothing about which thing a figure is of.
_EMPTY_ARGS = {"it", "they", "he", "she", "we", "this", "that", "which", "who", "there", "what", "one", "number",
               "total", "figure", "some", "all"}


@dataclass(frozen=True)
class Claim:
    """One article's value for the fact."""

    article_id: str
    value: str  # as the article writes it: "five areas", "January 2020"
    published: dt.date | None


@dataclass(frozen=True)
class Difference:
    """A fact a told sentence states on which the story's articles give values that cannot
    all be true."""

    kind: str  # DIFFER or REVISED
    sentence: str  # the briefing's sentence, as told
    claims: tuple[Claim, ...]  # every article's value, earliest first


@dataclass(frozen=True)
class _Fact:
    kind: str  # "quantity" or "date"
    unit: str  # what is counted or measured ("area", "barrel", "km", "dollar"); "date" for dates
    anchor: str  # lemma of the verb the value hangs from ("" where there is none)
    args: frozenset[str]  # lemmas of the nouns attached to that verb and to the unit
    low: float
    high: float
    rough: bool  # the source marks the figure as approximate
    text: str  # the value as written


def find_differences(told: Sequence[SummarySentence], corpus: Corpus, *,
                     parse: Callable[[Sequence[str]], list] | None = None,
                     embed: Callable[[list[str]], object] | None = None) -> tuple[Difference, ...]:
    """Every fact in the told sentences on which the story's articles disagree.

    Args:
        told: the sentences the briefing shows (Summary, key points, openings, event paragraphs).
        corpus: the story; every article read is compared, merged duplicates included (a copy
            that changes one figure is merged with its original and must still be heard).
        parse: texts -> spaCy Docs with entities (default: the shared parser's).
        embed: texts -> unit vectors (default: the embedding model), to find the sentences that
            state the same thing.
    """
    parse = parse or shared().with_entities
    texts = list(dict.fromkeys(s.text for s in told))
    if not texts:
        return ()
    dates = {a.id: a.date for a in corpus.sources}
    published = {}
    for s in told:
        published.setdefault(s.text, set()).update(dates.get(aid) for aid in s.source_ids)
    told_facts = {t: [f for f in _facts(doc) if not _dateline(f, published[t])] for t, doc in zip(texts, parse(texts))}
    told_facts = {t: fs for t, fs in told_facts.items() if fs}
    if not told_facts:
        return ()
    pool = _story_sentences(corpus)
    wanted = _prefilter([f for fs in told_facts.values() for f in fs])
    candidates = [(aid, s) for aid, s in pool if _HAS_FIGURE.search(s) and wanted.search(s)]
    # Syndicated copies repeat their sentences: each text is parsed and read once.
    unique = list(dict.fromkeys(s for _, s in candidates))
    facts_of = {s: _facts(doc) for s, doc in zip(unique, parse(unique))}
    found = [(aid, s, f) for aid, s in candidates for f in facts_of[s] if not _dateline(f, {dates.get(aid)})]
    # The parse pairs facts first; only the sentences it pairs are embedded, then the cosine decides.
    pairs = []  # (told text, told fact, article id, sentence, its fact, the cosine it needs)
    for text, facts in told_facts.items():
        for fact in facts:
            pairs += [(text, fact, aid, s, f, need) for aid, s, f in found
                      if (need := _cosine_needed(fact, f)) is not None]
    if not pairs:
        return ()
    if embed is None:
        from .embed import default_embedder

        embed = default_embedder().encode
    texts_to_embed = list(dict.fromkeys([*(p[0] for p in pairs), *(p[3] for p in pairs)]))
    vectors = dict(zip(texts_to_embed, embed(texts_to_embed)))
    sources = {}
    for x in told:
        sources.setdefault(x.text, x.source_ids)
    same: dict[tuple[str, int], list[tuple[str, _Fact]]] = {}
    for text, fact, aid, s, f, need in pairs:
        if float(vectors[text] @ vectors[s]) >= need:
            same.setdefault((text, id(fact)), []).append((aid, f))
    out = []
    for text, facts in told_facts.items():
        for fact in facts:
            if (text, id(fact)) in same:
                difference = _judge(text, fact, same[(text, id(fact))], dates, sources[text])
                if difference is not None:
                    out.append(difference)
    return tuple(out)


def _dateline(fact: _Fact, published: set) -> bool:
    """A date that is its article's own day (a blog post's time stamp, "on Monday" in Monday's
    paper): each article of a running story has its own, and they are not in dispute."""
    return fact.kind == "date" and any(
        d is not None and fact.low - 1 <= d.toordinal() <= fact.high + 1 for d in published)


def _story_sentences(corpus: Corpus) -> list[tuple[str, str]]:
    return [(a.id, s) for a in corpus.sources for s in article_sentences(a)]


def _prefilter(facts: list[_Fact]) -> re.Pattern:
    """Sentences that may state one of `facts`: they name its verb, or its unit (another unit
    of the same measure hangs from the same verb: "sank 84 km", "sank 52 miles")."""
    words = set()
    for f in facts:
        for key in (f.anchor, f.unit.split()[-1] if f.kind == "quantity" else ""):
            if key and key not in _COMMON_VERBS:
                words.update(_forms(key))
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b",
                      re.IGNORECASE) if words else re.compile(r"(?!x)x")


@lru_cache(maxsize=4096)
def _forms(lemma: str) -> frozenset[str]:
    from lemminflect import getAllInflections

    forms = {lemma}
    for found in getAllInflections(lemma).values():
        forms.update(found)
    return frozenset(forms | {k for k, v in _CURRENCY.items() if v == lemma})


def _facts(doc) -> list[_Fact]:
    """The figures and dates a parsed sentence states outside quotation marks."""
    mask = quotes.quoted_mask(doc.text)
    facts = []
    for ent in _ranges_joined(doc):
        if ent.start == 0 and len(doc) > ent.end and doc[ent.end].text == ":":
            continue  # a key point's "May 2021:" is the briefing's label, not the source's claim
        if any(mask[i] for i in range(ent.start_char, min(ent.end_char, len(mask)))):
            continue
        if ent.label_ in _NUMERIC:
            fact = _quantity(ent)
        elif ent.label_ == "DATE":
            fact = _date(ent)
        else:
            continue
        if fact is not None:
            facts.append(fact)
    # A sentence giving several values of one unit is a list ("US: 109 confirmed cases, New
    # Zealand: 3 confirmed, 13 probable cases"): which value is of what, the parse cannot say.
    units = Counter((f.kind, f.unit, f.anchor if f.kind == "date" else "") for f in facts)
    return [f for f in facts if units[(f.kind, f.unit, f.anchor if f.kind == "date" else "")] == 1]


def _ranges_joined(doc) -> list:
    """The entities, with "12,000 to 19,000 barrels" one span where the recogniser made two."""
    from spacy.tokens import Span

    ents, out, i = list(doc.ents), [], 0
    while i < len(ents):
        ent = ents[i]
        if (i + 1 < len(ents) and ent.label_ in _NUMERIC and ents[i + 1].label_ in _NUMERIC
                and ents[i + 1].start == ent.end + 1 and doc[ent.end].lower_ in ("to", "-", "\u2013", "and")):
            out.append(Span(doc, ent.start, ents[i + 1].end, label=ents[i + 1].label_))
            i += 2
            continue
        out.append(ent)
        i += 1
    return out


def _figures(text: str) -> list[float]:
    out = []
    for m in _FIGURE.finditer(text):
        try:
            value = float(m[1].replace(",", ""))
        except ValueError:
            continue
        out.append(value * _SCALE.get((m[2] or "").lower(), 1))
    if not out:
        word = _word_number(text)
        if word is not None:
            out.append(word)
    return out


def _word_number(text: str) -> float | None:
    """The value of a number written in words ("four", "twenty-five", "two million"); None
    when the words are not one number ("four two")."""
    total, current = 0.0, None
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in _UNITS:
            if current is not None and not (current % 100 >= 20 and current % 10 == 0 and _UNITS[w] < 10):
                return None  # "four two" is not a number; "twenty-five" is
            current = (current or 0) + _UNITS[w]
        elif w == "hundred" and current is not None:
            current *= 100
        elif w in ("thousand", "million", "billion"):
            total += (current or 1) * _SCALE[w]
            current = None
        elif w in ("and", "a"):
            continue
        else:
            return None if current is None and not total else total + (current or 0)
    if current is None and not total:
        return None
    return total + (current or 0)


_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_UNITS.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)})
_UNITS["dozen"] = 12
# A sentence that can state a figure or a date at all: a digit or a number word.
_HAS_FIGURE = re.compile(r"\d|\b(?:" + "|".join([*_UNITS, "hundred"]) + r")\b", re.IGNORECASE)


def _quantity(ent) -> _Fact | None:
    values = _figures(ent.text)
    if not values or ent.root.ent_type_ == "DATE" or len(values) > 2:
        return None
    if len(values) == 2 and not _RANGE.search(ent.text):
        return None  # two figures that are not a range ("four - two steps"): not one value
    root = ent.root
    unit_token = None
    if _is_number(root):
        head = root
        while _is_number(head) and head.head.i != head.i and head.dep_ in ("nummod", "quantmod", "compound", "nmod"):
            head = head.head
        if not _is_number(head) and head.pos_ in ("NOUN", "PROPN"):
            unit_token = head
    elif root.pos_ in ("NOUN", "PROPN", "SYM"):
        unit_token = root
    currency = next((_CURRENCY[t.lower_] for t in ent.doc[max(0, ent.start - 1):ent.end]
                     if t.lower_ in _CURRENCY), None)
    if ent.label_ == "PERCENT":
        unit = "percent"
    elif currency and (unit_token is None or lemma_of(unit_token) in _CURRENCY.values()):
        unit = currency
    elif unit_token is not None:
        # "confirmed cases" and "probable cases" are different things; so are "oil workers" and "workers"
        kinds = sorted(lemma_of(c) for c in unit_token.children
                       if c.dep_ in ("amod", "compound") and c.i not in range(ent.start, ent.end))
        unit = " ".join([*kinds, lemma_of(unit_token)])
    else:
        return None
    before = ent.doc[max(0, ent.start - 3):ent.start].text
    inside = ent.text
    between = ent.doc[ent.end:unit_token.i].text if unit_token is not None and unit_token.i >= ent.end else ""
    if _INCREMENT.search(before) or _INCREMENT_AFTER.search(inside + " " + between):
        return None  # "another nine cases", "three more deaths": what was added, not the total
    low, high = min(values), max(values)
    if _AT_LEAST.search(before) or re.match(r"(?:at least|more than|over)\b", inside, re.IGNORECASE):
        high = math.inf
    elif _AT_MOST.search(before) or re.match(r"(?:up to|fewer than|less than|under)\b", inside, re.IGNORECASE):
        low = 0.0
    rough = bool(_ROUGH.search(before) or _ROUGH.search(inside.split(" ")[0] + " "))
    anchor_from = unit_token if unit_token is not None else root
    span = ent.text if unit_token is None or unit_token.i < ent.end else ent.doc[ent.start:unit_token.i + 1].text
    return _Fact("quantity", unit, *_anchor(anchor_from, exclude={t.i for t in ent} | (
        {unit_token.i} if unit_token is not None else set())), low, high, rough, span)


def _is_number(token) -> bool:
    return token.like_num or token.pos_ == "NUM" or _FIGURE.fullmatch(token.text) is not None


def _date(ent) -> _Fact | None:
    if not re.search(r"\b(?:1[89]|20)\d\d\b", ent.text):
        return None  # a month without its year is read against the publication date: a guess to compare
    when = temporal.resolve(ent.text, None)
    if when is None:
        return None
    start = when.date
    if when.precision == temporal.DAY:
        end = start
    elif when.precision == temporal.MONTH:
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    else:
        end = dt.date(start.year, 12, 31)
    anchor, args = _anchor(ent.root, exclude={t.i for t in ent})
    if not anchor:
        return None
    return _Fact("date", "date", anchor, args, start.toordinal(), end.toordinal(), False, ent.text)


def _anchor(token, exclude: set[int]) -> tuple[str, frozenset[str]]:
    """The verb a value hangs from and the nouns around it: what makes two figures the same fact."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    args = set()
    clauses = [c for c in verb.children if c.dep_ in ("advcl", "xcomp", "ccomp", "relcl")]
    for head in (verb, token, *clauses):
        for child in head.children:
            if child.i in exclude:
                continue
            nouns = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
            for n in nouns:
                if n.i not in exclude and n.pos_ in ("NOUN", "PROPN"):
                    args.add(lemma_of(n))
                    args.update(lemma_of(c) for c in n.children
                                if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN"))
    anchor = lemma_of(verb) if verb.pos_ in ("VERB", "AUX") else ""
    return anchor, frozenset(args - _EMPTY_ARGS)


def _cosine_needed(a: _Fact, b: _Fact) -> float | None:
    """How alike two sentences must be for their facts to be of the same thing; None when the
    parse already says they are not. The same verb, a unit that converts, and half the nouns in
    common; with no nouns on either side, only sentences that say nearly the same."""
    if a.kind != b.kind or a.anchor != b.anchor:
        return None
    if not (a.unit == b.unit or _convertible(a.unit, b.unit)):
        return None
    if a.args and b.args:
        if len(a.args & b.args) < SHARED_ARGS * min(len(a.args), len(b.args)):
            return None
        return SAME_FACT_COSINE
    if a.args or b.args:
        return None
    return max(BARE_COSINE, SAME_FACT_COSINE)


@lru_cache(maxsize=1024)
def _ratio(unit: str, other: str) -> float | None:
    """How many `unit` one `other` is, where pint knows both as the same dimension."""
    if unit == other:
        return 1.0
    try:
        registry = _registry()
        return float(registry.Quantity(1, other).to(unit).magnitude)
    except Exception:  # pint raises several kinds for words it does not know: not a unit
        return None


def _convertible(unit: str, other: str) -> bool:
    return _ratio(unit, other) is not None


@lru_cache(maxsize=1)
def _registry():
    import pint

    return pint.UnitRegistry()


def _values_agree(a: _Fact, b: _Fact) -> bool:
    if a.kind == "date":
        return a.low <= b.high and b.low <= a.high
    ratio = _ratio(a.unit, b.unit) or 1.0
    low, high = b.low * ratio, b.high * ratio
    slack = ROUGH_SLACK if (a.rough or b.rough) else EXACT_SLACK
    return a.low * (1 - slack) <= high * (1 + slack) and low * (1 - slack) <= a.high * (1 + slack)


def _judge(text: str, fact: _Fact, same: list[tuple[str, _Fact]], dates: dict,
           told_sources: tuple[str, ...]) -> Difference | None:
    """A Difference when some article's value for `fact` cannot be the told one's."""
    other = [(aid, f) for aid, f in same if not _values_agree(fact, f)]
    if not other:
        return None
    agreeing = [(aid, f) for aid, f in same if _values_agree(fact, f)]
    if not agreeing:  # the told sentence's own sources, in the told words
        agreeing = [(aid, fact) for aid in told_sources if aid not in {a for a, _ in other}]
    claims = {}
    for aid, f in [*agreeing, *other]:
        claims.setdefault(aid, Claim(aid, f.text, dates.get(aid)))
    ordered = tuple(sorted(claims.values(), key=lambda c: (c.published or dt.date.max, c.article_id)))
    days = {c.published for c in ordered if c.published}
    told_days = {dates.get(aid) for aid, _ in agreeing if dates.get(aid)}
    other_days = {dates.get(aid) for aid, _ in other if dates.get(aid)}
    revised = (fact.kind == "quantity" and told_days and other_days and len(days) > 1
               and (max(other_days | told_days) - min(other_days | told_days)).days >= REVISION_DAYS
               and not (told_days & other_days))
    return Difference(REVISED if revised else DIFFER, text, ordered)
