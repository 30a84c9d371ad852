"""The public question set of ``ask`` (``evaluate/data/ask_questions.yaml``).

Questions over the example corpus (``examples/corpus`` with its gazetteer) and over real
Wikinews articles (``wikinews/wikinews_2020.csv`` in the gold data folder, the rows the set
names), each with its expected answer and source. Each corpus is ingested, analysed and
resolved into a temporary store; every question is asked once. Metrics (system
``newsweave``), per corpus (``example_…``, ``real_…``) and over both:

* ``answer_accuracy``: the fact answer (:mod:`newsweave.ask_facts`) contains one of the
  expected answers (case and accents folded); no fact answer counts as wrong;
* ``passage_top3``: one of the top three passages contains one of the expected passage
  fragments (from a document whose title contains ``document`` when the case gives one).
"""

from __future__ import annotations

import csv
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsweave.evaluate.harness import Row

TASK = "ask"
SYSTEM = "newsweave"
EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
"""The example corpus of a source checkout."""
TOP = 3


@dataclass(frozen=True)
class Case:
    question: str
    answers: tuple[str, ...]
    passages: tuple[str, ...]
    document: str | None = None
    article: int | None = None


@dataclass(frozen=True)
class Outcome:
    """One question asked: the fact answer, the top passages, and the verdicts."""

    case: Case
    answer: str | None
    passages: tuple[str, ...]
    answer_ok: bool
    passage_ok: bool


def load_cases() -> dict[str, list[Case]]:
    """The question set by corpus (``example``, ``real``)."""
    text = (
        resources.files("newsweave.evaluate").joinpath("data/ask_questions.yaml").read_text("utf-8")
    )
    data = yaml.safe_load(text)
    return {
        corpus: [
            Case(
                str(item["question"]),
                tuple(str(a) for a in item["answer"]),
                tuple(str(p) for p in item["passage"]),
                item.get("document"),
                item.get("article"),
            )
            for item in data[corpus]
        ]
        for corpus in ("example", "real")
    }


def _wikinews(data_dir: Path, rows: Sequence[int], folder: Path) -> Path:
    with (data_dir / "wikinews" / "wikinews_2020.csv").open(encoding="utf-8") as handle:
        articles = list(csv.DictReader(handle))
    for row in sorted(set(rows)):
        article = articles[row]
        text = f"{article['title']}\n{article['date']}\n\n{article['text']}\n"
        (folder / f"{article['date']}_wikinews_{row}.txt").write_text(text, encoding="utf-8")
    return folder


def build_store(sources: Sequence[Path], path: Path, gazetteer_files: Sequence[Path] = ()) -> Any:
    """A store with ``sources`` ingested, analysed and resolved."""
    from newsweave.analyze.gazetteer import Gazetteer
    from newsweave.ingest.pipeline import ingest
    from newsweave.pipeline import analyze_store
    from newsweave.pipeline.work import extra_places
    from newsweave.resolve.corpus import resolve_corpus
    from newsweave.settings import Settings
    from newsweave.store.sqlite import Store

    settings = Settings()
    if gazetteer_files:
        settings = settings.replace("analyze.gazetteer_files", tuple(gazetteer_files))
    store = Store.open(path)
    ingest([str(s) for s in sources], store, settings, follow_links=False)
    analyze_store(store, settings)
    resolve_corpus(store, Gazetteer.build(extra_places(settings)))
    return store


def judge(store: Any, cases: Sequence[Case], tick: Callable[[], None]) -> Iterator[Outcome]:
    """Ask every case's question of ``store`` and judge the answer and passages."""
    from newsweave.ask import ask
    from newsweave.ask_text import fold

    titles = {
        str(r[0]): fold(str(r[1] or ""))
        for r in store.connection.execute("SELECT id, title FROM documents")
    }
    for case in cases:
        result = ask(store, case.question, limit=5)
        answer = result.fact.text if result.fact is not None else None
        top = result.answers[:TOP]
        answer_ok = answer is not None and any(
            re.search(rf"(?<!\w){re.escape(fold(a))}(?!\w)", fold(answer)) for a in case.answers
        )
        passage_ok = any(
            any(fold(p) in fold(a.text) for p in case.passages)
            and (case.document is None or fold(case.document) in titles.get(a.document, ""))
            for a in top
        )
        tick()
        yield Outcome(case, answer, tuple(a.text for a in top), answer_ok, passage_ok)


def outcomes(
    data_dir: Path, limit: int | None, tick: Callable[[], None]
) -> dict[str, list[Outcome]]:
    """Every question of the set judged, by corpus."""
    cases = load_cases()
    found: dict[str, list[Outcome]] = {}
    with tempfile.TemporaryDirectory(prefix="newsweave-ask-") as folder:
        root = Path(folder)
        example = build_store(
            [EXAMPLES / "corpus"], root / "example.db", (EXAMPLES / "gazetteer.csv",)
        )
        try:
            found["example"] = list(judge(example, cases["example"][:limit], tick))
        finally:
            example.close()
        real_cases = cases["real"][:limit]
        corpus = root / "real"
        corpus.mkdir()
        _wikinews(data_dir, [c.article for c in real_cases if c.article is not None], corpus)
        real = build_store([corpus], root / "real.db")
        try:
            found["real"] = list(judge(real, real_cases, tick))
        finally:
            real.close()
    return found


def _rows(prefix: str, judged: Sequence[Outcome]) -> list[Row]:
    n = len(judged) or 1
    return [
        Row(
            TASK, SYSTEM, f"{prefix}answer_accuracy", round(sum(o.answer_ok for o in judged) / n, 4)
        ),
        Row(TASK, SYSTEM, f"{prefix}passage_top3", round(sum(o.passage_ok for o in judged) / n, 4)),
    ]


def run(data_dir: Path, limit: int | None, tick: Callable[[], None]) -> list[Row]:
    """The ``ask`` task."""
    found = outcomes(data_dir, limit, tick)
    rows = _rows("", [o for judged in found.values() for o in judged])
    for corpus, judged in found.items():
        rows.extend(_rows(f"{corpus}_", judged))
    return rows
