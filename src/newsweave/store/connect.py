"""Opening a store's SQLite file: read and write connections, the file's identity, the
numbered migrations (``migrations/NNNN_name.sql``)."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from newsweave.errors import NewsweaveError

APPLICATION_ID = 0x4E575356


"""``PRAGMA application_id`` of a newsweave store ("NWSV")."""


_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


_BUSY_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Migration:
    """One numbered schema migration."""

    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The package's migrations in order; versions must run 1, 2, 3, ... without gaps."""
    folder = resources.files("newsweave.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations are not numbered 1, 2, ...: {[m.name for m in found]}")
    return found


def latest_version() -> int:
    """The schema version this newsweave writes."""
    found = migrations()
    return found[-1].version if found else 0


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (trigger bodies stay whole)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if _strip_comments(buffer):
                statements.append(buffer.strip())
            buffer = ""
    if _strip_comments(buffer):
        raise ValueError(f"incomplete SQL statement: {buffer.strip()[:80]}")
    return statements


def _strip_comments(sql: str) -> str:
    lines = (line.split("--", 1)[0] for line in sql.splitlines())
    return " ".join(lines).strip().strip(";").strip()


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.ProgrammingError:  # the connection was closed: SQLite rolled back
        pass


class ReadConnection(sqlite3.Connection):
    """A read-only connection whose reader may stop it between statements: when
    ``should_stop`` (set by the UI's reader for one page) answers True, the next
    ``execute`` raises ``sqlite3.OperationalError("interrupted")`` before running (a
    running statement is stopped by the reader's progress handler)."""

    should_stop: Callable[[], bool] | None = None
    segment_count: tuple[int, int] | None = None
    """(``PRAGMA data_version``, segments) when counted: see ``ask_lookup.segment_count``."""

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        if self.should_stop is not None and self.should_stop():
            raise sqlite3.OperationalError("interrupted")
        return super().execute(sql, parameters)


def raise_if_stopped(error: sqlite3.OperationalError) -> None:
    """Re-raise ``error`` when it stopped its statement (``interrupted``: the reader's
    deadline passed, the server is stopping or the client went away; see
    :class:`ReadConnection`). A caller that tolerates a query SQLite refuses (a full-text
    syntax it rejects, a table an older store lacks) calls this first, so a stopped page
    answers 503 instead of an empty or partial answer."""
    if "interrupted" in str(error):
        raise error


def _connect_read(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A read-only connection; ``immutable`` when no shared-memory file can be made."""
    uri = path.resolve().as_uri()
    writable = os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK)
    modes = ["mode=ro"] if writable else ["mode=ro&immutable=1"]
    last: sqlite3.Error | None = None
    for mode in [*modes, "mode=ro&immutable=1"]:
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(
                f"{uri}?{mode}",
                uri=True,
                isolation_level=None,
                timeout=busy_timeout,
                check_same_thread=False,
                factory=ReadConnection,
            )
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            last = exc
            if "locked" in str(exc) or "busy" in str(exc):
                break  # a writer holds it: never read around its lock (immutable would)
    raise _read_error(path, last or sqlite3.DatabaseError("cannot open"))


def _read_error(path: Path, exc: sqlite3.Error) -> NewsweaveError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return NewsweaveError("NW251", str(path), f"the store is busy: {text}")
    if "malformed" in text or "corrupt" in text:
        return NewsweaveError("NW256", str(path), f"damaged: {text}")
    if "not a database" in text or "file is encrypted" in text:
        return NewsweaveError("NW203", str(path), text)
    return NewsweaveError("NW203", str(path), f"cannot read: {text}")


def _check_read(conn: sqlite3.Connection, path: Path) -> None:
    """Check a read-only connection's file is a newsweave store this version can read."""
    conn.execute("PRAGMA query_only = ON")
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    newest = latest_version()
    if version > newest:
        raise NewsweaveError(
            "NW201",
            str(path),
            f"schema version {version}, this newsweave knows up to {newest}",
        )
    _check_identity(conn, path, version)
    if version == 0:
        raise NewsweaveError("NW203", str(path), "empty file, not a newsweave store")


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Check the file is a newsweave store this version can use, configure, migrate."""
    conn.execute("PRAGMA foreign_keys = ON")
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    newest = latest_version()
    if version > newest:
        raise NewsweaveError(
            "NW201", str(path), f"schema version {version}, this newsweave knows up to {newest}"
        )
    _check_identity(conn, path, version)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    _migrate(conn)


def _check_identity(conn: sqlite3.Connection, path: Path, version: int) -> None:
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if version > 0 and app_id != APPLICATION_ID:
        raise NewsweaveError("NW203", str(path), f"SQLite file of another application ({app_id})")
    if version == 0:
        tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
        if tables:
            raise NewsweaveError("NW203", str(path), "SQLite file of another application")


def _migrate(conn: sqlite3.Connection) -> None:
    """Apply every pending migration, each in its own transaction."""
    for migration in migrations():
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if current < migration.version:
                for statement in split_statements(migration.sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {migration.version:d}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
        except BaseException:
            _rollback(conn)
            raise
        conn.execute("COMMIT")
