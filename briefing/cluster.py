"""Cluster: group articles into events and order the events by date.

Two articles report one event when they share both the story's words and its news peg:

1. lexical: TF-IDF over the whole text (names and rare words carry the story; words in half
   the articles or more carry nothing), reduced by LSA once there are enough articles for
   topics to form;
2. semantic: MiniLM vectors of the title and lead sentences (the lead carries the news peg;
   the rest of an article is background shared by the whole story);
3. one joint vector whose dot product is a weighted sum of the two cosines; a k-nearest-
   neighbour graph keeps the cost near-linear, and average-linkage agglomerative clustering
   over that graph stops at `SAME_EVENT_SIMILARITY`;
4. dates: a cluster whose members' event dates lie more than `MAX_MONTHS_APART` apart is cut
   at the gaps (an inspection and a monitoring visit a year later are two events); undated
   members follow the dated part they are most similar to;
5. the same month: events dated to the same month that are about the same story
   (`SAME_MONTH_SIMILARITY`) are one happening told by several outlets. In a small folder the
   words a whole story shares occur in most articles and count for nothing (that is what keeps
   a story's happenings apart), so two write-ups of one inspection can fall below the
   threshold of step 3; their date brings them together.

An event is dated when most of its articles say it happened (`happening_date`), not by the
earliest article, which may only announce a plan for it.
"""

from __future__ import annotations

import datetime as dt

from collections.abc import Mapping, Sequence

import numpy as np

from .dates import resolve_event_dates
from .embed import Embedder
from .models import Corpus, Event, EventDate
from .temporal import TimeMention
from .text import article_sentences, content_hash

STAGE_VERSION = 8  # bump when this stage's output changes: cached results are then redone

# The news peg is in the headline and the first sentences: about 64 tokens of them are
# embedded, one string an article (MiniLM costs ~10 ms for that on 2 cores, ~230 ms for 512
# tokens; at 20,000 articles only the short form fits the budget).
LEAD_WORDS = 48
# Chosen on Multi-News validation clusters (bench/clusters.py), then checked for stability:
# weight of the lexical cosine in the joint similarity (0.6-0.7 score alike), the similarity
# where merging stops (scores move by about 0.03 ARI for +-10 %), and the neighbours each
# article is compared with (10 covers the largest events; more costs time and gains nothing).
LEXICAL_WEIGHT = 0.7
SAME_EVENT_SIMILARITY = 0.425
NEIGHBOURS = 10
LSA_DIMENSIONS = 200
MAX_MONTHS_APART = 1
# Articles all dated to their day and this many days or fewer apart may tell one happening; a
# longer gap splits them (MJ_bbc: Conrad Murray's verdict on 7 November and his sentence on 29
# November were one event, dated 8 November, titled "Michael Jackson doctor gets four years").
GAP_DAYS = 10
# Events dated to the same month join at this mean similarity (average linkage over them):
# two outlets' reports of one inspection beside the seeds score 0.37, unrelated local stories
# below 0.15. Worst case, all 690 Multi-News articles put in one month: ARI 0.756 at 0.35
# against 0.743 undated (0.696 at 0.3; joining any pair above 0.3 instead gave 0.483).
SAME_MONTH_SIMILARITY = 0.35


def _day(d: EventDate) -> int:
    return dt.date(d.year, d.month, d.day).toordinal()


def _day_span(members: list[int], dates: list[EventDate]) -> tuple[int, int] | None:
    """(first, last) day of the members' dates when every dated member is dated to its day."""
    known = [dates[i] for i in members if dates[i].known]
    if not known or not all(d.month and d.day for d in known):
        return None
    days = [_day(d) for d in known]
    return min(days), max(days)


def _months(d: EventDate) -> int | None:
    return d.year * 12 + d.month if d.known and d.month else None


def _lexical(texts: list[str]) -> np.ndarray:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    try:
        x = TfidfVectorizer(sublinear_tf=True, stop_words="english", max_df=0.5, dtype=np.float32,
                            token_pattern=r"(?u)\b[A-Za-z][A-Za-z0-9'-]+\b").fit_transform(texts)
    except ValueError:  # no word survives (every word in over half the articles): no signal
        return np.zeros((len(texts), 1), dtype=np.float32)
    if x.shape[0] >= 2 * LSA_DIMENSIONS and x.shape[1] > LSA_DIMENSIONS:
        return normalize(TruncatedSVD(LSA_DIMENSIONS, random_state=0).fit_transform(x)).astype(np.float32)
    return normalize(x).toarray().astype(np.float32)


