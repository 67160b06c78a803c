"""Structure: does a written sentence keep who did what to whom, and how surely?"""

from __future__ import annotations

from ..quotes import PLAIN_SAYING
from ..parse import lemma_of
from .frame import FRAME_WORDS

_LIGHT = {"be", "have", "do", "get", "make", "go"}


def _verb_frame(verb) -> tuple[str, str | None, str | None]:
    """(verb class, subject lemma, object lemma), the passive read as active."""
    lemma = lemma_of(verb)
    subject = obj = None
    for c in verb.children:
        if c.dep_ == "nsubj":
            subject = c
        elif c.dep_ in ("dobj", "nsubjpass"):
            obj = c
        elif c.dep_ == "agent":
            subject = next((x for x in c.children if x.dep_ == "pobj"), subject)
        elif lemma == "accord" and c.dep_ == "prep" and c.lower_ == "to":
            subject = next((x for x in c.children if x.dep_ == "pobj"), subject)
    if obj is None:  # "called on Israel": the first prepositional object is whom it was done to
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i), None)
        obj = next((x for x in prep.children if x.dep_ == "pobj"), None) if prep is not None else None
    verb_class = "say" if lemma in PLAIN_SAYING else lemma
    return verb_class, _role(subject), _role(obj)


def _role(token) -> str | None:
    """A subject's or object's lemma; "PRON" for a pronoun, which may stand for anyone."""
    if token is None:
        return None
    return "PRON" if token.pos_ == "PRON" else token.lemma_.lower()


def check_structure(candidate, evidence) -> list[str]:
    """Who did what to whom: each verb of `candidate` (a spaCy Doc) that its `evidence` (a
    Doc) also has must keep its subject and object in their roles. Every verb must be one the
    evidence has: a rewrite that changes what happened is a new claim ("is approaching the
    record" is not "was about to surpass" it); a verb that only frames another ("is alleged
    to have paid" for "allegedly paid") is judged by `briefing.checks.frame`. A pronoun in
    either stands for whatever the other names. How surely it happened (modality, hedges,
    negation, allegation) is `briefing.checks.frame`'s question."""
    ev_frames: dict[str, list[tuple]] = {}
    # (by lemma and as written: the parser may lemmatise a word in one sentence and not in the
    # other, "Bangladeshis" a name there and a noun here)
    ev_nouns = {w for t in evidence if t.pos_ in ("NOUN", "PROPN", "PRON") for w in (t.lemma_.lower(), t.lower_)}
    ev_lemmas = {t.lemma_.lower() for t in evidence} | {lemma_of(t) for t in evidence} | {t.lower_ for t in evidence}
    for t in evidence:
        if t.pos_ in ("VERB", "AUX") or t.lemma_.lower() == "accord":
            frame = _verb_frame(t)
            ev_frames.setdefault(frame[0], []).append(frame)
    problems = []
    for t in candidate:
        if t.pos_ == "VERB" and (swapped := _done_to_another(t, evidence)) is not None:
            problems.append(swapped)
            continue
        if t.pos_ not in ("VERB",) or lemma_of(t) in _LIGHT:
            continue
        frame = _verb_frame(t)
        options = ev_frames.get(frame[0], [])
        if not options:
            framing = lemma_of(t) in FRAME_WORDS and any(c.dep_ in ("xcomp", "ccomp") for c in t.children)
            if not framing and lemma_of(t) not in ev_lemmas and t.lower_ not in ev_lemmas:  # "concerned": an adjective there
                problems.append(f"verb {t.text!r} is not the evidence's")
            continue

        def fits(ev) -> list[str]:
            wrong = []
            _, subj, obj = frame
            _, ev_subj, ev_obj = ev
            if subj and ev_obj and subj == ev_obj and subj != ev_subj and "PRON" not in (subj, ev_obj):
                wrong.append(f"{t.text!r}: its object became its subject")
            if obj and ev_subj and obj == ev_subj and obj != ev_obj and "PRON" not in (obj, ev_subj):
                wrong.append(f"{t.text!r}: its subject became its object")
            if subj and ev_subj and subj != ev_subj and "PRON" not in (subj, ev_subj) and subj not in ev_nouns:
                wrong.append(f"{t.text!r}: subject {subj!r} is not the evidence's")
            return wrong

        results = [fits(ev) for ev in options]
        if all(results):
            problems.append(min(results, key=len)[0])
    if (cut := _ends_without_what_it_takes(candidate, evidence)) is not None:
        problems.append(f"{cut!r} ends the sentence without what it takes in the evidence")
    return problems


def _done_to_another(verb, evidence) -> str | None:
    """A passive verb whose subject is not what the evidence's same verb was done to: "the
    US-led provisional authorities were made available" of "vast sums of money were made
    available to the US-led provisional authorities" (light verbs too: who was made what is
    the whole claim)."""
    patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if patient is None or patient.pos_ == "PRON":
        return None
    same = [e for e in evidence if e.pos_ in ("VERB", "AUX") and lemma_of(e) == lemma_of(verb)]
    patients = [c for e in same for c in e.children if c.dep_ in ("nsubjpass", "dobj")]
    if not patients or any(c.pos_ == "PRON" for c in patients):
        return None
    if patient.lemma_.lower() in {c.lemma_.lower() for c in patients} | {c.lower_ for c in patients}:
        return None
    return f"{verb.text!r}: what it was done to ({patient.text!r}) is not the evidence's"


_TAKEN = {"dobj", "ccomp", "xcomp", "attr", "oprd", "acomp", "dative"}


def _ends_without_what_it_takes(candidate, evidence) -> str | None:
    """The candidate's last word is a verb with no object or complement that the evidence's
    same verb has: "the generals had made." of "the generals have made restoring security
    their top priority" (light verbs too: "make" without its object says nothing)."""
    last = next((t for t in reversed(candidate) if not t.is_punct), None)
    if last is None or last.pos_ not in ("VERB", "AUX") or any(c.dep_ in _TAKEN for c in last.children):
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in last.children):
        return None  # a passive has taken its object as its subject ("The talks were held.")
    if lemma_of(last) in _NEEDS_AN_OBJECT and last.dep_ != "aux":
        return last.text  # ("have made restoring security ... its top priorities": the parse may not say so)
    if any(lemma_of(t) == lemma_of(last) and any(c.dep_ in _TAKEN for c in t.children) for t in evidence):
        return last.text
    return None


# Verbs that say nothing without their object ("the generals had made.").
_NEEDS_AN_OBJECT = {"make", "take", "give", "put", "set", "bring", "keep", "hold", "send", "raise", "reach"}
