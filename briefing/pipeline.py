"""The whole job, stage by stage: ingest -> dedup -> cluster -> summarise -> assemble."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from . import cluster, dedup, disagree, reporting, subedit, summarise, temporal
from .assemble import (
    APPENDICES,
    BriefingInfo,
    Other,
    Section,
    article_label,
    build_document,
    open_template,
    write_briefing,
)
from .cache import Cache, CachedEmbedder, NullCache, key_of
from .chart import coverage_chart
from .checks import content_words
from .cluster import cluster_events
from .dates import resolve_event_dates
from .dedup import merge_duplicates
from .disagree import Difference, find_differences
from .embed import default_embedder
from .errors import BriefingError
from .generators import Generator
from .ingest import SkipFile, ingest_folder, read_article
from .length import body_pages
from .models import Article, Changes, Corpus, Event, Summary, SummarySentence
from .naming import story_title
from .parse import ParseMemo, Parser, shared
from .people import find_entities
from .progress import plural, task
from .prompts import Prompts
from .quotes import quoted_share
from .reader import leaves_out, mend
from .reporting import screen_articles
from .select import Selection, importance, long_story, newest_turn, ranking, sectioned, select_events
from .summarise import (
    event_title,
    passage_vectors,
    read_from,
    refresh_supporters,
    summarise_events,
    title_candidates,
    told_off_story,
)
from .temporal import TimeMention, find_times
from .text import article_sentences
from .timeline import Timeline, build_timeline, date_scores, listed_elsewhere, only_chronologies

DEFAULT_PAGES = 6
# Before anything is summarised the body's length is guessed from these (pages; measured on
# built briefings), then measured on the document itself (`briefing.length`) and corrected.
FRAME_PAGES = 1.3  # title block, key points, the timeline's heading and chart
EVENT_PAGES = 0.55  # an event: its heading, about four sentences and their notes, its timeline row
INTRO_SENTENCES = 2  # a period's opening sentences
INTRO_PAGES = 0.2
OVERVIEW_SENTENCES, OVERVIEW_WORDS = 4, 130  # the opening Summary
OVERVIEW_MIN_SENTENCES = 3
OVERVIEW_MIN_SPANS = 3  # dated events, for a Summary told from beginning to latest turn
OVERVIEW_PAGES = 0.2
OVERVIEW_QUOTED = 0.4  # a sentence with this share of it in quotation marks is a quotation, not narration
FIT_ROUNDS = 3


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class _BuildState:
    """What a build contained, remembered per output file for the next build's "What is new"."""

    built: dt.datetime
    articles: dict[str, str]  # Article.id -> label
    events: dict[str, tuple[str, tuple[str, ...]]]  # summary key -> (title, article ids)


def _event_key(event: Event, model: str, prompts: Prompts, options: dict | None = None) -> str:
    """Everything an event's summary depends on: its articles (their ids hash their text), its
    date, the model, the prompt text and the summary's length.

    What other articles do is left out: a new article repeating a told sentence, or wording it
    at more length (the passage then takes its wording and id), changes citations, refreshed
    on reuse (`refresh_supporters`), not what the event's own articles say; it must not cost
    a re-summary of every event whose background it shares.
    """
    return key_of(summarise.STAGE_VERSION, subedit.STAGE_VERSION, model, prompts.fingerprint, event.article_ids,
                  event.date, sorted((options or {}).items()))


def _changes(previous: _BuildState | None, corpus, events: list[Event], keys: list[str],
             titles: dict[str, str]) -> Changes | None:
    if previous is None:
        return None
    current_ids = {a.id for a in corpus.sources}
    new_articles = tuple(a for a in corpus.sources if a.id not in previous.articles)
    removed = tuple(label for aid, label in previous.articles.items() if aid not in current_ids)
    new_events, changed = [], []
    # (an event of the same articles as before is not new or changed, though its summary may
    # be redone: a new model, prompt or version of briefing is no change to the sources)
    told_before = {frozenset(ids) for _, ids in previous.events.values()}
    for event, key in zip(events, keys):
        if key in previous.events or frozenset(event.article_ids) in told_before:
            continue
        (changed if set(event.article_ids) & set(previous.articles) else new_events).append(titles[event.id])
    return Changes(previous.built, new_articles, removed, tuple(new_events), tuple(changed))


