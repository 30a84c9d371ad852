"""Evidence for every field of the ``newsweave/1`` export (docs/export.md, "Evidence").

Facts read from one sentence (relations, events, quotes, figures, timeline entries) cite
it in their ``evidence``. Every other shown field cites its own source under an added key:

* documents: ``title_evidence``, ``authors_evidence``, ``published_evidence``,
  ``publisher_evidence`` — the segment that states it (headline, byline, dateline) as an
  evidence object, else the metadata field it was read from (``{"document", "source",
  "inferred"}``); ``language`` and ``genre`` are ``derived_from`` the text's classifiers;
* entities: ``name_evidence`` (a mention of the name and of each alias),
  ``type_evidence`` (mentions whose recogniser label gave the type), ``title_evidence``,
  ``geo_evidence`` (the place's mentions and the gazetteer entry that decided its point:
  id, name, kind, country, method, confidence); ``country`` is ``derived_from`` the
  gazetteer or a nationality word;
* conflicts and revisions: ``value_evidence``, per value the sentences stating it;
* a fact derived from the gazetteer or from another fact (``located_in`` ties) says so in
  ``derived_from`` and cites under ``evidence`` only sentences that state it.

:func:`uncited_fields` walks a whole export and lists every shown field without evidence.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from newsweave.model.records import Document, Role
from newsweave.resolve.events import normalise_name
from newsweave.resolve.places import place_of

JSONObject = dict[str, Any]

MAX_MENTIONS = 3
"""Mentions cited per name, per type and per place (the first ones in corpus order)."""

FIELDS: dict[str, dict[str, str]] = {
    "documents": {
        "title": "title_evidence",
        "authors": "authors_evidence",
        "published": "published_evidence",
        "publisher": "publisher_evidence",
        "language": "derived_from",
        "genre": "derived_from",
    },
    "entities": {
        "name": "name_evidence",
        "aliases": "name_evidence",
        "type": "type_evidence",
        "titles": "title_evidence",
        "geo": "geo_evidence",
        "country": "derived_from",
    },
    "conflicts": {"values": "value_evidence"},
    "revisions": {"values": "value_evidence"},
}
"""Per section, each shown field and the key that must cite it; the facts of the other
sections (relations, events, quotes, figures, timeline) cite every field in ``evidence``
(or say ``derived_from``)."""
SENTENCE_SECTIONS = ("relations", "events", "quotes", "figures", "timeline")


# --------------------------------------------------------------------------- documents


def _segment_evidence(
    doc: Document, roles: Iterable[Role], needle: str | None
) -> JSONObject | None:
    wanted = set(roles)
    folded = (needle or "").casefold()
    for segment in doc.segments:
        if segment.role not in wanted:
            continue
        text = doc.text[segment.start : segment.end]
        if folded and folded not in text.casefold():
            continue
        return {
            "document": doc.id,
            "start": segment.start,
            "end": segment.end,
            "text": text,
            "segment": segment.role.value,
        }
    return None


def _metadata(doc: Document, source: str, inferred: bool = False) -> JSONObject:
    return {"document": doc.id, "source": source, "inferred": inferred}


def document_citations(doc: Document) -> JSONObject:
    """The added evidence keys of one ``documents`` entry."""
    meta = "html-meta" if doc.format == "html" else "source-metadata"
    out: JSONObject = {}
    if doc.title:
        found = _segment_evidence(doc, (Role.HEADLINE,), doc.title[:40])
        out["title_evidence"] = [found or _metadata(doc, meta)]
    if doc.authors:
        cited = []
        for author in doc.authors:
            found = _segment_evidence(doc, (Role.BYLINE, Role.AUTHOR_BIO), author)
            cited.append({"author": author, **(found or _metadata(doc, meta))})
        out["authors_evidence"] = cited
    if doc.publisher:
        found = _segment_evidence(doc, (Role.BYLINE, Role.BOILERPLATE), doc.publisher)
        out["publisher_evidence"] = [found or _metadata(doc, meta)]
    if doc.date is not None:
        source, inferred = doc.date.source, doc.date.inferred
        roles = {"byline": (Role.BYLINE,), "dateline": (Role.BODY,), "caption": (Role.CAPTION,)}
        roles["author-bio"] = (Role.AUTHOR_BIO,)
        found = _segment_evidence(doc, roles[source], None) if source in roles else None
        base = found or _metadata(doc, source, inferred)
        out["published_evidence"] = [{**base, "source": source, "inferred": inferred}]
    derived = {}
    if doc.language:
        derived["language"] = "language detector over the clean text"
    if doc.genre:
        derived["genre"] = "genre cues of the page and text"
    if derived:
        out["derived_from"] = derived
    return out


# --------------------------------------------------------------------------- entities


def _mention_rows(conn: sqlite3.Connection, actor_ids: Sequence[str]) -> list[sqlite3.Row]:
    if not actor_ids:
        return []
    marks = ",".join("?" * len(actor_ids))
    return list(
        conn.execute(
            "SELECT m.document_id, m.start_char, m.end_char, m.text, m.type, m.actor_id,"
            " m.sentence_start, m.sentence_end,"
            " substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start) AS sentence"
            f" FROM mentions AS m JOIN documents AS d ON d.id = m.document_id"
            f" WHERE m.actor_id IN ({marks}) ORDER BY d.seq, m.start_char",
            list(actor_ids),
        )
    )


def _mention_json(row: sqlite3.Row) -> JSONObject:
    return {
        "document": str(row["document_id"]),
        "start": int(row["sentence_start"]),
        "end": int(row["sentence_end"]),
        "text": str(row["sentence"]),
        "mention_start": int(row["start_char"]),
        "mention_end": int(row["end_char"]),
        "mention": str(row["text"]),
    }


def _name_evidence(names: Sequence[str], rows: Sequence[sqlite3.Row]) -> list[JSONObject]:
    """A mention of each name: written as the name, else containing it, else any mention
    of the entity (a name built from several mentions, "Aïcha Yamboré" from "Ms Yamboré")."""
    cited = []
    for name in names:
        key = normalise_name(name)
        row = next((r for r in rows if str(r["text"]) == name), None)
        row = row or next((r for r in rows if normalise_name(str(r["text"])) == key), None)
        row = row or next((r for r in rows if key and key in normalise_name(str(r["text"]))), None)
        if row is None:
            words = set(key.split())
            row = next(
                (r for r in rows if words & set(normalise_name(str(r["text"])).split())), None
            )
        row = row or (rows[0] if rows else None)
        if row is not None:
            cited.append({"name": name, **_mention_json(row)})
    return cited


def entity_citations(
    conn: sqlite3.Connection,
    actor_ids: Sequence[str],
    names: Sequence[str],
    type_: str,
    titles: Iterable[tuple[str, str, int, int]],
    country: str | None,
    geo: JSONObject | None,
) -> JSONObject:
    """The added evidence keys of one ``entities`` entry. ``titles`` are (title, document,
    start, end) of each statement of a title."""
    rows = _mention_rows(conn, actor_ids)
    typed = [r for r in rows if r["type"] == type_] or rows
    out: JSONObject = {
        "name_evidence": _name_evidence(names, rows),
        "type_evidence": [
            {"type": str(r["type"]), **_mention_json(r)} for r in typed[:MAX_MENTIONS]
        ],
        "title_evidence": [
            {"title": title, **_sentence(conn, doc, start, end)}
            for title, doc, start, end in titles
        ],
    }
    if geo is not None:
        place = next(
            (p for a in actor_ids if (p := _place(conn, a)) is not None and p.lat is not None),
            None,
        )
        decided = [r for r in rows if place is None or r["actor_id"] == place.actor_id]
        out["geo_evidence"] = {
            "mentions": [_mention_json(r) for r in decided[:MAX_MENTIONS]],
            "gazetteer": None
            if place is None
            else {
                "id": place.gazetteer_id,
                "name": place.name,
                "kind": place.kind,
                "country": place.country,
                "method": place.method,
                "confidence": place.confidence,
            },
        }
    if country:
        out["derived_from"] = {
            "country": "gazetteer entry of the place"
            if geo is not None
            else "gazetteer or nationality word of the actor's mentions"
        }
    return out


class _ConnStore:
    """The little of a Store that :func:`place_of` reads."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.connection = conn


