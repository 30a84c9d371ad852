"""Places: choosing a reading for a place name (pure) — the candidates, the
scores by country and division focus, nearby places and population, and the document
contexts they are scored against. See :mod:`newsweave.resolve.places`."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from newsweave.analyze.gazetteer import Gazetteer, Place, geo_index, normalize
from newsweave.resolve.places_points import (
    US_STATE_ABBREVIATIONS,
    _point,
    area_aliases,
    distance_km,
    division,
    facility_words,
    nation_places,
    not_points,
    with_point,
)

PLACE_TYPES = ("GPE", "LOC", "FAC")
"""Actor types that are places."""

METHODS = ("user-gazetteer", "only-candidate", "country-focus", "nearby", "population")
"""How a reading was chosen (the ``method`` column of ``places``)."""

FOCUS_WEIGHT = 2.0
"""Score of a reading in the document's main country (other countries: in proportion)."""
STATE_WEIGHT = 1.0
"""Score of a reading in the document's main first-level division (others: in proportion)."""
NEARBY_WEIGHT = 1.0
"""Score of a reading next to another place of the document (decays with distance)."""
NEARBY_SCALE_KM = 150.0
"""Distance at which the nearby score has fallen to 1/e."""
PAIRED_WEIGHT = 0.3
"""Score of a reading next to a *possible* reading of another of the document's ambiguous
names (Paris, Tennessee beside Henry County, Tennessee, when both names have readings in
several states): two names that can be read as neighbours most likely are."""
PAIRED_SCALE_KM = 50
"""Distance at which the paired score has fallen to 1/e (neighbours, not one region)."""
PAIRED_MAX_READINGS = 20
"""Only names with at most this many readings lend their readings' points (a name read in
every state, "Washington", supports everything and so nothing)."""
POPULATION_WEIGHT = 1.0
"""Score of a reading of ten million people (log scale: 1,000 people score 3/7 of it)."""
KIND_PRIOR: Mapping[str, float] = MappingProxyType(
    {
        "country": 1.2,
        "continent": 1.0,
        "state": 0.8,
        "region": 0.6,
        "subdivision": 0.3,
        "county": 0.1,
    }
)
"""Extra score of a reading by kind: a name that is a country is read as the country first."""

TOWN_FOCUS = 0.5
"""A town of 1,000 to 15,000 people rivals the gazetteer's readings of its name only in a
document whose focus on the town's first-level division is at least this (relative to its
main division), or with another of the document's places nearby."""
BROAD_KINDS = ("country", "continent", "state", "region")
"""Kinds of reading that keep towns of the same name out (see :func:`candidates`). A
subdivision is not one of them: a département "Paris" is no reason to keep out Paris,
Illinois, in a story about Edgar County."""

DATELINE_WEIGHT = 2.0
"""Country-focus weight of the dateline place ("AMAKORO, Jan 9 (Halyard) -")."""
DEMONYM_WEIGHT = 1.0
"""Country-focus weight of a nationality word ("Togolese")."""
PLACE_WEIGHT = 1.0
"""Country-focus weight of a place name, shared among its readings' countries."""


# --------------------------------------------------------------------------- records


def _empty() -> Mapping[str, float]:
    return MappingProxyType({})


def _relative(weights: Mapping[str, float], key: str | None) -> float:
    """The weight of ``key`` relative to the heaviest one (0 to 1)."""
    if not key or not weights:
        return 0.0
    top = max(weights.values())
    return weights.get(key, 0.0) / top if top > 0 else 0.0


@dataclass(frozen=True)
class PlaceContext:
    """What a document says about where it is: its country focus and its known places."""

    countries: Mapping[str, float] = field(default_factory=_empty)
    """Country code → weight (countries named, demonyms, the dateline, other places)."""
    states: Mapping[str, float] = field(default_factory=_empty)
    """First-level division (``US-TX``, ``FR:Île-de-France``) → weight, from the places the
    document names (states, provinces, counties, towns)."""
    nearby: tuple[tuple[float, float], ...] = ()
    """Points (lat, lon) of the document's other places that have a single reading."""
    paired: tuple[tuple[float, float], ...] = ()
    """Points of the possible readings of the document's other ambiguous names (see
    :data:`PAIRED_WEIGHT`)."""
    city: Place | None = None
    """The city the document is about (see :func:`focus_city`): where its facilities
    ("Forest Park", "the central station") lie unless the text says otherwise."""

    def focus(self, country: str | None) -> float:
        """The weight of ``country`` relative to the document's main country (0 to 1)."""
        return _relative(self.countries, country)

    def state_focus(self, state: str | None) -> float:
        """The weight of a first-level division relative to the document's main one (0 to 1)."""
        return _relative(self.states, state)


