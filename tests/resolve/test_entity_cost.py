"""What the entity resolver keeps in memory during a run equals what the store holds:
block sizes kept current while actors are indexed (instead of counted again per chunk)."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.resolve.entity_blocks import (
    BlockSizes,
    _index_actors,
    _load_actors,
    _sizes,
    blocking_keys,
)
from newsweave.store.sqlite import Store
from tests.resolve.stores import add_articles

ARTICLES = [
    (
        "2031-03-02",
        "Harbour board names new chair",
        "Ilse Marwood was named chair of the Tarven Harbour Board on Monday. Marwood said"
        " the board would publish its accounts. Deputy Odile Marwick welcomed the choice.",
    ),
    (
        "2031-03-05",
        "Marwood meets dock unions",
        "Harbour chair Ilse Marwood met the Dockworkers Union in Tarven. Union leader"
        " Benedikt Marwood, no relation, asked for a pay review. Odile Marwick attended.",
    ),
    (
        "2031-03-09",
        "Accounts published",
        "The Tarven Harbour Board published its accounts. Chair Ilse Marwood thanked"
        " auditor Piet Marwede, and the Dockworkers Union called the figures fair.",
    ),
]


def _all_keys(store: Store) -> set[str]:
    return {str(r[0]) for r in store.connection.execute("SELECT DISTINCT key FROM actor_keys")}


def test_block_sizes_stay_equal_to_the_index_while_actors_are_indexed(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        add_articles(store, tmp_path, "harbour", ARTICLES)
        conn = store.connection
        doc = str(conn.execute("SELECT id FROM documents ORDER BY seq DESC").fetchone()[0])
        ids = [
            str(r[0]) for r in conn.execute("SELECT id FROM actors WHERE document_id = ?", (doc,))
        ]
        actors = _load_actors(store, ids)
        assert actors
        keys = _all_keys(store)
        conn.execute(
            "DELETE FROM actor_keys WHERE actor_id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        )
        sizes = BlockSizes(store)
        before = sizes.get(keys)
        assert before == _sizes(store, keys)
        _index_actors(store, actors.values(), sizes)
        assert sizes.get(keys) == _sizes(store, keys)
        assert sizes.get(keys) != before  # the document's keys were counted
        # indexing the same actors again (a re-run) replaces their rows: still equal
        _index_actors(
            store, actors.values(), sizes, {a: blocking_keys(x) for a, x in actors.items()}
        )
        assert sizes.get(keys) == _sizes(store, keys)


def test_the_word_lists_read_alone_equal_the_pipeline_s() -> None:
    from newsweave.analyze.nlp import load
    from newsweave.resolve.name_words import _lemma_index_alone

    alone = _lemma_index_alone()
    assert alone is not None
    table = load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    for part in ("adj", "adv", "verb"):
        assert set(alone.get(part, [])) == set(table.get(part, []))
        assert table.get(part, [])


def test_person_name_match_does_not_depend_on_the_order_of_the_forms() -> None:
    """A full name that conflicts ("Dana" vs "Marcus" Whitlock) and a bare given name that
    fits nothing: the conflict is the answer whichever pair is compared first (the forms
    are sets, iterated in hash-seed order; two runs over one store judged differently)."""
    from newsweave.resolve.entity_scoring import person_name_match
    from newsweave.resolve.namekeys import ActorInfo

    marcus = ActorInfo("a2", "d2", "Marcus Whitlock", "PERSON")
    for aliases in (("Dana",), ("Dana", "D. Whitlock")):
        dana = ActorInfo("a1", "d1", "Dana Whitlock", "PERSON", aliases=aliases)
        assert person_name_match(dana, marcus)[1] < 0
        assert person_name_match(marcus, dana) == person_name_match(dana, marcus)
    bare = ActorInfo("a3", "d3", "Dana Whitlock", "PERSON", aliases=("Whitlock",))
    assert person_name_match(bare, marcus) == ("surname_only", 0.6)