def keep_reporting(articles: list[Article], *, cache: Cache | None = None, parser: Parser | None = None,
                   progress: Callable[[str], None] = _log, spoken: list[Article] | None = None) -> list[Article]:
    """The articles with only the sentences that are reporting (see `briefing.reporting`).

    Stderr names each file that addresses a machine ("Note on FILE: 2 sentences addressed to
    an AI were left out"), a file with nothing but such text as skipped, and the count of
    other furniture left out. `spoken`, when given, receives the articles that were nothing
    but speech or own words (a broadcast transcript, a blog), as they were read: never told,
    but coverage of the day they went out and of the days they name.
    """
    cache = cache or NullCache()
    keys = {a.id: key_of(reporting.STAGE_VERSION, a.id) for a in articles}
    found = cache.get_many("reporting", keys.values())
    judged = {aid: found[key] for aid, key in keys.items() if key in found}
    # Not a cache-through: boilerplate is judged across all the articles, the cached ones too.
    screening = screen_articles(articles, parser or shared(), judged=judged)
    cache.put_many("reporting", {keys[aid]: j for aid, j in screening.judgements if aid not in judged})
    to_a_machine = Counter(x.path for x in screening.left_out if x.kind == reporting.MACHINE)
    for article in articles:
        n = to_a_machine[article.path]
        if n:
            progress(f"Note on {article.path}: {n} sentence{'s' if n > 1 else ''} addressed to an AI "
                     f"{'were' if n > 1 else 'was'} left out")
    left_out_of = defaultdict(list)
    for x in screening.left_out:
        left_out_of[x.path].append(x)
    read_as = {a.path: a for a in articles}
    for article in screening.emptied:
        if spoken is not None and any(x.kind in reporting.SAID_KINDS for x in left_out_of[article.path]):
            spoken.append(read_as[article.path])
        progress(f"Skipped {article.path}: nothing in it is reporting "
                 f"({reporting.describe(left_out_of[article.path])})")
    furniture = [x for x in screening.left_out if x.kind != reporting.MACHINE]
    if furniture:
        progress(f"Left out {plural(len(furniture), 'sentence')} that {'is' if len(furniture) == 1 else 'are'} "
                 f"not reporting ({reporting.describe(furniture)})")
    return list(screening.articles)


def story_times(articles: list[Article], *, cache: Cache | None = None, parser: Parser | None = None,
                progress: Callable[[str], None] = _log) -> tuple[dict[str, list[str]], dict[str, tuple]]:
    """Each article's sentences and the dates each names (see `briefing.temporal`), both keyed
    by Article.id; found once per article and cached.

    Only dated articles are read: an undated one's "on Tuesday" cannot be resolved, and the
    months and years it states whole are dated by `briefing.dates` without a parse.
    """
    cache = cache or NullCache()
    sentences = {a.id: article_sentences(a) for a in articles}
    dated = {a.id: a for a in articles if a.date}
    parser = parser or shared()

    def read(todo: list[str]) -> dict[str, tuple]:
        found = {}
        with task(progress, "Reading the dates", len(todo), "articles") as bar:
            for chunk in _by_cues(todo, sentences):
                # The chunk's sentences that name a time, parsed together (in two processes
                # where two cores are free), then read article by article.
                parse = ParseMemo(parser.with_entities, size=sum(map(len, chunk.values())) + 1)
                parse([s for cued in chunk.values() for s in cued])
                for aid in chunk:
                    found[aid] = find_times(sentences[aid], dated[aid].date, parse)
                    bar.advance()
        return found

    read_times = cache.through("times", {aid: key_of(temporal.STAGE_VERSION, aid, a.date) for aid, a in dated.items()},
                               read)
    times: dict[str, tuple[tuple[TimeMention, ...], ...]] = {
        a.id: read_times[a.id] if a.date else ((),) * len(sentences[a.id]) for a in articles}
    return sentences, times


DATES_CHUNK = 1500  # sentences parsed at once when reading dates: a bar that moves every few seconds


def _by_cues(ids: list[str], sentences: dict[str, list[str]]) -> list[dict[str, list[str]]]:
    """`ids` in chunks of about DATES_CHUNK sentences naming a time (`temporal.has_cue`):
    Article.id -> those sentences."""
    chunks: list[dict[str, list[str]]] = [{}]
    held = 0
    for aid in ids:
        if held >= DATES_CHUNK:
            chunks.append({})
            held = 0
        chunks[-1][aid] = [s for s in sentences[aid] if temporal.has_cue(s)]
        held += len(chunks[-1][aid])
    return [c for c in chunks if c]


