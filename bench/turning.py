"""Does the briefing tell the story's turning points? `python bench/turning.py [--stories A,B]
[--work DIR] [--docx DIR] [--pdf] [--json FILE]`.

The issue: "the events the outlets return to most, across the whole span, are told". On the
dev Timeline17 stories (bench/t17folder.py: each story written as an officer's folder of `.md`
files, published inside the gold timeline's span, outside the repo):

1. Reporting of a gold date d: the number of the story's articles that are published on d or
   d + 1 (the day's news and the next morning's), or whose text names d as "25 January" /
   "January 25" / "Jan. 25" (with a year, only if it is d's; without one, the latest year that puts
   it no more than a week after the article's publication). Each article counts once a date.
   Weekdays and "yesterday" are not read: the count is a plain proxy, the same for every build.
2. The most-reported gold dates: the top N by that count (ties: the earlier date first), for
   N = the number of events the briefing's body tells (rows of its Timeline table) and for a
   fixed N = 10; never more than the gold dates.
3. The told events: the real command `python -m briefing.cli build FOLDER -o OUT.docx
   --no-cache --force` (default model), in its own process; its wall time is the "Wrote ... in
   N s" line on stderr. The body's Timeline table is the document's first table whose header
   row is Date | What happened | Sources; its Date cell is a label ("26 May 2010", "May 2010",
   "Date not stated (after Jan 2011)"). Only a day label can hit.
4. A most-reported gold date is hit when a told event is dated that exact day (exact), or one
   day either side (+-1). Share = hits / N. Yardstick ("busy"): the share that as many of the
   busiest publication days as the briefing tells distinct days would hit (PUBCOUNT's days; the
   reporting count favours them, since it counts articles published on the day). On a
   story with a gold date nearly every day (EgyptianProtest_cnn) +-1 is hit by almost any day.

Per story it prints the articles, told events, N, hits and shares, the build's start time,
wall time and (with --pdf) body pages, then the most-reported gold dates that were missed with
what the gold timeline says happened on them, and the Other coverage rows within a day of each
(found as events, not chosen for the body). `--docx DIR` scores `DIR/<story>.docx` already
built, without building. Builds run one after another (the code under briefing/ may change
between them: each row names the build's start time and the newest briefing/*.py's mtime).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from t17folder import ROOT, STORIES, detokenise, gold_timeline, write_story_folder

PDF_TIMEOUT = 1200  # seconds; twice the longest conversion seen on this 2-core machine
FIXED_N = 10  # the other cut: the ten most-reported gold dates, whatever the body's length
HEADER = ("Date", "What happened", "Sources")  # the Timeline table's header row (briefing/assemble.py)
APPENDICES = ("Other coverage", "People and organisations", "Sources", "Where sources differ")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
# the abbreviations the outlets write (AP style "Feb. 17", Reuters "Feb 17", "Sept. 3")
_ABBR = {m: {m, m[:3]} | ({"Sept"} if m == "September" else set()) for m in MONTHS}
_LABEL_DAY = re.compile(r"^(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})$")


@dataclass(frozen=True)
class Told:
    label: str  # the Date cell as printed
    day: dt.date | None  # None for a month, a year or "Date not stated"
    title: str


# ---------------------------------------------------------------------------------------
# how much the articles report each gold date


def _read_folder(folder: Path) -> list[tuple[dt.date, str]]:
    """(publication date, body) of each .md file the folder holds."""
    out = []
    for path in sorted(folder.glob("*.md")):
        m = re.match(r"---\n(.*?)\n---\n(.*)", path.read_text(encoding="utf-8"), re.DOTALL)
        out.append((dt.date.fromisoformat(re.search(r"^date:\s*(\S+)", m[1], re.MULTILINE)[1]), m[2]))
    return out


def _names_day(day: dt.date) -> re.Pattern:
    """'25 January', 'January 25', 'Jan. 25th', optionally followed by a year (checked apart)."""
    month = "|".join(sorted(_ABBR[MONTHS[day.month - 1]], key=len, reverse=True))
    d = rf"0?{day.day}(?:st|nd|rd|th)?"
    return re.compile(rf"\b(?:{d}\s+(?:{month})\b\.?|(?:{month})\b\.?\s+{d}\b)(?:,?\s+(\d{{4}}))?")


def _year_meant(written: str | None, day: dt.date, published: dt.date) -> int:
    """The year a mention of `day`'s month and day means: the one written, else the latest that
    is not more than a week after publication (news looks back: "on 25 June" in a story of
    November means the June before; a week ahead admits "the vote on January 28")."""
    if written:
        return int(written)
    for year in (published.year + 1, published.year, published.year - 1):
        try:
            if day.replace(year=year) <= published + dt.timedelta(days=7):
                return year
        except ValueError:  # 29 February in a year without one
            continue
    return published.year - 1


def reporting(gold_days: list[dt.date], articles: list[tuple[dt.date, str]]) -> dict[dt.date, int]:
    """Gold date -> articles published on it or the day after, or naming it (with no other year)."""
    counts = {}
    for day in gold_days:
        pattern = _names_day(day)
        counts[day] = sum(1 for published, text in articles
                          if 0 <= (published - day).days <= 1
                          or any(_year_meant(m[1], day, published) == day.year for m in pattern.finditer(text)))
    return counts


def most_reported(counts: dict[dt.date, int], n: int) -> list[dt.date]:
    """The n gold dates the articles report most; ties go to the earlier date."""
    return sorted(counts, key=lambda d: (-counts[d], d))[:n]


# ---------------------------------------------------------------------------------------
# the briefing


def event_tables(docx: Path) -> list[list[Told]]:
    """The rows of every table headed Date | What happened | Sources: the body's Timeline first,
    then Other coverage (the events found but not told)."""
    tables = []
    for table in Document(str(docx)).tables:
        rows = table.rows
        if rows and tuple(c.text.strip() for c in rows[0].cells) == HEADER:
            out = []
            for row in rows[1:]:
                label, title = row.cells[0].text.strip(), row.cells[1].text.strip()
                m = _LABEL_DAY.match(label)
                day = dt.date(int(m[3]), MONTHS.index(m[2]) + 1, int(m[1])) if m else None
                out.append(Told(label, day, title))
            tables.append(out)
    if not tables:
        raise SystemExit(f"{docx} has no table headed {' | '.join(HEADER)}: is it a briefing?")
    return tables


def build(folder: Path, out: Path) -> dict:
    """Run `briefing build` on `folder` in a new process: {"started", "code_mtime", "seconds", "wall"}."""
    newest = max(p.stat().st_mtime for p in (ROOT / "briefing").rglob("*.py"))
    cmd = [sys.executable, "-m", "briefing.cli", "build", str(folder), "-o", str(out), "--no-cache", "--force"]
    started = dt.datetime.now()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)  # a failure is reported below
    wall = time.perf_counter() - t0
    out.with_suffix(".stderr.txt").write_text(proc.stderr, encoding="utf-8")
    if proc.returncode != 0:
        tail = "\n    ".join(proc.stderr.strip().splitlines()[-8:])
        raise RuntimeError(f"build of {folder.name} failed (exit {proc.returncode}):\n    {tail}")
    m = re.search(r"Wrote .* in (\d+) s", proc.stderr)
    info = {"started": started.strftime("%H:%M"), "code_mtime": dt.datetime.fromtimestamp(newest).strftime("%H:%M"),
            "seconds": int(m[1]) if m else None, "wall": round(wall, 1)}
    out.with_suffix(".build.json").write_text(json.dumps(info), encoding="utf-8")
    return info


def built_info(docx: Path) -> dict:
    """What `build` noted of an earlier build of `docx`: its .build.json, else its stderr's
    "Wrote ... in N s" line with the start put that long before the stderr file was written."""
    noted = docx.with_suffix(".build.json")
    if noted.exists():
        return json.loads(noted.read_text(encoding="utf-8"))
    stderr = docx.with_suffix(".stderr.txt")
    m = re.search(r"Wrote .* in (\d+) s", stderr.read_text(encoding="utf-8")) if stderr.exists() else None
    if not m:
        return {}
    started = dt.datetime.fromtimestamp(stderr.stat().st_mtime) - dt.timedelta(seconds=int(m[1]))
    return {"started": started.strftime("%H:%M"), "seconds": int(m[1])}


def body_pages(docx: Path, pdf_dir: Path) -> tuple[int | None, int]:
    """(body pages, total pages) as LibreOffice prints the briefing; the PDF is kept in `pdf_dir`.

    The body ends on the page before the first page that opens with an appendix heading.
    """
    pdf_dir.mkdir(parents=True, exist_ok=True)
    pdf = pdf_dir / (docx.stem + ".pdf")
    # LibreOffice takes from 20 s to 3 minutes a briefing here: a PDF newer than the DOCX is reused
    if not pdf.exists() or pdf.stat().st_mtime < docx.stat().st_mtime:
        # a private profile: an soffice someone else started would take the job and write nothing
        profile = f"-env:UserInstallation=file://{pdf_dir / 'lo-profile'}"
        try:
            # 254 pages (EgyptianProtest_cnn, its people table) took 9 minutes and 5.8 GB here
            subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(pdf_dir),
                            str(docx)], capture_output=True, text=True, timeout=PDF_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            print(f"  LibreOffice took over {PDF_TIMEOUT} s on {docx.name}: no page count", file=sys.stderr)
            return None, 0
    if not pdf.exists():
        return None, 0
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pdf.with_suffix(".txt").write_text(text, encoding="utf-8")
    pages = [p for p in text.split("\f") if p.strip()]
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        # the table's header row ("... Sources") repeats on each page: only a first line is a heading
        if lines and lines[0] in APPENDICES:
            return number - 1, len(pages)
    return None, len(pages)


# ---------------------------------------------------------------------------------------
# scoring


def hits(wanted: list[dt.date], told: list[Told], slack: int) -> list[dt.date]:
    """The wanted gold dates a told event is dated within `slack` days of."""
    days = [t.day for t in told if t.day is not None]
    return [g for g in wanted if any(abs((d - g).days) <= slack for d in days)]


def busiest_days(articles: list[tuple[dt.date, str]], k: int) -> list[Told]:
    """The k days on which most articles were published (ties: the earlier), as told events."""
    per_day: dict[dt.date, int] = {}
    for published, _ in articles:
        per_day[published] = per_day.get(published, 0) + 1
    chosen = sorted(per_day, key=lambda d: (-per_day[d], d))[:k]
    return [Told(d.isoformat(), d, "") for d in chosen]


def score_story(story: str, docx: Path, articles: list[tuple[dt.date, str]]) -> dict:
    gold = gold_timeline(story)
    counts = reporting(list(gold), articles)
    tables = event_tables(docx)
    told, others = tables[0], [t for table in tables[1:] for t in table]
    row = {"story": story, "articles": len(articles), "told": len(told),
           "told_day": sum(t.day is not None for t in told), "gold": len(gold), "cuts": {}}
    # the yardstick: as many of the busiest publication days as the briefing tells distinct days
    busiest = busiest_days(articles, len({t.day for t in told if t.day is not None}))
    for name, n in (("body", len(told)), ("fixed", FIXED_N)):
        n = min(n, len(gold))
        top = most_reported(counts, n)
        exact, near = hits(top, told, 0), hits(top, told, 1)
        row["cuts"][name] = {"n": n, "exact": len(exact), "near": len(near),
                             "share_exact": len(exact) / n if n else 0.0, "share_near": len(near) / n if n else 0.0,
                             "busiest_exact": len(hits(top, busiest, 0)) / n if n else 0.0,
                             "busiest_near": len(hits(top, busiest, 1)) / n if n else 0.0,
                             "missed": [d.isoformat() for d in top if d not in near],
                             "missed_exact_only": [d.isoformat() for d in near if d not in exact]}
    top = most_reported(counts, max(c["n"] for c in row["cuts"].values()))
    # a missed date listed under Other coverage was found as an event but not chosen for the body
    row["missed"] = [{"date": d.isoformat(), "reported": counts[d], "gold": detokenise(" ".join(gold[d])),
                      "other": [f"{t.label}: {t.title}" for t in others if t.day and abs((t.day - d).days) <= 1]}
                     for d in top if d not in hits(top, told, 1)]
    row["told_events"] = [{"label": t.label, "title": t.title} for t in told]
    row["ranked"] = [(d.isoformat(), counts[d]) for d in most_reported(counts, len(gold))]
    return row


# ---------------------------------------------------------------------------------------
# the run


def run_story(story: str, work: Path, docx_dir: Path | None, pdf: bool) -> dict:
    folder = work / story
    write_story_folder(story, folder)
    articles = _read_folder(folder)
    info: dict = {}
    if docx_dir is not None:
        docx = docx_dir / f"{story}.docx"
        if not docx.exists():
            raise RuntimeError(f"{docx} is missing: build it first (drop --docx) or give the folder that holds it")
        info = built_info(docx)
    else:
        docx = work / f"{story}.docx"
        print(f"{story}: building from {len(articles)} articles at {dt.datetime.now():%H:%M} ...",
              file=sys.stderr, flush=True)
        info = build(folder, docx)
    row = score_story(story, docx, articles)
    row.update(info, docx=str(docx))
    if pdf:
        row["body_pages"], row["pages"] = body_pages(docx, docx.parent / "pdf" if docx_dir else work / "pdf")
    return row


def _f(value, fmt: str, width: int) -> str:
    return f"{value:{width}{fmt}}" if value is not None else f"{'-':>{width}}"


def print_table(rows: list[dict]) -> None:
    cut = f"{'N':>3}{'exact':>6}{'+-1':>4}{'share':>7}{'+-1':>6}{'busy':>6}{'+-1':>6}"
    head = (f"{'story':<20}{'arts':>5}{'told':>5}{'day':>4}{'gold':>5} | {cut} | {cut} | "
            f"{'start':>5}{'code':>6}{'s':>5}{'pp':>4}")
    print(f"{'':<39} | {'N = told events':<38} | {'N = ' + str(FIXED_N):<38} | build")
    print(head)
    print("-" * len(head))
    for r in rows:
        line = f"{r['story']:<20}{r['articles']:>5}{r['told']:>5}{r['told_day']:>4}{r['gold']:>5}"
        for name in ("body", "fixed"):
            c = r["cuts"][name]
            line += (f" | {c['n']:>3}{c['exact']:>6}{c['near']:>4}{c['share_exact']:>7.2f}{c['share_near']:>6.2f}"
                     f"{c['busiest_exact']:>6.2f}{c['busiest_near']:>6.2f}")
        line += (f" | {r.get('started', '-'):>5}{r.get('code_mtime', '-'):>6}{_f(r.get('seconds'), 'd', 5)}"
                 f"{_f(r.get('body_pages'), 'd', 4)}")
        print(line)
    mean = f"{'mean':<39}"
    for name in ("body", "fixed"):
        m = {k: statistics.mean(r["cuts"][name][k] for r in rows)
             for k in ("share_exact", "share_near", "busiest_exact", "busiest_near")}
        mean += (f" | {'':>13}{m['share_exact']:>7.2f}{m['share_near']:>6.2f}"
                 f"{m['busiest_exact']:>6.2f}{m['busiest_near']:>6.2f}")
    print(mean)
    print("\nday: told events dated to a day; busy: the share hit by as many of the busiest publication days "
          "as the briefing tells distinct days (the yardstick); start: the build's start; code: the newest "
          "briefing/*.py's mtime then; s: the build's own time; pp: body pages (--pdf).")


def print_missed(rows: list[dict]) -> None:
    for r in rows:
        n = r["cuts"]["body"]["n"]
        print(f"\n{r['story']}: most-reported gold dates not told within a day "
              f"(top {max(c['n'] for c in r['cuts'].values())}; * = inside the top {n}):")
        top_body = set(r["cuts"]["body"]["missed"])
        for m in r["missed"]:
            text = m["gold"] if len(m["gold"]) <= 160 else m["gold"][:157] + "..."
            print(f"  {'*' if m['date'] in top_body else ' '} {m['date']} ({m['reported']:>3} articles)  {text}")
            for other in m["other"][:3]:
                print(f"{'':<32}under Other coverage: {other[:110]}")
            if len(m["other"]) > 3:
                print(f"{'':<32}and {len(m['other']) - 3} more under Other coverage")
        if not r["missed"]:
            print("  none")
        print("  told: " + "; ".join(f"{t['label']}: {t['title']}" for t in r["told_events"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", default=",".join(STORIES), help="comma-separated story folders")
    parser.add_argument("--work", type=Path, help="write (and keep) the folders and briefings here, outside the repo")
    parser.add_argument("--docx", type=Path, help="score DIR/<story>.docx already built instead of building")
    parser.add_argument("--pdf", action="store_true",
                        help="also print the body's pages (LibreOffice; its PDF and text kept in pdf/ beside the DOCX)")
    parser.add_argument("--json", type=Path, help="also save the results to this file")
    args = parser.parse_args()
    stories = [s for s in args.stories.split(",") if s]
    unknown = [s for s in stories if s not in STORIES]
    if unknown:
        sys.exit(f"Unknown story: {', '.join(unknown)} (the dev stories: {', '.join(STORIES)})")
    with tempfile.TemporaryDirectory(prefix="turning-") as tmp:
        work = args.work.resolve() if args.work else Path(tmp)
        if work.is_relative_to(ROOT):
            sys.exit(f"{work} is inside the repository: give a --work dir outside it.")
        rows = []
        for story in stories:
            try:
                rows.append(run_story(story, work, args.docx.resolve() if args.docx else None, args.pdf))
            except RuntimeError as exc:  # one failed build should not lose the others' figures
                print(f"  {exc}", file=sys.stderr)
    if not rows:
        sys.exit("No story was scored.")
    print("Most-reported gold dates: articles published on the day or the next, or naming it; "
          "hit = a told event dated that day (exact) or a day either side (+-1).\n")
    print_table(rows)
    print_missed(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
