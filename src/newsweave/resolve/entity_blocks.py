"""Blocking for entity resolution: the keys an actor is filed under, loading actors with
their context, blocks and candidate pairs, and pruning judgements of shrunk blocks."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from newsweave.resolve.clusters import (
    strong_keys,
    surname_keys,
    weak_keys,
)
from newsweave.resolve.name_words import (
    headline_core,
    headline_tail,
    without_opening_word,
)
from newsweave.resolve.namekeys import (
    _PLACE_TYPES,
    _STOP,
    ActorInfo,
    country_place,
    initials,
    name_key,
    person_parts,
    skeleton,
)
from newsweave.store.sqlite import Store

MAX_BLOCK = 40
"""Candidates taken per blocking key (lowest actor ids first): enough to connect an actor
to an entity, bounded for names found in thousands of documents."""

Pair = tuple[str, str]

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
    return keys | strong_keys(actor) | weak_keys(actor) | surname_keys(actor)


IMPLICIT = ("f:", "g:", "o:")
"""Key prefixes that are links, not blocks: the clustering joins their holders (strong
full names ``f:``, gazetteer readings ``g:``) or places a weak actor by them (``o:``);
they are never scored pairwise."""


# --------------------------------------------------------------------------- loading


def _ids_json(ids: Iterable[str]) -> str:
    return json.dumps(sorted(set(ids)))


def _load_actors(
    store: Store, ids: Iterable[str] | None, *, context: bool = True
) -> dict[str, ActorInfo]:
    """Actors (all when ``ids`` is None) with titles and co-occurring actor keys (left
    empty without ``context``: the clustering reads names, types, documents and places
    only, the scorer reads the context too)."""
    conn = store.connection
    where = "" if ids is None else " WHERE a.id IN (SELECT value FROM json_each(?))"
    params: tuple[str, ...] = () if ids is None else (_ids_json(ids),)
    rows = conn.execute(
        "SELECT a.id, a.document_id, a.name, a.type, a.aliases, a.country,"
        # a facility placed at its document's focus city (places_choose) has no gazetteer
        # reading: its name, not that guess, decides which actors it is
        " CASE WHEN p.gazetteer_id LIKE 'facility:%' THEN NULL ELSE p.gazetteer_id END AS place"
        " FROM actors AS a LEFT JOIN places AS p ON p.actor_id = a.id" + where,
        params,
    ).fetchall()
    docs = {str(r["document_id"]) for r in rows}
    co = _document_keys(store, docs) if context else {}
    titles = (
        _titles(store, [str(r["id"]) for r in rows] if ids is not None else None) if context else {}
    )
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


def _index_actors(
    store: Store,
    actors: Iterable[ActorInfo],
    sizes: BlockSizes | None = None,
    keys: dict[str, set[str]] | None = None,
) -> dict[str, set[str]]:
    """Write the actors' blocking keys (``keys`` when already computed; replacing any
    they had); return them by actor. ``sizes`` is kept current with the rows written."""
    conn = store.connection
    if keys is None:
        keys = {a.id: blocking_keys(a) for a in actors}
    ids = _ids_json(keys)
    if sizes is not None:
        sizes.forget(
            conn.execute(
                "SELECT k.key, a.name FROM actor_keys AS k JOIN actors AS a ON a.id = k.actor_id"
                " WHERE k.actor_id IN (SELECT value FROM json_each(?))",
                (ids,),
            )
        )
    conn.execute(
        "DELETE FROM actor_keys WHERE actor_id IN (SELECT value FROM json_each(?))", (ids,)
    )
    conn.executemany(
        "INSERT OR IGNORE INTO actor_keys (key, actor_id) VALUES (?, ?)",
        [(k, actor_id) for actor_id, found in keys.items() for k in sorted(found)],
    )
    if sizes is not None:
        sizes.count(
            conn.execute(
                "SELECT k.key, a.name FROM actor_keys AS k JOIN actors AS a ON a.id = k.actor_id"
                " WHERE k.actor_id IN (SELECT value FROM json_each(?))",
                (ids,),
            )
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


class BlockSizes:
    """Block sizes (:data:`Sizes`) read from the store once per key in a run and kept
    current as actors are indexed (only :func:`_index_actors` changes the blocking index
    while a run scores), so that each chunk of new actors does not count its keys' blocks
    again (a GROUP BY over thousands of holders for "w:trump")."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.known: Sizes = {}

    def get(self, keys: Iterable[str]) -> Sizes:
        """A snapshot of the sizes of ``keys`` (implicit keys left out), as :func:`_sizes`."""
        wanted = {k for k in keys if not k.startswith(IMPLICIT)}
        missing = wanted - self.known.keys()
        if missing:
            found = _sizes(self.store, missing)
            for key in missing:
                self.known[key] = dict(found.get(key, {}))
        found_now: Sizes = defaultdict(dict)
        for key in wanted:
            if self.known[key]:
                found_now[key] = dict(self.known[key])
        return found_now

    def _change(self, rows: Iterable[tuple[str, str]], step: int) -> None:
        for key, name in rows:
            counts = self.known.get(str(key))
            if counts is None:
                continue  # read from the store (then current) when first asked for
            letter = _sql_lower(str(name)[:1])  # one character: cached
            counts[letter] = counts.get(letter, 0) + step
            if counts[letter] == 0:
                del counts[letter]

    def forget(self, rows: Iterable[tuple[str, str]]) -> None:
        """(key, actor name) rows about to leave the index."""
        self._change(rows, -1)

    def count(self, rows: Iterable[tuple[str, str]]) -> None:
        """(key, actor name) rows just written to the index."""
        self._change(rows, 1)


@lru_cache(maxsize=4096)
def _sql_lower(text: str) -> str:
    """SQLite's built-in ``lower``: ASCII letters only."""
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in text)


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


def _prune(
    store: Store, before: Sizes, after: Sizes, current: BlockSizes | None = None
) -> set[str]:
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
    judged = [  # right_id filtered here: in SQL it was one index probe per pair of members
        (str(r[0]), str(r[1]))
        for r in conn.execute(
            "SELECT left_id, right_id FROM judgements WHERE source = 'machine'"
            " AND left_id IN (SELECT value FROM json_each(?))",
            (_ids_json(members),),
        )
        if r[1] in members
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
    wanted = {k for ks in keys.values() for k in ks}
    sizes = _sizes(store, wanted) if current is None else current.get(wanted)
    blocks: dict[tuple[str, str], str | None] = {}

    def block(key: str, letter: str) -> str | None:  # thousands of pairs share a few
        if (key, letter) not in blocks:
            blocks[(key, letter)] = block_of(key, letter, sizes)
        return blocks[(key, letter)]

    gone = []
    for left, right in judged:
        shared = keys[left] & keys[right]
        if not any(
            block(k, letters[left]) is not None
            and block(k, letters[left]) == block(k, letters[right])
            for k in shared
        ):
            gone.append((left, right))
    conn.executemany(
        "DELETE FROM judgements WHERE source = 'machine' AND left_id = ? AND right_id = ?", gone
    )
    return {a for pair in gone for a in pair}
