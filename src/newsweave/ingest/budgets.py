"""Budgets on one input before and during text extraction.

Cheap counts come first: an HTML page with more elements than ``ingest.max_elements`` is
refused (NW126) before any parser sees it, and a document with more paragraphs than
``ingest.max_paragraphs`` is refused (NW132). The body extractor itself runs in a worker
process (forked once, reused for every page) that is killed and replaced when a page takes
longer than ``ingest.extract_seconds`` (NW127) or more memory than ``ingest.extract_memory``
(NW126): no page can hang or exhaust an ingest run. The worker dies with its parent.
Where ``fork`` is not available the extractor runs in-process, without the time and memory
budgets.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import multiprocessing
import os
import re
import resource
import signal
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from newsweave.errors import NewsweaveError
from newsweave.settings import IngestSettings

_START_TAG = re.compile(r"<[A-Za-z]")
_PR_SET_PDEATHSIG = 1


def check_elements(content: str, subject: str, limit: int) -> None:
    """NW126 when the page has more than ``limit`` elements (start tags, counted cheaply)."""
    for count, _ in enumerate(_START_TAG.finditer(content), 1):
        if count > limit:
            reason = f"more than ingest.max_elements ({limit}) HTML elements"
            raise NewsweaveError("NW126", subject, reason)


def check_paragraphs(count: int, subject: str, limit: int) -> None:
    """NW132 when a document has more than ``limit`` paragraphs."""
    if count > limit:
        reason = f"{count} paragraphs, more than ingest.max_paragraphs ({limit})"
        raise NewsweaveError("NW132", subject, reason)


def run_budgeted(
    function: Callable[..., Any], args: tuple[Any, ...], subject: str, limits: IngestSettings
) -> Any:
    """``function(*args)`` in the extraction worker, within ``ingest.extract_seconds`` and
    ``ingest.extract_memory``. ``ValueError`` and ``TypeError`` it raises are raised here
    as such, anything else as ``RuntimeError``; running over a budget raises NW127 (time)
    or NW126 (memory) and replaces the worker."""
    if not hasattr(os, "fork"):
        return function(*args)
    return _worker().call(function, args, subject, limits)


class _Worker:
    """One forked process serving calls over a pipe, replaced when it runs over a budget.

    ``os.fork`` rather than ``multiprocessing.Process``, so it also works inside a daemonic
    pool worker (which multiprocessing forbids to have children)."""

    def __init__(self) -> None:
        self._conn: Connection | None = None
        self._pid = 0
        self._memory = 0
        self._lock = threading.Lock()

    def call(
        self,
        function: Callable[..., Any],
        args: tuple[Any, ...],
        subject: str,
        limits: IngestSettings,
    ) -> Any:
        """One call at a time, whichever thread asks."""
        with self._lock:
            return self._call(function, args, subject, limits)

    def _call(
        self,
        function: Callable[..., Any],
        args: tuple[Any, ...],
        subject: str,
        limits: IngestSettings,
    ) -> Any:
        conn = self._ensure(limits.extract_memory)
        try:
            conn.send((function, args))
            ready = conn.poll(limits.extract_seconds)
        except (OSError, EOFError):
            ready = False
        if not ready:
            self.stop()
            seconds = limits.extract_seconds
            reason = f"text extraction ran past ingest.extract_seconds ({seconds:g} s)"
            raise NewsweaveError("NW127", subject, reason)
        try:
            status, value = conn.recv()
        except (OSError, EOFError):  # the worker died: out of memory, or a crash in C code
            self.stop()
            reason = f"{_memory_reason(limits)} or crashed"
            raise NewsweaveError("NW126", subject, reason) from None
        if status == "ok":
            return value
        if status == "memory":
            self.stop()
            raise NewsweaveError("NW126", subject, _memory_reason(limits))
        kind, message = value
        if kind in ("ValueError", "TypeError"):
            raise (TypeError if kind == "TypeError" else ValueError)(message)
        raise RuntimeError(f"{kind}: {message}")

    def _alive(self) -> bool:
        if not self._pid:
            return False
        try:
            pid, _ = os.waitpid(self._pid, os.WNOHANG)
        except ChildProcessError:
            return False
        return pid == 0

    def _ensure(self, memory: int) -> Connection:
        if self._conn is not None and self._alive():
            if self._memory == memory:
                return self._conn
            self.stop()
        parent, child = multiprocessing.Pipe()
        pid = os.fork()
        if pid == 0:  # the worker
            status = 1
            try:
                parent.close()
                _serve(child, memory)
                status = 0
            finally:
                os._exit(status)
        child.close()
        self._conn, self._pid, self._memory = parent, pid, memory
        return parent

    def stop(self) -> None:
        """Kill the worker (the next call starts a new one)."""
        if self._conn is not None:
            self._conn.close()
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
        self._conn, self._pid = None, 0


def _memory_reason(limits: IngestSettings) -> str:
    return f"text extraction needed more than ingest.extract_memory ({limits.extract_memory} bytes)"


_WORKER: _Worker | None = None


def _worker() -> _Worker:
    global _WORKER
    if _WORKER is None:
        _WORKER = _Worker()
        atexit.register(_WORKER.stop)
    return _WORKER


def _serve(conn: Connection, memory: int) -> None:
    """The worker's loop: run each call, send back its result; return when the parent goes."""
    _die_with_parent()
    _cap_memory(memory)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            function, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", function(*args))
        except MemoryError:
            reply = ("memory", None)
        except Exception as exc:
            reply = ("error", (type(exc).__name__, str(exc)))
        try:
            conn.send(reply)
        except (OSError, EOFError):
            return
        if reply[0] == "memory":
            return


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (best effort elsewhere). Linux
    ties this to the forking *thread*: if that thread ends, the worker goes too, and the
    next call simply forks a new one."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the parent already went
            os._exit(0)


def _cap_memory(extra: int) -> None:
    """Let the worker's address space grow by at most ``extra`` bytes beyond what the fork
    gave it (the parent's pages are shared, not new)."""
    if extra <= 0 or not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
        current = pages * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = current + extra
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft == resource.RLIM_INFINITY or wanted < soft:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
