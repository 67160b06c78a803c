"""Frames kept: `python bench/frames.py [--limit N] [--per-kind N] [--seed S] [--keep-numbers] [--show] [--pairs]`.

A briefing must never turn an allegation into a fact, a plan or hope into a deed, a possibility
into a certainty, a denial, a question or a condition into a plain assertion, or an instruction
into news. This measures how well the sentence checks (`briefing.checks.check_sentence`, as the
sub-editor calls them) keep a source sentence's frame.

The probes are made at run time, never stored: sentences of 8 to 40 words from the Multi-News
validation articles (../shared/data/multinews/validation.csv) and from the seven dev Timeline17
stories (../shared/data/timeline17/<story>/articles.json, detokenised as bench/t17folder.py
does), de-duplicated, sorted and shuffled with a fixed seed. A source must itself pass the
register check (else every rewrite of it fails for reasons that are not its frame). For each
kind of frame, sentences carrying it are parsed (spaCy, `briefing.parse.shared()`) and
rewritten by rule on the parse, verb forms from lemminflect:

* UNFAITHFUL rewrites drop, strengthen or move the frame and keep every other word
  ("Van Wert allegedly paid for sex" -> "Van Wert paid for sex"; "BP hopes to cap the leak" ->
  "BP capped the leak"; "If talks fail, the union will strike" -> "The union will strike");
* FAITHFUL rewrites keep the frame in other words or another tense ("allegedly paid" -> "is
  alleged to have paid"; "hopes to" -> "hoped to"; "may close" -> "might close"; a clause moved;
  "X said that Y" -> "Y, X said"; a trailing time or place phrase dropped).

The kinds: allegation (allegedly, reportedly, "the alleged gunman", "is believed / said to have",
"accused of", "charged with"), intention (hope, plan, try, want, decide, promise ... to), expectation
(expect to, be expected / likely / due / set / about / going to), modality (may, might, could, would,
should, must -> will or the plain past), hedge (probably, possibly, perhaps, maybe, likely),
negation, denial ("denied that", "denied taking", "rejected reports that"), refusal (refused,
declined, failed to), question ("Will the council act?", "unclear whether"), condition (if,
unless), contested speech (claimed, insisted, argued, alleged ... that), belief (believe, fear,
estimate, predict ... that), attribution ("said that", "according to"), request ("urged Libya to
stop", "were told to"), instruction (an imperative, "you should / must").

A sentence the rule cannot rewrite cleanly is skipped, and so is a rewrite that changes a
quotation (refused whatever its frame) or fails the register check on its own (a "He ..."
opening left by the rule says nothing about frames).

Each pair is checked as the sub-editor checks an edit: `check_sentence(rewrite, source,
SourceIndex.build([source]), cosine=<all-MiniLM-L6-v2 dot product>, parse=..., keep_numbers=False)`,
once without the parse (register and support alone) and once with it (structure too). Printed
per kind: the pairs, the share of unfaithful rewrites REFUSED and the share of faithful ones
KEPT, both without and with the parse, and the totals; then the problems that refused the
unfaithful rewrites most often. `--show` prints every unfaithful rewrite that passed and every
faithful one refused (with its problems); `--pairs` prints every pair; `--limit N` scans only
the first N sentences of the shuffled pool. Target: 100 % refused and 100 % kept.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from multinews import load_clusters
from t17folder import DATA as T17_DATA
from t17folder import STORIES, detokenise

SEED = 0
MIN_WORDS, MAX_WORDS = 8, 40
# Sentences carrying a kind's cue are parsed BATCH at a time until its quotas are met, at most
# MAX_PARSED (most cannot be rewritten cleanly; some kinds are rare).
BATCH, MAX_PARSED = 128, 3000


def _import_briefing(attempts: int = 4, wait: float = 60.0):
    """The briefing modules this benchmark uses; others edit briefing/ while it runs, so a
    module that fails to import is retried after a minute."""
    for attempt in range(attempts):
        try:
            mods = [importlib.import_module(m) for m in
                    ("briefing.checks", "briefing.parse", "briefing.embed", "briefing.text", "briefing.quotes")]
            return mods
        except Exception as exc:  # noqa: BLE001 - any breakage of a module being edited
            if attempt == attempts - 1:
                raise
            print(f"import failed ({exc.__class__.__name__}: {exc}); retrying in {wait:.0f} s", file=sys.stderr)
            for name in [n for n in sys.modules if n == "briefing" or n.startswith("briefing.")]:
                del sys.modules[name]
            time.sleep(wait)


checks, parse_mod, embed_mod, text_mod, quotes_mod = _import_briefing()
from lemminflect import getAllLemmas, getInflection  # noqa: E402  (after briefing, which needs it too)

# ---------------------------------------------------------------------------------------------
# Reading the sources


def _plausible(sentence: str) -> bool:
    n = len(sentence.split())
    if not MIN_WORDS <= n <= MAX_WORDS:
        return False
    if not re.match(r"""^["'\u201c\u2018]?[A-Z]""", sentence) or not re.search(r"""[.!?]["'\u201d\u2019]?$""", sentence):
        return False
    if re.search(r"https?:|www\.|@|\||\t|\.\.\.|\u2026|#|\*", sentence) or sum(c.isupper() for c in sentence) > n * 1.5:
        return False
    return quotes_mod.balanced(sentence) and not checks.register_problems(sentence)


def source_sentences(limit: int | None, seed: int) -> list[str]:
    """Every plausible sentence of the Multi-News validation articles and the dev Timeline17
    stories, de-duplicated, sorted, shuffled with `seed`; the first `limit`."""
    found: set[str] = set()
    for cluster in load_clusters():
        for doc in cluster["documents"]:
            for para in doc.split("\n"):
                found.update(text_mod.split_sentences(re.sub(r"\s+", " ", para)))
    for story in sorted(STORIES):
        path = T17_DATA / story / "articles.json"
        if not path.exists():
            raise SystemExit(f"{path} is missing: the benchmarks read ../shared/data beside the repo.")
        for article in sorted(json.loads(path.read_text(encoding="utf-8")), key=lambda a: a["uid"]):
            found.update(text_mod.split_sentences(detokenise(article["text"])))
    pool = sorted(s for s in found if _plausible(s))
    random.Random(seed).shuffle(pool)
    return pool[:limit] if limit else pool


# ---------------------------------------------------------------------------------------------
# Making text from a parse


def render(doc, start: int = 0, end: int | None = None, drop=(), sub=None) -> str:
    """The text of doc[start:end] with the tokens in `drop` left out and those in `sub`
    replaced; a dropped token's space is kept where the token before it had none ("ca n't")."""
    sub = sub or {}
    parts: list[list[str]] = []
    for t in doc[start:end]:
        text = sub.get(t.i, t.text)
        if t.i in drop or text == "":
            if parts and not parts[-1][1]:
                parts[-1][1] = t.whitespace_
            continue
        parts.append([text, t.whitespace_])
    return "".join(a + b for a, b in parts).strip()


