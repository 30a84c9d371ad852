"""Where a count happened, for claims, on two original articles about one monsoon
disaster: a district the gazetteer does not know but the text names as a district ("in
Kelawi district") makes its count local, so the district's dead are no conflicting value of
the national toll; a count of a group of people (children, women) is a claim of its own,
never set against the toll of all people; a place named in a relative clause opened after
the count ("…, which cut roads as far as Lucknow") is not where the count happened."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsweave.resolve.claims_list import ClaimListing, list_claims
from tests.resolve.stores import text_corpus_store

FIRST = """Monsoon landslides kill 31 across Nepal
By Asha Gurung
August 11, 2025

KATHMANDU — Landslides set off by a week of monsoon rain have killed 31 people across \
Nepal, the home ministry said on Monday.

In Kelawi district, 14 people were killed and 22 were injured when a hillside gave way \
above a bus park, a district official said.

Nine people died in neighbouring Upper Soron district, where a bridge was swept away, \
police said.

Rescuers said five children were killed when the wall of a village school collapsed.

Forty-one people were injured by the floods, which also cut roads as far as Lucknow in \
India.
"""

SECOND = """Nepal landslide toll reaches 31
By Daniel Pereira
August 11, 2025

The number of people killed in landslides in Nepal has reached 31, according to the home \
ministry, which said rescue teams were still digging through mud in two districts.

Forty-one people were injured, the ministry added.

Among the worst-hit areas was Kelawi district, where 14 people were killed.
"""


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[ClaimListing]]:
    files = {
        "2025-08-11_valley-post_monsoon-landslides.txt": FIRST,
        "2025-08-11_asia-wire_nepal-toll.txt": SECOND,
    }
    store = text_corpus_store(tmp_path_factory.mktemp("areas"), files)
    yield list_claims(store)
    store.close()


def _deaths(claims: list[ClaimListing], value: float) -> ClaimListing:
    found = [c for c in claims if c.what == "deaths" and c.value == value]
    assert len(found) == 1, [(c.value, c.place, c.unit, c.status) for c in claims]
    return found[0]


def test_the_national_toll_is_one_claim_without_conflict(claims: list[ClaimListing]) -> None:
    toll = _deaths(claims, 31)
    assert toll.status == "corroborated", toll
    assert len({s.document for s in toll.sources}) == 2
    assert not toll.conflicts


def test_a_district_named_by_the_text_is_the_place_of_its_count(
    claims: list[ClaimListing],
) -> None:
    kelawi = _deaths(claims, 14)
    assert kelawi.place == "Kelawi"
    assert kelawi.status == "corroborated" and not kelawi.conflicts
    soron = _deaths(claims, 9)
    assert soron.place == "Upper Soron" and not soron.conflicts


def test_a_group_of_people_is_counted_apart_from_the_toll(claims: list[ClaimListing]) -> None:
    children = _deaths(claims, 5)
    assert children.unit == "child"
    assert children.status == "single" and not children.conflicts


def test_a_place_in_a_later_relative_clause_is_not_where_people_were_counted(
    claims: list[ClaimListing],
) -> None:
    injured = [c for c in claims if c.what == "injuries" and c.value == 41]
    assert len(injured) == 1, [(c.value, c.place) for c in claims if c.what == "injuries"]
    assert injured[0].place != "Lucknow"
    assert len({s.document for s in injured[0].sources}) == 2
