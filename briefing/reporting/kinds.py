"""The kinds of text that are not reporting, and what screening hands on."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Article

MACHINE = "addressed to an AI"
READER = "addressed to the reader"
COMMENT = "reader comment"
CAPTION = "caption or credit"
BYLINE = "byline"
TIMESTAMP = "timestamp"
RELATED = "related links"
ADVERT = "advertisement"
LABEL = "heading or label"
BOILERPLATE = "boilerplate shared by unrelated articles"
SPOKEN = "speech in a transcript or interview"
OWN_WORDS = "a first-person account or view"
# Words someone said or wrote as themselves: never told, but their days count for the story.
SAID_KINDS = (SPOKEN, OWN_WORDS)


@dataclass(frozen=True)
class Judgement:
    """One article judged: the kind of its title and of each sentence (None for reporting)."""

    title: str | None  # the title's kind: a title that is furniture or an instruction is dropped
    paragraphs: tuple[tuple[tuple[str, str | None], ...], ...]  # per paragraph: (sentence, kind)


@dataclass(frozen=True)
class LeftOut:
    """A sentence that is not reporting, and what it is."""

    article_id: str  # the id the article had before screening
    path: str
    sentence: str
    kind: str


@dataclass(frozen=True)
class Screening:
    """What screening hands on: the articles with their reporting only, and what was left out."""

    articles: tuple[Article, ...]  # empty articles (nothing was reporting) are not in it
    left_out: tuple[LeftOut, ...]
    judgements: tuple[tuple[str, Judgement], ...]  # (original Article.id, judgement), for the cache
    emptied: tuple[Article, ...] = ()  # articles of which nothing was reporting
