"""PLOVER gold sentences: event type accuracy, coverage, source and target match."""

from __future__ import annotations

from pathlib import Path

from newsweave.evaluate.plover import load_records, run

MEASURED = {
    "type_accuracy": 0.668,
    "coverage": 0.925,
    "source_match": 0.629,
    "target_match": 0.287,
}
MARGIN = 0.02


def test_gold_records(data_dir: Path) -> None:
    records = load_records(data_dir)
    assert len(records) == 322
    assert all(r.type != "DOCUMENT" for r in records)
    assert sum(bool(r.triggers) for r in records) > 300


def test_scores_stay_above_the_measured_ones(data_dir: Path) -> None:
    ticks: list[int] = []
    rows = {r.metric: r.value for r in run(data_dir, None, lambda: ticks.append(1))}
    assert len(ticks) == 322
    for metric, measured in MEASURED.items():
        assert rows[metric] >= measured - MARGIN, (metric, rows[metric])
