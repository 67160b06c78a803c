"""The whole job, stage by stage: ingest -> dedup -> cluster -> summarise -> assemble."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .assemble import BriefingInfo, story_title, write_briefing
from .cluster import cluster_events
from .dedup import merge_duplicates
from .embed import default_embedder
from .errors import BriefingError
from .generators import Generator
from .ingest import ingest_folder
from .prompts import Prompts
from .summarise import summarise_events


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_briefing(
    folder: Path,
    output: Path,
    generator: Generator | Callable[[], Generator],
    *,
    prompts: Prompts | None = None,
    title: str | None = None,
    progress: Callable[[str], None] = _log,
) -> Path:
    """Read `folder`, write the briefing to `output`, return its path.

    Args:
        generator: a generator, or a function that makes one (called only once there is
            something to summarise, so bad input fails fast without loading a model).

    Raises:
        BriefingError: no usable article, or the output cannot be written.
    """
    start = time.monotonic()
    folder = Path(folder)
    if not folder.is_dir():
        raise BriefingError(f"{folder} is not a folder.")
    prompts = prompts or Prompts.load()

    articles = ingest_folder(folder, on_skip=lambda p, why: progress(f"Skipped {p}: {why}"))
    if not articles:
        raise BriefingError(f"No usable article in {folder}; nothing written.")
    progress(f"Read {len(articles)} articles from {folder}")

    corpus = merge_duplicates(articles)
    shared = sum(1 for p in corpus.passages if len(p.source_ids) > 1)
    progress(f"Deduplicated: {len(corpus.articles)} distinct articles, {len(corpus.passages)} passages "
             f"({shared} carried by several articles)")

    embedder = default_embedder()
    events = cluster_events(corpus, embedder)
    progress(f"Found {len(events)} events")

    if not isinstance(generator, Generator):
        generator = generator()
    summaries = summarise_events(events, corpus, generator, embedder, prompts, progress=progress)

    info = BriefingInfo(title=title or story_title(corpus), model=generator.name, built=dt.date.today())
    path = write_briefing(summaries, corpus, output, info)
    progress(f"Wrote {path} in {time.monotonic() - start:.0f} s")
    return path
