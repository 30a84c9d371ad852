"""Runner robustness: long texts parsed in pieces with offsets kept, per-document budgets
(paragraphs, worker memory) that fail one document with one error row and skip it later
until a retry, and a corpus left out of date by an interrupted run resolved by the next."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import contexts, masked_text, pieces
from newsweave.analyze.run import VERSION, analyze
from newsweave.export.json import export_json
from newsweave.model import Document, Role, Segment
from newsweave.model.ids import content_id
from newsweave.pipeline import analyze_store, ingest, resolve
from newsweave.pipeline.work import tools
from newsweave.store.analysis import corpus_dirty, failures, load_analysis, pending_documents
from newsweave.store.sqlite import Store
from tests.pipeline.helpers import CORPUS, example_settings, run_into

PARAGRAPHS = (
    "The harbour authority in Port Meridian suspended night shifts on Tuesday after a crane "
    "collapsed onto a cargo deck, officials said.",
    "Dock supervisor Hal Brennick said 14 workers had been sent home and that inspectors from "
    "the Maritime Safety Board would arrive on Thursday.",
    "The union representing crane operators, the Coastal Workers Alliance, called for an "
    "independent inquiry into maintenance records at the terminal.",
    "Shipping agents warned that at least 30 vessels could face delays of up to four days if "
    "the shifts remain suspended through the weekend.",
)


def long_document(repeat: int) -> Document:
    """A news story of ``repeat`` x 4 paragraphs, one segment per paragraph."""
    parts = [p for _ in range(repeat) for p in PARAGRAPHS]
    text = "\n\n".join(parts)
    segments, start = [], 0
    for index, part in enumerate(parts):
        segments.append(
            Segment(Role.HEADLINE if index == 0 else Role.BODY, start, start + len(part))
        )
        start += len(part) + 2
    return Document(
        id=content_id("d", text),
        source=f"long-{repeat}.txt",
        text=text,
        segments=tuple(segments),
        language="en",
    )


def test_pieces_cut_at_paragraph_breaks_and_cover_the_text() -> None:
    text = "\n\n".join(PARAGRAPHS * 5)
    ranges = pieces(text, 400)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(ranges))
    assert all(end - start <= 400 for start, end in ranges)
    assert all(text[end - 2 : end] == "\n\n" for _, end in ranges[:-1])
    assert pieces("x" * 10, 4) == [(0, 4), (4, 8), (8, 10)]  # no break at all: hard cuts


def test_a_text_past_spacys_max_length_is_analysed_in_pieces() -> None:
    document = long_document(12)
    nlp = load()
    saved = nlp.max_length
    nlp.max_length = 2_000  # far below the text: one pass would raise E088
    try:
        (ctx,) = list(contexts([document], nlp))
    finally:
        nlp.max_length = saved
    assert len(document.text) > 3 * 2_000
    assert ctx.text == masked_text(document)
    _, gazetteer, _ = tools(example_settings())
    analysis = analyze(ctx, gazetteer)
    assert analysis.mentions and analysis.figures
    for mention in analysis.mentions:
        assert document.text[mention.span.start : mention.span.end] == mention.span.text
    for start, end in analysis.sentences:
        assert "\n\n" not in document.text[start:end]
    names = {a.name for a in analysis.actors}
    assert "Hal Brennick" in names


def test_paragraph_budget_fails_one_document_which_waits_for_a_retry(tmp_path: Path) -> None:
    settings = example_settings().replace("pipeline.max_paragraphs", 10)
    big, small = long_document(4), long_document(1)
    with Store.open(tmp_path / "budget.db") as store:
        for document in (big, small):
            store.add_document(document)
        report = analyze_store(store, settings, executor="local")
        assert report.analysed == 1
        assert [e.code for e in report.errors] == ["NW140"]
        assert [f.document_id for f in failures(store)] == [big.id]
        assert pending_documents(store, VERSION) == []  # skipped by later runs
        assert analyze_store(store, settings, executor="local").analysed == 0
        again = analyze_store(store, example_settings(), retry_failed=True, executor="local")
        assert again.analysed == 1 and not again.errors
        assert failures(store) == [] and load_analysis(store, big.id) is not None


@pytest.mark.slow
def test_a_worker_past_its_memory_budget_is_replaced(tmp_path: Path) -> None:
    settings = example_settings().replace("pipeline.worker_memory_mb", 50)
    sources = [str(p) for p in sorted(CORPUS.glob("*.txt"))[:1]]
    with Store.open(tmp_path / "memory.db") as store:
        stored = ingest(sources, store, settings, executor="local", analyse=False)
        assert [o.status for o in stored.outcomes] == ["new"]
        report = analyze_store(store, settings, executor="processes:1")
        assert [e.code for e in report.errors] == ["NW142"]
        assert pending_documents(store, VERSION) == []
        assert {f.code for f in failures(store)} == {"NW142"}
        retried = analyze_store(store, example_settings(), retry_failed=True, executor="local")
        assert retried.analysed == 1 and failures(store) == []


def test_a_corpus_left_dirty_is_resolved_by_the_next_ingest(tmp_path: Path) -> None:
    """What a kill during resolution leaves (analyses saved, corpus not resolved) is
    repaired by the next ingest, although it finds nothing new to read."""
    sources = [str(p) for p in sorted(CORPUS.glob("*.txt"))[:3]]
    _, expected = run_into(tmp_path / "whole.db", sources, "local")
    db = tmp_path / "cut.db"
    with Store.open(db) as store:
        ingest(sources, store, example_settings(), executor="local", follow_links=False)
        assert corpus_dirty(store)
    command = [sys.executable, "-m", "newsweave.cli", "ingest", *sources, "--no-follow"]
    command += ["--gazetteer", str(CORPUS.parent / "gazetteer.csv"), "--db", str(db)]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "corpus:" in done.stdout and "resolving the corpus" in done.stderr
    with Store.open(db) as store:
        assert not corpus_dirty(store)
        assert resolve(store, example_settings()) is None  # up to date: nothing to do
        assert export_json(store) == expected
