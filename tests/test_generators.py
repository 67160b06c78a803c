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


def test_source_tokens_only_bans_names_and_numbers_the_source_lacks():
    import torch

    from briefing.generators import SourceTokensOnly

    from .conftest import _tiny_tokenizer

    tok = _tiny_tokenizer()
    # Give the tiny vocabulary a capitalised word and a number to ban or allow.
    tok.add_tokens(["Hart", "David", "2020", "2015"])
    source = "the council was rated inadequate in january 2015 Hart"
    processor = SourceTokensOnly(tok, [source, "the council"])
    scores = torch.zeros((2, len(tok)))
    out = processor(None, scores)
    ids = {t: tok.convert_tokens_to_ids(t) for t in ("Hart", "David", "2020", "2015", "council")}
    row0, row1 = out[0], out[1]
    assert row0[ids["Hart"]] == 0 and row0[ids["2015"]] == 0  # in its source: allowed
    assert row0[ids["David"]] == float("-inf") and row0[ids["2020"]] == float("-inf")  # invented: banned
    assert row1[ids["Hart"]] == float("-inf")  # each row has its own source
    assert row0[ids["council"]] == 0 and row1[ids["council"]] == 0  # lower-case words are free


def test_constrained_generation_never_emits_a_banned_token(tiny_causal):
    gen = get_generator("transformers", model=str(tiny_causal))
    gen.tokenizer.add_tokens(["Zed"])
    gen.model.resize_token_embeddings(len(gen.tokenizer))
    import torch

    with torch.no_grad():  # make the invented name the model's favourite next token
        enc = gen.tokenizer(["the council was"], return_tensors="pt")
        hidden = gen.model(**enc, output_hidden_states=True).hidden_states[-1][0, -1]
        gen.model.lm_head.weight[gen.tokenizer.convert_tokens_to_ids("Zed")] = 100 * hidden / hidden.norm()
    free = gen.generate_batch(["the council was"], max_new_tokens=4)
    assert "Zed" in free[0]
    held = gen.generate_batch(["the council was"], max_new_tokens=4, sources=["the council was rated inadequate"])
    assert "Zed" not in held[0]
