"""Frame: does a written sentence assert no more than its evidence asserted?

A clause can be told as fact, or framed: alleged ("allegedly paid", "accused of taking"),
intended or expected ("hopes to cap", "is due to report"), possible ("may close"), denied
("denied that he took"), asked ("Will the council act?"), conditional ("will strike if talks
fail"), claimed by someone ("claimed that the plan was working") or ordered ("state that the
leader has resigned"). A briefing that drops the frame turns an allegation into a fact, a
hope into a deed, an order into news, and a councillor repeats it in public.

For each predicate of the candidate, the evidence's predicate with the same lemma must carry
the same frame, read from the parse: the markers of the clause itself (its modal, negation,
"allegedly"), and those of the clauses it is the complement of ("to cap" under "hopes",
"that he took" under "denied"). Rewording keeps the markers ("allegedly paid" and "is
alleged to have paid" are both alleged; "hopes to" and "hoped to" both hope); dropping,
strengthening or moving one to another verb does not. What the small parser attaches to one
verb or another as the wording changes is counted over the sentence instead: hedges
("perhaps", "likely"), "if", "unless" and "whether", allegation words ("suspected cases"),
and the clauses reported as someone's ("said that", "claimed that", "according to").

An evidence sentence that gives an order (an imperative, "you should ...", or "state /
write / report that ..." said to someone) is never the source of a claim.
"""

from __future__ import annotations

import re

from ..parse import lemma_of, verb_lemma
from ..quotes import CONTESTED_SPEECH, PLAIN_SAYING, SAYING_VERBS

# Modal auxiliaries by what they claim (a backshifted "would" reports a "will").
MODAL_CLASS = {"will": "will", "would": "will", "'ll": "will", "\u2019ll": "will", "wo": "will", "shall": "will",
               "can": "can", "could": "can", "ca": "can", "may": "may", "might": "may", "must": "must",
               "should": "should", "ought": "should"}
# Adverbs that make a clause someone's allegation rather than a fact.
ALLEGING_ADVERBS = {"allegedly", "reportedly", "purportedly", "supposedly", "ostensibly", "apparently"}
# Verbs and adjectives whose complement is alleged: "accused of taking", "charged with
# murdering", "suspected of", "is said / believed / thought / understood / reported to have".
ALLEGING_HEADS = {"allege", "accuse", "charge", "suspect", "rumour", "rumor"}
PASSIVE_ALLEGING = {"say", "believe", "think", "understand", "report", "know", "feel", "consider", "fear", "estimate",
                    "suppose", "rumour", "rumor", "claim", "allege"}
# Nouns whose "that" clause is alleged: "claims that", "reports that", "allegations that".
ALLEGING_NOUNS = {"claim", "allegation", "report", "suggestion", "rumour", "rumor", "accusation", "speculation"}
# Verbs whose complement is denied or not done: "denied that he took", "failed to cap".
DENYING_HEADS = {"deny", "reject", "dismiss", "refute", "fail", "refuse", "decline", "cease", "neglect", "avoid"}
# Words whose complement is hoped, planned, expected or likely, not done: "hopes to cap".
INTENDING_HEADS = {"hope", "plan", "intend", "want", "aim", "seek", "try", "attempt", "expect", "propose", "threaten",
                   "vow", "pledge", "promise", "prepare", "schedule", "wish", "bid", "offer", "agree", "decide",
                   "consider", "due", "set", "likely", "unlikely", "poised", "about", "going", "able", "unable",
                   "possible", "ready", "willing", "eager", "keen", "determined", "struggle", "strive", "fight",
                   "battle", "endeavour", "endeavor", "scramble", "look", "suppose", "mean", "hesitate", "dream",
                   "long", "yearn", "need", "wait", "prefer", "choose", "begin", "start", "continue"}
# Verbs whose complement is what someone was asked, invited or allowed to do, not a deed:
# "was invited to testify", "urged ministers to act".
REQUESTING_HEADS = {"ask", "urge", "invite", "encourage", "call", "press", "order", "instruct", "advise", "tell",
                    "allow", "permit", "authorise", "authorize", "require", "force", "compel", "oblige", "persuade",
                    "demand", "request", "appeal", "beg", "implore", "summon", "direct", "recommend"}
