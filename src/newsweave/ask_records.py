"""The story events and claims that may answer a question, read through indexes (the
entities: :mod:`newsweave.ask_lookup`).

* **story events** (:func:`story_candidates`): only the story events whose mode carries a
  question word (the only ones ``ask`` may answer with), ranked in SQL-side counts; only
  the best one is read whole (:func:`story_record`).
* **claims** (:func:`claim_candidates`): the claims of the quantity the question asks
  about, the best :data:`CLAIMS_BY_QUANTITY` of them by the answer's own tie-break (a
  count for the whole country, the latest, the most sources), plus the
  :data:`CLAIM_SEGMENTS` claims stated in the passages that match the question best
  (full-text index).

Records are built as :mod:`newsweave.resolve.events` and :mod:`newsweave.resolve.claims_list`
build every one, so an answer reads the same as from the whole listing.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from newsweave.store.sqlite import Store, raise_if_stopped

if TYPE_CHECKING:
    from newsweave.resolve.claims_list import ClaimListing
    from newsweave.resolve.events import StoryEventRecord

CLAIMS_BY_QUANTITY = 40
"""How many claims of the question's quantity are scored, best by the tie-break first."""

CLAIM_SEGMENTS = 200
"""How many claims stated in the passages that best match the question (of its quantity
when it has one) are scored beside them."""


def _json(ids: Sequence[str]) -> str:
    return json.dumps(list(ids))


# --------------------------------------------------------------------------- story events


def story_candidates(store: Store, matches_mode: Callable[[str], int]) -> list[sqlite3.Row]:
    """The story events whose mode ``matches_mode`` (a predicate on the mode text) accepts,
    with the counts ``ask`` ranks them by: ``has_actors`` (a member event has a known
    actor), ``documents``, ``evidence`` (distinct evidence sentences)."""
    conn = store.connection
    modes = [
        str(r[0])
        for r in conn.execute("SELECT DISTINCT mode FROM story_events WHERE mode IS NOT NULL")
        if matches_mode(str(r[0]))
    ]
    if not modes:
        return []
    return conn.execute(
        "SELECT s.id, s.mode, s.label, s.date, s.date_source, s.place FROM story_events AS s"
        " WHERE s.mode IN (SELECT value FROM json_each(?))",
        (_json(modes),),
    ).fetchall()


def story_counts(store: Store, ids: Sequence[str]) -> dict[str, tuple[bool, int, int]]:
    """Story event id → (has a named actor, documents, distinct evidence sentences) of the
    story events in ``ids``, as their records would count them."""
    conn = store.connection
    counts: dict[str, tuple[bool, int, int]] = {}
    for r in conn.execute(
        "SELECT sm.story_event_id AS id, count(DISTINCT e.document_id) AS docs,"
        " count(DISTINCT e.document_id || ':' || v.sentence_start || ':' || v.sentence_end)"
        " AS sentences, EXISTS (SELECT 1 FROM story_event_members AS s2"
        " JOIN event_participants AS p ON p.event_id = s2.event_id AND p.role = 'actor'"
        " JOIN actors AS a ON a.id = p.actor_id WHERE s2.story_event_id = sm.story_event_id)"
        " AS has_actors"
        " FROM story_event_members AS sm JOIN events AS e ON e.id = sm.event_id"
        " JOIN event_evidence AS v ON v.event_id = e.id"
        " WHERE sm.story_event_id IN (SELECT value FROM json_each(?))"
        " GROUP BY sm.story_event_id",
        (_json(ids),),
    ):
        counts[str(r["id"])] = (bool(r["has_actors"]), int(r["docs"]), int(r["sentences"]))
    return counts


def story_entities(store: Store, ids: Sequence[str], entities: Sequence[str]) -> dict[str, int]:
    """Story event id → how many of ``entities`` take part (as actor or target) in it."""
    if not entities:
        return {}
    conn = store.connection
    found: dict[str, set[str]] = defaultdict(set)
    for r in conn.execute(
        "SELECT sm.story_event_id, m.entity_id FROM entity_members AS m"
        " JOIN event_participants AS p ON p.actor_id = m.actor_id"
        " AND p.role IN ('actor', 'target')"
        " JOIN story_event_members AS sm ON sm.event_id = p.event_id"
        " WHERE m.entity_id IN (SELECT value FROM json_each(?))"
        " AND sm.story_event_id IN (SELECT value FROM json_each(?))",
        (_json(entities), _json(ids)),
    ):
        found[str(r[0])].add(str(r[1]))
    return {story: len(named) for story, named in found.items()}


def story_record(store: Store, story_id: str) -> StoryEventRecord | None:
    """One story event read as :func:`newsweave.resolve.events.story_event_records` reads
    every one."""
    from newsweave.resolve.events import story_event_record

    return story_event_record(store, story_id)


