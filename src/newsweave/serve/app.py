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
import inspect
import io
import threading
import time
import typing
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
from newsweave.serve import routes
from newsweave.serve.common import JSON, csv_rows
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

    def register(route: routes.Route) -> None:
        """The route's page at its path, its ``.json`` twin (an item page: its id with
        ``.json``) and, for lists, its ``.csv`` twin."""
        endpoint = _endpoint(route, reader, respond)
        app.add_api_route(
            route.path,
            endpoint,
            methods=["GET"],
            summary=route.summary,
            response_class=HTMLResponse,
        )
        if route.item:  # its JSON twin is the same path with the id's ``.json``
            return
        app.add_api_route(
            route.json_path or f"{route.path}.json",
            endpoint,
            methods=["GET"],
            summary=f"{route.summary} (JSON)",
            response_class=JSONResponse,
        )
        if route.path in CSV_COLUMNS:
            app.add_api_route(
                f"{route.path}.csv",
                endpoint,
                methods=["GET"],
                summary=f"{route.summary} (CSV, the rows of the JSON twin)",
                response_class=PlainTextResponse,
            )

    for route in routes.ROUTES:
        register(route)

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


Respond = Callable[[Request, str, JSON, "Callable[[], JSON] | None"], Response]


def _endpoint(route: routes.Route, reader: Reader, respond: Respond) -> Page:
    """The FastAPI endpoint of ``route``: its builder's parameters as query (or path)
    parameters; the builder runs on a read-only store under the page's budget (and, for a
    cancellable page, stops when the client goes away); its JSON answers as JSON, CSV or
    HTML; None is a 404."""
    hints = typing.get_type_hints(route.build)
    parameters = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)
    ]
    for name, parameter in list(inspect.signature(route.build).parameters.items())[1:]:
        parameters.append(parameter.replace(annotation=hints[name]))
    item = route.path.rsplit("{", 1)[1].rstrip("}") if route.item else None

    def answer(
        request: Request, params: dict[str, Any], cancel: threading.Event | None
    ) -> Response:
        if item is not None:
            params[item] = params[item].removesuffix(".json")
        with reader.read(cancel=cancel) as store:
            built = route.build(routes.Reading(store, reader.settings), **params)
            if built is None:
                raise HTTPException(status_code=404, detail=f"no {route.item} {params[item or '']}")
            if isinstance(built, routes.Shown):
                return respond(request, route.template, built.data, built.drawn)
            return respond(request, route.template, built, None)

    if route.cancellable:

        async def cancellable(request: Request, **params: Any) -> Response:
            if route.capped and params.get(route.capped):
                cap_query(params[route.capped], reader.settings)
            return await _until_done(request, lambda cancel: answer(request, params, cancel))

        endpoint: Page = cancellable
    else:

        def endpoint(request: Request, **params: Any) -> Response:
            if route.capped and params.get(route.capped):
                cap_query(params[route.capped], reader.settings)
            return answer(request, params, None)

    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = route.build.__name__
    return endpoint
