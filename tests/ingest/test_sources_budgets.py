"""Budgets and guards on hostile local inputs: each ends in one clear error for that input,
fast and in bounded memory, and the inputs around it are still read."""

from __future__ import annotations

import gzip
import io
import os
import threading
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.errors import NewsweaveError
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import RawItem
from newsweave.ingest.sources import iter_sources
from newsweave.ingest.sources.decode import decode_bytes
from newsweave.settings import IngestSettings, Settings

Outcome = RawItem | NewsweaveError

STORY = (
    "<html><head><title>Tram depot opens</title></head><body><article>"
    "<h1>Tram depot opens in Felsberg</h1>"
    "<p>The new tram depot in Felsberg opened on Thursday, the city transport board said, "
    "after two years of building work that cost 48 million euros.</p>"
    "<p>Forty trams will be serviced there, according to the board's chair, Lotte Brand.</p>"
    "</article></body></html>"
)


def read(*sources: str, settings: Settings | None = None) -> list[Outcome]:
    return list(iter_sources(sources, settings or Settings(), follow_links=False))


def errors(outcomes: list[Outcome]) -> list[NewsweaveError]:
    return [o for o in outcomes if isinstance(o, NewsweaveError)]


def items(outcomes: list[Outcome]) -> list[RawItem]:
    return [o for o in outcomes if isinstance(o, RawItem)]


# WARC ----------------------------------------------------------------------------------------


def write_warc(path: Path, pages: list[tuple[bytes, dict[str, str]]], *, compress: bool) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        for number, (body, extra) in enumerate(pages, 1):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html"), *extra.items()], "HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://depot.invalid/{number}",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
            writer.write_record(record)
    return path


def test_warc_expanding_far_beyond_its_size_ends_fast_with_nw128(tmp_path: Path) -> None:
    bomb = b"<html><body><p>" + b" " * 40_000_000 + b"</p></body></html>"
    path = write_warc(tmp_path / "bomb.warc.gz", [(STORY.encode(), {}), (bomb, {})], compress=True)
    assert path.stat().st_size < 200_000
    settings = Settings().replace("ingest.max_bytes", 2_000_000)
    started = time.monotonic()
    outcomes = read(str(path), settings=settings)
    assert time.monotonic() - started < 5
    assert [item.source for item in items(outcomes)] == [f"{path}#record=1"]
    [error] = errors(outcomes)
    assert (error.code, error.subject) == ("NW128", str(path))
    assert "ingest.max_expansion" in error.line()


def test_warc_page_over_max_bytes_is_refused_and_the_archive_goes_on(tmp_path: Path) -> None:
    big = b"<html><body><p>" + b"word " * 400_000 + b"</p></body></html>"
    path = write_warc(tmp_path / "big.warc", [(big, {}), (STORY.encode(), {})], compress=False)
    outcomes = read(str(path), settings=Settings().replace("ingest.max_bytes", 1_000_000))
    [error] = errors(outcomes)
    assert (error.code, error.subject) == ("NW105", f"{path}#record=1")
    assert "ingest.max_bytes" in error.reason
    assert [item.source for item in items(outcomes)] == [f"{path}#record=2"]


def test_warc_gzip_encoded_payload_is_bounded_after_decoding(tmp_path: Path) -> None:
    inner = gzip.compress(b"<html><body><p>" + b"a" * 30_000_000 + b"</p></body></html>")
    path = write_warc(
        tmp_path / "encoded.warc",
        [(inner, {"Content-Encoding": "gzip"}), (STORY.encode(), {})],
        compress=False,
    )
    outcomes = read(str(path), settings=Settings().replace("ingest.max_bytes", 1_000_000))
    [error] = errors(outcomes)
    assert (error.code, error.subject) == ("NW105", f"{path}#record=1")
    assert len(items(outcomes)) == 1


def test_warc_header_line_without_end_is_nw107_in_bounded_memory(tmp_path: Path) -> None:
    head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Padding: " + b"x" * 50_000_000
    path = tmp_path / "endless-header.warc.gz"
    path.write_bytes(gzip.compress(head, compresslevel=1))
    started = time.monotonic()
    [error] = read(str(path))
    assert time.monotonic() - started < 10
    assert isinstance(error, NewsweaveError)
    assert (error.code, error.subject) == ("NW107", str(path))
    assert "header line longer than" in error.reason


# JSONL ---------------------------------------------------------------------------------------


def test_jsonl_line_with_a_nul_byte_rejects_only_that_line(tmp_path: Path) -> None:
    good = b'{"text": "The harbour board met on Monday to discuss new cranes."}\n'
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(good + b'{"text": "bad\x00line"}\n' + good)
    outcomes = read(str(path))
    [error] = errors(outcomes)
    assert (error.code, error.subject) == ("NW102", f"{path}#line=2")
    assert [item.source for item in items(outcomes)] == [f"{path}#line=1", f"{path}#line=3"]


def test_jsonl_line_longer_than_max_bytes_is_nw105_without_reading_it_whole(
    tmp_path: Path,
) -> None:
    path = tmp_path / "long.jsonl"
    good = b'{"text": "The short record is fine and long enough."}\n'
    path.write_bytes(good + b'{"text": "' + b"x" * 3_000_000 + b'"}\n' + good)
    outcomes = read(str(path), settings=Settings().replace("ingest.max_bytes", 100_000))
    assert [item.source for item in items(outcomes)] == [f"{path}#line=1", f"{path}#line=3"]
    [error] = errors(outcomes)
    assert (error.code, error.subject) == ("NW105", f"{path}#line=2")


# files ---------------------------------------------------------------------------------------


