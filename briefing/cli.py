"""Command line: `briefing build`, `watch`, `clusters` and `summarise`. Parses options and
calls the pipeline, nothing more."""

from __future__ import annotations

import gc
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import BriefingError
from .progress import Progress

app = typer.Typer(
    help="Turn a folder of news articles into a Word briefing with a footnote on every sentence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main() -> None:
    """Turn a folder of news articles into a sourced Word briefing.

    Articles may be .txt, .md (with YAML front matter), .html or .docx files. Run
    'briefing build DIR' to write output/briefing.docx; 'briefing watch DIR' to rebuild it as
    files arrive; 'briefing timeline DIR' for the story's most important dates; 'briefing
    clusters DIR' to see the events; 'briefing summarise FILES' to
    summarise one event on stdout.
    """


def _report_errors(debug: bool, run: Callable[[], None]) -> None:
    """Run `run`; a BriefingError becomes one line on stderr and exit 1, anything else too,
    marked as a bug. With --debug the traceback shows instead."""
    try:
        run()
        # torch and transformers leave millions of objects; the collector walking them all at
        # interpreter exit cost 1.3 s of a 26 s build. The command is done: let them be.
        gc.freeze()
    except BriefingError as exc:
        if debug:
            raise
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted; the previous briefing, if any, is untouched.", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:  # anything else is a bug in briefing, not the user's doing
        if debug:
            raise
        typer.echo(f"Error: briefing failed unexpectedly ({exc.__class__.__name__}: {str(exc)[:200]}). "
                   f"This is a bug; run again with --debug for the details.", err=True)
        raise typer.Exit(1) from None


class _Model:
    """The model the options name: its name is known at once, the model is loaded on first use
    (an unchanged rebuild never loads it) and then kept. --endpoint picks the server backend,
    --model alone a transformers model, neither the embedded one."""

    def __init__(self, model: str | None, threads: int | None, endpoint: str | None = None,
                 api_key: str | None = None, concurrency: int = 4):
        from .generators import EMBEDDED_LABEL, endpoint_base_url, endpoint_label

        self.model, self.threads, self._loaded = model, threads, None
        self.endpoint, self.api_key, self.concurrency = endpoint, api_key, concurrency
        if endpoint:
            self.name = endpoint_label(endpoint_base_url(endpoint), model)
        else:
            self.name = EMBEDDED_LABEL if not model else (str(Path(model).resolve()) if Path(model).is_dir() else model)

    def __call__(self):
        from .generators import get_generator

        if self._loaded is None:
            if self.endpoint:
                self._loaded = get_generator("endpoint", endpoint=self.endpoint, model=self.model,
                                             api_key=self.api_key, concurrency=self.concurrency)
            elif self.model:
                self._loaded = get_generator("transformers", model=self.model, threads=self.threads)
            else:
                self._loaded = get_generator("embedded", threads=self.threads)
        return self._loaded


FolderArg = Annotated[Path, typer.Argument(help="Folder of articles (.txt, .md, .html, .docx); sub-folders are read too.")]
OutputOpt = Annotated[Path, typer.Option("--output", "-o", help="Where to write the Word briefing (a .docx file, or a folder).")]
ModelOpt = Annotated[Optional[str], typer.Option(
    "--model", envvar="BRIEFING_MODEL", help="A transformers model to use instead of the embedded SmolLM2-135M: "
    "a hub id (org/name, must be in the local hub cache here) or a local folder. With --endpoint: "
    "the model name to ask the server for.")]
EndpointOpt = Annotated[Optional[str], typer.Option(
    "--endpoint", envvar="BRIEFING_ENDPOINT", help="Base URL of an OpenAI-compatible server (vLLM, llama.cpp "
    "server, TGI) to generate with instead of a local model, e.g. http://gpu-box:8000/v1.")]
ApiKeyOpt = Annotated[Optional[str], typer.Option(
    "--api-key", envvar="BRIEFING_API_KEY", help="API key for --endpoint, if the server wants one.")]
ConcurrencyOpt = Annotated[int, typer.Option(
    min=1, help="Requests in flight at once with --endpoint.")]
PromptsOpt = Annotated[Optional[Path], typer.Option(help="Folder of prompt templates (default: the repo's prompts/).")]
TitleOpt = Annotated[Optional[str], typer.Option(help="Title of the briefing (default: taken from the story).")]
TemplateOpt = Annotated[Optional[Path], typer.Option(
    help="A Word .docx or .dotx to build inside: its styles, header, footer and logo are kept.")]
ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Overwrite the output even if it was edited since it was built "
    "(by default an edited briefing is kept and the new one written beside it).")]
CacheOpt = Annotated[Optional[Path], typer.Option(
    "--cache", help="The build cache (SQLite); default: cache.sqlite in the user cache directory.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Redo every stage and remember nothing.")]
ThreadsOpt = Annotated[Optional[int], typer.Option(
    min=1, help="CPU threads for a local model (default: the cores not busy with other work).")]
