"""Timeline quality on Timeline17: `python bench/timeline.py [--stories A,B] [--systems briefing,pubcount,random]
[--work DIR] [--json FILE]`.

Each of the seven stories is written as an officer's folder (bench/t17folder.py: one `<uid>.md`
an article, published inside the gold timeline's span, outside the repo). The task is the
published one (Ghalandari & Ifrim 2020): l = the number of gold dates, k = the mean number of
gold sentences a date, rounded. Systems:

* briefing: the real command `briefing timeline FOLDER --json --dates l --sentences k --no-cache`
  in its own process, with its wall time and peak memory (GNU time's maximum RSS, or psutil
  polling of the process tree where /usr/bin/time is missing). If it fails, its stderr tail is
  printed and the other systems still run.
* PUBCOUNT: the l days on which most articles were published, each told by the first sentences
  (up to k: first sentence of each article in file order, then second sentences, ...).
* RANDOM: l random publication days, k random sentences from that day's articles; the mean of
  20 seeds.

Baselines read the same .md files the command reads. Every system is scored by the same code:
Date-F1 on exact days (month-precision entries match no day), and alignment-based ROUGE-1/2 F1,
"align, date-content costs, many-to-one" (tilse's `evaluate_align_date_content_costs_many_to_one`,
re-implemented below with rouge-score's tokeniser and Porter stemmer). Figures are therefore
close to, not equal to, the published Perl-ROUGE ones (PUBCOUNT over all nine stories: AR1 0.105,
AR2 0.027, Date-F1 0.481).

Targets: mean Date-F1 >= 0.65 and >= PUBCOUNT's + 0.10; mean AR1-F >= 1.4 x PUBCOUNT's. They are
checked on held-out stories of the same kind: tune to ideas, never to a story.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import psutil
from nltk.stem import porter
from rouge_score import tokenize
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from t17folder import ROOT, STORIES, detokenise, gold_timeline, write_story_folder

SYSTEMS = ("briefing", "pubcount", "random")
# Seeds RANDOM is averaged over: its Date-F1 varies by up to 0.06 (standard deviation) between
# seeds on a story (40 seeds measured), so 20 seeds put each story's mean within about 0.015.
RANDOM_SEEDS = 20
# Targets for briefing (issue brief): mean Date-F1, its lead over PUBCOUNT, and AR1-F over PUBCOUNT's.
DATE_F1_TARGET, DATE_F1_LEAD, AR1_RATIO = 0.65, 0.10, 1.4
METRICS = ("date_f1", "ar1", "ar2", "seconds", "peak_mb")
GNU_TIME = Path("/usr/bin/time")


@dataclass(frozen=True)
class Prediction:
    days: dict[dt.date, str]  # day -> that day's text
    unplaced: tuple[str, ...] = ()  # month-precision entries: no day to match or align with


# ---------------------------------------------------------------------------------------
# scoring


# tilse scores with ROUGE-1.5.5 -m (Porter stemming) -s (SMART stopwords dropped before n-grams
# are made); the SMART list is not installed, scikit-learn's English list stands in for it.
_STEMMER = porter.PorterStemmer()


@dataclass(frozen=True)
class _Day:
    words: Counter  # every stemmed token: the content half of the alignment cost
    grams: tuple[Counter, Counter]  # unigrams and bigrams without stopwords: the scores


def _day(text: str) -> _Day:
    tokens = tokenize.tokenize(text, None)
    stem = [_STEMMER.stem(t) if len(t) > 3 else t for t in tokens]  # rouge-score stems words > 3 letters
    content = [s for t, s in zip(tokens, stem) if t not in ENGLISH_STOP_WORDS]
    return _Day(Counter(stem), (Counter(content), Counter(pairwise(content))))


def _overlap_f1(pred: Counter, ref: Counter) -> float:
    """tilse's approximate ROUGE-1 F1 (util.compute_rouge_approximation), one reference."""
    match = sum((pred & ref).values())
    if not match:
        return 0.0
    p, r = match / sum(pred.values()), match / sum(ref.values())
    return 2 * p * r / (p + r)


