"""The embedded store: one SQLite file holding documents, segments, search and dedup indexes.

The file is plain SQLite (WAL journal, foreign keys on, JSON kept as text) so it reads well
in Datasette or the ``sqlite3`` shell. The schema lives in numbered migrations
(``migrations/NNNN_name.sql``, package data) applied in order and tracked by
``PRAGMA user_version``; a store written by a newer newsweave is refused (NW201), a file that
is not a newsweave store is refused (NW203).

Every write of a document happens in one transaction: a crash halfway leaves the store as it
was. Adding the same document again is a no-op apart from recording the new source.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from newsweave.errors import NewsweaveError
from newsweave.store.connect import (
    _BUSY_TIMEOUT_SECONDS,
    APPLICATION_ID,
    ReadConnection,
    _check_read,
    _connect_read,
    _prepare,
    _read_error,
    latest_version,
    migrations,
    raise_if_stopped,
    split_statements,
)
from newsweave.store.reads import (
    DocumentSummary,
    IngestErrorRow,
    SearchHit,
    StoreReads,
    StoreStatus,
    fts_query,
)
from newsweave.store.writes import _CANDIDATES, AddResult, AddStatus, StoreWrites

__all__ = [
    "APPLICATION_ID",
    "_CANDIDATES",
    "AddResult",
    "AddStatus",
    "DocumentSummary",
    "IngestErrorRow",
    "ReadConnection",
    "SearchHit",
    "Store",
    "StoreReads",
    "StoreStatus",
    "StoreWrites",
    "fts_query",
    "latest_version",
    "migrations",
    "raise_if_stopped",
    "split_statements",
]


class Store(StoreWrites):
    """A newsweave SQLite store. Open with :meth:`open`; use as a context manager.

    Reading: :class:`newsweave.store.reads.StoreReads`; writing:
    :class:`newsweave.store.writes.StoreWrites`; opening (here): :meth:`open`,
    :meth:`open_read`, :meth:`upgrade`."""

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open the store at ``path``, creating it (and its folder) and migrating if needed.

        Raises NW201 when the file was written by a newer newsweave, NW203 when it is not a
        newsweave SQLite store or cannot be opened.
        """
        path = Path(path)
        if path.is_dir():
            raise NewsweaveError("NW203", str(path), "is a directory")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, timeout=_BUSY_TIMEOUT_SECONDS)
        except (OSError, sqlite3.Error) as exc:
            raise NewsweaveError("NW203", str(path), f"cannot open: {exc}") from exc
        return cls._ready(
            conn, path, _prepare, lambda exc: NewsweaveError("NW203", str(path), str(exc))
        )

    @classmethod
    def open_read(cls, path: Path | str, *, busy_timeout: float = 2.0) -> Store:
        """Open an existing store read-only: never creates, migrates or switches its journal.

        The connection is ``mode=ro`` with ``PRAGMA query_only``; a file the process may not
        write (or whose folder it may not write, so no ``-shm`` can be made) is opened
        ``immutable``. A writer holding the store makes a query wait at most
        ``busy_timeout`` seconds, then fail with ``database is locked`` (the UI answers 503).

        Raises NW250 when there is no file at ``path``, NW203 when it is not a newsweave
        store, NW201 when it is newer than this newsweave, NW256 when it is damaged.
        """
        path = Path(path)
        if path.is_dir():
            raise NewsweaveError("NW203", str(path), "is a directory")
        if not path.exists():
            raise NewsweaveError(
                "NW250", str(path), f"no store at {path}; run `newsweave ingest` first"
            )
        conn = _connect_read(path, busy_timeout)
        return cls._ready(conn, path, _check_read, lambda exc: _read_error(path, exc))

    @classmethod
    def _ready(
        cls,
        conn: sqlite3.Connection,
        path: Path,
        check: Callable[[sqlite3.Connection, Path], None],
        error: Callable[[sqlite3.DatabaseError], NewsweaveError],
    ) -> Store:
        """The store over ``conn`` once ``check`` passed; ``conn`` closed when it fails (a
        SQLite error is reported as ``error`` makes it)."""
        try:
            check(conn, path)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise error(exc) from exc
        except BaseException:
            conn.close()
            raise
        conn.row_factory = sqlite3.Row
        return cls(conn, path)

    @classmethod
    def upgrade(cls, path: Path | str) -> None:
        """Apply pending migrations to an existing store once (before serving it read-only);
        a store that cannot be written is left as it is. Raises NW250 when there is none."""
        path = Path(path)
        if not path.exists():
            raise NewsweaveError(
                "NW250", str(path), f"no store at {path}; run `newsweave ingest` first"
            )
        with cls.open_read(path) as reader:
            current = reader.schema_version
        if current >= latest_version() or not os.access(path, os.W_OK):
            return
        with contextlib.suppress(NewsweaveError):  # read-only after all: make do
            cls.open(path).close()
