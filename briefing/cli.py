"""Command line: `briefing build`, `watch`, `timeline`, `clusters`, `summarise` and `check`. Parses options,
checks what can be checked at once (briefing/preflight.py) and calls the pipeline, nothing more."""

from __future__ import annotations

import functools
import gc
import inspect
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from .errors import BriefingError, UsageError
from .preflight import check_folder, check_output
from .progress import Progress

# Exit codes, as the README says: 1 for a run that failed, 2 for a command line that cannot be
# (click's own usage errors exit 2 as well), 130 for Ctrl+C, as a shell reports SIGINT.
EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130


class _Argument(TyperArgument):
    """An argument shown by its metavar alone: `briefing build [OPTIONS] FOLDER`, not
    `{folder}` in the usage line and `<path>` beside it in the table."""

    def display_type_rich(self, ctx) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        return self.display_name_raw if self.required else f"[{self.display_name_raw}]"


class _Option(TyperOption):
    """An option shown by its metavar (`--pages PAGES`) and a flag by its name alone: Typer would
    add `<float range>` or `<bool>`, which say nothing to an officer reading --help."""

    def display_type_rich(self, ctx) -> str | None:
        return None if self.is_flag else self.metavar


def _plain(params: list) -> list:
    """`params` relabelled as _Argument and _Option (same objects, same state): Typer builds its
    own classes from the signature and offers no hook to choose others."""
    for param in params:
        if type(param) is TyperArgument:
            param.__class__ = _Argument
        elif type(param) is TyperOption:
            param.__class__ = _Option
    return params


def _unwrapped(text: str | None) -> str | None:
    """Help text with each paragraph on one line: Typer's rich help keeps a docstring's line
    breaks after the first paragraph, so narrow terminals showed half-empty lines."""
    if not text:
        return text
    return "\n\n".join(p if p.startswith("\b") else " ".join(p.split("\n"))
                       for p in inspect.cleandoc(text).split("\n\n"))


class _Command(TyperCommand):
    """A command with plain help labels and rewrapped paragraphs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.help = _unwrapped(self.help)

    def get_params(self, ctx) -> list:
        return _plain(super().get_params(ctx))


class _Group(TyperGroup):
    """The `briefing` command: plain help labels, and usage errors as one line ("Error: No such
    option: --frobnicate. Try 'briefing build -h' for help.") with exit code 2, where Typer draws
    a box around the message under the usage line."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.help = _unwrapped(self.help)

    def get_params(self, ctx) -> list:
        return _plain(super().get_params(ctx))

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        prog_name = prog_name or "briefing"  # not "python -m briefing.cli"
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as exc:  # click's usage and parameter errors
            if type(exc).__name__ != "NoArgsIsHelpError":  # that one has printed the help already
                typer.echo(_usage_error_line(exc), err=True)
            sys.exit(getattr(exc, "exit_code", EXIT_USAGE))
        except typer.Abort:
            typer.echo("Aborted.", err=True)
            sys.exit(EXIT_FAILED)
        sys.exit(code if isinstance(code, int) else 0)


def _usage_error_line(exc: typer.TyperException) -> str:
    message = exc.format_message().strip()
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return f"Error: {message}"
    end = "" if message.endswith((".", "?", "!")) else "."
    return f"Error: {message}{end} Try '{ctx.command_path} -h' for help."


app = typer.Typer(
    name="briefing",
    cls=_Group,
    help="Turn a folder of news articles into a Word briefing with a footnote on every sentence.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"briefing {version('briefing')}")
        except PackageNotFoundError:  # run from a checkout that was never installed
            typer.echo("briefing (version unknown: not installed)")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_show_version, is_eager=True, help="Print briefing's version and exit.")] = False,
) -> None:
    """Turn a folder of news articles into a sourced Word briefing.

    Articles may be .txt, .md (with YAML front matter), .html or .docx files. Run
    'briefing build DIR' to write output/briefing.docx; 'briefing watch DIR' to rebuild it as
    files arrive; 'briefing timeline DIR' for the story's most important dates; 'briefing
    clusters DIR' to see the events; 'briefing summarise FILES' to
    summarise one event on stdout.
    """


