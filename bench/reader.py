"""False alarms of the reader's check on journalists' sentences: `python bench/reader.py
[--stories A,B,C] [--limit N] [--first K] [--show N] [--unscreened] [--gold-stories A,B]`.

The first K sentences (3) of each article of a few Timeline17 stories (bench/t17folder.py:
each story written as an officer's folder outside the repo, at most --limit articles a
story) are read by `briefing.reader.read_as_a_reader`, each with the sentences before it in
the article and the article's title as what the reader has met. They are professional,
edited sentences: every flag of cut, run-together, fragment, case, word form or title is a
false alarm unless the scrape itself broke the sentence. The dangling-reference and
month kinds may fire rightly (a lead's "the move" points at a headline the scrape lost; a
lead's "in January" is dated by its publication, which a briefing does not print).

By default the articles go through the build's own screening first (`briefing.reporting`:
headlines, bylines, captions and comments that the scrape ran into the text are split off),
as in a build; --unscreened reads the scraped text as it is, to show what the screening
spares the check.

A second set is cleaner: the sentences of the journalists' own timelines (the gold
`*.timeline.json` of the --gold-stories, all seven by default), each date's sentences one
paragraph under its date, as a briefing prints an event. No scrape touched them, so every
flag of a form kind there is a false alarm.

Prints, per set and kind, the sentences flagged and their share, the time the check took,
and with --show N up to N flagged sentences a kind for reading.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from t17folder import ROOT, STORIES, detokenise, gold_timeline, write_story_folder

sys.path.insert(0, str(ROOT))

from briefing.ingest import ingest_folder
from briefing.parse import shared
from briefing.reader import KINDS, Shown, paragraph_sentences, read_as_a_reader
from briefing.reporting import screen_articles

DEFAULT_STORIES = ("H1N1_bbc", "MJ_bbc", "LibyaWar_cnn")
# The kinds a journalist's edited sentence should never show: the target is under 3 % each.
FORM_KINDS = ("cut", "run-together", "fragment", "case", "word form", "title")


def story_articles(story: str, work: Path, limit: int, first: int, screened: bool) -> list[list[Shown]]:
    """The first `first` sentences of each of the story's first `limit` articles, as shown:
    one list an article. A quotation that runs over several sentences is one (as in a
    briefing, whose sentences are the units it footnotes)."""
    folder = work / story
    write_story_folder(story, folder, limit=limit)
    articles = ingest_folder(folder)
    if screened:
        articles = list(screen_articles(articles, shared()).articles)
    out = []
    for article in articles:
        sentences = [s for p in article.paragraphs for s in paragraph_sentences([p])][:first]
        name = f"{story}/{Path(article.path).name}"
        shown = [Shown(name, sentence, heading=article.title or "", before=tuple(sentences[:i]))
                 for i, sentence in enumerate(sentences)]
        if article.title:
            shown.append(Shown(f"{name} (title)", article.title, title=True))
        out.append(shown)
    return out


def gold_paragraphs(story: str) -> list[list[Shown]]:
    """The journalists' timeline of `story`: one paragraph a date, headed by the date."""
    out = []
    for day, sentences in gold_timeline(story).items():
        label = f"{day.day} {day.strftime('%B %Y')}"
        text = " ".join(detokenise(x) for x in sentences)
        found = [x for x in paragraph_sentences([text]) if any(c.isalpha() for c in x)]
        out.append([Shown(f"{story} gold {day}", x, heading=label, before=tuple(found[:i]))
                    for i, x in enumerate(found)])
    return out


def report(name: str, groups: list[list[Shown]], show: int) -> None:
    """Check each group as one briefing; print the flag rate of each kind."""
    shown = [s for group in groups for s in group]
    sentences = [s for s in shown if not s.title]
    titles = [s for s in shown if s.title]
    start = time.perf_counter()
    # one group at a time, as one briefing: "told twice" compares a group's own sentences
    problems = [p for group in groups for p in read_as_a_reader(group)]
    seconds = time.perf_counter() - start
    flagged: dict[str, set[int]] = defaultdict(set)
    examples: dict[str, list[str]] = defaultdict(list)
    index = {id(s): i for i, s in enumerate(shown)}
    for p in problems:
        i = index[id(p.shown)]
        if i not in flagged[p.kind]:
            flagged[p.kind].add(i)
            examples[p.kind].append(f"{p.shown.text[:160]!r}\n        {p.detail}")
    print(f"\n{name}: {len(sentences)} sentences and {len(titles)} titles, checked in {seconds:.1f} s")
    print(f"{'kind':<22}{'flagged':>8}{'share':>8}   target")
    for kind in KINDS:
        base = len(titles) if kind == "title" else len(sentences)
        n = len(flagged[kind])
        target = "< 3 %" if kind in FORM_KINDS else "(may fire rightly)"
        print(f"{kind:<22}{n:>8}{n / base if base else 0.0:>8.1%}   {target}{'' if base else ' (no titles)'}")
    any_form = {i for k in FORM_KINDS if k != "title" for i in flagged[k]}
    print(f"{'any form kind':<22}{len(any_form):>8}{len(any_form) / max(1, len(sentences)):>8.1%}")
    counts = Counter(p.kind for p in problems)
    print("problems found:", ", ".join(f"{k} {counts[k]}" for k in KINDS if counts[k]) or "none")
    for kind in KINDS if show else ():
        if examples[kind]:
            print(f"\n== {name}: {kind} ==")
            for line in examples[kind][:show]:
                print("  ", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", default=",".join(DEFAULT_STORIES))
    parser.add_argument("--limit", type=int, default=100, help="articles a story, at most")
    parser.add_argument("--first", type=int, default=3, help="sentences an article")
    parser.add_argument("--show", type=int, default=0, help="print up to N flagged sentences a kind")
    parser.add_argument("--unscreened", action="store_true", help="read the scraped text without screening")
    parser.add_argument("--gold-stories", default=",".join(STORIES), help="timelines for the clean set ('' for none)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        by_article: list[list[Shown]] = []
        for story in args.stories.split(","):
            by_article += story_articles(story, Path(tmp), args.limit, args.first, not args.unscreened)
    shared()(["warm up"])  # loading spaCy is not the check's time
    report(f"First {args.first} sentences of each article ({args.stories}; "
           f"{'unscreened' if args.unscreened else 'screened as in a build'})", by_article, args.show)
    gold = [p for story in filter(None, args.gold_stories.split(",")) for p in gold_paragraphs(story)]
    if gold:
        report(f"Journalists' timelines ({args.gold_stories})", gold, args.show)


if __name__ == "__main__":
    main()
