"""Shared by the benchmarks: the Multi-News validation clusters from ../shared/data (read
there, never copied into the repo) and the clustering scores."""

from __future__ import annotations

import ast
import csv
import random
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "multinews" / "validation.csv"


def load_clusters(path: Path = DATA) -> list[dict]:
    """[{"documents": [str], "summary": str}] for each cluster of the CSV."""
    if not path.exists():
        raise SystemExit(f"{path} is missing: the benchmarks read ../shared/data beside the repo.")
    csv.field_size_limit(10**9)
    with path.open(encoding="utf-8") as fh:
        return [{"documents": ast.literal_eval(row["documents"]), "summary": row["summary"]}
                for row in csv.DictReader(fh)]


def write_shuffled(clusters: list[dict], folder: Path, seed: int = 0) -> dict[str, int]:
    """Every article of every cluster as its own .txt file, in shuffled order; file name -> gold cluster."""
    items = [(c, doc) for c, cluster in enumerate(clusters) for doc in cluster["documents"]]
    random.Random(seed).shuffle(items)
    folder.mkdir(parents=True, exist_ok=True)
    gold = {}
    for n, (c, doc) in enumerate(items):
        name = f"{n:05d}.txt"
        (folder / name).write_text(doc, encoding="utf-8")
        gold[name] = c
    return gold


def bcubed(gold: list, pred: list) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Amigo et al. 2009)."""
    g_members, p_members = defaultdict(set), defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, pred)):
        g_members[g].add(i)
        p_members[p].add(i)
    precision = sum(len(g_members[g] & p_members[p]) / len(p_members[p]) for g, p in zip(gold, pred)) / len(gold)
    recall = sum(len(g_members[g] & p_members[p]) / len(g_members[g]) for g, p in zip(gold, pred)) / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)