def _report_errors(debug: bool, run: Callable[[], None]) -> None:
    """Run `run`; a BriefingError becomes one line on stderr and exit 1 (a UsageError exit 2),
    anything else too, marked as a bug. With --debug the traceback shows instead."""
    try:
        run()
        # torch and transformers leave millions of objects; the collector walking them all at
        # interpreter exit cost 1.3 s of a 26 s build. The command is done: let them be.
        gc.freeze()
    except typer.Exit:  # a command's own exit code (watch stopped mid-build); Typer's Exit is a RuntimeError
        raise
    except BriefingError as exc:
        if debug:
            raise
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE if isinstance(exc, UsageError) else EXIT_FAILED) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted; the previous briefing, if any, is untouched.", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:  # anything else is a bug in briefing, not the user's doing
        if debug:
            raise
        typer.echo(f"Error: briefing failed unexpectedly ({exc.__class__.__name__}: {str(exc)[:200]}). "
                   f"This is a bug; run again with --debug for the details.", err=True)
        raise typer.Exit(EXIT_FAILED) from None


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


# Every value-taking option names its value in capitals (FILE, N, URL) and no type label: see
# _Option. Flags show their name alone.
FolderArg = Annotated[Path, typer.Argument(
    metavar="FOLDER", show_default=False,
    help="Folder of articles (.txt, .md, .html, .docx); sub-folders are read too.")]
OutputOpt = Annotated[Path, typer.Option(
    "--output", "-o", metavar="FILE", help="Where to write the Word briefing (a .docx file, or a folder).")]
ModelOpt = Annotated[str | None, typer.Option(
    "--model", metavar="MODEL", envvar="BRIEFING_MODEL", help="A transformers model to use instead of the "
    "embedded SmolLM2-135M: a hub id (org/name, must be in the local hub cache here) or a local folder. "
    "With --endpoint: the model name to ask the server for.")]
EndpointOpt = Annotated[str | None, typer.Option(
    "--endpoint", metavar="URL", envvar="BRIEFING_ENDPOINT", help="Base URL of an OpenAI-compatible server "
    "(vLLM, llama.cpp server, TGI) to generate with instead of a local model, e.g. http://gpu-box:8000/v1.")]
ApiKeyOpt = Annotated[str | None, typer.Option(
    "--api-key", metavar="KEY", envvar="BRIEFING_API_KEY", help="API key for --endpoint, if the server wants one.")]
ConcurrencyOpt = Annotated[int, typer.Option(
    "--concurrency", metavar="N", min=1, help="Requests in flight at once with --endpoint.")]
PromptsOpt = Annotated[Path | None, typer.Option(
    "--prompts", metavar="DIR", help="Folder of prompt templates (default: the repo's prompts/).")]
TitleOpt = Annotated[str | None, typer.Option(
    "--title", metavar="TEXT", help="Title of the briefing (default: taken from the story).")]
TemplateOpt = Annotated[Path | None, typer.Option(
    "--template", metavar="FILE",
    help="A Word .docx or .dotx to build inside: its styles, header, footer and logo are kept.")]
ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Overwrite the output even if it was edited since it was built "
    "(by default an edited briefing is kept and the new one written beside it).")]
CacheOpt = Annotated[Path | None, typer.Option(
    "--cache", metavar="FILE", help="The build cache (SQLite); default: cache.sqlite in the user cache directory.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Redo every stage and remember nothing.")]
ThreadsOpt = Annotated[int | None, typer.Option(
    "--threads", metavar="N", min=1, help="CPU threads for a local model (default: the cores not busy with other work).")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show full tracebacks on errors.")]
PagesOpt = Annotated[float, typer.Option(
    "--pages", metavar="PAGES", min=1, help="Length of the briefing's body (title to the last event; appendices "
    "and Sources not counted), in printed pages. The most important events are told; the rest are listed "
    "under Other coverage. A short folder takes what it needs.")]


@dataclass(frozen=True)
class BuildOptions:
    """What `build` and `watch` both take besides FOLDER (see _build_options)."""

    output: Path
    model: str | None
    endpoint: str | None
    api_key: str | None
    concurrency: int
    prompts: Path | None
    title: str | None
    template: Path | None
    force: bool
    cache: Path | None
    no_cache: bool
    threads: int | None
    pages: float


def _build_options(
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
) -> BuildOptions:
    """The options of `build` and `watch`, defined once, in the order --help lists them."""
    return BuildOptions(output=output, model=model, endpoint=endpoint, api_key=api_key, concurrency=concurrency,
                        prompts=prompts, title=title, template=template, force=force, cache=cache,
                        no_cache=no_cache, threads=threads, pages=pages)


def _with_build_options(command: Callable[..., None]) -> Callable[..., None]:
    """`command` taking every option of _build_options after its first parameter (FOLDER), and
    called with them as one `options: BuildOptions`, so build and watch cannot drift apart.

    Typer reads a command's options from its signature: the wrapper's signature is the merged one.
    """
    shared = list(inspect.signature(_build_options, eval_str=True).parameters.values())
    own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != "options"]
    names = [p.name for p in shared]

    @functools.wraps(command)
    def wrapper(**kwargs) -> None:
        options = _build_options(**{name: kwargs.pop(name) for name in names})
        return command(options=options, **kwargs)

    params = [*own[:1], *shared, *own[1:]]
    wrapper.__signature__ = inspect.Signature(params)
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    return wrapper


