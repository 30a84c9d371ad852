"""The UI in headless Chromium (Debian's, driven by Playwright): every page kind on the
example corpus, a click from an entity to the sentence that states a fact, no console
errors; screenshots go to ``test-artifacts/screenshots/``."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.ask.test_ask import example_store
from tests.conftest import ROOT
from tests.serve.live import serve_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    yield from serve_app(example_store())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")
    if not executable:
        if os.environ.get("CI"):  # `make test` installs it: missing in CI is a failure
            pytest.fail("Debian's chromium is not installed (make chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(executable), headless=True, args=ARGS)
        yield launched
        launched.close()


class Watcher:
    """A page that records console errors, page errors and requests leaving the server."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.errors: list[str] = []
        self.external: list[str] = []
        self.context = browser.new_context(viewport={"width": 1360, "height": 900})
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "request",
            lambda r: None if r.url.startswith(base) else self.external.append(r.url),
        )

    def visit(self, path: str, shot: str) -> Any:
        response = self.page.goto(self.base + path, wait_until="load")
        assert response is not None and response.status == 200, path
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"), full_page=False)
        return self.page

    def close(self) -> None:
        self.context.close()


def _entity(base: str, name: str) -> dict[str, Any]:
    listing = httpx.get(base + "/entities.json").json()["entities"]
    return next(e for e in listing if e["name"] == name)


def test_every_page_kind_renders_without_errors(browser: Any, base_url: str) -> None:
    watcher = Watcher(browser, base_url)
    person = _entity(base_url, "Étienne Dossavi")
    events = httpx.get(base_url + "/events.json", params={"type": "OFFICE"}).json()["events"]
    dismissal = next(
        e
        for e in events
        if e["mode"] == "dismiss" and any(a["name"] == "Étienne Dossavi" for a in e["actors"])
    )
    document = dismissal["document"]["id"]
    pages = [
        ("/", "01-overview", "Overview"),
        ("/search?q=health+ministry", "02-search", "health"),
        (person["href"], "03-entity", "Étienne Dossavi"),
        (dismissal["href"], "04-event", "Evidence"),
        ("/quotes", "05-quotes", "Quotes"),
        ("/figures", "06-figures", "Figures"),
        (f"/doc/{document}", "07-document", "dismiss"),
        ("/graph", "08-graph", "Actor network"),
        ("/timeline", "09-timeline", "Timeline"),
        ("/map", "10-map", "Map"),
        ("/ask?q=Who+dismissed+the+ports+minister%3F", "11-ask", "Dossavi"),
        ("/entities", "12-entities", "Entities"),
    ]
    try:
        for path, shot, expected in pages:
            page = watcher.visit(path, shot)
            assert expected in page.content(), path
        page = watcher.visit("/graph", "08-graph")
        assert page.locator("svg.graph circle").count() >= 5
        page = watcher.visit("/timeline", "09-timeline")
        assert page.locator("svg.timeline circle").count() >= 10
        page = watcher.visit("/map", "10-map")
        assert page.locator("svg.map circle").count() >= 3
        page = watcher.visit(f"/doc/{document}", "07-document")
        for kind in ("actor", "date", "figure", "quote", "event"):
            assert page.locator(f"article mark.k-{kind}").count() > 0, kind
    finally:
        watcher.close()
    assert watcher.errors == []
    assert watcher.external == []


def test_entity_links_to_the_sentence_that_says_so(browser: Any, base_url: str) -> None:
    watcher = Watcher(browser, base_url)
    person = _entity(base_url, "Aïcha Yamboré")
    try:
        page = watcher.visit(person["href"], "13-entity-before-click")
        link = page.locator("ul.relations a.evidence, ul.titles a.evidence").first
        sentence = link.get_attribute("title")
        assert sentence
        link.click()
        page.wait_for_load_state("load")
        assert "/doc/" in page.url and "#c" in page.url
        target = page.locator(":target")
        assert target.count() == 1
        highlighted = page.locator(".sent:has(> a.anchor:target)")
        assert highlighted.count() == 1
        assert highlighted.inner_text().strip() in sentence or sentence in highlighted.inner_text()
        colour = highlighted.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb(255, 243, 191)"
        highlighted.scroll_into_view_if_needed()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "14-evidence-sentence.png"))
    finally:
        watcher.close()
    assert watcher.errors == []


def test_hostile_text_stays_text(browser: Any, base_url: str) -> None:
    watcher = Watcher(browser, base_url)
    try:
        page = watcher.visit("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "15-hostile-query")
        assert page.locator("h1").inner_text().startswith("Search: <script>")
        assert page.locator("main script").count() == 0
    finally:
        watcher.close()
    assert watcher.errors == []
