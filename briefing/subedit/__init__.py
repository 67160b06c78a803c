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
  to (", which would involve ..."). What cannot be resolved makes the sentence unusable, and
  so does a bare definite noun the article introduced before it ("a building" ... "The
  building is where ..."): what "the" points back at is not in the briefing.
* CONDENSED: brackets (not an acronym's), appositions to a name, "also", and a
  comma-bounded relative clause that repeats what the summary has said go; "...,
  according to inspectors" becomes "Inspectors said ...".
* TENSE: the briefing narrates in the past: "says" -> "said", "has found" -> "found", and
  what a past-tense speaker said is backshifted ("said it was 'extremely concerned'").

Quotations are never touched. Every result is still checked like any other candidate
(`briefing.checks`), whose `register_problems` is the last word on what may stand in a briefing.

The package, by what each part decides: `draft` (the working copy of a sentence and the
`Edit` made of it), `speakers` (who speaks, whom a pronoun means), `timing` (DATES),
`context` (CONTEXT), `condense` (CONDENSED) and `tense` (TENSE); the `SubEditor` here runs
them in turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..checks import register_problems
from ..models import Article, Corpus, Passage
from ..quotes import QUOTE_CHARS, opens_inside_quote, quoted_mask, quoted_share, typeset
from ..text import article_sentences
from .condense import condense_sentence
from .context import drop_openers, introduced_before, name_in_full, resolve_subject
from .draft import CONDENSED, CONTEXT, DATES, OPERATIONS, SPEAKER, TENSE, Draft, Edit, first_word
from .speakers import Speakers, attributed, has_first_person, reports_itself
from .tense import narrate_in_past
from .timing import resolve_times

__all__ = ["CONDENSED", "CONTEXT", "DATES", "OPERATIONS", "SPEAKER", "STAGE_VERSION", "TENSE", "Edit", "SubEditor"]

STAGE_VERSION = 18  # bump when what the sub-editor writes changes: cached summaries are redone

MAX_FUSED_WORDS = 50  # a fusion longer than this is not a sentence a reader wants
# A person named in fewer articles than this (at least LITTLE_KNOWN_ARTICLES, else this share of
# the corpus) keeps the apposition that says who they are: "Lo Wing-lok, an infectious disease
# expert, said"; the story's main figures ("Mubarak, the president, said") lose it.
LITTLE_KNOWN_ARTICLES, LITTLE_KNOWN = 3, 0.02


class SubEditor:
    """Sub-edits a corpus's passages (`edit`), parsing each article's context once."""

    def __init__(self, corpus: Corpus, parse: Callable[[Sequence[str]], list]):
        """`parse`: texts -> spaCy Docs with named entities (`Parser.with_entities`)."""
        self.corpus = corpus
        self.parse = parse
        self._sentences: dict[str, list[str]] = {}
        self._docs: dict[str, object] = {}
        self._named_in: dict[str, int] = {}
        self.speakers = Speakers(corpus, self._doc)  # the corpus's people, found once for this editor

    def _article(self, passage: Passage) -> tuple[Article, list[str], int]:
        article = self.corpus.article(passage.source_ids[0])
        if article.id not in self._sentences:
            self._sentences[article.id] = article_sentences(article)
        sentences = self._sentences[article.id]
        at = passage.position if 0 <= passage.position < len(sentences) and \
            sentences[passage.position] == passage.text else -1
        return article, sentences, at

    def _doc(self, text: str):
        if text not in self._docs:
            self._docs[text] = self.parse([text])[0]
        return self._docs[text]

    def little_known(self, name: str) -> bool:
        """`name` is in so few of the corpus's articles (fewer than LITTLE_KNOWN of them) that
        the reader meets it only here: who the person is stays with the name."""
        if name not in self._named_in:
            self._named_in[name] = sum(1 for a in self.corpus.articles if any(name in p for p in a.paragraphs))
        return self._named_in[name] < max(LITTLE_KNOWN_ARTICLES, LITTLE_KNOWN * len(self.corpus.articles))

    def edit(self, passage: Passage, said: set[str] = frozenset()) -> Edit | None:
        """The passage as briefing prose, or None when it cannot stand alone. `said`: the
        words (lower case) of what the summary has said before it."""
        article, sentences, at = self._article(passage)
        opened = self.speakers.opened(article)
        text, evidence, operations = typeset(passage.text), [passage.text], []
        context: list[str] = []
        names: list[str] = []  # people named in full from elsewhere in the story ("Cllr Hart": John Hart)
        doc = self._doc(text)
        first = first_word(doc)
        # Inside a quotation an earlier sentence opened (unless this one opens its own: the
        # article's marks were then unbalanced), or a quotation standing alone.
        opens = "\u201c" in text or re.search(r'(?:^|\s)"', text) is not None
        continued = at > 0 and ((opened[at] and not opens) or (
            text.lstrip()[:1] in "\u201c\"\u2018'" and quoted_share(text) > 0.5 and not attributed(doc)))
        if continued and attributed(doc) and opens_inside_quote(text):
            # "The average wedding now has 136 guests," said Rebecca Dolgin: its own speaker,
            # only the opening mark is in the sentence before.
            text = "\u201c" + text.lstrip()
            doc = self._doc(text)
            operations.append(SPEAKER)
        elif reports_itself(doc):
            # Someone else's words, reported with their speaker: a stray mark before them goes.
            if text.count("\u201c") + text.count('"') == 1 and text.lstrip()[:1] in "\u201c\"":
                text = text.lstrip()[1:].lstrip()
                doc = self._doc(text)
        elif continued or (has_first_person(doc, quoted_mask(text)) and first is not None):
            found = self.speakers.speaker(article, sentences, at,
                                          first_person=has_first_person(doc, [False] * len(text))) \
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
                    opened[at - 1] or len(text.split()) + len(before.split()) > MAX_FUSED_WORDS:
                return None
            before = sentences[at - 1].rstrip().rstrip(".")
            rest = text[first.idx + len(first.text):].lstrip(" ,")
            text = f"{before}, which {rest}"
            evidence = [sentences[at - 1]] + evidence
            operations.append(CONTEXT)
            doc = self._doc(text)
        draft = Draft(doc, quoted_mask(text))
        draft.operations = list(operations)
        draft.fused = CONTEXT in operations and SPEAKER not in operations
        drop_openers(draft)
        # A fused sentence's pronouns point before the sentence it was fused with.
        if not resolve_subject(draft, self.speakers, article, sentences, at - draft.fused, context):
            return None
        if introduced_before(draft, sentences, at - draft.fused, said, self._doc):
            return None
        names += name_in_full(draft, sentences, self.speakers.people, context, self._doc)
        names += [phrase for phrase in draft.swap.values() if phrase in self.speakers.people]
        resolve_times(draft, article.date)
        condense_sentence(draft, said, self.little_known)
        narrate_in_past(draft)
        out = draft.render()
        if register_problems(out) or len(out.split()) < 4:
            return None
        if out[-1:] not in ".!?\u201d\u2019\"'":
            out += "."
        joined = " ".join(evidence + context)
        facts = draft.facts + [n for n in dict.fromkeys(names) if n not in joined and n in self.speakers.people]
        return Edit(out, " ".join(evidence), tuple(dict.fromkeys(context)), tuple(facts), tuple(draft.operations))

