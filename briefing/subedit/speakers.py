"""SPEAKER, and whom a pronoun means: who says a quotation, which of an article's sentences
begin inside one, and the person or thing "he", "she", "it" or "they" stands for, from the
sentences before and the people the corpus names.

A sentence inside a quotation, or speaking in the first person, is quoted and given the
speaker the article names ("John Hart added: "We do not appear ...""). A speaker the
article does not name (or, for "I" and "we", one who cannot speak: "the results") makes
the sentence unusable."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import Article, Corpus
from ..quotes import QUOTE_CHARS, SAYING_VERBS, opens_inside_quote, quoted_mask, typeset
from ..text import split_sentences
from .tense import past

LOOK_BACK = 3  # sentences searched for a pronoun's referent or a quotation's speaker
PERSON_LOOK_BACK = 5  # "He ..." is the person last named, a little further back too
MAX_QUOTED_SENTENCES = 10  # and for the speaker of a quotation running over several
MAX_RUN = 4  # sentences of one paragraph a quotation may seem to run over before it is distrusted

# Kinds of body a sentence may name one by ("the company said"), for the body named before.
# Not `reader._KINDS_OF_BODY`, which flags such a subject with no body named before it: that
# list leaves out "company" ("The company said the spill would be cleaned up" reads whole in
# an oil-spill story), where naming the company named just before is always right.
_KINDS_OF_BODY = {"company", "firm", "group", "organisation", "organization", "agency", "charity", "network",
                  "website", "broadcaster", "newspaper", "channel"}
_NOT_PEOPLE = {"GPE", "LOC", "FAC", "NORP", "ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
_OWNS = re.compile(r"['\u2019]s\b")  # right after a name: "Gadhafi's men"
_GENDER = {"he": "he", "his": "he", "him": "he", "she": "she", "her": "she"}
_UNNAMED = {
    "she": re.compile(r"\b(?:woman|girl|mother|wife|daughter|sister|lady|grandmother|widow|actress|mum|mom)\b", re.I),
    "he": re.compile(r"\b(?:man|boy|father|husband|son|brother|gentleman|grandfather|widower|dad)\b", re.I),
}


class Speakers:
    """Who speaks in a corpus's articles and whom a pronoun stands for. The corpus's people
    are found once, on first asking; `doc`: a sentence -> its parse (with named entities)."""

    def __init__(self, corpus: Corpus, doc: Callable[[str], object]):
        self.corpus = corpus
        self._doc = doc
        self._open: dict[str, list[bool]] = {}
        self._people: list[str] | None = None

    def opened(self, article: Article) -> list[bool]:
        """For each of the article's sentences, whether it begins inside a quotation (`_open_quotes`)."""
        if article.id not in self._open:
            self._open[article.id] = _open_quotes(article)
        return self._open[article.id]

    @property
    def people(self) -> list[str]:
        """The people the corpus names, full names (`briefing.people`: titles and roles mark them)."""
        if self._people is None:
            from ..people import find_entities

            self._people = [e.name for e in find_entities(self.corpus) if e.kind == "person"]
        return self._people

    def person_before(self, sentences: list[str], at: int, *, same: bool = False,
                      pronoun: str | None = None) -> tuple[str, int] | None:
        """The person last named before sentence `at` (in it too, with `same`): their full
        name and the sentence naming them. With `pronoun` ("she", "his"), None when an
        unnamed person of its gender ("the woman") came after them, or the article speaks
        of them with the other gender's pronouns."""
        gender = _GENDER.get(pronoun or "")
        for i in range(at if same else at - 1, max(-1, at - 1 - PERSON_LOOK_BACK), -1):
            sentence = sentences[i]
            # "She spoke ... picked up by Gadhafi's men. She sobbed ...": in a sentence that
            # speaks of someone as "she", a name owning something ("Gadhafi's men") is not hers.
            owners_aside = bool(gender) and re.search(rf"\b{gender}\b", sentence, re.IGNORECASE) is not None
            who = self._subject_person(sentence)  # whom the sentence is about
            about = self._main_subject(sentence)
            if who is None and about is not None and gender and about.lower_ == gender:
                # "... he went to the senate ... on the senators who claim he traded oil for
                # Saddam Hussein.": the sentence is about "he", named further back, not about
                # whom it names after him
                continue
            if who is None and about is not None and about.pos_ == "PROPN" and about.ent_type_ not in _NOT_PEOPLE:
                # "Lord Goldsmith, the attorney general, spelled out ...": its subject is someone
                # the people list does not hold in full; naming anyone else would be a guess
                if not any(about.text in name.split() for name in self.people):
                    return None
            best = subject = None
            for name in self.people:
                for form in (name, name.split()[-1]):
                    for m in re.finditer(rf"\b{re.escape(form)}\b", sentence):
                        if owners_aside and _OWNS.match(sentence, m.end()):
                            continue
                        if (best is None or m.start() > best[1]) and not self._a_place(sentence, m.start()):
                            best = (name, m.start())
                        if who is not None and m.start() <= who[1] <= m.end():  # the subject begins here
                            subject = (name, m.start())  # the list's full name for the subject
            if best is None:
                # (not "NHS Devon", which the parse can read as a person: no name has an acronym)
                persons = [e for e in self._doc(sentence).ents if e.label_ == "PERSON"
                           and not any(len(w) > 1 and w.isupper() for w in e.text.split())
                           and not (owners_aside and (_OWNS.match(sentence, e.end_char)
                                                      or e.text.endswith(("'s", "\u2019s"))))]
                people = [(e.text, e.start_char) for e in persons if len(e.text.split()) > 1]
                best = (_without_possessive(people[-1][0]), people[-1][1]) if people else None
                if best is None and persons:
                    return None  # someone named by one word only ("President Obama"): nearer than anyone before
            # "Ghonim, who was freed ..., said it is time to end the regime of President Hosni
            # Mubarak. 'There's a lot of blood now,' he said.": "he" is whom the sentence before
            # is about, its subject, before anyone it names later.
            if subject is not None:
                best = subject
            elif best is not None and who is not None and who[0].split()[-1] != best[0].split()[-1]:
                if len(who[0].split()) < 2:
                    return None  # its subject is someone named by one word only: nobody to name
                best = who
            unnamed = [m.start() for m in _UNNAMED[gender].finditer(sentence)] if gender else []
            if unnamed and (best is None or max(unnamed) > best[1]):
                return None  # "The woman in question said ...": "she" is her, whom nobody named
            if best is not None:
                if gender and self._spoken_of_as(sentences, best[0]) not in (gender, None):
                    return None
                return best[0], i
        return None

    def _subject_person(self, sentence: str) -> tuple[str, int] | None:
        """The person the sentence's main verb is about: the parse's subject of it, or, where the
        parse gave it none ("In an interview with CNN, Ghonim, who was freed ..., said"), the
        first person named before it. (name, start character) or None."""
        doc = self._doc(sentence)
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None:
            return None
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            ent = next((e for e in doc.ents if e.start <= subject.i < e.end and e.label_ == "PERSON"), None)
        else:
            ent = next((e for e in doc.ents if e.label_ == "PERSON" and e.end <= root.i), None)
        return (_without_possessive(ent.text), ent.start_char) if ent is not None else None

    def _main_subject(self, sentence: str):
        """The subject token of the sentence's main verb (the first that has one, where the
        parse split the sentence: "(On" "Tuesday) he went ..."), or None."""
        doc = self._doc(sentence)
        return next((c for t in doc if t.dep_ == "ROOT" for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)

    def _a_place(self, sentence: str, at: int) -> bool:
        """The words at character `at` are a place in this sentence ("Tahrir Square", which a
        people list built from titles and roles can hold by mistake), not a person. (The parse
        reads "Cllr Hart" as an organisation: a body's name is not taken as a sign.)"""
        return any(e.start_char <= at < e.end_char and e.label_ in ("GPE", "LOC", "FAC")
                   for e in self._doc(sentence).ents)

    def _spoken_of_as(self, sentences: list[str], name: str) -> str | None:
        """"he" or "she": the pronouns the sentences naming `name` use most, if any."""
        surname = name.split()[-1]
        counts = {"he": 0, "she": 0}
        for s in sentences:
            if re.search(rf"\b{re.escape(surname)}\b", s):
                counts["he"] += len(re.findall(r"\b(?:he|him|his)\b", s, re.IGNORECASE))
                counts["she"] += len(re.findall(r"\b(?:she|her|hers)\b", s, re.IGNORECASE))
        if counts["he"] == counts["she"]:
            return None
        return "he" if counts["he"] > counts["she"] else "she"

    def speaker(self, article: Article, sentences: list[str], at: int, *,
                first_person: bool = False) -> tuple[str, str, list[int]] | None:
        """Who says the quotation that sentence `at` is part of: (name, verb in the past,
        the sentences that say so), from the nearest attribution before it. `first_person`:
        the quotation says "I" or "we", so its speaker must be someone who can."""
        opened = self.opened(article)
        inside = opened[at] or sentences[at].lstrip()[:1] in QUOTE_CHARS
        for i in range(at - 1, max(-1, at - 1 - MAX_QUOTED_SENTENCES), -1):
            if i < at - LOOK_BACK and not (opened[i + 1] or sentences[i + 1].lstrip()[:1] in QUOTE_CHARS):
                break  # beyond the nearest sentences, only through a quotation running on
            doc = self._doc(sentences[i])
            quoted = quoted_mask(sentences[i])
            if not inside and not (i == at - 1 and (sentences[i].rstrip().endswith(":") or any(quoted))):
                # Outside quotation marks, "I" and "we" go on someone's words only right after
                # them, quoted: after "Simon Jenkins has said the media whipped up a panic.",
                # "So far, the balance we have tried to strike ..." is the writer's, not his.
                return None
            for verb in doc:
                if verb.lemma_.lower() not in SAYING_VERBS or verb.pos_ not in ("VERB", "AUX") or \
                        any(quoted[verb.idx:verb.idx + len(verb.text)]):
                    continue
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subject is None:
                    continue
                found = self._who(sentences, i, subject)
                if found is None or (first_person and not _can_speak(subject, found[0], self.people)):
                    return None  # "The results suggested ..." does not say "we test ..."
                name, where = found
                return name, _said(verb), list(range(min(where, i), at))
        # "... sentence one. Sentence two," she said: the speaker named after the quotation.
        for i in range(at + 1, min(len(sentences), at + 3)):
            if not opens_inside_quote(typeset(sentences[i])):
                continue
            doc = self._doc(typeset(sentences[i]))
            quoted = quoted_mask(doc.text, open_at_start=True)
            for verb in doc:
                if verb.lemma_.lower() in SAYING_VERBS and verb.pos_ in ("VERB", "AUX") and \
                        not any(quoted[verb.idx:verb.idx + len(verb.text)]):
                    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                    found = self._who(sentences, i, subject) if subject is not None else None
                    if found is None or (first_person and not _can_speak(subject, found[0], self.people)):
                        return None
                    return found[0], _said(verb), list(range(at + 1, i + 1))
            break
        return None

    def _who(self, sentences: list[str], i: int, subject) -> tuple[str, int] | None:
        """What the subject of a verb in sentence `i` names: (a full name or noun phrase,
        the sentence that names it)."""
        if subject.lower_ in ("he", "she"):
            return self.person_before(sentences, i, pronoun=subject.lower_)
        if subject.lower_ in ("it", "they"):
            return self.referent(sentences, i, subject)
        if subject.pos_ == "PRON":
            return None
        phrase = subject.doc[subject.left_edge.i:subject.right_edge.i + 1].text
        for name in self.people:
            if re.search(rf"\b{re.escape(name.split()[-1])}\b", phrase):
                return name, i
        if (body := self._body_named_before(sentences, i, subject)) is not None:
            return body
        return _capital(_noun_phrase(subject)), i

    def _body_named_before(self, sentences: list[str], i: int, subject) -> tuple[str, int] | None:
        """"the company" -> "Google": a body named only by its kind, as the one organisation the
        two sentences before it (or its own) name. (name, sentence index) or None."""
        if subject.pos_ != "NOUN" or subject.lemma_.lower() not in _KINDS_OF_BODY or not any(
                c.dep_ == "det" and c.lower_ == "the" for c in subject.children) or any(
                c.dep_ in ("amod", "compound", "prep", "appos") for c in subject.children):
            return None
        for k in range(i, max(-1, i - 3), -1):
            doc = self._doc(sentences[k])
            bodies = {e.text for e in doc.ents if e.label_ == "ORG" and not (k == i and e.start <= subject.i < e.end)}
            if len(bodies) == 1:
                return bodies.pop(), k
            if bodies:
                return None  # two named: which one it is cannot be told
        return None

    def referent(self, sentences: list[str], at: int, pronoun, word: str | None = None) -> tuple[str, int] | None:
        """What a subject pronoun stands for: a person for he/she, else a subject of the
        sentence before that agrees in number: the nearest one ("The report said the service
        was poor. It improved ..."), or, when the pronoun's own verb reports ("It added"),
        the main clause's. (text, sentence index) or None. Only one sentence back: further,
        a nearer noun is as likely. `word`: the pronoun it stands as ("he" for "his")."""
        word = word or pronoun.lower_
        if word in ("he", "she"):
            return self.person_before(sentences, at, pronoun=word)
        if at < 1:
            return None
        doc = self._doc(sentences[at - 1])
        subjects = [t for t in doc if t.dep_ in ("nsubj", "nsubjpass")]
        if pronoun.head.lemma_.lower() in SAYING_VERBS:  # "It added": the report, not what it reported
            subjects.sort(key=lambda t: t.head.dep_ != "ROOT")
        else:  # "It improved": the nearest subject that agrees
            subjects.reverse()
        # The main line's subject first; else one of a clause that qualifies it ("... comes after
        # MPs were told the services are failing. They ..."), never one asked about or assumed.
        subjects = [t for t in subjects if _on_the_main_line(t)] + \
            [t for t in subjects if not _on_the_main_line(t) and not _asked_or_assumed(t)]
        for subject in subjects:
            if subject.pos_ not in ("NOUN", "PROPN") or subject.ent_type_ == "PERSON" or \
                    any(c.dep_ == "case" for c in subject.children):
                continue
            plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
            if plural == (word == "they"):
                return _noun_phrase(subject), at - 1
        return None


# Words that make a clause a question or a condition: its subject is asked about, not told of.
_ASKING = {"how", "whether", "why", "what", "if", "when", "where", "which", "who"}


def _opens_on(verb, words: set[str]) -> bool:
    """The clause of `verb` opens, before the verb, on a wh-word or conjunction of `words`."""
    return any(t.lower_ in words and t.tag_ in ("WRB", "WP", "WDT", "IN") for t in verb.doc[verb.left_edge.i:verb.i])


def _asked_or_assumed(subject) -> bool:
    """`subject` is in a clause that asks or assumes ("how serious the global alert is", "even
    if the new virus turns out ..."), within any clause above it."""
    verb = subject.head
    while True:
        if _opens_on(verb, _ASKING | {"unless"}):
            return True
        if verb.dep_ == "ROOT" or verb.head.i == verb.i:
            return False
        verb = verb.head


def _on_the_main_line(subject) -> bool:
    """`subject` is the subject of what the sentence tells: of its main verb, of a verb joined
    to it, or of what a verb reports ("The report said the service was poor"), and not of a
    clause that only qualifies, conditions or asks ("even if the new virus turns out ...",
    "questions about how serious the global alert is"): a pronoun in the next sentence
    continues the main line."""
    verb = subject.head
    while verb.dep_ != "ROOT":
        if verb.dep_ not in ("conj", "ccomp") or _opens_on(verb, _ASKING):
            return False
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return True


def _open_quotes(article: Article) -> list[bool]:
    """For each of the article's sentences, whether it begins inside a quotation opened by
    an earlier sentence of its paragraph (or a paragraph that opened one and never closed
    it, as news style does for a quotation running over paragraphs).

    Only a quotation that is seen to end is trusted: one still open at its paragraph's end
    with no quotation opening the next, or running over more than MAX_RUN sentences, is a
    stray mark (saved pages run whole articles into one paragraph), and what follows it is
    the reporter's."""
    paragraphs = [split_sentences(p) for p in article.paragraphs]
    out: list[bool] = []
    carried = False
    for n, (paragraph, sentences) in enumerate(zip(article.paragraphs, paragraphs)):
        inside = carried and paragraph.lstrip()[:1] in "\u201c\"\u2018'"
        flags = []
        for k, sentence in enumerate(sentences):
            flags.append(inside)
            sentence = typeset(sentence)
            for j, c in enumerate(sentence):
                if c == "\u201c" or (c == '"' and k == 0 and j == 0):
                    inside = True
                elif c == "\u201d":
                    inside = False
                elif c == '"':
                    inside = not inside
        following = article.paragraphs[n + 1].lstrip()[:1] if n + 1 < len(article.paragraphs) else ""
        if inside and (not following or following not in "\u201c\"\u2018'"):
            # Never closed: the run of sentences it seemed to cover is not a quotation.
            k = len(flags)
            while k and flags[k - 1]:
                k -= 1
            flags[k:] = [False] * (len(flags) - k)
            inside = False
        run = 0
        for k, flag in enumerate(flags):
            run = run + 1 if flag else 0
            if run > MAX_RUN:
                start = k - run + 1
                while k < len(flags) and flags[k]:
                    k += 1
                flags[start:k] = [False] * (k - start)
                break
        out += flags
        carried = inside
    return out


_HUMAN = {"spokesperson", "spokesman", "spokeswoman", "official", "officer", "leader", "director", "minister",
          "secretary", "chief", "president", "chair", "chairman", "chairwoman", "councillor", "mayor", "member",
          "manager", "head", "executive", "source", "team", "family", "group", "council", "government",
          "department", "company", "party", "authority", "police", "people", "resident", "parent", "campaigner",
          "lawyer", "doctor", "teacher", "worker", "host", "author", "researcher", "scientist", "coach", "player",
          "man", "woman", "fan", "student", "inspector", "judge", "prosecutor", "agency", "board", "committee"}


def _without_possessive(name: str) -> str:
    """"Gadhafi" of "Gadhafi's" (the parse's entity can hold the mark)."""
    return re.sub(r"(?:\u2019s|'s)$", "", name)


def _can_speak(subject, name: str, people: list[str]) -> bool:
    """A speaker of "I" or "we": a person, a name, or someone or a body ("a spokesperson",
    "the council"); not "the results" or "the report"."""
    if name in people or subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    return subject.lemma_.lower() in _HUMAN


def _said(verb) -> str:
    """The attribution's verb in the past; "told" without its listener reads as "said"."""
    return "said" if verb.lemma_.lower() == "tell" else past(verb)


def attributed(doc) -> bool:
    """The sentence says who speaks it: a speech verb outside its quotation marks."""
    quoted = quoted_mask(doc.text)
    return any(t.lemma_.lower() in SAYING_VERBS and t.pos_ in ("VERB", "AUX") and not any(quoted[t.idx:t.idx + len(t.text)])
               for t in doc)


def reports_itself(doc) -> bool:
    """The sentence is a report of someone else's words, whatever its quotation marks say:
    its main verb, or one joined to it, is a verb of saying with a subject that is not the
    writer ("Congresswoman Kay Granger ... says we shouldn't ...", "" Officials had hoped
    ..., the official said."). Its "we" is the speaker's, inside the report, and it needs
    no speaker put in front of it."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    verbs = [root] + [c for c in root.children if c.dep_ in ("parataxis", "ccomp", "conj")]
    for verb in verbs:
        if verb.lemma_.lower() not in SAYING_VERBS or verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ not in _FIRST_PERSON and subject.pos_ in ("NOUN", "PROPN"):
            return True
    return False


_FIRST_PERSON = {"i", "we", "us", "our", "ours", "my", "me", "mine", "myself", "ourselves"}


def has_first_person(doc, quoted: list[bool]) -> bool:
    """The sentence speaks as "I" or "we" outside the places `quoted` marks ("US" is the country)."""
    return any(t.lower_ in _FIRST_PERSON and not any(quoted[t.idx:t.idx + len(t.text)]) for t in doc
               if t.text != "US")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _noun_phrase(token) -> str:
    """A subject as a stand-alone noun phrase: without relative clauses, appositions or a
    possessive time word ("Today's report" -> "the report")."""
    doc = token.doc
    skip: set[int] = set()
    for c in token.children:
        if c.dep_ in ("relcl", "appos", "acl", "punct") and c.i > token.i:
            skip.update(range(c.left_edge.i, c.right_edge.i + 1))
        if c.dep_ == "poss" and c.ent_type_ == "DATE":
            skip.update(range(c.left_edge.i, c.right_edge.i + 1))
    words_ = [t.text_with_ws for t in doc[token.left_edge.i:token.right_edge.i + 1] if t.i not in skip]
    phrase = "".join(words_).strip().strip(",")
    if any(c.dep_ == "poss" and c.ent_type_ == "DATE" for c in token.children):
        phrase = "the " + phrase
    first = doc[token.left_edge.i]
    # (a sentence's first word read as a name though no name is found there: "Swine flu")
    common = first.pos_ != "PROPN" or (first.i == first.sent.start and not first.ent_type_)
    if common and phrase[:1].isupper() and not phrase.split()[0].isupper():
        phrase = phrase[0].lower() + phrase[1:]
    return phrase
