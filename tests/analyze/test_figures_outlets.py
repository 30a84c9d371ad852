"""Two original articles about one market fire from two outlets, read as an analyst would:
the toll worded two ways is one corroborated claim with both outlets' claimants and the
as-of date of its own clause; parts stated in sentences of their own ("At least nine were
traders.", "Of the dead, eight were children") point at the toll and neither conflicts
with it nor with each other; "N or more" is a lower bound; a model name is no figure; the
market (a facility) lies in the city the story is about; ``ask`` answers the number
question from the claim; the export cites every field. Real spaCy model, real SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsweave.ask import ask
from newsweave.export.citations import uncited_fields
from newsweave.export.json import export_json
from newsweave.resolve.claims_list import ClaimListing, list_claims
from newsweave.resolve.places import distance_km
from newsweave.store.sqlite import Store
from tests.resolve.stores import text_corpus_store

FIRST = """Fire at Kumasi market kills 31, fire service says
By Abena Owusu-Darko
February 11, 2026

KUMASI — The Ghana National Fire Service said on Tuesday that 31 people were killed when \
fire swept through Kejetia Market before dawn. At least nine were traders who had slept \
beside their stalls.

The regional minister said 140 or more shops had burned down. A Cessna 172 chartered by a \
television station circled over the smoke for an hour.
"""

SECOND = """Kumasi market blaze: toll stands at 31
By Yaw Boakye
February 12, 2026

The death toll from the blaze at Kejetia Market stands at 31, according to the fire \
service. Of the dead, eight were children, the service's spokesman Kwame Adjei said.

Traders said the fire spread from a storeroom near the central lorry park.
"""

KUMASI = (6.69, -1.62)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    files = {
        "2026-02-11_ashanti-wire_market-fire.txt": FIRST,
        "2026-02-12_coast-daily_toll.txt": SECOND,
    }
    opened = text_corpus_store(tmp_path_factory.mktemp("fire"), files)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def claims(store: Store) -> list[ClaimListing]:
    return list_claims(store)


def _deaths(claims: list[ClaimListing], value: float) -> ClaimListing:
    found = [c for c in claims if c.what == "deaths" and c.value == value]
    assert len(found) == 1, [(c.what, c.value, c.status) for c in claims]
    return found[0]


def test_the_toll_is_one_claim_from_two_outlets(claims: list[ClaimListing]) -> None:
    toll = _deaths(claims, 31)
    assert toll.status == "corroborated"
    assert len({s.document for s in toll.sources}) == 2
    assert any("fire service" in c.lower() for c in toll.claimants), toll.claimants
    assert toll.as_of == "2026-02-10"  # "said on Tuesday", the day before the first article


def test_parts_in_their_own_sentences_point_at_the_toll(claims: list[ClaimListing]) -> None:
    toll = _deaths(claims, 31)
    traders = next(c for c in claims if c.value == 9)
    children = next(c for c in claims if c.value == 8)
    assert traders.qualifier == "at_least"
    assert toll.id in traders.part_of and toll.id in children.part_of
    assert toll.status == "corroborated"  # a part is no conflicting value of its whole
    assert "conflicting" not in (traders.status, children.status)


def test_hedges_and_model_names(claims: list[ClaimListing]) -> None:
    shops = next(c for c in claims if c.value == 140)
    assert shops.qualifier == "at_least"  # "140 or more" is a lower bound
    assert not any(c.value == 172 for c in claims)  # "Cessna 172" names a model


def test_the_market_lies_in_the_story_city(store: Store) -> None:
    rows = store.connection.execute(
        "SELECT a.name, p.lat, p.lon, p.kind FROM actors AS a JOIN places AS p"
        " ON p.actor_id = a.id WHERE a.name LIKE '%Kejetia%'"
    ).fetchall()
    assert rows, "the market is placed"
    for name, lat, lon, _kind in rows:
        assert distance_km((lat, lon), KUMASI) < 50, name


def test_ask_answers_the_toll_from_the_claim(store: Store) -> None:
    result = ask(store, "How many people were killed in the Kumasi market fire?")
    assert result.fact is not None and result.fact.kind == "claim"
    assert "31" in result.fact.text
    assert len({c.document for c in result.fact.citations}) == 2


def test_every_exported_field_is_cited(store: Store, tmp_path: Path) -> None:
    export: dict[str, Any] = export_json(store)
    assert uncited_fields(export) == []


def test_the_market_is_one_entity_across_the_outlets(store: Store) -> None:
    export: dict[str, Any] = export_json(store)
    markets = [e for e in export["entities"] if "Kejetia" in e["name"]]
    assert len(markets) == 1, [(e["name"], e["documents"]) for e in markets]
    assert len(markets[0]["documents"]) == 2
