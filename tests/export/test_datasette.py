"""The store in Datasette: described, with labelled foreign keys, facets and search."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsweave.export.datasette import datasette_command, undescribed, write_metadata
from newsweave.store.sqlite import Store
from tests.export.stores import example_db

pytest.importorskip("datasette")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def datasette_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("datasette")
    db = folder / "corpus.db"
    with Store.open(example_db()) as store:
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(example_db(), db)
    meta = folder / "metadata.json"
    write_metadata(db, meta)
    port = _free_port()
    process = subprocess.Popen(
        datasette_command(db, meta, "127.0.0.1", port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/corpus"
    try:
        for _ in range(100):
            try:
                _get(f"http://127.0.0.1:{port}/-/versions.json")
                break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_every_table_view_and_column_is_described() -> None:
    with Store.open(example_db()) as store:
        assert undescribed(store.connection) == []


def test_foreign_keys_show_names(datasette_url: str) -> None:
    page = _get(
        f"{datasette_url}/quotes.json?_labels=on&_shape=objects&_size=5&speaker__notblank=1"
    )
    assert page["rows"]
    row = page["rows"][0]
    assert isinstance(row["speaker"], dict) and row["speaker"]["label"]
    assert isinstance(row["document_id"], dict) and row["document_id"]["label"]
    relations = _get(f"{datasette_url}/relations.json?_labels=on&_shape=objects&_size=3")
    assert isinstance(relations["rows"][0]["subject"], dict)


def test_facets_and_descriptions(datasette_url: str) -> None:
    page = _get(f"{datasette_url}/events.json?_facet=type&_size=0")
    facet = page["facet_results"]
    results = facet.get("results", facet)
    assert any(f["value"] == "PROTEST" for f in results["type"]["results"])
    meta = _get(f"{datasette_url.rsplit('/', 1)[0]}/-/metadata.json")
    tables = meta["databases"]["corpus"]["tables"]
    assert tables["quotes"]["columns"]["speaker"]


def test_search_from_the_passages_page(datasette_url: str) -> None:
    page = _get(f"{datasette_url}/passages.json?_search=curfew&_shape=objects")
    assert page["rows"]
    assert all("curfew" in row["text"].lower() for row in page["rows"])
    readable = _get(f"{datasette_url}/quotes_readable.json?_shape=objects&_size=3")
    assert readable["rows"] and readable["rows"][0]["sentence"]


def test_store_declares_its_references() -> None:
    with Store.open(example_db()) as store:
        conn = store.connection
        for table, column, target in (
            ("quotes", "speaker", "actors"),
            ("relations", "subject", "actors"),
            ("relations", "object", "actors"),
            ("figures", "claimed_by", "actors"),
            ("events", "place", "actors"),
        ):
            keys = {(r[3], r[2]) for r in conn.execute(f"PRAGMA foreign_key_list({table})")}
            assert (column, target) in keys, (table, column)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_command_line_names_the_store(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsweave.cli", "datasette", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "none.db" in result.stderr and "NW250" in result.stderr
    assert not (tmp_path / "none.db").exists()
