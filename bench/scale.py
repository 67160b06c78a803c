"""Dedup + clustering cost as the corpus grows: `python bench/scale.py [SIZES...]`.

Corpora of 1,000, 5,000 and 20,000 articles are made from the Multi-News validation
articles and perturbed copies of them (sentences shuffled and dropped, words swapped, so
that copies are neither duplicates nor identical). Each size runs in its own process, which
reports the seconds for `merge_duplicates` + `cluster_events` (embeddings included, no cache)
and its peak memory. Targets (issue 5): 20,000 in <= 10 minutes on 2 cores, < 4 GiB, close
to linear growth.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time

from multinews import load_clusters


def corpus(size: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    docs = [d for c in load_clusters() for d in c["documents"] if len(d.split()) >= 50]
    vocab = [w for d in docs[:200] for w in d.split()]
    out = list(docs[:size])
    while len(out) < size:
        sentences = rng.choice(docs).replace("\n", " ").split(". ")
        rng.shuffle(sentences)
        kept = sentences[: max(2, int(len(sentences) * 0.7))]
        words = ". ".join(kept).split()
        for i in range(0, len(words), 5):
            words[i] = rng.choice(vocab)
        out.append(" ".join(words))
    return out


def run_one(size: int) -> dict:
    from briefing.cluster import cluster_events
    from briefing.dedup import merge_duplicates
    from briefing.embed import default_embedder
    from briefing.ingest import parse_plain
    from briefing.models import Article
    from briefing.text import content_hash

    articles = []
    for n, text in enumerate(corpus(size)):
        paragraphs = tuple(p for p in parse_plain(text)["paragraphs"] if p.strip()) or (text,)
        articles.append(Article(content_hash(f"{n}{text}"), f"{n:05d}.txt", None, None, None, None, None, paragraphs))
    embedder = default_embedder()
    embedder.encode(["warm up"])
    start = time.perf_counter()
    corpus_ = merge_duplicates(articles)
    dedup_s = time.perf_counter() - start
    events = cluster_events(corpus_, embedder)
    total = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"size": size, "dedup_s": dedup_s, "total_s": total, "events": len(events), "peak_mb": peak}


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
        return
    sizes = [int(x) for x in sys.argv[1:]] or [1000, 5000, 20000]
    results = []
    for size in sizes:
        proc = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(proc.stderr)
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append(r)
        print(f"{r['size']:>6} articles: dedup {r['dedup_s']:6.1f} s, dedup + clustering {r['total_s']:7.1f} s "
              f"({1000 * r['total_s'] / r['size']:.1f} ms an article), {r['events']} events, peak {r['peak_mb']:.0f} MB",
              flush=True)
    base = results[0]
    for r in results[1:]:
        growth = (r["total_s"] / base["total_s"]) / (r["size"] / base["size"])
        print(f"{base['size']} -> {r['size']}: {r['size'] / base['size']:.0f}x the articles, "
              f"{r['total_s'] / base['total_s']:.1f}x the time ({growth:.2f} of linear)")


if __name__ == "__main__":
    main()
