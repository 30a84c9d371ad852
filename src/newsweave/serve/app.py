"""The read-only web UI and its JSON twin: every page also answers as JSON (the same URL with
``.json``, or ``Accept: application/json``). Article text is data: always escaped. Pages fetch
nothing external (a Content-Security-Policy of ``'self'`` says so to the browser) and run no
script: the graph, timeline and map are SVG drawn on the server (:mod:`newsweave.serve.svg`).

Routes (each also as ``PATH.json``): ``/`` (overview; JSON ``/index.json``), ``/search``,
``/ask``, ``/entities``, ``/entity/{id}``, ``/events``, ``/event/{id}``, ``/quotes``,
``/figures``, ``/doc/{id}``, ``/graph``, ``/timeline``, ``/map``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from newsweave import __version__
from newsweave.serve import data, svg
from newsweave.store.sqlite import Store

_HERE = Path(__file__).parent
_TEMPLATES = _HERE / "templates"
_CSS = _HERE / "static" / "style.css"

CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""No scripts at all, styles and images from the app only."""

Page = Callable[..., Response]


def create_app(db: Path) -> FastAPI:
    """The UI over the store at ``db``."""
    app = FastAPI(
        title="newsweave",
        version=__version__,
        description=(
            "Read-only UI and JSON API over a newsweave store. Every HTML page has a JSON "
            "twin: the same path with `.json` (or `Accept: application/json`). Evidence "
            "objects carry `href` = `/doc/{id}#c{start}-{end}`, the sentence on the "
            "document page."
        ),
        # the interactive docs pages load scripts from a CDN: the UI fetches nothing
        # external, so only the OpenAPI document itself is served (/openapi.json)
        docs_url=None,
        redoc_url=None,
    )
    templates = Jinja2Templates(directory=str(_TEMPLATES))
    templates.env.globals["version"] = __version__

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @contextmanager
    def opened() -> Iterator[tuple[Store, data.Corpus]]:
        # opened in the thread that serves the request (sqlite3 objects stay in their thread)
        with Store.open(db) as store:
            yield store, data.corpus(store)

    def wants_json(request: Request, suffix: bool = False) -> bool:
        return (
            suffix
            or request.url.path.endswith(".json")
            or "application/json" in request.headers.get("accept", "")
        )

    def respond(
        request: Request,
        template: str,
        payload: dict[str, Any],
        extra: Callable[[], dict[str, Any]] | None = None,
        suffix: bool = False,
    ) -> Response:
        if wants_json(request, suffix):
            return JSONResponse(payload)
        context = {**payload, **(extra() if extra else {})}
        return templates.TemplateResponse(request, template, {"data": payload, **context})

    def twin(path: str, summary: str, json_path: str | None = None) -> Callable[[Page], Page]:
        """Register an endpoint at ``path`` (HTML) and at its ``.json`` twin."""

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
            return endpoint

        return register

    def split_id(value: str) -> tuple[str, bool]:
        return value.removesuffix(".json"), value.endswith(".json")

    # -- pages

    @twin("/", "Overview: counts, most connected actors, latest events", "/index.json")
    def index(request: Request) -> Response:
        with opened() as (store, c):
            return respond(request, "index.html", data.overview(store, c))

    @twin("/search", "Full-text search with snippets and facets")
    def search(
        request: Request,
        q: str = "",
        entity_type: str | None = None,
        event_type: str | None = None,
        outlet: str | None = None,
        start: str | None = None,
        end: str | None = None,
    ) -> Response:
        with opened() as (store, c):
            payload = data.search(
                store,
                c,
                q,
                entity_type=entity_type,
                event_type=event_type,
                outlet=outlet,
                start=start,
                end=end,
            )
            return respond(request, "search.html", payload)

    @twin("/ask", "Answer a question with cited passages")
    def ask_page(request: Request, q: str = "", limit: int = 5) -> Response:
        from newsweave.ask import ask

        with opened() as (store, _):
            result: dict[str, Any] = (
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

    @twin("/entities", "Entities, most mentioned first")
    def entities(request: Request, type: str | None = None, q: str | None = None) -> Response:
        with opened() as (_, c):
            return respond(request, "entities.html", data.entities(c, type, q))

    @app.get("/entity/{entity_id}", response_class=HTMLResponse, summary="One entity")
    def entity(request: Request, entity_id: str) -> Response:
        key, suffix = split_id(entity_id)
        with opened() as (store, c):
            payload = data.entity(store, c, key)
            if payload is None:
                raise HTTPException(status_code=404, detail=f"no entity {key}")
            return respond(
                request,
                "entity.html",
                payload,
                lambda: {"mini": svg.mini_timeline_svg(payload["timeline"])},
                suffix,
            )

    @twin("/events", "Events in date order, by type, period and entity")
    def events(
        request: Request,
        type: str | None = None,
        start: str | None = None,
        end: str | None = None,
        entity: str | None = None,
    ) -> Response:
        with opened() as (_, c):
            payload = data.events(c, type=type, start=start, end=end, entity=entity)
            return respond(request, "events.html", payload)

    @app.get("/event/{event_id}", response_class=HTMLResponse, summary="One event")
    def event(request: Request, event_id: str) -> Response:
        key, suffix = split_id(event_id)
        with opened() as (store, c):
            payload = data.event(store, c, key)
            if payload is None:
                raise HTTPException(status_code=404, detail=f"no event {key}")
            return respond(request, "event.html", payload, suffix=suffix)

    @twin("/quotes", "Quotes with their speakers")
    def quotes(request: Request, speaker: str | None = None, q: str | None = None) -> Response:
        with opened() as (_, c):
            return respond(request, "quotes.html", data.quotes(c, speaker=speaker, q=q))

    @twin("/figures", "Figures: claims side by side, corroborations and conflicts")
    def figures(request: Request) -> Response:
        with opened() as (store, c):
            return respond(request, "figures.html", data.figures(store, c))

    @app.get("/doc/{doc_id}", response_class=HTMLResponse, summary="One document, facts marked")
    def document(request: Request, doc_id: str) -> Response:
        key, suffix = split_id(doc_id)
        with opened() as (store, c):
            payload = data.document(store, c, key)
            if payload is None:
                raise HTTPException(status_code=404, detail=f"no document {key}")
            return respond(
                request,
                "document.html",
                payload,
                lambda: {"rendered": data.render_segments(store, c, payload)},
                suffix,
            )

    @twin("/graph", "Actor network: relations and co-participation in events")
    def graph(
        request: Request,
        type: str | None = None,
        start: str | None = None,
        end: str | None = None,
    ) -> Response:
        with opened() as (_, c):
            payload = data.graph(c, type=type, start=start, end=end)
            return respond(request, "graph.html", payload, lambda: {"svg": svg.graph_svg(payload)})

    @twin("/timeline", "Timeline of dated events, zoomable by period")
    def timeline(
        request: Request,
        start: str | None = None,
        end: str | None = None,
        type: str | None = None,
        entity: str | None = None,
        all: bool = False,
    ) -> Response:
        with opened() as (store, c):
            payload = data.timeline(
                store, c, start=start, end=end, type=type, entity=entity, everything=all
            )
            return respond(
                request,
                "timeline.html",
                payload,
                lambda: {"svg": svg.timeline_svg(payload["entries"]), "zoom": _zoom_links(payload)},
            )

    @twin("/map", "Places and events on a world projection")
    def map_page(request: Request, world: bool = False) -> Response:
        with opened() as (store, c):
            payload = data.places(store, c)
            return respond(
                request,
                "map.html",
                payload,
                lambda: {"svg": svg.map_svg(payload["places"], world=world), "world": world},
            )

    @app.get("/static/style.css", include_in_schema=False)
    def style() -> Response:
        return Response(
            _CSS.read_text("utf-8"),
            media_type="text/css",
            headers={"Cache-Control": "max-age=300"},
        )

    return app


def _zoom_links(payload: dict[str, Any]) -> list[dict[str, str]]:
    """Periods to zoom into: the months (or days of one month) the timeline covers."""
    dates = sorted({e["date"] for e in payload["entries"] if e["date"]})
    months = sorted({d[:7] for d in dates if len(d) >= 7})
    if len(months) > 1:
        return [{"label": m, "start": m, "end": m} for m in months]
    days = sorted({d[:10] for d in dates if len(d) >= 10})
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    return [{"label": f"{w[0]} – {w[-1]}", "start": w[0], "end": w[-1]} for w in weeks]
