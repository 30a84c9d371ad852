"""The same happening told by several documents becomes one story event.

Every per-document event (table ``events``) is put in exactly one story event (tables
``story_events`` / ``story_event_members``, migration 0006). Two reports are the same
happening when they have the same PLOVER type and mode, a compatible modality (what is said
to have happened is never merged with what might happen or did not happen), dates that agree
within the precision of each report, no disagreeing places, and overlapping participants
(by entity when cross-document entity resolution is available, else by normalised name).

An event dated only by its document's publication date (``date_source`` ``publication`` or
``none``) says "on or before this day": it joins a story only when it shares participants
strongly with it (two participants, or one participant and a word of the label).

:func:`resolve_events` recomputes the story events of the given kinds (PLOVER type and
mode; every kind by default) in one transaction, so it is idempotent and a forgotten
document simply disappears from the next result; ids are content ids of the first member,
so they are stable while that member exists. Kinds never meet, so recomputing only the
kinds a change touches (:func:`touched_kinds`) gives the same stories as recomputing all.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from newsweave.resolve.story_clusters import (
    Participant,
    Previous,
    Where,
    _Report,
    _Story,
    cluster_reports,
    generic,
    replay_plan,
    story_id,
)
from newsweave.resolve.story_match import (
    EntityLookup,
    bulk_entity_lookup,
    date_precision,
    dates_agree,
    entities_of,
    entity_lookup,
    label_stems,
    names_match,
    normalise_name,
    not_after,
)
from newsweave.store.queries import actor_names
from newsweave.store.sqlite import Store

__all__ = [
    "EntityLookup",
    "EventEvidence",
    "Kind",
    "Participant",
    "StoryEventRecord",
    "Where",
    "_Report",
    "bulk_entity_lookup",
    "cluster_reports",
    "date_precision",
    "dates_agree",
    "entity_lookup",
    "generic",
    "label_stems",
    "names_match",
    "normalise_name",
    "not_after",
    "resolve_events",
    "story_event_record",
    "story_event_records",
    "touched_kinds",
]
"""Loading, storing and reading live here; the comparisons (:mod:`story_match`) and the
clustering (:mod:`story_clusters`) are re-exported for the modules that import them."""

# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class EventEvidence:
    """One sentence telling of a story event."""

    document: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class StoryEventRecord:
    """One happening across documents, with every report's evidence."""

    id: str
    type: str
    mode: str | None
    label: str
    date: str | None
    date_precision: str | None
    date_source: str | None
    place: str | None
    actors: tuple[str, ...]
    """Names of who acts (entities when resolved), deduplicated."""
    targets: tuple[str, ...]
    members: tuple[str, ...]
    """Ids of the per-document events."""
    documents: tuple[str, ...]
    evidence: tuple[EventEvidence, ...]
    actor_ids: tuple[str, ...] = ()
    """Entity (or actor) ids of the actors."""
    target_ids: tuple[str, ...] = ()


# --------------------------------------------------------------------------- loading


def _participants(
    ids: Iterable[str], names: dict[str, str], lookup: EntityLookup
) -> tuple[Participant, ...]:
    return tuple(Participant(lookup(i), normalise_name(names.get(i, ""))) for i in ids)


Kind = tuple[str, str | None]
"""A report's (PLOVER type, mode): reports of different kinds never meet (the clustering
and its :func:`ubiquitous` counts are per kind), so each kind clusters on its own."""

_KIND_SQL = "{0}type || '|' || coalesce({0}mode, '')"


def _kind_keys(kinds: Iterable[Kind]) -> str:
    return json.dumps(sorted(f"{t}|{m or ''}" for t, m in kinds))


