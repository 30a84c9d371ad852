"""Running ``newsweave ingest`` as a user would, under a time cap and a memory cap."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from newsweave.errors import printable

MEMORY_CAP = 3 * 1024**3
"""Address space allowed to the ingest process (and the workers it forks), in bytes."""
NEWSWEAVE = Path(sys.executable).parent / "newsweave"


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("error NW")]

    def lines_naming(self, subject: str) -> list[str]:
        """Error lines whose input is ``subject`` (as printed: control characters escaped)."""
        shown = printable(subject) + ": "
        return [line for line in self.error_lines if line[len("error NW000 ") :].startswith(shown)]


def _caps() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def ingest(db: Path, sources: list[str], *, seconds: float, extra: tuple[str, ...] = ()) -> Run:
    """``newsweave ingest --db DB SOURCES...``; past ``seconds`` the whole process group
    (workers included) is killed and ``subprocess.TimeoutExpired`` raised."""
    process = subprocess.Popen(
        [str(NEWSWEAVE), "ingest", "--db", str(db), *extra, *sources],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        preexec_fn=_caps,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return Run(
        process.returncode, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace")
    )


def stored_and_analysed(db: Path, source: str) -> tuple[bool, bool]:
    """Whether ``source`` is stored as a document, and whether that document is analysed."""
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT d.document_id, a.document_id FROM document_sources d"
            " LEFT JOIN analyses a ON a.document_id = d.document_id WHERE d.source = ?",
            (source,),
        ).fetchone()
    return row is not None, row is not None and row[1] is not None
