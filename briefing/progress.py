"""Progress for long stages: a live bar on a terminal, a few plain lines anywhere else.

Stages already report by calling `progress(message)`. A `Progress` is such a callable, and adds
`progress.task(...)` for stages that count items. Old callers and tests that pass a plain function
keep working through the module-level `task(...)` helper, which falls back to a start and an end line.

Example (a stage that may be handed a `Progress` or an old-style callback):

    progress = Progress()                       # a live bar if stderr is a terminal
    progress("Read 250 articles from seeds")    # a line, printed above any live bar
    with task(progress, "Rewriting sentences", total=807, unit="sentences") as t:
        for batch in batches:
            t.advance(len(batch))
    progress(f"Left out {plural(3, 'sentence')}")   # "Left out 3 sentences"; 1 gives "1 sentence"
"""

from __future__ import annotations

import math
import os
import sys
import threading
import time
from contextlib import AbstractContextManager, contextmanager
from typing import Callable, Iterator, TextIO

from .errors import BriefingError

# Plain mode goes to CI logs and pipes, where every line stays forever: one line every 10 s keeps
# an 800-sentence rewrite (a few minutes on CPU) to a dozen lines, yet shows within seconds that
# a run is still moving. Chosen by eye on the seeds corpus, not measured.
PLAIN_INTERVAL = 10.0

# While no item finishes (a model's batch can take a minute on a busy machine), a plain task
# still prints its line when one is due: a watcher thread checks this often. A second is
# far finer than the 10 s between lines, and costs nothing.
HEARTBEAT = 1.0

# The first item or two include warm-up (model load, the first batch's padding), so a rate from
# one item overstates the time left; two is the fewest that says anything about a rate.
MIN_DONE_FOR_ESTIMATE = 2

# Lets a user force plain lines where the terminal check is wrong (an IDE console, `script`),
# or force the bar where stderr is not seen as a terminal.
ENV_VAR = "BRIEFING_PROGRESS"
_ENV_CHOICES = ("auto", "plain", "live")


class Progress:
    """Callable progress reporter: `progress(message)` prints a line, `progress.task(...)` counts items.

    Args:
        stream: where progress goes; stdout stays free for results.
        live: draw a rich progress bar; defaults to `stream.isatty()`. The environment variable
            BRIEFING_PROGRESS=plain (or =live) overrides it.
        clock: seconds as a float; tests pass a fake one so throttling is not timed.
        interval: seconds between plain lines for a task.
        heartbeat: real seconds between checks, while a plain task waits for its items, that a
            line is due; None checks only when items are done (tests that move a fake clock by hand).

    Raises:
        BriefingError: BRIEFING_PROGRESS has a value other than auto, plain or live.
    """

    def __init__(self, stream: TextIO | None = None, live: bool | None = None, *,
                 clock: Callable[[], float] = time.monotonic, interval: float = PLAIN_INTERVAL,
                 heartbeat: float | None = HEARTBEAT):
        # Resolved at call time, not as a default, so pytest's capsys and redirections are honoured.
        self.stream = stream if stream is not None else sys.stderr
        self.live = _choose_live(self.stream, live)
        self.clock = clock
        self.interval = interval
        self.heartbeat = heartbeat
        self._console = None
        if self.live:
            from rich.console import Console

            # `live` was asked for, so draw even when the stream does not look like a terminal.
            self._console = Console(file=self.stream, force_terminal=True)
        self._bar = None  # the rich Progress shared by the tasks running now (tasks may nest)
        self._running = 0
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()

    def __call__(self, message: str) -> None:
        """Print `message` as a line, above the bar if one is showing."""
        if self._console is None:
            # One write under a lock: the heartbeat thread may print while the stage does.
            with self._write_lock:
                self.stream.write(message + "\n")
                self.stream.flush()
        else:
            # Messages are plain text: file names with [brackets] must not be read as rich markup.
            self._console.print(message, markup=False, highlight=False, emoji=False, soft_wrap=True)

    @contextmanager
    def task(self, description: str, total: int | None, unit: str = "") -> Iterator[Task]:
        """Count `total` items (None if unknown) of a stage; call `advance(n)` on what it yields.

        A total of 0 prints nothing. If the block raises, plain mode prints where it stopped and a
        live bar is stopped where it was, so the terminal is left usable; the exception propagates.
        """
        if total == 0:
            yield Task()
        elif self._console is None:
            with _plain_task(self, description, total, unit, self.clock, self.interval, self.heartbeat) as t:
                yield t
        else:
            with self._live_task(description, total, unit) as t:
                yield t

    @contextmanager
    def _live_task(self, description: str, total: int | None, unit: str) -> Iterator[Task]:
        from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        with self._lock:
            if self._bar is None:
                # One bar display for all tasks running at once: rich allows one live display.
                self._bar = RichProgress(
                    # Our own time left, not rich's: the same estimate, and the same wait for
                    # MIN_DONE_FOR_ESTIMATE items, as the plain lines.
                    TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[count]}"),
                    TimeElapsedColumn(), _time_left_column(self.clock), console=self._console,
                    get_time=self.clock,
                    # Stray stderr writes (warnings, old `print(..., file=sys.stderr)`) go above the
                    # bar; stdout is not redirected, as it would land on stderr and leave results.
                    redirect_stdout=False, redirect_stderr=True)
                self._bar.start()
            bar = self._bar
            self._running += 1
        task_id = bar.add_task(description, total=total, count=_count(0, total, unit), finish_at=None)
        try:
            yield _LiveTask(bar, task_id, total, unit, self.clock)
        finally:
            with self._lock:
                self._running -= 1
                if self._running == 0:
                    # Not transient: the finished bar stays as the stage's record of count and time.
                    bar.stop()
                    self._bar = None


