"""Sub-editing: a selected source sentence made into briefing prose, faithful by construction.

A sentence lifted from an article often only makes sense inside it: "Today's report ...",
"... next year", "It adds that ...", "We do not appear to be improving ...". The sub-editor
rewrites it on its parse (spaCy, en_core_web_sm) by operations that only move, drop or
resolve the source's own words:

* DATES: a relative time ("today", "last week", "next year", "this July", a weekday) becomes
  the date it names, read against the article's publication date ("in July 2022"); in an
  undated article it is dropped, never guessed. "Now", "currently" and "recently" go.
* SPEAKER: a sentence inside a quotation, or speaking in the first person, is quoted and
  given the speaker the article names ("John Hart added: "We do not appear ..."").
  A speaker the article does not name (or, for "I" and "we", one who cannot speak: "the
  results") makes the sentence unusable.
* CONTEXT: an opening connective ("However,", "But") goes; a subject pronoun ("It adds ...",
  "He told ...") becomes the noun or person it stands for in the sentences before; a
  demonstrative subject ("This would involve ...") is fused with the sentence it points back
  to (", which would involve ..."). What cannot be resolved makes the sentence unusable.
* CONDENSED: brackets (not an acronym's), appositions to a name, "also", and a
  comma-bounded relative clause that repeats what the summary has said go; "...,
  according to inspectors" becomes "Inspectors said ...".
* TENSE: the briefing narrates in the past: "says" -> "said", "has found" -> "found", and
  what a past-tense speaker said is backshifted ("said it was 'extremely concerned'").

Quotations are never touched. Every result is still checked like any other candidate
(`briefing.checks`), whose `register_problems` is the last word on what may stand in a briefing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .checks import expletive_it, register_problems
from .models import Article, Corpus, Passage
from .quotes import (
    QUOTE_CHARS,
    SAYING_VERBS,
    opens_inside_quote,
    quoted_mask,
    quoted_share,
    typeset,
)
from .temporal import DAY, MONTH, MONTHS, RELATIVE_TIME, WEEKDAYS, direction_of, resolve
from .text import article_sentences, split_sentences

STAGE_VERSION = 1  # bump when what the sub-editor writes changes: cached summaries are redone

DATES, SPEAKER, CONTEXT, CONDENSED, TENSE = "dates", "speaker", "context", "condensed", "tense"
OPERATIONS = (DATES, SPEAKER, CONTEXT, CONDENSED, TENSE)

REPEATS = 0.6  # a relative clause this much of whose content words were said already is cut
MAX_FUSED_WORDS = 50  # a fusion longer than this is not a sentence a reader wants
LOOK_BACK = 3  # sentences searched for a pronoun's referent or a quotation's speaker
PERSON_LOOK_BACK = 5  # "He ..." is the person last named, a little further back too
MAX_QUOTED_SENTENCES = 10  # and for the speaker of a quotation running over several
MAX_RUN = 4  # sentences of one paragraph a quotation may seem to run over before it is distrusted

_FIRST_PERSON = {"i", "we", "us", "our", "ours", "my", "me", "mine", "myself", "ourselves"}
_WEEKDAY_WORD = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_OPENERS = {"however", "but", "and", "also", "meanwhile", "yet", "nevertheless", "moreover", "furthermore",
            "additionally", "instead", "still", "so", "then", "indeed", "separately"}
_PRESENT_TO_PAST_AUX = {"is": "was", "are": "were", "am": "was", "'s": "was", "’s": "was", "'re": "were",
                        "’re": "were", "has": "had", "have": "had", "does": "did", "do": "did"}
_BACKSHIFT_MODAL = {"will": "would", "can": "could", "may": "might", "shall": "should", "'ll": "would",
                    "’ll": "would", "wo": "would", "ca": "could"}


@dataclass(frozen=True)
class Edit:
    """A sentence as the briefing will say it, and what it rests on."""

    text: str
    evidence: str  # the source sentence(s) whose statement it makes (two when fused)
    context: tuple[str, ...]  # sentences that name its speaker or what a pronoun stood for
    facts: tuple[str, ...]  # stated from elsewhere: a publication date, a speaker's full name
    operations: tuple[str, ...]  # the OPERATIONS applied, in order


def _date_label(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _past(token) -> str:
    """The simple past of a verb token, keeping its capitalisation."""
    from lemminflect import getInflection

    lemma = token.lemma_.lower()
    if lemma == "be":
        form = "were" if token.lower_ in ("are", "'re", "\u2019re", "were") else "was"
    else:
        forms = getInflection(lemma, "VBD")
        form = forms[0] if forms else token.text
    return form[0].upper() + form[1:] if token.text[:1].isupper() else form


class _Draft:
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


_PEOPLE: dict[tuple[str, ...], list[str]] = {}  # the last corpus's people, by its articles


class SubEditor:
    """Sub-edits a corpus's passages (`edit`), parsing each article's context once."""

    def __init__(self, corpus: Corpus, parse: Callable[[Sequence[str]], list]):
        """`parse`: texts -> spaCy Docs with named entities (`Parser.with_entities`)."""
        self.corpus = corpus
        self.parse = parse
        self._sentences: dict[str, list[str]] = {}
        self._docs: dict[str, object] = {}
        self._open: dict[str, list[bool]] = {}
        self._people: list[str] | None = None

    def _article(self, passage: Passage) -> tuple[Article, list[str], int]:
        article = self.corpus.article(passage.source_ids[0])
        if article.id not in self._sentences:
            self._sentences[article.id] = article_sentences(article)
            self._open[article.id] = _open_quotes(article)
        sentences = self._sentences[article.id]
        at = passage.position if 0 <= passage.position < len(sentences) and \
            sentences[passage.position] == passage.text else -1
        return article, sentences, at

    def _doc(self, text: str):
        if text not in self._docs:
            self._docs[text] = self.parse([text])[0]
        return self._docs[text]

    def edit(self, passage: Passage, said: set[str] = frozenset()) -> Edit | None:
        """The passage as briefing prose, or None when it cannot stand alone. `said`: the
        words (lower case) of what the summary has said before it."""
        article, sentences, at = self._article(passage)
        text, evidence, operations = typeset(passage.text), [passage.text], []
        context: list[str] = []
        names: list[str] = []  # people named in full from elsewhere in the story ("Cllr Hart": John Hart)
        doc = self._doc(text)
        first = _first_word(doc)
        # Inside a quotation an earlier sentence opened (unless this one opens its own: the
        # article's marks were then unbalanced), or a quotation standing alone.
        opens = "\u201c" in text or re.search(r'(?:^|\s)"', text) is not None
        continued = at > 0 and ((self._open[article.id][at] and not opens) or (
            text.lstrip()[:1] in "\u201c\"\u2018'" and quoted_share(text) > 0.5 and not _attributed(doc)))
        if continued and _attributed(doc) and opens_inside_quote(text):
            # "The average wedding now has 136 guests," said Rebecca Dolgin: its own speaker,
            # only the opening mark is in the sentence before.
            text = "\u201c" + text.lstrip()
            doc = self._doc(text)
            operations.append(SPEAKER)
        elif continued or (_has_first_person(doc, quoted_mask(text)) and first is not None):
            found = self._speaker(article, sentences, at, first_person=_has_first_person(doc, [False] * len(text)))\
                if at >= 0 else None
            if found is None:
                return None
            speaker, verb, where = found
            inner = text.strip().strip(QUOTE_CHARS + " ")
            text = f"{speaker} {verb}: \u201c{inner}\u201d"
            context += [sentences[i] for i in where]
            names.append(speaker)
            operations.append(SPEAKER)
            doc = self._doc(text)
        elif first is not None and first.lower_ in ("this", "that", "these", "those") \
                and first.dep_ in ("nsubj", "nsubjpass") \
                and not any(c.dep_ in ("amod", "compound") for c in first.children):
            before = sentences[at - 1] if at > 0 else ""
            if not before or opens_inside_quote(before) or before.lstrip()[:1] in QUOTE_CHARS or \
                    self._open[article.id][at - 1] or len(text.split()) + len(before.split()) > MAX_FUSED_WORDS:
                return None
            before = sentences[at - 1].rstrip().rstrip(".")
            rest = text[first.idx + len(first.text):].lstrip(" ,")
            text = f"{before}, which {rest}"
            evidence = [sentences[at - 1]] + evidence
            operations.append(CONTEXT)
            doc = self._doc(text)
        draft = _Draft(doc, quoted_mask(text))
        draft.operations = list(operations)
        draft.fused = CONTEXT in operations and SPEAKER not in operations
        _drop_openers(draft)
        # A fused sentence's pronouns point before the sentence it was fused with.
        if not _resolve_subject(draft, self, article, sentences, at - draft.fused, context):
            return None
        names += [phrase for phrase in draft.swap.values() if phrase in self.people]
        _resolve_times(draft, article.date)
        _condense(draft, said)
        _narrate_in_past(draft)
        out = draft.render()
        if register_problems(out) or len(out.split()) < 4:
            return None
        if out[-1:] not in ".!?\u201d\u2019\"'":
            out += "."
        joined = " ".join(evidence + context)
        facts = draft.facts + [n for n in dict.fromkeys(names) if n not in joined and n in self.people]
        return Edit(out, " ".join(evidence), tuple(dict.fromkeys(context)), tuple(facts), tuple(draft.operations))

    @property
    def people(self) -> list[str]:
        """The people the corpus names, full names (`briefing.people`: titles and roles mark them)."""
        if self._people is None:
            from .people import find_entities

            key = tuple(a.id for a in self.corpus.articles)  # a build asks once a summary pass
            if key not in _PEOPLE:
                _PEOPLE.clear()
                _PEOPLE[key] = [e.name for e in find_entities(self.corpus) if e.kind == "person"]
            self._people = _PEOPLE[key]
        return self._people

    def person_before(self, sentences: list[str], at: int, *, same: bool = False,
                      pronoun: str | None = None) -> tuple[str, int] | None:
        """The person last named before sentence `at` (in it too, with `same`): their full
        name and the sentence naming them. With `pronoun` ("she", "his"), None when an
        unnamed person of its gender ("the woman") came after them, or the article speaks
        of them with the other gender's pronouns."""
        gender = _GENDER.get(pronoun or "")
        for i in range(at if same else at - 1, max(-1, at - 1 - PERSON_LOOK_BACK), -1):
            sentence = sentences[i]
            best = None
            for name in self.people:
                for form in (name, name.split()[-1]):
                    for m in re.finditer(rf"\b{re.escape(form)}\b", sentence):
                        if best is None or m.start() > best[1]:
                            best = (name, m.start())
            if best is None:
                people = [(e.text, e.start_char) for e in self._doc(sentence).ents
                          if e.label_ == "PERSON" and len(e.text.split()) > 1]
                best = (re.sub(r"(?:\u2019s|'s)$", "", people[-1][0]), people[-1][1]) if people else None
            unnamed = [m.start() for m in _UNNAMED[gender].finditer(sentence)] if gender else []
            if unnamed and (best is None or max(unnamed) > best[1]):
                return None  # "The woman in question said ...": "she" is her, whom nobody named
            if best is not None:
                if gender and self._spoken_of_as(sentences, best[0]) not in (gender, None):
                    return None
                return best[0], i
        return None

    def _spoken_of_as(self, sentences: list[str], name: str) -> str | None:
        """"he" or "she": the pronouns the sentences naming `name` use most, if any."""
        surname = name.split()[-1]
        counts = {"he": 0, "she": 0}
        for s in sentences:
            if re.search(rf"\b{re.escape(surname)}\b", s):
                counts["he"] += len(re.findall(r"\b(?:he|him|his)\b", s, re.IGNORECASE))
                counts["she"] += len(re.findall(r"\b(?:she|her|hers)\b", s, re.IGNORECASE))
        if counts["he"] == counts["she"]:
            return None
        return "he" if counts["he"] > counts["she"] else "she"

    def _speaker(self, article: Article, sentences: list[str], at: int, *,
                 first_person: bool = False) -> tuple[str, str, list[int]] | None:
        """Who says the quotation that sentence `at` is part of: (name, verb in the past,
        the sentences that say so), from the nearest attribution before it. `first_person`:
        the quotation says "I" or "we", so its speaker must be someone who can."""
        opened = self._open[article.id]
        for i in range(at - 1, max(-1, at - 1 - MAX_QUOTED_SENTENCES), -1):
            if i < at - LOOK_BACK and not (opened[i + 1] or sentences[i + 1].lstrip()[:1] in QUOTE_CHARS):
                break  # beyond the nearest sentences, only through a quotation running on
            doc = self._doc(sentences[i])
            quoted = quoted_mask(sentences[i])
            for verb in doc:
                if verb.lemma_.lower() not in SAYING_VERBS or verb.pos_ not in ("VERB", "AUX") or \
                        any(quoted[verb.idx:verb.idx + len(verb.text)]):
                    continue
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subject is None:
                    continue
                found = self._who(sentences, i, subject)
                if found is None or (first_person and not _can_speak(subject, found[0], self.people)):
                    return None  # "The results suggested ..." does not say "we test ..."
                name, where = found
                return name, _said(verb), list(range(min(where, i), at))
        # "... sentence one. Sentence two," she said: the speaker named after the quotation.
        for i in range(at + 1, min(len(sentences), at + 3)):
            if not opens_inside_quote(typeset(sentences[i])):
                continue
            doc = self._doc(typeset(sentences[i]))
            quoted = quoted_mask(doc.text, open_at_start=True)
            for verb in doc:
                if verb.lemma_.lower() in SAYING_VERBS and verb.pos_ in ("VERB", "AUX") and \
                        not any(quoted[verb.idx:verb.idx + len(verb.text)]):
                    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                    found = self._who(sentences, i, subject) if subject is not None else None
                    if found is None or (first_person and not _can_speak(subject, found[0], self.people)):
                        return None
                    return found[0], _said(verb), list(range(at + 1, i + 1))
            break
        return None

    def _who(self, sentences: list[str], i: int, subject) -> tuple[str, int] | None:
        """What the subject of a verb in sentence `i` names: (a full name or noun phrase,
        the sentence that names it)."""
        if subject.lower_ in ("he", "she"):
            return self.person_before(sentences, i, pronoun=subject.lower_)
        if subject.lower_ in ("it", "they"):
            return self.referent(sentences, i, subject)
        if subject.pos_ == "PRON":
            return None
        phrase = subject.doc[subject.left_edge.i:subject.right_edge.i + 1].text
        for name in self.people:
            if re.search(rf"\b{re.escape(name.split()[-1])}\b", phrase):
                return name, i
        return _capital(_noun_phrase(subject)), i

    def referent(self, sentences: list[str], at: int, pronoun, word: str | None = None) -> tuple[str, int] | None:
        """What a subject pronoun stands for: a person for he/she, else a subject of the
        sentence before that agrees in number: the nearest one ("The report said the service
        was poor. It improved ..."), or, when the pronoun's own verb reports ("It added"),
        the main clause's. (text, sentence index) or None. Only one sentence back: further,
        a nearer noun is as likely. `word`: the pronoun it stands as ("he" for "his")."""
        word = word or pronoun.lower_
        if word in ("he", "she"):
            return self.person_before(sentences, at, pronoun=word)
        if at < 1:
            return None
        doc = self._doc(sentences[at - 1])
        subjects = [t for t in doc if t.dep_ in ("nsubj", "nsubjpass")]
        if pronoun.head.lemma_.lower() in SAYING_VERBS:  # "It added": the report, not what it reported
            subjects.sort(key=lambda t: t.head.dep_ != "ROOT")
        else:  # "It improved": the nearest subject that agrees
            subjects.reverse()
        for subject in subjects:
            if subject.pos_ not in ("NOUN", "PROPN") or subject.ent_type_ == "PERSON" or \
                    any(c.dep_ == "case" for c in subject.children):
                continue
            plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
            if plural == (word == "they"):
                return _noun_phrase(subject), at - 1
        return None


