"""A sentence being sub-edited and what comes of it: the `Draft` working copy of its parse
(which tokens are kept, dropped or replaced, and the operations that did it), rendered and
tidied into the `Edit` the briefing will print."""

from __future__ import annotations

import re
from dataclasses import dataclass

DATES, SPEAKER, CONTEXT, CONDENSED, TENSE = "dates", "speaker", "context", "condensed", "tense"
OPERATIONS = (DATES, SPEAKER, CONTEXT, CONDENSED, TENSE)


@dataclass(frozen=True)
class Edit:
    """A sentence as the briefing will say it, and what it rests on."""

    text: str
    evidence: str  # the source sentence(s) whose statement it makes (two when fused)
    context: tuple[str, ...]  # sentences that name its speaker or what a pronoun stood for
    facts: tuple[str, ...]  # stated from elsewhere: a publication date, a speaker's full name
    operations: tuple[str, ...]  # the OPERATIONS applied, in order


class Draft:
    """Token-level edits of one parsed sentence: drops, replacements, a new opening."""

    def __init__(self, doc, quoted: list[bool]):
        self.doc = doc
        self.quoted = [any(quoted[t.idx:t.idx + len(t.text)]) for t in doc]
        self.drop: set[int] = set()
        self.swap: dict[int, str] = {}
        self.prefix = ""
        self.operations: list[str] = []
        self.facts: list[str] = []
        self.backshift_all = False  # the whole sentence became reported speech ("X said ...")
        self.fused = False  # ", which ..." joins what the sentence before said: it is not cut

    def did(self, operation: str) -> None:
        if operation not in self.operations:
            self.operations.append(operation)

    def free(self, tokens) -> bool:
        """None of `tokens` is quoted or already edited."""
        return not any(self.quoted[t.i] or t.i in self.drop or t.i in self.swap for t in tokens)

    def drop_span(self, start: int, end: int, commas: bool = True) -> None:
        """Drop tokens start..end-1, with a comma before and after them when `commas`."""
        self.drop.update(range(start, end))
        if commas:
            if start > 0 and self.doc[start - 1].text == ",":
                self.drop.add(start - 1)
            if end < len(self.doc) and self.doc[end].text == ",":
                self.drop.add(end)

    def render(self) -> str:
        out = self.prefix
        for t in self.doc:
            if t.i in self.drop:
                if t.whitespace_ and out and not out.endswith(" "):
                    out += " "
                continue
            out += self.swap.get(t.i, t.text) + t.whitespace_
        return _tidy(out)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?)\u201d\u2019])", r"\1", text)
    text = re.sub(r"([(\u201c\u2018])\s+", r"\1", text)
    text = re.sub(r",\s*([,.;:])", r"\1", text)
    text = re.sub(r"^[,;:\u2013\u2014-]\s*", "", text)
    text = re.sub(r"\s[\u2013\u2014-]+\s*([.,])", r"\1", text)  # "2005 -- less than ... ago." cut to "2005."
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r",([\u201d\u2019\"'])\.$", r"\1.", text)  # "... for too long,". -> "... for too long".
    if text.count("\u201c") > text.count("\u201d"):  # a quotation running on into the next paragraph
        text += "\u201d"
    elif text.count('"') % 2:
        text += '"'
    if text and text[0].isalpha() and text[0].islower():
        text = text[0].upper() + text[1:]
    return text


def first_word(doc):
    """The first token of `doc` that is not punctuation, or None."""
    return next((t for t in doc if not t.is_punct), None)
