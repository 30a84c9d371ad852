"""The analyst's review list: entity pairs the resolver was unsure about.

The scorer of :mod:`newsweave.resolve.entities` stores an ``unsure`` judgement (score in
[0.5, 0.85)) for actor pairs it will not merge on its own. :func:`review_items` turns
them into a list an analyst can work through: one item per pair of *entities* (the best
unsure actor pair between them stands for the others), ranked by score, each side with
its name, type, number of documents and a sample sentence, and the stored features that
explain the score. Pairs that are already one entity, or between which an analyst has
judged anything, are left out.

:func:`accept` is :func:`newsweave.resolve.entity_judgements.merge` (analyst positives);
:func:`reject` writes analyst negatives between every member of the two entities, as
:func:`~newsweave.resolve.entity_judgements.split` does inside one. Both are analyst judgements
(rank 10), so they survive every later ingest and re-resolution.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import product

from newsweave.resolve.entities import ANALYST_RANK, entity_of
from newsweave.resolve.entity_judgements import merge
from newsweave.store.sqlite import Store

FeatureValue = str | float | int | bool | None
REJECT_ALGORITHM = "analyst-review"
REJECT_VERSION = "1"


@dataclass(frozen=True)
class ReviewSide:
    """One entity of a pair to review."""

    entity: str
    """Entity id (the actor id when the actor is not resolved yet)."""
    name: str
    type: str
    documents: int
    actor: str
    """The actor of the judgement shown."""
    sample: str | None
    """A sentence of the actor's document that mentions it."""
    sample_document: str | None


@dataclass(frozen=True)
class ReviewItem:
    """Two entities the resolver was unsure are one."""

    left: ReviewSide
    right: ReviewSide
    score: float
    """The best unsure score between their actors."""
    features: dict[str, FeatureValue]
    """The stored features of that judgement ("feature@version": value)."""
    algorithm: str
    pairs: int
    """How many unsure actor pairs lie between the two entities."""


@dataclass(frozen=True)
class _Unsure:
    left: str
    right: str
    score: float
    features: str
    algorithm: str


def _entity_map(conn: sqlite3.Connection) -> dict[str, str]:
    return {
        str(r[0]): str(r[1]) for r in conn.execute("SELECT actor_id, entity_id FROM entity_members")
    }


def _open_unsure(conn: sqlite3.Connection) -> list[_Unsure]:
    """Machine unsure judgements no analyst judgement of the same actor pair overrides."""
    rows = conn.execute(
        "SELECT j.left_id, j.right_id, j.score, j.features, j.algorithm FROM judgements AS j"
        " WHERE j.judgement = 'unsure' AND j.source = 'machine' AND NOT EXISTS ("
        "  SELECT 1 FROM judgements AS a WHERE a.left_id = j.left_id"
        "  AND a.right_id = j.right_id AND a.rank > j.rank)"
        " ORDER BY j.score DESC, j.left_id, j.right_id"
    ).fetchall()
    return [_Unsure(str(r[0]), str(r[1]), float(r[2] or 0.0), str(r[3]), str(r[4])) for r in rows]


def _analyst_pairs(conn: sqlite3.Connection, of: dict[str, str]) -> set[frozenset[str]]:
    """Entity pairs between whose members an analyst has judged anything."""
    rows = conn.execute("SELECT left_id, right_id FROM judgements WHERE source = 'analyst'")
    return {frozenset((of.get(str(r[0]), str(r[0])), of.get(str(r[1]), str(r[1])))) for r in rows}


def _side(conn: sqlite3.Connection, entity: str, actor: str) -> ReviewSide:
    row = conn.execute("SELECT name, type FROM entities WHERE id = ?", (entity,)).fetchone()
    if row is None:
        row = conn.execute("SELECT name, type FROM actors WHERE id = ?", (actor,)).fetchone()
    documents = conn.execute(
        "SELECT count(DISTINCT a.document_id) FROM actors AS a"
        " LEFT JOIN entity_members AS m ON m.actor_id = a.id"
        " WHERE m.entity_id = ? OR a.id = ?",
        (entity, actor),
    ).fetchone()[0]
    sample = conn.execute(
        "SELECT a.document_id,"
        " substr(d.text, a.sentence_start + 1, a.sentence_end - a.sentence_start)"
        " FROM actors AS a JOIN documents AS d ON d.id = a.document_id WHERE a.id = ?",
        (actor,),
    ).fetchone()
    return ReviewSide(
        entity=entity,
        name=str(row[0]) if row else actor,
        type=str(row[1]) if row else "",
        documents=int(documents),
        actor=actor,
        sample=" ".join(str(sample[1]).split()) if sample and sample[1] else None,
        sample_document=str(sample[0]) if sample else None,
    )


