"""Boilerplate: sentences that articles about unrelated things carry word for word."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..text import STOPWORDS, normalise, words
from .kinds import Judgement

# Two articles whose content words overlap (Jaccard) less than this are about different things.
# Measured on the Multi-News articles: pairs from one event have a median of 0.11 (12 % fall
# below 0.04), pairs from different events 0.03; so one pair proves little, and a sentence is
# boilerplate only when at least MIN_BOILERPLATE_CARRIERS articles carry it word for word and
# two of them look unrelated (a site's notice is carried by dozens: CNN's sign-up box by 6
# of the EgyptianProtest articles, a related-link headline by 55).
UNRELATED_JACCARD = 0.04
MIN_BOILERPLATE_CARRIERS = 3
MIN_BOILERPLATE_WORDS = 4  # shorter shared lines ("Reuters", "Comments") are labels, judged above


def _content_words(judgement: Judgement) -> set[str]:
    return {w.lower() for p in judgement.paragraphs for s, k in p if k is None
            for w in words(s) if w.lower() not in STOPWORDS and w.isalpha()}


def sentence_key(sentence: str) -> str:
    """The form in which sentences are compared: normalised, in lower case."""
    return normalise(sentence).lower()


def boilerplate(judgements: Sequence[Judgement]) -> set[str]:
    """Sentences (by key) that articles about unrelated things carry word for word."""
    carriers: dict[str, set[int]] = defaultdict(set)
    for i, judgement in enumerate(judgements):
        for p in judgement.paragraphs:
            for s, k in p:
                if k is None and len(s.split()) >= MIN_BOILERPLATE_WORDS:
                    carriers[sentence_key(s)].add(i)
    shared = {key: idx for key, idx in carriers.items() if len(idx) >= MIN_BOILERPLATE_CARRIERS}
    if not shared:
        return set()
    involved = {i for idx in shared.values() for i in idx}
    vocab = {i: _content_words(judgements[i]) for i in involved}
    found = set()
    for key, idx in shared.items():
        members = sorted(idx)
        own = {w.lower() for w in words(key)}  # what the two have in common besides this sentence
        for a, b in ((a, b) for n, a in enumerate(members) for b in members[n + 1:]):
            first, second = vocab[a] - own, vocab[b] - own
            union = first | second
            if union and len(first & second) / len(union) < UNRELATED_JACCARD:
                found.add(key)
                break
    return found
