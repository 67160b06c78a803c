"""Shared fixtures: the seeds folder and a fake generator (as llm's tests use MockModel)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


class FakeGenerator:
    """Answers rewrite prompts without a model.

    mode "trim" drops the words after the last comma (a faithful, shorter rewrite);
    mode "invent" puts a name no source contains into every answer, as the small model does.
    """

    def __init__(self, mode: str = "trim"):
        self.mode = mode
        self.name = f"fake-{mode}"
        self.prompts: list[str] = []

    def generate(self, prompt: str, *, max_new_tokens: int) -> str:
        return self.generate_batch([prompt], max_new_tokens=max_new_tokens)[0]

    def generate_batch(self, prompts: list[str], *, max_new_tokens: int, sources=None,
                       only_source_words=False) -> list[str]:
        self.prompts.extend(prompts)
        self.sources = sources
        out = []
        for p in prompts:
            m = re.search(r"Sentence:\s*(.*?)\n\n", p, re.DOTALL)
            sentence = m[1].strip() if m else p
            if self.mode == "invent":
                out.append("David Hart said that " + sentence[0].lower() + sentence[1:])
            else:
                head, _, tail = sentence.rpartition(",")
                out.append((head + ".") if head and len(tail.split()) <= 6 else sentence)
        return out


@pytest.fixture
def seeds() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_briefing(tmp_path_factory) -> Path:
    """The seeds' briefing, built once for the session with the fake generator ("trim")."""
    from briefing.pipeline import build_briefing

    out = tmp_path_factory.mktemp("seeds-briefing") / "b.docx"
    return build_briefing(SEEDS, out, FakeGenerator("trim"), progress=lambda message: None)


@pytest.fixture(scope="session")
def embedder():
    from briefing.embed import default_embedder

    return default_embedder()


def _tiny_tokenizer():
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {w: i for i, w in enumerate(
        ["<pad>", "<unk>", "<s>", "</s>", "the", "council", "was", "rated", "inadequate", "in", "january", "."])}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    return PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<unk>", pad_token="<pad>",
                                   bos_token="<s>", eos_token="</s>")


@pytest.fixture(scope="session")
def tiny_causal(tmp_path_factory):
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    folder = tmp_path_factory.mktemp("tiny-llama")
    tokenizer = _tiny_tokenizer()
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                         num_attention_heads=2, num_key_value_heads=1, max_position_embeddings=1024,
                         pad_token_id=0, bos_token_id=2, eos_token_id=3)
    LlamaForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
