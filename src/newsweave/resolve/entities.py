"""One entity per real-world actor across documents (nomenklatura-style record linkage).

Pipeline:

1. **Blocking index** (table ``actor_keys``): every in-document actor is filed under keys
   made from its name and aliases: ``n:`` the normalised name (:func:`spelling_key`, so
   "Labour Organisation" = "Labor Organization", legal suffixes and a leading possessive
   dropped), ``w:`` each significant word, ``a:`` acronyms (a one-word name, or the
   initials of a longer one: "ECOWAS" ↔ "Economic Community of West African States"),
   ``k:`` a consonant skeleton for transliterations and misspellings
   (Qaddafi/Gaddafi/Kadhafi, Agbenyega/Agbeyenga), ``s:`` a person's surname and ``p:`` the
   gazetteer id of a country name ("US" = "United States"). Actors sharing a key are
   candidate pairs (at most :data:`MAX_BLOCK` per key).
2. **Scorer** (:func:`score_pair`, algorithm :data:`ALGORITHM` :data:`VERSION`): named,
   versioned features — ``name@1`` (which name rule matched and its strength),
   ``type@1`` (agreement penalty), ``titles@1`` (shared title words), ``title_conflict@1``,
   ``co_actors@1`` (other actors named in both documents) and ``same_document@1``.
3. **Decisions** (conservative: a wrong merge costs an analyst more than a missed one):
   score ≥ :data:`POSITIVE` positive, ≥ :data:`UNSURE` unsure (stored for review, never
   merges), hard rules negative: a PERSON never with a place or organisation (Kara the
   person ≠ Kara the city; Nathaniel Abessi ≠ Abessi City ≠ Nathaniel Abessi University),
   two full names with different first names never (Aïcha ≠ Didier ≠ Gaston Yamboré), two
   different country names never, two actors of one document never (the per-document chains
   decided that) — except two non-person actors whose names are an obvious chain miss
   (same key, acronym ↔ expansion through an alias), for which the chains are known to be
   incomplete. A bare surname joins a full name only when one person in the candidate set
   bears it and the contexts agree (titles and co-occurring actors); a bare first name
   joins only the one full-name person with that first name, and only when its own
   document names someone with that person's surname ("Gaston Yamboré's eldest son,
   Didier"); otherwise the pair is at most unsure. A misspelled surname ("Agbeyenga")
   joins the same first name only with supporting context (shared titles or co-occurring
   actors); otherwise the pair is unsure.
   A capital never joins its country: place names must match (or be the same gazetteer
   country), a shared country code is not identity.
4. **Components**: entities are connected components of positive judgements never
   crossing a negative (see migration ``0004_entities.sql`` for the storage design and the
   analyst merge/split semantics). Adding documents scores only their actors and
   recomputes only the components their judgements reach; :func:`forget_cleanup` does the
   same for the components that lost actors.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from itertools import combinations
from typing import Literal

from rapidfuzz import fuzz

from newsweave.analyze.gazetteer import Gazetteer, normalize, spelling_key
from newsweave.errors import NewsweaveError
from newsweave.model.ids import content_id
from newsweave.store.sqlite import Store

ALGORITHM = "newsweave-rules"
VERSION = "3"
POSITIVE = 0.85
"""Machine score from which a pair is judged the same entity."""
UNSURE = 0.5
"""Machine score from which a pair is stored as unsure (for review; never merges)."""
MACHINE_RANK = 0
ANALYST_RANK = 10
MAX_BLOCK = 40
"""Candidates taken per blocking key (lowest actor ids first): enough to connect an actor
to an entity, bounded for names found in thousands of documents."""
FUZZY_NAME = 85.0
"""rapidfuzz ratio from which a surname (or organisation name) is a misspelling."""

Judgement = Literal["positive", "negative", "unsure"]
Pair = tuple[str, str]
FeatureValue = float | str

_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_LEGAL = frozenset({"ltd", "inc", "plc", "llc", "corp", "co", "sa", "ag", "gmbh", "limited"})


def _wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


_HONORIFICS = _wordset(
    "mr mrs ms miss dr sir dame lady lord prof president minister gen col capt rev"
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_STOP = _wordset(
    "the of a an and for in on at to de du la le des da di van von al el with who his her "
    "its their our former ex is was until from by"
)
_TITLE_WORDS = _wordset(
    "president minister governor senator mayor general secretary spokesman spokeswoman "
    "chairman leader director commander chief king queen prince judge ambassador"
)


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class EntityTitle:
    """A title given to an entity, with every place that gives it."""

    text: str
    evidence: tuple[tuple[str, int, int], ...]
    """(document id, start, end) of each statement of the title."""


@dataclass(frozen=True)
class EntityRecord:
    """One entity across documents."""

    id: str
    name: str
    """The most frequent full name of its actors."""
    type: str
    aliases: tuple[str, ...]
    titles: tuple[EntityTitle, ...]
    documents: tuple[str, ...]
    mentions: int
    country: str | None
    actor_ids: tuple[str, ...]


@dataclass
class ResolveReport:
    """What one resolution run did."""

    actors_scored: int = 0
    judgements: Counter[str] = field(default_factory=Counter)
    """Machine judgements written, by kind."""
    components: int = 0
    """Entities (re)computed."""
    entities: int = 0
    """Entities in the store afterwards."""


@dataclass(frozen=True)
class ActorInfo:
    """What the scorer knows about one in-document actor."""

    id: str
    document: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    co_actors: frozenset[str] = frozenset()
    """Name keys of the other actors of its document."""
    country: str | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        """Name and aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Decision:
    """The scorer's verdict on one pair."""

    judgement: Judgement
    score: float
    features: dict[str, FeatureValue]


