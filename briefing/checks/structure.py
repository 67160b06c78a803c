"""Structure: does a written sentence keep who did what to whom, and how surely?"""

from __future__ import annotations

from ..quotes import PLAIN_SAYING

# Modal auxiliaries by what they claim (a backshifted "would" reports a "will").
_MODAL_CLASS = {"will": "will", "would": "will", "'ll": "will", "\u2019ll": "will", "wo": "will", "shall": "will",
                "can": "can", "could": "can", "ca": "can", "may": "may", "might": "may", "must": "must",
                "should": "should", "ought": "should"}
# Words that hedge the verb they govern or modify: "likely to be taken" is not "will be taken".
_HEDGES = {"likely", "unlikely", "possible", "possibly", "probably", "perhaps", "expect", "set", "due", "able",
           "unable", "plan", "hope", "threaten", "consider", "seek", "try", "want", "aim", "intend", "propose"}
_LIGHT = {"be", "have", "do", "get", "make", "go"}


def _verb_frame(verb) -> tuple[str, str | None, str | None, frozenset[str]]:
    """(verb class, subject lemma, object lemma, markers): the passive read as active, and
    the verb's modality, hedges and negation as markers."""
    lemma = verb.lemma_.lower()
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
    markers = set()
    scope = [verb]
    head = verb
    while head.dep_ in ("xcomp", "auxpass", "aux") and head.head.i != head.i:  # "likely to be taken"
        head = head.head
        scope.append(head)
    for v in scope:
        for c in v.children:
            low = c.lower_
            if c.dep_ in ("aux", "auxpass") and low in _MODAL_CLASS:
                markers.add(_MODAL_CLASS[low])
            elif c.dep_ == "neg" or low in ("not", "n't", "never"):
                markers.add("not")
            elif c.dep_ == "advmod" and c.lemma_.lower() in _HEDGES:
                markers.add(c.lemma_.lower())
        if v is not verb and v.lemma_.lower() in _HEDGES:
            markers.add(v.lemma_.lower())
    verb_class = "say" if lemma in PLAIN_SAYING else lemma
    return verb_class, _role(subject), _role(obj), frozenset(markers)


def _role(token) -> str | None:
    """A subject's or object's lemma; "PRON" for a pronoun, which may stand for anyone."""
    if token is None:
        return None
    return "PRON" if token.pos_ == "PRON" else token.lemma_.lower()


def check_structure(candidate, evidence) -> list[str]:
    """Who did what to whom, and how surely: each verb of `candidate` (a spaCy Doc) that its
    `evidence` (a Doc) also has must keep its subject and object in their roles, and its
    modality, hedges and negation ("likely to be taken" is not "will be taken"). Every verb
    must be one the evidence has: a rewrite that changes what happened is a new claim ("is
    approaching the record" is not "was about to surpass" it). A pronoun in either stands
    for whatever the other names."""
    ev_frames: dict[str, list[tuple]] = {}
    ev_nouns = {t.lemma_.lower() for t in evidence if t.pos_ in ("NOUN", "PROPN", "PRON")}
    ev_lemmas = {t.lemma_.lower() for t in evidence} | {t.lower_ for t in evidence}
    for t in evidence:
        if t.pos_ in ("VERB", "AUX") or t.lemma_.lower() == "accord":
            frame = _verb_frame(t)
            ev_frames.setdefault(frame[0], []).append(frame)
    problems = []
    for t in candidate:
        if t.pos_ not in ("VERB",) or t.lemma_.lower() in _LIGHT:
            continue
        frame = _verb_frame(t)
        options = ev_frames.get(frame[0], [])
        if not options:
            if t.lemma_.lower() not in ev_lemmas and t.lower_ not in ev_lemmas:  # "concerned": an adjective there
                problems.append(f"verb {t.text!r} is not the evidence's")
            continue

        def fits(ev) -> list[str]:
            wrong = []
            _, subj, obj, marks = frame
            _, ev_subj, ev_obj, ev_marks = ev
            if marks != ev_marks:
                wrong.append(f"{t.text!r}: {', '.join(sorted(marks ^ ev_marks))} changed")
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
    return problems
