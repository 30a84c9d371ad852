"""The review list of unsure entity judgements, and the analyst's accept/reject: on a real
store built from short original articles (a surname two people of one family share), the
judgements survive a later ingest and a full re-resolution. The CLI too."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.resolve.entities import entity_of, resolve_entities
from newsweave.resolve.review import ReviewItem, accept, reject, review_items
from newsweave.store.sqlite import Store
from tests.resolve.stores import Article, add_articles

ARTICLES: list[Article] = [
    (
        "2024-04-02",
        "Port workers strike in Tarven",
        "Dock workers in Tarven walked out on Monday after reports that Gustav Kessler, the "
        "brother of ports minister Ilse Kessler, owns a stake in the terminal operator. "
        "Oskar Dalby, the union leader, called the deal corrupt.",
    ),
    (
        "2024-04-03",
        "Minister defends port deal",
        "Kessler told parliament on Tuesday that the concession was lawful and that she had "
        "declared every family interest. Oskar Dalby said the dockers of Tarven would stay "
        "out until the deal was cancelled.",
    ),
]
LATER: list[Article] = [
    (
        "2024-04-09",
        "Dockers return to work in Tarven",
        "Dockers in Tarven went back to work on Tuesday after ports minister Ilse Kessler "
        "suspended the terminal concession. Kessler said an audit would report within a "
        "month, and Oskar Dalby welcomed the decision.",
    )
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review")
    with Store.open(folder / "review.db") as store:
        add_articles(store, folder, "first", ARTICLES)
    return folder


@pytest.fixture
def store(built: Path, tmp_path: Path) -> Iterator[Store]:
    """A fresh copy of the built store (tests judge, so each gets its own)."""
    with Store.open(built / "review.db") as original:
        original.connection.execute("VACUUM INTO ?", (str(tmp_path / "review.db"),))
    (tmp_path / "places.csv").write_text((built / "places.csv").read_text())
    with Store.open(tmp_path / "review.db") as opened:
        yield opened


def names(item: ReviewItem) -> tuple[str, str]:
    return item.left.name, item.right.name


def item_for(store: Store, first: str, second: str) -> ReviewItem | None:
    wanted = tuple(sorted((first, second)))
    return next((i for i in review_items(store) if tuple(sorted(names(i))) == wanted), None)


def test_unsure_pairs_are_listed_with_their_reasons(store: Store) -> None:
    items = review_items(store)
    assert {tuple(sorted(names(i))) for i in items} == {
        ("Gustav Kessler", "Kessler"),
        ("Ilse Kessler", "Kessler"),
    }
    assert [i.score for i in items] == sorted((i.score for i in items), reverse=True)
    for item in items:
        assert 0.5 <= item.score < 0.85
        # a bare surname scored from the two actors alone; that two Kesslers fit it is
        # decided by the clustering (exactly one compatible candidate, else it stays alone)
        assert item.features.get("name@1") == "surname_only"
        for side in (item.left, item.right):
            assert side.type == "PERSON" and side.documents == 1
            assert side.sample and side.name.split()[-1] in side.sample
            assert entity_of(store, side.actor) == side.entity
    assert len(review_items(store, limit=1)) == 1


def test_accept_merges_and_survives_a_later_ingest(store: Store, tmp_path: Path) -> None:
    item = item_for(store, "Ilse Kessler", "Kessler")
    assert item is not None
    merged = accept(store, item.left.entity, item.right.entity)
    assert entity_of(store, item.left.actor) == entity_of(store, item.right.actor) == merged
    assert item_for(store, "Ilse Kessler", "Kessler") is None

    add_articles(store, tmp_path, "later", LATER)
    resolve_entities(store)
    assert entity_of(store, item.left.actor) == entity_of(store, item.right.actor)
    listed = {tuple(sorted(names(i))) for i in review_items(store)}
    assert ("Ilse Kessler", "Kessler") not in listed


def test_reject_keeps_apart_and_survives_a_later_ingest(store: Store, tmp_path: Path) -> None:
    item = item_for(store, "Gustav Kessler", "Kessler")
    assert item is not None
    assert reject(store, item.left.actor, item.right.actor) >= 1
    assert item_for(store, "Gustav Kessler", "Kessler") is None

    add_articles(store, tmp_path, "later", LATER)
    resolve_entities(store)
    assert entity_of(store, item.left.actor) != entity_of(store, item.right.actor)
    rows = store.connection.execute(
        "SELECT judgement FROM judgements WHERE source = 'analyst'"
        " AND left_id = min(?, ?) AND right_id = max(?, ?)",
        (item.left.actor, item.right.actor) * 2,
    ).fetchall()
    assert [r[0] for r in rows] == ["negative"]
    assert item_for(store, "Gustav Kessler", "Kessler") is None


def test_reject_of_one_entity_is_refused(store: Store) -> None:
    item = review_items(store)[0]
    with pytest.raises(ValueError, match="one entity"):
        reject(store, item.left.entity, item.left.actor)
    with pytest.raises(KeyError):
        reject(store, item.left.entity, "n-no-such-entity")


def test_review_is_idempotent(store: Store) -> None:
    assert review_items(store) == review_items(store)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsweave.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_cli_lists_accepts_and_rejects(store: Store) -> None:
    db = str(store.connection.execute("PRAGMA database_list").fetchone()[2])
    listed = run("review", "--json", "--db", db)
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)
    assert len(items) == 2 and {"left", "right", "score", "features"} <= set(items[0])
    first, second = items
    accepted = run(
        "review", "--accept", first["left"]["entity"], first["right"]["entity"], "--db", db
    )
    assert accepted.returncode == 0, accepted.stderr
    assert "merged into" in accepted.stdout
    rejected = run(
        "review", "--reject", second["left"]["actor"], second["right"]["actor"], "--db", db
    )
    assert rejected.returncode == 0, rejected.stderr
    assert json.loads(run("review", "--json", "--db", db).stdout) == []
    missing = run("review", "--accept", "n-nope", "n-nada", "--db", db)
    assert missing.returncode == 1 and "NW204" in missing.stderr
    both = run("review", "--accept", "a", "b", "--reject", "c", "d", "--db", db)
    assert both.returncode == 1 and "NW401" in both.stderr
