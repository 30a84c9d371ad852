"""What a source reader hands to the parser: decoded content plus metadata hints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Format = Literal["html", "text"]


@dataclass(frozen=True)
class Hints:
    """Metadata a source knows better than the page itself (feed, JSONL, HTTP)."""

    title: str | None = None
    published: str | None = None
    """An ISO date or datetime string (``2024-01-09`` or ``2024-01-09T08:30:00Z``)."""
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    url: str | None = None
    captured: str | None = None
    """When the page was captured (WARC-Date, HTTP Last-Modified): an upper bound and a last
    resort for the publication date, never the page's own date."""


@dataclass(frozen=True)
class RawItem:
    """One article's decoded content, ready to be parsed into a Document."""

    source: str
    """What names it for the user: a path, a URL, ``path#line=3`` or ``path#record=2``."""
    content: str
    format: Format
    hints: Hints = Hints()
