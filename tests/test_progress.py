"""Progress: plain lines off a terminal (throttled by a fake clock), a rich bar on one, and the fallback."""

from __future__ import annotations

import io
import re
import time
from collections import Counter

import pytest

from briefing.errors import BriefingError
from briefing.progress import (
    MIN_DONE_FOR_ESTIMATE,
    PLAIN_INTERVAL,
    Progress,
    format_duration,
    format_time_left,
    plural,
    task,
)

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class FakeClock:
    """Seconds that move only when a test says so."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _no_env_override(monkeypatch):
    # A developer's BRIEFING_PROGRESS must not change what these tests see.
    monkeypatch.delenv("BRIEFING_PROGRESS", raising=False)


def plain(clock: FakeClock) -> tuple[Progress, io.StringIO]:
    out = io.StringIO()
    # No heartbeat: these tests move the clock by hand, and a watcher thread could print between moves.
    return Progress(out, live=False, clock=clock, heartbeat=None), out


def lines(out: io.StringIO) -> list[str]:
    return out.getvalue().splitlines()


def screen(out: io.StringIO) -> str:
    """What a terminal shows, roughly: escapes removed, carriage-return redraws split into lines."""
    return ANSI.sub("", out.getvalue()).replace("\r", "\n")


def test_plain_mode_writes_start_and_end_lines_with_counts():
    clock = FakeClock()
    progress, out = plain(clock)
    with progress.task("Rewriting sentences", total=807, unit="sentences") as t:
        for _ in range(807):
            t.advance()
        clock.now = 5.0
    assert lines(out) == ["Rewriting sentences: 0/807 sentences", "Rewriting sentences: 807/807 sentences in 5 s"]


def test_plain_mode_is_the_default_off_a_terminal():
    progress = Progress(io.StringIO())
    assert progress.live is False


def test_plain_lines_are_throttled_to_one_per_interval():
    clock = FakeClock()
    progress, out = plain(clock)
    with progress.task("Judging sentences", total=1000, unit="sentences") as t:
        for _ in range(1000):
            clock.now += 0.125  # 125 s in all: 12 intervals of 10 s
            t.advance()
    middle = lines(out)[1:-1]
    assert len(middle) == int(125 / PLAIN_INTERVAL)
    assert middle[0].startswith("Judging sentences: 80/1000 sentences after 10 s")  # first at 10 s, not before
    assert lines(out)[-1] == "Judging sentences: 1000/1000 sentences in 2 min 5 s"


def test_time_left_appears_once_the_rate_is_known():
    clock = FakeClock()
    progress, out = plain(clock)
    with progress.task("Embedding passages", total=100, unit="passages") as t:
        clock.now = 11.0
        t.advance()  # one item: warm-up, too few to estimate from
        clock.now = 22.0
        t.advance(9)  # 10 done in 22 s: 90 left take about 198 s
    assert lines(out)[1] == "Embedding passages: 1/100 passages after 11 s"
    assert lines(out)[2] == "Embedding passages: 10/100 passages after 22 s, about 3 min left"


def test_unknown_total_shows_counts_without_time_left():
    clock = FakeClock()
    progress, out = plain(clock)
    with progress.task("Reading files", total=None, unit="files") as t:
        for _ in range(30):
            clock.now += 1.0
            t.advance()
    assert lines(out)[0] == "Reading files: 0 files"
    assert lines(out)[1] == "Reading files: 10 files after 10 s"
    assert lines(out)[-1] == "Reading files: 30 files in 30 s"
    assert "left" not in out.getvalue()


def test_a_task_with_nothing_to_do_prints_nothing():
    clock = FakeClock()
    progress, out = plain(clock)
    with progress.task("Rewriting sentences", total=0, unit="sentences") as t:
        t.advance()
    live_out = io.StringIO()
    with Progress(live_out, live=True).task("Rewriting sentences", total=0) as t:
        t.advance()
    seen: list[str] = []
    with task(seen.append, "Rewriting sentences", total=0) as t:
        t.advance()
    assert out.getvalue() == live_out.getvalue() == "" and seen == []


def test_plain_mode_says_where_a_failed_stage_stopped_and_reraises():
    clock = FakeClock()
    progress, out = plain(clock)
    with pytest.raises(KeyboardInterrupt):
        with progress.task("Rewriting sentences", total=807, unit="sentences") as t:
            t.advance(312)
            clock.now = 65.0
            raise KeyboardInterrupt
    assert lines(out)[-1] == "Rewriting sentences: stopped at 312/807 sentences after 1 min 5 s"


def test_messages_print_as_lines_in_plain_mode():
    progress, out = plain(FakeClock())
    progress("Read 250 articles from seeds")
    with progress.task("Judging sentences", total=2) as t:
        progress("Skipped notes.pdf: .pdf is not supported")
        t.advance(2)
    assert lines(out)[0] == "Read 250 articles from seeds"
    assert lines(out)[2] == "Skipped notes.pdf: .pdf is not supported"


def test_fallback_gives_a_plain_callback_start_and_end_lines_only():
    seen: list[str] = []
    with task(seen.append, "Judging sentences", total=500, unit="sentences") as t:
        for _ in range(500):
            t.advance()
    assert len(seen) == 2
    assert seen[0] == "Judging sentences: 0/500 sentences"
    assert seen[1].startswith("Judging sentences: 500/500 sentences in ")


def test_fallback_with_no_callback_is_silent_and_with_a_progress_uses_it():
    with task(None, "Judging sentences", total=5) as t:
        t.advance(5)
    clock = FakeClock()
    progress, out = plain(clock)
    with task(progress, "Judging sentences", total=40, unit="sentences") as t:
        clock.now = 10.0
        t.advance(20)  # a Progress throttles by time, so this middle line is printed
    assert lines(out)[1] == "Judging sentences: 20/40 sentences after 10 s, about 10 s left"


def test_live_mode_draws_a_bar_with_description_and_count():
    out = io.StringIO()
    progress = Progress(out, live=True, clock=FakeClock())
    with progress.task("Rewriting sentences", total=807, unit="sentences") as t:
        t.advance(312)
    shown = screen(out)
    assert "Rewriting sentences" in shown
    assert "312/807 sentences" in shown
    assert "━" in shown  # the bar itself


def test_live_mode_error_inside_the_block_propagates_and_leaves_the_terminal_usable():
    out = io.StringIO()
    progress = Progress(out, live=True, clock=FakeClock())
    with pytest.raises(ValueError, match="model died"):
        with progress.task("Rewriting sentences", total=807, unit="sentences") as t:
            t.advance(3)
            raise ValueError("model died")
    assert out.getvalue().endswith("\x1b[?25h")  # cursor shown again: the live display was stopped
    # A later stage can draw again: a live display left running would make rich refuse a second one.
    with progress.task("Writing briefing", total=1) as t:
        t.advance()
    assert "1/1" in screen(out)


def test_messages_print_above_a_live_bar():
    out = io.StringIO()
    progress = Progress(out, live=True, clock=FakeClock())
    with progress.task("Embedding passages", total=None, unit="passages") as t:
        t.advance(5)
        progress("Note on a.html: [bold] is not markup")
    shown = screen(out).splitlines()
    assert "Note on a.html: [bold] is not markup" in shown
    assert any("Embedding passages" in line and "5 passages" in line for line in shown)


def test_nested_live_tasks_share_one_display():
    out = io.StringIO()
    progress = Progress(out, live=True, clock=FakeClock())
    with progress.task("Summarising events", total=2, unit="events") as outer:
        with progress.task("Rewriting sentences", total=4, unit="sentences") as inner:
            inner.advance(4)
        outer.advance(2)
    shown = screen(out)
    assert "2/2 events" in shown and "4/4 sentences" in shown


def test_environment_forces_plain_or_names_the_fix(monkeypatch):
    monkeypatch.setenv("BRIEFING_PROGRESS", "plain")
    assert Progress(io.StringIO(), live=True).live is False
    monkeypatch.setenv("BRIEFING_PROGRESS", "fancy")
    with pytest.raises(BriefingError, match="use auto, plain or live"):
        Progress(io.StringIO())


@pytest.mark.parametrize("seconds, text", [(3, "5 s"), (38, "40 s"), (58, "1 min"), (200, "3 min"),
                                           (4800, "1 h 20 min")])
def test_time_left_is_rounded_humanely(seconds, text):
    assert format_time_left(seconds) == text


@pytest.mark.parametrize("seconds, text", [(0.2, "under 1 s"), (45, "45 s"), (125, "2 min 5 s"), (120, "2 min"),
                                           (3780, "1 h 3 min")])
def test_durations_read_naturally(seconds, text):
    assert format_duration(seconds) == text


@pytest.mark.parametrize("n, word, form, text", [(0, "sentence", None, "0 sentences"), (1, "sentence", None, "1 sentence"),
                                                (21, "event", None, "21 events"), (1, "summary", "summaries", "1 summary"),
                                                (2, "summary", "summaries", "2 summaries")])
def test_plural_agrees_with_the_number(n, word, form, text):
    assert plural(n, word, form) == text


def test_a_count_of_one_names_its_unit_in_the_singular():
    seen: list[str] = []
    with task(seen.append, "Reading the dates", total=1, unit="articles") as t:
        t.advance()
    with task(seen.append, "Judging summaries", total=2, unit="summaries") as t:
        t.advance(2)
    assert seen[0] == "Reading the dates: 0/1 article"
    assert seen[1].startswith("Reading the dates: 1/1 article in ")
    assert seen[2] == "Judging summaries: 0/2 summaries"


def wait_for(condition, seconds: float = 5.0) -> bool:
    """Whether `condition()` came true within `seconds` (real time: a watcher thread prints)."""
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.005)
    return True


def test_plain_lines_keep_coming_while_no_item_is_done():
    clock, out = FakeClock(), io.StringIO()
    progress = Progress(out, live=False, clock=clock, heartbeat=0.005)
    with progress.task("Rewriting sentences", total=21, unit="sentences"):
        for seconds in (11, 22, 33):  # a batch that runs 33 s with nothing done
            clock.now = seconds
            assert wait_for(lambda: len(lines(out)) == 1 + seconds // 11), out.getvalue()
    assert lines(out)[1:4] == ["Rewriting sentences: 0/21 sentences after 11 s",
                               "Rewriting sentences: 0/21 sentences after 22 s",
                               "Rewriting sentences: 0/21 sentences after 33 s"]


class _SlowGenerator:
    """Stands in for a model whose batches take `seconds` each on a fake clock; while a batch
    runs it waits (in real time) for the progress lines it expects, as a log reader would."""

    name = "slow"

    def __init__(self, clock: FakeClock, out: io.StringIO, seconds: float):
        self.clock, self.out, self.seconds = clock, out, seconds
        self.lines_during: list[int] = []

    def generate_batch(self, prompts, *, max_new_tokens, sources=None, only_source_words=False):
        before = len(lines(self.out))
        self.clock.now += self.seconds
        wait_for(lambda: len(lines(self.out)) > before, seconds=2.0)
        self.lines_during.append(len(lines(self.out)) - before)
        return [p.upper() for p in prompts]


def test_plain_lines_come_every_interval_during_the_rewriting_stage():
    from briefing.prompts import Prompts
    from briefing.summarise import PROGRESS_CHUNK, _rewrite

    clock, out = FakeClock(), io.StringIO()
    progress = Progress(out, live=False, clock=clock, heartbeat=0.005)
    gen = _SlowGenerator(clock, out, seconds=PLAIN_INTERVAL + 1)  # every batch outlasts the interval
    sentences = [f"The council met on day {i}." for i in range(3 * PROGRESS_CHUNK)]
    answers = _rewrite(gen, Prompts.load(), "rewrite", sentences, progress=progress, description="Rewriting sentences")
    assert len(answers) == len(sentences)
    assert gen.lines_during == [1, 1, 1]  # a line while every batch ran, not only at its end
    assert lines(out)[0] == f"Rewriting sentences: 0/{len(sentences)} sentences"
    assert lines(out)[-1] == f"Rewriting sentences: {len(sentences)}/{len(sentences)} sentences in 33 s"


class _CountingGenerator:
    """Answers one prompt every 10 s of a fake clock and reports each (`on_done`), in one call."""

    name = "counting"

    def __init__(self, clock: FakeClock):
        self.clock, self.calls = clock, 0

    def generate_batch(self, prompts, *, max_new_tokens, sources=None, only_source_words=False, on_done=None):
        self.calls += 1
        for _ in prompts:
            self.clock.now += 10.0
            on_done(1)
        return list(prompts)


def test_the_rewriting_stage_counts_each_answer_and_estimates_the_rest():
    from briefing.prompts import Prompts
    from briefing.summarise import _rewrite

    clock = FakeClock()
    progress, out = plain(clock)
    gen = _CountingGenerator(clock)
    _rewrite(gen, Prompts.load(), "rewrite", [f"Sentence {i}." for i in range(6)], progress=progress,
             description="Rewriting sentences")
    assert gen.calls == 1  # one call: the generator batches as it likes and still reports each answer
    assert lines(out)[1:3] == ["Rewriting sentences: 1/6 sentences after 10 s",
                               "Rewriting sentences: 2/6 sentences after 20 s, about 40 s left"]
    assert MIN_DONE_FOR_ESTIMATE == 2


def test_live_bar_shows_no_time_left_from_one_item():
    clock, out = FakeClock(), io.StringIO()
    with Progress(out, live=True, clock=clock).task("Rewriting sentences", total=10, unit="sentences") as t:
        clock.now = 10.0
        t.advance()  # the first item carries the warm-up: no estimate yet
    assert "1/10 sentences" in screen(out) and "left" not in screen(out)


def test_live_bar_shows_time_left_once_enough_items_are_done():
    clock, out = FakeClock(), io.StringIO()
    with Progress(out, live=True, clock=clock).task("Rewriting sentences", total=10, unit="sentences") as t:
        clock.now = 10.0
        t.advance()
        clock.now = 20.0
        t.advance()  # 2 done in 20 s: 8 left take about 80 s
        clock.now = 30.0  # the bar counts down between items: 70 s left
    assert "about 1 min left" in screen(out)


def test_summary_lines_say_what_was_summarised():
    from briefing.models import Event
    from briefing.summarise import _made_of

    events = [Event(id=f"e{i}", article_ids=(), passages=()) for i in range(5)]
    assert _made_of(events, Counter(model=1, edited=19, kept=5), model=True) == (
        "Summarised 5 events in 25 sentences: 1 written by the model, 19 sub-edited "
        "(dates, speakers, context, condensed, tense), 5 as the sources wrote them")
    overview = [Event(id="overview", article_ids=(), passages=())]
    assert _made_of(overview, Counter(edited=3, kept=1), model=False) == (
        "Drafted the opening Summary in 4 sentences without the model: 3 sub-edited "
        "(dates, speakers, context, condensed, tense), 1 as the sources wrote it")
    one = _made_of(events[:1], Counter(model=1), model=True)
    assert one.startswith("Summarised 1 event in 1 sentence: 1 written by the model")
