"""Analyst judgements and forgetting: :func:`merge` and :func:`split` record an analyst's
decision that survives every re-resolution; :func:`forget_cleanup` removes what forgotten
documents alone supported. The automatic resolution is :mod:`newsweave.resolve.entities`."""

from __future__ import annotations

from itertools import combinations

from newsweave.errors import NewsweaveError
from newsweave.resolve.entities import _rebuild, _write_judgement
from newsweave.resolve.entity_blocks import _ids_json
from newsweave.resolve.entity_records import entity_of
from newsweave.store.sqlite import Store


def forgotten(store: Store) -> bool:
    """Whether an entity lost member actors (their documents were forgotten)."""
    row = store.connection.execute(
        "SELECT 1 FROM entities AS e WHERE e.size !="
        " (SELECT count(*) FROM entity_members AS m WHERE m.entity_id = e.id) LIMIT 1"
    ).fetchone()
    return row is not None


def forget_cleanup(store: Store) -> int:
    """After documents were forgotten: drop machine judgements of vanished actors and
    recompute the components that lost actors. Returns the components recomputed."""
    with store.transaction() as conn:
        partners: set[str] = set()
        for r in conn.execute(
            "SELECT left_id, right_id FROM judgements WHERE source = 'machine' AND"
            " (left_id NOT IN (SELECT id FROM actors) OR right_id NOT IN (SELECT id FROM actors))"
        ):
            partners.update((str(r[0]), str(r[1])))
        conn.execute(
            "DELETE FROM judgements WHERE source = 'machine' AND"
            " (left_id NOT IN (SELECT id FROM actors) OR right_id NOT IN (SELECT id FROM actors))"
        )
        touched = [
            str(r[0])
            for r in conn.execute(
                "SELECT e.id FROM entities AS e WHERE e.size !="
                " (SELECT count(*) FROM entity_members AS m WHERE m.entity_id = e.id)"
            )
        ]
        for r in conn.execute(
            "SELECT actor_id FROM entity_members WHERE entity_id IN"
            " (SELECT value FROM json_each(?))",
            (_ids_json(touched),),
        ):
            partners.add(str(r[0]))
        conn.execute(
            "DELETE FROM entities WHERE id IN (SELECT value FROM json_each(?))",
            (_ids_json(touched),),
        )
        return _rebuild(store, partners)


def _members(store: Store, ident: str) -> list[str]:
    """Actor ids of an entity (or the actor itself when ``ident`` is an actor id)."""
    rows = store.connection.execute(
        "SELECT actor_id FROM entity_members WHERE entity_id = ? ORDER BY actor_id", (ident,)
    ).fetchall()
    if rows:
        return [str(r[0]) for r in rows]
    if store.connection.execute("SELECT 1 FROM actors WHERE id = ?", (ident,)).fetchone():
        found = entity_of(store, ident)
        return _members(store, found) if found else [ident]
    raise KeyError(f"no entity or actor {ident!r}")


def merge(store: Store, a: str, b: str) -> str:
    """Analyst merge of entities (or actors) ``a`` and ``b``; returns the merged entity id.

    Writes analyst positives between every member of ``a`` and every member of ``b`` (so
    the merged entity holds even where the machine's same-document rule would cut it, and
    forgetting one document does not undo it) in place of any analyst negatives between
    them; survives every later re-resolution.
    """
    left, right = _members(store, a), _members(store, b)
    if set(left) == set(right):  # the same entity twice: nothing to merge, nothing written
        raise NewsweaveError("NW205", f"{a} {b}", "both name the same entity")
    with store.transaction() as conn:
        for x in left:
            conn.executemany(
                "DELETE FROM judgements WHERE source = 'analyst' AND judgement = 'negative'"
                " AND left_id = ? AND right_id = ?",
                [tuple(sorted((x, y))) for y in right if x != y],
            )
        for x in left:
            for y in right:
                if x != y:
                    _write_judgement(
                        store,
                        (x, y),
                        "positive",
                        source="analyst",
                        score=1.0,
                        features={"command": "merge"},
                        algorithm="analyst-merge",
                        version="1",
                    )
        _rebuild(store, {*left, *right})
    found = entity_of(store, left[0])
    if found is None:
        raise KeyError(f"entity of {left[0]!r} vanished")
    return found


def split(store: Store, entity: str) -> list[str]:
    """Analyst split: every member actor of ``entity`` becomes its own entity and stays
    apart (analyst negatives between every pair). Returns the new entity ids."""
    members = _members(store, entity)
    with store.transaction():
        for x, y in combinations(members, 2):
            _write_judgement(
                store,
                (x, y),
                "negative",
                source="analyst",
                score=0.0,
                features={"command": "split"},
                algorithm="analyst-split",
                version="1",
            )
        _rebuild(store, set(members))
    return sorted({e for e in (entity_of(store, m) for m in members) if e})