# --------------------------------------------------------------------------- name keys


def name_key(name: str) -> str:
    """Spelling key without legal suffixes, a leading possessive ("Mabenia's …") or
    punctuation: "Corniche Holdings Ltd" = "Corniche Holdings"."""
    key = spelling_key(name.replace("’", "'"))
    key = re.sub(r"^\w+'s\s+", "", key)
    words = [_undot(w) for w in re.split(r"[\s,]+", key)]
    words = [w for w in words if w]
    while len(words) > 1 and words[-1] in _LEGAL:
        words.pop()
    return " ".join(words)


def _undot(word: str) -> str:
    """ "u.s." → "us", "ltd." → "ltd"."""
    if re.fullmatch(r"(?:\w\.)+\w\.?", word):
        return word.replace(".", "")
    return word.strip(".")


def fold(text: str) -> str:
    """Lowercase ASCII letters of ``text`` (accents removed)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def skeleton(text: str) -> str:
    """Consonant skeleton for transliteration and vowel-swap variants: Qaddafi, Gaddafi,
    Kadhafi → ``kdf``; Agbenyega, Agbeyenga → ``kbnk``."""
    out: list[str] = []
    for word in re.findall(r"[a-z]+", fold(text)):
        word = word.replace("ph", "f").replace("x", "ks")
        letters: list[str] = []
        for c in word:
            c = {"q": "k", "c": "k", "g": "k", "v": "f", "w": "f", "z": "s"}.get(c, c)
            if c in "aeiouyhj" or (letters and letters[-1] == c):
                continue
            letters.append(c)
        out.append("".join(letters))
    return " ".join(w for w in out if w)


def initials(name: str) -> tuple[str, ...]:
    """Acronyms a multi-word name may be written as: initials of every word, of the
    capitalised words ("Economic Community of West African States" → ecowas, ecwas) and of
    the content words ("Alliance démocratique du Mabénia" → adm)."""
    words = re.findall(r"[\w'’-]+", name)
    if len(words) < 2:
        return ()
    every = "".join(w[0] for w in words).lower()
    capital = "".join(w[0] for w in words if w[:1].isupper()).lower()
    content = "".join(w[0] for w in words if fold(w) not in _STOP).lower()
    return tuple(dict.fromkeys(a for a in (every, capital, content) if len(a) >= 2))


def person_parts(name: str) -> tuple[str, ...]:
    """The words of a person's name without honorifics and suffixes, normalised."""
    words = [w.strip(".,") for w in normalize(name).split()]
    while len(words) > 1 and words[0] in _HONORIFICS:
        words.pop(0)
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return tuple(w for w in words if w)


def title_words(titles: Iterable[str]) -> frozenset[str]:
    """Content words of titles: lowercase words and known title words ("President")."""
    found: set[str] = set()
    for title in titles:
        for word in re.findall(r"[^\W\d_]+", title):
            low = fold(word)
            if (word.islower() or low in _TITLE_WORDS) and low not in _STOP and len(low) > 2:
                found.add(low)
    return frozenset(found)


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer.build()


@lru_cache(maxsize=4096)
def country_place(name: str) -> str | None:
    """The gazetteer id of ``name`` when its first reading is a country ("US" → iso:US)."""
    found = _gazetteer().lookup(name)
    return found[0].id if found and found[0].kind == "country" else None


def blocking_keys(actor: ActorInfo) -> set[str]:
    """Every key the actor is filed under in the blocking index."""
    keys: set[str] = set()
    for form in actor.forms:
        key = name_key(form)
        if not key:
            continue
        keys.add(f"n:{key}")
        words = key.split()
        keys.update(f"w:{w}" for w in words if len(w) > 2 and w not in _STOP)
        if len(words) == 1 and 2 <= len(key) <= 8:
            keys.add(f"a:{key}")
        keys.update(f"a:{a}" for a in initials(form))
        if actor.type == "PERSON":
            parts = person_parts(form)
            if parts:
                keys.add(f"s:{parts[-1]}")
                keys.add(f"k:{skeleton(parts[-1])}")
        elif len(skeleton(form)) >= 3:
            keys.add(f"k:{skeleton(form)}")
        if actor.type in _PLACE_TYPES:
            place = country_place(form)
            if place:
                keys.add(f"p:{place}")
    if actor.type == "NORP" and actor.country:
        keys.add(f"c:{actor.country}")
    return keys


# --------------------------------------------------------------------------- scorer


