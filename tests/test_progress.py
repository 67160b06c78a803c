"""Progress: plain lines off a terminal (throttled by a fake clock), a rich bar on one, and the fallback."""

from __future__ import annotations

import io
import re

import pytest

from briefing.errors import BriefingError
from briefing.progress import PLAIN_INTERVAL, Progress, format_duration, format_time_left, task

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
    return Progress(out, live=False, clock=clock), out


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
    assert middle[0].startswith("Judging sentences: 80/1000 sentences")  # first at 10 s, not before
    assert lines(out)[-1] == "Judging sentences: 1000/1000 sentences in 2 min 5 s"


def test_time_left_appears_once_the_rate_is_known():
    clock = FakeClock()
    progress, out = plain(clock)
    with progress.task("Embedding passages", total=100, unit="passages") as t:
        clock.now = 11.0
        t.advance()  # one item: warm-up, too few to estimate from
        clock.now = 22.0
        t.advance(9)  # 10 done in 22 s: 90 left take about 198 s
    assert lines(out)[1] == "Embedding passages: 1/100 passages"
    assert lines(out)[2] == "Embedding passages: 10/100 passages, about 3 min left"


def test_unknown_total_shows_counts_without_time_left():
    clock = FakeClock()
    progress, out = plain(clock)
    with progress.task("Reading files", total=None, unit="files") as t:
        for _ in range(30):
            clock.now += 1.0
            t.advance()
    assert lines(out)[0] == "Reading files: 0 files"
    assert lines(out)[1] == "Reading files: 10 files"
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
    assert lines(out)[1] == "Judging sentences: 20/40 sentences, about 10 s left"


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
