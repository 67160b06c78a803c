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


@pytest.mark.parametrize("requested, others, cores, threads", [
    (None, 0.0, 2, 2),     # an idle machine: every core
    (None, 0.4, 2, 2),     # a core less than half busy is still worth a thread
    (None, 0.6, 2, 1),     # more than half busy: leave it to its program
    (None, 1.3, 4, 3),
    (None, 1.6, 4, 2),
    (None, 5.0, 2, 1),     # oversubscribed already: one thread, never none
    (3, 5.0, 2, 3),        # the user's --threads wins, whatever the load
])
def test_choose_threads_leaves_busy_cores_to_their_programs(requested, others, cores, threads):
    from briefing.generators import choose_threads

    assert choose_threads(requested, others=others, cores=cores) == threads


def test_others_load_is_the_machines_busy_time_less_our_own():
    from briefing.generators import OthersLoad

    now, ours, machine = [0.0], [0.0], [0.0]
    others = OthersLoad(busy=lambda: machine[0], cpu=lambda: ours[0], clock=lambda: now[0])
    now[0], ours[0], machine[0] = 10.0, 20.0, 20.0  # 10 s of our 2 threads, nobody else
    assert others() == pytest.approx(0.0)
    now[0], ours[0], machine[0] = 20.0, 30.0, 45.0  # then 1 thread of ours beside 1.5 cores of others
    assert others() == pytest.approx(1.5)
    now[0] = 20.1  # too short a window to say: the last figure stands
    assert others() == pytest.approx(1.5)


def test_others_load_falls_back_on_the_load_average():
    from briefing.generators import OthersLoad

    def unreadable():
        raise OSError("no /proc/stat")

    now, ours = [0.0], [0.0]
    others = OthersLoad(busy=unreadable, cpu=lambda: ours[0], clock=lambda: now[0], loadavg=lambda: 1.8)
    now[0], ours[0] = 10.0, 10.0  # one of the 1.8 cores of load is our own
    assert others() == pytest.approx(0.8)


def test_threads_are_chosen_again_from_the_load_before_each_generation(tiny_causal):
    import torch

    before = torch.get_num_threads()
    busy, told = [0.0], []
    gen = get_generator("transformers", model=str(tiny_causal), progress=told.append,
                        others_load=lambda: busy[0], cores=4)
    try:
        gen.generate_batch(["the council was"], max_new_tokens=2)
        assert torch.get_num_threads() == 4
        busy[0] = 2.6  # other programs started after the model was loaded
        gen.generate_batch(["the council was"], max_new_tokens=2)
        assert torch.get_num_threads() == 1
        assert told[-1] == "The model uses 1 CPU thread: other programs keep 2.6 of 4 cores busy"
        asked = get_generator("transformers", model=str(tiny_causal), threads=3, progress=lambda m: None,
                              others_load=lambda: 9.0, cores=4)
        asked.generate_batch(["the council was"], max_new_tokens=2)
        assert torch.get_num_threads() == 3
    finally:
        torch.set_num_threads(before)


def test_each_answer_is_reported_once_as_it_finishes(tiny_causal, monkeypatch):
    monkeypatch.setenv("BRIEFING_DTYPE", "float32")
    gen = get_generator("transformers", model=str(tiny_causal), threads=1, progress=lambda m: None)
    gen.batch_size = 2
    done: list[int] = []
    prompts = ["the council was rated inadequate in january", "the", "council was rated", "in january .", "the council"]
    answers = gen.generate_batch(prompts, max_new_tokens=4, on_done=done.append)
    assert sum(done) == len(prompts) and len(done) >= 3  # three batches at least: the bar moves within the call
    assert answers == gen.generate_batch(prompts, max_new_tokens=4)  # counting changes no answer


def test_first_sentence_done_reports_rows_as_they_finish():
    import torch

    from briefing.generators import FirstSentenceDone

    texts = _Texts(["Ofsted rated it. The", "still going", "still going"])
    done: list[int] = []
    # Token i decodes to texts[i]; token 2 also ends a turn.
    crit = FirstSentenceDone(texts, prompt_length=1, on_done=done.append, end_ids={2})
    ids = torch.tensor([[0, 0], [0, 1], [0, 2]])
    assert crit(ids, None).tolist() == [True, False, False]  # row 0 has its sentence; row 2 ended its turn
    crit(ids, None)  # nothing new
    crit.report_rest(3)  # the batch ended: row 1 stopped at max_new_tokens
    assert done == [2, 1]


def test_endpoint_reports_each_answer_as_it_arrives(monkeypatch):
    from briefing.generators import EndpointGenerator

    gen = EndpointGenerator("http://127.0.0.1:9/v1", concurrency=2)

    async def complete(client, prompt, max_new_tokens):
        return prompt.upper()

    monkeypatch.setattr(gen, "_complete", complete)
    done: list[int] = []
    assert gen.generate_batch(["a", "b", "c"], max_new_tokens=5, on_done=done.append) == ["A", "B", "C"]
    assert done == [1, 1, 1]