def tidy(text: str) -> str:
    """Spacing and commas mended after words were dropped; the first letter a capital."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:?!])", r"\1", text)
    text = re.sub(r"[,;:]\s*(?=[,.;:?!])", "", text)
    text = re.sub(r"^[\s,;:\u2014\u2013-]+", "", text)
    text = re.sub(r"\(\s*\)", "", text)
    if not text:
        return text
    i = next((k for k, c in enumerate(text) if c.isalnum()), 0)
    return text[:i] + text[i].upper() + text[i + 1:]


NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}


def lowered(tok) -> str:
    """A sentence-initial word as it reads inside a sentence (names keep their capital)."""
    if tok.pos_ == "PROPN" or tok.text == "I" or (len(tok.text) > 1 and tok.text.isupper()) \
            or (tok.ent_type_ in NAME_ENTS and tok.pos_ not in ("DET", "NUM", "ADV", "PRON")):
        return tok.text
    return tok.text[:1].lower() + tok.text[1:]


def body_end(doc) -> int:
    """The index just past the last word (closing punctuation excluded)."""
    end = len(doc)
    while end > 0 and doc[end - 1].is_punct and doc[end - 1].text not in (")", "]"):
        end -= 1
    return end


def closing(doc) -> str:
    return render(doc, body_end(doc)) or "."


def plain_end(doc) -> bool:
    """The sentence ends with a full stop or an exclamation mark, nothing after it."""
    return closing(doc) in (".", "!")


def plural(tok) -> bool:
    if tok is None:
        return False
    if tok.lower_ in ("that", "which", "who") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    if tok.lower_ in ("they", "we", "you", "these", "those", "both"):
        return True
    if tok.tag_ in ("NNS", "NNPS"):
        return True
    return any(c.dep_ == "cc" and c.lower_ == "and" for c in tok.children)


def _case(form: str, like: str) -> str:
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


def inflect(tok, tag: str, many: bool = False) -> str | None:
    """`tok`'s verb in the form `tag` (VBD, VBZ, VBP, VBN, VB), agreeing with a plural subject."""
    lemma = tok.lemma_.lower()
    if lemma == "be":
        form = {"VBD": "were" if many else "was", "VBZ": "is", "VBP": "are", "VBN": "been", "VB": "be"}[tag]
        if tag in ("VBZ", "VBP"):
            form = "are" if many else "is"
    elif lemma in ("ca", "wo") or not lemma.isalpha():
        return None
    else:
        forms = getInflection(lemma, tag=tag)
        if not forms:
            return None
        form = forms[0]
    return _case(form, tok.text)


def subject_of(verb):
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)


def span_of(tok) -> tuple[int, int]:
    """The [start, end) of `tok`'s subtree (contiguous in a projective parse)."""
    sub = list(tok.subtree)
    return sub[0].i, sub[-1].i + 1


def negated(tok) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("not", "n't", "never") for c in tok.children)


# Aux forms shifted one step back in time, the frame kept.
BACKSHIFT = {"is": "was", "are": "were", "am": "was", "has": "had", "have": "had", "will": "would", "can": "could",
             "may": "might", "does": "did", "do": "did", "'s": None, "'re": None}


def backshift(tok) -> str | None:
    """`tok` (a finite verb or auxiliary) one step back in time, or None."""
    low = tok.lower_
    if low in BACKSHIFT:
        form = BACKSHIFT[low]
        return _case(form, tok.text) if form else None
    if tok.tag_ in ("VBZ", "VBP") and tok.pos_ == "VERB":
        return inflect(tok, "VBD")
    return None


def finite_shift(verb, drop=()) -> dict | None:
    """A substitution putting `verb`'s clause one step back in time (its first auxiliary,
    or the verb itself when it has none); None when it is already in the past."""
    auxes = sorted((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i), key=lambda c: c.i)
    first = auxes[0] if auxes else verb
    if first.lower_ == "to":
        return None
    form = backshift(first)
    return {first.i: form} if form else None


# Prepositions of a trailing time or place phrase, which carries no frame.
ADJUNCT_PREPS = {"in", "on", "at", "during", "across", "throughout", "near", "outside", "inside", "around"}
ADJUNCT_ENTS = {"DATE", "TIME", "GPE", "LOC", "FAC"}
CALENDAR = re.compile(r"\b(?:1[89]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|October|"
                      r"November|December|morning|afternoon|evening|night)\b")


