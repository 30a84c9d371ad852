"""The embedded store: one SQLite file holding documents, segments, search and dedup indexes.

The file is plain SQLite (WAL journal, foreign keys on, JSON kept as text) so it reads well
in Datasette or the ``sqlite3`` shell. The schema lives in numbered migrations
(``migrations/NNNN_name.sql``, package data) applied in order and tracked by
``PRAGMA user_version``; a store written by a newer newsweave is refused (NW201), a file that
is not a newsweave store is refused (NW203).

Every write of a document happens in one transaction: a crash halfway leaves the store as it
was. Adding the same document again is a no-op apart from recording the new source.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from newsweave.errors import NewsweaveError
from newsweave.ingest.dedup import (
    estimated_jaccard,
    lsh_bands,
    pack_signature,
    signature_or_none,
    unpack_signature,
)
from newsweave.model.dates import PartialDate
from newsweave.model.records import DateStatement, Document, Evidence, Role, Segment

APPLICATION_ID = 0x4E575356
"""``PRAGMA application_id`` of a newsweave store ("NWSV")."""

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_BUSY_TIMEOUT_SECONDS = 30.0

AddStatus = Literal["new", "duplicate", "near-duplicate"]


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add_document` did with a document."""

    status: AddStatus
    document_id: str
    near_duplicate_of: str | None = None


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


@dataclass(frozen=True)
class Migration:
    """One numbered schema migration."""

    version: int
    name: str
    sql: str


# --------------------------------------------------------------------------- migrations


def migrations() -> list[Migration]:
    """The package's migrations in order; versions must run 1, 2, 3, ... without gaps."""
    folder = resources.files("newsweave.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations are not numbered 1, 2, ...: {[m.name for m in found]}")
    return found


def latest_version() -> int:
    """The schema version this newsweave writes."""
    found = migrations()
    return found[-1].version if found else 0


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (trigger bodies stay whole)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if _strip_comments(buffer):
                statements.append(buffer.strip())
            buffer = ""
    if _strip_comments(buffer):
        raise ValueError(f"incomplete SQL statement: {buffer.strip()[:80]}")
    return statements


def _strip_comments(sql: str) -> str:
    lines = (line.split("--", 1)[0] for line in sql.splitlines())
    return " ".join(lines).strip().strip(";").strip()


# --------------------------------------------------------------------------- search


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


# --------------------------------------------------------------------------- rows <-> records


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _evidence_to_json(evidence: Evidence | None) -> str | None:
    if evidence is None:
        return None
    return json.dumps(
        {
            "document": evidence.document,
            "start": evidence.start,
            "end": evidence.end,
            "text": evidence.text,
            "stage": evidence.stage,
            "version": evidence.version,
            "confidence": evidence.confidence,
        },
        ensure_ascii=False,
    )


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


def _document_params(
    doc: Document, original: str | None, signature: bytes | None
) -> dict[str, Any]:
    date = doc.date
    return {
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "authors": json.dumps(list(doc.authors), ensure_ascii=False),
        "publisher": doc.publisher,
        "published": date.value.iso() if date else None,
        "date_source": date.source if date else None,
        "date_inferred": int(date.inferred) if date else None,
        "date_evidence": _evidence_to_json(date.evidence) if date else None,
        "language": doc.language,
        "genre": doc.genre,
        "format": doc.format,
        "text": doc.text,
        "word_count": doc.word_count,
        "near_duplicate_of": original,
        "extra": json.dumps([list(pair) for pair in doc.extra], ensure_ascii=False),
        "minhash": signature,
        "ingested_at": _now(),
    }


_INSERT_DOCUMENT = """
INSERT INTO documents (id, source, url, title, authors, publisher, published, date_source,
    date_inferred, date_evidence, language, genre, format, text, word_count,
    near_duplicate_of, extra, minhash, ingested_at, seq)
VALUES (:id, :source, :url, :title, :authors, :publisher, :published, :date_source,
    :date_inferred, :date_evidence, :language, :genre, :format, :text, :word_count,
    :near_duplicate_of, :extra, :minhash, :ingested_at,
    (SELECT coalesce(max(seq), 0) + 1 FROM documents))
"""