@dataclass(frozen=True)
class Choice:
    """The reading chosen for a place name, how, and how sure we are."""

    place: Place
    method: str
    """One of :data:`METHODS`."""
    confidence: float
    """0 to 1."""


# --------------------------------------------------------------------------- candidates


_MEMO: dict[tuple[int, str, bool, bool], tuple[Gazetteer, tuple[Place, ...]]] = {}
MEMO_SIZE = 50_000
"""Names whose candidates are kept (per gazetteer): a document's place names are looked up
three or four times (focus, single point, pairs, choice) and the same names recur across a
corpus, while each lookup builds points and scans the wider index (perf only: the readings
are a pure function of the gazetteer and the name)."""


def candidates(
    gazetteer: Gazetteer, name: str, *, towns: bool = True, rival_towns: bool = False
) -> list[Place]:
    """:func:`lookup_readings`, remembered per gazetteer and name (see :data:`MEMO_SIZE`)."""
    key = (id(gazetteer), name, towns, rival_towns)
    hit = _MEMO.get(key)
    if hit is not None and hit[0] is gazetteer:
        return list(hit[1])
    found = lookup_readings(gazetteer, name, towns=towns, rival_towns=rival_towns)
    if len(_MEMO) >= MEMO_SIZE:
        _MEMO.clear()
    _MEMO[key] = (gazetteer, tuple(found))  # holds the gazetteer, so its id stays its own
    return found


def lookup_readings(
    gazetteer: Gazetteer, name: str, *, towns: bool = True, rival_towns: bool = False
) -> list[Place]:
    """Every reading of ``name``, user places first, each with a point where one is known.

    An AP state abbreviation ("W.Va.") reads as its state; a name the gazetteer lacks may be
    the first word(s) of exactly one user place ("Kessa" → "Kessa oilfield"). Beyond the
    gazetteer come the states, provinces and counties of :func:`geo_index` and its towns of
    1,000+ people (not for acronyms such as "EU"): with ``towns`` for a name the gazetteer
    lacks, with ``rival_towns`` beside the gazetteer's readings unless one of them is a
    country, continent, state or region (a town "China" or "Alabama" is no rival); see
    :func:`choose_place` for when such a town can win."""
    state = US_STATE_ABBREVIATIONS.get(" ".join(name.split()).replace(". ", "."))
    if state is not None:
        found = [p for p in gazetteer.lookup(name) if p.id == f"iso:US-{state}"]
        found = found or [Place(name, "state", "US", None, None, 0, f"iso:US-{state}")]
        return [with_point(p) for p in found]
    nation = nation_places().get(normalize(name))
    if nation is not None and not any(p.id.startswith("user:") for p in gazetteer.lookup(name)):
        return [nation]
    found = gazetteer.lookup(name) or _user_prefix(gazetteer, name)
    wider_name = area_aliases().get(normalize(name))
    if not found and wider_name is not None:
        return [with_point(p) for p in gazetteer.lookup(wider_name)]
    if any(p.id.startswith("user:") for p in found) or (name.isupper() and len(name) <= 4):
        return [with_point(p) for p in found]
    key = normalize(name)
    wider = list(geo_index().areas.get(key, ()))
    broad = any(p.kind in BROAD_KINDS for p in found)
    if (towns and not found) or (rival_towns and found and not broad):
        wider.extend(geo_index().towns(key))
    found = [with_point(p) for p in found]
    known = {p.id for p in found}
    found.extend(
        with_point(p) for p in wider if p.id not in known and not _same_as_one_of(p, found)
    )
    return found


SAME_PLACE_KM = 50.0
"""A county or town this close to a same-named reading of the gazetteer in its country is
that place (the district of a city, a duplicate entry) and is not read separately."""


def _same_as_one_of(place: Place, readings: Sequence[Place]) -> bool:
    point = _point(place)
    return point is not None and any(
        other.country == place.country
        and (here := _point(other)) is not None
        and distance_km(point, here) < SAME_PLACE_KM
        for other in readings
    )


def _user_prefix(gazetteer: Gazetteer, name: str) -> list[Place]:
    key = normalize(name)
    if len(key) < 4:
        return []
    matches = {
        place.id: place
        for other, places in gazetteer.extra.items()
        if other.startswith(key + " ")
        for place in places
    }
    return list(matches.values()) if len(matches) == 1 else []


