"""What ``ask`` needs of the corpus model, read through indexes: the entities a question
names and one entity (the story events and claims: :mod:`newsweave.ask_records`).

``ask`` used to load every entity (with every member actor and title), every story event
(with its members and evidence) and every claim (with its sources) for each question: over
a second on a store of 2,000 articles and growing with the corpus. These lookups read only
what can match:

* **entities** (:func:`question_index`): the actors whose name or an alias holds a word of
  the question (the ``actor_names`` FTS5 table), grouped by entity; only the entities one
  of whose forms stands in the question are read whole (through
  :func:`newsweave.resolve.entities._record`, so they read as ``entity_records`` gives
  them). Every entity whose name or alias stands in the question holds such an actor, so
  the question finds the same entities as with the whole index. Other entities (those of
  the actors in an answer's passage) are read on demand, one index lookup each. An entity
  the question names is read from its latest :data:`NAMED_MEMBERS` actors; which of its
  actors stand in the candidate passages is read exactly (:func:`question_actors`).

Names made only of stop words or one-letter words ("The Who", "U.S.") are not looked up.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from newsweave.model.ids import content_id
from newsweave.store.sqlite import ReadConnection, Store

if TYPE_CHECKING:
    from newsweave.ask_entities import EntityIndex, EntityView
    from newsweave.resolve.entities import EntityRecord

MEMBERS_SHOWN = 500
"""An entity read on demand (for the entities of an answer) shows the aliases of its
latest this many member actors."""

NAMED_MEMBERS = 2_000
"""An entity the question names is read from its latest this many member actors (all of
them for a smaller entity): its aliases, and the actors whose quotes answer "what did X
say?". Which of its actors stand in the candidate passages is read apart, exactly
(:func:`question_actors`)."""

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def _json(ids: Sequence[str]) -> str:
    return json.dumps(list(ids))


# --------------------------------------------------------------------------- entities


def question_index(store: Store, question: str) -> EntityIndex:
    """The entities ``ask`` may find in ``question``, as an :class:`EntityIndex` whose
    ``entities`` are those candidates and whose ``by_id`` / ``of_actor`` read any other
    entity or actor from the store when asked."""
    from newsweave.ask_entities import EntityIndex
    from newsweave.ask_text import _STOP, _WORD, fold

    folded = re.sub(r"'s?\b", "", fold(question))  # as ask._question reads it
    words = {w for w in _TOKEN.findall(folded) if len(w) >= 2 and w not in _STOP}
    padded = " " + " ".join(_WORD.findall(folded)) + " "
    lazy = _LazyEntities(store)
    if not words:
        return EntityIndex((), lazy, _ActorEntities(lazy), "resolve.entities (indexed)")
    conn = store.connection
    match = " OR ".join(f'"{w}"' for w in sorted(words))
    resolved: dict[str, set[str]] = defaultdict(set)
    loose: dict[tuple[str, str], list[str]] = defaultdict(list)
    # one row per entity and distinct spelling (an unresolved actor: per actor)
    for row in conn.execute(
        "SELECT m.entity_id, a.name, a.aliases, a.type,"
        " CASE WHEN m.entity_id IS NULL THEN a.id END AS loose_id"
        " FROM actor_names AS f JOIN actors AS a ON a.rowid = f.rowid"
        " LEFT JOIN entity_members AS m ON m.actor_id = a.id WHERE actor_names MATCH ?"
        " GROUP BY m.entity_id, a.name, a.aliases, a.type, loose_id",
        (match,),
    ):
        if row["entity_id"] is not None:
            resolved[str(row["entity_id"])].add(str(row["name"]))
            resolved[str(row["entity_id"])].update(json.loads(row["aliases"] or "[]"))
        else:
            loose[(str(row["type"]), fold(str(row["name"])))].append(str(row["loose_id"]))
    if resolved:
        for r in conn.execute(
            "SELECT id, name FROM entities WHERE id IN (SELECT value FROM json_each(?))",
            (_json(sorted(resolved)),),
        ):
            resolved[str(r["id"])].add(str(r["name"]))
    named = [e for e, forms in resolved.items() if _stands_in(forms, padded, _STOP)]
    views = lazy.resolved(named, whole=True)
    groups = {
        key: ids
        for key, ids in loose.items()
        if key[0] != "NORP" and _stands_in({n for n in lazy.actor_forms(ids)}, padded, _STOP)
    }
    views += lazy.loose(groups)
    ordered = tuple(sorted(views, key=lambda v: (-v.mentions, v.name, v.id)))
    return EntityIndex(ordered, lazy, _ActorEntities(lazy), "resolve.entities (indexed)")


def _stands_in(forms: set[str], padded: str, stop: frozenset[str]) -> bool:
    """Whether one of ``forms`` stands as whole words in the (padded, folded) question."""
    from newsweave.ask_text import _WORD, fold

    for form in forms:
        key = " ".join(_WORD.findall(fold(form)))
        if len(key) >= 3 and key not in stop and f" {key} " in padded:
            return True
    return False


class _LazyEntities(Mapping[str, "EntityView"]):
    """Entity id → :class:`EntityView`, read from the store on first use; iterating gives
    the entities read so far."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.views: dict[str, EntityView] = {}
        self.owner: dict[str, str] = {}

    def __getitem__(self, key: str) -> EntityView:
        if key not in self.views:
            found = self.resolved([key], whole=False)
            if not found:
                raise KeyError(key)
        return self.views[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.views))

    def __len__(self) -> int:
        return len(self.views)

    def actor_forms(self, ids: Sequence[str]) -> list[str]:
        rows = self.store.connection.execute(
            "SELECT name, aliases FROM actors WHERE id IN (SELECT value FROM json_each(?))",
            (_json(ids),),
        )
        return [f for r in rows for f in (str(r[0]), *json.loads(r[1] or "[]"))]

    def resolved(self, ids: Sequence[str], *, whole: bool) -> list[EntityView]:
        """Views of resolved entities (all members when ``whole``, else the latest
        :data:`MEMBERS_SHOWN`), as :func:`newsweave.ask_entities.load_entities` builds them."""
        from newsweave.ask_entities import EntityView

        if whole:
            return self.named(ids)
        found = []
        for record in entity_records_of(self.store, ids, MEMBERS_SHOWN):
            view = EntityView(
                id=record.id,
                name=record.name,
                type=record.type,
                aliases=record.aliases,
                titles=tuple(dict.fromkeys(t.text for t in record.titles)),
                documents=record.documents,
                mentions=record.mentions,
                country=record.country,
                actor_ids=record.actor_ids,
            )
            self.views[view.id] = view
            for actor in view.actor_ids:
                self.owner[actor] = view.id
            found.append(view)
        return found

    def named(self, ids: Sequence[str]) -> list[EntityView]:
        """Views of the entities a question names: the ids and aliases (as
        ``entity_records`` chooses them) of their latest :data:`NAMED_MEMBERS` member
        actors, without titles or document lists, which ``ask`` does not read."""
        from newsweave.ask_entities import EntityView
        from newsweave.resolve.entities import _record

        conn = self.store.connection
        found = []
        for row in conn.execute(
            "SELECT id, name, type, country FROM entities WHERE id IN"
            " (SELECT value FROM json_each(?))",
            (_json(list(dict.fromkeys(ids))),),
        ).fetchall():
            members = sorted(
                str(r[0])
                for r in conn.execute(
                    "SELECT actor_id FROM entity_members WHERE entity_id = ?"
                    " ORDER BY rowid DESC LIMIT ?",
                    (row["id"], NAMED_MEMBERS),
                )
            )
            forms = [
                ("", str(r[0]), tuple(json.loads(r[1])), int(r[2]))
                for r in conn.execute(
                    "SELECT a.name, a.aliases, sum(a.mentions) FROM actors AS a"
                    " WHERE a.id IN (SELECT value FROM json_each(?))"
                    " GROUP BY a.name, a.aliases",
                    (_json(members),),
                )
            ]
            record = _record(row, [], forms, {})
            view = EntityView(
                id=record.id,
                name=record.name,
                type=record.type,
                aliases=record.aliases,
                mentions=record.mentions,
                country=record.country,
                actor_ids=tuple(members),
            )
            self.views[view.id] = view
            for actor in members:
                self.owner[actor] = view.id
            found.append(view)
        return found

    def loose(self, groups: Mapping[tuple[str, str], Sequence[str]]) -> list[EntityView]:
        """Views of actors no entity covers, one per (type, folded name) group, as
        ``load_entities`` groups them."""
        from newsweave.ask_entities import grouped_view

        conn = self.store.connection
        found = []
        for (kind, key), ids in groups.items():
            rows = conn.execute(
                "SELECT * FROM actors WHERE id IN (SELECT value FROM json_each(?))"
                " ORDER BY document_id, start_char, id",
                (_json(ids),),
            ).fetchall()
            titles: dict[str, list[str]] = defaultdict(list)
            for t in conn.execute(
                "SELECT actor_id, text FROM actor_titles WHERE actor_id IN"
                " (SELECT value FROM json_each(?)) ORDER BY start_char",
                (_json(ids),),
            ):
                titles[str(t[0])].append(str(t[1]))
            view = grouped_view(kind, key, rows, titles)
            self.views[view.id] = view
            for actor in view.actor_ids:
                self.owner[actor] = view.id
            found.append(view)
        return found


