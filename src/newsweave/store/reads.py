"""The store's read side: documents, listings, sources, ingest errors, counts and search
(:class:`StoreReads`, the base of :class:`newsweave.store.sqlite.Store`)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

from newsweave.errors import NewsweaveError
from newsweave.model.dates import PartialDate
from newsweave.model.records import DateStatement, Document, Evidence, Role, Segment
from newsweave.store.connect import _rollback


@dataclass(frozen=True)
class IngestErrorRow:
    """The last ingest error of one source."""

    source: str
    code: str
    reason: str
    at: str
    """UTC ISO timestamp."""


@dataclass(frozen=True)
class DocumentSummary:
    """One line of a document listing."""

    id: str
    title: str | None
    publisher: str | None
    published: PartialDate | None
    genre: str
    language: str | None
    word_count: int
    near_duplicate_of: str | None
    source: str


@dataclass(frozen=True)
class StoreStatus:
    """Counts describing a store."""

    path: Path
    schema_version: int
    documents: int
    words: int
    segments: dict[str, int]
    """Number of segments per role."""
    near_duplicates: int
    sources: int
    """Distinct sources documents were read from (exact duplicates included)."""
    errors: int
    file_size: int
    """Bytes on disk: the database file plus its write-ahead log."""


@dataclass(frozen=True)
class SearchHit:
    """A segment matching a full-text query, best first."""

    document_id: str
    idx: int
    role: Role
    start: int
    end: int
    title: str | None
    snippet: str
    """The segment's best passage with matched terms between the markers."""
    score: float
    """BM25 relevance, higher is better."""


_TIER_SQL = (
    "CASE f.role "
    + " ".join(f"WHEN '{role.value}' THEN 0" for role in Role if role.feeds_extraction)
    + f" WHEN '{Role.CAPTION.value}' THEN 1 ELSE 2 END"
)


_SEARCH_SQL = f"""
SELECT f.document_id, f.idx, f.role, s.start_char, s.end_char, d.title,
       snippet(segments_fts, 0, :before, :after, '…', :tokens) AS snippet,
       bm25(segments_fts) AS rank
FROM segments_fts AS f
JOIN segments AS s ON s.id = f.rowid
JOIN documents AS d ON d.id = s.document_id
WHERE segments_fts MATCH :query
ORDER BY {_TIER_SQL}, rank, f.document_id, f.idx
LIMIT :limit
"""


def fts_query(text: str) -> str | None:
    """A safe FTS5 query for user input: every whitespace-separated term quoted.

    Quotes, colons, hyphens, parentheses and operator words (``NOT``, ``OR``) lose their
    query-syntax meaning; a term ending in ``*`` stays a prefix search. Terms must all
    match. Returns None when the input holds no word at all.
    """
    terms = []
    for chunk in text.split():
        prefix = chunk.endswith("*")
        core = chunk.rstrip("*")
        if not re.search(r"\w", core):
            continue
        terms.append('"' + core.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms) or None


def _evidence_from_json(text: str | None) -> Evidence | None:
    if text is None:
        return None
    data = json.loads(text)
    return Evidence(
        document=str(data["document"]),
        start=int(data["start"]),
        end=int(data["end"]),
        text=str(data["text"]),
        stage=str(data["stage"]),
        version=str(data["version"]),
        confidence=None if data.get("confidence") is None else float(data["confidence"]),
    )


def _date_from_row(row: sqlite3.Row) -> DateStatement | None:
    value = PartialDate.parse(row["published"])
    if value is None:
        return None
    return DateStatement(
        value=value,
        source=str(row["date_source"]),
        inferred=bool(row["date_inferred"]),
        evidence=_evidence_from_json(row["date_evidence"]),
    )


def _document_from_row(row: sqlite3.Row, segments: Sequence[Segment]) -> Document:
    return Document(
        id=row["id"],
        source=row["source"],
        text=row["text"],
        segments=tuple(segments),
        title=row["title"],
        authors=tuple(str(a) for a in json.loads(row["authors"])),
        publisher=row["publisher"],
        date=_date_from_row(row),
        language=row["language"],
        genre=row["genre"],
        url=row["url"],
        format=row["format"],
        near_duplicate_of=row["near_duplicate_of"],
        extra=tuple((str(k), str(v)) for k, v in json.loads(row["extra"])),
    )


_LISTING_ORDER = "ORDER BY published IS NULL, published, title IS NULL, title, id"


