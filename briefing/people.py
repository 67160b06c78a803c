"""People and organisations: who the sources name, and the role they give each in their words.

Rules, not a model: no named-entity model ships with the embedded defaults, and the sources'
own phrasing is what the table must show. A person is a run of two or three capitalised
name words that the sources also treat as a person (a title such as "Cllr", a stated role,
or "said"); a role is an appositive ("Melissa Caslake, the council's director of ...,"), a
preceding apposition ("The council's deputy leader ..., James McInnes") or a title in front
("Council leader John Hart"). An organisation is a capitalised run holding an organisation
word ("Council", "Department", "NHS"). As a surname joins the full name, a body's spellings are one
row: linking words and word order aside ("Department of Education"), a shorter name the only
longer one it fits ("Devon Council"), an acronym the sources spell out ("DfE"). A body is a row
when the sources describe it, or when it is among the most named.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

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
    "Club", "Society", "Alliance", "Federation", "College", "Academy", "Corporation",
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
ROLE_NOUNS = {
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
# (A comma or point inside a number, "200,000", does not close it.)
_ORG_PHRASE = r"(?:[^,.;:\u201c\u201d\u2018\"()]|(?<=\d)[,.](?=\d)){3,100}?"
_ORG_AFTER = re.compile(rf"^[\u2019']?s?\s*[,\u2013\u2014]\s+((?:the|a|an|whose|which)\s{_ORG_PHRASE})(?=[,.](?!\d)|[\u2013\u2014]|$)")

MAX_ORGANISATIONS = 10  # the table is for a reader: the most mentioned bodies, not every one
MAX_PEOPLE = 25
# A body no source describes is still a row when it is among the most named: in at least two
# articles, and in at least this share of the articles that name the most-named body. The story's
# own bodies (the council, its inspector) belong in the table even undescribed; a body a few
# articles name in passing is a bare name that tells the reader nothing. Relative to the top body,
# not to the folder, so a 300-article story keeps its main bodies too. Half: on the seeds this keeps
# Devon County Council (4 articles) and Ofsted (5) and leaves out the five bodies one or two articles
# name; on Timeline17's H1N1_bbc (41 articles) it keeps the Health Protection Agency (10) and the
# NHS (6), not NHS Direct or the Department of Health (3 each).
CENTRAL_SHARE = 0.5
# Linking words a source may get wrong or leave out of a body's name ("Department of Education").
_ORG_LINKS = {"of", "for", "the", "and", "&", "on", "in"}
# An acronym: capitals, with at most one small letter between them ("CQC", "DfE", "MoD").
_ACRONYM = re.compile(r"\b([A-Z]{2,}|[A-Z]+[a-z][A-Z]+)\b")
# Nouns that say what kind of body a name is, when written before it: "the schools watchdog
# Ofsted". Words that are also the story's own bodies ("council", "government") are left out:
# "told the council Ofsted had found" describes nothing.
_ORG_KINDS = {
    "watchdog", "regulator", "inspectorate", "charity", "union", "agency", "body", "organisation",
    "organization", "group", "firm", "company", "provider", "trust", "think-tank", "thinktank",
    "broadcaster", "consultancy", "contractor", "operator", "developer", "insurer", "lender",
    "association", "federation", "network", "partnership", "ombudsman", "institute", "campaign",
}
_ORG_DETERMINERS = {"the", "a", "an"}
# A description after the name ("Ofsted, the education watchdog,") must name a kind of body, as a
# person's role must hold a role noun: "Security Council, a series of talks ..." is not one.
_ORG_NOUNS = _ORG_KINDS | {
    "department", "council", "authority", "government", "court", "service", "commission",
    "committee", "board", "ministry", "office", "party", "coalition", "alliance", "movement",
    "force", "tribunal", "school", "college", "university", "hospital", "club", "society", "bank",
    "arm", "wing", "branch", "unit", "team", "panel", "forum", "inspectors", "administration",
}
# What may follow "which"/"whose" in a clause describing the body ("which runs", "which has",
# "which now owns"): a word that is not a function word, or one of these. "which I suspect" and
# "which most have not" are the sentence's own clauses.
_CLAUSE_STARTS = {"is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could",
                  "may", "might", "must", "should", "does", "did", "do", "now", "also", "still", "many"}


def _has_role_noun(phrase: str) -> bool:
    return any(w.lower().strip("\u2019'") in ROLE_NOUNS for w in re.findall(r"[\w\u2019']+", phrase))


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
    if taken and taken[-1].lower().strip("\u2019'") in ROLE_NOUNS:
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


# Capitalised words, stopwords to the list, that open a longer name ("New York", "New Labour").
_NAME_OPENERS = {"new"}


def _person_spans(sentence: str) -> list[tuple[str, str | None, int, int]]:
    """(name without title, title, start, end) of every person-like run in `sentence`."""
    out = []
    for m in _PERSON_RUN.finditer(sentence):
        toks = m[0].replace(".", "").split()
        title = None
        while toks and (toks[0] in _TITLES or toks[0].lower() in STOPWORDS):
            if toks[0].lower() in _NAME_OPENERS and len(toks) > 1 and toks[1][:1].isupper() \
                    and toks[0] not in _TITLES and not (m.start() == 0 and toks[0] == m[0].split()[0]):
                toks = []  # "The New York Times": "New" opens a longer name, not a person's
                break
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


def _org_spans(sentence: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of every organisation named in `sentence`."""
    out = []
    for m in _ORG_RUN.finditer(sentence):
        words = [(w[0], m.start() + w.start(), m.start() + w.end()) for w in re.finditer(r"\S+", m[0])]
        # Where one name ends and the next begins inside a capitalised run: at "and the", or at
        # "and"/"&" after a name holding an organisation word ("Ofsted and the Care Quality
        # Commission", "Ofsted & Ofwat"); at "the" straight after a capitalised word ("Gaddafi the
        # European Union"). Not in "Devon and Cornwall Police" nor "Society for the Protection".
        parts: list[list[tuple[str, int, int]]] = [[]]
        for i, (word, s, e) in enumerate(words):
            after = words[i + 1][0] if i + 1 < len(words) else ""
            held = parts[-1]
            splits = word in ("and", "&") and (after == "the" or any(_strip_possessive(w) in _ORG_WORDS for w, _, _ in held))
            if splits or (word.lower() == "the" and held and held[-1][0][0].isupper()):
                parts.append([])
            elif word in _TITLES and held:
                break  # "Superior Court Judge Michael Pastor": a person's name follows the body's
            else:
                held.append((word, s, e))
        for part in parts:
            while part and (part[0][0].lower() in STOPWORDS or part[0][0] in _TITLES):
                part = part[1:]
            while part and part[-1][0].lower() in STOPWORDS:
                part = part[:-1]
            toks = [_strip_possessive(w) for w, _, _ in part]
            if not toks or len(_org_words(' '.join(toks))) > 6 or not any(t in _ORG_WORDS for t in toks):
                continue
            if len(toks) == 1 and toks[0] not in _NAMED_BODIES:
                continue  # "Council" or "Department" alone names no one body
            out.append((" ".join(toks), part[0][1], part[-1][2]))
    return out


