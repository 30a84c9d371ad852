"""The UI through a real uvicorn server on 127.0.0.1 over a real SQLite store."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from newsweave.ingest.parse import parse
from newsweave.ingest.raw import RawItem
from newsweave.serve.app import create_app
from newsweave.serve.server import bind
from newsweave.store.sqlite import Store
from tests.conftest import CASES

HOSTILE = """<html><head><title>Test &lt;script&gt; page</title></head><body>
<h1>Hostile &lt;script&gt; page</h1>
<p>This article quotes code: <code>&lt;script&gt;alert('x')&lt;/script&gt;</code> and keeps on
talking about it at length so that there is enough text for a body paragraph here.</p>
<p>A second paragraph of ordinary text follows, written to make the page a real article
with more than twenty words of body text in it.</p></body></html>"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    db = tmp_path_factory.mktemp("serve") / "ui.db"
    with Store.open(db) as store:
        source = CASES / "paste_with_furniture" / "input.txt"
        doc = parse(RawItem(str(source), source.read_text(), "text"))
        store.add_document(doc)
        store.add_document(parse(RawItem("hostile.html", HOSTILE, "html")))
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", doc.id
    server.should_exit = True
    thread.join(timeout=10)


def test_index_lists_documents(server: tuple[str, str]) -> None:
    base, doc_id = server
    page = httpx.get(base + "/")
    assert page.status_code == 200
    assert "Dockers walk out as strike spreads to Port Selwyn" in page.text
    assert f'href="/doc/{doc_id}"' in page.text


def test_index_json_twin(server: tuple[str, str]) -> None:
    base, doc_id = server
    for response in (
        httpx.get(base + "/index.json"),
        httpx.get(base + "/", headers={"Accept": "application/json"}),
    ):
        data = response.json()
        assert data["status"]["documents"] == 2
        assert "2023-03-03" in {d["published"] for d in data["documents"]}
        assert doc_id in {d["id"] for d in data["documents"]}


def test_document_page_marks_roles(server: tuple[str, str]) -> None:
    base, doc_id = server
    page = httpx.get(f"{base}/doc/{doc_id}")
    assert page.status_code == 200
    assert 'class="seg seg-boilerplate"' in page.text
    assert 'class="seg seg-caption"' in page.text
    data = httpx.get(f"{base}/doc/{doc_id}.json").json()
    roles = {s["role"] for s in data["document"]["segments"]}
    assert {"headline", "standfirst", "byline", "body", "caption", "boilerplate"} <= roles
    for segment in data["document"]["segments"]:
        assert segment["end"] - segment["start"] == len(segment["text"])


def test_article_text_is_escaped(server: tuple[str, str]) -> None:
    base, _ = server
    listing = httpx.get(base + "/index.json").json()
    hostile = next(d for d in listing["documents"] if d["title"] and "script" in d["title"])
    page = httpx.get(f"{base}/doc/{hostile['id']}")
    assert "<script>" not in page.text
    assert "&lt;script&gt;" in page.text


def test_search_and_missing_document(server: tuple[str, str]) -> None:
    base, doc_id = server
    hits = httpx.get(base + "/search.json", params={"q": "dockers"}).json()["hits"]
    assert hits and hits[0]["document_id"] == doc_id
    assert httpx.get(base + "/search", params={"q": '"unbalanced'}).status_code == 200
    assert httpx.get(base + "/doc/dnope").status_code == 404


def test_openapi_documents_the_api(server: tuple[str, str]) -> None:
    base, _ = server
    spec = httpx.get(base + "/openapi.json").json()
    assert {"/", "/index.json", "/doc/{doc_id}", "/search", "/search.json"} <= set(spec["paths"])
