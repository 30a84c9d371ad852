"""WikiEvents (dev + test): attack / death / arrest triggers and arguments."""

from __future__ import annotations

from pathlib import Path

from newsweave.evaluate.wikievents import load_articles, run

MEASURED = {"trigger_id_f1": 0.574, "trigger_cls_f1": 0.568, "argument_f1": 0.196}
MARGIN = 0.02


def test_gold_articles(data_dir: Path) -> None:
    articles = load_articles(data_dir)
    assert len(articles) == 40
    gold = [g for a in articles for g in a.gold]
    assert len(gold) == 353
    for article in articles[:5]:
        for event in article.gold:
            assert article.text[event.start : event.end].strip()


def test_scores_stay_above_the_measured_ones(data_dir: Path) -> None:
    ticks: list[int] = []
    rows = {r.metric: r.value for r in run(data_dir, None, lambda: ticks.append(1))}
    assert len(ticks) == 40
    for metric, measured in MEASURED.items():
        assert rows[metric] >= measured - MARGIN, (metric, rows[metric])
