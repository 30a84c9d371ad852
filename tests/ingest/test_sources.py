"""Source readers over real files: pages, folders, globs, stdin, JSON(L), WARC and feed files."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.errors import NewsweaveError
from newsweave.ingest.raw import RawItem
from newsweave.ingest.sources import iter_sources
from newsweave.settings import Settings

Outcome = RawItem | NewsweaveError

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Night trains return to the valley line</title></head>
<body><article><h1>Night trains return to the valley line</h1>
<p>The rail operator restored two night services between Orvel and Santa Brina on Sunday,
eleven years after the last sleeper ran on the line.</p></article></body></html>
"""

TEXT = "Water levels in the Mura reservoir fell to 41 percent in August, the agency said.\n"

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Post</title>
<item><title>Sleeper trains are back</title><link>https://post.invalid/trains</link>
<description>Two night services were restored on Sunday.</description>
<pubDate>Sun, 14 Apr 2024 18:00:00 +0200</pubDate></item>
</channel></rss>
"""


def read(
    *sources: str, settings: Settings | None = None, stdin: io.BytesIO | None = None
) -> list[Outcome]:
    return list(iter_sources(sources, settings or Settings(), follow_links=False, stdin=stdin))


def only_item(outcomes: list[Outcome]) -> RawItem:
    assert len(outcomes) == 1, outcomes
    item = outcomes[0]
    assert isinstance(item, RawItem), item
    return item


def only_error(outcomes: list[Outcome], code: str, subject: str) -> NewsweaveError:
    assert len(outcomes) == 1, outcomes
    error = outcomes[0]
    assert isinstance(error, NewsweaveError), error
    assert error.code == code, error.line()
    assert error.subject == subject
    return error


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# single files --------------------------------------------------------------------------------


def test_html_file(tmp_path: Path) -> None:
    path = write(tmp_path / "trains.html", PAGE)
    item = only_item(read(str(path)))
    assert item.source == str(path)
    assert item.format == "html"
    assert item.content == PAGE


def test_text_and_markdown_files(tmp_path: Path) -> None:
    txt = write(tmp_path / "water.txt", TEXT)
    md = write(tmp_path / "notes.md", "# Reservoir\n\n" + TEXT)
    first, second = read(str(txt), str(md))
    assert isinstance(first, RawItem) and isinstance(second, RawItem)
    assert (first.format, second.format) == ("text", "text")
    assert first.content == TEXT


def test_latin1_file_with_meta_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Fête</title></head>'
        "<body><p>La fête de Sainte-Anne a réuni 3 000 personnes à Québec.</p></body></html>"
    )
    path = write(tmp_path / "fete.html", page.encode("latin-1"))
    item = only_item(read(str(path)))
    assert "La fête de Sainte-Anne a réuni 3 000 personnes à Québec." in item.content


def test_utf16_file_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "report.txt", ("Łódź\r\n" + TEXT).encode("utf-16"))
    item = only_item(read(str(path)))
    assert item.content == "Łódź\n" + TEXT


def test_invalid_utf8_bytes_in_mostly_english_text(tmp_path: Path) -> None:
    data = TEXT.encode() * 10 + b"The caf\xe9 on Main Street closed \x96 for good.\n"
    path = write(tmp_path / "cafe.txt", data)
    item = only_item(read(str(path)))
    assert item.content.endswith("The café on Main Street closed – for good.\n")


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "NW102"),
        ("noise.txt", random.Random(11).randbytes(4096), "NW102"),
        ("empty.html", b"", "NW103"),
        ("blank.txt", b"  \n\n\t  \n", "NW103"),
        (
            "garbled.txt",
            random.Random(5).randbytes(2000).translate(bytes(range(128, 256)) * 2),
            "NW104",
        ),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = write(tmp_path / name, data)
    only_error(read(str(path)), code, str(path))


def test_missing_path_is_nw101(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.html")
    only_error(read(missing), "NW101", missing)


def test_unknown_extension_named_explicitly_is_nw114(tmp_path: Path) -> None:
    path = write(tmp_path / "sheet.xlsx", b"PK\x03\x04")
    error = only_error(read(str(path)), "NW114", str(path))
    assert ".xlsx" in error.reason


def test_file_over_max_bytes_is_nw105(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", TEXT * 100)
    settings = Settings().replace("ingest.max_bytes", 1000)
    only_error(read(str(path), settings=settings), "NW105", str(path))


# folders and globs ---------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    write(root / "b.html", PAGE)
    write(root / "a.txt", TEXT)
    write(root / "sub" / "c.md", "# C\n\n" + TEXT)
    write(root / "sub" / "deeper" / "d.htm", PAGE)
    write(root / "sub" / "feed.xml", FEED)
    write(root / "sub" / "settings.xml", "<settings><theme>dark</theme></settings>")
    write(root / "image.png", b"\x89PNG\r\n\x1a\n")
    write(root / "notes.docx", b"PK\x03\x04")
    write(root / ".hidden.html", PAGE)
    write(root / ".git" / "index.html", PAGE)


def test_directory_walk_is_sorted_and_skips_unknown_and_hidden(tmp_path: Path) -> None:
    make_tree(tmp_path)
    outcomes = read(str(tmp_path))
    assert all(isinstance(outcome, RawItem) for outcome in outcomes), outcomes
    sources = [outcome.source for outcome in outcomes if isinstance(outcome, RawItem)]
    root = str(tmp_path)
    assert sources == [
        os.path.join(root, "a.txt"),
        os.path.join(root, "b.html"),
        os.path.join(root, "sub", "c.md"),
        os.path.join(root, "sub", "feed.xml") + "#item=1",
        os.path.join(root, "sub", "deeper", "d.htm"),
    ]


def test_directory_walk_reports_bad_files_and_goes_on(tmp_path: Path) -> None:
    write(tmp_path / "1.html", PAGE)
    write(tmp_path / "2.html", b"")
    write(tmp_path / "3.html", PAGE)
    outcomes = read(str(tmp_path))
    assert [type(outcome) for outcome in outcomes] == [RawItem, NewsweaveError, RawItem]
    error = outcomes[1]
    assert isinstance(error, NewsweaveError)
    assert (error.code, error.subject) == ("NW103", str(tmp_path / "2.html"))


def test_directory_without_readable_files_is_nw103(tmp_path: Path) -> None:
    write(tmp_path / "picture.jpg", b"\xff\xd8\xff\xe0")
    only_error(read(str(tmp_path)), "NW103", str(tmp_path))


def test_recursive_glob(tmp_path: Path) -> None:
    make_tree(tmp_path)
    pattern = str(tmp_path / "**" / "*.htm*")
    outcomes = read(pattern)
    sources = [outcome.source for outcome in outcomes if isinstance(outcome, RawItem)]
    assert sources == [str(tmp_path / "b.html"), str(tmp_path / "sub" / "deeper" / "d.htm")]


def test_glob_without_match_is_nw101(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.html")
    only_error(read(pattern), "NW101", pattern)


# stdin ---------------------------------------------------------------------------------------


def test_stdin_html_and_text() -> None:
    html_item = only_item(read("-", stdin=io.BytesIO(PAGE.encode())))
    assert (html_item.source, html_item.format) == ("<stdin>", "html")
    text_item = only_item(read("-", stdin=io.BytesIO(TEXT.encode())))
    assert (text_item.format, text_item.content) == ("text", TEXT)


def test_stdin_errors() -> None:
    only_error(read("-", stdin=io.BytesIO(b"")), "NW103", "<stdin>")
    settings = Settings().replace("ingest.max_bytes", 50)
    only_error(read("-", settings=settings, stdin=io.BytesIO(TEXT.encode())), "NW105", "<stdin>")


# JSON Lines and JSON -------------------------------------------------------------------------


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": TEXT,
                "url": "https://water.invalid/mura",
                "title": "Reservoir falls",
                "published": "2024-08-30",
                "authors": ["Lena Vogt", "Ravi Menon"],
                "publisher": "Mura Daily",
            }
        ),
        "",
        "{not json",
        json.dumps({"html": PAGE, "authors": "Ana Lima; Joe Park", "source": {"name": "Wire"}}),
        json.dumps({"title": "no body"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "Short note.", "site": "notes.invalid", "published": 1717200000}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    outcomes = read(str(path))
    assert [type(outcome).__name__ for outcome in outcomes] == [
        "RawItem",
        "NewsweaveError",
        "RawItem",
        "NewsweaveError",
        "NewsweaveError",
        "RawItem",
    ]
    first, bad, page, no_body, listed, note = outcomes
    assert isinstance(first, RawItem)
    assert first.source == f"{path}#line=1"
    assert first.format == "text"
    assert first.hints.title == "Reservoir falls"
    assert first.hints.authors == ("Lena Vogt", "Ravi Menon")
    assert first.hints.publisher == "Mura Daily"
    assert first.hints.published == "2024-08-30"
    assert first.hints.url == "https://water.invalid/mura"
    for error, line in ((bad, 3), (no_body, 5), (listed, 6)):
        assert isinstance(error, NewsweaveError)
        assert (error.code, error.subject) == ("NW112", f"{path}#line={line}")
    assert isinstance(page, RawItem)
    assert page.format == "html"
    assert page.hints.authors == ("Ana Lima", "Joe Park")
    assert page.hints.publisher == "Wire"
    assert isinstance(note, RawItem)
    assert note.hints.publisher == "notes.invalid"
    assert note.hints.published == "2024-06-01T00:00:00Z"


def test_binary_jsonl_is_nw102(tmp_path: Path) -> None:
    path = write(tmp_path / "dump.jsonl", gzip.compress(b'{"text": "x"}\n'))
    only_error(read(str(path)), "NW102", str(path))


def test_json_object_and_list(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", json.dumps({"text": TEXT, "title": "Reservoir"}))
    item = only_item(read(str(one)))
    assert (item.source, item.hints.title) == (str(one), "Reservoir")

    many = write(tmp_path / "many.json", json.dumps([{"html": PAGE}, {"url": "x"}, {"text": TEXT}]))
    first, missing, last = read(str(many))
    assert isinstance(first, RawItem) and isinstance(last, RawItem)
    assert (first.source, last.source) == (f"{many}#item=1", f"{many}#item=3")
    assert isinstance(missing, NewsweaveError)
    assert (missing.code, missing.subject) == ("NW112", f"{many}#item=2")


def test_invalid_json_file_is_nw112(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.json", '{"text": "unfinished')
    only_error(read(str(path)), "NW112", str(path))


# WARC ----------------------------------------------------------------------------------------


def page_html(number: int) -> bytes:
    return (
        f"<html><head><title>Capture {number}</title></head><body><p>Archived story number "
        f"{number} about the harbour.</p>" + "<p>padding text</p>" * 40 + "</body></html>"
    ).encode()


def build_warc(path: Path, *, compress: bool) -> Path:
    """warcinfo, 2 HTML responses, a request, a 404, an image, a Latin-1 page."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        responses: list[tuple[str, str, str, bytes]] = [
            ("https://harbour.invalid/1", "200 OK", "text/html; charset=utf-8", page_html(1)),
            ("https://harbour.invalid/2", "200 OK", "text/html", page_html(2)),
            ("https://harbour.invalid/gone", "404 Not Found", "text/html", b"<p>gone</p>"),
            ("https://harbour.invalid/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
            (
                "https://harbour.invalid/fr",
                "200 OK",
                "text/html; charset=iso-8859-1",
                "<html><body><p>Le marché a rouvert.</p></body></html>".encode("latin-1"),
            ),
        ]
        for number, (uri, status, content_type, body) in enumerate(responses):
            if number == 2:
                request = StatusAndHeaders("GET /1 HTTP/1.1", [("Host", "harbour.invalid")])
                writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], "HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            record.rec_headers.replace_header("WARC-Date", f"2024-03-0{number + 1}T10:00:00Z")
            writer.write_record(record)
    return path