def type_penalty(left: str, right: str) -> float | None:
    """How much a type difference costs; None when the types can never be one entity."""
    if left == right:
        return 0.0
    if {left, right} <= {"GPE", "LOC"}:
        return 0.05
    if "FAC" in (left, right) and {left, right} <= {"FAC", "GPE", "LOC", "ORG"}:
        return 0.1
    return None


def _given_compatible(left: str, right: str) -> bool:
    """Same first name, an initial of it, or a spelling variant of it."""
    if left == right:
        return True
    if len(left) == 1 or len(right) == 1:
        return left[0] == right[0]
    return skeleton(left) == skeleton(right) or fuzz.ratio(left, right) >= FUZZY_NAME


def _surname_relation(left: str, right: str) -> str | None:
    if left == right:
        return "same"
    if len(left) >= 4 and skeleton(left) == skeleton(right) and fuzz.ratio(left, right) >= 70:
        return "misspelling" if sorted(left) == sorted(right) else "transliteration"
    if len(left) >= 5 and left[0] == right[0] and fuzz.ratio(left, right) >= FUZZY_NAME:
        return "misspelling"
    return None


def person_name_match(left: ActorInfo, right: ActorInfo) -> tuple[str, float]:
    """The best name rule between two people and its strength (0 when none; a negative
    strength when the names say they are different people)."""
    best = ("none", 0.0)
    for a in {person_parts(f) for f in left.forms}:
        for b in {person_parts(f) for f in right.forms}:
            found = _person_parts_match(a, b)
            if found[1] > best[1] or (found[1] < 0 and best[1] == 0.0):
                best = found
    return best


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
    if not _given_compatible(a[0], b[0]):
        return ("different_given_names", -1.0) if relation != "misspelling" else ("none", 0.0)
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
    lkeys = {name_key(f) for f in left.forms} - {""}
    rkeys = {name_key(f) for f in right.forms} - {""}
    if name_key(left.name) == name_key(right.name):
        return ("exact", 1.0)
    if left.type == right.type == "NORP" and left.country and left.country == right.country:
        return ("same_country_group", 0.95)
    if lkeys & rkeys:
        return ("alias", 0.92)
    places = _countries(left), _countries(right)
    if places[0] and places[1]:
        return ("same_country", 0.95) if places[0] & places[1] else ("different_countries", -1.0)
    acronym = _acronym_match(left, right)
    if acronym:
        return ("acronym", 0.88 if acronym >= 3 else 0.75)
    return _spelling_match(lkeys, rkeys, left.type in _PLACE_TYPES)


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


def _spelling_match(lkeys: set[str], rkeys: set[str], places: bool) -> tuple[str, float]:
    best = ("none", 0.0)
    for a in lkeys:
        for b in rkeys:
            if min(len(a), len(b)) < 6:
                continue
            if skeleton(a) == skeleton(b) and fuzz.ratio(a, b) >= 70:
                best = max(best, ("transliteration", 0.8 if places else 0.85), key=lambda x: x[1])
            elif not places and fuzz.ratio(a, b) >= 90 and a.split()[0] == b.split()[0]:
                best = max(best, ("spelling_variant", 0.8), key=lambda x: x[1])
    return best


def _shared_co_actors(left: ActorInfo, right: ActorInfo) -> int:
    own = {name_key(f) for f in (*left.forms, *right.forms)}
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


ORG_WORDS = frozenset(
    {
        "ministry",
        "ministries",
        "party",
        "union",
        "unions",
        "bank",
        "group",
        "holdings",
        "ltd",
        "limited",
        "inc",
        "company",
        "corporation",
        "organisation",
        "organization",
        "council",
        "agency",
        "university",
        "college",
        "school",
        "institute",
        "association",
        "front",
        "movement",
        "alliance",
        "league",
        "police",
        "army",
        "forces",
        "force",
        "court",
        "assembly",
        "parliament",
        "government",
        "commission",
        "committee",
        "office",
        "department",
        "federation",
        "fund",
        "foundation",
        "club",
        "port",
        "authority",
        "radio",
        "television",
        "tv",
        "news",
        "post",
        "herald",
        "sentinel",
        "times",
        "monitor",
        "press",
        "republic",
        "city",
        "church",
        "mission",
    }
)


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
    lt, rt = title_words(left.titles), title_words(right.titles)
    titles = 1.0 if lt & rt else 0.0
    conflict = 1.0 if left.type == "PERSON" and lt and rt and not lt & rt else 0.0
    features["co_actors@1"] = float(shared)
    features["titles@1"] = titles
    features["title_conflict@1"] = conflict
    bonus = 0.1 * titles + 0.1 * min(shared, 2)
    if conflict and not shared:
        bonus -= 0.2
    return round(max(0.0, min(1.0, base + bonus)), 4)


def _decide(rule: str, score: float, features: dict[str, FeatureValue]) -> Decision | None:
    if rule == "given_name_only":
        score = min(score, POSITIVE - 0.01)
    if score >= POSITIVE:
        return Decision("positive", score, features)
    if score >= UNSURE:
        return Decision("unsure", score, features)
    return None


