"""The officer's edit round trip: edits made, carried, flagged and lost.

Builds a briefing from a folder less its last `--new` articles, makes `--edits` edits through
python-docx the way an officer would (a word changed in an event's paragraph, a sentence
deleted, an event's paragraph deleted, a paragraph added, a comment added, in turn over the
events), adds the held-back articles, rebuilds, and reads the new briefing back: an edit is
carried when it is there as the officer left it, flagged when it is there with briefing's
comment beside the new text, lost otherwise. The model is a stand-in that returns each
sentence as offered (the round trip is about the document, not the wording; the real model
only changes which paragraphs differ).

    python bench/carry.py seeds --new 1 --edits 5
    python bench/carry.py H1N1_bbc --new 20 --edits 10     # a Timeline17 story, by name
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.t17folder import STORIES, write_story_folder  # noqa: E402
from briefing.docx.blocks import read_blocks  # noqa: E402
from briefing.pipeline import build_briefing  # noqa: E402


class Verbatim:
    """A generator that gives back the sentence it is asked to rewrite."""

    name = "verbatim"

    def generate(self, prompt: str, *, max_new_tokens: int) -> str:
        return self.generate_batch([prompt], max_new_tokens=max_new_tokens)[0]

    def generate_batch(self, prompts, *, max_new_tokens, sources=None, only_source_words=False):
        return [(m[1].strip() if (m := re.search(r"Sentence:\s*(.*?)\n\n", p, re.DOTALL)) else p) for p in prompts]


def _edit(path: Path, count: int) -> list[tuple[str, str]]:
    """Make `count` edits to the event paragraphs of `path`; return (kind, what to look for)."""
    doc = docx.Document(str(path))
    paras = doc.paragraphs
    events = [p for prev, p in zip(paras, paras[1:]) if prev.style.name.startswith("Heading")
              and p.style.name == "Normal" and len(p.runs) >= 4]
    made: list[tuple[str, str]] = []
    kinds = ("word", "comment", "added", "sentence", "deleted")
    for n, para in enumerate(events[:count]):
        kind = kinds[n % len(kinds)]
        text_runs = [r for r in para.runs if len(r.text.split()) > 3]
        if kind == "word" and text_runs:
            run = text_runs[0]
            word = max(run.text.split(), key=len)
            run.text = run.text.replace(word, word.upper(), 1)
            made.append((kind, " ".join(para.text.split())))
        elif kind == "comment":
            note = f"Officer's comment {n}: check before the meeting."
            doc.add_comment(para.runs[0], text=note, author="Officer")
            made.append((kind, note))
        elif kind == "added":
            added = f"Officer's paragraph {n}: the council's own figures are due next week."
            para.insert_paragraph_before(added)
            made.append((kind, added))
        elif kind == "sentence" and len(text_runs) >= 2:
            text_runs[-1].text = ""
            made.append((kind, " ".join(para.text.split())))
        else:
            made.append(("deleted", " ".join(para.text.split())))
            para._p.getparent().remove(para._p)
    doc.save(str(path))
    return made


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("story", help="a folder of articles, or a Timeline17 story name")
    ap.add_argument("--new", type=int, default=20, help="articles held back, then added")
    ap.add_argument("--edits", type=int, default=10)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="carry-"))
    folder = work / "articles"
    if args.story in STORIES:
        write_story_folder(args.story, folder)
    else:
        shutil.copytree(args.story, folder)
    files = sorted(folder.iterdir())
    held = work / "held"
    held.mkdir()
    for f in files[len(files) - args.new:]:
        shutil.move(f, held / f.name)
    out = work / "out" / "briefing.docx"
    quiet = lambda message: None  # noqa: E731
    start = time.monotonic()
    build_briefing(folder, out, Verbatim(), progress=quiet)
    first = time.monotonic() - start
    made = _edit(out, args.edits)
    for f in held.iterdir():
        shutil.move(f, folder / f.name)
    said: list[str] = []
    start = time.monotonic()
    new = build_briefing(folder, out, Verbatim(), progress=said.append)
    second = time.monotonic() - start
    doc = docx.Document(str(new))
    texts = [b.text for _, b in read_blocks(doc)]
    comments = [c.text for c in doc.comments]
    ours = [c for c in comments if c.startswith(("Your edit", "Added by you", "You deleted"))]
    carried = flagged = lost = 0
    for kind, look in made:
        if kind == "deleted":
            if look not in texts:
                carried += 1
            elif ours:
                flagged += 1
            else:
                lost += 1
        elif kind == "comment":
            carried += look in comments
            lost += look not in comments
        elif look in texts:
            carried += 1
        else:
            lost += 1
    report = next((m for m in said if m.startswith("Carried your")), "(no carry line)")
    print(f"{args.story}: {len(files) - args.new} + {args.new} articles; builds {first:.0f} s, {second:.0f} s")
    print(f"edits made {len(made)} ({', '.join(k for k, _ in made)}); found as left {carried}, "
          f"briefing's comments {len(ours)}, lost {lost}")
    print(f"briefing said: {report}")


if __name__ == "__main__":
    main()