def drop_trailing_adjunct(doc) -> str | None:
    """The sentence without its closing time or place phrase ("... in Tripoli in March.")."""
    end = body_end(doc)
    for p in doc:
        if p.dep_ != "prep" or p.lower_ not in ADJUNCT_PREPS or p.head.pos_ != "VERB" or p.head.lemma_ == "be":
            continue
        start, stop = span_of(p)
        if start != p.i or stop != end or stop - start > 7 or start < 5:
            continue
        pobj = next((c for c in p.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.ent_type_ not in ADJUNCT_ENTS:
            continue
        phrase = render(doc, start, stop)
        if pobj.ent_type_ in ("DATE", "TIME") and not CALENDAR.search(phrase):
            continue  # "in their 50s", "the past": not a date
        drop = set(range(start, stop))
        if doc[start - 1].text == ",":
            drop.add(start - 1)
        return tidy(render(doc, drop=drop))
    return None


# ---------------------------------------------------------------------------------------------
# The rules: each takes a parsed sentence and returns (unfaithful, faithful), lists of (rule, text).

Rewrites = tuple[list[tuple[str, str]], list[tuple[str, str]]]


def _with_fallback(doc, faithful: list[tuple[str, str]], unfaithful) -> list[tuple[str, str]]:
    """The faithful rewrites, or else (for a sentence whose frame was found) the sentence
    without a trailing time or place phrase."""
    if faithful or not unfaithful:
        return faithful
    dropped = drop_trailing_adjunct(doc)
    return [("adjunct dropped", dropped)] if dropped else []


ALLEGE_ADVERBS = {"allegedly": "alleged", "reportedly": "reported", "purportedly": "purported",
                  "supposedly": "supposed"}
ALLEGE_ADJECTIVES = {"alleged", "suspected", "purported", "accused", "reported"}
EVIDENTIAL = {"believed", "thought", "said", "reported", "alleged", "rumoured", "rumored", "understood", "feared",
              "suspected", "claimed", "presumed", "estimated"}
CHARGE_VERBS = {"accuse": "of", "charge": "with", "suspect": "of"}


def _group(verb) -> list | None:
    """`verb`'s auxiliaries, any adverb among them, and the verb: contiguous, or None."""
    toks = sorted([c for c in verb.children if c.dep_ in ("aux", "auxpass", "advmod") and c.i < verb.i] + [verb],
                  key=lambda t: t.i)
    while toks and toks[0].dep_ == "advmod" and toks[0] is not verb:
        toks.pop(0)
    if [t.i for t in toks] != list(range(toks[0].i, verb.i + 1)):
        return None
    return toks


def allegation(doc) -> Rewrites:
    unfaithful, faithful = [], []
    end = body_end(doc)
    for t in doc:
        low = t.lower_
        # "Van Wert allegedly paid" -> "Van Wert paid" / "Van Wert is alleged to have paid"
        if low in ALLEGE_ADVERBS and t.dep_ == "advmod" and t.head.pos_ in ("VERB", "AUX"):
            verb = t.head
            drop = {t.i}
            if t.i + 1 < len(doc) and doc[t.i + 1].text == ",":
                drop.add(t.i + 1)
            unfaithful.append(("adverb dropped", tidy(render(doc, drop=drop))))
            group = _group(verb)
            subj = subject_of(verb)
            if group and t in group and subj is not None and subj.i < t.i and not negated(verb) \
                    and not any(g.tag_ == "MD" for g in group):
                auxes = [g for g in group if g.dep_ in ("aux", "auxpass")]
                passive = any(g.dep_ == "auxpass" for g in group) or any(
                    g.lemma_ == "be" and verb.tag_ == "VBG" for g in auxes)
                past = verb.tag_ == "VBD" or any(g.tag_ == "VBD" or g.lemma_ == "have" for g in auxes)
                be = "are" if plural(subj) else "is"
                if past:
                    rest = f"to have been {verb.text}" if passive else (
                        f"to have {v}" if (v := inflect(verb, "VBN")) else None)
                elif passive:
                    rest = f"to be {verb.text}"
                else:
                    rest = f"to {verb.lemma_.lower()}"
                if rest:
                    sub = {g.i: "" for g in group}
                    sub[group[0].i] = f"{be} {ALLEGE_ADVERBS[low]} {rest}"
                    faithful.append((f"is {ALLEGE_ADVERBS[low]} to", tidy(render(doc, sub=sub))))
        # "the alleged gunman" -> "the gunman"
        elif low in ALLEGE_ADJECTIVES and t.dep_ == "amod" and t.head.pos_ == "NOUN" and t.i + 1 == t.head.i:
            unfaithful.append(("adjective dropped", tidy(render(doc, drop={t.i}))))
        # "He is believed to have fled" -> "He fled" / "He was believed to have fled"
        elif low in EVIDENTIAL and t.i + 2 < end and doc[t.i + 1].lower_ == "to" and t.i > 1 \
                and doc[t.i - 1].lemma_ == "be" and doc[t.i - 1].tag_ in ("VBZ", "VBP", "VBD"):
            be, f = doc[t.i - 1], doc[t.i + 2]
            many = be.lower_ in ("are", "were")
            past = be.tag_ == "VBD"
            if f.tag_ != "VB":
                continue
            sub = {be.i: "", t.i: "", t.i + 1: ""}
            if f.lemma_ == "have" and t.i + 3 < end and doc[t.i + 3].tag_ == "VBN":
                sub[f.i] = ""
                nxt = doc[t.i + 3]
                sub[nxt.i] = ("were" if many else "was") if nxt.lower_ == "been" else inflect(nxt, "VBD", many)
            elif f.lemma_ == "be":
                sub[f.i] = be.text
            else:
                sub[f.i] = inflect(f, "VBD" if past else ("VBP" if many else "VBZ"), many)
            if all(v is not None for v in sub.values()):
                unfaithful.append(("evidential dropped", tidy(render(doc, sub=sub))))
            shifted = backshift(be)
            if shifted:
                faithful.append(("tense", tidy(render(doc, sub={be.i: shifted}))))
        # "He was accused of stealing $5" -> "He stole $5" / "He has been accused of stealing $5"
        elif t.lemma_ in CHARGE_VERBS and t.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in t.children):
            prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == CHARGE_VERBS[t.lemma_]
                         and c.i == t.i + 1), None)
            act = next((c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None) if prep else None
            subj = subject_of(t)
            group = _group(t)
            if act is None or subj is None or group is None or negated(t) or act.i != prep.i + 1 \
                    or any(g.tag_ == "MD" for g in group):
                continue
            deed = inflect(act, "VBD", plural(subj))
            if deed:
                sub = {g.i: "" for g in group if g.dep_ != "advmod"}
                sub.update({prep.i: "", act.i: deed})
                unfaithful.append(("charge dropped", tidy(render(doc, sub=sub))))
            first = group[0]
            shifted = backshift(first) if first.tag_ != "VBD" else (
                "had been" if first.lower_ in ("was", "were") else None)
            if shifted:
                faithful.append(("tense", tidy(render(doc, sub={first.i: _case(shifted, first.text)}))))
        # "Prosecutors accused Smith of taking bribes" -> "Smith took bribes"
        elif t.lemma_ == "accuse" and t.pos_ == "VERB" and not negated(t):
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            act = next((c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None) if prep else None
            if obj is None or act is None or obj.pos_ == "PRON":
                continue
            o_start, o_end = span_of(obj)
            a_end = span_of(act)[1]
            if o_start != t.i + 1 or prep.i != o_end or act.i != prep.i + 1 or a_end != end:
                continue
            deed = inflect(act, "VBD", plural(obj))
            if deed:
                text = f"{render(doc, o_start, o_end)} {render(doc, act.i, end, sub={act.i: deed})}{closing(doc)}"
                unfaithful.append(("accusation dropped", tidy(text)))
    return unfaithful, _with_fallback(doc, faithful, unfaithful)


INTENT_VERBS = {"hope", "plan", "intend", "want", "aim", "seek", "try", "attempt", "vow", "promise", "pledge",
                "threaten", "propose", "decide", "agree", "prepare", "wish", "offer", "strive", "endeavour",
                "mean", "scramble", "struggle", "push", "move", "look", "work", "fight"}
EXPECT_WORDS = {"expected", "likely", "set", "due", "scheduled", "poised", "slated", "about", "going", "supposed",
                "predicted", "projected", "forecast", "planned", "tipped", "destined", "bound"}


def _deed_from_xcomp(doc, lemmas: set[str], name: str) -> Rewrites:
    """"BP hopes to cap the leak" -> "BP capped the leak" / "BP hoped to cap the leak"."""
    unfaithful, faithful = [], []
    end = body_end(doc)
    for m in doc:
        if m.lemma_.lower() not in lemmas or m.pos_ != "VERB" or m.i + 2 >= end:
            continue
        to, f = doc[m.i + 1], doc[m.i + 2]
        x = next((c for c in m.children if c.dep_ == "xcomp"), None)
        subj = subject_of(m)
        if to.lower_ != "to" or x is None or to.head != x or f.tag_ != "VB" or subj is None or subj.i > m.i \
                or negated(m) or negated(x) or (m.lemma_ in ("look", "work", "move", "push", "fight", "mean") and
                                                 m.lower_ == m.lemma_):
            continue
        group = _group(m)
        if group is None or (m.tag_ not in ("VBZ", "VBP", "VBD") and len(group) == 1) \
                or any(c.dep_ == "conj" and c.pos_ == "VERB" for c in x.children):
            continue
        deed = inflect(f, "VBD", plural(subj))
        if deed is None:
            continue
        sub = {g.i: "" for g in group if g.dep_ != "advmod"}
        sub.update({to.i: "", f.i: deed})
        unfaithful.append((f"{name} dropped", tidy(render(doc, sub=sub))))
        shift = finite_shift(m)
        if shift:
            faithful.append(("tense", tidy(render(doc, sub=shift))))
    return unfaithful, faithful


REFUSE_VERBS = {"refuse", "decline", "fail", "neglect", "hesitate", "cease"}


def refusal(doc) -> Rewrites:
    """"The minister refused to resign" -> "The minister resigned" / "... refuses to resign"."""
    unfaithful, faithful = _deed_from_xcomp(doc, REFUSE_VERBS, "refusal")
    return unfaithful, _with_fallback(doc, faithful, unfaithful)


def intention(doc) -> Rewrites:
    unfaithful, faithful = _deed_from_xcomp(doc, INTENT_VERBS, "intention")
    return unfaithful, _with_fallback(doc, faithful, unfaithful)


def expectation(doc) -> Rewrites:
    unfaithful, faithful = _deed_from_xcomp(doc, {"expect"}, "expectation")
    end = body_end(doc)
    for w in doc:
        # "were expected to have dinner" -> "had dinner"; "is likely to close" -> "will close"
        if w.lower_ not in EXPECT_WORDS or w.i < 2 or w.i + 2 >= end or doc[w.i + 1].lower_ != "to":
            continue
        be, f = doc[w.i - 1], doc[w.i + 2]
        if be.lemma_ != "be" or be.tag_ not in ("VBZ", "VBP", "VBD") or f.tag_ != "VB" or negated(w) \
                or negated(be) or any(c.dep_ == "neg" for c in be.head.children):
            continue
        many = be.lower_ in ("are", "were", "'re")
        if f.lemma_ == "have" and w.i + 3 < end and doc[w.i + 3].tag_ == "VBN":
            continue  # "is expected to have finished": a guess about the past, no clean deed
        deed = inflect(f, "VBD", many)
        if deed is None or be.lower_ in ("'s", "'re"):
            continue
        unfaithful.append(("expectation dropped", tidy(render(doc, sub={be.i: "", w.i: "", w.i + 1: "", f.i: deed}))))
        if be.tag_ != "VBD":
            unfaithful.append(("expectation to will",
                               tidy(render(doc, sub={be.i: _case("will", be.text), w.i: "", w.i + 1: ""}))))
            faithful.append(("tense", tidy(render(doc, sub={be.i: backshift(be)}))))
    return unfaithful, _with_fallback(doc, faithful, unfaithful)


MODALS = {"may", "might", "could", "would", "should", "must"}
MODAL_FAITHFUL = {"may": "might", "might": "may", "should": "ought to"}


def modality(doc) -> Rewrites:
    unfaithful, faithful = [], []
    for m in doc:
        if m.tag_ != "MD" or m.lower_ not in MODALS or m.dep_ != "aux" or m.i == 0:
            continue
        verb = m.head
        subj = subject_of(verb)
        if subj is None or subj.i > m.i or negated(verb) or verb.i <= m.i:
            continue
        chain = doc[m.i + 1:verb.i + 1]
        if not all(t.head == verb and t.dep_ in ("aux", "auxpass", "advmod") or t == verb for t in chain):
            continue
        f = next((t for t in chain if t.dep_ != "advmod"), None)
        if f is None or f.tag_ != "VB":
            continue
        many = plural(subj)
        if f.lemma_ == "have" and f is not verb:
            nxt = doc[f.i + 1]
            if nxt.tag_ != "VBN":
                continue
            # "could have killed" -> "killed"; "might have been hurt" -> "was hurt"
            sub = {m.i: "", f.i: "", nxt.i: ("were" if many else "was") if nxt.lower_ == "been" else
                   inflect(nxt, "VBD", many)}
            if sub[nxt.i]:
                unfaithful.append(("modal to past", tidy(render(doc, sub=sub))))
        else:
            deed = inflect(f, "VBD", many)
            if deed:
                unfaithful.append(("modal to past", tidy(render(doc, sub={m.i: "", f.i: deed}))))
            if m.lower_ != "would":
                unfaithful.append(("modal to will", tidy(render(doc, sub={m.i: "will"}))))
        if m.lower_ in MODAL_FAITHFUL:
            faithful.append(("modal in other words", tidy(render(doc, sub={m.i: MODAL_FAITHFUL[m.lower_]}))))
        elif m.lower_ == "must" and f.lemma_ != "have" and subj.lower_ != "i":
            faithful.append(("modal in other words", tidy(render(doc, sub={m.i: "have to" if many else "has to"}))))
    return unfaithful, _with_fallback(doc, faithful, unfaithful)


HEDGES = {"probably": "likely", "likely": "probably", "possibly": "perhaps", "perhaps": "possibly",
          "maybe": "perhaps", "potentially": "possibly"}


def hedge(doc) -> Rewrites:
    unfaithful, faithful = [], []
    for t in doc:
        if t.lower_ not in HEDGES or t.dep_ != "advmod" or t.pos_ != "ADV":
            continue
        drop = {t.i}
        if t.i + 1 < len(doc) and doc[t.i + 1].text == ",":
            drop.add(t.i + 1)
        unfaithful.append(("hedge dropped", tidy(render(doc, drop=drop))))
        if t.i > 0:
            faithful.append(("hedge in other words", tidy(render(doc, sub={t.i: HEDGES[t.lower_]}))))
    return unfaithful, faithful


NPI = {"any", "anything", "anyone", "anybody", "anywhere", "ever", "yet", "either", "much", "until", "till"}
CONTRACT = {"is": "isn't", "are": "aren't", "was": "wasn't", "were": "weren't", "has": "hasn't", "have": "haven't",
            "had": "hadn't", "do": "don't", "does": "doesn't", "did": "didn't", "could": "couldn't",
            "would": "wouldn't", "should": "shouldn't", "can": "can't", "will": "won't", "must": "mustn't"}
EXPAND = {"ca": "can", "wo": "will", "sha": "shall"}
OTHER_NEGATIONS = {"no", "nothing", "none", "nobody", "neither", "nor", "without", "cannot", "never", "not", "n't"}


def negation(doc) -> Rewrites:
    unfaithful, faithful = [], []
    negs = [t for t in doc if t.lower_ in OTHER_NEGATIONS or t.lower_.endswith("n't")]
    if len(negs) != 1 or any(t.lower_ in NPI for t in doc):
        return [], []
    t = negs[0]
    if t.dep_ != "neg" or t.i == 0 or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ in ("only", "just", "even", "least"):
        return [], []
    verb = t.head
    if t.lower_ == "never":
        unfaithful.append(("never dropped", tidy(render(doc, drop={t.i}))))
    else:
        aux = doc[t.i - 1]
        if aux.head != verb and aux != verb:
            return [], []
        if aux.lemma_ == "do":
            if verb.tag_ != "VB" or aux.i == 0:
                return [], []
            form = inflect(verb, {"did": "VBD", "does": "VBZ", "do": "VBP"}.get(aux.lower_, "VBD"))
            if form:
                unfaithful.append(("not dropped", tidy(render(doc, sub={aux.i: "", t.i: "", verb.i: form}))))
        elif aux.lower_ in EXPAND or aux.tag_ == "MD" or aux.lemma_ in ("be", "have"):
            unfaithful.append(("not dropped", tidy(render(doc, sub={aux.i: EXPAND.get(aux.lower_, aux.text), t.i: ""}))))
        else:
            return [], []
        if t.lower_ == "not" and aux.lower_ in CONTRACT and aux.whitespace_:
            faithful.append(("contracted", tidy(render(doc, sub={aux.i: _case(CONTRACT[aux.lower_], aux.text),
                                                                 t.i: ""}))))
        elif t.lower_ == "n't":
            full = EXPAND.get(aux.lower_, aux.text)
            faithful.append(("expanded", tidy(render(doc, sub={aux.i: f"{full} not", t.i: ""}))))
    dropped = drop_trailing_adjunct(doc)
    if dropped:
        faithful.insert(0, ("adjunct dropped", dropped))
    return unfaithful, faithful[:1]


NEGATIVE_SUBJECTS = {"nobody", "none", "noone", "few", "neither", "nothing"}
DENY_VERBS = {"deny", "reject", "dismiss", "refute", "rebut", "dispute", "contest"}
CLAIM_NOUNS = {"claim", "allegation", "report", "suggestion", "accusation", "charge", "speculation", "rumour",
               "rumor", "assertion", "idea", "notion", "criticism", "suspicion"}


def _reach(doc, tok) -> int | None:
    """Where `tok`'s subtree ends if it runs to the sentence's end, or to "and" and a verb
    coordinated with its head ("denied taking X and insisted that ..."); else None."""
    stop = span_of(tok)[1]
    if stop == body_end(doc):
        return stop
    rest = [t for t in doc[stop:body_end(doc)] if t.text != ","]
    if len(rest) > 1 and rest[0].lower_ == "and" and rest[1].dep_ == "conj" and rest[1].head == tok.head \
            and rest[1].pos_ == "VERB":
        return stop
    return None


def _clause_to_end(doc, clause) -> tuple[int, int] | None:
    """The [start, end) of a finite clause running to the sentence's end (or to a verb
    coordinated with the one it depends on), its "that" left out."""
    start = span_of(clause)[0]
    stop = _reach(doc, clause)
    if stop is None or subject_of(clause) is None:
        return None
    if doc[start].lower_ == "that" and doc[start].dep_ == "mark":
        start += 1
    if subject_of(clause).i < start or doc[start].lower_ in ("whether", "if", "how", "why", "what", "when", "who"):
        return None
    auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ == "to" for c in auxes) or (clause.tag_ in ("VBG", "VBN", "VB") and not auxes):
        return None  # "believes Iraq to be": no clause that could stand alone
    return start, stop


def denial(doc) -> Rewrites:
    unfaithful, faithful = [], []
    end = body_end(doc)
    for m in doc:
        if m.lemma_.lower() not in DENY_VERBS or m.pos_ != "VERB" or negated(m):
            continue
        subj = subject_of(m)
        if subj is None or subj.i > m.i or subj.lower_ in NEGATIVE_SUBJECTS \
                or any(c.lower_ == "no" for c in subj.children) or any(t.lower_ in NPI for t in doc[m.i:]):
            continue
        clause = None
        ccomp = next((c for c in m.children if c.dep_ == "ccomp" and c.i > m.i), None)
        obj = next((c for c in m.children if c.dep_ == "dobj" and c.i > m.i), None)
        if ccomp is not None and m.lemma_ == "deny":
            clause = _clause_to_end(doc, ccomp)
            rule = "denial dropped"
        elif obj is not None and obj.lemma_.lower() in CLAIM_NOUNS:
            inner = next((c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > obj.i), None)
            if inner is not None and any(c.lower_ == "that" and c.dep_ == "mark" for c in inner.children):
                clause = _clause_to_end(doc, inner)
            rule = "rejection dropped"
        if clause is not None:
            unfaithful.append((rule, tidy(render(doc, clause[0], clause[1]) + closing(doc))))
        elif m.lemma_ == "deny" and m.i + 1 < end and doc[m.i + 1].tag_ == "VBG" and doc[m.i + 1].head == m:
            # "Smith denied taking the money" -> "Smith took the money"
            act = doc[m.i + 1]
            group = _group(m)
            stop = _reach(doc, act)
            if group is None or stop is None:
                continue
            nxt = doc[act.i + 1] if act.i + 1 < end else None
            if act.lower_ == "having" and nxt is not None and nxt.tag_ == "VBN":
                sub = {act.i: "", nxt.i: ("were" if plural(subj) else "was") if nxt.lower_ == "been" else
                       inflect(nxt, "VBD", plural(subj))}
            else:
                sub = {act.i: inflect(act, "VBD", plural(subj))}
            if not all(sub.values()):
                continue
            sub.update({g.i: "" for g in group if g.dep_ != "advmod"})
            unfaithful.append(("denial dropped", tidy(render(doc, 0, stop, sub=sub) + closing(doc))))
        else:
            continue
        shift = finite_shift(m)
        if shift:
            faithful.append(("tense", tidy(render(doc, sub=shift))))
    return unfaithful, _with_fallback(doc, faithful, unfaithful)


INVERTED = {"will", "would", "can", "could", "should", "may", "might", "must", "shall", "is", "are", "was", "were",
            "has", "have", "had", "does", "do", "did"}
WONDER = {"unclear", "clear", "know", "see", "ask", "wonder", "decide", "say", "determine", "question", "uncertain",
          "doubt", "debate", "tell", "known", "sure", "confirm", "question"}


def question(doc) -> Rewrites:
    unfaithful, faithful = [], []
    end = body_end(doc)
    a = doc[0]
    if closing(doc) == "?" and a.lower_ in INVERTED and not any(t.lower_ == "or" for t in doc):
        # "Will the council act?" -> "The council will act." / "Would the council act?"
        subj = next((t for t in doc if t.dep_ in ("nsubj", "nsubjpass", "expl") and span_of(t)[0] == 1), None)
        if subj is not None and (len(subj.text) > 1 or subj.pos_ == "PRON"):
            s_end = span_of(subj)[1]
            nxt = doc[s_end] if s_end < end else None
            if nxt is not None and a.lemma_ == "do" and nxt.tag_ == "VB":
                form = inflect(nxt, {"did": "VBD", "does": "VBZ", "do": "VBP"}[a.lower_], plural(subj))
                if form:
                    text = f"{render(doc, 1, s_end)} {render(doc, s_end, end, sub={nxt.i: form})}."
                    unfaithful.append(("question to statement", tidy(text)))
            elif nxt is not None and a.lemma_ != "do" and (a.tag_ != "MD" or nxt.tag_ == "VB"):
                text = f"{render(doc, 1, s_end)} {a.lower_} {render(doc, s_end, end)}."
                unfaithful.append(("question to statement", tidy(text)))
            shifted = backshift(a)
            if unfaithful and shifted:
                faithful.append(("tense", tidy(render(doc, sub={0: shifted}))))
    for w in doc:
        # "It is unclear whether the deal will survive." -> "The deal will survive."
        if w.lower_ != "whether" or w.dep_ != "mark" or doc[w.i + 1].lower_ == "or" or not plain_end(doc):
            continue
        clause = w.head
        start, stop = span_of(clause)
        if start != w.i or stop != end or subject_of(clause) is None or clause.head.lemma_.lower() not in WONDER \
                or any(t.lower_ == "or" for t in doc[w.i:end]):
            continue
        unfaithful.append(("whether dropped", tidy(render(doc, w.i + 1, end) + closing(doc))))
        faithful.append(("whether to if", tidy(render(doc, sub={w.i: "if"}))))
    return unfaithful, _with_fallback(doc, faithful, unfaithful) if unfaithful else []


CONDITION_MARKS = {"if", "unless", "provided", "providing"}


def condition(doc) -> Rewrites:
    unfaithful, faithful = [], []
    end = body_end(doc)
    if not plain_end(doc):
        return [], []
    for mark in doc:
        if mark.lower_ not in CONDITION_MARKS or mark.dep_ != "mark" or mark.head.dep_ != "advcl":
            continue
        before = doc[mark.i - 1].lower_ if mark.i else ""
        if before in ("even", "as", "what") or (mark.i + 1 < end and doc[mark.i + 1].lower_ in ("not", "any", "so")):
            continue
        clause = mark.head
        start, stop = span_of(clause)
        if start != mark.i:
            continue
        main = clause.head
        if main.lemma_.lower() in WONDER or main.dep_ != "ROOT":
            continue
        if start == 0 and stop < end and doc[stop].text == "," and span_of(main) == (0, len(doc)):
            # "If talks fail, the union will strike." -> "The union will strike." / "... strike if talks fail."
            unfaithful.append(("condition dropped", tidy(render(doc, stop + 1, end) + closing(doc))))
            cond = render(doc, start, stop, sub={mark.i: mark.lower_})
            faithful.append(("condition moved", tidy(f"{render(doc, stop + 1, end)} {cond}{closing(doc)}")))
        elif stop == end and start > 3:
            cut = start - 1 if doc[start - 1].text == "," else start
            if doc[cut - 1].lower_ in ("only", "and", "or", "but"):
                continue
            unfaithful.append(("condition dropped", tidy(render(doc, 0, cut) + closing(doc))))
            main_text = render(doc, 0, cut, sub={0: lowered(doc[0])})
            faithful.append(("condition moved", tidy(f"{render(doc, start, stop)}, {main_text}{closing(doc)}")))
    return unfaithful, faithful


CONTEST_VERBS = {"claim", "insist", "argue", "allege", "maintain", "contend", "assert", "speculate", "suggest",
                 "testify", "swear", "charge", "hint", "imply", "accuse", "protest"}
SAY_VERBS = {"say", "tell", "state", "add", "report", "announce", "note", "explain", "write", "tweet", "declare"}
BELIEF_VERBS = {"believe", "think", "fear", "suspect", "worry", "feel", "reckon", "estimate", "predict", "assume",
                "hope", "expect", "doubt", "guess", "hypothesize", "hypothesise", "speculate"}


def _speech(doc, verbs: set[str], name: str) -> Rewrites:
    """"The minister claimed that the plan was working" -> "The plan was working" /
    "The plan was working, the minister claimed"."""
    unfaithful, faithful = [], []
    if not plain_end(doc):
        return [], []
    for m in doc:
        if m.lemma_.lower() not in verbs or m.pos_ != "VERB" or negated(m):
            continue
        subj = subject_of(m)
        ccomp = next((c for c in m.children if c.dep_ == "ccomp" and c.i > m.i), None)
        if subj is None or ccomp is None or span_of(subj)[0] != 0 or m.dep_ != "ROOT":
            continue
        clause = _clause_to_end(doc, ccomp)
        if clause is None or clause[1] != body_end(doc) or any(
                c.dep_ == "conj" and c.pos_ == "VERB" and subject_of(c) is None for c in ccomp.children):
            continue  # "believe that X is connected and say ...": the second verb may be theirs
        start, stop = clause
        between = doc[m.i + 1:start]
        if any(t.text in (":", ";", '"', "\u201c") for t in between) or not _group(m):
            continue
        unfaithful.append((f"{name} dropped", tidy(render(doc, start, stop) + closing(doc))))
        cut = start - 1 if doc[start - 1].lower_ == "that" else start
        while cut > m.i + 1 and doc[cut - 1].text == ",":
            cut -= 1
        who = render(doc, 0, cut, sub={0: lowered(doc[0])})
        faithful.append((f"{name} after", tidy(f"{render(doc, start, stop)}, {who}{closing(doc)}")))
    return unfaithful, faithful


def contested(doc) -> Rewrites:
    return _speech(doc, CONTEST_VERBS, "contested speech")


def belief(doc) -> Rewrites:
    return _speech(doc, BELIEF_VERBS, "belief")


def attribution(doc) -> Rewrites:
    unfaithful, faithful = _speech(doc, SAY_VERBS, "attribution")
    end = body_end(doc)
    for t in doc:
        # "Y, according to police." -> "Y." / "According to police, Y."
        if t.lower_ != "according" or t.i + 1 >= end or doc[t.i + 1].lower_ != "to" or not plain_end(doc):
            continue
        start, stop = span_of(t)
        if start != t.i:
            continue
        if stop == end and start > 3 and doc[start - 1].text == ",":
            unfaithful.append(("according to dropped", tidy(render(doc, 0, start - 1) + closing(doc))))
            rest = render(doc, 0, start - 1, sub={0: lowered(doc[0])})
            faithful.append(("according to moved", tidy(f"{render(doc, start, stop)}, {rest}{closing(doc)}")))
        elif start == 0 and stop < end and doc[stop].text == ",":
            unfaithful.append(("according to dropped", tidy(render(doc, stop + 1, end) + closing(doc))))
            rest = render(doc, stop + 1, end)
            faithful.append(("according to moved",
                             tidy(f"{rest}, {render(doc, 0, stop, sub={0: 'according'})}{closing(doc)}")))
    return unfaithful, faithful


REQUEST_VERBS = {"urge", "ask", "order", "instruct", "advise", "encourage", "tell", "call", "press", "invite",
                 "warn", "beg", "implore", "direct", "command", "require", "request", "appeal", "exhort", "pressure",
                 "lobby", "challenge", "caution", "recommend", "summon"}


def request(doc) -> Rewrites:
    unfaithful, faithful = [], []
    end = body_end(doc)
    for m in doc:
        if m.lemma_.lower() not in REQUEST_VERBS or m.pos_ != "VERB" or negated(m):
            continue
        x = next((c for c in m.children if c.dep_ == "xcomp" and c.i > m.i), None)
        if x is None or span_of(x)[1] != end or any(c.dep_ == "conj" and c.pos_ == "VERB" for c in x.children):
            continue
        to = next((c for c in x.children if c.lower_ == "to" and c.dep_ == "aux"), None)
        if to is None or to.i + 1 >= end:
            continue
        f = doc[to.i + 1]
        if f.tag_ != "VB" or negated(x):
            continue
        if m.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in m.children):
            # "Residents were urged to stay indoors" -> "Residents stayed indoors"
            subj = subject_of(m)
            group = _group(m)
            if subj is None or group is None or subj.i > m.i:
                continue
            between = doc[m.i + 1:to.i]
            if any(t.dep_ not in ("agent", "pobj", "det", "compound", "amod", "prep") and t.head.dep_ != "agent"
                   for t in between):
                continue
            deed = inflect(f, "VBD", plural(subj))
            if not deed:
                continue
            sub = {g.i: "" for g in group if g.dep_ != "advmod"}
            sub.update({k: "" for k in range(m.i + 1, to.i + 1)})
            sub[f.i] = deed
            unfaithful.append(("request dropped", tidy(render(doc, sub=sub))))
            first = group[0]
            shifted = backshift(first) if first.tag_ != "VBD" else (
                "had been" if first.lower_ in ("was", "were") else None)
            if shifted:
                faithful.append(("tense", tidy(render(doc, sub={first.i: _case(shifted, first.text)}))))
            continue
        # "The UN urged Libya to stop the attacks" -> "Libya stopped the attacks"
        if m.lemma_ in ("require", "need"):
            continue  # "they require sensationalism to sell": a purpose, not an order
        obj = next((c for c in m.children if c.dep_ in ("dobj", "dative")), None)
        if m.lemma_ in ("call", "appeal"):
            on = next((c for c in m.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")
                       and c.i == m.i + 1), None)
            obj = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
        if obj is None or obj.pos_ == "PRON" or obj.lower_ in ("it", "them"):
            continue
        o_start, o_end = span_of(obj)
        if o_end != to.i or o_start > m.i + 2:
            continue
        deed = inflect(f, "VBD", plural(obj))
        if deed:
            text = f"{render(doc, o_start, o_end)} {render(doc, f.i, end, sub={f.i: deed})}{closing(doc)}"
            unfaithful.append(("request dropped", tidy(text)))
        subj = subject_of(m)
        passive = None
        if subj is not None and span_of(subj) == (0, m.i) and m.tag_ == "VBD" and o_start == m.i + 1:
            ven = inflect(m, "VBN")
            be = "were" if plural(obj) else "was"
            passive = (f"{render(doc, o_start, o_end)} {be} {ven} by {render(doc, 0, m.i, sub={0: lowered(doc[0])})} "
                       f"{render(doc, to.i, end)}{closing(doc)}")
        if passive:
            faithful.append(("passive", tidy(passive)))
        elif shift := finite_shift(m):
            faithful.append(("tense", tidy(render(doc, sub=shift))))
    return unfaithful, _with_fallback(doc, faithful, unfaithful)