def _hits(pred: _Day, gold: _Day, days_apart: int, n: int) -> float:
    """Shared (n+1)-grams, clipped, weighted down by the days between the two dates."""
    return sum((pred.grams[n] & gold.grams[n]).values()) / (1 + days_apart)


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def align_rouge(pred: Prediction, gold: dict[dt.date, str]) -> tuple[float, float]:
    """(ROUGE-1 F1, ROUGE-2 F1), tilse's 'align+ m:1'.

    Each predicted day goes to the gold day of least cost, (1 - 1/(1 + days apart)) x
    (1 - ROUGE-1 overlap); ties go to the earliest, as numpy's argmin does over sorted dates.
    Its n-gram hits count 1/(1 + days apart) towards precision. Recall is the same from each
    gold day to the predicted days. Hits and n-gram totals are summed over days before dividing.
    """
    p_days = {d: _day(t) for d, t in sorted(pred.days.items())}
    g_days = {d: _day(t) for d, t in sorted(gold.items())}

    def cost(pd: dt.date, gd: dt.date) -> float:
        return (1 - 1 / (1 + abs((pd - gd).days))) * (1 - _overlap_f1(p_days[pd].words, g_days[gd].words))

    # many-to-one: every day on each side picks its partner alone
    pairs_p = [(pd, min(g_days, key=lambda gd: cost(pd, gd))) for pd in p_days]
    pairs_r = [(min(p_days, key=lambda pd: cost(pd, gd)), gd) for gd in g_days] if p_days else []
    scores = []
    for n in (0, 1):
        # an entry with no day is aligned with nothing: its n-grams count, with no hits
        p_den = sum(sum(d.grams[n].values()) for d in p_days.values()) + sum(
            sum(_day(t).grams[n].values()) for t in pred.unplaced)
        r_den = sum(sum(d.grams[n].values()) for d in g_days.values())
        p_hits = sum(_hits(p_days[pd], g_days[gd], abs((pd - gd).days), n) for pd, gd in pairs_p)
        r_hits = sum(_hits(p_days[pd], g_days[gd], abs((pd - gd).days), n) for pd, gd in pairs_r)
        scores.append(_f1(p_hits / p_den if p_den else 0.0, r_hits / r_den if r_den else 0.0))
    return scores[0], scores[1]


def date_f1(pred: Prediction, gold: dict[dt.date, str]) -> float:
    """F1 of exact days shared; each month-precision entry is a predicted date matching none."""
    shared = len(set(pred.days) & set(gold))
    if not shared:
        return 0.0
    return _f1(shared / (len(pred.days) + len(pred.unplaced)), shared / len(gold))


def score(pred: Prediction, gold: dict[dt.date, str]) -> dict[str, float]:
    """{"date_f1", "ar1", "ar2"} for one predicted timeline."""
    ar1, ar2 = align_rouge(pred, gold)
    return {"date_f1": date_f1(pred, gold), "ar1": ar1, "ar2": ar2}


def check_scoring(gold: dict[dt.date, str]) -> dict[str, float]:
    """The scores of the gold timeline moved one day later, after checking gold scores 1 against itself."""
    same = score(Prediction(dict(gold)), gold)
    shifted = score(Prediction({d + dt.timedelta(days=1): t for d, t in gold.items()}), gold)
    if any(abs(v - 1) > 1e-9 for v in same.values()) or not 0 < shifted["ar1"] < 1 or not 0 < shifted["ar2"] < 1:
        raise SystemExit(f"scoring self-check failed: gold vs itself {same}, shifted a day {shifted}")
    return shifted


# ---------------------------------------------------------------------------------------
# the folder as the baselines read it