def test_symlink_loop_is_nw133_and_the_walk_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.html").write_text(STORY)
    os.symlink(tmp_path / "b.html", tmp_path / "a.html")
    os.symlink(tmp_path / "a.html", tmp_path / "b.html")
    named = read(str(tmp_path / "a.html"))
    assert [(e.code, e.subject) for e in errors(named)] == [("NW133", str(tmp_path / "a.html"))]
    walked = read(str(tmp_path))
    assert {e.code for e in errors(walked)} == {"NW133"}
    assert len(items(walked)) == 1


def test_directory_link_loop_reads_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.html").write_text(STORY)
    os.symlink(tmp_path / "news", tmp_path / "news" / "again")
    outcomes = read(str(tmp_path / "**" / "*.html"))
    assert len(items(outcomes)) == 1


def test_dangling_symlink_is_nw101(tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.html", tmp_path / "link.html")
    [error] = read(str(tmp_path / "link.html"))
    assert isinstance(error, NewsweaveError)
    assert error.code == "NW101"


def test_device_and_fifo_named_like_pages_are_refused_at_once(tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "zero.html")
    os.mkfifo(tmp_path / "pipe.html")
    (tmp_path / "good.html").write_text(STORY)
    started = time.monotonic()
    outcomes = read(str(tmp_path / "zero.html"), str(tmp_path / "pipe.html"), str(tmp_path))
    assert time.monotonic() - started < 5
    assert [e.code for e in errors(outcomes)].count("NW102") >= 2
    assert len(items(outcomes)) == 1


def test_control_characters_in_a_file_name_cannot_forge_a_line(tmp_path: Path) -> None:
    name = "evil\nerror NW999 forged.html: all fine (\x1b[2Jcleared).html"
    path = tmp_path / name
    path.write_bytes(b"\x00\x01\x02binary" * 100)
    [error] = read(str(path))
    assert isinstance(error, NewsweaveError)
    line = error.line()
    assert "\n" not in line and "\x1b" not in line
    assert "\\n" in line and "\\x1b" in line


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le"])
@pytest.mark.parametrize(
    "text",
    [
        "The ministry\u2019s report \u2014 published on Friday \u2014 counts 312 new wells.\n",
        "\u0413\u043e\u0440\u043e\u0434\u0441\u043a\u043e\u0439 \u0441\u043e\u0432\u0435\u0442"
        " \u043f\u0440\u0438\u043d\u044f\u043b \u0431\u044e\u0434\u0436\u0435\u0442 2025.\n",
    ],
)
def test_utf16_without_bom_is_text(encoding: str, text: str) -> None:
    assert decode_bytes((text * 5).encode(encoding), "page.txt") == text * 5


def test_ascii_text_with_a_stray_nul_is_not_utf16() -> None:
    data = b"The harbour board met on Monday.\x00 It approved new cranes for the quay.\n" * 3
    with pytest.raises(NewsweaveError) as caught:
        decode_bytes(data, "stray.txt")
    assert caught.value.code == "NW102"


# feeds and pages -----------------------------------------------------------------------------

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_billion_laughs_feed_is_nw131(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "laughs.rss"
    path.write_bytes(LAUGHS.encode(encoding))
    [error] = read(str(path))
    assert isinstance(error, NewsweaveError)
    assert (error.code, error.subject) == ("NW131", str(path))


def test_page_declaring_entities_is_nw131(tmp_path: Path) -> None:
    page = LAUGHS.replace("<rss", "<html><body><p>&lol9;</p></body></html><rss")
    with pytest.raises(NewsweaveError) as caught:
        parse(RawItem("laughs.html", page, "html"))
    assert caught.value.code == "NW131"


def test_million_elements_are_refused_before_extraction() -> None:
    page = "<html><body>" + "<p>x</p>" * 1_000_000 + "</body></html>"
    started = time.monotonic()
    with pytest.raises(NewsweaveError) as caught:
        parse(RawItem("million.html", page, "html"))
    assert caught.value.code == "NW126"
    assert "ingest.max_elements" in caught.value.line()
    assert time.monotonic() - started < 5


def test_too_many_paragraphs_is_nw132() -> None:
    text = "\n\n".join(f"Line {n} of a very long list of notes." for n in range(6000))
    with pytest.raises(NewsweaveError) as caught:
        parse(RawItem("list.txt", text, "text"))
    assert caught.value.code == "NW132"


def test_extraction_past_its_time_budget_is_nw127_and_the_next_page_is_read() -> None:
    page = (
        "<html><body><article>"
        + "".join(f"<p>Item {n} of the council minutes, read aloud.</p>" for n in range(20_000))
        + "</article></body></html>"
    )
    limits = IngestSettings(extract_seconds=0.5)
    started = time.monotonic()
    with pytest.raises(NewsweaveError) as caught:
        parse(RawItem("slow.html", page, "html"), limits=limits)
    assert caught.value.code == "NW127"
    assert time.monotonic() - started < 4
    document = parse(RawItem("story.html", STORY, "html"), min_words=10, limits=limits)
    assert "Felsberg" in document.text


def test_extraction_works_from_threads_that_come_and_go() -> None:
    """The worker dies with the thread that forked it (Linux PDEATHSIG); the next page
    forks a new one, and threads asking at once are served one at a time."""
    results: list[str] = []

    def extract(number: int) -> None:
        page = STORY.replace("Thursday", f"Thursday ({number})")
        results.append(parse(RawItem(f"t{number}.html", page, "html"), min_words=10).text)

    for _ in range(2):
        threads = [threading.Thread(target=extract, args=(n,)) for n in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    extract(9)
    assert len(results) == 7
    assert all("Felsberg" in text for text in results)