def _org_role_before(before: str) -> str | None:
    """How the words just before a body's name describe it: "the schools watchdog" in "a report
    by the schools watchdog Ofsted". Read back from the name to a determiner, as `_premodifier`
    reads a person's title; the phrase must end in a noun that names a kind of body."""
    if before and not before[-1].isspace():
        return None  # the name is glued to what precedes it ("Devon-based")
    toks = before.split()
    taken: list[str] = []
    for tok in reversed(toks[-7:]):
        if tok[-1] in ",.;:\u2013\u2014()\u201c\u201d\"" or tok.lower() in _BOUNDARY:
            return None
        taken.insert(0, tok)
        if tok.lower() in _ORG_DETERMINERS:
            break
    else:
        return None
    if len(taken) >= 2 and taken[-1].lower() in _ORG_KINDS:
        return " ".join(taken)
    return None


def _org_role_after(after: str) -> str | None:
    """How the words just after a body's name describe it: an apposition naming a kind of body
    ("Ofsted, the education watchdog,") or a relative clause ("Cornwall Council \u2013 whose
    services ... \u2013"), but not a clause of the sentence's own ("..., which I suspect")."""
    m = _ORG_AFTER.match(after)
    if not m:
        return None
    phrase = m[1].strip()
    words = [w.lower().strip("\u2019'") for w in re.findall(r"[\w\u2019'-]+", phrase)]
    if words[0] in ("whose", "which"):
        starts = words[1] not in STOPWORDS or words[1] in _CLAUSE_STARTS
        return phrase if len(words) > 2 and starts and not said_verb(phrase) else None
    # "the group said": the sentence goes on, this describes nothing
    return phrase if any(w in _ORG_NOUNS for w in words) and not said_verb(phrase) else None


