"""What ``ask`` needs of the corpus model, read through indexes: the entities a question
names, one entity, the story events and claims that may answer a question.

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
  the actors in an answer's passage) are read on demand, one index lookup each.
* **story events** (:func:`story_candidates`): only the story events whose mode carries a
  question word (the only ones ``ask`` may answer with), ranked in SQL-side counts; only
  the best one is read whole.
* **claims** (:func:`claim_candidates`): the claims of the quantity the question asks
  about, the best :data:`CLAIMS_BY_QUANTITY` of them by the answer's own tie-break (a
  count for the whole country, the latest, the most sources), plus the
  :data:`CLAIM_SEGMENTS` claims stated in the passages that match the question best
  (full-text index).

Names made only of stop words or one-letter words ("The Who", "U.S.") are not looked up.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from newsweave.model.ids import content_id
from newsweave.store.sqlite import Store

if TYPE_CHECKING:
    from newsweave.ask import EntityIndex, EntityView
    from newsweave.resolve.claims_list import ClaimListing
    from newsweave.resolve.entities import EntityRecord
    from newsweave.resolve.events import StoryEventRecord

MEMBERS_SHOWN = 500
"""An entity read on demand (for the entities of an answer) shows the aliases of its
latest this many member actors."""

NAMED_MEMBERS = 2_000
"""An entity the question names is read from its latest this many member actors (all of
them for a smaller entity): its aliases, and the actors whose quotes answer "what did X
say?". Which of its actors stand in the candidate passages is read apart, exactly
(:func:`question_actors`)."""

CLAIMS_BY_QUANTITY = 40
"""How many claims of the question's quantity are scored, best by the tie-break first."""

CLAIM_SEGMENTS = 200
"""How many claims stated in the passages that best match the question (of its quantity
when it has one) are scored beside them."""

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def _json(ids: Sequence[str]) -> str:
    return json.dumps(list(ids))


# --------------------------------------------------------------------------- entities