def _same_document(left: ActorInfo, right: ActorInfo) -> Decision | None:
    """Two actors of one document: different by construction, except an obvious chain
    miss between two non-person names (same key or acronym ↔ expansion)."""
    features: dict[str, FeatureValue] = {"same_document@1": 1.0}
    if "PERSON" in (left.type, right.type) or type_penalty(left.type, right.type) is None:
        return None
    lkeys = {name_key(f) for f in left.forms}
    rkeys = {name_key(f) for f in right.forms}
    if lkeys & rkeys or _acronym_match(left, right) >= 3:
        features["name@1"] = "chain_miss"
        return Decision("positive", 0.9, features)
    return None


# --------------------------------------------------------------------------- loading


def _ids_json(ids: Iterable[str]) -> str:
    return json.dumps(sorted(set(ids)))


def _load_actors(store: Store, ids: Iterable[str] | None) -> dict[str, ActorInfo]:
    """Actors (all when ``ids`` is None) with titles and co-occurring actor keys."""
    conn = store.connection
    where = "" if ids is None else " WHERE a.id IN (SELECT value FROM json_each(?))"
    params: tuple[str, ...] = () if ids is None else (_ids_json(ids),)
    rows = conn.execute(
        "SELECT a.id, a.document_id, a.name, a.type, a.aliases, a.country FROM actors AS a" + where,
        params,
    ).fetchall()
    docs = {str(r["document_id"]) for r in rows}
    co = _document_keys(store, docs)
    titles = _titles(store, [str(r["id"]) for r in rows] if ids is not None else None)
    found: dict[str, ActorInfo] = {}
    for r in rows:
        own = name_key(str(r["name"]))
        found[str(r["id"])] = ActorInfo(
            id=str(r["id"]),
            document=str(r["document_id"]),
            name=str(r["name"]),
            type=str(r["type"]),
            aliases=tuple(str(a) for a in json.loads(r["aliases"])),
            titles=tuple(titles.get(str(r["id"]), ())),
            co_actors=frozenset(co.get(str(r["document_id"]), frozenset()) - {own}),
            country=r["country"],
        )
    return found


def _document_keys(store: Store, docs: Iterable[str]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    rows = store.connection.execute(
        "SELECT document_id, name FROM actors WHERE document_id IN"
        " (SELECT value FROM json_each(?))",
        (_ids_json(docs),),
    )
    for r in rows:
        found[str(r[0])].add(name_key(str(r[1])))
    return {doc: frozenset(keys) for doc, keys in found.items()}


def _titles(store: Store, ids: Sequence[str] | None) -> dict[str, list[str]]:
    sql = "SELECT actor_id, text FROM actor_titles"
    params: tuple[str, ...] = ()
    if ids is not None:
        sql += " WHERE actor_id IN (SELECT value FROM json_each(?))"
        params = (_ids_json(ids),)
    found: dict[str, list[str]] = defaultdict(list)
    for r in store.connection.execute(sql + " ORDER BY actor_id, start_char", params):
        found[str(r[0])].append(str(r[1]))
    return found


def _document_actor_ids(store: Store, document_ids: Sequence[str] | None) -> list[str]:
    if document_ids is None:
        rows = store.connection.execute("SELECT id FROM actors ORDER BY id")
    else:
        rows = store.connection.execute(
            "SELECT id FROM actors WHERE document_id IN (SELECT value FROM json_each(?))"
            " ORDER BY id",
            (_ids_json(document_ids),),
        )
    return [str(r[0]) for r in rows]


# --------------------------------------------------------------------------- blocking


def _index_actors(store: Store, actors: Iterable[ActorInfo]) -> dict[str, set[str]]:
    """Write the actors' blocking keys; return them by actor."""
    conn = store.connection
    keys: dict[str, set[str]] = {}
    for actor in actors:
        keys[actor.id] = blocking_keys(actor)
        conn.execute("DELETE FROM actor_keys WHERE actor_id = ?", (actor.id,))
        conn.executemany(
            "INSERT OR IGNORE INTO actor_keys (key, actor_id) VALUES (?, ?)",
            [(k, actor.id) for k in sorted(keys[actor.id])],
        )
    return keys


def _blocks(store: Store, keys: Iterable[str]) -> dict[str, list[str]]:
    """Actor ids under each key (lowest first, at most :data:`MAX_BLOCK` + 1 per key)."""
    found: dict[str, list[str]] = defaultdict(list)
    rows = store.connection.execute(
        "SELECT key, actor_id FROM actor_keys WHERE key IN (SELECT value FROM json_each(?))"
        " ORDER BY key, actor_id",
        (_ids_json(keys),),
    )
    for key, actor_id in rows:
        if len(found[str(key)]) <= MAX_BLOCK:
            found[str(key)].append(str(actor_id))
    return found


def candidate_pairs(new: dict[str, set[str]], blocks: dict[str, list[str]]) -> dict[Pair, set[str]]:
    """Candidate pairs (ordered ids) with the keys they share."""
    pairs: dict[Pair, set[str]] = defaultdict(set)
    for actor_id, keys in new.items():
        for key in keys:
            for other in blocks.get(key, ())[:MAX_BLOCK]:
                if other != actor_id:
                    pair = (actor_id, other) if actor_id < other else (other, actor_id)
                    pairs[pair].add(key)
    return pairs


def _full_names(pair_actors: Iterable[ActorInfo]) -> Iterator[tuple[str, str]]:
    """(first name, surname) of every full-name form of the people among ``pair_actors``."""
    for actor in pair_actors:
        if actor.type != "PERSON":
            continue
        for form in actor.forms:
            parts = person_parts(form)
            if len(parts) > 1:
                yield parts[0], parts[-1]


def _surname_holders(pair_actors: Iterable[ActorInfo]) -> dict[str, int]:
    """How many different first names go with each surname among full-name people."""
    given: dict[str, set[str]] = defaultdict(set)
    for first, surname in _full_names(pair_actors):
        given[surname].add(first)
    return {surname: len(names) for surname, names in given.items()}


# --------------------------------------------------------------------------- judgements


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_judgement(
    store: Store,
    pair: Pair,
    judgement: Judgement,
    *,
    source: str,
    score: float,
    features: dict[str, FeatureValue],
    algorithm: str,
    version: str,
) -> None:
    left, right = sorted(pair)
    rank = ANALYST_RANK if source == "analyst" else MACHINE_RANK
    store.connection.execute(
        "INSERT OR REPLACE INTO judgements (left_id, right_id, judgement, source, rank, score,"
        " features, algorithm, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            left,
            right,
            judgement,
            source,
            rank,
            score,
            json.dumps(features, sort_keys=True),
            algorithm,
            version,
            _now(),
        ),
    )


