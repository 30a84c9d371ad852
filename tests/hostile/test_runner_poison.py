"""Poison pills for the analysis runner: documents that pass (or predate) the ingest budgets
but are costly to analyse. A later ``newsweave ingest`` must still finish within its cap,
report the poison document in one error line, and analyse the good article.

These need the per-document runner budgets (long texts in chunks, paragraph and wall-time
budgets) built on the pipeline branch; until they are merged they are expected to fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.model import Document, Role, Segment, content_id
from newsweave.store.sqlite import Store
from tests.hostile.cases import GOOD_ARTICLE
from tests.hostile.run import ingest, stored_and_analysed

TIME_CAP = 150.0
"""Seconds per run: a guard against a run the budgets fail to stop (without them such a run
takes many minutes). With runner budgets a run takes well under 20 s on a quiet machine;
the cap leaves room for a loaded one (45 s was hit at load average 15 on 2 cores)."""

pytestmark = pytest.mark.slow


def _good(root: Path) -> Path:
    path = root / "good.html"
    path.write_text(GOOD_ARTICLE, encoding="utf-8")
    return path


def _tiny_paragraph_document(count: int, per_segment: int = 100) -> Document:
    """A stored page of ``count`` tiny paragraphs (what an older newsweave let in).

    The text is ``count`` paragraphs separated by blank lines; its body segments each span
    ``per_segment`` of them, because storing one segment per paragraph is itself slow
    (about 10 s for 8,000 segments in ``Store.add_document``)."""
    paragraphs = [f"Gauge {n} read {n % 89} cm." for n in range(count)]
    groups = [
        "\n\n".join(paragraphs[start : start + per_segment])
        for start in range(0, count, per_segment)
    ]
    text = "\n\n".join(groups)
    segments = []
    offset = 0
    for group in groups:
        segments.append(Segment(Role.BODY, offset, offset + len(group)))
        offset += len(group) + 2
    return Document(
        id=content_id("d", text),
        source="poison-tiny-paragraphs.html",
        text=text,
        segments=tuple(segments),
        title="Gauge readings",
        language="en",
        format="html",
    )


def test_a_stored_page_of_100000_tiny_paragraphs_does_not_block_the_others(
    tmp_path: Path,
) -> None:
    db = tmp_path / "store.db"
    poison = _tiny_paragraph_document(100_000)
    with Store.open(db) as store:
        store.add_document(poison)
    good = _good(tmp_path)
    run = ingest(db, [str(good)], seconds=TIME_CAP)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    naming = [line for line in run.error_lines if poison.source in line or poison.id in line]
    assert len(naming) == 1, run.stderr
    assert stored_and_analysed(db, str(good)) == (True, True)


def test_a_jsonl_record_of_two_million_characters_is_analysed_or_refused_cleanly(
    tmp_path: Path,
) -> None:
    sentence = (
        "The reservoir board in Orlek published its monthly report on Tuesday, listing "
        "water levels, repairs and the cost of pumping for each of the district's stations. "
    )
    paragraph = sentence * 12
    paragraphs = 1_950_000 // (len(paragraph) + 2)
    text = "\n\n".join([paragraph] * paragraphs)
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"title": "Reservoir report", "text": text}) + "\n")
    db = tmp_path / "store.db"
    good = _good(tmp_path)
    run = ingest(db, [str(path), str(good)], seconds=TIME_CAP)
    assert "Traceback" not in run.stderr
    assert "E088" not in run.stderr
    record = f"{path}#line=1"
    _, analysed = stored_and_analysed(db, record)
    if not analysed:
        assert run.returncode == 1
        assert len([line for line in run.error_lines if record in line]) == 1, run.stderr
    assert stored_and_analysed(db, str(good)) == (True, True)
