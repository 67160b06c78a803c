"""How much of the machine this process may use: the cores other programs leave free.

The model's threads (`briefing.generators`) and the parser's processes (`briefing.parse`) are
chosen from the same measure, just before the work, so that a build beside another busy
program takes the cores that program leaves and no more.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable


# A core counts as free when other programs keep it less than half busy. The seeds' 21 rewrites
# in one batch, 2 cores (bench: generate_batch alone, 2 runs each): idle, 8.8 s on 1 thread and
# 5.6 s on 2; beside a program using 0.3 of a core, 9.0 and 6.3 s; beside one using 0.6, 8.3
# and 8.0 s (even); while other programs held a 1-minute load of 3 to 5, 8 s on 1 thread
# against 46 s to 5 min on 2. So a core goes to the model while others use under half of it.
FREE_CORE_SLACK = 0.5


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system has one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def choose_threads(requested: int | None, *, others: float, cores: int) -> int:
    """CPU threads for the next batch: `requested` when the user named a number, else the cores
    that other programs (keeping `others` cores busy) leave free, at least 1.

        >>> choose_threads(None, others=0.3, cores=2), choose_threads(None, others=0.6, cores=2)
        (2, 1)
        >>> choose_threads(4, others=7.0, cores=2)  # the user's --threads wins
        4
    """
    if requested:
        return requested
    return max(1, min(cores, math.floor(cores - others + FREE_CORE_SLACK)))


def system_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy, all cores, since it started."""
    import psutil

    t = psutil.cpu_times()
    # Idle and waiting for disk are free time; a virtual machine's guests are counted in user already.
    free = t.idle + sum(getattr(t, f, 0.0) for f in ("iowait", "guest", "guest_nice"))
    return sum(t) - free


def own_cpu_seconds() -> float:
    """CPU seconds this process has used, all threads, with those of its children that ended."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


# Shorter than this, a window holds too few of the kernel's CPU-time ticks (10 ms each on every
# core) to say how busy the machine is: the last figure stands.
MIN_WINDOW = 0.5


class OthersLoad:
    """Callable: how many cores other programs kept busy since it was last called (or made): the
    machine's busy CPU time less this process's, per second.

    Not the load average: that is a 1-minute average, and remembers programs that have ended.
    Right after one seeds build, the next found a load of 1.2 on an idle machine, chose 1 thread
    of 2, and rewrote in 10.7 s instead of 7.1 s. `os.getloadavg()` is used only where the
    machine's CPU times cannot be read (less this process's own CPU time per second).

    Args:
        busy: the machine's busy CPU seconds (`system_busy_seconds`); tests pass a fake.
        cpu: this process's CPU seconds, all threads, and its ended children's (the parser's
            second process is ours, not another program's).
        clock: seconds, for the rates.
        loadavg: the 1-minute load average, the fallback.
    """

    def __init__(self, *, busy: Callable[[], float] = system_busy_seconds,
                 cpu: Callable[[], float] = own_cpu_seconds, clock: Callable[[], float] = time.monotonic,
                 loadavg: Callable[[], float] = lambda: os.getloadavg()[0]):
        self.busy, self.cpu, self.clock, self.loadavg = busy, cpu, clock, loadavg
        self.last = 0.0
        self._at, self._used, self._busy = clock(), cpu(), self._read_busy()

    def _read_busy(self) -> float | None:
        try:
            return self.busy()
        except Exception:  # no psutil, or no /proc/stat: fall back on the load average
            return None

    def __call__(self) -> float:
        now, used, busy = self.clock(), self.cpu(), self._read_busy()
        seconds = now - self._at
        if seconds < MIN_WINDOW:
            return self.last
        ours = (used - self._used) / seconds
        if busy is not None and self._busy is not None:
            self.last = max(0.0, (busy - self._busy) / seconds - ours)
        else:
            self.last = max(0.0, self.loadavg() - ours)
        self._at, self._used, self._busy = now, used, busy
        return self.last
