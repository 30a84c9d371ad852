"""Parts of claims: which claims a claim counts a part of, from its figures' ``part_of``
(a figure that counts part of another figure of its sentence: "240 were arrested,
including 31 minors"). Read side only; the figures stage sets ``part_of`` and the claims
keep their members in ``claim_members``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable


def claim_parts(connection: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Claim id → the ids of the claims it counts a part of (in id order), for every claim
    with a member that is part of a figure of another claim."""
    rows = connection.execute(
        "SELECT DISTINCT m.claim_id, w.claim_id FROM figures AS f"
        " JOIN claim_members AS m ON m.figure_id = f.id"
        " JOIN claim_members AS w ON w.figure_id = f.part_of"
        " WHERE f.part_of IS NOT NULL AND w.claim_id != m.claim_id"
        " ORDER BY m.claim_id, w.claim_id"
    )
    parts: dict[str, list[str]] = {}
    for part, whole in rows:
        parts.setdefault(str(part), []).append(str(whole))
    return {k: tuple(v) for k, v in parts.items()}


def wholes_of(connection: sqlite3.Connection, figures: Iterable[str]) -> tuple[str, ...]:
    """The claim ids that some of ``figures`` count a part of (in id order)."""
    ids = list(figures)
    if not ids:
        return ()
    marks = ",".join("?" * len(ids))
    rows = connection.execute(
        "SELECT DISTINCT w.claim_id FROM figures AS f"
        " JOIN claim_members AS w ON w.figure_id = f.part_of"
        f" WHERE f.id IN ({marks}) ORDER BY w.claim_id",
        ids,
    )
    return tuple(str(r[0]) for r in rows)


def parts_of_claims(
    connection: sqlite3.Connection, claims: Iterable[str]
) -> dict[str, tuple[str, ...]]:
    """:func:`claim_parts` for the claims ``claims`` only (indexed reads, for ``ask``)."""
    ids = sorted(set(claims))
    if not ids:
        return {}
    rows = connection.execute(
        "SELECT DISTINCT m.claim_id, w.claim_id FROM claim_members AS m"
        " JOIN figures AS f ON f.id = m.figure_id"
        " JOIN claim_members AS w ON w.figure_id = f.part_of"
        " WHERE m.claim_id IN (SELECT value FROM json_each(?))"
        " AND f.part_of IS NOT NULL AND w.claim_id != m.claim_id"
        " ORDER BY m.claim_id, w.claim_id",
        (json.dumps(ids),),
    )
    parts: dict[str, list[str]] = {}
    for part, whole in rows:
        parts.setdefault(str(part), []).append(str(whole))
    return {k: tuple(v) for k, v in parts.items()}
