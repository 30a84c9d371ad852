"""Standard input (the SOURCE ``-``): one document, HTML or plain text."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import BinaryIO

from newsweave.errors import NewsweaveError
from newsweave.ingest.raw import RawItem
from newsweave.ingest.sources.decode import Outcome, decode_bytes, guarded, sniff_format
from newsweave.settings import Settings

STDIN = "<stdin>"
"""How standard input is named in sources and errors."""


def iter_stdin(stream: BinaryIO | None, settings: Settings) -> Iterator[Outcome]:
    """The one document read from ``stream`` (standard input's bytes when None)."""
    return guarded(STDIN, _read(stream, settings.ingest.max_bytes))


def _read(stream: BinaryIO | None, limit: int) -> Iterator[Outcome]:
    source = stream if stream is not None else sys.stdin.buffer
    data = source.read(limit + 1)
    if len(data) > limit:
        raise NewsweaveError("NW105", STDIN, f"more than ingest.max_bytes ({limit} bytes)")
    text = decode_bytes(data, STDIN)
    yield RawItem(STDIN, text, sniff_format(text, ""))
