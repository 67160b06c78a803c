"""Support: is a written sentence what its sources say?

A sentence passes only if every name, number and quotation in it occurs in the sources, it
says what its evidence says (close in meaning, same polarity), and it adds almost no words
the sources never use. The small default model invents names ("David Hart" for John Hart),
outlets and outcomes ("resigned"); each check below exists because of one such failure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..quotes import quotations, says_who
from ..temporal import MONTH_RE
from ..text import STOPWORDS, normalise, words
from .structure import check_structure

NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion",
    "first", "second", "third", "fourth", "fifth", "half", "dozen",
}
NEGATIONS = {"not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "without", "cannot"}
# Words that turn a sentence into its opposite while keeping it close in embedding space:
# the model wrote "including Torbay and Plymouth" for "excluding Torbay and Plymouth".
CONTRASTS = (
    ("including", "excluding"), ("include", "exclude"), ("includes", "excludes"),
    ("increase", "decrease"), ("increased", "decreased"), ("rise", "fall"), ("rose", "fell"),
    ("more", "less"), ("more", "fewer"), ("higher", "lower"), ("before", "after"),
    ("improved", "worsened"), ("improving", "declining"), ("better", "worse"), ("best", "worst"),
    ("good", "bad"), ("won", "lost"), ("accepted", "rejected"), ("approved", "rejected"),
    ("for", "against"), ("up", "down"), ("above", "below"), ("over", "under"), ("first", "last"),
    ("success", "failure"), ("praised", "criticised"), ("strengths", "weaknesses"),
)
# Meaning close enough to count as a rewrite of the evidence (all-MiniLM-L6-v2 cosine).
MIN_SUPPORT_COSINE = 0.72
# A compression may join words its evidence never has side by side this many times. Read on
# 222 Multi-News compressions: at most two joins, about 1 in 20 said something else; at three,
# 1 in 5 ("The British neuroscientist Prof Adrian Owen has been clearly not vegetative").
MAX_JOINS = 2
# "in February 2020": a month with its year, which must be the sources' own pairing.
_MONTH_YEAR = re.compile(rf"\b({MONTH_RE})\.?,?\s+(\d{{4}})\b")


@dataclass(frozen=True)
class SourceIndex:
    """What the sources contain, prepared once for many checks."""

    text: str  # normalised, joined
    lower: str
    tokens: frozenset[str]
    lower_tokens: frozenset[str]
    percentages: frozenset[str]  # the numbers given as percentages ("3.5%", "62 per cent")

    @classmethod
    def build(cls, texts: list[str] | tuple[str, ...]) -> "SourceIndex":
        joined = normalise(" \n ".join(texts))
        toks = words(joined)
        return cls(
            text=joined,
            lower=joined.lower(),
            tokens=frozenset(_strip_possessive(t) for t in toks),
            lower_tokens=frozenset(_strip_possessive(t).lower() for t in toks),
            percentages=frozenset(_percentages(joined)),
        )


def _strip_possessive(token: str) -> str:
    return re.sub(r"'s$", "", token)


def _has_phrase(index: SourceIndex, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", index.text) is not None


def unsupported_names_and_numbers(sentence: str, index: SourceIndex) -> list[str]:
    """Names, numbers and quotations in `sentence` that the sources do not contain."""
    problems: list[str] = []
    toks = [_strip_possessive(t) for t in words(sentence)]
    for i, tok in enumerate(toks):
        if any(c.isdigit() for c in tok):
            if tok not in index.tokens and tok.rstrip("%") not in index.tokens:
                problems.append(f"number {tok!r}")
        elif tok.lower() in NUMBER_WORDS:
            if tok.lower() not in index.lower_tokens:
                problems.append(f"number {tok!r}")
        elif tok[:1].isupper():
            if tok in index.tokens:
                continue
            if i == 0 and (tok.lower() in index.tokens or tok.lower() in STOPWORDS):
                continue  # a common word that starts the sentence ("The", "It"), lower case in the sources
            problems.append(f"name {tok!r}")
    # A run of capitalised words is one name: "John Hart" must occur as such, not "David Hart".
    for run in re.findall(r"(?:[A-Z][\w'-]*\s+){1,4}[A-Z][\w'-]*", normalise(sentence)):
        parts = run.split()
        # (A common word is one the sources have in lower case: "Melissa" is a name there.)
        if parts and (parts[0].lower() in index.tokens or parts[0].lower() in STOPWORDS) \
                and run.startswith(sentence.strip()[:len(parts[0])]):
            parts = parts[1:]  # sentence-initial common word: "The Department ..."
        name = " ".join(_strip_possessive(p) for p in parts)
        if len(parts) >= 2 and not _has_phrase(index, name) and not _has_phrase(index, " ".join(parts)):
            problems.append(f"name {name!r}")
    # "in February 2020" is wrong when the sources say February (2022) and January 2020.
    for m in _MONTH_YEAR.finditer(normalise(sentence)):
        if not _has_phrase(index, m[0]):
            problems.append(f"date {m[0]!r}")
    # "3.5%" is wrong when the sources say "3.5 percentage points" (or 3.5 of anything else).
    for number in _percentages(sentence) - index.percentages:
        problems.append(f"percentage {number}%")
    for q in quotations(sentence, min_words=1):
        if q.lower() not in index.lower:
            problems.append(f"quotation {q!r}")
    return problems


_PERCENTAGE = re.compile(r"(\d+(?:[.,]\d+)*)\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)


def _percentages(text: str) -> set[str]:
    return set(_PERCENTAGE.findall(normalise(text)))


def content_words(text: str) -> list[str]:
    return [w.lower() for w in words(text) if w.lower() not in STOPWORDS and not any(c.isdigit() for c in w)]


def novel_words(sentence: str, index: SourceIndex) -> list[str]:
    """The sentence's content words the sources never use, in no form: a verb's other tense
    ("rang" for "ring", the briefing narrating in the past) is the sources' word."""
    novel = [w for w in content_words(sentence) if _strip_possessive(w) not in index.lower_tokens]
    if not novel:
        return novel
    from lemminflect import getAllInflections, getAllLemmas

    def other_tense(word: str) -> bool:
        lemmas = set(getAllLemmas(word.lower()).get("VERB", ()))
        forms = {f for lemma in lemmas for fs in getAllInflections(lemma, upos="VERB").values() for f in fs}
        return bool((forms | lemmas) & index.lower_tokens)

    return [w for w in novel if not other_tense(w)]


