"""Event clustering on Multi-News: `python bench/clusters.py`.

Every article of the 250 validation clusters is written, shuffled, into one folder; the real
command `briefing clusters DIR --json` groups them; the grouping is scored against the gold
clusters with ARI and B-cubed F1. Files briefing refuses (crawl notices, empty pages) count
as singletons, so refusing a real article costs recall. Prints time and peak memory.
Targets (issue 5): B-cubed F1 >= 0.92, ARI >= 0.85.

`--errors N` also lists the N mistakes that cost the most ARI (a predicted event mixing gold
clusters, or a gold cluster spread over several events), each with what undoing it alone
would gain and the opening words of its articles.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from multinews import bcubed, load_clusters, write_shuffled
from sklearn.metrics import adjusted_rand_score


def costliest_errors(gold: list, pred: list, placed: set[int], count: int) -> list[tuple[float, str, list[int]]]:
    """(ARI gained by undoing it alone, what it is, the articles) for the `count` costliest
    mistakes: a predicted cluster mixing gold clusters is split along them; a gold cluster
    whose `placed` articles (the files not refused) went to several events is gathered."""
    base = adjusted_rand_score(gold, [str(x) for x in pred])
    members: dict[tuple[str, object], list[int]] = {}
    for i, (g, p) in enumerate(zip(gold, pred)):
        if i not in placed:
            continue
        members.setdefault(("predicted", p), []).append(i)
        members.setdefault(("gold", g), []).append(i)
    found = []
    for (kind, label), idx in members.items():
        other = gold if kind == "predicted" else pred
        if len(idx) < 2 or len({other[i] for i in idx}) < 2:
            continue
        fixed = [str(x) for x in pred]
        for i in idx:
            fixed[i] = f"split {label} {gold[i]}" if kind == "predicted" else f"gathered {label}"
        what = (f"predicted event mixing {len({gold[i] for i in idx})} gold clusters" if kind == "predicted"
                else f"gold cluster spread over {len({pred[i] for i in idx})} events")
        found.append((adjusted_rand_score(gold, fixed) - base, what, idx))
    return sorted(found, key=lambda f: -f[0])[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list the N costliest mistakes")
    args = parser.parse_args()
    clusters = load_clusters()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        gold = write_shuffled(clusters, folder)
        opening = {p.name: " ".join(p.read_text(encoding="utf-8").split()[:16]) for p in folder.iterdir()}
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "briefing.cli", "clusters", str(folder), "--json", "--no-cache"],
                              capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit(proc.stderr)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        result = json.loads(proc.stdout)
    label = {}
    for n, cluster in enumerate(result["clusters"]):
        for path in cluster["articles"]:
            label[Path(path).name] = n
    skipped = [name for name in gold if name not in label]
    for n, name in enumerate(skipped):
        label[name] = f"skipped-{n}"
    names = sorted(gold)
    g, p = [gold[n] for n in names], [label[n] for n in names]
    precision, recall, f1 = bcubed(g, p)
    kept = [i for i, n in enumerate(names) if not str(label[n]).startswith("skipped")]
    _, _, f1_kept = bcubed([g[i] for i in kept], [p[i] for i in kept])
    print(f"articles {len(names)} in {len(clusters)} gold clusters; {len(result['clusters'])} predicted events; "
          f"{len(skipped)} files refused as non-articles; {len(result['duplicates'])} duplicate groups")
    print(f"ARI {adjusted_rand_score(g, p):.3f}   B-cubed P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"
          f"   (F1 on the articles kept: {f1_kept:.3f}, ARI {adjusted_rand_score([g[i] for i in kept], [p[i] for i in kept]):.3f})")
    kept_set = set(kept)
    ceiling = [g[i] if i in kept_set else p[i] for i in range(len(g))]
    print(f"ceiling with the refused files as singletons and every other article placed right: "
          f"ARI {adjusted_rand_score(g, ceiling):.3f}, B-cubed F1 {bcubed(g, ceiling)[2]:.3f}")
    print(f"time {elapsed:.1f} s ({1000 * elapsed / len(names):.0f} ms an article, whole command)   peak memory {peak_mb:.0f} MB")
    for gain, what, idx in costliest_errors(g, p, kept_set, args.errors):
        print(f"\n+{gain:.3f} ARI if undone: {what}")
        for i in sorted(idx, key=lambda i: (str(p[i]), g[i])):
            print(f"  gold {g[i]:>3}  event {p[i]!s:>10}  {names[i]}  {opening[names[i]]}")


if __name__ == "__main__":
    main()