def test_warc_pages(tmp_path: Path) -> None:
    path = build_warc(tmp_path / "crawl.warc", compress=False)
    outcomes = read(str(path))
    assert all(isinstance(outcome, RawItem) for outcome in outcomes), outcomes
    first, second, french = (outcome for outcome in outcomes if isinstance(outcome, RawItem))
    assert first.source == f"{path}#record=2"
    assert first.format == "html"
    assert "Archived story number 1" in first.content
    assert first.hints.url == "https://harbour.invalid/1"
    assert first.hints.captured == "2024-03-01T10:00:00Z"
    assert second.source == f"{path}#record=3"
    assert french.source == f"{path}#record=7"
    assert "Le marché a rouvert." in french.content


def test_gzipped_warc(tmp_path: Path) -> None:
    path = build_warc(tmp_path / "crawl.warc.gz", compress=True)
    outcomes = read(str(path))
    assert [item.source for item in outcomes if isinstance(item, RawItem)] == [
        f"{path}#record={number}" for number in (2, 3, 7)
    ]


def test_warc_is_not_bound_by_max_bytes(tmp_path: Path) -> None:
    path = build_warc(tmp_path / "crawl.warc", compress=False)
    settings = Settings().replace("ingest.max_bytes", 1500)  # each page fits, the file not
    assert path.stat().st_size > 1500
    outcomes = read(str(path), settings=settings)
    assert len(outcomes) == 3
    assert all(isinstance(outcome, RawItem) for outcome in outcomes), outcomes


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize("keep", [0.35, 0.55, 0.8, 0.95])
def test_truncated_warc_yields_good_records_then_nw107(
    tmp_path: Path, compress: bool, keep: float
) -> None:
    whole = build_warc(
        tmp_path / ("whole.warc.gz" if compress else "whole.warc"), compress=compress
    )
    data = whole.read_bytes()
    cut = write(
        tmp_path / ("cut.warc.gz" if compress else "cut.warc"), data[: int(len(data) * keep)]
    )
    complete = [item for item in read(str(whole)) if isinstance(item, RawItem)]
    outcomes = read(str(cut))
    *pages, last = outcomes
    assert isinstance(last, NewsweaveError)
    assert (last.code, last.subject) == ("NW107", str(cut))
    assert all(isinstance(page, RawItem) for page in pages)
    read_contents = [page.content for page in pages if isinstance(page, RawItem)]
    assert read_contents == [page.content for page in complete[: len(read_contents)]]


