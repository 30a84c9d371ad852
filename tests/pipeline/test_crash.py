"""Crash safety: `newsweave ingest` killed with SIGKILL at random points — while it
analyses and while it resolves the corpus — again and again on real articles, then run
once more, leaves a store that passes SQLite's integrity and foreign-key checks and
exports exactly what an uninterrupted run exports. Worker processes die with the run."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from newsweave.export.json import export_json
from newsweave.store.sqlite import Store
from tests.pipeline.polnear import write_polnear_jsonl

pytestmark = pytest.mark.slow

ARTICLES = 40
CYCLES = 2
"""Each cycle: a fresh store, killed twice while analysing and three times while
resolving, then run to the end."""


def command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "newsweave.cli", "ingest", str(corpus), "--db", str(db)]


class Run:
    """One `newsweave ingest` in the background, its stderr collected line by line."""

    def __init__(self, corpus: Path, db: Path) -> None:
        self.process = subprocess.Popen(
            [*command(corpus, db), "--workers", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)

    def saw(self, text: str) -> bool:
        return any(text in line for line in self.lines)

    def children(self) -> list[int]:
        pid = self.process.pid
        try:
            found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        return [int(p) for p in found]

    def kill(self) -> list[int]:
        """SIGKILL the run; the pids of its children at that moment."""
        children = self.children()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.reader.join(timeout=5)
        return children


def analyses(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM analyses").fetchone()[0])
    except sqlite3.Error:
        return 0


def wait_for(check: Any, run: Run, limit: float = 240.0) -> bool:
    """Poll ``check`` until true; False when the run ended first."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if check():
            return True
        if run.process.poll() is not None:
            return False
        time.sleep(0.1)
    return False


def gone(pids: list[int], limit: float = 20.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        alive = [p for p in pids if _alive(p)]
        if not alive:
            return True
        time.sleep(0.2)
    return False


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1]
    except OSError:
        return False
    return state != "Z"


def test_kill_at_random_points_then_one_more_run(data_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "polnear.jsonl"
    write_polnear_jsonl(data_dir, corpus, ARTICLES)
    whole = tmp_path / "whole.db"
    done = subprocess.run(command(corpus, whole), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with Store.open(whole) as store:
        expected = export_json(store)
    assert len(expected["documents"]) == ARTICLES and expected["entities"]

    rng = random.Random(1916)
    kills = {"analysis": 0, "resolution": 0}
    for cycle in range(CYCLES):
        db = tmp_path / f"crash{cycle}.db"
        for phase in ("analysis", "analysis", "resolution", "resolution", "resolution"):
            run = Run(corpus, db)
            if phase == "analysis":
                before = analyses(db)
                hit = wait_for(lambda db=db, n=before: analyses(db) > n, run)
                time.sleep(rng.uniform(0.0, 2.0))
            else:
                hit = wait_for(lambda run=run: run.saw("resolving the corpus"), run)
                time.sleep(rng.uniform(0.0, 1.5))
            if run.process.poll() is not None:
                continue  # it finished before the chosen point: no kill this time
            children = run.kill()
            assert hit
            kills[phase] += 1
            assert gone(children), f"workers {children} outlived their killed parent"
        final = subprocess.run(command(corpus, db), capture_output=True, text=True)
        assert final.returncode == 0, final.stderr
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        with Store.open(db) as store:
            assert export_json(store) == expected, f"cycle {cycle}: export differs"
    assert kills["analysis"] + kills["resolution"] >= 10, kills
    assert kills["analysis"] >= 2 and kills["resolution"] >= 2, kills