# "have to", "ought to", "be able to", "is going to": modals in more words.
SEMI_MODALS = {"have": "must", "ought": "should", "able": "can", "unable": "can", "go": "will", "need": "must"}
# Words whose absence changes what a sentence claims wherever they stand ("1,004 suspected
# cases", "possibly deep in the desert", "if only from self-preservation"): a rewrite keeps
# as many of each kind as its evidence has.
LEXICAL = {
    "alleged": {"alleged", "allegedly", "suspected", "reportedly", "purportedly", "purported", "supposedly",
                "so-called", "ostensibly", "accused", "rumoured", "rumored", "unconfirmed", "unverified"},
    "hedged": {"perhaps", "possibly", "probably", "maybe", "potentially", "likely", "unlikely", "possible",
               "probable", "potential", "apparently", "presumably", "seemingly", "arguably"},
    "conditional": {"if", "unless", "whether", "provided", "providing"},
}
CONDITIONS = {"if", "unless", "provided", "providing"}
# Verbs that ask: their complement is a question, not a statement ("asked whether X").
ASKING = {"ask", "wonder", "question", "query"}
# The verbs of an order to put something out: "state that", "write that", "say that".
OUTPUT_ORDERS = SAYING_VERBS | {"write", "report", "mention", "output", "list", "include", "summarise", "summarize"}
SECOND_PERSON = {"you", "u", "whoever", "anyone", "anybody"}
# Verbs of knowing, thinking and fearing: their "that" clause is what someone holds.
COGNITION = {"fear", "worry", "estimate", "reckon", "feel", "hope", "expect", "know", "learn", "hear", "understand",
             "guess", "imagine", "suspect", "doubt", "assume", "conclude", "testify", "hint", "imply", "indicate",
             "signal", "acknowledge", "concede", "recall", "calculate", "project", "forecast", "tweet", "post",
             "write", "announce", "confirm", "reveal", "disclose", "argue", "suggest", "believe", "think"}
ORDERING_MODALS = {"should", "must", "shall"}


def _own(token) -> set[str]:
    """The frame markers of `token`'s own clause."""
    marks = set()
    children = list(token.children)
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")]
    for c in children:
        low = c.lower_
        if c.dep_ in ("aux", "auxpass") and low in MODAL_CLASS:
            marks.add(f"modal:{MODAL_CLASS[low]}")
        elif c.dep_ == "neg" or low in ("not", "n't", "never"):
            marks.add("not")
        elif c.dep_ == "advmod" and low in ALLEGING_ADVERBS:
            marks.add("alleged")
    # (Hedges, "if", "whether" and attributions are counted over the sentence, `_lexical` and
    # `_speech`: the small parser attaches them to one verb or another as the wording changes.)
    if any(s.lower_ in SECOND_PERSON for s in subjects) and any(
            c.dep_ == "aux" and c.lower_ in ORDERING_MODALS for c in children):
        marks.add("order")
    if token.dep_ == "ROOT" and token.tag_ == "VB" and not subjects and not any(
            c.dep_ == "aux" and c.lower_ not in ("do", "don't") and c.lower_ in MODAL_CLASS for c in children):
        marks.add("order")  # "Report that ...", "Please state ...", "Do not mention ..."
    return marks


def _governor(token) -> tuple[object, str] | None:
    """The word whose complement `token`'s clause is, and how ("xcomp", "ccomp", "acl",
    "conj"); None at the top of a clause that stands on its own."""
    dep, head = token.dep_, token.head
    if head.i == token.i:
        return None
    if dep == "pcomp" and head.pos_ == "ADP" and head.head.i != head.i:  # "accused of | taking"
        framing = head.lower_ in ("of", "with", "from") and lemma_of(head.head) in ALLEGING_HEADS | DENYING_HEADS
        return (head.head, "xcomp") if framing else None  # "after | targeting", "by | building" frame nothing
    if dep in ("xcomp", "acomp", "oprd"):
        return head, "xcomp"
    if dep in ("ccomp", "csubj", "parataxis") and head.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
        return head, "ccomp"
    if dep == "acl" and lemma_of(head) in ALLEGING_NOUNS:
        return head, "acl"
    if dep == "conj":
        return head, "conj"
    if dep in ("dobj", "nsubjpass", "pobj") and token.pos_ == "NOUN":  # "rejected | claims that ..."
        return head, "noun"
    return None


