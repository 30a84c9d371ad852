"""Property-based fuzzing of the ingest front door: decoding, page parsing, the paste
segmenter, feeds and JSON Lines, on random bytes and on mutated real pages from the example
corpus. Whatever the input, each returns its result or raises a catalogued NewsweaveError
(never another exception, never NW901), and every document it builds is consistent."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsweave.errors import CATALOGUE, NewsweaveError
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import Format, RawItem
from newsweave.ingest.segments import classify
from newsweave.ingest.sources.decode import decode_bytes, sniff_format
from newsweave.ingest.sources.feeds import iter_feed_bytes
from newsweave.ingest.sources.jsonl import iter_jsonl, record_item
from newsweave.ingest.text_page import read_text
from newsweave.model import Document
from newsweave.settings import Settings
from tests.conftest import EXAMPLES

PAGES = sorted((EXAMPLES / "corpus").glob("*.html"))
TEXTS = sorted((EXAMPLES / "corpus").glob("*.txt"))
FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Orlek Courier</title>
<item><title>Dredging approved</title><link>https://courier.invalid/dredging</link>
<description>The harbour council approved dredging of the eastern basin on Monday.</description>
<pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate></item></channel></rss>
"""

EXPLORE = int(os.environ.get("NEWSWEAVE_FUZZ", "0"))
"""0 (CI): the same examples every run, so CI is stable. N > 0: N times more examples from
a random seed each run, to look for new failures (``NEWSWEAVE_FUZZ=20 pytest ...``)."""

FUZZ = settings(
    max_examples=40 * max(1, EXPLORE),
    deadline=None,
    derandomize=EXPLORE == 0,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEW = settings(FUZZ, max_examples=15 * max(1, EXPLORE))

DECODE_CODES = {"NW102", "NW103", "NW104"}
PARSE_CODES = {"NW103", "NW106", "NW126", "NW127", "NW131", "NW132"}


@st.composite
def mutated(draw: st.DrawFn, originals: list[bytes]) -> bytes:
    """A real input with a few random cuts, insertions, byte flips and duplications."""
    data = bytearray(draw(st.sampled_from(originals)))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["cut", "insert", "flip", "repeat", "tag"]))
        if kind == "cut":
            del data[at : at + draw(st.integers(1, 400))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 300))] * draw(st.integers(2, 20))
        else:
            data[at:at] = draw(st.sampled_from([b"<", b">", b"</p>", b"<div>", b"<!--", b"&#0;"]))
    return bytes(data)


def check_document(document: Document) -> None:
    assert document.text
    previous = 0
    for segment in document.segments:
        assert previous <= segment.start <= segment.end <= len(document.text)
        previous = segment.end


def parse_or_refuse(data: bytes, name: str, fmt: Format | None = None) -> None:
    try:
        text = decode_bytes(data, name)
    except NewsweaveError as error:
        assert error.code in DECODE_CODES, error.line()
        return
    assert "\r" not in text
    try:
        document = parse(RawItem(name, text, fmt or sniff_format(text, name)))
    except NewsweaveError as error:
        assert error.code in PARSE_CODES, error.line()
        return
    check_document(document)


@FUZZ
@given(st.binary(max_size=3000))
def test_decoding_random_bytes_gives_text_or_a_catalogued_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "random.bin")
    except NewsweaveError as error:
        assert error.code in DECODE_CODES
        return
    assert text.strip() and "\r" not in text


@FUZZ
@given(st.text(max_size=400), st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "cp1252"]))
def test_decoding_encoded_text_never_crashes(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    try:
        decode_bytes(data, "encoded.txt")
    except NewsweaveError as error:
        assert error.code in DECODE_CODES


@FEW
@given(mutated([path.read_bytes() for path in PAGES]))
def test_mutated_real_pages_parse_or_are_refused(data: bytes) -> None:
    parse_or_refuse(data, "mutated.html", "html")


@FEW
@given(mutated([path.read_bytes() for path in TEXTS]))
def test_mutated_real_pastes_parse_or_are_refused(data: bytes) -> None:
    parse_or_refuse(data, "mutated.txt", "text")


@FUZZ
@given(st.lists(st.text(max_size=120), max_size=40))
def test_paste_segmenter_on_random_lines(lines: list[str]) -> None:
    blocks = read_text("\n".join(lines))
    classified = classify(blocks, paste=True)
    assert [item.block for item in classified] == [
        block for block in blocks if block in {item.block for item in classified}
    ]


@FEW
@given(mutated([FEED]))
@example(FEED.replace(b'encoding="utf-8"', b'encoding="\x00utf-8"'))  # once misread as UTF-16
def test_mutated_feeds_give_items_or_catalogued_errors(data: bytes) -> None:
    outcomes = list(iter_feed_bytes(data, "mutated.rss", Settings(), follow_links=False))
    for outcome in outcomes:
        if isinstance(outcome, NewsweaveError):
            assert outcome.code in CATALOGUE and outcome.code != "NW901", outcome.line()


@FUZZ
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(["text", "html", "title", "authors", "published", "url", "x"]),
                children,
                max_size=5,
            )
        ),
        max_leaves=20,
    )
)
def test_any_json_record_gives_an_item_or_nw112_nw103(record: object) -> None:
    try:
        item = record_item(record, "fuzz.jsonl#line=1")
    except NewsweaveError as error:
        assert error.code in {"NW103", "NW112"}
        return
    assert item.content.strip()


@FUZZ
@given(st.lists(st.binary(max_size=200), min_size=1, max_size=8))
def test_random_jsonl_lines_give_items_or_errors_line_by_line(lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.jsonl"
        path.write_bytes(b"\n".join(lines))
        outcomes = list(iter_jsonl(path, "fuzz.jsonl"))
    for outcome in outcomes:
        if isinstance(outcome, NewsweaveError):
            assert outcome.code in {"NW102", "NW103", "NW105", "NW112"}, outcome.line()


def test_the_corpus_has_pages_and_pastes_to_mutate() -> None:
    assert PAGES and TEXTS
    assert all(isinstance(path, Path) for path in PAGES)