def review_items(store: Store, limit: int | None = None) -> list[ReviewItem]:
    """Entity pairs to review, best score first (then by names); ``limit`` keeps the
    first ones."""
    conn = store.connection
    of = _entity_map(conn)
    judged = _analyst_pairs(conn, of)
    best: dict[frozenset[str], _Unsure] = {}
    counts: dict[frozenset[str], int] = {}
    for unsure in _open_unsure(conn):
        key = frozenset((of.get(unsure.left, unsure.left), of.get(unsure.right, unsure.right)))
        if len(key) < 2 or key in judged:
            continue
        best.setdefault(key, unsure)
        counts[key] = counts.get(key, 0) + 1
    items = [_item(conn, of, unsure, counts[key]) for key, unsure in best.items()]
    items.sort(key=lambda i: (-i.score, i.left.name.lower(), i.right.name.lower()))
    return items[:limit] if limit is not None else items


def _item(conn: sqlite3.Connection, of: dict[str, str], unsure: _Unsure, pairs: int) -> ReviewItem:
    left = _side(conn, of.get(unsure.left, unsure.left), unsure.left)
    right = _side(conn, of.get(unsure.right, unsure.right), unsure.right)
    if (right.name.lower(), right.entity) < (left.name.lower(), left.entity):
        left, right = right, left
    features = json.loads(unsure.features or "{}")
    return ReviewItem(left, right, unsure.score, features, unsure.algorithm, pairs)


# --------------------------------------------------------------------------- judging


def _members(store: Store, ident: str) -> list[str]:
    """Actor ids of an entity, or of the entity of an actor (the actor alone when it is
    not resolved). KeyError when ``ident`` is neither."""
    conn = store.connection
    entity = ident
    if conn.execute("SELECT 1 FROM actors WHERE id = ?", (ident,)).fetchone():
        entity = entity_of(store, ident) or ident
    rows = conn.execute(
        "SELECT actor_id FROM entity_members WHERE entity_id = ? ORDER BY actor_id", (entity,)
    ).fetchall()
    if rows:
        return [str(r[0]) for r in rows]
    if entity == ident and conn.execute("SELECT 1 FROM actors WHERE id = ?", (ident,)).fetchone():
        return [ident]
    raise KeyError(f"no entity or actor {ident!r}")


def accept(store: Store, a: str, b: str) -> str:
    """Analyst judgement from the review list: ``a`` and ``b`` (entity or actor ids) are
    one actor. Returns the merged entity id (see
    :func:`newsweave.resolve.entity_judgements.merge`)."""
    return merge(store, a, b)


def reject(store: Store, a: str, b: str) -> int:
    """Analyst judgement from the review list: ``a`` and ``b`` (entity or actor ids) are
    different actors. Writes analyst negatives between every member of one and every
    member of the other (replacing analyst positives between them); returns how many.
    ValueError when they are one entity (use ``split``)."""
    left, right = _members(store, a), _members(store, b)
    if set(left) & set(right):
        raise ValueError(f"{a} and {b} are one entity; use split to separate its actors")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    features = json.dumps({"command": "review-reject"}, sort_keys=True)
    pairs = [tuple(sorted(p)) for p in product(left, right)]
    rows = [(x, y, ANALYST_RANK, features, REJECT_ALGORITHM, REJECT_VERSION, now) for x, y in pairs]
    with store.transaction() as conn:
        conn.executemany(
            "DELETE FROM judgements WHERE source = 'analyst' AND left_id = ? AND right_id = ?",
            pairs,
        )
        conn.executemany(
            "INSERT INTO judgements (left_id, right_id, judgement, source, rank, score,"
            " features, algorithm, version, created_at)"
            " VALUES (?, ?, 'negative', 'analyst', ?, 0.0, ?, ?, ?, ?)",
            rows,
        )
    return len(pairs)
