"""What a corpus resolution decided, as a value two runs can be compared by: its entities,
story events, claims (with members, claimants and status) and conflicts. An incremental
resolution must give the same snapshot as a full one (tests/resolve/test_incremental.py,
bench/scale_resolve.py)."""

from __future__ import annotations

from newsweave.store.sqlite import Store

Groups = frozenset[tuple[str, frozenset[str]]]
Snapshot = tuple[Groups, Groups, frozenset[tuple[object, ...]], frozenset[tuple[object, ...]]]
"""Entities, story events, claims (with members and status) and conflicts."""


def snapshot(store: Store) -> Snapshot:
    """The store's resolution as comparable sets (ids and members, no order)."""
    conn = store.connection
    entities: dict[str, set[str]] = {}
    for entity, actor in conn.execute("SELECT entity_id, actor_id FROM entity_members"):
        entities.setdefault(str(entity), set()).add(str(actor))
    stories: dict[str, set[str]] = {}
    for story, event in conn.execute("SELECT story_event_id, event_id FROM story_event_members"):
        stories.setdefault(str(story), set()).add(str(event))
    members: dict[str, set[str]] = {}
    for claim, figure, claimant in conn.execute(
        "SELECT claim_id, figure_id, claimant FROM claim_members"
    ):
        members.setdefault(str(claim), set()).add(f"{figure}:{claimant}")
    claims = frozenset(
        (*tuple(r), frozenset(members.get(str(r[0]), ())))
        for r in conn.execute(
            "SELECT id, what, unit, value, low, high, qualifier, as_of, status, documents, place"
            " FROM claims"
        )
    )
    conflicts = frozenset(tuple(r) for r in conn.execute("SELECT * FROM conflicts"))
    return (
        frozenset((k, frozenset(v)) for k, v in entities.items()),
        frozenset((k, frozenset(v)) for k, v in stories.items()),
        claims,
        conflicts,
    )
