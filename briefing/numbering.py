"""Source numbers that hold across rebuilds: a footnote's "Source 4" still means the same
article after new articles arrive, so an officer who quoted it elsewhere is not misled.

The first build numbers the sources in date order. Later builds keep every number given
before (the ledger remembers them), give new sources the next numbers in date order, and
leave the number of a source no longer in the folder unused; the Sources list says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .models import Article


@dataclass(frozen=True)
class SourceNumbers:
    """Article.id -> its number; and the numbers of sources no longer in the folder, with
    what they were."""

    numbers: Mapping[str, int]
    removed: tuple[tuple[int, str], ...] = field(default=())

    @property
    def last(self) -> int:
        return max([0, *self.numbers.values(), *(n for n, _ in self.removed)])


def number_sources(sources: Sequence[Article], previous: Mapping[str, tuple[int, str]] | None = None
                   ) -> SourceNumbers:
    """Numbers for `sources`, keeping those `previous` (Article.id -> (number, label)) gave.

    Example: three sources numbered 1-3 before; the second is removed and a fourth arrives:
    numbers {first: 1, third: 3, fourth: 4}, removed ((2, <its label>),).
    """
    previous = previous or {}
    present = {a.id for a in sources}
    numbers = {aid: n for aid, (n, _) in previous.items() if aid in present}
    after = max([0, *(n for n, _ in previous.values())])
    for article in sorted(sources, key=lambda a: (a.date or dt.date.max, a.path)):
        if article.id not in numbers:
            after += 1
            numbers[article.id] = after
    removed = tuple(sorted((n, label) for aid, (n, label) in previous.items() if aid not in present))
    return SourceNumbers(numbers, removed)