class Task:
    """What `with progress.task(...) as t` yields; this base class, for a task with nothing to
    count or nobody to tell, ignores `advance`."""

    def advance(self, n: int = 1) -> None:
        """Count `n` more items done."""


class _LiveTask(Task):
    def __init__(self, bar, task_id, total: int | None, unit: str, clock: Callable[[], float]):
        self._bar, self._id, self.total, self.unit, self.clock = bar, task_id, total, unit, clock
        self.done = 0
        self.start = clock()
        self._lock = threading.Lock()

    def advance(self, n: int = 1) -> None:
        with self._lock:
            self.done += n
            now = self.clock()
            left = time_left(self.done, self.total, now - self.start)
            # Our own count text: rich's MofN column would print "312/None" for an unknown total.
            # The bar counts down to the estimated end between items (`_time_left_column`).
            self._bar.update(self._id, advance=n, count=_count(self.done, self.total, self.unit),
                             finish_at=None if left is None else now + left)


def _time_left_column(clock: Callable[[], float]):
    """A rich column: 'about 40 s left' once the task has an estimate, counting down to it."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class TimeLeftColumn(ProgressColumn):
        def render(self, task) -> Text:
            finish_at = task.fields.get("finish_at")
            if finish_at is None or task.finished:
                return Text("")
            return Text(f"about {format_time_left(finish_at - clock())} left", style="progress.remaining")

    return TimeLeftColumn()


class _PlainTask(Task):
    """Counts items and prints a line when at least `interval` seconds passed since the last one:
    when items are done (`advance`), or while none is (`tick`, called by a watcher thread)."""

    def __init__(self, emit: Callable[[str], None], description: str, total: int | None, unit: str,
                 clock: Callable[[], float], interval: float):
        self.emit, self.description, self.total, self.unit = emit, description, total, unit
        self.clock, self.interval = clock, interval
        self.done = 0
        self.start = self.last = clock()
        # Batches may finish on worker threads, and the watcher ticks on its own; the lock keeps
        # two of them from printing the same line.
        self._lock = threading.Lock()

    def advance(self, n: int = 1) -> None:
        with self._lock:
            self.done += n
            if self.total is not None and self.done >= self.total:
                return  # the closing line says the rest
        self.tick()

    def tick(self) -> None:
        """Print the count, the time so far and the time left, if a line is due."""
        with self._lock:
            now = self.clock()
            if now - self.last < self.interval:
                return
            self.last = now
            elapsed = now - self.start
            left = time_left(self.done, self.total, elapsed)
            line = f"{self.description}: {self._count()} after {format_duration(elapsed)}"
        self.emit(line + (f", about {format_time_left(left)} left" if left is not None else ""))

    def _count(self) -> str:
        return _count(self.done, self.total, self.unit)


@contextmanager
def _plain_task(emit: Callable[[str], None], description: str, total: int | None, unit: str,
                clock: Callable[[], float], interval: float, heartbeat: float | None = None) -> Iterator[Task]:
    t = _PlainTask(emit, description, total, unit, clock, interval)
    emit(f"{description}: {t._count()}")
    stop, watcher = threading.Event(), None
    if heartbeat is not None and math.isfinite(interval):
        # A model's batch can run for a minute with nothing done: the log still gets its line.
        def watch() -> None:
            while not stop.wait(heartbeat):
                t.tick()

        watcher = threading.Thread(target=watch, name=f"progress: {description}", daemon=True)
        watcher.start()

    def stop_watching() -> None:  # before the last line, so that no middle line follows it
        stop.set()
        if watcher is not None:
            watcher.join()

    try:
        yield t
    except BaseException:
        stop_watching()
        # A CI log should say how far a failed or interrupted stage got; the exception still propagates.
        emit(f"{description}: stopped at {t._count()} after {format_duration(clock() - t.start)}")
        raise
    stop_watching()
    emit(f"{description}: {t._count()} in {format_duration(clock() - t.start)}")


def task(progress: Callable[[str], None] | None, description: str, total: int | None,
         unit: str = "") -> AbstractContextManager[Task]:
    """A progress task for any `progress` callback: a `Progress` draws its own; a plain function
    (`print`, `list.append`) gets a start and an end line only; None reports nothing.

    Example:
        >>> lines = []
        >>> with task(lines.append, "Judging sentences", total=3, unit="sentences") as t:
        ...     t.advance(3)
        >>> lines[0]
        'Judging sentences: 0/3 sentences'
    """
    if isinstance(progress, Progress):
        return progress.task(description, total, unit)
    if progress is None or total == 0:
        return _nothing()
    # An infinite interval: old callbacks never asked for periodic lines, so they get none.
    return _plain_task(progress, description, total, unit, time.monotonic, math.inf)


@contextmanager
def _nothing() -> Iterator[Task]:
    yield Task()


def time_left(done: int, total: int | None, elapsed: float) -> float | None:
    """Seconds left at the rate so far, or None before MIN_DONE_FOR_ESTIMATE items are done."""
    if total is None or done < MIN_DONE_FOR_ESTIMATE or elapsed <= 0:
        return None
    return max(total - done, 0) * elapsed / done


def plural(n: int, word: str, plural_form: str | None = None) -> str:
    """'1 sentence', '0 sentences', '2 summaries': `n` and the noun that agrees with it.

    Args:
        word: the singular noun.
        plural_form: where adding 's' is wrong ('summary': 'summaries').

    Example:
        >>> plural(1, "event"), plural(21, "sentence"), plural(2, "summary", "summaries")
        ('1 event', '21 sentences', '2 summaries')
    """
    return f"{n} {word if n == 1 else plural_form or word + 's'}"


def format_duration(seconds: float) -> str:
    """'45 s', '2 min 5 s', '1 h 3 min': how long a finished stage took."""
    s = round(seconds)
    if s < 1:
        return "under 1 s"
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s" if s % 60 else f"{s // 60} min"
    h, m = divmod(round(s / 60), 60)
    return f"{h} h {m} min" if m else f"{h} h"


def format_time_left(seconds: float) -> str:
    """'40 s', '3 min', '1 h 20 min': an estimate, rounded so it claims no more than it knows."""
    # A rate-based guess is not finer than 5 s, a minute, or (past an hour) 10 min; never "0 s".
    s = max(5, 5 * round(seconds / 5))
    if s < 60:
        return f"{s} s"
    m = round(seconds / 60)
    if m < 60:
        return f"{m} min"
    h, m = divmod(10 * round(seconds / 600), 60)
    return f"{h} h {m} min" if m else f"{h} h"


def _choose_live(stream: TextIO, live: bool | None) -> bool:
    choice = os.environ.get(ENV_VAR, "auto").strip().lower() or "auto"
    if choice not in _ENV_CHOICES:
        raise BriefingError(f"{ENV_VAR}={choice!r} is not understood (use auto, plain or live)")
    if choice != "auto":
        return choice == "live"
    if live is not None:
        return live
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _count(done: int, total: int | None, unit: str) -> str:
    """'312/807 sentences', '0/1 article', or '312 files' when the total is unknown.

    `unit` is the plural noun, as callers name what they count; its singular, for a total of one
    (or one item of an unknown total), drops the final 's' ('ies' becomes 'y')."""
    count = f"{done}" if total is None else f"{done}/{total}"
    if not unit:
        return count
    if (done if total is None else total) == 1:
        unit = unit[:-3] + "y" if unit.endswith("ies") else unit.removesuffix("s")
    return f"{count} {unit}"