DebugOpt = Annotated[bool, typer.Option(help="Show full tracebacks on errors.")]
PagesOpt = Annotated[float, typer.Option(
    "--pages", min=1, help="Length of the briefing's body (title to the last event; appendices and Sources "
    "not counted), in printed pages. The most important events are told; the rest are listed under "
    "Other coverage. A short folder takes what it needs.")]


def _files(corpus) -> Callable[[tuple[str, ...]], list[str]]:
    """Article ids -> their files, each with the syndicated copies merged into it."""
    path_of = {a.id: a.path for a in corpus.sources}
    copies = {g[0]: g for g in corpus.duplicates}
    return lambda ids: [path_of[i] for aid in ids for i in copies.get(aid, (aid,))]


def _open_cache(cache: Path | None, no_cache: bool):
    from .cache import Cache, NullCache, default_cache_path

    return NullCache() if no_cache else Cache(cache or default_cache_path())


@app.command()
def build(
    folder: FolderArg,
    output: OutputOpt = Path("output/briefing.docx"),
    model: ModelOpt = None,
    endpoint: EndpointOpt = None,
    api_key: ApiKeyOpt = None,
    concurrency: ConcurrencyOpt = 4,
    prompts: PromptsOpt = None,
    title: TitleOpt = None,
    template: TemplateOpt = None,
    force: ForceOpt = False,
    cache: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    threads: ThreadsOpt = None,
    pages: PagesOpt = 6,
    debug: DebugOpt = False,
) -> None:
    """Write a Word briefing from the articles in FOLDER, every sentence footnoted.

    Key points, what is new, a timeline, one section per event, people and organisations,
    sources. Progress goes to stderr. The first run converts the embedded model once (about 20 s)
    and caches it in the user cache directory. Rebuilds reuse whatever did not change.
    """
    from .pipeline import build_briefing
    from .prompts import Prompts

    def run() -> None:
        store = _open_cache(cache, no_cache)
        try:
            gen = _Model(model, threads, endpoint, api_key, concurrency)
            build_briefing(folder, output, gen, prompts=Prompts.load(prompts), title=title, template=template,
                           force=force, cache=store, model_name=gen.name, pages=pages, progress=Progress())
        finally:
            store.close()

    _report_errors(debug, run)


