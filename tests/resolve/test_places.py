"""Places on the map: choosing among same-named places by document context, and the
``places`` table filled from a real store of the example corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType

import pytest

from newsweave.analyze.context import ExtraPlace
from newsweave.analyze.gazetteer import Gazetteer, Place, load_places_file
from newsweave.resolve.places import (
    METHODS,
    DocumentPlaces,
    PlaceContext,
    build_contexts,
    candidates,
    choose_place,
    distance_km,
    geocode_documents,
    place_of,
    resolve_names,
)
from newsweave.store.sqlite import Store
from tests.conftest import EXAMPLES

NO_CONTEXT = PlaceContext()


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.build()


def focus(*countries: str, states: tuple[str, ...] = ()) -> PlaceContext:
    return PlaceContext(
        MappingProxyType(dict.fromkeys(countries, 1.0)),
        MappingProxyType(dict.fromkeys(states, 1.0)),
    )


def chosen(gazetteer: Gazetteer, name: str, context: PlaceContext) -> Place:
    choice = choose_place(name, candidates(gazetteer, name), context)
    assert choice is not None
    return choice.place


# --------------------------------------------------------------------------- choose_place


def test_paris_france_unless_the_document_is_about_texas(gazetteer: Gazetteer) -> None:
    assert chosen(gazetteer, "Paris", NO_CONTEXT).country == "FR"
    assert chosen(gazetteer, "Paris", focus("FR")).country == "FR"
    texas = choose_place("Paris", candidates(gazetteer, "Paris"), focus("US", states=("US-TX",)))
    assert texas is not None
    assert (texas.place.country, texas.method) == ("US", "country-focus")
    assert distance_km((texas.place.lat or 0, texas.place.lon or 0), (33.66, -95.56)) < 10


def test_london_england_unless_the_document_is_about_canada(gazetteer: Gazetteer) -> None:
    assert chosen(gazetteer, "London", NO_CONTEXT).country == "GB"
    ontario = chosen(gazetteer, "London", focus("CA"))
    assert ontario.country == "CA"
    assert distance_km((ontario.lat or 0, ontario.lon or 0), (42.98, -81.25)) < 20


def test_kara_in_a_togo_story_is_the_togolese_city(gazetteer: Gazetteer) -> None:
    elsewhere = Place("Kara", "city", "RU", 55.0, 60.0, 500_000, "test:kara-ru")
    readings = [elsewhere, *candidates(gazetteer, "Kara")]
    assert choose_place("Kara", readings, NO_CONTEXT) is not None
    togo = choose_place("Kara", readings, focus("TG"))
    assert togo is not None
    assert (togo.place.country, togo.place.kind, togo.method) == ("TG", "city", "country-focus")


def test_georgia_is_the_state_in_an_american_story(gazetteer: Gazetteer) -> None:
    assert chosen(gazetteer, "Georgia", NO_CONTEXT).kind == "country"
    assert chosen(gazetteer, "Georgia", focus("US")).id == "iso:US-GA"


def test_nearby_places_decide_when_the_country_does_not() -> None:
    near = Place("Springfield", "city", "US", 39.80, -89.64, 100_000, "test:il")
    far = Place("Springfield", "city", "US", 37.21, -93.29, 160_000, "test:mo")
    context = PlaceContext(MappingProxyType({"US": 1.0}), nearby=((39.78, -89.65),))
    choice = choose_place("Springfield", [far, near], context)
    assert choice is not None
    assert (choice.place.id, choice.method) == ("test:il", "nearby")
    assert 0.5 < choice.confidence <= 1.0


def test_provinces_and_counties_have_points(gazetteer: Gazetteer) -> None:
    tamil_nadu = chosen(gazetteer, "Tamil Nadu", NO_CONTEXT)
    assert (tamil_nadu.kind, tamil_nadu.country, tamil_nadu.id) == (
        "subdivision",
        "IN",
        "iso:IN-TN",
    )
    assert distance_km((tamil_nadu.lat or 0, tamil_nadu.lon or 0), (11.0, 78.0)) < 161
    kentucky = chosen(gazetteer, "Laurel County", focus("US", states=("US-KY",)))
    assert (kentucky.kind, kentucky.country) == ("county", "US")
    assert distance_km((kentucky.lat or 0, kentucky.lon or 0), (37.11, -84.12)) < 50
    orange = candidates(gazetteer, "Orange County")
    assert len({p.id for p in orange}) > 3  # one per state that has one
    california = chosen(gazetteer, "Orange County", focus("US", states=("US-CA",)))
    assert distance_km((california.lat or 0, california.lon or 0), (33.7, -117.8)) < 50


def test_a_city_district_of_the_same_name_is_the_city(gazetteer: Gazetteer) -> None:
    assert [p.kind for p in candidates(gazetteer, "Accra")] == ["city"]


def test_a_small_town_needs_the_document_on_its_side(gazetteer: Gazetteer) -> None:
    def read(name: str, context: PlaceContext) -> Place:
        choice = choose_place(name, candidates(gazetteer, name, rival_towns=True), context)
        assert choice is not None
        return choice.place

    assert read("Athens", NO_CONTEXT).country == "GR"
    assert read("Athens", focus("US")).id == "geonames:4180386"  # Athens, Georgia (127,000)
    tennessee = read("Athens", focus("US", states=("US-TN",)))
    assert distance_km((tennessee.lat or 0, tennessee.lon or 0), (35.44, -84.59)) < 20
    # a town never rivals a country of the same name
    assert read("China", focus("US", states=("US-ME",))).kind == "country"


def test_one_reading_and_none(gazetteer: Gazetteer) -> None:
    accra = choose_place("Accra", candidates(gazetteer, "Accra"), NO_CONTEXT)
    assert accra is not None
    assert (accra.place.country, accra.method) == ("GH", "only-candidate")
    assert choose_place("Nowhere-on-Earth", [], NO_CONTEXT) is None


def test_user_gazetteer_places_win_for_their_names() -> None:
    extra = ExtraPlace("Paris", ("Parry",), "village", 6.3, 1.1, "XM")
    gazetteer = Gazetteer.build([extra])
    for name in ("Paris", "Parry"):
        choice = choose_place(name, candidates(gazetteer, name), focus("FR"))
        assert choice is not None
        assert (choice.place.country, choice.method) == ("XM", "user-gazetteer")
        assert (choice.place.lat, choice.place.lon) == (6.3, 1.1)


def test_countries_and_states_get_points(gazetteer: Gazetteer) -> None:
    france = chosen(gazetteer, "France", NO_CONTEXT)
    assert (france.lat, france.lon) == (46.0, 2.0)
    texas = candidates(gazetteer, "Tex.")
    assert [p.id for p in texas] == ["iso:US-TX"]
    assert distance_km((texas[0].lat or 0, texas[0].lon or 0), (31.25, -99.25)) < 161


def test_document_context_leaves_a_name_out_of_its_own_focus(gazetteer: Gazetteer) -> None:
    doc = DocumentPlaces(["Paris", "Texas", "Dallas", "Paris"], demonyms=["US"])
    contexts = build_contexts(gazetteer, doc)
    assert contexts["paris"].focus("US") == 1.0
    assert contexts["paris"].state_focus("US-TX") == 1.0
    assert contexts["texas"].focus("US") == 1.0 > contexts["texas"].focus("FR")
    resolved = resolve_names(gazetteer, doc)
    paris = resolved["paris"]
    assert paris is not None and paris.place.country == "US"


# --------------------------------------------------------------------------- the store

ACCRA_STORY = (
    "Traders close their stalls in Accra\n\n"
    "Traders in Accra, the Ghanaian capital, closed their stalls on Monday to protest a new "
    "market levy, the traders' association said. The Accra Metropolitan Assembly said the "
    "levy would pay for drainage works before the rainy season.\n"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from newsweave.ingest.pipeline import ingest
    from newsweave.pipeline import analyze_store
    from newsweave.settings import Settings

    folder = tmp_path_factory.mktemp("places")
    story = folder / "accra-traders.txt"
    story.write_text(ACCRA_STORY, encoding="utf-8")
    settings = Settings().replace("analyze.gazetteer_files", (EXAMPLES / "gazetteer.csv",))
    with Store.open(folder / "geo.db") as opened:
        ingest([str(EXAMPLES / "corpus"), str(story)], opened, settings, follow_links=False)
        analyze_store(opened, settings)
        geocode_documents(opened, example_gazetteer())
        yield opened


def example_gazetteer() -> Gazetteer:
    return Gazetteer.build(load_places_file(EXAMPLES / "gazetteer.csv"))


def places_named(store: Store, name: str) -> list[tuple[str, float | None, float | None]]:
    rows = store.connection.execute(
        "SELECT a.id FROM actors AS a WHERE a.name = ? ORDER BY a.id", (name,)
    ).fetchall()
    assert rows, f"no actor named {name}"
    found = []
    for (actor_id,) in rows:
        place = place_of(store, actor_id)
        assert place is not None, name
        found.append((place.country or "", place.lat, place.lon))
    return found


def test_invented_places_get_the_user_gazetteer_coordinates(store: Store) -> None:
    assert set(places_named(store, "Amakoro")) == {("XM", 6.13, 1.05)}
    assert set(places_named(store, "Abessi City")) == {("XM", 6.27, 0.35)}
    amakoro = store.connection.execute("SELECT id FROM actors WHERE name = 'Amakoro'").fetchone()
    row = place_of(store, amakoro[0])
    assert row is not None
    assert (row.gazetteer_id, row.kind, row.method) == ("user:Amakoro", "city", "user-gazetteer")


def test_real_neighbours_get_their_countries(store: Store) -> None:
    assert {country for country, _, _ in places_named(store, "Lomé")} == {"TG"}
    assert {country for country, _, _ in places_named(store, "Accra")} == {"GH"}
    assert {country for country, _, _ in places_named(store, "Togo")} == {"TG"}


def test_every_row_is_well_formed(store: Store) -> None:
    rows = store.connection.execute("SELECT method, confidence, lat, lon FROM places").fetchall()
    assert len(rows) > 100
    for method, confidence, lat, lon in rows:
        assert method in METHODS
        assert 0.0 <= confidence <= 1.0
        assert lat is None or -90 <= lat <= 90
        assert lon is None or -180 <= lon <= 180


def _all_rows(store: Store) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.connection.execute("SELECT * FROM places ORDER BY actor_id")]


def test_geocoding_again_changes_nothing(store: Store) -> None:
    before = _all_rows(store)
    geocode_documents(store, example_gazetteer())
    assert _all_rows(store) == before
    doc_id = store.connection.execute(
        "SELECT document_id FROM actors WHERE name = 'Lomé' ORDER BY document_id"
    ).fetchone()[0]
    written = geocode_documents(store, example_gazetteer(), [doc_id])
    assert 0 < written < len(before)
    assert _all_rows(store) == before


def test_forgetting_a_document_removes_its_places(tmp_path: Path, store: Store) -> None:
    doc_id = store.connection.execute(
        "SELECT document_id FROM actors WHERE name = 'Accra'"
    ).fetchone()[0]
    actors = [
        r[0]
        for r in store.connection.execute("SELECT id FROM actors WHERE document_id = ?", (doc_id,))
    ]
    assert any(place_of(store, a) is not None for a in actors)
    total = len(_all_rows(store))
    store.forget(doc_id)
    assert all(place_of(store, a) is None for a in actors)
    assert 0 < len(_all_rows(store)) < total


# --------------------------------------------------------------------------- unplaced


@pytest.mark.parametrize("name", ["the West", "Western", "Atlantic", "Pacific Ocean", "Gulf"])
def test_cardinal_words_blocs_and_oceans_are_no_points(gazetteer: Gazetteer, name: str) -> None:
    assert choose_place(name, candidates(gazetteer, name), NO_CONTEXT) is None
    assert choose_place(name, candidates(gazetteer, name), focus("AU")) is None


def test_a_small_town_far_from_the_focus_stays_unplaced(gazetteer: Gazetteer) -> None:
    readings = candidates(gazetteer, "Wapakoneta")
    assert choose_place("Wapakoneta", readings, NO_CONTEXT) is not None  # no focus: the town
    assert choose_place("Wapakoneta", readings, focus("AU")) is None  # a Sydney story
    assert choose_place("Wapakoneta", readings, focus("US")) is not None


def test_a_facility_name_is_read_inside_the_focus(gazetteer: Gazetteer) -> None:
    readings = candidates(gazetteer, "Hyde Park")
    assert readings and all(p.country != "AU" for p in readings)
    assert choose_place("Hyde Park", readings, focus("AU")) is None
    american = choose_place("Hyde Park", readings, focus("US"))
    assert american is not None and american.place.country == "US"


def _resolved(gazetteer: Gazetteer, *names: str, dateline: str | None = None) -> dict[str, Place]:
    found = resolve_names(gazetteer, DocumentPlaces(names, dateline=dateline))
    return {key: choice.place for key, choice in found.items() if choice is not None}


def _km(place: Place, point: tuple[float, float]) -> float:
    return distance_km((place.lat or 0.0, place.lon or 0.0), point)


def test_a_facility_lies_in_the_focus_city_unless_its_name_says_otherwise(
    gazetteer: Gazetteer,
) -> None:
    # a Melbourne story: the park's readings are American towns, so it stands at the city
    places = _resolved(gazetteer, "Melbourne", "Forest Park", "Melbourne", "Australia")
    assert places["forest park"].kind == "facility"
    assert _km(places["forest park"], (-37.81, 144.96)) < 30
    assert places["forest park"].id != places["melbourne"].id  # never its city's entity
    # a Boston story naming a Florida university: the name says where it is, not Boston
    boston = _resolved(gazetteer, "Boston", "Boston", "Florida Atlantic University", "US")
    far = boston.get("florida atlantic university")
    assert far is None or _km(far, (42.36, -71.06)) > 161
    # without a focus city the facility keeps its own readings (an Australian suburb)
    country_only = _resolved(gazetteer, "Forest Park", "United States")
    assert country_only["forest park"].kind != "facility"


def test_us_states_stand_at_their_geonames_points(gazetteer: Gazetteer) -> None:
    # a town mean drifts to a state's dense corner (Alaska's towards Anchorage)
    places = _resolved(gazetteer, "Oregon", "Salem", "Alaska", "Juneau")
    assert _km(places["oregon"], (44.0, -120.5)) < 10
    assert _km(places["alaska"], (64.0, -150.0)) < 10
    assert _km(_resolved(gazetteer, "N.Y.", "Utica")["n.y"], (43.0, -75.5)) < 10


def test_the_nations_of_the_united_kingdom_stand_at_their_own_points(
    gazetteer: Gazetteer,
) -> None:
    places = _resolved(gazetteer, "Scotland", "Wales", "England", "Northern Ireland")
    assert _km(places["scotland"], (56.5, -4.0)) < 100
    assert _km(places["wales"], (52.3, -3.7)) < 100
    assert _km(places["england"], (52.5, -1.5)) < 150
    assert all(p.country == "GB" for p in places.values())
    assert _km(places["scotland"], (54.76, -2.70)) > 161  # not the UK's point
