"""The read-only web UI and its JSON twin: every page also answers as JSON (``.json``
suffix or ``Accept: application/json``). Article text is data: always escaped."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from newsweave import __version__
from newsweave.errors import NewsweaveError
from newsweave.model import Document
from newsweave.store.sqlite import DocumentSummary, Store

_TEMPLATES = Path(__file__).parent / "templates"


def create_app(db: Path) -> FastAPI:
    """The UI over the store at ``db``."""
    app = FastAPI(
        title="newsweave",
        version=__version__,
        description="Read-only UI and JSON API over a newsweave store.",
    )
    templates = Jinja2Templates(directory=str(_TEMPLATES))

    def store() -> Iterator[Store]:
        with Store.open(db) as opened:
            yield opened

    def wants_json(request: Request, suffix: str | None) -> bool:
        return suffix == ".json" or "application/json" in request.headers.get("accept", "")

    def render(request: Request, name: str, data: dict[str, Any], as_json: bool) -> Response:
        if as_json:
            return JSONResponse(data)
        return templates.TemplateResponse(request, name, data)

    @app.get("/", response_class=HTMLResponse, summary="Documents in the store")
    def index(request: Request, st: Store = Depends(store), offset: int = 0) -> Response:  # noqa: B008
        return _index(request, st, offset, wants_json(request, None))

    @app.get("/index.json", summary="Documents in the store (JSON)")
    def index_json(request: Request, st: Store = Depends(store), offset: int = 0) -> Response:  # noqa: B008
        return _index(request, st, offset, True)

    def _index(request: Request, st: Store, offset: int, as_json: bool) -> Response:
        status = st.status()
        docs = [_summary(d) for d in st.list_documents(limit=200, offset=offset)]
        data = {"status": _plain(asdict(status)), "documents": docs, "offset": offset}
        return render(request, "index.html", data, as_json)

    @app.get("/doc/{doc_id}", response_class=HTMLResponse, summary="One document by segments")
    def document(request: Request, doc_id: str, st: Store = Depends(store)) -> Response:  # noqa: B008
        as_json = doc_id.endswith(".json")
        doc_id = doc_id.removesuffix(".json")
        try:
            doc = st.get_document(doc_id)
        except NewsweaveError as error:
            raise HTTPException(status_code=404, detail=error.line()) from None
        data = {"document": _document(doc), "sources": st.document_sources(doc.id)}
        return render(
            request, "document.html", data, wants_json(request, ".json" if as_json else None)
        )

    @app.get("/search", response_class=HTMLResponse, summary="Full-text search")
    def search(request: Request, q: str = "", st: Store = Depends(store)) -> Response:  # noqa: B008
        hits = [_plain(asdict(h)) for h in st.search(q, limit=50)] if q.strip() else []
        return render(request, "search.html", {"q": q, "hits": hits}, wants_json(request, None))

    @app.get("/search.json", summary="Full-text search (JSON)")
    def search_json(request: Request, q: str = "", st: Store = Depends(store)) -> Response:  # noqa: B008
        hits = [_plain(asdict(h)) for h in st.search(q, limit=50)] if q.strip() else []
        return JSONResponse({"q": q, "hits": hits})

    return app


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "iso"):
        return value.iso()
    return value


def _summary(row: DocumentSummary) -> dict[str, Any]:
    data: dict[str, Any] = _plain(asdict(row))
    data["published"] = row.published.iso() if row.published else None
    return data


def _document(doc: Document) -> dict[str, Any]:
    date = doc.date
    return {
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "authors": list(doc.authors),
        "publisher": doc.publisher,
        "published": doc.published.iso() if doc.published else None,
        "date_source": date.source if date else None,
        "date_inferred": date.inferred if date else None,
        "language": doc.language,
        "genre": doc.genre,
        "format": doc.format,
        "near_duplicate_of": doc.near_duplicate_of,
        "words": doc.word_count,
        "segments": [
            {"role": s.role.value, "start": s.start, "end": s.end, "text": doc.segment_text(s)}
            for s in doc.segments
        ],
    }