def _place(conn: sqlite3.Connection, actor_id: str) -> Any:
    return place_of(_ConnStore(conn), actor_id)  # type: ignore[arg-type]


def _sentence(conn: sqlite3.Connection, doc_id: str, start: int, end: int) -> JSONObject:
    """The evidence object of the sentence holding [start, end) of a document."""
    row = conn.execute(
        "SELECT sentence_start, sentence_end FROM mentions WHERE document_id = ?"
        " AND sentence_start <= ? AND sentence_end >= ? LIMIT 1",
        (doc_id, start, end),
    ).fetchone()
    s, e = (int(row[0]), int(row[1])) if row else (start, end)
    text = conn.execute(
        "SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?", (s, e, s, doc_id)
    ).fetchone()
    return {"document": doc_id, "start": s, "end": e, "text": str(text[0]) if text else ""}


# --------------------------------------------------------------------------- derived ties


def derive_located_in(
    relation: JSONObject, object_names: Sequence[str], gazetteer_id: str | None
) -> None:
    """A ``located_in`` tie keeps as evidence only sentences that name its object; the
    others only mention the subject, so the tie is ``derived_from`` the gazetteer entry."""
    if relation.get("predicate") != "located_in":
        return
    keys = [normalise_name(n) for n in object_names if n]
    stating: list[JSONObject] = []
    mentioning: list[JSONObject] = []
    for item in relation["evidence"]:
        text = normalise_name(str(item.get("text", "")))
        (stating if any(k and k in text for k in keys) else mentioning).append(item)
    if not mentioning:
        return
    relation["evidence"] = stating
    relation["derived_from"] = {
        "source": "gazetteer",
        "gazetteer_id": gazetteer_id,
        "mentions": mentioning,
    }


# --------------------------------------------------------------------------- the walk


def _cites(value: Any) -> bool:
    """An evidence object or a non-empty list/map of them (or of derivation notes)."""
    if isinstance(value, list):
        return bool(value) and all(_cites(v) for v in value)
    if isinstance(value, dict):
        if "document" in value:
            return ("start" in value and "end" in value) or "source" in value
        return bool(value) and any(_cites(v) for v in value.values())
    return isinstance(value, str) and bool(value)


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {} or value == ""


def uncited_fields(export: JSONObject) -> list[str]:
    """Every shown field of ``export`` that carries no evidence, as ``section[i].field``."""
    missing: list[str] = []
    for section, fields in FIELDS.items():
        for i, record in enumerate(export.get(section, [])):
            for name, key in fields.items():
                if _empty(record.get(name)):
                    continue
                cited = record.get(key)
                if key == "derived_from":
                    cited = (cited or {}).get(name)
                if not _cites(cited):
                    missing.append(f"{section}[{i}].{name}")
    for section in SENTENCE_SECTIONS:
        for i, record in enumerate(export.get(section, [])):
            if not (_cites(record.get("evidence")) or _cites(record.get("derived_from"))):
                missing.append(f"{section}[{i}].evidence")
    return missing
