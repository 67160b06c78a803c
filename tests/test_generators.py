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
    with pytest.raises(ModelError, match="known: embedded, endpoint, transformers"):
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


def test_source_words_only_bans_every_word_the_source_lacks():
    import torch

    from briefing.generators import SourceTokensOnly

    from .conftest import _tiny_tokenizer

    tok = _tiny_tokenizer()
    out = SourceTokensOnly(tok, ["the council was rated inadequate", "the council"], words=True)(
        None, torch.zeros((2, len(tok))))
    ids = {t: tok.convert_tokens_to_ids(t) for t in ("council", "rated", "january", "in", ".", "</s>")}
    assert out[0][ids["council"]] == 0 and out[0][ids["rated"]] == 0  # the source's own words
    assert out[0][ids["january"]] == float("-inf") and out[1][ids["rated"]] == float("-inf")  # not in the source
    for common in ("in", ".", "</s>"):  # common words, punctuation and the end of the answer stay open
        assert out[0][ids[common]] == 0 and out[1][ids[common]] == 0


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


class _Texts:
    """A stand-in tokenizer whose "token ids" index a list of answer texts (the criterion only decodes)."""

    def __init__(self, texts):
        self.texts = texts

    def batch_decode(self, ids, skip_special_tokens=True):
        return [self.texts[int(row[-1])] for row in ids]


@pytest.mark.parametrize("text, done", [
    ("Ofsted rated the service inadequate", False),
    ("Ofsted rated the service inadequate. The", True),   # a second sentence has begun
    ("Mr. Hart said", False),                               # "Mr." ends no sentence
    ("\nOfsted rated", False),                              # a leading line break is not the end
    ("Ofsted rated it\nThe", True),
])
def test_first_sentence_done(text, done):
    import torch

    from briefing.generators import FirstSentenceDone

    crit = FirstSentenceDone(_Texts([text]), prompt_length=1)
    assert crit(torch.tensor([[0, 0]]), None).tolist() == [done]


def test_first_sentence_done_row_budget():
    import torch

    from briefing.generators import FirstSentenceDone

    crit = FirstSentenceDone(_Texts(["still going", "still going"]), prompt_length=2, budgets=[3, 4])
    ids = torch.tensor([[9, 9, 0, 0, 1], [9, 9, 0, 0, 1]])  # 3 new tokens each
    assert crit(ids, None).tolist() == [True, False]


def test_batched_answers_keep_prompt_order(tiny_causal, monkeypatch):
    monkeypatch.setenv("BRIEFING_DTYPE", "float32")  # the same numbers batched or alone
    gen = get_generator("transformers", model=str(tiny_causal), threads=1, progress=lambda m: None)
    prompts = ["the council was rated inadequate in january", "the", "council was rated", "in january ."]
    alone = [gen.generate(p, max_new_tokens=4) for p in prompts]
    assert gen.generate_batch(prompts, max_new_tokens=4) == alone


def test_default_threads_leaves_busy_cores_alone():
    import multiprocessing
    import os

    from briefing.generators import default_threads

    cpus = len(os.sched_getaffinity(0))
    assert 1 <= default_threads(0.1) <= cpus
    if cpus < 2:
        pytest.skip("one core: nothing to leave")
    stop = multiprocessing.Event()
    spinners = [multiprocessing.Process(target=_spin, args=(stop,), daemon=True) for _ in range(cpus)]
    for s in spinners:
        s.start()
    try:
        assert default_threads(0.5) < cpus
    finally:
        stop.set()
        for s in spinners:
            s.join()


def _spin(stop) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))