class _ActorEntities(Mapping[str, str]):
    """In-document actor id → entity id, read from the store on first use."""

    def __init__(self, entities: _LazyEntities) -> None:
        self.entities = entities

    def __getitem__(self, actor: str) -> str:
        from newsweave.ask_text import fold

        owner = self.entities.owner
        if actor not in owner:
            conn = self.entities.store.connection
            row = conn.execute(
                "SELECT entity_id FROM entity_members WHERE actor_id = ?", (actor,)
            ).fetchone()
            if row is not None:
                owner[actor] = str(row[0])
            else:
                found = conn.execute(
                    "SELECT name, type FROM actors WHERE id = ?", (actor,)
                ).fetchone()
                if found is None:
                    raise KeyError(actor)
                kind, name = str(found["type"]), str(found["name"])
                same = [
                    str(r[0])
                    for r in conn.execute(
                        "SELECT a.id FROM actors AS a WHERE a.name = ? AND a.type = ?"
                        " AND NOT EXISTS (SELECT 1 FROM entity_members AS m"
                        " WHERE m.actor_id = a.id) LIMIT ?",
                        (name, kind, MEMBERS_SHOWN),
                    )
                ]
                self.entities.loose({(kind, fold(name)): same or [actor]})
                owner.setdefault(actor, content_id("n", kind, fold(name)))
        return owner[actor]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.entities.owner))

    def __len__(self) -> int:
        return len(self.entities.owner)


