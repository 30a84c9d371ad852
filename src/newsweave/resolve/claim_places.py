"""Where a count of people happened (:class:`FigurePlace`) and when two such places fit one
claim (:func:`places_compatible`); see :mod:`newsweave.resolve.claims`."""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.analyze.gazetteer import country_name
from newsweave.resolve.places import distance_km

# --------------------------------------------------------------------------- places

NEAR_KM = 25.0
"""Two towns or districts this close are one place (a district of a city, the city)."""
AREA_KM = 250.0
"""A region and a place this close may be one place (a village in the region)."""
AREA_KINDS = frozenset({"region", "state", "province", "county", "subdivision"})
"""Place kinds that are areas holding towns."""
_IGNORED_KINDS = frozenset({"continent"})


@dataclass(frozen=True)
class FigurePlace:
    """Where a count happened, as its sentence says."""

    scope: str
    """``local`` (a town, district, region), ``national`` (only a country named) or
    ``unspecified`` (no place, or several towns at once)."""
    country: str | None
    """ISO code (or a user gazetteer's code); for unspecified, the document's focus."""
    name: str | None = None
    kind: str | None = None
    key: str | None = None
    """Gazetteer id of a local place."""
    point: tuple[float, float] | None = None


@dataclass(frozen=True)
class PlaceMention:
    """A located place named in a sentence."""

    start: int
    end: int
    text: str
    name: str
    kind: str
    country: str | None
    key: str
    point: tuple[float, float] | None


def _near(a: FigurePlace | PlaceMention, b: FigurePlace | PlaceMention) -> bool:
    if a.key == b.key:
        return True
    if a.point is None or b.point is None:
        return False
    limit = AREA_KM if {a.kind, b.kind} & AREA_KINDS else NEAR_KM
    return distance_km(a.point, b.point) <= limit


def places_compatible(a: FigurePlace | None, b: FigurePlace | None) -> bool:
    """Whether two counts can be of one place: countries must agree when both are known;
    an unspecified place fits any but an area only the text names; local meets only a
    local place that is the same or near; national meets national."""
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if "unspecified" in (a.scope, b.scope):
        # an area only the text names ("in X district") is a part of the story's count
        return not any(p.key and p.key.startswith("area:") for p in (a, b))
    if a.scope != b.scope:
        return False
    return a.scope == "national" or _near(a, b)


def figure_place(
    mentions: list[PlaceMention], claimant: tuple[int, int] | None, focus: str | None
) -> FigurePlace:
    """The place of a count from the located places of its sentence: datelines (names in
    capitals) and places inside the claimant ("a shopkeeper in Hountoué") left out; the
    most specific place when the others hold it (a town and its country, a village and its
    region), unspecified when they are several towns ("in Abessi City and Kwesi Amoah")."""
    usable = [
        m
        for m in mentions
        if not m.text.isupper()
        and m.kind not in _IGNORED_KINDS
        and not (claimant and claimant[0] <= m.start < claimant[1])
    ]
    local = [m for m in usable if m.kind != "country"]
    countries = {m.country for m in usable if m.kind == "country"}
    if local:
        places = [m for m in local if m.kind not in AREA_KINDS] or local
        first = places[0]
        if all(_near(first, other) for other in local):
            return FigurePlace(
                "local", first.country, first.name, first.kind, first.key, first.point
            )
        return FigurePlace("unspecified", first.country or focus)
    if len(countries) == 1:
        return FigurePlace("national", next(iter(countries)))
    return FigurePlace("unspecified", focus)


def _place_label(place: FigurePlace | None) -> str | None:
    if place is None or place.scope == "unspecified":
        return None
    if place.scope == "local":
        return place.name
    if place.country is None:
        return None
    return country_name(place.country) or place.country  # "South Sudan", not "SS"