def _score_new(store: Store, new_ids: Sequence[str], report: ResolveReport) -> None:
    """Index the new actors and judge them against the index."""
    conn = store.connection
    conn.execute(
        "DELETE FROM judgements WHERE source = 'machine' AND (left_id IN"
        " (SELECT value FROM json_each(:ids)) OR right_id IN (SELECT value FROM json_each(:ids)))",
        {"ids": _ids_json(new_ids)},
    )
    new = _load_actors(store, new_ids)
    keys = _index_actors(store, new.values())
    pairs = candidate_pairs(keys, _blocks(store, {k for ks in keys.values() for k in ks}))
    others = {a for pair in pairs for a in pair} - set(new)
    actors = {**new, **_load_actors(store, others)}
    holders = _surname_holders(actors.values())
    given = _given_holders(actors.values())
    for pair in sorted(pairs):
        left, right = actors[pair[0]], actors[pair[1]]
        decision = score_pair(
            left, right, _holders_for(left, right, holders), _given_for(left, right, given)
        )
        if decision is None:
            continue
        _write_judgement(
            store,
            pair,
            decision.judgement,
            source="machine",
            score=decision.score,
            features=decision.features,
            algorithm=ALGORITHM,
            version=VERSION,
        )
        report.judgements[decision.judgement] += 1
    report.actors_scored += len(new)


def _given_holders(pair_actors: Iterable[ActorInfo]) -> dict[str, int]:
    """How many different surnames go with each first name among full-name people."""
    surnames: dict[str, set[str]] = defaultdict(set)
    for first, surname in _full_names(pair_actors):
        surnames[first].add(surname)
    return {given: len(names) for given, names in surnames.items()}


def _given_for(left: ActorInfo, right: ActorInfo, given: dict[str, int]) -> int:
    bare = [person_parts(f) for f in (*left.forms, *right.forms)]
    counts = [given.get(p[0], 0) for p in bare if len(p) == 1]
    return max(counts, default=1)


def _holders_for(left: ActorInfo, right: ActorInfo, holders: dict[str, int]) -> int:
    bare = [person_parts(f) for f in (*left.forms, *right.forms)]
    counts = [holders.get(p[0], 0) for p in bare if len(p) == 1]
    return max(counts, default=1)


@dataclass(frozen=True)
class _Edges:
    """Effective judgements among a set of actors (the highest rank per pair wins)."""

    positive: list[tuple[int, float, Pair]]
    negative: dict[str, dict[str, int]]
    explicit_positive: set[Pair]


def _effective(store: Store, ids: set[str]) -> _Edges:
    rows = store.connection.execute(
        "SELECT left_id, right_id, judgement, rank, score FROM judgements"
        " WHERE left_id IN (SELECT value FROM json_each(?)) ORDER BY rank",
        (_ids_json(ids),),
    )
    best: dict[Pair, tuple[str, int, float]] = {}
    for r in rows:
        pair = (str(r[0]), str(r[1]))
        if pair[1] in ids:
            best[pair] = (str(r[2]), int(r[3]), float(r[4] or 0.0))
    positive: list[tuple[int, float, Pair]] = []
    negative: dict[str, dict[str, int]] = defaultdict(dict)
    for pair, (judgement, rank, score) in best.items():
        if judgement == "positive":
            positive.append((rank, score, pair))
        elif judgement == "negative":
            negative[pair[0]][pair[1]] = rank
            negative[pair[1]][pair[0]] = rank
    positive.sort(key=lambda e: (-e[0], -e[1], e[2]))
    return _Edges(positive, negative, {p for _, _, p in positive})


