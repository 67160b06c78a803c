"""Event clustering on Multi-News: `python bench/clusters.py`.

Every article of the 250 validation clusters is written, shuffled, into one folder; the real
command `briefing clusters DIR --json` groups them; the grouping is scored against the gold
clusters with ARI and B-cubed F1. Files briefing refuses (crawl notices, empty pages) count
as singletons, so refusing a real article costs recall. Prints time and peak memory.
Targets (issue 5): B-cubed F1 >= 0.92, ARI >= 0.85.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from multinews import bcubed, load_clusters, write_shuffled
from sklearn.metrics import adjusted_rand_score


def main() -> None:
    clusters = load_clusters()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        gold = write_shuffled(clusters, folder)
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
    print(f"time {elapsed:.1f} s ({1000 * elapsed / len(names):.0f} ms an article, whole command)   peak memory {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