def _open_quotes(article: Article) -> list[bool]:
    """For each of the article's sentences, whether it begins inside a quotation opened by
    an earlier sentence of its paragraph (or a paragraph that opened one and never closed
    it, as news style does for a quotation running over paragraphs).

    Only a quotation that is seen to end is trusted: one still open at its paragraph's end
    with no quotation opening the next, or running over more than MAX_RUN sentences, is a
    stray mark (saved pages run whole articles into one paragraph), and what follows it is
    the reporter's."""
    paragraphs = [split_sentences(p) for p in article.paragraphs]
    out: list[bool] = []
    carried = False
    for n, (paragraph, sentences) in enumerate(zip(article.paragraphs, paragraphs)):
        inside = carried and paragraph.lstrip()[:1] in "\u201c\"\u2018'"
        flags = []
        for k, sentence in enumerate(sentences):
            flags.append(inside)
            sentence = typeset(sentence)
            for j, c in enumerate(sentence):
                if c == "\u201c" or (c == '"' and k == 0 and j == 0):
                    inside = True
                elif c == "\u201d":
                    inside = False
                elif c == '"':
                    inside = not inside
        following = article.paragraphs[n + 1].lstrip()[:1] if n + 1 < len(article.paragraphs) else ""
        if inside and (not following or following not in "\u201c\"\u2018'"):
            # Never closed: the run of sentences it seemed to cover is not a quotation.
            k = len(flags)
            while k and flags[k - 1]:
                k -= 1
            flags[k:] = [False] * (len(flags) - k)
            inside = False
        run = 0
        for k, flag in enumerate(flags):
            run = run + 1 if flag else 0
            if run > MAX_RUN:
                start = k - run + 1
                while k < len(flags) and flags[k]:
                    k += 1
                flags[start:k] = [False] * (k - start)
                break
        out += flags
        carried = inside
    return out


