"""People and organisations: who the sources name, and the role they give each in their words.

Rules, not a model: no named-entity model ships with the embedded defaults, and the sources'
own phrasing is what the table must show. A person is a run of two or three capitalised
name words that the sources also treat as a person (a title such as "Cllr", a stated role,
or "said"); a role is an appositive ("Melissa Caslake, the council's director of ...,"), a
preceding apposition ("The council's deputy leader ..., James McInnes") or a title in front
("Council leader John Hart"). An organisation is a capitalised run holding an organisation
word ("Council", "Department", "NHS").
"""

from __future__ import annotations

import re
from collections import defaultdict

from .models import Article, Corpus, Entity, Mention
from .quotes import said_forms, said_verb
from .text import STOPWORDS, split_sentences

_NAME_WORD = r"(?:Mc|Mac|O[\u2019'])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_TITLES = {"Cllr", "Councillor", "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady",
           "Baroness", "Professor", "Prof", "Rev", "Judge"}
_PERSON_RUN = re.compile(rf"\b{_NAME_WORD}(?:\.?\s{_NAME_WORD}){{1,4}}\b")
_ORG_RUN = re.compile(r"\b[A-Z][\w\u2019'&-]*(?:\s+(?:(?:of|for|and|on|the|&)\s+){0,2}[A-Z][\w\u2019'&-]*)*")
_ORG_WORDS = {
    "Council", "Department", "Ministry", "Office", "Agency", "Commission", "Committee",
    "Authority", "Trust", "Board", "Police", "NHS", "University", "Hospital", "Party",
    "Government", "Parliament", "Association", "Union", "Institute", "Foundation", "Court",
    "Service", "Executive", "Ofsted", "Ofwat", "Ofcom", "Ofgem", "Treasury", "Cabinet",
    "Inspectorate", "Tribunal", "Ombudsman", "Network", "Partnership", "Group", "Company",
}
# Capitalised words that are not parts of a person's name (parties, months, places' parts).
_NOT_NAME = {
    "Labour", "Conservative", "Conservatives", "Tory", "Lib", "Dem", "Dems", "Liberal", "Democrat",
    "Democrats", "Green", "Reform", "Independent", "County", "City", "Hall", "Street", "Road",
    "North", "South", "East", "West", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "Christmas", "Easter", "English",
    "British", "Covid", "God",
} | _ORG_WORDS
_ROLE_NOUNS = {
    "leader", "director", "member", "chair", "chairman", "chairwoman", "officer", "inspector",
    "spokesperson", "spokesman", "spokeswoman", "commissioner", "minister", "secretary", "mp",
    "head", "chief", "executive", "lead", "manager", "councillor", "mayor", "editor",
    "reporter", "correspondent", "president", "governor", "deputy", "headteacher", "teacher",
    "founder", "campaigner", "mother", "father", "parent", "lawyer", "solicitor", "barrister",
    "judge", "coroner", "adviser", "advisor", "analyst", "professor", "researcher", "author",
    "worker", "nurse", "doctor", "surgeon", "officer", "clerk", "cabinet", "portfolio", "holder",
}
_ROLE_PHRASE = r"[^,.;:\u201c\u201d\u2018\"()]{3,100}?"
# ", a council spokesman, said": a role phrase closed by a comma, a verb of saying or the end.
_AFTER = re.compile(rf"^\s*(?:\([^)]*\))?,\s+({_ROLE_PHRASE})(?=,|\s+(?:{said_forms()})\b|\.|$)")
_BEFORE = re.compile(rf"(?:^|[,;:\u2013\u2014]\s*)({_ROLE_PHRASE}),\s*$")
# Words that end a premodifying title when reading backwards from the name.
_BOUNDARY = {"by", "from", "to", "with", "that", "said", "says", "and", "as", "in", "at", "of",
             "on", "told", "while", "but", "when", "after", "before", "for", "says", "according"}

# Bodies whose one-word name is the whole name; other organisation words alone are generic.
_NAMED_BODIES = {"Ofsted", "Ofwat", "Ofcom", "Ofgem", "NHS", "Treasury", "Parliament", "Cabinet"}
# How the sources describe a body: "Cornwall Council – whose services ... –".
_ORG_AFTER = re.compile(rf"^[\u2019']?s?\s*[,\u2013\u2014]\s+((?:the|a|an|whose|which)\s{_ROLE_PHRASE})(?=[,\u2013\u2014.]|$)")

MAX_ORGANISATIONS = 10  # the table is for a reader: the most mentioned bodies, not every one


def _has_role_noun(phrase: str) -> bool:
    return any(w.lower().strip("\u2019'") in _ROLE_NOUNS for w in re.findall(r"[\w\u2019']+", phrase))


def _strip_possessive(name: str) -> str:
    return re.sub(r"[\u2019']s?$", "", name)


def _premodifier(before: str) -> str | None:
    """The title just before a name: "Council leader" in "Council leader John Hart"."""
    toks = before.rstrip().split()
    taken: list[str] = []
    for tok in reversed(toks[-6:]):
        if tok[-1] in ",.;:\u2013\u2014(\u201c\u201d\"" or tok.lower() in _BOUNDARY or tok.lower() in ("the", "a", "an"):
            break
        taken.insert(0, tok)
    if taken and taken[-1].lower().strip("\u2019'") in _ROLE_NOUNS:
        return " ".join(taken)
    return None


def _role_at(sentence: str, start: int, end: int) -> str | None:
    after = _AFTER.match(sentence[end:])
    if after and _has_role_noun(after[1]) and not after[1][0].isupper():
        return after[1].strip()
    before = _BEFORE.search(sentence[:start])
    if before and _has_role_noun(before[1]) and len(before[1].split()) <= 14:
        role = before[1].strip()
        return role[0].lower() + role[1:] if role.startswith(("The ", "A ", "An ")) else role
    return _premodifier(sentence[:start])


