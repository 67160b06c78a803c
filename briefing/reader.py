"""The reader's check: every sentence of a briefing a councillor would stop at.

The sentence checks (`briefing.checks`) ask whether a sentence is true to its sources. This
asks what the reader asks, with no sources at hand: is each sentence whole, does it stand on
its own where it is printed, is it dated so that the year is known, and does it claim no
more than reporting can? The briefing is read as it is printed (the Summary, Key points,
Timeline rows, period openings, event headings and paragraphs), each sentence with what the
reader has met just before it: its heading or date label, and the sentences before it in the
same paragraph.

One function a kind of problem, each given the sentence's spaCy parse and answering one
question; `read_as_a_reader` parses every text once and runs them all:

* `cut`: does it end as a sentence ends (not on "and", a preposition or a comma; with its
  closing punctuation; no quotation or bracket left open)?
* `run_together`: is it one sentence, not two, or a headline, caption or credit run into one?
* `fragment`: does its main clause have a finite verb?
* `case`: does every capital stand where a capital can, and does it open with one?
* `word_form`: do subject and verb agree, and does a narrated sentence stay in its tense?
* `dangling_reference`: does each pronoun, and each "the move", "the talks", "his admission",
  name something the reader has met?
* `month_without_year`: can the reader tell the year of every month it names?
* `told_twice` (across sentences): has the reader been told this already?
* `unattributed_opinion`: is every "we" and every judgement someone's?
* `title_problems` (headings, timeline rows, the story's title): does it read as a title?

Words inside quotation marks are a source's own: only the checks of a sentence's edges (cut,
unbalanced quotation marks, run-together) reach into them.

    >>> found = read_as_a_reader([Shown("Summary", "The council met in February, March and.")])
    >>> [(p.kind, p.detail) for p in found]
    [('cut', "ends on 'and'"), ('month without year', "'February' with no year the reader can tell")]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .checks.support import content_words
from .errors import BriefingError
from .parse import lemma_of, verb_lemma
from .people import ROLE_NOUNS
from .quotes import (
    CONTESTED_SPEECH,
    QUOTE_CHARS,
    SAYING_VERBS,
    balanced,
    quoted_mask,
    quoted_share,
    says_who,
    typeset,
)
from .temporal import MONTH_RE, MONTHS, RELATIVE_TIME, WEEKDAYS
from .text import normalise, split_sentences

if TYPE_CHECKING:
    from docx.document import Document
    from spacy.tokens import Doc, Token

CUT = "cut"
RUN_TOGETHER = "run-together"
FRAGMENT = "fragment"
CASE = "case"
WORD_FORM = "word form"
DANGLING = "dangling reference"
MONTH_WITHOUT_YEAR = "month without year"
TOLD_TWICE = "told twice"
OPINION = "unattributed opinion"
TITLE = "title"
KINDS = (CUT, RUN_TOGETHER, FRAGMENT, CASE, WORD_FORM, DANGLING, MONTH_WITHOUT_YEAR, TOLD_TWICE, OPINION, TITLE)

# The headings after which a briefing's body has ended: what follows is reference matter
# (tables of sources and names, the making-of note), not sentences a reader reads through.
APPENDIX_HEADINGS = ("Other coverage", "People and organisations", "Sources", "Where sources differ",
                     "How this briefing was made")
# Bookkeeping between the key points and the timeline: a list of labels ("New article: ..."),
# read as a list, not as sentences.
_CHANGES_HEADING = "What is new since the last briefing"

_DATE = rf"(?:\d{{1,2}} )?(?:(?:{'|'.join(MONTHS)}) )?\d{{4}}"
# A date label as the briefing prints one before a key point ("22 April 2010: ..."), an event
# heading ("May 2021 — ...") or a period ("3 to 19 March 2011").
_LABEL = (rf"(?:Date not stated(?: \(after [A-Z][a-z]{{2}} \d{{4}}\))?"
          rf"|(?:\d{{1,2}} )?(?:(?:{'|'.join(MONTHS)}) )?(?:\d{{4}} )?to {_DATE}|{_DATE})")
_LABELLED = re.compile(rf"^({_LABEL})(?::\s+|\s+[\u2014\u2013-]\s+)(.+)$", re.DOTALL)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


@dataclass(frozen=True)
class Shown:
    """One sentence as the reader meets it in the briefing.

    Example:
        >>> Shown("Events: May 2021 — Visit", "The findings came from a visit.", heading="May 2021 — Visit")
        ... # doctest: +ELLIPSIS
        Shown(section='Events: May 2021 — Visit', ...)
    """

    section: str  # "Summary", "Key points", "Timeline", "Events: <heading>", "Title", ...
    text: str
    heading: str = ""  # its heading or date label (gives a year, names a referent)
    before: tuple[str, ...] = ()  # the sentences before it in the same paragraph
    title: bool = False  # a heading, a timeline row or the story's title: checked as a title


@dataclass(frozen=True)
class Problem:
    """A place the reader stops: which sentence, what kind of problem, and the evidence."""

    shown: Shown
    kind: str  # one of KINDS
    detail: str  # e.g. "'the move' refers to nothing told before"


@dataclass(frozen=True)
class _Reading:
    """A shown sentence ready for the checks: its date label split off, its parse, which of
    its tokens are quoted, and the parses of what the reader met before it."""

    shown: Shown
    label: str  # "22 April 2010" of a key point, "May 2021" of an event heading; "" if none
    doc: Doc  # the sentence without its label
    quoted: tuple[bool, ...]
    heading: Doc | None
    before: tuple[Doc, ...]

    @property
    def opens_paragraph(self) -> bool:
        return not self.before


def split_label(text: str) -> tuple[str, str]:
    """(date label, the rest): ("22 April 2010", "A drilling rig exploded.") of a key point,
    ("May 2021", "Title") of an event heading; ("", text) when it has none."""
    m = _LABELLED.match(text.strip())
    return (m[1], m[2].strip()) if m else ("", text.strip())


def _quoted(doc: Doc) -> tuple[bool, ...]:
    mask = quoted_mask(doc.text)
    return tuple(mask[t.idx] if t.idx < len(mask) else False for t in doc)


def _finite(token: Token) -> bool:
    """A finite verb or auxiliary: one that carries tense ("said", "is", "could"), or a past
    tense the tagger read as a participle: "Ofsted rated the service ...", with its own
    subject and no auxiliary."""
    if token.tag_ in ("VBD", "VBZ", "VBP", "MD") or "Fin" in token.morph.get("VerbForm"):
        return True
    if token.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in token.children):
        return False
    return any(c.dep_ == "nsubj" for c in token.children) and token.lower_ in _forms(lemma_of(token), "VBD")


@lru_cache(maxsize=8192)
def _forms(lemma: str, tag: str) -> tuple[str, ...]:
    """The forms of verb `lemma` for a Penn tag ("VBD", "VBZ", ...), by lemminflect."""
    from lemminflect import getInflection

    return tuple(getInflection(lemma, tag=tag)) if lemma else ()


@lru_cache(maxsize=8192)
def _verb_of(word: str) -> str:
    """The verb `word` is a form of, if lemminflect's lexicon knows one ("fires" -> "fire"),
    else ""; unlike `briefing.parse.verb_lemma` it does not guess for unknown words."""
    from lemminflect import getAllLemmas

    return (getAllLemmas(word.lower(), upos="VERB").get("VERB") or ("",))[0]


def _subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")]


# --- cut -------------------------------------------------------------------------------------

# Words a sentence cannot end on: its next word was cut off ("in February, March and.").
_CUT_TAGS = {"CC", "DT", "IN", "TO", "WDT", "PRP$", "POS"}


def cut(r: _Reading) -> list[str]:
    """An ending that is not one: a last word that needs another after it, a comma before the
    full stop, an ellipsis, no closing punctuation, or a quotation or bracket left open."""
    doc, text = r.doc, typeset(r.doc.text.strip())
    found = []
    core = text.rstrip(QUOTE_CHARS + ")]\u201d\u2019 ")
    if text.endswith(("...", "\u2026")) or core.endswith(("...", "\u2026")):
        found.append("ends in an ellipsis")
    elif not core.endswith((".", "!", "?")):
        found.append("no closing punctuation")
    words = [t for t in doc if not t.is_punct and not t.is_space]
    last = words[-1] if words else None
    if last is not None and not found:
        after = doc[last.i + 1:]
        comma = any(t.text in (",", ";", ":") for t in after)
        # A preposition may end a sentence when its object moved ("the area they lived in",
        # "was dealt with", "the race is on"): only one that hangs from a noun has lost its
        # object, and "of" or a conjunction ("because") never ends one.
        stranded = last.tag_ == "IN" and last.dep_ != "mark" and last.lower_ != "of" \
            and last.head.pos_ not in ("NOUN", "PROPN", "NUM", "PRON")
        determiner = last.tag_ == "DT" and last.dep_ not in ("det", "predet")  # "denied that." is whole
        if comma:
            found.append(f"a comma before the full stop, after {last.text!r}")
        elif last.tag_ in _CUT_TAGS and not stranded and not determiner and last.dep_ != "prt":
            found.append(f"ends on {last.text!r}")
    if not balanced(text):
        found.append("a quotation left open")
    for a, b in ("()", "[]"):
        if text.count(a) != text.count(b):
            found.append(f"a bracket '{a}' left open" if text.count(a) > text.count(b) else f"a stray {b!r}")
    return found


# --- run-together ----------------------------------------------------------------------------

# Marks that may close one clause before another begins without a conjunction.
_CLAUSE_BREAKS = {",", ";", ":", "\u2014", "\u2013", "-", "--", ".", "!", "?", "(", ")"}
_CLOSED_CLASS = {"DET", "PRON", "ADP", "CCONJ", "SCONJ", "AUX", "PART"}


def _previous_word(token: Token) -> Token | None:
    """The token before `token`, quotation marks skipped (`"unrelenting" The`)."""
    i = token.i - 1
    while i >= 0 and (token.doc[i].text in QUOTE_CHARS or token.doc[i].is_quote or token.doc[i].is_space):
        i -= 1
    return token.doc[i] if i >= 0 else None


def _starts_a_sentence_inside(token: Token, r: _Reading) -> bool:
    """`token` reads as a new sentence's first word in the middle of this one: a capitalised
    closed-class word ("The", "A", "He") that is no name's part, after a word or a comma."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    spelled = token.pos_ == "NUM" and token.is_alpha and nxt is not None and nxt.is_lower
    if token.i == 0 or not token.is_title or token.text == "I" or (token.pos_ not in _CLOSED_CLASS and not spelled):
        return False  # (a word or a spelled number: "... journal One person has died ...", not "One Nation")
    if r.quoted[token.i] or _in_a_title(token):
        return False
    if token.ent_type_ not in ("", "CARDINAL", "ORDINAL") or (
            nxt is not None and nxt.pos_ == "PROPN" and nxt.ent_type_):
        return False  # "The Hague", "The Guardian"
    prev = token.doc[token.i - 1]
    before = _previous_word(token)
    if before is not None and before.text in (".", "!", "?", "..."):
        return False  # two sentences of a quotation: "... Tripoli." A spokesman said
    # A quotation opens with a capital; so does a list after a colon or a dash, and a sentence.
    return prev.text not in ("\u201c", "\u2018", "(", ":", "\u2014", "\u2013", "-", ".", "!", "?")


# Entities the parse finds that are names whatever their words: "prison Saturday" is no run-in.
_NAMES = ("PERSON", "GPE", "NORP", "DATE", "TIME", "FAC", "EVENT", "WORK_OF_ART", "LANGUAGE", "LAW")


def _capital_inside(r: _Reading) -> Token | None:
    """An ordinary word with a capital between two lower-case words, the one before it a noun:
    "... the Las Vegas doctor's home Drug police are searching ...", "... his tour Final
    preparations are under way": a headline or a caption ended at the noun and the sentence
    begins at the capital. A name of a kind ("the oil giant Shell") is left: its noun phrase
    opens on an article."""
    doc = r.doc
    for t in doc[1:-1]:
        prev, nxt = doc[t.i - 1], doc[t.i + 1]
        if not t.is_title or r.quoted[t.i] or t.ent_type_ in _NAMES or t.lower_ in _WEEKDAYS:
            continue
        if not (prev.is_alpha and prev.is_lower and prev.pos_ == "NOUN" and nxt.is_alpha and nxt.is_lower):
            continue
        phrase = t.head if t.dep_ in ("compound", "amod") else t
        if doc[phrase.left_edge.i].lower_ in ("the", "a", "an") and phrase.left_edge.i < prev.i:
            continue
        if _ordinary_word(t.text) and t.lower_ not in {m.lower() for m in MONTHS}:
            return t
    return None


