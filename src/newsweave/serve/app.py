"""The read-only web UI and its JSON twin: every page also answers as JSON (the same URL with
``.json``, or ``Accept: application/json``) and every list as CSV (``.csv``: the same rows
as the JSON twin). Article text is data: always escaped. Pages fetch nothing external (a
Content-Security-Policy of ``'self'`` says so to the browser); a small hand-written script
(``/static/explore.js``) adds zoom, pan, drag and expansion to the graph and zoom to the
timeline, and every page works without it.

Each answer is a few indexed, paged queries over the store through a read-only connection
(:mod:`newsweave.serve.db`): nothing is loaded whole, a writer never makes a page fail
(503 after ``serve.busy_timeout``), and search and ask are capped in length, words and time.

Routes (each also as ``PATH.json``; lists also as ``PATH.csv``): ``/`` (overview; JSON
``/index.json``), ``/search``, ``/ask``, ``/entities``, ``/entity/{id}``, ``/events``,
``/event/{id}`` (an event or a story event ``s…``), ``/quotes``, ``/figures``,
``/documents``, ``/doc/{id}``, ``/graph``, ``/timeline``, ``/map``.
"""

from __future__ import annotations

import asyncio
import csv
import io
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders

from newsweave import __version__
from newsweave.errors import NewsweaveError
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
from newsweave.serve.common import JSON, Paging, csv_rows
from newsweave.serve.db import BadRequest, Reader, Unavailable, cap_query
from newsweave.settings import ServeSettings

_HERE = Path(__file__).parent
_TEMPLATES = _HERE / "templates"
_STATIC = {
    "style.css": ("text/css", _HERE / "static" / "style.css"),
    "explore.js": ("text/javascript", _HERE / "static" / "explore.js"),
}

CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
"""Scripts, styles, images and fetches from the app only."""

Page = Callable[..., Any]

CSV_COLUMNS: dict[str, tuple[str, Sequence[str]]] = {
    "/entities": ("entities", ("id", "name", "type", "country", "documents")),
    "/events": (
        "events",
        (
            "id",
            "date",
            "precision",
            "type",
            "label",
            "modality",
            "sources",
            "members",
            "actors",
            "targets",
            "place",
        ),
    ),
    "/quotes": (
        "quotes",
        ("id", "date", "speaker", "speaker_verified", "verb", "text", "document"),
    ),
    "/documents": ("documents", ("id", "published", "publisher", "title", "genre", "words")),
    "/figures": (
        "claims",
        ("id", "what", "value", "unit", "as_of", "status", "documents", "place"),
    ),
}
"""List pages with a CSV twin: the key of the rows in the JSON and the columns."""


