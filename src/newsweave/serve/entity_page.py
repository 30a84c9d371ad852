"""One entity's page: titles, relations, places, happenings, quotes, figures and documents,
each fact with its evidence."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from newsweave.serve import happenings
from newsweave.serve.common import (
    ASSERTED,
    EVIDENCE_SHOWN,
    JSON,
    PLACE_TYPES,
    SPEAKER_TYPES,
    doc_ref,
    doc_refs,
    figure_json,
    fill_sentences,
    fold,
    ids_json,
    pending_evidence,
    ref_or_text,
    refs,
    row_evidence,
    sentence_sql,
)
from newsweave.serve.people import Entity, find, summary

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
                "evidence": row_evidence(r),
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
    return [figure_json(r) for r in rows]


def _documents(conn: sqlite3.Connection, entity: Entity, limit: int) -> JSON:
    docs = list(dict.fromkeys(str(m["document_id"]) for m in entity.members))[:limit]
    found = doc_refs(conn, docs)
    ordered = sorted(
        found.values(),
        key=lambda d: (d["published"] or "", d["title"] or "", d["id"]),
        reverse=True,
    )
    return {"total": entity.documents, "items": ordered}