FURNITURE = {"click", "share", "follow", "subscribe", "sign", "log", "email", "read", "watch", "see", "download",
             "tweet", "like", "visit", "comment", "scroll", "view", "listen", "find", "check", "join", "get", "send",
             "contact", "enter", "select", "use", "go", "let", "note", "take", "keep", "stay", "tap", "press",
             "submit", "update", "register", "learn", "discover", "explore", "try", "add", "post", "continue", "look",
             "hide", "wish", "thank", "welcome", "imagine", "say", "guess", "ask", "tell"}


def instruction(doc) -> Rewrites:
    unfaithful, faithful = [], []
    end = body_end(doc)
    start = 1 if doc[0].lower_ == "please" else 0
    root = doc[start]
    if not plain_end(doc) or any(t.text in ('"', "\u201c") for t in doc):
        return [], []
    if root.dep_ == "ROOT" and root.tag_ == "VB" and subject_of(root) is None and root.lower_ not in FURNITURE \
            and root.lemma_.lower() not in FURNITURE and root.lower_ != "be" and doc[start + 1].tag_ != "VB" \
            and not negated(root) and not any(c.dep_ == "conj" and c.pos_ == "VERB" for c in root.children) \
            and not root.ent_type_ and " or not" not in doc.text:
        # "Wash your hands regularly." -> "You washed your hands regularly." / "You should wash ..."
        deed = inflect(root, "VBD")
        if deed:
            unfaithful.append(("imperative to statement",
                               tidy(f"You {render(doc, start, end, sub={start: deed.lower()})}{closing(doc)}")))
            faithful.append(("imperative with should",
                             tidy(f"You should {render(doc, start, end, sub={start: root.lower_})}{closing(doc)}")))
    for m in doc:
        # "You should see a doctor." -> "You saw a doctor." / "See a doctor."
        if m.tag_ != "MD" or m.lower_ not in ("should", "must") or m.i == 0 or doc[m.i - 1].lower_ != "you":
            continue
        verb = m.head
        if doc[m.i - 1].head != verb or doc[m.i - 1].dep_ != "nsubj" or negated(verb) or verb.i != m.i + 1 \
                or verb.tag_ != "VB":
            continue
        deed = inflect(verb, "VBD", True)
        if deed:
            unfaithful.append(("you should to statement", tidy(render(doc, sub={m.i: "", verb.i: deed}))))
        if m.i == 1:
            faithful.append(("imperative", tidy(render(doc, sub={0: "", 1: ""}))))
        else:
            faithful.append(("modal in other words", tidy(render(doc, sub={m.i: "ought to" if m.lower_ == "should"
                                                                             else "have to"}))))
    return unfaithful, faithful


