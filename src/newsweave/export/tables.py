"""Flat tables (``newsweave export --format csv|parquet DIR``) for DuckDB, pandas and R.

One table per kind of record, flat columns, foreign keys by id (``entity_id``,
``document_id``, ``event_id``, ``claim_id``, ``fact_id``), lists as link tables
(``event_participants``, ``conflict_claims``) and evidence as its own table (every
sentence that states a fact, with its offsets). Dates are ISO strings (``date``, partial
as the text gives them) plus, in Parquet, typed columns (``date_start``: the first day of
the period the partial date covers, with ``date_precision``).

Most tables come from the ``newsweave/1`` object; ``mentions`` and ``figures`` (the
per-document statements behind each claim) are read from the store.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.export.atomic import atomic_dir
from newsweave.export.optional import require
from newsweave.export.select import FACT_SECTIONS, derivation
from newsweave.model.ids import content_id

JSONObject = dict[str, Any]
Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # str, int, float, bool, date
    doc: str


@dataclass
class Table:
    """One table: its columns (name, type, meaning) and its rows."""

    name: str
    doc: str
    columns: tuple[Column, ...]
    rows: list[Row] = field(default_factory=list)


def _c(spec: str) -> tuple[Column, ...]:
    """Columns from ``name:kind:doc`` lines."""
    found = []
    for line in spec.strip().splitlines():
        name, kind, doc = (part.strip() for part in line.split(":", 2))
        found.append(Column(name, kind, doc))
    return tuple(found)


EVIDENCE_COLUMNS = _c("""
fact_kind: str: entity, relation, event, quote, figure (a claim), claim_statement, timeline
fact_id: str: id of the fact in its table
document_id: str: the document that states it
start: int: character offset of the evidence in the document's clean text
end: int: end offset (exclusive)
text: str: the sentence that states the fact
""")

SCHEMAS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "documents": (
        "One row per stored document (article).",
        _c("""
id: str: content hash of the clean text
source: str: first path or URL it was read from
url: str: the page's URL, when known
title: str: headline
authors: str: authors, joined by '; '
publisher: str: outlet
published: str: publication date as stated (YYYY, YYYY-MM or YYYY-MM-DD)
published_start: date: first day the publication date covers
published_precision: str: day, month or year
date_source: str: where the publication date came from
date_inferred: bool: true when no date was stated and the text's best date was used
language: str: ISO 639-1 language code
genre: str: news, opinion, analysis or blog
word_count: int: words of body text
"""),
    ),
    "entities": (
        "One row per real-world actor across documents.",
        _c("""
id: str: entity id
name: str: the name most documents use
type: str: PERSON, ORG, GPE, LOC, FAC, NORP, ...
country: str: ISO 3166 alpha-2 code, when known
lat: float: latitude (places)
lon: float: longitude (places)
mentions: int: mentions across documents
documents: int: documents it appears in
aliases: str: other names, joined by '; '
titles: str: roles and titles the texts give it, joined by '; '
"""),
    ),
    "mentions": (
        "One row per mention of an actor in a document.",
        _c("""
id: int: mention id
entity_id: str: the entity mentioned
document_id: str: the document
start: int: character offset in the document's clean text
end: int: end offset (exclusive)
text: str: the words of the mention
type: str: type of this mention
"""),
    ),
    "relations": (
        "Ties between entities (family, office, membership, employment, alliance, place).",
        _c("""
id: str: relation id
subject_id: str: entity the tie starts from
predicate: str: child_of, spouse_of, member_of, leads, holds_position, employed_by, ...
object_id: str: entity the tie points to (empty when the object is no named actor)
object_text: str: the object as written (e.g. the office)
qualifier: str: words that qualify the tie ('eldest son', 'former president')
time: str: when the tie held, as stated
derived_from: str: for a tie no sentence states, what it was derived from ('gazetteer ID')
"""),
    ),
    "events": (
        "One row per happening across documents (story event).",
        _c("""
id: str: event id
type: str: PLOVER type (PROTEST, ASSAULT, ...) or extension type
mode: str: PLOVER mode (demonstrate, arrest, ...)
label: str: the trigger words
place_id: str: entity where it happened
place_text: str: the place as written
date: str: the event's own date (YYYY, YYYY-MM or YYYY-MM-DD)
date_start: date: first day the date covers
date_precision: str: day, month or year
date_source: str: sentence, narrative or publication (last resort)
modality: str: asserted, reported, hypothetical, negated, future
documents: int: documents that report it
"""),
    ),
    "event_participants": (
        "Who took part in an event, and how.",
        _c("""
event_id: str: the event
entity_id: str: the participant
role: str: actor, target or place
"""),
    ),
    "quotes": (
        "Statements with their speakers.",
        _c("""
