"""CSV and Parquet tables: queried with DuckDB and pandas, counts checked against the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsweave.export.formats import export
from newsweave.export.tables import TABLES
from newsweave.store.sqlite import Store
from tests.export.stores import example_db, example_model

duckdb = pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")


def _store_count(sql: str) -> int:
    with sqlite3.connect(example_db()) as conn:
        return int(conn.execute(sql).fetchone()[0])


@pytest.fixture(scope="module")
def parquet_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tables") / "parquet"
    with Store.open(example_db()) as store:
        export(store, "parquet", folder)
    return folder


def test_parquet_tables_join_in_duckdb(parquet_dir: Path) -> None:
    assert sorted(p.stem for p in parquet_dir.iterdir()) == sorted(TABLES)
    con = duckdb.connect()
    for table in TABLES:
        con.execute(
            f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{parquet_dir / table}.parquet')"
        )
    model = example_model()
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(model["documents"])
    assert con.execute("SELECT count(*) FROM entities").fetchone()[0] == len(model["entities"])
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == len(model["events"])
    assert con.execute("SELECT count(*) FROM quotes").fetchone()[0] == len(model["quotes"])
    assert con.execute("SELECT count(*) FROM claims").fetchone()[0] == len(model["figures"])
    assert con.execute("SELECT count(*) FROM figures").fetchone()[0] == _store_count(
        "SELECT count(*) FROM figures"
    )
    # a join across two tables: who is quoted most, by entity name
    top = con.execute(
        "SELECT e.name, count(*) AS n FROM quotes q JOIN entities e ON e.id = q.speaker_id "
        "GROUP BY e.name ORDER BY n DESC LIMIT 1"
    ).fetchone()
    assert top is not None and top[1] > 1
    # every participant and mention points at an entity; every evidence row at a document
    assert (
        con.execute(
            "SELECT count(*) FROM event_participants p LEFT JOIN entities e ON e.id = p.entity_id "
            "WHERE e.id IS NULL"
        ).fetchone()[0]
        == 0
    )
    assert (
        con.execute(
            "SELECT count(*) FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id "
            "WHERE e.id IS NULL"
        ).fetchone()[0]
        == 0
    )
    assert (
        con.execute(
            "SELECT count(*) FROM evidence v LEFT JOIN documents d ON d.id = v.document_id "
            "WHERE d.id IS NULL"
        ).fetchone()[0]
        == 0
    )
    # dates are typed columns beside the ISO strings
    kinds = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE events)").fetchall())
    assert kinds["date_start"] == "DATE" and kinds["date"] == "VARCHAR"
    months = con.execute(
        "SELECT count(*) FROM events WHERE date_precision = 'month' AND day(date_start) <> 1"
    ).fetchone()[0]
    assert months == 0


def test_csv_tables_read_with_pandas(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    with Store.open(example_db()) as store:
        report = export(store, "csv", folder)
    model = example_model()
    for table in TABLES:
        frame = pd.read_csv(folder / f"{table}.csv", keep_default_na=False)
        assert len(frame) == report.counts[table], table
    documents = pd.read_csv(folder / "documents.csv")
    assert set(documents["id"]) == {d["id"] for d in model["documents"]}
    relations = pd.read_csv(folder / "relations.csv", keep_default_na=False)
    assert len(relations) == len(model["relations"])
    mentions = pd.read_csv(folder / "mentions.csv")
    assert len(mentions) <= _store_count("SELECT count(*) FROM mentions")


def test_export_replaces_an_earlier_folder_whole(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "stale.csv").write_text("old\n", encoding="utf-8")
    with Store.open(example_db()) as store:
        export(store, "csv", folder)
    assert not (folder / "stale.csv").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