@dataclass(frozen=True)
class Kind:
    name: str
    cue: object  # a cheap test before the parse: a pattern, or a function of the sentence
    rule: object

    def carries(self, sentence: str) -> bool:
        return bool(self.cue.search(sentence) if isinstance(self.cue, re.Pattern) else self.cue(sentence))


def _opens_with_verb(sentence: str) -> bool:
    """The sentence may be an order: it opens ("Please" aside) with a verb's bare form, or
    says "you should" or "you must"."""
    if re.search(r"\byou (?:should|must)\b", sentence, re.I):
        return True
    first = re.match(r"(?:Please,? )?([A-Z][a-z]+)\b", sentence)
    if not first or first[1].lower() in text_mod.STOPWORDS:
        return False
    word = first[1].lower()
    if re.search(rf"\b{first[1]}\b", sentence[first.end():]):
        return False  # "Trump even touted ... Trump has": a name
    return getAllLemmas(word, upos="VERB").get("VERB", ("",))[0] == word and word not in FURNITURE


KINDS = (
    Kind("allegation", re.compile(r"\b(?:allegedly|reportedly|purportedly|supposedly|alleged|suspected|accused|"
                                  r"charged with|(?:believed|thought|said|rumou?red|understood|feared|claimed) to)\b",
                                  re.I), allegation),
    Kind("intention", re.compile(r"\b(?:" + "|".join(sorted(INTENT_VERBS)) + r")(?:s|ed|d|ing)? to\b", re.I), intention),
    Kind("expectation", re.compile(r"\b(?:expect(?:s|ed|ing)? to|(?:is|are|was|were) (?:" + "|".join(sorted(EXPECT_WORDS))
                                   + r") to)\b", re.I), expectation),
    Kind("modality", re.compile(r"\b(?:may|might|could|would|should|must)\b"), modality),
    Kind("hedge", re.compile(r"\b(?:" + "|".join(sorted(HEDGES)) + r")\b", re.I), hedge),
    Kind("negation", re.compile(r"\b(?:not|never)\b|n't\b", re.I), negation),
    Kind("denial", re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject|dismiss|refut|rebut|disput|contest)", re.I), denial),
    Kind("refusal", re.compile(r"\b(?:" + "|".join(sorted(REFUSE_VERBS)) + r")(?:s|d|ed|ing)? to\b", re.I), refusal),
    Kind("question", re.compile(r"\?\W*$|\bwhether\b", re.I), question),
    Kind("condition", re.compile(r"\b(?:if|unless|provided|providing)\b", re.I), condition),
    Kind("contested speech", re.compile(r"\b(?:claim|insist|argu|alleg|maintain|contend|assert|speculat|suggest|"
                                        r"testif|swor|swear|charg|hint|impl|accus|protest)\w* that\b", re.I), contested),
    Kind("belief", re.compile(r"\b(?:believ|think|thought|fear|suspect|worr|feel|felt|reckon|estimat|predict|assum|"
                              r"hope|expect|doubt|guess|hypothesi|speculat|consider)\w*\b", re.I), belief),
    Kind("attribution", re.compile(r"\b(?:sa(?:y|ys|id)|told|tells?|stated?|add(?:s|ed)|report(?:s|ed)|announc|noted?|"
                                   r"explain|wr(?:ite|ote)|tweet|declar|according to)\w*\b", re.I), attribution),
    Kind("request", re.compile(r"\b(?:" + "|".join(sorted(REQUEST_VERBS)) + r"|told|asked|urged|called)\w*\b.{0,60}\bto\b",
                               re.I), request),
    Kind("instruction", _opens_with_verb, instruction),
)


