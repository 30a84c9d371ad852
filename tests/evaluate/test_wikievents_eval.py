"""WikiEvents (dev + test): attack / death / arrest triggers and arguments."""

from __future__ import annotations

from pathlib import Path

from newsweave.evaluate.wikievents import Article, GoldEvent, Predicted, Scores, load_articles, run

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
    assert rows["trigger_cls_f1_events"] >= rows["trigger_cls_f1"]


def test_retold_pieces_of_a_found_event_are_no_spurious_triggers_in_the_second_row() -> None:
    gold = (GoldEvent("attack", 0, 6, ()), GoldEvent("die", 40, 46, ()))
    article = Article("a", "x" * 80, gold)
    found = [
        Predicted("attack", 0, 6, (), "e1"),  # matched
        Predicted("attack", 20, 26, (), "e1"),  # a later piece of the same event
        Predicted("attack", 60, 66, (), "e2"),  # an event that matches nothing
        Predicted("attack", 40, 46, (), "e3"),  # the wrong family: no match
    ]
    scores = Scores()
    scores.add(article, found)
    assert (scores.classification.tp, scores.classification.predicted) == (1, 4)
    assert (scores.by_event.tp, scores.by_event.predicted, scores.by_event.gold) == (1, 3, 2)
