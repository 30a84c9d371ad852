"""Shared pieces of the pages: evidence objects, references to entities, paging, outlet
names, period filters. Everything here reads the store through a few indexed queries; no
page loads the corpus.

Every fact carries its evidence as ``{"document", "start", "end", "text", "href"}`` where
``href`` is ``/doc/{id}#c{start}-{end}``: the document page has an anchor with that id in
the sentence stating the fact.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

JSON = dict[str, Any]

PLACE_TYPES = ("GPE", "LOC", "FAC")
SPEAKER_TYPES = ("PERSON", "ORG", "NORP")
"""Entity types that can say something: a quote whose speaker is of another type (a town,
an event) is shown as attributed, not verified."""
ASSERTED = ("asserted", "reported")
"""Modalities of happenings a source states as fact (its own or someone's report)."""
MAX_LIMIT = 500


def fold(text: str) -> str:
    """Lower case, no diacritics, one space between words: for matching names."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def evidence(doc: str, start: int, end: int, sentence: str | None) -> JSON:
    """The contract's evidence object plus ``href`` to the sentence on the document page."""
    return {
        "document": doc,
        "start": int(start),
        "end": int(end),
        "text": sentence or "",
        "href": f"/doc/{doc}#c{start}-{end}",
    }


def row_evidence(row: Any) -> JSON:
    """:func:`evidence` of a fact row (its ``document_id``, ``start_char``, ``end_char`` and
    the ``sentence`` selected with :func:`sentence_sql`)."""
    return evidence(str(row["document_id"]), row["start_char"], row["end_char"], row["sentence"])


def figure_json(row: Any, **more: Any) -> JSON:
    """A figure row as the pages list it (``more``: fields of the listing, before the
    evidence)."""
    return {
        "id": str(row["id"]),
        "text": str(row["text"]),
        "value": row["value"],
        "unit": row["unit"],
        "what": row["what"],
        "as_of": row["as_of"],
        **more,
        "evidence": row_evidence(row),
    }


def quote_json(row: Any, speaker: JSON | None, **more: Any) -> JSON:
    """A quote row as the pages list it, with its speaker (a reference, or the words naming
    them); ``more``: fields of the listing, before the evidence."""
    return {
        "id": str(row["id"]),
        "text": str(row["text"]),
        "speaker": speaker,
        "speaker_verified": bool(speaker and speaker.get("type") in SPEAKER_TYPES),
        "verb": row["verb"],
        "direct": bool(row["direct"]),
        **more,
        "evidence": row_evidence(row),
    }


def period_filter(
    conn: sqlite3.Connection,
    outlet: str | None,
    start: str | None,
    end: str | None,
    prefix: str = "",
) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their parameters) on a document's outlet and publication date
    (``start``/``end``: YYYY[-MM[-DD]], ``end`` inclusive); ``prefix``: the documents
    table's alias with its dot."""
    where: list[str] = []
    params: list[Any] = []
    if outlet:
        where.append(f"{prefix}publisher IN (SELECT value FROM json_each(?))")
        params.append(ids_json(outlet_members(conn, outlet)))
    dated, dated_params = period_sql(f"{prefix}published", start, end)
    if dated:
        where.append(dated)
        params.extend(dated_params)
    return where, params


EVIDENCE_SHOWN = 20
"""Evidence sentences kept per merged fact (position, relation, title); ``evidence_total``
counts them all."""


def pending_evidence(doc: str, start: int, end: int, sentence: tuple[int, int]) -> JSON:
    """An evidence object whose sentence text :func:`fill_sentences` reads later (only
    for the evidence a page keeps)."""
    ev = evidence(doc, start, end, None)
    ev["_sentence"] = (int(sentence[0]), int(sentence[1]))
    return ev


def fill_sentences(conn: sqlite3.Connection, items: Iterable[JSON]) -> None:
    """Set the ``text`` of every pending evidence object in ``items`` with one query."""
    want = [e for e in items if "_sentence" in e]
    if not want:
        return
    spec = json.dumps([[e["document"], *e["_sentence"]] for e in want])
    rows = conn.execute(
        "SELECT j.key, substr(d.text, json_extract(j.value, '$[1]') + 1,"
        " json_extract(j.value, '$[2]') - json_extract(j.value, '$[1]'))"
        " FROM json_each(?) AS j JOIN documents AS d ON d.id = json_extract(j.value, '$[0]')",
        (spec,),
    )
    texts = {int(r[0]): str(r[1] or "") for r in rows}
    for index, ev in enumerate(want):
        ev["text"] = texts.get(index, "")
        del ev["_sentence"]


def sentence_sql(alias: str, doc_alias: str = "d") -> str:
    """SQL for the sentence of a row with ``sentence_start``/``sentence_end`` columns."""
    return (
        f"substr({doc_alias}.text, {alias}.sentence_start + 1, {alias}.sentence_end - "
        f"{alias}.sentence_start) AS sentence"
    )


def ids_json(ids: Iterable[str]) -> str:
    return json.dumps(list(ids))


# --------------------------------------------------------------------------- outlets

_OUTLET_SECTION = re.compile(r"\s+[–—|:-]\s+.*$|\s*[|]\s*.*$")