def create_app(
    db: Path,
    settings: ServeSettings | None = None,
    log: Callable[[str], None] | None = None,
) -> FastAPI:
    """The UI over the store at ``db`` (opened read-only, per worker thread); ``log``
    receives one line per request."""
    settings = settings or ServeSettings()
    reader = Reader(db, settings)
    app = FastAPI(
        title="newsweave",
        version=__version__,
        description=(
            "Read-only UI and JSON API over a newsweave store. Every HTML page has a JSON "
            "twin: the same path with `.json` (or `Accept: application/json`); lists also "
            "have a CSV twin (`.csv`). Evidence objects carry `href` = "
            "`/doc/{id}#c{start}-{end}`, the sentence on the document page."
        ),
        docs_url=None,
        redoc_url=None,
    )
    app.state.reader = reader
    templates = Jinja2Templates(directory=str(_TEMPLATES))
    templates.env.globals["version"] = __version__
    templates.env.globals["page_url"] = _page_url

    app.add_middleware(_HeadersAndLog, log=log)

    def error_page(request: Request, status: int, error: NewsweaveError) -> Response:
        body = {"error": error.code, "message": error.line(), "status": status}
        if _wants_json(request):
            return JSONResponse(body, status_code=status)
        return templates.TemplateResponse(
            request, "error.html", {"data": body, **body}, status_code=status
        )

    @app.exception_handler(Unavailable)
    async def unavailable(request: Request, exc: Unavailable) -> Response:
        response = error_page(request, 503, exc.error)
        response.headers["Retry-After"] = "2"
        return response

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return error_page(request, 400, exc.error)

    def respond(
        request: Request,
        template: str,
        payload: JSON,
        extra: Callable[[], JSON] | None = None,
    ) -> Response:
        path = request.url.path
        if path.endswith(".csv"):
            key, columns = CSV_COLUMNS[path.removesuffix(".csv")]
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(columns)
            writer.writerows(csv_rows(payload[key], columns))
            name = path.strip("/").removesuffix(".csv") or "index"
            return PlainTextResponse(
                out.getvalue(),
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
            )
        if _wants_json(request):
            return JSONResponse(payload)
        context = {**payload, **(extra() if extra else {})}
        return templates.TemplateResponse(request, template, {"data": payload, **context})

    def twin(path: str, summary: str, json_path: str | None = None) -> Callable[[Page], Page]:
        """Register an endpoint at ``path`` (HTML), its ``.json`` twin and, for lists, its
        ``.csv`` twin."""

        def register(endpoint: Page) -> Page:
            app.add_api_route(
                path, endpoint, methods=["GET"], summary=summary, response_class=HTMLResponse
            )
            app.add_api_route(
                json_path or f"{path}.json",
                endpoint,
                methods=["GET"],
                summary=f"{summary} (JSON)",
                response_class=JSONResponse,
            )
            if path in CSV_COLUMNS:
                app.add_api_route(
                    f"{path}.csv",
                    endpoint,
                    methods=["GET"],
                    summary=f"{summary} (CSV, the rows of the JSON twin)",
                    response_class=PlainTextResponse,
                )
            return endpoint

        return register

    def split_id(value: str) -> str:
        return value.removesuffix(".json")

    def paging(page: int | None, limit: int | None, sort: str | None) -> Paging:
        return Paging.of(page, limit, sort, settings.page_size)

    # -- pages

    @twin("/", "Overview: counts, latest asserted happenings, outlets", "/index.json")
    def index(request: Request) -> Response:
        with reader.read() as store:
            return respond(request, "index.html", lists.overview(store.connection))

    @twin("/search", "Search: matching entities, then happenings, then passages")
    async def search(
        request: Request,
        q: str = "",
        section: str = "",
        page: int = 1,
        limit: int | None = None,
        entity_type: str | None = None,
        event_type: str | None = None,
        outlet: str | None = None,
        start: str | None = None,
        end: str | None = None,
    ) -> Response:
        cap_query(q, settings)

        def work(cancel: threading.Event) -> Response:
            with reader.read(cancel=cancel) as store:
                payload = search_page.search(
                    store.connection,
                    q,
                    paging(page, limit, None),
                    section=section,
                    entity_type=entity_type,
                    event_type=event_type,
                    outlet=outlet,
                    start=start,
                    end=end,
                )
                payload["outlets"] = lists.outlets(store.connection)
                return respond(request, "search.html", payload)

        return await _until_done(request, work)

    @twin("/ask", "Answer a question with cited passages")
    async def ask_page(request: Request, q: str = "", limit: int = 5) -> Response:
        from newsweave.ask import ask

        cap_query(q, settings)

        def work(cancel: threading.Event) -> Response:
            with reader.read(cancel=cancel) as store:
                result: JSON = (
                    ask(store, q, limit=max(1, min(limit, 20))).as_json()
                    if q.strip()
                    else {"question": q, "answers": [], "entities": [], "events": [], "terms": []}
                )
                for answer in result["answers"]:
                    answer["href"] = (
                        f"/doc/{answer['document']}#c{answer['sentence_start']}-"
                        f"{answer['sentence_end']}"
                    )
                return respond(request, "ask.html", {"q": q, **result})

        return await _until_done(request, work)

    @twin("/entities", "Entities, most documented first; filter by type and name")
    def entities(
        request: Request,
        type: str | None = None,
        q: str | None = None,
        page: int = 1,
        limit: int | None = None,
        sort: str | None = None,
    ) -> Response:
        if q:
            cap_query(q, settings)
        with reader.read() as store:
            payload = people.listing(store.connection, paging(page, limit, sort), type=type, q=q)
            return respond(request, "entities.html", payload)

    @app.get("/entity/{entity_id}", response_class=HTMLResponse, summary="One entity")
    def entity(request: Request, entity_id: str) -> Response:
        key = split_id(entity_id)
        with reader.read() as store:
            payload = entity_page.page(store.connection, key)
            if payload is None:
                raise HTTPException(status_code=404, detail=f"no entity {key}")
            return respond(
                request,
                "entity.html",
                payload,
                lambda: {"mini": svg.mini_timeline_svg(_timeline_rows(payload["timeline"]))},
            )

    @twin("/events", "Happenings grouped by story event; filter by type, actor, place, date")
    def events(
        request: Request,
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
    ) -> Response:
        with reader.read() as store:
            conn = store.connection
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
            chosen = paging(page, limit, sort)
            groups, total, sort_used = happenings.grouped(conn, where, params, chosen)
            types = [str(r[0]) for r in conn.execute("SELECT DISTINCT type FROM events ORDER BY 1")]
            payload = {
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
            return respond(request, "events.html", payload)

    @app.get("/event/{event_id}", response_class=HTMLResponse, summary="One event or story")
    def event(request: Request, event_id: str) -> Response:
        key = split_id(event_id)
        with reader.read() as store:
            payload = happenings.page(store.connection, key)
            if payload is None:
                raise HTTPException(status_code=404, detail=f"no event {key}")
            return respond(request, "event.html", payload)

    @twin("/quotes", "Quotes with their speakers")
    def quotes(
        request: Request,
        speaker: str | None = None,
        q: str | None = None,
        page: int = 1,
        limit: int | None = None,
        sort: str | None = None,
    ) -> Response:
        if q:
            cap_query(q, settings)
        with reader.read() as store:
            payload = lists.quotes(
                store.connection, paging(page, limit, sort), speaker=speaker, q=q
            )
            return respond(request, "quotes.html", payload)

    @twin("/figures", "Figures: claims side by side, corroborations and conflicts")
    def figures(
        request: Request,
        what: str | None = None,
        page: int = 1,
        limit: int | None = None,
        sort: str | None = None,
    ) -> Response:
        with reader.read() as store:
            payload = lists.figures(store.connection, paging(page, limit, sort), what=what)
            return respond(request, "figures.html", payload)

    @twin("/documents", "Documents, newest first; filter by outlet and period")
    def documents(
        request: Request,
        outlet: str | None = None,
        start: str | None = None,
        end: str | None = None,
        page: int = 1,
        limit: int | None = None,
        sort: str | None = None,
    ) -> Response:
        with reader.read() as store:
            payload = lists.documents(
                store.connection, paging(page, limit, sort), outlet=outlet, start=start, end=end
            )
            payload["outlets"] = lists.outlets(store.connection)
            return respond(request, "documents.html", payload)

    @app.get("/doc/{doc_id}", response_class=HTMLResponse, summary="One document, facts marked")
    def document(request: Request, doc_id: str) -> Response:
        key = split_id(doc_id)
        with reader.read() as store:
            found = document_page.page(store, key)
            if found is None:
                raise HTTPException(status_code=404, detail=f"no document {key}")
            payload, rendered = found
            return respond(request, "document.html", payload, lambda: {"rendered": rendered})

    @twin("/graph", "Actor network: relations and taking part in the same events")
    def graph(
        request: Request,
        type: str | None = None,
        kind: str | None = None,
        start: str | None = None,
        end: str | None = None,
        focus: str | None = None,
        limit: int = 50,
    ) -> Response:
        with reader.read() as store:
            payload = explore.graph(
                store.connection,
                type=type,
                kind=kind,
                start=start,
                end=end,
                focus=focus,
                limit=limit,
            )
            return respond(request, "graph.html", payload, lambda: {"svg": svg.graph_svg(payload)})

    @twin("/timeline", "Timeline: happenings over their period, zoomable")
    def timeline(
        request: Request,
        start: str | None = None,
        end: str | None = None,
        type: str | None = None,
        entity: str | None = None,
        modality: str | None = None,
        lane: str = "type",
        all: bool = False,
    ) -> Response:
        with reader.read() as store:
            payload = explore.timeline(
                store.connection,
                start=start,
                end=end,
                type=type,
                entity=entity,
                modality=modality,
                lane=lane if lane in ("type", "actor", "story") else "type",
                everything=all,
            )
            return respond(
                request,
                "timeline.html",
                payload,
                lambda: {"svg": svg.timeline_svg(payload["entries"])},
            )

    @twin("/map", "Places on a map, clustered; each lists its events")
    def map_page(
        request: Request,
        world: bool = False,
        west: float | None = None,
        south: float | None = None,
        east: float | None = None,
        north: float | None = None,
    ) -> Response:
        box = None
        if None not in (west, south, east, north):
            box = (float(west or 0), float(south or 0), float(east or 0), float(north or 0))
        with reader.read() as store:
            payload = explore.places(store.connection, box=box)

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
                        "href": c["places"][0]["href"]
                        if len(c["places"]) == 1
                        else _zoom_box(c["places"]),
                    }
                    for i, c in enumerate(cells)
                ]
                return {
                    "svg": svg_map.map_svg(shown, world=world),
                    "world": world,
                    "clusters": cells,
                }

            return respond(request, "map.html", payload, drawn)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in _STATIC:
            raise HTTPException(status_code=404, detail="not found")
        media, path = _STATIC[name]
        return Response(
            path.read_text("utf-8"), media_type=media, headers={"Cache-Control": "max-age=300"}
        )

    return app


