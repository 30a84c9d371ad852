"""The role set (issue 21): labelled pages and pastes, scored against their floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.evaluate.harness import check_floors, run_tasks
from newsweave.evaluate.roles import paragraph_key

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def test_paragraph_key_ignores_spacing_and_case() -> None:
    assert paragraph_key("Read part two!") == paragraph_key("read  part two")


@pytest.mark.skipif(not (DATA / "article_extraction").is_dir(), reason="gold data not present")
def test_role_set_meets_its_floors() -> None:
    rows = run_tasks(["roles"], DATA)
    metrics = {r.metric: r.value for r in rows}
    assert metrics["paragraphs"] >= 800
    assert metrics["heldout_paragraphs"] >= 300
    assert metrics["heldout2_paragraphs"] >= 300
    assert metrics["heldout3_paragraphs"] >= 800  # 22 fresh pages and 5 fresh pastes
    assert not check_floors(rows), [f.line() for f in check_floors(rows)]