# Nouns a capital letter after them names one of: "influenza A", "Plan B", "Group C".
_LETTER_KINDS = {"influenza", "flu", "hepatitis", "vitamin", "type", "plan", "group", "grade", "class", "category",
                 "level", "section", "part", "division", "league", "series", "option", "phase", "stage", "block"}


def _in_a_title(token: Token) -> bool:
    """The capital belongs to a name or a work's title set in capitals ("The Hague", "from
    This Is It", "You Are Not Alone"), to a letter's name ("influenza A"), or to a line set
    all in capitals ("THIS IS A RUSH TRANSCRIPT")."""
    doc = token.doc
    prev = doc[token.i - 1] if token.i > 0 else None
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is not None and nxt.is_title and nxt.pos_ != "PROPN" and not nxt.is_sent_start:
        return True
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.ent_type_ and token.pos_ == "DET" and nxt.is_title:
        return True
    if prev is not None and prev.is_title and prev.pos_ not in ("PROPN", "NOUN", "ADJ", "NUM") and prev.i > 0:
        return True
    if prev is not None and len(prev.text) > 1 and prev.is_upper:
        return True
    # "influenza A", "Plan B" (a letter names one of a kind: the word before it is singular); not
    # "albums A total of 11 ...", nor "... at a hotel A row is growing ...", where "A" is a new
    # sentence's article (before its subject, after a noun that names no kind of letter)
    return len(token.text) == 1 and prev is not None and prev.is_alpha and not (
        token.dep_ == "det" and nxt is not None and nxt.is_lower and (prev.tag_ in ("NNS", "NNPS") or (
            token.head.dep_ in ("nsubj", "nsubjpass") and prev.lower_ not in _LETTER_KINDS)))


def run_together(r: _Reading) -> list[str]:
    """Two sentences (or a headline, caption or credit and a sentence) read as one: a new
    sentence's capital in mid-sentence, a verb given two subjects, a clause standing as
    another's subject, a clause placed before its own verb with no comma, a relative clause
    with nothing missing from it."""
    doc = r.doc
    found = []
    for t in doc:
        if _starts_a_sentence_inside(t, r) and t.dep_ in ("det", "nummod", "nsubj", "nsubjpass", "poss", "expl") and (
                t.head.dep_ in ("nsubj", "nsubjpass") or t.dep_ in ("nsubj", "nsubjpass", "expl")):
            found.append(f"a new sentence begins at {t.text!r} ({doc[max(0, t.i - 3):t.i + 3].text!r})")
            break
    if not found and (capital := _capital_inside(r)) is not None:
        found.append(f"a new sentence begins at {capital.text!r} "
                     f"({doc[max(0, capital.i - 3):capital.i + 3].text!r})")
    for t in doc:
        if r.quoted[t.i] and all(r.quoted[c.i] for c in t.subtree):
            continue
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.pos_ in ("NOUN", "PROPN", "PRON") and c.tag_ not in ("DT", "PDT")]  # not "both"
        if len(subjects) >= 2 and not (t.is_title and t.i > 0) and _two_subjects(subjects[0], subjects[1]):
            a, b = subjects[0], subjects[1]
            found.append(f"{t.text!r} has two subjects, {a.text!r} and {b.text!r}")
        elif t.dep_ in ("csubj", "csubjpass") and _finite_clause(t) and not _introduced(t):
            found.append(f"the clause of {t.text!r} stands as the subject of {t.head.text!r}")
        elif t.dep_ == "ccomp" and t.i > t.head.i and _finite_clause(t) and not _introduced(t) \
                and r.quoted[t.head.i] and not r.quoted[t.i] and lemma_of(t.head) not in CLAUSE_TAKING \
                and _after_quotation(t):
            found.append(f"the clause of {t.text!r} runs on from a quotation that {t.head.text!r} cannot take")
        elif t.dep_ == "ccomp" and t.i < t.head.i and _finite_clause(t) and not _introduced(t) \
                and _subjects(t.head) and not t.head.is_title and not _clause_break_after(t):
            found.append(f"no break between the clause of {t.text!r} and {t.head.text!r}")
        elif t.dep_ == "ccomp" and not r.quoted[t.i] and (_finite(t) or any(
                _finite(c) for c in t.children if c.dep_ in ("aux", "auxpass"))) and not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass") for c in t.children) \
                and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == "," \
                and not any(c.dep_ in ("dobj", "dative") for c in t.head.children):
            # (after a comma, with no object of the verb before it that the parse took its subject
            # for: "warned the outbreak might become" is whole)
            found.append(f"the clause of {t.text!r} has lost its subject: two sentences run together")
        elif t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and _finite(t) and not r.quoted[t.i] and _unjoined(t) \
                and (_subjects(t) or (t.left_edge.i == t.i and r.shown.title)):
            seam = doc[max(0, t.left_edge.i - 2):t.i + 1].text
            if _subjects(t):
                found.append(f"nothing joins the clause of {t.text!r} to the one before ({seam!r})")
            else:  # a title's "... was one of the family members died": a cut left a verb with nobody
                # to do it (in a sentence the parse too often loses the subject: "and submarines hit")
                found.append(f"{t.text!r} has no subject and nothing joins it to the clause before ({seam!r})")
        elif t.dep_ == "advcl" and t.i > t.head.i and _finite_clause(t) and not r.quoted[t.i] and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN", "PRON") for c in t.head.children) \
                and not _introduced(t) and _unjoined(t):
            # "... the UK album chart in 2003 Michael Jackson has topped ...": no "when" or "as"
            seam = doc[max(0, t.left_edge.i - 2):t.i + 1].text
            found.append(f"nothing joins the clause of {t.text!r} to the one before ({seam!r})")
        elif t.dep_ == "ccomp" and lemma_of(t.head) == "be" and t.i > t.head.i and _finite(t) \
                and not r.quoted[t.i] and doc[t.left_edge.i].tag_ not in ("WDT", "WP", "WRB", "IN") \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "mark") for c in t.children):
            # "... turned up for the sentencing Michael Jackson died on ...": "was" takes no clause
            found.append(f"the clause of {t.text!r} has lost its subject: two sentences run together")
        elif t.dep_ in ("relcl", "acl") and _finite_clause(t) and not _introduced(t) and _no_gap(t) \
                and lemma_of(t.head.head) not in CLAUSE_TAKING:
            found.append(f"the clause of {t.text!r} hangs from {t.head.text!r} with nothing missing from it")
    if _DATELINE_INSIDE.search(doc.text):
        found.insert(0, f"an outlet's dateline runs into it ({_DATELINE_INSIDE.search(doc.text)[0]!r})")
    elif (label := _PAGE_LABEL.match(doc.text) or _SPEAKER_LABEL.match(doc.text)):
        found.insert(0, f"a page's or a transcript's label opens it ({label[0].strip()!r})")
    elif chronology := _CHRONOLOGY_LINE.search(doc.text):
        found.insert(0, f"a chronology's date line runs into it ({chronology[0].strip(' :.')!r})")
    elif byline := BYLINE_OPENING.match(doc.text) or DISPATCH_OPENING.match(doc.text):
        found.insert(0, f"a byline runs into it ({byline[0].strip()!r})")
    elif stamp := _PAGE_STAMP.search(doc.text):
        found.insert(0, f"a page's time stamp runs into it ({stamp[0]!r})")
    elif repeated := _headline_repeated(doc):
        found.insert(0, f"a headline runs into the sentence that repeats it ({repeated!r} twice)")
    elif blurb := _BLURB.match(doc.text):
        found.insert(0, f"a caption for the page's video or report ({blurb[0]!r}), not what happened")
    elif photo := _photo_caption(doc):
        found.insert(0, f"a caption for the page's photograph ({photo!r}), not what happened")
    elif (credit := _CREDIT.search(doc.text)) and not r.quoted[doc.char_span(credit.start(), credit.end(),
                                                                              alignment_mode="expand")[0].i]:
        found.insert(0, f"a picture's credit runs into it ({credit[0].strip()!r})")
    elif headline := _headline_label(doc):
        found.insert(0, f"a page's headline runs into it ({headline!r} before a colon)")
    elif outlet := _outlet_run_in(doc):
        found.insert(0, f"the outlet's name runs into it ({outlet!r})")
    doubled = next((t for t in doc[1:] if t.is_alpha and len(t.text) > 1 and t.text == doc[t.i - 1].text
                    and t.lower_ not in _DOUBLING and not r.quoted[t.i]), None)
    if doubled is not None:
        found.append(f"{doubled.text!r} twice in a row: two pieces of text run together")
    return found[:2]


# What a photograph's caption says its subject does, in the present tense, where and when it was
# taken ("Iranian President Mahmoud Ahmadinejad gestures during a rally", "A protester waves a
# flag in Tahrir Square").
_CAPTION_VERBS = {"gesture", "pose", "wave", "listen", "kneel", "smile", "applaud", "clap", "sit", "walk", "try",
                  "stand", "carry", "pray", "rest"}
_CAPTION_PLACES = {"during", "as", "at", "in", "near", "outside", "inside", "on", "after", "before"}


# Who is where in a photograph: "Stephen Farrell, from left, Tyler Hicks, ...", "(L-R)".
_PLACED_IN_PICTURE = re.compile(r"(?:,|\()\s*(?:from (?:left|right)|(?:left|right) to (?:right|left)|L-R|R-L)\s*(?:,|\))"
                                r"|\((?:l|c|r|left|right|centre|center)\)", re.IGNORECASE)
# A picture's credit: "Performance clips courtesy Iambic Media LTD Jackson's three children ...",
# a company's name run into the sentence after it.
_CREDIT = re.compile(r"\bcourtesy(?: of)? (?:[A-Z][\w.&-]*\s+){1,4}|\b(?:Ltd|LTD|Inc|plc|PLC|LLC)\.?\s+(?=[A-Z][a-z])")


def _photo_caption(doc: Doc) -> str | None:
    if placed := _PLACED_IN_PICTURE.search(doc.text):
        return placed[0].strip(" ,()")
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.tag_ not in ("VBZ", "VBP", "NNS") or verb_lemma(root.lower_) not in _CAPTION_VERBS:
        return None
    # (after a name the parse can read the verb as a plural noun: "Ahmadinejad gestures during")
    if not _subjects(root) and not (root.tag_ == "NNS" and root.i > 0 and doc[root.i - 1].pos_ == "PROPN"):
        return None
    # (where, on the verb or on the one it takes: "tries to keep order during clashes")
    if not any(c.dep_ == "prep" and c.lower_ in _CAPTION_PLACES for v in (root, *(x for x in root.children
               if x.dep_ == "xcomp")) for c in v.children):
        return None
    return doc[:root.i + 1].text


def _headline_label(doc: Doc) -> str | None:
    """"Mubarak resigns presidency: Egyptian President Hosni Mubarak stepped down ...": a page's
    headline, in the present tense as headlines are, then a colon and the sentence that
    tells it in the past."""
    colon = next((t for t in doc if t.text == ":"), None)
    if colon is None or not 2 <= colon.i <= MAX_HEADLINE_WORDS:
        return None
    head, rest = doc[:colon.i], doc[colon.i + 1:]
    if any(t.is_quote or t.text in QUOTE_CHARS for t in head):
        return None
    present = any(t.tag_ in ("VBZ", "VBP") and t.pos_ == "VERB" and _subjects(t) for t in head)
    past = any(t.tag_ == "VBD" and _subjects(t) for t in rest)
    return head.text if present and past else None


# Outlets whose name opens a wire story's first line ("CNN Demonstrators clash with police").
_OUTLETS = {"CNN", "BBC", "AP", "AFP", "Reuters", "NPR", "ITV", "PA", "UPI", "Bloomberg"}


def _outlet_run_in(doc: Doc) -> str | None:
    if len(doc) < 3 or doc[0].text not in _OUTLETS:
        return None
    nxt = doc[1]
    if nxt.text in ("-", "--", "\u2013", "\u2014") and doc[2].is_title:
        return f"{doc[0].text} {nxt.text}"  # "Reuters - Muammar Gaddafi became ...": a wire's dateline
    if not nxt.is_title or nxt.text in ("News", "World", "Radio", "International", "Arabic", "Newsroom", "Online") \
            or doc[2].is_title:  # "CNN Chief International Correspondent ...": a title of its own
        return None
    common = nxt.pos_ in ("DET", "PRON") or _ordinary_word(nxt.text)
    return f"{doc[0].text} {nxt.text}" if common else None


