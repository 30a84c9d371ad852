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
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from itertools import combinations
from typing import Literal

from rapidfuzz import fuzz

from newsweave.errors import NewsweaveError
from newsweave.model.ids import content_id
from newsweave.resolve.clusters import (
    ANALYST_RANK,
    Builder,
    Edge,
    Edges,
    person_key,
    strong_keys,
    weak_keys,
)
from newsweave.resolve.constraints import other_forms_conflict, person_forms_conflict
from newsweave.resolve.name_words import (
    GENERIC_PARTS,
    headline_core,
    headline_tail,
    ordinary_word,
    without_opening_word,
)
from newsweave.resolve.namekeys import (
    _PLACE_TYPES,
    _STOP,
    ORG_WORDS,
    ActorInfo,
    _gazetteer,
    _surname_relation,
    country_place,
    fold,
    given_of,
    initials,
    name_key,
    person_parts,
    skeleton,
    title_words,
    type_penalty,
)
from newsweave.store.sqlite import Store

__all__ = ["ANALYST_RANK", "ActorInfo", "fold", "initials", "name_key", "person_parts", "skeleton"]

ALGORITHM = "newsweave-rules"
VERSION = "5"
POSITIVE = 0.85
"""Machine score from which a pair is judged the same entity."""
UNSURE = 0.5
"""Machine score from which a pair is stored as unsure (for review; never merges)."""
MACHINE_RANK = 0
MAX_BLOCK = 40
"""Candidates taken per blocking key (lowest actor ids first): enough to connect an actor
to an entity, bounded for names found in thousands of documents."""

Judgement = Literal["positive", "negative", "unsure"]
Pair = tuple[str, str]
FeatureValue = float | str

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
class Decision:
    """The scorer's verdict on one pair."""

    judgement: Judgement
    score: float
    features: dict[str, FeatureValue]


# --------------------------------------------------------------------------- name keys


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
    return keys | strong_keys(actor) | weak_keys(actor)


IMPLICIT = ("f:", "g:", "o:")
"""Key prefixes that are links, not blocks: the clustering joins their holders (strong
full names ``f:``, gazetteer readings ``g:``) or places a weak actor by them (``o:``);
they are never scored pairwise."""


# --------------------------------------------------------------------------- scorer


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
    if not given_of(a, b):
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


def _part_of_name(lkeys: set[str], rkeys: set[str]) -> bool:
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
        "SELECT a.id, a.document_id, a.name, a.type, a.aliases, a.country,"
        " p.gazetteer_id AS place FROM actors AS a LEFT JOIN places AS p ON p.actor_id = a.id"
        + where,
        params,
    ).fetchall()
    docs = {str(r["document_id"]) for r in rows}
    co = _document_keys(store, docs)
    titles = _titles(store, [str(r["id"]) for r in rows] if ids is not None else None)
    openers = _opening_forms(store, ids)
    found: dict[str, ActorInfo] = {}
    for r in rows:
        own = name_key(str(r["name"]))
        forms = [str(r["name"]), *(str(a) for a in json.loads(r["aliases"]))]
        if str(r["id"]) in openers:
            forms = _read_openers(forms, openers[str(r["id"])], r["type"] == "PERSON")
        found[str(r["id"])] = ActorInfo(
            id=str(r["id"]),
            document=str(r["document_id"]),
            name=forms[0],
            type=str(r["type"]),
            aliases=tuple(forms[1:]),
            titles=tuple(titles.get(str(r["id"]), ())),
            co_actors=frozenset(co.get(str(r["document_id"]), frozenset()) - {own}),
            country=r["country"],
            place=r["place"],
        )
    return found


def _opening_forms(store: Store, ids: Iterable[str] | None) -> dict[str, set[str]]:
    """Actor id → its multi-word mention texts that only ever open a sentence (or a
    headline), where capitalised ordinary words may stand around a name."""
    where = "" if ids is None else " WHERE m.actor_id IN (SELECT value FROM json_each(?))"
    params: tuple[str, ...] = () if ids is None else (_ids_json(ids),)
    found: dict[str, set[str]] = defaultdict(set)
    inside: dict[str, set[str]] = defaultdict(set)
    for actor_id, text, opening in store.connection.execute(
        "SELECT m.actor_id, m.text, m.start_char = m.sentence_start FROM mentions AS m" + where,
        params,
    ):
        if " " in str(text).strip():
            (found if opening else inside)[str(actor_id)].add(str(text))
    return {a: texts - inside[a] for a, texts in found.items() if texts - inside[a]}


