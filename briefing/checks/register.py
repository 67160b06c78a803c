"""Register: could the sentence stand in a briefing, read on its own, on any day?"""

from __future__ import annotations

import re

from ..quotes import (
    QUOTE_CHARS,
    opens_inside_quote,
    outside_quotes,
    quoted_share,
    said_verb,
    typeset,
)
from ..temporal import MONTHS, RELATIVE_TIME, WEEKDAYS

# Openings that need the sentence before them: a pronoun or a connective.
_DANGLING = re.compile(
    r"^(?:It|This|That|These|Those|He|She|They|Him|Her|Them|His|Its|Their|But|However|And|Also|Meanwhile|Yet|So|"
    r"Nevertheless|Moreover|Furthermore|Additionally|Instead|Still|Then|Or|Nor|Such)\b")
# A weekday with no date after it ("was freed Monday", "said Tuesday"): which Monday, only the day
# the article was written tells.
_BARE_WEEKDAY = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b(?!,?\s+(?:the\s+)?(?:\d{{1,2}}\b|(?:{'|'.join(MONTHS)})\b))")
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Uu]s|[Oo]urs?|[Mm]y|[Mm]e|[Mm]ine|[Mm]yself|[Oo]urselves)\b")


def expletive_it(text: str) -> bool:
    """"It is clear that ...", "It was not known whether ...": "it" stands for nothing."""
    return re.match(r"^It\s+(?:is|was|has been|had been|seems|seemed|appears|appeared|remains|remained)\s+"
                    r"(?:(?:\w+\s+){0,3}?(?:that|whether|to|if|how|why|what|when)\b|(?:only\s+)?the\s+\w+\s+time\b)",
                    text) is not None


def register_problems(text: str) -> list[str]:
    """What a briefing sentence must not have outside quotation marks: a relative time word,
    a first-person word, an opening that needs the sentence before it."""
    text = typeset(text)
    outside = outside_quotes(text)
    problems = []
    if m := RELATIVE_TIME.search(outside) or _BARE_WEEKDAY.search(outside):
        problems.append(f"relative time {m[0]!r}")
    if m := _FIRST_PERSON.search(outside):
        problems.append(f"first person {m[0]!r}")
    stripped = text.lstrip(QUOTE_CHARS + " ")
    if stripped == text.lstrip() and (m := _DANGLING.match(stripped)):
        if not expletive_it(stripped):
            problems.append(f"opening {m[0]!r} needs the sentence before")
    if text.lstrip().startswith("("):
        problems.append("an aside in brackets")
    if opens_inside_quote(text):
        problems.append("a quotation that began in an earlier sentence")
    elif text.lstrip()[:1] in "\u201c\"\u2018" and not said_verb(outside) and quoted_share(text) > 0.5:
        problems.append("a quotation with no speaker")
    return problems