# Words a sentence can have twice in a row ("that that", "had had").
_DOUBLING = {"that", "had", "is", "do", "very", "far", "long", "bye", "no", "so", "many", "knock", "ha"}
# A page's caption for its video or its correspondent's report: the outlet or a reporter, in the
# present tense, "looks at", "reports from", "talks to" ("Matthew Price looks at the impact of
# the shutdown", "The BBC talks to people in Mexico City").
_BLURB = re.compile(r"^(?:The (?:BBC|CNN)(?:['\u2019]s (?:[A-Z][\w-]+ ){1,3})? "
                    r"(?:talks to|speaks to|hears from|meets|visits|asks|joins|travels to|looks|reports|examines"
                    r"|explores|assesses|finds out|investigates)"
                    r"|(?:[A-Z][\w'-]+ ){2,3}(?:looks (?:at|into|back at)|reports (?:from|on)|examines|explores"
                    r"|assesses|finds out|investigates|sits down with"
                    r"|talks to (?:several|some|many|a number of|ordinary) (?:people|residents|voters|viewers)))\b")


# A page's stamp inside a sentence: "Last updated at 06:28", "Page last updated at 14:02 GMT",
# a comment's "March 1, 2011 at 5:58 pm |".
_PAGE_STAMP = re.compile(r"\b(?:Page )?[Ll]ast updated(?: at| on)? \d{1,2}[:.]\d{2}\b"
                         r"|\b\d{1,2}:\d{2}\s*[ap]\.?m\.?\s*\||\bLast updated\b")
# A byline or a page's words to its reader opening the text: "By the CNN Wire Staff A man ...",
# "The CNN Wire Staff Rebel fighters ...", "Here's a timeline of events: ...".
BYLINE_OPENING = re.compile(r"^By\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){1,3}(?:Wire\s+)?Staff\b"
                             r"|^(?:The\s+)?[A-Z][\w.]*\s+Wire\s+Staff\b"
                             r"|^Here(?:'s|\u2019s| is| are)\s+(?:a|an|the|our|some)\s+(?:\w+\s+){0,2}"
                             r"(?:timeline|look|list|guide|summary|round-?up|chronology)\b", re.IGNORECASE)
# A correspondent's dispatch line: "From Matthew Price in Oaxaca, Mexico", "From Muslim Qandeel,
# BBC Arabic" (the outlet's name or "in" and a place after a name; "From Monday, ..." is no byline).
DISPATCH_OPENING = re.compile(r"^From\s+(?:our\s+)?(?!(?:[A-Z]\w+\s+){0,3}(?:Council|County|City|Ministry|Department|"
                              r"Office|Government|House|Court)\b)(?:[A-Z][\w'\u2019-]+\s+){1,3}?(?:[A-Z][\w'\u2019-]+)"
                              r"(?:,\s+(?:BBC|CNN|Reuters|AP|AFP)\b(?:\s+[A-Z]\w+)?"
                              r"|\s+in\s+[A-Z][\w-]+\b(?:,\s+[A-Z][\w-]+\b)?)(?!\s+to\b)")


def _headline_repeated(doc: Doc) -> str | None:
    """"Michael Jackson's doctor goes on trial Michael Jackson's doctor has gone on trial ...": a
    page's headline run into the lead that repeats its words. Its first three words come twice,
    the first at the start and again after a headline's last word (a noun, not "said")."""
    words = [t for t in doc if not t.is_punct]
    texts = [t.lower_ for t in words]
    gram = texts[:3]
    if len(words) < 8 or not (words[0].is_title or words[0].like_num):
        return None
    for m in range(3, min(len(words) - 2, MAX_HEADLINE_WORDS + 1)):
        before = doc[words[m].i - 1]
        if texts[m:m + 3] == gram and before.is_alpha and before.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            return doc[words[m].i:words[m + 2].i + 1].text
    return None


MAX_HEADLINE_WORDS = 16


# A chronology's line, "February 24 - Rebels took ...", "Feb. 15/16, 2011 - ...", "Sept 21 - Here is
# a timeline ...": a date and a dash in front of the sentence (at its start or after a colon or
# a full stop), the way a factbox sets it, not the way a sentence is written.
_CHRONOLOGY_LINE = re.compile(
    rf"(?:^|[:.]\s+)(?:(?:{MONTH_RE})\.?\s+\d{{1,2}}(?:/\d{{1,2}})?|\d{{1,2}}(?:/\d{{1,2}})?\s+(?:{MONTH_RE})\.?)"
    rf"(?:,?\s+\d{{4}})?\s+[-\u2013\u2014](?=\s+\S)")


# A wire dateline, "(CNN) --", "(AP) \u2014", that opened an article, run into the text.
_DATELINE_INSIDE = re.compile(r"\((?:[A-Z][A-Za-z.]*\s?){1,3}\)\s*(?:--|\u2014|\u2013)")
# Labels a page sets before a paragraph that are not part of its sentence (the parse reads
# "Editor's note:" as any noun phrase before a colon).
_PAGE_LABEL = re.compile(r"^[\"\u201c]?(?:Editor(?:'|\u2019)?s(?:'|\u2019)? note|Correction|Clarification|Update[sd]?|"
                         r"Breaking(?: news)?|Watch|Video|Photos?|Live|Read more|Related)\s*:", re.IGNORECASE)
# A transcript's speaker label: "COOPER:", "HOWARD KURTZ:" (a name in capitals and a colon), or a
# name in capitals set before a quotation ("GEOFF PORTER "I think ...").
_SPEAKER_LABEL = re.compile(r"^(?:[A-Z][A-Z.'\u2019-]+ ){0,2}[A-Z][A-Z.'\u2019-]+:\s"
                            r"|^(?:[A-Z][A-Z.'\u2019-]+ ){1,3}[A-Z][A-Z.'\u2019-]+,?\s+[\"\u201c]")


# Verbs that take a clause with no "that" ("said the violence was appalling", "hopes the
# plan works"); a clause joined so to any other verb is a second sentence run in.
CLAUSE_TAKING = SAYING_VERBS | CONTESTED_SPEECH | frozenset({
    "know", "hope", "fear", "feel", "mean", "see", "hear", "ensure", "expect", "realise", "realize", "wish",
    "doubt", "understand", "learn", "notice", "decide", "agree", "pray", "imagine", "recognise", "recognize",
    "worry", "forget", "remember", "prove", "indicate", "confirm", "reveal", "demonstrate", "guarantee",
    "promise", "bet", "assure", "signal", "deny", "discover", "judge", "rule", "vow", "pledge", "swear",
    "threaten", "trust", "figure", "sense", "wonder", "make", "let", "have", "help", "seem", "appear", "be",
})


def _two_subjects(a: Token, b: Token) -> bool:
    """`a` and `b`, both the parse's subjects of one verb, are two sentences' subjects: not a
    list the parser split ("My partner and I", "Aguilera, Green and Robinson"), a label and
    its sentence ("Old friends: Chavez meets ..."), or a role and the name it introduces
    ("Jackson's personal doctor Conrad Murray")."""
    doc = a.doc
    between = doc[a.i:b.i]
    if any(x.is_punct and x.text not in QUOTE_CHARS or x.pos_ == "CCONJ" for x in between):
        return False  # a list, an aside between dashes, a label: the parser's, not the writer's
    end = a.right_edge.i + 1
    while end < b.left_edge.i and doc[end].text in QUOTE_CHARS:
        end += 1
    if end != b.left_edge.i or doc[b.left_edge.i - 1].pos_ in ("ADP", "SCONJ"):
        return False  # not two noun phrases side by side: a preposition's object the parser lost
    # a role and the name it introduces ("Witness for the defense Dr Paul White concedes");
    # a headline before a sentence has a verb of its own ("UN resolution condemning ...")
    return b.pos_ != "PROPN" or any(x.pos_ in ("VERB", "AUX") for x in a.subtree)


def _unjoined(verb: Token) -> bool:
    """A clause joined to the one before with no "and", "but" or stop: "... tested for the virus
    Ambassador Jorge Guajardo said ..." (two sentences run together)."""
    start = verb.left_edge.i
    if start == 0:
        return False
    if any(c.dep_ in ("cc", "preconj") and c.i < verb.i for c in (*verb.head.children, *verb.children)):
        return False
    return verb.doc[start - 1].text not in _CLAUSE_BREAKS and verb.doc[start - 1].text not in QUOTE_CHARS


def _clause_break_after(clause: Token) -> bool:
    """A mark ends the clause (inside its closing quotation mark or after it) before the
    words that follow: ", scientists say", "," he said"."""
    doc = clause.doc
    i = clause.right_edge.i
    while i > clause.i and (doc[i].is_quote or doc[i].text in QUOTE_CHARS):
        i -= 1
    if doc[i].text in _CLAUSE_BREAKS or doc[i].pos_ == "CCONJ":
        return True
    j = clause.right_edge.i + 1
    while j < len(doc) and (doc[j].is_punct or doc[j].text in QUOTE_CHARS):
        if doc[j].text in _CLAUSE_BREAKS:
            return True
        j += 1
    return False


def _finite_clause(verb: Token) -> bool:
    """A clause with its own subject and a finite verb (its own or an auxiliary's)."""
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    return has_subject and (_finite(verb) or any(_finite(c) for c in verb.children if c.dep_ in ("aux", "auxpass")))


def _after_quotation(clause: Token) -> bool:
    """The clause's first word comes straight after a closing quotation mark."""
    doc = clause.doc
    start = clause.left_edge.i
    while start < clause.i and doc[start].is_punct:
        start += 1
    if start == 0 or doc[start - 1].text not in ("\u201d", "\u2019", '"', "'", "''"):
        return False
    return start < 2 or doc[start - 2].text not in _CLAUSE_BREAKS  # "... reform," a senior official said


def _introduced(verb: Token) -> bool:
    """The clause opens with a word that makes it part of another: "that", "what", "whether",
    a wh-word, a relative pronoun, or "as", "if", "because" ..."""
    doc = verb.doc
    opening = doc[verb.left_edge.i]
    if verb.head.i < verb.i and any(x.lower_ in ("that", "whether", "if") or x.tag_ in ("WDT", "WP", "WRB")
                                    for x in doc[verb.head.i + 1:verb.left_edge.i + 1]):
        return True  # "assertions that forces loyal to X controlled ...": the parser lost the "that"
    return opening.lower_ in ("that", "whether", "if") or any(
        c.dep_ in ("mark", "advmod") and c.tag_ in ("IN", "WRB", "WDT", "WP", "WP$")
        or c.tag_ in ("WDT", "WP", "WP$", "WRB") for c in verb.subtree if c.i <= verb.i)


def _no_gap(verb: Token) -> bool:
    """A relative clause without "that" or "which" must lack something the noun fills ("the
    efforts [that] Mexico has taken"); one with its subject and its object is a sentence."""
    deps = {c.dep_ for c in verb.children}
    return {"nsubj", "dobj"} <= deps and not any(c.dep_ == "prep" and not list(c.children) for c in verb.children)


# --- fragment --------------------------------------------------------------------------------

_LIST_NUMBER = re.compile(r"^\(?\d{1,2}[.)]?\s+[A-Z]|\s\d{1,2}\.\s+\d{1,2}\s+[A-Z]")


def fragment(r: _Reading) -> list[str]:
    """No finite verb in the main clause: a noun phrase, a numbered list item, a participle."""
    doc = r.doc
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if any(root.tag_ == "VB" and root.pos_ == "VERB" for root in roots):
        return []  # an imperative ("Please do not ..."), or a present tense the tagger read as the
        # base form ("Gunmen kill five teachers"): whole either way
    if _verb_read_as_noun(r) is not None or any(_maybe_present_verb(t) for t in doc if not r.quoted[t.i]):
        return []  # "BP hope to stem the flow", "fierce clashes rage between ...": the verb read as a noun
    if any(_finite_clause(t) and not _introduced(t) and not r.quoted[t.i] for t in doc):
        return []  # a clause of its own the parser hung somewhere odd ("CARL AZUZ, ANCHOR: CNN is ...")
    if any(_finite(t) for t in doc):
        def introduced_by(verb: Token) -> Token | None:
            return next((c for c in verb.children if c.dep_ == "mark" and c.pos_ == "SCONJ"), None)

        finite = [t for t in doc if _finite(t) and t.dep_ not in ("aux", "auxpass")]
        marked = [v for v in finite if introduced_by(v) is not None]
        if marked and len(marked) == len(finite) and not any(r.quoted) \
                and all(root.pos_ not in ("VERB", "AUX") or root in marked for root in roots):
            # "Of course, as you know in the whole country.": a clause that hangs on a sentence
            # that is not there
            return [f"only a clause introduced by {introduced_by(marked[0]).text!r}"]
        if all(_main_clause_finite(root) for root in roots) or any(_finite(t) and r.quoted[t.i] for t in doc):
            return []
        # the parse made a noun the root, a finite verb hangs under it as a relative clause:
        # "The man who came to dinner." A quotation carrying the verb counts as a clause.
        root = roots[0]
        if root.pos_ not in ("NOUN", "PROPN", "NUM") or _past_read_as_participle(root):
            return []
        return [f"no main verb: {root.text!r} heads a noun phrase"]
    if _LIST_NUMBER.search(doc.text):
        return ["a numbered list item, with no verb"]
    return ["no finite verb"]


