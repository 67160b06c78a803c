"""The whole job, stage by stage: ingest -> dedup -> cluster -> summarise -> assemble."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import cluster, dedup, reporting, summarise
from .assemble import BriefingInfo, article_label, open_template, story_title, write_briefing
from .cache import Cache, CachedEmbedder, key_of
from .cluster import cluster_events
from .dates import resolve_event_dates
from .dedup import article_sentences, merge_duplicates
from .embed import default_embedder
from .errors import BriefingError
from .generators import Generator
from .ingest import SkipFile, ingest_folder, read_article
from .models import Article, Changes, Corpus, Event, Summary
from .parse import Parser
from .people import find_entities
from .prompts import Prompts
from .reporting import screen_articles
from .summarise import passage_vectors, refresh_supporters, summarise_events


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class _BuildState:
    """What a build contained, remembered per output file for the next build's "What is new"."""

    built: dt.datetime
    articles: dict[str, str]  # Article.id -> label
    events: dict[str, tuple[str, tuple[str, ...]]]  # summary key -> (title, article ids)


def _event_key(event: Event, model: str, prompts: Prompts) -> str:
    """Everything an event's summary depends on: its passages and sources, its date, the
    model and the prompt text."""
    passages = tuple((p.id, p.text, p.source_ids) for p in event.passages)
    return key_of(summarise.STAGE_VERSION, model, prompts.fingerprint, event.article_ids, passages, event.date)


def _changes(previous: _BuildState | None, corpus, events: list[Event], keys: list[str],
             summaries: list[Summary]) -> Changes | None:
    if previous is None:
        return None
    current_ids = {a.id for a in corpus.sources}
    new_articles = tuple(a for a in corpus.sources if a.id not in previous.articles)
    removed = tuple(label for aid, label in previous.articles.items() if aid not in current_ids)
    new_events, changed = [], []
    for event, key, summary in zip(events, keys, summaries):
        if key in previous.events:
            continue
        (changed if set(event.article_ids) & set(previous.articles) else new_events).append(summary.title)
    return Changes(previous.built, new_articles, removed, tuple(new_events), tuple(changed))


def keep_reporting(articles: list[Article], *, cache: Cache | None = None, parser: Parser | None = None,
                   progress: Callable[[str], None] = _log) -> list[Article]:
    """The articles with only the sentences that are reporting (see `briefing.reporting`).

    Stderr names each file that addresses a machine ("Note on FILE: 2 sentences addressed to
    an AI were left out"), a file with nothing but such text as skipped, and the count of
    other furniture left out.
    """
    keys = {a.id: key_of(reporting.STAGE_VERSION, a.id) for a in articles}
    found = cache.get_many("reporting", keys.values()) if cache is not None else {}
    judged = {aid: found[key] for aid, key in keys.items() if key in found}
    screening = screen_articles(articles, parser or Parser(), judged=judged)
    if cache is not None:
        cache.put_many("reporting", {keys[aid]: j for aid, j in screening.judgements if aid not in judged})
    to_a_machine = Counter(x.path for x in screening.left_out if x.kind == reporting.MACHINE)
    for article in articles:
        n = to_a_machine[article.path]
        if n:
            progress(f"Note on {article.path}: {n} sentence{'s' if n > 1 else ''} addressed to an AI "
                     f"{'were' if n > 1 else 'was'} left out")
    for article in screening.emptied:
        progress(f"Skipped {article.path}: nothing in it is reporting "
                 f"({reporting.describe(x for x in screening.left_out if x.path == article.path)})")
    furniture = [x for x in screening.left_out if x.kind != reporting.MACHINE]
    if furniture:
        progress(f"Left out {len(furniture)} sentences that are not reporting ({reporting.describe(furniture)})")
    return list(screening.articles)