# ---------------------------------------------------------------------------------------------
# Probes and checks


@dataclass
class Probe:
    kind: str
    rule: str
    faithful: bool
    source: str
    text: str
    problems_bare: list[str] | None = None  # register and support alone (no parse)
    problems: list[str] | None = None  # with the parse


def _clean(source: str, text: str | None) -> bool:
    """A rewrite worth checking: changed, whole, its quotations the source's own (a changed
    quotation is refused whatever its frame), and standing on its own by register."""
    if not text or text == source or len(text.split()) < 5 or "  " in text:
        return False
    if not re.search(r"""[.!?]["'\u201d\u2019)]?$""", text) or not quotes_mod.balanced(text):
        return False
    if not set(quotes_mod.quotations(text, min_words=1)) <= set(quotes_mod.quotations(source, min_words=1)):
        return False
    return not checks.register_problems(text)


def make_probes(sentences: list[str], per_kind: int, parse) -> tuple[list[Probe], Counter]:
    """Up to `per_kind` unfaithful and `per_kind` faithful rewrites for each kind."""
    probes: list[Probe] = []
    skipped: Counter = Counter()
    for kind in KINDS:
        counts = {True: 0, False: 0}
        candidates = [s for s in sentences if kind.carries(s) and (kind.name == "question") == s.endswith("?")
                      or kind.name == "question" and "whether" in s][:MAX_PARSED]
        for at in range(0, len(candidates), BATCH):
            if all(n >= per_kind for n in counts.values()):
                break
            batch = candidates[at:at + BATCH]
            examined, found = _rewrite_batch(kind, batch, parse(batch), per_kind, counts, probes)
            skipped[kind.name] += examined - found
    return probes, skipped


