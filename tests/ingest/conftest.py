"""A real HTTP server on 127.0.0.1 for the source-reader tests (no mocks)."""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ferry service resumes on the Kessel strait</title>
<meta name="author" content="Ines Okafor"></head>
<body><article><h1>Ferry service resumes on the Kessel strait</h1>
<p>The ferry between Portmaren and Aldwick sailed again on Tuesday after a three-week halt
caused by a dispute over harbour fees, the operator said.</p>
<p>About 1,200 passengers crossed on the first day, according to the port authority.</p>
</article></body></html>
"""

NOTES_TEXT = (
    "Council notes, 4 March\n\nThe budget committee approved 3.5 million for road repairs.\n"
    "A vote on the library extension was postponed to April.\n"
)

STORY_HTML = """<!doctype html><html><head><title>Story {n}</title></head><body>
<article><h1>Harvest festival draws record crowd (part {n})</h1>
<p>Organisers in Tellbridge counted more than 9,000 visitors over the weekend, a record for
the festival now in its forty-first year.</p></article></body></html>
"""

_LONG_SUMMARY = " ".join(
    ["The regional assembly debated the water bill late into the night and members"] * 12
)

FEED_RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Tellbridge Courier</title>
  <link>http://courier.invalid/</link>
  <description>Local news</description>
  <item>
    <title>Harvest festival draws record crowd</title>
    <link>/story/1</link>
    <description>More than 9,000 visitors came.</description>
    <pubDate>Mon, 02 Sep 2024 07:15:00 GMT</pubDate>
    <dc:creator>Pavel Dimitrov</dc:creator>
  </item>
  <item>
    <title>A story that has gone</title>
    <link>/missing</link>
    <description>This page was taken down.</description>
    <pubDate>Sun, 01 Sep 2024 10:00:00 GMT</pubDate>
  </item>
  <item>
    <title>Assembly debates water bill</title>
    <link>/story/3</link>
    <description>{_LONG_SUMMARY}</description>
  </item>
  <item>
    <title>Bridge repairs finished early</title>
    <link>/story/4</link>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>The Old Mill bridge reopened on Friday, two weeks ahead
of schedule, after repairs costing 780,000 euros.</p>]]></content:encoded>
  </item>
</channel>
</rss>
"""

FEED_ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Watch</title>
  <id>urn:uuid:7b1f6c1e-0000-4000-8000-000000000001</id>
  <updated>2024-05-06T09:00:00Z</updated>
  <entry>
    <title>Dockworkers vote to end strike</title>
    <id>urn:uuid:7b1f6c1e-0000-4000-8000-000000000002</id>
    <link href="http://harbour.invalid/strike-ends"/>
    <updated>2024-05-06T09:00:00Z</updated>
    <author><name>Mariam Haddad</name></author>
    <author><name>Tom Reyes</name></author>
    <content type="html">&lt;p&gt;Dockworkers at Portmaren voted 412 to 88 to end
      their strike.&lt;/p&gt;</content>
  </entry>
