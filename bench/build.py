"""Wall time of `briefing build seeds`, cold and warm: `python bench/build.py [--runs 5] [--threads N]`.

* cold: a new process and an empty build cache, so every stage runs and the model writes every
  summary; the embedded model is already converted (the one-off conversion is timed apart,
  once, with --conversion: an empty model cache).
* warm: the same command again on the unchanged folder: the build cache answers, no model loads.

Each is the real command in its own process; the median of --runs runs is printed with the
spread. Targets (issue 9): warm <= 15 s, cold <= 60 s, on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _build(out: Path, cache: Path, threads: int | None, env: dict | None = None) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "briefing.cli", "build", str(ROOT / "seeds"), "-o", str(out),
           "--cache", str(cache), "--force"]
    if threads:
        cmd += ["--threads", str(threads)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stderr}")
    return elapsed, proc.stderr


def _summary(name: str, values: list[float]) -> str:
    return (f"{name:<6} median {statistics.median(values):6.1f} s   "
            f"(min {min(values):.1f}, max {max(values):.1f}; {', '.join(f'{v:.1f}' for v in values)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=None, help="pass --threads N to briefing")
    parser.add_argument("--conversion", action="store_true", help="also time one build with an empty model cache")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.conversion:
            env = dict(os.environ, BRIEFING_CACHE_DIR=str(tmp / "models"))
            seconds, _ = _build(tmp / "first.docx", tmp / "first.sqlite", args.threads, env)
            print(f"first build ever (converts the embedded model): {seconds:.1f} s", flush=True)
        _build(tmp / "warmup.docx", tmp / "warmup.sqlite", args.threads)  # converts the model if needed
        cold, warm, lines = [], [], ""
        for run in range(args.runs):
            cache = tmp / f"cache-{run}.sqlite"
            c, lines = _build(tmp / "b.docx", cache, args.threads)
            w, _ = _build(tmp / "b.docx", cache, args.threads)
            cold.append(c)
            warm.append(w)
            print(f"run {run + 1}: cold {c:.1f} s, warm {w:.1f} s", flush=True)
    print(f"\n`briefing build seeds`, {os.cpu_count()} cores, median of {args.runs}:")
    print(_summary("cold", cold))
    print(_summary("warm", warm))
    print("\nlast cold build said:\n  " + "\n  ".join(lines.strip().splitlines()))


if __name__ == "__main__":
    main()