_HUMAN = {"spokesperson", "spokesman", "spokeswoman", "official", "officer", "leader", "director", "minister",
          "secretary", "chief", "president", "chair", "chairman", "chairwoman", "councillor", "mayor", "member",
          "manager", "head", "executive", "source", "team", "family", "group", "council", "government",
          "department", "company", "party", "authority", "police", "people", "resident", "parent", "campaigner",
          "lawyer", "doctor", "teacher", "worker", "host", "author", "researcher", "scientist", "coach", "player",
          "man", "woman", "fan", "student", "inspector", "judge", "prosecutor", "agency", "board", "committee"}


def _can_speak(subject, name: str, people: list[str]) -> bool:
    """A speaker of "I" or "we": a person, a name, or someone or a body ("a spokesperson",
    "the council"); not "the results" or "the report"."""
    if name in people or subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    return subject.lemma_.lower() in _HUMAN


def _said(verb) -> str:
    """The attribution's verb in the past; "told" without its listener reads as "said"."""
    return "said" if verb.lemma_.lower() == "tell" else _past(verb)


_GENDER = {"he": "he", "his": "he", "him": "he", "she": "she", "her": "she"}
_UNNAMED = {
    "she": re.compile(r"\b(?:woman|girl|mother|wife|daughter|sister|lady|grandmother|widow|actress|mum|mom)\b", re.I),
    "he": re.compile(r"\b(?:man|boy|father|husband|son|brother|gentleman|grandfather|widower|dad)\b", re.I),
}


