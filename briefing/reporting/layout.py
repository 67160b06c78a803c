"""Layout and shape: which lines are furniture by their form alone (labels, bylines,
timestamps, captions and credits, reader comments, advertisement markers, related links)."""

from __future__ import annotations

import re

from ..quotes import outside_quotes
from ..temporal import MONTH_RE, WEEKDAY_RE
from ..text import normalise
from .addressed import URL, subjects_of
from .kinds import ADVERT, BYLINE, CAPTION, COMMENT, LABEL, MACHINE, RELATED, TIMESTAMP

# A paragraph this short with no closing punctuation is a label, not a sentence: sub-headings,
# captions and link lines run 2-16 words; the shortest complete news paragraphs without a full
# stop seen in the seeds and Multi-News were truncated scrapes of 40 words and more.
MAX_LABEL_WORDS = 20
# Markers this short are furniture ("Advertisement", "Story continues below"); a sentence that
# mentions sponsorship ("Sponsored by a local housing association, the scheme will ...") is longer.
MAX_MARKER_WORDS = 8


# ---------------------------------------------------------------------------------------
# shapes: kinds of furniture with forms of their own

# Chat-template control tokens and role markers: text for a model, never for a reader.
CONTROL = re.compile(
    r"<\|[a-z_]{2,20}\|>|\[/?INST\]|<</?SYS>>|<\|?(?:im_start|im_end|endoftext)\|?>|<!--|-->"
    r"|^\s*(?:#{2,}\s*)?(?:system|assistant|user|instruction|prompt)\s*(?:prompt\s*)?[:\]>]"
    r"|^\s*\[(?:system|assistant|user|instructions?|admin|developer)\b[^\]]*\]"
    r"|</?(?:system|assistant|user|instructions?|prompt|admin|developer|context)\b[^>]*>",
    re.IGNORECASE)
# The stock phrases of prompt injection, kept as one signal among the others.
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+|of\s+)*(?:previous|prior|above|"
    r"earlier|preceding|system|original)\s+(?:instructions?|prompts?|rules|messages?|context|guidance)\b"
    r"|\b(?:you are now|act as|pretend to be|you are an?)\s+(?:an?\s+)?(?:ai|assistant|language model|chatbot|dan|"
    r"unrestricted|helpful)\b|\bsystem prompt\b|\bnew instructions?:|\bjailbreak\b",
    re.IGNORECASE)
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?"
MONTH = rf"(?:{MONTH_RE})"
MONTH_OR_DAY = rf"{MONTH_RE}|{WEEKDAY_RE}"
_USER = r"@?[\w.\-]{2,30}"
# A user name as comment sections print it: a handle with a digit, underscore or @ ("truthseeker88").
_HANDLE = r"@[\w.-]{1,30}|(?=[\w.-]{0,30}[_\d])[A-Za-z][\w.-]{1,30}"
_VOTES = r"^(?:[\W\d]{0,24}\s)?"  # vote arrows and counts before the name ("\u25b2 212 \u25bc 38 ")
COMMENT_HEADER = re.compile(
    # "At 12:19 26th Apr 2009, barriesingleton wrote:" (one word for a name: "At 10.30am, the
    # council leader said:" is reporting)
    rf"^(?:at\s+)?(?:{_TIME})\b[^:,]{{0,40}},\s*@?[\w.-]{{1,30}}\s+(?:wrote|said|replied|posted|commented|says|writes)\s*:"
    rf"|{_VOTES}(?:{_HANDLE})\b\s*[|\u00b7\u2022,-]?\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\b|{MONTH}\.?\s+\d|{_TIME}|\d+\s*\w+\s+ago)"
    rf"|{_VOTES}(?:{_HANDLE})\b\s*(?:wrote|replied|commented|writes|posted)(?:\s+(?:to|in\s+reply\s+to)\s+{_USER})?"
    rf"(?:\s+\d+\s*\w+\s+ago)?\s*:"
    rf"|{_VOTES}{_USER}(?:\s+{_USER})?\s+(?:wrote|replied|commented|posted)\s+(?:at|on)\s+"
    rf"(?:{_TIME}|\d|{MONTH}\b|yesterday|today)[^:]{{0,30}}:"
    rf"|[\u25b2\u25bc\u2191\u2193]\s*\d+\s*[\u25b2\u25bc\u2191\u2193]\s*\d+"  # vote counts: "\u25b2 12 \u25bc 3"
    rf"|^{_USER}(?:\s+{_USER})?,\s+(?:{_TIME})\s+[^:]{{0,20}}:"  # "Concerned Resident, 09:15 12 March:"
    rf"|^(?:reply|replies|response|comment)\s+(?:from|to|by)\s+{_USER}"
    rf"|^(?:in\s+reply\s+to|replying\s+to|posted\s+by|comment\s+by|submitted\s+by)\s+{_USER}"
    rf"|^[-\u2013\u2014]\s*posted\s+by\b"
    rf"|^{_USER}(?:\s+{_USER})?\s*[|\u00b7\u2022]\s*(?:\d{{1,2}}\s+{MONTH}\b|{MONTH}\.?\s+\d|{_TIME}|an?\s+hour|"
    rf"yesterday|today|just now|\d+\s*\w+\s+ago)"
    # a handle, or a name in lower case (a sentence starts with a capital: "Barely 15 days ago, ...")
    rf"|{_VOTES}(?:{_HANDLE}|(?-i:[a-z])[\w.-]{{2,30}})\s+"
    rf"(?:\d+\s*(?:s|m|h|d|w|mo|y|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago)\b",
    re.IGNORECASE)
