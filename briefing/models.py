"""Plain data passed between the pipeline stages.

Each stage takes and returns these frozen dataclasses and nothing else, so a stage can be
tested, cached or replaced on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .temporal import MONTHS


@dataclass(frozen=True)
class Article:
    """One input file after ingest: clean body text plus whatever metadata the file carried."""

    id: str  # content hash of the cleaned text
    path: str
    title: str | None
    outlet: str | None
    author: str | None
    date: dt.date | None
    url: str | None
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def filename(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Passage:
    """A sentence kept once, with every article that carries it (near-)verbatim."""

    id: str
    text: str
    source_ids: tuple[str, ...]  # Article.id values, first = the article this text came from
    position: int  # index of the sentence in its first article


@dataclass(frozen=True)
class Corpus:
    """What dedup hands on: unique articles, their passages, and which files were merged."""

    articles: tuple[Article, ...]  # one per group of near-identical articles
    passages: tuple[Passage, ...]
    sources: tuple[Article, ...]  # every article read, merged copies included
    duplicates: tuple[tuple[str, ...], ...] = ()  # groups of Article.id merged into the first

    def article(self, article_id: str) -> Article:
        for a in self.sources:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


@dataclass(frozen=True)
class EventDate:
    """When an event happened, as precisely as the sources say and no more."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    after: dt.date | None = None  # lower bound when the sources give no date of their own

    @property
    def known(self) -> bool:
        return self.year is not None

    @property
    def sort_key(self) -> tuple:
        if self.known:
            return (0, self.year, self.month or 0, self.day or 0)
        # Undated happenings go after the dated ones, in order of what they must follow:
        # placing them among dated events would be a guess.
        after = self.after or dt.date.min
        return (1, after.year, after.month, after.day)

    @property
    def iso(self) -> str | None:
        """"2021-05-12", "2021-05" or "2021", as precise as the date is; None when unknown."""
        if self.year is None:
            return None
        return "-".join(f"{v:02d}" for v in (self.year, self.month, self.day) if v is not None)

    @property
    def label(self) -> str:
        if self.year is None:
            if self.after:
                return f"Date not stated (after {MONTHS[self.after.month - 1][:3]} {self.after.year})"
            return "Date not stated"
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS[self.month - 1]} {self.year}"


@dataclass(frozen=True)
class Event:
    """A happening: the articles that report it and the passages they contribute."""

    id: str
    article_ids: tuple[str, ...]
    passages: tuple[Passage, ...]
    date: EventDate = field(default_factory=EventDate)


@dataclass(frozen=True)
class SummarySentence:
    text: str
    source_ids: tuple[str, ...]  # Article.id values that support this sentence
    evidence: str  # the source passage the sentence was checked against
    rewritten: bool  # True when the model wrote it (its rewrite passed every check)
    operations: tuple[str, ...] = ()  # what made it from the source ("dates", "speaker", ..., "model rewrite")


@dataclass(frozen=True)
class Summary:
    event: Event
    title: str
    sentences: tuple[SummarySentence, ...]
    key_point: SummarySentence | None = None  # one line for the Key points list


@dataclass(frozen=True)
class Mention:
    """Where the sources name someone: the article and the sentence."""

    article_id: str
    sentence: str


@dataclass(frozen=True)
class Entity:
    """A person or organisation the sources name, with the role they give them."""

    name: str
    kind: str  # "person" or "organisation"
    role: str | None  # the sources' own words ("cabinet member for children's services")
    first: Mention  # earliest mention (by article date, then position)
    role_mention: Mention | None  # where the role is stated; may be a later article
    article_count: int


@dataclass(frozen=True)
class Changes:
    """What changed since the last briefing written to the same file."""

    since: dt.datetime
    new_articles: tuple[Article, ...]
    removed_articles: tuple[str, ...]  # labels of articles no longer in the folder
    new_events: tuple[str, ...]  # event titles
    changed_events: tuple[str, ...]