def name_focus(gazetteer: Gazetteer, name: str) -> tuple[dict[str, float], dict[str, float]]:
    """How much ``name`` points at each country and each US state: a country name, or a name
    whose readings all lie in one country, fully; an ambiguous name shared among its
    readings. Returns (countries, states)."""
    places = candidates(gazetteer, name)
    users = [p for p in places if p.id.startswith("user:")]
    places = users or places
    if places and places[0].kind == "country":
        places = places[:1]
    countries = Counter(p.country for p in places if p.country)
    states = Counter(s for s in map(division, places) if s)
    total = max(1, len(places))
    return (
        {code: PLACE_WEIGHT * n / total for code, n in countries.items()},
        {code: PLACE_WEIGHT * n / total for code, n in states.items()},
    )


# --------------------------------------------------------------------------- choosing


def _population_score(place: Place) -> float:
    return POPULATION_WEIGHT * math.log10(place.population + 1) / 7


def _nearby_score(place: Place, context: PlaceContext) -> float:
    point = _point(place)
    if point is None:
        return 0.0
    score = 0.0
    if context.nearby:
        closest = min(distance_km(point, other) for other in context.nearby)
        score = NEARBY_WEIGHT * math.exp(-closest / NEARBY_SCALE_KM)
    if context.paired:
        closest = min(distance_km(point, other) for other in context.paired)
        score = max(score, PAIRED_WEIGHT * math.exp(-closest / PAIRED_SCALE_KM))
    return score


def _parts(place: Place, context: PlaceContext) -> dict[str, float]:
    """The score of one reading, by part (named after the method each part stands for)."""
    return {
        "country-focus": FOCUS_WEIGHT * context.focus(place.country)
        + STATE_WEIGHT * context.state_focus(division(place)),
        "nearby": _nearby_score(place, context),
        "population": _population_score(place) + KIND_PRIOR.get(place.kind, 0.0),
    }


def _decisive(winner: Mapping[str, float], runner_up: Mapping[str, float]) -> str:
    """The part of the score by which the winner leads the runner-up most (the runner-up
    from another country when there is one: the country is what matters most)."""
    return max(winner, key=lambda part: (winner[part] - runner_up[part], -METHODS.index(part)))


def _confidence(lead: float) -> float:
    return round(0.5 + 0.45 * math.tanh(lead), 3)


def _supported(readings: Sequence[Place], context: PlaceContext) -> Sequence[Place]:
    """``readings`` without the small towns the document gives no support (neither their
    first-level division, :data:`TOWN_FOCUS`, nor a place within ``NEARBY_SCALE_KM``),
    unless nothing else is left."""
    kept = [
        p
        for p in readings
        if p.kind != "town"
        or context.state_focus(division(p)) >= TOWN_FOCUS
        or _nearby_score(p, context) >= NEARBY_WEIGHT * math.exp(-1)
    ]
    return kept if any(p.kind != "town" for p in kept) or len(kept) == len(readings) else readings


FAR_TOWN_POPULATION = 15_000
"""A town smaller than this (the size below which the gazetteer keeps towns only as rivals
of its own readings), in a country the document does not focus on and far
from its other places, is no reading of a name in a focused document (see
:func:`_near_focus`)."""


def _near_focus(name: str, readings: Sequence[Place], context: PlaceContext) -> Sequence[Place]:
    """``readings`` without those far from the document's focus, in a document that names
    its countries: a town of fewer than :data:`FAR_TOWN_POPULATION` people in none of them
    and with none of its places nearby, and for a facility's name ("Hyde Park", "Notre
    Dame University") any town or city in none of them, since a facility lies in the city
    the story is about. A name left with no reading stays unplaced."""
    if not context.countries:
        return readings
    words = name.lower().split()
    facility = len(words) > 1 and words[-1] in facility_words()
    return [
        p
        for p in readings
        if p.kind not in ("town", "city")
        or context.focus(p.country) > 0
        or _nearby_score(p, context) >= NEARBY_WEIGHT * math.exp(-1)
        or (p.population >= FAR_TOWN_POPULATION and not facility)
    ]


def is_facility(name: str) -> bool:
    """A name of two or more words whose last word names a facility ("Forest Park", "Grand
    Central Station"; see :func:`facility_words`)."""
    words = name.lower().split()
    return len(words) > 1 and words[-1] in facility_words()


