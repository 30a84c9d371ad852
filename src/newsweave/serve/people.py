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

from newsweave.serve import happenings
from newsweave.serve.common import (
    ASSERTED,
    EVIDENCE_SHOWN,
    JSON,
    PLACE_TYPES,
    SPEAKER_TYPES,
    Paging,
    choose_sort,
    doc_ref,
    doc_refs,
    evidence,
    fill_sentences,
    fold,
    ids_json,
    pending_evidence,
    ref_or_text,
    refs,
    sentence_sql,
)

SYMMETRIC = frozenset({"spouse_of", "former_spouse_of", "sibling_of", "relative_of", "ally_of"})
CONVERSE = {
    "child_of": "parent_of",
    "parent_of": "child_of",
    "member_of": "has_member",
    "leads": "led_by",
    "employed_by": "employs",
    "located_in": "contains",
    "owns": "owned_by",
    "holds_position": "position_held_by",
}
POSITION_PREDICATES = ("holds_position", "leads", "employed_by")
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


# --------------------------------------------------------------------------- the list


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


# --------------------------------------------------------------------------- one entity


SECTION_LIMIT = 20
"""Rows per section of an entity page (happenings, quotes, figures); each links to its
whole list."""


def page(conn: sqlite3.Connection, key: str, section_limit: int = SECTION_LIMIT) -> JSON | None:
    entity = find(conn, key)
    if entity is None:
        return None
    ids = entity.actor_ids
    data = summary(entity)
    data["titles"] = _titles(conn, ids)
    facts = _relations(conn, entity)
    data["positions"] = facts["positions"]
    data["relations"] = facts["relations"]
    data["geo"] = _geo(conn, ids) if entity.type in PLACE_TYPES else None
    data["events"] = _events(conn, ids, section_limit)
    data["quotes_by"] = _quotes(conn, ids, section_limit, entity.type)
    data["figures"] = _figures(conn, ids, section_limit)
    data["document_list"] = _documents(conn, entity, 50)
    data["timeline"] = [
        {
            "date": g["date"],
            "label": g["label"],
            "type": g["type"],
            "href": g["href"],
            "evidence": g["evidence"][:1],
        }
        for g in data["events"]["asserted"]
        if g["date"]
    ]
    return data


def _titles(conn: sqlite3.Connection, ids: Sequence[str]) -> list[JSON]:
    rows = conn.execute(
        "SELECT t.text, t.start_char, t.end_char, a.document_id, t.sentence_start,"
        " t.sentence_end FROM actor_titles AS t JOIN actors AS a ON a.id = t.actor_id"
        " JOIN documents AS d ON d.id = a.document_id"
        " WHERE t.actor_id IN (SELECT value FROM json_each(?)) ORDER BY d.published, t.start_char"
        " LIMIT 2000",
        (ids_json(ids),),
    )
    groups: dict[str, JSON] = {}
    for r in rows:
        key = fold(str(r["text"]))
        group = groups.setdefault(
            key, {"text": str(r["text"]), "evidence": [], "evidence_total": 0}
        )
        group["evidence_total"] += 1
        if len(group["evidence"]) < EVIDENCE_SHOWN:
            group["evidence"].append(
                pending_evidence(
                    str(r["document_id"]),
                    r["start_char"],
                    r["end_char"],
                    (r["sentence_start"], r["sentence_end"]),
                )
            )
    found = sorted(groups.values(), key=lambda g: -g["evidence_total"])
    fill_sentences(conn, (e for g in found for e in g["evidence"]))
    return found


