"""What runs on a worker, whatever the executor: raw inputs parsed into documents, and
documents analysed by the pure stages (``analyze.run.analyze``).

Nothing here touches the store. The spaCy pipeline and the gazetteer are loaded once per
process (:func:`tools`) and never pickled; jobs and results are small frozen records that
travel between processes as they are.
"""

from __future__ import annotations

import gc
import hashlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsweave.analyze.context import ExtraPlace
from newsweave.analyze.gazetteer import Gazetteer, load_places_file
from newsweave.analyze.run import LANGUAGES, analyze, skipped
from newsweave.errors import NewsweaveError
from newsweave.ingest.dedup import signature_or_none
from newsweave.ingest.raw import RawItem
from newsweave.model import Document
from newsweave.model.facts import DocAnalysis
from newsweave.settings import Settings


@dataclass(frozen=True)
class Failure:
    """A user-facing error in a form that pickles (NewsweaveError does not round-trip)."""

    code: str
    subject: str
    reason: str

    @classmethod
    def of(cls, error: NewsweaveError) -> Failure:
        return cls(error.code, error.subject, error.reason)

    def error(self) -> NewsweaveError:
        return NewsweaveError(self.code, self.subject, self.reason)


@dataclass(frozen=True)
class Job:
    """One unit of work: a raw input to parse then analyse, or a stored document to
    analyse. ``key`` is the runner's number for it (documents are stored in key order)."""

    key: int
    item: RawItem | Document
    analyse: bool = True


@dataclass(frozen=True)
class Parsed:
    """A raw input became a document (or failed to)."""

    key: int
    document: Document | None
    failure: Failure | None = None
    signature: tuple[int, ...] | None = None
    """MinHash of the body text (computed on the worker, for the store's near-duplicate
    check)."""


@dataclass(frozen=True)
class Analysed:
    """A document's analysis (or why there is none). ``warning`` is set for documents
    stored but not analysed (not English: NW115)."""

    key: int
    document_id: str
    analysis: DocAnalysis | None
    failure: Failure | None = None
    warning: Failure | None = None


Message = Parsed | Analysed