def read_folder(folder: Path) -> list[tuple[dt.date, str]]:
    """(publication date, body) for each .md file, in file-name order."""
    articles = []
    for path in sorted(folder.glob("*.md")):
        m = re.match(r"---\n(.*?)\n---\n(.*)", path.read_text(encoding="utf-8"), re.DOTALL)
        date = re.search(r"^date:\s*(\S+)", m[1], re.MULTILINE)[1]
        articles.append((dt.date.fromisoformat(date), m[2].strip()))
    return articles


_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"')\]]))\s+(?=[\"'(\[]?[A-Z0-9])")
# a full stop that ends an initial, "U.S." or a title rather than a sentence
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Prof|No)\.)$")


def split_sentences(text: str) -> list[str]:
    """Sentences of a detokenised body (a headline or byline stays glued to the first one)."""
    out: list[str] = []
    for piece in _BREAK.split(text):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] += " " + piece
        elif piece.strip():
            out.append(piece.strip())
    return out


def _by_day(articles: list[tuple[dt.date, str]]) -> dict[dt.date, list[list[str]]]:
    days: dict[dt.date, list[list[str]]] = defaultdict(list)
    for date, body in articles:
        days[date].append(split_sentences(body))
    return days


# ---------------------------------------------------------------------------------------
# systems


def pubcount(articles: list[tuple[dt.date, str]], l: int, k: int) -> Prediction:
    """The l busiest publication days (ties: earlier first), each told by its articles' first sentences."""
    days = _by_day(articles)
    chosen = sorted(days, key=lambda d: (-len(days[d]), d))[:l]
    text = {}
    for d in chosen:
        depth = max(map(len, days[d]), default=0)
        lead = [s[i] for i in range(depth) for s in days[d] if i < len(s)][:k]  # first sentences, then second ...
        text[d] = " ".join(lead)
    return Prediction(text)


def random_days(articles: list[tuple[dt.date, str]], l: int, k: int, seed: int) -> Prediction:
    """l random publication days, each told by k random sentences of that day's articles."""
    rng = random.Random(seed)
    days = _by_day(articles)
    text = {}
    for d in rng.sample(sorted(days), min(l, len(days))):
        pool = [s for sentences in days[d] for s in sentences]
        text[d] = " ".join(rng.sample(pool, min(k, len(pool))))
    return Prediction(text)


def run_measured(cmd: list[str]) -> tuple[int, str, str, float, float]:
    """Run `cmd` from the repo root: (exit code, stdout, stderr, seconds, peak MB).

    GNU time reports the peak RSS of the child, folding in any children it waited for (the
    largest one, not their sum); without it, psutil polls the whole process tree's RSS.
    """
    with tempfile.TemporaryDirectory() as tmp:
        out_path, err_path, stats = Path(tmp, "out"), Path(tmp, "err"), Path(tmp, "time")
        use_time = GNU_TIME.exists()
        full = [str(GNU_TIME), "-v", "-o", str(stats), *cmd] if use_time else cmd
        peak = 0
        with out_path.open("w") as out, err_path.open("w") as err:
            start = time.perf_counter()
            child = psutil.Popen(full, stdout=out, stderr=err, cwd=ROOT)
            while child.poll() is None:
                if not use_time:
                    try:
                        peak = max(peak, sum(p.memory_info().rss for p in [child, *child.children(recursive=True)]))
                    except psutil.Error:
                        pass  # a process ended between listing and reading it
                time.sleep(0.1)
            seconds = time.perf_counter() - start
        if use_time:
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stats.read_text())
            peak = int(m[1]) * 1024 if m else 0
        return child.returncode, out_path.read_text(), err_path.read_text(), seconds, peak / 2**20