def story_timeline(folder: Path, *, dates: int = 10, per_date: int = 2, cache: Cache | None = None,
                   progress: Callable[[str], None] = _log) -> tuple[Story, Timeline]:
    """The folder read and grouped into events (as the briefing groups it), and its timeline:
    its `dates` most important dates, each told in up to `per_date` of its sources' sentences.

    Raises:
        BriefingError: `folder` is not a folder or holds no usable article.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise BriefingError(f"{folder} is not a folder.")
    story = group_articles(folder, cache=cache, progress=progress)
    sentences = {a.id: article_sentences(a) for a in story.corpus.articles}
    return story, build_timeline(story.corpus, sentences, story.times, dates=dates, per_date=per_date,
                                 spoken=story.spoken)


def _deduplicated(articles: list[Article], cache: Cache, progress: Callable[[str], None]) -> Corpus:
    """The articles with syndicated copies and shared sentences merged (cached by the set)."""
    def compute() -> Corpus:
        return merge_duplicates(articles)
    key = key_of(dedup.STAGE_VERSION, tuple(a.id for a in articles))
    corpus = cache.memo("dedup", key, compute)
    shared_ = sum(1 for p in corpus.passages if len(p.source_ids) > 1)
    progress(f"Deduplicated: {plural(len(corpus.articles), 'distinct article')}, {plural(len(corpus.passages), 'passage')} "
             f"({shared_} carried by several articles)")
    return corpus


def _read_reporting(folder: Path, *, cache: Cache, progress: Callable[[str], None],
                    spoken: list[Article] | None = None) -> list[Article]:
    """The folder's articles, each with only its reporting sentences (`spoken` receives those
    that were nothing but speech).

    Raises:
        BriefingError: no usable article.
    """
    articles = ingest_folder(folder, on_skip=lambda p, why: progress(f"Skipped {p}: {why}"),
                             on_warning=lambda p, what: progress(f"Note on {p}: {what}"), cache=cache)
    if articles:
        progress(f"Read {plural(len(articles), 'article')} from {folder}")
        articles = keep_reporting(articles, cache=cache, progress=progress, spoken=spoken)
    if not articles:
        raise BriefingError(f"No usable article in {folder}; nothing written.")
    return articles


@dataclass(frozen=True)
class Story:
    """A folder read and grouped: what the later stages start from."""

    corpus: Corpus
    events: list[Event]  # in date order
    times: dict[str, tuple]  # Article.id -> the dates each of its sentences names
    embedder: object
    # Broadcast transcripts, as read: never told (speech is not reporting), but each is coverage
    # of the day it went out and names days as articles do (`timeline.date_scores`); their
    # dates are in `times` too.
    spoken: tuple[Article, ...] = ()


def group_articles(folder: Path, *, cache: Cache | None = None,
                   progress: Callable[[str], None] = _log) -> Story:
    """Ingest, keep the reporting, deduplicate, read the dates and cluster `folder`.

    Raises:
        BriefingError: no usable article.
    """
    cache = cache or NullCache()
    spoken: list[Article] = []
    articles = _read_reporting(folder, cache=cache, progress=progress, spoken=spoken)
    ids = tuple(a.id for a in articles)
    corpus = _deduplicated(articles, cache, progress)
    _, times = story_times(list(corpus.articles) + spoken, cache=cache, progress=progress)

    embedder = CachedEmbedder(cache, default_embedder)
    events = cache.memo("cluster", key_of(cluster.STAGE_VERSION, temporal.STAGE_VERSION, ids,
                                          tuple(p.id for p in corpus.passages)),
                        lambda: cluster_events(corpus, embedder, times))
    progress(f"Found {plural(len(events), 'event')}")
    return Story(corpus, events, times, embedder, tuple(spoken))


def event_titles(events: list[Event], corpus: Corpus, cache: Cache) -> dict[str, str]:
    """Event.id -> its title, without summarising it (for the appendix, "what is new" and
    the `clusters` and `timeline` commands);
    cached, as a 250-article folder has some 180 such events, each title a parse."""
    keys = {e.id: key_of(summarise.STAGE_VERSION, "title", e.id, tuple(p.id for p in e.passages),
                         tuple(corpus.article(a).title for a in e.article_ids)) for e in events}
    by_id = {e.id: e for e in events}
    leads = {}
    for e in events:
        elsewhere = listed_elsewhere(e, corpus)
        told = [p for p in e.passages if p.id not in elsewhere] or e.passages
        leads[e.id] = sorted(told, key=lambda p: p.position)[:3]

    def titled(todo: list[str]) -> dict[str, str]:
        # Each title reads its leads and headlines: parsed together, as one batch, not a few
        # at a time (spaCy's cost is mostly per call for so short a text).
        parse = ParseMemo(shared().with_entities, size=16 * len(todo) + 64)
        parse(list(dict.fromkeys(" ".join(p.text.split()) for i in todo for p in leads[i])))
        parse(list(dict.fromkeys(c for i in todo for c in title_candidates(by_id[i], corpus, leads[i], parse))))
        return {i: event_title(by_id[i], corpus, leads[i], parse=parse) for i in todo}
    return cache.through("title", keys, titled)


def _day(event: Event) -> dt.date | None:
    """The event's day, when the sources give it (the chart marks days only)."""
    d = event.date
    return dt.date(d.year, d.month, d.day) if d.known and d.month and d.day else None