def record_spans(path: Path) -> list[tuple[int, int]]:
    """(start, end) of every record in a WARC file, as warcio measures them."""
    spans = []
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        for _ in records:
            start, length = records.get_record_offset(), records.get_record_length()
            spans.append((start, start + length))
    return spans


@pytest.mark.parametrize("compress", [False, True])
def test_every_cut_of_a_warc_is_caught(tmp_path: Path, compress: bool) -> None:
    whole = build_warc(
        tmp_path / ("whole.warc.gz" if compress else "whole.warc"), compress=compress
    )
    data = whole.read_bytes()
    complete = [item.content for item in read(str(whole)) if isinstance(item, RawItem)]
    spans = record_spans(whole)
    cut = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    for size in range(1, len(data), 3 if compress else 11):
        write(cut, data[:size])
        outcomes = read(str(cut))
        contents = [item.content for item in outcomes if isinstance(item, RawItem)]
        assert contents == complete[: len(contents)], size
        errors = [error for error in outcomes if isinstance(error, NewsweaveError)]
        assert len(errors) <= 1, (size, errors)
        if any(start < size < end for start, end in spans):
            assert errors and errors[0] is outcomes[-1], (size, outcomes)
            assert errors[0].code in {"NW107", "NW103"}, errors[0].line()
            assert errors[0].subject == str(cut)