def _person_spans(sentence: str) -> list[tuple[str, str | None, int, int]]:
    """(name without title, title, start, end) of every person-like run in `sentence`."""
    out = []
    for m in _PERSON_RUN.finditer(sentence):
        toks = m[0].replace(".", "").split()
        title = None
        while toks and (toks[0] in _TITLES or toks[0].lower() in STOPWORDS):
            title = toks[0] if toks[0] in _TITLES else title
            toks = toks[1:]
        if title is None:
            prev = re.search(r"(\w+)\.?\s+$", sentence[:m.start()])
            title = prev[1] if prev and prev[1] in _TITLES else None
        if not 2 <= len(toks) <= 3 or any(t in _NOT_NAME or t in _TITLES for t in toks):
            # "Cllr Hart": a title and a surname alone is a person too, matched later by surname.
            if title and len(toks) == 1 and toks[0] not in _NOT_NAME:
                out.append((toks[0], title, m.start(), m.end()))
            continue
        out.append((" ".join(toks), title, m.start(), m.end()))
    for m in re.finditer(rf"\b({'|'.join(sorted(_TITLES))})\.?\s({_NAME_WORD})\b(?!\s[A-Z])", sentence):
        if m[2] not in _NOT_NAME and not any(s <= m.start() < e for _, _, s, e in out):
            out.append((m[2], m[1], m.start(), m.end()))
    return out


def _org_spans(sentence: str) -> list[tuple[str, int]]:
    """(name, end offset) of every organisation named in `sentence`."""
    out = []
    for m in _ORG_RUN.finditer(sentence):
        # "Ofsted and the Care Quality Commission" is two bodies.
        offset = m.start()
        for part in re.split(r"(\s+and\s+(?:the\s+)?|\s*&\s*)", m[0]):
            if re.fullmatch(r"\s+and\s+(?:the\s+)?|\s*&\s*", part):
                offset += len(part)
                continue
            end = offset + len(part)
            toks = [_strip_possessive(t) for t in part.split()]
            offset = end
            while toks and (toks[0].lower() in STOPWORDS or toks[0] in _TITLES):
                toks = toks[1:]
            while toks and toks[-1].lower() in STOPWORDS:
                toks = toks[:-1]
            if not toks or len(toks) > 6 or not any(t in _ORG_WORDS for t in toks):
                continue
            if len(toks) == 1 and toks[0] not in _NAMED_BODIES:
                continue  # "Council" or "Department" alone names no one body
            out.append((" ".join(toks), end))
    return out


def _date_key(article: Article) -> tuple:
    return (article.date is None, article.date or 0, article.path)


def find_entities(corpus: Corpus) -> tuple[Entity, ...]:
    """People (in order of first mention), then the most mentioned organisations."""
    articles = sorted(corpus.articles, key=_date_key)
    full: dict[str, list[tuple[Mention, str | None, bool]]] = defaultdict(list)  # name -> (mention, role, titled)
    surnames_only: list[tuple[str, Mention, str | None]] = []
    orgs: dict[str, list[Mention]] = defaultdict(list)
    org_roles: dict[str, tuple[Mention, str]] = {}
    said_near: set[str] = set()
    for article in articles:
        for paragraph in article.paragraphs:
            for sentence in split_sentences(paragraph):
                mention = Mention(article.id, sentence)
                for name, title, start, end in _person_spans(sentence):
                    role = _role_at(sentence, start, end)
                    if " " in name:
                        full[name].append((mention, role, title is not None))
                    else:
                        surnames_only.append((name, mention, role))
                    if said_verb(sentence[end:end + 60] + " " + sentence[max(0, start - 40):start]):
                        said_near.add(name)
                for name, end in _org_spans(sentence):
                    orgs[name].append(mention)
                    desc = _ORG_AFTER.match(sentence[end:])
                    if desc:
                        org_roles.setdefault(name, (mention, desc[1].strip()))

    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in full:
        by_surname[name.split()[-1]].append(name)
    for surname, mention, role in surnames_only:
        names = by_surname.get(surname, [])
        if len(names) == 1:  # "Cllr Hart" is John Hart only when one Hart is named
            full[names[0]].append((mention, role, True))

    order = {a.id: i for i, a in enumerate(articles)}
    entities: list[Entity] = []
    for name, mentions in full.items():
        titled = any(t for _, _, t in mentions)
        roles = [(m, r) for m, r, _ in mentions if r]
        if not (titled or roles or name in said_near):
            continue  # a capitalised pair nothing marks as a person ("Exeter Road")
        mentions.sort(key=lambda x: order[x[0].article_id])
        role_mention, role = roles[0] if roles else (None, None)
        count = len({m.article_id for m, _, _ in mentions})
        entities.append(Entity(name, "person", role, mentions[0][0], role_mention, count))
    entities.sort(key=lambda e: (order[e.first.article_id], e.name))

    # "County Council" alone is the "Devon County Council" named elsewhere: fold it in.
    for short in sorted(orgs, key=len):
        longer = [n for n in orgs if n != short and n.endswith(" " + short)]
        if len(longer) == 1:
            orgs[longer[0]].extend(orgs.pop(short))
    ranked = sorted(orgs.items(), key=lambda kv: (-len({m.article_id for m in kv[1]}), order[kv[1][0].article_id], kv[0]))
    for name, mentions in ranked[:MAX_ORGANISATIONS]:
        mentions.sort(key=lambda m: order[m.article_id])
        role_mention, role = org_roles.get(name, (None, None))
        entities.append(Entity(name, "organisation", role, mentions[0], role_mention, len({m.article_id for m in mentions})))
    return tuple(entities)
