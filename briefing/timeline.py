"""Timeline: the dates that matter in a story, each told in its sources' own sentences.

1. dates: every day the articles name ("on Tuesday", "yesterday", "20 April", resolved
   against each article's publication date by `briefing.temporal`) counts once for each
   article that names it, twice when the article names it in its lead (the news it leads
   on), and each article published that day counts `PUBLISHED_WEIGHT` (news is mostly about
   its own day or the day before; the text says which). Days before
   the story's first article by more than `LEAD_IN_DAYS` are its background, and days after
   its last article have not happened yet: neither is a date of the timeline. The best
   scored days win (an undated folder has none: its relative dates cannot be read).
   A chronology in the folder (a factbox's lines "March 17 - The Security Council votes
   ...", in date order) is a journalist's own timeline: each day it lists counts
   `CHRONOLOGY_WEIGHT` more, as its lines are read whether or not the parse found their date.
2. sentences: for each date, the sentences that name it, and the leads of the articles
   published that day that name no other day, ranked by closeness (TF-IDF) to what all of
   them say together, a lead sentence preferred (`LEAD_BONUS`: a report's opening states
   its news), each adding words the ones before did not: the date's common story, not one
   outlet's aside.

Every sentence is a source's own sentence, cited with every article that carries it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .models import Article, Corpus, Event, SummarySentence
from .temporal import DAY, MONTH_RE, TimeMention, resolve
from .text import article_sentences

# Chosen on the Timeline17 stories (bench/timeline.py), where the choice hardly matters (mean
# Date-F1 0.60-0.63 for weights 0-1, lead weight 1-2; spreading dates apart or discounting busy
# weeks lost 0.01-0.15): an article published on a day counts for a fifth of one naming it,
# and a day named in the lead (the first `LEAD_NAMING` sentences) counts double. Measured again
# (mean Date-F1 at l, and over l/2 to 3l/2 dates) and left out, none gaining on both: extra
# weight for namings published days or weeks later (-0.05 to +0.02: a story's latest days
# cannot be named later), passing over a day next to a chosen one that the same articles name
# (-0.03 to +0.01), publication counted once a day or by its log (0 to -0.04), a quota of
# dates a month by its volume (-0.02 to -0.04).
PUBLISHED_WEIGHT = 0.2
LEAD_NAMING, LEAD_WEIGHT = 5, 2.0
LEAD_IN_DAYS = 14  # how far before the first article a named day can still be the story's own
# A day a chronology lists counts as much as three articles leading on it (LEAD_WEIGHT each):
# on the one Timeline17 story with factboxes (LibyaWar_reuters, seven copies of one) weights
# 2 / 4 / 6 / 8 gave Date-F1 0.43 / 0.57 / 0.61 / 0.61 (none: 0.25); the other six, which have
# none that passes the checks below, are unchanged.
CHRONOLOGY_WEIGHT = 6.0
# A chronology has at least this many distinct dated lines: one line opening "September 27:"
# is a diary item or a timestamp, not a timeline.
CHRONOLOGY_LINES = 3
# A chronology line opens with a day and month ("March 17", "17 March", "Feb. 15, 2011") and a
# dash or colon; the date is read against the article's publication date, as `temporal` reads it.
_CHRONOLOGY_LINE = re.compile(
    rf"^\W*((?:{MONTH_RE})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTH_RE})\.?)(?:,?\s+\d{{4}})?\s*(?:-+|–|—|:)\s")
LEAD_SENTENCES = 2
MIN_WORDS, MAX_WORDS = 6, 50
NEAR_REPEAT = 0.5  # cosine above which a sentence repeats one chosen for the same date
# A sentence among the first LEAD_SENTENCES + 1 of its article scores this much more: on the
# Timeline17 stories 0.5 lifted alignment ROUGE-1 from 0.124 to 0.131 (1.0: 0.129).
LEAD_BONUS = 0.5


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    precision: str  # "day" (the JSON allows "month", for entries dated to their month)
    sentences: tuple[SummarySentence, ...]


@dataclass(frozen=True)
class Timeline:
    entries: tuple[TimelineEntry, ...]  # in date order


@dataclass(frozen=True)
class _Candidate:
    text: str
    article_id: str
    position: int


def read_chronology(sentences: Sequence[str], published: dt.date | None) -> tuple[tuple[int, dt.date], ...]:
    """The article's chronology: (sentence index, day) for each line opening with the day it
    tells and each sentence after it before the next such line, or () when it has none.

    A run of such lines is a chronology only when it lists at least `CHRONOLOGY_LINES` days and
    they run in date order (either way): a list of deaths across several years, its years left
    to headings, reads out of order against the publication date and is left out.

    >>> read_chronology(["Here is a timeline.", "March 17 - The U.N. votes.", "It passes 10-0.",
    ...                  "March 19 - Strikes begin.", "April 30 - A strike kills his son."], dt.date(2011, 8, 22))[:2]
    ((1, datetime.date(2011, 3, 17)), (2, datetime.date(2011, 3, 17)))
    """
    if published is None:
        return ()
    lines = []
    for i, text in enumerate(sentences):
        m = _CHRONOLOGY_LINE.match(text)
        if m is None:
            continue
        # "past": a chronology tells what has happened by the day it was published
        found = resolve(m[0].strip(" -–—:"), published, "past")
        if found is not None and found.precision == DAY:
            lines.append((i, found.date))
    days = [d for _, d in lines]
    if len(set(days)) < CHRONOLOGY_LINES or days not in (sorted(days), sorted(days, reverse=True)):
        return ()
    # A sentence between two lines goes on telling the day before it: "Aug 21 - Rebels reach
    # Green Square ... Rebels rename it Martyrs Square."
    return tuple((j, d) for (i, d), (nxt, _) in zip(lines, lines[1:] + [(lines[-1][0] + 1, None)])
                 for j in range(i, nxt))


def _listed_days(corpus: Corpus, article_ids) -> dict[str, dict[int, dt.date]]:
    """Each article's chronology (`read_chronology`) as sentence index -> day; {} for an
    article with none, or not in the corpus."""
    by_article = {a.id: a for a in corpus.articles}
    return {aid: dict(read_chronology(article_sentences(a), a.date)) if (a := by_article.get(aid)) else {}
            for aid in article_ids}


def only_chronologies(event: Event, corpus: Corpus) -> bool:
    """Every article of the event is a chronology (factboxes of a war, republished as it
    goes on): it tells no happening of its own, only days the story's other events tell."""
    return all(_listed_days(corpus, event.article_ids).values())