def _sections(selection: Selection, summaries: list[Summary], intros: dict[str, Summary]) -> tuple[Section, ...]:
    by_id = {s.event.id: s for s in summaries}
    return tuple(Section(sec.title, intros.get(sec.title or ""), tuple(by_id[e.id] for e in sec.events))
                 for sec in selection.sections)


def _joined(id_: str, events, told: set[str]) -> Event:
    """The events as one, for a few sentences on all of them: their articles and passages,
    but not the sentences `told` elsewhere in the briefing, nor those mostly quotation (an
    overview narrates; the events' paragraphs quote)."""
    ids = tuple(dict.fromkeys(a for e in events for a in e.article_ids))
    passages = tuple({p.id: p for e in events for p in e.passages
                      if p.text not in told and quoted_share(p.text) < OVERVIEW_QUOTED}.values())
    return Event(id=id_, article_ids=ids, passages=passages, date=events[0].date)


def _section_intros(selection: Selection, summaries_of, told: set[str]) -> dict[str, Summary]:
    """Each titled section's opening sentences: what its events' articles say most together,
    other than the sentences `told` in its events' paragraphs."""
    periods = [sec for sec in selection.sections if sec.title]
    if not periods:
        return {}
    joined = [_joined(f"period:{sec.events[0].id}:{sec.events[-1].id}", sec.events, told) for sec in periods]
    made = summaries_of(joined, max_sentences=INTRO_SENTENCES)
    return {sec.title: s for sec, s in zip(periods, made)}


def _without(summaries: list[Summary], said: set[str]) -> list[Summary]:
    """The summaries with the sentences whose evidence is `said` (by the Summary) left out of
    their paragraphs, where a paragraph keeps at least one sentence."""
    out = []
    for s in summaries:
        kept = tuple(x for x in s.sentences if x.evidence not in said)
        out.append(replace(s, sentences=kept) if kept and len(kept) < len(s.sentences) else s)
    return out


def _spans(dated: list[Event], count: int) -> list[list[Event]]:
    """`dated` (date order) as up to `count` stretches of the story, the last its latest event
    alone (the newest turn); the others share the earlier events evenly, in order."""
    count = min(count, len(dated))
    earlier = dated[:-1]
    cuts = [round(i * len(earlier) / (count - 1)) for i in range(count)] if count > 1 else [0, 0]
    return [earlier[a:b] for a, b in zip(cuts, cuts[1:]) if b > a] + [dated[-1:]]


