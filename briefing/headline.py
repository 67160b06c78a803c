"""Headline: what happened, in at most 15 of a source sentence's own words.

An event's title and timeline line must say what happened ("Gaddafi son warns of civil
war"), never a byline, a label or the first ten words of a sentence cut off mid-clause. Made
by deletion on the parse, so every word is the source's and in its order:

* a reported statement is the news, not its reporting: "X will fight on, his son said on
  Monday" is headed by "X will fight on" (but "Algeria said Gaddafi's wife had crossed into its
  territory" keeps its speaker: without it, "its" is nobody's);
* what only qualifies the clause goes: appositions, relative and adverbial clauses, asides
  between dashes or brackets, the date ("on Monday": the timeline gives it), attributions;
* negation and modality stay (a "not" or a "may" changes what happened), and so does every
  frame (`briefing.checks.frame`): a headline that would drop "allegedly", "if talks fail"
  or "hopes to" is not made;
* if the clause is still longer than the limit, its trailing prepositional phrases go, last
  first, but not one naming what a later pronoun stands for (unless "its" can then name it:
  "if Devon County Council's services ..."); if it is still too long, there is no headline
  (the caller falls back);
* a date left out must be the event's: no headline of what a lead dates by its year alone ("in
  2003"), by an earlier sentence ("On that day"), before its own news ("earlier this month")
  or to a day or month far from the event's;
* it never ends on a verb whose object was cut, even where the parse hung the object elsewhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from .checks.frame import CONDITIONS, frame_problems
from .quotes import CONTESTED_SPEECH, DIRECTIVE_VERBS, SAYING_VERBS, balanced, quote_spans

MAX_WORDS = 15
MIN_WORDS = 3
_NAMES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "WORK_OF_ART", "LAW"}  # no part of one alone
# Verbs whose reported clause is the news ("X will fight on, his son said"); not those whose
# clause stays the speaker's claim ("insisted that ...") or a request ("urged ... to").
_REPORTING = SAYING_VERBS - DIRECTIVE_VERBS - CONTESTED_SPEECH
_CONNECTIVES = {"but", "and", "so", "yet", "however", "meanwhile", "still", "also", "then", "now", "instead",
                "nevertheless", "moreover", "furthermore", "separately", "later", "earlier", "meanwhile"}
_DROP_DEPS = {"appos", "relcl", "advcl", "parataxis", "npadvmod", "dep", "meta", "discourse", "intj", "vocative"}
_KEEP_DEPS = {"neg", "aux", "auxpass", "nsubj", "nsubjpass", "dobj", "attr", "acomp", "xcomp", "prt"}


def _clause(doc):
    """The clause that states the news: a reported statement's, else the sentence's root."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    if root.lemma_.lower() in _REPORTING and not any(c.dep_ == "neg" for c in root.children):
        # (not what someone could not say: "Officials could not say where the rebels had gone")
        said = [c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")
                and doc[c.left_edge.i].tag_ not in ("WRB", "WP", "WDT")]
        # "The government says it is concerned", "Algeria said Gaddafi's wife had crossed into
        # its territory": without its speaker, "it" or "its" may mean nothing or someone else.
        if said and not any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" for c in said[0].children) \
                and not any(t.pos_ == "PRON" and t.lower_ in _PRONOUNS_BACK for t in said[0].subtree):
            return said[0]
    return root


def _is_date(token) -> bool:
    return token.ent_type_ in ("DATE", "TIME")


# Units a length of time is counted in. spaCy tags "about five weeks" DATE, as it tags "on
# Monday"; the first is how long something lasts, which the timeline's date does not say.
_TIME_UNITS = {"second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century"}
_ANCHORS = {"ago", "last", "next", "this", "that", "earlier", "later", "previous", "past", "coming"}


def _duration(token) -> bool:
    """`token` heads a length of time ("about five weeks", "for three hours", "several
    months"), not a point in time ("last week", "two days ago", "on Monday")."""
    noun = next((c for c in token.children if c.dep_ == "pobj"), None) if token.dep_ == "prep" else token
    if noun is None or noun.lemma_.lower() not in _TIME_UNITS:
        return False
    kids = {c.lower_ for c in noun.children}
    counted = any(c.dep_ == "nummod" or c.lower_ in ("several", "few", "a", "an", "many") for c in noun.children)
    return counted and not kids & _ANCHORS


# Verbs whose object can be a question ("confirm when", "say where", "know whether").
_TAKES_A_QUESTION = SAYING_VERBS | {"confirm", "know", "determine", "establish", "decide", "ask", "wonder", "reveal",
                                    "disclose", "explain", "understand", "predict", "tell", "see", "check", "clear"}


