"""Time expressions on the TempEval-3 platinum test set, against floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.evaluate.tempeval import (
    HEIDELTIME_VALUE_F1,
    Counts,
    Timex,
    metrics,
    read_timeml,
    run,
    score,
)

TIMEML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" '
    'functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>\n<TEXT>\n'
    'It <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday'
    '</TIMEX3> it would wait <TIMEX3 tid="t2" type="DURATION" value="P1M">a month</TIMEX3>.\n'
    "</TEXT>\n</TimeML>\n"
)


def test_read_timeml_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TIMEML, encoding="utf-8")
    gold = read_timeml(path)
    assert str(gold.dct) == "2013-03-22"
    assert [gold.text[t.start : t.end] for t in gold.timexes] == ["Friday", "a month"]
    assert [t.value for t in gold.timexes] == ["2013-03-22", "P1M"]


def test_score_strict_relaxed_and_values() -> None:
    text = "said Friday it would wait about a month."
    gold = (Timex(5, 11, "DATE", "2013-03-22"), Timex(32, 39, "DURATION", "P1M"))
    system = (
        Timex(5, 11, "DATE", "2013-03-15"),  # strict match, wrong value
        Timex(26, 39, "DURATION", "P1M"),  # relaxed match ("about a month")
        Timex(0, 4, "DATE", "PRESENT_REF"),  # false positive
    )
    counts = score(text, gold, system)
    assert counts == Counts(gold=2, system=3, strict=1, relaxed=2, value=1, type=2)
    result = metrics(counts)
    assert result["relaxed_recall"] == 1.0
    assert result["value_accuracy"] == 0.5
    assert result["value_f1"] == pytest.approx(result["relaxed_f1"] * 0.5)


@pytest.mark.slow
def test_platinum_meets_floors(data_dir: Path) -> None:
    rows = run(data_dir, None, lambda: None)
    ours = {r.metric: r.value for r in rows if r.system == "newsweave"}
    assert ours["relaxed_f1"] >= 0.90
    assert ours["strict_f1"] >= 0.87
    assert ours["value_accuracy"] >= 0.91
    assert ours["value_f1"] >= 0.84
    assert ours["type_accuracy"] >= 0.95
    published = [r for r in rows if r.system == "HeidelTime (published)"]
    assert [(r.metric, r.value) for r in published] == [("value_f1", HEIDELTIME_VALUE_F1)]
    assert ours["value_f1"] > HEIDELTIME_VALUE_F1