_COMMENT_UI = re.compile(
    r"^(?:report(?:\s+this\s+comment|\s+abuse)?|reply|replies|recommend|flag|like|likes|upvote|downvote|permalink)\s*$"
    r"|^\d+\s+(?:likes?|replies|repl(?:y|ies)|upvotes?|recommendations?|comments?)\b"
    r"|\|\s*(?:reply|report\s+abuse)\b"  # "January 28, 2011 at 12:46 pm | Reply"
    r"|^(?:view|show|hide|load|see|read)\s+(?:all\s+|more\s+|\d+\s+)*(?:comments|replies)\b"
    r"|\bcomments?\s+(?:are|is|have\s+been)\s+(?:now\s+)?(?:closed|disabled|turned\s+off)"
    r"|\bthis\s+(?:comment|discussion|thread)\s+(?:was|has\s+been|is\s+now)\s+(?:removed|closed|deleted)"
    r"|\bthis\s+(?:comment|post|reply)\s+(?:was|has\s+been|is)\s+(?:removed|deleted|hidden|withheld)\b"
    r"|\bbroke\s+the\s+(?:house\s+rules|community\s+(?:guidelines|standards))\b"
    r"|\bwe\s+welcome\s+comments\b|\bviews\s+expressed\s+in\s+the\s+comments\b"
    r"|^(?:sort|order)\s+(?:comments\s+)?by\s+(?:newest|oldest|best|top)",
    re.IGNORECASE)
_CREDIT = re.compile(
    r"^(?:image|photo|picture|pic|photograph|video|graphic|illustration|map|chart|footage)s?\s*"
    r"(?:copyright|caption|credit|courtesy|source)?\s*(?:[:|\u2013\u2014©]|by\b|copyright\b|caption\b|credit\b)"
    r"|^(?:caption|courtesy|pictured|above|below|left|right|top|main\s+(?:image|picture|photo)|inset|file\s+(?:photo|picture)|"
    r"stock\s+(?:image|photo|picture)|credit|copyright|©)\s*[:\u2013\u2014]"
    r"|^source\s*:\s*(?:\S+\s*){1,5}$"  # "Source: Getty Images", not "Source: \u201cOfficial behind ... is high up."
    r"|\((?:photo|image|picture|pic|photograph|credit|video|footage)s?\b[^()]*\)\s*[.]?$"
    r"|\([^()]{0,40}\b(?:getty(?:\s+images)?|pa(?:\s+(?:media|wire|images))?|reuters|ap|afp|alamy|shutterstock|"
    r"google(?:\s+street\s+view|\s+maps)?|supplied|handout|file|stock(?:\s+image)?|bbc|epa|rex|istock)\b"
    r"[^()]{0,40}\)\s*[.]?$"
    # a picture described in the present tense: "A handout photo released by ... shows the damaged block"
    r"|^(?:an?|the|this|that)?\s*(?:[\w-]+\s+){0,3}(?:photo|photograph|image|picture|still|screenshot|screengrab)s?"
    r"\b[^.]{0,80}?\b(?:shows|depicts|captures)\b"
    r"|\bphotograph(?:y)?\s*:\s*\S|©|\bimage\s+copyright\b|\bimage\s+caption\b"
    # a thing on the page: "The map above shows where ...", "the video below"
    r"|^(?:the|this)\s+(?:map|chart|graphic|photo|picture|image|video|table|graph|gallery|slideshow|timeline|clip)s?"
    r"\s+(?:above|below|on\s+the\s+(?:left|right))\b",
    re.IGNORECASE)