def invented_words(novel: list[str], index: SourceIndex) -> list[str]:
    """The words of `novel` (a rewrite's words its evidence lacks) that name a thing, a person or
    a relation in no form the evidence has: "where her predecessor was Julian Wooster" for "with
    Julian Wooster put in interim charge" makes a relation the source never told. An inflection
    of an evidence word, a describing word ("recently") and a word that may be a verb ("found":
    `check_structure` judges verbs) are not counted here."""
    from lemminflect import getAllLemmas

    def lemmas(word: str) -> dict[str, tuple[str, ...]]:
        return getAllLemmas(_strip_possessive(word))

    known = {lemma for w in index.lower_tokens for forms in lemmas(w).values() for lemma in forms} | index.lower_tokens
    found = []
    for word in novel:
        forms = lemmas(word)
        if "NOUN" not in forms or "VERB" in forms or known & {x for f in forms.values() for x in f}:
            continue
        found.append(word)
    return found


def joins(candidate: str, evidence: str) -> int:
    """How many pairs of neighbouring words in `candidate` are never neighbours in `evidence`.

    A shortening that only drops words joins few; "The killing was racially motivated by the
    Obama" (from "Obama pronounced the killing as racially motivated") joins many."""
    cand = [w.lower() for w in words(candidate)]
    ev = [w.lower() for w in words(evidence)]
    pairs = set(zip(ev, ev[1:]))
    return sum(pair not in pairs for pair in zip(cand, cand[1:]))


