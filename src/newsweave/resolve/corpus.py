"""Weave the per-document facts into the corpus model, in a fixed order:

1. places: every place actor of the new documents gets coordinates (gazetteer + context);
2. entities: the new documents' actors are scored against the blocking index and joined
   to entities (judgements; analysts' merges and splits outrank the machine's);
3. claims: figures across documents become corroborated claims, conflicts and revisions;
4. story events: the same happening reported by several documents becomes one event.

Steps 1–2 are incremental (only the given documents); 3–4 recompute in milliseconds.
After ``forget``, :func:`after_forget` repairs what the removed document touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.analyze.gazetteer import Gazetteer
from newsweave.resolve import claims, entities, events, places
from newsweave.store.sqlite import Store


@dataclass(frozen=True)
class CorpusReport:
    places: int
    entities: int
    claims: int
    conflicts: int
    story_events: int


def resolve_corpus(
    store: Store, gazetteer: Gazetteer, document_ids: Sequence[str] | None = None
) -> CorpusReport:
    """Update the corpus model for ``document_ids`` (None: every document)."""
    placed = places.geocode_documents(store, gazetteer, document_ids)
    entities.resolve_entities(store, document_ids)
    found = claims.resolve_claims(store)
    story = events.resolve_events(store)
    return CorpusReport(
        places=placed,
        entities=len(entities.entity_records(store)),
        claims=found.claims,
        conflicts=found.conflicts,
        story_events=story,
    )


def after_forget(store: Store) -> None:
    """Recompute the corpus model pieces a forgotten document touched."""
    entities.forget_cleanup(store)
    claims.resolve_claims(store)
    events.resolve_events(store)
