"""Frozen records. Every fact carries its :class:`Evidence`."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from newsweave.model.dates import PartialDate


class Role(StrEnum):
    """What a segment of a page is. Only body, headline and standfirst feed extraction."""

    HEADLINE = "headline"
    STANDFIRST = "standfirst"
    BODY = "body"
    CAPTION = "caption"
    BYLINE = "byline"
    AUTHOR_BIO = "author-bio"
    DISCLAIMER = "disclaimer"
    BOILERPLATE = "boilerplate"

    @property
    def feeds_extraction(self) -> bool:
        return self in (Role.HEADLINE, Role.STANDFIRST, Role.BODY)


@dataclass(frozen=True)
class Evidence:
    """Where a fact is stated: offsets into a document's clean text (end exclusive)."""

    document: str
    start: int
    end: int
    text: str
    stage: str
    version: str
    confidence: float | None = None


@dataclass(frozen=True)
class Segment:
    """A paragraph-like block of the clean text with its role."""

    role: Role
    start: int
    end: int


@dataclass(frozen=True)
class DateStatement:
    """Where a document's date comes from and how sure we are of it."""

    value: PartialDate
    source: str
    """``html-meta``, ``feed``, ``jsonl``, ``dateline``, ``byline``, ``author-bio``, ``caption``,
    ``file-name`` (a date in the file name or URL path), ``capture-date``."""
    inferred: bool
    """True when no publication date is stated and this is the best date the text gives."""
    evidence: Evidence | None = None
    """The sentence stating the date, when it is in the clean text."""


@dataclass(frozen=True)
class Document:
    """One article: its clean text, segments and metadata. ``id`` hashes the clean text."""

    id: str
    source: str
    text: str
    segments: tuple[Segment, ...]
    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    date: DateStatement | None = None
    language: str | None = None
    genre: str = "news"
    url: str | None = None
    format: str = "text"
    """The format it was read from: ``html`` or ``text``."""
    near_duplicate_of: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())
    """Free metadata kept for display (key, value) pairs, e.g. the dateline place."""

    @property
    def published(self) -> PartialDate | None:
        return self.date.value if self.date else None

    def segment_text(self, segment: Segment) -> str:
        return self.text[segment.start : segment.end]

    def role_text(self, *roles: Role) -> str:
        """The text of every segment with one of ``roles``, paragraphs joined by a blank line."""
        return "\n\n".join(self.segment_text(s) for s in self.segments if s.role in roles)

    @property
    def body_text(self) -> str:
        return self.role_text(Role.BODY)

    @property
    def word_count(self) -> int:
        return len(self.text.split())
