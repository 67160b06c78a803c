"""Near-duplicate articles: `python bench/dedup.py`.

A synthetic syndication set from the Multi-News validation articles: for each of up to 150
articles of 120 words or more, five copies as syndication makes them (another byline line;
one paragraph dropped; an advert paragraph added; a changed headline line; all four at once),
plus every other article of the same gold event as a distinct article on the same topic.
The real `merge_duplicates` groups them; pairs in one group are scored against the truth.
Targets (issue 5): precision >= 0.99, recall >= 0.95.
"""

from __future__ import annotations

import random
import time
from itertools import combinations

from multinews import load_clusters

from briefing.dedup import merge_duplicates
from briefing.ingest import parse_plain
from briefing.models import Article
from briefing.text import content_hash

ADVERT = ("Advertisement: Subscribe today for unlimited access to breaking news, analysis and more. "
          "Sign up now and get your first month free.")


def _article(text: str, name: str) -> Article:
    paragraphs = tuple(p for p in parse_plain(text)["paragraphs"] if p.strip())
    return Article(content_hash(name + text), name, None, None, None, None, None, paragraphs)


def _copies(text: str, rng: random.Random) -> dict[str, str]:
    paras = [p for p in text.split("\n") if p.strip()]
    dropped = list(paras)
    if len(dropped) > 2:
        dropped.pop(rng.randrange(1, len(dropped)))
    with_ad = list(paras)
    with_ad.insert(rng.randrange(1, len(with_ad) + 1), ADVERT)
    byline = ["By Staff Reporter, Syndicated Press"] + paras
    headline = ["Latest: what we know so far about this story"] + paras
    everything = ["Breaking: the story everyone is talking about", "By A. Writer, Wire Service"] + dropped[:]
    everything.insert(len(everything) // 2, ADVERT)
    return {"byline": byline, "dropped paragraph": dropped, "advert": with_ad, "headline": headline,
            "all four": everything}


def main() -> None:
    rng = random.Random(0)
    clusters = load_clusters()
    items: list[tuple[Article, int, str]] = []  # article, family (original's index), kind
    family = originals = 0
    for cluster in clusters:
        docs = [d for d in cluster["documents"] if len(d.split()) >= 120]
        if not docs or originals >= 150:
            continue
        originals += 1
        original, *others = docs
        base = family
        items.append((_article(original, f"{base}-original"), base, "original"))
        for kind, paras in _copies(original, rng).items():
            items.append((_article("\n".join(paras), f"{base}-{kind}"), base, kind))
        for k, other in enumerate(others):  # same event, different article: must stay apart
            family += 1
            items.append((_article(other, f"{base}-other-{k}"), family, "distinct"))
        family += 1
    rng.shuffle(items)
    start = time.perf_counter()
    corpus = merge_duplicates([a for a, _, _ in items])
    elapsed = time.perf_counter() - start
    fam = {a.id: f for a, f, _ in items}
    kind = {a.id: k for a, _, k in items}
    predicted = {frozenset(p) for g in corpus.duplicates for p in combinations(g, 2)}
    truth = {frozenset((a.id, b.id)) for (a, fa, _), (b, fb, _) in combinations(items, 2) if fa == fb}
    tp = len(predicted & truth)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(truth)
    print(f"{len(items)} articles: {sum(k == 'original' for _, _, k in items)} originals x 5 copies, "
          f"{sum(k == 'distinct' for _, _, k in items)} distinct articles on the same events")
    print(f"pairs: precision {precision:.3f}  recall {recall:.3f}   ({elapsed:.1f} s)")
    missed = [p for p in truth - predicted]
    by_kind: dict[str, int] = {}
    for pair in missed:
        for aid in pair:
            if kind[aid] != "original":
                by_kind[kind[aid]] = by_kind.get(kind[aid], 0) + 1
    if missed:
        print("missed pairs by the copy's kind:", ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())))


if __name__ == "__main__":
    main()
