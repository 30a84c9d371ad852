"""Cross-document entity coreference on ECB+: the reader, the alignment and measured scores
(first three topics, 80 documents; the full 43 topics are ``newsweave eval coref``)."""

from __future__ import annotations

from pathlib import Path

from newsweave.evaluate.ecbplus import (
    BASELINE,
    OURS,
    GoldMention,
    SystemMention,
    align,
    evaluate,
    gold_documents,
    run,
)


def test_reader_keeps_entity_mentions_of_selected_sentences(data_dir: Path) -> None:
    (doc, *_) = gold_documents(data_dir, 1)
    assert doc.name == "1_10ecb" and doc.topic == "1"
    assert doc.mentions and all(0 <= m.start < m.end <= len(doc.text) for m in doc.mentions)
    assert any(doc.text[m.start : m.end] == "Tara Reid" for m in doc.mentions)
    chains = {m.chain for m in doc.mentions}
    assert any(c.startswith("HUM") for c in chains)  # cross-document instances


def test_alignment_is_one_to_one_best_overlap_first() -> None:
    gold = [GoldMention(("d", "1"), 0, 13, "x"), GoldMention(("d", "2"), 0, 20, "y")]
    system = [SystemMention(0, 13, "Lindsay Lohan", "a")]
    pairs = align(gold, system)
    assert [(g.id[1], s.text) for g, s in pairs] == [("1", "Lindsay Lohan")]


def test_scores_on_three_topics(data_dir: Path) -> None:
    ticks: list[int] = []
    evaluation = evaluate(data_dir, 3, lambda: ticks.append(1))
    assert len(ticks) == 3 and evaluation.documents == 80
    ours, baseline = (
        next(r for r in evaluation.results if r.system == s) for s in (OURS, BASELINE)
    )
    # measured: ours B3 F1 0.790, CoNLL 0.759; baseline B3 F1 0.704, CoNLL 0.706
    assert ours.b3.f1 >= 0.76 and ours.conll >= 0.73
    assert ours.b3.precision >= 0.93
    assert ours.conll > baseline.conll + 0.03
    assert evaluation.aligned / evaluation.gold_mentions > 0.4


def test_rows(data_dir: Path) -> None:
    rows = run(data_dir, 1, lambda: None)
    assert {r.system for r in rows} == {OURS, BASELINE}
    assert all(r.task == "coref" and 0.0 <= r.value <= 1.0 for r in rows)
    metrics = {r.metric for r in rows}
    assert {"b3_f1", "conll_f1", "whole_b3_f1", "whole_conll_f1", "aligned"} <= metrics