def _load_reports(
    store: Store, lookup: EntityLookup, kinds: Iterable[Kind] | None = None
) -> list[_Report]:
    """Every stored event (of ``kinds``, all when None) with its participants and its
    document's publication date."""
    conn = store.connection
    where = (
        ""
        if kinds is None
        else f" WHERE {_KIND_SQL.format('e.')} IN (SELECT value FROM json_each(?))"
    )
    rows = conn.execute(
        "SELECT e.*, coalesce(d.published, '') AS published,"
        " p.kind AS place_kind, p.country AS place_country, p.lat AS place_lat,"
        " p.lon AS place_lon FROM events AS e"
        " JOIN documents AS d ON d.id = e.document_id"
        " LEFT JOIN places AS p ON p.actor_id = e.place" + where,
        () if kinds is None else (_kind_keys(kinds),),
    ).fetchall()
    if kinds is None:
        names = actor_names(conn)
    else:  # only the actors these events name (not every actor of the store)
        wanted = {str(row["place"]) for row in rows if row["place"]}
        for row in rows:
            wanted.update(json.loads(row["actors"]), json.loads(row["targets"]))
        names = actor_names(conn, sorted(wanted))
        lookup = entities_of(conn, wanted, lookup)
    reports = []
    for row in rows:
        place = names.get(row["place"] or "", "") or row["place_text"] or ""
        reports.append(
            _Report(
                id=str(row["id"]),
                document=str(row["document_id"]),
                type=str(row["type"]),
                mode=row["mode"],
                label=str(row["label"]),
                date=row["date"],
                date_source=str(row["date_source"]),
                modality=str(row["modality"]),
                place=normalise_name(place),
                actors=_participants(json.loads(row["actors"]), names, lookup),
                targets=_participants(json.loads(row["targets"]), names, lookup),
                start=int(row["start_char"]),
                published=str(row["published"])[:10],
                where=Where(
                    str(row["place_kind"]), row["place_country"], row["place_lat"], row["place_lon"]
                )
                if row["place_kind"]
                else None,
            )
        )
    return sorted(reports, key=_report_order)


def _report_order(report: _Report) -> tuple[int, int, str, str, int]:
    """Dated reports first, most precise first, then by document date and position."""
    precision = {"day": 0, "month": 1, "year": 2}.get(date_precision(report.date) or "", 3)
    return (0 if report.dated else 1, precision, report.published, report.document, report.start)


# --------------------------------------------------------------------------- storing


def _story_date(story: _Story) -> tuple[str | None, str | None]:
    """The most precise, most often reported own date; else the earliest other date."""
    dated = [m for m in story.dated if m.date]
    if dated:
        counts = Counter(m.date or "" for m in dated)
        chosen = min(counts, key=lambda d: (-len(d), -counts[d], d))
        return chosen, next(m.date_source for m in dated if m.date == chosen)
    undated = sorted(m.date for m in story.members if m.date)
    return (undated[0], story.head.date_source) if undated else (None, None)


def _story_place(conn: sqlite3.Connection, story: _Story) -> str | None:
    for member in story.members:
        row = conn.execute(
            "SELECT coalesce(a.name, e.place_text) FROM events AS e"
            " LEFT JOIN actors AS a ON a.id = e.place WHERE e.id = ?",
            (member.id,),
        ).fetchone()
        if row and row[0]:
            return str(row[0])
    return None


def _save(
    conn: sqlite3.Connection, stories: list[_Story], kinds: Iterable[Kind] | None = None
) -> None:
    if kinds is None:
        conn.execute("DELETE FROM story_event_members")
        conn.execute("DELETE FROM story_events")
    else:
        gone = (
            f"SELECT id FROM story_events WHERE {_KIND_SQL.format('')}"
            " IN (SELECT value FROM json_each(?))"
        )
        conn.execute(
            f"DELETE FROM story_event_members WHERE story_event_id IN ({gone})",
            (_kind_keys(kinds),),
        )
        conn.execute(f"DELETE FROM story_events WHERE id IN ({gone})", (_kind_keys(kinds),))
    for story in stories:
        _insert(conn, story)


