"""CONTEXT: an opening connective ("However,", "But") goes; a subject pronoun ("It adds ...",
"He told ...") or a possessive one becomes the noun or person it stands for in the
sentences before. (A demonstrative subject fused with the sentence it points back to is the
editor's: it changes the evidence.) A definite noun that the article introduced before ("a
building" ... "The building is where ...") leaves the sentence unable to stand alone."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..checks import expletive_it
from ..models import Article
from ..quotes import SAYING_VERBS
from ..text import STOPWORDS
from .draft import CONTEXT, Draft, first_word
from .speakers import Speakers

_OPENERS = {"however", "but", "and", "also", "meanwhile", "yet", "nevertheless", "moreover", "furthermore",
            "additionally", "instead", "still", "so", "then", "indeed", "separately"}


# Pronouns that stand for something told before, as the object of an opening preposition.
_POINTING = {"it", "them", "this", "these", "those", "him", "her"}


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
            if _named_before_in(doc, subject, draft.quoted):
                continue  # "Hans Blix declared ..., and he had found no evidence": he is Blix
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
    if first.dep_ == "prep" and any(c.dep_ == "pobj" and c.lower_ in _POINTING for c in first.children):
        return False  # "Among them were ...", "In it, ...": what they are is in the sentence before
    from ..reader import adds_to_before

    if adds_to_before(doc, draft.quoted):
        return False  # "Another staffer tried ...", "Even a cook drew a knife": after whom?
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


def _named_before_in(doc, pronoun, quoted) -> bool:
    """The sentence names, before `pronoun`, whom it stands for: a person for "he" or "she",
    the noun subject of the clause it is joined to for "it" or "they"."""
    if pronoun.lower_ in ("he", "she"):
        return any(e.label_ == "PERSON" and e.end <= pronoun.i and not quoted[e.start] for e in doc.ents)
    verb = pronoun.head
    return verb.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")
                                       for c in verb.head.children)


# Determiners that introduce something new: "a building", "an envoy", "two men".
_INTRODUCING = {"a", "an", "one", "another", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
# What names one thing by itself and needs no introduction: "the building of the parliament",
# "the Libyan government", "the council's report", "the man who ...".
_IDENTIFYING = {"amod", "compound", "nummod", "poss", "prep", "relcl", "acl", "appos", "nmod"}


def _introduces(m, word: str) -> bool:
    """`m` is `word` as a noun brought in new: "a building", "two men"."""
    return m.lower_ == word and m.pos_ == "NOUN" and any(
        c.lower_ in _INTRODUCING and c.dep_ == "det" or c.dep_ == "nummod" for c in m.children)


def _told_as_a_verb(noun, before: list[str], doc, parse: Callable[[str], object]) -> bool:
    """"the drop" after "the number of refugees dropped": the noun names the act a sentence
    just before told as a verb, and this sentence does not tell it."""
    from ..reader import nominalised_verb

    act = nominalised_verb(noun.lemma_)
    if act is None or any(t.pos_ == "VERB" and t.lemma_.lower() == act for t in doc):
        return False
    return any(t.pos_ == "VERB" and t.lemma_.lower() == act for s in before if act[:3] in s.lower() for t in parse(s))


def introduced_before(draft: Draft, sentences: list[str], at: int, said: set[str],
                      parse: Callable[[str], object]) -> str | None:
    """A bare definite noun ("the building", "the child") that an earlier sentence of the
    article introduced ("protesters set fire to a building", "a 23-month-old child"), or
    that names an act one of the two sentences before told as a verb ("... dropped" ... "the
    drop"): what "the" points back at is in a sentence the briefing does not have. The noun,
    or None. One the summary has said already (`said`) is the reader's; "the government",
    met first as "the government", needs no introduction. A speaker so introduced is named as
    the article first named them: "..., the official said" becomes "..., an official said"."""
    if at <= 0:
        return None
    earlier = sentences[:at]
    for t in draft.doc:
        if t.pos_ != "NOUN" or draft.quoted[t.i] or t.ent_type_ or not t.is_lower or t.lower_ in said:
            continue
        determiners = [c for c in t.children if c.dep_ == "det"]
        if [d.lower_ for d in determiners] != ["the"] or any(c.dep_ in _IDENTIFYING for c in t.children):
            continue
        if any(_introduces(m, t.lower_) for m in draft.doc[:t.i]):
            continue  # "a building and the building": this sentence brought it in
        if _told_as_a_verb(t, sentences[max(0, at - 2):at], draft.doc, parse):
            return t.text
        near = re.compile(rf"\b(?:{'|'.join(_INTRODUCING)}|\d[\d,.]*)\s+(?:[\w'\u2019-]+\s+){{0,3}}?"
                          rf"{re.escape(t.text)}\b", re.IGNORECASE)
        if not any(_introduces(m, t.lower_) for s in earlier if near.search(s) for m in parse(s)):
            continue
        if t.dep_ == "nsubj" and t.head.lemma_.lower() in SAYING_VERBS and "Sing" in t.morph.get("Number"):
            the = determiners[0]
            article = "an" if t.doc[the.i + 1].lower_[:1] in "aeiou" else "a"
            draft.swap[the.i] = article.capitalize() if the.text[0].isupper() else article
            draft.did(CONTEXT)
            continue
        return t.text
    return None


# Words that come before a surname without being the person's given name.
_NOT_GIVEN_NAMES = {"President", "Minister", "Secretary", "Leader", "Chancellor", "Senator", "Governor", "General",
                    "Colonel", "Captain", "Judge", "Justice", "Prince", "King", "Queen", "Sheikh", "Pope", "Inspector",
                    "Detective", "Officer", "Sergeant", "Chief", "Ambassador", "Spokesman", "Spokeswoman", "Photographer"}
_HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Cllr", "Councillor", "Prof", "Professor"}


def name_in_full(draft: Draft, sentences: list[str], people: list[str], context: list[str],
                 parse: Callable[[str], object]) -> list[str]:
    """"Mr Parkes" -> "Nigel Parkes", "Addario was ..." -> "Lynsey Addario was ...": a title and
    a surname, or a surname alone as the sentence's subject, become the full name the article
    gives (the capitalised word before the surname there, not a stopword, title or role: "inspector
    Nigel Parkes"; else the one person of that surname the story names, or, alone, the one whose
    name it opens: "Guan" of "Guan Yi"). The names given; where
    the full name is not found, or is not one person's, the sentence is left as it is."""
    doc = draft.doc
    given = []
    first = first_word(doc)
    for t in doc[:-1]:
        surname = doc[t.i + 1]
        if t.text.rstrip(".") not in _HONORIFICS or surname.pos_ != "PROPN" or not surname.is_title \
                or not draft.free([t, surname]) or t.i + 2 < len(doc) and doc[t.i + 2].pos_ == "PROPN":
            continue
        given += _in_full(draft, t, surname, sentences, people, context, parse)
    # "Kayal said ...", "Addario was ...": a surname alone opening the sentence as its subject
    # (a person to the parse, or the surname of one the story names: "Parliament voted" is no
    # "European Parliament voted", though the parse reads "Hart" as a body too)
    # and so is one who speaks after a quotation ('"... many problems," Guan said')
    speaking = [t for t in doc if t.dep_ == "nsubj" and t.head.lemma_.lower() in SAYING_VERBS and t is not first]
    for t in ([first] if first is not None else []) + speaking:
        # (never a body's name: "the Times said" is the newspaper's, not a "York Times")
        if not (t.i > 0 and doc[t.i - 1].pos_ == "DET") \
                and t.pos_ == "PROPN" and t.is_title and t.dep_ in ("nsubj", "nsubjpass") and draft.free([t]) \
                and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN") \
                and not (t.i > 0 and doc[t.i - 1].pos_ == "PROPN") \
                and (t.ent_type_ == "PERSON" or any(p.split()[-1] == t.text for p in people)
                     or _person_in_article(t.text, sentences, parse)):  # (a person to the parse somewhere)
            given += _in_full(draft, None, t, sentences, people, context, parse)
    return given


