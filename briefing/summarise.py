"""Summarise: each event abstractively, every sentence checked against its sources.

1. select: the sentences that cover most of what the event's articles agree on (word pairs
   stated by several articles), close to the event's centroid and early in their article,
   each adding something the ones before did not say, to about the word budget;
2. rewrite: the model rewrites each selected sentence shorter and plainer, all events in one
   batch (titles are built from the sources' own words: the small model's headlines were
   unusable);
3. verify: `checks.check_sentence` on every output; a sentence that fails is shortened
   instead, answered with its own words only and kept in their order (a compression; see
   `ATTEMPTS`), and if that fails too the source sentence stands;
4. attribute: a sentence cites every article that carries its evidence, not only the one it
   was taken from.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import sys
from collections import Counter
from collections.abc import Callable, Container, Mapping, Sequence
from collections.abc import Generator as Stepper
from dataclasses import dataclass, replace

import numpy as np

from .checks import (
    SourceIndex,
    check_sentence,
    content_words,
    frame_problems,
    unsupported_names_and_numbers,
)
from .embed import Embedder
from .generators import Generator
from .headline import DANGLING_END, headline
from .models import Corpus, Event, Passage, Summary, SummarySentence
from .parse import ParseMemo, shared
from .progress import plural, task
from .prompts import Prompts
from .quotes import quoted_share
from .subedit import Edit, SubEditor
from .temporal import MONTHS, WEEKDAYS
from .text import normalise, split_sentences, word_pairs, wording
from .timeline import listed_elsewhere

STAGE_VERSION = 36  # bump when this stage's output changes: cached results are then redone

MAX_SENTENCES = 5
WORD_BUDGET = 130
MIN_WORDS, MAX_WORDS = 8, 60
# An event is told from its articles' first READ_POSITIONS sentences: a news article's news is
# in its first few paragraphs, and past this only broadcast transcripts run on (hours of other
# stories; a day's ten transcripts hold 4,000 sentences, each one to embed and weigh).
READ_POSITIONS = 60
# Selection: closeness to the event's centroid next to concept weight per word, and the
# cosine above which a sentence repeats one already chosen (bench/summarise.py).
SALIENCE_WEIGHT = 0.5
NEAR_REPEAT = 0.7
# The lead's boost: a sentence's value is multiplied by up to 1 + LEAD_WEIGHT, falling to 1
# at position LEAD_SPAN of its article.
LEAD_WEIGHT, LEAD_SPAN = 1.0, 12
MAX_NEW_TOKENS = 72
# The rewriting attempts, in turn, each for the sentences the ones before did not rewrite:
# (prompt template, answer in the source sentence's own words only). The free rewrite comes
# first, so that a capable model paraphrases. The 135M model's free rewrites pass the checks
# for about one sentence in five (most bring in words of their own); shortening the rest in
# their own words lifts the sentences not copied verbatim from 28 % to 33 % of a summary on
# Multi-News. A third attempt (rewrite.txt in the source's own words) reached 36 %, but cost
# 50 % more time and 0.2 ROUGE-2 (its shortenings drop words the reference keeps).
ATTEMPTS = (("rewrite", False), ("compress", True))
SHORTEN_OVER = 25  # words: a sentence no longer than this is not offered for shortening
MOSTLY_QUOTED = 0.5  # a sentence with this share of it in quotation marks is left to the sub-editor
MODEL_REWRITE, MODEL_SHORTENED, MODEL_FUSION = "model rewrite", "model shortening", "model fusion"
FUSED = len(ATTEMPTS)  # the attempt number a fusion is recorded under
# Another outlet's sentence this close in meaning (MiniLM cosine), adding words of its own, is
# offered to the model with the selected one, to be written as one sentence citing both.
FUSE_COSINE = 0.7
CONDENSED_KEY = "key point"  # a key point cut down from its sentence by deletion
# Another article "carries" a sentence when one of its sentences is this close in meaning
# and holds every name, number and quotation the sentence has.
CARRIES_COSINE = 0.8
# A sentence this far from what the story's sentences say on average (MiniLM cosine to their
# mean) is about something else. On the dev Timeline17 folders about one sentence in twenty
# is under it (a sports result in the Egypt story, gold prices in the Libya one); on the
# seeds none is (the lowest is 0.17, "He said he was sorry." scores 0.16-0.24 on any story).
# A block on another story is not caught: the Super Bowl anthem's sentences score 0.09-0.19.
OFF_TOPIC_COSINE = 0.1
# (A floor relative to the story's median sentence, 0.4 of it, was tried and left out: it took
# the anthem's sentences out of the Egypt build, and with them "The council's cabinet voted by
# six votes to two to close the homes" (0.17 of the seeds' median 0.53), the planted newest turn
# of the seeds. A story's newest turn is often in words the story has not used before.)
TOPIC_PASSAGES = 50  # sentences, at least, for their mean to be a story's


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class _Plan:
    event: Event
    index: SourceIndex
    selected: list[Passage]
    edits: list[Edit]  # each selected passage as the sub-editor made it
    away: frozenset[str] = frozenset()  # passages never told in it: off the story, or a chronology's other days


def select_passages(event: Event, vectors: dict[str, np.ndarray],
                    elsewhere: Container[tuple[str, str]] = frozenset(),
                    concepts_of: Mapping[str, set[tuple[str, str]]] | None = None,
                    off_topic: Container[str] = frozenset()) -> Stepper[Passage, bool | None, None]:
    """The event's candidate passages, best first (lazily: each step depends on those before).

    Greedy concept coverage (Gillick and Favre's budgeted selection, made greedy): a
    "concept" is a word pair, worth the number of the event's articles that state it, so a
    fact the outlets agree on outweighs one outlet's aside. Each step takes the sentence that
    adds the most uncovered concept weight per word, plus its closeness to the event's
    centroid, boosted towards the lead of its article (the lead carries the news). What is
    covered already earns nothing again, so two sentences that say the same thing are not
    both chosen; a near-repeat in meaning is marked down as well.

    Args:
        elsewhere: concepts that the briefing's other events state too. That is the story's
            background ("rated inadequate in January 2020", repeated by every article since),
            worth nothing here: each event's summary should tell what is new in it.
        concepts_of: each passage's `word_pairs` by passage id, when the caller has them.
        off_topic: ids of passages about something else than the story (`off_topic`): a
            page about the Super Bowl that the clustering put beside one about Cairo.
    """
    readable = [p for p in read_from(event.passages) if p.id not in off_topic]  # (none: the event is not the story's)
    cands = [p for p in readable if MIN_WORDS <= len(p.text.split()) <= MAX_WORDS and p.text[-1:] != "?"]
    if not cands:
        cands = readable
    if not cands:
        return
    mat = np.array([vectors[p.id] for p in cands])
    centroid = mat.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    salience = mat @ centroid
    concepts = [concepts_of[p.id] if concepts_of is not None else word_pairs(p.text) for p in cands]
    carriers: dict[tuple[str, str], set[str]] = {}
    for p, cs in zip(cands, concepts):
        for c in cs:
            carriers.setdefault(c, set()).update(p.source_ids)
    # One article: every pair counts once. Several: only what two articles or more state.
    least = min(2, len({s for p in cands for s in p.source_ids}))
    weight = {c: len(s) for c, s in carriers.items() if len(s) >= least and c not in elsewhere}
    position = [LEAD_WEIGHT * (1.0 - min(p.position, LEAD_SPAN) / LEAD_SPAN) for p in cands]
    covered: set[tuple[str, str]] = set()
    repeat = np.zeros(len(cands))  # each candidate's highest cosine to a chosen sentence

    def score(i: int) -> float:
        p = cands[i]
        gain = sum(weight.get(c, 0) for c in concepts[i] - covered) / len(p.text.split())
        value = (gain + SALIENCE_WEIGHT * float(salience[i])) * (1 + position[i])
        return value * (1 - repeat[i]) if repeat[i] > NEAR_REPEAT else value

    remaining = list(range(len(cands)))
    while remaining:
        best = max(remaining, key=score)
        remaining.remove(best)
        # The caller may send False: the sentence was not used (it cannot stand alone, or
        # would overrun the budget), so what it says is not covered and its paraphrases count.
        if (yield cands[best]) is not False:
            covered |= concepts[best]
            repeat = np.maximum(repeat, mat @ mat[best])


def clean_output(text: str) -> str:
    """The first sentence of a model's answer, without labels, wrapping quotes or chatter."""
    lines = [x.strip() for x in text.strip().splitlines() if x.strip()]
    if not lines:
        return ""
    first = lines[0]
    first = re.sub(
        r"^(rewritten sentence|rewrite|shorter sentence|sentence|answer|here is[^:]*)\s*:\s*",
        "", first, flags=re.IGNORECASE,
    ).strip()
    if len(first) > 2 and first[0] in "\"'\u201c" and first[-1] in "\"'\u201d" and first.count(first[0]) == 1:
        first = first[1:-1].strip()
    sentences = split_sentences(first)
    out = sentences[0] if sentences else first
    if out and out[-1] not in ".!?\"'\u201d\u2019":
        out += "."
    return out


# What happened, most telling first: an inspection or visit names the event better than
# the report about it.
_EVENT_NOUNS = (
    "inspection|monitoring visit|revisit|visit",
    "improvement notice|warning|review|investigation|inquiry|letter|meeting|vote|decision|statement",
    "report",
)
_EVENT_NOUN = [
    # (a whole word: "told reporters" names no report)
    re.compile(rf"\b((?:[\w-]+\s){{0,2}}(?:{nouns})\b(?:\s(?:by|from|of)\s(?:the\s)?(?:[A-Z][\w-]*\s?){{1,4}})?)")
    for nouns in _EVENT_NOUNS
]
# "will report to the cabinet", "to review": the word is a verb there, not what happened.
_VERB_MARKERS = {"will", "would", "to", "can", "could", "must", "should", "may", "might", "shall", "did", "does", "do"}
_DETERMINERS = {"a", "an", "the", "its", "their", "his", "her", "this", "that", "last", "latest", "second", "third",
                "first", "new", "after", "following"}


TITLE_WORDS = 15


def event_title(event: Event, corpus: Corpus, selected: list[Passage], parse=None,
                told: Sequence[Passage] = ()) -> str:
    """A headline of what happened, at most TITLE_WORDS of the sources' own words.

    The first of these that reads as a title (`briefing.reader`: no quotation fragment,
    speaker's label, trailing colon or ellipsis, stray quotation mark or run-together text):
    an article's own headline (a trailing speaker's label, "- President Obama", taken off);
    with `parse`, a lead sentence cut down to its news (`briefing.headline`); what happened,
    named as a noun ("Second monitoring visit"). Failing all, the first of them mended that
    then reads as a title (a byline or an outlet's name taken off its front, words that need
    another off its end, a second headline run into it off its end), or the news of a later
    selected sentence or of a `told` one (the sentences the event's paragraph tells) that
    does, else the opening words of a lead sentence (never ending on one that needs another),
    or those mended, that read as a title; else the first candidate.
    """
    from .reader import Shown, read_as_a_reader, title_mended

    lead = sorted(selected, key=lambda p: p.position)
    texts = [" ".join(p.text.split()) for p in lead[:3]]  # as printed: typographic quotes kept
    candidates = title_candidates(event, corpus, selected, parse)
    if parse is not None:
        shown = [Shown("Events", c, title=True) for c in candidates]
        stopped = {p.shown.text for p in read_as_a_reader(shown, parse)}
        good = [c for c in candidates if c not in stopped]
        if good:
            return good[0]
        # None reads as a title: a candidate mended, a byline taken off its front ("By the CNN
        # Wire Staff A man fleeing ...") and the words that need another off its end; else the
        # news of the event's later sentences, cut down as the lead's was.
        more = [t for c in candidates if (t := _trimmed(_without_byline(c))) != c and len(t.split()) >= 3]
        more += [t for c in candidates if (t := title_mended(c, parse)) and len(t.split()) >= 3]
        later = [" ".join(p.text.split()) for p in sorted(selected, key=lambda p: p.position)[3:]]
        later += [t for p in told if (t := " ".join(p.text.split())) not in later and t not in texts]
        # (the news of a sentence the paragraph may tell after others keeps its speaker: "the
        # defense said Jackson gave himself too much of the drug" is no "Jackson gave himself ...")
        more += [line for text in later if (line := headline(text, parse, TITLE_WORDS, when=happened(event.date)))
                 and line not in candidates
                 and not frame_problems(parse([line])[0], parse([text])[0])]
        stopped = {p.shown.text for p in read_as_a_reader([Shown("Events", c, title=True) for c in more], parse)}
        good = [c for c in more if c not in stopped]
        if good:
            return good[0]
    if not lead:
        return candidates[0] if candidates else corpus.article(event.article_ids[0]).title or "Untitled"
    openings = [_opening(text) for text in texts]
    if parse is not None:
        broken = _run_together(texts, parse)
        openings = [o for o, text in zip(openings, texts) if text not in broken]
        openings = [t for o in openings for t in (o, title_mended(o, parse)) if t and len(t.split()) >= 3]
        stopped = {p.shown.text for p in read_as_a_reader([Shown("Events", o, title=True) for o in openings], parse)}
        good = [o for o in openings if o not in stopped]
        if good:
            return good[0]
    return candidates[0] if candidates else openings[0] if openings else texts[0]


# Words that open a clause or a second coordinated part: a cut opening ends before them.
_DASHES = {"-", "--", "\u2013", "\u2014"}
_JOINS = {"and", "or", "but", "as", "while", "that", "which", "who", "whom", "after", "before", "when", "where",
          "because", "if", "unless", "although", "though", "since", "until", "whether"} | _DASHES
# Words that open a phrase or clause before the sentence's own: "By the time ..., $8.8bn had
# gone", "In Cairo, protesters ...".
_OPENERS = {"when", "as", "while", "after", "before", "although", "though", "if", "because", "since", "until", "once",
            "despite", "by", "at", "in", "on", "during", "with", "without", "following", "amid", "for", "from"}


def _run_together(texts: list[str], parse) -> set[str]:
    """The texts that are two run together (a caption or a headline and a sentence: "Number
    Ones last topped the UK album chart in 2003 Michael Jackson has topped ..."): no title is
    made of them, its words may be the caption's or cut where the second began."""
    from .reader import runs_together

    return {t for t in texts if runs_together(t, parse)}


# What `_opening` takes out of a title: a time read against the article's day.
_TITLE_TIME = re.compile(r"(?:\s+(?:on|in|over|during|from))?\s+(?:(?:early|late)\s+)?(?:today|tonight|yesterday"
                         r"|(?:this|last)\s+(?:week|weekend|month|morning|afternoon|evening|night))\b(?=[\s,;:]|$)",
                         re.IGNORECASE)


def _opening(text: str) -> str:
    """The sentence's first TITLE_WORDS words; cut there, the words back to the last clause
    break or join go too ("... peace initiative on Monday, saying there" -> "... peace initiative";
    "... opposition figures and the blocking of world" -> "... opposition figures")."""
    # "... quickly faded Saturday", "The attorney general last night threatened": the date label
    # says when; a time read against the article's day can only disagree with it. (Taken out
    # before the cut, so the title keeps the words they would have taken.)
    text = re.sub(rf"(?:\s+(?:on|early|late))?\s+(?:{'|'.join(WEEKDAYS)})\b(?=[\s,;:.]|$)", "", text.rstrip("."))
    words = _TITLE_TIME.sub("", text).split()
    if len(words) > TITLE_WORDS:
        # (cut where a phrase ends: the first word left off opens one, or a mark closed the last)
        whole = words[TITLE_WORDS].lower() in DANGLING_END or words[TITLE_WORDS - 1][-1] in ",;:"
        in_a_name = words[TITLE_WORDS][:1].isupper() and words[TITLE_WORDS - 1][:1].isupper()
        words = words[:TITLE_WORDS]
        if in_a_name:  # "... the uprising in Tunisia President Zine El [Abidine Ben Ali]": the name goes whole
            while len(words) > 5 and words[-1][:1].isupper():
                words.pop()
        # (not before a dash that closes an aside: "Three soldiers are - for the first time"; not
        # at the comma that ends an opening phrase: "By the time Bremer left the post,")
        opener = words[0].lower() in _OPENERS
        breaks = [i for i, w in enumerate(words[:-1]) if i >= 4 and (w[-1] in ",;:" or words[i + 1].lower() in _JOINS)
                  and not (words[i + 1] in _DASHES and sum(x in _DASHES for x in words[:i + 1]) % 2)
                  and not (opener and w[-1] == "," and "," not in "".join(words[:i]))]
        if breaks:
            words = words[:breaks[-1] + 1]
        elif not whole:  # the last phrase was cut ("... to stand trial for war [crimes]"): it goes whole
            last = max((i for i, w in enumerate(words) if i >= 5 and w.lower() in DANGLING_END - {"a", "an", "the"}),
                       default=None)
            words = words[:last] if last is not None else words
    return _trimmed(" ".join(words))


def _without_byline(title: str) -> str:
    from .reader import BYLINE_OPENING, DISPATCH_OPENING

    found = BYLINE_OPENING.match(title) or DISPATCH_OPENING.match(title)
    return title[found.end():].strip() if found else title


def _trimmed(title: str) -> str:
    """The title without the words at its end that need another after them ("... mixed a
    previously sung clause with" -> "... mixed a previously sung clause"; "..., had"; "... 'hid
    drug dose' Dr", the lead's first word run into the headline)."""
    from .reader import TITLES_BEFORE_A_NAME, AUXILIARIES

    words = title.rstrip(" ,;:").split()
    while words and (words[-1].strip(",;:").lower() in DANGLING_END or words[-1].lower() in AUXILIARIES
                     or words[-1].rstrip(".") in TITLES_BEFORE_A_NAME):
        words.pop()
    return " ".join(words).rstrip(",;:")


def happened(date) -> tuple[dt.date, int] | None:
    """An event's date as `headline` reads it: (the day, how many days either side are still
    it): a few for a day, most of a month for a month; None when the year alone is known."""
    if not date.known or date.month is None:
        return None
    if date.day is None:
        return dt.date(date.year, date.month, 15), 20
    return dt.date(date.year, date.month, date.day), 3


def title_candidates(event: Event, corpus: Corpus, selected: list[Passage], parse=None) -> list[str]:
    """What `event_title` chooses from, best first: the articles' headlines, the lead cut down
    to its news (with `parse`), what happened named as a noun; none longer than TITLE_WORDS."""
    texts = [" ".join(p.text.split()) for p in sorted(selected, key=lambda p: p.position)[:3]]
    candidates = [_without_speaker(t) for aid in event.article_ids if (t := corpus.article(aid).title)]
    if parse is not None:
        texts = [t for t in texts if t not in _run_together(texts, parse)]
        candidates += [line for text in texts if (line := headline(text, parse, TITLE_WORDS, when=happened(event.date)))]
    what = _what(texts)
    candidates += [what] if what and len(what.split()) >= 2 else []  # "Decision" alone says nothing
    return [c for c in dict.fromkeys(candidates) if c and len(c.split()) <= TITLE_WORDS]


# A speaker's label after a headline: "Majority of spill 'dealt with' - President Obama".
_SPEAKER_LABEL = re.compile(r"\s+[-\u2013\u2014]\s+(?:[A-Z][\w.'\u2019-]*\s?){1,4}$")


def _without_speaker(title: str) -> str:
    return _SPEAKER_LABEL.sub("", title.strip()).strip()


def _what(texts: list[str]) -> str | None:
    """What happened, named as a noun phrase in the lead ("second monitoring visit"), if
    the lead names it so."""
    for pattern in _EVENT_NOUN:
        # "to hold a meeting": the marker before the match makes its first word a verb too.
        # A happening is named as a noun phrase: "a second monitoring visit", "the inspection";
        # "while reporters visit" is a clause.
        m = next((m for t in texts for m in pattern.finditer(t)
                  if not _VERB_MARKERS & {w.lower() for w in (t[:m.start()].split()[-1:] + m[1].split())}
                  and _DETERMINERS & {w.lower() for w in (t[:m.start()].split()[-1:] + m[1].split()[:1])}), None)
        if m:
            what = re.sub(r"^(?:(?:a|an|the|after|from|following|by|to|s)\s+)+", "", m[1].strip(), flags=re.I)
            return what[0].upper() + what[1:].lower() if what.isupper() or what.split()[0].isupper() \
                else what[0].upper() + what[1:]
    return None


KEY_POINT_WORDS = 20


def _key_point(plan: "_Plan", sentences: list[SummarySentence], parse) -> SummarySentence | None:
    """The event in one dated line ("February 2022: a new report by Ofsted said many of
    Devon's vulnerable children ..."), made from its first summary sentence by deletion
    (`briefing.headline`: the news, without asides, but never without who said it: "Libya could
    descend into civil war unless Gaddafi quits" was the United States' warning, not the
    briefing's forecast). The briefing's event paragraph then leaves that sentence out
    (`assemble.build_document`)."""
    if not sentences:
        return None
    first = sentences[0]
    when = plan.event.date.label if plan.event.date.known else "Date not stated"
    line = headline(first.text, parse, KEY_POINT_WORDS, when=happened(plan.event.date))
    if line is None or len(line.split()) < 6 or \
            check_sentence(line + ".", first.text, plan.index, compression=True, parse=parse, keep_numbers=False):
        line = first.text.rstrip(".")
    # After the date's colon "The"/"An" read as running text ("May 2021: the government said ...").
    text = line[0].lower() + line[1:] if line.split()[0] in ("The", "An") else line
    # A sentence ending on a quotation's own full stop ('... in this respect."') takes no other.
    end = "" if re.search(r"[.!?][\u201d\"\u2019']$", text) else "."
    return SummarySentence(f"{when}: {text}{end}", first.source_ids, first.evidence, first.rewritten,
                           first.operations + ((CONDENSED_KEY,) if line != first.text.rstrip(".") else ()))


def off_topic(vectors: Mapping[str, np.ndarray], story: Mapping[str, np.ndarray] | None = None,
              min_story: int = TOPIC_PASSAGES) -> frozenset[str]:
    """Ids of the passages of `vectors` (one event's) about something other than the story:
    MiniLM cosine under OFF_TOPIC_COSINE to the mean of the story's passages outside the event
    (`story`: every passage embedded so far; `vectors` when not given, each passage then
    against the others). The event's own are left out of the mean: a page that opens on the
    Super Bowl anthem and goes on about Cairo brings its anthem sentences into the event. None
    when the story has fewer than `min_story`: a few sentences' mean is theirs, not a story's."""
    if story is None:
        if len(vectors) < min_story:
            return frozenset()
        total = np.sum(list(vectors.values()), axis=0)
        means = {pid: total - v for pid, v in vectors.items()}
    else:
        rest = [v for pid, v in story.items() if pid not in vectors]
        if len(rest) < min_story:
            return frozenset()
        total = np.sum(rest, axis=0)
        means = {pid: total for pid in vectors}
    return frozenset(pid for pid, v in vectors.items()
                     if float(v @ means[pid]) / (float(np.linalg.norm(means[pid])) or 1.0) < OFF_TOPIC_COSINE)


# An event whose told sentences are, on average, less than this share as close to the story
# (MiniLM cosine to the mean of every passage embedded) as the median told event's is about
# something else: on the Egypt folder the Super Bowl anthem's event scored 0.23 where the nine
# others scored 0.40 to 0.52 (median 0.43).
OFF_STORY_SHARE = 0.6
OFF_STORY_EVENTS = 4  # told events, at least, for their median to be the story's


def told_off_story(summaries: Sequence[Summary], embedder: Embedder,
                   story: Mapping[str, np.ndarray]) -> frozenset[str]:
    """Ids of the events whose told sentences are about something else than the story's other
    told events (`OFF_STORY_SHARE`): a page on the Super Bowl anthem that the clustering put
    among the Cairo protests' days, a magazine's weekly quiz in a swine flu folder. None when
    fewer than OFF_STORY_EVENTS events are told, or fewer than TOPIC_PASSAGES passages make
    the story's mean."""
    told = [s for s in summaries if s.sentences]
    if len(told) < OFF_STORY_EVENTS or len(story) < TOPIC_PASSAGES:
        return frozenset()
    mean = np.mean(list(story.values()), axis=0)
    mean /= np.linalg.norm(mean) or 1.0
    closeness = [float(np.mean(embedder.encode([x.text for x in s.sentences]) @ mean)) for s in told]
    floor = OFF_STORY_SHARE * float(np.median(closeness))
    return frozenset(s.event.id for s, c in zip(told, closeness) if c < floor)


def read_from(passages: Sequence[Passage]) -> list[Passage]:
    """The passages an event is told from: those within the first READ_POSITIONS sentences of
    their article."""
    return [p for p in passages if p.position < READ_POSITIONS]


def passage_vectors(corpus: Corpus, embedder: Embedder) -> dict[str, np.ndarray]:
    """Passage.id -> its sentence vector, for every passage of the corpus."""
    return dict(zip((p.id for p in corpus.passages), embedder.encode([p.text for p in corpus.passages])))


class _Supporters:
    """Which articles carry a sentence: its passage's sources plus any close paraphrase."""

    def __init__(self, corpus: Corpus, vectors: dict[str, np.ndarray]):
        self.passages = list(corpus.passages)
        self.matrix = np.array([vectors[p.id] for p in self.passages]) if self.passages else np.zeros((0, 384))
        self.indexes: dict[str, SourceIndex] = {}

    def __call__(self, text: str, passage: Passage, vector: np.ndarray) -> tuple[str, ...]:
        ids = list(passage.source_ids)
        if len(self.passages):
            for k in np.nonzero(self.matrix @ vector >= CARRIES_COSINE)[0]:
                other = self.passages[k]
                if set(other.source_ids) <= set(ids):
                    continue
                idx = self.indexes.setdefault(other.id, SourceIndex.build([other.text]))
                if not unsupported_names_and_numbers(text, idx):
                    ids.extend(s for s in other.source_ids if s not in ids)
        return tuple(ids)


def refresh_supporters(summaries: list[Summary], corpus: Corpus, embedder: Embedder, *,
                       vectors: Mapping[str, np.ndarray] | None = None) -> list[Summary]:
    """Summaries made from an earlier corpus, each sentence citing the articles that carry it
    now: a new article may paraphrase it (it is added) and a deleted one no longer can (it is
    dropped). Only the citations change; the words are the ones already checked. `vectors`:
    the corpus's `passage_vectors`, when the caller has them.
    """
    sentences = [s for summary in summaries for s in summary.sentences]
    if not sentences:
        return summaries
    passage_of = {p.text: p for p in corpus.passages}
    if vectors is None:
        vectors = passage_vectors(corpus, embedder)
    supporters = _Supporters(corpus, vectors)
    present = {a.id for a in corpus.sources}
    cited: dict[tuple[str, str], tuple[str, ...]] = {}  # (text, evidence) -> articles carrying it now
    for s, vector in zip(sentences, embedder.encode([s.text for s in sentences])):
        p = passage_of.get(s.evidence)
        ids = supporters(s.text, p, vector) if p is not None else s.source_ids
        cited[(s.text, s.evidence)] = tuple(i for i in ids if i in present)

    def refreshed(s: SummarySentence, ids: tuple[str, ...]) -> SummarySentence:
        return s if ids == s.source_ids else replace(s, source_ids=ids)

    result = []
    for summary in summaries:
        new = tuple(refreshed(s, cited[(s.text, s.evidence)]) for s in summary.sentences)
        key = summary.key_point
        if key is not None:  # it cites what the sentence it was made from cites
            same = next((n for old, n in zip(summary.sentences, new) if old.evidence == key.evidence), None)
            key = refreshed(key, same.source_ids if same else tuple(i for i in key.source_ids if i in present))
        result.append(replace(summary, sentences=new, key_point=key))
    return result


def _partner(plan: "_Plan", si: int, vectors: Mapping[str, np.ndarray]) -> Passage | None:
    """Another article's sentence in the event saying nearly what the selected one says, with
    something of its own (two content words or more), that can stand alone; else None."""
    p = plan.selected[si]
    own = set(content_words(p.text))
    best, best_cosine = None, FUSE_COSINE
    for q in read_from(plan.event.passages):
        if set(q.source_ids) & set(p.source_ids) or q.id == p.id:
            continue
        cosine = float(vectors[q.id] @ vectors[p.id])
        if cosine >= best_cosine and len(set(content_words(q.text)) - own) >= 2 and \
                MIN_WORDS <= len(q.text.split()) <= MAX_WORDS and not check_sentence(q.text) \
                and quoted_share(q.text) < MOSTLY_QUOTED:
            best, best_cosine = q, cosine
    return best


def _fuse(generator, prompts: Prompts, partners: dict, source_of: dict, plans: list, embedder: Embedder,
          vectors: Mapping[str, np.ndarray], parse, stats: Counter, progress) -> dict:
    """The model's fusions of each selected sentence with its partner that pass the checks
    against the two: key -> (text, vector, FUSED)."""
    if not partners:
        return {}
    keys = list(partners)
    progress(f"Offering {plural(len(keys), 'sentence')} that another outlet states nearly the same way "
             f"for fusion with {generator.name}")
    both = [f"{source_of[k]} {partners[k].text}" for k in keys]
    outputs = _generate(generator, [prompts.render("fuse", sentence=source_of[k], other=partners[k].text)
                                     for k in keys], both, progress=progress, description="Fusing sentences")
    answers = {k: t for k, out in zip(keys, outputs) if (t := clean_output(out))
               and wording(t) not in (wording(source_of[k]), wording(partners[k].text))}
    accepted = {}
    for (key, text), v_text in zip(answers.items(), embedder.encode(list(answers.values()))):
        pi, si = key
        evidence = f"{source_of[key]} {partners[key].text}"
        cosine = float(v_text @ vectors[plans[pi].selected[si].id])
        if not check_sentence(text, evidence, plans[pi].index, cosine=cosine, parse=parse, keep_numbers=False):
            accepted[key] = (text, v_text, FUSED)
        else:
            stats[f"refused:{MODEL_FUSION}"] += 1
    return accepted


def _published(corpus: Corpus, passage: Passage) -> tuple:
    date = corpus.article(passage.source_ids[0]).date
    return (date is None, date or 0)


def _checked_edit(editor: SubEditor, passage: Passage, index: SourceIndex, embedder: Embedder,
                  vectors: Mapping[str, np.ndarray], parse, stats: Counter, said: set[str]) -> Edit | None:
    """The passage sub-edited (`said`: the words of the summary so far), if the edit passes
    the checks every candidate passes; else the passage as written, if it can stand alone;
    else None. One the sub-editor found unusable (a pronoun or speaker it cannot name, a
    noun introduced in a sentence before it) is not used as written either."""
    edit = editor.edit(passage, said)
    if edit is None:
        stats["refused:unusable"] += 1
        return None
    if edit.text != passage.text:
        context = " ".join((*edit.context, *edit.facts))
        # Meaning: the statement's, or the statement's with who made it.
        said, meant, told = embedder.encode([edit.text, edit.evidence, " ".join((*edit.context, edit.evidence))])
        problems = check_sentence(edit.text, edit.evidence, index, cosine=float(max(said @ meant, said @ told)),
                                  parse=parse, keep_numbers=False, context=context)
        if not problems:
            return edit
        stats.update(f"refused:{op}" for op in edit.operations)
    else:
        return edit if not check_sentence(edit.text, parse=parse) else None
    # As written, if it can stand alone (and is news: an order to someone never is).
    if check_sentence(passage.text, parse=parse):
        return None
    return Edit(passage.text, passage.text, (), (), ())


# A generator that cannot report answers as they finish (no `on_done`) is handed this many
# prompts at a time, so that the bar still moves at least every few items.
PROGRESS_CHUNK = 4


def _rewrite(generator: Generator, prompts: Prompts, template: str, sentences: list[str], *,
             only_source_words: bool = False, progress: Callable[[str], None] = _log,
             description: str = "Rewriting") -> list[str]:
    """The generator's answers to `template` for each sentence, each sentence also given as
    `sources=` so that a backend able to constrain decoding to its names and numbers (or,
    with `only_source_words`, to all its words) does so."""
    return _generate(generator, [prompts.render(template, sentence=s) for s in sentences], sentences,
                     only_source_words=only_source_words, progress=progress, description=description)


def _generate(generator: Generator, rendered: list[str], sources: list[str], *, only_source_words: bool = False,
              progress: Callable[[str], None] = _log, description: str) -> list[str]:
    """The generator's answers to `rendered`, counted on a progress task of sentences.

    A generator that reports each answer as it finishes gets every prompt at once: it batches
    them as suits it (like lengths together), and the bar still moves answer by answer. Any other
    is handed PROGRESS_CHUNK prompts at a time.
    """
    with task(progress, description, len(rendered), "sentences") as bar:
        if _reports_answers(generator):
            return generator.generate_batch(rendered, max_new_tokens=MAX_NEW_TOKENS, sources=sources,
                                            only_source_words=only_source_words, on_done=bar.advance)
        answers: list[str] = []
        for start in range(0, len(rendered), PROGRESS_CHUNK):
            answers += generator.generate_batch(rendered[start:start + PROGRESS_CHUNK], max_new_tokens=MAX_NEW_TOKENS,
                                                sources=sources[start:start + PROGRESS_CHUNK],
                                                only_source_words=only_source_words)
            bar.advance(len(answers) - start)
        return answers


def _reports_answers(generator: Generator) -> bool:
    """Whether `generator.generate_batch` takes `on_done` (generators written before it do not)."""
    try:
        parameters = inspect.signature(generator.generate_batch).parameters
    except (TypeError, ValueError):
        return False
    return "on_done" in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())


