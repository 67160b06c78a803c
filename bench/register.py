"""The seeds briefing as a reader meets it: `python bench/register.py [--folder seeds] [--runs N] [--show]`.

Builds the folder without a cache through the console script (the model, parser and
embedder all load, as an officer's first build does), reads the DOCX back from its XML and
prints, next to the targets of issue 19:

* key-point and event sentences, and the share that are a source's sentence word for word
  (typography folded; a key point's "May 2021: " prefix aside): target at most 40 %;
* sentences with a relative time word, a first-person word or an opening that needs the
  sentence before, outside quotation marks: target 0 (each is printed);
* capitalised words and numbers no source has: target 0;
* words in the body (title to the last event, tables included, footnote marks excluded):
  target at most 900; words in the footnotes: at most 600;
* event sections (five for the seeds) and the sources no footnote cites (none);
* the build's seconds (median of --runs): target at most 20 s on 2 cores.

The checks here are this script's own regular expressions, not the sub-editor's.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

RELATIVE = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|now|currently|recently|ago|this (?:week|month|year|"
                      r"morning|spring|summer|autumn|winter|January|February|March|April|May|June|July|August|"
                      r"September|October|November|December)|(?:last|next|coming|past) (?:week|weekend|month|year|"
                      r"night)|(?:on |last |next |this )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
                      re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(?:I|we|We|us|our|Our|ours|my|My|me|myself|ourselves)\b")
OPENER = re.compile(r"^(?:It|This|That|These|Those|He|She|They|His|Her|Its|Their|But|However|And|Also|Meanwhile|Yet|"
                    r"So|Then|Such)\b")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


def words_of(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text).lower()))


def outside_quotes(text: str) -> str:
    """The sentence with its quotations blanked (double quotes, and single quotes that open
    after a space and close before one)."""
    text = fold(text)
    text = re.sub(r'"[^"]*"?', " ", text)
    return re.sub(r"(?:(?<=\s)|^)'[^']*?'(?=[\s,.;:!?]|$)", " ", text)


def read_back(path: Path) -> dict:
    """Sections, footnoted sentences (section, text, footnote id), body text and footnotes."""
    with zipfile.ZipFile(path) as z:
        body = ET.fromstring(z.read("word/document.xml"))
        notes_xml = ET.fromstring(z.read("word/footnotes.xml"))
    notes = {}
    for fn in notes_xml.iter(W + "footnote"):
        if fn.get(W + "type") in (None, "normal"):
            notes[int(fn.get(W + "id"))] = "".join(t.text or "" for t in fn.iter(W + "t")).strip()
    section, heading_texts, sentences, body_text = "", [], [], []
    in_body = True
    for p in body.iter(W + "p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        style = style.get(W + "val") if style is not None else ""
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        if style.startswith("Heading1") or style == "Heading1":
            section = text
            if text in ("People and organisations", "Other coverage", "Sources", "How this briefing was made"):
                in_body = False
        if style.startswith("Heading"):
            heading_texts.append((style, text))
        if in_body:
            body_text.append(text)
        run = ""
        for el in p.iter():
            if el.tag == W + "t":
                run += el.text or ""
            elif el.tag == W + "footnoteReference":
                sentences.append((section, run.strip(), int(el.get(W + "id"))))
                run = ""
    return {"notes": notes, "sentences": sentences, "body": " ".join(body_text), "headings": heading_texts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "seeds")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="print every key-point and event sentence")
    args = parser.parse_args()
    briefing = shutil.which("briefing") or f"{sys.executable} -m briefing.cli"

    seconds = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "briefing.docx"
        for _ in range(args.runs):
            start = time.perf_counter()
            proc = subprocess.run([*briefing.split(), "build", str(args.folder), "-o", str(out), "--no-cache", "--force"],
                                  capture_output=True, text=True)
            seconds.append(time.perf_counter() - start)
            if proc.returncode:
                sys.exit(proc.stderr)
        doc = read_back(out)

    sources = [p for p in sorted(args.folder.iterdir()) if p.is_file()]
    source_text = fold(" ".join(p.read_text(encoding="utf-8", errors="replace") for p in sources))
    source_sentences = {words_of(s) for s in re.split(r"(?<=[.!?\"'])\s+|\n+", source_text) if s.strip()}
    told = [(sec, text) for sec, text, _ in doc["sentences"] if sec in ("Key points", "Events")]
    verbatim, problems, invented = [], [], []
    for sec, text in told:
        plain = re.sub(r"^(?:\d{1,2} )?(?:[A-Z][a-z]+ )?\d{4}: |^Date not stated: ", "", text)
        if words_of(plain) in source_sentences:
            verbatim.append(text)
        outside = outside_quotes(plain)
        for name, pattern in (("relative time", RELATIVE), ("first person", FIRST_PERSON)):
            if m := pattern.search(outside):
                problems.append(f"{name} {m[0]!r}: {text}")
        if OPENER.match(plain) and not re.match(r"^It (?:is|was) \w+ (?:that|to)\b", plain):
            problems.append(f"opening: {text}")
    for sec, text, _ in doc["sentences"]:
        tokens = re.findall(r"[\w'£%.-]+", fold(text))
        for i, tok in enumerate(tokens):
            tok = re.sub(r"'s$", "", tok.strip(".'-"))
            if tok and i and not tokens[i - 1].endswith(":") and (tok[0].isupper() or any(c.isdigit() for c in tok)) \
                    and tok not in source_text:
                invented.append(f"{tok!r} in: {text}")
    body_words = len(doc["body"].split())
    note_words = sum(len(n.split()) for n in doc["notes"].values())
    events = sum(1 for style, text in doc["headings"] if style in ("Heading2", "Heading3") and " \u2014 " in text)
    cited = {int(n) for note in doc["notes"].values() for n in re.findall(r"\d+", note.split(":")[0])}

    if args.show:
        for sec, text in told:
            print(f"  [{sec}] {'(verbatim) ' if text in verbatim else ''}{text}")
    for p in problems:
        print("  problem:", p)
    for i in invented:
        print("  not in the sources:", i)
    share = 100 * len(verbatim) / max(1, len(told))
    print(f"{args.folder.name}: {len(told)} key-point and event sentences, {len(verbatim)} verbatim ({share:.0f} %; target <= 40 %)")
    print(f"  relative time, first person or dangling opening outside quotes: {len(problems)} (target 0)")
    print(f"  names and numbers no source has: {len(invented)} (target 0)")
    print(f"  body {body_words} words (target <= 900); footnotes {note_words} words (target <= 600)")
    print(f"  events {events}; sources not cited: {sorted(set(range(1, len(sources) + 1)) - cited) or 'none'}")
    print(f"  build without cache: median {statistics.median(seconds):.1f} s of {len(seconds)} (target <= 20 s)")


if __name__ == "__main__":
    main()
