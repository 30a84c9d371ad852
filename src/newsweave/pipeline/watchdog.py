"""The per-document wall budget (``pipeline.doc_seconds``) inside one thread.

The multi-process executor enforces the budget from outside (it replaces a worker that
shows no sign of life for that long). The in-process executor and a Dask worker run the
jobs in a thread of their own process, which nobody can kill without losing the others:
there a :class:`Watchdog` thread raises :class:`Overrun` in the watched thread
(``PyThreadState_SetAsyncExc``) when it shows no progress (no :meth:`Watchdog.beat`) for
the budget. The exception arrives at the next Python instruction of the watched thread:
our rules and spaCy's Python code are stopped; a single C call that never returns to
Python would not be (none of ours does: spaCy works one Doc at a time).
"""

from __future__ import annotations

import ctypes
import threading
import time
from types import TracebackType

_TICK = 0.1


class Overrun(BaseException):
    """Raised in a watched thread that went past its budget (a BaseException, so that the
    ``except Exception`` of one failing document does not swallow it)."""


class Watchdog:
    """``with Watchdog(seconds) as dog:`` raises :class:`Overrun` in this thread when
    ``dog.beat()`` is not called for ``seconds``; ``seconds <= 0`` watches nothing."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = False
        self._last = time.monotonic()
        self._lock = threading.Lock()
        self._armed = False
        self._stop = threading.Event()
        self._target = threading.get_ident()
        self._thread: threading.Thread | None = None

    def beat(self) -> None:
        self._last = time.monotonic()

    def __enter__(self) -> Watchdog:
        if self.seconds > 0:
            self._target = threading.get_ident()
            self._last = time.monotonic()
            self._armed = True
            self._thread = threading.Thread(target=self._watch, daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        with self._lock:
            self._armed = False
            if self.fired and not isinstance(value, Overrun):
                _raise_in(self._target, None)  # fired as the block ended: take it back
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(min(_TICK, self.seconds)):
            with self._lock:
                if self._armed and time.monotonic() - self._last > self.seconds:
                    self.fired = True
                    self._armed = False
                    _raise_in(self._target, Overrun)
                    return


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Raise ``exception`` asynchronously in thread ``thread_id`` (None: cancel one that
    is pending)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None
    )