def _maybe_present_verb(token: Token) -> bool:
    """The tagger's noun may be the sentence's present-tense verb ("clashes rage between",
    "Calderon orders a shutdown"): a form that lemminflect knows as a verb's present tense,
    right after a noun, before the words a verb takes."""
    doc = token.doc
    if token.tag_ not in ("NN", "NNS") or token.i == 0 or token.i + 1 >= len(doc):
        return False
    prev, nxt = doc[token.i - 1], doc[token.i + 1]
    if prev.pos_ not in ("NOUN", "PROPN") or nxt.is_punct:
        return False
    lemma = _verb_of(token.lower_)
    return token.lower_ in _forms(lemma, "VBZ") + _forms(lemma, "VBP")


def _past_read_as_participle(noun: Token) -> bool:
    """The parse hung the sentence's verb from its subject: "the latest report found there
    was ..." (the past tense "found" read as a participle), "Gadhafi, left, and Obama meet
    ...", "The influenza A virus can mutate ...". A clause under the noun that is finite, or
    in a form that is also the past tense, and opens with no "who", "which" or "that", is the
    sentence's own."""
    for c in noun.children:
        if c.dep_ not in ("acl", "relcl") or c.i < noun.i or _introduced(c):
            continue
        if _finite_clause(c) or (_finite(c) and not _subjects(c)):
            return True
        if c.tag_ == "VBN" and not _subjects(c) and c.lower_ in _forms(lemma_of(c), "VBD"):
            return True
    return False


def _main_clause_finite(root: Token) -> bool:
    """The root's clause, or one joined to it, has a finite verb."""
    if _finite(root) or any(_finite(c) for c in root.children if c.dep_ in ("aux", "auxpass")):
        return True
    return any(_main_clause_finite(c) for c in root.children if c.dep_ in ("conj", "ccomp", "parataxis"))


# --- case ------------------------------------------------------------------------------------


def case(r: _Reading) -> list[str]:
    """A lower-case opening, or a capital where none can be: a capitalised article, pronoun,
    preposition or conjunction after a comma or in mid-clause that no name explains."""
    doc, found = r.doc, []
    first = next((t for t in doc if t.text not in QUOTE_CHARS and not t.is_punct), None)
    # A key point's sentence may open in lower case after its date label, as the briefing
    # prints it ("Date not stated: the government said ..."): the label opened the line.
    if first is not None and first.text[:1].islower() and not r.label and not any(c.isupper() for c in first.text):
        found.append(f"opens in lower case ({first.text!r})")
    if r.shown.title:
        return found  # titles may be set in title case
    shouted = _in_capitals(r)
    if shouted:
        found.append(f"words set in capitals, a page's label ({shouted!r})")
    for t in doc[1:]:
        if not t.is_title or r.quoted[t.i] or t.text == "I" or t.pos_ not in _CLOSED_CLASS or t.ent_type_ \
                or _in_a_title(t):
            continue
        prev = doc[t.i - 1]
        if prev.text in (",", ";") or (prev.is_alpha and prev.text not in ("Mr", "Mrs", "Ms", "Dr")):
            found.append(f"capital {t.text!r} after {prev.text!r}")
            break
    return found


def _in_capitals(r: _Reading) -> str | None:
    """A run of three words or more set in capitals outside quotation marks ("THIS IS A RUSH
    TRANSCRIPT"), at least two of them words and not initials ("NATO", "UN" and "EU" may stand
    together): a page's label or a broadcast's slug in running text."""
    run: list[Token] = []
    for t in [*r.doc, None]:
        if t is not None and t.is_alpha and t.is_upper and not r.quoted[t.i] and (len(t) > 1 or t.text in "AI"):
            run.append(t)
            continue
        if len(run) >= 3 and sum(1 for x in run if x.is_stop or len(x) >= 5) >= 2:
            return " ".join(x.text for x in run)
        run = []
    return None


# --- word form -------------------------------------------------------------------------------


def word_form(r: _Reading) -> list[str]:
    """Subject and verb that do not agree ("Protests generally was", "BP hope"), and a
    narrated past clause coordinated with a present one outside quotation marks
    ("Unemployment was high, electricity cuts trouble Damascus")."""
    found = []
    for t in r.doc:
        if r.quoted[t.i] or not _finite(t) or t.tag_ == "MD":
            continue
        subject = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and t.dep_ in ("aux", "auxpass"):
            subject = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and _alone(subject, t) and (clash := _disagree(subject, t)):
            found.append(clash)
    if (misread := _verb_read_as_noun(r)) is not None and misread[1].lower_ != misread[2]:
        subject, verb, form = misread
        found.append(f"{subject.text} {verb.text}: a singular subject takes {form!r}")
    found += _tense_switch(r)
    return found[:2]


def _alone(subject: Token, verb: Token) -> bool:
    """The subject is the verb's whole subject: not the last of a list the parser split
    ("Europe, U.S. need", "Gadhafi, left, and President Obama meet"), nor a label before a
    colon ("Old friends: Chavez meets")."""
    doc = subject.doc
    start = subject.left_edge.i
    if start > 0 and (doc[start - 1].text in (",", "&") or doc[start - 1].pos_ in ("CCONJ", "ADP")):
        return False  # "the body of Abdullah Azzam show": the subject is "papers", further back
    if subject.i < verb.i and verb.i > 0 and doc[verb.i - 1].text == "," and lemma_of(verb) in SAYING_VERBS:
        return False  # "..., warns minister": the speaker comes after the verb
    if subject.i < verb.i:
        gap = doc[subject.right_edge.i + 1:verb.i]
    else:
        gap = doc[verb.i + 1:subject.left_edge.i]
    if any(x.text == ":" for x in doc[min(subject.i, verb.i):max(subject.i, verb.i)]):
        return False  # "Old friends: Chavez meets ..."
    return not any(x.text in (",", ";", "\u2014", "--") for x in gap)


def _plural_subject(subject: Token) -> bool | None:
    """Whether the subject is plural, singular, or None where its form does not say (a
    pronoun, a quantity, "news", "a number of", coordination, a name)."""
    if subject.pos_ == "PRON" or subject.dep_ == "expl":
        return None
    children = list(subject.children)
    if any(c.dep_ in ("nummod", "quantmod", "cc", "conj") for c in children) or subject.pos_ == "NUM":
        return None  # "Five years is a long time"; "law and order is"
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in children):
        return None  # "a number of people were", "one of the men was"
    if subject.tag_ == "NNS":
        # a plural form of a countable noun: "protests" (protest), not "news" or "series"
        return True if subject.lower_ != subject.lemma_.lower() else None
    if subject.tag_ == "NNP" and subject.lower_.endswith("s"):
        return None  # "Tribes", "Reuters", "Philippines": a name's form does not say
    if subject.tag_ in ("NN", "NNP"):
        return False
    return None


def _disagree(subject: Token, verb: Token) -> str | None:
    plural = _plural_subject(subject)
    if plural is None:
        return None
    lower = verb.lower_
    singular_verb = verb.tag_ == "VBZ" or lower == "was"
    plural_verb = (verb.tag_ == "VBP" and lower not in ("am",)) or lower == "were"
    if plural_verb and lower in _forms(lemma_of(verb), "VBD"):
        return None  # "spelt", "put": a past tense the tagger read as present
    if plural and singular_verb:
        return f"{subject.text} {verb.text}: a plural subject with a singular verb"
    # A singular common noun with a plural verb is a collective in British usage ("the
    # council have agreed"); only a name's is a slip ("Ofsted say", "BP hope").
    verb_only = any(c.dep_ in ("dobj", "xcomp", "ccomp", "prt") for c in verb.children)  # not "Iraq gamble as ..."
    if plural is False and plural_verb and subject.tag_ == "NNP" and subject.ent_type_ in ("ORG", "PERSON", "GPE") \
            and verb_only:
        return f"{subject.text} {verb.text}: a singular subject with a plural verb"
    return None


def _verb_read_as_noun(r: _Reading) -> tuple[Token, Token, str] | None:
    """(subject, verb, its third-person form) where the parser read a present-tense verb as
    a noun after its subject, making the sentence a noun phrase: "A rebel fires a grenade"
    (whole: the verb has its -s) or "BP hope to stem the flow" (a singular name with the
    plural form, taking an infinitive or an object: the verb wants "hopes")."""
    doc = r.doc
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "NOUN" or r.quoted[root.i] or root.i == 0 \
            or any(_finite(c) for c in root.children):
        return None
    subject = doc[root.i - 1]
    if subject.dep_ not in ("compound", "nmod") or subject.tag_ not in ("NNP", "NN"):
        return None
    lemma = _verb_of(root.lower_)
    verb_form = _forms(lemma, "VBZ")
    takes = any(c.dep_ in ("xcomp", "dobj", "ccomp", "relcl", "acl", "prep", "appos") and c.i > root.i
                for c in root.children)
    if not verb_form or not takes:
        return None
    if root.lower_ == verb_form[0]:
        return subject, root, verb_form[0]  # "A rebel fires ...": whole
    verb_only = any(c.dep_ in ("xcomp", "dobj", "ccomp") and c.i > root.i for c in root.children)
    if root.lower_ == lemma and subject.tag_ == "NNP" and verb_only:
        return subject, root, verb_form[0]  # "BP hope to stem ...", for "hopes"
    return None


def _tense_switch(r: _Reading) -> list[str]:
    """A past main clause joined to a present-tense one outside quotation marks: the
    narration changes its time half way through."""
    root = next((t for t in r.doc if t.dep_ == "ROOT"), None)
    if root is None or r.quoted[root.i] or not _past(root):
        return []
    for c in root.children:
        if r.quoted[c.i] or c.i < root.i:
            continue
        if c.dep_ in ("conj", "parataxis") and c.tag_ in ("VBZ", "VBP") and _subjects(c) \
                and lemma_of(c) not in SAYING_VERBS:
            return [f"{root.text!r} then {c.text!r}: the sentence changes from past to present"]
        # The parser may read the present clause after a comma as a second complement of the
        # past verb ("was high, electricity cuts trouble Damascus"): a word there that is a
        # present-tense verb form, between two nouns, is the clause's verb.
        first = next((x for x in c.subtree if not x.is_punct), c)
        comma = r.doc[first.i - 1] if first.i > 0 else None
        has_complement = any(x.dep_ in ("acomp", "attr", "dobj") and x.i < c.i for x in root.children)
        if c.dep_ in ("attr", "dobj", "npadvmod", "dep") and comma is not None and comma.text == "," \
                and has_complement and not any(_finite(x) for x in c.subtree):
            words = [x for x in c.subtree if x.is_alpha]
            for a, b, d in zip(words, words[1:], words[2:]):
                if a.pos_ in ("NOUN", "PROPN") and d.pos_ in ("NOUN", "PROPN") and b.pos_ == "NOUN" \
                        and _verb_of(b.lower_) and b.lower_ != b.lemma_.lower() + "s":
                    return [f"{root.text!r} then {b.text!r}: the sentence changes from past to present"]
    return []


def _past(verb: Token) -> bool:
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in verb.children if c.dep_ in ("aux", "auxpass"))


# --- dangling reference ----------------------------------------------------------------------

# Endings of nouns for people ("minister", "spokesman", "official", "resident"): a "he" or a
# "they" may point back at them.
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "man", "men", "woman", "women", "person", "people", "ess", "ee",
                   "ent", "ant", "ief", "ive", "al", "ary", "ard", "ar", "ic", "ite", "ot")
# Derivational endings that make a noun of a verb, with what to put back: "admission" ->
# "admit", "decision" -> "decide", "findings" -> "find". A candidate counts only if
# lemminflect knows it as a verb.
_NOMINAL_ENDINGS = (("ssion", ("t", "de", "ss")), ("sion", ("de", "d", "se")), ("ication", ("y",)),
                    ("ation", ("", "e", "ate")), ("ition", ("ose", "ish", "e")), ("tion", ("t", "te", "")),
                    ("ion", ("", "e")), ("ment", ("",)), ("al", ("", "e")), ("ance", ("", "e")),
                    ("ence", ("", "e")), ("ure", ("e", "")), ("ings", ("",)), ("ing", ("",)), ("ry", ("re", "r")))
# Verbs that place a happening the reader already knows in time or in a sequence: "the move
# came as ...", "the talks lasted ...", "the search was called off". A definite noun naming an
# act, as their subject, points back at that act. Bodies and documents as subjects do other
# things ("the government will ...", "the report found ..."), so only these verbs are read.
PLACING_VERBS = frozenset({
    "come", "follow", "precede", "last", "take", "happen", "occur", "begin", "start", "end", "continue",
    "resume", "finish", "stop", "call", "cancel", "postpone", "collapse", "fail", "break", "mark", "prompt",
    "spark", "trigger", "lead", "bring", "suspend", "abandon", "stall", "go",
})
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "man", "men", "woman", "women", "person", "ee", "ant", "ants")
_DEMONSTRATIVES = {"this", "that", "these", "those"}
_PERSONAL = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}


