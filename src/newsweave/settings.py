"""The one settings tree. Each field carries its documentation in ``metadata["doc"]``.

Nothing reads configuration at import time: build :class:`Settings` (``Settings()`` for the
defaults, :func:`from_env` to apply ``NEWSWEAVE_*`` environment variables) and pass it down.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def _doc(default: Any, doc: str) -> Any:
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class FetchSettings:
    """How URLs and feeds are fetched."""

    timeout: float = _doc(20.0, "Seconds to wait for a server before giving up on a URL.")
    deadline: float = _doc(
        60.0, "Total seconds for one request: connecting, headers and body together."
    )
    feed_seconds: float = _doc(
        300.0, "Total seconds for fetching the pages one feed links to; the rest is skipped."
    )
    allow_private: bool = _doc(
        False,
        "Fetch from loopback, private, link-local and other non-public addresses "
        "(off: such URLs, redirects and feed links are refused, NW125).",
    )
    allowed_private: tuple[str, ...] = _doc(
        (),
        "Non-public addresses fetched even when fetch.allow_private is off, each "
        "'ADDRESS' or 'ADDRESS:PORT' (e.g. '10.0.0.7:8080'); redirects elsewhere are refused.",
    )
    max_bytes: int = _doc(10_000_000, "Largest response body read, in bytes.")
    max_redirects: int = _doc(5, "Redirects followed before a URL is refused.")
    user_agent: str = _doc(
        "newsweave/0.1 (offline news analysis; polite single requests)",
        "User-Agent header sent with every request.",
    )


@dataclass(frozen=True)
class IngestSettings:
    """How inputs are read and turned into documents."""

    max_bytes: int = _doc(
        50_000_000,
        "Largest local file read, in bytes (WARC and JSONL files excepted); also the largest "
        "page in a WARC record (after decompression) and the longest JSONL line.",
    )
    max_expansion: float = _doc(
        100.0,
        "A compressed archive may expand to at most this many times its size on disk "
        "(and at least ingest.max_bytes) before it is abandoned (NW128).",
    )
    max_elements: int = _doc(
        60_000, "HTML pages with more elements than this are refused before extraction (NW126)."
    )
    max_paragraphs: int = _doc(
        3_000, "Documents with more paragraphs than this are refused (NW132)."
    )
    extract_seconds: float = _doc(
        30.0,
        "Wall time allowed to extract one HTML page's text (in a worker process that is "
        "replaced when it runs over; NW127).",
    )
    extract_memory: int = _doc(
        2_000_000_000,
        "Memory, in bytes, the text-extraction worker may add to what it starts with "
        "(past it the worker is replaced and the page refused, NW126).",
    )
    follow_feed_links: bool = _doc(
        True, "Fetch the linked page of a feed item that carries only a summary."
    )
    near_duplicate_threshold: float = _doc(
        0.8, "Estimated Jaccard similarity of body shingles above which a copy is a near-duplicate."
    )
    min_words: int = _doc(20, "Documents with fewer words of body text are refused as empty.")


@dataclass(frozen=True)
class AnalyzeSettings:
    """The per-document analysis (spaCy plus our rules)."""

    processes: int = _doc(
        0, "Worker processes for spaCy (0: one per core when more than 50 documents wait)."
    )
    batch_size: int = _doc(32, "Documents per spaCy batch.")
    gazetteer_files: tuple[Path, ...] = field(
        default=(),
        metadata={"doc": "Extra places files (CSV: name,aliases,kind,lat,lon,country)."},
    )


@dataclass(frozen=True)
class PipelineSettings:
    """The runner (newsweave.pipeline): budgets per document and per worker, progress."""

    chunk_chars: int = _doc(
        20_000,
        "Longest piece of text spaCy parses at once; longer documents are parsed in pieces cut "
        "at paragraph breaks (capped at spaCy's max_length; offsets are kept). Bounds a "
        "worker's memory with pipeline.batch_chars.",
    )
    batch_chars: int = _doc(
        20_000,
        "Most characters of text in one spaCy batch (besides analyze.batch_size documents): "
        "spaCy's working memory grows by about 3 KB per character of a batch, so this bounds "
        "each worker's peak memory (about 70 MB above its 260 MB of models at 20,000).",
    )
    max_paragraphs: int = _doc(
        10_000,
        "Documents with more paragraphs (segments, or blank-line separated blocks when there "
        "are more of those) are not analysed (NW140).",
    )
    doc_seconds: float = _doc(
        120.0,
        "Analysis that shows no progress (no spaCy piece, no document done) for this many "
        "seconds is stopped (a worker process is replaced; in-process and on Dask a watchdog "
        "stops the thread); its document fails with NW141 and is skipped later. 0: no budget.",
    )
    worker_memory_mb: int = _doc(
        1500,
        "A worker process whose resident memory grows past this many MB is replaced; its "
        "document fails with NW142 and is skipped later.",
    )
    progress_seconds: float = _doc(
        5.0, "Seconds between progress lines when standard error is not a terminal."
    )
    dask_partitions: int = _doc(
        2, "Partitions (batches of analyze.batch_size inputs) in flight per Dask worker."
    )


@dataclass(frozen=True)
class StoreSettings:
    """Where the corpus lives."""

    path: Path = field(
        default=Path("newsweave.db"), metadata={"doc": "The SQLite store (env NEWSWEAVE_DB)."}
    )


@dataclass(frozen=True)
class ServeSettings:
    """The read-only web UI."""

    host: str = _doc("127.0.0.1", "Address the UI listens on.")
    port: int = _doc(8765, "Port the UI listens on.")
    busy_timeout: float = _doc(
        2.0, "Seconds a page waits for a writer holding the store before answering 503."
    )
    max_query_chars: int = _doc(500, "Longest search or ask query accepted (characters).")
    max_query_terms: int = _doc(20, "Most words in a search or ask query.")
    query_seconds: float = _doc(
        5.0, "Time budget of one page's queries; past it the page answers 503 (NW254)."
    )
    page_size: int = _doc(50, "Rows per page of every list (the `limit` parameter, up to 500).")


@dataclass(frozen=True)
class EvalSettings:
    """The quality harness."""

    data_dir: Path = field(
        default=Path("../shared/data"),
        metadata={"doc": "Folder of the public gold sets (env NEWSWEAVE_DATA)."},
    )


@dataclass(frozen=True)
class Settings:
    """Every setting newsweave reads."""

    fetch: FetchSettings = field(default_factory=FetchSettings, metadata={"doc": "Fetching."})
    ingest: IngestSettings = field(default_factory=IngestSettings, metadata={"doc": "Ingest."})
    analyze: AnalyzeSettings = field(default_factory=AnalyzeSettings, metadata={"doc": "Analysis."})
    store: StoreSettings = field(default_factory=StoreSettings, metadata={"doc": "Store."})
    pipeline: PipelineSettings = field(
        default_factory=PipelineSettings, metadata={"doc": "Pipeline runner."}
    )
    serve: ServeSettings = field(default_factory=ServeSettings, metadata={"doc": "Web UI."})
    eval: EvalSettings = field(default_factory=EvalSettings, metadata={"doc": "Evaluation."})

    def replace(self, dotted: str, value: Any) -> Settings:
        """A copy with one setting changed, e.g. ``replace("fetch.timeout", 5.0)``."""
        group, name = dotted.split(".", 1)
        current = getattr(self, group)
        return dataclasses.replace(self, **{group: dataclasses.replace(current, **{name: value})})


def iter_fields(settings: Settings | None = None) -> list[tuple[str, Any, str]]:
    """Every leaf setting as (dotted name, value, doc)."""
    settings = settings or Settings()
    rows: list[tuple[str, Any, str]] = []
    for group in dataclasses.fields(settings):
        value = getattr(settings, group.name)
        for leaf in dataclasses.fields(value):
            rows.append(
                (f"{group.name}.{leaf.name}", getattr(value, leaf.name), leaf.metadata["doc"])
            )
    return rows


def from_env(environ: dict[str, str] | None = None) -> Settings:
    """Defaults with ``NEWSWEAVE_DB`` and ``NEWSWEAVE_DATA`` applied."""
    env = os.environ if environ is None else environ
    settings = Settings()
    if env.get("NEWSWEAVE_DB"):
        settings = settings.replace("store.path", Path(env["NEWSWEAVE_DB"]))
    if env.get("NEWSWEAVE_DATA"):
        settings = settings.replace("eval.data_dir", Path(env["NEWSWEAVE_DATA"]))
    return settings
