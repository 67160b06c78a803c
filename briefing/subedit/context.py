"""CONTEXT: an opening connective ("However,", "But") goes; a subject pronoun ("It adds ...",
"He told ...") or a possessive one becomes the noun or person it stands for in the
sentences before. (A demonstrative subject fused with the sentence it points back to is the
editor's: it changes the evidence.)"""

from __future__ import annotations

from ..checks import expletive_it
from ..models import Article
from .draft import CONTEXT, Draft, first_word
from .speakers import Speakers

_OPENERS = {"however", "but", "and", "also", "meanwhile", "yet", "nevertheless", "moreover", "furthermore",
            "additionally", "instead", "still", "so", "then", "indeed", "separately"}


def drop_openers(draft: Draft) -> None:
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


def resolve_subject(draft: Draft, speakers: Speakers, article: Article, sentences: list[str], at: int,
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
            found = speakers.referent(sentences, at, subject)
            if found is None:
                return False
            phrase, where = found
            draft.swap[subject.i] = phrase
            # "It adds" -> "The report adds": the verb agrees already (both singular).
            context += [sentences[k] for k in range(where, at) if sentences[k] not in context]
            draft.did(CONTEXT)
    first = first_word(doc)
    if first is None or draft.quoted[first.i] or first.i in draft.swap:
        return True
    if first.dep_ == "det" and first.lower_ in ("this", "these", "that", "those"):
        draft.swap[first.i] = "The"  # "This experiment shows" -> "The experiment showed"
        draft.did(CONTEXT)
    elif first.dep_ == "poss" and first.lower_ in ("his", "her", "its", "their"):
        if at < 0:
            return False
        as_pronoun = {"his": "he", "her": "she", "its": "it", "their": "they"}[first.lower_]
        found = speakers.referent(sentences, at, first, as_pronoun)
        if found is None:
            return False
        phrase, where = found
        draft.swap[first.i] = phrase + ("\u2019" if phrase.endswith("s") else "\u2019s")
        context += [sentences[k] for k in range(where, at) if sentences[k] not in context]
        draft.did(CONTEXT)
    return True
