"""Dedup: merge near-identical articles, then keep each shared sentence once.

Two levels, both with MinHash LSH (datasketch), so the cost grows with the number of
items and not with the number of pairs:

* articles whose word 3-shingles overlap by `ARTICLE_JACCARD` or more are syndicated copies
  of one another: the first (in file order) is kept as the text, and the others stay on as
  sources of every one of its passages;
* sentences that overlap by `PASSAGE_JACCARD` or more across articles (the same quotation,
  the same background paragraph) become one `Passage` carrying all their articles.

Candidates from LSH are confirmed with the exact Jaccard of the shingle sets, so a MinHash
collision never merges two different texts.
"""

from __future__ import annotations

from datasketch import MinHash, MinHashLSH

from .models import Article, Corpus, Passage
from .text import content_hash, normalise, shingles, split_sentences

STAGE_VERSION = 1  # bump when this stage's output changes: cached results are then redone

# Syndicated copies with another byline, a dropped paragraph or an advert keep well over
# 0.8 of their shingles; two reports of one event by different reporters share far less.
ARTICLE_JACCARD = 0.8
# One sentence re-quoted with a word changed or a clause trimmed still shares 0.6 of its
# 3-shingles; two different sentences on one topic share almost none.
PASSAGE_JACCARD = 0.6
MIN_PASSAGE_WORDS = 4
NUM_PERM = 64


def _minhash(items: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=7)
    for s in items:
        m.update(s.encode("utf-8"))
    return m


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


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


def _similar_groups(sets: list[set[str]], threshold: float, allowed=None) -> list[list[int]]:
    """Groups of indices whose shingle sets are linked by Jaccard >= threshold."""
    lsh = MinHashLSH(threshold=threshold * 0.9, num_perm=NUM_PERM)
    uf = _UnionFind(len(sets))
    for i, s in enumerate(sets):
        if not s:
            continue
        mh = _minhash(s)
        for j in lsh.query(mh):
            if (allowed is None or allowed(i, j)) and jaccard(s, sets[j]) >= threshold:
                uf.union(i, j)
        lsh.insert(i, mh)
    groups: dict[int, list[int]] = {}
    for i in range(len(sets)):
        groups.setdefault(uf.find(i), []).append(i)
    return list(groups.values())


def article_sentences(article: Article) -> list[str]:
    return [s for p in article.paragraphs for s in split_sentences(p)]


def merge_duplicates(articles: list[Article]) -> Corpus:
    """Merge syndicated copies and shared sentences; never drop a source.

    Args:
        articles: ingested articles, in file order.

    Returns:
        A `Corpus` of the unique articles, their passages (each with every article that
        carries it) and the groups of article ids that were merged.
    """
    sets = [shingles(a.text, 5) for a in articles]
    groups = _similar_groups(sets, ARTICLE_JACCARD)
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
    sent_sets = [shingles(s, 3) for _, _, s in sents]
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
