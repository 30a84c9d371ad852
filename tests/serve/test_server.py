"""The UI through a real uvicorn server on 127.0.0.1 over a real SQLite store."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from newsweave.ingest.parse import parse
from newsweave.ingest.raw import RawItem
from newsweave.store.sqlite import Store
from tests.ask.test_ask import example_store
from tests.conftest import CASES
from tests.serve.live import serve_app

HOSTILE = """<html><head><title>Test &lt;script&gt; page</title></head><body>
<h1>Hostile &lt;script&gt; page</h1>
<p>This article quotes code: <code>&lt;script&gt;alert('x')&lt;/script&gt;</code> and keeps on
talking about it at length so that there is enough text for a body paragraph here.</p>
<p>A second paragraph of ordinary text follows, written to make the page a real article
with more than twenty words of body text in it.</p></body></html>"""


@pytest.fixture(scope="module")
def corpus() -> Iterator[str]:
    """A server over the example corpus, ingested, analysed and resolved."""
    yield from serve_app(example_store())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    db = tmp_path_factory.mktemp("serve") / "ui.db"
    with Store.open(db) as store:
        source = CASES / "paste_with_furniture" / "input.txt"
        doc = parse(RawItem(str(source), source.read_text(), "text"))
        store.add_document(doc)
        store.add_document(parse(RawItem("hostile.html", HOSTILE, "html")))
    for base in serve_app(db):
        yield base, doc.id


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
        assert data["counts"]["documents"] == 2
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
    for page in ("/ask", "/entities", "/events", "/quotes", "/figures", "/graph", "/timeline"):
        assert {page, page + ".json"} <= set(spec["paths"])
    assert {"/map", "/entity/{entity_id}", "/event/{event_id}"} <= set(spec["paths"])


def test_every_page_answers_on_a_store_without_analysis(server: tuple[str, str]) -> None:
    base, _ = server
    for path in ("/entities", "/events", "/quotes", "/figures", "/graph", "/timeline", "/map"):
        assert httpx.get(base + path).status_code == 200, path
        assert httpx.get(base + path + ".json").status_code == 200, path
    assert httpx.get(base + "/ask", params={"q": "Who walked out?"}).status_code == 200
    assert httpx.get(base + "/entity/nope").status_code == 404
    assert httpx.get(base + "/event/nope.json").status_code == 404


def test_pages_send_a_strict_content_security_policy(server: tuple[str, str]) -> None:
    base, _ = server
    policy = httpx.get(base + "/").headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self';" in policy
    assert "unsafe-eval" not in policy and "http" not in policy


# --------------------------------------------------------------------------- example corpus


def _json(base: str, path: str, **params: Any) -> Any:
    response = httpx.get(base + path, params=params)
    assert response.status_code == 200, path
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_overview_counts_and_connected_actors(corpus: str) -> None:
    data = _json(corpus, "/index.json")
    assert data["counts"]["documents"] >= 20
    assert data["counts"]["events"] > 0 and data["counts"]["quotes"] > 0
    names = [e["name"] for e in data["top_entities"]]
    assert "Étienne Dossavi" in names
    assert data["by_outlet"] and data["by_month"]
    # outlets are one name each ("X – Politics" is the outlet X)
    outlets = [o["outlet"] for o in data["by_outlet"]]
    assert len(outlets) == len(set(outlets))
    assert not any(" – " in o for o in outlets)
    # the latest happenings are stated as fact, not hypothetical or denied
    assert data["latest_events"]
    assert all(e["asserted"] for e in data["latest_events"])
    twin = httpx.get(corpus + "/", headers={"Accept": "application/json"}).json()
    assert twin["counts"] == data["counts"]


def test_entity_page_links_every_fact_to_its_sentence(corpus: str) -> None:
    listing = _json(corpus, "/entities.json", type="PERSON", limit=500)["entities"]
    person = next(e for e in listing if e["name"] == "Aïcha Yamboré")
    data = _json(corpus, person["href"] + ".json")
    assert httpx.get(corpus + person["href"], headers={"Accept": "application/json"}).json() == data
    assert data["relations"] and data["titles"] and data["document_list"]["items"]
    assert data["events"]["asserted"] or data["events"]["other"]
    evidence = [e for r in data["relations"] for e in r["evidence"]]
    evidence += [e for p in data["positions"] for e in p["evidence"]]
    evidence += [e for t in data["titles"] for e in t["evidence"]]
    evidence += [e["evidence"][0] for e in data["events"]["asserted"] if e["evidence"]]
    pages: dict[str, str] = {}
    for item in evidence[:25]:
        path, anchor = item["href"].split("#")
        if path not in pages:
            pages[path] = httpx.get(corpus + path).text
        assert f'id="{anchor}"' in pages[path], item
        doc = _json(corpus, path + ".json")["document"]
        text = "".join(s["text"] for s in doc["segments"])
        assert item["text"].strip()[:40] in text


def test_entity_pages_show_the_names_the_export_shows(corpus: str) -> None:
    """An entity page lists as aliases only the entity's own names, chosen by the resolver's
    rule, so the page, the export and the CLI agree (the page once listed every member
    actor's raw names)."""
    from newsweave.resolve.entities import entity_records
    from newsweave.serve.common import fold

    store = Store.open_read(example_store())
    try:
        records = [r for r in entity_records(store) if r.actor_ids]
    finally:
        store.close()
    checked = 0
    for record in records[:40]:
        data = _json(corpus, f"/entity/{record.id}.json")
        own = {a for a in record.aliases if fold(a) != fold(record.name)}
        assert set(data["aliases"]) <= own, record.name
        if len(own) < 30:
            assert set(data["aliases"]) == own, record.name
        checked += bool(own)
    assert checked >= 5


def test_entity_page_is_one_row_per_fact(corpus: str) -> None:
    """A tie stated in several sentences or in both directions is one row; a position is
    one row with its organisation and period; happenings are asserted first."""
    for entity in _json(corpus, "/entities.json", limit=40)["entities"]:
        data = _json(corpus, entity["href"] + ".json")
        keys = [
            (r["predicate"], (r["other"] or {}).get("id") or (r["other"] or {}).get("name"))
            for r in data["relations"]
        ]
        assert len(keys) == len(set(keys)), entity["name"]
        titles = [p["title"].lower().removeprefix("former ") for p in data["positions"]]
        orgs = [
            (p["organisation"] or {}).get("id") or (p["organisation"] or {}).get("name")
            for p in data["positions"]
        ]
        assert len(set(zip(titles, orgs, strict=True))) == len(titles), entity["name"]
        assert all(g["asserted"] for g in data["events"]["asserted"])
        assert not any(g["asserted"] for g in data["events"]["other"])
        ids = [g["id"] for g in data["events"]["asserted"]]
        assert len(ids) == len(set(ids))


def test_event_quotes_and_figures_twins(corpus: str) -> None:
    events = _json(corpus, "/events.json", type="OFFICE", limit=500)["events"]  # dismissals
    assert events and all(e["type"] == "OFFICE" for e in events)
    dismissal = next(
        e
        for e in events
        if e["mode"] == "dismiss" and any(a["name"] == "Étienne Dossavi" for a in e["actors"])
    )
    page = _json(corpus, dismissal["href"] + ".json")
    told = [page["event"]] if page["event"] else page["members"]
    assert told and told[0]["evidence"] and told[0]["document"]["id"]
    assert any(a["name"] == "Aïcha Yamboré" for t in told for a in t["targets"])
    for found in events:  # each sentence once per telling
        page = _json(corpus, found["href"] + ".json")
        for item in [page["event"], *page["members"]]:
            if item:
                sentences = [(e["document"], e["text"]) for e in item["evidence"]]
                assert len(sentences) == len(set(sentences)), found["label"]
    quotes = _json(corpus, "/quotes.json")["quotes"]
    assert any(q["speaker"] and q["speaker"]["id"] for q in quotes)
    speaker = next(q["speaker"]["id"] for q in quotes if q["speaker"] and q["speaker"]["id"])
    only = _json(corpus, "/quotes.json", speaker=speaker)["quotes"]
    assert only and all(q["speaker"]["id"] == speaker for q in only)
    figures = _json(corpus, "/figures.json")
    assert figures["conflicts"]
    values = {v for c in figures["conflicts"] for v in c["values"]}
    assert {173.0, 181.0} <= values
    for conflict in figures["conflicts"]:  # every value with the sentences stating it
        stated = conflict["value_evidence"]
        assert [s["value"] for s in stated] == conflict["values"]
        for value in stated:
            assert value["evidence"], conflict
            for e in value["evidence"]:
                assert e["text"] and e["href"] == f"/doc/{e['document']}#c{e['start']}-{e['end']}"


def test_lists_page_sort_and_export_the_same_rows(corpus: str) -> None:
    for path, key in (
        ("/events", "events"),
        ("/entities", "entities"),
        ("/quotes", "quotes"),
        ("/documents", "documents"),
        ("/figures", "claims"),
    ):
        first = _json(corpus, path + ".json", limit=5)
        second = _json(corpus, path + ".json", limit=5, page=2)
        assert first["paging"]["total"] > 5, path
        ids = {r["id"] for r in first[key]} & {r["id"] for r in second[key]}
        assert not ids, path
        table = httpx.get(corpus + path + ".csv", params={"limit": 5, "page": 2})
        assert table.status_code == 200 and table.headers["content-type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(table.text)))
        assert [r[0] for r in rows[1:]] == [r["id"] for r in second[key]], path
    by_sources = _json(corpus, "/events.json", sort="sources")["events"]
    counts = [e["sources"] for e in by_sources]
    assert counts == sorted(counts, reverse=True)


def test_events_are_grouped_by_story_and_filtered(corpus: str) -> None:
    data = _json(corpus, "/events.json", limit=500)
    ids = [e["id"] for e in data["events"]]
    assert len(ids) == len(set(ids))
    assert any(e["story"] and e["sources"] > 1 for e in data["events"])
    assert data["paging"]["total"] < _json(corpus, "/index.json")["counts"]["events"]
    denied = _json(corpus, "/events.json", modality="negated")["events"]
    assert denied and all("negated" in e["modalities"] for e in denied)
    person = _json(corpus, "/entities.json", q="Dossavi")["entities"][0]
    theirs = _json(corpus, "/events.json", entity=person["id"], limit=500)["events"]
    assert theirs and all(
        any(r["id"] == person["id"] for r in e["actors"] + e["targets"]) or e["story"]
        for e in theirs
    )
    january = _json(corpus, "/events.json", start="2024-01", end="2024-01")["events"]
    assert all(e["period"]["first"][:7] == "2024-01" for e in january)


def test_graph_timeline_and_map(corpus: str) -> None:
    graph = _json(corpus, "/graph.json")
    assert len(graph["nodes"]) >= 5 and graph["edges"]
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    people = _json(corpus, "/graph.json", type="PERSON")
    assert all(n["type"] == "PERSON" for n in people["nodes"])
    page = httpx.get(corpus + "/graph").text
    assert "<svg" in page and 'href="/entity/' in page
    january = _json(corpus, "/timeline.json", start="2024-01-10", end="2024-01-20")
    dates = [e["date"] for e in january["entries"]]
    assert dates and all("2024-01-10" <= d[:10] <= "2024-01-20" for d in dates)
    assert "<svg" in httpx.get(corpus + "/timeline", params={"start": "2024-01"}).text
    places = _json(corpus, "/map.json")["places"]
    amakoro = next(p for p in places if p["name"] == "Amakoro")
    assert 5 < amakoro["lat"] < 7.5 and 0 < amakoro["lon"] < 2
    assert "<svg" in httpx.get(corpus + "/map").text


def test_search_entities_first_then_events_then_passages(corpus: str) -> None:
    data = _json(corpus, "/search.json", q="Dossavi")
    assert data["entities"] and data["entities"][0]["name"] == "Étienne Dossavi"
    assert data["entities"][0]["type"] == "PERSON" and data["entities"][0]["documents"] > 1
    assert data["counts"]["passages"] == data["total"] >= len(data["hits"])
    strike = _json(corpus, "/search.json", q="strike", section="passages", limit=5)
    assert strike["counts"]["passages"] > 5 and len(strike["hits"]) == 5
    more = _json(corpus, "/search.json", q="strike", section="passages", limit=5, page=2)
    assert {h["href"] for h in more["hits"]}.isdisjoint({h["href"] for h in strike["hits"]})
    assert strike["events"]
    outlet = strike["facets"]["outlet"][0]["value"]
    narrowed = _json(corpus, "/search.json", q="strike", outlet=outlet)
    assert narrowed["hits"] and all(h["outlet"] == outlet for h in narrowed["hits"])
    protests = _json(corpus, "/search.json", q="strike", event_type="PROTEST")
    assert 0 < protests["total"] <= strike["total"]


def test_search_and_ask_are_capped(corpus: str) -> None:
    long = httpx.get(corpus + "/search.json", params={"q": "word " * 400})
    assert long.status_code == 400 and "NW252" in long.json()["error"]
    many = httpx.get(corpus + "/ask.json", params={"q": " ".join(f"w{i}" for i in range(60))})
    assert many.status_code == 400 and "NW253" in many.json()["error"]
    page = httpx.get(corpus + "/search", params={"q": "x " * 300})
    assert page.status_code == 400 and "at most" in page.text


def test_ask_twin_and_document_marks(corpus: str) -> None:
    data = _json(corpus, "/ask.json", q="Who dismissed the ports minister?")
    assert data["answers"] and "Dossavi" in data["answers"][0]["text"]
    top = data["answers"][0]
    page = httpx.get(corpus + f"/doc/{top['document']}").text
    for kind in ("actor", "date", "figure", "quote", "event"):
        assert f'class="k-{kind}' in page or f" k-{kind}" in page, kind
    assert f'id="c{top["sentence_start"]}-{top["sentence_end"]}"' in page


def test_highlighting_escapes_and_nests_overlapping_facts() -> None:
    from html.parser import HTMLParser

    from newsweave.serve.document_page import Fact, highlight

    text = 'Intro. <script>alert("x")</script> said "Bob & Ann" on Monday. Tail'
    script = text.index("<script>")
    facts = [
        Fact(script, script + 8, "actor", "ORG: <b>evil</b>", '/entity/x"onclick'),
        Fact(text.index('"Bob'), text.index(" on"), "quote", "quote by ?"),
        Fact(text.index("Bob"), text.index("Bob") + 3, "actor", "PERSON: Bob", "/entity/bob"),
        Fact(text.index("Monday"), text.index("Monday") + 6, "date", "DATE: 2024-01-01"),
    ]
    sentences = [(0, 6), (7, text.index("Tail") - 1)]
    html = str(highlight(text, 0, len(text), sentences, facts, set()))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html and 'x"onclick' not in html

    class Balance(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.text = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.stack.pop() == tag

        def handle_data(self, data: str) -> None:
            self.text += data

    parser = Balance()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    assert parser.text == text
    assert html.count('class="sent"') == 2
    assert f'id="c{script}-{script + 8}"' in html
    assert 'class="k-actor k-quote"' in html