def _files(corpus) -> Callable[[tuple[str, ...]], list[str]]:
    """Article ids -> their files, each with the syndicated copies merged into it."""
    path_of = {a.id: a.path for a in corpus.sources}
    copies = {g[0]: g for g in corpus.duplicates}
    return lambda ids: [path_of[i] for aid in ids for i in copies.get(aid, (aid,))]


def _open_cache(cache: Path | None, no_cache: bool):
    from .cache import Cache, NullCache, default_cache_path

    return NullCache() if no_cache else Cache(cache or default_cache_path())


@app.command(cls=_Command)
@_with_build_options
def build(folder: FolderArg, options: BuildOptions, debug: DebugOpt = False) -> None:
    """Write a Word briefing from the articles in FOLDER, every sentence footnoted.

    Key points, what is new, a timeline, one section per event, people and organisations,
    sources. Progress goes to stderr. The first run converts the embedded model once (about 20 s)
    and caches it in the user cache directory. Rebuilds reuse whatever did not change.
    """

    def run() -> None:
        # Before anything slow (importing the pipeline alone takes seconds): a wrong folder or an
        # output that cannot be written is said at once.
        check_folder(folder)
        output = check_output(options.output, template=options.template)
        from .pipeline import build_briefing
        from .prompts import Prompts

        prompts = Prompts.load(options.prompts)
        store = _open_cache(options.cache, options.no_cache)
        try:
            gen = _model(options)
            build_briefing(folder, output, gen, prompts=prompts, title=options.title, template=options.template,
                           force=options.force, cache=store, model_name=gen.name, pages=options.pages,
                           progress=Progress())
        finally:
            store.close()

    _report_errors(debug, run)


def _model(options: BuildOptions) -> _Model:
    return _Model(options.model, options.threads, options.endpoint, options.api_key, options.concurrency)