def _read_openers(forms: list[str], openers: set[str], person: bool = True) -> list[str]:
    """The forms read without the capitalised ordinary words of a sentence opening:
    a form that only opens a sentence and holds another form of the same actor with
    ordinary words around it ("Okafor Thanks Voters" with "Okafor") is that other form; a
    person's form loses an ordinary first word ("Fearless Lopez" → "Lopez"). Duplicates
    removed, the name first."""
    read = []
    for form in forms:
        if form in openers:
            form = (
                headline_core(form, forms)
                or (person and (headline_tail(form) or without_opening_word(form)))
                or form
            )
        read.append(form)
    return list(dict.fromkeys(read))


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


Sizes = dict[str, dict[str, int]]
"""Blocking key → second key (first letter of the name) → actors."""


def _sizes(store: Store, keys: Iterable[str]) -> Sizes:
    found: Sizes = defaultdict(dict)
    for key, letter, count in store.connection.execute(
        "SELECT k.key, lower(substr(a.name, 1, 1)), count(*) FROM actor_keys AS k"
        " JOIN actors AS a ON a.id = k.actor_id"
        " WHERE k.key IN (SELECT value FROM json_each(?)) GROUP BY 1, 2",
        (_ids_json(k for k in keys if not k.startswith(IMPLICIT)),),
    ):
        found[str(key)][str(letter)] = int(count)
    return found


def second_key(name: str) -> str:
    """The second key a too-big block is split by: the first letter of the name (lower
    case for ASCII letters only, as SQLite's ``lower``)."""
    first = name[:1]
    return first.lower() if first.isascii() else first


def block_of(key: str, letter: str, sizes: Sizes) -> str | None:
    """Which block a key gives an actor whose name starts with ``letter``: the whole key
    when it holds at most :data:`MAX_BLOCK` actors, else the sub-block of the second key
    when that is small enough, else none (a block too big to score is never scored)."""
    counts = sizes.get(key, {})
    if sum(counts.values()) <= MAX_BLOCK:
        return key
    if counts.get(letter, 0) <= MAX_BLOCK:
        return f"{key}\t{letter}"
    return None


def _blocks(store: Store, blocks: Iterable[str]) -> dict[str, list[str]]:
    """Actor ids of each (sub-)block, lowest first."""
    found: dict[str, list[str]] = defaultdict(list)
    whole = sorted({b for b in blocks if "\t" not in b})
    split = sorted({b for b in blocks if "\t" in b})
    rows = store.connection.execute(
        "SELECT k.key, k.actor_id FROM actor_keys AS k"
        " WHERE k.key IN (SELECT value FROM json_each(?)) ORDER BY 1, 2",
        (json.dumps(whole),),
    )
    for key, actor_id in rows:
        found[str(key)].append(str(actor_id))
    rows = store.connection.execute(
        "SELECT k.key || char(9) || lower(substr(a.name, 1, 1)), k.actor_id"
        " FROM actor_keys AS k JOIN actors AS a ON a.id = k.actor_id"
        " WHERE k.key IN (SELECT value FROM json_each(?))"
        " AND k.key || char(9) || lower(substr(a.name, 1, 1)) IN (SELECT value FROM json_each(?))"
        " ORDER BY 1, 2",
        (json.dumps(sorted({b.split("\t")[0] for b in split})), json.dumps(split)),
    )
    for block, actor_id in rows:
        found[str(block)].append(str(actor_id))
    return found


def candidate_pairs(new: dict[str, set[str]], blocks: dict[str, list[str]]) -> dict[Pair, set[str]]:
    """Candidate pairs (ordered ids) with the (sub-)blocks they share; ``new`` maps each
    new actor to its blocks."""
    pairs: dict[Pair, set[str]] = defaultdict(set)
    for actor_id, keys in new.items():
        for key in keys:
            for other in blocks.get(key, ()):
                if other != actor_id:
                    pair = (actor_id, other) if actor_id < other else (other, actor_id)
                    pairs[pair].add(key)
    return pairs


