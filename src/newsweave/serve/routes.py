"""The UI's pages, one declaration each: path, summary, template and the function that builds
the page's JSON from its query parameters (:func:`newsweave.serve.app.create_app` registers
them, with their ``.json`` and ``.csv`` twins, and turns the JSON into HTML).

A builder takes a :class:`Reading` (the page's read-only store and settings) and the page's
parameters, typed (FastAPI reads them from the builder's signature), and returns the JSON
twin's object; or a :class:`Shown` when the HTML page draws more than the JSON holds (an
SVG, the marked-up text); or None for an item that does not exist (404).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from newsweave.serve import (
    document_page,
    entity_page,
    explore,
    happenings,
    lists,
    people,
    search_page,
    svg,
    svg_map,
)
from newsweave.serve.common import JSON, Paging
from newsweave.settings import ServeSettings
from newsweave.store.sqlite import Store


@dataclass(frozen=True)
class Reading:
    """What a page builder reads with: the store (read-only, under the page's budget)."""

    store: Store
    settings: ServeSettings

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.connection

    def paging(self, page: int | None, limit: int | None, sort: str | None) -> Paging:
        return Paging.of(page, limit, sort, self.settings.page_size)


@dataclass(frozen=True)
class Shown:
    """A page's JSON and what only its HTML page adds (computed for HTML only)."""

    data: JSON
    drawn: Callable[[], JSON] | None = None


Built = JSON | Shown | None
Builder = Callable[..., Built]


@dataclass(frozen=True)
class Route:
    """One page of the UI."""

    path: str
    """``/entities``; an item page ends in its id parameter: ``/entity/{entity_id}``."""
    summary: str
    template: str
    build: Builder
    json_path: str | None = None
    """The JSON twin's path when it is not ``PATH.json``."""
    capped: str | None = None
    """The query parameter held to ``serve.max_query_chars`` and ``max_query_terms``."""
    cancellable: bool = False
    """Its work stops when the client goes away (pages that may run long)."""
    item: str | None = None
    """An item page: what it shows (``no entity X`` when the id matches none, 404)."""


ROUTES: list[Route] = []


def page(
    path: str,
    summary: str,
    template: str,
    *,
    json_path: str | None = None,
    capped: str | None = None,
    cancellable: bool = False,
    item: str | None = None,
) -> Callable[[Builder], Builder]:
    """Declare the page built by the decorated function."""

    def declare(build: Builder) -> Builder:
        ROUTES.append(Route(path, summary, template, build, json_path, capped, cancellable, item))
        return build

    return declare


@page(
    "/",
    "Overview: counts, latest asserted happenings, outlets",
    "index.html",
    json_path="/index.json",
)
def index(r: Reading) -> Built:
    return lists.overview(r.conn)


@page(
    "/search",
    "Search: matching entities, then happenings, then passages",
    "search.html",
    capped="q",
    cancellable=True,
)
def search(
    r: Reading,
    q: str = "",
    section: str = "",
    page: int = 1,
    limit: int | None = None,
    entity_type: str | None = None,
    event_type: str | None = None,
    outlet: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Built:
    payload = search_page.search(
        r.conn,
        q,
        r.paging(page, limit, None),
        section=section,
        entity_type=entity_type,
        event_type=event_type,
        outlet=outlet,
        start=start,
        end=end,
    )
    payload["outlets"] = lists.outlets(r.conn)
    return payload


@page("/ask", "Answer a question with cited passages", "ask.html", capped="q", cancellable=True)
def ask_page(r: Reading, q: str = "", limit: int = 5) -> Built:
    from newsweave.ask import ask

    result: JSON = (
        ask(r.store, q, limit=max(1, min(limit, 20))).as_json()
        if q.strip()
        else {"question": q, "answers": [], "entities": [], "events": [], "terms": []}
    )
    for answer in result["answers"]:
        answer["href"] = (
            f"/doc/{answer['document']}#c{answer['sentence_start']}-{answer['sentence_end']}"
        )
    return {"q": q, **result}


@page(
    "/entities",
    "Entities, most documented first; filter by type and name",
    "entities.html",
    capped="q",
)
def entities(
    r: Reading,
    type: str | None = None,
    q: str | None = None,
    page: int = 1,
    limit: int | None = None,
    sort: str | None = None,
) -> Built:
    return people.listing(r.conn, r.paging(page, limit, sort), type=type, q=q)


@page("/entity/{entity_id}", "One entity", "entity.html", item="entity")
def entity(r: Reading, entity_id: str) -> Built:
    payload = entity_page.page(r.conn, entity_id)
    if payload is None:
        return None
    return Shown(
        payload, lambda: {"mini": svg.mini_timeline_svg(_timeline_rows(payload["timeline"]))}
    )


@page(
    "/events",
    "Happenings grouped by story event; filter by type, actor, place, date",
    "events.html",
)
def events(
    r: Reading,
    type: str | None = None,
    entity: str | None = None,
    place: str | None = None,
    at: str | None = None,
    start: str | None = None,
    end: str | None = None,
    modality: str | None = None,
    page: int = 1,
    limit: int | None = None,
    sort: str | None = None,
) -> Built:
    conn = r.conn
    actor_ids = place_ids = None
    names: JSON = {}
    if entity:
        found = people.find(conn, entity)
        actor_ids = found.actor_ids if found else []
        names["entity"] = found.name if found else entity
    if place:
        found = people.find(conn, place)
        place_ids = found.actor_ids if found else []
        names["place"] = found.name if found else place
    where, params = happenings.event_filter(
        type=type,
        start=start,
        end=end,
        modality=modality,
        actor_ids=actor_ids,
        place_ids=place_ids,
        at=at,
    )
    chosen = r.paging(page, limit, sort)
    groups, total, sort_used = happenings.grouped(conn, where, params, chosen)
    types = [str(row[0]) for row in conn.execute("SELECT DISTINCT type FROM events ORDER BY 1")]
    return {
        "filters": {
            "type": type or "",
            "entity": entity or "",
            "place": place or "",
            "at": at or "",
            "start": start or "",
            "end": end or "",
            "modality": modality or "",
        },
        "names": names,
        "types": types,
        "modalities": list(happenings.MODALITIES),
        "events": groups,
        "paging": chosen.info(total, len(groups)) | {"sort": sort_used},
    }


@page("/event/{event_id}", "One event or story", "event.html", item="event")
def event(r: Reading, event_id: str) -> Built:
    return happenings.page(r.conn, event_id)


@page("/quotes", "Quotes with their speakers", "quotes.html", capped="q")
def quotes(
    r: Reading,
    speaker: str | None = None,
    q: str | None = None,
    page: int = 1,
    limit: int | None = None,
    sort: str | None = None,
) -> Built:
    return lists.quotes(r.conn, r.paging(page, limit, sort), speaker=speaker, q=q)


@page("/figures", "Figures: claims side by side, corroborations and conflicts", "figures.html")
def figures(
    r: Reading,
    what: str | None = None,
    page: int = 1,
    limit: int | None = None,
    sort: str | None = None,
) -> Built:
    return lists.figures(r.conn, r.paging(page, limit, sort), what=what)


@page("/documents", "Documents, newest first; filter by outlet and period", "documents.html")
def documents(
    r: Reading,
    outlet: str | None = None,
    start: str | None = None,
    end: str | None = None,
    page: int = 1,
    limit: int | None = None,
    sort: str | None = None,
) -> Built:
    payload = lists.documents(
        r.conn, r.paging(page, limit, sort), outlet=outlet, start=start, end=end
    )
    payload["outlets"] = lists.outlets(r.conn)
    return payload


@page("/doc/{doc_id}", "One document, facts marked", "document.html", item="document")
def document(r: Reading, doc_id: str) -> Built:
    found = document_page.page(r.store, doc_id)
    if found is None:
        return None
    payload, rendered = found
    return Shown(payload, lambda: {"rendered": rendered})


@page("/graph", "Actor network: relations and taking part in the same events", "graph.html")
def graph(
    r: Reading,
    type: str | None = None,
    kind: str | None = None,
    start: str | None = None,
    end: str | None = None,
    focus: str | None = None,
    limit: int = 50,
) -> Built:
    payload = explore.graph(
        r.conn, type=type, kind=kind, start=start, end=end, focus=focus, limit=limit
    )
    return Shown(payload, lambda: {"svg": svg.graph_svg(payload)})


@page("/timeline", "Timeline: happenings over their period, zoomable", "timeline.html")
def timeline(
    r: Reading,
    start: str | None = None,
    end: str | None = None,
    type: str | None = None,
    entity: str | None = None,
    modality: str | None = None,
    lane: str = "type",
    all: bool = False,
) -> Built:
    payload = explore.timeline(
        r.conn,
        start=start,
        end=end,
        type=type,
        entity=entity,
        modality=modality,
        lane=lane if lane in ("type", "actor", "story") else "type",
        everything=all,
    )
    return Shown(payload, lambda: {"svg": svg.timeline_svg(payload["entries"])})


@page("/map", "Places on a map, clustered; each lists its events", "map.html")
def map_page(
    r: Reading,
    world: bool = False,
    west: float | None = None,
    south: float | None = None,
    east: float | None = None,
    north: float | None = None,
) -> Built:
    box = None
    if None not in (west, south, east, north):
        box = (float(west or 0), float(south or 0), float(east or 0), float(north or 0))
    payload = explore.places(r.conn, box=box)

    def drawn() -> JSON:
        span = (box[2] - box[0]) if box else 360.0
        cells = explore.clusters(payload["places"], max(0.05, span / 60))
        shown = [
            {
                "id": f"c{i}",
                "name": c["name"],
                "lat": c["lat"],
                "lon": c["lon"],
                "event_count": c["event_count"],
                "mentions": sum(p["mentions"] for p in c["places"]),
                "href": c["places"][0]["href"] if len(c["places"]) == 1 else _zoom_box(c["places"]),
            }
            for i, c in enumerate(cells)
        ]
        return {"svg": svg_map.map_svg(shown, world=world), "world": world, "clusters": cells}

    return Shown(payload, drawn)


def _timeline_rows(entries: Sequence[JSON]) -> list[JSON]:
    rows = []
    for e in entries:
        bounds = explore._bounds(e["date"]) if e.get("date") else None
        if bounds is not None:
            rows.append({**e, "from": bounds[0].isoformat(), "to": bounds[1].isoformat()})
    return rows


def _zoom_box(places: Sequence[JSON]) -> str:
    lats = [p["lat"] for p in places]
    lons = [p["lon"] for p in places]
    pad = 1.0
    return "/map?" + urlencode(
        {
            "west": round(min(lons) - pad, 3),
            "south": round(min(lats) - pad, 3),
            "east": round(max(lons) + pad, 3),
            "north": round(max(lats) + pad, 3),
        }
    )