_CANDIDATES = """
SELECT d.id, d.minhash FROM documents AS d
WHERE d.minhash IS NOT NULL AND d.id IN (
    SELECT b.document_id FROM json_each(:bands) AS j
    JOIN minhash_bands AS b ON b.band = j.key AND b.hash = j.value)
ORDER BY d.seq
"""

_LISTING_ORDER = "ORDER BY published IS NULL, published, title IS NULL, title, id"


def _body_signature(doc: Document) -> tuple[int, ...] | None:
    """MinHash of the body text (the whole text when there is no body), None if empty."""
    return signature_or_none(doc.body_text or doc.text)


# --------------------------------------------------------------------------- the store


class Store:
    """A newsweave SQLite store. Open with :meth:`open`; use as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        """Wrap an open, migrated connection; use :meth:`open` instead."""
        self._conn = connection
        self._path = path

    # -- opening and closing

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open the store at ``path``, creating it (and its folder) and migrating if needed.

        Raises NW201 when the file was written by a newer newsweave, NW203 when it is not a
        newsweave SQLite store or cannot be opened.
        """
        path = Path(path)
        if path.is_dir():
            raise NewsweaveError("NW203", str(path), "is a directory")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, timeout=_BUSY_TIMEOUT_SECONDS)
        except (OSError, sqlite3.Error) as exc:
            raise NewsweaveError("NW203", str(path), f"cannot open: {exc}") from exc
        try:
            _prepare(conn, path)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise NewsweaveError("NW203", str(path), str(exc)) from exc
        except BaseException:
            conn.close()
            raise
        conn.row_factory = sqlite3.Row
        return cls(conn, path)

    @classmethod
    def open_read(cls, path: Path | str, *, busy_timeout: float = 2.0) -> Store:
        """Open an existing store read-only: never creates, migrates or switches its journal.

        The connection is ``mode=ro`` with ``PRAGMA query_only``; a file the process may not
        write (or whose folder it may not write, so no ``-shm`` can be made) is opened
        ``immutable``. A writer holding the store makes a query wait at most
        ``busy_timeout`` seconds, then fail with ``database is locked`` (the UI answers 503).

        Raises NW250 when there is no file at ``path``, NW203 when it is not a newsweave
        store, NW201 when it is newer than this newsweave, NW256 when it is damaged.
        """
        path = Path(path)
        if path.is_dir():
            raise NewsweaveError("NW203", str(path), "is a directory")
        if not path.exists():
            raise NewsweaveError(
                "NW250", str(path), f"no store at {path}; run `newsweave ingest` first"
            )
        conn = _connect_read(path, busy_timeout)
        try:
            conn.execute("PRAGMA query_only = ON")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            newest = latest_version()
            if version > newest:
                raise NewsweaveError(
                    "NW201",
                    str(path),
                    f"schema version {version}, this newsweave knows up to {newest}",
                )
            _check_identity(conn, path, version)
            if version == 0:
                raise NewsweaveError("NW203", str(path), "empty file, not a newsweave store")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _read_error(path, exc) from exc
        except BaseException:
            conn.close()
            raise
        conn.row_factory = sqlite3.Row
        return cls(conn, path)

    @classmethod
    def upgrade(cls, path: Path | str) -> None:
        """Apply pending migrations to an existing store once (before serving it read-only);
        a store that cannot be written is left as it is. Raises NW250 when there is none."""
        path = Path(path)
        if not path.exists():
            raise NewsweaveError(
                "NW250", str(path), f"no store at {path}; run `newsweave ingest` first"
            )
        with cls.open_read(path) as reader:
            current = reader.schema_version
        if current >= latest_version() or not os.access(path, os.W_OK):
            return
        with contextlib.suppress(NewsweaveError):  # read-only after all: make do
            cls.open(path).close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._conn.close()

    def __enter__(self) -> Store:
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
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed on success, rolled back on any exception."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            _rollback(self._conn)
            raise
        self._conn.execute("COMMIT")

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

    # -- documents

    def add_document(
        self,
        doc: Document,
        *,
        near_duplicate_threshold: float = 0.8,
        signature: tuple[int, ...] | None = None,
    ) -> AddResult:
        """Store ``doc`` in one transaction and say whether it is new or a (near-)duplicate.

        A document whose id is already stored is an exact duplicate: only its source is
        recorded. Otherwise the MinHash of its body text is compared, through the LSH band
        index, with stored documents; the oldest one with an estimated Jaccard similarity of
        at least ``near_duplicate_threshold`` becomes its ``near_duplicate_of``. A stored
        document clears the last ingest error of its source. ``signature``: the MinHash of
        the body text when the caller computed it already (the pipeline's workers do);
        computed here when None.
        """
        signature = signature or _body_signature(doc)
        try:
            with self.transaction() as conn:
                row = conn.execute(
                    "SELECT near_duplicate_of FROM documents WHERE id = ?", (doc.id,)
                ).fetchone()
                if row is not None:
                    self._add_source(doc.id, doc.source)
                    return AddResult("duplicate", doc.id, row["near_duplicate_of"])
                original = self._find_original(signature, near_duplicate_threshold)
                self._insert(doc, original, signature)
        except sqlite3.IntegrityError as exc:
            raise NewsweaveError(
                "NW901", doc.source, f"document {doc.id} could not be stored: {exc}"
            ) from exc
        status: AddStatus = "near-duplicate" if original else "new"
        return AddResult(status, doc.id, original)

    def _insert(self, doc: Document, original: str | None, sig: tuple[int, ...] | None) -> None:
        packed = pack_signature(sig) if sig else None
        self._conn.execute(_INSERT_DOCUMENT, _document_params(doc, original, packed))
        self._insert_segments(doc)
        if sig:
            self._insert_bands(doc.id, lsh_bands(sig))
        self._add_source(doc.id, doc.source)

    def _insert_segments(self, doc: Document) -> None:
        self._conn.executemany(
            "INSERT INTO segments (document_id, idx, role, start_char, end_char) "
            "VALUES (?, ?, ?, ?, ?)",
            [(doc.id, i, s.role.value, s.start, s.end) for i, s in enumerate(doc.segments)],
        )

    def _insert_bands(self, doc_id: str, bands: Sequence[int]) -> None:
        self._conn.executemany(
            "INSERT INTO minhash_bands (document_id, band, hash) VALUES (?, ?, ?)",
            [(doc_id, band, value) for band, value in enumerate(bands)],
        )

    def _add_source(self, doc_id: str, source: str) -> None:
        self._conn.execute(
            "INSERT OR IGNORE INTO document_sources (document_id, source) VALUES (?, ?)",
            (doc_id, source),
        )
        self.clear_error(source)

    def _find_original(self, sig: tuple[int, ...] | None, threshold: float) -> str | None:
        """The oldest stored document whose body signature is close enough to ``sig``."""
        if sig is None:
            return None
        rows = self._conn.execute(_CANDIDATES, {"bands": json.dumps(lsh_bands(sig))})
        for row in rows:
            other = unpack_signature(row["minhash"])
            if len(other) == len(sig) and estimated_jaccard(sig, other) >= threshold:
                return str(row["id"])
        return None

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

    def forget(self, doc_id_or_prefix: str) -> str:
        """Delete a document and all that derives from it alone; return its full id.

        Segments, search rows, band hashes and sources go with it; documents that were its
        near-duplicates are unlinked. Raises NW202 when no single document matches.
        """
        with self.transaction() as conn:
            doc_id = self.resolve_id(doc_id_or_prefix)
            conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        return doc_id

    # -- ingest errors

    def record_error(self, source: str, code: str, reason: str) -> None:
        """Remember the last ingest error of ``source`` (replacing any earlier one)."""
        self._conn.execute(
            "INSERT INTO ingest_errors (source, code, reason, at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (source) DO UPDATE SET "
            "code = excluded.code, reason = excluded.reason, at = excluded.at",
            (source, code, reason, _now()),
        )

    def clear_error(self, source: str) -> None:
        """Forget the ingest error of ``source``, if any."""
        self._conn.execute("DELETE FROM ingest_errors WHERE source = ?", (source,))

    def errors(self) -> list[IngestErrorRow]:
        """The last error of every source that failed and has not ingested fine since."""
        rows = self._conn.execute(
            "SELECT source, code, reason, at FROM ingest_errors ORDER BY at, source"
        )
        return [IngestErrorRow(r["source"], r["code"], r["reason"], r["at"]) for r in rows]

    # -- overview and search

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

    # -- helpers

    def _scalar(self, sql: str) -> int:
        return int(self._conn.execute(sql).fetchone()[0])

    def _file_size(self) -> int:
        wal = self._path.with_name(self._path.name + "-wal")
        return sum(p.stat().st_size for p in (self._path, wal) if p.exists())


