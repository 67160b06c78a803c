"""Quotations: where they open and close, what lies inside, and the verbs that say who said them.

One model serves every stage: screening (an order inside a quotation is reported speech),
sub-editing (a quotation keeps its words and gets its speaker), dating (two articles quoting
the same words report the same happening) and the sentence checks (a quotation must be the
sources' own, and quoted words may not be given as the briefing's).

The marks are read as a typesetter reads them:
- curly marks say which way they face: \u201c and \u2018 open, \u201d and \u2019 close;
- a straight double mark opens after a space, a bracket, a dash or the start, before a word,
  and closes otherwise;
- a single mark (straight or curly) opens only between a non-letter and a letter, and closes
  only before a non-letter, so the apostrophes of "children's" and "councils' plans" are
  never quotation marks;
- two apostrophes typed for a closing mark (''), as some wires do, are one closing mark.

A sentence can begin inside a quotation an earlier sentence opened ("Keep it positive.\u201d"):
a closing mark with nothing open before it says so, and everything before it is quoted.
A quotation still open at the sentence's end runs to its end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .text import normalise

QUOTE_CHARS = "\"\u201c\u201d\u2018\u2019'"
OPENING_CHARS = "\u201c\"\u2018'"

# Verbs that attribute words to a speaker (lemmas): an imperative inside their quotation is
# reported speech, the sentence says who is speaking.
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "warn", "claim", "insist", "state", "write", "explain", "urge", "ask", "announce",
    "confirm", "reply", "respond", "note", "argue", "suggest", "acknowledge", "admit", "concede", "declare",
    "shout", "chant", "joke", "plead", "demand", "call", "read", "describe", "tweet", "post", "remind",
    "quote", "recall", "conclude", "continue", "order", "instruct", "advise", "comment", "message",
    "stress", "answer", "quip", "assert", "remark",
})
# Verbs that attribute a finding or a belief rather than words ("the inquiry found", "she
# believes"): a speaker for the sub-editor and for headlines, but no cover for an order in
# quotation marks, which the screen reads as speech only after a verb of speech.
FINDING_VERBS = frozenset({"find", "reveal", "show", "believe", "think", "accept", "report", "agree", "predict"})
# The one list of verbs of saying, for every stage.
SAYING_VERBS = SPEECH_VERBS | FINDING_VERBS
# Those that tell a claim the speaker holds and others may not: what they report stays the
# speaker's ("claimed that the plan was working" is not "the plan was working").
CONTESTED_SPEECH = frozenset({"claim", "insist", "argue", "contend", "maintain", "allege", "suggest", "believe",
                              "think", "predict", "speculate", "assert", "fear", "worry", "estimate", "reckon",
                              "testify", "hint", "imply", "suspect", "feel", "guess", "assume", "speculate"})
# Those whose complement is what someone was asked to do, not a claim: "urged ministers to
# act" reports no act, so the complement never stands without its verb.
DIRECTIVE_VERBS = frozenset({"urge", "ask", "demand", "order", "instruct", "advise", "call", "plead", "remind"})
# The verbs among them that only pass words on, so that one may stand for another ("He added:"
# may become "John Hart said:"); "warned" or "admitted" say more than "said", and keep their
# own meaning.
PLAIN_SAYING = frozenset({"say", "add", "tell", "state", "accord", "note", "write", "explain", "comment", "continue"})


# The saying verbs that attribute words without a parse, as plain words outside quotation
# marks ("..., an official said"); the others are as often nouns or other senses ("the post",
# "an order", "a call", "the findings show") and count only where the parse makes them verbs.
ATTRIBUTING = frozenset({
    "say", "add", "tell", "state", "warn", "write", "ask", "explain", "insist", "admit", "conclude", "declare",
    "announce", "argue", "claim", "continue", "note", "reply", "remark", "acknowledge", "concede", "stress",
    "confirm", "reveal", "urge",
})
assert ATTRIBUTING <= SAYING_VERBS | PLAIN_SAYING


@lru_cache(maxsize=1)
def said_forms() -> str:
    """Every inflected form of the attributing verbs, and "according (to)", as a regular
    expression alternation ("said|says|told|...")."""
    from lemminflect import getAllInflections

    forms = {"according"}
    for lemma in ATTRIBUTING:
        forms.add(lemma)
        for tag_forms in getAllInflections(lemma, upos="VERB").values():
            forms.update(tag_forms)
    return "|".join(sorted(map(re.escape, forms), key=len, reverse=True))


@lru_cache(maxsize=1)
def _said_pattern() -> re.Pattern:
    return re.compile(rf"\b(?:{said_forms()})\b", re.IGNORECASE)


def said_verb(text: str) -> re.Match | None:
    """The first attributing verb form in `text` (which should have its quotations blanked)."""
    return _said_pattern().search(text)


def typeset(text: str) -> str:
    """A closing quotation typed as two apostrophes ('') as one closing mark."""
    return text.replace("''", "\u201d")


def _scan(text: str, open_at_start: bool = False) -> tuple[list[bool], bool, bool]:
    """(mask, began inside a quotation, left one open): for each character whether it lies
    inside a quotation (marks included); whether a closing mark closed what an earlier
    sentence opened; whether a quotation is still open at the end."""
    n = len(text)
    mask = [False] * n
    double = open_at_start
    single = False
    began_inside = False
    for i, c in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if c == "\u201c" or (c == '"' and not double):
            if c == '"' and not (before.isspace() or before in "([{\u2014\u2013-:/") and not after.isalnum():
                # A straight mark after a word, before a space: it closes a quotation this
                # sentence did not open, so the sentence began inside it.
                mask[:i + 1] = [True] * (i + 1)
                began_inside = True
                continue
            double = True
            mask[i] = True
            continue
        if c == "\u201d" or (c == '"' and double):
            mask[i] = True
            if not double:  # closes what an earlier sentence opened
                mask[:i] = [True] * i
                began_inside = True
            double = False
            continue
        if c in "\u2018'" and not single and not before.isalnum() and after.isalnum():
            single = True
            mask[i] = True
            continue
        if c in "\u2019'" and single and not after.isalnum():
            mask[i] = True
            single = False
            continue
        mask[i] = double or single
    return mask, began_inside, double or single


def quoted_mask(text: str, open_at_start: bool = False) -> list[bool]:
    """For each character of `text`, whether it lies inside a quotation (the marks included).

    Args:
        open_at_start: the text begins inside a double quotation an earlier sentence opened.
    """
    return _scan(text, open_at_start)[0]


def paragraph_masks(sentences: Sequence[str], max_carry: int = 3) -> list[list[bool]]:
    """`quoted_mask` of each sentence of a paragraph, a quotation one sentence leaves open
    carried into the next ('Dr Fey said: "We are testing.', 'A lot of people came back."'), for
    at most `max_carry` sentences: a mark never closed (a typo, a lone inch sign) does not
    quote the rest of a long page."""
    masks, carried = [], 0
    for sentence in sentences:
        mask, _, left_open = _scan(typeset(sentence), carried > 0)
        masks.append(mask)
        carried = (carried + 1 if carried else 1) if left_open else 0
        if carried > max_carry:
            carried = 0
    return masks


def balanced(text: str) -> bool:
    """Every quotation in `text` opens and closes inside it: none carried in from a sentence
    before, none left open (a title or a cut sentence that halves a quotation misquotes)."""
    _, began_inside, left_open = _scan(typeset(text))
    return not began_inside and not left_open


def quote_spans(text: str, open_at_start: bool = False) -> list[tuple[int, int]]:
    """Character spans (start, end) of the quotations in `text`, marks included."""
    spans: list[tuple[int, int]] = []
    start = None
    for i, inside in enumerate(quoted_mask(text, open_at_start) + [False]):
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            spans.append((start, i))
            start = None
    return spans


def outside_quotes(text: str) -> str:
    """`text` with its quotations blanked out (the same length, so offsets still hold)."""
    mask = quoted_mask(text)
    return "".join(" " if m else c for c, m in zip(text, mask))


def quoted_share(text: str) -> float:
    """The share of the sentence's characters inside quotation marks."""
    mask = quoted_mask(typeset(text))
    return sum(mask) / max(1, len(mask))


def opens_inside_quote(text: str) -> bool:
    """The sentence begins inside a quotation an earlier sentence opened: a closing double
    mark with no opening one before it."""
    depth = 0
    for i, c in enumerate(text):
        opening = c == "\u201c" or (c == '"' and (i == 0 or text[i - 1] in " ([\u2013\u2014-:") and depth == 0)
        if opening:
            depth += 1
        elif c in "\u201d\"":
            if depth == 0:
                return True
            depth -= 1
    return False


def quotations(text: str, min_words: int = 3) -> list[str]:
    """The quoted passages of `text` of `min_words` words or more, without their marks,
    typographic marks folded (as `normalise` does) and trimmed of the punctuation that closes
    them."""
    text = typeset(text)
    found = []
    for a, b in quote_spans(text):
        inner = normalise(text[a:b]).strip(QUOTE_CHARS + " ").strip(" ,.")
        inner = inner.strip(QUOTE_CHARS + " ")
        if inner and len(inner.split()) >= min_words:
            found.append(inner)
    return found


def says_who(text: str) -> bool:
    """The sentence says who said it: a verb of saying (or "according to") outside its
    quotation marks."""
    return _said_pattern().search(outside_quotes(typeset(text))) is not None
