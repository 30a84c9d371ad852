"""The hostile-input corpus, generated (no binary fixture is committed).

``build(root)`` writes every case under ``root`` and returns what each must give; run
``python -m tests.hostile.cases DIR`` to write them for a manual try
(``newsweave ingest DIR/inputs/* ...``). Every case is small on disk: the bombs are
compressed, the huge file is sparse, and the URLs are refused before any connection.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GOOD_ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Tram depot opens in Felsberg after two years of work</title></head>
<body><article><h1>Tram depot opens in Felsberg after two years of work</h1>
<p>The new tram depot in Felsberg opened on Thursday, the city transport board said, after
two years of building work that cost 48 million euros.</p>
<p>Forty trams will be serviced at the site, according to the board's chair, Lotte Brand,
who called it the largest investment in public transport in the city since 1998.</p>
<p>The union representing maintenance staff welcomed the opening but warned that 60 posts
were still unfilled.</p>
</article></body></html>
"""

OTHER_ARTICLE = (
    "Council approves harbour dredging plan\n\n"
    "The Orlek harbour council approved a plan on Monday to dredge the eastern basin, "
    "a project the port authority says will cost 12 million euros and take two years.\n\n"
    "Fishermen's representative Aino Salo said the work was overdue after silt forced "
    "three trawlers to unload at a rival port last winter."
)

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
"""

PRIVATE_URLS = (
    "http://2130706433/",
    "http://127.1/admin",
    "http://[::1]:8080/",
    "http://localhost/",
    "http://0.0.0.0/",
    "http://[::ffff:127.0.0.1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
)


NAMES = (
    "png-as-html",
    "random-bytes",
    "gzip-as-html",
    "empty",
    "blank",
    "huge",
    "unknown-type",
    "nested-html",
    "nested-json",
    "million-paragraphs",
    "many-paragraphs",
    "utf16be-no-bom",
    "mixed-encodings",
    "truncated-warc-gz",
    "truncated-warc",
    "warc-gzip-bomb",
    "warc-5gb-record",
    "not-a-warc",
    "warc-endless-header",
    "billion-laughs-feed",
    "billion-laughs-page",
    "feed-link-private",
    "broken-jsonl",
    "control-character-name",
    "symlink-loop",
    "device",
    "fifo",
    *(f"private-url-{number}" for number in range(1, len(PRIVATE_URLS) + 1)),
)
"""Every case :func:`build` writes, by name (for test ids)."""


@dataclass(frozen=True)
class Case:
    """One hostile input and what ingest must say about it."""

    name: str
    source: str
    """The argument given to ``newsweave ingest``."""
    codes: frozenset[str] = frozenset()
    """Acceptable error codes; empty when the input must be stored without error."""
    subjects: tuple[str, ...] = ()
    """The inputs the error lines must name (default: ``source``)."""
    stored: tuple[str, ...] = ()
    """Sources that must be stored as documents despite the errors around them."""
    tolerated: bool = False
    """Storing the input is as good as one of ``codes`` (best-effort decoding)."""

    @property
    def named(self) -> tuple[str, ...]:
        return self.subjects or (self.source,)


@dataclass
class Corpus:
    root: Path
    good: Path
    cases: list[Case] = field(default_factory=list)


def build(root: Path) -> Corpus:
    """Write every hostile case (and the good article) under ``root``."""
    inputs = root / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    good = inputs / "good.html"
    good.write_text(GOOD_ARTICLE, encoding="utf-8")
    corpus = Corpus(root, good)
    add = corpus.cases.append
    rng = random.Random(16)

    def write(name: str, data: bytes) -> str:
        path = inputs / name
        path.write_bytes(data)
        return str(path)

    # binary, empty, huge ------------------------------------------------------------------
    add(
        Case(
            "png-as-html",
            write("image.html", b"\x89PNG\r\n\x1a\n" + rng.randbytes(4000)),
            frozenset({"NW102"}),
        )
    )
    add(
        Case(
            "random-bytes", write("noise.txt", rng.randbytes(20_000)), frozenset({"NW102", "NW104"})
        )
    )
    add(
        Case(
            "gzip-as-html",
            write("packed.html", gzip.compress(GOOD_ARTICLE.encode())),
            frozenset({"NW102"}),
        )
    )
    add(Case("empty", write("empty.html", b""), frozenset({"NW103"})))
    add(Case("blank", write("blank.txt", b" \n\t\n  \r\n"), frozenset({"NW103"})))
    huge = inputs / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(60_000_000)  # sparse: nothing written to disk
    add(Case("huge", str(huge), frozenset({"NW105"})))
    add(
        Case(
            "unknown-type",
            write("scan.pdf", b"%PDF-1.7\n" + rng.randbytes(200)),
            frozenset({"NW114"}),
        )
    )

    # nested, complex ------------------------------------------------------------------------
    add(
        Case(
            "nested-html",
            write("nested.html", b"<html><body>" + b"<div>" * 80_000 + b"deep"),
            frozenset({"NW126"}),
        )
    )
    add(
        Case(
            "nested-json",
            write("nested.json", b"[" * 200_000 + b"]" * 200_000),
            frozenset({"NW112"}),
        )
    )
    million = b"<html><body>" + b"<p>a</p>" * 1_000_000 + b"</body></html>"
    add(Case("million-paragraphs", write("million.html", million), frozenset({"NW126"})))
    lines = "\n\n".join(f"Entry {n}: the gauge at Orlek read {n % 97} cm." for n in range(6_000))
    add(Case("many-paragraphs", write("many.txt", lines.encode()), frozenset({"NW132"})))

    # encodings ------------------------------------------------------------------------------
    add(Case("utf16be-no-bom", write("utf16be.txt", OTHER_ARTICLE.encode("utf-16-be"))))
    mixed = OTHER_ARTICLE.replace("Salo", "Salö").encode(
        "utf-8"
    ) + "\n\nCafé crème à Orlek.".encode("latin-1")
    add(Case("mixed-encodings", write("mixed.txt", mixed), frozenset({"NW104"}), tolerated=True))

    # archives ---------------------------------------------------------------------------------
    warc = _warc([GOOD_ARTICLE.replace("Felsberg", f"Felsberg {n}").encode() for n in range(3)])
    add(
        Case(
            "truncated-warc-gz",
            write("cut.warc.gz", gzip.compress(warc)[: len(gzip.compress(warc)) * 6 // 10]),
            frozenset({"NW107"}),
        )
    )
    add(
        Case("truncated-warc", write("cut.warc", warc[: len(warc) * 7 // 10]), frozenset({"NW107"}))
    )
    add(
        Case("warc-gzip-bomb", write("bomb.warc.gz", _warc_bomb(200_000_000)), frozenset({"NW128"}))
    )
    add(
        Case(
            "warc-5gb-record",
            write("huge-record.warc.gz", _warc_declaring(5_000_000_000)),
            frozenset({"NW128"}),
        )
    )
    add(
        Case(
            "not-a-warc",
            write("fake.warc", b"GET / HTTP/1.1\r\n\r\n" + rng.randbytes(500)),
            frozenset({"NW107", "NW102"}),
        )
    )

    endless = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Padding: " + b"x" * 50_000_000
    add(
        Case(
            "warc-endless-header",
            write("endless-header.warc.gz", gzip.compress(endless, compresslevel=1)),
            frozenset({"NW107"}),
        )
    )

    # XML ------------------------------------------------------------------------------------
    feed = LAUGHS.replace("lolz", "rss") + (
        '<rss version="2.0"><channel><title>&g;</title><item><title>&g;</title>'
        "<description>&g;</description></item></channel></rss>"
    )
    add(Case("billion-laughs-feed", write("laughs.rss", feed.encode()), frozenset({"NW131"})))
    page = LAUGHS.replace("lolz", "html") + "<html><body><p>&g;</p></body></html>"
    add(Case("billion-laughs-page", write("laughs.html", page.encode()), frozenset({"NW131"})))
    private_feed = (
        '<rss version="2.0"><channel><title>Inside</title><item><title>Admin</title>'
        "<link>http://127.0.0.1:9/admin</link><description>Teaser.</description></item>"
        "</channel></rss>"
    )
    add(
        Case(
            "feed-link-private",
            write("inside.rss", private_feed.encode()),
            frozenset({"NW125"}),
            subjects=("http://127.0.0.1:9/admin",),
        )
    )

    # JSON Lines -------------------------------------------------------------------------------
    record = '{"title": "Harbour dredging", "text": ' + _json_string(OTHER_ARTICLE) + "}\n"
    jsonl = b'{"text": "unfinished\n' + b'{"text": "bad\x00byte"}\n' + record.encode()
    path = write("broken.jsonl", jsonl)
    add(
        Case(
            "broken-jsonl",
            path,
            frozenset({"NW112", "NW102"}),
            subjects=(f"{path}#line=1", f"{path}#line=2"),
            stored=(f"{path}#line=3",),
        )
    )

    # names and links --------------------------------------------------------------------------
    forged = "forged\nerror NW000 all-fine.html: nothing wrong (\x1b[2J\u202e).html"
    add(
        Case(
            "control-character-name", write(forged, b"\x00\x01\x02\x03" * 500), frozenset({"NW102"})
        )
    )
    os.symlink(inputs / "loop-b.html", inputs / "loop-a.html")
    os.symlink(inputs / "loop-a.html", inputs / "loop-b.html")
    add(Case("symlink-loop", str(inputs / "loop-a.html"), frozenset({"NW133"})))
    os.symlink("/dev/zero", inputs / "zeros.html")
    add(Case("device", str(inputs / "zeros.html"), frozenset({"NW102"})))
    os.mkfifo(inputs / "pipe.html")
    add(Case("fifo", str(inputs / "pipe.html"), frozenset({"NW102"})))

    # private addresses --------------------------------------------------------------------------
    for number, url in enumerate(PRIVATE_URLS, 1):
        add(Case(f"private-url-{number}", url, frozenset({"NW125"})))
    return corpus


def _json_string(text: str) -> str:
    return json.dumps(text)


def _warc(pages: list[bytes]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for number, body in enumerate(pages, 1):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        record = writer.create_warc_record(
            f"https://felsberg.invalid/{number}",
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
        )
        writer.write_record(record)
    return out.getvalue()


def _record_head(length: int) -> bytes:
    return (
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://felsberg.invalid/big\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000016>\r\n"
        "WARC-Date: 2026-01-01T00:00:00Z\r\nContent-Type: text/html\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()


def _warc_bomb(size: int) -> bytes:
    """A gzip-compressed WARC record of ``size`` bytes of spaces (about 1000x smaller)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(_record_head(size) + b"<html><body><p>")]
    block = b" " * (1 << 20)
    for _ in range(size // len(block)):
        parts.append(packer.compress(block))
    parts.append(packer.compress(b" " * (size % len(block) - 15) + b"\r\n\r\n"))
    parts.append(packer.flush())
    return b"".join(parts)


def _warc_declaring(length: int) -> bytes:
    """A gzip-compressed WARC record that declares ``length`` bytes of payload."""
    return gzip.compress(_record_head(length) + b"<html><body><p>" + b"x" * 100_000)


if __name__ == "__main__":
    built = build(Path(sys.argv[1]))
    for case in built.cases:
        print(f"{case.name}\t{case.source!r}\t{' '.join(sorted(case.codes)) or 'stored'}")
