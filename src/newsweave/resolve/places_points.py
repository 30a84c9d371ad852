"""Places: points and geometry — distances, country points (GeoNames' where the
Factbook's lies far off), area points from their towns, first-level divisions, US state
abbreviations, and the data lists of names that are no points and facility words."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from newsweave.analyze.gazetteer import Place, geo_index, normalize, point_key

EARTH_RADIUS_KM = 6371.0088


# --------------------------------------------------------------------------- geometry

US_STATE_ABBREVIATIONS: Mapping[str, str] = MappingProxyType(
    dict(
        item.split("=")
        for item in [
            "Ala.=AL",
            "Ariz.=AZ",
            "Ark.=AR",
            "Calif.=CA",
            "Colo.=CO",
            "Conn.=CT",
            "Del.=DE",
            "D.C.=DC",
            "Fla.=FL",
            "Ga.=GA",
            "Ill.=IL",
            "Ind.=IN",
            "Kan.=KS",
            "Kans.=KS",
            "Ky.=KY",
            "La.=LA",
            "Md.=MD",
            "Mass.=MA",
            "Mich.=MI",
            "Minn.=MN",
            "Miss.=MS",
            "Mo.=MO",
            "Mont.=MT",
            "Neb.=NE",
            "Nebr.=NE",
            "Nev.=NV",
            "N.H.=NH",
            "N.J.=NJ",
            "N.M.=NM",
            "N.Y.=NY",
            "N.C.=NC",
            "N.D.=ND",
            "Okla.=OK",
            "Ore.=OR",
            "Pa.=PA",
            "R.I.=RI",
            "S.C.=SC",
            "S.D.=SD",
            "Tenn.=TN",
            "Tex.=TX",
            "Vt.=VT",
            "Va.=VA",
            "Wash.=WA",
            "W.Va.=WV",
            "Wis.=WI",
            "Wyo.=WY",
        ]
    )
)
"""AP-style state abbreviations of US news ("CHARLESTON, W.Va."); a name ending in a full
stop that is one of these reads as the state."""


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _area_point(key: str, towns: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """A US state's point is the middle of its towns' extent (states are compact); a
    country without a countryinfo point gets the median of its towns (robust to far-flung
    territories)."""
    pick = _middle if key.startswith("iso:US-") else _median
    return (pick([t[0] for t in towns]), pick([t[1] for t in towns]))


def _middle(values: Sequence[float]) -> float:
    """The middle of the range of ``values``."""
    return round((min(values) + max(values)) / 2, 4)


def _median(values: Sequence[float]) -> float:
    """The median of ``values``: an area's point from its towns, robust to far-flung
    territories (Alaska, overseas departments) that a range midpoint is not."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return round(ordered[middle], 4)
    return round((ordered[middle - 1] + ordered[middle]) / 2, 4)


def _country_points() -> dict[str, tuple[float, float]]:
    """Each country's reference point from the ``countryinfo`` package (MIT), which carries
    the usual point of each country (France → 46, 2), or GeoNames' where the two differ
    (:func:`_geonames_country_points`); a town median is a poor stand-in for large
    countries."""
    import countryinfo

    points: dict[str, tuple[float, float]] = {}
    for country in countryinfo.all_countries():
        try:
            code, latlng = country.iso(2), country.latlng()
        except (KeyError, AttributeError, TypeError):
            continue
        if isinstance(code, str) and latlng and len(latlng) == 2:
            points[f"iso:{code.upper()}"] = (float(latlng[0]), float(latlng[1]))
    points.update(_geonames_country_points())
    return points


def _geonames_country_points() -> dict[str, tuple[float, float]]:
    """GeoNames' reference points (``resolve/data/country_points.yaml``): of the countries
    where countryinfo's point lies far from it, and of the US states (``iso:US-TX``), whose
    towns' mean lies far from it — the point gazetteers and gold sets use."""
    return dict(_reference_points())


