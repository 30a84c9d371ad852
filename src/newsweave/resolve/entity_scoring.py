"""The pair scorer of entity resolution: name rules, context, hard negatives, decisions.

See :mod:`newsweave.resolve.entities` for the pipeline it belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from newsweave.analyze.gazetteer import Place
from newsweave.resolve.constraints import goes_by_another_name, numbers_differ
from newsweave.resolve.name_words import (
    GENERIC_PARTS,
)
from newsweave.resolve.namekeys import (
    _PLACE_TYPES,
    ORG_WORDS,
    ActorInfo,
    _gazetteer,
    _surname_relation,
    code_names,
    country_place,
    given_of,
    initials,
    name_key,
    person_parts,
    skeleton,
    title_words,
    type_penalty,
)

ALGORITHM = "newsweave-rules"
VERSION = "7"
POSITIVE = 0.85
"""Machine score from which a pair is judged the same entity."""
UNSURE = 0.5
"""Machine score from which a pair is stored as unsure (for review; never merges)."""

Judgement = Literal["positive", "negative", "unsure"]
FeatureValue = float | str


@dataclass(frozen=True)
class Decision:
    """The scorer's verdict on one pair."""

    judgement: Judgement
    score: float
    features: dict[str, FeatureValue]


# --------------------------------------------------------------------------- scorer


# per-actor parts of a pair's comparison, remembered by the actor's forms (an actor is
# compared with dozens of others: its names are read once, not once per pair)


@lru_cache(maxsize=65_536)
def _codes(forms: tuple[str, ...]) -> frozenset[str]:
    return code_names(forms)


@lru_cache(maxsize=65_536)
def _parts(forms: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The distinct person parts of the forms, in the order their set iterates (the
    order the comparison of two people has always taken them in)."""
    return tuple({person_parts(f) for f in forms})


@lru_cache(maxsize=65_536)
def _keys(forms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(name_key(f) for f in forms)


@lru_cache(maxsize=65_536)
def _title_words(titles: tuple[str, ...]) -> frozenset[str]:
    return title_words(titles)


def _gazetteer_lookup(name: str) -> tuple[Place, ...]:
    return tuple(_gazetteer().lookup(name))


def acronym_like(actor: ActorInfo) -> bool:
    """A "person" named only by one word in capitals of two or three letters ("TED" of a
    talk, "NRA"; "CRUZ" in a headline stays a name): an acronym the small model typed
    PERSON, no given name or surname."""
    words = {w for f in actor.forms for w in f.split()}
    return len(words) == 1 and all(w.isupper() and 2 <= len(w.strip(".")) <= 3 for w in words)


def person_name_match(left: ActorInfo, right: ActorInfo) -> tuple[str, float]:
    """The best name rule between two people and its strength (0 when none; a negative
    strength when the names say they are different people). Over every pair of their
    name forms: the strongest positive rule wins, else a negative one, else none — an
    order-free choice (the forms are sets, whose order changes with the hash seed, and a
    pick that depended on it made two runs over one store judge differently)."""
    if acronym_like(left) != acronym_like(right):
        return ("none", 0.0)  # "TED" (a talk) is no "Ted"
    found = [_person_parts_match(a, b) for a in _parts(left.forms) for b in _parts(right.forms)]
    positive = max((f for f in found if f[1] > 0), key=lambda f: (f[1], f[0]), default=None)
    if positive is not None:
        return positive
    return min((f for f in found if f[1] < 0), key=lambda f: (f[1], f[0]), default=("none", 0.0))


def _person_parts_match(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, float]:
    if not a or not b:
        return ("none", 0.0)
    if a == b:
        return ("exact", 1.0) if len(a) > 1 else ("same_single_name", 0.65)
    if len(a) == 1 or len(b) == 1:
        bare, full = (a[0], b) if len(a) == 1 else (b[0], a)
        if len(full) == 1:
            return ("none", 0.0)
        if bare == full[-1]:
            return ("surname_only", 0.6)
        return ("given_name_only", 0.45) if bare == full[0] else ("none", 0.0)
    relation = _surname_relation(a[-1], b[-1])
    if relation is None:
        return ("none", 0.0)
    if not given_of(a, b):
        return ("different_given_names", -1.0) if relation != "misspelling" else ("none", 0.0)
    if goes_by_another_name(list(a), list(b)) or goes_by_another_name(list(b), list(a)):
        return ("different_given_names", -1.0)
    same_given = a[0] == b[0]
    strength = {
        "same": 0.92 if same_given else 0.85,
        "transliteration": 0.88,
        "misspelling": 0.7 if same_given else 0.0,
    }[relation]
    return (f"{relation}_surname", strength)


def other_name_match(left: ActorInfo, right: ActorInfo) -> tuple[str, float]:
    """The best name rule between two non-person actors and its strength (negative when
    they are two different countries)."""
    lkeys = _keys(left.forms) - {""}
    rkeys = _keys(right.forms) - {""}
    if name_key(left.name) == name_key(right.name):
        return ("exact", 1.0)
    if left.type == right.type == "NORP" and left.country and left.country == right.country:
        return ("same_country_group", 0.95)
    if lkeys & rkeys:
        return ("alias", 0.92)
    if {k.replace(" ", "") for k in lkeys} & {k.replace(" ", "") for k in rkeys}:
        return ("spelling_variant", 0.9)  # "Sea Micro" / "SeaMicro"
    places = _countries(left), _countries(right)
    if places[0] and places[1]:
        return ("same_country", 0.95) if places[0] & places[1] else ("different_countries", -1.0)
    acronym = _acronym_match(left, right)
    if acronym:
        return ("acronym", 0.88 if acronym >= 3 else 0.75)
    found = _spelling_match(lkeys, rkeys, left.type in _PLACE_TYPES)
    same_type = left.type == right.type and left.type != "GPE"
    if found[1] == 0 and same_type and _part_of_name(lkeys, rkeys):
        return ("part_of_name", 0.75)
    return found


def _part_of_name(lkeys: frozenset[str], rkeys: frozenset[str]) -> bool:
    """One name is a run of the other's words that is no generic word alone ("Saints" of
    "New Orleans Saints", "Geological Survey" of "US Geological Survey"; never "Police" of
    "Kenya Police")."""
    for a in lkeys:
        for b in rkeys:
            short, long_ = (a.split(), b.split()) if len(a) < len(b) else (b.split(), a.split())
            if len(short) >= len(long_) or all(w in GENERIC_PARTS for w in short):
                continue
            if any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1)):
                return True
    return False


def _countries(actor: ActorInfo) -> set[str]:
    if actor.type not in _PLACE_TYPES:
        return set()
    return {p for p in (country_place(f) for f in actor.forms) if p}


def _acronym_match(left: ActorInfo, right: ActorInfo) -> int:
    """Length of an acronym one writes for the other's expansion, else 0."""
    for short_side, long_side in ((left, right), (right, left)):
        shorts = {name_key(f) for f in short_side.forms if " " not in name_key(f)}
        for form in long_side.forms:
            hit = shorts & set(initials(form))
            if hit:
                return max(len(h) for h in hit)
    return 0