def _relations(conn: sqlite3.Connection, entity: Entity) -> JSON:
    """One row per fact: a relation stated in several sentences, documents or in both
    directions is one row with all its evidence and times; positions (office, leadership,
    employment) are merged with their organisation and period."""
    ids = ids_json(entity.actor_ids)
    rows = conn.execute(
        "SELECT r.*, 'out' AS direction FROM relations AS r"
        " WHERE r.subject IN (SELECT value FROM json_each(?))"
        " UNION ALL SELECT r.*, 'in' AS direction FROM relations AS r"
        " WHERE r.object IN (SELECT value FROM json_each(?)) LIMIT 1000",
        (ids, ids),
    ).fetchall()
    found = refs(conn, [x for r in rows for x in (r["subject"], r["object"])])
    mine = set(entity.actor_ids)
    facts: dict[tuple[str, str], JSON] = {}
    positions: dict[tuple[str, str], JSON] = {}
    for r in rows:
        outward = r["direction"] == "out"
        if outward and r["object"] in mine and r["predicate"] in SYMMETRIC:
            continue  # a tie with oneself read in both directions
        predicate = str(r["predicate"])
        other = (
            ref_or_text(found, r["object"], r["object_text"])
            if outward
            else found.get(str(r["subject"]))
        )
        ev = pending_evidence(
            str(r["document_id"]),
            r["start_char"],
            r["end_char"],
            (r["sentence_start"], r["sentence_end"]),
        )
        if outward and predicate in POSITION_PREDICATES:
            title = str(r["qualifier"] or {"leads": "leader"}.get(predicate, "staff"))
            former = fold(title).startswith("former ")
            bare = fold(title).removeprefix("former ").strip()
            org_key = _other_key(other)
            key = (bare, org_key)
            if org_key == "" and any(k[0] == bare and k[1] for k in positions):
                key = next(k for k in positions if k[0] == bare and k[1])
            if org_key and (bare, "") in positions:
                moved = positions.pop((bare, ""))
                positions[key] = moved
            pos = positions.setdefault(
                key,
                {
                    "title": title,
                    "organisation": None,
                    "times": [],
                    "former": former,
                    "evidence": [],
                },
            )
            if other and not pos["organisation"]:
                pos["organisation"] = other
            if len(title) > len(pos["title"]) and not former:
                pos["title"] = title
            pos["former"] = pos["former"] and former
            _add(pos, r["time"], ev)
            continue
        if not outward and predicate not in SYMMETRIC:
            predicate = CONVERSE.get(predicate, predicate)
        key3 = (predicate, _other_key(other))
        fact = facts.setdefault(
            key3,
            {
                "predicate": predicate,
                "label": predicate.replace("_", " "),
                "other": other,
                "qualifier": None,
                "qualifiers": [],
                "times": [],
                "evidence": [],
            },
        )
        detail = str(r["qualifier"] or "").strip()
        if detail and fold(detail) not in {fold(q) for q in fact["qualifiers"]}:
            fact["qualifiers"].append(detail)
            fact["qualifier"] = "; ".join(fact["qualifiers"])
        _add(fact, r["time"], ev)
    for fact in [*positions.values(), *facts.values()]:
        fact["period"] = _period(fact["times"])
        fact.pop("_seen", None)
    fill_sentences(
        conn, (e for fact in [*positions.values(), *facts.values()] for e in fact["evidence"])
    )
    return {
        "positions": sorted(positions.values(), key=lambda p: (p["former"], -p["evidence_total"])),
        "relations": sorted(facts.values(), key=lambda f: (f["predicate"], -f["evidence_total"])),
    }


def _other_key(other: JSON | None) -> str:
    if other is None:
        return ""
    return str(other["id"]) if other.get("id") else "t:" + fold(str(other["name"]))


def _add(fact: JSON, time: str | None, ev: JSON) -> None:
    """Add a time and an evidence sentence (once per sentence) to a merged fact; the first
    :data:`EVIDENCE_SHOWN` sentences are kept, ``evidence_total`` counts them all."""
    if time and time not in fact["times"]:
        fact["times"].append(time)
    seen = fact.setdefault("_seen", set())
    key = (ev["document"], *ev.get("_sentence", (ev["start"], ev["end"])))
    if key in seen:
        return
    seen.add(key)
    fact["evidence_total"] = fact.get("evidence_total", 0) + 1
    if len(fact["evidence"]) < EVIDENCE_SHOWN:
        fact["evidence"].append(ev)


def _period(times: list[str]) -> str | None:
    if not times:
        return None
    ordered = sorted(times)
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]} – {ordered[-1]}"


