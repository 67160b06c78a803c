"""Dedup: merge near-identical articles, then keep each shared sentence once.

Two levels, both with MinHash LSH (datasketch), so the cost grows with the number of
items and not with the number of pairs:

* an article whose word 5-shingles are `ARTICLE_CONTAINMENT` contained in another's, the two
  of comparable length, is a syndicated copy: the first (in file order) is kept as the text,
  and the others stay on as sources of every one of its passages;
* sentences that overlap by `PASSAGE_JACCARD` or more across articles (the same quotation,
  the same background paragraph) become one `Passage` carrying all their articles.

Candidates from LSH are confirmed with the exact overlap of the shingle sets, so a MinHash
collision never merges two different texts.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHash, MinHashLSH

from .models import Article, Corpus, Passage
from .text import article_sentences, content_hash, normalise, shingles

STAGE_VERSION = 3  # bump when this stage's output changes: cached results are then redone

# Containment, not Jaccard: a copy with one paragraph dropped from a short, three-paragraph
# piece keeps all its shingles inside the original, yet Jaccard falls to 0.2-0.6. Measured on
# a synthetic syndication set built from Multi-News articles (another byline, a paragraph
# dropped, an advert added, a new headline, and all four; distinct articles from the same
# events as negatives): Jaccard >= 0.8 gave precision 0.996 / recall 0.871, containment >= 0.8
# gave 0.996 / 0.980 (bench/dedup.py).
ARTICLE_CONTAINMENT = 0.8
# ... of articles of comparable length: a brief quoted whole inside a long round-up is not a copy.
MIN_LENGTH_RATIO = 0.5
# LSH finds candidates by Jaccard; containment 0.8 at length ratio 0.5 is Jaccard 0.4.
ARTICLE_LSH_JACCARD = 0.35
# One sentence re-quoted with a word changed or a clause trimmed still shares 0.6 of its
# 3-shingles; two different sentences on one topic share almost none.
PASSAGE_JACCARD = 0.6
MIN_PASSAGE_WORDS = 4
NUM_PERM = 64


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=7)


def _already_hashed(value):
    return value


def _minhash(items: np.ndarray) -> MinHash:
    # The items are hashes already (see _fingerprint), so no SHA-1 per shingle; and one shared
    # set of permutations: making them anew for every sentence was most of the cost.
    m = MinHash(num_perm=NUM_PERM, seed=7, permutations=_TEMPLATE.permutations, scheme=_TEMPLATE.scheme,
                hashfunc=_already_hashed)
    m.update_batch(items & np.uint64(0xFFFFFFFF))  # the default scheme hashes 32-bit values
    return m


def _fingerprint(shingle_set: set[str]) -> np.ndarray:
    """A shingle set as sorted 64-bit hashes: a tenth of the memory of the strings, which
    matters with every sentence of 20,000 articles held at once."""
    return np.unique(np.fromiter((hash(s) & 0xFFFFFFFFFFFFFFFF for s in shingle_set), dtype=np.uint64,
                                 count=len(shingle_set)))


def _overlap(a: np.ndarray, b: np.ndarray) -> int:
    return len(np.intersect1d(a, b, assume_unique=True))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if not len(a) or not len(b):
        return 0.0
    both = _overlap(a, b)
    return both / (len(a) + len(b) - both)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)  # the earlier item stays the root


def copy_of(a: np.ndarray, b: np.ndarray) -> bool:
    """True when one shingle set is a near-copy of the other (see ARTICLE_CONTAINMENT)."""
    if not len(a) or not len(b):
        return False
    small, big = sorted((len(a), len(b)))
    return small / big >= MIN_LENGTH_RATIO and _overlap(a, b) / small >= ARTICLE_CONTAINMENT


def _similar_groups(sets: list[np.ndarray], threshold: float, same=None) -> list[list[int]]:
    """Groups of indices linked by `same(a, b)` (default: Jaccard >= threshold), the
    candidate pairs found by MinHash LSH at Jaccard `threshold`."""
    same = same or (lambda a, b: jaccard(a, b) >= threshold)
    lsh = MinHashLSH(threshold=threshold * 0.9, num_perm=NUM_PERM)
    uf = _UnionFind(len(sets))
    for i, s in enumerate(sets):
        if not len(s):
            continue
        mh = _minhash(s)
        for j in lsh.query(mh):
            if same(s, sets[j]):
                uf.union(i, j)
        lsh.insert(i, mh)
    groups: dict[int, list[int]] = {}
    for i in range(len(sets)):
        groups.setdefault(uf.find(i), []).append(i)
    return list(groups.values())


def merge_duplicates(articles: list[Article]) -> Corpus:
    """Merge syndicated copies and shared sentences; never drop a source.

    Args:
        articles: ingested articles, in file order.

    Returns:
        A `Corpus` of the unique articles, their passages (each with every article that
        carries it) and the groups of article ids that were merged.
    """
    sets = [_fingerprint(shingles(a.text, 5)) for a in articles]
    groups = _similar_groups(sets, ARTICLE_LSH_JACCARD, copy_of)
    keep: list[Article] = []
    copies: dict[str, tuple[str, ...]] = {}  # kept article id -> all ids in its group
    duplicates = []
    for g in sorted(groups, key=min):
        members = tuple(articles[i].id for i in sorted(g))
        keep.append(articles[min(g)])
        copies[members[0]] = members
        if len(members) > 1:
            duplicates.append(members)

    # Sentences of the kept articles, then merge those shared across articles.
    sents: list[tuple[Article, int, str]] = []
    for a in keep:
        for pos, s in enumerate(article_sentences(a)):
            if len(s.split()) >= MIN_PASSAGE_WORDS:
                sents.append((a, pos, s))
    sent_sets = [_fingerprint(shingles(s, 3)) for _, _, s in sents]
    groups = _similar_groups(sent_sets, PASSAGE_JACCARD)
    passages = []
    for g in sorted(groups, key=min):
        g = sorted(g)
        # The longest wording carries the most; sources in order of appearance.
        first = max(g, key=lambda i: (len(sents[i][2]), -i))
        article, pos, text = sents[first]
        source_ids: list[str] = []
        for i in [first, *g]:
            for sid in copies[sents[i][0].id]:
                if sid not in source_ids:
                    source_ids.append(sid)
        passages.append(Passage(
            id=content_hash(normalise(text) + article.id),
            text=text,
            source_ids=tuple(source_ids),
            position=pos,
        ))
    return Corpus(articles=tuple(keep), passages=tuple(passages), sources=tuple(articles),
                  duplicates=tuple(duplicates))