# --------------------------------------------------------------------------- components


@dataclass
class _Component:
    members: set[str]
    by_doc: dict[str, set[str]]
    keys: set[str]
    shorts: set[str]
    acronyms: set[str]


class _Builder:
    """Greedy components of positive edges that never cross a negative."""

    def __init__(self, actors: dict[str, ActorInfo], edges: _Edges) -> None:
        self.actors = actors
        self.edges = edges
        self.parent = {a: a for a in actors}
        self.comps = {a: self._singleton(actors[a]) for a in actors}

    @staticmethod
    def _singleton(actor: ActorInfo) -> _Component:
        keys = {name_key(f) for f in actor.forms}
        return _Component(
            members={actor.id},
            by_doc={actor.document: {actor.id}},
            keys=keys,
            shorts={k for k in keys if " " not in k},
            acronyms={a for f in actor.forms for a in initials(f)},
        )

    def find(self, node: str) -> str:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def run(self) -> list[list[str]]:
        for rank, _score, (left, right) in self.edges.positive:
            a, b = self.find(left), self.find(right)
            if a != b and not self._conflict(a, b, rank):
                self._union(a, b)
        groups: dict[str, list[str]] = defaultdict(list)
        for node in sorted(self.actors):
            groups[self.find(node)].append(node)
        return sorted(groups.values())

    def _conflict(self, a: str, b: str, rank: int) -> bool:
        small, large = sorted((self.comps[a], self.comps[b]), key=lambda c: len(c.members))
        for member in small.members:
            for other, neg_rank in self.edges.negative.get(member, {}).items():
                if neg_rank >= rank and other in large.members:
                    return True
        return rank < ANALYST_RANK and self._same_document(small, large)

    def _same_document(self, x: _Component, y: _Component) -> bool:
        for doc in x.by_doc.keys() & y.by_doc.keys():
            for left in x.by_doc[doc]:
                for right in y.by_doc[doc]:
                    if not self._chain_miss(left, right, x, y):
                        return True
        return False

    def _chain_miss(self, left: str, right: str, x: _Component, y: _Component) -> bool:
        pair = (left, right) if left < right else (right, left)
        if pair in self.edges.explicit_positive:
            return True
        la, ra = self.actors[left], self.actors[right]
        if "PERSON" in (la.type, ra.type):
            return False
        lc, rc = self._singleton(la), self._singleton(ra)
        return bool(
            lc.keys & y.keys or rc.keys & x.keys or lc.shorts & y.acronyms or rc.shorts & x.acronyms
        )

    def _union(self, a: str, b: str) -> None:
        keep, gone = (a, b) if a < b else (b, a)
        self.parent[gone] = keep
        x, y = self.comps[keep], self.comps.pop(gone)
        x.members |= y.members
        for doc, ids in y.by_doc.items():
            x.by_doc.setdefault(doc, set()).update(ids)
        x.keys |= y.keys
        x.shorts |= y.shorts
        x.acronyms |= y.acronyms


def entity_id(members: Iterable[str]) -> str:
    """The stable id of the entity whose lowest actor id is the given one's minimum."""
    return content_id("n", min(members))


def _closure(store: Store, seeds: set[str]) -> set[str]:
    """Seeds, every actor reachable by positive judgements, and the members of every
    entity any of them is in (the components a change can touch)."""
    conn = store.connection
    done: set[str] = set()
    todo = set(seeds)
    while todo:
        done |= todo
        ids = _ids_json(todo)
        found: set[str] = set()
        for r in conn.execute(
            "SELECT left_id, right_id FROM judgements WHERE judgement = 'positive' AND"
            " (left_id IN (SELECT value FROM json_each(:ids))"
            " OR right_id IN (SELECT value FROM json_each(:ids)))",
            {"ids": ids},
        ):
            found.update((str(r[0]), str(r[1])))
        for r in conn.execute(
            "SELECT m2.actor_id FROM entity_members AS m1 JOIN entity_members AS m2"
            " ON m1.entity_id = m2.entity_id WHERE m1.actor_id IN (SELECT value FROM json_each(?))",
            (ids,),
        ):
            found.add(str(r[0]))
        todo = found - done
    existing = {
        str(r[0])
        for r in conn.execute(
            "SELECT id FROM actors WHERE id IN (SELECT value FROM json_each(?))",
            (_ids_json(done),),
        )
    }
    return existing


def _rebuild(store: Store, seeds: set[str]) -> int:
    """Recompute the entities of the components reachable from ``seeds``."""
    ids = _closure(store, seeds)
    if not ids:
        return 0
    actors = _load_actors(store, ids)
    groups = _Builder(actors, _effective(store, ids)).run()
    conn = store.connection
    conn.execute(
        "DELETE FROM entities WHERE id IN (SELECT entity_id FROM entity_members"
        " WHERE actor_id IN (SELECT value FROM json_each(?)))",
        (_ids_json(ids),),
    )
    for group in groups:
        _write_entity(store, [actors[a] for a in group])
    return len(groups)


