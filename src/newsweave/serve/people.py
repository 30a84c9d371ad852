"""Entities as the pages show them: the list (paged, by type and name or alias), one
entity's page as an analyst's notes (one row per fact), and name matching for search.

An entity is a row of ``entities`` (cross-document resolution) with its member actors; an
actor resolution has not covered yet is shown as its own entity, under its actor id,
gathering the unresolved actors of the same name and type.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.serve.common import (
    JSON,
    Paging,
    choose_sort,
    fold,
    ids_json,
)

ENTITY_SORTS = {
    "documents": "documents DESC, name, id",
    "name": "name, id",
    "type": "type, documents DESC, name",
}


MAX_MEMBERS = 500


"""An entity's facts are read from the actors of its latest this many documents (the
counts cover all of them): a page stays a few bounded queries however large the entity."""


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    country: str | None
    resolved: bool
    members: tuple[sqlite3.Row, ...]
    """Member actors of the latest :data:`MAX_MEMBERS` documents."""
    documents: int
    mentions: int
    aliases: tuple[str, ...]

    @property
    def actor_ids(self) -> list[str]:
        return [str(m["id"]) for m in self.members]

    @property
    def partial(self) -> bool:
        return self.documents > len({m["document_id"] for m in self.members})


_MEMBER_SQL = (
    "SELECT a.* FROM {source} JOIN actors AS a ON a.id = {key}"
    " JOIN documents AS d ON d.id = a.document_id WHERE {where}"
    " ORDER BY d.published IS NULL, d.published DESC, a.id LIMIT ?"
)


_TOTALS_SQL = (
    "SELECT count(DISTINCT a.document_id), coalesce(sum(a.mentions), 0)"
    " FROM {source} JOIN actors AS a ON a.id = {key} WHERE {where}"
)


_NAMES_SQL = (
    "SELECT a.name, count(*) AS n FROM {source} JOIN actors AS a ON a.id = {key}"
    " WHERE {where} GROUP BY a.name ORDER BY n DESC, a.name LIMIT 30"
)


def find(conn: sqlite3.Connection, key: str, max_members: int = MAX_MEMBERS) -> Entity | None:
    """The entity with id ``key``, or the entity an actor id ``key`` belongs to."""
    row = conn.execute("SELECT * FROM entities WHERE id = ?", (key,)).fetchone()
    if row is None:
        owner = conn.execute(
            "SELECT entity_id FROM entity_members WHERE actor_id = ?", (key,)
        ).fetchone()
        if owner is not None:
            row = conn.execute("SELECT * FROM entities WHERE id = ?", (owner[0],)).fetchone()
    if row is not None:
        parts = {"source": "entity_members AS m", "key": "m.actor_id", "where": "m.entity_id = ?"}
        params: tuple[str, ...] = (str(row["id"]),)
        name, kind, country, resolved = str(row["name"]), str(row["type"]), row["country"], True
        entity_id = str(row["id"])
    else:
        actor = conn.execute("SELECT * FROM actors WHERE id = ?", (key,)).fetchone()
        if actor is None:
            return None
        parts = {
            "source": "(SELECT a2.id FROM actors AS a2 WHERE a2.name = ? AND a2.type = ?"
            " AND NOT EXISTS (SELECT 1 FROM entity_members AS m2 WHERE m2.actor_id = a2.id))"
            " AS u",
            "key": "u.id",
            "where": "1",
        }
        params = (str(actor["name"]), str(actor["type"]))
        name, kind, country, resolved = (
            str(actor["name"]),
            str(actor["type"]),
            actor["country"],
            False,
        )
        entity_id = ""
    if resolved:
        # the latest members through the index alone, then only their rows
        latest = [
            str(r[0])
            for r in conn.execute(
                "SELECT actor_id FROM entity_members WHERE entity_id = ?"
                " ORDER BY rowid DESC LIMIT ?",
                (entity_id, max_members),
            )
        ]
        members = conn.execute(
            "SELECT a.* FROM actors AS a WHERE a.id IN (SELECT value FROM json_each(?))",
            (ids_json(latest),),
        ).fetchall()
        documents = int(row["size"]) if row is not None else len(members)
        if len(members) < max_members:
            documents = len({m["document_id"] for m in members})
        mentions = sum(int(m["mentions"]) for m in members)
        counted = Counter(str(m["name"]) for m in members)
        names = [n for n, _ in counted.most_common(30)]
    else:
        members = conn.execute(_MEMBER_SQL.format(**parts), (*params, max_members)).fetchall()
        documents, mentions = conn.execute(_TOTALS_SQL.format(**parts), params).fetchone()
        names = [str(r[0]) for r in conn.execute(_NAMES_SQL.format(**parts), params)]
    aliases: dict[str, None] = {}
    for n in names:
        if fold(n) != fold(name):
            aliases.setdefault(n, None)
    for m in members[:200]:
        for a in json.loads(m["aliases"] or "[]"):
            if a and fold(a) != fold(name):
                aliases.setdefault(str(a), None)
    if resolved:
        own = _own_names(conn, name, kind, members)
        aliases = dict.fromkeys(a for a in aliases if a in own)
    if not entity_id:
        entity_id = str(min((m["id"] for m in members), default=key))
    return Entity(
        entity_id,
        name,
        kind,
        country,
        resolved,
        tuple(members),
        int(documents or 0),
        int(mentions or 0),
        tuple(list(aliases)[:30]),
    )


def _own_names(
    conn: sqlite3.Connection, name: str, kind: str, members: Sequence[sqlite3.Row]
) -> frozenset[str]:
    """The names an entity shows as its own, chosen by the resolver's rule
    (:func:`newsweave.resolve.entities.entity_aliases`: spelling variants, acronyms stated
    with their expansion, gazetteer aliases, no second full name for a person), so the page
    says what the export and the CLI say."""
    from newsweave.resolve.entities import entity_aliases

    ids = [str(m["id"]) for m in members]
    places = {
        str(r[0]): str(r[1])
        for r in conn.execute(
            "SELECT actor_id, gazetteer_id FROM places"
            " WHERE actor_id IN (SELECT value FROM json_each(?))",
            (ids_json(ids),),
        )
    }
    # the rule reads forms and places as sets: each distinct (forms, place) pair once
    held = dict.fromkeys(
        ((str(m["name"]), *map(str, json.loads(m["aliases"] or "[]"))), places.get(i))
        for m, i in zip(members, ids, strict=True)
    )
    shown, _ = entity_aliases(name, kind == "PERSON", [f for f, _ in held], [p for _, p in held])
    return frozenset(shown)


def summary(entity: Entity) -> JSON:
    return {
        "id": entity.id,
        "href": f"/entity/{entity.id}",
        "name": entity.name,
        "type": entity.type,
        "country": entity.country,
        "aliases": list(entity.aliases),
        "documents": entity.documents,
        "mentions": entity.mentions,
        "resolved": entity.resolved,
        "facts_from_latest_documents": len({m["document_id"] for m in entity.members})
        if entity.partial
        else None,
    }


def listing(
    conn: sqlite3.Connection,
    paging: Paging,
    *,
    type: str | None = None,
    q: str | None = None,
) -> JSON:
    """Entities, most documents first (or by name, type), filtered by type and by a name
    or alias containing ``q``."""
    sort, order = choose_sort(paging.sort, ENTITY_SORTS, "documents")
    where = ["1"]
    params: list[Any] = []
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if q and q.strip():
        ids = name_matches(conn, q, limit=5000)
        where.append("e.id IN (SELECT value FROM json_each(?))")
        params.append(ids_json(ids))
    base = (
        "SELECT e.id, e.name, e.type, e.country, e.size AS documents FROM entities AS e"
        f" WHERE {' AND '.join(where)}"
    )
    total = int(conn.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0])
    rows = conn.execute(
        f"{base} ORDER BY {order} LIMIT ? OFFSET ?", [*params, paging.limit, paging.offset]
    ).fetchall()
    types = [str(r[0]) for r in conn.execute("SELECT DISTINCT type FROM entities ORDER BY type")]
    items = [
        {
            "id": str(r["id"]),
            "href": f"/entity/{r['id']}",
            "name": str(r["name"]),
            "type": str(r["type"]),
            "country": r["country"],
            "documents": int(r["documents"]),
        }
        for r in rows
    ]
    return {
        "filters": {"type": type or "", "q": q or ""},
        "types": types,
        "entities": items,
        "paging": paging.info(total, len(items)) | {"sort": sort},
    }


def name_matches(conn: sqlite3.Connection, q: str, limit: int = 200) -> list[str]:
    """Entity ids (and unresolved actor ids) whose name or an alias contains every word of
    ``q`` (prefix match on the words), through the actor name index."""
    words = [w for w in fold(q).replace('"', " ").split() if any(c.isalnum() for c in w)]
    if not words:
        return []
    match = " ".join('"' + w.replace('"', "") + '"*' for w in words[:20])
    rows = conn.execute(
        "SELECT coalesce(m.entity_id, a.id) AS id FROM actor_names AS f"
        " JOIN actors AS a ON a.rowid = f.rowid"
        " LEFT JOIN entity_members AS m ON m.actor_id = a.id"
        " WHERE actor_names MATCH ? LIMIT ?",
        (match, limit * 20),
    )
    return list(dict.fromkeys(str(r[0]) for r in rows))[:limit]


def matching(conn: sqlite3.Connection, q: str, paging: Paging) -> tuple[list[JSON], int]:
    """Entities whose names or aliases match ``q``, most documents first, with type and
    document count (search's first section)."""
    ids = name_matches(conn, q, limit=2000)
    if not ids:
        return [], 0
    rows = conn.execute(
        "SELECT id, name, type, size FROM entities WHERE id IN (SELECT value FROM json_each(?))",
        (ids_json(ids),),
    ).fetchall()
    found: dict[str, JSON] = {
        str(r["id"]): {
            "id": str(r["id"]),
            "href": f"/entity/{r['id']}",
            "name": str(r["name"]),
            "type": str(r["type"]),
            "documents": int(r["size"]),
        }
        for r in rows
    }
    rest = [i for i in ids if i not in found]
    if rest:
        for r in conn.execute(
            "SELECT id, name, type FROM actors WHERE id IN (SELECT value FROM json_each(?))",
            (ids_json(rest),),
        ):
            key = (str(r["type"]), fold(str(r["name"])))
            if not any((v["type"], fold(v["name"])) == key for v in found.values()):
                found[str(r["id"])] = {
                    "id": str(r["id"]),
                    "href": f"/entity/{r['id']}",
                    "name": str(r["name"]),
                    "type": str(r["type"]),
                    "documents": 1,
                }
    folded = fold(q)
    ranked = sorted(
        found.values(),
        key=lambda v: (fold(v["name"]) != folded, -v["documents"], v["name"], v["id"]),
    )
    return ranked[paging.offset : paging.offset + paging.limit], len(ranked)


def type_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        str(r[0]): int(r[1])
        for r in conn.execute("SELECT type, count(*) FROM entities GROUP BY type ORDER BY type")
    }


def grouped_names(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for r in conn.execute(
        "SELECT entity_id, actor_id FROM entity_members WHERE entity_id IN"
        " (SELECT value FROM json_each(?))",
        (ids_json(ids),),
    ):
        out[str(r[0])].append(str(r[1]))
    return out