def _person_in_article(word: str, sentences: list[str], parse: Callable[[str], object]) -> list[str]:
    """The people the article names in full (to the parse) whose name holds `word` first or
    last: "said Guan Yi, a Chinese virologist" for "Guan"."""
    found = []
    for s in sentences:
        if word in s:
            found += [e.text for e in parse(s).ents if e.label_ == "PERSON" and len(e) > 1
                      and word in (e[0].text, e[-1].text) and e.text not in found]
    return found


def _in_full(draft: Draft, title, surname, sentences: list[str], people: list[str], context: list[str],
             parse: Callable[[str], object]) -> list[str]:
    """The full name for `surname` (after `title`, which it replaces, or alone), swapped in."""
    in_article: dict[str, str] = {}
    for s in sentences:  # "inspector Nigel Parkes", "Photographer Lynsey Addario": the word before the surname
        for m in re.finditer(rf"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) {re.escape(surname.text)}\b", s):
            before = s[:m.start()].split()[-1:]  # "New York Times": a longer name, not "York Times"
            if before and before[0][:1].isupper() and before[0].lower() not in STOPWORDS \
                    and before[0] not in _HONORIFICS | _NOT_GIVEN_NAMES:
                continue
            if m[1].lower() not in STOPWORDS and m[1] not in _HONORIFICS | _NOT_GIVEN_NAMES:
                in_article.setdefault(m[0], s)
    of_that_name = [p for p in people if len(p.split()) > 1 and p.split()[-1] == surname.text]
    # a family name written first ("Guan Yi" ... "Guan said"), where nobody has it last
    written_first = [p for p in people if len(p.split()) > 1 and p.split()[0] == surname.text]
    named = list(in_article) or of_that_name or (written_first if title is None else []) \
        or (_person_in_article(surname.text, sentences, parse) if title is None else [])
    if len(named) != 1:
        return []
    if title is not None:
        draft.swap[title.i] = named[0].rsplit(" ", 1)[0]
    else:
        draft.swap[surname.i] = named[0]
    # the sentence that names them in full is what the name rests on
    where = in_article.get(named[0]) or next((x for x in sentences if named[0] in x), None)
    if where is not None and where not in context:
        context.append(where)
    draft.did(CONTEXT)
    return [named[0]]
