"""Entities as ``ask`` and the UI show them: resolved entities, or actors grouped by name
and type where no resolution covers them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from newsweave.ask_text import fold
from newsweave.model.ids import content_id
from newsweave.store.sqlite import Store, raise_if_stopped


@dataclass(frozen=True)
class EntityView:
    """An entity as the UI and ``ask`` show it (cross-document when resolution exists)."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    mentions: int = 0
    country: str | None = None
    actor_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityIndex:
    """All entities, by id and by the in-document actor ids they gather."""

    entities: tuple[EntityView, ...]
    by_id: Mapping[str, EntityView]
    of_actor: Mapping[str, str]
    source: str
    """``resolve.entities`` or ``fallback`` (actors grouped by normalised name and type)."""


def load_entities(store: Store) -> EntityIndex:
    """Entities from :func:`newsweave.resolve.entities.entity_records` when that module is
    installed and the store has been resolved; actors no entity covers yet (documents added
    since the last resolution, or no resolution at all) are grouped by normalised name and
    type."""
    resolved = _resolved_entities(store)
    if resolved:
        covered = {a for view in resolved for a in view.actor_ids}
        rest = _fallback_entities(store, skip=covered)
        return _index([*resolved, *rest], "resolve.entities" + (" + fallback" if rest else ""))
    return _index(_fallback_entities(store), "fallback")


def _resolved_entities(store: Store) -> list[EntityView] | None:
    try:
        from newsweave.resolve.entities import entity_records
    except ImportError:
        return None
    try:
        records = entity_records(store)
    except sqlite3.OperationalError as error:  # its tables are not in this store yet
        raise_if_stopped(error)
        return None
    views = []
    for record in records:
        titles = (str(getattr(t, "text", t)) for t in getattr(record, "titles", ()))
        views.append(
            EntityView(
                id=str(record.id),
                name=str(record.name),
                type=str(record.type),
                aliases=tuple(str(a) for a in getattr(record, "aliases", ())),
                titles=tuple(dict.fromkeys(titles)),
                documents=tuple(str(d) for d in getattr(record, "documents", ())),
                mentions=int(getattr(record, "mentions", 0) or 0),
                country=getattr(record, "country", None),
                actor_ids=tuple(str(a) for a in getattr(record, "actor_ids", ())),
            )
        )
    return views


def _fallback_entities(
    store: Store, skip: set[str] | frozenset[str] = frozenset()
) -> list[EntityView]:
    conn = store.connection
    titles: dict[str, list[str]] = {}
    for row in conn.execute("SELECT actor_id, text FROM actor_titles ORDER BY start_char"):
        titles.setdefault(str(row[0]), []).append(str(row[1]))
    groups: dict[tuple[str, str], list[sqlite3.Row]] = {}
    for row in conn.execute("SELECT * FROM actors ORDER BY document_id, start_char, id"):
        if row["id"] in skip:
            continue
        groups.setdefault((str(row["type"]), fold(str(row["name"]))), []).append(row)
    return [grouped_view(kind, key, rows, titles) for (kind, key), rows in groups.items()]


def grouped_view(
    kind: str, key: str, rows: Sequence[sqlite3.Row], titles: Mapping[str, Sequence[str]]
) -> EntityView:
    """The view of actors no entity covers, grouped by type and folded name ``key``: the
    most frequent spelling that is not all capitals names it; ``rows`` are their ``actors``
    rows in document order, ``titles`` their titles by actor id."""
    names = [str(r["name"]) for r in rows]
    best = max(names, key=lambda n: (not n.isupper(), names.count(n), -names.index(n)))
    aliases = {str(a) for r in rows for a in json.loads(r["aliases"])} | set(names)
    aliases.discard(best)
    countries = [r["country"] for r in rows if r["country"]]
    return EntityView(
        id=content_id("n", kind, key),
        name=best,
        type=kind,
        aliases=tuple(sorted(aliases)),
        titles=tuple(dict.fromkeys(t for r in rows for t in titles.get(str(r["id"]), []))),
        documents=tuple(dict.fromkeys(str(r["document_id"]) for r in rows)),
        mentions=sum(int(r["mentions"]) for r in rows),
        country=countries[0] if countries else None,
        actor_ids=tuple(str(r["id"]) for r in rows),
    )


def _index(views: Iterable[EntityView], source: str) -> EntityIndex:
    ordered = tuple(sorted(views, key=lambda v: (-v.mentions, v.name, v.id)))
    of_actor = {actor: v.id for v in ordered for actor in v.actor_ids}
    return EntityIndex(
        ordered, MappingProxyType({v.id: v for v in ordered}), MappingProxyType(of_actor), source
    )