def _attributed(doc) -> bool:
    """The sentence says who speaks it: a speech verb outside its quotation marks."""
    quoted = quoted_mask(doc.text)
    return any(t.lemma_.lower() in SAYING_VERBS and t.pos_ in ("VERB", "AUX") and not any(quoted[t.idx:t.idx + len(t.text)])
               for t in doc)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _noun_phrase(token) -> str:
    """A subject as a stand-alone noun phrase: without relative clauses, appositions or a
    possessive time word ("Today's report" -> "the report")."""
    doc = token.doc
    skip: set[int] = set()
    for c in token.children:
        if c.dep_ in ("relcl", "appos", "acl", "punct") and c.i > token.i:
            skip.update(range(c.left_edge.i, c.right_edge.i + 1))
        if c.dep_ == "poss" and c.ent_type_ == "DATE":
            skip.update(range(c.left_edge.i, c.right_edge.i + 1))
    words_ = [t.text_with_ws for t in doc[token.left_edge.i:token.right_edge.i + 1] if t.i not in skip]
    phrase = "".join(words_).strip().strip(",")
    if any(c.dep_ == "poss" and c.ent_type_ == "DATE" for c in token.children):
        phrase = "the " + phrase
    first = doc[token.left_edge.i]
    if first.pos_ != "PROPN" and phrase[:1].isupper() and not phrase.split()[0].isupper():
        phrase = phrase[0].lower() + phrase[1:]
    return phrase