def question_actors(
    store: Store, entities: Sequence[EntityView], documents: Sequence[str]
) -> frozenset[str]:
    """The actors of the question's ``entities`` that stand in ``documents`` (the candidate
    passages'): through the index for a resolved entity (whatever its size), its actor ids
    for one ``ask`` grouped itself."""
    conn = store.connection
    ids = [e.id for e in entities]
    resolved = {
        str(r[0])
        for r in conn.execute(
            "SELECT id FROM entities WHERE id IN (SELECT value FROM json_each(?))", (_json(ids),)
        )
    }
    found = {a for e in entities if e.id not in resolved for a in e.actor_ids}
    if resolved:
        found.update(
            str(r[0])
            for r in conn.execute(
                "SELECT a.id FROM actors AS a JOIN entity_members AS m ON m.actor_id = a.id"
                " WHERE a.document_id IN (SELECT value FROM json_each(?))"
                " AND m.entity_id IN (SELECT value FROM json_each(?))",
                (_json(sorted(set(documents))), _json(sorted(resolved))),
            )
        )
    return frozenset(found)


def entity_records_of(
    store: Store, ids: Sequence[str], max_members: int | None = None
) -> list[EntityRecord]:
    """The :class:`EntityRecord` of each resolved entity in ``ids`` (read as
    :func:`newsweave.resolve.entities.entity_records` reads every one), from all its
    members or from its latest ``max_members``."""
    from newsweave.resolve.entities import _record

    conn = store.connection
    records = []
    for row in conn.execute(
        "SELECT id, name, type, country FROM entities WHERE id IN (SELECT value FROM json_each(?))",
        (_json(list(dict.fromkeys(ids))),),
    ).fetchall():
        members = [
            str(r[0])
            for r in conn.execute(
                "SELECT actor_id FROM entity_members WHERE entity_id = ?"
                + (" ORDER BY rowid DESC LIMIT ?" if max_members else ""),
                (row["id"], max_members) if max_members else (row["id"],),
            )
        ]
        members.sort()
        actors = {
            str(r[0]): (str(r[1]), str(r[2]), tuple(json.loads(r[3])), int(r[4]))
            for r in conn.execute(
                "SELECT id, document_id, name, aliases, mentions FROM actors"
                " WHERE id IN (SELECT value FROM json_each(?))",
                (_json(members),),
            )
        }
        titles: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
        for r in conn.execute(
            "SELECT t.actor_id, t.text, a.document_id, t.start_char, t.end_char"
            " FROM actor_titles AS t JOIN actors AS a ON a.id = t.actor_id"
            " WHERE t.actor_id IN (SELECT value FROM json_each(?))"
            " ORDER BY a.document_id, t.start_char",
            (_json(members),),
        ):
            titles[str(r[0])].append((str(r[1]), str(r[2]), int(r[3]), int(r[4])))
        rows = [actors[a] for a in members if a in actors]
        records.append(_record(row, members, rows, titles))
    return records


def segment_count(store: Store) -> int:
    """How many segments the store holds (``count(*)`` scans an index: ~0.1 s at 100,000
    documents), kept on a read connection until another connection commits (``PRAGMA
    data_version`` changes then)."""
    conn = store.connection
    version = int(conn.execute("PRAGMA data_version").fetchone()[0])
    cached = conn.segment_count if isinstance(conn, ReadConnection) else None
    if cached is not None and cached[0] == version:
        return cached[1]
    count = int(conn.execute("SELECT count(*) FROM segments").fetchone()[0])
    if isinstance(conn, ReadConnection):
        conn.segment_count = (version, count)
    return count