def _agglomerate(vectors: np.ndarray) -> np.ndarray:
    """Average-linkage clusters over the k-nearest-neighbour graph, one connected part at a time.

    Parts of the graph that no neighbour link joins are separate stories already; clustering
    them one by one keeps memory to the size of the largest part (handing sklearn a graph in
    pieces makes it join them by comparing every pair, which took gigabytes at 20,000).
    """
    import sklearn
    from scipy.sparse.csgraph import connected_components
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.neighbors import NearestNeighbors

    n = len(vectors)
    labels = np.zeros(n, dtype=int)
    if n == 1:
        return labels
    k = min(NEIGHBOURS, n - 1)
    with sklearn.config_context(working_memory=128):  # distance blocks of 128 MB, not 1 GB
        graph = NearestNeighbors(n_neighbors=k + 1, metric="cosine").fit(vectors).kneighbors_graph(vectors)
    graph = ((graph + graph.T) > 0).astype(np.float32).tocsr()
    parts, part_of = connected_components(graph, directed=False)
    next_label = 0
    for part in range(parts):
        members = np.flatnonzero(part_of == part)
        if len(members) == 1:
            labels[members] = next_label
            next_label += 1
            continue
        found = AgglomerativeClustering(
            n_clusters=None, connectivity=graph[members][:, members], metric="cosine", linkage="average",
            distance_threshold=1 - SAME_EVENT_SIMILARITY).fit_predict(_isometric(vectors[members]))
        labels[members] = found + next_label
        next_label += int(found.max()) + 1
    return labels


def _isometric(vectors: np.ndarray) -> np.ndarray:
    """The same points in as many dimensions as there are points, when that is fewer: every
    dot product, so every cosine, is unchanged (R of X^T = QR, as X X^T = R^T R). sklearn's
    linkage copies a row of features for each edge of the graph in float64: 229 articles of a
    10,000-word vocabulary took 1.1 GB, their 229-dimensional equivalent 25 MB."""
    n, d = vectors.shape
    if n >= d:
        return vectors
    r = np.linalg.qr(vectors.T.astype(np.float64), mode="r")
    return np.ascontiguousarray(r.T, dtype=np.float32)


def _split_by_date(members: list[int], dates: list[EventDate], vectors: np.ndarray) -> list[list[int]]:
    known = sorted((m, i) for i in members if (m := _months(dates[i])) is not None)
    days = sorted((_day(dates[i]), i) for i in members if dates[i].known and dates[i].day)
    if len(days) == len(known) and days and any(b[0] - a[0] > GAP_DAYS for a, b in zip(days, days[1:])):
        # Every member dated to its day: a gap of more than GAP_DAYS without one is two
        # happenings (a verdict and, three weeks later, the sentence).
        parts = [[days[0][1]]]
        for (before, _), (day, i) in zip(days, days[1:]):
            if day - before > GAP_DAYS:
                parts.append([])
            parts[-1].append(i)
    elif not known or known[-1][0] - known[0][0] <= MAX_MONTHS_APART:
        return [members]
    else:
        parts = [[known[0][1]]]
        start = known[0][0]
        for month, i in known[1:]:
            if month - start > MAX_MONTHS_APART:
                parts.append([])
                start = month
            parts[-1].append(i)
    for i in members:
        if _months(dates[i]) is None:
            best = max(range(len(parts)), key=lambda p: float(np.mean(vectors[parts[p]] @ vectors[i])))
            parts[best].append(i)
    return [sorted(p) for p in parts]