def _object_clause(clause) -> bool:
    """"... but could not confirm when they will start": a wh-clause the parse hung on a verb
    as a circumstance is what the verb takes, when the verb has nothing else to take; "could
    not confirm promises to release the journalists": an infinitive right after the verb's
    object may be what the object takes."""
    doc = clause.doc
    opening = doc[clause.left_edge.i]
    if clause.dep_ == "advcl" and opening.tag_ == "TO" and opening.i > 0 and doc[opening.i - 1].dep_ == "dobj" \
            and doc[opening.i - 1].head.i == clause.head.i:
        return True
    return clause.dep_ == "advcl" and clause.i > clause.head.i and any(
        c.tag_ in ("WRB", "WP", "WDT") or c.lower_ == "whether" for c in clause.children if c.i < clause.i) \
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "dative", "prep") for c in clause.head.children) \
        and clause.head.lemma_.lower() in _TAKES_A_QUESTION


def _year_alone(prep) -> bool:
    """"in 2003": a date phrase naming only a year. What a lead dates by its year alone is the
    story's past, not the day's news; without the year, a headline would tell it as news."""
    words = [t for t in prep.subtree if t.i != prep.i]
    return bool(words) and all(_is_date(t) for t in words) and any(
        t.like_num and len(t.text) == 4 and t.text.isdigit() for t in words) and not any(
        t.is_alpha and t.lower_ not in ("early", "late", "mid") for t in words)


# With a month or a year, words that date a phrase before the article's news: "earlier this
# month", "last year", "two months ago".
_BEFORE_NOW = {"earlier", "last", "ago", "previous"}
# Words that date a phrase by what was told before it: "on that day", "the same week".
_BACK_IN_TIME = {"that", "those", "same", "previous", "preceding"}


def _another_time(phrase, when: tuple[dt.date, int] | None) -> bool:
    """`phrase` is a date that is not the event's: one dated back to an earlier sentence ("on
    that day"), one before the article's news ("earlier this month") or, with `when`, a date
    or month more than its days from the event's ("on March 7 2003" in a 2005 event)."""
    words = [t for t in phrase.subtree if t.i != phrase.i or phrase.dep_ == "npadvmod"]
    if not words or not all(_is_date(t) or t.lower_ in _BACK_IN_TIME for t in words):
        return False
    if any(t.lower_ in _BACK_IN_TIME for t in words):
        return True
    if {t.lemma_.lower() for t in words} & {"month", "year"} and {t.lower_ for t in words} & _BEFORE_NOW:
        return True  # "found guilty earlier this month" in the report of the sentence that followed
    from .temporal import MONTHS, resolve

    if when is None or not any(t.text.isdigit() and len(t.text) == 4 or t.text in MONTHS for t in words):
        return False  # (a weekday or "yesterday" is read against its article's day, not the event's)

    day, within = when
    found = resolve(" ".join(t.text for t in words), day)
    return found is not None and abs((found.date - day).days) > within


def _infinitive_of_a_noun(clause) -> bool:
    """"a battle to hang on to power": an infinitive the parse hangs on a noun as a relative
    clause says what the noun is for; "fought a battle" alone is cut."""
    return clause.dep_ == "relcl" and clause.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" and c.i < clause.i for c in clause.children)


