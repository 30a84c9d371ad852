"""Answers from the stored facts: the public question set (evaluate/data/ask_questions.yaml)
over the example corpus and real Wikinews articles meets its targets (answer accuracy
>= 0.8, a correct passage in the top 3 >= 0.95); a number question is answered from the
claim with its claimants, date and conflicting value, a who-did question from the event,
a what-did-X-say question from X's quote; questions the model has no fact for get none."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.ask import ask
from newsweave.evaluate.ask_questions import build_store, judge, load_cases
from newsweave.store.sqlite import Store
from tests.ask.test_ask import example_store


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with Store.open(example_store()) as opened:
        yield opened


def test_question_set_is_large_enough() -> None:
    cases = load_cases()
    assert len(cases["example"]) >= 40 and len(cases["real"]) >= 20
    for case in [*cases["example"], *cases["real"]]:
        assert case.question.endswith("?") and case.answers and case.passages


def test_example_questions_meet_the_targets(store: Store) -> None:
    judged = list(judge(store, load_cases()["example"], lambda: None))
    answers = sum(o.answer_ok for o in judged) / len(judged)
    passages = sum(o.passage_ok for o in judged) / len(judged)
    assert answers >= 0.85, [(o.case.question, o.answer) for o in judged if not o.answer_ok]
    assert passages >= 0.95


def test_real_questions_meet_the_targets(data_dir: Path, tmp_path: Path) -> None:
    from newsweave.evaluate.ask_questions import _wikinews

    cases = load_cases()["real"]
    corpus = tmp_path / "real"
    corpus.mkdir()
    _wikinews(data_dir, [c.article for c in cases if c.article is not None], corpus)
    real = build_store([corpus], tmp_path / "real.db")
    try:
        judged = list(judge(real, cases, lambda: None))
    finally:
        real.close()
    assert sum(o.answer_ok for o in judged) / len(judged) >= 0.8
    assert sum(o.passage_ok for o in judged) / len(judged) >= 0.95


def test_number_answer_names_claimants_date_and_conflict(store: Store) -> None:
    result = ask(store, "How many people were detained according to the interior ministry?")
    assert result.fact is not None and result.fact.kind == "claim"
    text = result.fact.text
    assert "3,200" in text and "interior ministry" in text.lower()
    assert "as of" in text and "4,000" in text  # the rights group's conflicting count
    assert all(c.text for c in result.fact.citations)
    assert result.as_json()["answer"]["citations"]


def test_who_did_answer_from_the_event(store: Store) -> None:
    result = ask(store, "Who dismissed the ports minister?")
    assert result.fact is not None and result.fact.kind == "event"
    assert "Dossavi" in result.fact.text


def test_what_did_x_say_answer_from_the_quote(store: Store) -> None:
    result = ask(store, "What did Gaston Yamboré say about his son's detention?")
    assert result.fact is not None and result.fact.kind == "quote"
    assert "political" in result.fact.text


def test_no_fact_no_answer(store: Store) -> None:
    assert ask(store, "Why is the sky blue over the lagoon?").fact is None
