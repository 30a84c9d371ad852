"""Quote attribution on PolNeAR (test split): the metric on known pairs, and a fixed
subset of articles against the numbers measured when the stage was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.analyze.quote_cues import Attribution
from newsweave.evaluate.polnear import ANCHOR, Gold, evaluate, parse_ann, run, score

SUBSET = 12
"""The first articles (by file name) of the test split."""
MARGIN = 0.02


def test_parse_ann_reads_discontinuous_spans_and_missing_sources() -> None:
    ann = (
        "T1\tContent 10 20;25 30\tsome words\n"
        "T2\tSource 0 5\tJane\n"
        "T3\tCue 6 9\tsaid\n"
        "T4\tContent 40 50\tmore\n"
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n"
        "E2\tAttribution:T3 Content:T4 Cue:T3\n"
    )
    assert parse_ann(ann) == (
        Gold(((10, 20), (25, 30)), ((0, 5),)),
        Gold(((40, 50),), ()),
    )


def test_score_counts_content_overlap_and_speaker() -> None:
    gold = [Gold(((10, 30),), ((0, 5),)), Gold(((40, 50),), ())]
    right = Attribution((12, 20), (0, 4), (0, 4), "Jane", "say", True)
    wrong_speaker = Attribution((41, 45), (60, 64), (60, 64), "Mark", "say", True)
    stray = Attribution((80, 90), None, None, None, None, True)
    pairs = score([right, wrong_speaker, stray], gold, speaker=True)
    assert (pairs.predicted_matched, pairs.predicted, pairs.gold_matched, pairs.gold) == (
        1,
        3,
        1,
        2,
    )
    content = score([right, wrong_speaker, stray], gold, speaker=False)
    assert (content.predicted_matched, content.gold_matched) == (2, 2)
    # a resolved pronoun counts when its antecedent overlaps the gold source
    resolved = Attribution((12, 20), (70, 72), (1, 4), "Jane", "say", True)
    assert score([resolved], gold, speaker=True).gold_matched == 1


@pytest.mark.slow
def test_polnear_subset_keeps_its_scores(data_dir: Path) -> None:
    if not (data_dir / "polnear" / "test").is_dir():
        pytest.skip("PolNeAR not found")
    pairs, content, articles = evaluate(data_dir, SUBSET)
    assert articles == SUBSET
    precision, recall, f1 = pairs.scores()
    assert precision >= 0.839 - MARGIN
    assert recall >= 0.445 - MARGIN
    assert f1 >= 0.582 - MARGIN
    c_precision, c_recall, c_f1 = content.scores()
    assert c_precision >= 0.941 - MARGIN
    assert c_recall >= 0.505 - MARGIN
    assert c_f1 >= 0.657 - MARGIN


@pytest.mark.slow
def test_run_rows_include_the_published_anchor(data_dir: Path) -> None:
    if not (data_dir / "polnear" / "test").is_dir():
        pytest.skip("PolNeAR not found")
    ticks: list[int] = []
    rows = run(data_dir, 2, lambda: ticks.append(1))
    assert len(ticks) == 2
    metrics = {r.metric for r in rows if r.system == "newsweave"}
    assert metrics == {
        "precision", "recall", "f1", "content_precision", "content_recall", "content_f1"
    }  # fmt: skip
    assert ANCHOR in rows and ANCHOR.value == 0.567
