"""PLOVER gold sentences: event type accuracy, coverage, source and target match."""

from __future__ import annotations

from pathlib import Path

from newsweave.evaluate.plover import load_records, run

MEASURED = {
    "type_accuracy": 0.696,
    "coverage": 0.963,
    "source_match": 0.769,
    "target_match": 0.529,
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


def test_extension_types_are_scored_as_their_plover_type() -> None:
    from newsweave.evaluate.plover import scored_type
    from newsweave.model.facts import Event, Span

    def event(type_: str, mode: str) -> Event:
        return Event(
            "e", type_, mode, "", Span(0, 1, "x"), (), (), (), (), None, None, None, "none",
            (), "asserted", None, None, (),
        )  # fmt: skip

    assert scored_type(event("OFFICE", "resign")) == "RETREAT"
    assert scored_type(event("LEGAL", "sue")) == "DISAPPROVE"
    assert scored_type(event("STATEMENT", "announce")) is None
    assert scored_type(event("PROTEST", "strike")) == "PROTEST"