# --------------------------------------------------------------------------- opening


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.ProgrammingError:  # the connection was closed: SQLite rolled back
        pass


class ReadConnection(sqlite3.Connection):
    """A read-only connection whose reader may stop it between statements: when
    ``should_stop`` (set by the UI's reader for one page) answers True, the next
    ``execute`` raises ``sqlite3.OperationalError("interrupted")`` before running (a
    running statement is stopped by the reader's progress handler)."""

    should_stop: Callable[[], bool] | None = None
    segment_count: tuple[int, int] | None = None
    """(``PRAGMA data_version``, segments) when counted: see ``ask_lookup.segment_count``."""

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        if self.should_stop is not None and self.should_stop():
            raise sqlite3.OperationalError("interrupted")
        return super().execute(sql, parameters)


def _connect_read(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A read-only connection; ``immutable`` when no shared-memory file can be made."""
    uri = path.resolve().as_uri()
    writable = os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK)
    modes = ["mode=ro"] if writable else ["mode=ro&immutable=1"]
    last: sqlite3.Error | None = None
    for mode in [*modes, "mode=ro&immutable=1"]:
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(
                f"{uri}?{mode}",
                uri=True,
                isolation_level=None,
                timeout=busy_timeout,
                check_same_thread=False,
                factory=ReadConnection,
            )
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            last = exc
            if "locked" in str(exc) or "busy" in str(exc):
                break  # a writer holds it: never read around its lock (immutable would)
    raise _read_error(path, last or sqlite3.DatabaseError("cannot open"))


def _read_error(path: Path, exc: sqlite3.Error) -> NewsweaveError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return NewsweaveError("NW251", str(path), f"the store is busy: {text}")
    if "malformed" in text or "corrupt" in text:
        return NewsweaveError("NW256", str(path), f"damaged: {text}")
    if "not a database" in text or "file is encrypted" in text:
        return NewsweaveError("NW203", str(path), text)
    return NewsweaveError("NW203", str(path), f"cannot read: {text}")


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Check the file is a newsweave store this version can use, configure, migrate."""
    conn.execute("PRAGMA foreign_keys = ON")
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    newest = latest_version()
    if version > newest:
        raise NewsweaveError(
            "NW201", str(path), f"schema version {version}, this newsweave knows up to {newest}"
        )
    _check_identity(conn, path, version)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    _migrate(conn)


def _check_identity(conn: sqlite3.Connection, path: Path, version: int) -> None:
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if version > 0 and app_id != APPLICATION_ID:
        raise NewsweaveError("NW203", str(path), f"SQLite file of another application ({app_id})")
    if version == 0:
        tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
        if tables:
            raise NewsweaveError("NW203", str(path), "SQLite file of another application")


def _migrate(conn: sqlite3.Connection) -> None:
    """Apply every pending migration, each in its own transaction."""
    for migration in migrations():
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if current < migration.version:
                for statement in split_statements(migration.sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {migration.version:d}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
        except BaseException:
            _rollback(conn)
            raise
        conn.execute("COMMIT")
