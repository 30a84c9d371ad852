"""The per-document work of a run stays flat as the store grows: no query the runner
makes for one document scans a table (``EXPLAIN QUERY PLAN``), and every foreign key has
an index on its child column (else SQLite scans the child table to check each delete of
a document's analysis)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsweave.store.sqlite import _CANDIDATES, Store

PER_DOCUMENT = [
    ("SELECT near_duplicate_of FROM documents WHERE id = ?", ("d1",)),
    (_CANDIDATES, {"bands": "[1, 2, 3]"}),
    ("INSERT OR IGNORE INTO document_sources (document_id, source) VALUES (?, ?)", ("d", "s")),
    ("DELETE FROM ingest_errors WHERE source = ?", ("s",)),
    ("SELECT version FROM analyses WHERE document_id = ?", ("d1",)),
    ("SELECT 1 FROM analysis_failures WHERE document_id = ?", ("d1",)),
    ("SELECT document_id FROM input_hashes WHERE hash = ?", ("h",)),
    ("DELETE FROM analysis_failures WHERE document_id = ?", ("d1",)),
] + [
    (f"DELETE FROM {table} WHERE document_id = ?", ("d1",))
    for table in (
        "events",
        "relations",
        "mentions",
        "time_expressions",
        "figures",
        "quotes",
        "actors",
        "analyses",
    )
]


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    with Store.open(tmp_path / "plans.db"):
        pass
    return sqlite3.connect(tmp_path / "plans.db")


@pytest.mark.parametrize(("sql", "params"), PER_DOCUMENT)
def test_per_document_queries_use_an_index(
    conn: sqlite3.Connection, sql: str, params: object
) -> None:
    plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]  # type: ignore[arg-type]
    scans = [s for s in plan if s.startswith("SCAN") and "VIRTUAL TABLE" not in s]
    assert not scans, (sql, plan)


def test_every_foreign_key_is_indexed(conn: sqlite3.Connection) -> None:
    tables = [
        str(r[0])
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not str(r[0]).startswith(("sqlite_", "segments_fts"))
    ]
    missing = []
    for table in tables:
        indexed = {
            tuple(str(c[2]) for c in conn.execute(f"PRAGMA index_info('{index[1]}')"))[:1]
            for index in conn.execute(f"PRAGMA index_list('{table}')")
        }
        for fk in conn.execute(f"PRAGMA foreign_key_list('{table}')"):
            if (str(fk[3]),) not in indexed:
                missing.append(f"{table}.{fk[3]} -> {fk[2]}")
    assert not missing