def group_articles(folder: Path, *, cache: Cache | None = None,
                   progress: Callable[[str], None] = _log) -> tuple[Corpus, list[Event], object]:
    """Ingest, keep the reporting, deduplicate and cluster `folder`: (corpus, events in date
    order, embedder).

    Raises:
        BriefingError: no usable article.
    """
    articles = ingest_folder(folder, on_skip=lambda p, why: progress(f"Skipped {p}: {why}"),
                             on_warning=lambda p, what: progress(f"Note on {p}: {what}"), cache=cache)
    if articles:
        progress(f"Read {len(articles)} articles from {folder}")
        articles = keep_reporting(articles, cache=cache, progress=progress)
    if not articles:
        raise BriefingError(f"No usable article in {folder}; nothing written.")

    def memo(stage: str, key: str, compute):
        return cache.memo(stage, key, compute) if cache is not None else compute()

    ids = tuple(a.id for a in articles)
    corpus = memo("dedup", key_of(dedup.STAGE_VERSION, ids), lambda: merge_duplicates(articles))
    shared = sum(1 for p in corpus.passages if len(p.source_ids) > 1)
    progress(f"Deduplicated: {len(corpus.articles)} distinct articles, {len(corpus.passages)} passages "
             f"({shared} carried by several articles)")

    embedder = CachedEmbedder(cache, default_embedder) if cache is not None else default_embedder()
    events = memo("cluster", key_of(cluster.STAGE_VERSION, ids, tuple(p.id for p in corpus.passages)),
                  lambda: cluster_events(corpus, embedder))
    progress(f"Found {len(events)} events")
    return corpus, events, embedder


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

    Returns:
        Where the briefing went: `output`, or a "-new" file beside it when `output` holds
        an officer's edits.

    Raises:
        BriefingError: no usable article, or the output cannot be written.
    """
    start = time.monotonic()
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

    corpus, events, embedder = group_articles(folder, cache=cache, progress=progress)
    name = generator.name if isinstance(generator, Generator) else (model_name or "the configured model")
    keys = [_event_key(e, name, prompts) for e in events]
    found = cache.get_many("summary", keys) if cache is not None else {}
    vectors = passage_vectors(corpus, embedder) if found else None  # for reused and new summaries alike
    if found:  # articles added or removed since may carry their sentences, or no longer can
        found = dict(zip(found, refresh_supporters(list(found.values()), corpus, embedder, vectors=vectors)))
    todo = [(e, k) for e, k in zip(events, keys) if k not in found]
    if found:
        progress(f"Reusing the summaries of {len(events) - len(todo)} unchanged events")
    if todo:
        if not isinstance(generator, Generator):
            generator = generator()
            name = generator.name
        made = summarise_events([e for e, _ in todo], corpus, generator, embedder, prompts, progress=progress,
                                vectors=vectors)
        fresh = {k: s for (_, k), s in zip(todo, made)}
        if cache is not None:
            cache.put_many("summary", fresh)
        found.update(fresh)
    summaries = [found[k] for k in keys]

    previous = cache.last_build(output) if cache is not None else None
    changes = _changes(previous, corpus, events, keys, summaries)
    info = BriefingInfo(title=title or story_title(corpus), model=name, built=dt.date.today())
    entities = find_entities(corpus)
    path = write_briefing(summaries, corpus, output, info, entities=entities, template=template, force=force,
                          changes=changes)
    if cache is not None:
        cache.record_build(output, _BuildState(
            dt.datetime.now(), {a.id: f"{article_label(a)} ({a.filename})" for a in corpus.sources},
            {k: (s.title, e.article_ids) for k, e, s in zip(keys, events, summaries)}))
    if Path(path) != Path(output):
        progress(f"{output} was changed since briefing wrote it, so it is left untouched; "
                 f"the new briefing is {path} (use --force to overwrite instead)")
    progress(f"Wrote {path} in {time.monotonic() - start:.0f} s")
    return path


def summarise_files(paths: list[Path], generator: Generator | Callable[[], Generator], *,
                    prompts: Prompts | None = None, max_words: int = 220,
                    progress: Callable[[str], None] = _log) -> Summary:
    """The files as one event, summarised in at most about `max_words` words.

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
                            max_sentences=max(1, max_words // 12), max_words=max_words, progress=progress)[0]