def _prune(store: Store, before: Sizes, after: Sizes) -> set[str]:
    """Forget the machine judgements of pairs no (sub-)block holds any more: a block that
    grew past :data:`MAX_BLOCK` is split (so a full re-resolution and an incremental one
    judge the same pairs)."""
    crossed: set[tuple[str, str | None]] = set()
    for key, counts in after.items():
        old = before.get(key, {})
        if sum(counts.values()) > MAX_BLOCK >= sum(old.values()):
            crossed.add((key, None))
        elif sum(counts.values()) > MAX_BLOCK:
            crossed.update(
                (key, letter)
                for letter, count in counts.items()
                if count > MAX_BLOCK >= old.get(letter, 0)
            )
    if not crossed:
        return set()
    conn = store.connection
    members: set[str] = set()
    for key, letter in crossed:
        members.update(
            str(r[0])
            for r in conn.execute(
                "SELECT k.actor_id FROM actor_keys AS k JOIN actors AS a ON a.id = k.actor_id"
                " WHERE k.key = ? AND (? IS NULL OR lower(substr(a.name, 1, 1)) = ?)",
                (key, letter, letter),
            )
        )
    judged = [
        (str(r[0]), str(r[1]))
        for r in conn.execute(
            "SELECT left_id, right_id FROM judgements WHERE source = 'machine'"
            " AND left_id IN (SELECT value FROM json_each(:ids))"
            " AND right_id IN (SELECT value FROM json_each(:ids))",
            {"ids": _ids_json(members)},
        )
    ]
    if not judged:
        return set()
    involved = {a for pair in judged for a in pair}
    keys: dict[str, set[str]] = defaultdict(set)
    letters: dict[str, str] = {}
    for actor_id, key, name in conn.execute(
        "SELECT k.actor_id, k.key, a.name FROM actor_keys AS k JOIN actors AS a"
        " ON a.id = k.actor_id WHERE k.actor_id IN (SELECT value FROM json_each(?))",
        (_ids_json(involved),),
    ):
        if not str(key).startswith(IMPLICIT):
            keys[str(actor_id)].add(str(key))
        letters[str(actor_id)] = second_key(str(name))
    sizes = _sizes(store, {k for ks in keys.values() for k in ks})
    gone = []
    for left, right in judged:
        shared = keys[left] & keys[right]
        if not any(
            block_of(k, letters[left], sizes) is not None
            and block_of(k, letters[left], sizes) == block_of(k, letters[right], sizes)
            for k in shared
        ):
            gone.append((left, right))
    conn.executemany(
        "DELETE FROM judgements WHERE source = 'machine' AND left_id = ? AND right_id = ?", gone
    )
    return {a for pair in gone for a in pair}


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


def _score_new(store: Store, new_ids: Sequence[str], report: ResolveReport) -> set[str]:
    """Index the new actors and judge them against the index; return the other actors
    whose judgements were pruned (their entities must be rebuilt too)."""
    conn = store.connection
    conn.execute(
        "DELETE FROM judgements WHERE source = 'machine' AND (left_id IN"
        " (SELECT value FROM json_each(:ids)) OR right_id IN (SELECT value FROM json_each(:ids)))",
        {"ids": _ids_json(new_ids)},
    )
    new = _load_actors(store, new_ids)
    touched = {k for a in new.values() for k in blocking_keys(a) if not k.startswith(IMPLICIT)}
    before = _sizes(store, touched)
    keys = _index_actors(store, new.values())
    after = _sizes(store, touched)
    pruned = _prune(store, before, after)
    blocks: dict[str, set[str]] = {}
    for actor_id, actor_keys in keys.items():
        letter = second_key(new[actor_id].name)
        found = (block_of(k, letter, after) for k in actor_keys if not k.startswith(IMPLICIT))
        blocks[actor_id] = {b for b in found if b is not None}
    pairs = candidate_pairs(blocks, _blocks(store, {b for bs in blocks.values() for b in bs}))
    others = {a for pair in pairs for a in pair} - set(new)
    actors = {**new, **_load_actors(store, others)}
    for pair in sorted(pairs):
        left, right = actors[pair[0]], actors[pair[1]]
        decision = score_pair(left, right)
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
    return pruned


