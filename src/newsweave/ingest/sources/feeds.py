"""RSS, Atom and JSON feeds: each item becomes one article, with the feed's metadata as hints.

A JSON Feed (https://jsonfeed.org, versions 1 and 1.1) is recognised by its content (an
object naming the spec's version), whatever its media type or file name; its items are read
into the same shape feedparser gives RSS/Atom items, so both go the same way from there.

An item's full content (``content:encoded``, Atom ``content``) is used when present; an item
that carries only a short summary has its linked page fetched when following is on (an
error fetching it is yielded for that item and the batch goes on), else the summary is used.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser
import httpx

from newsweave.errors import NewsweaveError
from newsweave.ingest.raw import Format, Hints, RawItem
from newsweave.ingest.sources.decode import (
    Outcome,
    check_bytes,
    decode_bytes,
    guarded,
    read_limited,
    refuse_entities,
)
from newsweave.ingest.sources.http import (
    FEED_ROOT,
    JSON_FEED_ROOT,
    Fetched,
    fetch,
    make_client,
    page_item,
)
from newsweave.settings import Settings

SUMMARY_WORDS = 80
"""A summary shorter than this (in words) is a teaser: the linked page is fetched instead."""

_TAG = re.compile(r"<[^>]*>")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def looks_like_feed(data: bytes) -> bool:
    """Whether the start of ``data`` has an RSS/Atom/RDF root element."""
    return FEED_ROOT.search(data[:4096]) is not None


def looks_like_json_feed(data: bytes) -> bool:
    """Whether ``data`` starts like a JSON Feed (an object naming the jsonfeed.org version)."""
    return JSON_FEED_ROOT.match(data[:4096]) is not None


def iter_feed_file(
    path: Path, subject: str, settings: Settings, *, follow_links: bool
) -> Iterator[Outcome]:
    """The items of the feed file at ``path`` (``subject`` names it in sources and errors)."""
    return guarded(subject, _iter_file(path, subject, settings, follow_links))


def iter_feed_fetched(
    fetched: Fetched, subject: str, settings: Settings, *, follow_links: bool
) -> Iterator[Outcome]:
    """The items of a feed already fetched over HTTP (see :func:`http.fetch`)."""
    return iter_feed_bytes(
        fetched.data,
        subject,
        settings,
        follow_links=follow_links,
        base_url=fetched.url_final,
        charset=fetched.charset,
    )


def iter_feed_bytes(
    data: bytes,
    subject: str,
    settings: Settings,
    *,
    follow_links: bool,
    base_url: str | None = None,
    charset: str | None = None,
) -> Iterator[Outcome]:
    """The items of the feed in ``data``; NW113 if it is not a readable RSS/Atom feed.

    Items are named ``subject#item=N`` (1-based), or by their link when it was fetched.
    ``base_url`` resolves relative links; ``charset`` is the HTTP header's, if any.
    """
    return guarded(subject, _iter_bytes(data, subject, settings, follow_links, base_url, charset))


def parse_feed(
    data: bytes, subject: str, base_url: str | None = None, charset: str | None = None
) -> Any:
    """The feedparser result for ``data``; raises NW113 when it is not an RSS/Atom feed."""
    headers = {}
    if base_url:
        headers["content-location"] = base_url
    if charset:
        headers["content-type"] = f"application/xml; charset={charset}"
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except (ValueError, LookupError) as exc:  # e.g. a declared encoding feedparser rejects
        raise NewsweaveError("NW113", subject, f"not a readable feed ({exc})") from exc
    problem = parsed.get("bozo_exception")
    if not parsed.get("version"):
        reason = f"not an RSS or Atom feed ({problem})" if problem else "not an RSS or Atom feed"
        raise NewsweaveError("NW113", subject, reason)
    if problem and not parsed.entries:
        raise NewsweaveError("NW113", subject, f"unreadable {parsed.version} feed: {problem}")
    return parsed


def parse_json_feed(
    data: bytes, subject: str, charset: str | None = None
) -> tuple[dict[str, Any], list[Mapping[str, Any]]]:
    """The feed's title and its items, each in the shape feedparser gives an RSS/Atom item
    (``title``, ``link``, ``content``, ``summary``, ``published_parsed``, ``authors``);
    NW113 when ``data`` is not a readable JSON Feed."""
    try:
        document = json.loads(decode_bytes(data, subject, declared=charset))
    except json.JSONDecodeError as exc:
        reason = f"not a readable JSON Feed ({exc.msg} at line {exc.lineno})"
        raise NewsweaveError("NW113", subject, reason) from exc
    except RecursionError:
        raise NewsweaveError("NW113", subject, "JSON Feed nested too deeply") from None
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise NewsweaveError("NW113", subject, "a JSON Feed needs an object with an items list")
    feed_authors = _json_authors(document)
    feed = {"title": _json_text(document.get("title"))}
    return feed, [_json_entry(item, feed_authors) for item in document["items"]]


def _json_entry(item: Any, feed_authors: list[dict[str, str]]) -> dict[str, Any]:
    if not isinstance(item, dict):
        return {}  # reported for its item as having neither content nor summary
    content = []
    for key, media_type in (("content_html", "text/html"), ("content_text", "text/plain")):
        value = _json_text(item.get(key))
        if value:
            content.append({"value": value, "type": media_type})
            break
    return {
        "title": _json_text(item.get("title")),
        "title_detail": {"type": "text/plain"},
        "link": _json_text(item.get("url")) or _json_text(item.get("external_url")),
        "content": content,
        "summary": _json_text(item.get("summary")),
        "summary_detail": {"type": "text/plain"},
        "published_parsed": _json_time(item.get("date_published"))
        or _json_time(item.get("date_modified")),
        "authors": _json_authors(item) or feed_authors,
    }


def _json_text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _json_time(value: Any) -> time.struct_time | None:
    """An RFC 3339 date as a UTC struct_time (as feedparser gives); None when invalid."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).timetuple()


