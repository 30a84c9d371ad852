"""MEANTIME (English): event recall by part of speech, Arg0/Arg1 head match, dates."""

from __future__ import annotations

from pathlib import Path

from newsweave.evaluate.meantime import load_articles, run

MEASURED = {
    "recall": 0.116,
    "recall_verb": 0.137,
    "recall_noun": 0.085,
    "arg0_accuracy": 0.660,
    "arg1_accuracy": 0.322,
    "date_accuracy": 0.898,
}
MARGIN = 0.02


def test_gold_articles(data_dir: Path) -> None:
    articles = load_articles(data_dir)
    assert len(articles) == 120
    gold = [g for a in articles for g in a.gold]
    assert len(gold) > 2000
    assert sum(bool(g.arg0) for g in gold) > 500
    assert sum(bool(g.date) for g in gold) > 100
    first = articles[0]
    assert first.created and first.created[:4].isdigit()
    for event in first.gold:
        assert first.text[event.start : event.end].strip()


def test_scores_stay_above_the_measured_ones(data_dir: Path) -> None:
    ticks: list[int] = []
    rows = {r.metric: r.value for r in run(data_dir, None, lambda: ticks.append(1))}
    assert len(ticks) == 120
    for metric, measured in MEASURED.items():
        assert rows[metric] >= measured - MARGIN, (metric, rows[metric])