def _dropped(head, limit: int, named: dict[int, str] | None = None) -> set[int]:
    """Token indexes left out of `head`'s subtree. `named` gets the possessives that then
    name what they stood for (token index -> "Devon County Council's")."""
    drop: set[int] = set()
    for t in head.subtree:
        if t.i in drop or t.i == head.i:
            continue
        if t.dep_ in _DROP_DEPS and t.head.i != t.i and not _duration(t) and not _object_clause(t) \
                and not _infinitive_of_a_noun(t) and not (
                t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in t.children)):
            drop.update(x.i for x in t.subtree)  # (a condition stays: "if talks fail" is the news's frame)
        elif t.dep_ == "prep" and all(_is_date(x) or x.i == t.i for x in t.subtree) and not _duration(t):
            drop.update(x.i for x in t.subtree)  # "on Monday" (not "for five weeks")
        elif t.dep_ == "mark" and t.head.i == head.i:
            drop.add(t.i)  # "that" opening a reported statement
        elif t.head.i == head.i and t.i < head.i and t.lower_ in _CONNECTIVES:
            drop.add(t.i)  # "But Gaddafi remained defiant": the "but" answers a sentence not shown
        elif t.dep_ == "cc" and t.head.i == head.i and t.i > head.i:
            # "X happened and Y followed": the first part is the headline.
            drop.update(x.i for x in t.doc[t.i:head.right_edge.i + 1])
    # Asides between dashes or brackets.
    open_at = None
    for t in head.subtree:
        if t.text in ("(", "\u2013", "\u2014", "--") and open_at is None and t.i > head.left_edge.i:
            open_at = t.i
        elif t.text in (")", "\u2013", "\u2014", "--") and open_at is not None:
            drop.update(range(open_at, t.i + 1))
            open_at = None
    kept = [t for t in head.subtree if t.i not in drop]
    # Still long: trailing prepositional phrases of the clause go, last first.
    preps = sorted((c for c in head.children if c.dep_ in ("prep", "agent") and c.i > head.i and c.i not in drop),
                   key=lambda c: -c.i)
    for p in preps:
        if sum(1 for t in kept if not t.is_punct and t.dep_ != "case") <= limit:
            break
        if _antecedent_of_a_later_pronoun(p, kept):
            # "... patience with Devon County Council if its services ...": "its" is the council's;
            # the phrase goes only where "its" can then name the council ("Devon County Council's")
            owner = _named_owner(p, kept)
            if owner is None or named is None:
                continue
            named[owner[0]] = owner[1]
        drop.update(x.i for x in p.subtree)
        kept = [t for t in head.subtree if t.i not in drop]
    return drop


_PRONOUNS_BACK = {"its", "their", "theirs", "his", "her", "hers", "it", "they", "them", "him"}


def _named_owner(phrase, kept) -> tuple[int, str] | None:
    """(index of the one possessive "its" or "their" kept after `phrase`, the name it stands for
    as a possessive) when the phrase's object is a name ("with Devon County Council") and no
    other pronoun after it looks back; else None."""
    noun = next((c for c in phrase.children if c.dep_ == "pobj"), None)
    later = [t for t in kept if t.i > phrase.right_edge.i and t.lower_ in _PRONOUNS_BACK]
    if noun is None or noun.pos_ != "PROPN" or len(later) != 1 or later[0].lower_ not in ("its", "their") \
            or later[0].dep_ != "poss":
        return None
    words = [t for t in noun.subtree if t.i <= noun.i and t.dep_ != "det"]
    if not words or not all(t.pos_ == "PROPN" for t in words) or words[-1].i - words[0].i + 1 != len(words):
        return None
    name = "".join(t.text_with_ws for t in words).strip()
    return later[0].i, name + ("\u2019" if name.endswith("s") else "\u2019s")


def _antecedent_of_a_later_pronoun(phrase, kept) -> bool:
    """`phrase` names a thing (a noun) that a pronoun kept after it may stand for: without
    the phrase, the pronoun would point at something else or at nothing."""
    names = any(t.pos_ in ("NOUN", "PROPN") for t in phrase.subtree)
    return names and any(t.i > phrase.right_edge.i and t.lower_ in _PRONOUNS_BACK for t in kept)


