"""The pieces that keep incremental resolution local: which actors witness a change of
entities, and story events recomputed kind by kind (the whole comparison with a full
resolution is tests/resolve/test_incremental.py)."""

from __future__ import annotations

from pathlib import Path

from newsweave.resolve.entities import _moved
from newsweave.resolve.events import Kind, resolve_events, touched_kinds
from newsweave.resolve.snapshot import snapshot
from newsweave.store.sqlite import Store
from tests.resolve.test_claims import build_example_store


def test_an_actor_joining_a_large_entity_marks_only_itself() -> None:
    current = {"e1": {"a", "b", "c"}, "e2": {"x"}}
    assert _moved(current, [["a", "b", "c", "new", "x"]]) == {"x"}


def test_a_split_marks_the_smaller_part() -> None:
    current = {"e1": {"a", "b", "c", "d"}}
    assert _moved(current, [["a", "b", "c"], ["d"]]) == {"d"}


def test_a_new_member_or_a_new_id_is_no_move() -> None:
    assert _moved({"e1": {"b", "c"}}, [["a", "b", "c"]]) == set()


def test_two_entities_trading_members_mark_a_witness_of_each_change() -> None:
    current = {"e1": {"a", "b", "c"}, "e2": {"x", "y", "z"}}
    moved = _moved(current, [["a", "b", "z"], ["c", "x", "y"]])
    # every pair whose "same entity" changed has an end in ``moved``
    before = {a: e for e, members in current.items() for a in members}
    after = {a: n for n, group in enumerate([["a", "b", "z"], ["c", "x", "y"]]) for a in group}
    changed = [
        (p, q)
        for p in before
        for q in before
        if p < q and (before[p] == before[q]) != (after[p] == after[q])
    ]
    assert changed and all(p in moved or q in moved for p, q in changed)
    assert moved == {"c", "z"}


def kinds_of(store: Store) -> list[Kind]:
    rows = store.connection.execute("SELECT DISTINCT type, mode FROM events ORDER BY 1, 2")
    return [(str(r[0]), r[1]) for r in rows]


def test_story_events_recomputed_by_kind_equal_a_full_recomputation(tmp_path: Path) -> None:
    with build_example_store(tmp_path / "kinds.db") as store:
        total = resolve_events(store)
        expected = snapshot(store)[1]
        kinds = kinds_of(store)
        assert len(kinds) > 3 and len(expected) == total
        for kind in kinds:
            assert resolve_events(store, [kind]) == total
            assert snapshot(store)[1] == expected
        assert resolve_events(store, []) == total
        # a document's own kinds are touched; nothing else without moved actors
        doc = str(store.connection.execute("SELECT document_id FROM events LIMIT 1").fetchone()[0])
        own = {
            (str(r[0]), r[1])
            for r in store.connection.execute(
                "SELECT type, mode FROM events WHERE document_id = ?", (doc,)
            )
        }
        assert touched_kinds(store, [doc], set()) == own
        # an actor whose entity changed touches the kinds of the events naming it
        actor = str(
            store.connection.execute(
                "SELECT a.value FROM events AS e, json_each(e.actors) AS a LIMIT 1"
            ).fetchone()[0]
        )
        assert touched_kinds(store, [], {actor})
        # a story whose member event disappeared is recomputed
        story_kind = kinds[0]
        store.connection.execute(
            "DELETE FROM events WHERE id IN (SELECT m.event_id FROM story_event_members AS m"
            " JOIN story_events AS s ON s.id = m.story_event_id WHERE s.type = ? AND"
            " s.mode IS ? LIMIT 1)",
            story_kind,
        )
        assert story_kind in touched_kinds(store, [], set())
