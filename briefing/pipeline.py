"""The whole job, stage by stage: ingest -> dedup -> cluster -> summarise -> assemble."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .assemble import BriefingInfo, open_template, story_title, write_briefing
from .cluster import cluster_events
from .dedup import merge_duplicates
from .embed import default_embedder
from .errors import BriefingError
from .generators import Generator
from .ingest import ingest_folder
from .people import find_entities
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
    template: Path | None = None,
    force: bool = False,
    progress: Callable[[str], None] = _log,
) -> Path:
    """Read `folder`, write the briefing to `output`, return its path.

    Args:
        generator: a generator, or a function that makes one (called only once there is
            something to summarise, so bad input fails fast without loading a model).
        template: a .docx or .dotx to build inside (its styles, header, footer, logo).
        force: overwrite `output` even when it was edited since briefing wrote it.

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

    articles = ingest_folder(folder, on_skip=lambda p, why: progress(f"Skipped {p}: {why}"),
                             on_warning=lambda p, what: progress(f"Note on {p}: {what}"))
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
    entities = find_entities(corpus)
    path = write_briefing(summaries, corpus, output, info, entities=entities, template=template, force=force)
    if Path(path) != Path(output):
        progress(f"{output} was changed since briefing wrote it, so it is left untouched; "
                 f"the new briefing is {path} (use --force to overwrite instead)")
    progress(f"Wrote {path} in {time.monotonic() - start:.0f} s")
    return path
