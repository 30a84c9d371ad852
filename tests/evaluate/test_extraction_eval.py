"""Article extraction quality on the Zyte benchmark, against the floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.evaluate.extraction import page_match, score
from newsweave.evaluate.harness import check_floors, floors, run_tasks


def test_metric_on_known_pairs() -> None:
    text = "one two three four five six"
    assert page_match(text, text) == (1.0, 0.0, 0.0)
    assert page_match(text, "")[2] == 1.0
    tp, fp, fn = page_match(text, text + " seven")
    assert tp == pytest.approx(3 / 4) and fp == pytest.approx(1 / 4) and fn == 0
    result = score("x", [(text, text), (text, "")])
    assert result.precision == 1.0 and result.recall == pytest.approx(0.5)
    assert result.accuracy == 0.5


@pytest.mark.slow
def test_extraction_meets_floors_and_beats_plain_trafilatura(data_dir: Path) -> None:
    rows = run_tasks(["extraction"], data_dir)
    assert not check_floors(rows), [f.line() for f in check_floors(rows)]
    assert set(floors()["extraction"]) <= {r.metric for r in rows if r.floor is not None}
    f1 = {r.system: r.value for r in rows if r.metric == "f1"}
    assert f1["newsweave"] > f1["trafilatura (plain)"]