def input_hash(item: RawItem) -> str:
    """Content hash of a raw input (its source, format and content)."""
    digest = hashlib.sha256()
    for part in (item.source, item.format, item.content):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def extra_places(settings: Settings) -> tuple[ExtraPlace, ...]:
    """The places of the user's gazetteer files."""
    places: list[ExtraPlace] = []
    for path in settings.analyze.gazetteer_files:
        places.extend(load_places_file(path))
    return tuple(places)


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off while long-lived tables are built (the spaCy
    pipeline, the gazetteer, the resolution's wider place index): they create millions of
    objects that all survive, and each collection along the way walks them again — about
    a third of their build time (0.7 s of a worker's 2.5 s load). Nothing built there is
    cyclic garbage; collection resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


YOUNG_COLLECTION = 10_000
"""Allocations between two young collections of the cyclic GC while documents are
analysed and the corpus resolved (Python's default: 700). Both allocate millions of
short-lived objects that reference counting frees anyway; at the default the collector
ran 4,300 times during the resolution of 1,004 PolNeAR documents (4.7 of 43.6 CPU s) and
1,150 times in the analysis of 60 (0.47 of 18 s)."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Young collections every :data:`YOUNG_COLLECTION` allocations (older generations
    every 10 of the younger) inside the block; the thresholds are restored after it."""
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@lru_cache(maxsize=2)
def _tools(files: tuple[Path, ...]) -> tuple[Any, Gazetteer, tuple[ExtraPlace, ...]]:
    from newsweave.analyze.nlp import load
    from newsweave.analyze.prepare import pipeline

    with paused_gc():
        places = extra_places(Settings().replace("analyze.gazetteer_files", files))
        nlp = pipeline(load())
    with paused_gc():  # again: spaCy's model reader (srsly) switches the collector back on
        return nlp, Gazetteer.build(places), places


def tools(settings: Settings) -> tuple[Any, Gazetteer, tuple[ExtraPlace, ...]]:
    """spaCy pipeline, gazetteer and extra places, built once per process."""
    return _tools(tuple(settings.analyze.gazetteer_files))


def run_jobs(
    jobs: Sequence[Job], settings: Settings, beat: Callable[[], None] = lambda: None
) -> Iterator[Parsed | Analysed]:
    """Parse and analyse ``jobs``: one Parsed message per raw input (first, so a runner
    can store documents while they are analysed), then one Analysed message per document
    to analyse; ``beat`` is called after each spaCy piece. A failing input or document is
    reported in its message; the others go on."""
    from newsweave.ingest.parse import parse

    todo: list[tuple[int, Document]] = []
    for job in jobs:
        if isinstance(job.item, Document):
            todo.append((job.key, job.item))
            continue
        try:
            document = parse(job.item, min_words=settings.ingest.min_words)
        except NewsweaveError as error:
            yield Parsed(job.key, None, Failure.of(error))
            continue
        except Exception as exc:  # one bad input must not stop the batch
            yield Parsed(job.key, None, Failure("NW901", job.item.source, _why(exc)))
            continue
        yield Parsed(
            job.key, document, signature=signature_or_none(document.body_text or document.text)
        )
        if job.analyse:
            todo.append((job.key, document))
    if todo:
        yield from analyse_documents(todo, settings, beat)


def run_watched(jobs: Sequence[Job], settings: Settings) -> Iterator[Parsed | Analysed]:
    """:func:`run_jobs` under the per-document wall budget (``pipeline.doc_seconds``), for
    executors that run jobs in a thread of their own process (in-process, Dask): a batch
    that shows no progress for that long is stopped (:class:`~.watchdog.Watchdog`), its
    unfinished jobs run again one at a time, and a job that overruns alone fails with
    NW141, as the multi-process executor does by replacing the worker. The messages of a
    batch are yielded after it, so the caller's own work (storing) is never stopped."""
    from newsweave.pipeline.watchdog import Overrun, Watchdog

    seconds = settings.pipeline.doc_seconds
    if any(job.analyse or isinstance(job.item, Document) for job in jobs):
        tools(settings)  # loading the models is no document's time
    todo: deque[list[Job]] = deque([list(jobs)])
    while todo:
        batch = todo.popleft()
        out: list[Parsed | Analysed] = []
        try:
            with Watchdog(seconds) as dog:
                for message in run_jobs(batch, settings, beat=dog.beat):
                    out.append(message)
                    dog.beat()
        except Overrun:
            left = unfinished(batch, out)
            if len(batch) > 1:
                todo.extendleft(reversed([[job] for job in left]))
            else:
                out.extend(overrun(job, seconds) for job in left)
        yield from out


def unfinished(batch: Sequence[Job], messages: Sequence[Parsed | Analysed]) -> list[Job]:
    """The jobs of ``batch`` that ``messages`` do not settle; a raw input already parsed
    comes back as its document (to analyse)."""
    done = {m.key for m in messages if isinstance(m, Analysed)}
    parsed = {m.key: m for m in messages if isinstance(m, Parsed)}
    left: list[Job] = []
    for job in batch:
        message = parsed.get(job.key)
        if job.key in done:
            continue
        if message is None:
            left.append(job)
        elif message.document is not None and job.analyse:
            left.append(Job(job.key, message.document))
    return left


def overrun(job: Job, seconds: float) -> Parsed | Analysed:
    """The message of a job stopped by the per-document wall budget (NW141)."""
    reason = f"no progress for {seconds:g} s (pipeline.doc_seconds); its work was stopped"
    if isinstance(job.item, Document):
        failure = Failure("NW141", job.item.source, reason)
        return Analysed(job.key, job.item.id, None, failure)
    return Parsed(job.key, None, Failure("NW141", job.item.source, reason))


def paragraph_count(document: Document) -> int:
    """The paragraphs of a document: its segments, or its blank-line separated blocks when
    it has more of those (a store written by an older newsweave may hold a segment of many
    paragraphs, and analysis cost follows the text, not the segment count)."""
    return max(len(document.segments), document.text.count("\n\n") + 1)


def analyse_documents(
    todo: Sequence[tuple[int, Document]], settings: Settings, beat: Callable[[], None]
) -> Iterator[Analysed]:
    """Analysed messages for ``todo`` (key, document), in order."""

    english: list[tuple[int, Document]] = []
    for key, document in todo:
        if document.language not in LANGUAGES:
            note = skipped(document)
            warning = Failure("NW115", document.source, note.notes[0])
            yield Analysed(key, document.id, note, warning=warning)
        elif paragraph_count(document) > settings.pipeline.max_paragraphs:
            reason = (
                f"{paragraph_count(document):,} paragraphs, over the budget of "
                f"{settings.pipeline.max_paragraphs:,} (pipeline.max_paragraphs)"
            )
            yield Analysed(key, document.id, None, Failure("NW140", document.source, reason))
        else:
            english.append((key, document))
    if not english:
        return
    with fewer_collections():
        yield from _analyse_english(english, settings, beat)


def _analyse_english(
    english: Sequence[tuple[int, Document]], settings: Settings, beat: Callable[[], None]
) -> Iterator[Analysed]:
    from newsweave.analyze.prepare import contexts

    nlp, gazetteer, places = tools(settings)

    def stream(documents: Sequence[Document]) -> Iterator[Any]:
        return contexts(
            documents,
            nlp,
            batch_size=settings.analyze.batch_size,
            extra_places=places,
            chunk_chars=settings.pipeline.chunk_chars,
            batch_chars=settings.pipeline.batch_chars,
            on_piece=beat,
        )

    done = 0
    try:
        for (key, _), ctx in zip(english, stream([d for _, d in english]), strict=False):
            done += 1
            yield _analysed(key, ctx, gazetteer)
    except Exception:  # spaCy failed on one of the batch: go on one document at a time
        for key, document in english[done:]:
            try:
                ctx = next(iter(stream([document])))
            except Exception as exc:
                failure = Failure("NW117", document.source, f"analysis failed: {_why(exc)}")
                yield Analysed(key, document.id, None, failure)
                continue
            yield _analysed(key, ctx, gazetteer)


def _analysed(key: int, ctx: Any, gazetteer: Gazetteer) -> Analysed:
    try:
        analysis = analyze(ctx, gazetteer)
    except Exception as exc:  # one failing document must not stop the others
        failure = Failure("NW117", ctx.document.source, f"analysis failed: {_why(exc)}")
        return Analysed(key, ctx.document.id, None, failure)
    return Analysed(key, ctx.document.id, analysis)


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
