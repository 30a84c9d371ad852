"""Every executor builds the same store: the example corpus ingested in this process and
on two worker processes gives identical ``newsweave/1`` exports (same ids, facts,
evidence)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.pipeline.helpers import CORPUS, run_into


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> Any:
    report, exported = run_into(tmp_path_factory.mktemp("one") / "one.db", [str(CORPUS)], "local")
    assert report.ok and report.analysed >= 20, [e.line() for e in report.errors]
    return exported


@pytest.mark.slow
def test_worker_processes_give_the_same_export(one_process: Any, tmp_path: Path) -> None:
    report, exported = run_into(tmp_path / "two.db", [str(CORPUS)], "processes:2")
    assert report.executor == "2 processes"
    assert report.ok, [e.line() for e in report.errors]
    assert exported["documents"] and exported["entities"]
    assert exported == one_process


def test_second_run_skips_stored_inputs_by_hash(one_process: Any, tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    run_into(db, [str(CORPUS)], "local")
    report, exported = run_into(db, [str(CORPUS)], "local")
    assert {o.status for o in report.outcomes} == {"duplicate"}
    assert report.analysed == 0
    assert exported == one_process


def test_dask_is_not_imported_without_the_flag(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from newsweave.pipeline import ingest, resolve\n"
        "from newsweave.settings import Settings\n"
        "from newsweave.store.sqlite import Store\n"
        f"with Store.open(Path({str(tmp_path / 'x.db')!r})) as store:\n"
        f"    report = ingest([{str(next(iter(sorted(CORPUS.glob('*.txt')))))!r}], store,"
        " Settings(), follow_links=False)\n"
        "    resolve(store, Settings())\n"
        "assert report.analysed == 1, report\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
