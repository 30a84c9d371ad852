"""The ingest run: sources → raw items → documents → store, one input at a time.

A failure is reported for its input and the batch goes on; each document is stored in its
own transaction, so a crash halfway keeps everything stored before it; ids are content
hashes, so running the same batch again changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO, Literal

from newsweave.errors import NewsweaveError
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import RawItem
from newsweave.ingest.sources import iter_sources
from newsweave.settings import Settings
from newsweave.store.sqlite import Store

Status = Literal["new", "duplicate", "near-duplicate", "failed"]


@dataclass(frozen=True)
class Outcome:
    """What became of one input."""

    source: str
    status: Status
    document_id: str | None = None
    near_duplicate_of: str | None = None
    error: NewsweaveError | None = None
    words: int = 0


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        return Counter(o.status for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest(
    sources: Iterable[str],
    store: Store,
    settings: Settings,
    *,
    follow_links: bool | None = None,
    stdin: BinaryIO | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> IngestReport:
    """Read every source into ``store``; report what became of each input."""
    report = IngestReport()
    follow = settings.ingest.follow_feed_links if follow_links is None else follow_links
    for item in iter_sources(sources, settings, follow_links=follow, stdin=stdin):
        outcome = _one(item, store, settings)
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return report


def _one(item: RawItem | NewsweaveError, store: Store, settings: Settings) -> Outcome:
    if isinstance(item, NewsweaveError):
        store.record_error(item.subject, item.code, item.reason)
        return Outcome(item.subject, "failed", error=item)
    try:
        document = parse(item, min_words=settings.ingest.min_words, limits=settings.ingest)
        result = store.add_document(
            document, near_duplicate_threshold=settings.ingest.near_duplicate_threshold
        )
    except NewsweaveError as error:
        store.record_error(item.source, error.code, error.reason)
        return Outcome(item.source, "failed", error=error)
    except Exception as exc:  # one bad input must not stop the batch
        crash = NewsweaveError("NW901", item.source, f"{type(exc).__name__}: {exc}")
        store.record_error(item.source, crash.code, crash.reason)
        return Outcome(item.source, "failed", error=crash)
    store.clear_error(item.source)
    return Outcome(
        item.source,
        result.status,
        document_id=result.document_id,
        near_duplicate_of=result.near_duplicate_of,
        words=document.word_count,
    )
