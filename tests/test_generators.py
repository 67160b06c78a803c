"""The hub / local-folder backend, on tiny models the tests make and save themselves."""

import pytest

from briefing.errors import ModelError
from briefing.generators import get_generator

from .conftest import _tiny_tokenizer


@pytest.fixture(scope="module")
def tiny_seq2seq(tmp_path_factory):
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    torch.manual_seed(0)
    folder = tmp_path_factory.mktemp("tiny-t5")
    tokenizer = _tiny_tokenizer()
    config = T5Config(vocab_size=len(tokenizer), d_model=16, d_kv=8, d_ff=32, num_layers=1, num_heads=2,
                      pad_token_id=0, eos_token_id=3, decoder_start_token_id=0)
    T5ForConditionalGeneration(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_local_causal_model_generates(tiny_causal):
    gen = get_generator("transformers", model=str(tiny_causal), threads=1, progress=lambda m: None)
    assert gen.name == str(tiny_causal)
    outs = gen.generate_batch(["the council was rated", "inadequate in january ."], max_new_tokens=5)
    assert len(outs) == 2 and all(isinstance(o, str) for o in outs)
    assert outs[0] and set(outs[0].split()) <= {"the", "council", "was", "rated", "inadequate", "in", "january", "."}


def test_local_seq2seq_model_generates(tiny_seq2seq):
    gen = get_generator("transformers", model=str(tiny_seq2seq), threads=1, progress=lambda m: None)
    assert gen.seq2seq
    out = gen.generate("the council was rated inadequate", max_new_tokens=4)
    assert isinstance(out, str)


def test_missing_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="Cannot load model"):
        get_generator("transformers", model=str(tmp_path / "nowhere"), progress=lambda m: None)


def test_unknown_backend_lists_known_ones():
    with pytest.raises(ModelError, match="known: embedded, transformers"):
        get_generator("gpt-17")