def _in_focus_city(name: str, readings: Sequence[Place], city: Place) -> Choice:
    """A facility lies in the document's focus city: its own reading there when it has one
    (within :data:`SAME_PLACE_KM`), else the city's point under the facility's name, with
    an id of its own (``facility:<country>:<name>``): entities keyed on gazetteer ids must
    not merge the facility with its city, and one facility named in documents about
    different cities of its country stays one place. Such an id is a guess from the
    document, no gazetteer reading: entity resolution reads the actor as unlocated (its
    name decides; ``entity_blocks``), so the guess never keeps two mentions of one
    facility apart."""
    here = _point(city) or (0.0, 0.0)
    near = [
        p
        for p in readings
        if (at := _point(p)) is not None and distance_km(here, at) <= SAME_PLACE_KM
    ]
    if near:
        return Choice(near[0], "nearby", 0.8)
    own_id = f"facility:{city.country}:{normalize(name)}"  # not its city's id
    return Choice(
        Place(name, "facility", city.country, city.lat, city.lon, 0, own_id), "nearby", 0.5
    )


def choose_place(name: str, candidates: Sequence[Place], context: PlaceContext) -> Choice | None:
    """The reading of ``name`` the document most likely means, or None without candidates.

    The user's gazetteer wins for its names; a cardinal word, bloc or ocean
    (:func:`not_points`) is no point; small towns far from the document's focus are no
    reading (:func:`_near_focus`); one reading is taken as it is; among several, country
    focus, nearby places and population (with kind) decide (see the module doc).
    """
    users = [p for p in candidates if p.id.startswith("user:")]
    if users:
        if len(users) == 1:
            return Choice(users[0], "user-gazetteer", 0.95)
        candidates = users
    elif normalize(name) in not_points() or normalize(re.sub(r"(?i)^the\s+", "", name)) in (
        not_points()
    ):
        return None
    else:
        candidates = _near_focus(name, candidates, context)
    candidates = _supported(candidates, context)
    if is_facility(name) and context.city is not None and not users:
        return _in_focus_city(name, candidates, context.city)
    if not candidates:
        return None
    if len(candidates) == 1:
        return Choice(candidates[0], "only-candidate", 0.9)
    scored = sorted(
        ((_parts(place, context), i, place) for i, place in enumerate(candidates)),
        key=lambda item: (-sum(item[0].values()), item[1]),
    )
    (best, _, place), (second, _, _) = scored[0], scored[1]
    rival = next((s[0] for s in scored[1:] if s[2].country != place.country), second)
    method = "user-gazetteer" if users else _decisive(best, rival)
    return Choice(place, method, _confidence(sum(best.values()) - sum(second.values())))


# --------------------------------------------------------------------------- context


@dataclass(frozen=True)
class DocumentPlaces:
    """What one document names, for building each of its place names' context."""

    names: Sequence[str]
    """Place names of the document (each distinct name once or as often as it occurs)."""
    demonyms: Sequence[str] = ()
    """Country codes of the nationality words it uses."""
    dateline: str | None = None
    """The dateline place name, if any."""


def build_contexts(gazetteer: Gazetteer, doc: DocumentPlaces) -> dict[str, PlaceContext]:
    """The context of every distinct (normalised) place name of ``doc``: the country and
    state focus and the nearby points of everything *else* the document names."""
    counts = Counter(normalize(n) for n in doc.names)
    names = first_names(doc.names)
    focus = {k: name_focus(gazetteer, names[k]) for k in counts}
    points = {k: _single_point(gazetteer, names[k]) for k in counts}
    paired = {k: _paired_points(gazetteer, names[k]) for k in counts if points[k] is None}
    countries: dict[str, float] = {}
    states: dict[str, float] = {}
    _add(countries, Counter(doc.demonyms), DEMONYM_WEIGHT)
    if doc.dateline:
        found = name_focus(gazetteer, doc.dateline)
        _add(countries, found[0], DATELINE_WEIGHT)
        _add(states, found[1], DATELINE_WEIGHT)
    total = dict(countries)
    for key, (by_country, _) in focus.items():
        _add(total, by_country, counts[key])
    city = focus_city(gazetteer, doc, total)
    return {
        key: replace(
            _context_without(key, counts, focus, points, countries, states, paired),
            city=None if city is None or _elsewhere(gazetteer, names[key], city) else city,
        )
        for key in counts
    }


ELSEWHERE_CITY_POPULATION = 100_000
"""A city named inside a facility's name ("Boston University") must be this big to say the
facility lies there (small towns share words with facility names: "Hyde")."""