NAME_WORD = r"[A-Z][\w'\u2019.-]+"
_BYLINE = re.compile(
    rf"^By\s+(?!(?:{MONTH_OR_DAY})\b|The\b|This\b|That\b|Then\b|Now\b){NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}"
    rf"(?:\s*(?:,|and|&|\||-|\u2013|\u2014)\s*.*)?$"
    r"|^(?i:additional\s+)?(?i:reporting|writing|editing|written|compiled|produced|edited|words|text|story)"
    r"(?:\s+and\s+\w+)?\s+(?i:by)\s+[A-Z]"
    r"|^\(?(?i:additional\s+)?(?i:reporting|writing|editing)\s+(?i:by)\b[^()]*\)?\s*$"
    r"|^(?i:contributing)\s*:"
    r"|^.{0,80}\b(?i:contributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article))\b")
_BYLINE_ROLE = re.compile(  # "Sarah Jones, Local Democracy Reporter": a name, then the writer's job
    rf"^{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}},?\s+(?i:the\s+)?(?:[\w-]+\s+){{0,3}}"
    r"(?i:reporter|correspondent|editor|journalist|writer|staff|contributor|columnist|reporting\s+service)\b.{0,40}$")
_TIMESTAMP_WORDS = {
    "published", "updated", "posted", "modified", "last", "first", "on", "at", "read", "min", "mins", "minute",
    "minutes", "hour", "hours", "hr", "hrs", "ago", "day", "days", "week", "weeks", "today", "yesterday", "time",
    "reading", "am", "pm", "bst", "gmt", "utc", "et", "est", "edt", "cet", "cest", "pt", "pst", "pdt", "th", "st",
    "nd", "rd", "of", "and", "created", "edited", "date", "just", "now", "seconds", "second", "secs", "a", "an",
}
MONTHS_DAYS = re.compile(rf"^(?:{MONTH_OR_DAY})\.?$", re.IGNORECASE)
_ADVERT = re.compile(
    r"\b(?:advertisements?|adverts?|ads?|sponsored|promoted|paid\s+(?:partnership|content|post|promotion)|"
    r"partner\s+content|affiliate\s+links?|commercial\s+content)\b"
    r"|\b(?:story|article|content|text)\s+continues\b|\bcontinue\s+reading\b",
    re.IGNORECASE)
_RELATED = re.compile(
    r"^(?:related(?:\s+(?:stories|articles|links|content|topics|coverage|news|reading|posts))?"
    r"|more\s+(?:on|about|from)\s+(?:this|the)\s+(?:story|topic|subject)|more\s+from\b.*|read\s+(?:more|next|also)"
    r"|see\s+also|also\s+(?:read|see|in\s+the\s+news)|you\s+(?:may|might|could)\s+also\s+(?:like|enjoy|be\s+interested)"
    r"|most\s+(?:read|popular|viewed|shared|commented)|top\s+(?:stories|picks)|recommended(?:\s+for\s+you)?|trending(?:\s+now)?"
    r"|popular(?:\s+now)?|editor'?s\s+picks|more\s+stories|don'?t\s+miss|also\s+on\s+\w+"
    r"|latest\s+(?:news|stories)|what\s+to\s+read\s+next|further\s+reading|in\s+other\s+news|around\s+the\s+web)"
    # a label: it ends there or introduces links ("Related costs rose" is a sentence)
    r"\s*(?:[:|\u2013\u2014>\u00bb-]|$)",
    re.IGNORECASE)
