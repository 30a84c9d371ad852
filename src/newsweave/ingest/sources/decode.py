"""Bytes to text, the one way every source reader does it; plus the helpers they share.

``decode_bytes`` refuses binary and empty input, honours a byte-order mark, then a declared
charset (HTTP header, ``<meta charset>`` or the XML declaration), then UTF-8, then a guess,
and hands back text with ``\\n`` newlines. ``sniff_format`` tells HTML from plain text.
``guarded`` turns what a reader raises into yielded errors so a batch goes on.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from newsweave.errors import NewsweaveError
from newsweave.ingest.raw import Format, RawItem

Outcome = RawItem | NewsweaveError
"""What a source reader yields: an item, or the error about one input or one part of it."""

_HEAD = 8192
"""Bytes inspected for binary signatures, declared charsets and format sniffing."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"BZh91AY&SY", "bzip2-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x7fELF", "an executable"),
    (b"MZ\x90\x00", "an executable"),
    (b"OggS", "an Ogg media file"),
    (b"ID3\x03", "an MP3 file"),
    (b"ID3\x04", "an MP3 file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_CONTROL = frozenset(range(0x20)) - frozenset(b"\t\n\r\f\v\x1b") | {0x7F}
_CONTROL_RATIO = 0.1
"""Above this share of control bytes, content is binary."""

_UTF16_HIGH_BYTES = 64
"""At most this many distinct high bytes in a UTF-16 sample (text uses a few script blocks;
binary data uses them all)."""
_UTF16_ZERO_SHARE = 0.1
"""Share of zero high bytes (spaces, digits, ASCII punctuation) a UTF-16 sample must have:
text with a stray NUL byte is not UTF-16."""
_UTF16_PRINTABLE = 0.95
"""Share of printable characters a UTF-16 sample must decode to."""

_DTD_SCAN = 65536
"""Entity declarations live in the DOCTYPE's internal subset, at the start of a document."""
_ENTITY_DECL = re.compile(rb"<\x00?!\x00?E\x00?N\x00?T\x00?I\x00?T\x00?Y", re.I)
"""``<!ENTITY`` in UTF-8 and its ASCII-compatible kin, and in UTF-16 (either byte order)."""
_ENTITY_TEXT = re.compile(r"<!ENTITY", re.I)

_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)", re.I)

_LATIN_FAMILY = frozenset({"ascii", "latin_1", "iso8859_1", "iso8859_15", "cp1252"})
"""Codecs that servers and pages name by default, often wrongly, for UTF-8 content."""

_HTML_START = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<p[\s>]|<article[\s>]|<div[\s>]|<meta\s",
    re.I,
)
_HTML_DOCUMENT = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]", re.I)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")


def open_regular(path: Path, subject: str) -> BinaryIO:
    """``path`` opened for reading; NW133 for a symbolic link loop, NW102 for anything but a
    regular file (a FIFO or a device would block or never end)."""
    try:  # non-blocking: opening a FIFO must not wait for a writer
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NewsweaveError("NW133", subject, "a symbolic link loop") from exc
        raise
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise NewsweaveError("NW102", subject, "not a regular file (a device, FIFO or socket)")
    os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb")


