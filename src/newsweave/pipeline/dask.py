"""The Dask executor: parse and analyse on a ``dask.distributed`` cluster.

Batches of jobs become Dask tasks (partitions sized for spaCy's ``nlp.pipe``). Each
worker process loads the spaCy pipeline and the gazetteer once (the per-process cache of
:func:`newsweave.pipeline.work.tools`); only jobs (raw inputs or documents) and their
results (frozen records) travel. The client never has more than
``pipeline.dask_partitions`` partitions per worker in flight, so memory stays flat on an
endless input stream; it alone writes the store (the runner). A worker lost mid-run costs
a retry of its partitions (the scheduler reschedules them); a partition that fails for
good reports its inputs as failed, as a local run would.

``dask`` is imported only here, only when this executor is used (``newsweave[dask]``).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from typing import Any

from newsweave.errors import NewsweaveError
from newsweave.model import Document
from newsweave.pipeline.batches import split_tail
from newsweave.pipeline.work import Analysed, Failure, Job, Parsed, run_watched
from newsweave.settings import Settings

RETRIES = 2
"""Extra attempts of a partition whose task raised (a lost worker is rescheduled by the
scheduler itself, within its ``allowed-failures``)."""


LOCAL_CONFIG = {
    # the statistical profiler samples a worker's stack every 10 ms from its event loop
    # thread, taking the GIL from the analysis
    "distributed.worker.profile.enabled": False,
    # the event loop health check ("tick"), every 20 ms in the scheduler, each nanny and
    # each worker: only feeds the dashboard and the "event loop blocked" warning
    "distributed.admin.tick.interval": "1s",
    # host CPU, memory, disk and network sampled for the dashboard every 500 ms
    "distributed.admin.system-monitor.interval": "5s",
    # a worker's memory checked against its limit every 100 ms
    "distributed.worker.memory.monitor-interval": "1s",
}
"""Dask settings of a ``local:N`` cluster (a remote cluster keeps its own). On this
2-core box the scheduler and the nannies run in the client process and the workers'
event loops in theirs, and every periodic check takes the GIL and a share of the cores
the analysis needs. Measured (docs/performance.md): the profiler off cut a worker's CPU by
8 %; the three intervals cut an idle 2-worker cluster's CPU from 0.86 to 0.14 s per 20 s
in the client and 0.39 to 0.06 s in each worker, and a 60-article run's client CPU from
6.5 to 2.0 s. None of them changes what is computed, nor how a lost worker is noticed (its
connection closes). On a cluster of your own, the same keys as environment variables
(``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False``,
``DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL=1s``, ...) do the same."""


def partition(jobs: list[Job], settings: Settings) -> list[Parsed | Analysed]:
    """The task run on a worker: one partition's messages (under the per-document wall
    budget: a Dask task runs in a worker thread, which only a watchdog can stop)."""
    return list(run_watched(jobs, settings))


class DaskExecutor:
    """Run partitions on the Dask cluster at ``address`` (``tcp://HOST:PORT``) or on a
    local cluster (``local:N``, started and stopped by :meth:`run`)."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.workers = 0

    @property
    def name(self) -> str:
        return f"dask {self.address}"

    def _connect(self) -> tuple[Any, Any]:
        try:
            distributed: Any = importlib.import_module("distributed")
        except ImportError as exc:
            raise NewsweaveError("NW145", "--dask", f"cannot import dask: {exc}") from exc
        cluster = None
        if self.address.startswith("local:"):
            count = self.address.removeprefix("local:")
            if not count.isdigit() or int(count) < 1:
                raise NewsweaveError("NW146", self.address, "local:N needs a number of workers")
            dask: Any = importlib.import_module("dask")
            with dask.config.set(LOCAL_CONFIG):  # the nannies pass it to their workers
                cluster = distributed.LocalCluster(
                    n_workers=int(count),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=40,
                )
            return distributed.Client(cluster), cluster
        try:
            return distributed.Client(self.address, timeout=20), None
        except (OSError, TimeoutError) as exc:
            raise NewsweaveError("NW147", self.address, str(exc)) from exc

    def run(self, batches: Iterator[list[Job]], settings: Settings) -> Iterator[Parsed | Analysed]:
        client, cluster = self._connect()
        try:
            self.workers = max(1, len(client.scheduler_info().get("workers", {})))
            window = max(1, settings.pipeline.dask_partitions * self.workers)
            batches = split_tail(batches, window) if self.workers > 1 else batches
            jobs_of: dict[str, list[Job]] = {}
            running = importlib.import_module("distributed").as_completed()
            for batch in _take(batches, window):
                running.add(self._submit(client, batch, settings, jobs_of))
            for future in running:
                batch = jobs_of.pop(future.key)
                try:
                    messages: list[Parsed | Analysed] = future.result()
                except Exception as exc:  # a partition that failed for good
                    messages = [] if len(batch) > 1 else list(_failed(batch, exc))
                    for job in batch if len(batch) > 1 else []:  # find the input to blame
                        running.add(self._submit(client, [job], settings, jobs_of))
                future.release()
                yield from messages
                for more in _take(batches, 1):
                    running.add(self._submit(client, more, settings, jobs_of))
        finally:
            with contextlib.suppress(Exception):
                client.close()
            if cluster is not None:
                with contextlib.suppress(Exception):
                    cluster.close()

    @staticmethod
    def _submit(
        client: Any, batch: list[Job], settings: Settings, jobs_of: dict[str, list[Job]]
    ) -> Any:
        future = client.submit(partition, batch, settings, pure=False, retries=RETRIES)
        jobs_of[future.key] = batch
        return future


def _take(batches: Iterator[list[Job]], count: int) -> Iterator[list[Job]]:
    for _ in range(count):
        batch = next(batches, None)
        if batch is None:
            return
        yield batch


def _failed(batch: list[Job], exc: BaseException) -> Iterator[Parsed | Analysed]:
    reason = f"its Dask partition failed: {type(exc).__name__}: {exc}"
    for job in batch:
        if isinstance(job.item, Document):
            failure = Failure("NW143", job.item.source, reason)
            yield Analysed(job.key, job.item.id, None, failure)
        else:
            yield Parsed(job.key, None, Failure("NW143", job.item.source, reason))
