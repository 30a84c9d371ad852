"""Claims compare place: counts of different places are never one claim, never
corroborate and never conflict; a national toll meets a count without place only when
that count's document is about the same country. Real store from short original texts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsweave.resolve.claims import (
    ClaimRecord,
    FigurePlace,
    claim_records,
    conflict_records,
    places_compatible,
)
from newsweave.store.sqlite import Store
from tests.resolve.stores import Article, add_articles

ARTICLES: list[Article] = [
    (
        "2024-03-04",
        "Gunmen attack northern village",
        "Eight people were killed on Sunday in an attack on the village of Marrow Ford in "
        "the Esk region of Veldoria, the army said.",
    ),
    (
        "2024-03-04",
        "Protest deaths rise in Veldorian capital",
        "Eight people were killed on Sunday when police fired on marchers in Tarven, the "
        "health ministry said. Protests have spread across Veldoria.",
    ),
    (
        "2024-03-04",
        "Clashes in Tarven",
        "Eleven people died on Sunday in clashes in Tarven, a doctors' union said. The union "
        "has members in hospitals across Veldoria and asked for an inquiry.",
    ),
    (
        "2024-03-05",
        "National toll",
        "In all, 40 people have been killed in Veldoria since the protests began, "
        "the health ministry said on Tuesday. Shops and schools stayed closed for a week.",
    ),
    (
        "2024-03-05",
        "Rights league gives higher toll",
        "The rights league said on Tuesday that 52 people had died since the protests "
        "began. The league has documented abuses in Veldoria and in Tarven for years.",
    ),
    (
        "2024-03-05",
        "Ferry disaster in Kelmark",
        "The coast guard said on Tuesday that 52 people had died when a ferry sank. "
        "Kelmark has declared a day of mourning, and flags in Ostby flew at half mast.",
    ),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("claim-places")
    with Store.open(folder / "places.db") as opened:
        add_articles(opened, folder, "articles", ARTICLES)
        yield opened


def deaths(store: Store, value: float) -> list[ClaimRecord]:
    return [c for c in claim_records(store) if c.what == "deaths" and c.value == value]


def conflicting_values(store: Store) -> set[tuple[float, ...]]:
    return {c.values for c in conflict_records(store, kind="conflict") if c.what == "deaths"}


def test_same_count_in_two_places_is_two_claims(store: Store) -> None:
    eights = deaths(store, 8.0)
    assert len(eights) == 2
    assert not any(c.corroborated for c in eights)
    assert {c.place for c in eights if c.place} == {"Marrow Ford", "Tarven"}


def test_counts_of_different_places_never_conflict(store: Store) -> None:
    assert (8.0, 11.0) in conflicting_values(store)  # both in Tarven on Sunday
    village = next(c for c in deaths(store, 8.0) if c.place == "Marrow Ford")
    for conflict in conflict_records(store):
        assert village.id not in conflict.claims


def test_national_toll_meets_unplaced_count_of_the_same_country(store: Store) -> None:
    found = conflict_records(store, kind="conflict")
    fifty_two = deaths(store, 52.0)
    assert len(fifty_two) == 2  # Veldoria's and Kelmark's 52 are not one claim
    national = [c for c in found if set(c.values) == {40.0, 52.0}]
    assert len(national) == 1  # only Veldoria's 52 disputes Veldoria's 40


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (FigurePlace("national", "XV"), FigurePlace("unspecified", "XV"), True),
        (FigurePlace("national", "XV"), FigurePlace("unspecified", "XK"), False),
        (FigurePlace("national", "XV"), FigurePlace("local", "XV", "Tarven", "city", "t"), False),
        (
            FigurePlace("local", "XV", "Tarven", "city", "t", (11.2, 30.4)),
            FigurePlace("local", "XV", "Esk Region", "region", "e", (14.6, 29.8)),
            False,
        ),
        (
            FigurePlace("local", "XV", "Marrow Ford", "village", "m", (14.5, 29.7)),
            FigurePlace("local", "XV", "Esk Region", "region", "e", (14.6, 29.8)),
            True,
        ),
        (FigurePlace("unspecified", None), FigurePlace("local", "XK", "Ostby", "city"), True),
        (None, FigurePlace("national", "XK"), True),
    ],
)
def test_places_compatible(a: FigurePlace | None, b: FigurePlace | None, expected: bool) -> None:
    assert places_compatible(a, b) is expected
    assert places_compatible(b, a) is expected


def test_a_national_claim_names_its_country() -> None:
    """A count placed only by its country is labelled with the country's name, as a local
    one is with its town (a reader saw the ISO code "SS" for South Sudan); a code no
    country has (a user gazetteer's) stays as written."""
    from newsweave.resolve.claim_places import _place_label

    assert _place_label(FigurePlace("national", "SS")) == "South Sudan"
    assert _place_label(FigurePlace("national", "XQ")) == "XQ"
    assert _place_label(FigurePlace("local", "SS", "Bentiu", "town")) == "Bentiu"
    assert _place_label(FigurePlace("unspecified", "SS")) is None
