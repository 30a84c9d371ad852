"""Claims and conflicts as records: the read side of :mod:`newsweave.resolve.claims`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.resolve.events import normalise_name
from newsweave.store.sqlite import Store

_IN_QUOTE = (
    " FROM quotes AS q WHERE q.document_id = f.document_id AND q.start_char <= f.start_char"
    " AND q.end_char >= f.end_char AND f.claimed_by IS NULL AND f.claimed_by_text IS NULL"
    " ORDER BY q.end_char - q.start_char LIMIT 1"
)
_QUOTE_SPEAKER = f"(SELECT q.speaker{_IN_QUOTE})"
"""A figure inside a quote with no claimant of its own is claimed by the quote's speaker."""
_QUOTE_SPEAKER_TEXT = f"(SELECT q.speaker_text{_IN_QUOTE})"


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class ClaimEvidence:
    """One figure stating a claim: where, in which sentence, by whom, as of when."""

    figure: str
    document: str
    start: int
    end: int
    text: str
    """The sentence."""
    figure_text: str
    claimant: str | None
    date: str | None


@dataclass(frozen=True)
class Claimant:
    """Who states a claim, and from when (as of, else the document's date)."""

    name: str
    date: str | None
    document: str


@dataclass(frozen=True)
class ClaimRecord:
    """A quantity stated by one or more figures, with all their evidence."""

    id: str
    what: str
    unit: str | None
    value: float
    low: float | None
    high: float | None
    qualifier: str | None
    as_of: str | None
    status: str
    """single, corroborated, conflicting or revised."""
    figures: tuple[str, ...]
    evidence: tuple[ClaimEvidence, ...]
    claimants: tuple[Claimant, ...]
    documents: tuple[str, ...]
    place: str | None = None
    """Where the count happened: a local place's name, a country code for a national
    count, None when no member says (see :class:`FigurePlace`)."""

    @property
    def corroborated(self) -> bool:
        """Stated by more than one document."""
        return len(self.documents) > 1


@dataclass(frozen=True)
class ConflictRecord:
    """Claims of one quantity that cannot all be true (or a later revision)."""

    id: str
    what: str
    kind: str
    """``conflict`` (same time) or ``revision`` (a later value by the same claimant)."""
    claims: tuple[str, ...]
    values: tuple[float, ...]
    claimants: tuple[tuple[str, ...], ...]
    """Per claim, who states it."""
    dates: tuple[str | None, ...]
    figures: tuple[str, ...]
    """Every member figure of the claims."""


@dataclass(frozen=True)
class ClaimReport:
    """What :func:`resolve_claims` found."""

    figures: int
    claims: int
    corroborated: int
    conflicts: int
    revisions: int


# --------------------------------------------------------------------------- reading


def _claim_evidence(conn: sqlite3.Connection, claim_id: str) -> list[ClaimEvidence]:
    rows = conn.execute(
        "SELECT f.id, f.document_id, f.sentence_start, f.sentence_end, f.text AS figure_text,"
        " substr(d.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence,"
        " f.claimed_by, f.claimed_by_text, m.as_of, a.name AS claimant_name,"
        f" {_QUOTE_SPEAKER_TEXT} AS quote_speaker_text, qa.name AS quote_speaker_name"
        " FROM claim_members AS m JOIN figures AS f ON f.id = m.figure_id"
        " JOIN documents AS d ON d.id = f.document_id"
        " LEFT JOIN actors AS a ON a.id = f.claimed_by"
        f" LEFT JOIN actors AS qa ON qa.id = {_QUOTE_SPEAKER}"
        " WHERE m.claim_id = ? ORDER BY m.as_of, d.published, f.document_id, f.start_char",
        (claim_id,),
    ).fetchall()
    return [
        ClaimEvidence(
            figure=str(r["id"]),
            document=str(r["document_id"]),
            start=int(r["sentence_start"]),
            end=int(r["sentence_end"]),
            text=str(r["sentence"]),
            figure_text=str(r["figure_text"]),
            claimant=r["claimant_name"]
            or r["claimed_by_text"]
            or r["quote_speaker_name"]
            or r["quote_speaker_text"],
            date=r["as_of"],
        )
        for r in rows
    ]


def _claimants(evidence: list[ClaimEvidence]) -> tuple[Claimant, ...]:
    seen: dict[str, Claimant] = {}
    for e in evidence:
        if e.claimant:
            seen.setdefault(normalise_name(e.claimant), Claimant(e.claimant, e.date, e.document))
    return tuple(seen.values())


def claim_records(store: Store, ids: Sequence[str] | None = None) -> list[ClaimRecord]:
    """Every claim (or the claims in ``ids``) with its figures, evidence and claimants, by
    quantity then date."""
    conn = store.connection
    if ids is None:
        rows = conn.execute("SELECT * FROM claims ORDER BY what, as_of, value, id").fetchall()
    else:
        rows = conn.execute(
            "SELECT * FROM claims WHERE id IN (SELECT value FROM json_each(?))"
            " ORDER BY what, as_of, value, id",
            (json.dumps(list(ids)),),
        ).fetchall()
    return [r for r in (_claim_record(conn, row) for row in rows) if r is not None]


def _claim_record(conn: sqlite3.Connection, row: sqlite3.Row) -> ClaimRecord | None:
    evidence = _claim_evidence(conn, str(row["id"]))
    if not evidence:
        return None
    return ClaimRecord(
        id=str(row["id"]),
        what=str(row["what"]),
        unit=row["unit"],
        value=float(row["value"]),
        low=row["low"],
        high=row["high"],
        qualifier=row["qualifier"],
        as_of=row["as_of"],
        status=str(row["status"]),
        figures=tuple(e.figure for e in evidence),
        evidence=tuple(evidence),
        claimants=_claimants(evidence),
        documents=tuple(dict.fromkeys(e.document for e in evidence)),
        place=row["place"],
    )


def conflict_records(
    store: Store, *, kind: str | None = None, claims: Sequence[ClaimRecord] | None = None
) -> list[ConflictRecord]:
    """Every conflict (and revision) between claims, by quantity then date; ``kind``
    keeps only ``conflict`` or only ``revision`` rows; ``claims`` are the claim records when
    the caller has read them already (else they are read here)."""
    known = {c.id: c for c in (claim_records(store) if claims is None else claims)}
    rows = store.connection.execute(
        "SELECT * FROM conflicts WHERE ? IS NULL OR kind = ? ORDER BY what, as_of, id",
        (kind, kind),
    ).fetchall()
    records = []
    for row in rows:
        ids = tuple(str(i) for i in json.loads(row["claim_ids"]))
        if not all(i in known for i in ids):
            continue
        members = [known[i] for i in ids]
        records.append(
            ConflictRecord(
                id=str(row["id"]),
                what=str(row["what"]),
                kind=str(row["kind"]),
                claims=ids,
                values=tuple(float(v) for v in json.loads(row["claim_values"])),
                claimants=tuple(tuple(c.name for c in m.claimants) for m in members),
                dates=tuple(m.as_of for m in members),
                figures=tuple(f for m in members for f in m.figures),
            )
        )
    return records
