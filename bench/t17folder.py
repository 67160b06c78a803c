"""Shared by the benchmarks: Timeline17 stories from ../shared/data/timeline17 (read there,
never copied into the repo), written as the folder an officer would hand the tool.

Each article becomes `<uid>.md` with front matter (`date`, `outlet`) and its detokenised text
as the body. Only `uid`, `dct` and `text` are read: `dates` is a tagger's annotation that the
tool must not see, so it never leaves articles.json.

    >>> paths = write_story_folder("H1N1_bbc", Path("/tmp/h1n1"))   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "timeline17"
STORIES = ("EgyptianProtest_cnn", "H1N1_bbc", "H1N1_reuters", "IraqWar_guardian",
           "LibyaWar_cnn", "LibyaWar_reuters", "MJ_bbc")

# Penn Treebank escapes for brackets, and the tokeniser's escaped slash and asterisk.
_REPLACE = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
            "``": '"', "''": '"', "`": "'"}
_CLITICS = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"}
# Tokens written against the word before them; `''` and a lone `'` close a quotation.
_NO_SPACE_BEFORE = {".", ",", ":", ";", "?", "!", "%", "-RRB-", "-RSB-", "-RCB-", ")", "]", "}", "''", "'"}
# Tokens written against the word after them; ``` `` ``` and a lone ``` ` ``` open a quotation.
_NO_SPACE_AFTER = {"-LRB-", "-LSB-", "-LCB-", "(", "[", "{", "``", "`"}


def detokenise(text: str) -> str:
    """The scraped, tokenised text as ordinary prose: `do n't -LRB- say `` no '' -RRB- .`
    becomes `don't (say "no").`"""
    out: list[str] = []
    glue = True  # nothing before the first token
    for token in text.split():
        token = token.replace("\\/", "/").replace("\\*", "*")
        lower = token.lower()
        # "U.S. ." : the tokeniser repeats the full stop of an abbreviation ending a sentence
        if token == "." and out and out[-1].endswith("."):
            continue
        attach = glue or token in _NO_SPACE_BEFORE or lower in _CLITICS or bool(re.fullmatch(r"[.?!]+", token))
        out.append(("" if attach else " ") + _REPLACE.get(token, token))
        glue = token in _NO_SPACE_AFTER
    return "".join(out).strip()


def gold_timeline(story: str) -> dict[dt.date, list[str]]:
    """The journalists' timeline: date -> its sentences (tokenised, as stored), in date order.

    Entries sharing a date (three stories have some) are merged, so l counts distinct days.
    """
    path = next((DATA / story).glob("*.timeline.json"), None)
    if path is None:
        raise SystemExit(f"{DATA / story} has no *.timeline.json: the benchmarks read ../shared/data beside the repo.")
    merged: dict[dt.date, list[str]] = {}
    for entry in json.loads(path.read_text(encoding="utf-8")):
        sentences = [s.strip() + " ." for s in f" {entry['text']} ".split(" . ") if s.strip()]
        merged.setdefault(dt.date.fromisoformat(entry["date"]), []).extend(sentences)
    return dict(sorted(merged.items()))


def write_story_folder(story: str, dest: Path, restrict_to_gold_span: bool = True, *,
                       limit: int | None = None) -> list[Path]:
    """Write the story's articles into `dest` as `<uid>.md`; return the paths, sorted by name.

    Args:
        restrict_to_gold_span: keep only articles published from the first to the last gold
            date (inclusive), the published setting (Ghalandari & Ifrim 2020 extend it by 0 days).
        limit: write at most this many articles (in articles.json order).

    Raises:
        SystemExit: the data is missing, `dest` is inside the repository, or it holds other files.
    """
    source = DATA / story / "articles.json"
    if not source.exists():
        raise SystemExit(f"{source} is missing: the benchmarks read ../shared/data beside the repo.")
    dest = Path(dest).resolve()
    if dest.is_relative_to(ROOT):
        raise SystemExit(f"{dest} is inside the repository: Timeline17 text must stay out of it (use a temp dir).")
    outlet = story.rsplit("_", 1)[1]
    gold_days = list(gold_timeline(story)) if restrict_to_gold_span else []
    chosen = [a for a in json.loads(source.read_text(encoding="utf-8"))
              if not gold_days or gold_days[0] <= dt.date.fromisoformat(a["dct"]) <= gold_days[-1]]
    chosen = chosen[:limit] if limit is not None else chosen
    dest.mkdir(parents=True, exist_ok=True)
    # a folder from an earlier run is reused only if it holds nothing else: stray articles would change the task
    names = {f"{a['uid']}.md" for a in chosen}
    stray = sorted(p.name for p in dest.iterdir() if p.name not in names)
    if stray:
        raise SystemExit(f"{dest} holds files other than this task's ({stray[0]}, ...): give an empty or new folder.")
    paths = []
    for article in chosen:
        path = dest / f"{article['uid']}.md"
        path.write_text(f"---\ndate: {article['dct']}\noutlet: {outlet}\n---\n\n"
                        f"{detokenise(article['text'])}\n", encoding="utf-8")
        paths.append(path)
    return sorted(paths)
