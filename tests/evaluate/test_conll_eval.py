"""NER on CoNLL-2003 test: the reader, the metric, and newsweave beating raw spaCy."""

from __future__ import annotations

from pathlib import Path

from newsweave.evaluate.conll import (
    OURS,
    RAW,
    GoldDocument,
    Score,
    evaluate,
    gold_document,
    iob_entities,
    read_conll,
    run,
    to_tokens,
)


def test_iob1_and_iob2_entities() -> None:
    assert iob_entities(["I-PER", "I-PER", "O", "I-LOC"]) == {(0, 2, "PER"), (3, 4, "LOC")}
    assert iob_entities(["I-LOC", "B-LOC", "I-ORG"]) == {
        (0, 1, "LOC"),
        (1, 2, "LOC"),
        (2, 3, "ORG"),
    }
    assert iob_entities(["B-MISC", "I-MISC"]) == {(0, 2, "MISC")}


def test_reader_and_token_mapping(tmp_path: Path) -> None:
    sample = tmp_path / "sample.txt"
    sample.write_text(
        "-DOCSTART- -X- -X- O\n\nJapan NNP I-NP I-LOC\nwon VBD I-VP O\n\n"
        "Nadim NNP I-NP I-PER\nLadki NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nOK JJ I-NP O\n"
    )
    documents = read_conll(sample)
    assert [len(d) for d in documents] == [2, 1]
    gold = gold_document(documents[0])
    assert isinstance(gold, GoldDocument) and gold.text == "Japan won\n\nNadim Ladki"
    assert gold.entities == {(0, 1, "LOC"), (2, 4, "PER")}
    spans = [(0, 5, "GPE"), (11, 22, "PERSON"), (0, 3, "ORG"), (6, 9, "CARDINAL")]
    assert to_tokens(gold, spans) == {(0, 1, "LOC"), (2, 4, "PER"), (0, -4, "ORG")}


def test_score() -> None:
    score = Score("x", tp=3, fp=1, fn=2)
    assert score.precision == 0.75 and score.recall == 0.6
    assert round(score.f1, 4) == 0.6667
    assert Score("y", 0, 0, 0).f1 == 0.0


def test_rows_on_a_few_documents(data_dir: Path) -> None:
    ticks: list[int] = []
    rows = run(data_dir, 5, lambda: ticks.append(1))
    assert len(ticks) == 5
    metrics = ("precision", "recall", "f1")
    typed = {f"{k}_{m}" for k in ("per", "org", "loc", "misc") for m in metrics}
    assert {(r.system, r.metric) for r in rows} == {
        *((s, m) for s in (RAW, OURS) for m in metrics),
        *((OURS, m) for m in typed),
    }
    assert all(0.0 <= r.value <= 1.0 and r.task == "ner" for r in rows)


def test_newsweave_beats_raw_spacy_on_the_full_test_set(data_dir: Path) -> None:
    raw, ours = evaluate(data_dir)
    assert raw.tp + raw.fn == ours.tp + ours.fn > 5500  # every gold entity counted
    assert ours.f1 > raw.f1 + 0.03
    assert ours.precision > raw.precision and ours.recall > raw.recall
