"""The checks a written sentence must pass before it stands in a briefing.

Each check is one function answering one question and returning the problems it found:

* `register_problems`: could the sentence stand in a briefing, read on its own, on any day
  (no relative time, no first person, no opening that needs the sentence before)?
* `check_rewrite`: is it what its evidence says: its names, numbers, dates and quotations
  the sources' own, close in meaning, nothing reversed or dropped (`support`), and, given a
  parse, who did what to whom kept (`structure`)?
* `frame_problems` (given a parse): does every clause keep the frame its evidence tells it
  in (alleged, hoped, planned, possible, denied, asked, conditional, claimed), and is the
  evidence news at all rather than an order to someone (`frame`)?
* given a parse, would a reader stop at it wherever it is printed: cut, run together, a
  fragment, a capital out of place, a broken word form, a dangling "the move", an unattributed
  opinion (`briefing.reader.standalone_problems`)? The next candidate is taken instead.

`check_sentence` runs them all; every path that writes a sentence (the sub-editor, model
rewrites, fusion, shortening, key points, titles, period openings) calls it.
"""

from __future__ import annotations

from .frame import frame_problems, orders
from .register import expletive_it, register_problems
from .support import (
    SourceIndex,
    check_rewrite,
    content_words,
    unsupported_names_and_numbers,
)

__all__ = ["SourceIndex", "check_rewrite", "check_sentence", "content_words", "expletive_it", "frame_problems",
           "register_problems", "unsupported_names_and_numbers"]


def check_sentence(text: str, evidence: str | None = None, index: SourceIndex | None = None, *,
                   cosine: float = 1.0, **rewrite) -> list[str]:
    """Every reason `text` may not stand in the briefing; empty when it may.

    Args:
        text: the sentence as it would be printed.
        evidence: the source sentence(s) it was written from; without it only the register
            is checked (a source's own sentence, quoted as it stands).
        index: everything the event's sources say (built from `evidence` when not given).
        cosine: embedding similarity of `text` and `evidence`.
        rewrite: `check_rewrite`'s options (compression, parse, keep_numbers, context,
            attribution); with `parse` the structure and frame are checked too, and a
            sentence that gives an order is refused even without evidence.

    The register is checked first and alone: a sentence that cannot stand is not worth the
    parse the other checks may need.
    """
    problems = register_problems(text)
    parse = rewrite.get("parse")
    if not problems and parse is not None and (given := orders(parse([text])[0])):
        problems.append(f"an order ({given[0]!r}), not news")
    if not problems and parse is not None:
        from ..reader import standalone_problems  # (the reader's check imports these checks)

        problems += standalone_problems(text, parse)
    if problems or evidence is None:
        return problems
    if index is None:
        index = SourceIndex.build([evidence])
    problems = check_rewrite(text, evidence, index, cosine, **rewrite)
    if not problems and parse is not None:
        problems = frame_problems(*parse([text, evidence]), attribution=rewrite.get("attribution", True))
    return problems