def _first_word(doc):
    return next((t for t in doc if not t.is_punct), None)


def _has_first_person(doc, quoted: list[bool]) -> bool:
    return any(t.lower_ in _FIRST_PERSON and not any(quoted[t.idx:t.idx + len(t.text)]) for t in doc
               if t.text != "US")


def _drop_openers(draft: _Draft) -> None:
    """"However, the report ..." -> "The report ...": a connective points at a sentence the
    briefing does not have."""
    doc = draft.doc
    i = 0
    while i < len(doc) and doc[i].is_punct:
        i += 1
    if i < len(doc) and doc[i].lower_ in _OPENERS and draft.free([doc[i]]) \
            and doc[i].dep_ in ("cc", "advmod", "prep", "mark"):
        end = i + 1 + (i + 1 < len(doc) and doc[i + 1].text == ",")
        draft.drop.update(range(i, end))
        draft.did(CONTEXT)
    elif i + 1 < len(doc) and doc[i].lower_ == "in" and doc[i + 1].lower_ == "addition":
        end = i + 2 + (i + 2 < len(doc) and doc[i + 2].text == ",")
        draft.drop.update(range(i, end))
        draft.did(CONTEXT)


def _resolve_subject(draft: _Draft, editor: SubEditor, article: Article, sentences: list[str], at: int,
                     context: list[str]) -> bool:
    """Subject pronouns of the main clause become what they stand for; False when one cannot."""
    doc = draft.doc
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    verbs = [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    for verb in verbs:
        for subject in [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]:
            word = subject.lower_
            if word not in ("it", "he", "she", "they") or draft.quoted[subject.i]:
                continue
            if word == "it" and expletive_it(doc[subject.i:].text[0].upper() + doc[subject.i:].text[1:]):
                continue
            if at < 0:
                return False
            found = editor.referent(sentences, at, subject)
            if found is None:
                return False
            phrase, where = found
            draft.swap[subject.i] = phrase
            # "It adds" -> "The report adds": the verb agrees already (both singular).
            context += [sentences[k] for k in range(where, at) if sentences[k] not in context]
            draft.did(CONTEXT)
    first = _first_word(doc)
    if first is None or draft.quoted[first.i] or first.i in draft.swap:
        return True
    if first.dep_ == "det" and first.lower_ in ("this", "these", "that", "those"):
        draft.swap[first.i] = "The"  # "This experiment shows" -> "The experiment showed"
        draft.did(CONTEXT)
    elif first.dep_ == "poss" and first.lower_ in ("his", "her", "its", "their"):
        if at < 0:
            return False
        as_pronoun = {"his": "he", "her": "she", "its": "it", "their": "they"}[first.lower_]
        found = editor.referent(sentences, at, first, as_pronoun)
        if found is None:
            return False
        phrase, where = found
        draft.swap[first.i] = phrase + ("\u2019" if phrase.endswith("s") else "\u2019s")
        context += [sentences[k] for k in range(where, at) if sentences[k] not in context]
        draft.did(CONTEXT)
    return True


def _resolve_times(draft: _Draft, published: dt.date | None) -> None:
    """Relative dates resolved against `published`, or dropped when it is unknown."""
    doc = draft.doc
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or not draft.free(ent) or not RELATIVE_TIME.search(ent.text) and not (
                re.search(r"\b(?:this|last|next|coming|past)\b", ent.text, re.I) or _WEEKDAY_WORD.search(ent.text)):
            continue
        if _YEAR.search(ent.text):
            continue
        phrase = _date_phrase(ent, published)
        head = ent.root.head
        possessive = ent.end < len(doc) and doc[ent.end].dep_ == "case"
        if possessive:  # "Today's report" -> "the report"
            draft.drop.update(range(ent.start, ent.end + 1))
            draft.swap[ent.end] = "the"
            draft.drop.discard(ent.end)
        elif phrase is None:
            if ent.root.dep_ == "pobj" and head.dep_ == "prep" and len(list(head.children)) == 1 and draft.free([head]):
                draft.drop_span(head.i, ent.end, commas=False)  # "over the next year"
            else:
                draft.drop_span(ent.start, ent.end, commas=False)
            # "a report, published last week, revealed": "published" says nothing alone now
            if head.tag_ == "VBN" and head.dep_ in ("acl", "advcl", "relcl") and draft.free([head]) and all(
                    c.i in draft.drop or c.is_punct for c in head.children):
                draft.drop_span(head.left_edge.i, head.right_edge.i + 1)
        else:
            bare = re.sub(r"^(?:on|in) ", "", phrase)
            if ent.root.dep_ == "pobj" and head.dep_ == "prep":
                draft.swap[ent.start] = bare
                draft.drop.update(range(ent.start + 1, ent.end))
            elif ent.end < len(doc) and doc[ent.end].pos_ == "VERB" and ent.start > 0 \
                    and doc[ent.start - 1].pos_ == "AUX":
                # "were last week told" -> "were told in the week before 15 March 2022"
                draft.drop.update(range(ent.start, ent.end))
                draft.swap[ent.end] = doc[ent.end].text + " " + phrase
            else:
                draft.swap[ent.start] = phrase
                draft.drop.update(range(ent.start + 1, ent.end))
            draft.facts.append(_date_label(published))
        draft.did(DATES)
    # What the recogniser missed ("on Saturday night" as no entity at all) goes, with its preposition.
    for m in RELATIVE_TIME.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or not draft.free(span) or \
                len(span) == 1 and span[0].lower_ in ("now", "currently", "recently"):
            continue
        start, end = span.start, span.end
        while end < len(doc) and doc[end].lower_ in ("night", "morning", "afternoon", "evening"):
            end += 1
        if start > 0 and doc[start - 1].lower_ in ("on", "in", "since", "from", "during", "by", "until", "the") \
                and draft.free([doc[start - 1]]):
            start -= 1
            if start > 0 and doc[start].lower_ == "the" and doc[start - 1].lower_ in ("in", "over", "during", "for"):
                start -= 1
        draft.drop_span(start, end, commas=start == 0 or end >= len(doc) - 1)
        draft.did(DATES)
    for t in doc:  # "are now considered", "was recently hit": the date of the event says when
        if t.lower_ in ("now", "currently", "recently") and t.dep_ == "advmod" and draft.free([t]):
            draft.drop.add(t.i)
            if t.i > 0 and doc[t.i - 1].lower_ in ("right", "just", "until", "by", "for") \
                    and draft.free([doc[t.i - 1]]):
                draft.drop.add(t.i - 1)  # "right now" goes whole
            draft.did(DATES)
    # "Published this week, the report found" undated: "Published," is left; it goes too.
    kept = [t for t in doc if t.i not in draft.drop]
    if len(kept) > 2 and kept[1].text == "," and kept[0].tag_ in ("VBN", "VBD", "IN") and draft.free(kept[:1]):
        draft.drop.update((kept[0].i, kept[1].i))


def _date_phrase(ent, published: dt.date | None) -> str | None:
    """"in March 2022", "on 8 March 2022", "in the week before 15 March 2022"; None when the
    expression cannot be resolved."""
    if published is None:
        return None
    text = ent.text.lower()
    week = re.search(r"\b(this|last|next|past|coming)\s+week(?:end)?\b", text)
    if week:
        relation = {"this": "of", "last": "before", "past": "before", "next": "after", "coming": "after"}[week[1]]
        return f"in the week {relation} {_date_label(published)}"
    if re.search(r"\b(?:next|past|coming)\s+(?:\w+\s+)?(?:months|years|year|month)\b", text) and \
            ent.root.head.lower_ in ("over", "for", "within", "during", "in"):
        return None  # a span ("over the next year"), not a date
    found = resolve(ent.text, published, direction_of(ent))
    if found is None:
        return None
    if found.precision == DAY:
        return f"on {_date_label(found.date)}"
    if found.precision == MONTH:
        return f"in {MONTHS[found.date.month - 1]} {found.date.year}"
    return f"in {found.date.year}"


def _repeats(span, said: set[str]) -> bool:
    """Most of the clause's content words are ones the summary has already said."""
    content = [t.lower_ for t in span if t.is_alpha and not t.is_stop]
    return bool(content) and sum(w in said for w in content) >= REPEATS * len(content)


def _condense(draft: _Draft, said: set[str]) -> None:
    """Brackets, appositions of names, a comma-bounded relative clause without a quotation
    that repeats what the summary has said (`said`: its words), "also", and a
    trailing "according to X" (which becomes "X said ...")."""
    doc = draft.doc
    text = doc.text
    for m in re.finditer(r"\s?\((?![A-Z]{2,6}\))[^()]{1,80}\)", text):  # "(SEND)" defines a word: it stays
        span = doc.char_span(m.start() + (m[0][0] == " "), m.end(), alignment_mode="expand")
        if span is not None and draft.free(span):
            draft.drop.update(range(span.start, span.end))
            draft.did(CONDENSED)
    for t in doc:
        if t.dep_ == "appos" and t.head.pos_ == "PROPN" and t.i > t.head.i:
            span = doc[t.left_edge.i:t.right_edge.i + 1]
            if draft.free(span) and span.start > 0 and doc[span.start - 1].text == "," and len(span) <= 15:
                draft.drop_span(span.start, span.end)
                draft.did(CONDENSED)
        elif t.dep_ == "relcl" and not draft.fused and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == "," \
                and doc[t.left_edge.i].lower_ in ("which", "who"):
            span = doc[t.left_edge.i:t.right_edge.i + 1]
            if draft.free(span) and not any(c in span.text for c in QUOTE_CHARS if c not in "'\u2019") \
                    and (span.end >= len(doc) - 1 or doc[span.end].text in (",", ".")) and _repeats(span, said):
                draft.drop_span(span.start, span.end)
                draft.did(CONDENSED)
        elif t.lower_ == "however" and t.i > 0 and doc[t.i - 1].text == "," and draft.free([t]):
            draft.drop_span(t.i, t.i + 1, commas=False)  # "It noted caution, however, adding ..."
            draft.drop.add(t.i - 1)
            draft.did(CONDENSED)
        elif t.lower_ == "also" and t.dep_ == "advmod" and draft.free([t]):
            draft.drop.add(t.i)
            draft.did(CONDENSED)
    _according_to(draft)


def _according_to(draft: _Draft) -> None:
    """"..., according to inspectors." -> "Inspectors said ..." (the source's attribution,
    moved to where a briefing puts it)."""
    doc = draft.doc
    for t in doc:
        if t.lower_ != "according" or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
            continue
        end = t.right_edge.i + 1
        rest = [x for x in doc[end:] if not x.is_punct]
        if rest or t.i < 3:
            return
        who = doc[t.i + 2:end]
        speech = [v for v in doc if v.lemma_.lower() in SAYING_VERBS and v.pos_ == "VERB" and not draft.quoted[v.i]]
        if not draft.free(doc[t.i:end]) or not len(who) or speech or draft.quoted[_first_word(doc).i]:
            return  # "'Is it?' a fan asked, according to the AP": attributed already
        name = who.text
        name = name[0].upper() + name[1:]
        first = _first_word(doc)
        draft.drop_span(t.i, end, commas=False)
        if t.i > 0 and doc[t.i - 1].text == ",":
            draft.drop.add(t.i - 1)
        draft.prefix = f"{name} said "
        if first is not None and first.pos_ != "PROPN" and first.text[:1].isupper() and not first.text.isupper() \
                and first.i not in draft.swap:
            draft.swap[first.i] = first.text[0].lower() + first.text[1:]
        draft.backshift_all = True
        draft.did(CONDENSED)
        return


def _narrate_in_past(draft: _Draft) -> None:
    """Main verbs in the present become past; a past speech verb's reported clause is
    backshifted. Quotations are left as they are."""
    doc = draft.doc
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return
    verbs = [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    speech = False
    for verb in verbs:
        _to_past(draft, verb, backshift=False)
        speech = speech or verb.lemma_.lower() in SAYING_VERBS
    if speech or draft.backshift_all:
        targets = [c for v in verbs for c in v.children if c.dep_ == "ccomp"] if speech else verbs
        for clause in targets:
            for verb in [clause] + [c for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]:
                _to_past(draft, verb, backshift=True)


def _to_past(draft: _Draft, verb, *, backshift: bool) -> None:
    """One verb group into the past, if it is in the present and not quoted."""
    if draft.quoted[verb.i]:
        return
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    changed = False
    if aux:
        first = aux[0]
        if draft.quoted[first.i] or first.i in draft.swap:
            return
        low = first.lower_
        if low in _BACKSHIFT_MODAL and backshift:
            draft.swap[first.i] = _case(first, _BACKSHIFT_MODAL[low])
            changed = True
        elif low in ("has", "have") and not backshift:
            # "has found" -> "found"; "have been rated" -> "were rated"
            nxt = aux[1] if len(aux) > 1 else None
            if nxt is not None and nxt.lower_ == "been":
                draft.drop.add(first.i)
                draft.swap[nxt.i] = _case(first, "was" if low == "has" else "were")
                changed = True
            elif nxt is None and verb.tag_ == "VBN":
                draft.drop.add(first.i)
                draft.swap[verb.i] = _case(first, _past(verb))
                changed = True
        elif low in _PRESENT_TO_PAST_AUX and first.tag_ in ("VBZ", "VBP"):
            draft.swap[first.i] = _case(first, _PRESENT_TO_PAST_AUX[low])
            changed = True
    elif verb.tag_ in ("VBZ", "VBP") and verb.i not in draft.swap:
        if verb.lower_ in _PRESENT_TO_PAST_AUX:
            draft.swap[verb.i] = _case(verb, _PRESENT_TO_PAST_AUX[verb.lower_])
        else:
            draft.swap[verb.i] = _past(verb)
        changed = True
    if changed:
        draft.did(TENSE)


def _case(model, word: str) -> str:
    return word[0].upper() + word[1:] if model.text[:1].isupper() else word