@lru_cache(maxsize=1)
def _reference_points() -> Mapping[str, tuple[float, float]]:
    path = resources.files("newsweave.resolve").joinpath("data/country_points.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    points = {
        f"iso:{code}": (float(value[0]), float(value[1])) for code, value in data["points"].items()
    }
    points.update(
        (f"iso:US-{code}", (float(value[0]), float(value[1])))
        for code, value in data.get("states", {}).items()
    )
    return MappingProxyType(points)


@lru_cache(maxsize=1)
def _area_points() -> Mapping[str, tuple[float, float]]:
    points = dict(geo_index().points)
    points.update(_country_points())
    return MappingProxyType(points)


def area_points() -> Mapping[str, tuple[float, float]]:
    """Points for areas the gazetteer gives none: ``iso:FR`` (countries: the countryinfo
    package's point, else the median of its towns), ``iso:US-TX`` and other subdivisions
    (the mean point of their towns of 1,000+ people)."""
    return _area_points()


def division(place: Place) -> str | None:
    """The first-level division of a place (``US-TX``, ``FR:Île-de-France``): its own for
    a state or a county, else the division its point lies in; None for a country."""
    if place.id.startswith("iso:US-"):
        return place.id[4:]
    own = geo_index().area_divisions.get(place.id)
    if own is not None:
        return own
    if place.kind == "country" or place.lat is None or place.lon is None:
        return None
    return geo_index().divisions.get(point_key(place.country, place.lat, place.lon))


def us_state(place: Place) -> str | None:
    """``US-TX`` for a US state or a US place of the gazetteer, else None."""
    found = division(place) if place.country == "US" else None
    return found if found and found.startswith("US-") else None


def with_point(place: Place) -> Place:
    """``place`` with a point: GeoNames' reference point for the countries and US states
    of ``country_points.yaml`` (a US state of the towns index carries its towns' mean),
    else its own, else its area's from :func:`area_points`."""
    fixed = _reference_points().get(place.id)
    if fixed is not None:
        return replace(place, lat=fixed[0], lon=fixed[1])
    if place.lat is not None and place.lon is not None:
        return place
    point = area_points().get(place.id)
    return place if point is None else replace(place, lat=point[0], lon=point[1])


def country_place(code: str) -> Place:
    """The country of an ISO code, with its point (for demonyms: "Togolese" → TG)."""
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    name = code if found is None else getattr(found, "common_name", None) or found.name
    return with_point(Place(name, "country", code, None, None, 0, f"iso:{code}"))


def _point(place: Place) -> tuple[float, float] | None:
    return None if place.lat is None or place.lon is None else (place.lat, place.lon)


@lru_cache(maxsize=1)
def _not_points_data() -> dict[str, Any]:
    text = resources.files("newsweave.resolve").joinpath("data/not_points.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@lru_cache(maxsize=1)
def area_aliases() -> Mapping[str, str]:
    """Normalised name → the gazetteer name of the wider area it stands for ("EU" →
    "Europe", "African" → "Africa"; ``resolve/data/area_aliases.yaml``)."""
    path = resources.files("newsweave.resolve").joinpath("data/area_aliases.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    return MappingProxyType({normalize(str(k)): str(v) for k, v in data["aliases"].items()})


@lru_cache(maxsize=1)
def not_points() -> frozenset[str]:
    """Normalised names that are no point (``resolve/data/not_points.yaml``)."""
    return frozenset(normalize(str(n)) for n in _not_points_data()["names"])


@lru_cache(maxsize=1)
def facility_words() -> frozenset[str]:
    """Last words of facility names ("park", "university"), lower case."""
    return frozenset(str(w).lower() for w in _not_points_data()["facility_words"])


@lru_cache(maxsize=1)
def nation_places() -> Mapping[str, Place]:
    """The nations of the United Kingdom at their own GeoNames points (``nations`` of
    ``resolve/data/country_points.yaml``), by normalised name."""
    path = resources.files("newsweave.resolve").joinpath("data/country_points.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    return MappingProxyType(
        {
            normalize(name): Place(
                str(name), "state", "GB", float(v[0]), float(v[1]), 0, f"geonames:{int(v[2])}"
            )
            for name, v in data.get("nations", {}).items()
        }
    )