def _insert(conn: sqlite3.Connection, story: _Story) -> None:
    head = story.head
    ident = story_id(head)
    date, source = _story_date(story)
    conn.execute(
        "INSERT INTO story_events (id, type, mode, label, date, date_precision,"
        " date_source, place, documents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            ident,
            head.type,
            head.mode,
            head.label,
            date,
            date_precision(date),
            source,
            _story_place(conn, story),
            len({m.document for m in story.members}),
        ),
    )
    conn.executemany(
        "INSERT INTO story_event_members (event_id, story_event_id) VALUES (?, ?)",
        [(m.id, ident) for m in story.members],
    )


def _stored(conn: sqlite3.Connection, kinds: Iterable[Kind]) -> dict[str, set[str]]:
    """Story id → member event ids, for the stored stories of ``kinds``."""
    found: dict[str, set[str]] = {}
    for story, event in conn.execute(
        "SELECT m.story_event_id, m.event_id FROM story_event_members AS m"
        " JOIN story_events AS s ON s.id = m.story_event_id"
        f" WHERE {_KIND_SQL.format('s.')} IN (SELECT value FROM json_each(?))",
        (_kind_keys(kinds),),
    ):
        found.setdefault(str(story), set()).add(str(event))
    return found


def _save_changed(
    conn: sqlite3.Connection,
    stories: list[_Story],
    kinds: Iterable[Kind],
    stored: dict[str, set[str]],
) -> None:
    """Write the stories of ``kinds`` whose members changed (a story's row is a function
    of its members, in order: the same members give the same row); delete the others."""
    made = {story_id(s.head): s for s in stories}
    gone = [
        ident
        for ident, members in stored.items()
        if ident not in made or {m.id for m in made[ident].members} != members
    ]
    ids = json.dumps(sorted(gone))
    conn.execute(
        "DELETE FROM story_event_members WHERE story_event_id IN (SELECT value FROM json_each(?))",
        (ids,),
    )
    conn.execute("DELETE FROM story_events WHERE id IN (SELECT value FROM json_each(?))", (ids,))
    kept = set(stored) - set(gone)
    # stories of these kinds left without members (a forgotten or re-analysed document)
    conn.execute(
        "DELETE FROM story_events WHERE id NOT IN (SELECT story_event_id FROM"
        f" story_event_members) AND {_KIND_SQL.format('')} IN (SELECT value FROM json_each(?))",
        (_kind_keys(kinds),),
    )
    for ident, story in made.items():
        if ident not in kept:
            _insert(conn, story)


def resolve_events(
    store: Store,
    kinds: Iterable[Kind] | None = None,
    moved: Iterable[str] | None = None,
    documents: Iterable[str] = (),
) -> int:
    """Recompute the story events of ``kinds`` (every kind when None) from the stored
    events; return how many story events the store holds.

    A kind's stories depend only on its own reports (their dates, places, participants'
    entities and names), so recomputing the kinds a change touches
    (:func:`touched_kinds`) gives the same stories as recomputing all of them. With
    ``moved`` (the earlier actors that witness every change of entities, see
    :attr:`newsweave.resolve.entities.ResolveReport.moved`) and ``documents`` (those just
    resolved: their events' places and entities are new, even when an earlier run
    clustered those events unresolved) the last run's decisions are
    replayed (:func:`_previous`, :class:`Previous`): only reports with changed inputs and
    those whose windows they disturb are compared again, and only stories whose members
    changed are rewritten — the same stories as a recomputation."""
    wanted = None if kinds is None else sorted(set(kinds), key=lambda k: (k[0], k[1] or ""))
    if wanted == []:
        return _count(store)
    lookup = bulk_entity_lookup(store) if wanted is None else (lambda actor_id: actor_id)
    reports = _load_reports(store, lookup, wanted)
    if wanted is None or moved is None:
        stories = cluster_reports(reports)
        with store.transaction() as conn:
            _save(conn, stories, wanted)
        return _count(store)
    conn = store.connection
    stored = _stored(conn, wanted)
    previous = _previous(conn, reports, wanted, set(moved), stored, set(documents))
    by_kind: dict[Kind, list[_Report]] = {}
    for report in reports:
        by_kind.setdefault((report.type, report.mode), []).append(report)
    stories = [
        story
        for kind in wanted
        for story in cluster_reports(by_kind.get(kind, []), previous.get(kind))
    ]
    with store.transaction() as conn:
        _save_changed(conn, stories, wanted, stored)
    return _count(store)


