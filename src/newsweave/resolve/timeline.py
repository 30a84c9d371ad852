"""One timeline of the corpus: dated story events and dated statements, in date order.

Entries come from two sources:

- story events (:mod:`newsweave.resolve.events`, run :func:`resolve_events` first) whose
  date is the happening's own (a date taken only from the publication date is skipped);
- statements: body sentences holding a time expression of day, month or year precision
  (a dateline or any other expression that is just the publication date is skipped, and a
  sentence already told as evidence of a story event on that date is not repeated).

Each entry has its date and precision, its evidence and the documents that report it; the
same sentence in several documents (syndicated copy) is one entry.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.resolve.events import (
    EventEvidence,
    StoryEventRecord,
    entity_lookup,
    story_event_records,
)
from newsweave.store.sqlite import Store

PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class TimelineEntry:
    """A dated happening or statement with where it is told."""

    date: str
    """ISO partial date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    precision: str
    text: str
    """The story event's label, or the statement's sentence."""
    kind: str
    """``event`` or ``statement``."""
    event: str | None
    """Story event id for events."""
    type: str | None
    """PLOVER type of events."""
    evidence: tuple[EventEvidence, ...]
    documents: tuple[str, ...]
    actors: tuple[str, ...] = ()
    """Names (and entity ids) of the participants, or of the actors named in the sentence."""
    places: tuple[str, ...] = ()


# --------------------------------------------------------------------------- entries


def _event_entry(record: StoryEventRecord) -> TimelineEntry | None:
    if not record.date or record.date_source in ("publication", "none", None):
        return None
    return TimelineEntry(
        date=record.date,
        precision=record.date_precision or "",
        text=record.label,
        kind="event",
        event=record.id,
        type=record.type,
        evidence=record.evidence,
        documents=record.documents,
        actors=record.actors + record.targets + record.actor_ids + record.target_ids,
        places=(record.place,) if record.place else (),
    )


_STATEMENTS = """
SELECT t.document_id, t.value, t.precision, t.text AS expression, t.sentence_start,
       t.sentence_end, d.published,
       substr(d.text, t.sentence_start + 1, t.sentence_end - t.sentence_start) AS sentence
FROM time_expressions AS t
JOIN documents AS d ON d.id = t.document_id
JOIN segments AS s ON s.document_id = t.document_id AND s.role = 'body'
     AND t.start_char >= s.start_char AND t.start_char < s.end_char
WHERE t.type = 'DATE' AND t.precision IN ('day', 'month', 'year')
ORDER BY t.value, d.published, t.document_id, t.start_char
"""


def _is_publication_date(row: sqlite3.Row) -> bool:
    """A dateline ("AMAKORO, Jan 9 (Halyard) -") or other mention of the issue date."""
    published = str(row["published"] or "")[:10]
    if row["value"] != published:
        return False
    before = str(row["sentence"]).split(str(row["expression"]), 1)[0]
    return len(before) < 40 and before.upper() == before


def _sentence_actors(
    conn: sqlite3.Connection, row: sqlite3.Row, lookup_types: tuple[str, ...]
) -> list[tuple[str, str]]:
    """(name, actor id) of the actors named in a statement's sentence."""
    found = conn.execute(
        "SELECT DISTINCT a.name, a.id FROM mentions AS m JOIN actors AS a ON a.id = m.actor_id"
        " WHERE m.document_id = ? AND m.start_char >= ? AND m.end_char <= ?"
        f" AND a.type IN ({','.join('?' * len(lookup_types))})",
        (row["document_id"], row["sentence_start"], row["sentence_end"], *lookup_types),
    ).fetchall()
    return [(str(r[0]), str(r[1])) for r in found]


def _statement_entries(store: Store, told: set[tuple[str, int, str]]) -> list[TimelineEntry]:
    """Dated body sentences, one entry per (date, sentence text)."""
    conn = store.connection
    lookup = entity_lookup(store)
    places = ("GPE", "LOC", "FAC")
    actors = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC")
    merged: dict[tuple[str, str], TimelineEntry] = {}
    for row in conn.execute(_STATEMENTS).fetchall():
        key = (str(row["document_id"]), int(row["sentence_start"]), str(row["value"]))
        if key in told or _is_publication_date(row):
            continue
        evidence = EventEvidence(
            key[0], key[1], int(row["sentence_end"]), str(row["sentence"]).strip()
        )
        named = _sentence_actors(conn, row, actors)
        where = [n for n, _ in _sentence_actors(conn, row, places)]
        entry = merged.get((key[2], evidence.text))
        if entry is None:
            merged[(key[2], evidence.text)] = TimelineEntry(
                date=key[2],
                precision=str(row["precision"]),
                text=evidence.text,
                kind="statement",
                event=None,
                type=None,
                evidence=(evidence,),
                documents=(key[0],),
                actors=tuple(dict.fromkeys([n for n, _ in named] + [lookup(i) for _, i in named])),
                places=tuple(dict.fromkeys(where)),
            )
        elif key[0] not in entry.documents:
            merged[(key[2], evidence.text)] = _add_report(entry, evidence)
    return list(merged.values())


def _add_report(entry: TimelineEntry, evidence: EventEvidence) -> TimelineEntry:
    return TimelineEntry(
        date=entry.date,
        precision=entry.precision,
        text=entry.text,
        kind=entry.kind,
        event=entry.event,
        type=entry.type,
        evidence=(*entry.evidence, evidence),
        documents=(*entry.documents, evidence.document),
        actors=entry.actors,
        places=entry.places,
    )


# --------------------------------------------------------------------------- filters


def _matches(needle: str | None, values: tuple[str, ...]) -> bool:
    if not needle:
        return True
    wanted = needle.casefold()
    return any(wanted == v.casefold() or wanted in v.casefold() for v in values)


def in_period(date: str, start: str | None, end: str | None) -> bool:
    """Whether a partial date can fall within [start, end] (partial dates too)."""
    if start and date + "\uffff" < start:
        return False
    return not (end and date > end + "\uffff")


def _keep(
    entry: TimelineEntry,
    entity: str | None,
    place: str | None,
    type_: str | None,
    period: tuple[str | None, str | None],
) -> bool:
    if type_ and (entry.type or "").upper() != type_.upper():
        return False
    if not _matches(entity, entry.actors) or not _matches(place, entry.places):
        return False
    return in_period(entry.date, *period)


def timeline(
    store: Store,
    *,
    entity: str | None = None,
    place: str | None = None,
    type: str | None = None,
    start: str | None = None,
    end: str | None = None,
    stories: Sequence[StoryEventRecord] | None = None,
) -> list[TimelineEntry]:
    """Every dated story event and statement in date order (events first on a date).

    ``entity`` is a participant's name (substring, any case) or id; ``place`` a place name
    substring; ``type`` a PLOVER type (statements have none and are then left out);
    ``start``/``end`` ISO partial dates bounding the period (inclusive). ``stories`` are the
    story event records when the caller has read them already (else they are read here).
    """
    records = story_event_records(store) if stories is None else stories
    events = [e for r in records if (e := _event_entry(r)) is not None]
    told = {(ev.document, ev.start, e.date) for e in events for ev in e.evidence}
    entries = events + _statement_entries(store, told)
    kept = [e for e in entries if _keep(e, entity, place, type, (start, end))]
    return sorted(kept, key=lambda e: (e.date, e.kind != "event", e.documents[0], e.text))