def _rewrite_batch(kind: Kind, batch: list[str], docs, per_kind: int, counts: dict,
                   probes: list[Probe]) -> tuple[int, int]:
    """Add the batch's rewrites to `probes` while the kind's quotas last; how many sentences
    were examined, and how many gave a rewrite."""
    found = examined = 0
    for s, doc in zip(batch, docs):
        if all(n >= per_kind for n in counts.values()):
            break
        examined += 1
        if len(list(doc.sents)) == 1:
            try:
                unfaithful, faithful = kind.rule(doc)
            except (IndexError, KeyError, StopIteration):
                unfaithful, faithful = [], []
        else:
            unfaithful, faithful = [], []
        made = False
        for is_faithful, rewrites in ((False, unfaithful), (True, faithful)):
            for rule, text in rewrites[:1] if is_faithful else rewrites:
                if counts[is_faithful] >= per_kind or not _clean(s, text):
                    continue
                if any(p.source == s and p.text == text for p in probes):
                    continue
                probes.append(Probe(kind.name, rule, is_faithful, s, text))
                counts[is_faithful] += 1
                made = True
        found += made
    return examined, found


def run_checks(probes: list[Probe], parse, embedder, keep_numbers: bool) -> None:
    texts = sorted({p.text for p in probes} | {p.source for p in probes})
    vectors = dict(zip(texts, embedder.encode(texts)))
    parse(sorted({p.text for p in probes}))  # one batch: the memo keeps the Docs for the checks
    for p in probes:
        index = checks.SourceIndex.build([p.source])
        cosine = float(vectors[p.text] @ vectors[p.source])
        p.problems_bare = checks.check_sentence(p.text, p.source, index, cosine=cosine, parse=None,
                                                keep_numbers=keep_numbers)
        p.problems = checks.check_sentence(p.text, p.source, index, cosine=cosine, parse=parse,
                                           keep_numbers=keep_numbers)