@lru_cache(maxsize=8192)
def nominalised_verb(noun: str) -> str | None:
    """The verb a noun names the act or result of ("move" -> "move", "admission" -> "admit",
    "findings" -> "find"), or None: by lemminflect's lexicon of verbs and the endings that
    make nouns of verbs."""
    from lemminflect import getAllInflections, getAllLemmas

    noun = noun.lower()

    def is_verb(word: str) -> bool:
        return len(word) > 2 and bool(getAllInflections(word, upos="VERB"))

    if is_verb(noun):
        return noun
    lemmas = getAllLemmas(noun, upos="VERB").get("VERB", ())
    if lemmas and noun.endswith("ing"):
        return lemmas[0]
    for ending, restores in _NOMINAL_ENDINGS:
        if noun.endswith(ending):
            stem = noun[: -len(ending)]
            for restore in restores:
                if is_verb(stem + restore):
                    return stem + restore
                if restore == "" and len(stem) > 2 and stem[-1] == stem[-2] and is_verb(stem[:-1]):
                    return stem[:-1]  # "occurrence" -> "occur"
    return None


def _context_words(r: _Reading, until: int) -> set[str]:
    """Every lemma the reader has met before token `until`: in the heading, the sentences
    before in the paragraph, and this sentence so far (a verb's lemma too: "admitted"
    gives "admit")."""
    docs = [d for d in (r.heading, *r.before) if d is not None]
    tokens = [t for d in docs for t in d] + list(r.doc[:until])
    found = set()
    for t in tokens:
        found.update({t.lower_, t.lemma_.lower(), lemma_of(t)})
        if t.pos_ == "NOUN" and (verb := nominalised_verb(t.lemma_)):
            found.add(verb)
    return found


def _met_before(r: _Reading, until: int) -> list[Token]:
    docs = [d for d in (r.heading, *r.before) if d is not None]
    return [t for d in docs for t in d] + list(r.doc[:until])


def _a_person(t: Token) -> bool:
    # A name the parse reads as a person's or a body's (it reads some people so); not a
    # place's, a language's ("Speaking in English, she ..."), a nationality's or a date's.
    if t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.ent_type_ in ("", "ORG")
                                   and not t.is_lower and not (t.is_upper and len(t.text) > 1)):
        return True  # (the parse's "swine flu" is no name, and an acronym, "CNN", is no one's)
    return t.pos_ == "NOUN" and t.lemma_.lower().endswith(_PERSON_ENDINGS)


def _one_person(t: Token) -> bool:
    """A person "he" or "she" can be: not "people" nor "the rebels"."""
    return _a_person(t) and "Plur" not in t.morph.get("Number") and t.lower_ != "people"


def _people_or_bodies(t: Token) -> bool:
    if t.pos_ not in ("NOUN", "PROPN"):
        return False
    return ("Plur" in t.morph.get("Number") or t.ent_type_ in ("ORG", "NORP", "GPE", "PERSON")
            or t.pos_ == "PROPN" or t.dep_ in ("nsubj", "nsubjpass", "conj"))


def dangling_reference(r: _Reading) -> list[str]:
    """A pronoun or a definite reference the reader cannot place: "He said ..." opening a
    paragraph with nobody named, "the search for them" with no "them", "The move came ..." or
    "Leader John Hart's admission came after ..." when no move or admission was told.

    What counts as met: the heading, the sentences before in the paragraph, and this sentence
    before the word. Bodies and places ("the council", "the government", "the Gulf") are not
    references back: only a noun that names an act (of a verb, by lemminflect and the endings
    that make nouns of verbs) as the subject of a main verb that places a happening in time
    (`PLACING_VERBS`: "came", "lasted", "was called off") is read as one."""
    doc, found = r.doc, []
    for t in doc:
        low = t.lower_
        if r.quoted[t.i] and not (low in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass")):
            continue  # (a quotation's "he" must be someone too: '"... that he emphasised security," said an official')
        if t.pos_ == "PRON" and low in _PERSONAL | _PLURAL_PRONOUNS:
            # the noun phrase holding the pronoun is not its referent: "the search for them"
            ancestors = {a.i for a in t.ancestors if a.pos_ in ("NOUN", "PROPN")}
            ancestors = {min(ancestors, key=lambda i: abs(i - t.i))} if ancestors else set()
            # "During his 42 years in power, Gadhafi ...": a pronoun in an opening phrase may
            # point at the subject after it; one in the subject itself may not.
            until = len(doc) if _in_opening_phrase(t) else t.i
            # (words quoted in this sentence are the speaker's: '"... the people," he said')
            seen = [m for m in _met_before(r, until) if m.doc is not doc or (
                m.i not in ancestors and m.i != t.i and not _addressee_of(m, t) and r.quoted[m.i] <= r.quoted[t.i])]
            fits = _one_person if low in _PERSONAL else _people_or_bodies
            if not any(fits(m) for m in seen):
                found.append(f"{t.text!r} refers to nobody named before")
        elif t.i == 0 and r.opens_paragraph and r.heading is None and _points_back(t):
            found.append(f"{t.text!r} opens the paragraph and points back at nothing")
        elif t.pos_ == "NOUN" and (reason := _definite_act(r, t) or _unnamed_body(r, t)):
            found.append(reason)
        elif _that_thing(r, t):
            found.append(f"'{t.text} {t.head.text}' points back at what no sentence before told")
    if r.opens_paragraph and (link := _link_back(doc)):
        found.append(f"{link!r} opens the paragraph and points back at nothing")
    if here := _here(r):
        found.append(here)
    if r.opens_paragraph and r.heading is None and (back := _IN_IT.match(doc.text)):
        found.append(f"{back[0].strip(' ,')!r} opens the paragraph and points back at nothing")
    such = next((t for t in doc if t.lower_ == "such" and not r.quoted[t.i] and t.head.pos_ == "NOUN"
                 and not any(x.lower_ == "as" for x in doc[t.i + 1:t.i + 4])), None)
    if such is not None and r.opens_paragraph and r.heading is None:
        found.append(f"'such {such.head.text}' points back at nothing told before")
    return found[:2]


_STAGES = {"point", "stage", "time", "juncture", "period", "season", "phase"}  # "at this point"


def _that_thing(r: _Reading, t: Token) -> bool:
    """"... $8.8bn of that money had disappeared", "all these funds were transferred": a
    demonstrative inside the sentence, before a thing no sentence before named (a time aside:
    "that day" is the date told before it; "those who ..." is told by its own clause)."""
    noun = t.head
    return t.dep_ == "det" and t.lower_ in _DEMONSTRATIVES and t.i > 0 and not r.quoted[t.i] \
        and noun.tag_ in ("NN", "NNS") and noun.lemma_.lower() not in _TIME_NOUNS | _STAGES \
        and not any(c.dep_ in ("relcl", "acl", "prep") for c in noun.children) \
        and not (t.lower_ == "that" and noun.dep_ in ("nsubj", "nsubjpass")) \
        and not {noun.lower_, noun.lemma_.lower()} & _context_words(r, t.i)


# "In it, the younger Gadhafi said ...": the interview or document "it" was is not told.
_IN_IT = re.compile(r"^(?:In|On|From|Of|With|By|At|Under|After|Before|Despite)\s+(?:it|this|that|them|these|those)\b"
                    r"(?!\s+(?:week|month|year|day|time|case|way|point|stage|period|morning|evening|night))")


_AFTER_THAT = {"later", "earlier", "afterwards", "afterward", "subsequently", "thereafter"}
_RELATIVE_DAY = {"next", "following", "same", "previous", "preceding"}
_TIME_NOUNS = {"minute", "hour", "day", "night", "morning", "afternoon", "evening", "week", "weekend", "month",
               "year", "decade", "moment"}


# Words after an opening "even" that make it a conjunction, which points back at nothing:
# "Even as talks went on, ...", "Even if ...".
_EVEN_JOINS = {"as", "if", "though", "when", "while", "before", "after", "so", "then", "now"}


# Counting from one told before: "The second case ...", "The latter ...".
_ORDINALS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "latter"}


def adds_to_before(doc, quoted) -> bool:
    """The sentence tells one more of something told before it, or the same again: its main
    subject is "another" something ("Another staffer tried to ..."), it opens on a focusing
    "Even" ("Even a member of the kitchen staff drew a knife"), its subject is "the second"
    something of nothing ("The second case involves four servicemen"), or it names "the same"
    thing with nothing to compare it with ("the same album earned Jackson his last number one")."""
    first = next((t for t in doc if not t.is_punct), None)
    if first is not None and first.lower_ == "even" and not quoted[first.i] and first.i + 1 < len(doc) \
            and doc[first.i + 1].lower_ not in _EVEN_JOINS:
        return True
    if any(t.lower_ in _ORDINALS and t.i > 0 and doc[t.i - 1].lower_ == "the" and t.head.pos_ == "NOUN"
           and t.dep_ == "amod" and not quoted[t.i] and (t.head.dep_ in ("nsubj", "nsubjpass") or (
               t.head.dep_ == "pobj" and t.head.head.i == first.i))
           and not any(c.dep_ in ("prep", "relcl", "acl") for c in t.head.children) for t in doc):
        return True  # "The second case involves ...", "In the second case, ...": after which first?
    if any(t.lower_ == "same" and t.i > 0 and doc[t.i - 1].lower_ == "the" and t.head.pos_ == "NOUN"
           and not quoted[t.i] and not any(x.lower_ in ("as", "that", "who", "which") for x in doc[t.i + 1:t.i + 4])
           for t in doc):
        return True  # "the same album earned Jackson ...": the same as which?
    return any(t.lower_ == "another" and t.dep_ == "det" and t.head.dep_ in ("nsubj", "nsubjpass")
               and t.head.head.dep_ == "ROOT" and not quoted[t.i] for t in doc)


def _link_back(doc: Doc) -> str | None:
    """An opening that measures or compares from something told before: "Two years later,
    ...", "The next day ...", "Some were going even farther." (farther than whom?). Later or
    the next day than what, the reader of a paragraph that starts there cannot tell."""
    if adds_to_before(doc, [False] * len(doc)):
        return doc[:2].text  # "Another staffer ...", "Even a member ...": one more than whom?
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    for t in doc[:root.i]:
        if t.lower_ in _AFTER_THAT and t.dep_ in ("advmod", "npadvmod") and t.head.i == root.i:
            return doc[t.left_edge.i:t.i + 1].text
        if (t.lemma_.lower() in _TIME_NOUNS and t.dep_ == "npadvmod" and t.head.i == root.i
                and any(c.lower_ in _RELATIVE_DAY for c in t.children)):
            return doc[t.left_edge.i:t.i + 1].text
    for t in doc:
        if (t.lower_ == "even" and t.head.tag_ in ("RBR", "JJR") and t.head.i == t.i + 1
                and not any(c.lower_ == "than" for c in doc[t.i:])):
            return f"{t.text} {t.head.text}"
    return None


def _addressee_of(m: Token, pronoun: Token) -> bool:
    """`m` is who the sentence's opening phrase addresses, so not the subject pronoun after it:
    "In a pointed warning to the prime minister, he added ..." (he is not the prime minister)."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or not _in_opening_phrase(m) or m.i > pronoun.i:
        return False
    head = m if m.dep_ == "pobj" else next((a for a in m.ancestors if a.dep_ == "pobj"), None)
    return head is not None and head.head.lower_ == "to" and head.head.head.pos_ == "NOUN"


def _points_back(first: Token) -> bool:
    """The sentence's first word points back at something before it: "This came after ...",
    "It said ..."; not "This week ...", "It is clear that ...", "It was a day of ..." or a
    title ("This Is It")."""
    low = first.lower_
    if low in _DEMONSTRATIVES and first.pos_ in ("DET", "PRON"):
        return not first.ent_type_ and first.head.ent_type_ not in ("DATE", "TIME") and not _in_a_title(first)
    if low in ("it", "its"):
        return first.dep_ != "expl" and lemma_of(first.head) != "be" and not _expletive(first)
    return False


def _in_opening_phrase(t: Token) -> bool:
    """`t` lies in a phrase or clause that opens the sentence before its main verb, not in
    the subject."""
    root = next((x for x in t.doc if x.dep_ == "ROOT"), None)
    if root is None or t.i > root.i:
        return False
    branch = next((a for a in [t, *t.ancestors] if a.head.i == root.i and a.i != root.i), None)
    return branch is not None and branch.dep_ in ("prep", "advcl", "advmod", "npadvmod")


def _main_clause(verb: Token) -> bool:
    """The verb is the sentence's main one, or joined to it ("... and the talks lasted")."""
    while verb.dep_ == "conj":
        verb = verb.head
    return verb.dep_ == "ROOT"