def _geo(conn: sqlite3.Connection, ids: Sequence[str]) -> JSON | None:
    row = conn.execute(
        "SELECT name, lat, lon, country, gazetteer_id FROM places"
        " WHERE actor_id IN (SELECT value FROM json_each(?)) AND lat IS NOT NULL"
        " ORDER BY confidence DESC LIMIT 1",
        (ids_json(ids),),
    ).fetchone()
    if row is None:
        return None
    return {
        "name": row["name"],
        "lat": float(row["lat"]),
        "lon": float(row["lon"]),
        "country": row["country"],
        "gazetteer_id": row["gazetteer_id"],
    }


def _events(conn: sqlite3.Connection, ids: Sequence[str], limit: int) -> JSON:
    """Happenings this entity takes part in, grouped by story event: asserted (stated as
    fact, by the source or someone it reports) first, the hypothetical, future and negated
    ones apart."""
    out: JSON = {}
    where, params = happenings.event_filter(actor_ids=ids)
    rows = conn.execute(
        happenings.grouped_sql(where) + " ORDER BY first_date IS NULL, first_date DESC, gid",
        params,
    ).fetchall()
    asserted = [r for r in rows if r["asserted"]]
    other = [r for r in rows if not r["asserted"]]
    out["asserted"] = happenings.describe(conn, asserted[:limit])
    out["asserted_total"] = len(asserted)
    out["other"] = happenings.describe(conn, other[:limit])
    out["other_total"] = len(other)
    roles = conn.execute(
        "SELECT p.role, count(DISTINCT p.event_id) FROM event_participants AS p"
        " WHERE p.actor_id IN (SELECT value FROM json_each(?)) GROUP BY p.role",
        (ids_json(ids),),
    )
    out["roles"] = {str(r[0]): int(r[1]) for r in roles}
    out["asserted_modalities"] = list(ASSERTED)
    return out


def _quotes(conn: sqlite3.Connection, ids: Sequence[str], limit: int, kind: str) -> JSON:
    params = (ids_json(ids),)
    total = int(
        conn.execute(
            "SELECT count(*) FROM quotes WHERE speaker IN (SELECT value FROM json_each(?))", params
        ).fetchone()[0]
    )
    rows = conn.execute(
        "SELECT q.*, d.title, d.publisher, d.published, "
        + sentence_sql("q")
        + " FROM quotes AS q JOIN documents AS d ON d.id = q.document_id"
        " WHERE q.speaker IN (SELECT value FROM json_each(?))"
        " ORDER BY d.published DESC, q.document_id, q.start_char LIMIT ?",
        (*params, limit),
    ).fetchall()
    return {
        "verified": kind in SPEAKER_TYPES,
        "total": total,
        "items": [
            {
                "id": str(r["id"]),
                "text": str(r["text"]),
                "verb": r["verb"],
                "direct": bool(r["direct"]),
                "document": doc_ref(r),
                "evidence": evidence(
                    str(r["document_id"]), r["start_char"], r["end_char"], r["sentence"]
                ),
            }
            for r in rows
        ],
    }


def _figures(conn: sqlite3.Connection, ids: Sequence[str], limit: int) -> list[JSON]:
    rows = conn.execute(
        "SELECT f.*, " + sentence_sql("f") + " FROM figures AS f"
        " JOIN documents AS d ON d.id = f.document_id"
        " WHERE f.claimed_by IN (SELECT value FROM json_each(?))"
        " ORDER BY d.published DESC, f.start_char LIMIT ?",
        (ids_json(ids), limit),
    )
    return [
        {
            "id": str(r["id"]),
            "text": str(r["text"]),
            "value": r["value"],
            "unit": r["unit"],
            "what": r["what"],
            "as_of": r["as_of"],
            "evidence": evidence(
                str(r["document_id"]), r["start_char"], r["end_char"], r["sentence"]
            ),
        }
        for r in rows
    ]


def _documents(conn: sqlite3.Connection, entity: Entity, limit: int) -> JSON:
    docs = list(dict.fromkeys(str(m["document_id"]) for m in entity.members))[:limit]
    found = doc_refs(conn, docs)
    ordered = sorted(
        found.values(),
        key=lambda d: (d["published"] or "", d["title"] or "", d["id"]),
        reverse=True,
    )
    return {"total": entity.documents, "items": ordered}


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
