"""Crash safety (SIGKILL mid-build) and `briefing watch`, through the real command with a tiny
model the tests make, a real SQLite cache and real files."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import docx

from .conftest import SEEDS
from .docx_reader import footnote_refs, footnotes, paragraphs

CMD = [sys.executable, "-m", "briefing.cli"]


def _article(n: int) -> str:
    return (f"Devon County Council published update number {n} on its children's services improvement plan on Monday.\n\n"
            f"The update said caseloads had fallen in {n + 2} of the county's teams since the last report.\n\n"
            "The council's cabinet will discuss the update at its next meeting.")


def _intact(path: Path) -> None:
    doc = docx.Document(path)  # opens: a whole file, not half of one
    assert doc.paragraphs and set(footnote_refs(path)) == set(footnotes(path))


def test_sigkill_at_any_moment_leaves_old_briefing_and_usable_cache(tmp_path, tiny_causal):
    folder, out, cache = tmp_path / "in", tmp_path / "out" / "b.docx", tmp_path / "cache.sqlite"
    shutil.copytree(SEEDS, folder)
    args = [*CMD, "build", str(folder), "-o", str(out), "--model", str(tiny_causal), "--cache", str(cache)]
    assert subprocess.run(args, capture_output=True, timeout=300).returncode == 0
    before = out.read_bytes()
    for n, delay in enumerate((0.5, 1.5, 2.5, 3.5, 5.0)):
        (folder / f"10{n}_update.txt").write_text(_article(n), encoding="utf-8")
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        if proc.returncode == 0:  # finished before the kill: its briefing is the new "before"
            before = out.read_bytes()
        assert out.read_bytes() == before, f"killed after {delay} s: the briefing changed"
        _intact(out)
        db = sqlite3.connect(cache)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
    done = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    _intact(out)
    sources = [t for s, t in paragraphs(out) if s == "ListNumber"]
    assert len(sources) == 10  # five seeds and the five updates


def test_watch_rebuilds_when_a_file_arrives_and_stops_cleanly(tmp_path, tiny_causal):
    folder, out = tmp_path / "in", tmp_path / "out" / "b.docx"
    shutil.copytree(SEEDS, folder)
    # --force: watch takes every option of build (it was refused before).
    proc = subprocess.Popen([*CMD, "watch", str(folder), "-o", str(out), "--model", str(tiny_causal),
                             "--cache", str(tmp_path / "c.sqlite"), "--debounce", "0.5", "--force"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, "")), daemon=True)
    reader.start()

    def wait_for(text: str, count: int = 1, timeout: float = 300) -> None:
        end = time.monotonic() + timeout
        while sum(text in line for line in lines) < count:
            assert proc.poll() is None, "".join(lines)
            assert time.monotonic() < end, f"no {text!r} after {timeout} s:\n" + "".join(lines)
            time.sleep(0.1)

    try:
        wait_for("Watching")
        assert out.exists()
        (folder / "100_update.txt").write_text(_article(1), encoding="utf-8")
        wait_for("Wrote", count=2)
        sources = [t for s, t in paragraphs(out) if s == "ListNumber"]
        assert any("100_update.txt" in t for t in sources)
        # The rebuild says which file it is for, under the folder as it was named.
        assert f"{folder / '100_update.txt'} added; rebuilding\n" in lines, "".join(lines)
        assert any("Reusing the summaries of 5 unchanged events" in line for line in lines)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=300)
        except subprocess.TimeoutExpired:  # say where it hung: faulthandler prints every thread
            proc.send_signal(signal.SIGABRT)
            proc.wait(timeout=60)
            reader.join(timeout=5)
            raise AssertionError("watch did not stop on Ctrl+C:\n" + "".join(lines)) from None
        reader.join(timeout=5)
    assert proc.returncode == 0, "".join(lines)
    # Ctrl+C while waiting: one plain line, after the last build's lines, and nothing else.
    assert lines[-1] == "Stopped watching.\n", "".join(lines)
    assert sum("Stopped watching" in line for line in lines) == 1
    assert not any("KeyboardInterrupt" in line or "Traceback" in line for line in lines), "".join(lines)
    assert proc.stdout.read() == ""


def test_watch_takes_the_build_options_and_checks_the_output_first(tmp_path):
    # --no-cache and --force are accepted (a usage error would exit 2); the unwritable output is
    # refused before any build starts, so this needs no model.
    proc = subprocess.run([*CMD, "watch", str(SEEDS), "--no-cache", "--force", "-o", "/proc/briefing-watch.docx"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [(
        "Error: Cannot write /proc/briefing-watch.docx: /proc is not writable (it does not accept new files). "
        "Choose another place with -o.")]


def test_describe_changes_names_the_files(tmp_path):
    from watchfiles import Change

    from briefing.cli import describe_changes

    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "new.txt").write_text("x", encoding="utf-8")
    (folder / "a.txt").write_text("x", encoding="utf-8")
    new = str(folder / "new.txt")
    # A file written once often comes as added and modified: it is told once, as added.
    assert describe_changes({(Change.added, new), (Change.modified, new)}, folder) == f"{folder / 'new.txt'} added"
    assert describe_changes({(Change.modified, new)}, folder) == f"{folder / 'new.txt'} changed"
    assert describe_changes({(Change.deleted, str(folder / "old.txt"))}, folder) == f"{folder / 'old.txt'} removed"
    two = {(Change.modified, str(folder / "b.txt")), (Change.added, str(folder / "a.txt"))}
    assert describe_changes(two, folder) == "2 files changed (a.txt, b.txt)"
    many = {(Change.added, str(folder / f"{n:02}.txt")) for n in range(8)}
    assert describe_changes(many, folder) == "8 files changed (00.txt, 01.txt, 02.txt, 03.txt, 04.txt and 3 more)"


def test_ctrl_c_during_a_watch_build_is_one_line(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import briefing.pipeline
    from briefing.cli import app

    def interrupted_build(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl+C mid-build: watch's handler raises here
        time.sleep(30)
        raise AssertionError("the build was not interrupted")

    monkeypatch.setattr(briefing.pipeline, "build_briefing", interrupted_build)
    result = CliRunner().invoke(app, ["watch", str(SEEDS), "--no-cache", "-o", str(tmp_path / "b.docx")])
    assert result.exit_code == 130, result.output
    assert result.stderr.splitlines() == ["Build interrupted; the previous briefing is untouched. Stopped watching."]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back as it was
