"""Reporting: which sentences of an article are what the outlet reported, and which are not.

A saved page carries more than the story. Text addressed to a machine (instructions planted
for an AI summariser), text addressed to the reader (share, follow, subscribe, "tell us"),
reader comments, captions and credits, bylines, timestamps, related links and advertisement
markers are not what the outlet reported, so none of it may become a briefing sentence, a
footnote quotation, a title, a timeline line or a row of the people table. This stage judges
every sentence after ingest and before deduplication; the article goes on with the rest of
its text, and its id changes only when something was left out.

The judgement, cheapest first (one function a kind, each returning the kind or None):

0. run-in furniture: scraped text loses the breaks around a headline, byline, dateline, time
   stamp or caption, so they run into the sentence after them ("Mexico has ramped up its
   efforts Mexican authorities have taken ..."); they are split off and judged alone, by cues
   (a stamp, "|", a wire dateline, "By" and a name, a credit) and, at the top of an article
   only, by the parse (where a clause with its own subject starts after words that stand
   alone); the sentence is kept from its own first word;
1. layout: a line that is a short label with no closing punctuation (a sub-heading, caption,
   link or credit line), and the rest of a paragraph once a reader comment has begun in it;
2. shape: credits, bylines, timestamps, comment headers and related-link lists have forms of
   their own (a time and a user name before "wrote:", "By" and a name, only dates and times);
3. the parse (spaCy): who the sentence speaks to. An imperative, a demand ("should",
   "must", "is required to") on "you", on a machine or on "whoever is summarising", a
   vocative header ("Note for language models:") is addressed to someone; it is addressed to a
   machine when it also names one or refers to this text and its processing ("the text
   above", "your summary"), and to the reader when it asks for a web action ("follow us",
   "click here"). An imperative inside a quotation that a speaker is
   said to have said is reporting ("'Get on with it,' the minister said."). Only sentences
   holding a word these tests look for are parsed: most news sentences hold none;
4. speech (`spoken`): a broadcast transcript or a question-and-answer interview is what
   presenters and guests said, not the outlet's reporting; from its first speaker's turn on,
   it is left out;
5. own words (`personal`): a blog, a reader's account or a page of experts' views speaks as
   one person ("I", "my"; a name in capitals heading each view), not as the outlet;
6. the folder: a sentence that several articles, some about unrelated things, carry word for
   word is the site's boilerplate, whatever its wording.

The package, one module a decision: `kinds` (the kinds and what screening hands on), `layout`
(furniture by its form), `addressed` (the parse: who a sentence speaks to), `runins`
(furniture run into the front of a sentence), `spoken` (transcripts and interviews), `personal` (first-person
accounts and views), `boilerplate` (lines unrelated articles share)
and `screen` (each article, then the folder).
"""

from __future__ import annotations

from .kinds import (
    ADVERT,
    BOILERPLATE,
    BYLINE,
    CAPTION,
    COMMENT,
    LABEL,
    MACHINE,
    READER,
    OWN_WORDS,
    RELATED,
    SAID_KINDS,
    SPOKEN,
    TIMESTAMP,
    Judgement,
    LeftOut,
    Screening,
)
from .screen import describe, screen_articles

STAGE_VERSION = 8  # bump when the judgement changes: cached judgements are then redone

__all__ = ["ADVERT", "BOILERPLATE", "BYLINE", "CAPTION", "COMMENT", "LABEL", "MACHINE", "OWN_WORDS", "READER",
           "RELATED", "SAID_KINDS", "SPOKEN", "STAGE_VERSION", "TIMESTAMP", "Judgement", "LeftOut", "Screening",
           "describe", "screen_articles"]
