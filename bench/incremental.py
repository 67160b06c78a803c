"""Rebuild times as ratios to a first build, in one run: `python bench/incremental.py [--runs N]`.

A first build of the seeds with an empty build cache (the converted model is already cached,
so model conversion is not counted), then: an unchanged rebuild, a rebuild after adding one
article, and a rebuild after removing one. Each through the real `briefing build` command.
Prints the median seconds of each and its ratio to the first build's median.
Targets (issue 7): unchanged <= 10 %, one article added <= 40 %.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEW_ARTICLE = (
    "Devon County Council has appointed a new permanent director of children's services, the council said on Friday.\n\n"
    "The appointment follows two years of interim leadership after Ofsted rated the service inadequate.\n\n"
    "The new director will start in the summer and will report to the council's cabinet.\n")


def _build(folder: Path, out: Path, cache: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "briefing.cli", "build", str(folder), "-o", str(out),
                           "--cache", str(cache), "--force"], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    times: dict[str, list[float]] = {"first build": [], "unchanged": [], "one added": [], "one removed": []}
    # Make sure the embedded model is converted before timing anything.
    with tempfile.TemporaryDirectory() as warm:
        _build(ROOT / "seeds", Path(warm) / "b.docx", Path(warm) / "c.sqlite")
    for run in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            folder, out, cache = tmp / "in", tmp / "out" / "b.docx", tmp / "cache.sqlite"
            shutil.copytree(ROOT / "seeds", folder)
            times["first build"].append(_build(folder, out, cache))
            times["unchanged"].append(_build(folder, out, cache))
            (folder / "005_new_director.txt").write_text(NEW_ARTICLE, encoding="utf-8")
            times["one added"].append(_build(folder, out, cache))
            next(folder.glob("003_*")).unlink()
            times["one removed"].append(_build(folder, out, cache))
        print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items()), flush=True)
    base = statistics.median(times["first build"])
    print(f"\nmedian of {runs} runs (seeds, embedded model, 2 cores):")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"  {name:12s} {med:6.1f} s   {100 * med / base:5.1f} % of the first build")


if __name__ == "__main__":
    main()
