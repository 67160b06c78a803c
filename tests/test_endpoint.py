"""The endpoint backend against real servers on 127.0.0.1.

Two kinds: llama.cpp's OpenAI-compatible server (llama-cpp-python[server], a test dependency)
serving the embedded GGUF, for real builds; and a small http.server of our own whose answers
the test scripts (503s, a wrong key), for the retry and error paths.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from briefing.errors import ModelError
from briefing.generators import EndpointGenerator, embedded_gguf_path, get_generator

from .conftest import SEEDS
from .docx_reader import footnote_refs, footnotes
from .test_end_to_end import BRIEFING, _body, invented


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_llama_server(log: Path) -> tuple[subprocess.Popen, str]:
    """llama.cpp's server on the embedded GGUF; returns once GET /v1/models answers.

    Its log goes to a file: it writes hundreds of kilobytes at start-up, enough to fill a pipe
    and stall it."""
    if os.environ.get("CI"):
        import llama_cpp.server  # noqa: F401  (in CI a missing server is a failure, not a skip)
    else:
        pytest.importorskip("llama_cpp.server", reason="pip install 'llama-cpp-python[server]' (a test dependency)")
    port = _free_port()
    with open(log, "wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(embedded_gguf_path()), "--model_alias", "smollm2",
             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--n_threads", "2"],
            stdout=sink, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"llama.cpp server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(url + "/models", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    _stop(proc)
    raise AssertionError(f"llama.cpp server did not start within 120 s: {log.read_text(errors='replace')[-2000:]}")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    proc, url = _start_llama_server(tmp_path_factory.mktemp("llama") / "server.log")
    yield url
    _stop(proc)


def test_generates_in_order_through_llama_cpp(llama_server):
    gen = get_generator("endpoint", endpoint=llama_server, concurrency=3, progress=lambda m: None)
    assert gen.model == "smollm2" and gen.name == f"smollm2 at {llama_server}"  # from GET /models
    prompts = [f"Repeat this word and nothing else: {w}" for w in ("council", "inspection", "Ofsted", "budget")]
    answers = gen.generate_batch(prompts, max_new_tokens=12)
    assert len(answers) == 4 and all(isinstance(a, str) and a for a in answers)
    # In order: each answer belongs to its own prompt (the model echoes the word).
    for word, answer in zip(("council", "inspection", "Ofsted", "budget"), answers):
        assert word.lower() in answer.lower(), (word, answer)


def test_build_on_the_seeds_through_the_server(llama_server, tmp_path):
    out = tmp_path / "b.docx"
    proc = subprocess.run([*BRIEFING.split(), "build", str(SEEDS), "-o", str(out), "--no-cache",
                           "--endpoint", llama_server], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert f"Using the model server at {llama_server}" in proc.stderr and "Loading model" not in proc.stderr
    refs, notes = footnote_refs(out), footnotes(out)
    assert refs and set(refs) == set(notes)
    _, body = _body(out)
    assert len(body) >= 10
    # The same checks guard every backend: nothing the seeds do not say.
    assert invented(body) == []


def test_a_server_that_dies_mid_build_leaves_the_old_briefing(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for seed in sorted(SEEDS.iterdir())[:2]:  # two articles: a short build, still several requests
        shutil.copy(seed, folder)
    out = tmp_path / "b.docx"
    proc, url = _start_llama_server(tmp_path / "server.log")
    try:
        first = subprocess.run([*BRIEFING.split(), "build", str(folder), "-o", str(out), "--no-cache", "--endpoint", url],
                               capture_output=True, text=True, timeout=600)
        assert first.returncode == 0, first.stderr
        before = out.read_bytes()
        build = subprocess.Popen([*BRIEFING.split(), "build", str(folder), "-o", str(out), "--no-cache",
                                  "--endpoint", url], stderr=subprocess.PIPE, text=True)
        # Kill the server as soon as the build has found it and starts sending work.
        for line in build.stderr:
            if line.startswith("Using the model server"):
                proc.kill()
                break
        _, err = build.communicate(timeout=300)
    finally:
        _stop(proc)
    assert build.returncode == 1
    last = err.strip().splitlines()[-1]
    assert last.startswith(f"Error: The model server at {url}") and "Is it running" in last, err
    assert "Traceback" not in err
    assert out.read_bytes() == before  # the old briefing, untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == [".briefing-ledger.json", "articles", "b.docx", "server.log"]


def test_no_server_is_one_clear_line(tmp_path):
    url = f"http://127.0.0.1:{_free_port()}/v1"  # nothing listens there
    out = tmp_path / "b.docx"
    proc = subprocess.run([*BRIEFING.split(), "build", str(SEEDS), "-o", str(out), "--no-cache", "--endpoint", url],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1].startswith(f"Error: The model server at {url} failed: cannot connect")
    assert not out.exists()


class _Scripted(BaseHTTPRequestHandler):
    """Answers from `server.script`: a list of status codes consumed one per request (200 when empty)."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self._answer({"data": [{"id": "scripted-model"}]})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.seen.append((self.path, self.headers.get("Authorization"), body))
        with self.server.lock:
            status = self.server.script.pop(0) if self.server.script else 200
        if status != 200:
            self.send_response(status)
            self.end_headers()
            return
        prompt = body["messages"][-1]["content"]
        with self.server.lock:
            self.server.in_flight += 1
            self.server.peak = max(self.server.peak, self.server.in_flight)
        time.sleep(self.server.delay)
        with self.server.lock:
            self.server.in_flight -= 1
        self._answer({"choices": [{"message": {"role": "assistant", "content": f"echo: {prompt}"}}]})

    def _answer(self, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except BrokenPipeError:  # the client gave up waiting (the timeout test)
            pass


@pytest.fixture
def scripted():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Scripted)
    server.script, server.seen, server.lock, server.delay = [], [], threading.Lock(), 0.0
    server.in_flight = server.peak = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_retries_busy_server_then_succeeds(scripted):
    server, url = scripted
    server.script = [503, 429]
    gen = EndpointGenerator(url, model="m", api_key="sekret", backoff=0.01)
    assert gen.generate("hello", max_new_tokens=5) == "echo: hello"
    assert len(server.seen) == 3
    path, auth, body = server.seen[-1]
    assert path == "/v1/chat/completions" and auth == "Bearer sekret"
    assert body["model"] == "m" and body["max_tokens"] == 5 and body["temperature"] == 0
    assert body["messages"][0]["role"] == "system"