def _effective(store: Store, ids: set[str]) -> tuple[Edges, set[str]]:
    """The winning judgement of every pair inside ``ids`` and the ORG actors a positive
    judges a mistyped person."""
    rows = store.connection.execute(
        "SELECT left_id, right_id, judgement, rank, score, features FROM judgements"
        " WHERE left_id IN (SELECT value FROM json_each(?)) ORDER BY rank",
        (_ids_json(ids),),
    )
    best: dict[Pair, tuple[str, int, float, str]] = {}
    for r in rows:
        pair = (str(r[0]), str(r[1]))
        if pair[1] in ids:
            best[pair] = (str(r[2]), int(r[3]), float(r[4] or 0.0), str(r[5]))
    positive: list[Edge] = []
    negative: dict[str, dict[str, int]] = defaultdict(dict)
    mistyped: set[str] = set()
    for pair, (judgement, rank, score, features) in best.items():
        if judgement == "positive":
            found = json.loads(features)
            rule = str(found.get("name@1", "analyst" if rank >= ANALYST_RANK else ""))
            context = bool(found.get("titles@1")) or bool(found.get("co_actors@1"))
            positive.append(Edge(rank, score, pair, rule, context))
            if found.get("type@1") == "mistyped_person":
                mistyped.update(pair)
        elif judgement == "negative":
            negative[pair[0]][pair[1]] = rank
            negative[pair[1]][pair[0]] = rank
    positive.sort(key=lambda e: (-e.rank, -e.score, e.pair))
    edges = Edges(positive, negative, {e.pair for e in positive})
    return edges, mistyped


# --------------------------------------------------------------------------- components


def entity_id(members: Iterable[str]) -> str:
    """The stable id of the entity whose lowest actor id is the given one's minimum."""
    return content_id("n", min(members))


