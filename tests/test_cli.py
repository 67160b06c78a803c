import subprocess
import sys


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "briefing.cli", *args], capture_output=True, text=True, **kw)


def test_help_explains_itself():
    proc = run("build", "--help")
    assert proc.returncode == 0
    for option in ("--output", "--model", "--prompts", "--title", "--template", "--force", "--threads"):
        assert option in proc.stdout


def test_missing_folder_is_one_line_error(tmp_path):
    proc = run("build", str(tmp_path / "nope"), "-o", str(tmp_path / "b.docx"))
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [f"Error: {tmp_path / 'nope'} is not a folder."]
    assert "Traceback" not in proc.stderr


def test_folder_of_bad_files_exits_1_and_writes_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    proc = run("build", str(tmp_path / "in"), "-o", str(tmp_path / "b.docx"))
    assert proc.returncode == 1
    assert "empty.txt: no text in it" in proc.stderr
    assert "No usable article" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "b.docx").exists()


def test_unknown_option_is_usage_error():
    assert run("build", "--frobnicate").returncode == 2


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
