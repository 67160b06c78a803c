"""Ingest: read a folder of articles into `Article` records.

Supported: plain text (.txt), Markdown with YAML front matter (.md), saved web pages
(.html/.htm, main text and metadata by trafilatura) and Word files (.docx).

Plain-text articles arrive as they were pasted from a web page, so metadata sits inline and
page furniture is mixed in. The steps below run in order; each says why it exists:

1. guard: at most MAX_BYTES of a text file is read (and the build says so); binary data with
   a text extension, DOCX zip bombs and XML entity declarations are refused before parsing;
2. decode: UTF-8 (with or without BOM), UTF-16 with a BOM (or without one, recognised by its
   zero bytes), else cp1252, which never fails;
3. unusable text: a file that is not in English is not used (sentences addressed to a
   language model, and other text that is not reporting, are left out sentence by sentence
   after ingest: see `briefing/reporting/`);
4. inline metadata: a leading ``date 2022-03-15`` marker, a top byline with a date
   ("William Eichler 19 March 2020"), a headline line, a byline and agency at the very end;
5. furniture: everything after a newsletter sign-up or a jobs board is dropped, and so are
   lone lines that are photo credits, recruiter blurbs, salaries or "find out more" links.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from .cache import Cache, key_of
from .models import Article
from .temporal import MONTH_RE, month_number
from .text import STOPWORDS, content_hash, normalise, split_sentences, words

STAGE_VERSION = 7  # bump when what ingest makes of a file changes: cached results are then redone
SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")
MAX_BYTES = 5_000_000  # an article is never this large; more is a dump or a mistake: read the start
# A DOCX is a zip: refuse before unpacking when its parts would unpack to more than this, or
# pack tighter than this ratio (Word files compress 3-10x; zip bombs, thousands of times).
MAX_UNZIPPED = 50_000_000
MAX_ZIP_RATIO = 200
# Share of English function words among the words of an English article: 0.43-0.47 on the
# seeds, 0.00-0.08 on German, French and Welsh samples. Below this the file is not English.
MIN_ENGLISH_SHARE = 0.2
# A long-read is about 10,000 words; past this a file is a dump, and every later stage's cost
# grows with it: the rest is left out, and the build says so.
MAX_ARTICLE_WORDS = 20_000
MIN_WORDS_FOR_LANGUAGE = 15


class SkipFile(Exception):
    """Raised for a file that cannot be used; the message says why, in a few words."""


# ---------------------------------------------------------------------------------------
# dates

_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE})\.?,?\s+(\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b({MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s+(\d{{4}})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def parse_date(text: str) -> dt.date | None:
    """The first full calendar date in `text` (ISO, "19 March 2020" or "March 19, 2020")."""
    found: list[tuple[int, dt.date]] = []
    for m in _ISO_DATE.finditer(text):
        try:
            found.append((m.start(), dt.date(int(m[1]), int(m[2]), int(m[3]))))
        except ValueError:
            pass
    for m in _DAY_MONTH_YEAR.finditer(text):
        try:
            found.append((m.start(), dt.date(int(m[3]), month_number(m[2]), int(m[1]))))
        except ValueError:
            pass
    for m in _MONTH_DAY_YEAR.finditer(text):
        try:
            found.append((m.start(), dt.date(int(m[3]), month_number(m[1]), int(m[2]))))
        except ValueError:
            pass
    return min(found)[1] if found else None


# ---------------------------------------------------------------------------------------
# reading files


def decode(data: bytes) -> str:
    """Bytes to text: BOMs first, then UTF-16 recognised by its zero bytes, then UTF-8, then
    cp1252 (which maps every byte).

    Raises:
        SkipFile: the bytes are binary data, not text.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    head = data[:4096]
    if head.count(0) > max(8, 0.01 * len(head)):  # a stray NUL is noise in text; many are binary or UTF-16
        # UTF-16 without a BOM: ASCII letters leave a zero in every other byte.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if len(head) >= 4 and max(even, odd) >= 0.4 * (len(head) // 2) and min(even, odd) <= 0.05 * (len(head) // 2):
            return data.decode("utf-16-le" if odd > even else "utf-16-be", errors="replace")
        raise SkipFile("binary data, not text")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(8, 0.05 * len(head)):
        raise SkipFile("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_bytes(path: Path, warnings: list[str]) -> bytes:
    """The file's bytes, at most MAX_BYTES of them (a warning says when the rest was left)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SkipFile(f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_BYTES:
        data = data[:MAX_BYTES]
        cut = data.rfind(b"\n")  # end on a whole line, not mid-character
        data = data[:cut] if cut > 0 else data
        warnings.append(f"larger than {MAX_BYTES // 1_000_000} MB: only the first {MAX_BYTES // 1_000_000} MB was read")
    return data


def _check_text(text: str) -> str:
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    if not text.strip():
        raise SkipFile("no text in it")
    if text.count("\ufffd") > max(10, 0.05 * len(text)):
        raise SkipFile("not readable text (mostly undecodable bytes)")
    return text


# Pages saved by crawlers and archives rather than newsrooms: archive and crawl notices, the
# tweet-location widget, player and JavaScript notices, sign-up, sign-in and cookie boxes, a
# "page has moved" notice where the story was (a saved log-in wall or 404 page). Generic web
# furniture, not tied to any story; identical across unrelated stories, so left in it makes
# unrelated articles look alike.
_WEB_FURNITURE = re.compile(
    r"(internet archive|wayback machine|crawl data|\bcrawls?\b.*\b(archive|performed|sites?)\b|"
    r"the seed for \w+ was|inter-?domain|slash pages|ranked (urls|pages)|"
    r"tweet with a location|location (information|history)|add a location to your tweets|twitter stores that location|"
    r"javascript is (disabled|required)|enable javascript|media playback is unsupported|"
    r"(video|transcript) (could not be loaded|has been rented)|this feature is not available|please try again later|"
    r"fill in your contact details|join our mailing list|sign (up|the petition)|confirm your signature|"
    r"cookies?\b.*\b(browser|policy|consent)|broken links|no more 404|"
    r"\bcrawl(s|ed|er|ing)?\b|\bwarc\b|web captures|archive-it|not publicly accessible|"
    r"page (you requested )?(could not|cannot) be found|custom domain|licensing requests|copyright protected|"
    r"please sign in|sign in (using|with) your|already have an account|by submitting your registration|"
    r"log (in|into) (to )?your account|reach a page from a bookmark|page url may have changed|"
    r"may no longer be (here|available)|page you('re| are) looking for)",
    re.IGNORECASE)
# A page is not a news article when, furniture removed, fewer words than a one-paragraph brief
# remain, or furniture is most of it. (Without furniture, a short text is a short article.)
MIN_ARTICLE_WORDS = 20
MAX_FURNITURE_SHARE = 0.5


# A link to another story set inside the article: "BLOG: Why a Chemical Threat in Syria Is
# Terrifying", "READ MORE: ..." (an upper-case label, then a headline with no full stop).
_LINK_TO_STORY = re.compile(r"^[A-Z]{2,}(?: [A-Z]{2,})?:\s+\S.*[^.!?\"'\u201d\u2019]$")


# A wire-service dateline opening a paragraph (the first, or the first after a photo caption):
# "DENVER (AP) — ", "CANNES, France (AP) — ", "PALO ALTO -- ". It would open a summary
# sentence and says nothing a briefing needs.
DATELINE = re.compile(
    r"^[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"
    r"(?: \((?:AP|Reuters|AFP|UPI|CNN|[A-Z][A-Za-z]+ News)\)\s*(?:—|–|--|-)|\s*(?:—|--))\s+(?=[A-Z\"\u201c])")


def strip_dateline(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """The paragraphs without a wire dateline at their start."""
    return tuple(DATELINE.sub("", p, count=1) for p in paragraphs)


def strip_web_furniture(paragraphs: tuple[str, ...]) -> tuple[tuple[str, ...], int, str | None]:
    """The paragraphs without furniture sentences, how many words went, and the first one."""
    kept, dropped, first = [], 0, None
    for paragraph in paragraphs:
        if _LINK_TO_STORY.match(paragraph.strip()):
            first = first or paragraph
            dropped += len(paragraph.split())
            continue
        good = []
        for sentence in split_sentences(paragraph):
            if _WEB_FURNITURE.search(sentence):
                first = first or sentence
                dropped += len(sentence.split())
            else:
                good.append(sentence)
        if good:
            kept.append(" ".join(good))
    return tuple(kept), dropped, first


def _check_language(paragraphs: tuple[str, ...]) -> None:
    tokens = [w.lower() for w in words(" ".join(paragraphs)) if w.isalpha()]  # tables of figures are no language
    if len(tokens) >= MIN_WORDS_FOR_LANGUAGE and sum(t in STOPWORDS for t in tokens) < MIN_ENGLISH_SHARE * len(tokens):
        raise SkipFile("does not look like English (the summariser reads English only)")


# ---------------------------------------------------------------------------------------
# inline metadata and furniture in pasted text

_NAME = r"[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+){1,2}"
_DATE_MARKER = re.compile(r"^\s*date[:\s]+(\d{4}-\d{2}-\d{2})\s*", re.IGNORECASE)
_TOP_BYLINE = re.compile(rf"^(?:By\s+)?({_NAME})[\s,|\u2013-]+(\d{{1,2}}\s+(?:{MONTH_RE})\s+\d{{4}})\s*$")
_BY_LINE = re.compile(rf"^By\s+({_NAME})\s*$")
_NAME_LINE = re.compile(rf"^{_NAME}$")
_AGENCY_LINE = re.compile(r"^[A-Z][A-Za-z&. ]{1,40}$")
# A line that starts the block of sign-ups, share buttons and job adverts after an article.
_FURNITURE_START = re.compile(
    r"^(sign up\b.*|subscribe\b.*|.*\bnewsletter\b.*|for your free .*bulletin|related (articles|stories)"
    r"|read more\b.*|most (read|popular)|share this( article)?|follow us\b.*|advertisement"
    r"|[\w ]{0,30}\bjobs)$",
    re.IGNORECASE,
)
_FURNITURE_LINE = re.compile(
    r"(\b(credit|photo|picture|image)\s*:|\brecru?it?er:|\bper annum\b|\bp\.a\.|"
    r"\b(linkedin|facebook|twitter) banner\b|^advertisement$)",
    re.IGNORECASE,
)
FURNITURE_LINE_WORDS = 40
_LINK_LINE = re.compile(r"(https?://\S+|www\.\S+)")


def _is_headline(line: str) -> bool:
    n = len(line.split())
    return (
        3 <= n <= 16
        and not re.search(r"[.!?:;,]['\"\u2019\u201d]?$", line)
        and not re.match(r"(But|And|Or|So|Yet)\b", line)  # a standfirst, not a headline
    )


def split_furniture(lines: list[str]) -> tuple[list[str], int]:
    """Drop page furniture from article lines. Returns the kept lines and how many went."""
    kept: list[str] = []
    dropped = 0
    for i, line in enumerate(lines):
        # Sign-up boxes and job boards follow the article; cut at their short heading line,
        # but not in the first lines, where a short line is a headline or standfirst.
        if i >= 3 and len(line.split()) <= 8 and not line.endswith(".") and _FURNITURE_START.match(line):
            dropped += len(lines) - i
            break
        # A credit or recruiter line is short; a long line holding one is an article run
        # together with its caption (saved text often is), left for the sentence-level judgement.
        if _FURNITURE_LINE.search(line) and len(line.split()) <= FURNITURE_LINE_WORDS:
            dropped += 1
            continue
        if _LINK_LINE.search(line) and len(line.split()) < 20:
            dropped += 1
            continue
        kept.append(line)
    return kept, dropped


def parse_plain(text: str) -> dict:
    """Body paragraphs and inline metadata from pasted article text."""
    meta: dict = {}
    m = _DATE_MARKER.match(text)
    if m:
        meta["date"] = dt.date.fromisoformat(m[1])
        text = text[m.end():]
    lines = [normalise_line(x) for x in text.splitlines()]
    lines = [x for x in lines if x]

    # Top: byline with date, "By ..." line, headline, standfirst.
    for _ in range(3):
        if not lines:
            break
        first = lines[0]
        if (b := _TOP_BYLINE.match(first)):
            meta.setdefault("author", b[1])
            meta.setdefault("date", parse_date(b[2]))
        elif (b := _BY_LINE.match(first)):
            meta.setdefault("author", b[1])
        elif len(lines) > 1 and _is_headline(first) and "title" not in meta:
            meta["title"] = first
        elif len(lines) > 1 and re.match(r"(But|And|Or|So|Yet)\b", first) and len(first.split()) <= 12 \
                and not re.search(r"[.!?]$", first):
            pass  # standfirst fragment: page furniture around the headline
        else:
            break
        lines = lines[1:]

    lines, _ = split_furniture(lines)

    # Bottom: "Ollie Heptinstall" then "LDRS" (author, then agency), or just the author.
    if len(lines) >= 2 and _AGENCY_LINE.match(lines[-1]) and len(lines[-1].split()) <= 5 \
            and _NAME_LINE.match(lines[-2]):
        meta.setdefault("author", lines[-2])
        meta.setdefault("outlet", lines[-1].strip())
        lines = lines[:-2]
    elif lines and _NAME_LINE.match(lines[-1]):
        meta.setdefault("author", lines[-1])
        lines = lines[:-1]
    meta["paragraphs"] = lines
    return meta


def normalise_line(line: str) -> str:
    line = re.sub(r"[ \t\u00a0]+", " ", line).strip()
    # A drop-cap opening ("THE government will ...") reads as shouting once quoted.
    first, _, rest = line.partition(" ")
    if len(first) > 1 and first.isupper() and first.lower() in STOPWORDS and rest[:1].islower():
        line = first.capitalize() + " " + rest
    return line


# ---------------------------------------------------------------------------------------
# per-format readers


def _read_text(path: Path, warnings: list[str]) -> dict:
    return parse_plain(_check_text(decode(_read_bytes(path, warnings))))


def _read_markdown(path: Path, warnings: list[str]) -> dict:
    import yaml

    text = _check_text(decode(_read_bytes(path, warnings)))
    front: dict = {}
    m = re.match(r"^---\s*\n(.*?)\n---\s*\n", text, re.DOTALL)
    if m:
        try:
            loaded = yaml.safe_load(m[1])
        except yaml.YAMLError as exc:
            raise SkipFile(f"front matter is not valid YAML ({exc.__class__.__name__})") from exc
        front = loaded if isinstance(loaded, dict) else {}
        text = text[m.end():]
    # Markdown to plain text: headings, emphasis, links and images.
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__|\*|_)(\S.*?\S|\S)\1", r"\2", text)
    meta = parse_plain(text)
    for key, names in _FRONT_KEYS.items():
        for name in names:
            value = front.get(name)
            if value:
                meta[key] = value
                break
    if isinstance(meta.get("date"), str):
        meta["date"] = parse_date(meta["date"])
    elif isinstance(meta.get("date"), dt.datetime):
        meta["date"] = meta["date"].date()
    return meta


_FRONT_KEYS = {
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename", "publication"),
    "author": ("author", "byline", "by"),
    "date": ("date", "published", "pubdate"),
    "url": ("url", "link", "canonical"),
}


def _read_html(path: Path, warnings: list[str]) -> dict:
    import trafilatura

    html = _check_text(decode(_read_bytes(path, warnings)))
    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True
    )
    if doc is None:
        raise SkipFile("no article text found in the page")
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    body = get("text") or ""
    if not body.strip():
        raise SkipFile("no article text found in the page")
    meta = parse_plain(body)
    for key, name in (("title", "title"), ("outlet", "sitename"), ("author", "author"), ("url", "url")):
        if get(name):
            meta[key] = get(name)
    if get("date"):
        meta["date"] = parse_date(str(get("date"))) or meta.get("date")
    return meta


def _check_docx_package(path: Path) -> bytes:
    """The DOCX file's bytes, once its zip directory shows it is safe to unpack.

    Raises:
        SkipFile: not a zip, a zip bomb, or a part declaring XML entities (OOXML never does;
            "billion laughs" documents do).
    """
    import io
    import zipfile

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SkipFile(f"cannot be read ({exc.strerror or exc})") from exc
    if size > MAX_UNZIPPED:
        raise SkipFile(f"larger than {MAX_UNZIPPED // 1_000_000} MB, not an article")
    try:
        # The whole package: _read_bytes stops at the 5 MB text cap, and a zip cut short is no zip.
        data = path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"cannot be read ({exc.strerror or exc})") from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            unpacked = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if unpacked > MAX_UNZIPPED or unpacked / packed > MAX_ZIP_RATIO:
                raise SkipFile(f"unpacks to {unpacked // 1_000_000} MB from {size // 1000} kB: refused as a zip bomb")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with z.open(info) as part:
                        head = part.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise SkipFile(f"{info.filename} declares XML entities: refused as unsafe")
    except zipfile.BadZipFile as exc:
        raise SkipFile("not a valid Word file (not a zip package)") from exc
    return data


def _read_docx(path: Path, warnings: list[str]) -> dict:
    import io
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    data = _check_docx_package(path)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, XMLSyntaxError, KeyError, ValueError) as exc:
        raise SkipFile("not a valid Word file") from exc
    text = _check_text("\n".join(p.text for p in document.paragraphs))
    meta = parse_plain(text)
    props = document.core_properties
    if props.title:
        meta["title"] = props.title
    if props.author:
        meta["author"] = props.author
    return meta


_READERS: dict[str, Callable[[Path, list[str]], dict]] = {
    ".txt": _read_text,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".docx": _read_docx,
}


def read_article(path: Path, warnings: list[str] | None = None) -> Article:
    """Read one file.

    Args:
        warnings: collects what the reader wants the user to know about a file it still uses
            ("only the first 5 MB was read").

    Raises:
        SkipFile: with a short reason, when the file cannot or must not be used.
    """
    warnings = [] if warnings is None else warnings
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise SkipFile(f"unsupported file type {path.suffix or '(none)'}")
    meta = reader(path, warnings)
    paragraphs = tuple(p for p in (normalise_line(x) for x in meta["paragraphs"]) if p)
    if not paragraphs:
        raise SkipFile("no article text left after removing page furniture")
    total, kept = 0, []
    for paragraph in paragraphs:
        total += len(paragraph.split())
        if total > MAX_ARTICLE_WORDS and kept:
            warnings.append(f"longer than {MAX_ARTICLE_WORDS:,} words: only the first "
                            + ("paragraph was used" if len(kept) == 1 else f"{len(kept)} paragraphs were used"))
            break
        kept.append(paragraph)
    paragraphs = tuple(kept)
    paragraphs, dropped, sample = strip_web_furniture(strip_dateline(paragraphs))
    if dropped:
        remaining = sum(len(p.split()) for p in paragraphs)
        if remaining < MIN_ARTICLE_WORDS or dropped >= MAX_FURNITURE_SHARE * (dropped + remaining):
            raise SkipFile(f"not a news article: web page furniture (\u201c{' '.join(sample.split()[:8])}\u2026\u201d)")
    _check_language(paragraphs)
    fields = {k: (str(meta[k]).strip() if meta.get(k) else None) for k in ("title", "outlet", "author", "url")}
    date = meta.get("date") if isinstance(meta.get("date"), dt.date) else None
    key = "\n".join([path.name, *(fields[k] or "" for k in sorted(fields)), str(date), *paragraphs])
    return Article(
        id=content_hash(normalise(key)),
        path=str(path),
        date=date,
        paragraphs=paragraphs,
        **fields,
    )


def iter_files(folder: Path, on_skip: Callable[[Path, str], None] | None = None) -> Iterable[Path]:
    """Regular files under `folder` in name order, following links to folders once each.

    Hidden files are ignored silently; anything else not used (a link that loops or points
    nowhere, a pipe or device) is reported through `on_skip`.
    """
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in seen:  # a link back to a folder already read: a loop
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            try:
                mode = path.stat().st_mode
            except OSError as exc:
                if on_skip:
                    on_skip(path, "a link that loops or points nowhere" if path.is_symlink()
                            else f"cannot be read ({exc.strerror or exc})")
                continue
            if stat.S_ISREG(mode):
                yield path
            elif on_skip:
                on_skip(path, "not a regular file (a pipe, socket or device)")


def _file_digest(path: Path) -> str | None:
    """sha256 of the file's bytes (at most MAX_UNZIPPED of them), or None if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            remaining = MAX_UNZIPPED
            while remaining > 0 and (block := fh.read(min(1 << 20, remaining))):
                digest.update(block)
                remaining -= len(block)
    except OSError:
        return None
    return digest.hexdigest()


def _read_one(path: Path) -> tuple:
    """("ok", article, warnings) or ("skip", reason): what ingest makes of one file."""
    warnings: list[str] = []
    try:
        return ("ok", read_article(path, warnings), tuple(warnings))
    except SkipFile as exc:
        return ("skip", str(exc))
    except RecursionError:
        return ("skip", "too deeply nested to read")


def ingest_folder(folder: Path, on_skip: Callable[[Path, str], None] | None = None,
                  on_warning: Callable[[Path, str], None] | None = None, cache: Cache | None = None) -> list[Article]:
    """Every usable article under `folder`, in file-name order.

    Args:
        folder: the folder to read (sub-folders included; hidden files ignored).
        on_skip: called with (path, reason) for each file that is not used.
        on_warning: called with (path, message) for a file used only in part.
        cache: reuse what an earlier run made of a file with the same path and bytes.

    Returns:
        The articles read.
    """
    articles: list[Article] = []
    for path in iter_files(folder, on_skip):
        if path.suffix.lower() not in SUPPORTED:
            if on_skip:
                on_skip(path, f"unsupported file type {path.suffix or '(none)'}")
            continue
        digest = _file_digest(path) if cache is not None else None
        key = key_of(STAGE_VERSION, str(path), digest) if digest else None
        result = cache.get("ingest", key) if cache is not None and key else None
        if result is None:
            try:
                result = _read_one(path)
            except Exception as exc:  # one unreadable file must not cost the whole briefing
                result = ("skip", f"could not be read ({exc.__class__.__name__}: {str(exc)[:80]})")
                key = None  # perhaps passing (a file being written): do not remember it
            if cache is not None and key:
                cache.put("ingest", key, result)
        if result[0] == "skip":
            if on_skip:
                on_skip(path, result[1])
            continue
        articles.append(result[1])
        for message in result[2]:
            if on_warning:
                on_warning(path, message)
    return articles
