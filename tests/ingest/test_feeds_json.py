"""JSON Feeds and the HTTP Last-Modified date (issue 21): read from a real HTTP server on
127.0.0.1 (see conftest.py) and from files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.errors import NewsweaveError
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import RawItem
from newsweave.ingest.sources import iter_sources
from newsweave.ingest.sources.feeds import iter_feed_bytes
from newsweave.settings import Settings

from .conftest import JSON_FEED

LOCAL = Settings().replace("fetch.allow_private", True)


def _items(outcomes: list[RawItem | NewsweaveError]) -> list[RawItem]:
    assert all(isinstance(o, RawItem) for o in outcomes), outcomes
    return [o for o in outcomes if isinstance(o, RawItem)]


@pytest.mark.parametrize("path", ["/feed.json", "/feed-as-json"])
def test_json_feed_is_read_over_http(http_server: str, path: str) -> None:
    url = http_server + path
    first, second = _items(list(iter_sources([url], LOCAL, follow_links=False)))
    assert first.source == f"{url}#item=1"
    assert first.format == "html"
    assert "fares unchanged until March" in first.content
    assert first.hints.title == "Ferry fares frozen for the winter timetable"
    assert first.hints.published == "2025-10-14T05:30:00Z"
    assert first.hints.authors == ("Petra Lindqvist",)
    assert first.hints.publisher == "Brackwater Ledger"
    assert first.hints.url == "https://ledger.invalid/ferry-fares"
    assert second.format == "text"
    assert second.hints.published == "2025-10-15T18:00:00Z"  # date_modified when no published
    assert second.hints.authors == ("Ledger newsroom",)  # the feed's authors by default


def test_json_that_is_no_feed_is_refused(http_server: str) -> None:
    [error] = list(iter_sources([http_server + "/data.json"], LOCAL, follow_links=False))
    assert isinstance(error, NewsweaveError)
    assert error.code == "NW110"


def test_json_feed_file_is_read_as_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "ledger.json"
    path.write_text(JSON_FEED, encoding="utf-8")
    items = _items(list(iter_sources([str(path)], Settings(), follow_links=False)))
    assert [i.hints.title for i in items] == [
        "Ferry fares frozen for the winter timetable",
        "Library hours extended",
    ]


def test_broken_json_feed_is_nw113() -> None:
    data = b'{"version": "https://jsonfeed.org/version/1", "items": [ {"title": '
    [error] = list(iter_feed_bytes(data, "cut.json", Settings(), follow_links=False))
    assert isinstance(error, NewsweaveError)
    assert error.code == "NW113"


def test_last_modified_is_a_capture_date_not_the_page_date(http_server: str) -> None:
    [item] = _items(list(iter_sources([http_server + "/dated.html"], LOCAL)))
    assert item.hints.captured == "2025-10-17T06:15:00Z"
    doc = parse(item)
    assert doc.date is not None
    assert (doc.date.value.iso(), doc.date.source, doc.date.inferred) == (
        "2025-10-17",
        "capture-date",
        True,
    )