# In the docstring "\\[" is a literal bracket: --help renders rich markup, where "[paths]" is a tag.
@app.command()
def clusters(
    folder: FolderArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scoring the grouping from outside.")] = False,
    cache: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Show how the articles group into events, and which files were merged as copies.

    With --json, stdout holds {"clusters": \\[{"id", "title", "date", "articles": \\[paths]}],
    "duplicates": \\[\\[paths]], "skipped": \\[{"path", "reason"}]}; progress goes to stderr.
    """
    import json

    from .pipeline import group_articles
    from .summarise import event_title

    def run() -> None:
        store = _open_cache(cache, no_cache)
        skipped: list[dict] = []

        progress = Progress()

        try:
            def note(message: str) -> None:
                if message.startswith("Skipped "):
                    path, _, reason = message[len("Skipped "):].partition(": ")
                    skipped.append({"path": path, "reason": reason})
                progress(message)

            story = group_articles(folder, cache=store, progress=note)
            corpus, events = story.corpus, story.events
        finally:
            store.close()
        files_of = _files(corpus)
        rows = []
        for e in events:
            files = files_of(e.article_ids)
            lead = sorted(e.passages, key=lambda p: p.position)[:3]
            rows.append({"id": e.id, "title": event_title(e, corpus, lead), "date": e.date.label, "articles": files})
        if as_json:
            typer.echo(json.dumps({"clusters": rows, "duplicates": [files_of(g[:1]) for g in corpus.duplicates],
                                   "skipped": skipped}, indent=1, ensure_ascii=False))
            return
        for n, row in enumerate(rows, 1):
            typer.echo(f"{n:>3}  {row['date']:<34} {row['title']}")
            for path in row["articles"]:
                typer.echo(f"     {'':<34} {path}")
        for group in corpus.duplicates:
            typer.echo(f"copies merged: {', '.join(files_of(group[:1]))}")

    _report_errors(debug, run)


@app.command()
def timeline(
    folder: FolderArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    dates: Annotated[int, typer.Option("--dates", min=1, help="How many dates the timeline keeps.")] = 10,
    sentences: Annotated[int, typer.Option("--sentences", min=1, help="Sentences telling each date, at most.")] = 2,
    cache: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Show the story's timeline: its most important dates, each told in its sources' sentences.

    Dates are the days the articles name ("on Tuesday", "yesterday", "20 April", read against
    each article's publication date) and publish on. With --json, stdout holds
    {"timeline": \\[{"date": "YYYY-MM-DD" or "YYYY-MM", "precision": "day" or "month",
    "text", "sources": \\[paths]}]}; progress goes to stderr.
    """
    import json

    from .pipeline import story_timeline

    def run() -> None:
        store = _open_cache(cache, no_cache)
        try:
            corpus, found = story_timeline(folder, dates=dates, per_date=sentences, cache=store, progress=Progress())
        finally:
            store.close()
        files_of = _files(corpus)
        rows = []
        for entry in found.entries:
            ids = dict.fromkeys(aid for s in entry.sentences for aid in s.source_ids)
            rows.append({"date": entry.date.isoformat() if entry.precision == "day" else entry.date.strftime("%Y-%m"),
                         "precision": entry.precision, "text": " ".join(s.text for s in entry.sentences),
                         "sources": list(dict.fromkeys(files_of(tuple(ids))))})
        if as_json:
            typer.echo(json.dumps({"timeline": rows}, indent=1, ensure_ascii=False))
            return
        for row in rows:
            typer.echo(f"{row['date']:<11} {row['text']}")
            typer.echo(f"{'':<11} ({'; '.join(row['sources'])})")

    _report_errors(debug, run)


@app.command()
def summarise(
    files: Annotated[list[Path], typer.Argument(help="Articles reporting one event (.txt, .md, .html, .docx).")],
    max_words: Annotated[int, typer.Option("--max-words", min=20, help="Length of the summary, in words.")] = 220,
    model: ModelOpt = None,
    endpoint: EndpointOpt = None,
    api_key: ApiKeyOpt = None,
    concurrency: ConcurrencyOpt = 4,
    prompts: PromptsOpt = None,
    threads: ThreadsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Summarise FILES as one event and print the summary, plain text, on stdout.

    Every sentence is checked against the files as in a briefing; progress goes to stderr.
    """
    from .pipeline import summarise_files
    from .prompts import Prompts

    def run() -> None:
        gen = _Model(model, threads, endpoint, api_key, concurrency)
        summary = summarise_files(files, gen, prompts=Prompts.load(prompts), max_words=max_words,
                                  progress=Progress())
        typer.echo(" ".join(s.text for s in summary.sentences))

    _report_errors(debug, run)


@app.command()
def watch(
    folder: FolderArg,
    output: OutputOpt = Path("output/briefing.docx"),
    model: ModelOpt = None,
    endpoint: EndpointOpt = None,
    api_key: ApiKeyOpt = None,
    concurrency: ConcurrencyOpt = 4,
    prompts: PromptsOpt = None,
    title: TitleOpt = None,
    template: TemplateOpt = None,
    cache: CacheOpt = None,
    threads: ThreadsOpt = None,
    debounce: Annotated[float, typer.Option(min=0.1, help="Seconds of quiet to wait for before rebuilding.")] = 2.0,
    pages: PagesOpt = 6,
    debug: DebugOpt = False,
) -> None:
    """Build the briefing, then rebuild it whenever files in FOLDER change.

    Files added, changed or removed trigger a rebuild after a quiet spell; only what changed
    is redone and the model stays loaded. Ctrl+C stops watching."""
    from .pipeline import build_briefing
    from .prompts import Prompts

    def run() -> None:
        import watchfiles

        if not folder.is_dir():
            raise BriefingError(f"{folder} is not a folder.")
        store = _open_cache(cache, False)
        gen = _Model(model, threads, endpoint, api_key, concurrency)
        target = output.resolve()
        shown = Progress()

        def relevant(change, path: str) -> bool:
            p = Path(path)
            # Hidden files (editors' swap files, our own temporaries) and our output are not news.
            if p.name.startswith((".", "~$")):
                return False
            return p.resolve() != target and not (p.parent.resolve() == target.parent and p.name.startswith(f"{target.stem}-new"))

        def once() -> None:
            try:
                build_briefing(folder, output, gen, prompts=Prompts.load(prompts), title=title, template=template,
                               cache=store, model_name=gen.name, pages=pages, progress=shown)
            except BriefingError as exc:  # e.g. the last article was removed: keep watching
                typer.echo(f"Error: {exc}", err=True)

        # Ctrl+C while waiting sets `stop`, which the watcher reads every step: it returns and we
        # stop cleanly. Ctrl+C during a build interrupts the build (the previous briefing stays).
        # Leaving SIGINT to the watcher's own signal check once left the process waiting forever.
        stop, building = threading.Event(), threading.Event()

        def on_interrupt(signum, frame) -> None:
            stop.set()
            if building.is_set():
                raise KeyboardInterrupt

        def rebuild() -> None:
            building.set()
            try:
                once()
            finally:
                building.clear()

        previous = signal.signal(signal.SIGINT, on_interrupt)
        try:
            rebuild()
            typer.echo(f"Watching {folder} for changes (Ctrl+C to stop)", err=True)
            for changes in watchfiles.watch(folder, watch_filter=relevant, debounce=int(debounce * 1000),
                                            step=100, stop_event=stop):
                typer.echo(f"{len(changes)} file change{'s' if len(changes) != 1 else ''} in {folder}; rebuilding", err=True)
                rebuild()
        finally:
            signal.signal(signal.SIGINT, previous)
            store.close()
        typer.echo("Stopped watching.", err=True)

    _report_errors(debug, run)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