def _json_authors(node: dict[str, Any]) -> list[dict[str, str]]:
    """Version 1.1 ``authors`` (a list), else version 1 ``author`` (one object)."""
    found = node.get("authors")
    if not isinstance(found, list):
        found = [node.get("author")]
    names = [_json_text(a.get("name")).strip() for a in found if isinstance(a, dict)]
    return [{"name": name} for name in names if name]


def _iter_file(path: Path, subject: str, settings: Settings, follow: bool) -> Iterator[Outcome]:
    data = read_limited(path, subject, settings.ingest.max_bytes)
    yield from _iter_bytes(data, subject, settings, follow, None, None)


def _iter_bytes(
    data: bytes,
    subject: str,
    settings: Settings,
    follow: bool,
    base_url: str | None,
    charset: str | None,
) -> Iterator[Outcome]:
    check_bytes(data, subject)
    entries: list[Mapping[str, Any]]
    if looks_like_json_feed(data):
        feed, entries = parse_json_feed(data, subject, charset)
    else:
        refuse_entities(data, subject)
        parsed = parse_feed(data, subject, base_url, charset)
        feed, entries = parsed.feed, list(parsed.entries)
    if not entries:
        raise NewsweaveError("NW103", subject, "the feed has no items")
    publisher = _clean_title(feed)
    wants_page = [follow and _wants_page(entry) for entry in entries]
    until = time.monotonic() + settings.fetch.feed_seconds  # the feed's budget for its links
    with ExitStack() as stack:
        client = stack.enter_context(make_client(settings.fetch)) if any(wants_page) else None
        for number, (entry, fetch_page) in enumerate(zip(entries, wants_page, strict=True), 1):
            if fetch_page and time.monotonic() >= until:
                yield _budget_spent(subject, settings, number, len(entries))
                return
            where = f"{subject}#item={number}"
            hints = _hints(entry, publisher, base_url)
            page_client = client if fetch_page else None
            yield from guarded(
                where, _entry_items(entry, where, hints, settings, page_client, until)
            )


def _budget_spent(subject: str, settings: Settings, number: int, total: int) -> NewsweaveError:
    seconds = settings.fetch.feed_seconds
    reason = (
        f"fetch.feed_seconds ({seconds:g} s) spent before item {number}; "
        f"{total - number + 1} of {total} items skipped"
    )
    return NewsweaveError("NW130", subject, reason)


def _entry_items(
    entry: Mapping[str, Any],
    where: str,
    hints: Hints,
    settings: Settings,
    client: httpx.Client | None,
    until: float,
) -> Iterator[Outcome]:
    if client is not None and hints.url:
        fetched = fetch(hints.url, settings.fetch, client, until=until)
        yield page_item(fetched, hints.url, hints)
        return
    content, fmt = _entry_content(entry)
    if not content.strip():
        raise NewsweaveError("NW103", where, "the item has neither content nor summary")
    yield RawItem(where, content.replace("\r\n", "\n").replace("\r", "\n"), fmt, hints)


def _entry_content(entry: Mapping[str, Any]) -> tuple[str, Format]:
    """The item's full content if it has some, else its summary."""
    for part in entry.get("content") or ():
        value = part.get("value") or ""
        if value.strip():
            return value, _format(part.get("type"))
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", _format(detail.get("type", "text/html"))


def _wants_page(entry: Mapping[str, Any]) -> bool:
    """Whether the item has a link and only a short summary (a teaser) for content."""
    if not entry.get("link"):
        return False
    if any((part.get("value") or "").strip() for part in entry.get("content") or ()):
        return False
    summary = _TAG.sub(" ", entry.get("summary") or "")
    return len(summary.split()) < SUMMARY_WORDS


def _hints(entry: Mapping[str, Any], publisher: str | None, base_url: str | None) -> Hints:
    link = entry.get("link") or None
    if link and base_url:
        link = urljoin(base_url, link)
    return Hints(
        title=_clean_title(entry),
        published=_published(entry),
        authors=_authors(entry),
        publisher=publisher,
        url=link,
    )


def _clean_title(node: Mapping[str, Any]) -> str | None:
    title = node.get("title") or ""
    detail = node.get("title_detail") or {}
    if _format(detail.get("type")) == "html":
        title = html.unescape(_TAG.sub("", title))
    title = " ".join(title.split())
    return title or None


def _published(entry: Mapping[str, Any]) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)


def _authors(entry: Mapping[str, Any]) -> tuple[str, ...]:
    names: list[str] = []
    for author in entry.get("authors") or ():
        name = (author.get("name") or author.get("email") or "").strip()
        if name and name not in names:
            names.append(name)
    if not names and (entry.get("author") or "").strip():
        names.append(entry["author"].strip())
    return tuple(names)


def _format(media_type: str | None) -> Format:
    return "html" if (media_type or "").lower() in _HTML_TYPES else "text"
