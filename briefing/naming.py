"""The story's name, for the briefing's title: who or where it is about and what about them.

A councillor reads the title first: "Devon County Council: children's services", "Michael
Jackson's doctor", "Libya: no-fly zone". Both parts come from the articles' openings (each
article's headline and first two sentences: what it leads on), counted once per article:

* the subject: the name most openings carry (a place, person or body, from the parse's
  entities), or a public body's full name ("Devon County Council") when at least as many
  articles name it anywhere;
* the topic: the noun phrase (two to four words, its head a common noun) most openings carry,
  provided at least `TOPIC_SHARE` of them do; failing that, with a subject, the common noun
  most openings carry, as they spell it most ("Egypt: protesters"), nouns of every story
  ("government", "people") aside. A topic that names the subject is the title by
  itself ("Michael Jackson's doctor"); otherwise it follows the subject after a colon.

With neither, the title is "News briefing"; the officer's `--title` overrides all of it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from .models import Corpus
from .text import article_sentences

OPENING_SENTENCES = 2
TOPIC_SHARE = 0.15  # of the articles' openings, for a phrase to be the story's topic
MIN_ARTICLES = 2  # a name or phrase one article carries names no story
_NAMES = ("GPE", "PERSON", "ORG", "LOC", "FAC", "EVENT")
_NOT_TOPICS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY")
_BODY = re.compile(r"\b(?:[A-Z][a-z]+\s){1,3}(?:Council|Authority|Trust|Service|Services|Department|Board)\b")


def story_title(corpus: Corpus, parse: Callable[[Sequence[str]], list]) -> str:
    """The story's name, from its articles' openings (see the module's docstring).

    Args:
        parse: spaCy with its entity recogniser (`briefing.parse.shared().with_entities`).
    """
    articles = corpus.articles
    if not articles:
        return "News briefing"
    openings = [" ".join(([a.title] if a.title else []) + article_sentences(a)[:OPENING_SENTENCES]) for a in articles]
    names: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = {}
    nouns: Counter[str] = Counter()
    for doc in parse(openings):
        names.update({_name(e.text) for e in doc.ents if e.label_ in _NAMES and _name(e.text)})
        for key, surface in _phrases(doc):
            topics[key] += 1
            spelled.setdefault(key, Counter())[surface] += 1
        for key, surface in _nouns(doc):
            nouns[key] += 1
            spelled.setdefault(key, Counter())[surface] += 1
    subject = _subject(names, corpus)
    enough = max(MIN_ARTICLES, TOPIC_SHARE * len(articles))
    topic = next((spelled[k].most_common(1)[0][0] for k, n in topics.most_common() if n >= enough), None)
    if topic is None and subject:
        # No phrase is the topic: "Egypt" alone says too little; the common noun most openings
        # carry says what about it ("Egypt: protesters", "Iraq: war").
        topic = next((spelled[k].most_common(1)[0][0] for k, n in nouns.most_common()
                      if n >= enough and k not in subject.lower()), None)
    if topic and subject and subject.lower() in topic.lower():
        return topic[0].upper() + topic[1:]
    if topic and subject:
        return f"{subject}: {topic}"
    return subject or (topic[0].upper() + topic[1:] if topic else "News briefing")


def _name(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return re.sub(r"[\u2019']s?$", "", text).strip(" ,.-")


def _subject(names: Counter[str], corpus: Corpus) -> str | None:
    """The name most openings carry; a public body's full name instead when as many
    articles name it anywhere (a council's story names the council throughout)."""
    best = names.most_common(1)[0] if names else None
    bodies = Counter(b for a in corpus.articles for b in set(_BODY.findall(a.text)))
    body = bodies.most_common(1)[0] if bodies else None
    if body and body[1] >= MIN_ARTICLES and (best is None or body[1] >= best[1]):
        return body[0]
    return best[0] if best and best[1] >= MIN_ARTICLES else None


# Nouns every story's openings carry, which name no story's topic.
_GENERAL_NOUNS = frozenset("""people government leader force country city president official year time day week
state world man woman report news story group part number way thing""".split())


def _nouns(doc) -> set[tuple[str, str]]:
    """(lemma, surface) of each common noun, outside a name, that could name a story's topic."""
    return {(t.lemma_.lower(), t.lower_) for t in doc if t.pos_ == "NOUN" and not t.ent_type_ and t.is_alpha
            and len(t) > 2 and t.lemma_.lower() not in _GENERAL_NOUNS}


def _phrases(doc) -> set[tuple[str, str]]:
    """(key, surface) of each noun phrase of two to four words headed by a common noun: the
    key lower case, without a leading determiner, number or possessive mark."""
    found = {}
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.pos_ != "NOUN" or root.ent_type_ in _NOT_TOPICS:
            continue
        start = max(chunk.start, root.i - 3)
        while start < root.i and (doc[start].pos_ in ("DET", "PRON", "NUM", "PART", "PUNCT") or doc[start].like_num
                                  or doc[start].dep_ in ("det", "predet", "case")):
            start += 1
        span = doc[start:root.i + 1]
        if len(span) < 2:
            continue
        surface = span.text
        key = " ".join(t.lemma_.lower() if t.i == root.i else t.lower_ for t in span)
        found[key] = surface
    return set(found.items())
