"""JSON Lines (``.jsonl``) and JSON (``.json``) article records.

A record is an object with ``html`` or ``text`` (``html`` wins when both are there) and
optional ``url``, ``title``, ``published`` (or one of the other names dumps give the
publication date: ``date``, ``date_published``, ``datePublished``, ``published_at``,
``publish_date``, ``pubdate``), ``authors`` / ``author`` / ``byline`` (a list or a string),
``publisher`` / ``source`` / ``site``. The CSV reader hands its rows here too. A bad line
is an NW112 for that line; the others go on.
A JSONL file may be of any size: each line is read up to ``ingest.max_bytes`` (NW105 for a
longer line, never read whole), and a NUL byte rejects only its line (NW102).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from newsweave.errors import NewsweaveError
from newsweave.ingest.raw import Format, Hints, RawItem
from newsweave.ingest.sources.decode import (
    Outcome,
    check_bytes,
    decode_bytes,
    guarded,
    open_regular,
    read_limited,
)

_PUBLISHER_KEYS = ("publisher", "source", "site")
_PUBLISHED_KEYS = (
    "published",
    "date_published",
    "datePublished",
    "published_at",
    "publish_date",
    "pubdate",
    "date",
)
"""Where record dumps put the publication date (ours, schema.org's, common scraper and
dataset columns such as Wikinews' ``date``); the first one present wins."""
_AUTHOR_KEYS = ("authors", "author", "byline")
"""Where record dumps put the authors; the first one present wins."""
_HEAD = 8192
_CHUNK = 1 << 20
_LIMIT = 50_000_000
"""The default of ingest.max_bytes, for callers that pass no limit."""


def iter_jsonl(path: Path, subject: str, limit: int = _LIMIT) -> Iterator[Outcome]:
    """One item per non-blank line of the JSONL file, named ``subject#line=N``; a line
    longer than ``limit`` bytes (ingest.max_bytes) is NW105, never read whole."""
    return guarded(subject, _iter_jsonl(path, subject, limit))


def iter_json(path: Path, subject: str, limit: int = _LIMIT) -> Iterator[Outcome]:
    """The records of a JSON file: one object (named ``subject``) or a list of them
    (named ``subject#item=N``); NW105 past ``limit`` bytes."""
    return guarded(subject, _iter_json(path, subject, limit))


def record_item(record: Any, source: str) -> RawItem:
    """The item one JSON record describes; NW112 if it is not an object with text or html."""
    if not isinstance(record, dict):
        raise NewsweaveError("NW112", source, f"a JSON {_json_type(record)}, not an object")
    content, fmt = _content(record, source)
    return RawItem(source, content.replace("\r\n", "\n").replace("\r", "\n"), fmt, _hints(record))


def _iter_jsonl(path: Path, subject: str, limit: int) -> Iterator[Outcome]:
    with open_regular(path, subject) as handle:
        check_bytes(handle.read(_HEAD), subject, lines=True)
        handle.seek(0)
        number = 0
        while line := handle.readline(limit + 1):
            number += 1
            where = f"{subject}#line={number}"
            if len(line) > limit and not line.endswith(b"\n"):
                _skip_line(handle)
                reason = f"a line longer than ingest.max_bytes ({limit} bytes)"
                yield NewsweaveError("NW105", where, reason)
                continue
            if number == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            if line.strip():
                yield _line_outcome(line, where)


def _skip_line(handle: BinaryIO) -> None:
    """Read past the end of the current line, a bounded chunk at a time."""
    while chunk := handle.readline(_CHUNK):
        if chunk.endswith(b"\n"):
            return


def _line_outcome(line: bytes, where: str) -> Outcome:
    if b"\x00" in line:
        return NewsweaveError("NW102", where, "a NUL byte: this line is not text")
    try:
        record = json.loads(line)
    except UnicodeDecodeError as exc:
        return NewsweaveError("NW112", where, f"not UTF-8 ({exc.reason} at byte {exc.start})")
    except json.JSONDecodeError as exc:
        return NewsweaveError("NW112", where, f"invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return NewsweaveError("NW112", where, "JSON nested too deeply")
    try:
        return record_item(record, where)
    except NewsweaveError as error:
        return error


def _iter_json(path: Path, subject: str, limit: int) -> Iterator[Outcome]:
    text = decode_bytes(read_limited(path, subject, limit), subject)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        raise NewsweaveError("NW112", subject, reason) from exc
    except RecursionError:
        raise NewsweaveError("NW112", subject, "JSON nested too deeply") from None
    if not isinstance(document, list):
        yield record_item(document, subject)
        return
    if not document:
        raise NewsweaveError("NW103", subject, "an empty JSON list")
    for number, record in enumerate(document, 1):
        where = f"{subject}#item={number}"
        try:
            yield record_item(record, where)
        except NewsweaveError as error:
            yield error


def _content(record: Mapping[str, Any], source: str) -> tuple[str, Format]:
    for key in ("html", "text"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            fmt: Format = "html" if key == "html" else "text"
            return value, fmt
    if any(isinstance(record.get(key), str) for key in ("html", "text")):
        raise NewsweaveError("NW103", source, "the record's text is blank")
    raise NewsweaveError("NW112", source, 'the record has no "text" or "html" string')


def _hints(record: Mapping[str, Any]) -> Hints:
    return Hints(
        title=_string(record.get("title")),
        published=_published(_first(record, _PUBLISHED_KEYS)),
        authors=_authors(_first(record, _AUTHOR_KEYS)),
        publisher=_publisher(record),
        url=_string(record.get("url")),
    )


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    """The value of the first of ``keys`` the record has with a non-blank value."""
    for key in keys:
        value = record.get(key)
        if value is not None and value != "" and value != []:
            return value
    return None


def _string(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _published(value: Any) -> str | None:
    """An ISO string as given, or a Unix timestamp (seconds) as an ISO UTC datetime."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            moment = dt.datetime.fromtimestamp(value, tz=dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return _string(value)


def _authors(value: Any) -> tuple[str, ...]:
    """A list of names (strings, or objects with ``name``), or one string split on ``;``."""
    if isinstance(value, str):
        value = value.split(";")
    if not isinstance(value, list):
        return ()
    names: list[str] = []
    for entry in value:
        name = _string(entry.get("name") if isinstance(entry, dict) else entry)
        if name and name[:3].lower() == "by ":  # a byline column: "By Ana Ruiz"
            name = _string(name[3:])
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _publisher(record: Mapping[str, Any]) -> str | None:
    for key in _PUBLISHER_KEYS:
        value = record.get(key)
        name = _string(value.get("name") if isinstance(value, dict) else value)
        if name:
            return name
    return None


def _json_type(value: Any) -> str:
    names = {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