def _expletive(t: Token) -> bool:
    """"It is clear that ...", "It was not known whether ...": "it" stands for nothing."""
    head = t.head
    return any(c.dep_ in ("ccomp", "xcomp", "csubj") or c.dep_ == "acomp" and any(
        g.dep_ in ("ccomp", "xcomp") for g in c.children) for c in head.children)


def _definite_act(r: _Reading, noun: Token) -> str | None:
    """"the move", "his admission": a definite noun naming an act, as the subject of its
    clause, that nothing before has told."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.ent_type_ or not noun.is_lower:
        return None
    determiners = [c for c in noun.children if c.dep_ in ("det", "poss")]
    definite = any(c.lower_ in ("the", "this", "these") or c.dep_ == "poss" for c in determiners)
    verb = noun.head
    if not definite or lemma_of(verb) not in PLACING_VERBS or not _main_clause(verb):
        return None
    if any(c.dep_ in ("dobj", "xcomp", "ccomp", "attr") for c in verb.children):
        return None  # an agent doing something ("his forces have begun attacking"), not a happening placed
    if noun.lower_.endswith(_AGENT_ENDINGS) and not noun.lower_.endswith(("order", "ment")):
        return None  # a person: "Michael Jackson's doctor"
    if any(c.dep_ == "prep" and any(g.dep_ == "pobj" and g.pos_ != "PRON" for g in c.children)
           for c in noun.children):
        return None  # "the trial of Michael Jackson's physician" says which trial
    if any(c.dep_ in ("amod", "compound") and c.pos_ in ("PROPN", "ADJ") and c.ent_type_ for c in noun.children):
        return None  # "the Syrian government"
    act = nominalised_verb(noun.lemma_)
    if act is None:
        return None
    met = _context_words(r, noun.left_edge.i)
    if noun.lemma_.lower() in met or noun.lower_ in met or act in met:
        return None
    start = min([c.left_edge.i for c in noun.children if c.dep_ in ("det", "poss", "amod", "compound")] + [noun.i])
    return f"{noun.doc[start:noun.i + 1].text!r} refers to nothing told before"


# Bodies of many kinds, one of which the source had named ("The group said about 200
# demonstrators ...", "The network said ..."): a story has many, and the reader cannot tell
# which. ("The company", "the union" of a story about one are left to the story's context.)
_KINDS_OF_BODY = {"group", "organisation", "organization", "alliance", "coalition", "movement", "network",
                  "website", "site", "channel", "campaign", "paper", "newspaper", "magazine", "broadcaster"}


def _unnamed_body(r: _Reading, noun: Token) -> str | None:
    """"The group said ...": a body named only by its kind, as the subject, that the reader
    has not met named (no "group" before it, and no name of its own beside it)."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.lemma_.lower() not in _KINDS_OF_BODY or not noun.is_lower:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return None
    if any(c.dep_ in ("amod", "compound", "prep", "appos", "acl", "relcl", "nmod") for c in noun.children):
        return None  # "the Facebook group", "the group of lawyers", "the group, April 6, ..."
    if noun.lemma_.lower() in _context_words(r, noun.i):
        return None
    return f"'the {noun.text}': which {noun.lemma_}? None was named before"


# --- month without year ----------------------------------------------------------------------


def month_without_year(r: _Reading) -> list[str]:
    """A month ("in January") with no year in the sentence, its heading or date label, or a
    sentence before it in the paragraph: the reader cannot tell which January."""
    texts = [r.doc.text, r.label, r.shown.heading, *r.shown.before]
    if any(_YEAR.search(x) for x in texts if x):
        return []
    for t in r.doc:
        nxt = r.doc[t.i + 1] if t.i + 1 < len(r.doc) else None
        if nxt is not None and nxt.is_title and nxt.pos_ == "PROPN":
            continue  # "May Day", "March Madness": a name, not a date
        if t.text in MONTHS and not r.quoted[t.i] and t.tag_ in ("NNP", "NN") and (
                t.text != "May" or t.ent_type_ == "DATE" or t.dep_ == "pobj"):
            return [f"{t.text!r} with no year the reader can tell"]
    return []


# --- unattributed opinion --------------------------------------------------------------------

# Adverbs by which a writer vouches for a claim: a briefing reports, it does not vouch.
_STANCE_ADVERBS = {"clearly", "undoubtedly", "arguably", "obviously", "surely", "evidently", "certainly",
                   "doubtless", "undeniably", "unquestionably", "admittedly", "sadly", "fortunately",
                   "unfortunately", "regrettably", "thankfully", "rightly", "wrongly"}
_COPULAS = {"be", "seem", "appear", "remain", "become", "look", "prove"}
# Adjectives that judge whoever or whatever they describe: in the writer's own voice ("one of
# the most reckless acts of cultural vandalism in recent memory"), a view no source is said to
# hold. (The parse cannot tell a judgement from a description; a list can.)
_JUDGEMENTS = {"reckless", "shameful", "disgraceful", "outrageous", "appalling", "absurd", "ridiculous",
               "scandalous", "deplorable", "despicable", "cowardly", "heroic", "foolish", "stupid", "idiotic",
               "pathetic", "hypocritical", "disgusting", "wicked", "heinous", "senseless", "inexcusable",
               "unforgivable", "laudable", "admirable", "commendable", "misguided", "incompetent", "inept",
               "farcical", "grotesque", "obscene", "shameless", "contemptible", "abhorrent", "sickening"}


def unattributed_opinion(r: _Reading) -> list[str]:
    """The writer's own view: a first person outside quotation marks, or a judgement (a
    stance adverb; a comparison or superlative said of an actor) with nobody it is from."""
    found = []
    for t in r.doc:
        if not r.quoted[t.i] and t.pos_ == "PRON" and "1" in t.morph.get("Person") and t.text != "US":
            found.append(f"first person {t.text!r} outside quotation marks")
            break
        if not r.quoted[t.i] and t.pos_ == "PRON" and t.lower_ in ("you", "your", "yourself"):
            found.append(f"{t.text!r}: the writer speaking to the reader")  # "The allies, you see, ..."
            break
    if says_who(r.doc.text) or any(lemma_of(t) in SAYING_VERBS and t.pos_ in ("VERB", "AUX") and not r.quoted[t.i]
                                   for t in r.doc):
        return found
    if (words := _unsaid_quotation(r)) is not None:
        found.append(f"quotes {words!r} with nobody said to have said it")
    for t in r.doc:
        if r.quoted[t.i]:
            continue
        if t.lower_ in _STANCE_ADVERBS and t.dep_ == "advmod":
            found.append(f"{t.text!r}: the writer's judgement, from no source")
            break
        if t.lower_ in _JUDGEMENTS and t.pos_ == "ADJ":
            found.append(f"{t.text!r}: the writer's judgement, from no source")
            break
        if t.dep_ == "acomp" and t.pos_ == "ADJ" and lemma_of(t.head) in _COPULAS and _compared(t):
            subject = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            if subject is not None and (subject.pos_ == "PROPN" or subject.ent_type_ in
                                        ("NORP", "ORG", "GPE", "LOC", "PERSON")):
                found.append(f"'{subject.text} ... {t.text}': a comparison nobody is said to make")
                break
    return found


# Words, at least, of a quotation that says something (a clause, not a name or a label like
# "inadequate"), which needs a speaker in the sentence.
QUOTED_CLAIM_WORDS = 5


def _unsaid_quotation(r: _Reading) -> str | None:
    """A quoted clause and no one in the sentence to have said it (the sentence is called after
    the saying verbs were looked for): 'Moammar Gadhafi's government "will be held accountable
    for whatever violence continues ..."' (Obama, in the sentence before, said it)."""
    run: list[Token] = []
    for t in [*r.doc, None]:
        if t is not None and r.quoted[t.i]:
            run.append(t)
            continue
        words = [x for x in run if not x.is_punct]
        if len(words) >= QUOTED_CLAIM_WORDS and any(x.pos_ in ("VERB", "AUX") for x in words):
            return " ".join(x.text for x in words[:6]) + (" ..." if len(words) > 6 else "")
        run = []
    return None


def _compared(adjective: Token) -> bool:
    return adjective.tag_ in ("JJR", "JJS") or any(
        c.tag_ in ("RBR", "RBS") and c.lower_ in ("more", "most", "less", "least") for c in adjective.children)


# --- title -----------------------------------------------------------------------------------

_ELLIPSIS = re.compile(r"\.\.\.|\u2026")
_STRAY_MARK = re.compile(r"`|(?<=\s)['\u2018\u201c\"]\s|\s['\u2019\u201d\"](?=\s|$)")


def title_problems(r: _Reading) -> list[str]:
    """What a heading, a timeline row or the story's title must not be: cut ("...", a
    trailing colon), a speaker's label ("President Obama:") or a quotation fragment after a
    label, stray or unbalanced quotation marks, two titles run together, or too short to
    say what happened."""
    text = typeset(r.doc.text.strip())
    found = []
    words = [t for t in r.doc if t.is_alpha]
    if len(words) < 2:
        found.append("fewer than two words")
    if text.rstrip(QUOTE_CHARS + " ").endswith(":"):
        found.append("ends on a colon")
    if len(words) >= 2 and all(w.text.isupper() for w in words if len(w.text) > 1):
        found.append("set in capitals: a page's label, not a headline")
    if _ELLIPSIS.search(text):
        found.append("an ellipsis: words left out")
    if text.rstrip(QUOTE_CHARS + " ").endswith("?") and not r.shown.section.startswith("Title"):
        found.append("a question ('What was the legal advice?'): an article's subheading, not what happened")
    if not balanced(text) or _STRAY_MARK.search(text):
        found.append("stray or unbalanced quotation marks")
    found += _labels(r)
    if len(words) == 2 and not any(t.pos_ in ("VERB", "AUX") or t.pos_ == "PROPN" for t in r.doc) \
            and not r.shown.section.startswith("Title"):
        found.append(f"{text!r} does not say what happened")
    if r.shown.section.startswith("Title"):
        found += _story_name(r)
    together = [x for x in run_together(r) if "two subjects" in x or "new sentence" in x or "runs into" in x
                or "has no subject and nothing joins" in x
                or "opens it" in x or "caption for" in x or "in a row" in x or "name runs into" in x]
    speaking = next((t for t in r.doc if t.lower_ in _SPEAKING_PERSONS and t.pos_ == "PRON" and not r.quoted[t.i]), None)
    if speaking is not None:
        found.append(f"speaks as {speaking.text!r}: someone's words, not a headline")
    if (when := _relative_time(r)) is not None:
        found.append(f"{when!r} says when only against its article's day; the title's date says when")
    if (pictured := _pictured(r)) is not None:
        found.append(f"a picture's caption ({pictured!r}): who and where, not what happened")
    # (a title that is a quotation, most of it, and nobody's: part of one after a verb is the verb's)
    if quoted_share(r.doc.text) > TITLE_QUOTED and (words_ := _unsaid_quotation(r)) is not None \
            and not says_who(r.doc.text) and not any(
            lemma_of(t) in SAYING_VERBS and t.pos_ in ("VERB", "AUX") and not r.quoted[t.i] for t in r.doc):
        found.append(f"quotes {words_!r} with nobody said to have said it")  # '"We have counted 30 dead civilians"'
    if (header := _ARTICLE_HEADER.search(r.doc.text)) is not None:
        found.append(f"an article's byline or timestamp ({header[0].strip()!r}), not what happened")
    return found + together[:1] + _headline_cut(r) + _title_alone(r)


TITLE_QUOTED = 0.7  # a title this much of which is quoted is a quotation

# What heads an article, not a headline: a byline ("By Alistair Bell") or a clock time
# ("2009 04 25 08:50 JST").
_ARTICLE_HEADER = re.compile(r"(?:^|\s)By\s+[A-Z][\w'\u2019-]+\s+[A-Z][\w'\u2019-]+|\b\d{1,2}:\d{2}\b")


def _relative_time(r: _Reading) -> str | None:
    """"The attorney general last night threatened ...": a time read against the day the
    article came out ("now" and "recently" aside: they say only that it is so)."""
    for m in RELATIVE_TIME.finditer(r.doc.text):
        span = r.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and not r.quoted[span.start] and m[0].lower() not in ("now", "currently", "recently"):
            return m[0]
    return None


_WHERE_PICTURED = {"at", "during", "outside", "inside", "near", "beside"}  # not "in talks", "on trial"


def _pictured(r: _Reading) -> str | None:
    """"Tony Blair at a Labour poster launch": a person and where they were, with no verb."""
    doc = r.doc
    if any(t.pos_ in ("VERB", "AUX") for t in doc):
        return None
    person = next((e for e in doc.ents if e.label_ == "PERSON" and e.start == 0), None)
    if person is None or person.end >= len(doc) or doc[person.end].lower_ not in _WHERE_PICTURED:
        return None
    return doc.text


