"""Wall time and memory of `briefing build`, on the seeds or on a Timeline17 story.

    python bench/build.py [--runs 5] [--threads N]
    python bench/build.py --story LibyaWar_reuters --articles 250 [--runs 5]

Seeds (the default):

* cold: a new process and an empty build cache, so every stage runs and the model writes every
  summary; the embedded model is already converted (the one-off conversion is timed apart,
  once, with --conversion: an empty model cache).
* warm: the same command again on the unchanged folder: the build cache answers, no model loads.
* one new article: a sixth article added to the folder, built again with the same cache; printed
  as a ratio to the cold build of the same run.

A story (--story NAME --articles N): a folder of the story's first N articles inside the
journalists' timeline span (`bench/t17folder.py`, written to a temp dir, never into the repo):

* cold: as above, with its peak memory (resident set of the build process).
* body pages: the DOCX converted to PDF by LibreOffice; the body ends on the page before the
  first appendix heading (the appendices start a new page). Total pages too.
* unchanged: the same command again on the unchanged folder.
* one new article: the story's next article copied into the folder, built with the same cache.

Each build is the real command in its own process; the median of --runs runs is printed with
the spread. Targets on 2 cores: seeds (issues 7, 9): warm <= 15 s, cold <= 60 s, one new
article <= 40 % of the cold build. A 250-article story: body <= 7 pages at the default
--pages 6, cold <= 3 minutes, one new article <= 20 s, peak memory <= 2 GB.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from t17folder import STORIES, write_story_folder

ROOT = Path(__file__).resolve().parent.parent
# The article tests/test_incremental.py adds to the seeds (copied: benchmarks do not import tests).
NEW_ARTICLE = (
    "Devon County Council has appointed a new permanent director of children's services, the council said on Friday.\n\n"
    "The appointment follows two years of interim leadership after Ofsted rated the service inadequate.\n\n"
    "The new director will start in the summer and will report to the council's cabinet.")
APPENDICES = ("Other coverage", "People and organisations", "Sources")  # as in briefing/assemble.py
GNU_TIME = Path("/usr/bin/time")


@dataclass(frozen=True)
class Build:
    seconds: float
    peak_mb: float | None  # resident set of the build process at its largest
    stderr: str


def _build(folder: Path, out: Path, cache: Path, threads: int | None, env: dict | None = None) -> Build:
    """Run `briefing build` once in a new process; exit with its stderr if it fails."""
    cmd = [sys.executable, "-m", "briefing.cli", "build", str(folder), "-o", str(out),
           "--cache", str(cache), "--force"]
    if threads:
        cmd += ["--threads", str(threads)]
    if GNU_TIME.exists():
        report = out.with_name(out.name + ".time")
        start = time.perf_counter()
        # -o: time's report goes to its own file, so the build's stderr stays as the build wrote it
        proc = subprocess.run([str(GNU_TIME), "-v", "-o", str(report)] + cmd, capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - start
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read_text() if report.exists() else "")
        peak = int(match.group(1)) / 1024 if match else None
    else:
        elapsed, peak, proc = _build_polled(cmd, env)
    if proc.returncode != 0:
        sys.exit(f"build failed ({' '.join(cmd)}):\n{proc.stderr}")
    return Build(elapsed, peak, proc.stderr)


def _build_polled(cmd: list[str], env: dict | None) -> tuple[float, float | None, subprocess.CompletedProcess]:
    """Without GNU time: peak memory by polling the process tree with psutil (misses spikes < 0.1 s)."""
    import psutil

    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, text=True, env=env)
        watched, peak = psutil.Process(proc.pid), 0
        while proc.poll() is None:
            try:
                tree = [watched] + watched.children(recursive=True)
                peak = max(peak, sum(p.memory_info().rss for p in tree))
            except psutil.Error:  # the process ended between poll() and memory_info()
                pass
            time.sleep(0.1)
        elapsed = time.perf_counter() - start
        err.seek(0)
        done = subprocess.CompletedProcess(cmd, proc.returncode, "", err.read())
    return elapsed, (peak / 2**20 if peak else None), done


def _pages(docx: Path, workdir: Path) -> tuple[int | None, int, str | None]:
    """(body pages, total pages, the appendix heading found) of `docx` as LibreOffice prints it."""
    pdf_dir = workdir / "pdf"
    pdf_dir.mkdir(exist_ok=True)
    # A private profile: soffice started by someone else on this machine would otherwise take the
    # job (or refuse it) and no PDF would appear.
    profile = f"-env:UserInstallation=file://{workdir / 'lo-profile'}"
    proc = subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(pdf_dir),
                           str(docx)], capture_output=True, text=True, timeout=600)
    pdf = pdf_dir / (docx.stem + ".pdf")
    if not pdf.exists():
        sys.exit(f"LibreOffice wrote no PDF for {docx}:\n{proc.stdout}{proc.stderr}")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")  # pdftotext ends every page with a form feed: the same text as -f i -l i
    if pages and not pages[-1].strip():
        pages.pop()
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        # Only the page's first line: the timeline table's header row ("Date", "What happened",
        # "Sources") repeats on every body page it runs over, so "Sources" alone on a line is no proof.
        if lines and lines[0] in APPENDICES:
            return number - 1, len(pages), lines[0]
    return None, len(pages), None


def _summary(name: str, values: list[float], unit: str = "s") -> str:
    return (f"{name:<16} median {statistics.median(values):7.1f} {unit}   "
            f"(min {min(values):.1f}, max {max(values):.1f}; {', '.join(f'{v:.1f}' for v in values)})")


def _said(name: str, build: Build) -> str:
    return f"\n{name} said:\n  " + "\n  ".join(build.stderr.strip().splitlines())


def _warm_up(tmp: Path, threads: int | None) -> None:
    """Convert the embedded model if it is not yet cached: one seeds article is enough."""
    folder = tmp / "warmup-in"
    folder.mkdir()
    shutil.copy(sorted((ROOT / "seeds").iterdir())[0], folder)
    _build(folder, tmp / "warmup.docx", tmp / "warmup.sqlite", threads)


def bench_seeds(tmp: Path, runs: int, threads: int | None, conversion: bool) -> None:
    if conversion:
        env = dict(os.environ, BRIEFING_CACHE_DIR=str(tmp / "models"))
        first = _build(ROOT / "seeds", tmp / "first.docx", tmp / "first.sqlite", threads, env)
        print(f"first build ever (converts the embedded model): {first.seconds:.1f} s", flush=True)
    _warm_up(tmp, threads)
    cold, warm, added, ratio, peak = [], [], [], [], []
    for run in range(runs):
        folder, cache, out = tmp / f"seeds-{run}", tmp / f"cache-{run}.sqlite", tmp / "b.docx"
        shutil.copytree(ROOT / "seeds", folder)  # a copy: the new article must not land in the repo
        c = _build(folder, out, cache, threads)
        w = _build(folder, out, cache, threads)
        (folder / "005_new_director.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        a = _build(folder, out, cache, threads)
        cold.append(c.seconds)
        warm.append(w.seconds)
        added.append(a.seconds)
        ratio.append(100 * a.seconds / c.seconds)
        if c.peak_mb is not None:
            peak.append(c.peak_mb)
        last_cold, last_added = c, a
        print(f"run {run + 1}: cold {c.seconds:.1f} s, warm {w.seconds:.1f} s{_model(w)}, "
              f"one new article {a.seconds:.1f} s ({ratio[-1]:.0f} % of cold)", flush=True)
    print(f"\n`briefing build seeds`, {os.cpu_count()} cores, median of {runs}:")
    print(_summary("cold", cold))
    print(_summary("warm", warm))
    print(_summary("one new article", added))
    print(_summary("  % of cold", ratio, "%") + "   target <= 40 %")
    if peak:
        print(_summary("cold peak memory", peak, "MB"))
    print(_said("last cold build", last_cold))
    print(_said("last one-new-article build", last_added))


def _next_article(story: str, articles: int, paths: list[Path], scratch: Path) -> Path:
    """The story's next article with text: the folder written one longer, minus the first N."""
    taken = {p.name for p in paths}
    for more in range(1, 50):
        longer = write_story_folder(story, scratch, restrict_to_gold_span=True, limit=articles + more)
        new = [p for p in longer if p.name not in taken]
        if len(longer) < articles + more or not new:
            break
        taken.add(new[0].name)
        body = new[0].read_text(encoding="utf-8").split("---", 2)[-1]
        # Some Timeline17 articles are empty (LibyaWar_reuters 319 and 175 follow the first 250):
        # adding one tells nothing about a rebuild's cost. 100 words is a short news story.
        if len(body.split()) >= 100:
            return new[0]
    sys.exit(f"{story} has no article with text beyond the first {articles} in its timeline span: ask for fewer --articles.")