def _mention_counts(store: Store, ids: Sequence[str]) -> dict[str, int]:
    rows = store.connection.execute(
        "SELECT id, mentions FROM actors WHERE id IN (SELECT value FROM json_each(?))",
        (_ids_json(ids),),
    )
    return {str(r[0]): int(r[1]) for r in rows}


def best_name(actors: Sequence[ActorInfo], mentions: dict[str, int]) -> str:
    """The most frequent full name (in documents, then mentions), not all-capitals."""
    docs: dict[str, set[str]] = defaultdict(set)
    count: Counter[str] = Counter()
    for actor in actors:
        docs[actor.name].add(actor.document)
        count[actor.name] += mentions.get(actor.id, 1)

    def rank(name: str) -> tuple[bool, bool, int, int, int, str]:
        full = len(name.split()) > 1
        shouting = name.isupper() and len(name) > 6
        return (full, not shouting, len(docs[name]), count[name], len(name), name)

    return max(docs, key=rank)


def _majority(values: Iterable[str | None]) -> str | None:
    found = Counter(v for v in values if v)
    if not found:
        return None
    return min(found, key=lambda v: (-found[v], v))


def _entity_type(actors: Sequence[ActorInfo]) -> str:
    """The majority type, except that an entity with a person in it is a person: a person
    joins an ORG actor only when the small model mistyped that person."""
    if any(a.type == "PERSON" for a in actors):
        return "PERSON"
    return _majority(a.type for a in actors) or actors[0].type


def _write_entity(store: Store, actors: Sequence[ActorInfo]) -> str:
    ids = sorted(a.id for a in actors)
    ident = entity_id(ids)
    mentions = _mention_counts(store, ids)
    conn = store.connection
    conn.execute(
        "INSERT OR REPLACE INTO entities (id, name, type, country, representative, size,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            ident,
            best_name(actors, mentions),
            _entity_type(actors),
            _majority(a.country for a in actors),
            ids[0],
            len(ids),
            _now(),
        ),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO entity_members (actor_id, entity_id) VALUES (?, ?)",
        [(a, ident) for a in ids],
    )
    return ident


# --------------------------------------------------------------------------- public API


def resolve_entities(store: Store, document_ids: Sequence[str] | None = None) -> ResolveReport:
    """Resolve the actors of ``document_ids`` (all documents when None) into entities.

    Only the given documents' actors are (re)indexed and scored against the blocking index;
    only the components their judgements reach are recomputed. Running it again gives the
    same entities and ids.
    """
    report = ResolveReport()
    with store.transaction() as conn:
        if document_ids is None:
            conn.execute("DELETE FROM judgements WHERE source = 'machine'")
            conn.execute("DELETE FROM actor_keys")
            conn.execute("DELETE FROM entities")
        new_ids = _document_actor_ids(store, document_ids)
        for chunk in _chunks(new_ids, 2000):
            _score_new(store, chunk, report)
        report.components = _rebuild(store, set(new_ids))
    report.entities = int(store.connection.execute("SELECT count(*) FROM entities").fetchone()[0])
    return report


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def forget_cleanup(store: Store) -> int:
    """After documents were forgotten: drop machine judgements of vanished actors and
    recompute the components that lost actors. Returns the components recomputed."""
    with store.transaction() as conn:
        partners: set[str] = set()
        for r in conn.execute(
            "SELECT left_id, right_id FROM judgements WHERE source = 'machine' AND"
            " (left_id NOT IN (SELECT id FROM actors) OR right_id NOT IN (SELECT id FROM actors))"
        ):
            partners.update((str(r[0]), str(r[1])))
        conn.execute(
            "DELETE FROM judgements WHERE source = 'machine' AND"
            " (left_id NOT IN (SELECT id FROM actors) OR right_id NOT IN (SELECT id FROM actors))"
        )
        touched = [
            str(r[0])
            for r in conn.execute(
                "SELECT e.id FROM entities AS e WHERE e.size !="
                " (SELECT count(*) FROM entity_members AS m WHERE m.entity_id = e.id)"
            )
        ]
        for r in conn.execute(
            "SELECT actor_id FROM entity_members WHERE entity_id IN"
            " (SELECT value FROM json_each(?))",
            (_ids_json(touched),),
        ):
            partners.add(str(r[0]))
        conn.execute(
            "DELETE FROM entities WHERE id IN (SELECT value FROM json_each(?))",
            (_ids_json(touched),),
        )
        return _rebuild(store, partners)


def _members(store: Store, ident: str) -> list[str]:
    """Actor ids of an entity (or the actor itself when ``ident`` is an actor id)."""
    rows = store.connection.execute(
        "SELECT actor_id FROM entity_members WHERE entity_id = ? ORDER BY actor_id", (ident,)
    ).fetchall()
    if rows:
        return [str(r[0]) for r in rows]
    if store.connection.execute("SELECT 1 FROM actors WHERE id = ?", (ident,)).fetchone():
        found = entity_of(store, ident)
        return _members(store, found) if found else [ident]
    raise KeyError(f"no entity or actor {ident!r}")