def _reason(problem: str) -> str:
    """A problem's kind, without the words it names."""
    problem = re.sub(r"\(cosine [\d.]+\)", "", problem)
    if problem.startswith("'") or "is not the evidence's" in problem:
        return "parse: " + (problem.split(": ", 1)[1] if ": " in problem else "verb not the evidence's")
    return re.split(r"[:'(]", problem)[0].strip()


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f} %" if b else "    -  "


def report(probes: list[Probe], skipped: Counter, show: bool, pairs: bool) -> None:
    by_kind: dict[str, list[Probe]] = defaultdict(list)
    for p in probes:
        by_kind[p.kind].append(p)
    print(f"{'kind':<18} {'unfaithful':>10} {'refused':>9} {'+parse':>9}   {'faithful':>8} {'kept':>9} {'+parse':>9}"
          f"   {'skipped':>7}")
    totals = Counter()
    for kind in KINDS:
        group = by_kind.get(kind.name, [])
        bad = [p for p in group if not p.faithful]
        good = [p for p in group if p.faithful]
        row = {"u": len(bad), "ur0": sum(bool(p.problems_bare) for p in bad), "ur": sum(bool(p.problems) for p in bad),
               "f": len(good), "fk0": sum(not p.problems_bare for p in good), "fk": sum(not p.problems for p in good)}
        totals.update(row)
        print(f"{kind.name:<18} {row['u']:>10} {_pct(row['ur0'], row['u']):>9} {_pct(row['ur'], row['u']):>9}   "
              f"{row['f']:>8} {_pct(row['fk0'], row['f']):>9} {_pct(row['fk'], row['f']):>9}   {skipped[kind.name]:>7}")
    print(f"{'total':<18} {totals['u']:>10} {_pct(totals['ur0'], totals['u']):>9} {_pct(totals['ur'], totals['u']):>9}   "
          f"{totals['f']:>8} {_pct(totals['fk0'], totals['f']):>9} {_pct(totals['fk'], totals['f']):>9}")
    print("(refused/kept: register and support alone, without the parse; +parse: with the structure check too;"
          " skipped: sentences parsed that gave no clean rewrite)")
    print("\nWhat refused the unfaithful rewrites (first problem, with the parse):")
    for kind in KINDS:
        reasons = Counter(_reason(p.problems[0]) for p in by_kind.get(kind.name, []) if not p.faithful and p.problems)
        if reasons:
            print(f"  {kind.name:<18} " + "; ".join(f"{r} {n}" for r, n in reasons.most_common(4)))
    print("\nWhat refused the faithful rewrites (first problem, with the parse):")
    for kind in KINDS:
        reasons = Counter(_reason(p.problems[0]) for p in by_kind.get(kind.name, []) if p.faithful and p.problems)
        if reasons:
            print(f"  {kind.name:<18} " + "; ".join(f"{r} {n}" for r, n in reasons.most_common(4)))
    if show or pairs:
        for kind in KINDS:
            listed = [p for p in by_kind.get(kind.name, [])
                      if pairs or (not p.faithful and not p.problems) or (p.faithful and p.problems)]
            if not listed:
                continue
            print(f"\n== {kind.name}")
            for p in listed:
                verdict = "kept" if not p.problems else "refused"
                label = "FAITHFUL" if p.faithful else "UNFAITHFUL"
                print(f"- {label} ({p.rule}) {verdict}{': ' + '; '.join(p.problems) if p.problems else ''}")
                print(f"    source:  {p.source}")
                print(f"    rewrite: {p.text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="scan only the first N sentences of the shuffled pool")
    parser.add_argument("--per-kind", type=int, default=40, help="at most this many unfaithful (and faithful) pairs a kind")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--keep-numbers", action="store_true",
                        help="check as a model rewrite that must keep every number (default: as the sub-editor)")
    parser.add_argument("--show", action="store_true",
                        help="print each unfaithful rewrite that passed and each faithful one refused")
    parser.add_argument("--pairs", action="store_true", help="print every pair")
    args = parser.parse_args()

    start = time.perf_counter()
    sentences = source_sentences(args.limit, args.seed)
    loaded = time.perf_counter()
    parse = parse_mod.ParseMemo(parse_mod.shared().with_entities, size=1_000_000)
    probes, skipped = make_probes(sentences, args.per_kind, parse)
    made = time.perf_counter()
    run_checks(probes, parse, embed_mod.default_embedder(), args.keep_numbers)
    checked = time.perf_counter()
    print(f"{len(sentences)} source sentences scanned (Multi-News validation and the dev Timeline17 stories, "
          f"seed {args.seed}); {len(probes)} rewrites\n")
    report(probes, skipped, args.show, args.pairs)
    print(f"\nseconds: reading {loaded - start:.0f}, parsing and rewriting {made - loaded:.0f}, "
          f"checking {checked - made:.0f}; total {time.perf_counter() - start:.0f}")


if __name__ == "__main__":
    main()
