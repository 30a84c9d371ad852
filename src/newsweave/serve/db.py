"""Read-only access to the store for the UI: one connection per worker thread, a time budget
per page, and the errors a page can end in.

Every connection is opened by :meth:`Store.open_read` (``mode=ro``, ``query_only``): the UI
never migrates, never switches the journal and never takes the write lock. A writer holding
the store makes a query wait at most ``serve.busy_timeout`` seconds; then the page answers
503 (:class:`Unavailable`), never 500. Each page's queries run under a deadline checked by
an SQLite progress handler (``serve.query_seconds``); past it the query is interrupted and
the page answers 503 with NW254. A page whose client goes away (``cancel``) stops the same
way: its running statement at the next check, and no further statement starts.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from newsweave.errors import NewsweaveError
from newsweave.settings import ServeSettings
from newsweave.store.sqlite import ReadConnection, Store

_PROGRESS_STEPS = 2000
"""SQLite virtual-machine steps between two deadline checks."""


class Unavailable(Exception):
    """The page cannot be answered now (HTTP 503): the store is busy or a query ran over
    its budget. ``error`` is the catalogue error to show."""

    def __init__(self, error: NewsweaveError) -> None:
        super().__init__(error.line())
        self.error = error


class BadRequest(Exception):
    """The request asks for more than the UI allows (HTTP 400)."""

    def __init__(self, error: NewsweaveError) -> None:
        super().__init__(error.line())
        self.error = error


class Reader:
    """Read-only connections to one store, one per thread, reused across requests."""

    def __init__(self, db: Path, settings: ServeSettings) -> None:
        self.db = db
        self.settings = settings
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Store] = []
        self.stopping = False
        self.trace: Callable[[str], None] | None = None
        """Receives every statement run (the bench prints their query plans)."""
        self.abandoned = 0
        """Pages whose client went away before the answer (their cancel event was set)."""
        self.cancelled = 0
        """Pages whose work was stopped because their client went away."""

    def _store(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            try:
                store = Store.open_read(self.db, busy_timeout=self.settings.busy_timeout)
            except NewsweaveError as error:
                if error.code == "NW251":
                    raise Unavailable(error) from None
                raise
            if self.trace is not None:
                store.connection.set_trace_callback(self.trace)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    @contextmanager
    def read(
        self, budget: float | None = None, cancel: threading.Event | None = None
    ) -> Iterator[Store]:
        """The thread's store inside one read transaction (one consistent state for the
        page) with a deadline on every query; setting ``cancel`` (the client went away)
        stops the running query at its next check."""
        store = self._store()
        conn = store.connection
        seconds = budget or self.settings.query_seconds
        deadline = time.monotonic() + seconds
        expired = False

        def check() -> int:
            nonlocal expired
            if (
                self.stopping
                or time.monotonic() > deadline
                or (cancel is not None and cancel.is_set())
            ):
                expired = True
                return 1
            return 0

        conn.set_progress_handler(check, _PROGRESS_STEPS)
        if isinstance(conn, ReadConnection):
            conn.should_stop = lambda: bool(check())  # also before each next statement
        try:
            if not conn.in_transaction:
                conn.execute("BEGIN")
            yield store
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if cancel is not None and cancel.is_set():
                with self._lock:
                    self.cancelled += 1
                raise Unavailable(
                    NewsweaveError("NW254", "page", "the client went away: its work stopped")
                ) from None
            if expired or "interrupted" in text:
                raise Unavailable(
                    NewsweaveError(
                        "NW254",
                        "page",
                        f"the query ran over its budget of {seconds:g} s",
                    )
                ) from None
            if "no such table" in text or "no such column" in text:
                raise Unavailable(
                    NewsweaveError("NW257", str(self.db), f"the store lacks a table: {text}")
                ) from None
            if "locked" in text or "busy" in text:
                raise Unavailable(
                    NewsweaveError(
                        "NW251",
                        str(self.db),
                        f"a writer holds the store (waited {self.settings.busy_timeout:g} s)",
                    )
                ) from None
            raise
        finally:
            conn.set_progress_handler(None, 0)
            if isinstance(conn, ReadConnection):
                conn.should_stop = None
            try:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def abandon(self) -> None:
        """Count a page whose client went away (its cancel event is set)."""
        with self._lock:
            self.abandoned += 1

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                with suppress(sqlite3.Error):
                    store.close()
            self._all.clear()


def cap_query(q: str, settings: ServeSettings) -> str:
    """``q`` when it is within the caps of length and word count; raises BadRequest (400)
    otherwise."""
    if len(q) > settings.max_query_chars:
        raise BadRequest(
            NewsweaveError(
                "NW252",
                "q",
                f"{len(q)} characters, at most {settings.max_query_chars} are searched",
            )
        )
    words = q.split()
    if len(words) > settings.max_query_terms:
        raise BadRequest(
            NewsweaveError(
                "NW253", "q", f"{len(words)} words, at most {settings.max_query_terms} are searched"
            )
        )
    return q