def _spelling_match(
    lkeys: frozenset[str], rkeys: frozenset[str], places: bool
) -> tuple[str, float]:
    best = ("none", 0.0)
    for a in lkeys:
        for b in rkeys:
            if min(len(a), len(b)) < 6 or numbers_differ(a, b):
                continue
            if skeleton(a) == skeleton(b) and fuzz.ratio(a, b) >= 70:
                best = max(best, ("transliteration", 0.8 if places else 0.85), key=lambda x: x[1])
            elif not places and fuzz.ratio(a, b) >= 90 and a.split()[0] == b.split()[0]:
                best = max(best, ("spelling_variant", 0.8), key=lambda x: x[1])
    return best


def _shared_co_actors(left: ActorInfo, right: ActorInfo) -> int:
    own = _keys(left.forms) | _keys(right.forms)
    return len((left.co_actors & right.co_actors) - own)


def _named_after(left: ActorInfo, right: ActorInfo) -> bool:
    """One name holds the other's words (Abessi City / Nathaniel Abessi University /
    Nathaniel Abessi / Kara)."""
    for a in left.forms:
        for b in right.forms:
            wa, wb = set(name_key(a).split()), set(name_key(b).split())
            if wa and wb and (wa <= wb or wb <= wa):
                return True
    return False


def score_pair(
    left: ActorInfo, right: ActorInfo, surname_holders: int = 1, given_holders: int = 1
) -> Decision | None:
    """Judge whether two actors are one entity; None when there is nothing to say.

    ``surname_holders`` is how many different full-name people in the candidate set bear
    the surname a bare name would match (a bare "Yamboré" with three Yamborés around is
    ambiguous); ``given_holders`` the same for a bare first name (two Didiers around).
    """
    features: dict[str, FeatureValue] = {}
    codes = _codes(left.forms), _codes(right.forms)
    if codes[0] or codes[1]:
        if not codes[0] & codes[1]:
            return None
        features.update({"name@1": "code_name", "type@1": f"{left.type}/{right.type}"})
        return Decision("positive", 0.95, features)  # "COVID-19" whatever its typing
    if left.document == right.document:
        return _same_document(left, right)
    if _mistyped_person(left, right) or _mistyped_person(right, left):
        features.update({"type@1": "mistyped_person", "name@1": "exact_full_name"})
        score = _context_score(left, right, 0.9, features)
        return _decide("exact_full_name", score, features)
    penalty = type_penalty(left.type, right.type)
    if penalty is None or (left.type == "PERSON") != (right.type == "PERSON"):
        if not _named_after(left, right):
            return None
        features.update({"type@1": f"{left.type}/{right.type}", "name@1": "named_after"})
        return Decision("negative", 0.0, features)
    rule, strength = (
        person_name_match(left, right) if left.type == "PERSON" else other_name_match(left, right)
    )
    features["name@1"] = rule
    features["name_strength@1"] = strength
    if strength < 0:
        return Decision("negative", 0.0, features)
    if strength == 0:
        return None
    if rule == "surname_only" and surname_holders > 1:
        strength = 0.4
        features["name@1"] = "ambiguous_surname"
    if rule == "given_name_only" and given_holders == 1 and _family_named(left, right):
        rule, strength = "given_name_with_family", 0.88
        features["name@1"] = rule
    score = _context_score(left, right, strength - penalty, features)
    features["type@1"] = -penalty
    return _decide(rule, score, features)


