"""Search: entities whose names or aliases match first (type, document count), then the
happenings told in the matching passages, then the passages, each section paged with its
correct count. Filters (entity type, event type, outlet, period) are part of the query, so
counts are counts of what is shown.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Any

from newsweave.model.records import Role
from newsweave.serve import happenings, people
from newsweave.serve.common import (
    JSON,
    Paging,
    outlet_name,
    period_filter,
)
from newsweave.store.sqlite import fts_query

_HIT_OPEN, _HIT_CLOSE = "\ue000", "\ue001"
FACET_WINDOW = 500
"""Facets count over the best this many passages."""

_TIER_SQL = (
    "CASE f.role "
    + " ".join(f"WHEN '{role.value}' THEN 0" for role in Role if role.feeds_extraction)
    + f" WHEN '{Role.CAPTION.value}' THEN 1 ELSE 2 END"
)


def _where(
    conn: sqlite3.Connection,
    *,
    entity_type: str | None,
    event_type: str | None,
    outlet: str | None,
    start: str | None,
    end: str | None,
) -> tuple[str, list[Any]]:
    parts = ["segments_fts MATCH ?"]
    params: list[Any] = []
    if entity_type:
        parts.append(
            "EXISTS (SELECT 1 FROM mentions AS m WHERE m.document_id = s.document_id"
            " AND m.start_char >= s.start_char AND m.start_char < s.end_char AND m.type = ?)"
        )
        params.append(entity_type.upper())
    if event_type:
        parts.append(
            "EXISTS (SELECT 1 FROM events AS e WHERE e.document_id = s.document_id"
            " AND e.start_char >= s.start_char AND e.start_char < s.end_char AND e.type = ?)"
        )
        params.append(event_type.upper())
    dated, dated_params = period_filter(conn, outlet, start, end, "d.")
    return " AND ".join([*parts, *dated]), [*params, *dated_params]


def search(
    conn: sqlite3.Connection,
    q: str,
    paging: Paging,
    *,
    section: str = "",
    entity_type: str | None = None,
    event_type: str | None = None,
    outlet: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> JSON:
    """One page of each section (``section`` names the one ``page`` applies to; the
    others show their first page)."""
    filters = {
        "entity_type": entity_type or "",
        "event_type": event_type or "",
        "outlet": outlet or "",
        "start": start or "",
        "end": end or "",
    }
    empty: JSON = {
        "q": q,
        "filters": filters,
        "entities": [],
        "events": [],
        "hits": [],
        "total": 0,
        "counts": {"entities": 0, "events": 0, "passages": 0},
        "paging": {},
        "facets": {},
    }
    match = fts_query(q)
    if match is None:
        return empty

    def paged(name: str, default: int) -> Paging:
        return paging if section == name else Paging(1, default, paging.sort)

    ent_paging = paged("entities", 10)
    entities, n_entities = people.matching(conn, q, ent_paging)
    if entity_type:
        entities = [e for e in entities if e["type"] == entity_type.upper()]
    where, params = _where(
        conn, entity_type=entity_type, event_type=event_type, outlet=outlet, start=start, end=end
    )
    base = (
        "FROM segments_fts AS f JOIN segments AS s ON s.id = f.rowid"
        f" JOIN documents AS d ON d.id = s.document_id WHERE {where}"
    )
    total = int(conn.execute(f"SELECT count(*) {base}", [match, *params]).fetchone()[0])
    pass_paging = paged("passages", paging.limit if section == "passages" else 20)
    rows = conn.execute(
        "SELECT f.document_id, f.idx, f.role, s.start_char, s.end_char, d.title, d.publisher,"
        " d.published, snippet(segments_fts, 0, ?, ?, '…', 24) AS snippet,"
        f" bm25(segments_fts) AS rank {base}"
        f" ORDER BY {_TIER_SQL}, rank, f.document_id, f.idx LIMIT ? OFFSET ?",
        [_HIT_OPEN, _HIT_CLOSE, match, *params, pass_paging.limit, pass_paging.offset],
    ).fetchall()
    hits = [
        {
            "document_id": str(r["document_id"]),
            "href": f"/doc/{r['document_id']}#c{r['start_char']}-{r['end_char']}",
            "idx": int(r["idx"]),
            "role": str(r["role"]),
            "start": int(r["start_char"]),
            "end": int(r["end_char"]),
            "title": r["title"],
            "outlet": outlet_name(r["publisher"]),
            "published": r["published"],
            "snippet": str(r["snippet"]).replace(_HIT_OPEN, "[").replace(_HIT_CLOSE, "]"),
            "parts": _snippet_parts(str(r["snippet"])),
            "score": round(-float(r["rank"]), 4),
        }
        for r in rows
    ]
    # happenings told in the best matching passages, one row per story event
    window = conn.execute(
        f"SELECT s.document_id, s.start_char, s.end_char, d.publisher, d.published {base}"
        f" ORDER BY {_TIER_SQL}, bm25(segments_fts) LIMIT ?",
        [match, *params, FACET_WINDOW],
    ).fetchall()
    spans = [[str(r[0]), int(r[1]), int(r[2])] for r in window[:200]]
    ev_where = (
        "e.id IN (SELECT e2.id FROM json_each(?) AS j JOIN events AS e2"
        " ON e2.document_id = json_extract(j.value, '$[0]')"
        " AND e2.start_char >= json_extract(j.value, '$[1]')"
        " AND e2.start_char < json_extract(j.value, '$[2]'))"
    )
    ev_params: list[Any] = [ids_json_spans(spans)]
    if event_type:
        ev_where += " AND e.type = ?"
        ev_params.append(event_type.upper())
    events, n_events, _ = happenings.grouped(conn, ev_where, ev_params, paged("events", 10))
    facets = {
        "outlet": Counter(outlet_name(r[3]) for r in window),
        "period": Counter((r[4] or "undated")[:7] for r in window),
    }
    return {
        "q": q,
        "filters": filters,
        "entities": entities,
        "events": events,
        "hits": hits,
        "total": total,
        "counts": {"entities": n_entities, "events": n_events, "passages": total},
        "paging": {
            "entities": ent_paging.info(n_entities, len(entities)),
            "events": paged("events", 10).info(n_events, len(events)),
            "passages": pass_paging.info(total, len(hits)),
        },
        "facets": {
            k: [{"value": v, "count": n} for v, n in sorted(cnt.items())]
            for k, cnt in facets.items()
        },
        "facet_window": FACET_WINDOW,
    }


def ids_json_spans(spans: list[list[Any]]) -> str:
    import json

    return json.dumps(spans)


def _snippet_parts(snippet: str) -> list[JSON]:
    parts: list[JSON] = []
    rest = snippet
    while rest:
        before, sep, after = rest.partition(_HIT_OPEN)
        if before:
            parts.append({"text": before, "hit": False})
        if not sep:
            break
        inside, _, rest = after.partition(_HIT_CLOSE)
        parts.append({"text": inside, "hit": True})
    return parts
