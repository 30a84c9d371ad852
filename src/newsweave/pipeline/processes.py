"""The multi-process executor: worker processes that parse and analyse batches of jobs,
watched by the runner process, which alone writes the store.

Each worker loads spaCy and the gazetteer once, receives its batches (two in flight) over its own
pipe (so a worker killed mid-batch never leaves a shared queue locked) and sends back one
message per input and per document, with a heartbeat after each spaCy piece. The parent
replaces a worker that

* sends no sign of life for ``pipeline.doc_seconds`` (NW141),
* grows past ``pipeline.worker_memory_mb`` of resident memory (NW142), or
* dies (NW143),

and runs the unfinished jobs of its batch again one at a time, so only the document that
caused it fails (one error row); the others go on. Workers die with their parent (Linux
``PR_SET_PDEATHSIG``, and a check of the parent's pid between batches).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from newsweave.model import Document
from newsweave.pipeline.batches import split_tail
from newsweave.pipeline.work import Analysed, Failure, Job, Parsed, run_jobs, tools
from newsweave.settings import Settings

_POLL_SECONDS = 0.5


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no-op elsewhere)."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)


def _worker_main(tasks: Connection, out: Connection, settings: Settings, parent: int) -> None:
    die_with_parent()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    waiting: queue.Queue[list[Job] | None] = queue.Queue()

    def receive() -> None:  # take batches as soon as they come: the parent never blocks
        while True:
            try:
                task = tasks.recv()
            except (EOFError, OSError):
                task = None
            waiting.put(task)
            if task is None:
                return

    threading.Thread(target=receive, daemon=True).start()
    tools(settings)
    out.send(("ready", None))
    while True:
        jobs = waiting.get()
        if jobs is None or os.getppid() != parent:
            return
        for message in run_jobs(jobs, settings, beat=lambda: out.send(("beat", None))):
            out.send(("message", message))
        out.send(("done", None))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    """Messages from the worker."""
    tasks: Connection
    """Batches to the worker."""
    ready: bool = False
    batches: deque[list[Job]] = field(default_factory=deque)
    """Sent and not done, oldest (running) first."""
    finished: set[int] = field(default_factory=set)
    documents: dict[int, Document] = field(default_factory=dict)
    since: float = 0.0

    @property
    def busy(self) -> bool:
        return bool(self.batches)


class ProcessExecutor:
    """Run batches on ``workers`` processes, at most ``DEPTH`` batches in flight per
    worker (the next one waits in the worker while it runs the current one)."""

    DEPTH = 2

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.replaced = 0

    @property
    def name(self) -> str:
        return f"{self.workers} processes"

    def run(self, batches: Iterator[list[Job]], settings: Settings) -> Iterator[Parsed | Analysed]:
        context = multiprocessing.get_context("spawn")
        pool = [self._start(context, settings) for _ in range(self.workers)]
        retry: deque[list[Job]] = deque()
        exhausted = False
        if self.workers > 1:
            batches = split_tail(batches, self.workers * self.DEPTH)
        try:
            while True:
                for worker in pool:
                    while worker.ready and len(worker.batches) < self.DEPTH:
                        batch = retry.popleft() if retry else None
                        if batch is None and not exhausted:
                            batch = next(batches, None)
                            exhausted = batch is None
                        if not batch:
                            break
                        if not worker.batches:
                            worker.since = time.monotonic()
                        worker.batches.append(batch)
                        with contextlib.suppress(OSError):  # a dead worker: seen below
                            worker.tasks.send(batch)
                if exhausted and not retry and not any(w.busy for w in pool):
                    return
                ready = wait([w.conn for w in pool], timeout=_POLL_SECONDS)
                for index, worker in enumerate(pool):
                    lost = False
                    if worker.conn in ready:
                        lost, out = self._receive(worker)
                        yield from out
                    code = "NW143" if lost else self._over_budget(worker, settings)
                    if code:
                        yield from self._replace(pool, index, context, settings, retry, code)
        finally:
            for worker in pool:
                self._stop(worker)

    def _start(self, context: Any, settings: Settings) -> _Worker:
        task_reader, task_writer = context.Pipe(duplex=False)
        out_reader, out_writer = context.Pipe(duplex=False)
        process = context.Process(
            target=_worker_main,
            args=(task_reader, out_writer, settings, os.getpid()),
            daemon=True,
        )
        process.start()
        task_reader.close()
        out_writer.close()
        return _Worker(process, out_reader, task_writer)

    def _receive(self, worker: _Worker) -> tuple[bool, list[Parsed | Analysed]]:
        """Drain what ``worker`` sent; (lost, messages): lost when its pipe broke."""
        out: list[Parsed | Analysed] = []
        try:
            while worker.conn.poll():
                kind, payload = worker.conn.recv()
                worker.since = time.monotonic()
                if kind == "ready":
                    worker.ready = True
                elif kind == "done":
                    worker.batches.popleft()
                    worker.finished, worker.documents = set(), {}
                elif kind == "message":
                    out.append(payload)
                    self._note(worker, payload)
        except (EOFError, OSError):
            return True, out
        return False, out

    @staticmethod
    def _note(worker: _Worker, message: Parsed | Analysed) -> None:
        job = next(j for j in worker.batches[0] if j.key == message.key)
        if isinstance(message, Parsed):
            if message.document is None or not job.analyse:
                worker.finished.add(message.key)
            else:
                worker.documents[message.key] = message.document
        else:
            worker.finished.add(message.key)

    @staticmethod
    def _over_budget(worker: _Worker, settings: Settings) -> str | None:
        if not worker.busy:
            return None
        if time.monotonic() - worker.since > settings.pipeline.doc_seconds:
            return "NW141"
        if rss_mb(worker.process.pid) > settings.pipeline.worker_memory_mb:
            return "NW142"
        return None

    def _replace(
        self,
        pool: list[_Worker],
        index: int,
        context: Any,
        settings: Settings,
        retry: deque[list[Job]],
        code: str,
    ) -> Iterator[Parsed | Analysed]:
        """Kill ``pool[index]``, start a new worker, and run its unfinished jobs again one
        at a time; a job that was already alone fails with ``code``."""
        worker = pool[index]
        self._kill(worker)
        self.replaced += 1
        pool[index] = self._start(context, settings)
        if not worker.batches:
            return
        head, *rest = worker.batches
        retry.extendleft(reversed(rest))  # never started: sent again as they were
        left = [j for j in head if j.key not in worker.finished]
        if not worker.ready or not left:
            retry.extendleft([j] for j in reversed(left))
            return
        if len(head) > 1:  # find the document to blame: its jobs again, one at a time
            again = []
            for job in left:
                document = worker.documents.get(job.key)
                again.append([Job(job.key, document)] if document is not None else [job])
            retry.extendleft(reversed(again))
            return
        job = left[0]
        reason = _REASONS[code].format(
            seconds=settings.pipeline.doc_seconds, mb=settings.pipeline.worker_memory_mb
        )
        document = worker.documents.get(job.key)
        if document is None and isinstance(job.item, Document):
            document = job.item
        if document is None:
            yield Parsed(job.key, None, Failure(code, job.item.source, reason))
        else:
            yield Analysed(job.key, document.id, None, Failure(code, document.source, reason))

    @staticmethod
    def _kill(worker: _Worker) -> None:
        with contextlib.suppress(Exception):
            worker.process.kill()
        worker.process.join(timeout=10)
        worker.conn.close()
        worker.tasks.close()

    @staticmethod
    def _stop(worker: _Worker) -> None:
        with contextlib.suppress(Exception):
            if not worker.busy:
                worker.tasks.send(None)
        worker.process.join(timeout=2)
        if worker.process.is_alive():
            ProcessExecutor._kill(worker)
        else:
            worker.conn.close()
            worker.tasks.close()


_REASONS = {
    "NW141": "no progress for {seconds:g} s (pipeline.doc_seconds); its worker was replaced",
    "NW142": "its worker grew past {mb:,} MB (pipeline.worker_memory_mb) and was replaced",
    "NW143": "its worker process died; it was replaced",
}


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MB (0 when unknown)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1_048_576