def run_briefing(folder: Path, l: int, k: int) -> tuple[Prediction | None, dict]:
    """The real command's timeline and {"seconds", "peak_mb"}, or None and {"error"} if it failed."""
    cmd = [sys.executable, "-m", "briefing.cli", "timeline", str(folder), "--json",
           "--dates", str(l), "--sentences", str(k), "--no-cache"]
    code, out, err, seconds, peak = run_measured(cmd)
    try:
        if code != 0:
            raise ValueError(f"exit code {code}")
        days: dict[dt.date, str] = {}
        unplaced = []
        for entry in json.loads(out)["timeline"]:
            if entry.get("precision") != "month" and len(entry["date"]) == 10:
                d = dt.date.fromisoformat(entry["date"])
                days[d] = f"{days.get(d, '')} {entry['text']}".strip()
            else:
                unplaced.append(entry["text"])
    except (ValueError, KeyError, TypeError) as exc:
        tail = "\n    ".join(err.strip().splitlines()[-8:])
        print(f"  briefing failed on {folder.name} ({exc}); stderr tail:\n    {tail}", file=sys.stderr)
        return None, {"error": str(exc), "seconds": seconds}
    return Prediction(days, tuple(unplaced)), {"seconds": seconds, "peak_mb": peak}


# ---------------------------------------------------------------------------------------
# the run


def evaluate_story(story: str, work: Path, systems: list[str]) -> dict:
    """Write the story's folder, run each system on it and score it against the gold timeline."""
    gold_sentences = gold_timeline(story)
    gold = {d: detokenise(" ".join(s)) for d, s in gold_sentences.items()}
    shifted = check_scoring(gold)
    l = len(gold)
    k = round(sum(map(len, gold_sentences.values())) / l)  # Python's round, as news-tls uses
    folder = work / story
    paths = write_story_folder(story, folder)
    articles = read_folder(folder)
    row = {"story": story, "articles": len(paths), "l": l, "k": k, "shifted_gold": shifted}
    for system in systems:
        print(f"{story}: {system} ...", file=sys.stderr, flush=True)
        if system == "pubcount":
            row[system] = score(pubcount(articles, l, k), gold)
        elif system == "random":
            runs = [score(random_days(articles, l, k, seed), gold) for seed in range(RANDOM_SEEDS)]
            row[system] = {m: statistics.mean(r[m] for r in runs) for m in runs[0]}
        else:
            pred, info = run_briefing(folder, l, k)
            row[system] = {**(score(pred, gold) if pred else {}), **info}
            if pred and len(pred.days) + len(pred.unplaced) > l:
                print(f"  briefing returned {len(pred.days) + len(pred.unplaced)} dates for l = {l}", file=sys.stderr)
    return row


def _mean(rows: list[dict], system: str, metric: str) -> float | None:
    values = [r[system][metric] for r in rows if metric in r.get(system, {})]
    return statistics.mean(values) if values else None


def print_table(rows: list[dict], systems: list[str]) -> None:
    head = f"{'story':<20}{'arts':>5}{'l':>5}{'k':>3}"
    for s in systems:
        head += f" | {s.upper():<8}{'D-F1':>6}{'AR1':>7}{'AR2':>7}" + (f"{'s':>7}{'MB':>6}" if s == "briefing" else "")
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r['story']:<20}{r['articles']:>5}{r['l']:>5}{r['k']:>3}" + "".join(_cells(r[s], s) for s in systems))
    print(f"{'mean':<33}" + "".join(_cells({m: _mean(rows, s, m) for m in METRICS}, s) for s in systems))


def _cells(values: dict, system: str) -> str:
    """One system's columns: three scores, then seconds and MB for briefing; '-' where missing."""
    columns = [("date_f1", "6.3f"), ("ar1", "7.3f"), ("ar2", "7.3f")]
    if system == "briefing":
        columns += [("seconds", "7.0f"), ("peak_mb", "6.0f")]
    out = f" | {'':<8}"
    for key, fmt in columns:
        value = values.get(key)
        out += f"{value:{fmt}}" if value is not None else f"{'-':>{fmt.split('.')[0]}}"
    return out


