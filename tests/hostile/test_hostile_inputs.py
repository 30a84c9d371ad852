"""The hostile-input suite: every case of issue 16 in one ``newsweave ingest`` batch with a
good article, under a time cap and a memory cap. Each case ends in one clear error line
naming it (or, for best-effort decodings, is stored), the run exits non-zero, nothing
crashes, and the good article is stored and analysed."""

from __future__ import annotations

import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.cases import NAMES, Case, Corpus, build
from tests.hostile.run import NEWSWEAVE, Run, ingest, stored_and_analysed

pytestmark = pytest.mark.slow

TIME_CAP = 240.0
"""Seconds for the whole batch (about 25 s on an idle laptop; the CI machine is shared)."""


@dataclass(frozen=True)
class Batch:
    corpus: Corpus
    db: Path
    run: Run

    def case(self, name: str) -> Case:
        return next(case for case in self.corpus.cases if case.name == name)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    root = tmp_path_factory.mktemp("hostile")
    corpus = build(root)
    sources = [str(corpus.good), *(case.source for case in corpus.cases)]
    db = root / "store.db"
    return Batch(corpus, db, ingest(db, sources, seconds=TIME_CAP))


def test_every_case_is_in_the_suite(batch: Batch) -> None:
    assert [case.name for case in batch.corpus.cases] == list(NAMES)


def test_the_batch_exits_non_zero_without_a_crash(batch: Batch) -> None:
    assert batch.run.returncode == 1, batch.run.stderr
    assert "Traceback" not in batch.run.stderr
    assert "NW901" not in batch.run.stderr
    assert "\x1b" not in batch.run.stderr


def test_the_good_article_is_stored_and_analysed(batch: Batch) -> None:
    assert stored_and_analysed(batch.db, str(batch.corpus.good)) == (True, True)


def test_every_error_line_names_a_case(batch: Batch) -> None:
    subjects = [subject for case in batch.corpus.cases for subject in case.named]
    for line in batch.run.error_lines:
        assert any(line in batch.run.lines_naming(subject) for subject in subjects), line


@pytest.mark.parametrize("name", NAMES)
def test_case_ends_in_one_clear_error_line(batch: Batch, name: str) -> None:
    case = batch.case(name)
    for subject in case.named:
        lines = batch.run.lines_naming(subject)
        stored, _ = stored_and_analysed(batch.db, subject)
        if not case.codes or (case.tolerated and not lines):
            assert not lines, lines
            assert stored, f"{subject} was not stored"
            continue
        assert len(lines) == 1, (subject, batch.run.error_lines)
        code = lines[0].split()[1]
        assert code in case.codes, lines[0]
        assert not stored
    for subject in case.stored:
        assert stored_and_analysed(batch.db, subject) == (True, True), subject


def test_merging_an_entity_with_itself_is_nw205_and_writes_nothing(batch: Batch) -> None:
    with sqlite3.connect(batch.db) as conn:
        (entity,) = conn.execute("SELECT id FROM entities ORDER BY id LIMIT 1").fetchone()
        (actor,) = conn.execute(
            "SELECT actor_id FROM entity_members WHERE entity_id = ? LIMIT 1", (entity,)
        ).fetchone()
        before = conn.execute("SELECT COUNT(*) FROM judgements").fetchone()[0]
    for first, second in ((entity, entity), (entity, actor)):
        done = subprocess.run(
            [str(NEWSWEAVE), "merge", first, second, "--db", str(batch.db)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 1
        assert done.stderr.startswith(f"error NW205 {first} {second}: "), done.stderr
    with sqlite3.connect(batch.db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM judgements").fetchone()[0] == before