def _overview(events: list[Event], summaries_of, told: set[str]) -> Summary | None:
    """The story from its beginning to its latest turn, for the briefing's opening Summary,
    other than the key points' sentences (`told`); an event paragraph's sentence it takes, the
    paragraph leaves out (`_without`).

    It opens on what the told events' articles say most together: the story itself, often the
    recap each later report repeats. A story told in OVERVIEW_MIN_SPANS or more dated events
    then goes on through its stretches (`_spans`), the latest event a stretch of its own: each
    is told by its best-covered event's first sentence other than its key point, a sentence the
    event's paragraph would tell; within OVERVIEW_WORDS the middle stretches give way first,
    and a stretch that says again what is told adds nothing. Fewer dated events: what all the
    articles say most together.
    """
    if not events:
        return None
    # The sub-editor's sentences only: another pass of the model would cost a fifth of a build.
    whole = summaries_of([_joined("overview", events, told)], max_sentences=OVERVIEW_SENTENCES,
                         max_words=OVERVIEW_WORDS * 3 // 4, model=False)[0]
    dated = sorted((e for e in events if e.date.known), key=lambda e: e.date.sort_key)
    if len(dated) < OVERVIEW_MIN_SPANS or not whole.sentences:
        kept, used = [], 0
        for sentence in whole.sentences:
            used += len(sentence.text.split())
            if used > OVERVIEW_WORDS:
                break
            kept.append(sentence)
        return replace(whole, sentences=tuple(kept), key_point=None)
    opening = whole.sentences[0]
    spans = _spans(dated, OVERVIEW_SENTENCES - 1)
    leads = [max(span, key=lambda e: len(e.article_ids)) for span in spans]
    said = set(content_words(opening.text))
    firsts = []
    for summary in summaries_of(leads):
        sentence = next((x for x in summary.sentences if x.evidence not in told and x.evidence != opening.evidence
                         and len(set(content_words(x.text)) & said) * 2 < len(set(content_words(x.text)))), None)
        firsts.append(sentence)
        said |= set(content_words(sentence.text)) if sentence is not None else set()
    latest = [firsts[-1]] if firsts[-1] is not None else []
    used = sum(len(x.text.split()) for x in (opening, *latest))
    middle = []
    for sentence in firsts[:-1]:
        if sentence is not None and used + len(sentence.text.split()) <= OVERVIEW_WORDS:
            middle.append(sentence)
            used += len(sentence.text.split())
    # Too few stretches told: what the articles say most together fills in, before the latest turn.
    for sentence in whole.sentences[1:]:
        if 1 + len(middle) + len(latest) >= OVERVIEW_MIN_SENTENCES:
            break
        if sentence.evidence not in {x.evidence for x in (*middle, *latest)} and \
                used + len(sentence.text.split()) <= OVERVIEW_WORDS:
            middle.append(sentence)
            used += len(sentence.text.split())
    return replace(whole, sentences=(opening, *middle, *latest), key_point=None)


def _fit_body(events: list[Event], scores: dict[str, float], corpus: Corpus, pages: float, summaries_of,
              chart_of, progress: Callable[[str], None], off_story=lambda summaries: frozenset()) -> Selection:
    """The most important events whose telling fits `pages`: chosen by estimate, then
    summarised, measured on the document and corrected (fewer or more events) up to
    FIT_ROUNDS times. Only what the body tells is summarised. `off_story`: the ids of the
    summarised events that are about something else (`summarise.told_off_story`)."""
    def guess(n_events: int, n_sections: int) -> float:
        return FRAME_PAGES + OVERVIEW_PAGES + n_events * EVENT_PAGES + n_sections * INTRO_PAGES

    def fits(chosen) -> bool:
        return guess(len(chosen), len(sectioned(sorted(chosen, key=lambda e: e.date.sort_key), long))) <= pages

    ranked = ranking(events, scores)
    long = long_story([e for e in events if e.date.known])
    # Events the body cannot tell: a chronology's (its lines are other days'), and one with
    # nothing about the story in it or told about something else (a weekly quiz's page, the
    # Super Bowl's anthem: found when it is summarised).
    barred = {e.id for e in events if only_chronologies(e, corpus)}
    # The story's newest turn is told whatever it is about: a closure of the council's homes
    # reads far from the inspections that made the story, and it is the news.
    newest = newest_turn(events, scores)
    spared = {newest.id} if newest is not None else set()
    selection = select_events(events, scores, fits, barred)
    info = BriefingInfo(title="-", model="-", built=dt.date.today())
    measured = 0.0
    for round_ in range(FIT_ROUNDS):
        body = list(selection.body)
        summaries = summaries_of(body)
        if empty := ({s.event.id for s in summaries if not s.sentences} | (off_story(summaries) - spared)) - barred:
            barred |= empty
            selection = select_events(events, scores, fits, barred)
            body = list(selection.body)
            summaries = summaries_of(body)
        titled = sum(1 for sec in selection.sections if sec.title)
        doc = build_document(summaries, corpus, info, sections=_sections(selection, summaries, {}),
                             others=tuple(Other(e, "-") for e in selection.others), chart=chart_of(summaries))
        measured = body_pages(doc, APPENDICES) + titled * INTRO_PAGES + OVERVIEW_PAGES
        per_event = max(0.2, (measured - FRAME_PAGES) / len(body))
        if measured > pages + 0.5 and len(body) > 1:
            keep = max(1, len(body) - int((measured - pages) / per_event + 0.99))
        elif measured < pages - per_event and selection.others and round_ < FIT_ROUNDS - 1:
            # (Growing on the last round would leave a body nobody measured; trimming is safe.)
            keep = len(body) + int((pages - measured) / per_event)
        else:
            break
        chosen = {e.id for e in [x for x in ranked if x.id not in barred][:keep]}
        selection = select_events(events, scores, lambda c: len(c) <= len(chosen) and all(e.id in chosen for e in c),
                                  barred)
    if selection.others:
        told = "most important event" if len(selection.body) == 1 else f"{len(selection.body)} most important events"
        rest = len(selection.others)
        progress(f"The body tells the {told} of {len(events)} (about {measured:.0f} of {pages:g} "
                 f"page{'s' if pages != 1 else ''}); the other {rest} {'is' if rest == 1 else 'are'} listed "
                 f"under Other coverage")
    return selection


def _left(summary: Summary, left_out: frozenset[str]) -> Summary:
    """`summary` without the sentences (and key point) `left_out`."""
    kept = tuple(x for x in summary.sentences if not leaves_out(x.text, left_out))
    point = summary.key_point
    point = None if point is not None and leaves_out(point.text, left_out) else point
    return replace(summary, sentences=kept, key_point=point)


def _as_read(summaries: list[Summary], sections: tuple[Section, ...], overview: Summary | None, corpus: Corpus,
             info: BriefingInfo, scores: dict[str, float], progress: Callable[[str], None]):
    """The body less every sentence its reader would stop at (`briefing.reader.mend`: cut,
    run together, a fragment, a dangling "the move", a month with no year the reader can tell,
    told twice, ...), read as the briefing prints it: (summaries, sections, overview)."""
    def without(left: frozenset[str]):
        told = [_left(s, left) for s in summaries]
        by_id = {s.event.id: s for s in told}
        parts = tuple(replace(sec, intro=_left(sec.intro, left) if sec.intro else None,
                              events=tuple(by_id[s.event.id] for s in sec.events)) for sec in sections)
        return told, parts, _left(overview, left) if overview is not None else None

    def render(left: frozenset[str]):
        told, parts, opening = without(left)
        return build_document(told, corpus, info, sections=parts, overview=opening, importance=scores)

    start = time.monotonic()
    mended = mend(render, shared().with_entities)
    if mended.left_out:
        progress(f"Read the briefing as its reader would in {time.monotonic() - start:.1f} s: left out "
                 f"{plural(len(mended.left_out), 'sentence')} a reader would stop at")
    for problem in mended.problems:
        what = "heading, kept" if problem.shown.title else "left out"
        progress(f"  {problem.shown.section} ({what}): \u201c{problem.shown.text}\u201d: {problem.kind}, {problem.detail}")
    return without(mended.left_out)


def _shown(summaries: list[Summary], sections, overview: Summary | None) -> list[SummarySentence]:
    """Every sentence the body shows: Summary, key points, period openings, event paragraphs."""
    shown = list(overview.sentences) if overview else []
    for s in summaries:
        shown += [*((s.key_point,) if s.key_point else ()), *s.sentences]
    for section in sections:
        shown += list(section.intro.sentences) if section.intro else []
    return shown


def _differences(shown: list[SummarySentence], corpus: Corpus, cache: Cache, embedder,
                 progress: Callable[[str], None]) -> tuple[Difference, ...]:
    """Where the story's articles disagree on what the shown sentences state (cached: the
    comparison depends on those sentences and the articles alone)."""
    key = key_of(disagree.STAGE_VERSION, tuple(x.text for x in shown), tuple(a.id for a in corpus.sources))
    start = time.monotonic()
    found = cache.memo("differences", key, lambda: find_differences(shown, corpus, embed=embedder.encode))
    revised = sum(1 for d in found if d.kind == disagree.REVISED)
    differ = len(found) - revised
    progress(f"Compared the told figures and dates with {plural(len(corpus.sources), 'article')} in "
             f"{time.monotonic() - start:.1f} s: sources differ on {differ} fact{'s' if differ != 1 else ''}, "
             f"{revised} figure{'s were' if revised != 1 else ' was'} revised over time")
    return found


def build_briefing(
    folder: Path,
    output: Path,
    generator: Generator | Callable[[], Generator],
    *,
    prompts: Prompts | None = None,
    title: str | None = None,
    template: Path | None = None,
    force: bool = False,
    cache: Cache | None = None,
    model_name: str | None = None,
    pages: float = DEFAULT_PAGES,
    progress: Callable[[str], None] = _log,
) -> Path:
    """Read `folder`, write the briefing to `output`, return where it went.

    Args:
        generator: a generator, or a function that makes one (called only once there is
            something to summarise, so bad input and unchanged rebuilds never load a model).
        template: a .docx or .dotx to build inside (its styles, header, footer, logo).
        force: overwrite `output` even when it was edited since briefing wrote it.
        cache: reuse every stage's results that did not change since an earlier build.
        model_name: the name of the model `generator` makes, when it is a function (keys
            the cached summaries).
        pages: the body's length (title to the last event), in printed pages.

    Returns:
        Where the briefing went: `output`, or a "-new" file beside it when `output` holds
        an officer's edits.

    Raises:
        BriefingError: no usable article, or the output cannot be written.
    """
    start = time.monotonic()
    cache = cache or NullCache()
    folder, output = Path(folder), Path(output)
    if not folder.is_dir():
        raise BriefingError(f"{folder} is not a folder.")
    if output.is_dir():
        output = output / "briefing.docx"  # "-o reports/" means a folder to write into
    if output.suffix.lower() != ".docx":
        raise BriefingError(f"Cannot write {output}: the briefing is a Word file; give a name ending in .docx.")
    prompts = prompts or Prompts.load()
    if template is not None:
        open_template(template)  # a bad template fails now, not after minutes of generation

    story = group_articles(folder, cache=cache, progress=progress)
    corpus, events, embedder = story.corpus, story.events, story.embedder
    name = generator.name if isinstance(generator, Generator) else (model_name or "the configured model")
    key_name = name  # keys the cached summaries: the name known before any model loads
    loaded: list[Generator] = [generator] if isinstance(generator, Generator) else []
    made_here: dict[str, Summary] = {}  # this build's summaries: fitting the body asks again
    vectors_of: dict[str, object] = {}  # Passage.id -> its vector: the body, its openings and Summary share passages

    def vectors_for(passages) -> dict[str, object]:
        todo = [p for p in passages if p.id not in vectors_of]
        if todo:
            vectors_of.update(passage_vectors(replace(corpus, passages=tuple(todo)), embedder))
        return {p.id: vectors_of[p.id] for p in passages}

    def summaries_of(chosen: list[Event], **options) -> list[Summary]:
        """The summaries of `chosen`, from the cache where nothing they depend on changed."""
        nonlocal name
        keys = [_event_key(e, key_name, prompts, options) for e in chosen]
        if all(k in made_here for k in keys):
            return [made_here[k] for k in keys]
        # Only the passages these events are told from are embedded: a 250-article folder has 25,000.
        ids = {p.id for e in chosen for p in read_from(e.passages)}
        scope = replace(corpus, passages=tuple(p for p in corpus.passages if p.id in ids))
        vectors = vectors_for(scope.passages)
        # An earlier build's, where nothing they depend on changed; this build's own are in
        # made_here (a build without a cache remembers them only there).
        found = cache.get_many("summary", [k for k in keys if k not in made_here])
        if found:  # articles added or removed since may carry their sentences, or no longer can
            found = dict(zip(found, refresh_supporters(list(found.values()), scope, embedder, vectors=vectors)))
            progress(f"Reusing the summar{'ies' if len(found) != 1 else 'y'} of {plural(len(found), 'unchanged event')}")
        found.update({k: made_here[k] for k in keys if k in made_here})
        todo = [(e, k) for e, k in zip(chosen, keys) if k not in found]
        if todo:
            if not loaded and options.get("model", True):
                loaded.append(generator())
                name = loaded[0].name
            made = summarise_events([e for e, _ in todo], scope, loaded[0] if loaded else None, embedder, prompts,
                                    progress=progress, vectors=vectors, topic_vectors=vectors_of,
                                    **options)
            fresh = {k: s for (_, k), s in zip(todo, made)}
            cache.put_many("summary", fresh)
            found.update(fresh)
        made_here.update(found)
        return [found[k] for k in keys]

    charts: dict[tuple, object] = {}

    def chart_of(told: list[Summary]):
        """The coverage chart with the told events marked: drawn once for each set of marks
        (fitting the body measures the same body more than once)."""
        marks = tuple((d, s.title) for s in told if (d := _day(s.event)) is not None)
        if marks not in charts:
            charts[marks] = coverage_chart([a.date for a in corpus.sources], marks)
        return charts[marks]

    scores = importance(events, corpus, date_scores(list(corpus.articles) + list(story.spoken), story.times))
    body = _fit_body(events, scores, corpus, pages, summaries_of, chart_of, progress,
                     lambda told: told_off_story(told, embedder, vectors_of))
    summaries = summaries_of(list(body.body))
    # The opening Summary may take an event's sentence (the story's recap often is one); the
    # event's paragraph then leaves it out. Key points it leaves alone.
    overview = _overview(list(body.body), summaries_of, {s.key_point.evidence for s in summaries if s.key_point})
    summaries = _without(summaries, {x.evidence for x in overview.sentences} if overview else set())
    by_id = {s.event.id: s for s in summaries}
    told = {x.evidence for s in summaries for x in (*s.sentences, *((s.key_point,) if s.key_point else ()))}
    told |= {x.evidence for x in overview.sentences} if overview else set()
    sections = _sections(body, summaries, _section_intros(body, summaries_of, told))
    info = BriefingInfo(title=title or story_title(corpus, shared().with_entities), model=name, built=dt.date.today())
    summaries, sections, overview = _as_read(summaries, sections, overview, corpus, info, scores, progress)
    unsummarised = event_titles([e for e in events if e.id not in by_id], corpus, cache)
    others = tuple(Other(e, unsummarised[e.id]) for e in body.others)
    titles = {e.id: by_id[e.id].title if e.id in by_id else unsummarised[e.id] for e in events}
    keys = [_event_key(e, key_name, prompts) for e in events]

    previous = cache.last_build(output)
    changes = _changes(previous, corpus, events, keys, titles)
    entities = find_entities(corpus)
    chart = chart_of(summaries)
    differences = _differences(_shown(summaries, sections, overview), corpus, cache, embedder, progress)
    written = write_briefing(summaries, corpus, output, info, entities=entities, template=template, force=force,
                             changes=changes, sections=sections, others=others, chart=chart, importance=scores,
                             overview=overview, differences=differences)
    path = written.path
    cache.record_build(output, _BuildState(
        dt.datetime.now(), {a.id: f"{article_label(a)} ({a.filename})" for a in corpus.sources},
        {k: (titles[e.id], e.article_ids) for k, e in zip(keys, events)}))
    if Path(path) != Path(output):
        progress(f"{output} was changed since briefing wrote it, so it is left untouched; "
                 f"the new briefing is {path} (use --force to overwrite instead)")
    if written.carry_failed:
        progress(f"Your edits were not carried into {path.name}: {written.carry_failed}.")
    elif written.carried is not None and written.carried.edits:
        c = written.carried
        progress(f"Carried your {c.edits} edit{'s' if c.edits != 1 else ''} from {c.source} into {path.name}: "
                 f"{c.carried} as you left {'them' if c.carried != 1 else 'it'}"
                 + (f", {c.flagged} marked with a comment where the sources have changed the passage since"
                    if c.flagged else ""))
    progress(f"Wrote {path} in {time.monotonic() - start:.0f} s")
    return path


def summarise_files(paths: list[Path], generator: Generator | Callable[[], Generator], *,
                    prompts: Prompts | None = None, max_words: int = 220,
                    progress: Callable[[str], None] = _log, stats: Counter | None = None) -> Summary:
    """The files as one event, summarised in at most about `max_words` words. `stats`: what
    each operation produced and the checks refused (see `summarise_events`).

    Raises:
        BriefingError: none of the files is a usable article.
    """
    articles = []
    for path in paths:
        try:
            articles.append(read_article(Path(path)))
        except SkipFile as exc:
            progress(f"Skipped {path}: {exc}")
    articles = keep_reporting(articles, progress=progress) if articles else articles
    if not articles:
        raise BriefingError("No usable article among the files given; nothing to summarise.")
    corpus = merge_duplicates(articles)
    sentences = {a.id: article_sentences(a) for a in corpus.articles}
    dates = resolve_event_dates(list(corpus.articles), sentences)
    known = [d for d in dates.values() if d.known]
    event = Event(id="files", article_ids=tuple(a.id for a in corpus.articles), passages=corpus.passages,
                  date=min(known, key=lambda d: d.sort_key) if known else next(iter(dates.values())))
    if not isinstance(generator, Generator):
        generator = generator()
    # The word budget decides the length; the sentence cap only stops a run of very short ones.
    return summarise_events([event], corpus, generator, default_embedder(), prompts or Prompts.load(),
                            max_sentences=max(1, max_words // 12), max_words=max_words, progress=progress,
                            stats=stats)[0]
