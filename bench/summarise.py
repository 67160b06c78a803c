"""Grounded summaries on Multi-News: `python bench/summarise.py [--limit N] [--model M]`.

For each validation cluster, its articles are written to files and summarised by the same
code as `briefing summarise FILES --max-words 220` (called in-process so the model loads
once). Printed, next to a lead baseline computed in the same run (the first sentences of each
article in turn, to the same length): ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (rouge-score, with
stemming); the number of unsupported sentences (a capitalised word or a number that no source
contains, sentence-initial common words aside); the share of sentences that are not verbatim
copies of a source sentence; seconds per cluster; and how many of the articles' sentences
were left out as not reporting (captions, bylines, text addressed to the reader or to an AI:
briefing/reporting/), by kind. `--refused` prints each of those to read (none may be an
ordinary reporting sentence); `--screen-only` does only that, without the model.
Also printed: for each operation that makes a sentence (the sub-editor's dates, speakers,
context, condensing and tense; the model's rewrites and shortenings) how many sentences of
the summaries it produced, and how many of its candidates the checks refused.
Targets (issues 6 and 19): ROUGE-2 >= lead + 2.5 and ROUGE-1 >= lead + 2 points; 0 unsupported;
>= 50 % not verbatim; <= 20 s a cluster with the embedded model.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections import Counter
import tempfile
import time
from pathlib import Path

from multinews import load_clusters
from rouge_score import rouge_scorer

from briefing.text import article_sentences
from briefing.ingest import DATELINE, SkipFile, read_article
from briefing.parse import Parser
from briefing.pipeline import summarise_files
from briefing.reporting import describe, screen_articles
from briefing.subedit import OPERATIONS
from briefing.summarise import MODEL_FUSION, MODEL_REWRITE, MODEL_SHORTENED
from briefing.text import STOPWORDS, normalise, split_sentences, wording

MAX_WORDS = 220


def lead_baseline(documents: list[str], max_words: int = MAX_WORDS) -> list[str]:
    """First sentences of each article in turn (1st of each, then 2nd of each...), to length."""
    sentences = [split_sentences(" ".join(d.split())) for d in documents]
    out, used, depth = [], 0, 0
    while used < max_words and any(depth < len(s) for s in sentences):
        for s in sentences:
            if depth < len(s) and used < max_words:
                out.append(s[depth])
                used += len(s[depth].split())
        depth += 1
    return out


def unsupported(sentence: str, source: str) -> bool:
    """A capitalised word or a number in `sentence` that `source` never has (the first word
    may be one the source has in lower case: "However, the report" becomes "The report")."""
    tokens = re.findall(r"[\w'’%.-]+", normalise(sentence))
    lower = source.lower()
    for i, tok in enumerate(tokens):
        tok = re.sub(r"('s|’s)$", "", tok.strip(".'’-"))
        if not tok or (i == 0 and (tok.lower() in STOPWORDS or re.search(rf"\b{re.escape(tok.lower())}\b", lower))):
            continue
        if (tok[0].isupper() or any(c.isdigit() for c in tok)) and tok not in source:
            return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    parser.add_argument("--model", default=None, help="a transformers model instead of the embedded one")
    parser.add_argument("--show", type=int, default=2, help="print this many summaries to read")
    parser.add_argument("--refused", action="store_true", help="print every sentence left out as not reporting")
    parser.add_argument("--screen-only", action="store_true", help="only count what is left out as not reporting")
    args = parser.parse_args()

    clusters = load_clusters()[: args.limit]
    left_out, n_read = [], 0
    parse = Parser()
    for k, cluster in enumerate(clusters):
        with tempfile.TemporaryDirectory() as tmp:
            articles = []
            for i, doc in enumerate(cluster["documents"]):
                path = Path(tmp) / f"{i}.txt"
                path.write_text(doc, encoding="utf-8")
                try:
                    articles.append(read_article(path))
                except SkipFile:
                    pass
        n_read += sum(len(article_sentences(a)) for a in articles)
        for x in screen_articles(articles, parse).left_out:
            left_out.append(x)
            if args.refused:
                print(f"cluster {k}: {x.kind}: {x.sentence}", flush=True)
    print(f"{len(clusters)} clusters: {len(left_out)} of {n_read} sentences left out as not reporting "
          f"({describe(left_out)})", flush=True)
    if args.screen_only:
        return

    from briefing.generators import get_generator

    generator = get_generator("transformers", model=args.model) if args.model else get_generator("embedded")
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    ours: dict[str, list[float]] = {"rouge1": [], "rouge2": [], "rougeLsum": []}
    lead: dict[str, list[float]] = {"rouge1": [], "rouge2": [], "rougeLsum": []}
    seconds, n_sentences, n_unsupported, n_abstractive = [], 0, 0, 0
    words_ours, words_lead = [], []
    stats: Counter = Counter()
    shown = 0
    for k, cluster in enumerate(clusters):
        reference = cluster["summary"].lstrip("– ").strip()
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for i, doc in enumerate(cluster["documents"]):
                path = Path(tmp) / f"{i}.txt"
                path.write_text(doc, encoding="utf-8")
                paths.append(path)
            start = time.perf_counter()
            try:
                summary = summarise_files(paths, generator, max_words=MAX_WORDS, progress=lambda m: None, stats=stats)
                sentences = [s.text for s in summary.sentences]
                flags = [s.rewritten for s in summary.sentences]
            except Exception as exc:  # a cluster of only non-articles: an empty summary scores 0
                print(f"cluster {k}: {exc}", file=sys.stderr)
                sentences, flags = [], []
            seconds.append(time.perf_counter() - start)
        source = normalise(" ".join(cluster["documents"]))
        # A lead sentence without its wire dateline ("DENVER (AP) — ", dropped by ingest) is still a copy.
        # A sentence differing from a source sentence only in its quote marks is a copy too.
        source_sentences = {wording(form) for d in cluster["documents"] for s in split_sentences(" ".join(d.split()))
                            for form in (s, DATELINE.sub("", s))}
        n_sentences += len(sentences)
        for s in sentences:
            if unsupported(s, source):
                n_unsupported += 1
                print(f"cluster {k}: unsupported: {s}", file=sys.stderr, flush=True)
        n_abstractive += sum(wording(s) not in source_sentences for s in sentences)
        for name, value in scorer.score(reference, "\n".join(sentences)).items():
            ours[name].append(100 * value.fmeasure)
        baseline = lead_baseline(cluster["documents"])
        words_ours.append(sum(len(s.split()) for s in sentences))
        words_lead.append(sum(len(s.split()) for s in baseline))
        for name, value in scorer.score(reference, "\n".join(baseline)).items():
            lead[name].append(100 * value.fmeasure)
        if shown < args.show and sentences:
            shown += 1
            print(f"--- cluster {k} ({sum(flags)} of {len(flags)} sentences rewritten)\n{' '.join(sentences)}\n", flush=True)
        if (k + 1) % 10 == 0:
            print(f"{k + 1} clusters, {statistics.mean(seconds):.1f} s each so far", file=sys.stderr, flush=True)
    print(f"{len(clusters)} clusters, summaries of at most about {MAX_WORDS} words")
    for name in ours:
        mean, base = statistics.mean(ours[name]), statistics.mean(lead[name])
        print(f"  {name:10s} briefing {mean:5.2f}   lead {base:5.2f}   difference {mean - base:+5.2f}")
    print(f"  words a summary: briefing {statistics.mean(words_ours):.0f}, lead {statistics.mean(words_lead):.0f}")
    print(f"  unsupported sentences {n_unsupported} of {n_sentences}; not verbatim {100 * n_abstractive / max(1, n_sentences):.1f} %")
    print(f"  seconds a cluster: median {statistics.median(seconds):.1f}, mean {statistics.mean(seconds):.1f}")
    print("  operation: sentences produced, candidates refused by the checks")
    for op in (*OPERATIONS, MODEL_FUSION, MODEL_REWRITE, MODEL_SHORTENED, "unusable"):
        print(f"    {op:18s} {stats[f'produced:{op}']:5d} {stats[f'refused:{op}']:5d}")


if __name__ == "__main__":
    main()