def compare(rows: list[dict]) -> dict | None:
    """Briefing against PUBCOUNT, over the stories briefing ran on, with the targets."""
    ran = [r for r in rows if "date_f1" in r.get("briefing", {}) and "pubcount" in r]
    if not ran:
        return None
    b_f1, p_f1 = _mean(ran, "briefing", "date_f1"), _mean(ran, "pubcount", "date_f1")
    b_r1, p_r1 = _mean(ran, "briefing", "ar1"), _mean(ran, "pubcount", "ar1")
    # A lead carried by one story says little about stories not yet seen: show it without that one.
    leads = sorted(r["briefing"]["date_f1"] - r["pubcount"]["date_f1"] for r in ran)
    return {"stories": len(ran), "date_f1": b_f1, "pubcount_date_f1": p_f1, "ar1": b_r1, "pubcount_ar1": p_r1,
            "date_f1_minus_pubcount": b_f1 - p_f1, "ar1_over_pubcount": b_r1 / p_r1 if p_r1 else None,
            "stories_ahead_level_behind": [sum(x > 1e-9 for x in leads), sum(abs(x) <= 1e-9 for x in leads),
                                           sum(x < -1e-9 for x in leads)],
            "lead_without_best_story": statistics.mean(leads[:-1]) if len(leads) > 1 else None,
            "date_f1_target_met": b_f1 >= DATE_F1_TARGET and b_f1 - p_f1 >= DATE_F1_LEAD,
            "ar1_target_met": bool(p_r1) and b_r1 / p_r1 >= AR1_RATIO}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", default=",".join(STORIES), help="comma-separated story folders")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated: " + ", ".join(SYSTEMS))
    parser.add_argument("--work", type=Path, help="write (and keep) the story folders here, outside the repo")
    parser.add_argument("--json", type=Path, help="also save the results to this file")
    args = parser.parse_args()
    stories = [s for s in args.stories.split(",") if s]
    systems = [s for s in args.systems.split(",") if s]
    unknown = [x for x in stories if x not in STORIES] + [x for x in systems if x not in SYSTEMS]
    if unknown:
        sys.exit(f"Unknown story or system: {', '.join(unknown)} (stories: {', '.join(STORIES)}; "
                 f"systems: {', '.join(SYSTEMS)})")

    with tempfile.TemporaryDirectory(prefix="t17-") as tmp:
        work = args.work.resolve() if args.work else Path(tmp)
        rows = [evaluate_story(story, work, systems) for story in stories]

    shifted = statistics.mean(r["shifted_gold"]["ar1"] for r in rows)
    print(f"Scoring check: gold vs itself scores 1.000 on all three metrics for every story; "
          f"gold moved a day later has mean AR1 {shifted:.3f}.\n")
    print_table(rows, systems)
    verdict = compare(rows)
    if verdict:
        v = verdict
        print(f"\nbriefing vs PUBCOUNT over the {v['stories']} stories briefing ran on:\n"
              f"  Date-F1 {v['date_f1']:.3f} - {v['pubcount_date_f1']:.3f} = {v['date_f1_minus_pubcount']:+.3f}"
              f"   target >= {DATE_F1_TARGET:.2f} and >= +{DATE_F1_LEAD:.2f}: "
              f"{'met' if v['date_f1_target_met'] else 'NOT met'}\n"
              f"          per story ahead / level / behind PUBCOUNT: "
              f"{' / '.join(map(str, v['stories_ahead_level_behind']))}; lead without the story it leads most: "
              f"{v['lead_without_best_story'] if v['lead_without_best_story'] is not None else float('nan'):+.3f}\n"
              f"  AR1-F   {v['ar1']:.3f} / {v['pubcount_ar1']:.3f} = x{v['ar1_over_pubcount'] or 0:.2f}"
              f"   target >= x{AR1_RATIO:.2f}: {'met' if v['ar1_target_met'] else 'NOT met'}")
    elif "briefing" in systems:
        print("\nbriefing produced no timeline: no comparison with PUBCOUNT.")
    if args.json:
        means = {s: {m: _mean(rows, s, m) for m in METRICS} for s in systems}
        args.json.write_text(json.dumps({"stories": rows, "mean": means, "briefing_vs_pubcount": verdict}, indent=2))


if __name__ == "__main__":
    main()
