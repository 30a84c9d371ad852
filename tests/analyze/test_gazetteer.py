"""The offline gazetteer: places, demonyms, the user's places file."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.analyze import gazetteer as gz
from newsweave.analyze.context import ExtraPlace
from newsweave.analyze.gazetteer import Gazetteer, load_places_file, normalize, spelling_key

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.build(load_places_file(EXAMPLES / "gazetteer.csv"))


def test_base_is_built_once_per_process() -> None:
    """The world gazetteer is built once and shared by every later build (its cost is
    measured in docs/performance.md, never asserted: tests do not time)."""
    gz._base.cache_clear()
    Gazetteer.build()
    Gazetteer.build(load_places_file(EXAMPLES / "gazetteer.csv"))
    info = gz._base.cache_info()
    assert info.misses == 1 and info.hits >= 1


def test_world_places(gazetteer: Gazetteer) -> None:
    london = gazetteer.lookup("London")[0]
    assert (london.id, london.kind, london.country) == ("geonames:2643743", "city", "GB")
    assert london.lat is not None and london.population > 1_000_000
    assert gazetteer.lookup("Nigeria")[0].id == "iso:NG"
    assert gazetteer.lookup("Ivory Coast")[0].country == "CI"
    assert gazetteer.lookup("Côte d’Ivoire")[0].country == "CI"
    assert gazetteer.lookup("California")[0].kind == "state"
    assert gazetteer.lookup("Africa")[0].kind == "continent"
    assert gazetteer.lookup("West Africa")[0].kind == "region"
    assert gazetteer.lookup("Kara")[0].country == "TG"
    assert gazetteer.is_place("the United Kingdom")
    assert not gazetteer.is_place("Sahel Atlantic Logistics")
    assert gazetteer.lookup("nowhere-at-all") == []


def test_user_places_first(gazetteer: Gazetteer) -> None:
    abessi = gazetteer.lookup("Abessi")[0]
    assert abessi.id == "user:Abessi City" and abessi.country == "XM"
    assert gazetteer.lookup("Bamessa")[0] == abessi
    assert gazetteer.lookup("Sebenou")[0].name == "Sébénou"
    assert gazetteer.lookup("Kwesi Amoah")[0].kind == "town"


def test_demonyms(gazetteer: Gazetteer) -> None:
    assert gazetteer.demonym("Nigerian") == "NG"
    assert gazetteer.demonym("Nigerians") == "NG"
    assert gazetteer.demonym("French") == "FR"
    assert gazetteer.demonym("Togolese") == "TG"
    assert gazetteer.demonym("Mabenian") == "XM"  # guessed from the user's country
    assert gazetteer.demonym("Table") is None
    assert len(set(gazetteer.base.demonyms.values())) >= 190


def test_load_places_file(tmp_path: Path) -> None:
    places = load_places_file(EXAMPLES / "gazetteer.csv")
    assert len(places) == 13
    assert places[3] == ExtraPlace("Abessi City", ("Abessi", "Bamessa"), "city", 6.27, 0.35, "XM")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,aliases,kind,lat,lon,country\n,,city,1,2,XX\nX,,city,north,2,XX\n")
    assert load_places_file(bad) == ()


def test_keys() -> None:
    assert normalize("The  Port of Amakoro’s") == "port of amakoro"
    assert normalize("Sébénou") == "sebenou"
    assert spelling_key("National Labour Organisation") == spelling_key(
        "National Labor Organization"
    )
