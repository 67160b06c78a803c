import os
import re
import subprocess
import sys
import time
from pathlib import Path


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "briefing.cli", *args], capture_output=True, text=True, **kw)


def test_help_explains_itself():
    proc = run("build", "--help")
    assert proc.returncode == 0
    for option in ("--output", "--model", "--prompts", "--title", "--template", "--force", "--threads"):
        assert option in proc.stdout


def test_missing_folder_is_a_one_line_usage_error(tmp_path):
    proc = run("build", str(tmp_path / "nope"), "-o", str(tmp_path / "b.docx"))
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"Error: {tmp_path / 'nope'} is not a folder: it does not exist."]
    assert "Traceback" not in proc.stderr


def test_a_file_given_as_the_folder_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text("An article.", encoding="utf-8")
    for command in ("build", "watch", "clusters", "timeline"):
        proc = run(command, str(tmp_path / "a.txt"), timeout=60)
        assert proc.returncode == 2, (command, proc.stderr)
        assert proc.stderr.splitlines() == [
            f"Error: {tmp_path / 'a.txt'} is a file, not a folder; give the folder that holds the articles."]


def test_version():
    from importlib.metadata import version

    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout == f"briefing {version('briefing')}\n"


def test_short_help_option():
    for args in (["-h"], ["build", "-h"], ["watch", "-h"]):
        proc = run(*args)
        assert proc.returncode == 0 and "Show this message and exit" in proc.stdout, args


def _help(command: str) -> str:
    # A fixed width, and piped (not a terminal): the layout an officer's CI log or `| less` shows.
    return run(command, "--help", env={**os.environ, "COLUMNS": "100"}).stdout


def test_help_shows_metavars_and_no_type_labels():
    for command in ("build", "watch", "timeline", "clusters", "summarise"):
        text = _help(command)
        # Typer's own labels: <path>, <bool>, <str>, <float range>, <list[Path]>, {folder}.
        assert not re.search(r"<[a-z][^>]*>|\{[a-z]+\}", text), (command, text)
        assert "--no-debug" not in text
    build = _help("build")
    assert re.search(r"Usage: briefing build \[OPTIONS\] FOLDER *\n", build)  # rich pads lines with spaces
    for option, metavar in (("-o", "FILE"), ("--model", "MODEL"), ("--endpoint", "URL"), ("--api-key", "KEY"),
                            ("--concurrency", "N"), ("--prompts", "DIR"), ("--title", "TEXT"),
                            ("--template", "FILE"), ("--cache", "FILE"), ("--threads", "N"), ("--pages", "PAGES")):
        assert re.search(rf"{option}\s+{metavar}\b", build), (option, build)
    for flag in ("--force", "--no-cache", "--debug"):  # a flag shows its name and its help, no label
        assert re.search(rf"{flag}\s+[A-Z][a-z]", build), (flag, build)
    watch = _help("watch")
    assert re.search(r"Usage: briefing watch \[OPTIONS\] FOLDER *\n", watch)
    assert re.search(r"--debounce\s+SECONDS\b", watch)
    assert re.search(r"Usage: briefing summarise \[OPTIONS\] FILE\.\.\. *\n", _help("summarise"))


def test_watch_has_every_build_option():
    def options(text: str) -> set[str]:
        return set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", text))

    assert options(_help("build")) | {"--debounce"} == options(_help("watch"))


def test_unwritable_output_is_reported_at_once_before_any_article_is_read(tmp_path):
    from .conftest import SEEDS

    if os.geteuid() != 0:
        (tmp_path / "locked").mkdir(mode=0o555)
        out, folder = tmp_path / "locked" / "b.docx", tmp_path / "locked"
    else:  # root writes through permission bits; /proc refuses new files even to root
        out, folder = Path("/proc/briefing-test.docx"), Path("/proc")
    start = time.monotonic()
    proc = run("build", str(SEEDS), "-o", str(out), timeout=60)
    elapsed = time.monotonic() - start
    assert proc.returncode == 1
    why = "it does not accept new files" if folder == Path("/proc") else "permission denied"
    assert proc.stderr.splitlines() == [
        f"Error: Cannot write {out}: {folder} is not writable ({why}). Choose another place with -o."]
    assert "Read " not in proc.stderr and proc.stdout == ""
    assert elapsed < 5, f"{elapsed:.1f} s: the check must come before the pipeline is even imported"


def test_output_choices_that_cannot_be_are_usage_errors(tmp_path):
    from .conftest import SEEDS

    (tmp_path / "afile").write_text("x", encoding="utf-8")
    proc = run("build", str(SEEDS), "-o", str(tmp_path / "afile" / "b.docx"))
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"Error: Cannot write {tmp_path / 'afile' / 'b.docx'}: {tmp_path / 'afile'} is a file, not a folder."]
    proc = run("build", str(SEEDS), "-o", str(tmp_path / "b.pdf"))
    assert proc.returncode == 2 and "give a name ending in .docx" in proc.stderr
    proc = run("build", str(SEEDS), "-o", str(tmp_path / "b.docx"), "--template", str(tmp_path / "none.dotx"))
    assert proc.returncode == 2 and "Cannot use template" in proc.stderr and "does not exist" in proc.stderr
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob(".briefing-check-*"))


def test_folder_of_bad_files_exits_1_and_writes_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    proc = run("build", str(tmp_path / "in"), "-o", str(tmp_path / "b.docx"))
    assert proc.returncode == 1
    assert "empty.txt: no text in it" in proc.stderr
    assert "No usable article" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "b.docx").exists()


def test_usage_errors_are_one_line_with_exit_2():
    proc = run("build", "--frobnicate")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "Error: No such option: --frobnicate (Possible options: --force). Try 'briefing build -h' for help."]
    proc = run("build", "seeds", "--pages", "0")
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1 and "--pages" in proc.stderr
    proc = run("build")
    assert proc.returncode == 2 and proc.stderr.startswith("Error: Missing argument 'FOLDER'.")


def test_summarise_prints_only_the_summary(tiny_causal):
    from .conftest import SEEDS

    files = sorted(str(p) for p in SEEDS.glob("00[23]_*"))
    proc = run("summarise", *files, "--max-words", "80", "--model", str(tiny_causal), timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.strip()
    assert out and "\n" not in out  # one paragraph of plain text, progress on stderr
    assert 20 <= len(out.split()) <= 80 + 40  # the budget, give or take the last sentence
    assert "Ofsted" in out and "Loading model" in proc.stderr


def test_summarise_with_no_usable_file_is_an_error(tmp_path):
    (tmp_path / "e.txt").write_text("", encoding="utf-8")
    proc = run("summarise", str(tmp_path / "e.txt"))
    assert proc.returncode == 1 and proc.stdout == ""
    assert "No usable article" in proc.stderr


def test_clusters_help_shows_the_json_shape():
    from typer.testing import CliRunner

    from briefing.cli import app

    result = CliRunner().invoke(app, ["clusters", "--help"], terminal_width=200)
    text = " ".join(result.output.split())
    assert '"articles": [paths]}]' in text and '"duplicates": [[paths]]' in text, text


def test_help_names_the_backends():
    from typer.testing import CliRunner

    from briefing.cli import app

    result = CliRunner().invoke(app, ["build", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for option in ("--endpoint", "--api-key", "--concurrency", "--model", "--threads", "BRIEFING_ENDPOINT"):
        assert option in result.output, option
