"""Command line: `briefing build DIR`. Parses options and calls the pipeline, nothing more."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import BriefingError

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
    'briefing build DIR' to write output/briefing.docx.
    """


@app.command()
def build(
    folder: Annotated[Path, typer.Argument(help="Folder of articles (.txt, .md, .html, .docx); sub-folders are read too.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the Word briefing.")] = Path("output/briefing.docx"),
    model: Annotated[Optional[str], typer.Option(
        "--model", help="A transformers model to use instead of the embedded SmolLM2-135M: a hub id "
        "(org/name, must be in the local hub cache here) or a local folder.")] = None,
    prompts: Annotated[Optional[Path], typer.Option(help="Folder of prompt templates (default: the repo's prompts/).")] = None,
    title: Annotated[Optional[str], typer.Option(help="Title of the briefing (default: taken from the story).")] = None,
    template: Annotated[Optional[Path], typer.Option(
        help="A Word .docx or .dotx to build inside: its styles, header, footer and logo are kept.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite the output even if it was edited since it was built "
        "(by default an edited briefing is kept and the new one written beside it).")] = False,
    threads: Annotated[Optional[int], typer.Option(min=1, help="CPU threads for the model (default: all cores).")] = None,
    debug: Annotated[bool, typer.Option(help="Show full tracebacks on errors.")] = False,
) -> None:
    """Write a briefing: key points, one section per event, sources, every sentence footnoted.

    Progress goes to stderr. The first run converts the embedded model once (about 20 s)
    and caches it in the user cache directory.
    """
    from .generators import get_generator
    from .pipeline import build_briefing
    from .prompts import Prompts

    try:
        def make_generator():
            if model:
                return get_generator("transformers", model=model, threads=threads)
            return get_generator("embedded", threads=threads)

        build_briefing(folder, output, make_generator, prompts=Prompts.load(prompts), title=title,
                       template=template, force=force)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
