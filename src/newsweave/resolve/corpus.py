"""Weave the per-document facts into the corpus model, in a fixed order:

1. places: every place actor of the new documents gets coordinates (gazetteer + context);
2. entities: the new documents' actors are scored against the blocking index and joined
   to entities (judgements; analysts' merges and splits outrank the machine's);
3. claims: figures across documents become corroborated claims, conflicts and revisions;
4. story events: the same happening reported by several documents becomes one event.

Steps 1–2 are incremental: without ``document_ids`` only the *pending* documents (those
with actors the blocking index does not hold yet: new or re-analysed) are geocoded, scored
and re-clustered, and only the regions of the entity graph they reach are rebuilt — with
the same result as a full re-resolution (``full=True``, also chosen by itself when the
stored judgements come from another version of the scorer). Step 3 recomputes only the
quantities the changes touch (see :mod:`newsweave.resolve.claims`); step 4 only the kinds
of story events (PLOVER type and mode) the new documents' events or the actors whose entity
changed touch, replaying the last run's decisions inside them and comparing again only
where an input changed (see :func:`newsweave.resolve.events.resolve_events`).
After ``forget``, :func:`after_forget` repairs what the removed document touched.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsweave.analyze.gazetteer import Gazetteer
from newsweave.resolve import claims, entities, entity_judgements, events, places
from newsweave.store.sqlite import Store


@dataclass(frozen=True)
class CorpusReport:
    places: int
    entities: int
    claims: int
    conflicts: int
    story_events: int
    cpu: dict[str, float] = field(default_factory=dict, compare=False)
    """CPU seconds of each step (places, entities, claims, story events), for benches."""


def pending_documents(store: Store) -> list[str]:
    """Documents with actors the blocking index does not hold yet (new or re-analysed)."""
    rows = store.connection.execute(
        "SELECT DISTINCT a.document_id FROM actors AS a WHERE NOT EXISTS"
        " (SELECT 1 FROM actor_keys AS k WHERE k.actor_id = a.id) ORDER BY 1"
    )
    return [str(r[0]) for r in rows]


def resolve_corpus(
    store: Store,
    gazetteer: Gazetteer,
    document_ids: Sequence[str] | None = None,
    *,
    full: bool = False,
) -> CorpusReport:
    """Update the corpus model for ``document_ids`` (None: the pending documents; every
    document when ``full`` or when the stored judgements are of another scorer version)."""
    cpu: dict[str, float] = {}
    clock = [time.process_time()]

    def step(name: str) -> None:
        now = time.process_time()
        cpu[name] = cpu.get(name, 0.0) + now - clock[0]
        clock[0] = now

    full = full or entities.outdated(store)
    ids: list[str] = []
    kinds: set[events.Kind] | None = None
    moved: set[str] = set()
    if full:
        placed = places.geocode_documents(store, gazetteer, None)
        step("places")
        entities.resolve_entities(store, None)
        step("entities")
    else:
        ids = pending_documents(store) if document_ids is None else list(document_ids)
        placed = places.geocode_documents(store, gazetteer, ids) if ids else 0
        step("places")
        forgot = entity_judgements.forgotten(store)
        if forgot:
            entity_judgements.forget_cleanup(store)
        moved = entities.resolve_entities(store, ids).moved if ids else set()
        step("entities")
        kinds = None if forgot else events.touched_kinds(store, ids, moved)
        step("events")
    found = claims.resolve_claims(store, full=full, documents=ids)
    step("claims")
    story = events.resolve_events(store, kinds, None if kinds is None else moved, ids)
    step("events")
    count = entities.entity_count(store)
    step("entities")
    return CorpusReport(
        places=placed,
        entities=count,
        claims=found.claims,
        conflicts=found.conflicts,
        story_events=story,
        cpu=cpu,
    )


def after_forget(store: Store) -> None:
    """Recompute the corpus model pieces a forgotten document touched."""
    entity_judgements.forget_cleanup(store)
    claims.resolve_claims(store)
    events.resolve_events(store)