# In the docstring "\\[" is a literal bracket: --help renders rich markup, where "[paths]" is a tag.
@app.command(cls=_Command)
def clusters(
    folder: FolderArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scoring the grouping from outside.")] = False,
    cache: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Show how the articles group into events, and which files were merged as copies.

    With --json, stdout holds {"clusters": \\[{"id", "title", "date" ("YYYY-MM-DD", "YYYY-MM",
    "YYYY" or null when the sources give none), "date_label" (as the briefing prints it),
    "articles": \\[paths]}],
    "duplicates": \\[\\[paths]], "skipped": \\[{"path", "reason"}]}; progress goes to stderr.
    """
    def run() -> None:
        import json

        check_folder(folder)
        from .pipeline import event_titles, group_articles

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
            titles = event_titles(events, corpus, store)
        finally:
            store.close()
        files_of = _files(corpus)
        rows = [{"id": e.id, "title": titles[e.id], "date": e.date.iso, "date_label": e.date.label,
                 "articles": files_of(e.article_ids)} for e in events]
        if as_json:
            typer.echo(json.dumps({"clusters": rows, "duplicates": [files_of(g[:1]) for g in corpus.duplicates],
                                   "skipped": skipped}, indent=1, ensure_ascii=False))
            return
        for n, row in enumerate(rows, 1):
            typer.echo(f"{n:>3}  {row['date_label']:<34} {row['title']}")
            for path in row["articles"]:
                typer.echo(f"     {'':<34} {path}")
        for group in corpus.duplicates:
            typer.echo(f"copies merged: {', '.join(files_of(group[:1]))}")

    _report_errors(debug, run)


@app.command(cls=_Command)
def timeline(
    folder: FolderArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    dates: Annotated[int, typer.Option("--dates", metavar="N", min=1, help="How many dates the timeline keeps.")] = 10,
    sentences: Annotated[int, typer.Option(
        "--sentences", metavar="K", min=1, help="Sentences telling each date, at most.")] = 2,
    cache: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Show the story's timeline: its most important dates, each told in its sources' sentences.

    Dates are the days the articles name ("on Tuesday", "yesterday", "20 April", read against
    each article's publication date) and publish on. With --json, stdout holds
    {"timeline": \\[{"date": "YYYY-MM-DD" or "YYYY-MM", "precision": "day" or "month",
    "text", "sources": \\[paths], "events": \\[{"id", "date", "title"}]}]}; progress goes to stderr.
    "events" are the events its sentences come from, with the ids and ISO dates that `briefing
    clusters` and the briefing's Timeline give them: a date here is the day the story was told
    on; an event's date is when it happened, where the sources say.
    """
    def run() -> None:
        import json

        check_folder(folder)
        from .pipeline import event_titles, story_timeline

        store = _open_cache(cache, no_cache)
        try:
            story, found = story_timeline(folder, dates=dates, per_date=sentences, cache=store, progress=Progress())
            cited = {aid for entry in found.entries for s in entry.sentences for aid in s.source_ids}
            titles = event_titles([e for e in story.events if cited & set(e.article_ids)], story.corpus, store)
        finally:
            store.close()

        corpus = story.corpus
        files_of = _files(corpus)
        rows = []
        for entry in found.entries:
            ids = dict.fromkeys(aid for s in entry.sentences for aid in s.source_ids)
            date = entry.date.isoformat() if entry.precision == "day" else entry.date.strftime("%Y-%m")
            # The events (as `clusters` and the briefing's Timeline give them) its sentences come from.
            events = [{"id": e.id, "date": e.date.iso, "title": titles[e.id]}
                      for e in story.events if set(e.article_ids) & set(ids)]
            rows.append({"date": date, "precision": entry.precision, "text": " ".join(s.text for s in entry.sentences),
                         "sources": list(dict.fromkeys(files_of(tuple(ids)))), "events": events})
        if as_json:
            typer.echo(json.dumps({"timeline": rows}, indent=1, ensure_ascii=False))
            return
        for row in rows:
            typer.echo(f"{row['date']:<11} {row['text']}")
            typer.echo(f"{'':<11} ({'; '.join(row['sources'])})")
            for event in row["events"]:
                typer.echo(f"{'':<11} event {event['id']}: {event['date'] or 'date not stated'}, {event['title']}")

    _report_errors(debug, run)


@app.command(cls=_Command)
def summarise(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE...", help="Articles reporting one event (.txt, .md, .html, .docx).")],
    max_words: Annotated[int, typer.Option(
        "--max-words", metavar="N", min=20, help="Length of the summary, in words.")] = 220,
    model: ModelOpt = None,
    endpoint: EndpointOpt = None,
    api_key: ApiKeyOpt = None,
    concurrency: ConcurrencyOpt = 4,
    prompts: PromptsOpt = None,
    threads: ThreadsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Summarise the FILEs as one event and print the summary, plain text, on stdout.

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


@app.command(cls=_Command)
@_with_build_options
def watch(
    folder: FolderArg,
    options: BuildOptions,
    debounce: Annotated[float, typer.Option(
        "--debounce", metavar="SECONDS", min=0.1, help="Seconds of quiet to wait for before rebuilding.")] = 2.0,
    debug: DebugOpt = False,
) -> None:
    """Build the briefing, then rebuild it whenever files in FOLDER change.

    Files added, changed or removed trigger a rebuild after a quiet spell; only what changed
    is redone and the model stays loaded. Ctrl+C stops watching."""

    def run() -> None:
        check_folder(folder)
        target = check_output(options.output, template=options.template)
        import watchfiles

        from .pipeline import build_briefing
        from .prompts import Prompts

        store = _open_cache(options.cache, options.no_cache)
        gen = _model(options)
        shown = Progress()
        written = target.resolve()

        def relevant(change, path: str) -> bool:
            p = Path(path)
            # Hidden files (editors' swap files, our own temporaries) and our output are not news.
            if p.name.startswith((".", "~$")):
                return False
            return p.resolve() != written and not (p.parent.resolve() == written.parent
                                                   and p.name.startswith(f"{written.stem}-new"))

        def once() -> None:
            try:
                build_briefing(folder, target, gen, prompts=Prompts.load(options.prompts), title=options.title,
                               template=options.template, force=options.force, cache=store, model_name=gen.name,
                               pages=options.pages, progress=shown)
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

        interrupted = False
        previous = signal.signal(signal.SIGINT, on_interrupt)
        try:
            rebuild()
            typer.echo(f"Watching {folder} for changes (Ctrl+C to stop)", err=True)
            for changes in watchfiles.watch(folder, watch_filter=relevant, debounce=int(debounce * 1000),
                                            step=100, stop_event=stop):
                typer.echo(f"{describe_changes(changes, folder)}; rebuilding", err=True)
                rebuild()
        except KeyboardInterrupt:  # only raised mid-build, by on_interrupt
            interrupted = True
        finally:
            signal.signal(signal.SIGINT, previous)
            store.close()
        if interrupted:
            typer.echo("Build interrupted; the previous briefing is untouched. Stopped watching.", err=True)
            raise typer.Exit(EXIT_INTERRUPTED)
        typer.echo("Stopped watching.", err=True)

    _report_errors(debug, run)


def describe_changes(changes: Iterable[tuple[object, str]], folder: Path) -> str:
    """What a rebuild is for: "seeds/new.txt added", or "2 files changed (a.txt, b.txt)".

    Args:
        changes: watchfiles' (Change, path) pairs; a file written once may come as added and
            modified, so each path is told once: removed if it is gone, added if it was added.
        folder: the watched folder as the user named it; paths are shown under it.

    Example:
        >>> from watchfiles import Change
        >>> describe_changes({(Change.added, "/abs/seeds/new.txt")}, Path("seeds"))  # doctest: +SKIP
        'seeds/new.txt added'
    """
    kinds: dict[str, set[str]] = {}
    for change, path in changes:
        kinds.setdefault(path, set()).add(getattr(change, "name", str(change)))
    root = folder.resolve()

    def under_folder(path: str) -> Path:
        try:
            return Path(path).resolve().relative_to(root)
        except ValueError:  # outside the folder (a link pointing out): show it as it came
            return Path(path)

    if len(kinds) == 1:
        [(path, seen)] = kinds.items()
        what = "removed" if not Path(path).exists() else "added" if "added" in seen else "changed"
        return f"{folder / under_folder(path)} {what}"
    names = sorted(str(under_folder(path)) for path in kinds)
    # Five names say which files; a folder copied in at once would otherwise fill the screen.
    listed = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return f"{len(names)} files changed ({listed})"


@app.command(cls=_Command)
def check(
    file: Annotated[Path, typer.Argument(
        metavar="FILE.docx", show_default=False, help="A briefing that 'briefing build' wrote.")],
    debug: DebugOpt = False,
) -> None:
    """Read a briefing as a councillor would: list every sentence they would stop at.

    Each sentence of the body (title, Summary, Key points, Timeline, period openings, event
    headings and paragraphs) is checked: is it whole (not cut, not two run together, not a
    fragment), are its capitals and verb forms right, does every "he", "the move" or "the
    talks" point at something told before, does every month have a year the reader can
    tell, is it told only once, is every opinion someone's, and does each title read as one.
    Prints each problem under its sentence and a count; exit code 1 when there is any, 0 when
    none.
    """
    def run() -> None:
        from .preflight import check_briefing

        path = check_briefing(file)
        from .reader import read_as_a_reader, shown_in_docx

        shown = shown_in_docx(path)
        problems = read_as_a_reader(shown)
        if not problems:
            typer.echo(f"No sentence a reader would stop at in {path} ({len(shown)} sentences read).")
            return
        by_sentence: dict[int, list] = {}
        for p in problems:
            by_sentence.setdefault(id(p.shown), []).append(p)
        for found in by_sentence.values():
            typer.echo(f'{found[0].shown.section}: "{found[0].shown.text}"')
            for p in found:
                typer.echo(f"    {p.kind}: {p.detail}")
        sentences = len(by_sentence)
        typer.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {sentences} of {len(shown)} "
                   f"sentence{'s' if len(shown) != 1 else ''} of {path}.")
        raise typer.Exit(EXIT_FAILED)

    _report_errors(debug, run)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app(prog_name="briefing"))
