"""Own words: a blog, a reader's account, a columnist's piece or a page of experts' views is
what one person thinks or saw, in the first person, not the outlet's reporting.

Told as narration, a reader's "Here in Egypt, people are terrified" becomes the briefing's
claim about Egypt, a virologist's "The key thing is how lethal it is" becomes the briefing's
verdict, and a student blogger's "The world was stunned" becomes news. Such text is left out
as speech is (`spoken`): its days still count for when the story turned, none of it is told.

- A first-person account: at least MIN_FIRST_PERSON of the article's reporting sentences, and
  at least FIRST_PERSON_SHARE of them, speak as "I" or "we" outside quotation marks (an
  editors' blog speaks for "our output"). A news report quotes people in the first person
  inside quotation marks; a correspondent's dispatch may say "told me" once or twice. All of
  such an article is own words, unless a report that hardly says "I" comes first: readers'
  comments under a news story whose headers were lost are own words, the story is kept.
- A page of views: at least MIN_VIEWS different people's names in capitals, each with an
  optional role, open a sentence without a colon ("PROFESSOR JOHN OXFORD, VIROLOGY EXPERT
  Outside of Mexico there have been no deaths ..."), and what follows each speaks as "I" or
  "we": each heads what that person said. Everything from the first name on is own words;
  the outlet's introduction stays. A list of scenarios headed in capitals ("GADDAFI FLEES
  TRIPOLI, STARTS DESERT INSURGENCY ...") is the outlet's: nobody speaks in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..quotes import outside_quotes, paragraph_masks, said_forms, typeset
from .kinds import OWN_WORDS

MIN_FIRST_PERSON = 3
# On the seven dev Timeline17 folders, the articles at 0.15 and above are blogs, op-eds,
# readers' accounts, letters and comment threads; below it, correspondents' reports and
# speeches quoted in full (read one by one, before "we" was counted too).
FIRST_PERSON_SHARE = 0.15
MIN_VIEWS = 3
# A named speaker's first-person quotation whose marks were lost runs on this many sentences.
SPEECH_RUNS_ON = 3
# A news story with comments under it: this many sentences before the comments, of which at
# most this share says "I" (a quotation whose marks were lost).
OWN_REPORT = 5
REPORT_SHARE = 0.05

# "I" only before a lower-case word ("I think", "I'm"), so that "World War I" is nobody.
_FIRST_PERSON = re.compile(r"\bI(?:['\u2019](?:m|ve|d|ll))?\s+[a-z]|\b(?:[Mm]e|[Mm]y|[Mm]yself|[Mm]ine)\b")
# Words that open a sentence before "I" ("But I think"); any other capitalised word before it
# makes it a numeral or part of a name ("World War I was", "Charles I was").
_OPENERS = {"and", "but", "so", "yes", "no", "then", "now", "today", "here", "well", "oh", "if", "when", "as",
            "because", "although", "while", "since", "perhaps", "still", "ok", "okay", "personally", "frankly",
            "honestly", "sadly", "also", "or", "yet", "maybe", "thus", "again", "indeed", "hey"}
_WE = re.compile(r"\b(?:[Ww]e|us|[Oo]ur)\b")
# A name in capitals, two to five words, perhaps with a role in capitals after a comma, then
# the person's first words ("SIR LIAM DONALDSON, CHIEF MEDICAL OFFICER FOR ENGLAND A new ...").
_VIEW_LABEL = re.compile(r"^((?:[A-Z][A-Z.'\u2019-]+\s+){1,4}[A-Z][A-Z.'\u2019-]+)"
                         r"(?:,\s*(?:[A-Z&][A-Z.'\u2019&-]*\s+)*[A-Z&][A-Z.'\u2019&-]*)?\s+(?:[A-Z][a-z]|I\s)")


def first_person_sentences(paragraph: Sequence[str]) -> list[bool]:
    """For each sentence of a paragraph, whether it speaks as "I" or "we" outside quotation marks (a
    quotation one sentence opens and a later one closes counts as quoted throughout).

    A sentence that names its speaker ("I would not suggest it, said Sen. Lugar") is quoted
    speech whose marks were lost, and so are the sentences in the first person right after it
    ("Providing arms, I'm not sure that helps, Graham said. I don't know who would get them.").
    """
    out = []
    speaking = 0  # how many sentences ago someone, named, spoke in the first person (0: nobody)
    for sentence, mask in zip(paragraph, paragraph_masks(paragraph)):
        outside = "".join(" " if m else c for c, m in zip(typeset(sentence), mask))
        first = _in_first_person(outside)
        speaking = 0 if not first else 1 if _named_speaker(outside) else speaking + 1 if speaking else 0
        out.append(first and not 0 < speaking <= SPEECH_RUNS_ON + 1)
    return out


def _in_first_person(outside: str) -> bool:
    """Words outside quotation marks say "I" or "we"."""
    return _speaks_as_i(outside) or bool(_WE.search(outside))


def _speaks_as_i(text: str) -> bool:
    """The text says "I", "me" or "my" (not "World War I"; a label in capitals before "I" is
    no name: "DR SAM REID I would want ...")."""
    for m in _FIRST_PERSON.finditer(text):
        words = text[:m.start()].split()
        last = words[-1] if words else ""
        if m[0][0] != "I" or not last[:1].isupper() or (len(last) > 1 and last.isupper()) or (
                len(words) == 1 and last.strip(",").lower() in _OPENERS):
            return True
    return False


_PERSONS = {"i", "we", "you", "me", "us"}


# Words between a speaker and the verb of saying ("I will reply", "we must not say").
_BETWEEN = {"will", "would", "can", "could", "must", "should", "shall", "may", "might", "to", "also", "then", "did",
            "do", "does", "have", "had", "not", "never", "just", "only", "always", "once", "again", "now", "be", "been",
            "being", "am", "is", "are", "was", "were", "used", "often"}


@lru_cache(maxsize=1)
def _saying() -> re.Pattern:
    return re.compile(rf"\b(?:{said_forms()})\b(?:\s+(\w+))?", re.IGNORECASE)


def _named_speaker(outside: str) -> bool:
    """A verb of saying outside quotation marks whose speaker is someone else: "..., Graham
    said", not "I promise I will reply" nor "they asked me"."""
    for m in _saying().finditer(outside):
        words = [w.lower() for w in re.findall(r"\w+", outside[:m.start()])]
        while words and words[-1] in _BETWEEN:
            words.pop()
        if (not words or words[-1] not in _PERSONS) and (m[1] or "").lower() not in _PERSONS:
            return True
    return False


