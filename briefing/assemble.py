"""Assemble: the Word briefing, every summary sentence footnoted with its sources.

Layout: title block, Key points, one section per event (in date order), Sources, and a note
on how the briefing was made. A sentence carried by several articles gets one footnote that
lists them all, each with outlet, title, date and file, then the supporting source words.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.shared import Pt

from .docx import add_footnote
from .errors import BriefingError
from .models import Article, Corpus, Summary, SummarySentence
from .text import split_sentences

QUOTE_WORDS = 18


@dataclass(frozen=True)
class BriefingInfo:
    title: str
    model: str
    built: dt.date


def article_label(article: Article) -> str:
    """The article's title, or its opening words when the file has no headline."""
    if article.title:
        return article.title
    first = split_sentences(article.paragraphs[0])[0].split()
    return " ".join(first[:8]).rstrip(",.;:") + ("\u2026" if len(first) > 8 else "")


def source_line(article: Article) -> str:
    date = article.date.strftime("%-d %B %Y") if article.date else "undated"
    parts = [
        f"\u201c{article_label(article)}\u201d",
        article.outlet or "outlet not stated",
        f"by {article.author}" if article.author else None,
        date,
        article.url,
        article.filename,
    ]
    return ", ".join(p for p in parts if p)


def _excerpt(evidence: str) -> str:
    toks = evidence.split()
    if len(toks) <= QUOTE_WORDS:
        return evidence.strip()
    return " ".join(toks[:QUOTE_WORDS]).rstrip(",;:") + "\u2026"


def footnote_text(sentence: SummarySentence, corpus: Corpus) -> str:
    sources = "; ".join(source_line(corpus.article(i)) for i in sentence.source_ids)
    return f"{sources}. Source words: \u201c{_excerpt(sentence.evidence)}\u201d"


def _add_sentence(paragraph, sentence: SummarySentence, corpus: Corpus) -> None:
    run = paragraph.add_run(sentence.text)
    add_footnote(run, footnote_text(sentence, corpus))
    paragraph.add_run(" ")


def _date_span(articles: list[Article]) -> str:
    dates = sorted(a.date for a in articles if a.date)
    if not dates:
        return "undated"
    fmt = "%-d %B %Y"
    undated = sum(1 for a in articles if not a.date)
    span = dates[0].strftime(fmt) if dates[0] == dates[-1] else f"{dates[0].strftime(fmt)} to {dates[-1].strftime(fmt)}"
    return span + (f" ({undated} undated)" if undated else "")


def story_title(corpus: Corpus) -> str:
    """A title from the story itself: the name most articles mention ("Devon County Council")."""
    import re

    counts: Counter[str] = Counter()
    for a in corpus.articles:
        names = set(re.findall(r"\b(?:[A-Z][a-z]+\s){1,3}(?:Council|Authority|Trust|Service|Services|Department|Board)\b", a.text))
        counts.update(names)
    if counts:
        return f"{counts.most_common(1)[0][0]}: news briefing"
    return "News briefing"


def build_document(summaries: list[Summary], corpus: Corpus, info: BriefingInfo) -> docx.document.Document:
    doc = docx.Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(11)

    all_articles = list(corpus.sources)
    doc.add_paragraph(info.title, style="Title")
    outlets = {a.outlet for a in all_articles if a.outlet}
    doc.add_paragraph(f"Built {info.built.strftime('%-d %B %Y')}.")
    doc.add_paragraph(
        f"Prepared from {len(all_articles)} articles by {len(outlets) or 'unnamed'} "
        f"outlet{'s' if len(outlets) != 1 else ''}"
        f"{' (' + str(sum(1 for a in all_articles if not a.outlet)) + ' with no outlet stated)' if len(outlets) < len(all_articles) and outlets else ''}"
        f", dated {_date_span(all_articles)}."
    )

    doc.add_heading("Key points", level=1)
    for s in summaries:
        if s.key_point is not None:
            _add_sentence(doc.add_paragraph(style="List Bullet"), s.key_point, corpus)

    doc.add_heading("Events", level=1)
    for s in summaries:
        doc.add_heading(f"{s.event.date.label} \u2014 {s.title}", level=2)
        para = doc.add_paragraph()
        for sentence in s.sentences:
            _add_sentence(para, sentence, corpus)

    doc.add_heading("Sources", level=1)
    for a in sorted(all_articles, key=lambda a: (a.date or dt.date.max, a.path)):
        doc.add_paragraph(source_line(a), style="List Number")

    doc.add_heading("How this briefing was made", level=1)
    rewritten = sum(1 for s in summaries for x in s.sentences if x.rewritten)
    total = sum(len(s.sentences) for s in summaries)
    doc.add_paragraph(
        f"Written by briefing with {info.model}. The model rewrote the most important sentences of "
        f"each event; every sentence was then checked against its sources (names, numbers, dates, "
        f"quotations, meaning and wording). {rewritten} of {total} event sentences are the model's "
        f"rewrites; where a rewrite failed a check, the source's own sentence is used. Every sentence "
        f"is footnoted with the articles that support it and the words it was checked against."
    )

    props = doc.core_properties
    props.title = info.title
    props.subject = "News briefing"
    props.author = "briefing"
    props.created = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    props.keywords = "briefing; news; sources"
    return doc


def write_briefing(summaries: list[Summary], corpus: Corpus, path: Path, info: BriefingInfo) -> Path:
    """Write the briefing to `path`, atomically: a reader never sees half a file.

    Raises:
        BriefingError: the output folder cannot be created or written.
    """
    doc = build_document(summaries, corpus, info)
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".docx", dir=path.parent)
    except OSError as exc:
        raise BriefingError(f"Cannot write to {path.parent}: {exc.strerror or exc}.") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            doc.save(fh)
        os.replace(tmp, path)
    except OSError as exc:
        raise BriefingError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
