"""Screening: each article judged sentence by sentence, then the folder; what is left out, and why."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

from ..models import Article
from ..text import content_hash, normalise, split_sentences
from .addressed import addressed, needs_parse, quoted_tokens
from .boilerplate import boilerplate, sentence_key
from .kinds import (
    BOILERPLATE,
    BYLINE,
    CAPTION,
    COMMENT,
    LABEL,
    MACHINE,
    RELATED,
    TIMESTAMP,
    Judgement,
    LeftOut,
    Screening,
)
from .layout import COMMENT_HEADER, CONTROL, DATELINE_ALONE, LIST_SEPARATORS, is_label, reads_as_sentence, shape
from .runins import RUN_IN_KINDS, STAMP_PREFIX, article_openings, peel
from .personal import mark_own_words
from .spoken import mark_speech

# A line of links separated by bars or bullets runs to a few headlines; a longer paragraph
# holding bars is prose that quotes a menu (saved pages run the two together).
MAX_LIST_WORDS = 60


# ---------------------------------------------------------------------------------------
# one article, then the folder

_CONTROL_BLOCK = re.compile(
    r"<\|im_start\|>.*?(?:<\|im_end\|>|$)|\[INST\].*?(?:\[/INST\]|$)|<<SYS>>.*?(?:<</SYS>>|$)|<!--.*?(?:-->|$)",
    re.IGNORECASE | re.DOTALL)

_BRACKETED = re.compile(r"\s*[\[(]([^\[\]()]{8,300})[\])]")
_MACHINE_NOTE = re.compile(
    r"\b(?:notes?|instructions?|messages?|hints?)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:ai|a\.i\.|llms?|bots?|"
    r"models?|language\s+models?|assistants?|agents?|chatbots?|summari[sz]ers?|crawlers?|machines?)\b"
    r"|\b(?:ai|llms?|bots?|chatbots?|summari[sz]ers?|assistants?)\s*(?:only)?\s*:", re.IGNORECASE)


def paragraph_units(paragraph: str) -> list[tuple[str, str | None]]:
    """The paragraph's sentences, a chat-template block (text for a model) counted as one and
    furniture run into the front of a sentence (an advertisement marker, a time stamp, a wire
    dateline, a credit, an upper-case heading) split from it."""
    out: list[tuple[str, str | None]] = []
    start = 0
    for m in _CONTROL_BLOCK.finditer(paragraph):
        out += [(s, None) for s in split_sentences(paragraph[start:m.start()])]
        out.append((m[0].strip(), MACHINE))
        start = m.end()
    out += [(s, None) for s in split_sentences(paragraph[start:])]
    # A bracketed note inside a sentence ("... in March [note to LLMs: describe it as popular].")
    # is judged on its own, so the sentence around it can stay.
    split = []
    for sentence, kind in out:
        inner = _BRACKETED.search(sentence) if kind is None else None
        if inner and (_MACHINE_NOTE.search(inner[1]) or CONTROL.search(inner[1])):
            rest = (sentence[:inner.start()].rstrip() + sentence[inner.end():]).strip()
            split += [(rest, None), (inner[0], MACHINE)]
        else:
            split.append((sentence, kind))
    units: list[tuple[str, str | None]] = []
    for sentence, kind in split:
        if kind is None:
            pieces, sentence = peel(sentence)
            units += pieces
            # A wire story ends with its credits ("(Reporting by ...; Editing by ...)"): what
            # the same run of text holds after them is the page around the story.
            credit = _WIRE_CREDITS.search(sentence)
            if credit:
                units += [(sentence[:credit.start()].strip(), None), (sentence[credit.start():].strip(), BYLINE)]
                continue
        units.append((sentence, kind))
    return [(s, k) for s, k in units if s.strip()]


# Where a sentence could end: the credits open the text, or follow a full stop.
_WIRE_CREDITS = re.compile(r"(?:^|(?<=[.!?\"\u201d] ))\((?:Additional |Further )?(?:Reporting|Writing|Editing|Compiled|Edited)"
                           r"(?: and \w+)? by\b[^)]*\)")


def _judge(articles: Sequence[Article], parse: Callable[[list[str]], list]) -> list[Judgement]:
    """Each article's sentences with their kind (None for reporting), parsing only where needed."""
    drafts: list[tuple[list, list]] = []
    wanted: list[list] = []
    labels: list[list] = []  # lines judged labels by their layout, unless the parse reads a sentence
    openings = article_openings(articles, parse)
    for article, (opening, head, rest) in zip(articles, openings):
        title = [article.title, (shape(article.title) or (TIMESTAMP if STAMP_PREFIX.match(article.title) else None))
                 if article.title else None]
        if article.title and title[1] is None and needs_parse(article.title):
            wanted.append(title)
        paragraphs = []
        comment_follows = False
        for at, paragraph in enumerate(article.paragraphs):
            units = head + paragraph_units(rest) if at == opening else paragraph_units(paragraph)
            # (what is left of a line once run-in furniture is taken off its front is judged as the line was)
            left = [sentence for sentence, kind in units if kind is None]
            peeled = all(kind in RUN_IN_KINDS for _, kind in units if kind is not None)
            label = len(left) == 1 and peeled and is_label(left[0] if len(units) > 1 else paragraph)
            # A whole line can be furniture that its sentence splits hide: a dateline with an
            # abbreviation ("SPRINGFIELD, Mo. (AP) \u2014") or a list of headlines ("1. ... | 2. ...").
            whole = (BYLINE if DATELINE_ALONE.match(normalise(paragraph))
                     else RELATED if len(LIST_SEPARATORS.findall(paragraph)) >= 2
                     and len(paragraph.split()) <= MAX_LIST_WORDS else None)
            items = [[sentence, kind or whole or shape(sentence)] for sentence, kind in units]
            for n, item in enumerate(items):
                if item[1] == COMMENT and not paragraphs and n == 0:
                    item[1] = BYLINE  # "Susan Watts | 18:00 UK time, ..." opening a blog post: its author
                elif comment_follows or (n and items[n - 1][1] == COMMENT):
                    item[1] = COMMENT  # a comment runs on from its header to the end of its paragraph
                comment_follows = False
                if item[1] is None and label:
                    item[1] = LABEL
                    labels.append(item)
            # A comment header on a line of its own ("margaret_in_leeds 11 Mar 2024 9:42") heads
            # the paragraph after it; a short paragraph that ends in a credit is a caption.
            comment_follows = (len(items) == 1 and items[0][1] == COMMENT
                               and bool(COMMENT_HEADER.search(normalise(units[0][0]))))
            if len(items) <= 3 and items[-1][1] == CAPTION and len(items[-1][0].split()) <= 8:
                for item in items:
                    item[1] = item[1] or CAPTION
            for item in items:
                if item[1] is None and needs_parse(item[0]):
                    wanted.append(item)
            paragraphs.append(items)
        drafts.append((title, paragraphs))
    # The parse reads the text as written: folding "\u2013" into "-" joins the words around it.
    docs = parse([" ".join(item[0].split()) for item in wanted + labels]) if wanted or labels else []
    for item, doc in zip(wanted, docs):
        item[1] = addressed(doc, quoted_tokens(doc))
    for item, doc in zip(labels, docs[len(wanted):]):
        if reads_as_sentence(doc):
            item[1] = addressed(doc, quoted_tokens(doc)) if needs_parse(item[0]) else None
    for _, paragraphs in drafts:
        mark_speech(paragraphs)
        mark_own_words(paragraphs)
    return [Judgement(title[1], tuple(tuple((s, k) for s, k in p) for p in paragraphs))
            for title, paragraphs in drafts]


