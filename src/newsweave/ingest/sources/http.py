"""Fetching http(s) URLs politely: one bounded GET, checked and decoded.

:func:`fetch` is what both page URLs and feed reading use. It never keeps a client around:
pass one in to reuse connections within a batch, or it makes (and closes) its own. Every
connection goes through :mod:`.guard`: private addresses are refused (NW125) unless
``fetch.allow_private``, and each request has one total deadline (``fetch.deadline``, NW129).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from newsweave.errors import NewsweaveError
from newsweave.ingest.raw import Format, Hints, RawItem
from newsweave.ingest.sources.decode import decode_bytes, sniff_format
from newsweave.ingest.sources.guard import (
    DeadlinePassed,
    GuardedTransport,
    Policy,
    PrivateAddress,
    deadline,
    deadline_passed,
)
from newsweave.settings import FetchSettings

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/x-rss+xml",
        "application/atom+xml",
        "application/x-atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "text/rss+xml",
        "text/atom+xml",
        "application/feed+json",
    }
)
"""Media types servers use for RSS/Atom/RDF feeds and JSON Feeds in practice (the x- forms
included)."""
JSON_TYPES = frozenset({"application/json"})
"""Generic JSON: fetched, and read as a feed only when it is a JSON Feed (else NW110)."""
SNIFFED_TYPES = frozenset({"text/plain", ""})
"""Generic or missing types: the body is a feed when it starts like one."""
FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF|channel)[\s>]", re.I)
JSON_FEED_ROOT = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{.*?"https?://jsonfeed\.org/version/', re.S)
"""The start of a JSON Feed (https://jsonfeed.org): an object naming the spec's version."""
ACCEPTED_TYPES = HTML_TYPES | TEXT_TYPES | FEED_TYPES | JSON_TYPES
_CHUNK = 65536

_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/x-rss+xml,application/feed+json,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8"
)


@dataclass(frozen=True)
class Fetched:
    """A fetched response body that passed every check."""

    url_final: str
    """The URL after redirects."""
    content_type: str
    """The media type without parameters, lower case (``""`` when the server sent none)."""
    text: str
    """The body decoded to text (newlines normalised)."""
    data: bytes = b""
    """The body as received (after transfer decoding), for parsers that decode themselves."""
    charset: str | None = None
    """The charset the Content-Type header named, if any."""
    last_modified: str | None = None
    """The HTTP Last-Modified header as an ISO UTC datetime, if the server sent a valid one."""

    @property
    def is_feed(self) -> bool:
        """Whether the server labelled the body as a feed, or gave a generic type (or JSON) to
        a body that starts like one."""
        if self.content_type in SNIFFED_TYPES | JSON_TYPES:
            return looks_like_any_feed(self.data)
        return self.content_type in FEED_TYPES


def looks_like_any_feed(data: bytes) -> bool:
    """Whether ``data`` starts like an RSS/Atom/RDF feed or a JSON Feed."""
    head = data[:4096]
    return FEED_ROOT.search(head) is not None or JSON_FEED_ROOT.match(head) is not None


def is_url(source: str) -> bool:
    """Whether a SOURCE string is an http(s) URL."""
    return source[:8].lower().startswith(("http://", "https://"))


def make_client(settings: FetchSettings) -> httpx.Client:
    """A client with the timeout, redirect bound and User-Agent of ``settings``, connecting
    through the guarded transport (no environment proxies); close it."""
    return httpx.Client(
        timeout=settings.timeout,
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        headers={
            "User-Agent": settings.user_agent,
            "Accept": _ACCEPT,
            "Accept-Encoding": "gzip, deflate",
        },
        transport=GuardedTransport(
            Policy(settings.allow_private, frozenset(settings.allowed_private))
        ),
        trust_env=False,
    )


def fetch(
    url: str,
    settings: FetchSettings,
    client: httpx.Client | None = None,
    *,
    until: float | None = None,
) -> Fetched:
    """GET ``url`` and return its checked, decoded body.

    Raises :class:`NewsweaveError`: NW125 (a private address), NW108 (unreachable, timeout),
    NW129 (past ``fetch.deadline``, or past ``until``, a monotonic time), NW109 (status >=
    400), NW110 (content type), NW111 (redirects), NW134 (body beyond ``max_bytes``), and the
    decoding errors NW102-NW104. ``client`` (see :func:`make_client`) is reused if given.
    """
    if not is_url(url):
        raise NewsweaveError("NW101", url, "not an http(s) URL")
    now = time.monotonic()
    budget = f"fetch.deadline ({settings.deadline:g} s)"
    at = now + settings.deadline
    if until is not None and until < at:
        at, budget = until, "the feed's budget (fetch.feed_seconds)"
    with deadline(at):
        if client is not None:
            return _fetch_with(client, url, settings, budget)
        with make_client(settings) as own:
            return _fetch_with(own, url, settings, budget)


