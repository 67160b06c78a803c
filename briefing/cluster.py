"""Cluster: group articles into events and order the events by date.

Two articles report one event when their leads say the same thing (the lead carries the
news peg; the rest of an article is largely background shared by the whole story) and their
event dates do not contradict each other. Articles of one long-running story are all similar
in the body, so only the lead is compared, and the bar is high.
"""

from __future__ import annotations

import numpy as np

from .dates import resolve_event_dates
from .dedup import _UnionFind, article_sentences
from .embed import Embedder
from .models import Corpus, Event, EventDate
from .text import content_hash

STAGE_VERSION = 1  # bump when this stage's output changes: cached results are then redone

LEAD_SENTENCES = 3
# Lead vectors of separate happenings in one story (an inspection, a visit a year later)
# measured 0.62-0.72 on the demo corpus; reports of one happening sit above 0.85.
SAME_EVENT_COSINE = 0.85
MAX_MONTHS_APART = 1


def _months_apart(a: EventDate, b: EventDate) -> int | None:
    if not (a.known and b.known and a.month and b.month):
        return None
    return abs((a.year * 12 + a.month) - (b.year * 12 + b.month))


def cluster_events(corpus: Corpus, embedder: Embedder) -> list[Event]:
    """Events of the corpus, in date order (undated events last).

    Args:
        corpus: the deduplicated articles and passages.
        embedder: sentence embedder used to compare article leads.

    Returns:
        One `Event` per happening, each with its articles and passages.
    """
    articles = list(corpus.articles)
    if not articles:
        return []
    sentences = {a.id: article_sentences(a) for a in articles}
    dates = resolve_event_dates(articles, sentences)

    leads = []
    for a in articles:
        v = embedder.encode(sentences[a.id][:LEAD_SENTENCES]).mean(axis=0)
        leads.append(v / (np.linalg.norm(v) or 1.0))
    sims = np.array(leads) @ np.array(leads).T

    uf = _UnionFind(len(articles))
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            apart = _months_apart(dates[articles[i].id], dates[articles[j].id])
            if sims[i, j] >= SAME_EVENT_COSINE and (apart is None or apart <= MAX_MONTHS_APART):
                uf.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(articles)):
        groups.setdefault(uf.find(i), []).append(i)

    # Each merged-duplicate group is represented by its first article.
    events = []
    for members in groups.values():
        ids = tuple(articles[i].id for i in members)
        all_ids = set(ids)
        for group in corpus.duplicates:
            if group[0] in all_ids:
                all_ids.update(group)
        passages = tuple(p for p in corpus.passages if set(p.source_ids) & all_ids)
        known = [dates[i] for i in ids if dates[i].known]
        date = min(known, key=lambda d: d.sort_key) if known else dates[ids[0]]
        events.append(Event(
            id=content_hash("|".join(sorted(ids))),
            article_ids=ids,
            passages=passages,
            date=date,
        ))
    first_path = {a.id: a.path for a in articles}
    events.sort(key=lambda e: (e.date.sort_key, first_path[e.article_ids[0]]))
    return events