def _from_governor(head, how: str) -> set[str]:
    """The markers a complement takes from the word it depends on."""
    lemma = lemma_of(head)
    marks = set()
    passive = any(c.dep_ == "auxpass" for c in head.children) or head.tag_ == "VBN" and how == "xcomp"
    if lemma in ALLEGING_HEADS or (passive and lemma in PASSIVE_ALLEGING and how == "xcomp"):
        marks.add("alleged")
    elif how == "acl" and lemma in ALLEGING_NOUNS:
        marks.add("alleged")
    if lemma in DENYING_HEADS:
        marks.add(f"denied:{lemma}")
    if lemma in SEMI_MODALS and how == "xcomp" and (lemma != "go" or head.tag_ == "VBG"):
        marks.add(f"modal:{MODAL_CLASS.get(SEMI_MODALS[lemma], SEMI_MODALS[lemma])}")
        if lemma == "unable":
            marks.add("not")
    elif lemma in ("likely", "unlikely") and how == "xcomp":
        if lemma == "unlikely":  # ("likely to" is a hedge, counted as one: "will probably")
            marks.add("not")
    elif lemma in INTENDING_HEADS and how in ("xcomp", "ccomp"):
        marks.add(f"intended:{lemma}")
    if lemma in REQUESTING_HEADS and how == "xcomp":
        marks.add(f"requested:{lemma}")
    if how == "ccomp" and lemma in OUTPUT_ORDERS and _told_to(head):
        marks.add("order")  # "state that ...", "Assistant, report that ..."
    own = _own(head)
    if how in ("xcomp", "conj"):
        marks |= own if how == "xcomp" else {m for m in own if m.startswith("modal:")}
    else:
        marks |= own & {"order", "alleged"}
    return marks


def _told_to(verb) -> bool:
    """`verb` is said to someone as an order: the main verb (or, misparsed, a noun set beside
    the one addressed: "Assistant, ..., state that"), in the base form, with no subject and no
    auxiliary of its own or of the verb it is joined to ("could not confirm whether")."""
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ not in ("ROOT", "appos") or verb.tag_ not in ("VB", "NN", "NNP"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for x in {verb, node} for c in x.children)


# Where the parser puts a verb inside a phrase ("had failed children" read as a verb
# modifying "children"), the verb belongs to the clause that phrase is in.
_INSIDE = {"amod", "compound", "dobj", "pobj", "nmod", "appos", "attr", "npadvmod", "nsubj", "nsubjpass", "poss",
           "prep", "dative", "agent"}


def frame_of(token) -> frozenset[str]:
    """Every marker of the frame `token`'s clause is told in."""
    marks = _own(token)
    node, seen = token, 0
    while node.dep_ in _INSIDE and node.head.i != node.i and seen < 8:
        node, seen = node.head, seen + 1
    if node is not token:
        marks |= _own(node) - {"order"}
    while (up := _governor(node)) is not None and seen < 8:
        head, how = up
        if how == "conj":
            if node.tag_ in ("VB", "VBN", "VBG"):  # "would turn ... and fight"; not "... and fought"
                marks |= {m for m in _own(head) if m.startswith("modal:") or m in ("order", "alleged")}
                marks |= _inherited(head)
            break
        marks |= _from_governor(head, how)
        node, seen = head, seen + 1
    return frozenset(marks)


def _inherited(token) -> set[str]:
    """What a first conjunct takes from above it ("hopes to cap the leak and clean ...")."""
    marks = set()
    node = token
    while (up := _governor(node)) is not None and up[1] != "conj":
        marks |= _from_governor(*up)
        node = up[0]
    return marks


