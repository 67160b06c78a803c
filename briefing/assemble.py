"""Assemble: the Word briefing, every summary sentence footnoted with its sources.

Layout: title block, Key points, What is new since the last briefing (on rebuilds), Timeline (table), one section per event in date order,
People and organisations (table), Sources, and a note on how the briefing was made. A
sentence carried by several articles gets one footnote that lists them all, each with title,
outlet, author, date and file, then the source words the sentence was checked against.

With a template (.docx or .dotx) the briefing is built inside it: its styles, headers,
footers and logo stay; its body text is replaced. Styles the template lacks are copied from
python-docx's default template, so a bare organisational template still works.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import time
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from .docx import add_footnote
from .errors import BriefingError
from .carry import CarryReport, carry_edits
from .docx.blocks import read_blocks
from .ledger import Ledger, safe_output_path, write_atomically
from .numbering import SourceNumbers, number_sources
from .chart import Chart, add_chart
from .disagree import REVISED, Claim, Difference
from .models import Article, Changes, Corpus, Entity, Event, Mention, Summary, SummarySentence
from .text import STOPWORDS, split_sentences

QUOTE_WORDS = 18  # words of source text quoted in a footnote: enough to find the passage
# A footnote describes this many sources and numbers the rest ("also Sources 12, 31"): a fact
# forty articles carry would otherwise take half a page of notes; the Sources list has them all.
TITLE_WORDS = 9  # a footnote shortens a source's title; the Sources list has it whole
MIN_KEY_POINTS, MAX_KEY_POINTS = 3, 6
TABLE_STYLE = "Light Grid Accent 1"

_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@dataclass(frozen=True)
class BriefingInfo:
    title: str
    model: str
    built: dt.date


@dataclass(frozen=True)
class Section:
    """A part of the body: a period of the story with its opening sentences, or (title None)
    the whole of a short story."""

    title: str | None
    intro: Summary | None
    events: tuple[Summary, ...]


@dataclass(frozen=True)
class Other:
    """An event the body does not tell: one row of the "Other coverage" appendix."""

    event: Event
    title: str


# The body ends where these begin: each starts a new page (and `briefing.length` stops there).
APPENDICES = ("Other coverage", "People and organisations", "Sources")


def open_template(path: Path) -> Document:
    """The template as an empty document: styles, headers, footers and section settings kept.

    Raises:
        BriefingError: the file is missing or not a Word document or template.
    """
    path = Path(path)
    if path.suffix.lower() not in (".docx", ".dotx"):
        raise BriefingError(f"Cannot use template {path}: use a Word .docx or .dotx file.")
    try:
        data = path.read_bytes()
        # A .dotx is a .docx whose main part says "template": relabel it so python-docx opens it.
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                body = src.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    body = body.replace(_TEMPLATE_MAIN.encode(), _DOCUMENT_MAIN.encode())
                dst.writestr(item, body)
        doc = docx.Document(io.BytesIO(buf.getvalue()))
    except OSError as exc:
        raise BriefingError(f"Cannot read template {path}: {exc.strerror or exc}.") from exc
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own kinds
        raise BriefingError(f"Cannot use template {path}: it is not a readable Word document ({exc}).") from exc
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # the last sectPr holds the header, footer and page setup
            body.remove(child)
    return doc


@lru_cache(maxsize=1)
def _default_styles():
    return docx.Document().styles


def _ensure_style(doc: Document, name: str) -> bool:
    """Make sure `doc` has style `name`, copying it (and what it is based on) from python-docx's
    default template when missing. False when no definition exists anywhere."""
    try:
        doc.styles[name]
        return True
    except KeyError:
        pass
    try:
        source = _default_styles()[name]
    except KeyError:
        return False
    element = copy.deepcopy(source.element)
    # The default template's list numbering does not exist in this document: drop the link.
    for num_pr in element.findall(f"{qn('w:pPr')}/{qn('w:numPr')}"):
        num_pr.getparent().remove(num_pr)
    doc.styles.element.append(element)
    based = source.base_style
    if based is not None:
        _ensure_style(doc, based.name)
    return True


def _style_numbered(doc: Document, name: str) -> bool:
    """True when the style (or one it is based on) carries list numbering."""
    style = doc.styles[name]
    while style is not None:
        if style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
            return True
        style = style.base_style
    return False


LABEL_WORDS = 8  # opening words standing for a headline: enough to tell the articles apart
QUOTE_RUN_ON = 8  # words a label may run on to close a quotation it opened, before it is cut
_CLOSES = {"\u201c": "\u201d", "\u2018": "\u2019", '"': '"'}


def _quotes(text: str) -> list[tuple[int, str, int]]:
    """(offset, mark, depth) of every quotation mark in `text` that opens or closes one, depth
    counted from 0 outside. An apostrophe ("Devon\u2019s") is neither: a closing mark must end
    a word and follow its opening mark."""
    found, stack = [], []
    for i, ch in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if stack and ch == _CLOSES[stack[-1]] and not after.isalnum() and not before.isspace():
            stack.pop()
            found.append((i, ch, len(stack)))
        elif ch in _CLOSES and (before.isspace() or before in "([\u2014\u2013") and not after.isspace():
            found.append((i, ch, len(stack)))
            stack.append(ch)
    return found


def _unclosed(text: str) -> str | None:
    """The outermost quotation mark `text` opens and leaves open."""
    depth0 = [mark for _, mark, depth in _quotes(text) if depth == 0]
    return depth0[-1] if len(depth0) % 2 else None


def article_label(article: Article) -> str:
    """The article's title, or its opening words when the file has no headline. Never cut
    inside a quotation: it runs on to the quotation's end, stops before it opens, or, when it
    opens the sentence, closes it after the ellipsis."""
    return article.title or _opening_label(article.paragraphs[0])


@lru_cache(maxsize=4096)
def _opening_label(paragraph: str) -> str:
    """The label of an article without a headline, from its first paragraph (see
    `article_label`; a build labels each article many times, and a transcript's first
    paragraph can run to thousands of words)."""
    first = split_sentences(paragraph)[0].split()
    n = min(LABEL_WORDS, len(first))
    mark = _unclosed(" ".join(first[:n]))
    if mark:
        n = next((k for k in range(n + 1, min(len(first), n + QUOTE_RUN_ON) + 1)
                  if not _unclosed(" ".join(first[:k]))), n)
        opened_at = next(i for i in range(n) if _unclosed(" ".join(first[:i + 1])))
        if _unclosed(" ".join(first[:n])) and opened_at >= 3:
            n = opened_at
    label = " ".join(first[:n]).rstrip(",.;:")
    label = re.sub(r"[,;:]([\u201d\u2019\"])$", r"\1", label)  # "too long,\u201d": the comma is the sentence's
    if len(first) > n:
        label += "\u2026"
    mark = _unclosed(label)
    return label + _CLOSES[mark] if mark else label


def _nested(label: str) -> str:
    """`label` as it reads inside double quotation marks: its outermost quotations in single
    marks ("... \u2018run out of patience\u2019 ..."), those inside them in double ones."""
    chars = list(label)
    for i, mark, depth in _quotes(label):
        opening = mark in "\u201c\u2018" or (mark == '"' and (i == 0 or label[i - 1].isspace()))
        if depth % 2 == 0:
            chars[i] = "\u2018" if opening else "\u2019"
        else:
            chars[i] = "\u201c" if opening else "\u201d"
    return "".join(chars)


def source_line(article: Article) -> str:
    date = article.date.strftime("%-d %B %Y") if article.date else "undated"
    parts = [
        f"\u201c{_nested(article_label(article))}\u201d",
        article.outlet or "outlet not stated",
        f"by {article.author}" if article.author else None,
        date,
        article.url,
        article.filename,
    ]
    return ", ".join(p for p in parts if p)


def _paragraph(summary: Summary, pointed: set[str]) -> tuple[SummarySentence, ...]:
    """An event's sentences, less the one its key point was made from (when the key points
    show it and two or more sentences remain to tell the event)."""
    kept = tuple(x for x in summary.sentences if x.evidence not in pointed)
    return kept if len(kept) >= 2 else summary.sentences


def _excerpt(evidence: str) -> str:
    toks = evidence.split()
    if len(toks) <= QUOTE_WORDS:
        return evidence.strip()
    return " ".join(toks[:QUOTE_WORDS]).rstrip(",;:") + "\u2026"


class Citations:
    """Numbers every source once, in the order of the Sources list, and writes footnotes.

    A footnote names its sources by their numbers in the Sources list, where each is given
    in full, and quotes the source words a sentence was checked against only where the
    sentence is not the source's own wording (there the quote earns its place; for a
    sentence as the source wrote it, it would repeat the body).
    """

    def __init__(self, corpus: Corpus, differences: tuple[Difference, ...] = (),
                 numbers: SourceNumbers | None = None):
        self.corpus = corpus
        self.numbering = numbers or number_sources(corpus.sources)
        self.numbers = dict(self.numbering.numbers)
        self.sources = sorted(corpus.sources, key=lambda a: self.numbers[a.id])
        self.differences: dict[str, list[Difference]] = {}
        for d in differences:
            self.differences.setdefault(d.sentence, []).append(d)

    def gone(self, label: str) -> str:
        """Why a source an earlier briefing used ("“Title” (file.md)", `_label`) is not one now:
        "removed from the folder", or "changed in the folder (as it is now: Source 7)" when a
        file of its name is still there, its text changed."""
        filename = re.search(r"\(([^()]*)\)$", label)
        now = next((self.numbers[a.id] for a in self.corpus.sources if filename and a.filename == filename[1]), None)
        return "removed from the folder" if now is None else f"changed in the folder (as it is now: Source {now})"

    def differs(self, difference: Difference) -> str:
        """"Sources differ: Source 1 gives "four areas"; Sources 3, 6 give "five areas"." or, for
        a figure revised over time, each value with its date, the latest last."""
        groups: dict[str, list[Claim]] = {}
        for claim in difference.claims:
            groups.setdefault(" ".join(claim.value.lower().split()), []).append(claim)
        parts = []
        for claims in groups.values():
            numbers = sorted({self.numbers[c.article_id] for c in claims})
            label = f"Source{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}"
            verb = "give" if len(numbers) > 1 else "gives"
            if difference.kind == REVISED:
                days = sorted({c.published for c in claims if c.published})
                when = f" ({days[-1].strftime('%-d %B %Y')})" if days else ""
                parts.append((days[-1] if days else dt.date.min, f"{label}{when} {verb} \u201c{claims[0].value}\u201d"))
            else:
                parts.append((numbers[0], f"{label} {verb} \u201c{claims[0].value}\u201d"))
        parts.sort(key=lambda p: p[0])
        if difference.kind == REVISED:
            return "Revised over time: " + "; ".join(p for _, p in parts) + ", the latest."
        return "Sources differ: " + "; ".join(p for _, p in parts) + "."

    def brief(self, article_id: str) -> str:
        """"Source 3: "Title ...", Outlet, 4 May 2021": a source named in running text."""
        a = self.corpus.article(article_id)
        label = article_label(a).split()
        title = " ".join(label[:TITLE_WORDS]).rstrip(",.;:") + ("\u2026" if len(label) > TITLE_WORDS else "")
        date = a.date.strftime("%-d %B %Y") if a.date else "undated"
        return ", ".join(x for x in (f"Source {self.numbers[a.id]}: \u201c{title}\u201d", a.outlet, date) if x)

    def note(self, article_ids: tuple[str, ...] | list[str], words: str | None = None) -> str:
        """"Source 2." or "Sources 1, 3: "the words ..."""""
        numbers = sorted({self.numbers[i] for i in article_ids})
        text = f"Source{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}"
        return text + (f": \u201c{words}\u201d" if words else ".")

    def for_sentence(self, sentence: SummarySentence) -> str:
        """The sources; the words the sentence was checked against only where it is not
        their own wording."""
        said, source = _wording(sentence.text), _wording(sentence.evidence)
        same = said == source or said.endswith(" " + source)  # a key point is "May 2021: <the sentence>"
        note = self.note(sentence.source_ids, None if same else _excerpt(sentence.evidence))
        return " ".join([note, *(self.differs(d) for d in self.differences.get(sentence.text, ()))])

    def for_mention(self, mention: Mention, name: str) -> str:
        """The source naming someone (the table quotes its words for the role already)."""
        return self.note([mention.article_id])


def _wording(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _add_sentence(paragraph: Paragraph, sentence: SummarySentence, cite: Citations) -> None:
    run = paragraph.add_run(sentence.text)
    add_footnote(run, cite.for_sentence(sentence))
    paragraph.add_run(" ")


def _date_span(articles: list[Article]) -> str:
    dates = sorted(a.date for a in articles if a.date)
    if not dates:
        return "undated"
    fmt = "%-d %B %Y"
    undated = sum(1 for a in articles if not a.date)
    span = dates[0].strftime(fmt) if dates[0] == dates[-1] else f"{dates[0].strftime(fmt)} to {dates[-1].strftime(fmt)}"
    return span + (f" ({undated} undated)" if undated else "")


def key_points(summaries: list[Summary], importance: dict[str, float] | None = None) -> list[SummarySentence]:
    """Three to six dated bullets, in date order: one per event, the most important events
    first when there are more than six (by `importance`, else the best covered) and the
    latest dated event always (the story's newest turn), topped up from the events' next
    sentences when fewer than three."""
    points = [s for s in summaries if s.key_point is not None]
    if len(points) > MAX_KEY_POINTS:
        def rank(s: Summary) -> tuple:
            return (-(importance or {}).get(s.event.id, len(s.event.article_ids)), summaries.index(s))
        dated = [s for s in points if s.event.date.known]
        latest = max(dated, key=lambda s: s.event.date.sort_key) if dated else None
        keep = [latest] if latest is not None else []
        keep += [s for s in sorted(points, key=rank) if s is not latest][:MAX_KEY_POINTS - len(keep)]
        points = [s for s in summaries if s in keep]
    out = [s.key_point for s in points]
    extra = [(s, x) for s in summaries for x in s.sentences[1:]]
    while len(out) < MIN_KEY_POINTS and extra:
        s, x = extra.pop(0)
        when = s.event.date.label if s.event.date.known else "Date not stated"
        out.append(SummarySentence(f"{when}: {x.text[0].lower() + x.text[1:] if x.text.split()[0].lower() in STOPWORDS else x.text}",
                                   x.source_ids, x.evidence, x.rewritten))
    return out


def _article_date(article: Article) -> str:
    return article.date.strftime("%-d %B %Y") if article.date else "Undated article"


# --- the document ---------------------------------------------------------------------------

def _table(doc: Document, header: tuple[str, ...], widths: tuple[float, ...]) -> Table:
    table = doc.add_table(rows=1, cols=len(header))
    style = _ensure_style(doc, TABLE_STYLE)
    if style:
        table.style = doc.styles[TABLE_STYLE]
    table.autofit = False  # fixed column widths: LibreOffice and Word agree on fixed layouts
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    for cell, text, width in zip(table.rows[0].cells, header, widths):
        cell.paragraphs[0].add_run(text).bold = True
        cell.width = Cm(width)
    _repeat_header(table)
    return table


def _repeat_header(table: Table) -> None:
    """The header row repeats on every page the table runs over, and never ends a page alone."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)
    # Keep with next on the header row only (Word's way of holding it to the first row below):
    # on every row it would hold the whole table together and push it to a new page.
    for cell in table.rows[0].cells:
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True


def _row(table: Table, widths: tuple[float, ...]) -> list:
    row = table.add_row()
    # A row is read as one line of facts: never split it across a page break.
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cells = row.cells
    for cell, width in zip(cells, widths):
        cell.width = Cm(width)
    return cells


def _events_table(doc: Document, rows: list[tuple[Event, str]], cite: Citations, *, footnoted: bool) -> None:
    """Date, what happened and the sources' numbers (syndicated copies too), one row an event;
    `footnoted`: each row's sources named in a footnote as well."""
    widths = (3.5, 9.0, 3.5)
    table = _table(doc, ("Date", "What happened", "Sources"), widths)
    for event, title in rows:
        date, what, sources = _row(table, widths)
        date.text = event.date.label
        what.text = title
        ids = sorted(_with_copies(list(event.article_ids), cite), key=lambda a: cite.numbers[a])
        label = "Source " if len(ids) == 1 else "Sources "
        run = sources.paragraphs[0].add_run(label + ", ".join(str(cite.numbers[a]) for a in ids))
        if footnoted:
            add_footnote(run, cite.note(ids))


def _people(doc: Document, entities: tuple[Entity, ...], cite: Citations) -> None:
    widths = (4.0, 8.0, 4.0)
    table = _table(doc, ("Name", "Role, as the sources state it", "First mention"), widths)
    for e in entities:
        name, role, first = _row(table, widths)
        name.text = e.name
        if e.role:
            run = role.paragraphs[0].add_run(e.role[0].upper() + e.role[1:])
            if e.role_mention is not None and e.role_mention != e.first:
                add_footnote(run, cite.for_mention(e.role_mention, e.name))
        else:
            # find_entities keeps a body no source describes only when it is among the most named
            role.paragraphs[0].add_run("Not described in the sources" if e.kind == "organisation" else "Not stated").italic = True
        run = first.paragraphs[0].add_run(_article_date(cite.corpus.article(e.first.article_id)))
        add_footnote(run, cite.for_mention(e.first, e.name))


def _list_item(doc: Document, style: str, prefix: str) -> Paragraph:
    """A paragraph in a list style; the bullet or number is typed in when the template's
    version of the style has no numbering of its own."""
    defined = _ensure_style(doc, style)
    if defined and _style_numbered(doc, style):
        return doc.add_paragraph(style=style)
    para = doc.add_paragraph(style=style if defined else None)
    para.add_run(prefix)
    return para


def _changes_section(doc: Document, changes: Changes, cite: Citations) -> None:
    doc.add_heading("What is new since the last briefing", level=1)
    doc.add_paragraph(f"Compared with the briefing built {changes.since.strftime('%-d %B %Y at %H:%M')}.")
    items: list[str] = []
    for a in changes.new_articles:
        items.append(f"New article: {cite.brief(a.id)}.")
    items += [f"New event: {t}." for t in changes.new_events]
    items += [f"Updated event (new or changed sources): {t}." for t in changes.changed_events]
    items += [f"No longer included: {label}, {cite.gone(label)}." for label in changes.removed_articles]
    if not items:
        items = ["No article was added, changed or removed."]
    for text in items:
        _list_item(doc, "List Bullet", "\u2022 ").add_run(text)


def _other_coverage(doc: Document, others: tuple[Other, ...], cite: Citations) -> None:
    doc.add_heading("Other coverage", level=1)
    intro = doc.add_paragraph(f"{len(others)} more event{'s' if len(others) != 1 else ''} the sources report, "
                              f"less covered than those above; each names the articles to read.")
    intro.paragraph_format.keep_with_next = True  # one line: it introduces the table, so goes with it
    _events_table(doc, [(o.event, o.title) for o in others], cite, footnoted=False)


def _with_copies(ids: list[str], cite: Citations) -> list[str]:
    """`ids` and the syndicated copies merged into them."""
    for group in cite.corpus.duplicates:
        if group[0] in ids:
            ids.extend(x for x in group[1:] if x not in ids)
    return ids


def _differences_section(doc: Document, differences: tuple[Difference, ...], cite: Citations) -> None:
    """"Where sources differ": every told fact on which the articles give other values."""
    doc.add_heading("Where sources differ", level=1)
    if not differences:
        doc.add_paragraph("The articles give no other figure or date for anything this briefing states.")
        return
    seen = set()
    for d in differences:
        note = cite.differs(d)
        if note in seen:
            continue
        seen.add(note)
        item = _list_item(doc, "List Bullet", "\u2022 ")
        item.add_run(f"\u201c{_excerpt(d.sentence)}\u201d ")
        item.add_run(note)


def _appendices_on_a_new_page(doc: Document) -> None:
    """The first appendix starts a page: the body's length is then its pages."""
    for p in doc.paragraphs:
        if p.style is not None and p.style.name == "Heading 1" and p.text in APPENDICES:
            p.paragraph_format.page_break_before = True
            return


def build_document(summaries: list[Summary], corpus: Corpus, info: BriefingInfo,
                   entities: tuple[Entity, ...] = (), template: Path | None = None,
                   changes: Changes | None = None, *, sections: tuple[Section, ...] | None = None,
                   others: tuple[Other, ...] = (), chart: Chart | None = None,
                   importance: dict[str, float] | None = None, overview: Summary | None = None,
                   differences: tuple[Difference, ...] = (), numbers: SourceNumbers | None = None) -> Document:
    """The briefing as a python-docx Document, inside `template` when one is given.

    Args:
        summaries: the events the body tells, in date order.
        sections: the body's parts (default: one, untitled, of every summary).
        others: events for the "Other coverage" appendix.
        chart: coverage over time, shown above the timeline.
        importance: Event.id -> importance, to choose the key points.
        overview: the story so far, in a few sentences, opening the briefing ("Summary").
        differences: told facts on which the articles disagree: noted in the sentence's footnote
            and listed in "Where sources differ".
        numbers: the sources' numbers (default: in date order); a number whose source has
            gone from the folder is listed as removed.
    """
    if sections is None:
        sections = (Section(None, None, tuple(summaries)),)
    doc = open_template(template) if template else docx.Document()
    if template is None:
        doc.styles["Normal"].font.size = Pt(11)
    for style in ("Title", "Heading 1", "Heading 2"):
        _ensure_style(doc, style)

    cite = Citations(corpus, differences, numbers)
    sources = cite.sources
    doc.add_paragraph(info.title, style="Title")
    outlets = {a.outlet for a in sources if a.outlet}
    no_outlet = sum(1 for a in sources if not a.outlet)
    doc.add_paragraph(f"Built {info.built.strftime('%-d %B %Y')}.")
    doc.add_paragraph(
        f"Prepared from {len(sources)} article{'s' if len(sources) != 1 else ''} by "
        f"{len(outlets) or 'unnamed'} outlet{'s' if len(outlets) != 1 else ''}"
        f"{f' ({no_outlet} with no outlet stated)' if outlets and no_outlet else ''}"
        f", dated {_date_span(sources)}."
    )

    if overview is not None and overview.sentences:
        doc.add_heading("Summary", level=1)
        para = doc.add_paragraph()
        for sentence in overview.sentences:
            _add_sentence(para, sentence, cite)

    doc.add_heading("Key points", level=1)
    points = key_points(summaries, importance)
    for point in points:
        _add_sentence(_list_item(doc, "List Bullet", "\u2022 "), point, cite)
    pointed = {p.evidence for p in points}

    if changes is not None:
        _changes_section(doc, changes, cite)

    doc.add_heading("Timeline", level=1)
    if chart is not None:
        add_chart(doc, chart, "Figure: articles a week; the numbered marks are the events of the timeline below, in order.")
    _events_table(doc, [(s.event, s.title) for s in summaries], cite, footnoted=True)

    doc.add_heading("Events", level=1)
    titled = any(section.title for section in sections)
    for section in sections:
        if section.title:
            doc.add_heading(section.title, level=2)
        if section.intro is not None and section.intro.sentences:
            para = doc.add_paragraph()
            for sentence in section.intro.sentences:
                _add_sentence(para, sentence, cite)
        for s in section.events:
            doc.add_heading(f"{s.event.date.label} \u2014 {s.title}", level=3 if titled else 2)
            para = doc.add_paragraph()
            for sentence in _paragraph(s, pointed):
                _add_sentence(para, sentence, cite)

    if others:
        _other_coverage(doc, others, cite)

    if entities:
        doc.add_heading("People and organisations", level=1)
        _people(doc, entities, cite)

    doc.add_heading("Sources", level=1)
    entries = {cite.numbers[a.id]: source_line(a) for a in sources}
    entries.update({n: f"{(why := cite.gone(label))[0].upper()}{why[1:]} since an earlier briefing: {label}."
                    for n, label in cite.numbering.removed})
    for n in range(1, cite.numbering.last + 1):
        _list_item(doc, "List Number", f"{n}. ").add_run(entries.get(n, "Number not used."))

    _appendices_on_a_new_page(doc)
    _differences_section(doc, differences, cite)
    doc.add_heading("How this briefing was made", level=1)
    told = [x for s in summaries for x in s.sentences]
    rewritten = sum(1 for x in told if x.rewritten)
    edited = sum(1 for x in told if not x.rewritten and x.operations)
    doc.add_paragraph(
        f"Written by briefing with {info.model}. Each event's most important sentences were chosen from "
        f"its articles and sub-edited into the briefing's register: relative dates resolved against the "
        f"article's publication date, speakers named, what a pronoun stood for stated, asides cut, "
        f"narrated in the past; quotations are left word for word. The model then rewrote them. Every "
        f"sentence was checked against its sources (names, numbers, dates, quotations, who did what, "
        f"modality and negation, meaning and wording). Of the {len(told)} event "
        f"sentence{'s' if len(told) != 1 else ''}, the model wrote {rewritten}, the sub-editor "
        f"{edited} and {len(told) - rewritten - edited} {'is' if len(told) - rewritten - edited == 1 else 'are'} "
        f"the sources' own words. "
        f"Each sentence has one footnote listing every article that supports it and, where the sentence "
        f"is not the source's own wording, quoting the words it was checked against. Roles in the "
        f"people table are quoted from the sources."
    )

    props = doc.core_properties
    props.title = info.title
    props.subject = f"News briefing: {len(summaries)} events from {len(sources)} articles"
    props.author = "briefing"
    props.last_modified_by = "briefing"
    props.created = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    props.modified = props.created
    props.keywords = "; ".join(["briefing", *[e.name for e in entities if e.kind == "organisation"][:4]])
    props.comments = ""
    return doc


STALE_SECONDS = 600  # a temporary this old belongs to a build that was killed, not a running one


def _remove_stale_temporaries(path: Path) -> None:
    """Delete half-written files that killed builds left beside `path`."""
    now = time.time()
    for tmp in path.parent.glob(f".{path.stem}-*.docx"):
        try:
            if now - tmp.stat().st_mtime > STALE_SECONDS:
                tmp.unlink()
        except OSError:
            pass


@dataclass(frozen=True)
class Written:
    """Where a briefing went, and what became of the officer's edits in it (None: no edited
    version to carry from)."""

    path: Path
    carried: CarryReport | None = None
    carry_failed: str | None = None  # why an edited version could not be read, if it could not


def _label(article: Article) -> str:
    return f"\u201c{article_label(article)}\u201d ({article.filename})"


def write_briefing(summaries: list[Summary], corpus: Corpus, path: Path, info: BriefingInfo, *,
                   entities: tuple[Entity, ...] = (), template: Path | None = None,
                   force: bool = False, changes: Changes | None = None, **layout) -> Written:
    """Write the briefing atomically and say where it went. `layout`: `build_document`'s
    sections, others, chart and importance.

    The briefing goes to `path` unless the file there was changed since briefing wrote it
    (an officer's edits): then it goes beside it as "<name>-new.docx" and `path` is left
    untouched. `force` overwrites regardless. Either way the officer's latest edited version
    has its edits carried into the new briefing (`briefing.carry`), and every source keeps the
    number it had in the briefings written before (`briefing.numbering`).

    Raises:
        BriefingError: the template is unusable, or the output folder cannot be written.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ledger = Ledger(path.parent)
        target = safe_output_path(path, ledger, force=force)
        _remove_stale_temporaries(path)
    except OSError as exc:
        raise BriefingError(f"Cannot write to {path.parent}: {exc.strerror or exc}.") from exc
    numbers = number_sources(corpus.sources, ledger.source_numbers(path))
    doc = build_document(summaries, corpus, info, entities, template, changes, numbers=numbers, **layout)
    ours = tuple(block for _, block in read_blocks(doc))
    carried, failed = None, None
    edited = ledger.last_edited(path)
    if edited is not None:
        try:
            carried = carry_edits(ledger.written(edited), docx.Document(str(edited)), doc, name=edited.name)
        except Exception as exc:  # a damaged or foreign file: it stays as it is, untouched
            failed = f"{edited.name} could not be read ({exc.__class__.__name__}: {str(exc)[:120]})"
    try:
        write_atomically(target, doc.save)
        labels = {a.id: _label(a) for a in corpus.sources}
        ledger.record(target, ours, {aid: (n, labels[aid]) for aid, n in numbers.numbers.items()})
    except PermissionError as exc:
        raise BriefingError(f"Cannot write {target}: {exc.strerror or exc}. If it is open in Word or "
                            f"another program, close it and build again, or choose another file with -o.") from exc
    except IsADirectoryError as exc:
        raise BriefingError(f"Cannot write {target}: it is a folder; give a file name with -o.") from exc
    except OSError as exc:
        raise BriefingError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    return Written(target, carried, failed)