def test_truncated_warc_keeps_records_before_the_damage(tmp_path: Path) -> None:
    whole = build_warc(tmp_path / "whole.warc", compress=False).read_bytes()
    cut = write(tmp_path / "cut.warc", whole[: whole.index(b"https://harbour.invalid/fr") + 40])
    outcomes = read(str(cut))
    assert [type(outcome) for outcome in outcomes] == [RawItem, RawItem, NewsweaveError]


def test_not_a_warc_is_nw107(tmp_path: Path) -> None:
    path = write(tmp_path / "page.warc", PAGE)
    error = only_error(read(str(path)), "NW107", str(path))
    assert "not a WARC" in error.reason


def test_warc_without_pages_is_nw103(tmp_path: Path) -> None:
    path = tmp_path / "info.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
    only_error(read(str(path)), "NW103", str(path))


# feed files ----------------------------------------------------------------------------------


def test_feed_file(tmp_path: Path) -> None:
    path = write(tmp_path / "valley.rss", FEED)
    item = only_item(read(str(path)))
    assert item.source == f"{path}#item=1"
    assert item.content == "Two night services were restored on Sunday."
    assert item.hints.publisher == "Valley Post"
    assert item.hints.title == "Sleeper trains are back"
    assert item.hints.published == "2024-04-14T16:00:00Z"
    assert item.hints.url == "https://post.invalid/trains"


def test_unparseable_feed_file_is_nw113(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.atom", "this is not XML, just a sentence about feeds.")
    only_error(read(str(path)), "NW113", str(path))


# the entry point -----------------------------------------------------------------------------


def test_iter_sources_is_lazy(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", TEXT)
    pulled: list[str] = []

    def sources() -> Iterator[str]:
        for source in (str(path), str(tmp_path / "missing.txt")):
            pulled.append(source)
            yield source

    outcomes = iter_sources(sources(), Settings())
    assert pulled == []
    first = next(outcomes)
    assert isinstance(first, RawItem)
    assert pulled == [str(path)]
    second = next(outcomes)
    assert isinstance(second, NewsweaveError)
    assert second.code == "NW101"


def test_unexpected_failure_is_nw901_naming_the_input(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", TEXT)
    settings = Settings().replace("ingest.max_bytes", "not a number")
    error = only_error(read(str(path), settings=settings), "NW901", str(path))
    assert "TypeError" in error.reason


def test_mixed_batch_goes_on_after_errors(tmp_path: Path) -> None:
    good = write(tmp_path / "good.html", PAGE)
    outcomes = read(str(tmp_path / "gone.html"), str(good), "-", stdin=io.BytesIO(b""))
    assert [type(outcome) for outcome in outcomes] == [NewsweaveError, RawItem, NewsweaveError]