def summarise_events(
    events: list[Event],
    corpus: Corpus,
    generator: Generator,
    embedder: Embedder,
    prompts: Prompts,
    *,
    max_sentences: int = MAX_SENTENCES,
    max_words: int = WORD_BUDGET,
    progress: Callable[[str], None] = _log,
    vectors: Mapping[str, np.ndarray] | None = None,
    topic_vectors: Mapping[str, np.ndarray] | None = None,
    stats: Counter | None = None,
    model: bool = True,
) -> list[Summary]:
    """A grounded summary for each event, generated in batches across events.

    Args:
        events: the events, in briefing order.
        corpus: the deduplicated corpus the events come from.
        generator: the model backend.
        embedder: sentence embedder for selection and meaning checks.
        prompts: the prompt templates.
        vectors: the corpus's `passage_vectors`, when the caller has them.
        topic_vectors: every passage of the story embedded so far, whose mean is what the
            story is about (`off_topic`); `vectors` when not given.
        stats: counts what each operation produced and what the checks refused
            ("produced:dates", "refused:speaker", "produced:model rewrite", ...), when given.
        model: offer the sentences to the generator; without, they are the sub-editor's
            (`generator` may then be None).

    Returns:
        One `Summary` per event, in the same order.
    """
    if generator is not None and hasattr(generator, "system_prompt"):
        generator.system_prompt = prompts.system
    if vectors is None:
        vectors = passage_vectors(corpus, embedder)
    supporters = _Supporters(corpus, vectors)

    stats = stats if stats is not None else Counter()
    parse = ParseMemo(shared().with_entities)
    editor = SubEditor(corpus, parse)
    concepts = {p.id: word_pairs(p.text) for event in events for p in event.passages}
    stated = [{c for p in event.passages for c in concepts[p.id]} for event in events]
    stated_in = Counter(c for own in stated for c in own)
    plans: list[_Plan] = []
    for event, own in zip(events, stated):
        elsewhere = {c for c in own if stated_in[c] > 1}
        texts = [corpus.article(a).text for a in event.article_ids]
        texts += [p.text for p in event.passages]
        # What the sub-editor may state from the metadata: the articles' publication dates.
        texts += [f"{d.day} {MONTHS[d.month - 1]} {d.year}" for a in event.article_ids
                  if (d := corpus.article(a).date) is not None]
        index = SourceIndex.build(texts)
        chosen: list[tuple[Passage, Edit]] = []
        words_used = 0
        away = off_topic({p.id: vectors[p.id] for p in read_from(event.passages) if p.id in vectors}, topic_vectors)
        away |= listed_elsewhere(event, corpus)
        picker = select_passages(event, vectors, elsewhere, concepts, away)
        p = next(picker, None)
        while p is not None and len(chosen) < max_sentences and words_used < max_words:
            said = {w.lower() for _, e in chosen for w in e.text.split()}
            edit = _checked_edit(editor, p, index, embedder, vectors, parse, stats, said)
            n = len(edit.text.split()) if edit is not None else 0
            # About `max_words`: a sentence that would overshoot by more than it fills is skipped.
            used = edit is not None and not (chosen and words_used + n - max_words > max_words - words_used)
            if used:
                chosen.append((p, edit))
                words_used += n
            try:
                p = picker.send(used)
            except StopIteration:
                p = None
        # In story order: by the date of the article a sentence comes from, then by position.
        chosen.sort(key=lambda pe: (_published(corpus, pe[0]), pe[0].position))
        plans.append(_Plan(event, index, [p for p, _ in chosen], [e for _, e in chosen], frozenset(away)))

    # One batch: a rewrite of every selected sentence of every event.
    # Quotations stay word for word, so a sentence that is mostly quotation is not offered.
    jobs = [(pi, si) for pi, plan in enumerate(plans) for si, edit in enumerate(plan.edits)
            if model and quoted_share(edit.text) < MOSTLY_QUOTED]
    source_of = {(pi, si): plans[pi].edits[si].text for pi, si in jobs}
    if jobs:
        progress(f"Rewriting {plural(len(jobs), 'sentence')} for {plural(len(plans), 'event')} with {generator.name}")

    # Each attempt goes to the sentences no earlier attempt rewrote (failed a check, or came
    # back as the source sentence itself). A sentence another outlet states nearly the same way
    # is first offered for fusion with it.
    accepted: dict[tuple[int, int], tuple[str, np.ndarray, int]] = {}
    partners = {key: q for key in jobs if (q := _partner(plans[key[0]], key[1], vectors)) is not None}
    fused = _fuse(generator, prompts, partners, source_of, plans, embedder, vectors, parse, stats, progress)
    accepted.update(fused)
    pending = [key for key in jobs if key not in accepted]
    for attempt, (template, own_words) in enumerate(ATTEMPTS):
        if not pending:
            break
        if own_words:  # only a long sentence needs shortening (and each costs a generation)
            pending = [key for key in pending if len(source_of[key].split()) > SHORTEN_OVER]
            if not pending:
                break
            progress(f"{plural(len(pending), 'long sentence')} not rewritten yet; shortening "
                     + ("it in its own words" if len(pending) == 1 else "them in their own words"))
        outputs = _rewrite(generator, prompts, template, [source_of[key] for key in pending],
                           only_source_words=own_words, progress=progress,
                           description="Shortening long sentences" if own_words else "Rewriting sentences")
        answers = {key: text for key, out in zip(pending, outputs)
                   if (text := clean_output(out)) and wording(text) != wording(source_of[key])}
        for (key, text), v_text in zip(answers.items(), embedder.encode(list(answers.values()))):
            pi, si = key
            cosine = float(v_text @ vectors[plans[pi].selected[si].id])
            # Against the sub-edited sentence it was made from (itself checked against the sources).
            if not check_sentence(text, source_of[key], plans[pi].index, cosine=cosine, compression=own_words,
                                  parse=parse):
                accepted[key] = (text, v_text, attempt)
            else:
                stats[f"refused:{MODEL_SHORTENED if own_words else MODEL_REWRITE}"] += 1
        pending = [key for key in pending if key not in accepted]

    seen: set[str] = set()
    summaries: list[Summary] = []
    counts = Counter()
    for pi, plan in enumerate(plans):
        sentences: list[SummarySentence] = []
        for si, (p, edit) in enumerate(zip(plan.selected, plan.edits)):
            text, vec, attempt = accepted.get((pi, si), (edit.text, vectors[p.id], -1))
            key = normalise(text).lower()
            if key in seen:
                continue
            seen.add(key)
            model_op = () if attempt < 0 else (MODEL_FUSION,) if attempt == FUSED else (
                MODEL_SHORTENED if ATTEMPTS[attempt][1] else MODEL_REWRITE,)
            operations = edit.operations + model_op
            counts["model" if attempt >= 0 else "edited" if edit.operations else "kept"] += 1
            stats.update(f"produced:{op}" for op in operations)
            ids, evidence = supporters(text, p, vec), edit.evidence
            if attempt == FUSED:  # it says what both outlets' sentences say: it rests on and cites both
                other = partners[(pi, si)]
                ids += tuple(i for i in other.source_ids if i not in ids)
                evidence = f"{edit.evidence} {other.text}"
            sentences.append(SummarySentence(text, ids, evidence, attempt >= 0, operations))

        # Titled from the lead, as an event the body does not tell is (`pipeline._titles`); of
        # leads at the same place, first the one of the article the paragraph tells most: the
        # title heads what the paragraph tells, not another article of the same day.
        lead = [p for p in plan.event.passages if p.id not in plan.away]
        told_of = Counter(p.source_ids[0] for p in plan.selected)  # article id -> sentences told
        title = event_title(plan.event, corpus, sorted(lead, key=lambda p: (p.position, -told_of[p.source_ids[0]]))[:3],
                            parse=parse, told=plan.selected)
        key_point = _key_point(plan, sentences, parse)
        # A sentence that says no more than the heading above it is told twice ("Iraqi ministers'
        # relatives got top jobs and fat contracts." under that title): the heading tells it.
        # (The key point, under the date alone, may.)
        heading = set(content_words(title))
        sentences = [x for x in sentences if not set(content_words(x.text)) <= heading] or sentences
        if key_point is not None:
            seen.add(normalise(key_point.text).lower())
        summaries.append(Summary(plan.event, title, tuple(sentences), key_point))
    progress(_made_of(events, counts, model=model))
    return summaries


# What the pipeline's joined events (`pipeline._joined`, id "overview" or "period:...") are
# summarised for, as a progress line names them; other ids are events.
_JOINED = {"overview": ("the opening Summary", "the opening Summary's stretches of the story"),
           "period": ("a section's opening", "the sections' openings")}


def _made_of(events: list[Event], counts: Counter, *, model: bool) -> str:
    """How the summaries of `events` were written, as a progress line: 'Summarised 5 events
    in 25 sentences: 1 written by the model, 19 sub-edited (...), 5 as the sources wrote them',
    or 'Drafted the opening Summary in 4 sentences without the model: ...' (not "Wrote": that
    word starts the line that says where the briefing went)."""
    kinds = {e.id.split(":")[0] for e in events}
    kind = kinds.pop() if len(kinds) == 1 else ""
    what = f"Drafted {_JOINED[kind][len(events) > 1]}" if kind in _JOINED else f"Summarised {plural(len(events), 'event')}"
    parts = [f"{counts['model']} written by the model"] if model else []
    parts += [f"{counts['edited']} sub-edited (dates, speakers, context, condensed, tense)",
              f"{counts['kept']} as the sources wrote {'it' if counts['kept'] == 1 else 'them'}"]
    how = "" if model else " without the model"
    return f"{what} in {plural(sum(counts.values()), 'sentence')}{how}: {', '.join(parts)}"


def summarise_event(event: Event, corpus: Corpus, generator: Generator, embedder: Embedder,
                    prompts: Prompts, **options) -> Summary:
    """`summarise_events` for a single event."""
    return summarise_events([event], corpus, generator, embedder, prompts, **options)[0]