def question_index(store: Store, question: str) -> EntityIndex:
    """The entities ``ask`` may find in ``question``, as an :class:`EntityIndex` whose
    ``entities`` are those candidates and whose ``by_id`` / ``of_actor`` read any other
    entity or actor from the store when asked."""
    from newsweave.ask import _STOP, _WORD, EntityIndex, fold

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
    from newsweave.ask import _WORD, fold

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
        :data:`MEMBERS_SHOWN`), as :func:`newsweave.ask.load_entities` builds them."""
        from newsweave.ask import EntityView

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
        from newsweave.ask import EntityView
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
        from newsweave.ask import EntityView

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
            names = [str(r["name"]) for r in rows]
            best = max(names, key=lambda n: (not n.isupper(), names.count(n), -names.index(n)))
            aliases = {str(a) for r in rows for a in json.loads(r["aliases"])} | set(names)
            aliases.discard(best)
            countries = [r["country"] for r in rows if r["country"]]
            view = EntityView(
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
        from newsweave.ask import fold

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


# --------------------------------------------------------------------------- story events


def story_candidates(
    store: Store,
    matches_mode: Any,
) -> list[sqlite3.Row]:
    """The story events whose mode ``matches_mode`` (a predicate on the mode text) accepts,
    with the counts ``ask`` ranks them by: ``has_actors`` (a member event has a known
    actor), ``documents``, ``evidence`` (distinct evidence sentences)."""
    conn = store.connection
    modes = [
        str(r[0])
        for r in conn.execute("SELECT DISTINCT mode FROM story_events WHERE mode IS NOT NULL")
        if matches_mode(str(r[0]))
    ]
    if not modes:
        return []
    return conn.execute(
        "SELECT s.id, s.mode, s.label, s.date, s.date_source, s.place FROM story_events AS s"
        " WHERE s.mode IN (SELECT value FROM json_each(?))",
        (_json(modes),),
    ).fetchall()


def story_counts(store: Store, ids: Sequence[str]) -> dict[str, tuple[bool, int, int]]:
    """Story event id → (has a named actor, documents, distinct evidence sentences) of the
    story events in ``ids``, as their records would count them."""
    conn = store.connection
    counts: dict[str, tuple[bool, int, int]] = {}
    for r in conn.execute(
        "SELECT sm.story_event_id AS id, count(DISTINCT e.document_id) AS docs,"
        " count(DISTINCT e.document_id || ':' || v.sentence_start || ':' || v.sentence_end)"
        " AS sentences, EXISTS (SELECT 1 FROM story_event_members AS s2"
        " JOIN event_participants AS p ON p.event_id = s2.event_id AND p.role = 'actor'"
        " JOIN actors AS a ON a.id = p.actor_id WHERE s2.story_event_id = sm.story_event_id)"
        " AS has_actors"
        " FROM story_event_members AS sm JOIN events AS e ON e.id = sm.event_id"
        " JOIN event_evidence AS v ON v.event_id = e.id"
        " WHERE sm.story_event_id IN (SELECT value FROM json_each(?))"
        " GROUP BY sm.story_event_id",
        (_json(ids),),
    ):
        counts[str(r["id"])] = (bool(r["has_actors"]), int(r["docs"]), int(r["sentences"]))
    return counts


def story_entities(store: Store, ids: Sequence[str], entities: Sequence[str]) -> dict[str, int]:
    """Story event id → how many of ``entities`` take part (as actor or target) in it."""
    if not entities:
        return {}
    conn = store.connection
    found: dict[str, set[str]] = defaultdict(set)
    for r in conn.execute(
        "SELECT sm.story_event_id, m.entity_id FROM entity_members AS m"
        " JOIN event_participants AS p ON p.actor_id = m.actor_id"
        " AND p.role IN ('actor', 'target')"
        " JOIN story_event_members AS sm ON sm.event_id = p.event_id"
        " WHERE m.entity_id IN (SELECT value FROM json_each(?))"
        " AND sm.story_event_id IN (SELECT value FROM json_each(?))",
        (_json(entities), _json(ids)),
    ):
        found[str(r[0])].add(str(r[1]))
    return {story: len(named) for story, named in found.items()}


def story_record(store: Store, story_id: str) -> StoryEventRecord | None:
    """One story event read as :func:`newsweave.resolve.events.story_event_records` reads
    every one."""
    from newsweave.resolve.events import (
        StoryEventRecord,
        _evidence,
        _names,
        entity_lookup,
    )

    conn = store.connection
    row = conn.execute("SELECT * FROM story_events WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    members = [
        str(r[0])
        for r in conn.execute(
            "SELECT m.event_id FROM story_event_members AS m JOIN events AS e"
            " ON e.id = m.event_id JOIN documents AS d ON d.id = e.document_id"
            " WHERE m.story_event_id = ? ORDER BY d.published, e.document_id, e.start_char",
            (story_id,),
        )
    ]
    if not members:
        return None
    lookup = entity_lookup(store)
    actors, actor_ids = _names(conn, "actors", members, lookup)
    targets, target_ids = _names(conn, "targets", members, lookup)
    evidence = _evidence(conn, members)
    return StoryEventRecord(
        id=str(row["id"]),
        type=str(row["type"]),
        mode=row["mode"],
        label=str(row["label"]),
        date=row["date"],
        date_precision=row["date_precision"],
        date_source=row["date_source"],
        place=row["place"],
        actors=actors,
        targets=targets,
        members=tuple(members),
        documents=tuple(dict.fromkeys(e.document for e in evidence)),
        evidence=evidence,
        actor_ids=actor_ids,
        target_ids=target_ids,
    )


# --------------------------------------------------------------------------- claims


def claim_candidates(
    store: Store, quantity: str | None, terms: Sequence[str]
) -> tuple[list[ClaimListing], bool]:
    """(claims to score, whether they are claims of ``quantity``): the best
    :data:`CLAIMS_BY_QUANTITY` claims of the quantity by the answer's tie-break, and the
    claims stated in the :data:`CLAIM_SEGMENTS` passages that best match ``terms`` (FTS5
    terms); when no claim is of the quantity, the latter alone."""
    from newsweave.analyze.figures import CURRENCY_CODES

    conn = store.connection
    if quantity == "money":
        fits, params = (
            "upper(c.unit) IN (SELECT value FROM json_each(?))",
            [_json(sorted(c.upper() for c in CURRENCY_CODES))],
        )
    elif quantity == "share":
        fits, params = "c.unit = 'percent'", []
    elif quantity is not None:
        fits, params = "c.what = ?", [quantity]
    else:
        fits, params = "0", []
    fitting = [
        str(r[0])
        for r in conn.execute(
            f"SELECT c.id FROM claims AS c WHERE {fits} ORDER BY (c.place IS NULL OR"
            " (length(c.place) = 2 AND c.place = upper(c.place))) DESC, c.as_of DESC,"
            " c.documents DESC"
            " LIMIT ?",
            (*params, CLAIMS_BY_QUANTITY),
        )
    ]
    stated: list[str] = []
    if terms:
        try:
            stated = [
                str(r[0])
                for r in conn.execute(
                    "WITH hits AS MATERIALIZED (SELECT rowid AS id, bm25(segments_fts) AS rank"
                    " FROM segments_fts WHERE segments_fts MATCH ?)"
                    " SELECT m.claim_id FROM hits JOIN segments AS s ON s.id = hits.id"
                    " JOIN figures AS g ON g.document_id = s.document_id"
                    " AND g.start_char >= s.start_char AND g.end_char <= s.end_char"
                    " JOIN claim_members AS m ON m.figure_id = g.id"
                    " JOIN claims AS c ON c.id = m.claim_id"
                    f" WHERE {fits if fitting else '1'}"
                    " GROUP BY m.claim_id ORDER BY min(hits.rank) LIMIT ?",
                    (" OR ".join(terms), *(params if fitting else []), CLAIM_SEGMENTS),
                )
            ]
        except sqlite3.OperationalError:  # a query the full-text syntax refuses
            stated = []
    ids = list(dict.fromkeys([*fitting, *stated]))
    return claim_listings(store, ids), bool(fitting)


def restatements(store: Store, claim: ClaimListing) -> list[ClaimListing]:
    """The other claims stating the same value of the same quantity (at most 50)."""
    ids = [
        str(r[0])
        for r in store.connection.execute(
            "SELECT id FROM claims WHERE what = ? AND value = ? AND qualifier IS ?"
            " AND unit IS ? AND id != ? LIMIT 50",
            (claim.what, claim.value, claim.qualifier, claim.unit, claim.id),
        )
    ]
    return claim_listings(store, ids)


def claim_listings(store: Store, ids: Sequence[str]) -> list[ClaimListing]:
    """The :class:`ClaimListing` of each claim in ``ids``, as
    :func:`newsweave.resolve.claims_list.list_claims` lists every one (conflicts with claims
    of the same quantity included), in the listing's order."""
    from newsweave.resolve.claims import ClaimRecord, _claim_evidence, _claimants
    from newsweave.resolve.claims_list import ClaimListing, Counterpart, _sources

    if not ids:
        return []
    conn = store.connection

    def records(wanted: Sequence[str]) -> dict[str, ClaimRecord]:
        out = {}
        for row in conn.execute(
            "SELECT * FROM claims WHERE id IN (SELECT value FROM json_each(?))",
            (_json(list(wanted)),),
        ).fetchall():
            evidence = _claim_evidence(conn, str(row["id"]))
            if not evidence:
                continue
            out[str(row["id"])] = ClaimRecord(
                id=str(row["id"]),
                what=str(row["what"]),
                unit=row["unit"],
                value=float(row["value"]),
                low=row["low"],
                high=row["high"],
                qualifier=row["qualifier"],
                as_of=row["as_of"],
                status=str(row["status"]),
                figures=tuple(e.figure for e in evidence),
                evidence=tuple(evidence),
                claimants=_claimants(evidence),
                documents=tuple(dict.fromkeys(e.document for e in evidence)),
                place=row["place"],
            )
        return out

    own = records(ids)
    whats = sorted({c.what for c in own.values()})
    conflicts = conn.execute(
        "SELECT * FROM conflicts WHERE what IN (SELECT value FROM json_each(?))"
        " ORDER BY what, as_of, id",
        (_json(whats),),
    ).fetchall()
    rows = [
        (r, tuple(str(i) for i in json.loads(r["claim_ids"])))
        for r in conflicts
        if set(json.loads(r["claim_ids"])) & set(own)
    ]
    others = records(sorted({i for _, c in rows for i in c} - set(own)))
    known = {**own, **others}
    counterparts: dict[str, list[Any]] = defaultdict(list)
    for row, claim_ids in rows:
        if not all(i in known for i in claim_ids):
            continue
        values = [float(v) for v in json.loads(row["claim_values"])]
        for mine in claim_ids:
            if mine not in own:
                continue
            for index, other in enumerate(claim_ids):
                if other == mine:
                    continue
                member = known[other]
                counterparts[mine].append(
                    Counterpart(
                        str(row["kind"]),
                        other,
                        values[index],
                        tuple(c.name for c in member.claimants),
                        member.as_of,
                    )
                )
    docs = sorted({e.document for c in own.values() for e in c.evidence})
    titles = {
        str(r[0]): (r[1], r[2])
        for r in conn.execute(
            "SELECT id, title, published FROM documents WHERE id IN"
            " (SELECT value FROM json_each(?))",
            (_json(docs),),
        )
    }
    ordered = sorted(own.values(), key=lambda c: (c.what, c.as_of or "", c.value, c.id))
    return [
        ClaimListing(
            id=c.id,
            what=c.what,
            value=c.value,
            low=c.low,
            high=c.high,
            qualifier=c.qualifier,
            unit=c.unit,
            place=c.place,
            as_of=c.as_of,
            status=c.status,
            claimants=tuple(dict.fromkeys(x.name for x in c.claimants)),
            sources=_sources(c, titles),
            conflicts=tuple(counterparts.get(c.id, ())),
        )
        for c in ordered
    ]
