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
SCREENSHOTS = Path(os.environ.get("NEWSWEAVE_SCREENSHOTS", ROOT / "test-artifacts" / "screenshots"))
"""Where the screenshots go; ``make docs`` points it at docs/ui/ for docs/ui.md."""
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
    document = dismissal["documents"][0]["id"]
    pages = [
        ("/", "01-overview", "Overview"),
        ("/search?q=health+ministry", "02-search", "health"),
        (person["href"], "03-entity", "Étienne Dossavi"),
        (dismissal["href"], "04-event", "Every source telling it"),
        ("/quotes", "05-quotes", "Quotes"),
        ("/figures", "06-figures", "Figures"),
        (f"/doc/{document}", "07-document", "dismiss"),
        ("/graph", "08-graph", "Actor network"),
        ("/timeline", "09-timeline", "Timeline"),
        ("/map", "10-map", "Map"),
        ("/ask?q=Who+dismissed+the+ports+minister%3F", "11-ask", "Dossavi"),
        ("/entities", "12-entities", "Entities"),
        ("/events", "16-events", "Happenings"),
        ("/documents", "17-documents", "Documents"),
    ]
    try:
        for path, shot, expected in pages:
            page = watcher.visit(path, shot)
            assert expected in page.content(), path
        page = watcher.visit("/graph", "08-graph")
        assert page.locator("svg.graph circle").count() >= 5
        page = watcher.visit("/timeline", "09-timeline")
        assert page.locator("svg.timeline .when").count() >= 10
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
        link = page.locator("table.facts a.evidence, ul.titles a.evidence").first
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


def _visible_nodes(page: Any) -> int:
    return int(
        page.evaluate(
            "() => [...document.querySelectorAll('svg.graph g.node')]"
            ".filter(n => n.style.display !== 'none').length"
        )
    )


def test_graph_zoom_drag_panel_expand_and_filter(browser: Any, base_url: str) -> None:
    watcher = Watcher(browser, base_url)
    try:
        page = watcher.visit("/graph?limit=12", "18-graph-explore")
        svg = page.locator("svg.graph")
        before = svg.get_attribute("viewBox")
        page.locator(".tools button[data-action=zoom-in]").click()
        assert svg.get_attribute("viewBox") != before
        assert float(svg.get_attribute("data-zoom") or 0) > 1
        page.locator(".tools button[data-action=reset]").click()
        assert svg.get_attribute("viewBox") == before
        # drag a node: it and its ties move
        free = page.evaluate(  # a node no other node covers at its centre
            """() => [...document.querySelectorAll('svg.graph g.node circle')].findIndex(c => {
                const b = c.getBoundingClientRect();
                return document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) === c;
            })"""
        )
        assert free >= 0
        node = page.locator("svg.graph g.node").nth(free)
        circle = node.locator("circle")
        x0 = float(circle.get_attribute("cx") or 0)
        box = circle.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + 80, box["y"] + 40, steps=5)
        page.mouse.up()
        assert abs(float(circle.get_attribute("cx") or 0) - x0) > 20
        # click a node: its panel; expand: its neighbours are drawn (a node whose ties are
        # all drawn already adds none, so the nodes are tried in turn)
        count = page.locator("svg.graph g.node").count()
        panel = page.locator("#graph-panel")
        others = [i for i in range(count) if i != free]
        for attempt, index in enumerate([free, *others], start=1):
            chosen = page.locator("svg.graph g.node").nth(index)
            if index == free:  # a real click on the node no other covers
                chosen.locator("circle").click()
            else:  # a covered node: its click event, as a pointer would give it
                chosen.dispatch_event("click")
            assert panel.is_visible()
            assert panel.locator(".panel-name").text_content() == chosen.get_attribute("data-name")
            panel.locator(".panel-expand").click()
            page.wait_for_function(
                f"() => document.querySelector('svg.graph').dataset.expanded === '{attempt}'"
            )
            if page.locator("svg.graph g.node").count() > count:
                break
        assert page.locator("svg.graph g.node").count() > count
        # a type toggle hides that type's nodes
        shown = _visible_nodes(page)
        first_type = page.locator(".toggles input").first
        hidden_type = first_type.get_attribute("value")
        first_type.uncheck()
        assert _visible_nodes(page) < shown
        assert page.locator(f"svg.graph g.node[data-type='{hidden_type}']").first.is_hidden()
        # the filter form redraws on the server: only people
        page.select_option("select[name=type]", "PERSON")
        page.locator("#graph-filters button[type=submit]").click()
        page.wait_for_load_state("load")
        types = {n.get_attribute("data-type") for n in page.locator("svg.graph g.node").all()}
        assert types == {"PERSON"}
    finally:
        watcher.close()
    assert watcher.errors == []
    assert watcher.external == []


def test_timeline_bands_and_zoom(browser: Any, base_url: str) -> None:
    watcher = Watcher(browser, base_url)
    try:
        page = watcher.visit("/timeline", "19-timeline-explore")
        svg = page.locator("svg.timeline")
        assert page.locator("svg.timeline rect.band").count() > 0  # month or year known only
        band = page.locator("svg.timeline rect.band").first
        assert band.get_attribute("data-from") != band.get_attribute("data-to")
        assert float(band.get_attribute("width") or 0) > 2
        shown = int(svg.get_attribute("data-shown") or 0)
        span = (svg.get_attribute("data-from"), svg.get_attribute("data-to"))
        for _ in range(4):
            page.locator(".tools button[data-action=zoom-in]").click()
        assert (svg.get_attribute("data-from"), svg.get_attribute("data-to")) != span
        assert int(svg.get_attribute("data-shown") or 0) < shown
        page.locator(".tools button[data-action=reset]").click()
        assert int(svg.get_attribute("data-shown") or 0) == shown
        undated = httpx.get(base_url + "/timeline.json").json()["undated_total"]
        assert page.locator("ul.undated li").count() == min(undated, 50)  # listed apart
        assert "XXXX" not in page.content()
    finally:
        watcher.close()
    assert watcher.errors == []
