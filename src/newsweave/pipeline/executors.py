"""Executors: where the worker side of the pipeline runs. Every executor takes a stream of
batches of jobs and yields the workers' messages; only the runner writes the store.

* :class:`InProcess` runs the jobs in the runner's own process (small jobs, tests);
* :class:`~newsweave.pipeline.processes.ProcessExecutor` on worker processes of this
  machine (budgets enforced, workers replaced);
* :class:`~newsweave.pipeline.dask.DaskExecutor` on a Dask cluster (``newsweave[dask]``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from newsweave.errors import NewsweaveError
from newsweave.pipeline.work import Analysed, Job, Parsed, run_watched
from newsweave.settings import Settings


class Executor(Protocol):
    """Runs batches of jobs somewhere and yields their messages (Parsed before Analysed
    for each job; batches in any order)."""

    @property
    def name(self) -> str: ...

    def run(
        self, batches: Iterator[list[Job]], settings: Settings
    ) -> Iterator[Parsed | Analysed]: ...


class InProcess:
    """Every job in this process, one batch after the other, under the per-document wall
    budget (:func:`~newsweave.pipeline.work.run_watched`)."""

    name = "in-process"

    def run(self, batches: Iterator[list[Job]], settings: Settings) -> Iterator[Parsed | Analysed]:
        for batch in batches:
            yield from run_watched(batch, settings)


def make_executor(spec: str | Executor | None, settings: Settings, expected: int) -> Executor:
    """The executor a spec names: ``local`` (in-process), ``processes:N``, ``dask:ADDRESS``
    or ``dask:local:N``; None picks by the work expected (``analyze.processes``: 0 means
    one process per core, at most 2, when more than 50 documents wait)."""
    if spec is not None and not isinstance(spec, str):
        return spec
    if spec is None:
        workers = settings.analyze.processes
        if workers <= 0:
            import os

            workers = min(os.cpu_count() or 1, 2) if expected > 50 else 1
        spec = "local" if workers == 1 else f"processes:{workers}"
    if spec == "local":
        return InProcess()
    kind, _, arg = spec.partition(":")
    if kind == "processes" and arg.isdigit() and int(arg) >= 1:
        from newsweave.pipeline.processes import ProcessExecutor

        return ProcessExecutor(int(arg))
    if kind == "dask" and arg:
        from newsweave.pipeline.dask import DaskExecutor

        return DaskExecutor(arg)
    raise NewsweaveError(
        "NW146",
        spec,
        "an executor is local, processes:N, dask:tcp://HOST:PORT or dask:local:N",
    )