def _previous(
    conn: sqlite3.Connection,
    reports: list[_Report],
    kinds: list[Kind],
    moved: set[str],
    stored: dict[str, set[str]],
    documents: set[str],
) -> dict[Kind, Previous | None]:
    """The last run's decisions per kind (:func:`replay_plan`; the reports of
    ``documents`` and those naming a ``moved`` actor have changed inputs); a kind with a story that
    lost a member (a forgotten or re-analysed document) is recomputed without replay
    (None)."""
    story_of = {event: story for story, members in stored.items() for event in members}
    lost = {
        (str(r[0]), r[1])
        for r in conn.execute(
            "SELECT s.type, s.mode FROM story_events AS s"
            " LEFT JOIN story_event_members AS m ON m.story_event_id = s.id"
            " LEFT JOIN events AS e ON e.id = m.event_id"
            f" WHERE {_KIND_SQL.format('s.')} IN (SELECT value FROM json_each(?)) GROUP BY s.id"
            " HAVING count(DISTINCT e.document_id) != s.documents"
            " OR sum(e.id IS NULL OR e.type != s.type OR e.mode IS NOT s.mode) > 0",
            (_kind_keys(kinds),),
        )
    }
    naming = _naming(conn, kinds, moved) | {r.id for r in reports if r.document in documents}
    by_kind: dict[Kind, list[_Report]] = {}
    for report in reports:
        by_kind.setdefault((report.type, report.mode), []).append(report)
    return {
        kind: None if kind in lost else replay_plan(by_kind.get(kind, []), story_of, naming)
        for kind in kinds
    }


def _naming(conn: sqlite3.Connection, kinds: list[Kind], actors: set[str]) -> set[str]:
    """Ids of the events of ``kinds`` naming any of ``actors`` (as actor or target)."""
    if not actors:
        return set()
    return {
        str(r[0])
        for r in conn.execute(
            "SELECT e.id FROM events AS e"
            f" WHERE {_KIND_SQL.format('e.')} IN (SELECT value FROM json_each(:k)) AND"
            " (EXISTS (SELECT 1 FROM json_each(e.actors) AS a"
            " WHERE a.value IN (SELECT value FROM json_each(:m)))"
            " OR EXISTS (SELECT 1 FROM json_each(e.targets) AS t"
            " WHERE t.value IN (SELECT value FROM json_each(:m))))",
            {"k": _kind_keys(kinds), "m": json.dumps(sorted(actors))},
        )
    }


def _count(store: Store) -> int:
    return int(store.connection.execute("SELECT count(*) FROM story_events").fetchone()[0])


def touched_kinds(store: Store, documents: Iterable[str], moved: Iterable[str]) -> set[Kind]:
    """The kinds whose stories a change can alter: those of the events of ``documents``
    (new or re-analysed), of events no story holds (new or re-analysed events, whatever
    document: saving an analysis replaces all of its document's events, so a re-analysed
    document is seen even when it names no actor), of events naming an actor in ``moved``
    (it witnesses a change of which actors are one entity), and of stories that lost a
    document or a member event, or hold one of another kind."""
    conn = store.connection
    found: set[Kind] = set()
    for row in conn.execute(
        "SELECT DISTINCT type, mode FROM events WHERE document_id IN"
        " (SELECT value FROM json_each(?)) OR id NOT IN"
        " (SELECT event_id FROM story_event_members)",
        (json.dumps(sorted(set(documents))),),
    ):
        found.add((str(row[0]), row[1]))
    moved_ids = json.dumps(sorted(set(moved)))
    for row in (
        ()
        if moved_ids == "[]"
        else conn.execute(
            "SELECT DISTINCT e.type, e.mode FROM events AS e WHERE EXISTS (SELECT 1 FROM"
            " json_each(e.actors) AS a WHERE a.value IN (SELECT value FROM json_each(:m)))"
            " OR EXISTS (SELECT 1 FROM json_each(e.targets) AS t"
            " WHERE t.value IN (SELECT value FROM json_each(:m)))",
            {"m": moved_ids},
        )
    ):
        found.add((str(row[0]), row[1]))
    for row in conn.execute(
        "SELECT s.type, s.mode FROM story_events AS s"
        " LEFT JOIN story_event_members AS m ON m.story_event_id = s.id"
        " LEFT JOIN events AS e ON e.id = m.event_id GROUP BY s.id"
        " HAVING count(DISTINCT e.document_id) != s.documents"
        " OR sum(e.id IS NULL OR e.type != s.type OR e.mode IS NOT s.mode) > 0"
    ):
        found.add((str(row[0]), row[1]))
    return found