def headline(sentence: str, parse: Callable[[Sequence[str]], list], limit: int = MAX_WORDS,
             when: tuple[dt.date, int] | None = None) -> str | None:
    """The sentence's news in at most `limit` of its own words, or None when it cannot be
    said that briefly by deletion alone.

    Args:
        parse: texts -> spaCy Docs with entities (`briefing.parse.Parser.with_entities`).
        when: (the day the headline's event happened, the days either side that are still
            it): a date phrase naming another time is not cut, there is then no headline
            ("On that day, Hans Blix declared ..." is not news of a day two years later).
    """
    doc = parse([sentence])[0]
    head = _clause(doc)
    if head is None:
        return None
    named: dict[int, str] = {}
    drop = _dropped(head, limit, named)
    # The dates left out of what the headline tells, its reporting verb's among them ("On that
    # day, Hans Blix declared that ..."): the background told as news, or news of another day.
    told = {t.i for t in head.subtree} - drop
    dates_left = [t for t in doc if t.i not in told and t.dep_ in ("prep", "npadvmod")
                  and (t.head.i in told or t.head.i == head.head.i)]
    if any(_year_alone(t) or _another_time(t, when) for t in dates_left):
        return None  # "Asia battled SARS and H5N1 bird flu" of "... in 2003"
    if _cuts_a_quotation(doc, drop):
        return None  # 'according to the "Front to Defend Egypt Protesters"' is no '"Front"'
    for i in sorted(drop):  # the commas around a dropped aside go with it
        for j in (i - 1, i + 1):
            if 0 <= j < len(doc) and j not in drop and doc[j].text == ",":
                if j == i + 1 and doc[j].head.i == head.i and j + 1 < len(doc) and j + 1 not in drop and any(
                        c.dep_ == "nsubj" and c.i > j and c.left_edge.i == j + 1 for c in head.children):
                    continue  # the comma before the kept reporting clause: "..., the leader said"
                drop.add(j)
                break
    words = [t for t in head.subtree if t.i not in drop]
    kept = {t.i for t in words}
    if any(e.label_ in _NAMES and 0 < sum(t.i in kept for t in e) < len(e) for e in doc.ents) or \
            any(t.dep_ == "punct" and t.is_alpha for t in words):
        # part of a name is no name; a word the parse took for punctuation is a parse gone
        # wrong ("... the uprising in Tunisia President Zine El", "El" read as a mark)
        return None
    while words and words[0].is_punct and not _QUOTE_MARKS & set(words[0].text):
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].dep_ in ("cc", "prep", "mark")):
        words.pop()
    if words and words[-1].i == head.i and any(c.i > head.i and not c.is_punct and c.dep_ != "advmod"
                                               for c in head.children):
        return None  # "... coalition hinted": what the verb governs was cut, a fragment is left
    if words and _object_cut(words[-1], doc, kept):
        return None  # "... British air strike had hit" of "had hit its major Sarir oilfield killing three"
    if words:  # a quotation the headline ends inside keeps its closing mark
        after = [t for t in doc[words[-1].i + 1:] if t.is_punct]
        close = next((t for t in after[:2] if _QUOTE_MARKS & set(t.text)), None)
        if close is not None and not _balanced("".join(t.text_with_ws for t in words)):
            words.append(close)
    if not words:
        return None
    text = ""
    for t, nxt in zip(words, words[1:] + [None]):
        text += named.get(t.i, t.text)
        if nxt is not None:
            # Joined as written where the words were neighbours; a space where a cut was.
            text += t.whitespace_ if nxt.i == t.i + 1 else ("" if nxt.is_punct and nxt.text not in "(\u2018\u201c" else " ")
    text = text.replace(" ,", ",").strip(" ,;:")
    if not MIN_WORDS <= len(text.split()) <= limit:
        return None
    # Every word as the source wrote it ("Benghazi-based" cut to "the-based" is not), and no
    # ending on a word that needs what was cut ("... discussed on").
    written = {w.strip(_EDGE) for w in [*sentence.split(), *" ".join(named.values()).split()]}
    if any(w.strip(_EDGE) not in written for w in text.split()) or \
            text.split()[-1].strip(_EDGE).lower() in DANGLING_END:
        return None
    if not _balanced(text):
        return None  # a quotation or aside cut in half misquotes
    text = text[0].upper() + text[1:]
    if frame_problems(parse([text])[0], doc, attribution=False):
        return None  # "if talks fail" or "allegedly" cut, or a claim told without its claimant
    return text


def _object_cut(last, doc, kept: set[int]) -> bool:
    """The headline ends on a verb with no object kept, where the sentence went straight on to
    a noun phrase that was cut: its object, which the parse hung elsewhere ("had hit its major
    Sarir oilfield killing three guards" read "oilfield" as the subject of "killing")."""
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return last.pos_ in ("VERB", "AUX") and after is not None and after.i not in kept \
        and after.pos_ in ("DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ") \
        and not any(c.dep_ in ("dobj", "attr", "oprd", "acomp", "ccomp", "xcomp") and c.i in kept for c in last.children)


_QUOTE_MARKS = set("\"'\u2018\u2019\u201c\u201d")
_EDGE = ".,;:!?()[]\"'\u2018\u2019\u201c\u201d"
# Words a headline cannot end on: each needs the words after it.
DANGLING_END = {"on", "to", "of", "in", "for", "with", "by", "at", "from", "and", "or", "but", "that", "the", "a",
                "an", "as", "about", "into", "over", "after", "before", "against", "than", "between", "among",
                "through", "during", "since", "until", "within", "without", "towards", "toward", "across"}


def _cuts_a_quotation(doc, drop: set[int]) -> bool:
    """Some, not all, of a quotation's words are among the tokens `drop`ped: a source's words
    are quoted whole or not at all."""
    for start, end in quote_spans(doc.text):
        inside = [t.i for t in doc if t.idx < end and t.idx + len(t.text) > start]
        if 0 < sum(i in drop for i in inside) < len(inside):
            return True
    return False


def _balanced(text: str) -> bool:
    """Quotations (`briefing.quotes`) and brackets paired."""
    return balanced(text) and text.count("(") == text.count(")")
