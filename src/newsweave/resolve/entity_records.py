"""Reading entities: records, members, shown aliases (the read side of entity resolution)."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsweave.resolve.clusters import (
    person_key,
)
from newsweave.resolve.constraints import other_forms_conflict, person_forms_conflict
from newsweave.resolve.name_words import (
    GENERIC_PARTS,
    ordinary_word,
)
from newsweave.resolve.namekeys import (
    _gazetteer,
    fold,
    name_key,
)
from newsweave.store.sqlite import Store

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


def _by_support(
    titles: Iterable[tuple[str, list[tuple[str, int, int]]]],
) -> tuple[EntityTitle, ...]:
    """An entity's titles, the best supported first: by how many documents state each, then
    how many times, then first seen — so the office most sources give ("Senator") leads and
    a one-off phrase of one article comes last (the UI and ``entities`` show the first)."""
    ranked = sorted(
        enumerate(titles), key=lambda t: (-len({d for d, _, _ in t[1][1]}), -len(t[1][1]), t[0])
    )
    return tuple(EntityTitle(text, tuple(ev)) for _, (text, ev) in ranked)


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
        titles=_by_support(by_title.values()),
        documents=tuple(sorted({doc for doc, _, _, _ in rows})),
        mentions=sum(m for _, _, _, m in rows),
        country=row["country"],
        actor_ids=tuple(ids),
    )