def _family_named(left: ActorInfo, right: ActorInfo) -> bool:
    """A bare first name ("Didier") in a document that names someone with the surname of
    the full name it matches ("Gaston Yamboré's eldest son, Didier" ~ "Didier Yamboré")."""
    bare, full = (left, right) if len(person_parts(left.name)) == 1 else (right, left)
    parts = person_parts(full.name)
    if len(parts) < 2 or len(person_parts(bare.name)) != 1:
        return False
    surname = parts[-1]
    return any(len(k.split()) >= 2 and k.split()[-1] == surname for k in bare.co_actors)


def _mistyped_person(person: ActorInfo, other: ActorInfo) -> bool:
    """The small model typed a person ORG in one document ("Aïcha Yamboré" as ORG): the same
    two- or three-word full name, no organisation word in it, and a PERSON elsewhere."""
    if person.type != "PERSON" or other.type != "ORG":
        return False
    words = other.name.split()
    if not 2 <= len(words) <= 3 or any(w.lower().strip(".,") in ORG_WORDS for w in words):
        return False
    return name_key(other.name) == name_key(person.name) and len(person.name.split()) >= 2


def _context_score(
    left: ActorInfo, right: ActorInfo, base: float, features: dict[str, FeatureValue]
) -> float:
    shared = _shared_co_actors(left, right)
    lt, rt = _title_words(left.titles), _title_words(right.titles)
    titles = 1.0 if lt & rt else 0.0
    conflict = 1.0 if left.type == "PERSON" and lt and rt and not lt & rt else 0.0
    features["co_actors@1"] = float(shared)
    features["titles@1"] = titles
    features["title_conflict@1"] = conflict
    bonus = 0.1 * titles + 0.1 * min(shared, 2)
    if conflict and not shared:
        bonus -= 0.2
    return round(max(0.0, min(1.0, base + bonus)), 4)


WEAK_ONLY = frozenset({"given_name_only", "acronym", "part_of_name"})
"""Rules that never make a positive on their own: a bare first name, an acronym matched by
initials across documents (acronyms are tied to expansions only where a document or the
gazetteer states them), and a part of an organisation's name ("Mariners" of "Harbourside
Mariners": for review)."""


def _decide(rule: str, score: float, features: dict[str, FeatureValue]) -> Decision | None:
    if rule in WEAK_ONLY:
        score = min(score, POSITIVE - 0.01)
    if score >= POSITIVE:
        return Decision("positive", score, features)
    if score >= UNSURE:
        return Decision("unsure", score, features)
    return None


LONE_SURNAME_PLACE_MAX = 300_000
"""Population from which a place reading of a lone surname is taken as the place: a
document about "Merrick Garland" means him by a bare "Garland" typed GPE, one about
"George Washington" may well mean the state or the capital too."""


def _lone_surname(bare: ActorInfo, full: ActorInfo) -> bool:
    """``bare`` is a one-word name that is the surname of ``full``, a person named in full
    by its document, and no other actor of that document has a full name ending with it
    (the document names one person with that surname). A bare name the small model typed a
    place, organisation or group counts too, unless it reads as a country, a state or a
    large city."""
    if full.type != "PERSON" or " " in bare.name.strip():
        return False
    word = name_key(bare.name)
    parts = person_parts(full.name)
    if len(parts) < 2 or parts[-1] != word or len(word) < 3:
        return False
    holders = [k for k in bare.co_actors if len(k.split()) >= 2 and k.split()[-1] == word]
    if len(holders) != 1:
        return False
    if bare.type == "PERSON":
        return True
    found = _gazetteer_lookup(bare.name)
    return not found or (
        found[0].kind not in ("country", "state", "continent", "region")
        and found[0].population < LONE_SURNAME_PLACE_MAX
    )


def _same_document(left: ActorInfo, right: ActorInfo) -> Decision | None:
    """Two actors of one document: different by construction, except an obvious chain
    miss between two non-person names (same key or acronym ↔ expansion) or a lone surname
    of the one person the document names with it ("Okafor" beside "Ngozi Okafor", also
    when the small model typed the bare surname a place)."""
    features: dict[str, FeatureValue] = {"same_document@1": 1.0}
    for bare, full in ((left, right), (right, left)):
        if _lone_surname(bare, full):
            features["name@1"] = "chain_miss"
            if bare.type != "PERSON":
                features["type@1"] = "mistyped_person"
            return Decision("positive", 0.9, features)
    if "PERSON" in (left.type, right.type) or type_penalty(left.type, right.type) is None:
        return None
    lkeys, rkeys = _keys(left.forms), _keys(right.forms)
    if lkeys & rkeys or _acronym_match(left, right) >= 3:
        features["name@1"] = "chain_miss"
        return Decision("positive", 0.9, features)
    return None
