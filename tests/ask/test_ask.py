"""Golden questions on the example corpus (tests/cases/ask/questions.json).

Relevance measure: the mean reciprocal rank (MRR) of the first answer that is the expected
passage — an answer of one of the expected documents whose text contains the expected
sentence fragment (or one of several) — over all questions (rank > ``limit`` counts 0).
The test prints MRR and hits@1/@3 and holds a floor; a question may also require a rank
(``max_rank``)."""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from newsweave.ask import ask
from newsweave.ask_text import fold
from newsweave.store.sqlite import Store
from tests.conftest import CASES, EXAMPLES

QUESTIONS = CASES / "ask" / "questions.json"
MRR_FLOOR = 0.8


@functools.cache
def example_store() -> Path:
    """The example corpus ingested (analysed and resolved) once per test run."""
    shm = Path("/dev/shm")  # a memory file system when there is one: ingest writes a lot
    folder = tempfile.mkdtemp(prefix="newsweave-example-", dir=shm if shm.is_dir() else None)
    atexit.register(shutil.rmtree, folder, True)
    db = Path(folder) / "example.db"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newsweave.cli",
            "ingest",
            str(EXAMPLES / "corpus"),
            "--no-follow",
            "--quiet",
            "--gazetteer",
            str(EXAMPLES / "gazetteer.csv"),
            "--db",
            str(db),
        ],
        check=True,
        capture_output=True,
    )
    return db


def _cases() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(QUESTIONS.read_text("utf-8"))
    return data


def _rank(case: dict[str, Any], answers: list[dict[str, Any]], titles: dict[str, str]) -> int:
    """1-based rank of the first expected answer, 0 when none is."""
    expect = case["expect"]
    wanted = [fold(w) for w in ([expect] if isinstance(expect, str) else expect)]
    sources = [fold(s) for s in case.get("documents", [])]
    for rank, answer in enumerate(answers, start=1):
        title = fold(titles.get(answer["document"], ""))
        text = fold(answer["text"])
        if any(w in text for w in wanted) and (not sources or any(s in title for s in sources)):
            return rank
    return 0


@pytest.fixture(scope="module")
def store() -> Any:
    with Store.open(example_store()) as opened:
        yield opened


def test_golden_questions_mean_reciprocal_rank(store: Store) -> None:
    titles = {
        str(r[0]): f"{r[1]} {r[2]}"
        for r in store.connection.execute("SELECT id, source, coalesce(title, '') FROM documents")
    }
    ranks = []
    failures = []
    for case in _cases():
        result = ask(store, case["question"], limit=5).as_json()
        rank = _rank(case, result["answers"], titles)
        ranks.append(rank)
        if not rank or rank > case.get("max_rank", 5):
            failures.append((case["question"], rank, [a["text"][:80] for a in result["answers"]]))
    mrr = sum(1 / r for r in ranks if r) / len(ranks)
    at1 = sum(1 for r in ranks if r == 1) / len(ranks)
    at3 = sum(1 for r in ranks if 0 < r <= 3) / len(ranks)
    print(f"\nask golden: {len(ranks)} questions, MRR {mrr:.3f}, hit@1 {at1:.2f}, hit@3 {at3:.2f}")
    assert not failures, failures
    assert mrr >= MRR_FLOOR


def test_answers_follow_the_contract(store: Store) -> None:
    result = ask(store, "When was Didier Yamboré arrested?").as_json()
    assert set(result) >= {"question", "answers", "entities", "events"}
    assert result["answers"]
    scores = [a["score"] for a in result["answers"]]
    assert scores == sorted(scores, reverse=True)
    for answer in result["answers"]:
        assert set(answer) >= {"text", "document", "start", "end", "score"}
        text = store.get_document(answer["document"]).text
        assert text[answer["start"] : answer["end"]] == answer["text"]
    assert any(e["name"] == "Didier Yamboré" for e in result["entities"])
    assert any(e["mode"] == "arrest" for e in result["events"])


def test_boilerplate_is_never_an_answer(store: Store) -> None:
    rows = store.connection.execute(
        "SELECT document_id, start_char, end_char FROM segments WHERE role NOT IN"
        " ('body', 'headline', 'standfirst', 'caption')"
    ).fetchall()
    furniture = {(str(r[0]), int(r[1]), int(r[2])) for r in rows}
    for question in (
        "Subscribe to our newsletter",
        "cookies privacy policy",
        "All rights reserved",
    ):
        for answer in ask(store, question, limit=10).answers:
            assert not any(
                doc == answer.document and start <= answer.start < end
                for doc, start, end in furniture
            )


def test_odd_input_is_safe(store: Store) -> None:
    for question in ("", "   ", '"unbalanced', "NOT OR AND", "?", "<script>"):
        result = ask(store, question)
        assert result.question == question