def _org_words(name: str) -> tuple[str, ...]:
    """The words that tell one body from another, in order. Sources slip on the linking words,
    not the content words: "Department of Education" and "the Department for Education" agree."""
    return tuple(w.lower() for w in name.split() if w.lower() not in _ORG_LINKS)


def _org_key(name: str) -> tuple[str, ...]:
    """One key for every spelling of a name: its content words in any order, as sources also
    swap them ("Transitional National Council" for "National Transitional Council")."""
    return tuple(sorted(_org_words(name)))


def _abbreviates(acronym: str, name: str) -> bool:
    """True when `acronym` is made of the initials of `name`: "DfE" of "Department for
    Education", "CQC" of "Care Quality Commission" (the linking words' initials optional)."""
    words = name.split()
    return acronym.lower() in {"".join(w[0] for w in words).lower(),
                               "".join(w[0] for w in words if w.lower() not in _ORG_LINKS).lower()}


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """`short` names the same body as `long` with words left out: "County Council" (the end of
    "Devon County Council") or "Devon Council" (its first and last words, in order)."""
    if len(short) >= len(long):
        return False
    if long[-len(short):] == short:
        return True
    if len(short) < 2 or short[0] != long[0] or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(w in rest for w in short)


@dataclass
class _Body:
    """One organisation as the sources name it, with every spelling of its name."""

    names: dict[str, list[tuple[int, Mention]]] = field(default_factory=dict)  # name -> (order, mention)
    acronym: str | None = None
    by_acronym: list[tuple[int, Mention]] = field(default_factory=list)  # "the DfE" alone

    def mentions(self) -> list[tuple[int, Mention]]:
        """Every mention, in reading order, once."""
        return sorted({*self.by_acronym, *(m for ms in self.names.values() for m in ms)}, key=lambda x: x[0])

    def name(self) -> str:
        """The fullest name, spelled as most articles spell it; "(DfE)" when the sources also
        use its acronym."""
        longest = max(len(_org_key(n)) for n in self.names)

        def rank(n: str) -> tuple:
            ms = self.names[n]
            return (-len({m.article_id for _, m in ms}), -len(ms), min(i for i, _ in ms))

        best = min((n for n in self.names if len(_org_key(n)) == longest), key=rank)
        if self.acronym and self.acronym != best and _abbreviates(self.acronym, best):
            return f"{best} ({self.acronym})"
        return best


def _merge_bodies(orgs: dict[str, list[tuple[int, Mention]]], acronyms: dict[str, list[tuple[int, Mention]]],
                  paired: dict[str, set[str]]) -> list[_Body]:
    """One `_Body` per organisation: spellings with one key merged, then a shorter name into the
    only longer one it can stand for, then an acronym into the only body the sources pair it with.
    A shorter name two bodies could own ("County Council" beside Devon's and Durham's) stays apart."""
    by_key: dict[tuple[str, ...], _Body] = {}
    for name, mentions in orgs.items():
        by_key.setdefault(_org_key(name), _Body()).names[name] = mentions
    words = {k: _org_words(next(iter(b.names))) for k, b in by_key.items()}
    for short in sorted(by_key, key=len):
        longer = [k for k in by_key if _within(words[short], words[k])]
        if len(longer) == 1:
            by_key[longer[0]].names.update(by_key.pop(short).names)
    bodies = list(by_key.values())
    for acronym, names in sorted(paired.items()):
        owners = [b for b in bodies if names & set(b.names)]
        if len(owners) != 1:
            continue  # paired with two bodies' names: the acronym settles nothing
        body = owners[0]
        for other in [b for b in bodies if acronym in b.names and b is not body]:
            body.names.update(other.names)  # "NHS" named alone and "National Health Service (NHS)"
            bodies.remove(other)
        body.acronym = acronym
        body.by_acronym += acronyms.get(acronym, [])
    return bodies


def _date_key(article: Article) -> tuple:
    return (article.date is None, article.date or 0, article.path)