# A title's subject that points back at what only the article had named ("It must evolve ...").
_TITLE_PRONOUNS = {"it", "he", "she", "they", "this", "these", "those"}
# "24 - Anti-government militias take control ...": a chronology's line, its month lost.
_CHRONOLOGY_DAY = re.compile(r"^\d{1,2}(?:/\d{1,2})?\s+[-\u2013\u2014]\s")
_WEEKDAYS = {d.lower() for d in WEEKDAYS}
# Words that answer a sentence before ("But officials warned ...", "However, ...").
_ANSWERS = {"but", "and", "however", "yet", "so", "meanwhile", "also", "nevertheless", "instead"}
# Words that need words before them ("[Six years] ago came ...").
_NEEDS_BEFORE = {"ago"}


def _title_alone(r: _Reading) -> list[str]:
    """A title is read alone, in the timeline and over its event: it names who or what ("It
    must continually evolve ...", "The circumstances of his demise" do not), opens on neither a
    word that needs those before it ("Ago", "But") nor a chronology's day or a weekday ("24 -
    Anti-government militias ...", "Monday Libyan leader ..."), its verb has a subject ("Taking
    the total to 27", "Could spark a global pandemic", "Explores the impact of ..."), it holds
    one headline ("... swine flu cases The widow of ..."), it is more than a circumstance ("At
    the end of the Iraq war") and it points at no page ("... available here")."""
    doc, found = r.doc, []
    pronoun = next((t for t in doc if not r.quoted[t.i] and t.lower_ in _TITLE_PRONOUNS
                    and t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.dep_ == "ROOT"), None)
    owner = next((t for t in doc if not r.quoted[t.i] and t.lower_ in _PERSONAL | _PLURAL_PRONOUNS and not any(
        (_one_person if t.lower_ in _PERSONAL else _people_or_bodies)(m) for m in doc[:t.i])), None)
    act = _act_told_before(r) or _role_told_before(r)
    if pronoun is not None:
        found.append(f"{pronoun.text!r} points at nothing: a title says who or what")
    elif owner is not None:
        found.append(f"{owner.text!r} points at nobody the title names")  # "The circumstances of his demise"
    elif act is not None:
        found.append(f"'the {act.text}' points back: the title does not say who or what")  # "The cancellation was due to ..."
    words = [t for t in doc if not t.is_punct and t.text not in QUOTE_CHARS]
    first = words[0] if words else None
    if first is not None and not r.quoted[first.i] and first.lower_ in _NEEDS_BEFORE:
        found.append(f"opens on {first.text!r}: the words before it were cut")
    elif _CHRONOLOGY_DAY.match(doc.text) or (first is not None and first.lower_ in _WEEKDAYS and len(words) > 1
                                             and words[1].is_title):
        found.append(f"opens on {first.text!r}: a chronology's day or a weekday run into the headline")
    elif first is not None and (first.pos_ == "CCONJ" or first.lower_ in _ANSWERS):
        found.append(f"opens on {first.text!r}: it answers a sentence that is not shown")
    elif first is not None and not r.quoted[first.i] and _opens_on_a_verb(first) and not _subjects(
            first.head if first.dep_ in ("aux", "auxpass") else first):
        found.append(f"opens on {first.text!r}: nobody is said to do it")
    elif first is not None and first.pos_ == "ADP" and first.head.i == first.i and not any(
            t.pos_ in ("VERB", "AUX") for t in doc):
        found.append(f"only where or when ({doc.text!r}): it does not say what happened")  # "At the end of the war"
    elif first is not None and first.pos_ in ("ADP", "SCONJ") and (comma := next(
            (t for t in doc if t.text == "," and not r.quoted[t.i]), None)) is not None and not any(
            t.pos_ in ("VERB", "AUX") for t in doc[comma.i + 1:]):
        # "By the time Bremer left the post eight months later, $ 8.8 bn": the sentence after it was cut
        found.append(f"the opening {doc[:comma.i].text!r} has no sentence after it")
    new = _second_headline(r)
    if new is not None:
        found.append(f"a second headline begins at {new.text!r} ({doc[max(0, new.i - 3):new.i + 3].text!r})")
    if adds_to_before(doc, r.quoted):
        found.append("it tells one more, or the same again, of something no title before it told")  # "The same album"
    here = _here(r)
    if not r.shown.section.startswith("Title") and (standing := _no_happening(r)):
        found.append(standing)
    return found + ([here] if here else [])


# Endings that make a noun of a verb ("cancellation", "announcement", "withdrawal", "closure").
_ACT_ENDINGS = ("tion", "sion", "ment", "al", "ance", "ence", "ure")