LIST_SEPARATORS = re.compile(r"\s[|\u2022\u00b7\u25cf]\s")
_CLOSES = ('.', '!', '?', '\u2026', '"', '\u201d', '\u2019', "'", ')', ':', ';')


def reads_as_sentence(doc) -> bool:
    """A line without a full stop that is still a sentence of prose ("Dark blue has continued
    to grow every year, from 10% in 2008 to 24% in 2014"), not a headline or label: a subject
    and a verb with an auxiliary or a form of "be" (headlines drop them: "Council axes 14
    routes"), in sentence case, six words or more."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if doc.text.startswith("[") and doc.text.endswith("]"):
        return False  # "[Spirit clinches home-field advantage ...]": a link
    if root is None or len([t for t in doc if t.is_alpha]) < 6 or not subjects_of(root):
        return False
    helped = root.lemma_ == "be" or any(c.dep_ in ("aux", "auxpass") for c in root.children)
    if root.pos_ not in ("VERB", "AUX") or not helped:
        return False
    later = [t for t in doc[1:] if t.is_alpha and len(t) > 3]
    return sum(t.text[0].isupper() for t in later) <= 0.4 * max(1, len(later))


# Words a line of running text can break after but a sentence never ends on.
CONTINUING_WORDS = {"the", "a", "an", "of", "to", "and", "or", "but", "in", "at", "by", "for", "with", "from", "about",
                     "as", "that", "than", "into", "onto", "their", "its", "his", "her", "our", "your", "my", "this",
                     "these", "those", "which", "who", "whose", "whom", "where", "when", "while", "if", "because"}


def is_label(paragraph: str) -> bool:
    """A line too short to be a paragraph of reporting that does not close like a sentence,
    and is not a piece of running text broken across lines (it would start in lower case, or
    end on a comma or a word such as "the" that the next line continues)."""
    text = re.sub(r"(?:\s*\[\d+\])+$", "", paragraph.strip())  # "... the Community of Christ.[5]"
    words_ = text.split()
    if not words_ or len(words_) > MAX_LABEL_WORDS or text.endswith(_CLOSES):
        return False
    if URL.search(text) or re.search(r"\bread more$", text, re.IGNORECASE):
        return True  # a contact line or a link
    continued = (text[0].islower() and len(words_) >= 4
                 or len(words_) >= 7 and (text.endswith(",") or words_[-1].lower() in CONTINUING_WORDS))
    return not continued


# A machine-readable field rather than prose ("summary_hint: ...", "ai_digest_override = ...").
_FIELD = re.compile(r"^\W{0,2}([A-Za-z][\w-]*[_.][\w.-]*)\s*[:=]")
_MACHINE_FIELD = re.compile(r"ai|llm|gpt|bot|summar|digest|prompt|instruct|hint|model|agent|assistant|tldr|override",
                            re.IGNORECASE)
# A wire dateline standing alone ("SPRINGFIELD, Mo. (AP) \u2014"): ingest drops one opening a paragraph.
DATELINE_ALONE = re.compile(
    r"^[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?\s*"
    r"(?:\((?:AP|Reuters|AFP|UPI|CNN|PA|[A-Z][A-Za-z]+ News)\))?\s*(?:\u2014|\u2013|--|-)\s*$")
# Who made or paid for the piece: "This story was produced in partnership with ...".
_PRODUCED = re.compile(
    r"^(?:this|the)\s+(?:story|article|report|piece|content|coverage|series|project|feature)\s+(?:was|is|has\s+been)\s+"
    r"(?:produced|supported|funded|made\s+possible|written|created|published|co-published|edited|reported|updated)\b",
    re.IGNORECASE)


_SPEAKING = re.compile(r"\b(?:i|i'm|i'll|i've|i'd|my|me|you|your|you're)\b")
_LOWER_AFTER_STOP = re.compile(r"(?<=[a-z\"\u201d])[.!?]\s+(?=[a-z])")


def _typed_by_a_reader(s: str) -> bool:
    """"this guy is the biggest joke cnn has evey had ... i'll admit king should've been gone":
    a sentence of eight words or more with no capital at all, speaking as "i" or to "you". No
    edited sentence is so written; a comment section is, and it runs on to the page's end."""
    # (the splitter does not break before a lower-case word: the comment may follow a sentence)
    m = _LOWER_AFTER_STOP.search(s)
    tail = s[m.end():] if m else s
    if m and (re.match(r"\w\.", tail) or (s[:m.start()].count('"') + s[:m.start()].count("\u201c")) % 2):
        return False  # "Will. i. am", or inside a quotation: 'The e-mail said, "... so exhausted. this story ...'
    return len(tail.split()) >= 8 and not any(c.isupper() for c in tail) and _SPEAKING.search(tail) is not None