def read_limited(path: Path, subject: str, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, never more than ``limit`` read
    (NW105 beyond it, naming ``ingest.max_bytes``)."""
    with open_regular(path, subject) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise NewsweaveError("NW105", subject, f"more than ingest.max_bytes ({limit} bytes)")
    return data


def check_bytes(data: bytes, subject: str, *, lines: bool = False) -> None:
    """Raise NW103 for empty input and NW102 for binary input; return for text.

    With ``lines`` (JSON Lines), NUL bytes are left for the per-line check, so one bad line
    does not reject its neighbours.
    """
    if not data.strip():
        raise NewsweaveError("NW103", subject, "no content")
    if _bom_encoding(data) is not None:
        return
    head = data[:_HEAD]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise NewsweaveError("NW102", subject, f"this is {what}")
    if _utf16_guess(head) is not None:
        return
    if b"\x00" in head and not lines:
        raise NewsweaveError("NW102", subject, "NUL bytes: this is not text")
    controls = sum(1 for byte in head if byte in _CONTROL)
    if controls > _CONTROL_RATIO * len(head):
        raise NewsweaveError("NW102", subject, f"{controls} control bytes in {len(head)}")


def refuse_entities(data: bytes | str, subject: str) -> None:
    """Raise NW131 when a document type declaration declares entities (the "billion laughs"
    expansion, or external entities): no feed or article page needs them."""
    head = data[:_DTD_SCAN]
    found = _ENTITY_DECL.search(head) if isinstance(head, bytes) else _ENTITY_TEXT.search(head)
    if found is not None:
        raise NewsweaveError("NW131", subject, "the document declares XML entities (<!ENTITY)")


def decode_bytes(data: bytes, subject: str, declared: str | None = None) -> str:
    """Decode ``data`` to text with ``\\n`` newlines.

    Order: byte-order mark, ``declared`` (e.g. the HTTP header's charset), the charset the
    content declares itself (``<meta charset>``, XML declaration), UTF-8, then a guess.
    Raises NW102 (binary), NW103 (empty) or NW104 (no credible decoding), naming ``subject``.
    """
    check_bytes(data, subject)
    text = _decode(data, declared)
    if text is None:
        raise NewsweaveError("NW104", subject, "no character encoding decodes it credibly")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NewsweaveError("NW103", subject, "only whitespace")
    return text


def sniff_format(text: str, name: str) -> Format:
    """``html`` or ``text``: by the name's extension first, then by the first lines."""
    lowered = name.lower()
    if lowered.endswith(_HTML_SUFFIXES):
        return "html"
    if lowered.endswith(_TEXT_SUFFIXES):
        return "text"
    head = text[:1024].lstrip()
    if head.startswith("<") and _HTML_START.search(head):
        return "html"
    return "html" if _HTML_DOCUMENT.search(head) else "text"


def declared_charset(data: bytes) -> str | None:
    """The charset the content names for itself: ``<meta charset>`` or the XML declaration."""
    head = data[:_HEAD]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def guarded(subject: str, items: Iterator[Outcome]) -> Iterator[Outcome]:
    """Yield from ``items``; what they raise ends them as one yielded error.

    A :class:`NewsweaveError` is yielded as is, an ``OSError`` becomes NW101 and any other
    exception NW901, naming ``subject``, so one bad input never stops a batch.
    """
    try:
        yield from items
    except NewsweaveError as error:
        yield error
    except OSError as exc:
        yield NewsweaveError("NW101", subject, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:
        yield NewsweaveError("NW901", subject, f"{type(exc).__name__}: {exc}")


def _decode(data: bytes, declared: str | None) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _try(data[len(bom) :], encoding)
    utf16 = _utf16_guess(data[:_HEAD])
    if utf16 is not None:
        return _try(data, utf16)
    for label in (declared, declared_charset(data)):
        text = _decode_declared(data, label)
        if text is not None:
            return text
    text = _try(data, "utf-8")
    if text is not None:
        return text
    return _guess(data)


def _decode_declared(data: bytes, label: str | None) -> str | None:
    codec = _codec_name(label)
    if codec is None or codec.startswith(("utf_16", "utf_32")):
        return None  # WHATWG: a declared UTF-16 without a BOM means UTF-8
    if codec in _LATIN_FAMILY:
        if not data.isascii() and _try(data, "utf-8") is not None:
            return None  # valid UTF-8 mislabelled as Latin-1: let UTF-8 have it
        return _try(data, "cp1252") or _try(data, "latin-1")
    return _try(data, codec)


def _guess(data: bytes) -> str | None:
    ascii_share = sum(1 for byte in data[:_HEAD] if byte < 0x80) / max(1, len(data[:_HEAD]))
    if ascii_share >= 0.9:
        text = _try(data, "cp1252")
        if text is not None:
            return text  # mostly-English text with a few Western European characters
    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best)


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("\"'")).name.replace("-", "_")
    except (LookupError, ValueError):  # unknown, or a label with a NUL byte
        return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _utf16_guess(head: bytes) -> str | None:
    """UTF-16 without a BOM: the NUL bytes (high bytes of ASCII spaces, digits, letters) all
    on one side, the high bytes drawn from a few script blocks, and the sample decoding to
    printable text. Holds for English and for Cyrillic, Greek, Arabic or CJK text alike."""
    sample = head[: len(head) - len(head) % 2][:1024]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if high.count(0) < _UTF16_ZERO_SHARE * len(high) or low.count(0) > 0.05 * len(low):
            continue
        if len(set(high)) > _UTF16_HIGH_BYTES:
            continue
        text = sample.decode(encoding, errors="replace")
        shown = sum(1 for char in text if char.isprintable() or char in "\t\n\r")
        if shown >= _UTF16_PRINTABLE * len(text):
            return encoding
    return None
