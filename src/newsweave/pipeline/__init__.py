"""The pipeline: one runner above ``analyze/`` and ``store/`` for every executor.

:func:`ingest` streams inputs through read → parse → analyse → store and then resolves
the corpus; :func:`analyze_store` analyses stored documents; :func:`resolve` brings the
corpus model up to date when it is out of date (also after a run was killed during
resolution). Executors (in-process, worker processes, Dask) run the parse and analysis;
the runner process alone writes the store, one transaction per document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING, BinaryIO

from newsweave.errors import NewsweaveError
from newsweave.pipeline.executors import Executor, InProcess, make_executor
from newsweave.pipeline.runner import Hooks, Runner, RunReport, Tally
from newsweave.pipeline.work import Job
from newsweave.settings import Settings
from newsweave.store.sqlite import Store

if TYPE_CHECKING:
    from newsweave.resolve.corpus import CorpusReport

__all__ = [
    "Executor",
    "Hooks",
    "InProcess",
    "RunReport",
    "Tally",
    "analyze_store",
    "ingest",
    "make_executor",
    "resolve",
]

SMALL_JOB = 50
"""Inputs up to this many run in-process when no executor is named (starting worker
processes costs more than it saves)."""


def ingest(
    sources: Iterable[str],
    store: Store,
    settings: Settings,
    *,
    executor: str | Executor | None = None,
    follow_links: bool | None = None,
    stdin: BinaryIO | None = None,
    analyse: bool = True,
    hooks: Hooks | None = None,
) -> RunReport:
    """Read every source into ``store`` and analyse the new documents (and any stored
    document still waiting for its analysis). ``executor``: see :func:`make_executor`.
    Does not resolve the corpus: call :func:`resolve` after it."""
    from newsweave.ingest.sources import iter_sources

    follow = settings.ingest.follow_feed_links if follow_links is None else follow_links
    items = iter(iter_sources(sources, settings, follow_links=follow, stdin=stdin))
    head = list(islice(items, SMALL_JOB + 1))
    runner = Runner(store, settings, hooks)
    chosen = make_executor(executor, settings, len(head))
    runner.report.executor = chosen.name
    batches = runner.raw_batches(chain(head, items), analyse)
    if analyse:
        batches = chain(batches, runner.document_batches(runner.pending()))
    _drive(runner, chosen, batches)
    return runner.report


def analyze_store(
    store: Store,
    settings: Settings,
    *,
    ids: Iterable[str] | None = None,
    retry_failed: bool = False,
    executor: str | Executor | None = None,
    on_document: Callable[[str, NewsweaveError | None], None] | None = None,
    hooks: Hooks | None = None,
) -> RunReport:
    """Analyse the documents of ``store`` whose analysis is missing or outdated (or
    ``ids``); documents whose analysis failed before wait for ``retry_failed``."""
    hooks = hooks or Hooks()
    if on_document is not None:
        hooks.document = on_document
    runner = Runner(store, settings, hooks)
    todo = list(ids) if ids is not None else runner.pending(retry_failed=retry_failed)()
    chosen = make_executor(executor, settings, len(todo))
    runner.report.executor = chosen.name
    runner.tally.phase = "analysing"
    if todo:
        _drive(runner, chosen, runner.document_batches(lambda: todo))
    return runner.report


def _drive(runner: Runner, executor: Executor, batches: Iterator[list[Job]]) -> None:
    for message in executor.run(batches, runner.settings):
        runner.take(message)
    runner.finish()


def resolve(
    store: Store,
    settings: Settings,
    *,
    force: bool = False,
    on_start: Callable[[], None] | None = None,
) -> CorpusReport | None:
    """Resolve the corpus when it is out of date (analyses saved since the last
    resolution, or a resolution cut short) or ``force``; None when it was up to date.

    The corpus is marked dirty by every saved analysis and marked clean only after the
    resolution has committed, so a kill at any point is repaired by the next run."""
    from newsweave.analyze.gazetteer import Gazetteer, geo_index
    from newsweave.pipeline.work import extra_places, fewer_collections, paused_gc
    from newsweave.resolve.corpus import resolve_corpus
    from newsweave.resolve.places_points import area_points
    from newsweave.store.analysis import corpus_dirty, mark_corpus

    if not force and not corpus_dirty(store):
        return None
    if on_start is not None:
        on_start()
    mark_corpus(store, dirty=True)
    with paused_gc():  # the lookups resolution needs, built at once (perf only)
        gazetteer = Gazetteer.build(extra_places(settings))
        geo_index()
        area_points()
    try:
        with fewer_collections():
            report = resolve_corpus(store, gazetteer)
    except NewsweaveError:
        raise
    except Exception as exc:
        raise NewsweaveError(
            "NW240", str(store.path), f"corpus resolution failed: {type(exc).__name__}: {exc}"
        ) from exc
    mark_corpus(store, dirty=False)
    return report
