"""`newsweave export` from the command line: formats, selections and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsweave.store.sqlite import Store
from tests.export.stores import example_db


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsweave.cli", *args], capture_output=True, text=True
    )


def test_json_export_with_a_selection(tmp_path: Path) -> None:
    target = tmp_path / "protests.json"
    result = run("export", str(target), "--type", "PROTEST", "--db", str(example_db()))
    assert result.returncode == 0, result.stderr
    data = json.loads(target.read_text("utf-8"))
    assert data["format"] == "newsweave/1"
    assert data["events"] and {e["type"] for e in data["events"]} == {"PROTEST"}
    assert "wrote" in result.stderr


def test_unknown_format_is_one_clear_line(tmp_path: Path) -> None:
    result = run("export", str(tmp_path / "x.xml"), "--format", "xlsx", "--db", str(example_db()))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "NW401" in result.stderr and "ftm" in result.stderr
    assert not list(tmp_path.iterdir())


def test_bad_dates_are_refused(tmp_path: Path) -> None:
    result = run(
        "export", str(tmp_path / "x.json"), "--from", "last week", "--db", str(example_db())
    )
    assert result.returncode == 1 and "NW401" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_unwritable_folder_leaves_nothing(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run(
            "export", str(locked / "x.graphml"), "--format", "graphml", "--db", str(example_db())
        )
        assert result.returncode == 1 and "NW402" in result.stderr
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "x.ftm.json"
    result = run("export", str(target), "--format", "ftm", "--db", str(example_db()))
    assert result.returncode == 1 and "NW402" in result.stderr and str(target) in result.stderr
    assert not (tmp_path / "no").exists()


def test_a_file_where_a_folder_is_wanted(tmp_path: Path) -> None:
    target = tmp_path / "tables"
    target.write_text("not a folder", encoding="utf-8")
    result = run("export", str(target), "--format", "csv", "--db", str(example_db()))
    assert result.returncode == 1 and "NW402" in result.stderr
    assert target.read_text("utf-8") == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]


def test_empty_store_and_missing_store(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    Store.open(empty).close()
    result = run("export", str(tmp_path / "x.json"), "--db", str(empty))
    assert result.returncode == 1 and "NW403" in result.stderr
    missing = run("export", str(tmp_path / "y.json"), "--db", str(tmp_path / "missing.db"))
    assert missing.returncode == 1 and "NW250" in missing.stderr
    assert not (tmp_path / "missing.db").exists()
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "y.json").exists()


def test_an_empty_selection_is_refused(tmp_path: Path) -> None:
    result = run(
        "export", str(tmp_path / "x.json"), "--document", "zzzzzz", "--db", str(example_db())
    )
    assert result.returncode == 1 and "NW403" in result.stderr


def test_counts_agree_with_status(tmp_path: Path) -> None:
    """Every format holds the documents `newsweave status` counts."""
    status = json.loads(run("status", "--json", "--db", str(example_db())).stdout)
    folder = tmp_path / "tables"
    result = run("export", str(folder), "--format", "csv", "--db", str(example_db()))
    assert result.returncode == 0, result.stderr
    rows = (folder / "documents.csv").read_text("utf-8").splitlines()
    assert len(rows) - 1 == status["documents"]
    assert f"{status['documents']} documents" in result.stderr