def claim_candidates(
    store: Store, quantity: str | None, terms: Sequence[str]
) -> tuple[list[ClaimListing], bool]:
    """(claims to score, whether they are claims of ``quantity``): the best
    :data:`CLAIMS_BY_QUANTITY` claims of the quantity by the answer's tie-break, and the
    claims stated in the :data:`CLAIM_SEGMENTS` passages that best match ``terms`` (FTS5
    terms); when no claim is of the quantity, the latter alone."""
    from newsweave.analyze.figures import CURRENCY_CODES

    conn = store.connection
    if quantity == "money":
        fits, params = (
            "upper(c.unit) IN (SELECT value FROM json_each(?))",
            [_json(sorted(c.upper() for c in CURRENCY_CODES))],
        )
    elif quantity == "share":
        fits, params = "c.unit = 'percent'", []
    elif quantity == "change":  # "by how much": a percentage or an amount of money
        fits, params = (
            "(c.unit IN ('percent', 'percentage point', 'basis point')"
            " OR upper(c.unit) IN (SELECT value FROM json_each(?)))",
            [_json(sorted(c.upper() for c in CURRENCY_CODES))],
        )
    elif quantity is not None:
        fits, params = "c.what = ?", [quantity]
    else:
        fits, params = "0", []
    fitting = [
        str(r[0])
        for r in conn.execute(
            f"SELECT c.id FROM claims AS c WHERE {fits} ORDER BY (c.place IS NULL OR"
            " (length(c.place) = 2 AND c.place = upper(c.place))) DESC, c.as_of DESC,"
            " c.documents DESC"
            " LIMIT ?",
            (*params, CLAIMS_BY_QUANTITY),
        )
    ]
    stated: list[str] = []
    if terms:
        try:
            stated = [
                str(r[0])
                for r in conn.execute(
                    "WITH hits AS MATERIALIZED (SELECT rowid AS id, bm25(segments_fts) AS rank"
                    " FROM segments_fts WHERE segments_fts MATCH ?)"
                    " SELECT m.claim_id FROM hits JOIN segments AS s ON s.id = hits.id"
                    " JOIN figures AS g ON g.document_id = s.document_id"
                    " AND g.start_char >= s.start_char AND g.end_char <= s.end_char"
                    " JOIN claim_members AS m ON m.figure_id = g.id"
                    " JOIN claims AS c ON c.id = m.claim_id"
                    f" WHERE {fits if fitting else '1'}"
                    " GROUP BY m.claim_id ORDER BY min(hits.rank) LIMIT ?",
                    (" OR ".join(terms), *(params if fitting else []), CLAIM_SEGMENTS),
                )
            ]
        except sqlite3.OperationalError as error:  # a query the full-text syntax refuses
            raise_if_stopped(error)
            stated = []
    ids = list(dict.fromkeys([*fitting, *stated]))
    return claim_listings(store, ids), bool(fitting)


def restatements(store: Store, claim: ClaimListing) -> list[ClaimListing]:
    """The other claims stating the same value of the same quantity (at most 50)."""
    ids = [
        str(r[0])
        for r in store.connection.execute(
            "SELECT id FROM claims WHERE what = ? AND value = ? AND qualifier IS ?"
            " AND unit IS ? AND id != ? LIMIT 50",
            (claim.what, claim.value, claim.qualifier, claim.unit, claim.id),
        )
    ]
    return claim_listings(store, ids)


def claim_listings(store: Store, ids: Sequence[str]) -> list[ClaimListing]:
    """The :class:`ClaimListing` of each claim in ``ids``, as
    :func:`newsweave.resolve.claims_list.list_claims` lists every one (conflicts with claims
    of the same quantity included), in the listing's order."""
    from newsweave.resolve.claims import ClaimRecord, claim_records
    from newsweave.resolve.claims_list import Counterpart, listing
    from newsweave.resolve.figure_parts import parts_of_claims

    if not ids:
        return []
    conn = store.connection

    def records(wanted: Sequence[str]) -> dict[str, ClaimRecord]:
        return {c.id: c for c in claim_records(store, wanted)}

    own = records(ids)
    whats = sorted({c.what for c in own.values()})
    conflicts = conn.execute(
        "SELECT * FROM conflicts WHERE what IN (SELECT value FROM json_each(?))"
        " ORDER BY what, as_of, id",
        (_json(whats),),
    ).fetchall()
    rows = [
        (r, tuple(str(i) for i in json.loads(r["claim_ids"])))
        for r in conflicts
        if set(json.loads(r["claim_ids"])) & set(own)
    ]
    others = records(sorted({i for _, c in rows for i in c} - set(own)))
    known = {**own, **others}
    counterparts: dict[str, list[Any]] = defaultdict(list)
    for row, claim_ids in rows:
        if not all(i in known for i in claim_ids):
            continue
        values = [float(v) for v in json.loads(row["claim_values"])]
        for mine in claim_ids:
            if mine not in own:
                continue
            for index, other in enumerate(claim_ids):
                if other == mine:
                    continue
                member = known[other]
                counterparts[mine].append(
                    Counterpart(
                        str(row["kind"]),
                        other,
                        values[index],
                        tuple(c.name for c in member.claimants),
                        member.as_of,
                    )
                )
    docs = sorted({e.document for c in own.values() for e in c.evidence})
    titles = {
        str(r[0]): (r[1], r[2])
        for r in conn.execute(
            "SELECT id, title, published FROM documents WHERE id IN"
            " (SELECT value FROM json_each(?))",
            (_json(docs),),
        )
    }
    ordered = sorted(own.values(), key=lambda c: (c.what, c.as_of or "", c.value, c.id))
    parts = parts_of_claims(conn, own)
    return [listing(c, titles, counterparts.get(c.id, ()), parts.get(c.id, ())) for c in ordered]