def own_words(paragraphs: Sequence[Sequence[str]]) -> tuple[int, int] | None:
    """Where an article's own words begin, as (paragraph, sentence), or None when it is the
    outlet's reporting.

    Args:
        paragraphs: the article's reporting sentences, paragraph by paragraph.

    Example:
        >>> own_words([["I flew home on Monday.", "My daughter was ill.", "I called my GP.",
        ...             "The hospital gave us Tamiflu."]])
        (0, 0)
    """
    places = [(pi, si) for pi, p in enumerate(paragraphs) for si in range(len(p))]
    flags = [f for p in paragraphs for f in first_person_sentences(p)]
    account = _first_person_from(flags)
    labels: list[tuple[int, int, str]] = []  # (paragraph, sentence, name)
    spoken_as: set[str] = set()  # the names whose words speak as "I" or "we"
    for pi, paragraph in enumerate(paragraphs):
        for si, sentence in enumerate(paragraph):
            m = _VIEW_LABEL.match(sentence)
            if m and not any(c.isdigit() for c in m[0]):
                labels.append((pi, si, m[1]))
            if labels and _in_first_person(outside_quotes(sentence)):
                spoken_as.add(labels[-1][2])
    if len(spoken_as) >= MIN_VIEWS:  # the views' names say where the outlet's introduction ends
        return labels[0][0], labels[0][1]
    return places[account] if account is not None else None


def _first_person_from(flags: Sequence[bool]) -> int | None:
    """Where the first-person part of an article begins (an index into `flags`, one a
    sentence), or None: the first "I" sentence from which on the account's share holds. A
    report of OWN_REPORT sentences or more that hardly says "I" before it (a news story with
    readers' comments under it) keeps its report; otherwise the whole article is an account."""
    total = remaining = sum(flags)  # first-person sentences from k on
    for k, flag in enumerate(flags):
        if flag and remaining >= MIN_FIRST_PERSON and remaining >= FIRST_PERSON_SHARE * (len(flags) - k):
            return k if k >= OWN_REPORT and total - remaining <= REPORT_SHARE * k else 0
        remaining -= flag
    return None


def mark_own_words(paragraphs: list[list[list]]) -> None:
    """Give the sentences `own_words` finds the kind OWN_WORDS, unless they have a kind already
    (`paragraphs`: per paragraph, [sentence, kind] items, changed in place)."""
    reporting = [[item for item in p if item[1] is None] for p in paragraphs]
    start = own_words([[item[0] for item in p] for p in reporting])
    if start is None:
        return
    for pi, paragraph in enumerate(reporting):
        for si, item in enumerate(paragraph):
            if (pi, si) >= start:
                item[1] = OWN_WORDS
