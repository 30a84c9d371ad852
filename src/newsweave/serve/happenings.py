"""Events as the pages show them: grouped by story event (the same happening told by
several sources is one row), with dates, modality and the number of sources; one event or
one story event with all its evidence.

A row's id is its story event id (``s…``) when resolution grouped it, otherwise the event's
own id; ``/event/{id}`` answers both.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from newsweave.serve.common import (
    ASSERTED,
    JSON,
    Paging,
    choose_sort,
    doc_refs,
    evidence,
    ids_json,
    period_sql,
    precision,
    ref_or_text,
    refs,
    sentence_sql,
)

SORTS = {
    "date": "first_date IS NULL, first_date DESC, gid",
    "sources": "sources DESC, first_date DESC, gid",
    "type": "type, first_date DESC, gid",
    "modality": "asserted DESC, first_date DESC, gid",
}
MODALITIES = ("asserted", "reported", "future", "hypothetical", "negated")


def event_filter(
    *,
    type: str | None = None,
    start: str | None = None,
    end: str | None = None,
    modality: str | None = None,
    actor_ids: Sequence[str] | None = None,
    place_ids: Sequence[str] | None = None,
    at: str | None = None,
) -> tuple[str, list[Any]]:
    """WHERE clause (over ``events AS e``) and its parameters for the event filters."""
    parts: list[str] = ["1"]
    params: list[Any] = []
    if type:
        parts.append("e.type = ?")
        params.append(type.upper())
    period, values = period_sql("e.date", start, end)
    if period:
        parts.append(period)
        params += values
    if modality:
        wanted = [m.strip() for m in modality.split(",") if m.strip()]
        if wanted == ["asserted"]:
            wanted = list(ASSERTED)
        parts.append("e.modality IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(wanted))
    if actor_ids is not None:
        parts.append(
            "e.id IN (SELECT p.event_id FROM event_participants AS p"
            " WHERE p.actor_id IN (SELECT value FROM json_each(?))"
            " AND p.role IN ('actor', 'target', 'place'))"
        )
        params.append(ids_json(actor_ids))
    if place_ids is not None:
        parts.append(
            "e.id IN (SELECT p.event_id FROM event_participants AS p"
            " WHERE p.actor_id IN (SELECT value FROM json_each(?)) AND p.role = 'place')"
        )
        params.append(ids_json(place_ids))
    if at:
        parts.append(
            "e.id IN (SELECT p.event_id FROM places AS pl JOIN event_participants AS p"
            " ON p.actor_id = pl.actor_id AND p.role = 'place' WHERE pl.gazetteer_id = ?)"
        )
        params.append(at)
    return " AND ".join(parts), params


def grouped_sql(where: str) -> str:
    return f"""
WITH chosen AS (
    SELECT e.id, e.document_id, e.date, e.modality, e.type,
           coalesce(sm.story_event_id, e.id) AS gid
    FROM events AS e LEFT JOIN story_event_members AS sm ON sm.event_id = e.id
    WHERE {where}
)
SELECT gid, min(date) AS first_date, max(date) AS last_date,
       count(DISTINCT document_id) AS sources, count(*) AS members,
       max(modality IN ('asserted', 'reported')) AS asserted,
       group_concat(DISTINCT modality) AS modalities, min(type) AS type