def test_gives_up_after_the_retries(scripted):
    server, url = scripted
    server.script = [503] * 10
    gen = EndpointGenerator(url, retries=2, backoff=0.01)
    with pytest.raises(ModelError, match=r"answered HTTP 503 after 3 tries"):
        gen.generate("x", max_new_tokens=5)
    assert len(server.seen) == 3


def test_wrong_key_names_the_option(scripted):
    server, url = scripted
    server.script = [401]
    with pytest.raises(ModelError, match="check --api-key"):
        EndpointGenerator(url, backoff=0.01).generate("x", max_new_tokens=5)
    assert len(server.seen) == 1  # not retried: a wrong key stays wrong


def test_requests_run_concurrently_and_answers_keep_their_order(scripted):
    server, url = scripted
    server.delay = 1.0  # long enough that four requests sent together are all open at once
    gen = EndpointGenerator(url, concurrency=4)
    answers = gen.generate_batch([f"p{i}" for i in range(8)], max_new_tokens=5)
    assert answers == [f"echo: p{i}" for i in range(8)]
    # Counted by the server, not timed: however busy the machine, four were open together and
    # never more.
    assert server.peak == 4


def test_timeout_is_an_error_not_a_hang(scripted):
    server, url = scripted
    server.delay = 120.0  # answers far later than any load could delay the client
    gen = EndpointGenerator(url, timeout=0.3, retries=1, backoff=0.01)
    start = time.monotonic()
    with pytest.raises(ModelError, match="did not answer in time after 2 tries"):
        gen.generate("x", max_new_tokens=5)
    assert time.monotonic() - start < 60  # gave up on its own timeout, did not wait for the answer


def test_bad_url_is_refused():
    with pytest.raises(ModelError, match="not an http"):
        EndpointGenerator("localhost:8000")


def test_a_failed_request_stops_the_batch_at_once(scripted):
    server, url = scripted
    server.script, server.delay = [401], 120.0  # one wrong-key answer; the others would take 120 s
    gen = EndpointGenerator(url, concurrency=2, backoff=0.01)
    start = time.monotonic()
    with pytest.raises(ModelError, match="check --api-key"):
        gen.generate_batch(["a", "b", "c"], max_new_tokens=5)
    assert time.monotonic() - start < 60  # did not wait for the requests in flight


def test_the_command_exits_promptly_when_a_request_fails(scripted, tmp_path):
    server, url = scripted
    server.script, server.delay = [401], 600.0  # the requests in flight would answer in 10 minutes
    out = tmp_path / "b.docx"
    start = time.monotonic()
    proc = subprocess.run([*BRIEFING.split(), "build", str(SEEDS), "-o", str(out), "--no-cache", "--endpoint", url],
                          capture_output=True, text=True, timeout=900)
    elapsed = time.monotonic() - start
    assert proc.returncode == 1 and "check --api-key" in proc.stderr.strip().splitlines()[-1]
    assert not out.exists()
    assert elapsed < 400, f"the command waited {elapsed:.0f} s for requests in flight"
