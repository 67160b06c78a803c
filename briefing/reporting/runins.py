"""Run-in furniture: what a saved page sets in front of a sentence, with no break between."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence

from ..models import Article
from ..quotes import SPEECH_VERBS
from ..temporal import WEEKDAY_RE
from ..text import STOPWORDS, split_sentences
from .addressed import subjects_of
from .kinds import ADVERT, BYLINE, CAPTION, LABEL, TIMESTAMP
from .layout import CONTINUING_WORDS, MONTH, MONTH_OR_DAY, MONTHS_DAYS, NAME_WORD, is_label, shape

# ---------------------------------------------------------------------------------------
# run-in furniture: what a saved page sets in front of a sentence with no break between
#
# Scraped text loses the line breaks around a headline, a standfirst, a byline, a dateline, a
# time stamp or a picture caption, so they run into the first sentence ("Mexico has ramped up
# its containment efforts Mexican authorities have taken drastic measures ..."). The sentence
# is kept from its real first word, and what stood in front of it is left out by its kind:
#
# 1. cues first, which hold for any outlet: a time stamp (a date and a clock time) or a wire
#    dateline ("RABAT (Reuters) - ") ends the furniture at the top of a story, a "|" parts a
#    name or place from its time stamp, "By" and capitalised words end where a capitalised
#    function word starts a sentence, a credit ("Photograph: AP/Jo Bloggs"), an upper-case
#    heading;
# 2. the parse, for an article's first sentence only and only where a capitalised word follows a
#    word that can end a headline: there a complete clause with its own subject begins after
#    a stretch that is not part of it. Prose never starts a second main clause without a
#    stop, a comma or a conjunction; the stretch is furniture when it stands alone (a clause,
#    or a label: title-case words, a byline, a quoted caption) and does not run into what
#    follows (a phrase that modifies the next subject, "Labour leader Ed Miliband", an opening
#    adverbial, "In 2009 Labour won", or a verb of saying still waiting for its clause, "He
#    told reporters Mexican officials had ...").

# An advertisement marker run together with the sentence after it, as saved pages join them
# ("Advertisement Continue reading the main story At the scene The bombardment has started ...").
_MARKER_PREFIX = re.compile(
    r"^(?:advertisement\s*)?(?:continue\s+reading\s+the\s+main\s+story|story\s+continues\s+below(?:\s+advertisement)?)\s+"
    r"(?=[A-Z\u201c\"'\u2018])", re.IGNORECASE)


# ... and a timestamp run into the headline or sentence after it ("Last updated: 1 may, 2009 -
# 17:54 GMT Mexico shuts down in attempt to slow the spread").
STAMP_PREFIX = re.compile(
    r"^(?i:last\s+)?(?i:updated|published|posted|modified)\s*:?\s*[^A-Z]{0,40}?\b(?:GMT|BST|UTC|CET|CEST|ET|EST|EDT|PT)\b"
    r"\s*[-\u2013\u2014|]?\s+(?=[A-Z\u201c\"])")


# How far into an article furniture can run (headline, standfirst, caption, credit, byline,
# stamp and dateline together). In the three Timeline17 stories it was tuned on, 528 of the 531
# stamps and datelines found stand within the first 52 words (a Reuters caption, a teaser and a
# dateline); the other three stand in the body, 120 words and more in.
MAX_RUN_IN_WORDS = 60
# What is left once furniture is taken off the front of a line must be a sentence of six words or
# more; with less the line is one label ("PHOTOS: Tony Scott's Films: From 'Top Gun' to
# 'Unstoppable'"). Chosen by reading the Multi-News lines it split.
MIN_RUN_IN_SENTENCE_WORDS = 6
# A piece of furniture found by the parse runs three words or more ("Jackson death was 'not
# suspicious'", "By Jo Bloggs"): two words between two boundaries, before a name, are the title
# the sentence starts with ("... after half-term | Public school | Eton will close ...").
MIN_PIECE_WORDS = 3

# Capitalised words that open a sentence and never continue a name or a title, after a word
# that can end one: "... reaches Europe The UN has warned ...", "... voices concern A new ...",
# "By Jo Bloggs BBC News, Washington The ...".
_OPENING_WORDS = {
    "The", "A", "An", "It", "Its", "He", "She", "They", "We", "I", "This", "That", "These", "Those", "There", "Their",
    "His", "Her", "Our", "In", "On", "At", "For", "As", "When", "While", "If", "After", "Before", "Since", "With",
    "From", "Despite", "During", "Although", "Though", "But", "Yet", "Some", "Many", "Most", "More", "All", "Every",
    "Each", "Both", "Several", "Another", "No", "Not", "Only", "Even", "Such", "About", "Around", "Nearly", "Almost",
    "Up", "Now", "Then", "Today", "Yesterday", "What", "How", "Why", "Where", "One", "Two", "Three", "Four", "Five",
    "Six", "Seven", "Eight", "Nine", "Ten", "Dozens", "Hundreds", "Thousands", "Millions"}
_NUMBER_WORDS = {"One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"}
RUN_IN_KINDS = (ADVERT, TIMESTAMP, BYLINE, CAPTION, LABEL)  # what is taken off the front of a sentence
_OPENER = rf"(?:{'|'.join(sorted(_OPENING_WORDS))})\b"
_ZONE = r"(?:GMT|BST|UTC|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|ET|PT)"
_WEEKDAY = rf"(?:{WEEKDAY_RE})\.?"
_CLOCK = (rf"\d{{1,2}}[:.]\d{{2}}(?:\s*(?i:[ap]\.?m\b\.?))?(?:\s*{_ZONE}\b)?(?:\s+(?i:UK|local)\s+time\b)?"
          rf"(?!\s*{_ZONE}\b)")  # (the zone is the stamp's, not the start of what follows)
_CALENDAR = (rf"(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+\d{{4}}"
             rf"|{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})")
# A date with a clock time, in either order ("Tuesday 4 January 2005 08.43 GMT", "Sun Feb 20,
# 2011 6:47 pm EST", "18:00 UK time, Saturday, 25 April 2009"): a page's stamp, not prose,
# which says "at" before a time ("on 4 January at 08.43").
_FULL_STAMP = rf"(?:{_CALENDAR},?\s+{_CLOCK}|{_CLOCK},?\s+{_CALENDAR})"
_CLOSING_QUOTES = "'\"\u2019\u201d"
_SENTENCE_CLOSE = re.compile(r"[.!?\u2026][\"'\u2019\u201d)\]]*\s*$")
_STARTS = r"(?=[\"'\u201c\u2018(]?[A-Z0-9])"  # what a sentence (or the next piece of furniture) starts with
_DASH = r"(?:-{1,2}|\u2014|\u2013)(?:\s*-)?"
_AGENCY = r"\([A-Z][A-Za-z.&]*(?: [A-Z][A-Za-z.&]*){0,2}!?\)"  # "(Reuters)", "(KDKA)", "(HealthDay News)"
# The wire services, whose datelines also name the place in title case ("Washington (CNN) -- ").
_WIRE = r"\((?:AP|Reuters|AFP|CNN|UPI|Bloomberg|PA|dpa|Xinhua|EFE|ANSA|Kyodo|Yonhap)\b[^()]{0,16}\)"
# "RABAT", "BENGHAZI, Libya", "TRIPOLI/OUTSIDE BANI WALID, Libya", "ROME Feb 21", "TRIPOLI, March 2"
_WIRE_PLACE = rf"[A-Z][A-Z.'/-]+(?:[ ,/-]+[A-Z][A-Za-z.'/-]*){{0,5}}?(?:,?\s+{MONTH}\.?\s+\d{{1,2}})?"
_STAMP_START = re.compile(rf"{_FULL_STAMP}\s+{_STARTS}")
_TITLED_PLACE = r"[A-Z][a-z]+(?:[ ,]+[A-Z][A-Za-z.]+){0,3}"
_WIRE_START = re.compile(rf"(?:{_WIRE_PLACE}\s*)?{_AGENCY}\s*{_DASH}\s+{_STARTS}"
                         rf"|{_TITLED_PLACE}\s*{_WIRE}\s*{_DASH}\s+{_STARTS}")
_BAR_STAMP = re.compile(rf"\|\s*(?={_FULL_STAMP}\s+{_STARTS})")
# Where the furniture at the top of a story ends: a stamp or a wire dateline with its place.
_ANCHOR = re.compile(rf"(?<!\S){_FULL_STAMP}\s+{_STARTS}|(?<!\S){_WIRE_PLACE}\s*{_AGENCY}\s*{_DASH}\s+{_STARTS}"
                     rf"|(?<!\S){_TITLED_PLACE}\s*{_WIRE}\s*{_DASH}\s+{_STARTS}")
_AFTER_PREPOSITION = re.compile(r"\b(?:on|at|by|from|until|till|since|before|after|of|and|to|between)\s*$",
                                re.IGNORECASE)
_RUN_IN_BYLINE = re.compile(
    rf"^By\s+(?!(?:{MONTH_OR_DAY})\b){NAME_WORD}(?:,?\s+(?:{NAME_WORD}|&|and)){{0,7}}?,?\s+(?={_OPENER})")
_RUN_IN_CREDIT = re.compile(r"^(?:photograph|photo|picture|pic|image|credit|illustration)s?\s*:\s*", re.IGNORECASE)
_CAPS_WORD = re.compile(r"[A-Z][A-Z'\u2019&.]*[A-Z]\b|[A-Z]\b")
_CAPS_HEADING = re.compile(r"^(?:[A-Z][A-Z'\u2019&.-]*(?:\s+[-\u2013\u2014:]\s+|\s+)){3,12}?(?=[A-Z][a-z])")


# Lower-case parts of names ("Photograph: Marco di Lauro/Getty").
_NAME_PARTICLES = {"de", "di", "da", "del", "della", "der", "den", "van", "von", "le", "la", "du", "dos", "das", "al",
                   "el", "bin", "ibn", "ter", "ten", "zu"}


def _credit_run_in(sentence: str) -> int:
    """Where a picture credit run into a sentence ends ("Photograph: AP/Kevin Lamarque The US
    president ..."), or 0: at a capitalised function word, else after its "Agency/Name" part."""
    head = _RUN_IN_CREDIT.match(sentence)
    if not head:
        return 0
    toks = list(re.finditer(r"\S+", sentence[head.end():]))[:7]
    end = next((j for j, tok in enumerate(toks[1:], 1) if re.match(_OPENER, tok[0])), None)
    if end is None:
        slashed = [j for j, tok in enumerate(toks[:5]) if "/" in tok[0]]
        end = slashed[-1] + 1 if slashed and slashed[-1] + 1 < len(toks) and toks[slashed[-1] + 1][0][:1].isupper() \
            else None
    # a credit names people and agencies ("Jo Bloggs/AP"), not a gallery ("Photos: The search for ...")
    if end is None or re.match(_OPENER, toks[0][0]) or not all(
            t[0][:1].isupper() or "/" in t[0] or t[0] in _NAME_PARTICLES for t in toks[:end]):
        return 0
    return head.end() + toks[end].start()


def peel(sentence: str, opening: bool = False) -> tuple[list[tuple[str, str]], str]:
    """Furniture run into the front of `sentence`, found by its form, and the sentence after it.
    `opening`: the first sentence of an article, where a name before "|" and a "By" line are
    its author (elsewhere "name | time" heads a reader's comment)."""
    pieces: list[tuple[str, str]] = []
    while True:
        found = None
        for pattern, kind in ((_MARKER_PREFIX, ADVERT), (STAMP_PREFIX, TIMESTAMP), (_STAMP_START, TIMESTAMP),
                              (_WIRE_START, BYLINE)):
            m = pattern.match(sentence)
            if m:
                found = (m.end(), kind, pattern in (_MARKER_PREFIX, STAMP_PREFIX))
                break
        if not found and (end := _credit_run_in(sentence)):
            found = (end, CAPTION, False)
        if not found and (m := _CAPS_HEADING.match(sentence)):
            caps = _CAPS_WORD.findall(m[0])
            if len(caps) >= 3 and sum(len(w) >= 4 for w in caps) >= 2:
                found = (m.end(), LABEL, False)
        if not found and opening:
            bar = _BAR_STAMP.search(sentence[:200])
            m = _RUN_IN_BYLINE.match(sentence)
            if bar and len(sentence[:bar.start()].split()) <= 6:
                found = (bar.end(), BYLINE, False)  # "Susan Watts | 18:00 UK time, ...", "RABAT | Sun Feb 20, ..."
            elif m:
                found = (m.end(), BYLINE, False)
        if not found:
            return pieces, sentence
        if len(sentence[found[0]:].split()) < MIN_RUN_IN_SENTENCE_WORDS and not found[2]:
            return pieces, sentence  # "PHOTOS: Tony Scott's Films: From 'Top Gun' to 'Unstoppable'" is one label
        pieces.append((sentence[:found[0]].strip(), found[1]))
        sentence = sentence[found[0]:].lstrip()


def _headline_block(text: str, after: str) -> list[tuple[str, str]]:
    """The furniture above a story's stamp or dateline (`text`; `after`, what follows it),
    piece by piece: a credit in it is a caption, the name or place before a "|" a byline, and
    the rest headline, standfirst or caption text."""
    pieces: list[tuple[str, str]] = []
    who = ""
    if text.rstrip().endswith("|"):
        # the place that the wire dateline after the stamp repeats ("... loosens DUBAI | Mon Feb 21,
        # 2011 ... DUBAI (Reuters) -"), else the capitalised words before the bar ("Susan Watts |")
        body = text.rstrip(" |")
        stamp = re.match(rf"\s*{_FULL_STAMP}\s+", after)
        place = re.match(rf"({_WIRE_PLACE})\s*{_AGENCY}", after[stamp.end():]) if stamp else None
        if place and body.endswith(re.sub(r",?\s+" + MONTH + r".*$", "", place[1]).strip()):
            name = re.sub(r",?\s+" + MONTH + r".*$", "", place[1]).strip()
            text, who = body[:len(body) - len(name)], name + " |"
        else:
            words_ = body.split()
            n = len(words_)
            while n and words_[n - 1][:1].isupper() and len(words_) - n < 3:
                n -= 1
            text, who = " ".join(words_[:n]), " ".join(words_[n:]) + " |"
    for sentence in split_sentences(text):
        credit = re.search(r"\b(?:Photograph|Photo|Picture|Image|Credit)s?\s*:\s*\S", sentence)
        parts = [sentence[:credit.start()], sentence[credit.start():]] if credit else [sentence]
        for n, part in enumerate(parts):
            # a headline or standfirst does not close with a stop; a picture caption does
            closed = _SENTENCE_CLOSE.search(part) and not part.rstrip().endswith("?")
            if part.strip():
                pieces.append((part.strip(), CAPTION if n else shape(part) or (CAPTION if closed else LABEL)))
    if who:
        pieces.append((who, BYLINE))
    return pieces


def _opening(paragraph: str, title: str | None) -> tuple[list[tuple[str, str]], str]:
    """The furniture that cues show at the top of an article's first paragraph, and the rest.

    The headline repeated, a stamp or a wire dateline within the first MAX_RUN_IN_WORDS words
    (all before it is furniture: "Analysis: Libya may face civil war DUBAI | Mon Feb 21, 2011
    12:47 pm EST DUBAI (Reuters) - Libya faces ..."), then furniture at the front of what is left.
    """
    pieces: list[tuple[str, str]] = []
    text = paragraph
    if title and len(title.split()) >= 2 and re.match(re.escape(title.strip()) + r"\s+" + _STARTS, text):
        pieces.append((title.strip(), LABEL))
        text = text[len(title.strip()):].lstrip()
    reach = re.match(r"(?:\S+\s+){0,%d}" % MAX_RUN_IN_WORDS, text).end()
    anchor = _ANCHOR.search(text[:reach + 80])
    if anchor and anchor.start() < reach and not _AFTER_PREPOSITION.search(text[:anchor.start()]):
        pieces += _headline_block(text[:anchor.start()], text[anchor.start():])
        text = text[anchor.start():].lstrip()
    peeled, text = peel(text, opening=True)
    return pieces + peeled, text


# Words after which a capitalised word does not start a clause of its own: function words, and
# verbs of saying whose clause follows without "that" ("said Mexican officials had ...").
_NO_END_WORDS = STOPWORDS | CONTINUING_WORDS | {
    "said", "says", "told", "tells", "according", "including", "like", "near", "across", "against", "among",
    "amid", "around", "behind", "beside", "between", "beyond", "despite", "during", "except", "inside", "outside",
    "since", "through", "throughout", "toward", "towards", "upon", "via", "within", "without", "per", "versus",
    "mr", "mrs", "ms", "dr", "prof", "st", "sir", "dame", "lord", "lady", "rev", "gen", "col", "capt", "sgt"}


def _run_in_candidates(sentence: str) -> list[int]:
    """Where in an article's first sentence a run-in sentence could begin (the parse decides):
    character offsets of a capitalised word after a word that can end a headline or caption,
    with no punctuation between, and of a kind that does not go on a phrase of prose: a word
    that only opens a sentence ("... reaches Europe The UN ..."), one after a closing quotation
    mark ("... 'not suspicious' Medical experts ..."), or a lone capitalised word after a
    lower-case one ("... efforts Mexican authorities ...": "leader Ed Miliband", "rival
    Manchester United", "THQ Wireless" run on as names)."""
    if not _SENTENCE_CLOSE.search(sentence):
        return []  # headlines and captions do not close; the sentence they run into does
    toks = list(re.finditer(r"\S+", sentence))
    out = []
    for i in range(2, min(len(toks) - MIN_RUN_IN_SENTENCE_WORDS + 1, MAX_RUN_IN_WORDS)):
        prev, word, after = toks[i - 1][0], toks[i][0].lstrip("\"'\u201c\u2018"), toks[i + 1][0]
        bare = prev.rstrip(_CLOSING_QUOTES)
        if not bare or not bare[-1].isalnum() or not word[:1].isupper() or bare.lower() in _NO_END_WORDS:
            continue
        if re.search(r"[a-z][.!?][A-Z]", bare):
            continue  # two sentences run together by a lost space ("... all wrong.The K-squad ..."): prose
        if MONTHS_DAYS.match(word.rstrip(".,")) or bare.istitle() and word.rstrip(",;:") in _NUMBER_WORDS and (
                word[-1] in ",;:" or not after.islower()):
            continue  # "... fell 200 points Tuesday", "World War Two, the first ...": names go on
        opener = word.rstrip(",") in _OPENING_WORDS
        lone = after[:1].islower()
        quoted = bare != prev and bare[:1] not in "\"'\u201c\u2018"  # not a nickname: 'Lewis "Scooter" Libby'
        if quoted or opener or bare[0].islower() and lone or bare[0].isdigit() and lone:
            out.append(toks[i].start())
    return out


# Words inside a noun phrase: the word at a would-be boundary joined to words before it
# ("the company | Acme").
_PHRASE_DEPS = {"compound", "amod", "det", "nummod", "poss", "nmod", "quantmod", "case", "punct", "appos"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
# A noun that a clause can follow without "that" or "which" ("the first time | Labour has won",
# "the only way | Britain can ..."), and the modifiers that call for one ("the biggest loss |
# Labour has suffered"): grammar of English relative clauses, not of any outlet.
_RELATIVE_NOUNS = {"time", "times", "way", "ways", "reason", "moment", "day", "days", "year", "years", "place",
                   "extent", "point", "thing", "things", "one", "kind", "sort", "sign", "mistake", "amount", "number"}
_RELATIVE_MODIFIERS = {"first", "last", "only", "same", "next", "second", "third", "latest", "biggest", "best", "worst",
                       "largest", "most", "least", "every", "each", "any", "all"}
_OBJECTS = {"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative", "nsubjpass", "csubjpass", "auxpass"}


def _clause_verb(doc):
    """The verb of the clause a text opens with: the head its first word's phrase hangs on."""
    tok = next((t for t in doc if not t.is_punct), None)
    while tok is not None and not (tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass", "amod")):
        if tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _takes_clause(word) -> bool:
    """Whether `word` is a finite verb, whose object or clause may be what follows ("... say |
    Mexican officials ...", "... accused | Libyan leader Muammar Gaddafi of ..."): no sentence
    starts after one. (Captions that end on an intransitive verb, "... where the man stayed |
    About 300 people ...", are missed: letting verbs through cut objects off in the tuned stories.)"""
    return word.tag_ in _FINITE | {"VB"}


def _runs_on(doc, b: int, suffix) -> bool:
    """Whether the whole parse `doc` reads the text from token `b` as part of what precedes it
    (`suffix`, that text parsed alone): a clause after a verb that takes one ("... say |
    Mexican officials ..."), a word that the one before modifies ("newly elected | Liberal
    government"), a name in apposition ("his son | Tom was killed"), a clause after a noun that
    takes a relative clause without "which" ("the first time | Labour has ..."), or a relative
    clause that the parse hangs on a word before, with a gap for its object ("the gun | Smith
    had used")."""
    prev = doc[b - 1]
    if _takes_clause(prev):
        return True
    if prev.dep_ in ("amod", "det", "nummod", "poss", "advmod", "quantmod", "case") and prev.head.i >= b:
        return True  # "Justin Trudeau's newly elected | Liberal government": the word before modifies the one after
    word = doc[b]
    if word.dep_ == "appos" and word.head.i == b - 1 and word.pos_ == "PROPN" and prev.pos_ == "NOUN":
        return True  # a name in apposition to a noun: "until his son | Tom was killed", "the capital | Tripoli"
    before = [c for c in prev.children if c.i < prev.i] if prev.pos_ in ("NOUN", "PROPN", "PRON", "NUM") else []
    determined = any(c.dep_ in ("det", "poss") or c.lower_ == "one" for c in before)
    if determined and (prev.lower_ in _RELATIVE_NOUNS or any(
            c.lower_ in _RELATIVE_MODIFIERS or c.tag_ == "JJS" or c.lower_ == "one" for c in before)):
        return True  # "the first time | Labour has won", "one text message | she says he sent", not "30 years | A ..."
    verb = _clause_verb(suffix)
    if verb is None or not _gap(verb):
        return False
    opening = next(t for t in suffix if not t.is_punct)
    if determined and opening.pos_ in ("PROPN", "PRON"):
        return True  # "Police have found the gun | Smith used ...": a name, then a verb short of its object
    at = {t.idx: t for t in doc}.get(doc[b].idx + verb.idx)
    return at is not None and at.head.i < b and at.dep_ in ("relcl", "acl")


def _gap(verb) -> bool:
    """Whether a verb lacks the object a relative clause leaves out ("the leaders Washington
    helped install"), looking through the verbs it governs."""
    if any(c.dep_ in _OBJECTS - {"xcomp"} for c in verb.children):
        return False
    inner = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    return _gap(inner) if inner is not None else True


def _joined_phrase(doc, b: int) -> bool:
    """Whether the parse runs the word at token `b` into a phrase that began before it."""
    tok = doc[b + 1] if doc[b].is_punct and b + 1 < len(doc) else doc[b]
    while tok.dep_ in _PHRASE_DEPS and tok.head.i > tok.i:
        tok = tok.head
    return tok.left_edge.i < b


def _whole_clause(doc) -> bool:
    """A complete sentence from its first word: a finite main verb with a subject, the first
    word in the subject or in a phrase that opens the clause ("For years now experts have ...")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX") or not subjects_of(root):
        return False
    if root.tag_ not in _FINITE and not any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in root.children):
        return False
    first = next((t for t in doc if not t.is_punct), None)
    if first is None or first.i == root.i:
        return False
    top = first
    while top.head.i != root.i:
        top = top.head
    if top.dep_ == "ccomp":  # a reported clause put first must be a clause: not "Aflunov and MF59 to help ..., it said"
        return bool(subjects_of(top)) and (top.tag_ in _FINITE or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in top.children))
    if top.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl"):
        return True
    # an opening phrase starts with a word that can open one: "For years now experts have ...",
    # not a name the parse has hung on the clause ("Tripoli to a popular revolt ... told him")
    if top.dep_ == "advcl":  # "Having lost the vote, ...": a clause, not "Aflunov and MF59 to help ..."
        return top.pos_ in ("VERB", "AUX")
    return top.dep_ in ("prep", "advmod", "npadvmod", "mark") and first.pos_ in (
        "ADP", "ADV", "SCONJ", "DET", "NUM", "PRON", "ADJ")


# Verbs that take a clause without "that" ("He said | Mexican officials had ..."): text whose
# main verb is one, still without its clause or object, waits for the words after it.
_CLAUSE_VERBS = SPEECH_VERBS | {
    "think", "believe", "know", "fear", "hope", "expect", "find", "show", "reveal", "learn", "hear", "feel", "mean",
    "predict", "estimate", "agree", "deny", "report", "understand", "realise", "realize", "indicate", "assume",
    "doubt", "discover", "notice", "see", "ensure", "decide", "worry", "guess", "reckon", "recognise", "recognize",
    "prove", "accept", "forecast", "calculate", "imply", "signal", "allege", "contend", "maintain", "assert", "stress",
    "suspect", "imagine", "suppose", "remember", "observe", "disclose", "complain", "boast", "guarantee", "pledge",
    "vow", "recommend", "propose", "demonstrate", "establish", "testify", "rule"}
# ... of which these take the one told as their object and the clause after it ("told reporters | ...").
_TOLD_VERBS = {"tell", "warn", "remind", "assure", "inform", "advise", "urge", "ask", "convince", "persuade", "notify",
               "promise", "teach", "reassure"}
# Adjectives and participles that take a clause without "that" ("It is clear | US aid ...").
_CLAUSE_ADJECTIVES = {
    "clear", "likely", "unlikely", "possible", "impossible", "probable", "true", "certain", "sure", "obvious",
    "evident", "apparent", "plain", "aware", "confident", "convinced", "afraid", "worried", "concerned", "glad",
    "sorry", "hopeful", "adamant", "understood", "thought", "believed", "feared", "expected", "reported", "said",
    "claimed", "alleged", "estimated", "known", "shown", "found", "announced", "confirmed"}
_LABEL_JOINERS = {"of", "and", "the", "for", "&", "in", "at", "on", "|", "-", "\u2013", "\u2014", "/"}
_TOPIC_PREPOSITIONS = {"about", "of", "on", "over", "against", "for"}  # "warns about the dangers": said in full
# A phrase without a verb runs into the clause after it when it says when ("Two weeks after the vote").
_WHEN_WORDS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute",
               "minutes", "morning", "afternoon", "evening", "night", "weekend", "ago", "later", "earlier", "after",
               "before", "since", "decade", "decades", "century", "today", "yesterday", "tonight", "time"}
# A phrase without a verb is a headline of its own only at this length: shorter ones are the
# titles of a name ("Labour leader | Miliband"); the verbless headlines in the tuned stories run
# five words and more ("First death of swine flu patient in UK").
MIN_VERBLESS_WORDS = 5


def _stands_alone(doc) -> str | None:
    """What text before a run-in sentence is when it is a piece of its own, else None: a
    "clause" that waits for nothing (not "He told reporters", "It is clear"), a "label" (a
    byline, a quoted caption, "Nicola Smith: 'We are ready'", capitalised words, "Technology
    Reporter, BBC News, Silicon Valley") or a "phrase", a headline without a verb; not an opening
    phrase of the sentence after it ("In 2009", "Last week", "Having lost the vote")."""
    words_ = [t for t in doc if not t.is_punct]
    if len(words_) < 2:
        return None
    first, last = words_[0], words_[-1]
    if first.lower_ == "by":  # a byline
        return "label" if words_[1].text[:1].isupper() and not MONTHS_DAYS.match(words_[1].text) else None
    if first.pos_ in ("ADP", "SCONJ", "CCONJ", "PART", "AUX") or first.pos_ == "ADV" and first.lower_ not in (
            "how", "why", "what", "where", "when") or first.tag_ in ("VBG", "VBN", "VB"):
        return None
    quoted = doc.text.rstrip().endswith(tuple(_CLOSING_QUOTES))
    if last.pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "AUX", "PART") and last.dep_ != "prt" \
            or not quoted and (last.tag_ == "VBG" or last.lower_ in _CLAUSE_ADJECTIVES):
        return None  # open at its end: "... to the | ...", "it was ending | US funding", "It is clear | US aid"
    if quoted and re.search(r":\s*[\"'\u201c\u2018]", doc.text):
        return "label"  # "Dr Jo Bloggs: 'The picture is evolving'"
    root = last.sent.root  # the clause that the boundary follows
    if root.pos_ in ("VERB", "AUX") and subjects_of(root):
        lemma = root.lemma_.lower()
        finite = root.tag_ in _FINITE or any(c.dep_ == "aux" for c in root.children)
        complete = any(c.dep_ in ("ccomp", "xcomp") for c in root.children) or any(
            c.dep_ == "dobj" for c in root.children) and lemma not in _TOLD_VERBS or any(
            c.dep_ == "prep" and c.lower_ in _TOPIC_PREPOSITIONS for c in root.children)
        return "clause" if not (finite and lemma in _CLAUSE_VERBS and not complete) else None
    if all(t.text[:1].isupper() or t.is_digit or t.lower_ in _LABEL_JOINERS for t in words_):
        return "label"
    if (len(words_) >= MIN_VERBLESS_WORDS and (first.pos_ in ("NOUN", "PROPN", "ADJ") or first.lower_ in ("a", "the"))
            and last.pos_ in ("NOUN", "PROPN") and not any(t.lower_ in _WHEN_WORDS or t.is_digit for t in words_)):
        return "phrase"
    return None


def _piece_kind(text: str, span) -> str:
    """A run-in piece's kind: by its form, else a caption when written as a sentence (its verb
    with an auxiliary, or "be": "Mexico has ramped up its efforts"), else a heading ("Swine flu
    outbreak reaches Europe", "Passenger Who Arrived At Newark Airport")."""
    words_ = [w for w in text.split() if w[:1].isalpha()]
    titled = sum(w[:1].isupper() for w in words_) >= 0.8 * len(words_)  # "Passenger Who Arrived At Newark ..."
    inside = {t.i for t in span}
    main = [t for t in span if t.head.i not in inside or t.head.i == t.i]  # the piece's own main words
    written = any(t.pos_ in ("VERB", "AUX") and (
        t.lemma_ == "be" or any(c.dep_ in ("aux", "auxpass") for c in t.children)) for t in main)
    return shape(text) or (CAPTION if written and not titled else LABEL)


def article_openings(articles: Sequence[Article], parse: Callable[[list[str]], list]) -> list[tuple[int, list, str]]:
    """For each article: its opening paragraph (the first that is not a label line, -1 if
    none), the furniture run in at its top with kinds, and the text after it. The parse reads
    only first sentences with a candidate boundary: once whole, then the text on each side of
    the boundaries the whole parse leaves open."""
    out: list[tuple[int, list, str]] = []
    todo: list[tuple[int, str, list[int]]] = []
    for n, article in enumerate(articles):
        at = next((i for i, p in enumerate(article.paragraphs) if not is_label(p)), -1)
        pieces, rest = _opening(article.paragraphs[at], article.title) if at >= 0 else ([], "")
        rest = rest.strip()
        out.append((at, pieces, rest))
        first = (split_sentences(rest) or [""])[0]
        candidates = _run_in_candidates(first) if at >= 0 else []
        if candidates:
            todo.append((n, first, candidates))
    if not todo:
        return out
    open_: list[tuple[int, str, int, object]] = []
    for (n, first, candidates), doc in zip(todo, parse([first for _, first, _ in todo])):
        at_char = {t.idx: t.i for t in doc}
        for c in candidates:
            b = at_char.get(c)
            if b and not _takes_clause(doc[b - 1]):  # "... say | Mexican officials"
                open_.append((n, first, c, doc))
    if not open_:
        return out
    sides = parse([text for _, first, c, _ in open_ for text in (first[c:], first[:c].rstrip())])
    cuts: dict[int, list[tuple[int, object]]] = defaultdict(list)
    for k, (n, first, c, doc) in enumerate(open_):
        suffix, prefix = sides[2 * k], sides[2 * k + 1]
        b = next(t.i for t in doc if t.idx == c)
        alone = _stands_alone(prefix)
        # a phrase without a verb before a clause may be its subject ("A spokesman for the firm | Acme
        # said ..."), unless the clause opens with a word no subject is followed by ("... in UK | For the first ...")
        if alone and _whole_clause(suffix) and not _runs_on(doc, b, suffix) and not (
                alone == "phrase" and (_joined_phrase(doc, b) or not re.match(_OPENER, first[c:]))):
            cuts[n].append((c, doc))
    for n, found in cuts.items():
        at, pieces, rest = out[n]
        doc = found[0][1]
        kept = []
        for c, _ in found:  # two words before a name are its title: "... half-term | Public school | Eton will ..."
            if len(rest[kept[-1] if kept else 0:c].split()) >= MIN_PIECE_WORDS or re.match(_OPENER, rest[c:]):
                kept.append(c)
        start = 0
        for c in kept:  # everything before the last boundary is furniture, piece by piece
            span = [t for t in doc if start <= t.idx < c]
            pieces.append((rest[start:c].strip(), _piece_kind(rest[start:c].strip(), span)))
            start = c
        out[n] = (at, pieces, rest[start:])
    return out