def _title_subject(r: _Reading) -> tuple[Token | None, Token | None]:
    """(the title's main verb, its subject), either None where the parse has none."""
    root = next((t for t in r.doc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    return root, subject


def _act_told_before(r: _Reading) -> Token | None:
    """The title's subject is "the" and an act by itself ("The cancellation was due to
    'unavoidable circumstances'", "The move came ..."): the act was told in a sentence before,
    which a title, read alone, does not have."""
    root, subject = _title_subject(r)
    if subject is None or r.quoted[subject.i] or subject.pos_ != "NOUN" or subject.ent_type_ \
            or [(c.dep_, c.lower_) for c in subject.children] != [("det", "the")]:
        return None
    if lemma_of(root) not in PLACING_VERBS | {"be"} or subject.lemma_.lower() in _KINDS_OF_BODY | _INSTITUTIONS:
        return None  # ("The government announced a curfew": a body, doing something)
    word = subject.lower_
    if word == "move" or (word.endswith(_ACT_ENDINGS) and nominalised_verb(subject.lemma_) is not None):
        return subject
    return None


def _role_told_before(r: _Reading) -> Token | None:
    """The title's subject is someone named only by "the" and a role, or their kin ("The
    leader's son acknowledged changing times"), and the title names no one: who they are was in
    a sentence before, which a title, read alone, does not have."""
    _, subject = _title_subject(r)
    if subject is None or r.quoted[subject.i] or any(e.label_ == "PERSON" for e in r.doc.ents):
        return None
    for noun in [subject, *(c for c in subject.children if c.dep_ == "poss")]:
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in ROLE_NOUNS and \
                [(c.dep_, c.lower_) for c in noun.children if c.dep_ != "case"] == [("det", "the")]:
            return noun
    return None


# Bodies whose names end as acts do ("government"), not counted as acts.
_INSTITUTIONS = {"government", "parliament", "department", "establishment", "management", "movement", "tribunal",
                 "administration", "opposition", "federation", "organisation", "organization", "coalition",
                 "commission", "delegation", "foundation", "association", "corporation", "station", "nation"}


def _no_happening(r: _Reading) -> str | None:
    """An event's title that tells no happening, only what someone or something is ("The NIBSC
    is one of a small group of influenza centres"). (What is true of a kind in general, "Flu
    viruses mutate over time", reads as a headline does, "Protesters say ...": not told apart.)"""
    doc = r.doc
    root, _ = _title_subject(r)
    if root is None or r.quoted[root.i]:
        return None
    if lemma_of(root) == "be" and root.pos_ == "AUX" and any(c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON")
                                                            for c in root.children) \
            and not any(c.dep_ in ("neg", "aux", "advmod") for c in root.children) \
            and not any(e.label_ == "DATE" for e in doc.ents):  # ("is no longer", "is now": a change)
        return f"says what {doc[:root.i].text!r} is, not what happened"
    return None


def runs_together(text: str, parse) -> bool:
    """The sentence, read alone, is two run together (`run_together`): a caption or headline
    and a sentence. Only this kind is read (titles are made from sentences that are not)."""
    doc = parse([text])[0]
    return bool(run_together(_Reading(Shown("Events", text), "", doc, _quoted(doc), None, ())))


def title_mended(text: str, parse) -> str | None:
    """A title with something run into it, mended from its own words, or None: the first of
    two headlines ("Mexico to re-test swine flu cases" of "... swine flu cases The widow of
    ..."), the headline without the outlet's name before it ("CNN Demonstrators clash ...")."""
    doc = parse([text])[0]
    r = _Reading(Shown("Events", text, title=True), "", doc, _quoted(doc), None, ())
    if _outlet_run_in(doc):
        return doc[2 if doc[1].is_punct else 1:].text
    new = _second_headline(r)
    if new is not None and new.i >= 3:
        return doc[:new.i].text.rstrip(" ,;:-\u2013\u2014")
    return None


def _second_headline(r: _Reading) -> Token | None:
    """The first word of a second headline run into the title: a new sentence's capital
    ("... cases The widow of ...") or a person's name after a place ("... Cardiff Michael ...")."""
    return next((t for t in r.doc if t.pos_ in ("DET", "PRON") and _starts_a_sentence_inside(t, r)), None) \
        or _name_run_in(r.doc)


def _name_run_in(doc: Doc) -> Token | None:
    """A person's name straight after another name that is no title or role ("Final preparations
    in Cardiff Michael Jackson died aged 50"): the first headline ended at the place."""
    for t in doc[1:]:
        prev = doc[t.i - 1]
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and prev.pos_ == "PROPN" and prev.ent_type_ != "PERSON" \
                and prev.is_title and not prev.is_upper and prev.ent_type_ != "NORP" and not _ordinary_word(prev.text):
            return t
        # "... gets four years in prison Michael Jackson's former doctor": a bare common noun, no
        # role ("the judge Michael Pastor", "his son Prince" have their article or owner)
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and t.is_title and prev.pos_ == "NOUN" and prev.is_lower \
                and not _a_person(prev) and not any(c.dep_ in ("det", "poss", "amod", "nummod") for c in prev.children) \
                and prev.i > 0 and doc[prev.i - 1].pos_ == "ADP":
            return t
    return None


def _opens_on_a_verb(first: Token) -> bool:
    """The title's first word is a verb (or a modal) heading the clause, not a noun: "Taking",
    "Could", "Explores" (which the parse can read as a plural noun)."""
    from lemminflect import getAllLemmas

    if first.dep_ not in ("ROOT", "aux", "auxpass"):
        return False
    if first.tag_ in ("VBG", "MD", "VBZ", "VBD", "VBP"):
        return True
    low = first.lower_
    return first.tag_ == "NNS" and bool(getAllLemmas(low, upos="VERB")) and not getAllLemmas(low, upos="NOUN")


def _here(r: _Reading) -> str | None:
    """"here" outside quotation marks: the writer's place ("Here in Egypt, people were ...") or a
    link on the page ("... are still available here"), neither of which the briefing has."""
    t = next((t for t in r.doc if t.lower_ == "here" and not r.quoted[t.i] and t.pos_ == "ADV"), None)
    return f"{t.text!r} points at the writer's place or a page the reader does not have" if t is not None else None


_SPEAKING_PERSONS = {"i", "me", "my", "we", "us", "our", "you", "your"}


# The sentence check's cut tags, the possessive mark aside, and an existential "there" ("...,
# saying there"), whose verb was cut.
_TITLE_CUT_TAGS = _CUT_TAGS - {"POS"} | {"EX"}


AUXILIARIES = {"had", "has", "have", "was", "were", "is", "are", "will", "would", "could", "should", "can", "may",
                "might", "must", "shall", "been", "being", "be", "did", "does", "do"}


_TOLD = {"tell", "warn", "inform", "advise", "order", "urge", "ask", "instruct", "remind"}


# Titles that stand before a name and never end a headline.
TITLES_BEFORE_A_NAME = {"Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt",
                         "Cllr", "St"}


def _headline_cut(r: _Reading) -> list[str]:
    """A headline that stops short ("... mixed a previously sung clause with") or whose verb has
    lost its subject ("In an exclusive interview with CNN said it is ..."): the words were
    cut from a longer sentence at the wrong place."""
    words = [t for t in r.doc if not t.is_punct and not t.is_space]
    if not words:
        return []
    last, found = words[-1], []
    if last.tag_ in _TITLE_CUT_TAGS and last.dep_ != "prt" and not r.quoted[last.i]:
        found.append(f"ends on {last.text!r}")
    elif last.lower_ in AUXILIARIES and not r.quoted[last.i]:
        found.append(f"ends on {last.text!r}: the verb after it was cut")  # "..., had"
    elif last.text.rstrip(".") in TITLES_BEFORE_A_NAME and not r.quoted[last.i]:
        found.append(f"ends on {last.text!r}: the name after it was cut")  # "... 'hid drug dose' Dr"
    root = next((t for t in r.doc if t.dep_ == "ROOT"), None)
    if root is not None and lemma_of(root) in _TOLD and any(c.dep_ == "auxpass" for c in root.children) and not any(
            c.dep_ in ("ccomp", "xcomp", "dobj", "attr", "oprd", "prep") and c.lower_ != "by" for c in root.children):
        found.append(f"{root.text!r} what? The rest was cut")  # "Tony Blair was told by the law officer"
    if root is not None and root.tag_ in ("VBD", "VBZ", "VBP") and root.i > 0 and lemma_of(root) != "be" \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children) \
            and any(t.dep_ == "prep" and t.head.i == root.i and t.i < root.i for t in r.doc):
        found.append(f"{root.text!r} has no subject")
    return found


def _labels(r: _Reading) -> list[str]:
    """"Label: 'quotation'": the label must name a happening, not a speaker or a word like
    "There"; what is quoted must be a clause of its own; and no second label may follow."""
    doc = r.doc
    colons = [t for t in doc if t.text == ":" and not r.quoted[t.i]]
    if not colons:
        return []
    found = []
    for colon in colons[1:]:
        found.append(f"a second label before {doc[colon.i + 1:].text[:30]!r}" if colon.i + 1 < len(doc)
                     else "a speaker's label at the end")
    label = doc[:colons[0].i]
    after = doc[colons[0].i + 1:]
    if r.shown.section.startswith("Title") and after.text.strip().lower() in ("news briefing",):
        return found
    if label and not any(t.pos_ in ("NOUN", "PROPN", "VERB") for t in label):
        found.append(f"the label {label.text!r} names nothing")
    elif label and label.root.pos_ == "PROPN" and label.root.ent_type_ == "PERSON":
        found.append(f"a speaker's label ({label.text!r}) where a title says what happened")
    elif label and (head := label.root).pos_ == "NOUN" and nominalised_verb(head.lemma_) is None \
            and not head.ent_type_ and _quotation(after):
        found.append(f"the label {label.text!r} names no happening")
    inner = [t for t in after if r.quoted[t.i] and not t.is_punct and t.text not in QUOTE_CHARS]
    if inner and len(inner) >= len([t for t in after if not t.is_punct]) - 1:
        # the whole part after the label is quoted: it must be a clause of its own
        has_clause = any(r.quoted[c.i] and c.dep_ in ("nsubj", "nsubjpass", "expl")
                         and (_finite(t) or any(_finite(x) for x in t.children if x.dep_ in ("aux", "auxpass")))
                         for t in inner for c in t.children)
        first = inner[0]
        if first.is_lower and first.pos_ in ("ADP", "CCONJ", "SCONJ"):
            found.append(f"a quotation fragment opening on {first.text!r}")
        elif not has_clause:
            found.append(f"a quotation fragment ({' '.join(t.text for t in inner[:6])!r} ...) after the label")
    return found


def _quotation(span) -> bool:
    return any(t.is_quote or t.text in QUOTE_CHARS for t in span)


def _ordinary_word(word: str) -> bool:
    """`word` is an ordinary English noun or adjective in lemminflect's lexicon ("council",
    "chief", "demonstrators"), not only a name ("Cardiff")."""
    from lemminflect import getAllLemmas

    low = word.lower()
    return bool(getAllLemmas(low, upos="NOUN") or getAllLemmas(low, upos="ADJ"))


def _story_name(r: _Reading) -> list[str]:
    """The story's title names it by what no reader can place: a body's name of one or two
    words that are all ordinary English words ("Security Council": of which country or
    organisation?), where "Devon County Council" or "BP" says which. lemminflect's lexicon
    holds the ordinary words; a well-known name of ordinary words ("White House") is flagged
    too."""
    label = r.doc.text.split(":")[0].strip()
    names = [w for w in label.split() if w[:1].isupper()]
    if names and all(_ordinary_word(w) for w in names) and len(names) <= 2:
        return [f"{label!r} names a kind of body, not which one the story is about"]
    return []


# --- told twice ------------------------------------------------------------------------------

# Share of the shorter sentence's content words the longer must hold to repeat it: 0.8 keeps
# a sentence that adds one fact in five (the Summary's sentence and its event's own).
REPEAT_OVERLAP = 0.8
# Fewer content words than this are too few to call a repeat ("Ofsted said so.").
REPEAT_MIN_WORDS = 4


def told_twice(readings: Sequence[_Reading]) -> dict[int, str]:
    """Index of each sentence that repeats one shown before it -> which one."""
    seen: list[tuple[int, str, set[str]]] = []
    found: dict[int, str] = {}
    for i, r in enumerate(readings):
        if r.shown.title:
            continue  # a title is repeated by design: the timeline row and the event's heading
        text = normalise(r.doc.text).lower()
        words = set(content_words(r.doc.text))
        for j, other_text, other_words in seen:
            shorter = min(len(words), len(other_words))
            same = text == other_text or (shorter >= REPEAT_MIN_WORDS
                                          and len(words & other_words) >= REPEAT_OVERLAP * shorter)
            if same:
                other = readings[j].shown
                found[i] = f"repeats {other.section}: {other.text[:60]!r}"
                break
        seen.append((i, text, words))
    return found


# --- the check -------------------------------------------------------------------------------

_SENTENCE_CHECKS: tuple[tuple[str, Callable[[_Reading], list[str]]], ...] = (
    (CUT, cut), (RUN_TOGETHER, run_together), (FRAGMENT, fragment), (CASE, case), (WORD_FORM, word_form),
    (DANGLING, dangling_reference), (MONTH_WITHOUT_YEAR, month_without_year), (OPINION, unattributed_opinion),
)
_TITLE_CHECKS: tuple[tuple[str, Callable[[_Reading], list[str]]], ...] = ((TITLE, title_problems), (CASE, case))


def read_as_a_reader(shown: Sequence[Shown], parse=None) -> tuple[Problem, ...]:
    """Every problem a reader meets in `shown`, in the order shown.

    Args:
        shown: the sentences as printed, each with its heading and the sentences before it
            (`shown_in_docx` reads them from a built briefing).
        parse: texts -> spaCy Docs (`briefing.parse.shared()` by default; a `Parser` is asked
            for named entities). Every text is parsed once, in one call.

    Example:
        >>> found = read_as_a_reader([Shown("Summary", "The council said it would appeal.")])
        >>> found
        ()
    """
    if parse is None:
        from .parse import shared

        parse = shared()
    parse = getattr(parse, "with_entities", parse)
    labelled = [split_label(x.text) for x in shown]
    headings = [_heading(x.heading) for x in shown]
    texts = list(dict.fromkeys([body for _, body in labelled] + [words for _, words in headings if words]
                               + [b for x in shown for b in x.before]))
    docs = dict(zip(texts, parse(texts)))
    readings = []
    for x, (label, body), (heading_label, heading) in zip(shown, labelled, headings):
        doc = docs[body]
        readings.append(_Reading(x, label or heading_label, doc, _quoted(doc), docs[heading] if heading else None,
                                 tuple(docs[b] for b in x.before)))
    repeats = told_twice(readings)
    problems = []
    for i, r in enumerate(readings):
        for kind, check in (_TITLE_CHECKS if r.shown.title else _SENTENCE_CHECKS):
            problems += [Problem(r.shown, kind, detail) for detail in check(r)]
        if i in repeats:
            problems.append(Problem(r.shown, TOLD_TWICE, repeats[i]))
    return tuple(problems)


def _heading(heading: str) -> tuple[str, str]:
    """(date label, words) of a heading: ("May 2021", "Visit") of "May 2021 — Visit",
    ("22 April 2010", "") of a key point's or timeline row's date."""
    heading = heading.strip()
    if re.fullmatch(_LABEL, heading):
        return heading, ""
    return split_label(heading)


# --- reading a briefing ----------------------------------------------------------------------


def shown_in_docx(path: Path | str | Document) -> list[Shown]:
    """The sentences of a built briefing's body as its reader meets them: the story's title,
    the Summary, Key points, Timeline rows, period openings, event headings and paragraphs,
    each paragraph cut into sentences (at its footnote marks, where the briefing put one after
    each sentence, then at sentence ends), up to the appendices. `path` may be a document
    built in memory (the build reads its own briefing before saving it).

    Raises:
        BriefingError: the file is not a Word document.

    Example:
        >>> [s.section for s in shown_in_docx("output/briefing.docx")][:3]  # doctest: +SKIP
        ['Title', 'Summary', 'Summary']
    """
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    from .docx.blocks import text_between_notes

    if isinstance(path, (str, Path)):
        try:
            document = docx.Document(str(path))
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:  # not a Word package
            raise BriefingError(f"Cannot read {path}: it is not a Word .docx file ({exc.__class__.__name__}).") from None
    else:
        document = path  # a document built in memory, not yet saved
    shown: list[Shown] = []
    section, heading, after_title = "", "", False
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            if section == "Timeline":
                for row in block.rows[1:]:
                    cells = [c.text.strip() for c in row.cells]
                    if len(cells) >= 2 and cells[1]:
                        shown.append(Shown("Timeline", cells[1], heading=cells[0], title=True))
            continue
        style = block.style.name if block.style is not None else ""
        text = " ".join(block.text.split())
        if not text:
            continue
        if style == "Title":
            shown.append(Shown("Title", text, title=True))
            after_title = True
            continue
        if style.startswith("Heading"):
            after_title = False
            level = style.rsplit(" ", 1)[-1]
            if level == "1":
                if text in APPENDIX_HEADINGS:
                    break
                section, heading = text, ""
                continue
            if section == "Events":
                heading = text
                label, rest = split_label(text)
                if rest != text and not (label and rest == ""):
                    shown.append(Shown("Events", text, heading=label, title=True))
            continue
        if after_title or section in ("", _CHANGES_HEADING):
            continue  # the date built and the count of articles; the list of changes
        sentences = paragraph_sentences([" ".join(p.split()) for p in text_between_notes(block._p)] or [text])
        where = f"Events: {heading}" if section == "Events" and heading else section
        for i, sentence in enumerate(sentences):
            shown.append(Shown(where, sentence, heading=heading if section == "Events" else "",
                               before=tuple(sentences[:i]) if style != "List Bullet" else ()))
    return shown


def paragraph_sentences(pieces: Sequence[str]) -> list[str]:
    """The sentences of a paragraph's pieces (each the text before a footnote mark): split
    at sentence ends, joined again where a quotation runs over a sentence end."""
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        pending = ""
        for s in split_sentences(piece):
            pending = f"{pending} {s}".strip()
            if balanced(pending):
                out.append(pending)
                pending = ""
        if pending:
            out.append(pending)
    return [s.lstrip("\u2022 ").strip() for s in out if s.strip("\u2022 ")]


# --- mending a briefing before it is written ---------------------------------------------------

# What a sentence shows wherever it stands: a candidate sentence with one of these is passed
# over for the next (`briefing.checks.check_sentence`). The others need the briefing around it.
STANDALONE_KINDS = (CUT, RUN_TOGETHER, FRAGMENT, CASE, WORD_FORM, DANGLING, OPINION)
# Leaving a sentence out can strand the one after it ("He added ..."): the briefing is read
# again, up to this many times.
MEND_ROUNDS = 3


@dataclass(frozen=True)
class Mended:
    left_out: frozenset[str]  # the sentences left out, as printed (spaces folded)
    problems: tuple[Problem, ...]  # why each was left out, then what remains: titles, which cannot go


def standalone_problems(text: str, parse=None) -> list[str]:
    """What a reader stops at in `text` wherever it is printed ("cut: ends on 'and'")."""
    return [f"{p.kind}: {p.detail}" for p in read_as_a_reader([Shown("", text)], parse)
            if p.kind in STANDALONE_KINDS]


def mend(render: Callable[[frozenset[str]], Document], parse=None) -> Mended:
    """The sentences to leave out of a briefing so that its reader stops at none.

    Args:
        render: the briefing as it would be written without the given sentences (as printed,
            spaces folded; `leaves_out` says whether one of them is a stored sentence).
        parse: as for `read_as_a_reader`.

    Every sentence the reader stops at is left out and the briefing read again, until a reading
    finds nothing new to leave out. A heading cannot be left out: its problems are returned.
    """
    left: set[str] = set()
    why: list[Problem] = []
    found: tuple[Problem, ...] = ()
    for _ in range(MEND_ROUNDS):
        found = read_as_a_reader(shown_in_docx(render(frozenset(left))), parse)
        new = [p for p in found if not p.shown.title and fold(p.shown.text) not in left]
        if not new:
            break
        why += new
        left |= {fold(p.shown.text) for p in new}
    return Mended(frozenset(left), (*why, *(p for p in found if p.shown.title)))


def fold(text: str) -> str:
    """`text` with its spaces folded, as sentences are compared across a document."""
    return " ".join(text.split())


def leaves_out(text: str, left_out: frozenset[str]) -> bool:
    """Whether the stored sentence `text` is, or prints, one of the `left_out` sentences (a
    stored sentence the reader reads as two is left out for either)."""
    folded = fold(text)
    return folded in left_out or any(part in folded for part in left_out)
