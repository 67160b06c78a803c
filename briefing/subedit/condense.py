"""CONDENSED: brackets (not an acronym's), appositions to a name, "also", and a
comma-bounded relative clause that repeats what the summary has said go; "...,
according to inspectors" becomes "Inspectors said ..."."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..quotes import QUOTE_CHARS, SAYING_VERBS
from .draft import CONDENSED, Draft, first_word

REPEATS = 0.6  # a relative clause this much of whose content words were said already is cut


def condense_sentence(draft: Draft, said: set[str], little_known: Callable[[str], bool] = lambda name: False) -> None:
    """Brackets, appositions of names, a comma-bounded relative clause without a quotation
    that repeats what the summary has said (`said`: its words), "also", and a
    trailing "according to X" (which becomes "X said ..."). An apposition that says who a
    `little_known` person is stays: the reader meets them nowhere else."""
    doc = draft.doc
    text = doc.text
    for m in re.finditer(r"\s?\((?![A-Z]{2,6}\))[^()]{1,80}\)", text):  # "(SEND)" defines a word: it stays
        span = doc.char_span(m.start() + (m[0][0] == " "), m.end(), alignment_mode="expand")
        if span is not None and draft.free(span):
            draft.drop.update(range(span.start, span.end))
            draft.did(CONDENSED)
    for t in doc:
        if t.dep_ == "appos" and t.head.pos_ == "PROPN" and t.i > t.head.i:
            span = doc[t.left_edge.i:t.right_edge.i + 1]
            # (not when "its" or "their" after it may stand for what it names: "Cllr Hart, leader
            # of the council, admits the situation is damaging for its reputation")
            later = any(x.lower_ in ("its", "their") and not draft.quoted[x.i] for x in doc[span.end:])
            if draft.free(span) and span.start > 0 and doc[span.start - 1].text == "," and len(span) <= 15 \
                    and not (later and any(x.pos_ == "NOUN" for x in span)) and not _who_they_are(t, span, little_known):
                draft.drop_span(span.start, span.end)
                draft.did(CONDENSED)
        elif t.dep_ == "relcl" and not draft.fused and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == "," \
                and doc[t.left_edge.i].lower_ in ("which", "who"):
            span = doc[t.left_edge.i:t.right_edge.i + 1]
            if draft.free(span) and not any(c in span.text for c in QUOTE_CHARS if c not in "'\u2019") \
                    and (span.end >= len(doc) - 1 or doc[span.end].text in (",", ".")) and _repeats(span, said):
                draft.drop_span(span.start, span.end)
                draft.did(CONDENSED)
        elif t.lower_ == "however" and t.i > 0 and doc[t.i - 1].text == "," and draft.free([t]):
            draft.drop_span(t.i, t.i + 1, commas=False)  # "It noted caution, however, adding ..."
            draft.drop.add(t.i - 1)
            draft.did(CONDENSED)
        elif t.lower_ == "also" and t.dep_ == "advmod" and draft.free([t]):
            draft.drop.add(t.i)
            draft.did(CONDENSED)
    _according_to(draft)


def _who_they_are(appos, span, little_known: Callable[[str], bool]) -> bool:
    """"Lo Wing-lok, an infectious disease expert": the apposition is a role (a noun) of a
    person the story names rarely."""
    person = next((e for e in appos.doc.ents if e.label_ == "PERSON" and e.start <= appos.head.i < e.end), None)
    return person is not None and any(x.pos_ == "NOUN" for x in span) and little_known(person.text)


def _according_to(draft: Draft) -> None:
    """"..., according to inspectors." -> "Inspectors said ..." (the source's attribution,
    moved to where a briefing puts it)."""
    doc = draft.doc
    for t in doc:
        if t.lower_ != "according" or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
            continue
        end = t.right_edge.i + 1
        rest = [x for x in doc[end:] if not x.is_punct]
        if rest or t.i < 3:
            return
        who = doc[t.i + 2:end]
        speech = [v for v in doc if v.lemma_.lower() in SAYING_VERBS and v.pos_ == "VERB" and not draft.quoted[v.i]]
        if not draft.free(doc[t.i:end]) or not len(who) or speech or draft.quoted[first_word(doc).i]:
            return  # "'Is it?' a fan asked, according to the AP": attributed already
        name = who.text
        name = name[0].upper() + name[1:]
        first = first_word(doc)
        draft.drop_span(t.i, end, commas=False)
        if t.i > 0 and doc[t.i - 1].text == ",":
            draft.drop.add(t.i - 1)
        draft.prefix = f"{name} said "
        if first is not None and first.pos_ != "PROPN" and first.text[:1].isupper() and not first.text.isupper() \
                and first.i not in draft.swap:
            draft.swap[first.i] = first.text[0].lower() + first.text[1:]
        draft.backshift_all = True
        draft.did(CONDENSED)
        return


def _repeats(span, said: set[str]) -> bool:
    """Most of the clause's content words are ones the summary has already said."""
    content = [t.lower_ for t in span if t.is_alpha and not t.is_stop]
    return bool(content) and sum(w in said for w in content) >= REPEATS * len(content)
