"""Small text helpers shared by the stages: normalising, sentence splitting, tokens."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Article

_QUOTE_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u00a0": " ",
})

# Titles and abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "cllr", "prof", "sir", "st", "rev", "gen", "col", "lt", "sgt",
    "no", "vs", "etc", "inc", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "e.g", "i.e", "approx",
}

STOPWORDS = set("""
a an the and or but if then than that this these those there their they them it its is are was were be
been being has have had having do does did of in on at by for with from to into onto over under about
as so such not no yet also very more most much many some any all each every both either other own
same can could will would shall should may might must who whom whose which what when where why how
he she him her his hers we us our ours you your i me my mine s said says say new now just still
""".split())

# A sentence ends at its closing mark before a capital or digit; a dash after the mark is a
# list's bullet ("Rebels rename it Martyrs Square. -- Libyan rebels say ..."), a live page's
# or a factbox's, and goes with neither sentence.
_SENTENCE_END = re.compile(r"""[.!?…]+['"\u2019\u201d)\]]*\s+(?:(?:--|\u2014|\u2013)\s+)?(?=["'\u2018\u201c(\[]?[A-Z0-9£$€])""")
_BULLET_AFTER = re.compile(r"\s+(?:--|\u2014|\u2013)$")
_WORD = re.compile(r"[A-Za-z0-9£$€%][\w'\u2019&£$€%.,-]*")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalise(text: str) -> str:
    """Fold typographic quotes and dashes, Unicode forms and spacing for comparisons."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MAP)
    return re.sub(r"\s+", " ", text).strip()


def wording(text: str) -> str:
    """The sentence with its typography folded: two sentences with the same wording differ at
    most in curly or straight, single or double quotes, dashes and spacing (a model that
    turns \u2018serious failures\u2019 into "serious failures" has rewritten nothing)."""
    return normalise(text).replace("'", '"')


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping quotations and titles ("Mr.") intact."""
    paragraph = paragraph.strip()
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start:m.start() + 1]
        last = re.findall(r"([\w.]+)[.!?…]*$", before.rstrip())
        if last and last[0].rstrip(".").lower() in _ABBREVIATIONS:
            continue
        if re.search(r"\b[A-Z]\.$", before):  # an initial: "John F. Kennedy"
            continue
        sent = _BULLET_AFTER.sub("", paragraph[start:m.end()].strip())
        if sent:
            out.append(sent)
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def words(text: str) -> list[str]:
    """Word tokens, trailing punctuation removed ("council's" stays whole)."""
    return [w.rstrip(".,-'\u2019") for w in _WORD.findall(normalise(text)) if w.rstrip(".,-'\u2019")]


def shingles(text: str, n: int = 3) -> set[str]:
    toks = [w.lower() for w in words(text)]
    if len(toks) < n:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def article_sentences(article: Article) -> list[str]:
    """The article's sentences in order, paragraph by paragraph."""
    return [s for p in article.paragraphs for s in split_sentences(p)]


def word_pairs(text: str) -> set[tuple[str, str]]:
    """The word pairs a sentence states (lower case; pairs of two stopwords say nothing)."""
    found = re.findall(r"[a-z0-9]+", text.lower())
    return {(a, b) for a, b in zip(found, found[1:]) if not (a in STOPWORDS and b in STOPWORDS)}
