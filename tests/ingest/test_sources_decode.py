"""Bytes to text: binary and empty input, BOMs, declared charsets, guesses, format sniffing."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.errors import NewsweaveError
from newsweave.ingest.sources.decode import declared_charset, decode_bytes, sniff_format


def decode_error(data: bytes, declared: str | None = None) -> NewsweaveError:
    with pytest.raises(NewsweaveError) as caught:
        decode_bytes(data, "sample.html", declared)
    assert caught.value.subject == "sample.html"
    return caught.value


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"PK\x03\x04\x14\x00\x06\x00",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        b"GIF89a\x01\x00\x01\x00",
        b"plain words then a NUL \x00 byte and more words",
        random.Random(7).randbytes(400).translate(bytes(i % 32 for i in range(256))),
    ],
)
def test_binary_is_nw102(data: bytes) -> None:
    assert decode_error(data).code == "NW102"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b" \n"])
def test_empty_is_nw103(data: bytes) -> None:
    assert decode_error(data).code == "NW103"


def test_random_high_bytes_are_nw104() -> None:
    noise = random.Random(3).randbytes(3000).translate(bytes(0x80 | i for i in range(256)))
    assert decode_error(noise).code == "NW104"


def test_utf8_with_bom_and_crlf() -> None:
    data = codecs.BOM_UTF8 + "Zürich\r\nGenève\rBasel\n".encode()
    assert decode_bytes(data, "x") == "Zürich\nGenève\nBasel\n"


_COLOGNE = "Die Stadt Köln meldete 14 Verletzte.\n"


@pytest.mark.parametrize(
    "data",
    [
        _COLOGNE.encode("utf-16"),
        codecs.BOM_UTF16_BE + _COLOGNE.encode("utf-16-be"),
        _COLOGNE.encode("utf-16-le"),
        _COLOGNE.encode("utf-32"),
    ],
    ids=["utf-16-bom", "utf-16-be-bom", "utf-16-le-no-bom", "utf-32-bom"],
)
def test_utf16_and_utf32(data: bytes) -> None:
    assert decode_bytes(data, "x") == _COLOGNE


def test_declared_charset_wins() -> None:
    data = "Ελληνικά νέα".encode("iso-8859-7")
    assert decode_bytes(data, "x", declared="iso-8859-7") == "Ελληνικά νέα"


def test_meta_charset_is_used() -> None:
    data = '<html><head><meta charset="windows-1251"></head><body>Новости</body></html>'
    assert "Новости" in decode_bytes(data.encode("cp1251"), "x")


def test_latin1_label_means_windows_1252() -> None:
    data = b"<meta charset=iso-8859-1><p>\x93Quoted\x94 caf\xe9</p>"
    assert "\u201cQuoted\u201d café" in decode_bytes(data, "x")


def test_utf8_mislabelled_as_latin1_stays_utf8() -> None:
    data = "<meta charset=iso-8859-1><p>naïve café</p>".encode()
    assert "naïve café" in decode_bytes(data, "x", declared="ISO-8859-1")


def test_unknown_declared_charset_is_ignored() -> None:
    assert decode_bytes("résumé".encode(), "x", declared="x-made-up") == "résumé"


def test_mostly_ascii_with_stray_bytes_decodes() -> None:
    data = b"The minister said the plan was ready.\n" * 20 + b"Caf\xe9 owners disagreed.\n"
    assert decode_bytes(data, "x").endswith("Café owners disagreed.\n")


def test_declared_charset_sniffing() -> None:
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>') == "ISO-8859-1"
    content = b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    assert declared_charset(content) == "Shift_JIS"
    assert declared_charset(b"<html><body>none</body></html>") is None


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("just words", "a.html", "html"),
        ("<html><body>x</body></html>", "a.txt", "text"),
        ("<!DOCTYPE html><html>", "", "html"),
        ("\n  <p>A fragment.</p>", "", "html"),
        ("Headline\n\n<body> tags are rare in prose", "", "html"),
        ("A plain report.\nSecond line.", "", "text"),
        ("x < y and y > z", "notes", "text"),
        ("# Title\n\nBody", "README.md", "text"),
    ],
)
def test_sniff_format(text: str, name: str, expected: str) -> None:
    assert sniff_format(text, name) == expected


printable = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff"
    ),
    min_size=1,
).filter(lambda text: bool(text.strip()))


@given(printable)
def test_utf8_round_trips(text: str) -> None:
    assert decode_bytes(text.encode(), "x") == text
