"""Open the store in Datasette (``newsweave datasette``), described for a first-time reader.

The store is a plain SQLite file: Datasette browses and publishes it as it is. What this
module adds is the metadata that makes it readable without our code: a description of
every table, view and column (``export/data/datasette.yaml``), label columns so foreign
keys show names, facets, and full-text search on the passages and segments (through the
FTS5 index the store keeps). Datasette opens the file read-only.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsweave.export.atomic import atomic_file
from newsweave.export.optional import require

JSONObject = dict[str, Any]


@cache
def descriptions() -> JSONObject:
    """The versioned descriptions of the store (``export/data/datasette.yaml``)."""
    text = resources.files("newsweave.export").joinpath("data/datasette.yaml").read_text("utf-8")
    data: JSONObject = yaml.safe_load(text)
    return data


def store_schema(connection: sqlite3.Connection) -> dict[str, tuple[str, list[str]]]:
    """Every table and view a reader sees, with its kind and columns: full-text indexes
    (virtual tables) and their shadow tables are left out."""
    rows = connection.execute(
        "SELECT name, type, coalesce(sql, '') FROM sqlite_master"
        " WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    virtual = [name for name, _, sql in rows if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    found: dict[str, tuple[str, list[str]]] = {}
    for name, kind, _ in rows:
        if any(name == v or name.startswith(f"{v}_") for v in virtual):
            continue
        columns = [r[1] for r in connection.execute(f"PRAGMA table_xinfo([{name}])")]
        found[name] = (kind, columns)
    return found


def undescribed(connection: sqlite3.Connection) -> list[str]:
    """Tables, views and columns of the store that the descriptions do not explain."""
    data = descriptions()
    known = {**data["tables"], **data["views"]}
    missing: list[str] = []
    for name, (kind, columns) in store_schema(connection).items():
        entry = known.get(name)
        if entry is None or not entry.get("description"):
            missing.append(f"{kind} {name}")
            continue
        for column in columns:
            if column not in (entry.get("columns") or {}) and column not in data["common"]:
                missing.append(f"{kind} {name}.{column}")
    return missing


def metadata(connection: sqlite3.Connection, database: str) -> JSONObject:
    """Datasette metadata for the store (database name ``database``)."""
    data = descriptions()
    known = {**data["tables"], **data["views"]}
    tables: JSONObject = {}
    for name, (_, columns) in store_schema(connection).items():
        entry = known.get(name, {})
        described = {**data["common"], **(entry.get("columns") or {})}
        table: JSONObject = {
            "description": entry.get("description", ""),
            "columns": {c: described[c] for c in columns if c in described},
        }
        if entry.get("label_column"):
            table["label_column"] = entry["label_column"]
        if entry.get("facets"):
            table["facets"] = [f for f in entry["facets"] if f in columns]
        if entry.get("hidden"):
            table["hidden"] = True
        if entry.get("fts"):
            table["fts_table"] = entry["fts"]["table"]
            table["fts_pk"] = entry["fts"]["pk"]
        tables[name] = table
    return {
        "title": "newsweave store",
        "description": (
            "News and analysis articles woven into one sourced model: actors (entities), "
            "their ties (relations), happenings (events, story_events), statements "
            "(quotes), numbers (figures, claims, conflicts); every fact points at the "
            "document and the character offsets of the sentence that states it. Start "
            "with entities, events_readable, quotes_readable, relations_readable or "
            "search the passages."
        ),
        "source": "newsweave",
        "databases": {database: {"tables": tables}},
    }


def write_metadata(db: Path, path: Path) -> JSONObject:
    """Write the Datasette metadata of the store at ``db`` to ``path`` (JSON)."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        data = metadata(connection, db.stem)
    finally:
        connection.close()
    with atomic_file(path) as handle:
        json.dump(data, handle, indent=1, ensure_ascii=False)
    return data


def datasette_command(db: Path, metadata_file: Path, host: str, port: int) -> list[str]:
    """The command line that serves the store with its metadata (read-only)."""
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(db),
        "--metadata",
        str(metadata_file),
        "--host",
        host,
        "--port",
        str(port),
        "--setting",
        "sql_time_limit_ms",
        "3000",
    ]


def run_datasette(db: Path, metadata_file: Path, host: str, port: int) -> int:
    """Serve the store in Datasette until interrupted; Datasette's exit code."""
    require("datasette", "datasette")
    write_metadata(db, metadata_file)
    return subprocess.call(datasette_command(db, metadata_file, host, port))
