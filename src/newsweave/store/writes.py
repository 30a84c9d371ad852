"""The store's write side: adding documents (exact and near-duplicates), forgetting them,
recording ingest errors (:class:`StoreWrites`, a base of
:class:`newsweave.store.sqlite.Store`)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from newsweave.errors import NewsweaveError
from newsweave.ingest.dedup import (
    estimated_jaccard,
    lsh_bands,
    pack_signature,
    signature_or_none,
    unpack_signature,
)
from newsweave.model.records import Document, Evidence
from newsweave.store.connect import _rollback
from newsweave.store.reads import StoreReads

AddStatus = Literal["new", "duplicate", "near-duplicate"]


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add_document` did with a document."""

    status: AddStatus
    document_id: str
    near_duplicate_of: str | None = None


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


def _body_signature(doc: Document) -> tuple[int, ...] | None:
    """MinHash of the body text (the whole text when there is no body), None if empty."""
    return signature_or_none(doc.body_text or doc.text)


class StoreWrites(StoreReads):
    """What changes a store (the write side of :class:`newsweave.store.sqlite.Store`)."""

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

    def forget(self, doc_id_or_prefix: str) -> str:
        """Delete a document and all that derives from it alone; return its full id.

        Segments, search rows, band hashes and sources go with it; documents that were its
        near-duplicates are unlinked. Raises NW202 when no single document matches.
        """
        with self.transaction() as conn:
            doc_id = self.resolve_id(doc_id_or_prefix)
            conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        return doc_id

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