def _elsewhere(gazetteer: Gazetteer, name: str, city: Place) -> bool:
    """Whether a facility's own name places it outside the focus city: words of it name
    a country, state or city that is not the city's ("Florida Atlantic University" in a
    story about Boston), so the text says otherwise."""
    if not is_facility(name):
        return False
    words = name.split()[:-1]
    if words and words[0].lower() in ("the", "of"):
        words = words[1:]
    here = division(city)
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            for place in gazetteer.lookup(" ".join(words[start:end])):
                big_city = place.kind == "city" and place.population >= ELSEWHERE_CITY_POPULATION
                if place.kind not in ("country", "state", "subdivision") and not big_city:
                    continue
                if place.country != city.country or (
                    place.kind != "country" and division(place) != here
                ):
                    return True
    return False


FOCUS_CITY_DATELINE = 2
"""How many mentions the dateline counts for when choosing the focus city."""


def focus_city(
    gazetteer: Gazetteer, doc: DocumentPlaces, countries: Mapping[str, float]
) -> Place | None:
    """The city the document is about: among its names that read as a city or town in its
    main country (the most populous such reading of each), the one named most often (the
    dateline counts :data:`FOCUS_CITY_DATELINE` more), then the largest; None when the
    document names no country focus or no such city. Facility names are left out."""
    if not countries:
        return None
    main = max(countries, key=lambda c: countries[c])
    weights = Counter(normalize(n) for n in doc.names if not is_facility(n))
    spelled = first_names([*doc.names, *([doc.dateline] if doc.dateline else [])])
    if doc.dateline and not is_facility(doc.dateline):
        weights[normalize(doc.dateline)] += FOCUS_CITY_DATELINE
    best: tuple[tuple[int, int], Place] | None = None
    for key, weight in weights.items():
        cities = [
            p
            for p in candidates(gazetteer, spelled[key], towns=False)
            if p.kind in ("city", "town") and p.country == main and p.lat is not None
        ]
        if not cities:
            continue
        place = max(cities, key=lambda p: p.population)
        rank = (weight, place.population)
        if best is None or rank > best[0]:
            best = (rank, place)
    return best[1] if best else None


def _add(total: dict[str, float], weights: Mapping[str, float], factor: float) -> None:
    for key, weight in weights.items():
        total[key] = total.get(key, 0.0) + weight * factor


def _context_without(
    key: str,
    counts: Mapping[str, int],
    focus: Mapping[str, tuple[dict[str, float], dict[str, float]]],
    points: Mapping[str, tuple[float, float] | None],
    countries: Mapping[str, float],
    states: Mapping[str, float],
    paired: Mapping[str, tuple[tuple[float, float], ...]],
) -> PlaceContext:
    """The context of name ``key``: the document's focus leaving out ``key``'s own part."""
    own_countries, own_states = dict(countries), dict(states)
    for other, (by_country, by_state) in focus.items():
        if other != key:
            _add(own_countries, by_country, counts[other])
            _add(own_states, by_state, counts[other])
    nearby = tuple(p for other, p in points.items() if other != key and p is not None)
    pairs = tuple(p for other, found in paired.items() if other != key for p in found)
    return PlaceContext(
        MappingProxyType(own_countries), MappingProxyType(own_states), nearby, pairs
    )


def first_names(names: Sequence[str]) -> dict[str, str]:
    """Normalised name → its first spelling in ``names`` (kept for "W.Va."-style lookups)."""
    found: dict[str, str] = {}
    for name in names:
        found.setdefault(normalize(name), name)
    return found


def _single_point(gazetteer: Gazetteer, name: str) -> tuple[float, float] | None:
    """The point of a town-sized place with exactly one reading (countries are too big)."""
    found = candidates(gazetteer, name)
    if len(found) != 1 or found[0].kind in KIND_PRIOR:
        return None
    return _point(found[0])


def _paired_points(gazetteer: Gazetteer, name: str) -> tuple[tuple[float, float], ...]:
    """The points of the town- and county-sized readings of an ambiguous name (none when it
    has more than :data:`PAIRED_MAX_READINGS`)."""
    found = candidates(gazetteer, name, rival_towns=True)
    if len(found) < 2 or len(found) > PAIRED_MAX_READINGS:
        return ()
    return tuple(p for p in map(_point, (f for f in found if f.kind not in BROAD_KINDS)) if p)


def resolve_names(gazetteer: Gazetteer, doc: DocumentPlaces) -> dict[str, Choice | None]:
    """The chosen reading of every distinct (normalised) place name of ``doc``."""
    contexts = build_contexts(gazetteer, doc)
    names = first_names(doc.names)
    return {
        key: choose_place(names[key], candidates(gazetteer, names[key], rival_towns=True), context)
        for key, context in contexts.items()
    }