def check_rewrite(candidate: str, evidence: str, index: SourceIndex, cosine: float, *,
                  compression: bool = False, parse=None, keep_numbers: bool = True, context: str = "",
                  attribution: bool = True) -> list[str]:
    """Every reason `candidate` is not a faithful rewrite of `evidence`; empty when it is.

    A rewrite may only use the names, numbers and quotations of its own evidence: the
    model otherwise borrows a year from elsewhere in the story ("a visit in February 2020")
    and the sentence is wrong though every part of it occurs somewhere in the sources.

    Args:
        candidate: the generated sentence.
        evidence: the source sentence(s) it was generated from.
        index: everything the event's sources say.
        cosine: embedding similarity of candidate and evidence.
        compression: `candidate` was written with the evidence's own words only; it must
            also keep their order, joining at most `MAX_JOINS` words that were not neighbours
            (moved words can swap who did what: "Poland has called on Israel" for "Israel
            has called on Poland").
        parse: texts -> spaCy Docs; when given, the sentence's structure is checked too
            (`check_structure`).
        keep_numbers: every number of the evidence must be kept (a rewrite); the
            sub-editor's condensing may drop an aside with its number, never add one.
        context: sentences (and facts) that name what the evidence's pronouns or
            quotation stand for: the candidate may use their names and words, but says
            what the evidence says.
        attribution: an evidence that says who said it needs a candidate that does too
            ("..., an official said" is not the briefing's own claim).
    """
    own = SourceIndex.build([evidence, context] if context else [evidence])
    problems = unsupported_names_and_numbers(candidate, own)
    if own.text not in index.text:
        problems += unsupported_names_and_numbers(candidate, index)
    kept = {t for t in words(candidate) if any(c.isdigit() for c in t)}
    for num in (t for t in words(evidence) if keep_numbers and any(c.isdigit() for c in t)):
        if num not in kept:
            problems.append(f"dropped {num!r}")
    n = len(candidate.split())
    if n < 5:
        problems.append("too short")
    if n > len(evidence.split()) + 8:
        problems.append("longer than its evidence")
    if cosine < MIN_SUPPORT_COSINE:
        problems.append(f"meaning drifted (cosine {cosine:.2f})")
    cand_words = {w.lower() for w in words(candidate)}
    ev_words = {w.lower() for w in words(evidence)}
    if _negated(cand_words) != _negated(ev_words):
        problems.append("negation changed")
    problems += _reversals(cand_words, ev_words)
    novel = novel_words(candidate, own)
    if len(novel) > max(1, len(content_words(candidate)) // 10):
        problems.append(f"words the evidence never uses: {', '.join(novel[:4])}")
    elif invented := invented_words(novel, own):
        problems.append(f"a thing the evidence never names: {', '.join(invented[:4])}")
    problems += _unmarked_quotations(candidate, evidence)
    problems += _changed_quantities(candidate, evidence)
    if attribution and says_who(evidence) and not says_who(candidate):
        problems.append("the attribution was dropped (the evidence says who said it)")
    if re.search(r"[$£€][^\W\d]", candidate):
        problems.append("a currency sign before a word")  # "$half-billion-dollar jackpot"
    if compression and (n_joins := joins(candidate, evidence)) > MAX_JOINS:
        problems.append(f"words moved: {n_joins} new neighbours")
    if parse is not None and not problems:
        problems += check_structure(*parse([candidate, f"{context} {evidence}".strip()]))
    return problems


# Words that qualify the number beside them: "each suing for $1 million" is not "sued for $1 million".
_QUANTIFIERS = {"each", "apiece", "per", "every", "nearly", "about", "almost", "around", "approximately", "roughly",
                "over", "under", "least", "most", "more", "less", "fewer", "than", "up", "only", "just"}


def _changed_quantities(candidate: str, evidence: str) -> list[str]:
    """A number the candidate keeps without a word that qualified it in the evidence."""
    ev = [w.lower() for w in words(evidence)]
    cand = {w.lower() for w in words(candidate)}
    for i, w in enumerate(ev):
        if not any(c.isdigit() for c in w) or w not in cand:
            continue
        near = set(ev[max(0, i - 3):i]) | set(ev[i + 1:i + 3])
        lost = {q for q in near & _QUANTIFIERS if q not in cand}
        if lost:
            return [f"{w!r} lost {', '.join(sorted(lost))!r}"]
    return []


def _unmarked_quotations(candidate: str, evidence: str) -> list[str]:
    """A quotation of the evidence whose words the candidate uses outside quotation marks:
    quoted words given as the briefing's own, or a quotation reworded and unmarked ("remain
    in unsafe and neglectful conditions" for "remain in unsafe and neglectful circumstances")."""
    outside = normalise(candidate).lower()
    for q in sorted(quotations(candidate, min_words=1), key=len, reverse=True):
        outside = outside.replace(q.lower(), " ")
    outside_words = [w.lower() for w in words(outside)]
    for q in quotations(evidence, min_words=2):
        q_words = [w.lower() for w in words(q)]
        n = min(3, len(q_words))
        grams = {tuple(q_words[i:i + n]) for i in range(len(q_words) - n + 1)}
        said = {tuple(outside_words[i:i + n]) for i in range(len(outside_words) - n + 1)}
        shared = [g for g in grams & said if not all(w in STOPWORDS for w in g)]
        if shared:
            return [f"quoted words used outside quotation marks: {' '.join(shared[0])!r}"]
    return []


def _reversals(cand: set[str], ev: set[str]) -> list[str]:
    """A contrast word swapped for its opposite ("including" where the source says "excluding").

    Args:
        cand, ev: lower-cased word sets of the candidate and of its evidence.
    """
    found = []
    for a, b in CONTRASTS:
        for x, y in ((a, b), (b, a)):
            if x in cand and x not in ev and y in ev and y not in cand:
                found.append(f"{x!r} where the source says {y!r}")
    return found


def _negated(toks: set[str]) -> bool:
    return any(t in NEGATIONS or t.endswith("n't") for t in toks)