def _join_same_month(parts: list[list[int]], dates: list[EventDate], vectors: np.ndarray) -> list[list[int]]:
    """`parts` with those dated to the same month joined when they are about the same story:
    average linkage over the month's parts, each part one item.

    The mean similarity of two parts' articles is the dot product of their (unnormalised)
    centroids, so each month costs one matrix product over its parts, whatever their sizes.
    """
    from sklearn.cluster import AgglomerativeClustering

    by_month: dict[int, list[int]] = {}
    for k, members in enumerate(parts):
        known = [m for i in members if (m := _months(dates[i])) is not None]
        if known:
            by_month.setdefault(min(known), []).append(k)
    joined = {k: list(members) for k, members in enumerate(parts)}
    for ks in by_month.values():
        if len(ks) < 2:
            continue
        centroids = np.array([vectors[parts[k]].mean(axis=0) for k in ks])
        distance = np.clip(1 - centroids @ centroids.T, 0, None)
        # (parts dated to days more than GAP_DAYS apart are two happenings, as `_split_by_date` cut them)
        spans = [_day_span(parts[k], dates) for k in ks]
        for a, sa in enumerate(spans):
            for b, sb in enumerate(spans):
                if sa and sb and (sb[0] - sa[1] > GAP_DAYS or sa[0] - sb[1] > GAP_DAYS):
                    distance[a, b] = 1.0
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=1 - SAME_MONTH_SIMILARITY).fit_predict(distance)
        first: dict[int, int] = {}
        for k, label in zip(ks, labels):
            if label in first:
                joined[first[label]].extend(joined.pop(k))
            else:
                first[label] = k
    return [sorted(m) for m in joined.values()]


# Articles dated within this many days of each other tell the same happening's days.
HAPPENING_DAYS = 3


def happening_date(known: list[EventDate]) -> EventDate:
    """When an event's articles say it happened: the date with the most of them within
    HAPPENING_DAYS of it, the earliest of equals. Not simply the earliest: one article
    announcing a plan ("BP hopes to pump mud into the well") weeks before the coverage of it
    being done would date the happening by the plan."""
    def day(d: EventDate) -> int:
        return dt.date(d.year, d.month or 7, d.day or (15 if d.month else 1)).toordinal()

    def support(d: EventDate) -> int:
        return sum(1 for other in known if abs(day(other) - day(d)) <= HAPPENING_DAYS)

    return min(known, key=lambda d: (-support(d), d.sort_key))


def cluster_events(corpus: Corpus, embedder: Embedder,
                   times: Mapping[str, Sequence[Sequence[TimeMention]]] | None = None) -> list[Event]:
    """Events of the corpus, in date order (undated events last).

    Args:
        corpus: the deduplicated articles and passages.
        embedder: sentence embedder for the leads.
        times: Article.id -> the dates each of its sentences names, to date its news by.

    Returns:
        One `Event` per happening, each with its articles and passages.
    """
    articles = list(corpus.articles)
    if not articles:
        return []
    sentences = {a.id: article_sentences(a) for a in articles}
    dates_by_id = resolve_event_dates(articles, sentences, times)
    dates = [dates_by_id[a.id] for a in articles]

    leads = [" ".join(f"{a.title + '.' if a.title else ''} {a.text}".split()[:LEAD_WORDS]) for a in articles]
    semantic = embedder.encode(leads)
    lexical = _lexical([f"{a.title or ''}\n{a.text}" for a in articles])
    joint = np.hstack([lexical * np.sqrt(LEXICAL_WEIGHT), semantic * np.sqrt(1 - LEXICAL_WEIGHT)])
    labels = _agglomerate(joint)

    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    parts = [p for members in groups.values() for p in _split_by_date(members, dates, joint)]
    parts = _join_same_month(parts, dates, joint)

    passages_of: dict[str, list] = {}
    owner = {}
    for members in parts:
        for i in members:
            owner[articles[i].id] = members[0]
    for group in corpus.duplicates:  # merged copies belong where their kept article went
        for aid in group[1:]:
            owner.setdefault(aid, owner.get(group[0]))
    for p in corpus.passages:
        for key in {owner.get(s) for s in p.source_ids} - {None}:
            passages_of.setdefault(key, []).append(p)

    events = []
    for members in parts:
        ids = tuple(articles[i].id for i in members)
        known = [dates[i] for i in members if dates[i].known]
        date = happening_date(known) if known else dates[members[0]]
        events.append(Event(id=content_hash("|".join(sorted(ids))), article_ids=ids,
                            passages=tuple(passages_of.get(members[0], ())), date=date))
    first_path = {a.id: a.path for a in articles}
    events.sort(key=lambda e: (e.date.sort_key, first_path[e.article_ids[0]]))
    return events