class StoreReads:
    """The connection of a store and what reads it (the read side of
    :class:`newsweave.store.sqlite.Store`)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        """Wrap an open, migrated connection; use :meth:`open` instead."""
        self._conn = connection
        self._path = path

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> Path:
        """The store's file."""
        return self._path

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for queries of other store-package modules."""
        return self._conn

    @property
    def schema_version(self) -> int:
        """The applied migration number (``PRAGMA user_version``)."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction, so several queries see one consistent state."""
        if self._conn.in_transaction:  # already inside one
            yield self._conn
            return
        self._conn.execute("BEGIN")
        try:
            yield self._conn
        finally:
            _rollback(self._conn)

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with exactly this id is stored."""
        row = self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def resolve_id(self, doc_id_or_prefix: str) -> str:
        """The full id of the one document whose id is or starts with the argument (NW202)."""
        key = doc_id_or_prefix.strip()
        if not key:
            raise NewsweaveError("NW202", repr(doc_id_or_prefix), "no document id given")
        if self.has_document(key):
            return key
        rows = self._conn.execute(
            "SELECT id FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT 4",
            (key, key + "\U0010ffff"),
        ).fetchall()
        if not rows:
            raise NewsweaveError("NW202", key, "no document has this id or id prefix")
        if len(rows) > 1:
            shown = ", ".join(r["id"] for r in rows[:3]) + (", ..." if len(rows) > 3 else "")
            raise NewsweaveError("NW202", key, f"ambiguous id prefix, it matches {shown}")
        return str(rows[0]["id"])

    def get_document(self, doc_id_or_prefix: str) -> Document:
        """The full stored Document (segments and date included) for an id or unique prefix.

        Raises NW202 when no document matches or the prefix matches several.
        """
        with self._snapshot():
            return self._load(self.resolve_id(doc_id_or_prefix))

    def _load(self, doc_id: str) -> Document:
        row = self._conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NewsweaveError("NW202", doc_id, "no document has this id")
        segments = [
            Segment(Role(r["role"]), r["start_char"], r["end_char"])
            for r in self._conn.execute(
                "SELECT role, start_char, end_char FROM segments WHERE document_id = ? "
                "ORDER BY idx",
                (doc_id,),
            )
        ]
        return _document_from_row(row, segments)

    def list_documents(self, limit: int = 100, offset: int = 0) -> list[DocumentSummary]:
        """Documents ordered by published date (undated last), then title."""
        rows = self._conn.execute(
            "SELECT id, title, publisher, published, genre, language, word_count, "
            f"near_duplicate_of, source FROM documents {_LISTING_ORDER} LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [
            DocumentSummary(
                id=r["id"],
                title=r["title"],
                publisher=r["publisher"],
                published=PartialDate.parse(r["published"]),
                genre=r["genre"],
                language=r["language"],
                word_count=r["word_count"],
                near_duplicate_of=r["near_duplicate_of"],
                source=r["source"],
            )
            for r in rows
        ]

    def count_documents(self) -> int:
        """How many documents are stored (exact duplicates count once)."""
        return self._scalar("SELECT count(*) FROM documents")

    def document_sources(self, doc_id: str) -> list[str]:
        """Every source the document was read from, in alphabetical order."""
        rows = self._conn.execute(
            "SELECT source FROM document_sources WHERE document_id = ? ORDER BY source",
            (doc_id,),
        )
        return [str(r["source"]) for r in rows]

    def iter_documents(self) -> Iterator[Document]:
        """Every stored document, in listing order (published date, then title)."""
        ids = [r["id"] for r in self._conn.execute(f"SELECT id FROM documents {_LISTING_ORDER}")]
        for doc_id in ids:
            with self._snapshot():
                doc = self._load(doc_id) if self.has_document(doc_id) else None
            if doc is not None:
                yield doc

    def errors(self) -> list[IngestErrorRow]:
        """The last error of every source that failed and has not ingested fine since."""
        rows = self._conn.execute(
            "SELECT source, code, reason, at FROM ingest_errors ORDER BY at, source"
        )
        return [IngestErrorRow(r["source"], r["code"], r["reason"], r["at"]) for r in rows]

    def status(self) -> StoreStatus:
        """Counts of documents, words, segments by role, near-duplicates, sources, errors."""
        with self._snapshot() as conn:
            roles = conn.execute(
                "SELECT role, count(*) AS n FROM segments GROUP BY role ORDER BY role"
            )
            return StoreStatus(
                path=self._path,
                schema_version=self.schema_version,
                documents=self.count_documents(),
                words=self._scalar("SELECT coalesce(sum(word_count), 0) FROM documents"),
                segments={str(r["role"]): int(r["n"]) for r in roles},
                near_duplicates=self._scalar(
                    "SELECT count(*) FROM documents WHERE near_duplicate_of IS NOT NULL"
                ),
                sources=self._scalar("SELECT count(DISTINCT source) FROM document_sources"),
                errors=self._scalar("SELECT count(*) FROM ingest_errors"),
                file_size=self._file_size(),
            )

    def search(
        self, query: str, limit: int = 20, *, marks: tuple[str, str] = ("[", "]")
    ) -> list[SearchHit]:
        """Segments matching every term of ``query``, best first, with a snippet each.

        Body, headline and standfirst segments rank above captions, and captions above
        boilerplate; within a tier, BM25 decides. Any input is safe (see :func:`fts_query`).
        """
        match = fts_query(query)
        if match is None or limit <= 0:
            return []
        params = {"query": match, "before": marks[0], "after": marks[1], "tokens": 24}
        rows = self._conn.execute(_SEARCH_SQL, {**params, "limit": limit})
        return [
            SearchHit(
                document_id=r["document_id"],
                idx=int(r["idx"]),
                role=Role(r["role"]),
                start=r["start_char"],
                end=r["end_char"],
                title=r["title"],
                snippet=r["snippet"],
                score=-float(r["rank"]),
            )
            for r in rows
        ]

    def _scalar(self, sql: str) -> int:
        return int(self._conn.execute(sql).fetchone()[0])

    def _file_size(self) -> int:
        wal = self._path.with_name(self._path.name + "-wal")
        return sum(p.stat().st_size for p in (self._path, wal) if p.exists())