def outlet_name(publisher: str | None) -> str:
    """One name per outlet: a section or tag line after a dash, bar or colon is dropped
    ("The Sentinel – Politics" → "The Sentinel")."""
    if not publisher or not publisher.strip():
        return "unknown"
    name = _OUTLET_SECTION.sub("", publisher.strip()).strip()
    return name or publisher.strip()


def outlet_members(conn: sqlite3.Connection, outlet: str) -> list[str]:
    """The stored publisher spellings that name ``outlet``."""
    rows = conn.execute("SELECT DISTINCT publisher FROM documents")
    return [str(r[0]) for r in rows if r[0] is not None and outlet_name(r[0]) == outlet]


# --------------------------------------------------------------------------- references


def doc_ref(row: Any) -> JSON:
    """A document as lists show it, from a row with its ``document_id`` (or ``id``),
    ``title``, ``publisher`` and ``published``."""
    keys = row.keys()  # sqlite3.Row: "in row" would search its values, not its keys
    doc = str(row["document_id"] if "document_id" in keys else row["id"])
    return {
        "id": doc,
        "title": row["title"],
        "publisher": outlet_name(row["publisher"]),
        "published": row["published"],
        "href": f"/doc/{doc}",
    }


def doc_refs(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, JSON]:
    rows = conn.execute(
        "SELECT id, title, publisher, published FROM documents"
        " WHERE id IN (SELECT value FROM json_each(?))",
        (ids_json(set(ids)),),
    )
    return {str(r["id"]): doc_ref(r) for r in rows}


def refs(conn: sqlite3.Connection, actor_ids: Iterable[str | None]) -> dict[str, JSON]:
    """``{"id", "name", "type", "href"}`` of the entity each actor belongs to (the actor
    itself, with its id, when resolution has not covered it yet)."""
    wanted = {a for a in actor_ids if a}
    if not wanted:
        return {}
    rows = conn.execute(
        "SELECT a.id, a.name, a.type, e.id AS eid, e.name AS ename, e.type AS etype"
        " FROM actors AS a LEFT JOIN entity_members AS m ON m.actor_id = a.id"
        " LEFT JOIN entities AS e ON e.id = m.entity_id"
        " WHERE a.id IN (SELECT value FROM json_each(?))",
        (ids_json(wanted),),
    )
    found = {}
    for r in rows:
        key = str(r["eid"] or r["id"])
        found[str(r["id"])] = {
            "id": key,
            "name": str(r["ename"] or r["name"]),
            "type": str(r["etype"] or r["type"]),
            "href": f"/entity/{key}",
        }
    return found


def ref_or_text(found: Mapping[str, JSON], actor_id: str | None, text: str | None) -> JSON | None:
    if actor_id and actor_id in found:
        return found[actor_id]
    if text:
        return {"id": None, "name": text, "type": None, "href": None}
    return None


# --------------------------------------------------------------------------- paging


@dataclass(frozen=True)
class Paging:
    """``page`` (from 1) of ``limit`` rows, and the sort the user chose."""

    page: int = 1
    limit: int = 50
    sort: str = ""

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit

    @classmethod
    def of(cls, page: int | None, limit: int | None, sort: str | None, default: int) -> Paging:
        size = default if not limit or limit < 1 else min(limit, MAX_LIMIT)
        return cls(max(1, page or 1), size, (sort or "").strip())

    def info(self, total: int, shown: int) -> JSON:
        pages = max(1, -(-total // self.limit))
        return {
            "page": self.page,
            "limit": self.limit,
            "total": total,
            "pages": pages,
            "shown": shown,
            "first": self.offset + 1 if shown else 0,
            "last": self.offset + shown,
            "sort": self.sort,
        }


def choose_sort(sort: str, options: Mapping[str, str], default: str) -> tuple[str, str]:
    """The SQL ORDER BY of the chosen sort key (``-key`` reverses it)."""
    key = sort.lstrip("-")
    if key not in options:
        key, sort = default, default
    order = options[key]
    if sort.startswith("-"):
        order = ", ".join(
            part[:-5] if part.endswith(" DESC") else part + " DESC" for part in order.split(", ")
        )
    return sort, order


# --------------------------------------------------------------------------- periods


def period_sql(column: str, start: str | None, end: str | None) -> tuple[str, list[str]]:
    """SQL testing that the partial ISO date in ``column`` lies in [start, end] (partial,
    inclusive: ``2024-03`` as end keeps ``2024-03-31``); uses the column's index."""
    parts: list[str] = []
    params: list[str] = []
    if start:
        parts.append(f"{column} >= ?")
        params.append(start)
    if end:
        parts.append(f"{column} <= ?")
        params.append(end + "\uffff")
    return " AND ".join(parts), params


def precision(date: str | None) -> str | None:
    if not date:
        return None
    return {4: "year", 7: "month"}.get(len(date), "day")


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return row is not None


def csv_rows(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> list[list[str]]:
    """Flat cells of list rows: nested references by name, lists joined by ``; ``."""

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, Mapping):
            return str(value.get("name") or value.get("title") or value.get("id") or "")
        if isinstance(value, list | tuple):
            return "; ".join(cell(v) for v in value)
        return str(value)

    return [[cell(row.get(c)) for c in columns] for row in rows]