</feed>
"""


@dataclass
class Route:
    """What the test server answers for one path."""

    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    stream: bool = False
    """Send the body in chunks without a Content-Length (ends at connection close)."""
    drip: float = 0.0
    """Send the status line and headers one byte at a time, this many seconds apart."""


JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Brackwater Ledger",
        "authors": [{"name": "Ledger newsroom"}],
        "items": [
            {
                "id": "1",
                "url": "https://ledger.invalid/ferry-fares",
                "title": "Ferry fares frozen for the winter timetable",
                "content_html": "<p>The Brackwater ferry company will keep its fares unchanged"
                " until March, its board said on Tuesday, after a season in which passenger"
                " numbers rose by a fifth.</p>",
                "date_published": "2025-10-14T07:30:00+02:00",
                "authors": [{"name": "Petra Lindqvist"}],
            },
            {
                "id": "2",
                "title": "Library hours extended",
                "content_text": "The town library will open until nine on weekdays from"
                " November, the council announced, after a petition signed by 1,200 residents.",
                "date_modified": "2025-10-15T18:00:00Z",
            },
        ],
    },
    indent=1,
)
"""An original JSON Feed (version 1.1): one HTML item with its own author, one text item."""

DATED_HTML = """<!doctype html><html><head><title>Harbour crane</title></head><body>
<article><h1>New crane arrives at the harbour</h1>
<p>A forty-metre crane arrived at Saltmere harbour by barge on Thursday, the port authority
said, ready to load the first container ship of the new terminal.</p></article></body></html>"""
"""A page that states no date of its own (its server sends Last-Modified)."""


def _routes() -> dict[str, Route]:
    huge = b"<html><body><p>" + b"filler words " * 20_000 + b"</p></body></html>"
    bomb = gzip.compress(b"<html><body><p>" + b" " * 30_000_000, compresslevel=9)
    article = ARTICLE_HTML.encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    raw_deflate = packer.compress(article) + packer.flush()
    latin = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head>'
        "<body><p>Le caf\xe9 du port a rouvert, a annonc\xe9 la mairie.</p></body></html>"
    ).encode("latin-1")
    return {
        "/article.html": Route(body=ARTICLE_HTML.encode()),
        "/notes.txt": Route(content_type="text/plain; charset=utf-8", body=NOTES_TEXT.encode()),
        "/latin1": Route(content_type="text/html; charset=iso-8859-1", body=latin),
        "/feed.xml": Route(content_type="application/rss+xml", body=FEED_RSS.encode()),
        "/feed-as-text.rss": Route(content_type="text/plain", body=FEED_RSS.encode()),
        "/atom": Route(content_type="application/atom+xml", body=FEED_ATOM.encode()),
        "/not-a-feed.xml": Route(content_type="application/xml", body=b"<config><a>1</a></config>"),
        "/feed.json": Route(content_type="application/feed+json", body=JSON_FEED.encode()),
        "/feed-as-json": Route(content_type="application/json", body=JSON_FEED.encode()),
        "/data.json": Route(content_type="application/json", body=b'{"rows": [1, 2]}'),
        "/dated.html": Route(
            body=DATED_HTML.encode(), headers={"Last-Modified": "Fri, 17 Oct 2025 06:15:00 GMT"}
        ),
        "/story/1": Route(body=STORY_HTML.format(n=1).encode()),
        "/story/3": Route(body=STORY_HTML.format(n=3).encode()),
        "/story/4": Route(body=STORY_HTML.format(n=4).encode()),
        "/redirect": Route(status=302, headers={"Location": "/article.html"}),
        "/loop/a": Route(status=302, headers={"Location": "/loop/b"}),
        "/loop/b": Route(status=302, headers={"Location": "/loop/a"}),
        "/missing": Route(status=404, body=b"<html><body>Not found</body></html>"),
        "/broken": Route(status=500, body=b"<html><body>Oops</body></html>"),
        "/image.png": Route(content_type="image/png", body=PNG_HEADER + bytes(64)),
        "/png-as-html": Route(body=PNG_HEADER + bytes(64)),
        "/empty": Route(body=b"   \n"),
        "/huge": Route(body=huge),
        "/huge-stream": Route(body=huge, stream=True),
        "/slow": Route(body=ARTICLE_HTML.encode(), delay=1.5),
        "/drip": Route(body=ARTICLE_HTML.encode(), drip=0.05),
        "/gzip-bomb": Route(body=bomb, headers={"Content-Encoding": "gzip"}),
        "/gzip-members": Route(
            body=gzip.compress(article[:300]) + gzip.compress(article[300:]) + b"\x00" * 8,
            headers={"Content-Encoding": "gzip"},
            stream=True,
        ),
        "/deflate": Route(body=zlib.compress(article), headers={"Content-Encoding": "deflate"}),
        "/deflate-raw": Route(body=raw_deflate, headers={"Content-Encoding": "deflate"}),
        "/gzip-corrupt": Route(
            body=gzip.compress(article)[:40] + b"garbage" * 20, headers={"Content-Encoding": "gzip"}
        ),
        "/brotli": Route(body=b"\x1b\x00\x00", headers={"Content-Encoding": "br"}),
        "/to-other-port": Route(status=302, headers={"Location": "http://127.0.0.1:1/x"}),
        "/to-other-host": Route(status=302, headers={"Location": "http://127.0.0.2/x"}),
        "/to-metadata": Route(
            status=301, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
        ),
    }


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Route]] = {}
    seen: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("User-Agent", "")))
        route = self.routes.get(
            self.path.partition("?")[0], Route(status=404, body=b"no such page")
        )
        if self.path == "/echo-host":
            host = self.headers.get("Host", "")
            route = Route(body=f"<html><body><p>Host header: {host}</p></body></html>".encode())
        if route.delay:
            time.sleep(route.delay)
        with contextlib.suppress(OSError):  # the client gave up (timeout, size cap)
            self._answer(route)

    def _answer(self, route: Route) -> None:
        if route.drip:
            self._drip(route)
            return
        self.send_response(route.status)
        if route.content_type:
            self.send_header("Content-Type", route.content_type)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if not route.stream:
            self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        for start in range(0, len(route.body), 8192):
            self.wfile.write(route.body[start : start + 8192])
            self.wfile.flush()

    def _drip(self, route: Route) -> None:
        head = (
            f"HTTP/1.1 {route.status} OK\r\nContent-Type: {route.content_type}\r\n"
            f"X-Padding: {'x' * 200}\r\nContent-Length: {len(route.body)}\r\n\r\n"
        ).encode()
        for byte in head:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(route.drip)
        self.wfile.write(route.body)
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@dataclass
class _Running:
    base: str
    seen: list[tuple[str, str]]


@pytest.fixture(scope="session")
def _running_server() -> Iterator[_Running]:
    """A ThreadingHTTPServer on 127.0.0.1 (port 0) serving the routes above."""
    seen: list[tuple[str, str]] = []
    handler: Callable[..., _Handler] = type(
        "Handler", (_Handler,), {"routes": _routes(), "seen": seen}
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield _Running(f"http://127.0.0.1:{server.server_address[1]}", seen)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def http_server(_running_server: _Running) -> str:
    """The base URL (no trailing slash) of the local test server."""
    return _running_server.base


@pytest.fixture()
def http_requests(_running_server: _Running) -> list[tuple[str, str]]:
    """(path, User-Agent) of every request the test server received so far."""
    return _running_server.seen


@pytest.fixture()
def closed_port_url() -> str:
    """An http URL on 127.0.0.1 where nothing listens."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"
