"""Speech: a broadcast transcript or a question-and-answer interview is words spoken by
presenters and guests, not the outlet's written reporting.

Told as narration, a guest's view becomes the briefing's ("The true heroes were every single
Egyptian."), a presenter's aside becomes news ("Don Lemon here at ..."), and a transcriber's
raw speech ("Security check points was set up") becomes a sentence the councillor repeats. So
the spoken part of such an article is left out, as furniture is, and the file is named among
those skipped when nothing else is left:

- a broadcast transcript says so ("THIS IS A RUSH TRANSCRIPT"): all of it is speech;
- an interview, or a transcript that does not say so, is a run of speaker turns ("Paxman: Did
  you see ...? BLAIR: No, I had the attorney general's advice ..."): at least MIN_TURNS
  sentences open with a speaker's label (a name in capitals, perhaps with a role, or one to
  three capitalised words), a speaker comes back after another has spoken, and a question is
  asked. Everything from the first turn on is speech; what the outlet wrote before it (an
  interview's introduction) stays.

A digest of section headings ("MIDDLE EAST: ...", "AFRICA: ...") or a reader's list of
"FACT: ..." lines has labels too, but nobody answers: no speaker comes back after another.
One reporter's paragraph quoting a single "SMITH:" line has too few.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from .kinds import SPOKEN

MIN_TURNS = 3

# A transcript's own header, in the broadcasters' wording.
_TRANSCRIPT = re.compile(r"\b(?:THIS IS A )?RUSH TRANSCRIPT\b|\(BEGIN VIDEO(?:TAPE)? CLIP\)", re.IGNORECASE)
# A speaker's turn: a name in capitals, perhaps with a role ("BECKY ANDERSON, CONNECT THE WORLD,
# CNN:"), after a stage direction ("(END VIDEO CLIP) LEMON:"); or one to three capitalised words
# ("Fareed Zakaria:", "Paxman:").
_TURN = re.compile(r"^(?:\([A-Z][A-Z ]{2,40}\)\s*)?((?:[A-Z][A-Z.'\u2019-]+\s){0,3}[A-Z][A-Z.'\u2019-]+"
                   r"|[A-Z][a-z'\u2019-]+(?:\s[A-Z][a-z'\u2019-]+){0,2})(?:,\s*[A-Z][A-Z.'\u2019 -]*){0,3}:\s")


def speech(paragraphs: Sequence[Sequence[str]], furniture: Container[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """Where an article's speech begins, as (paragraph, sentence), or None when it is written
    reporting throughout.

    Args:
        paragraphs: the article's sentences, paragraph by paragraph.
        furniture: the (paragraph, sentence) places of sentences judged furniture already: a
            caption's "Photograph: ..." is no speaker's turn (a transcript's header still
            says what the article is).

    Example:
        >>> speech([["Fareed Zakaria spoke to CNN."], ["CNN: Will he go?", "ZAKARIA: Yes.",
        ...          "CNN: When?", "ZAKARIA: Soon."]])
        (1, 0)
    """
    if any(_TRANSCRIPT.search(s) for p in paragraphs for s in p):
        return (0, 0)
    turns: list[tuple[int, int, str, bool]] = []  # (paragraph, sentence, speaker, a question asked there)
    previous = ""
    for pi, paragraph in enumerate(paragraphs):
        for si, sentence in enumerate(paragraph):
            turn = _TURN.match(sentence) if (pi, si) not in furniture else None
            if turn:
                asked = sentence.rstrip().endswith("?") or previous.rstrip().endswith(("?", "?'", '?"', "?\u2019", "?\u201d"))
                turns.append((pi, si, turn[1], asked))
            previous = sentence
    if len(turns) < MIN_TURNS:
        return None
    # An answer: a speaker comes back after someone else has spoken.
    names = [_surname(t[2]) for t in turns]
    answered = any(name in names[:i] and names[i - 1] != name for i, name in enumerate(names))
    if not answered or not any(t[3] for t in turns):
        return None
    return turns[0][0], turns[0][1]


def _surname(label: str) -> str:
    """"FAREED ZAKARIA" and "Zakaria" are one speaker."""
    return label.split()[-1].upper()


def mark_speech(paragraphs: list[list[list]]) -> None:
    """Give every sentence from where `speech` finds it begins the kind SPOKEN, unless it has a
    kind already (`paragraphs`: per paragraph, [sentence, kind] items, changed in place)."""
    furniture = {(pi, si) for pi, p in enumerate(paragraphs) for si, item in enumerate(p) if item[1] is not None}
    start = speech([[item[0] for item in p] for p in paragraphs], furniture)
    if start is None:
        return
    for pi, paragraph in enumerate(paragraphs):
        for si, item in enumerate(paragraph):
            if (pi, si) >= start and item[1] is None:
                item[1] = SPOKEN