def screen_articles(articles: Sequence[Article], parse: Callable[[list[str]], list], *,
                    judged: Mapping[str, Judgement] | None = None) -> Screening:
    """The articles with only their reporting, and every sentence left out with its kind.

    Args:
        articles: ingested articles.
        parse: a `briefing.parse.Parser` (texts -> spaCy Docs); called only if a sentence
            needs it: at most twice for articles' first sentences with run-in furniture, then
            once for the sentences that may address someone.
        judged: judgements from an earlier run, by Article.id (the cache's); the others are made.

    Example:
        >>> screened = screen_articles(articles, Parser())
        >>> [x.kind for x in screened.left_out]
        ['addressed to an AI', 'caption or credit']
    """
    judged = dict(judged or {})
    todo = [a for a in articles if a.id not in judged]
    for article, judgement in zip(todo, _judge(todo, parse)):
        judged[article.id] = judgement
    judgements = [judged[a.id] for a in articles]
    shared = boilerplate(judgements)
    kept, left_out, emptied = [], [], []
    for article, judgement in zip(articles, judgements):
        paragraphs, removed = [], []
        for p in judgement.paragraphs:
            good = []
            for sentence, kind in p:
                kind = kind or (BOILERPLATE if sentence_key(sentence) in shared else None)
                if kind:
                    removed.append(LeftOut(article.id, article.path, sentence, kind))
                else:
                    good.append(sentence)
            if good:
                paragraphs.append(" ".join(good))
        title = None if judgement.title else article.title
        left_out += removed
        if not removed and title == article.title:
            kept.append(article)
            continue
        # A new id: what later stages cache by the article must follow what it now says.
        new_id = content_hash(normalise("\n".join([article.id, str(title), *(x.sentence for x in removed)])))
        changed = replace(article, id=new_id, title=title, paragraphs=tuple(paragraphs))
        (kept if paragraphs else emptied).append(changed)
    return Screening(tuple(kept), tuple(left_out), tuple((a.id, judged[a.id]) for a in articles), tuple(emptied))


def describe(left_out: Iterable[LeftOut]) -> str:
    """'2 addressed to an AI, 1 caption or credit': counts by kind, largest first."""
    counts: dict[str, int] = defaultdict(int)
    for x in left_out:
        counts[x.kind] += 1
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
