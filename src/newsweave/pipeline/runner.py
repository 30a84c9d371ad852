"""The runner: streams work through an executor and is the only writer of the store.

read (here) → parse and analyse (on the executor's workers) → store (here, one
transaction per document) → corpus resolution (here, at the end). Documents are stored
in input order whatever order the workers finish in, so every executor builds the same
store. Analyses are saved as they arrive, while the workers go on with the next batches:
parsing, spaCy and the store writes overlap.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import count

from newsweave.analyze.run import VERSION
from newsweave.errors import NewsweaveError
from newsweave.ingest.pipeline import Outcome
from newsweave.ingest.raw import RawItem
from newsweave.model import Document
from newsweave.pipeline.work import Analysed, Failure, Job, Parsed, input_hash
from newsweave.settings import Settings
from newsweave.store.analysis import (
    known_input,
    needs_analysis,
    pending_documents,
    record_failure,
    remember_input,
    save_analysis,
)
from newsweave.store.sqlite import Store


@dataclass
class Tally:
    """Progress so far (what a progress line shows)."""

    phase: str = "ingesting"
    inputs: int = 0
    stored: int = 0
    analysed: int = 0
    words: int = 0
    """Words of the documents analysed."""
    errors: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0


@dataclass
class Hooks:
    """What the runner tells its caller: each input's outcome, each document's analysis
    (None or the error/warning), and the tally after every step."""

    outcome: Callable[[Outcome], None] | None = None
    document: Callable[[str, NewsweaveError | None], None] | None = None
    progress: Callable[[Tally], None] | None = None


@dataclass
class RunReport:
    outcomes: list[Outcome] = field(default_factory=list)
    analysed: int = 0
    skipped: int = 0
    """Documents stored but not analysed (not English)."""
    errors: list[NewsweaveError] = field(default_factory=list)
    """Analysis failures of this run."""
    executor: str = ""

    @property
    def ingest_failed(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "failed")

    @property
    def ok(self) -> bool:
        return not self.errors and not self.ingest_failed


class Runner:
    """One run over one store: feeds an executor batches of jobs and stores its results."""

    def __init__(self, store: Store, settings: Settings, hooks: Hooks | None = None) -> None:
        self.store = store
        self.settings = settings
        self.hooks = hooks or Hooks()
        self.report = RunReport()
        self.tally = Tally()
        self._keys = count()
        self._order: deque[int] = deque()
        self._parsed: dict[int, Parsed] = {}
        self._inputs: dict[int, tuple[RawItem, str, bool]] = {}
        self._waiting: dict[int, tuple[Document, bool]] = {}
        """Stored documents whose analysis is on its way: (document, always save)."""
        self._early: dict[int, Analysed] = {}

    # -- feeding

    def raw_batches(
        self, items: Iterable[RawItem | NewsweaveError], analyse: bool
    ) -> Iterator[list[Job]]:
        """Batches of raw inputs to parse (and analyse); source errors and inputs already
        stored (same content hash) are settled here, never sent."""
        batch: list[Job] = []
        for item in items:
            self.tally.inputs += 1
            if isinstance(item, NewsweaveError):
                self.store.record_error(item.subject, item.code, item.reason)
                self._outcome(Outcome(item.subject, "failed", error=item))
                continue
            digest = input_hash(item)
            known = known_input(self.store, digest)
            if known is not None:
                self._outcome(Outcome(item.source, "duplicate", document_id=known))
                continue
            key = next(self._keys)
            self._order.append(key)
            self._inputs[key] = (item, digest, analyse)
            batch.append(Job(key, item, analyse))
            if len(batch) >= self.settings.analyze.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def document_batches(self, ids: Callable[[], Iterable[str]]) -> Iterator[list[Job]]:
        """Batches of stored documents to analyse; ``ids`` is called when the first batch
        is wanted (after the raw inputs, so documents stored by this run are known)."""
        busy = {document.id for document, _ in self._waiting.values()}
        batch: list[Job] = []
        for doc_id in ids():
            if doc_id in busy:
                continue
            document = self.store.get_document(doc_id)
            key = next(self._keys)
            self._waiting[key] = (document, True)
            batch.append(Job(key, document))
            if len(batch) >= self.settings.analyze.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def pending(self, *, retry_failed: bool = False) -> Callable[[], list[str]]:
        return lambda: pending_documents(self.store, VERSION, retry_failed=retry_failed)

    # -- results

    def take(self, message: Parsed | Analysed) -> None:
        """Store what a worker sent."""
        if isinstance(message, Parsed):
            if message.key in self._parsed or message.key not in self._inputs:
                return  # a retry of a job already settled
            self._parsed[message.key] = message
            while self._order and self._order[0] in self._parsed:
                self._commit(self._parsed.pop(self._order.popleft()))
        elif message.key in self._waiting:
            self._analysed(message)
        elif message.key in self._inputs:
            self._early[message.key] = message
        self._progress()

    def _commit(self, parsed: Parsed) -> None:
        item, digest, analyse = self._inputs.pop(parsed.key)
        if parsed.document is None:
            error = (parsed.failure or _lost(item.source)).error()
            self.store.record_error(item.source, error.code, error.reason)
            self._outcome(Outcome(item.source, "failed", error=error))
            self._early.pop(parsed.key, None)
            return
        document = parsed.document
        try:
            result = self.store.add_document(
                document,
                near_duplicate_threshold=self.settings.ingest.near_duplicate_threshold,
                signature=parsed.signature,
            )
            remember_input(self.store, digest, result.document_id)
        except NewsweaveError as error:
            self.store.record_error(item.source, error.code, error.reason)
            self._outcome(Outcome(item.source, "failed", error=error))
            self._early.pop(parsed.key, None)
            return
        if result.status != "duplicate":
            self.tally.stored += 1
        self._outcome(
            Outcome(
                item.source,
                result.status,
                document_id=result.document_id,
                near_duplicate_of=result.near_duplicate_of,
                words=document.word_count,
            )
        )
        if not analyse:
            return
        self._waiting[parsed.key] = (document, result.status != "duplicate")
        early = self._early.pop(parsed.key, None)
        if early is not None:
            self._analysed(early)

    def _analysed(self, message: Analysed) -> None:
        document, always = self._waiting.pop(message.key)
        if not always and not needs_analysis(self.store, document.id, VERSION):
            return  # an exact duplicate whose analysis is stored
        if message.failure is not None:
            error = message.failure.error()
            record_failure(self.store, document.id, VERSION, error.code, error.reason)
            self.store.record_error(document.source, error.code, error.reason)
            self.report.errors.append(error)
            self.tally.errors += 1
            self._document(document.id, error)
            return
        if message.analysis is None:
            return
        save_analysis(self.store, message.analysis, document.text)
        if message.warning is not None:
            self.report.skipped += 1
            self._document(document.id, message.warning.error())
            return
        self.report.analysed += 1
        self.tally.analysed += 1
        self.tally.words += document.word_count
        self._document(document.id, None)

    def finish(self) -> None:
        """Settle what no message came for (an executor that lost work)."""
        while self._order:
            key = self._order.popleft()
            parsed = self._parsed.pop(key, None)
            self._commit(parsed or Parsed(key, None, None))
        for key in list(self._waiting):
            document, _ = self._waiting[key]
            self._analysed(Analysed(key, document.id, None, _lost(document.source)))

    # -- hooks

    def _outcome(self, outcome: Outcome) -> None:
        self.report.outcomes.append(outcome)
        if outcome.status == "failed":
            self.tally.errors += 1
        if self.hooks.outcome:
            self.hooks.outcome(outcome)

    def _document(self, doc_id: str, error: NewsweaveError | None) -> None:
        if self.hooks.document:
            self.hooks.document(doc_id, error)

    def _progress(self) -> None:
        if self.hooks.progress:
            self.hooks.progress(self.tally)


def _lost(source: str) -> Failure:
    return Failure("NW143", source, "its worker was lost and the work was not done")