def listed_elsewhere(event: Event, corpus: Corpus) -> frozenset[str]:
    """Ids of the event's passages that are a chronology's lines for a day other than the
    event's (another month, for an event dated to its month; any day, for an undated one): a
    factbox published the day Tripoli fell lists the day sanctions were imposed in February,
    and that line does not tell what happened on the event's day."""
    listed = _listed_days(corpus, {p.source_ids[0] for p in event.passages})
    when = event.date

    def same(d: dt.date) -> bool:
        return when.month is not None and (when.year, when.month) == (d.year, d.month) and when.day in (None, d.day)

    return frozenset(p.id for p in event.passages
                     if (d := listed[p.source_ids[0]].get(p.position)) is not None and not same(d))


def date_scores(articles: Sequence[Article], times: Mapping[str, Sequence[Sequence[TimeMention]]],
                chronologies: Mapping[str, Sequence[tuple[int, dt.date]]] | None = None) -> Counter:
    """How much the articles make of each day: articles naming it, plus `PUBLISHED_WEIGHT`
    for each published on it, plus `CHRONOLOGY_WEIGHT` for each chronology listing it
    (Article.id -> `read_chronology`, when given), within the story's own period. A broadcast
    transcript counts here as an article does, though none of its speech is told."""
    published = [a.date for a in articles if a.date]
    if not published:
        return Counter()
    first, last = min(published) - dt.timedelta(days=LEAD_IN_DAYS), max(published)
    scores: Counter = Counter()
    for a in articles:
        for d in {d for _, d in (chronologies or {}).get(a.id, ())}:
            if first <= d <= last:
                scores[d] += CHRONOLOGY_WEIGHT
        named: dict[dt.date, float] = {}
        for i, sentence in enumerate(times.get(a.id, ())):
            for m in sentence:
                if m.precision == DAY and first <= m.date <= last:
                    named[m.date] = max(named.get(m.date, 0.0), LEAD_WEIGHT if i < LEAD_NAMING else 1.0)
        for d, weight in named.items():
            scores[d] += weight
        if a.date:
            scores[a.date] += PUBLISHED_WEIGHT
    return scores


