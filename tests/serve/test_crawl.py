"""No page fails: the example corpus and a store of real articles (a Wikinews series and
PolNeAR texts from ../shared/data) served by a real uvicorn server, and every page reached
from the overview, the lists and every link in every JSON twin crawled, with filters:
zero answers other than 200, zero server errors in the request log."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
import pytest

from newsweave.serve.app import create_app
from newsweave.serve.server import bind
from tests.ask.test_ask import example_store

MAX_PAGES = 4000


def real_store(data_dir: Path, folder: Path) -> Path:
    """A store of real articles: a Wikinews series (Hong Kong, 2019) and PolNeAR texts."""
    csv.field_size_limit(10**8)
    with (data_dir / "wikinews" / "wikinews_2019.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if "Hong Kong" in r["title"]][:5]
    records = folder / "wikinews.jsonl"
    records.write_text(
        "".join(
            json.dumps(
                {"url": r["url"], "title": r["title"], "published": r["date"], "text": r["text"]}
            )
            + "\n"
            for r in rows
        ),
        encoding="utf-8",
    )
    texts = sorted((data_dir / "polnear" / "dev" / "text").glob("*.txt"))[:3]
    db = folder / "real.db"
    subprocess.run(
        [sys.executable, "-m", "newsweave.cli", "ingest", str(records)]
        + [str(t) for t in texts]
        + ["--quiet", "--db", str(db)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return db


class Served:
    """A real server over ``db`` that records one line per request."""

    def __init__(self, db: Path) -> None:
        import threading
        import time

        import uvicorn

        self.lines: list[str] = []
        sock = bind("127.0.0.1", 0)
        self.base = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.server = uvicorn.Server(
            uvicorn.Config(create_app(db, log=self.lines.append), log_level="warning")
        )
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _hrefs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("href", "entity_href") and isinstance(item, str):
                yield item
            else:
                yield from _hrefs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _hrefs(item)


def _seeds(db: Path) -> list[str]:
    """Every id the store has a page for, every list with and without its filters."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    one = [str(r[0]) for r in conn.execute("SELECT id FROM entities ORDER BY size DESC LIMIT 3")]
    types = [str(r[0]) for r in conn.execute("SELECT DISTINCT type FROM events")]
    kinds = [str(r[0]) for r in conn.execute("SELECT DISTINCT predicate FROM relations")]
    etypes = [str(r[0]) for r in conn.execute("SELECT DISTINCT type FROM entities")]
    months = [
        str(r[0])
        for r in conn.execute("SELECT DISTINCT substr(date, 1, 7) FROM events WHERE date > ''")
    ]
    whats = [str(r[0]) for r in conn.execute("SELECT DISTINCT what FROM claims LIMIT 20")]
    urls = ["/", "/documents", "/entities", "/events", "/quotes", "/figures", "/graph"]
    urls += ["/timeline", "/map", "/map?world=true", "/search?q=", "/ask?q="]
    urls += [f"/entity/{r[0]}" for r in conn.execute("SELECT id FROM entities")]
    urls += [
        f"/entity/{r[0]}"  # actors no entity covers, and a few that lead to their entity
        for r in conn.execute(
            "SELECT a.id FROM actors AS a LEFT JOIN entity_members AS m ON m.actor_id = a.id"
            " WHERE m.actor_id IS NULL UNION SELECT * FROM (SELECT id FROM actors LIMIT 20)"
        )
    ]
    urls += [f"/event/{r[0]}" for r in conn.execute("SELECT id FROM events")]
    urls += [f"/event/{r[0]}" for r in conn.execute("SELECT id FROM story_events")]
    urls += [f"/doc/{r[0]}" for r in conn.execute("SELECT id FROM documents")]
    urls += [f"/quotes?speaker={r[0]}" for r in conn.execute("SELECT DISTINCT speaker FROM quotes")]
    urls += [f"/events?at={r[0]}" for r in conn.execute("SELECT DISTINCT gazetteer_id FROM places")]
    urls += [f"/figures?{urlencode({'what': w})}" for w in whats]
    urls += [f"/events?type={t}" for t in types] + [f"/graph?kind={k}" for k in kinds]
    urls += [f"/graph?type={t}" for t in etypes] + [f"/entities?type={t}" for t in etypes]
    urls += [f"/events?start={m}&end={m}" for m in months]
    urls += [f"/timeline?start={m}&end={m}" for m in months]
    urls += [f"/events?modality={m}" for m in ("asserted", "negated", "hypothetical", "future")]
    for entity in one:
        urls += [f"/graph?focus={entity}", f"/timeline?entity={entity}&lane=actor"]
        urls += [f"/events?entity={entity}", f"/events?place={entity}"]
    urls += ["/timeline?lane=story", "/graph?type=PERSON,ORG&start=2000&end=2030"]
    for name in [str(r[0]) for r in conn.execute("SELECT name FROM entities LIMIT 5")]:
        urls += [f"/search?{urlencode({'q': name})}", f"/ask?{urlencode({'q': 'who is ' + name})}"]
        urls += [f"/entities?{urlencode({'q': name})}"]
    urls += ["/search?q=the&section=passages&page=2", "/events?sort=-sources&page=2&limit=7"]
    urls += ["/search?q=%22unbalanced", "/search?q=*", "/ask?q=%3F%3F", "/entities?sort=name"]
    urls += ["/quotes?sort=speaker&page=3", "/documents?sort=-words", "/figures?sort=date"]
    for list_path in ("/entities", "/events", "/quotes", "/documents", "/figures"):
        urls.append(list_path + ".csv")
    conn.close()
    return urls


def crawl(served: Served, db: Path) -> tuple[int, list[str]]:
    """Visit the seeds and every local link of every JSON twin, each URL and its JSON twin
    once; the failures."""
    seen: set[str] = set()
    queue: deque[str] = deque(_seeds(db))
    failures: list[str] = []
    with httpx.Client(base_url=served.base, timeout=60) as client:
        while queue and len(seen) < MAX_PAGES:
            url = queue.popleft().split("#")[0]
            if url in seen or not url.startswith("/"):
                continue
            seen.add(url)
            parts = urlsplit(url)
            twins = [url]
            if not parts.path.endswith((".json", ".csv")):
                path = "/index.json" if parts.path == "/" else parts.path + ".json"
                twins.append(path + (f"?{parts.query}" if parts.query else ""))
            for target in twins:
                response = client.get(target)
                if response.status_code != 200:
                    failures.append(f"{target} {response.status_code} {response.text[:200]}")
                    continue
                if target.split("?")[0].endswith(".json"):
                    queue.extend(h for h in _hrefs(response.json()) if h not in seen)
    return len(seen), failures


@pytest.fixture(scope="module")
def real(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return real_store(data_dir, tmp_path_factory.mktemp("real"))


@pytest.mark.parametrize("which", ["example", "real"])
def test_no_page_fails(which: str, request: pytest.FixtureRequest) -> None:
    db = example_store() if which == "example" else request.getfixturevalue("real")
    served = Served(db)
    try:
        pages, failures = crawl(served, db)
    finally:
        served.close()
    assert not failures, failures[:10]
    assert pages > 100
    not_ok = [line for line in served.lines if line.split()[-3] != "200"]
    assert not not_ok, not_ok[:10]