# --------------------------------------------------------------------------- reading


def _names(
    conn: sqlite3.Connection, column: str, members: list[str], lookup: EntityLookup
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names and entity ids of the actors (or targets) of the member events."""
    by_event = {
        str(r[0]): json.loads(r[1])
        for r in conn.execute(
            f"SELECT id, {column} FROM events WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(members),),
        )
    }
    ids = [a for event_id in members for a in by_event.get(event_id, [])]
    known = actor_names(conn, ids)
    names: dict[str, str] = {}
    for actor_id in ids:
        if actor_id in known:
            names.setdefault(lookup(actor_id), known[actor_id])
    by_name: dict[str, str] = {}
    for entity, name in names.items():
        by_name.setdefault(name, entity)
    return tuple(by_name), tuple(by_name.values())


def _evidence(conn: sqlite3.Connection, members: list[str]) -> tuple[EventEvidence, ...]:
    rows = conn.execute(
        "SELECT e.document_id, v.sentence_start, v.sentence_end,"
        " substr(d.text, v.sentence_start + 1, v.sentence_end - v.sentence_start) AS text"
        " FROM event_evidence AS v JOIN events AS e ON e.id = v.event_id"
        " JOIN documents AS d ON d.id = e.document_id"
        f" WHERE v.event_id IN ({','.join('?' * len(members))})"
        " ORDER BY d.published, e.document_id, v.sentence_start",
        members,
    ).fetchall()
    seen: dict[tuple[str, int, int], EventEvidence] = {}
    for r in rows:
        key = (str(r[0]), int(r[1]), int(r[2]))
        seen.setdefault(key, EventEvidence(key[0], key[1], key[2], str(r[3])))
    return tuple(seen.values())


def story_event_records(store: Store) -> list[StoryEventRecord]:
    """Every story event with its members, documents and evidence, by date then id."""
    conn = store.connection
    lookup = entity_lookup(store)
    rows = conn.execute("SELECT * FROM story_events ORDER BY date, id").fetchall()
    return [r for r in (_story_record(conn, row, lookup) for row in rows) if r is not None]


def story_event_record(store: Store, story_id: str) -> StoryEventRecord | None:
    """One story event as :func:`story_event_records` gives it, or None."""
    conn = store.connection
    row = conn.execute("SELECT * FROM story_events WHERE id = ?", (story_id,)).fetchone()
    return None if row is None else _story_record(conn, row, entity_lookup(store))


def _story_record(
    conn: sqlite3.Connection, row: sqlite3.Row, lookup: EntityLookup
) -> StoryEventRecord | None:
    members = [
        str(r[0])
        for r in conn.execute(
            "SELECT m.event_id FROM story_event_members AS m JOIN events AS e"
            " ON e.id = m.event_id JOIN documents AS d ON d.id = e.document_id"
            " WHERE m.story_event_id = ? ORDER BY d.published, e.document_id, e.start_char",
            (row["id"],),
        )
    ]
    if not members:
        return None
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