def _candidates(articles: Sequence[Article], sentences: Mapping[str, Sequence[str]],
                times: Mapping[str, Sequence[Sequence[TimeMention]]],
                chronologies: Mapping[str, Sequence[tuple[int, dt.date]]]) -> dict[dt.date, list[_Candidate]]:
    found: dict[dt.date, list[_Candidate]] = defaultdict(list)
    for a in articles:
        own = sentences[a.id]
        listed = dict(chronologies.get(a.id, ()))
        named_any = False
        for i, (text, mentions) in enumerate(zip(own, times.get(a.id, ()))):
            if not MIN_WORDS <= len(text.split()) <= MAX_WORDS or text.rstrip()[-1:] == "?":
                continue
            # a chronology line tells its day even where the parse found no date in it
            for d in {m.date for m in mentions if m.precision == DAY} | ({listed[i]} if i in listed else set()):
                found[d].append(_Candidate(text, a.id, i))
                named_any = True
        if a.date and not named_any:
            for i, text in enumerate(own[:LEAD_SENTENCES]):
                if MIN_WORDS <= len(text.split()) <= MAX_WORDS:
                    found[a.date].append(_Candidate(text, a.id, i))
    return found


def _rank(candidates: list[_Candidate], k: int) -> list[_Candidate]:
    """Up to `k` candidates: closest to the centroid first, skipping near-repeats."""
    unique = list({c.text: c for c in candidates}.values())
    if len(unique) <= 1:
        return unique[:k]
    found = centrality([c.text for c in unique])
    if found is None:
        return unique[:k]
    x, closeness = found
    lead = np.array([1 + LEAD_BONUS * (c.position <= LEAD_SENTENCES) for c in unique])
    order = np.argsort(-(closeness * lead), kind="stable")
    chosen: list[int] = []
    for i in order:
        if len(chosen) == k:
            break
        if chosen and float((x[chosen] @ x[i].T).max()) > NEAR_REPEAT:
            continue
        chosen.append(int(i))
    return [unique[i] for i in chosen]


def centrality(texts: Sequence[str]):
    """(the texts' normalised TF-IDF rows, each text's cosine to their centroid), or None when
    no word survives the stopwords: how close each text is to what all of them say."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    try:
        x = normalize(TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts))
    except ValueError:
        return None
    centroid = np.asarray(x.mean(axis=0)).ravel()
    centroid /= np.linalg.norm(centroid) or 1.0
    return x, np.asarray(x @ centroid).ravel()


def build_timeline(corpus: Corpus, sentences: Mapping[str, Sequence[str]],
                   times: Mapping[str, Sequence[Sequence[TimeMention]]], *, dates: int = 10,
                   per_date: int = 2, spoken: Sequence[Article] = ()) -> Timeline:
    """The `dates` most important dates of the story, each told in up to `per_date` sentences.

    Args:
        corpus: the deduplicated articles.
        sentences: Article.id -> its sentences (as `times` was found on them).
        times: Article.id -> the dates each of its sentences names.
        spoken: broadcast transcripts, as read (their dates in `times`): they count for the
            days (`date_scores`), and none of their sentences is told.
    """
    articles = list(corpus.articles)
    chronologies = {a.id: found for a in articles if (found := read_chronology(sentences[a.id], a.date))}
    scores = date_scores(articles + list(spoken), times, chronologies)
    chosen = sorted(d for d, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:dates])
    candidates = _candidates(articles, sentences, times, chronologies)
    carriers = _carriers(corpus)
    entries = []
    for d in chosen:
        picked = _rank(candidates.get(d, []), per_date)
        told = tuple(SummarySentence(c.text, carriers.get(c.text, (c.article_id,)), c.text, rewritten=False)
                     for c in sorted(picked, key=lambda c: (c.article_id, c.position)))
        if told:
            entries.append(TimelineEntry(d, DAY, told))
    return Timeline(tuple(entries))


def _carriers(corpus: Corpus) -> dict[str, tuple[str, ...]]:
    """Sentence text -> every article that carries it (dedup's passages)."""
    return {p.text: p.source_ids for p in corpus.passages}