def _closure(store: Store, seeds: set[str]) -> set[str]:
    """Seeds, every actor reachable by positive judgements or by an implicit link (the same
    full name ``f:``, gazetteer reading ``g:`` or single-word name ``o:``), and the members
    of every entity any of them is in: the region a change can touch (the clustering of
    everything outside it cannot change)."""
    conn = store.connection
    done: set[str] = set()
    todo = set(seeds)
    while todo:
        done |= todo
        ids = _ids_json(todo)
        found: set[str] = set()
        for column in ("left_id", "right_id"):  # two indexed lookups, not one OR scan
            for r in conn.execute(
                "SELECT left_id, right_id FROM judgements WHERE judgement = 'positive'"
                f" AND {column} IN (SELECT value FROM json_each(?))",
                (ids,),
            ):
                found.update((str(r[0]), str(r[1])))
        for r in conn.execute(
            "SELECT m2.actor_id FROM entity_members AS m1 JOIN entity_members AS m2"
            " ON m1.entity_id = m2.entity_id WHERE m1.actor_id IN (SELECT value FROM json_each(?))",
            (ids,),
        ):
            found.add(str(r[0]))
        for r in conn.execute(
            "SELECT k2.actor_id FROM actor_keys AS k1 JOIN actor_keys AS k2 ON k2.key = k1.key"
            " WHERE k1.actor_id IN (SELECT value FROM json_each(?))"
            " AND (k1.key LIKE 'f:%' OR k1.key LIKE 'g:%' OR k1.key LIKE 'o:%')",
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


def _mistyped_direction(
    actors: dict[str, ActorInfo], edges: Edges, mistyped: set[str]
) -> tuple[Edges, set[str]]:
    """Which side the small model mistyped: when more documents type a name ORG than
    PERSON ("New Orleans Saints" a team in most, a person in one), the PERSON actors are
    the mistyped ones: the ORG actors stay an organisation and the links that would make
    them a person are dropped (those PERSON actors stay apart)."""
    if not mistyped:
        return edges, mistyped
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for actor in actors.values():
        if actor.type in ("PERSON", "ORG"):
            counts[name_key(actor.name)][actor.type] += 1
    wrong = {
        a
        for a in mistyped
        if a in actors
        and counts[name_key(actors[a].name)]["ORG"] > counts[name_key(actors[a].name)]["PERSON"]
    }
    if not wrong:
        return edges, mistyped
    dropped = {
        e.pair for e in edges.positive if e.rule == "exact_full_name" and set(e.pair) & wrong
    }
    positive = [e for e in edges.positive if e.pair not in dropped]
    edges = Edges(positive, edges.negative, edges.explicit_positive - dropped)
    return edges, mistyped - wrong


def _rebuild(store: Store, seeds: set[str]) -> int:
    """Recompute the entities of the components reachable from ``seeds``."""
    ids = _closure(store, seeds)
    if not ids:
        return 0
    actors = _load_actors(store, ids)
    edges, mistyped = _effective(store, ids)
    edges, mistyped = _mistyped_direction(actors, edges, mistyped)
    groups = Builder(actors, edges, mistyped).run()
    conn = store.connection
    current: dict[str, set[str]] = defaultdict(set)
    for actor_id, entity in conn.execute(
        "SELECT m.actor_id, m.entity_id FROM entity_members AS m"
        " WHERE m.entity_id IN (SELECT entity_id FROM entity_members"
        " WHERE actor_id IN (SELECT value FROM json_each(?)))",
        (_ids_json(ids),),
    ):
        current[str(entity)].add(str(actor_id))
    sizes = {
        str(r[0]): int(r[1])
        for r in conn.execute(
            "SELECT id, size FROM entities WHERE id IN (SELECT value FROM json_each(?))",
            (_ids_json(current),),
        )
    }
    unchanged = {
        entity_id(group)
        for group in groups
        if current.get(entity_id(group)) == set(group) and sizes.get(entity_id(group)) == len(group)
    }
    conn.execute(
        "DELETE FROM entities WHERE id IN (SELECT value FROM json_each(?))",
        (_ids_json(set(current) - unchanged),),
    )
    for group in groups:
        if entity_id(group) not in unchanged:
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
        seeds = set(new_ids)
        for chunk in _chunks(new_ids, 2000):
            seeds |= _score_new(store, chunk, report)
        report.components = _rebuild(store, seeds)
    report.entities = int(store.connection.execute("SELECT count(*) FROM entities").fetchone()[0])
    return report


def outdated(store: Store) -> bool:
    """Whether machine judgements of another scorer version are stored (then only a full
    re-resolution gives the current scorer's entities)."""
    row = store.connection.execute(
        "SELECT 1 FROM judgements WHERE source = 'machine' AND (algorithm != ? OR version != ?)"
        " LIMIT 1",
        (ALGORITHM, VERSION),
    ).fetchone()
    return row is not None


def forgotten(store: Store) -> bool:
    """Whether an entity lost member actors (their documents were forgotten)."""
    row = store.connection.execute(
        "SELECT 1 FROM entities AS e WHERE e.size !="
        " (SELECT count(*) FROM entity_members AS m WHERE m.entity_id = e.id) LIMIT 1"
    ).fetchone()
    return row is not None


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


def entity_count(store: Store) -> int:
    """How many entities the store holds."""
    return int(store.connection.execute("SELECT count(*) FROM entities").fetchone()[0])


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
    places = {
        str(r[0]): str(r[1]) for r in conn.execute("SELECT actor_id, gazetteer_id FROM places")
    }
    records = []
    for r in conn.execute("SELECT id, name, type, country FROM entities"):
        ids = members.get(str(r["id"]), [])
        rows = [actors[a] for a in ids if a in actors]
        located = [places.get(a) for a in ids if a in actors]
        records.append(_record(r, ids, rows, titles, located))
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


@lru_cache(maxsize=65_536)
def gazetteer_reading(name: str) -> str | None:
    """The gazetteer id of the first reading of ``name`` ("U.S." and "America" →
    ``iso:US``), else None."""
    found = _gazetteer().lookup(name)
    return found[0].id if found else None


def alias_fits(
    name: str, alias: str, person: bool, stated: frozenset[str] = frozenset()
) -> str | None:
    """Why ``alias`` may not be shown as an alias of an entity named ``name`` (the rule it
    breaks), else None.

    A person's alias must not be a conflicting full name (another given name or surname
    beyond spelling, a bare name that is no part of the name: ``constraints``). Any other
    entity's alias must be a spelling variant of the name (or one inside the other), an
    acronym of it that a document states with it (``stated``: the name keys of the member
    actors that hold the name), or the same gazetteer reading ("America" for "United
    States"). What the per-document chains attach beyond that ("AFP" to a dateline's city,
    a rival network to "ABC News") is no name of the entity.
    """
    if person:
        a, b = person_key(name), person_key(alias)
        if not a or not b:
            return None
        words = alias.split()
        if len(words) > 1 and len(b.split()) > 1 and ordinary_word(words[0]):
            return "opening_word@1"
        return person_forms_conflict(*sorted((a, b)))
    main, key = name_key(name), name_key(alias)
    if not key or not main or key == main:
        return None
    if any(c.isdigit() for c in alias) and not any(c.isdigit() for c in name):
        return "digits@1"  # a score or a date line ("Northern Ireland - 1"), no name
    rule = other_forms_conflict(*sorted((main, key)))
    if rule is None and " " not in key and " " in main and key in GENERIC_PARTS:
        return "generic_part@1"  # "Party" of "Nazi Party"
    if rule is None or (rule == "acronym@1" and key in stated):
        return None
    reading = gazetteer_reading(alias)
    if (
        reading is not None
        and reading == gazetteer_reading(name)
        and _code_or_word(alias)
        and _code_or_word(name)
    ):
        return None
    return rule


def _code_or_word(alias: str) -> bool:
    """Whether a gazetteer alias is written as one: a code in capitals or with full stops
    ("UK", "N.Y.") or a word of four letters or more — not a short capitalised word that
    happens to be a reading ("Ham" for Hamburg, "Sam" for Damascus)."""
    bare = alias.replace(".", "").replace(" ", "")
    return alias.isupper() or "." in alias or len(bare) >= 4


def entity_aliases(
    name: str,
    person: bool,
    actors: Sequence[tuple[str, ...]],
    places: Sequence[str | None] = (),
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(aliases shown, names left out) of an entity named ``name`` whose member actors
    hold the given forms (name + aliases each) and, for places, were located at the given
    gazetteer ids: see :func:`alias_fits`; a place's alias is also kept when an actor
    holding it was located where an actor holding the name was ("S.C." and "South
    Carolina" at one gazetteer id)."""
    main = name_key(name)
    stated = frozenset(
        k for forms in actors if main in {name_key(f) for f in forms} for k in map(name_key, forms)
    )
    located: dict[str, set[str]] = defaultdict(set)
    for held, place in zip(actors, places, strict=False):
        if place:
            for form in held:
                located[name_key(form)].add(place)
    at = located.get(main, set())
    forms = sorted({f for fs in actors for f in fs} - {name})
    kept = tuple(
        f
        for f in forms
        if alias_fits(name, f, person, stated) is None
        or (at and located.get(name_key(f), set()) & at)
        or (not person and _abbreviation(f, name))
    )
    return kept, tuple(f for f in forms if f not in kept)


def _abbreviation(alias: str, name: str) -> bool:
    """A one-word name written short with a full stop ("Calif." for "California", "Pa."
    for "Pennsylvania"): its letters in order, starting with the name's first."""
    if not alias.endswith(".") or " " in name.strip() or " " in alias.strip():
        return False
    short, full = fold(alias.rstrip(".")), fold(name)
    if len(short) < 2 or not short.isalpha() or short[0] != full[:1] or len(short) >= len(full):
        return False
    rest = iter(full[1:])
    return all(c in rest for c in short[1:])


def _record(
    row: sqlite3.Row,
    ids: list[str],
    rows: list[tuple[str, str, tuple[str, ...], int]],
    titles: dict[str, list[tuple[str, str, int, int]]],
    located: Sequence[str | None] = (),
) -> EntityRecord:
    name = str(row["name"])
    aliases, _ = entity_aliases(
        name, str(row["type"]) == "PERSON", [(n, *al) for _, n, al, _ in rows], located
    )
    by_title: dict[str, tuple[str, list[tuple[str, int, int]]]] = {}
    for actor in ids:
        for text, doc, start, end in titles.get(actor, []):
            entry = by_title.setdefault(text.lower(), (text, []))
            entry[1].append((doc, start, end))
    return EntityRecord(
        id=str(row["id"]),
        name=name,
        type=str(row["type"]),
        aliases=aliases,
        titles=tuple(EntityTitle(text, tuple(ev)) for text, ev in by_title.values()),
        documents=tuple(sorted({doc for doc, _, _, _ in rows})),
        mentions=sum(m for _, _, _, m in rows),
        country=row["country"],
        actor_ids=tuple(ids),
    )
