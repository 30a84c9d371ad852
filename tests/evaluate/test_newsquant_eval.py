"""Figures quality on NewsQuant: the matching rules, and the measured scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.evaluate.harness import run_tasks
from newsweave.evaluate.newsquant import (
    Found,
    Gold,
    Item,
    Tally,
    gold_values,
    locate,
    score_sentence,
    their_unit,
)
from newsweave.model import Evidence
from newsweave.model.facts import Figure, Span

# Measured on the full set (590 sentences); CI floors sit a little below.
MEASURED = {
    "recall": 0.868,
    "precision": 0.903,
    "f1": 0.885,
    "value_accuracy": 0.976,
    "unit_accuracy": 0.872,
    "qualifier_accuracy": 0.951,
}
MARGIN = 0.01


def _figure(start: int, end: int, value: float, unit: str | None) -> Figure:
    evidence = Evidence("d", start, end, "", "figures", "1")
    return Figure(
        Span(start, end, ""), value, None, None, "exact", unit, None, None, None, None, evidence
    )


def test_gold_values_and_units() -> None:
    assert gold_values("6.0") == (6.0,)
    assert gold_values("252.0-287.0") == (252.0, 287.0)
    assert gold_values("-233") == (-233.0,)
    assert their_unit("USD per barrel") == "dollar per barrel"
    assert their_unit("percent") == "percentage"
    assert their_unit("person") == "people"
    assert their_unit(None) == "-"


def test_locate_scaled_literal() -> None:
    text = "It would cost it $800 million in 2019 and 13,000 workers."
    used: set[int] = set()
    assert locate(text, Gold((800e6,), "=", "dollar"), used) == (18, 21)
    assert locate(text, Gold((13000.0,), "=", "worker"), used) == (42, 48)
    assert locate(text, Gold((5.0,), "=", "x"), used) is None


def test_score_sentence_counts() -> None:
    text = "It would cost it $800 million and employs 13,000 workers."
    item = Item(text, (Gold((800e6,), "=", "dollar"), Gold((13000.0,), "=", "worker")))
    tally = Tally()
    found = [Found(17, 29, _figure(17, 29, 800e6, "USD")), Found(4, 8, _figure(4, 8, 1, None))]
    score_sentence(item, found, tally)
    assert (tally.gold, tally.predicted, tally.found) == (2, 2, 1)
    assert (tally.value_ok, tally.unit_ok) == (1, 1)


@pytest.mark.slow
def test_newsquant_scores(data_dir: Path) -> None:
    rows = run_tasks(["figures"], data_dir)
    ours = {r.metric: r.value for r in rows if r.system == "newsweave"}
    for metric, measured in MEASURED.items():
        assert ours[metric] >= measured - MARGIN, (metric, ours[metric])
    plain = {r.metric: r.value for r in rows if r.system == "spacy (plain)"}
    assert ours["f1"] > plain["f1"]