class _HeadersAndLog:
    """Security headers on every answer and one log line per request (method, path, status,
    milliseconds). A plain ASGI middleware, so a page still sees its client go away
    (``request.is_disconnected``), which a ``BaseHTTPMiddleware`` hides."""

    def __init__(self, app: Any, log: Callable[[str], None] | None) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        status = 0

        async def send_with_headers(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = CSP
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            status = status or 500
            raise
        finally:
            if self.log is not None:
                took = (time.perf_counter() - began) * 1000
                query = scope.get("query_string", b"").decode("latin-1")
                path = scope["path"] + (f"?{query}" if query else "")
                self.log(f"{scope['method']} {path} {status} {took:.0f} ms")


async def _until_done(request: Request, work: Callable[[threading.Event], Response]) -> Response:
    """Run ``work`` in the thread pool; when the client goes away meanwhile, set its cancel
    event so its queries stop at their next progress check."""
    cancel = threading.Event()
    task = asyncio.ensure_future(run_in_threadpool(work, cancel))
    while True:
        done, _ = await asyncio.wait({task}, timeout=0.25)
        if done:
            return task.result()
        if not cancel.is_set() and await request.is_disconnected():
            cancel.set()
            request.app.state.reader.abandon()


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json") or "application/json" in request.headers.get(
        "accept", ""
    )


def _page_url(request: Request, **changes: Any) -> str:
    """The current URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


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
