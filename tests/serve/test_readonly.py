"""The UI and the read commands never write: a missing store is an NW250 error with nothing
created, the store file is byte-identical after serving it, a writer never makes a page
fail (pages wait a short budget, then 503), `serve` stops on SIGTERM within seconds, and a
busy port is one clear line."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsweave.serve.app import create_app
from newsweave.settings import ServeSettings
from tests.ask.test_ask import example_store
from tests.serve.live import serve, serve_app

READ_COMMANDS = (
    ("status",),
    ("status", "--json"),
    ("show", "d123"),
    ("events",),
    ("relations", "Someone"),
    ("entities",),
    ("timeline",),
    ("ask", "Who?"),
    ("quotes", "--json"),
    ("forget", "d123"),
    ("serve", "--port", "0"),
)


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsweave.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c))
def test_a_missing_store_is_an_error_and_nothing_is_created(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    db = tmp_path / "typo" / "store.db"
    done = cli(*command, "--db", str(db))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error NW250"), done.stderr
    assert f"no store at {db}; run `newsweave ingest` first" in lines[0]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "typo").exists()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example store, checkpointed into one file and made read-only."""
    db = tmp_path_factory.mktemp("ro") / "example.db"
    source = sqlite3.connect(example_store())
    target = sqlite3.connect(db)
    source.backup(target)
    source.close()
    target.close()
    os.chmod(db, 0o444)
    return db


def test_serving_leaves_the_store_untouched(copy: Path) -> None:
    before = _digest(copy)
    for base in serve_app(copy):
        for path in ("/", "/entities", "/events.json", "/search?q=strike", "/graph", "/map"):
            assert httpx.get(base + path).status_code == 200, path
    assert _digest(copy) == before
    wal = copy.with_name(copy.name + "-wal")  # SQLite may open an empty log beside it
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_writer_never_makes_a_page_fail(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    source = sqlite3.connect(example_store())
    target = sqlite3.connect(db)
    source.backup(target)
    source.close()
    target.execute("PRAGMA journal_mode = WAL")
    target.close()
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a long ingest: holds the write lock throughout
    writer.execute("UPDATE documents SET title = title || ' (edited)'")
    try:
        for base in serve_app(db):
            for path in ("/", "/entities.json", "/events", "/search.json?q=port", "/graph"):
                assert httpx.get(base + path).status_code == 200, path
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_locked_store_answers_503_not_500(tmp_path: Path) -> None:
    import uvicorn

    from newsweave.serve.server import bind

    db = tmp_path / "locked.db"
    source = sqlite3.connect(example_store())
    target = sqlite3.connect(db)
    source.backup(target)
    source.close()
    target.close()
    sock = bind("127.0.0.1", 0)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    app = create_app(db, ServeSettings(busy_timeout=0.2))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # nobody may read until it ends
    try:
        page = httpx.get(base + "/entities")
        assert page.status_code == 503, page.text[:300]
        assert "NW251" in page.text and "Traceback" not in page.text
        data = httpx.get(base + "/events.json")
        assert data.status_code == 503 and data.json()["error"] == "NW251"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert httpx.get(base + "/entities").status_code == 200  # and it recovers
    server.should_exit = True
    thread.join(timeout=10)


def _start(db: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsweave.cli", "serve", "--db", str(db), "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "newsweave UI: http://127.0.0.1:" in line, line
    stop = proc.stdout.readline()
    assert "Ctrl-C" in stop and "SIGTERM" in stop
    return proc, line.split("newsweave UI: ", 1)[1].strip().rstrip("/")


@pytest.fixture
def running(copy: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    proc, base = _start(copy)
    yield proc, base
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_serve_logs_each_request_and_stops_on_sigterm(
    running: tuple[subprocess.Popen[str], str],
) -> None:
    proc, base = running
    assert httpx.get(base + "/entities", params={"type": "PERSON"}).status_code == 200
    assert httpx.get(base + "/entity/nope").status_code == 404
    began = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=10)
    assert time.monotonic() - began < 5
    assert proc.stderr is not None
    log = proc.stderr.read().splitlines()
    assert any(line.startswith("GET /entities?type=PERSON 200 ") for line in log), log
    assert any(line.startswith("GET /entity/nope 404 ") for line in log), log
    assert not any("Traceback" in line for line in log)


def test_serve_on_a_busy_port_is_one_clear_line(copy: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        done = cli("serve", "--db", str(copy), "--port", str(port))
    finally:
        taken.close()
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error NW255"), done.stderr
    assert str(port) in lines[0] and "--port" in lines[0]


def test_a_damaged_store_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "damaged.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    for command in (("status",), ("entities",), ("serve", "--port", "0")):
        done = cli(*command, "--db", str(db))
        assert done.returncode == 1, command
        assert done.stderr.startswith("error NW2"), done.stderr
        assert "Traceback" not in done.stderr


def test_a_page_stops_its_work_when_the_client_goes_away(copy: Path) -> None:
    """A question whose client hangs up stops between two statements: nothing runs after
    the disconnection is seen, and the reader counts the page as cancelled."""
    import uvicorn

    from newsweave.serve.server import bind

    question = "/ask?q=Who+called+off+the+general+strike%3F"
    app = create_app(copy)
    reader = app.state.reader
    statements: list[str] = []
    hold = threading.Event()
    entered, release = threading.Event(), threading.Event()

    def trace(sql: str) -> None:
        statements.append(sql)
        if hold.is_set() and "actor_names" in sql and not entered.is_set():
            entered.set()  # the page is at work: keep it here until the client is gone
            release.wait(60)

    reader.trace = trace
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        answered = httpx.get(f"http://127.0.0.1:{port}{question}", timeout=120)
        assert answered.status_code == 200
        queries = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
        assert len(queries) > 5  # a whole answer runs many statements

        statements.clear()
        hold.set()
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall(f"GET {question} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        assert entered.wait(60)
        client.close()  # the analyst closed the tab
        deadline = time.monotonic() + 60
        while reader.abandoned < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert reader.abandoned == 1
        seen = len(statements)
        release.set()
        while reader.cancelled < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert reader.cancelled == 1
        after = [s for s in statements[seen:] if s.lstrip().upper().startswith(("SELECT", "WITH"))]
        assert after == []  # no statement started once the client was gone
        # and the server goes on answering
        assert httpx.get(f"http://127.0.0.1:{port}/entities.json").status_code == 200
    finally:
        release.set()
        server.should_exit = True
        thread.join(timeout=10)


def test_a_question_stopped_midway_answers_503_not_an_empty_answer(copy: Path) -> None:
    """ask tolerates a query SQLite refuses (a full-text syntax, a missing table), never one
    its reader stopped: when the page's work is stopped after its first full-text query,
    the page answers 503 (NW254), not 200 with no passages."""
    question = "/ask.json?q=Who+called+off+the+general+strike%3F"
    app = create_app(copy)
    reader = app.state.reader
    stop = threading.Event()

    def trace(sql: str) -> None:
        if stop.is_set() and "segments_fts MATCH" in sql:
            reader.stopping = True  # what a deadline or a server shutdown does

    reader.trace = trace
    for base in serve(app):
        whole = httpx.get(base + question, timeout=120)
        assert whole.status_code == 200 and whole.json()["answers"]
        stop.set()
        stopped = httpx.get(base + question, timeout=120)
        assert stopped.status_code == 503, stopped.text
        assert stopped.json()["error"] == "NW254"
        reader.stopping = False
