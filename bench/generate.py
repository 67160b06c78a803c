"""Decoding speed of the embedded model: transformers (as briefing runs it) next to llama.cpp.

    python bench/generate.py [--runs 3] [--threads 2] [--busy]

The prompts are the real ones of a seeds build: the rewrite prompt of every sentence the
summariser selects (25 on the seeds). Each backend runs in its own child process, so its
peak memory (max RSS) is its own:

* ``transformers``: `TransformersGenerator.generate_batch` exactly as a build calls it
  (batched, source-constrained, stopping after the first sentence, bf16 where the CPU has it);
* ``transformers-1``: the same, one prompt at a time (the like-for-like with llama.cpp);
* ``llama.cpp``: llama-cpp-python on the same GGUF file, one prompt at a time, each answer
  capped at the token count transformers produced for that prompt, so both write the same
  number of tokens.

Printed per backend, median over runs: wall seconds for all prompts, generated tokens per
second (new tokens / wall time, prompt processing included), prompt tokens per second, first-
token latency, peak memory; and the ratio of transformers' tokens per second to llama.cpp's.
--busy keeps one core spinning in another process, as on a shared machine, to compare thread
counts.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed_prompts() -> dict:
    """The rewrite prompts (and their source sentences) that a build of the seeds sends."""
    from briefing.embed import default_embedder
    from briefing.pipeline import group_articles
    from briefing.prompts import Prompts
    from briefing.summarise import summarise_events

    class Capture:
        name, system_prompt, calls = "capture", "", []

        def generate(self, prompt, *, max_new_tokens):
            return ""

        def generate_batch(self, prompts, *, max_new_tokens, sources=None, only_source_words=False):
            self.calls.append((prompts, sources, max_new_tokens))
            return [""] * len(prompts)

    story = group_articles(ROOT / "seeds", cache=None, progress=lambda m: None)
    corpus, events = story.corpus, story.events
    cap = Capture()
    summarise_events(events, corpus, cap, default_embedder(), Prompts.load(None), progress=lambda m: None)
    prompts, sources, max_new = cap.calls[0]
    return {"system": cap.system_prompt, "prompts": prompts, "sources": sources, "max_new_tokens": max_new}


def run_transformers(data: dict, threads: int, one_by_one: bool) -> dict:
    from briefing.generators import load_embedded

    gen = load_embedded(threads=threads, progress=lambda m: None)
    gen.system_prompt = data["system"]
    prompts, sources = data["prompts"], data["sources"]
    prompt_tokens = sum(len(gen.tokenizer(gen._format(p), add_special_tokens=False)["input_ids"]) for p in prompts)
    gen.generate_batch(prompts[:1], max_new_tokens=4, sources=sources[:1])  # first call warms up kernels

    # First-token latency: the prompt(s) with a single new token; then the timed run.
    if one_by_one:
        first = []
        for p, s in zip(prompts, sources):
            t = time.perf_counter()
            gen.generate_batch([p], max_new_tokens=1, sources=[s])
            first.append(time.perf_counter() - t)
        start = time.perf_counter()
        outs = [gen.generate_batch([p], max_new_tokens=data["max_new_tokens"], sources=[s])[0]
                for p, s in zip(prompts, sources)]
        first_token = statistics.median(first)
    else:
        t = time.perf_counter()
        gen.generate_batch(prompts, max_new_tokens=1, sources=sources)
        first_token = time.perf_counter() - t
        start = time.perf_counter()
        outs = gen.generate_batch(prompts, max_new_tokens=data["max_new_tokens"], sources=sources)
    wall = time.perf_counter() - start
    new_tokens = [len(gen.tokenizer(o, add_special_tokens=False)["input_ids"]) for o in outs]
    return {"wall": wall, "new_tokens": new_tokens, "prompt_tokens": prompt_tokens, "first_token": first_token,
            "sample": outs[:3]}


def run_llama_cpp(data: dict, threads: int, caps: list[int]) -> dict:
    from llama_cpp import Llama

    from briefing.generators import embedded_gguf_path

    llm = Llama(model_path=str(embedded_gguf_path()), n_ctx=4096, n_threads=threads, n_batch=512, verbose=False)
    system = data["system"]
    llm.create_chat_completion([{"role": "user", "content": "Hello"}], max_tokens=4, temperature=0)  # warm-up
    new_tokens, first, outs = [], [], []
    start = time.perf_counter()
    for prompt, cap in zip(data["prompts"], caps):
        messages = [{"role": "system", "content": system}, {"role": "user", "content": prompt}]
        t = time.perf_counter()
        text, got_first = "", None
        for chunk in llm.create_chat_completion(messages, max_tokens=max(1, cap), temperature=0,
                                                repeat_penalty=1.1, stream=True):
            delta = chunk["choices"][0]["delta"].get("content")
            if delta:
                got_first = got_first or time.perf_counter() - t
                text += delta
        first.append(got_first or time.perf_counter() - t)
        outs.append(text)
        new_tokens.append(len(llm.tokenize(text.encode(), add_bos=False, special=False)))
    wall = time.perf_counter() - start
    # Same chat template and vocabulary as transformers: the parent fills in its prompt count.
    return {"wall": wall, "new_tokens": new_tokens, "prompt_tokens": None,
            "first_token": statistics.median(first), "sample": outs[:3]}


def _child(args: argparse.Namespace) -> None:
    data = json.loads(Path(args.data).read_text())
    if args.child == "llama.cpp":
        result = run_llama_cpp(data, args.threads, json.loads(args.caps))
    else:
        result = run_transformers(data, args.threads, one_by_one=args.child == "transformers-1")
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _spin(stop) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def _measure(backend: str, data_file: Path, threads: int, caps: list[int] | None = None) -> dict:
    cmd = [sys.executable, __file__, "--child", backend, "--data", str(data_file), "--threads", str(threads)]
    if caps is not None:
        cmd += ["--caps", json.dumps(caps)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{backend} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--busy", action="store_true", help="keep one core busy in another process")
    parser.add_argument("--backends", default="transformers,transformers-1,llama.cpp")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--caps", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args)

    data = seed_prompts()
    data_file = Path(f"/tmp/briefing-bench-prompts-{time.time_ns()}.json")
    data_file.write_text(json.dumps(data))
    stop = multiprocessing.Event()
    spinner = multiprocessing.Process(target=_spin, args=(stop,), daemon=True) if args.busy else None
    if spinner:
        spinner.start()
    print(f"{len(data['prompts'])} prompts from a seeds build, {args.threads} threads"
          f"{', one core busy elsewhere' if args.busy else ''}, median of {args.runs} runs", flush=True)
    results: dict[str, list[dict]] = {}
    caps, ref = None, None
    try:
        for run in range(args.runs):
            for backend in args.backends.split(","):
                if backend == "llama.cpp" and caps is None:
                    # Same number of new tokens as transformers wrote for each prompt.
                    ref = results.get("transformers") or [_measure("transformers", data_file, args.threads)]
                    caps = ref[0]["new_tokens"]
                r = _measure(backend, data_file, args.threads, caps if backend == "llama.cpp" else None)
                if r["prompt_tokens"] is None:
                    r["prompt_tokens"] = ref[0]["prompt_tokens"]
                results.setdefault(backend, []).append(r)
                print(f"  run {run + 1} {backend}: {r['wall']:.1f} s, {sum(r['new_tokens'])} new tokens", flush=True)
    finally:
        stop.set()
        data_file.unlink(missing_ok=True)

    print(f"\n{'backend':<16}{'wall s':>8}{'new tok/s':>11}{'prompt tok/s':>14}{'first token s':>15}{'peak MB':>9}")
    rates = {}
    for backend, rs in results.items():
        wall = statistics.median(r["wall"] for r in rs)
        rate = statistics.median(sum(r["new_tokens"]) / r["wall"] for r in rs)
        prompt_rate = statistics.median(r["prompt_tokens"] / r["wall"] for r in rs)
        rates[backend] = rate
        print(f"{backend:<16}{wall:>8.1f}{rate:>11.1f}{prompt_rate:>14.0f}"
              f"{statistics.median(r['first_token'] for r in rs):>15.2f}{max(r['peak_mb'] for r in rs):>9.0f}")
    if "llama.cpp" in rates:
        for backend in ("transformers", "transformers-1"):
            if backend in rates:
                print(f"{backend} / llama.cpp tokens per second: {rates[backend] / rates['llama.cpp']:.2f}")
    for backend, rs in results.items():
        print(f"\n{backend} sample answers:")
        for text in rs[0]["sample"]:
            print(f"  - {text[:160]!r}")


if __name__ == "__main__":
    main()
