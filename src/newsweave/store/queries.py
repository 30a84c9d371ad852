"""Read-side queries shared by the CLI, the API and the UI."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsweave.store.sqlite import Store, raise_if_stopped

if TYPE_CHECKING:
    from newsweave.resolve.entities import EntityRecord


@dataclass(frozen=True)
class EventRow:
    id: str
    document_id: str
    type: str
    mode: str | None
    label: str
    date: str | None
    date_source: str
    modality: str
    actors: tuple[str, ...]
    """Names of the acting actors (named actors first, then descriptions)."""
    targets: tuple[str, ...]
    place: str | None
    sentence: str
    start: int
    end: int
    quote_texts: tuple[str, ...] = ()
    """For a STATEMENT: the quoted words of the quotes it states."""


@dataclass(frozen=True)
class RelationRow:
    document_id: str
    subject: str
    predicate: str
    object: str | None
    qualifier: str | None
    time: str | None
    sentence: str
    start: int
    end: int


def actor_names(conn: sqlite3.Connection, ids: Iterable[str] | None = None) -> dict[str, str]:
    """Actor id → its name in its document, for ``ids`` (every actor when None)."""
    if ids is None:
        return {str(r[0]): str(r[1]) for r in conn.execute("SELECT id, name FROM actors")}
    rows = conn.execute(
        "SELECT id, name FROM actors WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(ids)),),
    )
    return {str(r[0]): str(r[1]) for r in rows}


def _names(store: Store, ids: list[str]) -> list[str]:
    found = actor_names(store.connection, ids) if ids else {}
    return [found.get(i, i) for i in ids]


def list_events(
    store: Store,
    *,
    type: str | None = None,
    actor: str | None = None,
    start: str | None = None,
    end: str | None = None,
    limit: int = 500,
) -> list[EventRow]:
    """Events in date order, filtered by PLOVER type, actor name (substring, as actor or
    target) and period (``start``/``end`` as ``YYYY[-MM[-DD]]``, inclusive)."""
    sql = (
        "SELECT e.*, substr(d.text, v.sentence_start + 1, v.sentence_end - v.sentence_start)"
        " AS sentence, v.start_char AS ev_start, v.end_char AS ev_end"
        " FROM events AS e JOIN documents AS d ON d.id = e.document_id"
        " JOIN event_evidence AS v ON v.event_id = e.id AND v.idx = 0 WHERE 1 = 1"
    )
    params: list[str | int] = []
    if type:
        sql += " AND e.type = ?"
        params.append(type.upper())
    if start:
        sql += " AND e.date >= ?"
        params.append(start)
    if end:
        sql += " AND substr(e.date, 1, ?) <= ?"
        params.extend([len(end), end])
    sql += " ORDER BY e.date IS NULL, e.date, e.document_id, e.start_char LIMIT ?"
    params.append(limit if not actor else limit * 20)
    rows: list[EventRow] = []
    for r in store.connection.execute(sql, params):
        actors = _names(store, json.loads(r["actors"])) + json.loads(r["actor_texts"])
        targets = _names(store, json.loads(r["targets"])) + json.loads(r["target_texts"])
        if actor and not any(actor.lower() in n.lower() for n in actors + targets):
            continue
        place = _names(store, [r["place"]])[0] if r["place"] else r["place_text"]
        rows.append(
            EventRow(
                id=str(r["id"]),
                document_id=str(r["document_id"]),
                type=str(r["type"]),
                mode=r["mode"],
                label=str(r["label"]),
                date=r["date"],
                date_source=str(r["date_source"]),
                modality=str(r["modality"]),
                actors=tuple(actors),
                targets=tuple(targets),
                place=place,
                sentence=str(r["sentence"]),
                start=int(r["ev_start"]),
                end=int(r["ev_end"]),
                quote_texts=_quote_texts(store, json.loads(r["quotes"])),
            )
        )
    return rows[:limit]


def _quote_texts(store: Store, ids: list[str]) -> tuple[str, ...]:
    """The quoted words of the quotes ``ids``, in the given order."""
    if not ids:
        return ()
    rows = store.connection.execute(
        "SELECT id, text FROM quotes WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(ids),),
    )
    found = {str(r[0]): str(r[1]) for r in rows}
    return tuple(found[i] for i in ids if i in found)


def relations_of(store: Store, name: str, limit: int = 500) -> list[RelationRow]:
    """Relations whose subject or object is an actor whose name contains ``name``."""
    sql = (
        "SELECT r.*, s.name AS subject_name, o.name AS object_name,"
        " substr(d.text, r.sentence_start + 1, r.sentence_end - r.sentence_start) AS sentence"
        " FROM relations AS r JOIN actors AS s ON s.id = r.subject"
        " LEFT JOIN actors AS o ON o.id = r.object JOIN documents AS d ON d.id = r.document_id"
        " WHERE lower(s.name) LIKE ? OR lower(o.name) LIKE ?"
        " ORDER BY s.name, r.predicate, r.document_id, r.start_char LIMIT ?"
    )
    pattern = f"%{name.lower()}%"
    return [
        RelationRow(
            document_id=str(r["document_id"]),
            subject=str(r["subject_name"]),
            predicate=str(r["predicate"]),
            object=r["object_name"] or r["object_text"],
            qualifier=r["qualifier"],
            time=r["time"],
            sentence=str(r["sentence"]),
            start=int(r["start_char"]),
            end=int(r["end_char"]),
        )
        for r in store.connection.execute(sql, (pattern, pattern, limit))
    ]


FACT_TABLES = (
    ("entities", "entities"),
    ("actors", "actors"),
    ("events", "events"),
    ("story events", "story_events"),
    ("quotes", "quotes"),
    ("relations", "relations"),
    ("figures", "figures"),
    ("claims", "claims"),
    ("places", "places"),
)


def fact_counts(store: Store) -> dict[str, int]:
    """How many facts of each kind the store holds (a table an older store lacks: 0)."""
    counts: dict[str, int] = {}
    for label, table in FACT_TABLES:
        try:
            row = store.connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        except sqlite3.OperationalError as error:  # a table an older store lacks
            raise_if_stopped(error)
            row = (0,)
        counts[label] = int(row[0])
    return counts


ENTITY_BATCH = 200
"""Entities read (with all their members and titles) at a time by :func:`entity_pages`."""


def entity_ids(
    store: Store,
    *,
    type: str | None = None,
    name: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[str], int]:
    """(ids of one page of entities, how many match): largest first (member actors, then
    name and id), of ``type``, with a name or alias whose words start with the words of
    ``name`` (the ``actor_names`` index). Reads ids only, through the indexes."""
    from newsweave.serve.people import name_matches

    where, params = ["1"], []
    if type:
        where.append("type = ?")
        params.append(type.upper())
    if name and name.strip():
        where.append("id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(name_matches(store.connection, name, limit=100_000)))
    conn = store.connection
    clause = " AND ".join(where)
    total = int(conn.execute(f"SELECT count(*) FROM entities WHERE {clause}", params).fetchone()[0])
    rows = conn.execute(
        f"SELECT id FROM entities WHERE {clause} ORDER BY size DESC, name, id LIMIT ? OFFSET ?",
        [*params, -1 if limit is None else limit, max(0, offset)],
    )
    return [str(r[0]) for r in rows], total


def entity_pages(store: Store, ids: list[str]) -> Iterator[EntityRecord]:
    """The :class:`~newsweave.resolve.entities.EntityRecord` of each id, in that order, read
    :data:`ENTITY_BATCH` at a time (memory stays one batch, whatever the store holds)."""
    from newsweave.ask_lookup import entity_records_of

    for start in range(0, len(ids), ENTITY_BATCH):
        batch = ids[start : start + ENTITY_BATCH]
        found = {r.id: r for r in entity_records_of(store, batch)}
        yield from (found[i] for i in batch if i in found)