def page_item(fetched: Fetched, source: str, hints: Hints | None = None) -> RawItem:
    """The fetched page as one item; ``hints.url`` is set to the final URL."""
    base = hints or Hints()
    captured = base.captured or fetched.last_modified
    return RawItem(
        source=source,
        content=fetched.text,
        format=_page_format(fetched),
        hints=Hints(
            base.title, base.published, base.authors, base.publisher, fetched.url_final, captured
        ),
    )


def _page_format(fetched: Fetched) -> Format:
    if fetched.content_type in HTML_TYPES:
        return "html"
    return sniff_format(fetched.text, urlsplit(fetched.url_final).path)


def _fetch_with(client: httpx.Client, url: str, settings: FetchSettings, budget: str) -> Fetched:
    try:
        with client.stream("GET", url) as response:
            return _read_response(response, url, settings)
    except httpx.TooManyRedirects as exc:
        reason = f"more than {settings.max_redirects} redirects ({exc})"
        raise NewsweaveError("NW111", url, reason) from exc
    except PrivateAddress as exc:
        reason = f"refused to connect to {exc}"
        raise NewsweaveError("NW125", url, reason) from exc
    except (httpx.TimeoutException, DeadlinePassed) as exc:
        if deadline_passed():
            reason = f"no complete answer within {budget}"
            raise NewsweaveError("NW129", url, reason) from exc
        reason = f"no answer within {settings.timeout:g} s ({type(exc).__name__})"
        raise NewsweaveError("NW108", url, reason) from exc
    except httpx.InvalidURL as exc:
        raise NewsweaveError("NW101", url, f"invalid URL: {exc}") from exc
    except httpx.TransportError as exc:
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise NewsweaveError("NW108", url, reason) from exc


def _read_response(response: httpx.Response, url: str, settings: FetchSettings) -> Fetched:
    if response.status_code >= 300:
        status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
        raise NewsweaveError("NW109", url, f"the server answered {status}")
    media_type, charset = split_content_type(response.headers.get("content-type", ""))
    if media_type and media_type not in ACCEPTED_TYPES:
        raise NewsweaveError("NW110", url, f"content type {media_type}")
    data = _read_body(response, url, settings)
    if media_type in JSON_TYPES and not looks_like_any_feed(data):
        raise NewsweaveError("NW110", url, f"content type {media_type} (not a JSON Feed)")
    text = decode_bytes(data, url, declared=charset)
    modified = _http_date(response.headers.get("last-modified", ""))
    return Fetched(str(response.url), media_type, text, data, charset, modified)


def _http_date(value: str) -> str | None:
    """An HTTP date header (RFC 9110) as an ISO UTC datetime; None when absent or invalid."""
    if not value.strip():
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _read_body(response: httpx.Response, url: str, settings: FetchSettings) -> bytes:
    limit = settings.max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise NewsweaveError(
            "NW134", url, f"{declared} bytes announced, fetch.max_bytes is {limit}"
        )
    chunks: list[bytes] = []
    size = 0
    encoding = response.headers.get("content-encoding", "").strip().lower()
    for chunk in _decoded(response.iter_raw(), encoding, url):
        size += len(chunk)
        if size > limit:
            raise NewsweaveError("NW134", url, f"body exceeds fetch.max_bytes ({limit} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _decoded(raw: Iterator[bytes], encoding: str, url: str) -> Iterator[bytes]:
    """The body with its Content-Encoding undone, at most ``_CHUNK`` bytes per piece, so a
    compression bomb is stopped by the size cap after a bounded amount of work."""
    if encoding in ("", "identity"):
        yield from raw
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise NewsweaveError("NW110", url, f"content encoding {encoding}")
    wbits = 16 + zlib.MAX_WBITS if encoding != "deflate" else zlib.MAX_WBITS
    inflater = zlib.decompressobj(wbits)
    started = False
    try:
        for chunk in raw:
            if encoding == "deflate" and not started and chunk:
                started = True
                if (chunk[0] & 0x0F) != 8:  # no zlib header: a raw deflate stream
                    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            data = chunk
            while data:
                if inflater.eof:
                    if encoding == "deflate" or not data.startswith(b"\x1f\x8b"):
                        return  # padding after the end of the stream
                    inflater = zlib.decompressobj(wbits)  # another gzip member
                yield inflater.decompress(data, _CHUNK)
                data = inflater.unused_data if inflater.eof else inflater.unconsumed_tail
        yield inflater.flush()
    except zlib.error as exc:
        raise NewsweaveError("NW102", url, f"the {encoding} body is corrupt ({exc})") from exc


def split_content_type(header: str) -> tuple[str, str | None]:
    """The media type (lower case) and the charset parameter of a Content-Type header."""
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset
