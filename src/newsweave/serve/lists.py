"""The list pages other than entities and events: quotes, figures (claims side by side),
documents, and the overview. Each is one page of a sorted, filtered query plus its count.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Set
from typing import Any

from newsweave.serve import happenings, people
from newsweave.serve.common import (
    ASSERTED,
    JSON,
    Paging,
    choose_sort,
    doc_ref,
    doc_refs,
    figure_json,
    fold,
    ids_json,
    outlet_name,
    period_filter,
    quote_json,
    refs,
    row_evidence,
    sentence_sql,
    table_exists,
)

QUOTE_SORTS = {
    "date": "d.published IS NULL, d.published DESC, q.document_id, q.start_char",
    "speaker": "q.speaker_text IS NULL, q.speaker_text, d.published DESC",
    "length": "length(q.text) DESC, q.id",
}
DOCUMENT_SORTS = {
    "date": "published DESC, seq",  # the documents_seq_published index; undated last
    "title": "title IS NULL, title, id",
    "outlet": "publisher IS NULL, publisher, published DESC",
    "words": "word_count DESC, id",
}
CLAIM_SORTS = {
    "status": "status != 'conflicting', documents DESC, what, id",
    "what": "what, as_of, id",
    "documents": "documents DESC, what, id",
    "date": "as_of IS NULL, as_of DESC, what, id",
}


def quotes(
    conn: sqlite3.Connection,
    paging: Paging,
    *,
    speaker: str | None = None,
    q: str | None = None,
) -> JSON:
    """Quotes with their speaker (an entity link when the speaker is a known actor; a
    speaker that is not a person or an organisation is marked unverified)."""
    sort, order = choose_sort(paging.sort, QUOTE_SORTS, "date")
    where = ["1"]
    params: list[Any] = []
    if speaker:
        entity = people.find(conn, speaker)
        where.append("q.speaker IN (SELECT value FROM json_each(?))")
        params.append(ids_json(entity.actor_ids if entity else []))
    if q and q.strip():
        where.append("q.text LIKE ? ESCAPE '\\'")
        params.append("%" + q.strip().replace("\\", "\\\\").replace("%", "\\%") + "%")
    base = (
        f"FROM quotes AS q JOIN documents AS d ON d.id = q.document_id WHERE {' AND '.join(where)}"
    )
    total = int(conn.execute(f"SELECT count(*) {base}", params).fetchone()[0])
    rows = conn.execute(
        "SELECT q.*, d.title, d.publisher, d.published, "
        + sentence_sql("q")
        + f" {base} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, paging.limit, paging.offset],
    ).fetchall()
    found = refs(conn, (r["speaker"] for r in rows))
    items = []
    for r in rows:
        who = found.get(str(r["speaker"])) if r["speaker"] else None
        if who is None and r["speaker_text"]:
            who = {"id": None, "name": r["speaker_text"], "type": None, "href": None}
        items.append(quote_json(r, who, date=r["published"], document=doc_ref(r)))
    return {
        "filters": {"speaker": speaker or "", "q": q or ""},
        "quotes": items,
        "paging": paging.info(total, len(items)) | {"sort": sort},
    }


def documents(
    conn: sqlite3.Connection,
    paging: Paging,
    *,
    outlet: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> JSON:
    sort, order = choose_sort(paging.sort, DOCUMENT_SORTS, "date")
    conditions, params = period_filter(conn, outlet, start, end)
    where = ["1", *conditions]
    base = f"FROM documents WHERE {' AND '.join(where)}"
    total = int(conn.execute(f"SELECT count(*) {base}", params).fetchone()[0])
    rows = conn.execute(
        "SELECT id, title, publisher, published, genre, word_count, near_duplicate_of"
        f" {base} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, paging.limit, paging.offset],
    ).fetchall()
    items = [
        {
            "id": str(r["id"]),
            "href": f"/doc/{r['id']}",
            "title": r["title"],
            "publisher": outlet_name(r["publisher"]),
            "published": r["published"],
            "genre": r["genre"],
            "words": int(r["word_count"]),
            "near_duplicate_of": r["near_duplicate_of"],
        }
        for r in rows
    ]
    return {
        "filters": {"outlet": outlet or "", "start": start or "", "end": end or ""},
        "documents": items,
        "paging": paging.info(total, len(items)) | {"sort": sort},
    }


def figures(conn: sqlite3.Connection, paging: Paging, *, what: str | None = None) -> JSON:
    """Claims (figures resolved across documents) side by side: conflicting first, each
    with its statements; figures no claim covers (no ``what`` or no date) listed apart."""
    sort, order = choose_sort(paging.sort, CLAIM_SORTS, "status")
    where, params = "1", []
    if what:
        where, params = "what = ?", [what]
    total = int(conn.execute(f"SELECT count(*) FROM claims WHERE {where}", params).fetchone()[0])
    rows = conn.execute(
        f"SELECT * FROM claims WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, paging.limit, paging.offset],
    ).fetchall()
    claims = []
    for r in rows:
        members = conn.execute(
            "SELECT f.*, cm.claimant, cm.as_of AS member_as_of, " + sentence_sql("f") + ","
            " d.title, d.publisher, d.published FROM claim_members AS cm"
            " JOIN figures AS f ON f.id = cm.figure_id JOIN documents AS d ON d.id = f.document_id"
            " WHERE cm.claim_id = ? ORDER BY d.published IS NULL, d.published, f.id LIMIT 50",
            (r["id"],),
        ).fetchall()
        who = refs(conn, (m["claimed_by"] for m in members))
        claims.append(
            {
                "id": str(r["id"]),
                "what": r["what"],
                "unit": r["unit"],
                "value": r["value"],
                "low": r["low"],
                "high": r["high"],
                "qualifier": r["qualifier"],
                "as_of": r["as_of"],
                "status": r["status"],
                "documents": int(r["documents"]),
                "place": r["place"],
                "statements": [
                    {
                        "figure": str(m["id"]),
                        "text": str(m["text"]),
                        "value": m["value"],
                        "claimant": who.get(str(m["claimed_by"]))
                        or (
                            {"id": None, "name": m["claimed_by_text"], "type": None, "href": None}
                            if m["claimed_by_text"]
                            else None
                        ),
                        "as_of": m["member_as_of"],
                        "document": doc_ref(m),
                        "evidence": row_evidence(m),
                    }
                    for m in members
                ],
            }
        )
    conflict_rows = conn.execute(
        "SELECT * FROM conflicts ORDER BY kind, as_of IS NULL, as_of DESC, id LIMIT 50"
    ).fetchall()
    # the claims listed above bring their statements (in the same order); the others are read
    stated = {c["id"]: [m["evidence"] for m in c["statements"][:STATEMENTS_SHOWN]] for c in claims}
    unlisted = {c for r in conflict_rows for c in json.loads(r["claim_ids"])} - set(stated)
    stated.update(claim_sentences(conn, unlisted))
    conflicts = [
        {
            "id": str(r["id"]),
            "what": r["what"],
            "kind": r["kind"],
            "as_of": r["as_of"],
            "claims": json.loads(r["claim_ids"]),
            "values": json.loads(r["claim_values"]),
            # per value, the sentences stating it (the export's ``value_evidence``)
            "value_evidence": [
                {"claim": claim, "value": value, "evidence": stated.get(claim, [])}
                for claim, value in zip(
                    json.loads(r["claim_ids"]), json.loads(r["claim_values"]), strict=False
                )
            ],
        }
        for r in conflict_rows
    ]
    unclaimed_total = int(
        conn.execute(
            "SELECT count(*) FROM figures AS f"
            " WHERE NOT EXISTS (SELECT 1 FROM claim_members AS cm WHERE cm.figure_id = f.id)"
        ).fetchone()[0]
    )
    unclaimed = [
        figure_json(r, claimed_by=r["claimed_by_text"])
        for r in conn.execute(
            "SELECT f.*, " + sentence_sql("f") + " FROM figures AS f"
            " JOIN documents AS d ON d.id = f.document_id"
            " WHERE NOT EXISTS (SELECT 1 FROM claim_members AS cm WHERE cm.figure_id = f.id)"
            " ORDER BY d.published IS NULL, d.published DESC, f.id LIMIT 50"
        )
    ]
    return {
        "filters": {"what": what or ""},
        "claims": claims,
        "conflicts": conflicts,
        "unclaimed": unclaimed,
        "unclaimed_total": unclaimed_total,
        "paging": paging.info(total, len(claims)) | {"sort": sort},
    }


def overview(conn: sqlite3.Connection) -> JSON:
    def count(table: str) -> int:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    counts = {
        "documents": count("documents"),
        "entities": count("entities"),
        "events": count("events"),
        "story events": count("story_events"),
        "quotes": count("quotes"),
        "figures": count("figures"),
        "relations": count("relations"),
        "conflicts": int(
            conn.execute("SELECT count(*) FROM conflicts WHERE kind = 'conflict'").fetchone()[0]
        ),
    }
    top = [
        {
            "id": str(r["id"]),
            "href": f"/entity/{r['id']}",
            "name": str(r["name"]),
            "type": str(r["type"]),
            "documents": int(r["size"]),
        }
        for r in conn.execute(
            "SELECT id, name, type, size FROM entities ORDER BY size DESC, name LIMIT 15"
        )
    ]
    # latest asserted happenings: the newest dated asserted events, one row per story
    where, params = happenings.event_filter(modality="asserted")
    latest_rows = conn.execute(
        "SELECT e.id, coalesce(sm.story_event_id, e.id) AS gid FROM events AS e"
        " LEFT JOIN story_event_members AS sm ON sm.event_id = e.id"
        f" WHERE {where} AND e.date IS NOT NULL AND e.date_source != 'none'"
        " ORDER BY e.date DESC, e.id LIMIT 200",
        params,
    ).fetchall()
    gids = list(dict.fromkeys(str(r[1]) for r in latest_rows))[:12]
    chosen = [str(r[0]) for r in latest_rows if str(r[1]) in gids]
    latest: list[JSON] = []
    if chosen:
        latest, _, _ = happenings.grouped(
            conn, "e.id IN (SELECT value FROM json_each(?))", [ids_json(chosen)], Paging(1, 12)
        )
    by_outlet: Counter[str] = Counter()
    for r in conn.execute("SELECT publisher, count(*) FROM documents GROUP BY publisher"):
        by_outlet[outlet_name(r[0])] += int(r[1])
    by_month = [
        {"month": str(r[0]), "documents": int(r[1])}
        for r in conn.execute(
            "SELECT coalesce(substr(published, 1, 7), 'undated'), count(*) FROM documents"
            " GROUP BY 1 ORDER BY 1"
        )
    ]
    recent = documents(conn, Paging(1, 20, "date"))["documents"]
    conflicts = [
        {"what": r["what"], "values": json.loads(r["claim_values"]), "as_of": r["as_of"]}
        for r in conn.execute(
            "SELECT what, claim_values, as_of FROM conflicts WHERE kind = 'conflict'"
            " ORDER BY as_of DESC LIMIT 10"
        )
    ]
    words = int(conn.execute("SELECT coalesce(sum(word_count), 0) FROM documents").fetchone()[0])
    return {
        "counts": counts,
        "words": words,
        "top_entities": top,
        "latest_events": latest,
        "conflicts": conflicts,
        "by_outlet": [
            {"outlet": k, "documents": n} for k, n in sorted(by_outlet.items(), key=lambda x: -x[1])
        ],
        "by_month": by_month,
        "documents": recent,
        "asserted_modalities": list(ASSERTED),
        "resolved": table_exists(conn, "entities") and counts["entities"] > 0,
    }


def outlets(conn: sqlite3.Connection) -> list[str]:
    return sorted(
        {outlet_name(r[0]) for r in conn.execute("SELECT DISTINCT publisher FROM documents")},
        key=fold,
    )


def doc_ref_map(conn: sqlite3.Connection, ids: list[str]) -> dict[str, JSON]:
    return doc_refs(conn, ids)


STATEMENTS_SHOWN = 3
"""Sentences kept per value of a conflict on /figures (the earliest first)."""


def claim_sentences(conn: sqlite3.Connection, claim_ids: Set[str]) -> dict[str, list[JSON]]:
    """The evidence of each claim's first :data:`STATEMENTS_SHOWN` statements (figures), in
    publication order; one query for all the claims."""
    found: dict[str, list[JSON]] = {}
    if not claim_ids:
        return found
    for r in conn.execute(
        "SELECT * FROM (SELECT cm.claim_id, f.document_id, f.start_char, f.end_char, "
        + sentence_sql("f")
        + ", row_number() OVER (PARTITION BY cm.claim_id"
        " ORDER BY d.published IS NULL, d.published, f.id) AS n"
        " FROM claim_members AS cm JOIN figures AS f ON f.id = cm.figure_id"
        " JOIN documents AS d ON d.id = f.document_id"
        " WHERE cm.claim_id IN (SELECT value FROM json_each(?))) WHERE n <= ?"
        " ORDER BY claim_id, n",
        (ids_json(sorted(claim_ids)), STATEMENTS_SHOWN),
    ):
        found.setdefault(str(r["claim_id"]), []).append(row_evidence(r))
    return found