id: str: quote id
text: str: what was said
speaker_id: str: the entity who said it, when identified
speaker_text: str: the speaker as written ('a shopkeeper')
verb: str: the cue verb ('said', 'according to')
direct: bool: direct (quoted) or indirect speech
on_behalf_of_id: str: the entity the speaker speaks for (a spokesperson's principal)
on_behalf_of_text: str: whom the speaker speaks for, as written ('the senator')
"""),
    ),
    "claims": (
        "Figures across documents: one row per claimed quantity.",
        _c("""
id: str: claim id
value: float: the value
low: float: lower bound of the interval every statement agrees on
high: float: upper bound
qualifier: str: exact, approx, at_least, more_than, at_most, nearly, up_to, ...
unit: str: unit of the value
what: str: what is counted (deaths, detentions, ...)
status: str: single or corroborated
as_of: str: date the value is stated for
as_of_start: date: first day of that date
place: str: place the count is about
claimed_by_id: str: the entity that claims it, when identified
documents: int: documents that state it
"""),
    ),
    "figures": (
        "Each statement of a figure in one document (the evidence of a claim).",
        _c("""
id: str: figure id
claim_id: str: the claim it states
document_id: str: the document
value: float: the value as stated
low: float: lower bound
high: float: upper bound
qualifier: str: hedge (exact, approx, at_least, ...)
unit: str: unit
what: str: what is counted
claimed_by_id: str: the entity that claims it, when identified
claimed_by_text: str: the claimant as written
as_of: str: date the figure is for
text: str: the figure as written
part_of: str: id of the figure of its sentence it counts a part of
"""),
    ),
    "conflicts": (
        "Different values for the same quantity (conflict) or an updated count (revision).",
        _c("""
id: str: conflict id
kind: str: conflict or revision
what: str: what is counted
"""),
    ),
    "conflict_claims": (
        "The claims of each conflict or revision, in date order.",
        _c("""
conflict_id: str: the conflict
claim_id: str: one of its claims
position: int: order (0 first)
value: float: the claim's value
date: str: the claim's date
"""),
    ),
    "timeline": (
        "Dated happenings and statements in date order.",
        _c("""
id: str: timeline item id
date: str: the date as stated
date_start: date: first day it covers
precision: str: day, month or year
kind: str: event or statement
type: str: event type for events
event_id: str: the event, for events
text: str: what happened or was said
"""),
    ),
    "evidence": ("Every sentence that states a fact, with its offsets.", EVIDENCE_COLUMNS),
}

TABLES = tuple(SCHEMAS)


def build_tables(export: JSONObject, connection: sqlite3.Connection) -> dict[str, Table]:
    """Every table of a ``newsweave/1`` object (and the store it came from)."""
    tables = {name: Table(name, doc, columns) for name, (doc, columns) in SCHEMAS.items()}
    documents = {d["id"] for d in export.get("documents", [])}
    entity_of = {a: e["id"] for e in export.get("entities", []) for a in e.get("actors", [])}
    for doc in export.get("documents", []):
        tables["documents"].rows.append(_document_row(doc))
    evidence = tables["evidence"].rows
    for entity in export.get("entities", []):
        tables["entities"].rows.append(_entity_row(entity))
        for item in entity.get("evidence", []):
            evidence.append(_evidence_row("entity", entity["id"], item))
    for relation in export.get("relations", []):
        tables["relations"].rows.append(
            {
                "id": relation["id"],
                "subject_id": relation.get("subject"),
                "predicate": relation["predicate"],
                "object_id": relation.get("object"),
                "object_text": relation.get("object_text"),
                "qualifier": relation.get("qualifier"),
                "time": relation.get("time"),
                "derived_from": derivation(relation),
            }
        )
    for event in export.get("events", []):
        tables["events"].rows.append(_event_row(event))
        tables["event_participants"].rows.extend(_participants(event))
    for quote in export.get("quotes", []):
        tables["quotes"].rows.append(
            {
                "id": quote["id"],
                "text": quote.get("text"),
                "speaker_id": quote.get("speaker"),
                "speaker_text": quote.get("speaker_text"),
                "verb": quote.get("verb"),
                "direct": bool(quote.get("direct")),
                "on_behalf_of_id": quote.get("on_behalf_of"),
                "on_behalf_of_text": quote.get("on_behalf_of_text"),
            }
        )
    for claim in export.get("figures", []):
        tables["claims"].rows.append(_claim_row(claim))
    for kind in ("conflicts", "revisions"):
        for conflict in export.get(kind, []):
            _conflict_rows(tables, conflict, "conflict" if kind == "conflicts" else "revision")
    for item in export.get("timeline", []):
        row = _timeline_row(item)
        tables["timeline"].rows.append(row)
        for sentence in item.get("evidence", []):
            evidence.append(_evidence_row("timeline", row["id"], sentence))
    for section in FACT_SECTIONS:
        if section == "timeline":
            continue
        kind = {"figures": "figure"}.get(section, section.rstrip("s"))
        for fact in export.get(section, []):
            for item in fact.get("evidence", []):
                evidence.append(_evidence_row(kind, fact["id"], item))
    tables["mentions"].rows.extend(_mention_rows(connection, documents, entity_of))
    claims = {c["id"] for c in export.get("figures", [])}
    for row, item in _figure_rows(connection, documents, entity_of, claims):
        tables["figures"].rows.append(row)
        evidence.append(_evidence_row("claim_statement", row["id"], item))
    return tables


def write_csv(tables: dict[str, Table], folder: Path) -> None:
    """One CSV file per table (UTF-8, header row, empty cell for no value)."""
    with atomic_dir(folder) as target:
        for table in tables.values():
            with open(target / f"{table.name}.csv", "w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f)
                writer.writerow([c.name for c in table.columns])
                for row in table.rows:
                    writer.writerow([_csv_cell(row.get(c.name), c.kind) for c in table.columns])


def write_parquet(tables: dict[str, Table], folder: Path) -> None:
    """One Parquet file per table, typed columns (pyarrow), column meanings as metadata."""
    require("pyarrow", "parquet")
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
    }
    with atomic_dir(folder) as target:
        for table in tables.values():
            fields = [
                pa.field(c.name, kinds[c.kind], metadata={"doc": c.doc}) for c in table.columns
            ]
            schema = pa.schema(fields, metadata={"doc": table.doc})
            arrays = [
                pa.array([_typed(row.get(c.name), c.kind) for row in table.rows], kinds[c.kind])
                for c in table.columns
            ]
            pq.write_table(
                pa.Table.from_arrays(arrays, schema=schema), target / f"{table.name}.parquet"
            )


# --------------------------------------------------------------------------- rows


def _document_row(doc: JSONObject) -> Row:
    published = doc.get("published")
    return {
        "id": doc["id"],
        "source": doc.get("source"),
        "url": doc.get("url"),
        "title": doc.get("title"),
        "authors": "; ".join(doc.get("authors") or []),
        "publisher": doc.get("publisher"),
        "published": published,
        "published_start": published,
        "published_precision": _precision(published),
        "date_source": doc.get("date_source"),
        "date_inferred": doc.get("date_inferred"),
        "language": doc.get("language"),
        "genre": doc.get("genre"),
        "word_count": doc.get("word_count"),
    }


def _entity_row(entity: JSONObject) -> Row:
    geo = entity.get("geo") or {}
    return {
        "id": entity["id"],
        "name": entity.get("name"),
        "type": entity.get("type"),
        "country": geo.get("country") or entity.get("country"),
        "lat": geo.get("lat"),
        "lon": geo.get("lon"),
        "mentions": entity.get("mentions"),
        "documents": len(entity.get("documents", [])),
        "aliases": "; ".join(entity.get("aliases") or []),
        "titles": "; ".join(entity.get("titles") or []),
    }


def _event_row(event: JSONObject) -> Row:
    return {
        "id": event["id"],
        "type": event.get("type"),
        "mode": event.get("mode"),
        "label": event.get("label"),
        "place_id": event.get("place"),
        "place_text": event.get("place_text"),
        "date": event.get("date"),
        "date_start": event.get("date"),
        "date_precision": event.get("date_precision") or _precision(event.get("date")),
        "date_source": event.get("date_source"),
        "modality": event.get("modality"),
        "documents": len(event.get("documents") or {e["document"] for e in event["evidence"]}),
    }


def _participants(event: JSONObject) -> Iterator[Row]:
    seen: set[tuple[str, str]] = set()
    roles = [("actor", event.get("actors", [])), ("target", event.get("targets", []))]
    roles.append(("place", [event["place"]] if event.get("place") else []))
    for role, ids in roles:
        for entity in ids:
            if (entity, role) not in seen:
                seen.add((entity, role))
                yield {"event_id": event["id"], "entity_id": entity, "role": role}


def _claim_row(claim: JSONObject) -> Row:
    return {
        "id": claim["id"],
        "value": claim.get("value"),
        "low": claim.get("low"),
        "high": claim.get("high"),
        "qualifier": claim.get("qualifier"),
        "unit": claim.get("unit"),
        "what": claim.get("what"),
        "status": claim.get("status"),
        "as_of": claim.get("as_of"),
        "as_of_start": claim.get("as_of"),
        "place": claim.get("place"),
        "claimed_by_id": claim.get("claimed_by"),
        "documents": len(claim.get("documents") or []),
    }


def _conflict_rows(tables: dict[str, Table], conflict: JSONObject, kind: str) -> None:
    conflict_id = conflict.get("id") or content_id("x", *conflict.get("figures", []))
    tables["conflicts"].rows.append({"id": conflict_id, "kind": kind, "what": conflict["what"]})
    values = conflict.get("values", [])
    dates = conflict.get("dates", [])
    for position, claim in enumerate(conflict.get("figures", [])):
        tables["conflict_claims"].rows.append(
            {
                "conflict_id": conflict_id,
                "claim_id": claim,
                "position": position,
                "value": values[position] if position < len(values) else None,
                "date": dates[position] if position < len(dates) else None,
            }
        )


def _timeline_row(item: JSONObject) -> Row:
    first = (item.get("evidence") or [{}])[0]
    row_id = content_id(
        "t",
        item.get("date") or "",
        item.get("text") or "",
        item.get("event") or "",
        str(first.get("document")),
        str(first.get("start")),
    )
    return {
        "id": row_id,
        "date": item.get("date"),
        "date_start": item.get("date"),
        "precision": item.get("precision") or _precision(item.get("date")),
        "kind": item.get("kind") or ("event" if item.get("event") else "statement"),
        "type": item.get("type"),
        "event_id": item.get("event"),
        "text": item.get("text"),
    }


def _evidence_row(kind: str, fact_id: str, item: JSONObject) -> Row:
    return {
        "fact_kind": kind,
        "fact_id": fact_id,
        "document_id": item.get("document"),
        "start": item.get("start"),
        "end": item.get("end"),
        "text": item.get("text"),
    }


def _mention_rows(
    connection: sqlite3.Connection, documents: set[str], entity_of: dict[str, str]
) -> Iterator[Row]:
    query = (
        "SELECT id, actor_id, document_id, start_char, end_char, text, type FROM mentions"
        " ORDER BY document_id, start_char"
    )
    for row in connection.execute(query):
        entity = entity_of.get(row[1])
        if row[2] in documents and entity is not None:
            yield {
                "id": row[0],
                "entity_id": entity,
                "document_id": row[2],
                "start": row[3],
                "end": row[4],
                "text": row[5],
                "type": row[6],
            }


def _figure_rows(
    connection: sqlite3.Connection,
    documents: set[str],
    entity_of: dict[str, str],
    claims: set[str],
) -> Iterator[tuple[Row, JSONObject]]:
    query = """
        SELECT f.id, m.claim_id, f.document_id, f.value, f.low, f.high, f.qualifier, f.unit,
               f.what, f.claimed_by, f.claimed_by_text, f.as_of, f.text, f.sentence_start,
               f.sentence_end, substr(d.text, f.sentence_start + 1,
                                      f.sentence_end - f.sentence_start), f.part_of
        FROM figures AS f
        JOIN documents AS d ON d.id = f.document_id
        LEFT JOIN claim_members AS m ON m.figure_id = f.id
        ORDER BY f.document_id, f.start_char
    """
    for r in connection.execute(query):
        if r[2] not in documents or (r[1] is not None and r[1] not in claims):
            continue
        row = {
            "id": r[0],
            "claim_id": r[1],
            "document_id": r[2],
            "value": r[3],
            "low": r[4],
            "high": r[5],
            "qualifier": r[6],
            "unit": r[7],
            "what": r[8],
            "claimed_by_id": entity_of.get(r[9]) if r[9] else None,
            "claimed_by_text": r[10],
            "as_of": r[11],
            "text": r[12],
            "part_of": r[16],
        }
        yield row, {"document": r[2], "start": r[13], "end": r[14], "text": r[15]}


# --------------------------------------------------------------------------- values


def _precision(date: Any) -> str | None:
    if not isinstance(date, str) or not date:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(date[:10]))


def _typed(value: Any, kind: str) -> Any:
    if value is None or value == "":
        return None
    if kind == "date":
        return _first_day(value)
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return bool(value)
    return str(value)


def _first_day(value: Any) -> dt.date | None:
    """The first day a partial ISO date covers (None for anything else)."""
    text = str(value)[:10]
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
        return dt.date(numbers[0], *(numbers[1:] + [1] * (3 - len(numbers))))
    except (ValueError, TypeError):
        return None


def _csv_cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind == "bool":
        return "true" if value else "false"
    if kind == "date":
        day = _first_day(value)
        return day.isoformat() if day else ""
    return value


def table_counts(tables: dict[str, Table]) -> dict[str, int]:
    """Rows per table."""
    return {name: len(table.rows) for name, table in tables.items()}


def column_docs(tables: Iterable[Table]) -> dict[str, dict[str, str]]:
    """Column meanings per table (for README files and Datasette metadata)."""
    return {t.name: {c.name: c.doc for c in t.columns} for t in tables}