def merge(store: Store, a: str, b: str) -> str:
    """Analyst merge of entities (or actors) ``a`` and ``b``; returns the merged entity id.

    Writes analyst positives between every member of ``a`` and every member of ``b`` (so
    the merged entity holds even where the machine's same-document rule would cut it, and
    forgetting one document does not undo it) in place of any analyst negatives between
    them; survives every later re-resolution.
    """
    left, right = _members(store, a), _members(store, b)
    if set(left) == set(right):  # the same entity twice: nothing to merge, nothing written
        raise NewsweaveError("NW205", f"{a} {b}", "both name the same entity")
    with store.transaction() as conn:
        for x in left:
            conn.executemany(
                "DELETE FROM judgements WHERE source = 'analyst' AND judgement = 'negative'"
                " AND left_id = ? AND right_id = ?",
                [tuple(sorted((x, y))) for y in right if x != y],
            )
        for x in left:
            for y in right:
                if x != y:
                    _write_judgement(
                        store,
                        (x, y),
                        "positive",
                        source="analyst",
                        score=1.0,
                        features={"command": "merge"},
                        algorithm="analyst-merge",
                        version="1",
                    )
        _rebuild(store, {*left, *right})
    found = entity_of(store, left[0])
    if found is None:
        raise KeyError(f"entity of {left[0]!r} vanished")
    return found


def split(store: Store, entity: str) -> list[str]:
    """Analyst split: every member actor of ``entity`` becomes its own entity and stays
    apart (analyst negatives between every pair). Returns the new entity ids."""
    members = _members(store, entity)
    with store.transaction():
        for x, y in combinations(members, 2):
            _write_judgement(
                store,
                (x, y),
                "negative",
                source="analyst",
                score=0.0,
                features={"command": "split"},
                algorithm="analyst-split",
                version="1",
            )
        _rebuild(store, set(members))
    return sorted({e for e in (entity_of(store, m) for m in members) if e})


def entity_of(store: Store, actor_id: str) -> str | None:
    """The entity id of an in-document actor, or None when it is not resolved."""
    row = store.connection.execute(
        "SELECT entity_id FROM entity_members WHERE actor_id = ?", (actor_id,)
    ).fetchone()
    return str(row[0]) if row else None


def entity_records(store: Store) -> list[EntityRecord]:
    """Every entity with its aliases, titles (with evidence), documents and mention count,
    largest first."""
    conn = store.connection
    members: dict[str, list[str]] = defaultdict(list)
    for r in conn.execute("SELECT entity_id, actor_id FROM entity_members ORDER BY actor_id"):
        members[str(r[0])].append(str(r[1]))
    actors = _actor_rows(store)
    titles = _title_rows(store)
    records = []
    for r in conn.execute("SELECT id, name, type, country FROM entities"):
        ids = members.get(str(r["id"]), [])
        rows = [actors[a] for a in ids if a in actors]
        records.append(_record(r, ids, rows, titles))
    records.sort(key=lambda e: (-e.mentions, e.name, e.id))
    return records


def _actor_rows(store: Store) -> dict[str, tuple[str, str, tuple[str, ...], int]]:
    """Actor id → (document, name, aliases, mentions)."""
    return {
        str(r[0]): (str(r[1]), str(r[2]), tuple(json.loads(r[3])), int(r[4]))
        for r in store.connection.execute(
            "SELECT id, document_id, name, aliases, mentions FROM actors"
        )
    }


def _title_rows(store: Store) -> dict[str, list[tuple[str, str, int, int]]]:
    """Actor id → [(title, document, start, end)]."""
    found: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    for r in store.connection.execute(
        "SELECT t.actor_id, t.text, a.document_id, t.start_char, t.end_char"
        " FROM actor_titles AS t JOIN actors AS a ON a.id = t.actor_id"
        " ORDER BY a.document_id, t.start_char"
    ):
        found[str(r[0])].append((str(r[1]), str(r[2]), int(r[3]), int(r[4])))
    return found


def _record(
    row: sqlite3.Row,
    ids: list[str],
    rows: list[tuple[str, str, tuple[str, ...], int]],
    titles: dict[str, list[tuple[str, str, int, int]]],
) -> EntityRecord:
    name = str(row["name"])
    forms = {n for _, n, _, _ in rows} | {a for _, _, al, _ in rows for a in al}
    by_title: dict[str, tuple[str, list[tuple[str, int, int]]]] = {}
    for actor in ids:
        for text, doc, start, end in titles.get(actor, []):
            entry = by_title.setdefault(text.lower(), (text, []))
            entry[1].append((doc, start, end))
    return EntityRecord(
        id=str(row["id"]),
        name=name,
        type=str(row["type"]),
        aliases=tuple(sorted(forms - {name})),
        titles=tuple(EntityTitle(text, tuple(ev)) for text, ev in by_title.values()),
        documents=tuple(sorted({doc for doc, _, _, _ in rows})),
        mentions=sum(m for _, _, _, m in rows),
        country=row["country"],
        actor_ids=tuple(ids),
    )
