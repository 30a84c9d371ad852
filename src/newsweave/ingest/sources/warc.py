"""WARC archives (``.warc``, ``.warc.gz``): each HTML page captured with status 200.

Records are numbered from 1 in archive order (every record counts, so ``path#record=N``
finds it again). A damaged archive yields the pages read before the damage, then NW107.

Budgets (streamed, nothing is read whole): a page's payload, after every decompression, is at
most ``ingest.max_bytes`` (NW105 for that record, the archive goes on); the records' declared
lengths together are at most ``ingest.max_expansion`` times the file's size on disk (and at
least ``ingest.max_bytes``), checked before a record is decompressed (NW128 ends the archive),
so a small ``.warc.gz`` that expands to gigabytes ends at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from newsweave.errors import NewsweaveError
from newsweave.ingest.raw import Hints, RawItem
from newsweave.ingest.sources.decode import Outcome, decode_bytes, guarded
from newsweave.ingest.sources.http import split_content_type
from newsweave.settings import IngestSettings

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 65536
_HEADER_LINE = 1 << 20
"""Longest WARC or HTTP header line read, in bytes."""


def iter_warc(path: Path, subject: str, limits: IngestSettings | None = None) -> Iterator[Outcome]:
    """The HTML pages in the WARC file at ``path`` as items named ``subject#record=N``."""
    return guarded(subject, _iter_warc(path, subject, limits or IngestSettings()))


def _iter_warc(path: Path, subject: str, limits: IngestSettings) -> Iterator[Outcome]:
    size = path.stat().st_size
    allowed = max(limits.max_bytes, int(limits.max_expansion * size))
    expanded = 0
    pages = 0
    with path.open("rb") as handle:
        records = _Archive(handle)
        number = 0
        for number, record in enumerate(_records(records, subject), 1):
            expanded += _declared_length(record, subject, number)
            if expanded > allowed:
                reason = (
                    f"record {number} takes the archive past {allowed} bytes expanded from "
                    f"{size} on disk (ingest.max_expansion {limits.max_expansion:g}x)"
                )
                raise NewsweaveError("NW128", subject, reason)
            outcome = _record_outcome(record, subject, number, limits.max_bytes)
            if outcome is not None:
                pages += 1
                yield outcome
        if records.gzip_cut:
            raise NewsweaveError("NW107", subject, f"the gzip data ends inside record {number}")
        if records.offset < size:
            reason = f"{size - records.offset} bytes after record {number} could not be read"
            raise NewsweaveError("NW107", subject, reason)
    if pages == 0:
        raise NewsweaveError("NW103", subject, "the archive holds no HTML page captured with 200")


def _declared_length(record: Any, subject: str, number: int) -> int:
    """The record's Content-Length (mandatory in WARC); NW107 when missing or garbled."""
    declared = str(record.rec_headers.get_header("Content-Length") or "").strip()
    if not declared.isdigit():  # missing or garbled, the header was cut
        raise NewsweaveError("NW107", subject, f"record {number} has an incomplete header")
    return int(declared)


class _Archive(ArchiveIterator):  # type: ignore[misc]  # warcio is untyped
    """warcio's iterator, noting whether the last gzip member ended properly, and reading
    header lines of at most ``_HEADER_LINE`` bytes (warcio would read a line of any length
    into memory)."""

    gzip_cut = False

    def __init__(self, handle: Any) -> None:
        super().__init__(handle)
        readline = self.reader.readline

        def bounded(length: int | None = None) -> bytes:
            if length is not None and length <= _HEADER_LINE:
                return bytes(readline(length))
            line = bytes(readline(_HEADER_LINE))
            if len(line) >= _HEADER_LINE and not line.endswith(b"\n"):
                raise ValueError(f"a header line longer than {_HEADER_LINE} bytes")
            return line

        self.reader.readline = bounded

    def close(self) -> None:
        decompressor = getattr(self.reader, "decompressor", None)
        if decompressor is not None and not getattr(decompressor, "eof", True):
            self.gzip_cut = True
        super().close()


def _records(records: Any, subject: str) -> Iterator[Any]:
    """The archive's records; NW107 when the archive cannot be read past one."""
    number = 0
    while True:
        number += 1
        try:
            record = next(records, None)
        except Exception as exc:  # warcio raises many kinds on damaged input
            what = "not a WARC file" if number == 1 else f"record {number} is damaged"
            raise NewsweaveError("NW107", subject, f"{what}: {_first_line(exc)}") from exc
        if record is None:
            return
        yield record


def _record_outcome(record: Any, subject: str, number: int, limit: int) -> Outcome | None:
    """The page in one record, an error for it, or None for records that are not pages."""
    where = f"{subject}#record={number}"
    media_type, charset = _page_type(record)
    payload = _read_payload(record, where, limit) if media_type in HTML_TYPES else None
    _drain(record, subject, number)
    if payload is None:
        return None
    if isinstance(payload, NewsweaveError):
        return payload
    try:
        text = decode_bytes(payload, where, declared=charset)
    except NewsweaveError as error:
        return error
    return RawItem(where, text, "html", _hints(record))


def _page_type(record: Any) -> tuple[str | None, str | None]:
    """The media type and charset of a response (status 200) or resource record."""
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None or headers.get_statuscode() != "200":
            return None, None
        return split_content_type(headers.get_header("Content-Type") or "")
    if record.rec_type == "resource":
        return split_content_type(record.rec_headers.get_header("Content-Type") or "")
    return None, None


def _read_payload(record: Any, where: str, limit: int) -> bytes | NewsweaveError:
    """The decoded payload, read in chunks; NW105 past ``limit`` bytes (ingest.max_bytes)."""
    chunks: list[bytes] = []
    size = 0
    try:
        stream = record.content_stream()
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                reason = f"the page is larger than ingest.max_bytes ({limit} bytes)"
                return NewsweaveError("NW105", where, reason)
            chunks.append(bytes(chunk))
    except Exception as exc:  # a bad chunked or gzip body: this record only
        return NewsweaveError("NW107", where, f"unreadable payload: {_first_line(exc)}")
    return b"".join(chunks)


def _drain(record: Any, subject: str, number: int) -> None:
    """Read the rest of the record; NW107 if the archive ends inside it."""
    declared = str(record.rec_headers.get_header("Content-Length") or "").strip()
    if not declared.isdigit():  # mandatory in WARC: missing or garbled, the header was cut
        raise NewsweaveError("NW107", subject, f"record {number} has an incomplete header")
    stream = record.raw_stream
    try:
        while stream.read(_CHUNK):
            pass
    except Exception as exc:
        raise NewsweaveError("NW107", subject, f"record {number}: {_first_line(exc)}") from exc
    missing = getattr(stream, "limit", 0)
    if missing:
        raise NewsweaveError(
            "NW107", subject, f"truncated in record {number} ({missing} bytes short)"
        )


def _hints(record: Any) -> Hints:
    headers = record.rec_headers
    return Hints(
        url=headers.get_header("WARC-Target-URI") or None,
        captured=headers.get_header("WARC-Date") or None,
    )


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return (lines[0] if lines else type(exc).__name__)[:160]
