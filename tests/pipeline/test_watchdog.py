"""The per-document wall budget (``pipeline.doc_seconds``) applies to every executor: the
in-process and Dask executors run jobs in a thread of their own, stopped by a watchdog
when it shows no progress for the budget; the stuck document fails with NW141 and the
others of its batch are analysed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsweave.analyze.run import VERSION
from newsweave.ingest.raw import RawItem
from newsweave.pipeline import analyze_store
from newsweave.pipeline.watchdog import Overrun, Watchdog
from newsweave.pipeline.work import Analysed, Failure, Job, Parsed, overrun, unfinished
from newsweave.store.analysis import failures, load_analysis, pending_documents
from newsweave.store.sqlite import Store
from tests.pipeline.helpers import example_settings
from tests.pipeline.test_budgets import long_document


def _spin(seconds: float, beat: Watchdog | None = None) -> int:
    """Busy Python work for ``seconds`` (beating ``beat`` on the way); returns its steps."""
    steps = 0
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        steps += 1
        if beat is not None and steps % 1000 == 0:
            beat.beat()
    return steps


def test_a_thread_without_progress_is_stopped() -> None:
    with pytest.raises(Overrun), Watchdog(0.2) as dog:
        _spin(60.0)
    assert dog.fired


def test_a_thread_that_beats_is_left_alone_and_the_watchdog_ends_with_its_block() -> None:
    with Watchdog(0.5) as dog:
        _spin(1.5, dog)
    assert not dog.fired
    _spin(1.0)  # nothing fires after the block


def test_no_budget_watches_nothing() -> None:
    with Watchdog(0) as dog:
        _spin(0.3)
    assert not dog.fired


def test_the_jobs_left_by_a_stopped_batch_and_their_failures() -> None:
    document = long_document(1)
    raw = [RawItem(f"in-{n}.txt", "text", "text") for n in range(3)]
    jobs = [Job(0, raw[0]), Job(1, raw[1]), Job(2, raw[2], analyse=False), Job(3, document)]
    messages = [
        Parsed(0, document),  # parsed, not yet analysed: comes back as its document
        Parsed(2, document),  # stored only: settled
    ]
    left = unfinished(jobs, messages)
    assert [(j.key, j.item) for j in left] == [(0, document), (1, raw[1]), (3, document)]
    failed = overrun(left[1], 120)
    assert isinstance(failed, Parsed) and failed.failure is not None
    assert failed.failure.code == "NW141" and failed.failure.subject == "in-1.txt"
    analysed = overrun(left[0], 120)
    assert isinstance(analysed, Analysed) and analysed.document_id == document.id
    assert analysed.failure is not None
    assert analysed.failure == Failure("NW141", document.source, analysed.failure.reason)


@pytest.mark.slow
def test_in_process_a_stuck_document_fails_with_nw141_and_the_others_are_analysed(
    tmp_path: Path,
) -> None:
    # One piece of ~75,000 words gives no sign of progress until spaCy is done with it,
    # which takes far longer than 5 s on any machine; the short story, in a batch of its
    # own, takes a fraction of a second of work.
    settings = (
        example_settings()
        .replace("pipeline.doc_seconds", 5.0)
        .replace("analyze.batch_size", 1)
        .replace("pipeline.chunk_chars", 1_000_000)
        .replace("pipeline.batch_chars", 1_000_000)
    )
    small, big = long_document(1), long_document(800)
    with Store.open(tmp_path / "stuck.db") as store:
        for document in (small, big):
            store.add_document(document)
        report = analyze_store(store, settings, executor="local")
        assert [e.code for e in report.errors] == ["NW141"]
        assert report.analysed == 1
        assert [f.document_id for f in failures(store)] == [big.id]
        assert load_analysis(store, small.id) is not None
        assert pending_documents(store, VERSION) == []
