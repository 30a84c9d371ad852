"""The views to explore: the actor graph (a force layout with labels that never overlap,
neighbourhoods to expand), the timeline (happenings known to the month or year drawn as
bands over their period, undated ones apart) and the map (places clustered, each listing
its events).
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from collections import Counter, defaultdict

import numpy as np

from newsweave.serve import happenings
from newsweave.serve.common import JSON, Paging, ids_json, period_sql

GRAPH_SIZE = 900.0
LABEL_CHAR_WIDTH = 6.6
LABEL_HEIGHT = 13.0


# --------------------------------------------------------------------------- graph


def graph(
    conn: sqlite3.Connection,
    *,
    type: str | None = None,
    kind: str | None = None,
    start: str | None = None,
    end: str | None = None,
    focus: str | None = None,
    limit: int = 50,
) -> JSON:
    """Entities (the most documented, or ``focus`` and its neighbours) and the ties between
    them: relations (by predicate) and taking part in the same events."""
    types = [t.strip().upper() for t in (type or "").split(",") if t.strip()]
    limit = max(2, min(limit, 150))
    if focus:
        chosen = _neighbourhood(conn, focus, types, limit)
    else:
        where, params = "1", []
        if types:
            where = "type IN (SELECT value FROM json_each(?))"
            params = [ids_json(types)]
        chosen = [
            str(r[0])
            for r in conn.execute(
                f"SELECT id FROM entities WHERE {where} ORDER BY size DESC, name LIMIT ?",
                [*params, limit],
            )
        ]
    nodes_rows = conn.execute(
        "SELECT id, name, type, size FROM entities WHERE id IN (SELECT value FROM json_each(?))",
        (ids_json(chosen),),
    ).fetchall()
    member_of: dict[str, str] = {}
    for r in conn.execute(
        "SELECT actor_id, entity_id FROM entity_members"
        " WHERE entity_id IN (SELECT value FROM json_each(?)) LIMIT 50000",
        (ids_json(chosen),),
    ):
        member_of[str(r[0])] = str(r[1])
    edges = _edges(conn, member_of, kind=kind, start=start, end=end)
    degree: Counter[str] = Counter()
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
    nodes = [
        {
            "id": str(r["id"]),
            "href": f"/entity/{r['id']}",
            "name": str(r["name"]),
            "type": str(r["type"]),
            "documents": int(r["size"]),
            "degree": degree.get(str(r["id"]), 0),
            "focus": str(r["id"]) == focus,
        }
        for r in nodes_rows
    ]
    if any(n["degree"] for n in nodes):
        nodes = [n for n in nodes if n["degree"] or n["focus"]]  # the tied nodes only
    keep = {n["id"] for n in nodes}
    links = [
        {"source": a, "target": b, **data}
        for (a, b), data in sorted(edges.items())
        if a in keep and b in keep
    ]
    layout(nodes, links)
    kinds = sorted(
        {str(r[0]) for r in conn.execute("SELECT DISTINCT predicate FROM relations")} | {"events"}
    )
    all_types = [str(r[0]) for r in conn.execute("SELECT DISTINCT type FROM entities ORDER BY 1")]
    return {
        "filters": {
            "type": type or "",
            "kind": kind or "",
            "start": start or "",
            "end": end or "",
            "focus": focus or "",
            "limit": limit,
        },
        "types": all_types,
        "kinds": kinds,
        "nodes": nodes,
        "edges": links,
        "size": GRAPH_SIZE,
    }


def _neighbourhood(conn: sqlite3.Connection, focus: str, types: list[str], limit: int) -> list[str]:
    row = conn.execute("SELECT id FROM entities WHERE id = ?", (focus,)).fetchone()
    if row is None:
        owner = conn.execute(
            "SELECT entity_id FROM entity_members WHERE actor_id = ?", (focus,)
        ).fetchone()
        if owner is None:
            return []
        focus = str(owner[0])
    members = ids_json(
        str(r[0])
        for r in conn.execute(
            "SELECT actor_id FROM entity_members WHERE entity_id = ? LIMIT 20000", (focus,)
        )
    )
    weight: Counter[str] = Counter()
    for r in conn.execute(
        "SELECT m.entity_id FROM relations AS r JOIN entity_members AS m ON m.actor_id = r.object"
        " WHERE r.subject IN (SELECT value FROM json_each(?))"
        " UNION ALL SELECT m.entity_id FROM relations AS r JOIN entity_members AS m"
        " ON m.actor_id = r.subject WHERE r.object IN (SELECT value FROM json_each(?)) LIMIT 20000",
        (members, members),
    ):
        weight[str(r[0])] += 3
    for r in conn.execute(
        "SELECT m.entity_id FROM event_participants AS p1 JOIN event_participants AS p2"
        " ON p2.event_id = p1.event_id AND p2.actor_id != p1.actor_id"
        " JOIN entity_members AS m ON m.actor_id = p2.actor_id"
        " WHERE p1.actor_id IN (SELECT value FROM json_each(?))"
        " AND p1.role IN ('actor', 'target') AND p2.role IN ('actor', 'target') LIMIT 20000",
        (members,),
    ):
        weight[str(r[0])] += 1
    weight.pop(focus, None)
    if types:
        typed = {
            str(r[0])
            for r in conn.execute(
                "SELECT id FROM entities WHERE id IN (SELECT value FROM json_each(?))"
                " AND type IN (SELECT value FROM json_each(?))",
                (ids_json(weight), ids_json(types)),
            )
        }
        weight = Counter({k: v for k, v in weight.items() if k in typed})
    ranked = sorted(weight, key=lambda k: (-weight[k], k))[: limit - 1]
    return [focus, *ranked]


def _edges(
    conn: sqlite3.Connection,
    member_of: dict[str, str],
    *,
    kind: str | None,
    start: str | None,
    end: str | None,
) -> dict[tuple[str, str], JSON]:
    members = ids_json(member_of)
    edges: dict[tuple[str, str], JSON] = {}

    def edge(a: str, b: str) -> JSON | None:
        if a == b:
            return None
        key = (a, b) if a < b else (b, a)
        return edges.setdefault(key, {"relations": [], "events": 0, "evidence": []})

    if kind != "events":
        where, params = "1", []
        if kind:
            where, params = "r.predicate = ?", [kind]
        period, values = period_sql("r.time", start, end)
        if period:
            where += f" AND {period}"
            params += values
        for r in conn.execute(
            "SELECT r.subject, r.object, r.predicate, r.document_id, r.start_char, r.end_char"
            " FROM relations AS r WHERE r.subject IN (SELECT value FROM json_each(?))"
            f" AND r.object IN (SELECT value FROM json_each(?)) AND {where} LIMIT 20000",
            [members, members, *params],
        ):
            e = edge(member_of[str(r[0])], member_of[str(r[1])])
            if e is not None:
                if r[2] not in e["relations"]:
                    e["relations"].append(str(r[2]))
                if len(e["evidence"]) < 3:
                    e["evidence"].append(f"/doc/{r[3]}#c{r[4]}-{r[5]}")
    if not kind or kind == "events":
        period, values = period_sql("e.date", start, end)
        for r in conn.execute(
            "SELECT p1.actor_id, p2.actor_id, e.document_id, e.start_char, e.end_char"
            " FROM event_participants AS p1 JOIN event_participants AS p2"
            " ON p2.event_id = p1.event_id AND p2.actor_id > p1.actor_id"
            " JOIN events AS e ON e.id = p1.event_id"
            " WHERE p1.actor_id IN (SELECT value FROM json_each(?))"
            " AND p2.actor_id IN (SELECT value FROM json_each(?))"
            " AND p1.role IN ('actor', 'target') AND p2.role IN ('actor', 'target')"
            f" AND {period or '1'} LIMIT 20000",
            [members, members, *values],
        ):
            e = edge(member_of[str(r[0])], member_of[str(r[1])])
            if e is not None:
                e["events"] += 1
                if len(e["evidence"]) < 3:
                    e["evidence"].append(f"/doc/{r[2]}#c{r[3]}-{r[4]}")
    return edges


def layout(nodes: list[JSON], links: list[JSON], size: float = GRAPH_SIZE) -> None:
    """Force layout (Fruchterman–Reingold, deterministic start on a circle) then labels
    placed where they overlap no other label: below, above, right or left of the node,
    else hidden until hovered (``label`` None)."""
    n = len(nodes)
    if n == 0:
        return
    index = {node["id"]: i for i, node in enumerate(nodes)}
    angle = np.linspace(0, 2 * math.pi, n, endpoint=False)
    pos = np.stack([np.cos(angle), np.sin(angle)], axis=1) * size * 0.35
    pairs = np.array([(index[e["source"]], index[e["target"]]) for e in links], dtype=int).reshape(
        -1, 2
    )
    k = size / math.sqrt(n + 1) * 0.9
    temperature = size / 8
    for _ in range(120):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.linalg.norm(delta, axis=2) + 1e-6
        force = (k * k / dist**2)[:, :, None] * delta
        disp = force.sum(axis=1)
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            length = np.linalg.norm(d, axis=1)[:, None] + 1e-6
            pull = d * length / k
            np.add.at(disp, pairs[:, 0], -pull)
            np.add.at(disp, pairs[:, 1], pull)
        disp -= pos * 0.02  # gravity keeps unconnected nodes near
        length = np.linalg.norm(disp, axis=1)[:, None] + 1e-6
        pos += disp / length * np.minimum(length, temperature)
        temperature *= 0.96
    low, high = pos.min(axis=0), pos.max(axis=0)
    scale = (size - 160) / max(float((high - low).max()), 1.0)
    pos = (pos - low) * scale + 80
    top = max((node.get("degree", 0) for node in nodes), default=1) or 1
    placed: list[tuple[float, float, float, float]] = []
    order = sorted(range(n), key=lambda i: (-nodes[i].get("degree", 0), nodes[i]["name"]))
    for i in range(n):
        nodes[i]["x"] = round(float(pos[i, 0]), 1)
        nodes[i]["y"] = round(float(pos[i, 1]), 1)
        nodes[i]["r"] = round(5 + 11 * math.sqrt(nodes[i].get("degree", 0) / top), 1)
    for i in order:
        node = nodes[i]
        text = node["name"] if len(node["name"]) <= 24 else node["name"][:23] + "…"
        w = LABEL_CHAR_WIDTH * len(text)
        x, y, r = node["x"], node["y"], node["r"]
        spots = [
            (x - w / 2, y + r + 2),
            (x - w / 2, y - r - 2 - LABEL_HEIGHT),
            (x + r + 3, y - LABEL_HEIGHT / 2),
            (x - r - 3 - w, y - LABEL_HEIGHT / 2),
        ]
        node["label"] = None
        for lx, ly in spots:
            box = (lx, ly, lx + w, ly + LABEL_HEIGHT)
            if not any(_overlap(box, other) for other in placed):
                placed.append(box)
                node["label"] = {
                    "text": text,
                    "x": round(lx, 1),
                    "y": round(ly, 1),
                    "w": round(w, 1),
                }
                break


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --------------------------------------------------------------------------- timeline


def _bounds(date: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of the period a partial ISO date names."""
    try:
        parts = [int(p) for p in date[:10].split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        day = dt.date(parts[0], parts[1], parts[2])
        return day, day
    except (ValueError, IndexError):
        return None


def timeline(
    conn: sqlite3.Connection,
    *,
    start: str | None = None,
    end: str | None = None,
    type: str | None = None,
    entity: str | None = None,
    modality: str | None = None,
    lane: str = "type",
    limit: int = 400,
    everything: bool = False,
) -> JSON:
    """Happenings (one per story event) in [start, end], each with its period: a day, or a
    whole month or year when that is all the sources say; undated ones counted and listed
    apart."""
    actor_ids = None
    if entity:
        from newsweave.serve import people

        found = people.find(conn, entity)
        actor_ids = found.actor_ids if found else []
    where, params = happenings.event_filter(
        type=type, start=start, end=end, modality=modality, actor_ids=actor_ids
    )
    dated, total, _ = happenings.grouped(
        conn, where + " AND e.date IS NOT NULL", params, Paging(1, limit, "date")
    )
    entries = []
    for g in dated:
        bounds = _bounds(g["date"]) if g["date"] else None
        if bounds is None:
            continue
        lane_name = g["type"]
        if lane == "actor":
            lane_name = g["actors"][0]["name"] if g["actors"] else "(no actor)"
        elif lane == "story":
            lane_name = g["label"][:40]
        entries.append(
            {
                **{k: g[k] for k in ("id", "href", "label", "type", "date", "precision")},
                "modality": g["modality"],
                "asserted": g["asserted"],
                "sources": g["sources"],
                "from": bounds[0].isoformat(),
                "to": bounds[1].isoformat(),
                "lane": lane_name,
                "evidence": g["evidence"][:1],
            }
        )
    outside = 0
    if not (start or end or everything) and len(entries) >= 20:
        # by default the busy period: the months holding at least 5% of the happenings (a
        # few old dates would squeeze everything else to one edge); `all` shows them all
        per_month = Counter(e["from"][:7] for e in entries)
        busy = sorted(m for m, n in per_month.items() if n >= 0.05 * len(entries))
        busy = busy or sorted(per_month)
        kept = [e for e in entries if busy[0] <= e["from"][:7] and e["to"][:7] <= busy[-1]]
        outside = len(entries) - len(kept)
        entries = kept
    undated_where = where + " AND e.date IS NULL"
    undated, undated_total, _ = (
        happenings.grouped(conn, undated_where, params, Paging(1, 50, "sources"))
        if not (start or end)
        else ([], 0, "")
    )
    years = sorted({e["date"][:4] for e in entries})
    months = sorted({e["date"][:7] for e in entries if len(e["date"]) >= 7})
    zoom = (
        [{"label": y, "start": y, "end": y} for y in years]
        if len(years) > 1
        else [{"label": m, "start": m, "end": m} for m in months]
    )
    return {
        "filters": {
            "start": start or "",
            "end": end or "",
            "type": type or "",
            "entity": entity or "",
            "modality": modality or "",
            "lane": lane,
            "all": everything,
        },
        "entries": entries,
        "total": total,
        "shown": len(entries),
        "outside": outside,
        "undated": [
            {k: g[k] for k in ("id", "href", "label", "type", "modality", "sources")}
            for g in undated
        ],
        "undated_total": undated_total,
        "zoom": zoom,
        "range": {
            "first": min((e["from"] for e in entries), default=None),
            "last": max((e["to"] for e in entries), default=None),
        },
    }


# --------------------------------------------------------------------------- map


def places(
    conn: sqlite3.Connection, *, box: tuple[float, float, float, float] | None = None
) -> JSON:
    """Places with coordinates (one point per gazetteer place, its actors merged), each
    with its number of events; points close on the map are clustered by the page."""
    rows = conn.execute(
        "SELECT pl.gazetteer_id, min(pl.name) AS name, avg(pl.lat) AS lat, avg(pl.lon) AS lon,"
        " min(pl.country) AS country, count(DISTINCT pl.actor_id) AS mentions,"
        " min(pl.actor_id) AS actor,"
        " (SELECT count(DISTINCT p.event_id) FROM places AS p2 JOIN event_participants AS p"
        "  ON p.actor_id = p2.actor_id AND p.role = 'place'"
        "  WHERE p2.gazetteer_id = pl.gazetteer_id) AS events"
        " FROM places AS pl WHERE pl.lat IS NOT NULL AND pl.lon IS NOT NULL"
        " GROUP BY pl.gazetteer_id ORDER BY events DESC, mentions DESC LIMIT 2000"
    ).fetchall()
    points = []
    for r in rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        if box is not None and not (box[0] <= lon <= box[2] and box[1] <= lat <= box[3]):
            continue
        points.append(
            {
                "id": str(r["gazetteer_id"]),
                "name": str(r["name"]),
                "lat": lat,
                "lon": lon,
                "country": r["country"],
                "mentions": int(r["mentions"]),
                "event_count": int(r["events"]),
                "href": f"/events?at={r['gazetteer_id']}",
                "entity_href": f"/entity/{r['actor']}",
            }
        )
    return {"places": points, "box": list(box) if box else None}


def clusters(points: list[JSON], cell_deg: float) -> list[JSON]:
    """Points grouped in cells of ``cell_deg`` degrees: one circle per cell."""
    cells: dict[tuple[int, int], list[JSON]] = defaultdict(list)
    for p in points:
        cells[(math.floor(p["lat"] / cell_deg), math.floor(p["lon"] / cell_deg))].append(p)
    out = []
    for members in cells.values():
        members.sort(key=lambda p: (-p["event_count"], -p["mentions"], p["name"]))
        lat = sum(p["lat"] for p in members) / len(members)
        lon = sum(p["lon"] for p in members) / len(members)
        out.append(
            {
                "lat": lat,
                "lon": lon,
                "places": members,
                "event_count": sum(p["event_count"] for p in members),
                "name": members[0]["name"] + (f" +{len(members) - 1}" if len(members) > 1 else ""),
            }
        )
    return sorted(out, key=lambda c: -c["event_count"])