def _read(build: Build) -> int | None:
    """How many articles the build says it read."""
    match = re.search(r"Read (\d+) articles", build.stderr)
    return int(match.group(1)) if match else None


def _model(build: Build) -> str:
    # an unchanged rebuild should be all cache hits: say so when it was not
    return " (model loaded)" if "Loading model" in build.stderr else ""


def bench_story(tmp: Path, story: str, articles: int, runs: int, threads: int | None) -> None:
    source = tmp / "story"
    paths = write_story_folder(story, source, restrict_to_gold_span=True, limit=articles)
    if len(paths) < articles:
        sys.exit(f"{story} has only {len(paths)} articles in its timeline span: ask for --articles {len(paths) - 1} or fewer.")
    extra = _next_article(story, articles, paths, tmp / "story-longer")
    _warm_up(tmp, threads)
    cold, peak, body, total, unchanged, added = [], [], [], [], [], []
    for run in range(runs):
        folder, cache, out = tmp / f"in-{run}", tmp / f"cache-{run}.sqlite", tmp / f"out-{run}" / "b.docx"
        shutil.copytree(source, folder)
        out.parent.mkdir()
        c = _build(folder, out, cache, threads)
        body_pages, total_pages, heading = _pages(out, tmp)
        u = _build(folder, out, cache, threads)
        shutil.copy(extra, folder)
        a = _build(folder, out, cache, threads)
        cold.append(c.seconds)
        if c.peak_mb is not None:
            peak.append(c.peak_mb)
        if body_pages is not None:
            body.append(body_pages)
        total.append(total_pages)
        unchanged.append(u.seconds)
        added.append(a.seconds)
        last_cold, last_unchanged, last_added = c, u, a
        found = f'body {body_pages} pages (before "{heading}")' if heading else "no appendix heading found"
        memory = f", peak {c.peak_mb:.0f} MB" if c.peak_mb is not None else ""
        skipped = "" if (_read(a) or 0) > (_read(u) or 0) else f" (NOT read: {extra.name} was skipped)"
        print(f"run {run + 1}: cold {c.seconds:.1f} s{memory}; {found}, {total_pages} pages in all; "
              f"unchanged {u.seconds:.1f} s{_model(u)}; one new article {a.seconds:.1f} s{_model(a)}{skipped}",
              flush=True)
    print(f"\n`briefing build` on {articles} articles of {story} (+ {extra.name}), "
          f"{os.cpu_count()} cores, median of {runs}:")
    print(_summary("cold", cold) + "   target <= 180 s")
    if peak:
        print(_summary("cold peak memory", peak, "MB") + "   target <= 2048 MB")
    if body:
        print(_summary("body pages", body, "pp") + "   target <= 7 pp (default --pages 6)")
    print(_summary("total pages", total, "pp"))
    print(_summary("unchanged", unchanged))
    print(_summary("one new article", added) + "   target <= 20 s")
    print(_said("last cold build", last_cold))
    print(_said("last unchanged build", last_unchanged))
    print(_said("last one-new-article build", last_added))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=None, help="pass --threads N to briefing")
    parser.add_argument("--conversion", action="store_true",
                        help="seeds only: also time one build with an empty model cache")
    parser.add_argument("--story", choices=STORIES, default=None,
                        help="a Timeline17 story to build instead of the seeds")
    parser.add_argument("--articles", type=int, default=250, help="with --story: how many of its articles")
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this new folder (outside the repo) and leave the folders, DOCX and PDF there")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.conversion and args.story:
        parser.error("--conversion times the seeds: leave out --story")

    if args.keep:
        args.keep.mkdir(parents=True)  # new: a folder from an earlier run would mix two runs' files
        work, cleanup = args.keep.resolve(), None
    else:
        cleanup = tempfile.TemporaryDirectory()
        work = Path(cleanup.name)
    try:
        if args.story:
            bench_story(work, args.story, args.articles, args.runs, args.threads)
        else:
            bench_seeds(work, args.runs, args.threads, args.conversion)
    finally:
        if cleanup:
            cleanup.cleanup()


if __name__ == "__main__":
    main()
