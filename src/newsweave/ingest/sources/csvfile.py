"""CSV and TSV (``.csv``, ``.tsv``) article tables: one record per row.

The header row names the columns, and a row is read as a JSON record is
(:func:`newsweave.ingest.sources.jsonl.record_item`): ``text`` or ``html`` is the article,
``url``, ``title``, ``published`` (or ``date`` and its kin), ``authors`` and ``publisher``
are optional. Data sets are often shipped this way (a Wikinews dump, a newsroom's export).
Each row is an item named ``subject#row=N`` (N counts data rows from 1); a row without
text is an error for that row and the others go on. A field longer than
``ingest.max_bytes`` or a line the CSV parser cannot read ends the file with an error
naming the row (a CSV reader cannot find the next row's start after a broken quote), and
the rows before it are kept. The file is streamed, never read whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from newsweave.errors import NewsweaveError
from newsweave.ingest.sources.decode import Outcome, check_bytes, guarded, open_regular
from newsweave.ingest.sources.jsonl import record_item

_HEAD = 8192
_LIMIT = 50_000_000
"""The default of ingest.max_bytes, for callers that pass no limit."""


def iter_csv(path: Path, subject: str, limit: int = _LIMIT) -> Iterator[Outcome]:
    """One item per data row of the CSV (``.csv``) or tab-separated (``.tsv``) file."""
    return guarded(subject, _iter_csv(path, subject, limit))


def _iter_csv(path: Path, subject: str, limit: int) -> Iterator[Outcome]:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with open_regular(path, subject) as handle:
        check_bytes(handle.read(_HEAD), subject)
        handle.seek(0)
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        previous = csv.field_size_limit(limit)
        try:
            yield from _rows(csv.reader(text, delimiter=delimiter), subject)
        finally:
            csv.field_size_limit(previous)


def _rows(reader: Iterator[list[str]], subject: str) -> Iterator[Outcome]:
    number = 0
    try:
        header = [name.strip() for name in next(reader, [])]
        if not any(header):
            raise NewsweaveError("NW103", subject, "no header row")
        if "text" not in header and "html" not in header:
            columns = ", ".join(name for name in header if name)[:200]
            reason = f'no "text" or "html" column (columns: {columns})'
            raise NewsweaveError("NW135", subject, reason)
        for row in reader:
            number += 1
            if not any(cell.strip() for cell in row):
                continue
            yield _row_outcome(dict(zip(header, row, strict=False)), f"{subject}#row={number}")
    except csv.Error as exc:
        where = f"{subject}#row={number + 1}"
        raise NewsweaveError("NW135", where, f"unreadable CSV: {exc}") from exc
    except UnicodeDecodeError as exc:
        where = f"{subject}#row={number + 1}"
        reason = f"not UTF-8 ({exc.reason} at byte {exc.start} of a chunk)"
        raise NewsweaveError("NW135", where, reason) from exc


def _row_outcome(record: dict[str, str], where: str) -> Outcome:
    if any("\x00" in value for value in record.values()):
        return NewsweaveError("NW102", where, "a NUL byte: this row is not text")
    try:
        return record_item(record, where)
    except NewsweaveError as error:
        if error.code == "NW112":  # the JSON reader's wording; this is a table row
            return NewsweaveError("NW135", where, "the row has no text or html")
        return error