def shape(sentence: str) -> str | None:
    """The kind of furniture `sentence` is by its form alone, or None."""
    s = normalise(sentence)
    # (a stock phrase inside quotation marks is reporting about it: "a line reading 'ignore previous instructions'")
    if CONTROL.search(s) or _INJECTION.search(outside_quotes(s)):
        return MACHINE
    field = _FIELD.match(s)
    if field:
        return MACHINE if _MACHINE_FIELD.search(field[1]) else LABEL
    if DATELINE_ALONE.match(s):
        return BYLINE
    if _PRODUCED.match(s):
        return BYLINE
    if COMMENT_HEADER.search(s) or _COMMENT_UI.search(s) or _typed_by_a_reader(s):
        return COMMENT
    n = len(s.split())
    if _CREDIT.search(s):
        return CAPTION
    if n <= 16 and (_BYLINE.match(s) or _BYLINE_ROLE.match(s)):
        return BYLINE
    if _is_contact(s):
        return BYLINE
    if _is_timestamp(s) and not s.endswith(":"):  # "Jan. 23, 2018:" heads an entry of a timeline
        return TIMESTAMP
    if n <= MAX_MARKER_WORDS and _ADVERT.search(s):
        return ADVERT
    if n <= MAX_LABEL_WORDS and (_RELATED.match(s) or len(LIST_SEPARATORS.findall(s)) >= 2):
        return RELATED
    return None


_CONTACT_WORDS = {"email", "e-mail", "mail", "twitter", "x", "phone", "tel", "telephone", "mobile", "contact", "follow",
                  "on", "at", "or", "and", "via", "facebook", "instagram"}


def _is_contact(sentence: str) -> bool:
    """A reporter's contact line: addresses, handles and numbers and the words that label them
    ("E-mail: kwilliams@example.com Twitter: @sfkale")."""
    if not (URL.search(sentence) or re.search(r"@\w|\d{3}[-. )]\d{3}", sentence)):
        return False
    rest = re.sub(r"\S*@\S*|\S+\.(?:com|org|net|co\.uk|uk)\S*|[\d()+ .-]{7,}", " ", sentence)
    return all(w.lower() in _CONTACT_WORDS for w in re.findall(r"[A-Za-z-]+", rest))


def _is_timestamp(sentence: str) -> bool:
    """Nothing but dates, times and the words that label them ("Updated 16:30, 21 NOV 2023")."""
    tokens = re.findall(r"[A-Za-z]+|\d+", sentence)
    if len(tokens) < 2 or len(tokens) > 16:  # "Tuesday." alone is a sentence split after "p.m."
        return False
    dated = False
    for tok in tokens:
        low = tok.lower()
        if tok.isdigit() or MONTHS_DAYS.match(tok):
            dated = True
        elif low in ("read", "ago", "published", "updated", "posted", "modified"):
            dated = True
        elif low not in _TIMESTAMP_WORDS and not re.fullmatch(r"[A-Z]{1,3}T", tok):  # HKT, AEST
            return False
    return dated
