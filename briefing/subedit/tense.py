"""TENSE: the briefing narrates in the past. "says" -> "said", "has found" -> "found", and
what a past-tense speaker said is backshifted ("said it was 'extremely concerned'").
Quotations are left as they are."""

from __future__ import annotations

from ..parse import lemma_of
from ..quotes import SAYING_VERBS
from .draft import TENSE, Draft

_PRESENT_TO_PAST_AUX = {"is": "was", "are": "were", "am": "was", "'s": "was", "’s": "was", "'re": "were",
                        "’re": "were", "has": "had", "have": "had", "does": "did", "do": "did"}
_FUTURE = {"will", "'ll", "\u2019ll", "wo"}
_BACKSHIFT_MODAL = {"will": "would", "can": "could", "may": "might", "shall": "should", "'ll": "would",
                    "’ll": "would", "wo": "would", "ca": "could"}


def narrate_in_past(draft: Draft) -> None:
    """Main verbs in the present become past; a past speech verb's reported clause is
    backshifted. Quotations are left as they are."""
    doc = draft.doc
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return
    verbs = [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    verbs += _finite_after_a_participle(verbs)
    speech = False
    for verb in verbs:
        _to_past(draft, verb, backshift=False)
        speech = speech or lemma_of(verb) in SAYING_VERBS
    if speech or draft.backshift_all:
        targets = [c for v in verbs for c in v.children if c.dep_ == "ccomp"] if speech else verbs
        for clause in targets:
            for verb in [clause] + [c for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]:
                _to_past(draft, verb, backshift=True)


def _to_past(draft: Draft, verb, *, backshift: bool) -> None:
    """One verb group into the past, if it is in the present and not quoted."""
    if draft.quoted[verb.i]:
        return
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    changed = False
    if aux:
        first = aux[0]
        if draft.quoted[first.i] or first.i in draft.swap:
            return
        low = first.lower_
        if low in _BACKSHIFT_MODAL and (backshift or low in _FUTURE):
            # (the main clause's "will" too: told afterwards, the future is the past's future,
            # "Fearne Cotton would co-host the concert")
            draft.swap[first.i] = _case(first, _BACKSHIFT_MODAL[low])
            changed = True
        elif low in ("has", "have") and not backshift:
            # "has found" -> "found"; "have been rated" -> "were rated"
            nxt = aux[1] if len(aux) > 1 else None
            if nxt is not None and nxt.lower_ == "been":
                draft.drop.add(first.i)
                draft.swap[nxt.i] = _case(first, "was" if low == "has" else "were")
                changed = True
            elif nxt is None and verb.tag_ == "VBN":
                draft.drop.add(first.i)
                draft.swap[verb.i] = _case(first, past(verb))
                changed = True
        elif low in _PRESENT_TO_PAST_AUX and first.tag_ in ("VBZ", "VBP"):
            draft.swap[first.i] = _case(first, _PRESENT_TO_PAST_AUX[low])
            changed = True
    elif (verb.tag_ in ("VBZ", "VBP") or _present_read_as_base(verb, backshift)) and verb.i not in draft.swap:
        if verb.lower_ in _PRESENT_TO_PAST_AUX:
            draft.swap[verb.i] = _case(verb, _PRESENT_TO_PAST_AUX[verb.lower_])
        else:
            draft.swap[verb.i] = past(verb)
        changed = True
    if changed:
        draft.did(TENSE)


def _finite_after_a_participle(verbs) -> list:
    """A verb with its own present auxiliary joined to a participle of a main verb: "The virus
    is an influenza A virus, carrying the designation H1N1 and is spreading ...". The parse
    joins "is spreading" to "carrying"; the auxiliary makes it the main line's, narrated as
    the main verb is."""
    return [c for v in verbs for p in v.children if p.dep_ in ("advcl", "xcomp") and p.tag_ in ("VBG", "VBN")
            for c in p.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
            and any(a.dep_ in ("aux", "auxpass") and a.tag_ in ("VBZ", "VBP") and a.i < c.i for a in c.children)]


def _present_read_as_base(verb, backshift: bool) -> bool:
    """A verb the tagger read as a base form though it has its own subject and joins a verb
    in the present: "Gaddafi goes out of view and gunshots ring out". (Not in a reported
    clause, where a base form with a subject is a subjunctive: "demanded that he step down".)"""
    return not backshift and verb.tag_ == "VB" and verb.dep_ == "conj" and verb.head.tag_ in ("VBZ", "VBP") \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _case(model, word: str) -> str:
    return word[0].upper() + word[1:] if model.text[:1].isupper() else word


def past(token) -> str:
    """The simple past of a verb token, keeping its capitalisation."""
    from lemminflect import getInflection

    lemma = lemma_of(token)  # lemminflect's: the parser's lemmatiser reads "hopes" as "hop"
    if lemma == "be":
        form = "were" if token.lower_ in ("are", "'re", "\u2019re", "were") else "was"
    else:
        forms = getInflection(lemma, "VBD")
        form = forms[0] if forms else token.text
    return form[0].upper() + form[1:] if token.text[:1].isupper() else form