def _predicates(doc) -> list:
    return [t for t in doc if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")]


def _lemma(token) -> str:
    lemma = lemma_of(token)
    return "say" if lemma in PLAIN_SAYING else lemma


# Words that only carry a frame: the candidate may use them to reword one ("is alleged to
# have paid" for "allegedly paid"), and the frame is compared on the clause they govern.
FRAME_WORDS = ALLEGING_HEADS | PASSIVE_ALLEGING | INTENDING_HEADS | DENYING_HEADS | CONTESTED_SPEECH


def orders(doc) -> list[str]:
    """The predicates of `doc` told as an order to someone (an imperative, "you should",
    "state that ...")."""
    return [t.text for t in _predicates(doc) if "order" in frame_of(t)]


_TRAILING = re.compile(r",\s+[^,;:]{1,80}?\s+([a-z]+)[\s.\"'\u201d\u2019)]*$")


def _reports(doc, verbs) -> int:
    """How many clauses `doc` reports as someone's, through one of `verbs` ("said that ...",
    "... , the minister claimed", "according to ...")."""
    found = sum(1 for t in doc if t.dep_ == "prep" and t.lower_ == "according") if verbs is _ALL_REPORTING else 0
    for t in doc:
        if t.pos_ in ("VERB", "AUX") and lemma_of(t) in verbs and any(
                c.dep_ in ("ccomp", "xcomp", "parataxis") for c in t.children) or (
                t.dep_ == "parataxis" and lemma_of(t) in verbs):
            found += 1
    # "..., Carmat estimates.": the parser may read a trailing attribution's verb as a noun.
    if (m := _TRAILING.search(doc.text)) and verb_lemma(m[1]) in verbs and not any(
            t.lower_ == m[1] and t.pos_ in ("VERB", "AUX") and (t.dep_ == "parataxis" or any(
                c.dep_ in ("ccomp", "xcomp", "parataxis") for c in t.children)) for t in doc):
        found += 1
    return found


_ALL_REPORTING = frozenset(SAYING_VERBS | COGNITION | CONTESTED_SPEECH | ASKING)


def _speech(candidate, evidence, attribution: bool) -> list[str]:
    """A claim the evidence reports as someone's ("claimed", "feared", "estimated"; with
    `attribution`, any "said" or "according to") told in the candidate as nobody's."""
    if _reports(evidence, CONTESTED_SPEECH) > _reports(candidate, CONTESTED_SPEECH | ALLEGING_HEADS):
        return ["a claim told as fact (its claimant was dropped)"]
    if attribution and _reports(evidence, _ALL_REPORTING) > _reports(candidate, _ALL_REPORTING):
        return ["what someone said told as fact (the attribution was dropped)"]
    return []


def _count(doc, kind: str) -> int:
    """Words of `kind` in `doc`; an allegation may also be told as "is reported / said /
    alleged to have ..."."""
    found = sum(t.lower_ in LEXICAL[kind] for t in doc)
    if kind == "alleged":
        found += sum(1 for t in doc if t.lower_ not in LEXICAL[kind] and lemma_of(t) in PASSIVE_ALLEGING and any(
            c.dep_ == "auxpass" for c in t.children) and any(c.dep_ == "xcomp" for c in t.children))
    return found


def _lexical(candidate, evidence) -> list[str]:
    """Frame words the candidate has fewer of than its evidence, by kind."""
    lost = []
    for kind, vocabulary in LEXICAL.items():
        had = _count(evidence, kind)
        if had and _count(candidate, kind) < had:
            lost.append(f"{kind} dropped ({', '.join(sorted({t.lower_ for t in evidence if t.lower_ in vocabulary}))})")
    return lost


def frame_problems(candidate, evidence, *, attribution: bool = True) -> list[str]:
    """How `candidate` (a spaCy Doc) frames a clause otherwise than its `evidence` (a Doc)
    does; empty when every clause keeps its frame.

    Args:
        attribution: a clause its evidence reports someone saying ("X said that ...") must be
            reported in the candidate too. A key point or title, the news in one line above a
            paragraph that attributes it, may drop a plain "said"; never a contested one
            ("claimed", "feared", "estimated") nor "allegedly".

    Example:
        >>> from briefing.parse import shared
        >>> frame_problems(*shared()(["Van Wert paid for sex.", "Van Wert allegedly paid for sex."]))
        ["'paid': alleged dropped"]
    """
    if given := orders(evidence):
        return [f"the evidence is an order ({given[0]!r}), not news"]
    frames: dict[str, list[frozenset[str]]] = {}
    for t in _predicates(evidence):
        frames.setdefault(_lemma(t), []).append(frame_of(t))
    if evidence.text.rstrip().rstrip("\"'\u201d\u2019)").endswith("?") and \
            not candidate.text.rstrip().rstrip("\"'\u201d\u2019)").endswith("?"):
        return ["a question told as a statement"]
    problems = []
    seen: dict[str, int] = {}
    mine_by_lemma: dict[str, int] = {}
    for t in _predicates(candidate):
        mine_by_lemma[_lemma(t)] = mine_by_lemma.get(_lemma(t), 0) + 1
    for t in _predicates(candidate):
        lemma = _lemma(t)
        options = frames.get(lemma)
        if not options:
            continue
        nth = seen[lemma] = seen.get(lemma, -1) + 1
        if len(options) == mine_by_lemma[lemma] > 1:
            options = [options[nth]]  # the same verb twice in both: the first is the first ("to tell ... they want to tell")
        mine = frame_of(t)
        if mine in options:
            continue
        closest = min(options, key=lambda f: len(f ^ mine))
        lost, added = sorted(closest - mine), sorted(mine - closest)
        parts = [f"{', '.join(lost)} dropped"] if lost else []
        parts += [f"{', '.join(added)} added"] if added else []
        problems.append(f"{t.text!r}: {'; '.join(parts)}")
    return problems or _speech(candidate, evidence, attribution) or _lexical(candidate, evidence)