FROM chosen GROUP BY gid"""


def grouped(
    conn: sqlite3.Connection, where: str, params: Sequence[Any], paging: Paging
) -> tuple[list[JSON], int, str]:
    """One page of story-event groups matching ``where``, the number of groups, the sort."""
    sort, order = choose_sort(paging.sort, SORTS, "date")
    sql = grouped_sql(where)
    total = int(conn.execute(f"SELECT count(*) FROM ({sql})", list(params)).fetchone()[0])
    rows = conn.execute(
        f"{sql} ORDER BY {order} LIMIT ? OFFSET ?", [*params, paging.limit, paging.offset]
    ).fetchall()
    return describe(conn, rows), total, sort


def describe(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[JSON]:
    """Rows of :func:`grouped` with their label, people, place and evidence."""
    result: list[JSON] = []
    members: dict[str, list[sqlite3.Row]] = {}
    stories: dict[str, sqlite3.Row] = {}
    for r in rows:
        gid = str(r["gid"])
        story = conn.execute("SELECT * FROM story_events WHERE id = ?", (gid,)).fetchone()
        if story is not None:
            stories[gid] = story
            members[gid] = conn.execute(
                # a few members through the index (a story told thousands of times is
                # never sorted whole)
                "SELECT e.* FROM story_event_members AS sm JOIN events AS e"
                " ON e.id = sm.event_id WHERE sm.story_event_id = ? LIMIT 4",
                (gid,),
            ).fetchall()
        else:
            members[gid] = conn.execute("SELECT * FROM events WHERE id = ?", (gid,)).fetchall()
    actor_ids = [
        a
        for ms in members.values()
        for m in ms
        for a in [*json.loads(m["actors"]), *json.loads(m["targets"]), m["place"]]
        if a
    ]
    found = refs(conn, actor_ids)
    docs = doc_refs(conn, (m["document_id"] for ms in members.values() for m in ms))
    for r in rows:
        gid = str(r["gid"])
        ms = members.get(gid) or []
        if not ms:
            continue
        head = ms[0]
        story = stories.get(gid)
        actors = _merged(found, ms, "actors", "actor_texts")
        targets = _merged(found, ms, "targets", "target_texts")
        place = next(
            (p for p in (ref_or_text(found, m["place"], m["place_text"]) for m in ms) if p),
            None,
        )
        story_date = story["date"] if story is not None else None
        date = r["first_date"] or story_date
        if story_date and r["first_date"] and r["first_date"] <= story_date <= r["last_date"]:
            date = story_date  # the story's own date, when the rows shown agree with it
        modalities = sorted(str(r["modalities"] or "").split(","), key=_modality_rank)
        result.append(
            {
                "id": gid,
                "href": f"/event/{gid}",
                "story": story is not None,
                "type": str(head["type"]),
                "mode": head["mode"],
                "label": str(story["label"] if story is not None else head["label"]),
                "date": date,
                "precision": precision(date),
                "period": {"first": r["first_date"], "last": r["last_date"]},
                "modality": modalities[0] if modalities else None,
                "modalities": modalities,
                "asserted": bool(r["asserted"]),
                "sources": int(r["sources"]),
                "members": int(r["members"]),
                "actors": actors[:8],
                "targets": targets[:8],
                "place": place,
                "documents": [docs[m["document_id"]] for m in ms[:3] if m["document_id"] in docs],
                "evidence": first_evidence(conn, [str(m["id"]) for m in ms[:3]]),
            }
        )
    return result


def _modality_rank(modality: str) -> int:
    return MODALITIES.index(modality) if modality in MODALITIES else len(MODALITIES)


def _merged(
    found: dict[str, JSON], members: Sequence[sqlite3.Row], ids_col: str, texts_col: str
) -> list[JSON]:
    seen: dict[str, JSON] = {}
    for m in members:
        for a in json.loads(m[ids_col]):
            r = found.get(a)
            if r is not None:
                seen.setdefault(str(r["id"]), r)
        for t in json.loads(m[texts_col]):
            if t and not any(v["name"] == t for v in seen.values()):
                seen.setdefault("t:" + t, {"id": None, "name": t, "type": None, "href": None})
    return list(seen.values())


def first_evidence(conn: sqlite3.Connection, event_ids: Sequence[str]) -> list[JSON]:
    """The first sentence of each event, each sentence once."""
    rows = conn.execute(
        "SELECT e.document_id, v.start_char, v.end_char, "
        + sentence_sql("v")
        + " FROM event_evidence AS v JOIN events AS e ON e.id = v.event_id"
        " JOIN documents AS d ON d.id = e.document_id"
        " WHERE v.event_id IN (SELECT value FROM json_each(?)) AND v.idx = 0",
        (ids_json(event_ids),),
    )
    seen: set[tuple[str, str]] = set()
    out = []
    for r in rows:
        key = (str(r["document_id"]), str(r["sentence"]))
        if key not in seen:
            seen.add(key)
            out.append(evidence(str(r["document_id"]), r["start_char"], r["end_char"], r[3]))
    return out


def event_evidence(conn: sqlite3.Connection, event_id: str) -> list[JSON]:
    rows = conn.execute(
        "SELECT e.document_id, v.start_char, v.end_char, "
        + sentence_sql("v")
        + " FROM event_evidence AS v JOIN events AS e ON e.id = v.event_id"
        " JOIN documents AS d ON d.id = e.document_id WHERE v.event_id = ? ORDER BY v.idx",
        (event_id,),
    )
    seen: set[str] = set()
    out = []
    for r in rows:
        if str(r["sentence"]) in seen:
            continue
        seen.add(str(r["sentence"]))
        out.append(evidence(str(r["document_id"]), r["start_char"], r["end_char"], r[3]))
    return out


def event_json(conn: sqlite3.Connection, row: sqlite3.Row, found: dict[str, JSON]) -> JSON:
    """One per-document event with its references and evidence."""
    doc = doc_refs(conn, [row["document_id"]]).get(str(row["document_id"]))
    return {
        "id": str(row["id"]),
        "href": f"/event/{row['id']}",
        "type": str(row["type"]),
        "mode": row["mode"],
        "label": str(row["label"]),
        "trigger": str(row["text"]),
        "date": row["date"],
        "precision": precision(row["date"]),
        "date_source": row["date_source"],
        "modality": str(row["modality"]),
        "actors": [
            r
            for r in (
                *(found.get(a) for a in json.loads(row["actors"])),
                *(ref_or_text({}, None, t) for t in json.loads(row["actor_texts"])),
            )
            if r
        ],
        "targets": [
            r
            for r in (
                *(found.get(a) for a in json.loads(row["targets"])),
                *(ref_or_text({}, None, t) for t in json.loads(row["target_texts"])),
            )
            if r
        ],
        "place": ref_or_text(found, row["place"], row["place_text"]),
        "reported_by": ref_or_text(found, row["reported_by"], row["reported_by_text"]),
        "document": doc,
        "evidence": event_evidence(conn, str(row["id"])),
    }


def _row_refs(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> dict[str, JSON]:
    ids: list[str] = []
    for r in rows:
        ids += json.loads(r["actors"]) + json.loads(r["targets"])
        ids += [r["place"], r["reported_by"]]
    return refs(conn, ids)


def page(conn: sqlite3.Connection, event_id: str, limit: int = 25) -> JSON | None:
    """One event (``/event/{id}``) or one story event (``/event/s…``): the happening with
    every source telling it."""
    story = conn.execute("SELECT * FROM story_events WHERE id = ?", (event_id,)).fetchone()
    own: sqlite3.Row | None = None
    if story is None:
        own = conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if own is None:
            return None
        sid = conn.execute(
            "SELECT story_event_id FROM story_event_members WHERE event_id = ?", (event_id,)
        ).fetchone()
        if sid is not None:
            story = conn.execute("SELECT * FROM story_events WHERE id = ?", (sid[0],)).fetchone()
    members: list[sqlite3.Row] = []
    total = 0
    if story is not None:
        total = int(
            conn.execute(
                "SELECT count(*) FROM story_event_members WHERE story_event_id = ?", (story["id"],)
            ).fetchone()[0]
        )
        members = conn.execute(
            "SELECT e.* FROM story_event_members AS sm JOIN events AS e ON e.id = sm.event_id"
            " JOIN documents AS d ON d.id = e.document_id WHERE sm.story_event_id = ?"
            " ORDER BY e.modality NOT IN ('asserted', 'reported'), d.published, e.id LIMIT ?",
            (story["id"], limit),
        ).fetchall()
    found = _row_refs(conn, [*members, *([own] if own is not None else [])])
    told = [event_json(conn, m, found) for m in members]
    data: JSON = {
        "id": event_id,
        "story": None,
        "event": event_json(conn, own, found) if own is not None else None,
        "members": told,
        "members_total": total,
    }
    if story is not None:
        data["story"] = {
            "id": str(story["id"]),
            "href": f"/event/{story['id']}",
            "type": str(story["type"]),
            "mode": story["mode"],
            "label": str(story["label"]),
            "date": story["date"],
            "precision": story["date_precision"] or precision(story["date"]),
            "date_source": story["date_source"],
            "place": story["place"],
            "documents": int(story["documents"]),
            "modalities": sorted({m["modality"] for m in told}, key=_modality_rank),
        }
    head = data["event"] or (told[0] if told else None)
    data["headline"] = {
        "label": (data["story"] or head or {}).get("label"),
        "type": (data["story"] or head or {}).get("type"),
        "date": (data["story"] or head or {}).get("date"),
    }
    if head is not None and head.get("date"):
        same = conn.execute(
            "SELECT id, label, type, document_id FROM events WHERE date = ? AND type = ?"
            " AND id != ? ORDER BY id LIMIT 20",
            (head["date"], head["type"], head["id"]),
        ).fetchall()
        docs = doc_refs(conn, (r["document_id"] for r in same))
        data["same_day"] = [
            {
                "id": str(r["id"]),
                "href": f"/event/{r['id']}",
                "label": r["label"],
                "type": r["type"],
                "document": docs.get(str(r["document_id"])),
            }
            for r in same
            if r["id"] not in {m["id"] for m in told}
        ]
    else:
        data["same_day"] = []
    figures = []
    for ev in [own, *members]:
        if ev is not None:
            figures += json.loads(ev["figures"])
    data["figures"] = [
        {"id": str(r["id"]), "text": r["text"], "what": r["what"], "value": r["value"]}
        for r in conn.execute(
            "SELECT id, text, what, value FROM figures"
            " WHERE id IN (SELECT value FROM json_each(?))",
            (ids_json(figures[:50]),),
        )
    ]
    return data