def _worth_a_row(found: list[Entity]) -> list[Entity]:
    """Those the sources describe, or among the most named of their kind (see CENTRAL_SHARE):
    a bare name tells the reader nothing."""
    top = max((e.article_count for e in found), default=0)
    return [e for e in found if e.role or e.article_count >= max(2, CENTRAL_SHARE * top)]


def find_entities(corpus: Corpus) -> tuple[Entity, ...]:
    """The people the sources describe or name most (in order of first mention), then the most
    mentioned organisations."""
    articles = sorted(corpus.articles, key=_date_key)
    full: dict[str, list[tuple[Mention, str | None, bool]]] = defaultdict(list)  # name -> (mention, role, titled)
    surnames_only: list[tuple[str, Mention, str | None]] = []
    orgs: dict[str, list[tuple[int, Mention]]] = defaultdict(list)  # name -> (reading order, mention)
    org_roles: dict[str, tuple[tuple[int, Mention], str]] = {}
    names_in: dict[str, set[str]] = defaultdict(set)  # article id -> organisations it names
    acronym_mentions: dict[str, list[tuple[int, Mention]]] = defaultdict(list)
    acronyms_in: dict[str, set[str]] = defaultdict(set)  # article id -> acronyms it uses
    paired: dict[str, set[str]] = defaultdict(set)  # acronym -> names the sources spell it out as
    seq = 0
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
                seq += 1
                spans = _org_spans(sentence)
                for name, start, end in spans:
                    orgs[name].append((seq, mention))
                    names_in[article.id].add(name)
                    role = _org_role_after(sentence[end:]) or _org_role_before(sentence[:start])
                    if role:
                        org_roles.setdefault(name, ((seq, mention), role))
                    # "the Department for Education (DfE)": the sources pair the two.
                    bracketed = re.match(r"\s*\(([A-Z][A-Za-z]{1,9})\)", sentence[end:])
                    if bracketed and _abbreviates(bracketed[1], name):
                        paired[bracketed[1]].add(name)
                for m in _ACRONYM.finditer(sentence):
                    if not any(s <= m.start() < e for _, s, e in spans):
                        acronym_mentions[m[1]].append((seq, mention))
                        acronyms_in[article.id].add(m[1])
                        role = _org_role_after(sentence[m.end():]) or _org_role_before(sentence[:m.start()])
                        if role:
                            org_roles.setdefault(m[1], ((seq, mention), role))

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
    # As for bodies: a person the sources describe, or one of the most named; at most MAX_PEOPLE,
    # the most named first. (A 270-article folder names hundreds: the table was 250 pages.)
    entities = sorted(_worth_a_row(entities),
                      key=lambda e: (-e.article_count, e.role is None, order[e.first.article_id]))[:MAX_PEOPLE]
    entities.sort(key=lambda e: (order[e.first.article_id], e.name))

    # Without brackets, an acronym is paired with a name its article spells out only when at least
    # half the articles using it spell that name out too: "CNN" across a story is not the "Communist
    # News Network" one comment names, while the "DfE" of an article on the Department for
    # Education is.
    for acronym in {a for found in acronyms_in.values() for a in found}:
        using = [i for i, found in acronyms_in.items() if acronym in found]
        names = [{n for n in names_in[i] if _abbreviates(acronym, n)} for i in using]
        if sum(1 for n in names if n) * 2 >= len(using):
            paired[acronym].update(*names)
    # Every spelling of one body is one row; a body no source describes is a row only when it is
    # among the most named (see CENTRAL_SHARE), as a name alone tells the reader nothing.
    rows = []
    for body in _merge_bodies(orgs, acronym_mentions, paired):
        mentions = body.mentions()
        count = len({m.article_id for _, m in mentions})
        own = {_org_key(n) for n in body.names}  # "JIC, the Joint Intelligence Committee," only names it
        described = sorted((org_roles[n] for n in (*body.names, body.acronym)
                            if n in org_roles and _org_key(org_roles[n][1]) not in own), key=lambda r: r[0][0])
        role_mention, role = (described[0][0][1], described[0][1]) if described else (None, None)
        rows.append(Entity(body.name(), "organisation", role, mentions[0][1], role_mention, count))
    rows = _worth_a_row(rows)
    rows.sort(key=lambda e: (-e.article_count, e.role is None, order[e.first.article_id], e.name))
    return tuple(entities + rows[:MAX_ORGANISATIONS])
