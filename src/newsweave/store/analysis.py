"""Saving and loading per-document analyses (tables of migration 0002).

Rows keep offsets, not copies of sentences: Evidence is rebuilt from the document text, so
the store holds each sentence once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from newsweave.model import Evidence
from newsweave.model.facts import (
    Actor,
    DocAnalysis,
    Event,
    Figure,
    Mention,
    Quote,
    Relation,
    Span,
    TimeExpression,
    Title,
)
from newsweave.model.ids import fact_id
from newsweave.store.sqlite import Store

_DELETE_ORDER = (
    "events",
    "relations",
    "mentions",
    "time_expressions",
    "figures",
    "quotes",
    "actors",
    "analyses",
)


def save_analysis(store: Store, analysis: DocAnalysis, text: str) -> None:
    """Replace the stored analysis of ``analysis.document`` (whose clean text is ``text``)
    in one transaction."""
    with store.transaction() as conn:
        _mark_dirty(conn)
        conn.execute("DELETE FROM analysis_failures WHERE document_id = ?", (analysis.document,))
        for table in _DELETE_ORDER:
            column = "document_id"
            conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (analysis.document,))
        conn.execute(
            "INSERT INTO analyses (document_id, version, analysed_at, sentences, notes)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                analysis.document,
                analysis.version,
                datetime.now(UTC).isoformat(timespec="seconds"),
                json.dumps([list(s) for s in analysis.sentences]),
                json.dumps(list(analysis.notes)),
            ),
        )
        for actor in analysis.actors:
            _insert_actor(conn, text, analysis.document, actor)
        for mention in analysis.mentions:
            _insert_mention(conn, text, analysis.document, mention)
        for time in analysis.times:
            _insert_time(conn, text, analysis.document, time)
        for figure in analysis.figures:
            _insert_figure(conn, text, analysis.document, figure)
        for quote in analysis.quotes:
            _insert_quote(conn, text, analysis.document, quote)
        for event in analysis.events:
            _insert_event(conn, text, analysis.document, event)
        for relation in analysis.relations:
            _insert_relation(conn, text, analysis.document, relation)


def locate(text: str, evidence: Evidence) -> tuple[int, int]:
    """Offsets of the evidence sentence in the document text: the occurrence of
    ``evidence.text`` that contains [start, end); the fact's own span if none does."""
    size = len(evidence.text)
    found = text.find(evidence.text, max(0, evidence.end - size), evidence.start + size)
    if found == -1 or found > evidence.start or found + size < evidence.end:
        return (evidence.start, evidence.end)
    return (found, found + len(evidence.text))


def _insert_actor(conn: sqlite3.Connection, text: str, doc_id: str, actor: Actor) -> None:
    ev = actor.evidence
    conn.execute(
        "INSERT OR REPLACE INTO actors (id, document_id, name, type, aliases, country, mentions,"
        " start_char, end_char, sentence_start, sentence_end, stage, version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            actor.id,
            doc_id,
            actor.name,
            actor.type,
            json.dumps(list(actor.aliases), ensure_ascii=False),
            actor.country,
            actor.mentions,
            ev.start if ev else None,
            ev.end if ev else None,
            *(locate(text, ev) if ev else (None, None)),
            ev.stage if ev else "names",
            ev.version if ev else "",
        ),
    )
    for title in actor.titles:
        s, e = locate(text, title.evidence)
        conn.execute(
            "INSERT INTO actor_titles (actor_id, text, start_char, end_char, sentence_start,"
            " sentence_end, stage, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                actor.id,
                title.text,
                title.evidence.start,
                title.evidence.end,
                s,
                e,
                title.evidence.stage,
                title.evidence.version,
            ),
        )


def _insert_mention(conn: sqlite3.Connection, text: str, doc_id: str, mention: Mention) -> None:
    s, e = locate(text, mention.evidence)
    conn.execute(
        "INSERT INTO mentions (document_id, actor_id, start_char, end_char, text, type, source,"
        " sentence_start, sentence_end, stage, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc_id,
            mention.actor,
            mention.span.start,
            mention.span.end,
            mention.span.text,
            mention.type,
            mention.source,
            s,
            e,
            mention.evidence.stage,
            mention.evidence.version,
        ),
    )


def _insert_time(conn: sqlite3.Connection, text: str, doc_id: str, time: TimeExpression) -> None:
    s, e = locate(text, time.evidence)
    conn.execute(
        "INSERT INTO time_expressions (document_id, start_char, end_char, text, type, value,"
        " precision, anchor, sentence_start, sentence_end, stage, version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc_id,
            time.span.start,
            time.span.end,
            time.span.text,
            time.type,
            time.value,
            time.precision,
            time.anchor,
            s,
            e,
            time.evidence.stage,
            time.evidence.version,
        ),
    )


def figure_id(doc_id: str, figure: Figure) -> str:
    return fact_id("f", doc_id, figure.span.start, figure.span.end)


def quote_id(doc_id: str, quote: Quote) -> str:
    return fact_id("q", doc_id, quote.span.start, quote.span.end)


def _insert_figure(conn: sqlite3.Connection, text: str, doc_id: str, figure: Figure) -> None:
    s, e = locate(text, figure.evidence)
    conn.execute(
        "INSERT OR REPLACE INTO figures (id, document_id, start_char, end_char, text, value,"
        " low, high, qualifier, unit, what, claimed_by, claimed_by_text, as_of, sentence_start,"
        " sentence_end, stage, version, part_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?, ?, ?, ?, ?)",
        (
            figure_id(doc_id, figure),
            doc_id,
            figure.span.start,
            figure.span.end,
            figure.span.text,
            figure.value,
            figure.low,
            figure.high,
            figure.qualifier,
            figure.unit,
            figure.what,
            figure.claimed_by,
            figure.claimed_by_text,
            figure.as_of,
            s,
            e,
            figure.evidence.stage,
            figure.evidence.version,
            figure.part_of,
        ),
    )


def _insert_quote(conn: sqlite3.Connection, text: str, doc_id: str, quote: Quote) -> None:
    s, e = locate(text, quote.evidence)
    conn.execute(
        "INSERT OR REPLACE INTO quotes (id, document_id, start_char, end_char, text, speaker,"
        " speaker_text, verb, direct, sentence_start, sentence_end, stage, version,"
        " on_behalf_of, on_behalf_of_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            quote_id(doc_id, quote),
            doc_id,
            quote.span.start,
            quote.span.end,
            quote.span.text,
            quote.speaker,
            quote.speaker_text,
            quote.verb,
            int(quote.direct),
            s,
            e,
            quote.evidence.stage,
            quote.evidence.version,
            quote.on_behalf_of,
            quote.on_behalf_of_text,
        ),
    )


def _insert_event(conn: sqlite3.Connection, text: str, doc_id: str, event: Event) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO events (id, document_id, type, mode, label, start_char, end_char,"
        " text, actors, actor_texts, targets, target_texts, place, place_text, date, date_source,"
        " figures, modality, reported_by, reported_by_text, quotes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.id,
            doc_id,
            event.type,
            event.mode,
            event.label,
            event.trigger.start,
            event.trigger.end,
            event.trigger.text,
            _json(event.actors),
            _json(event.actor_texts),
            _json(event.targets),
            _json(event.target_texts),
            event.place,
            event.place_text,
            event.date,
            event.date_source,
            _json(event.figures),
            event.modality,
            event.reported_by,
            event.reported_by_text,
            _json(event.quotes),
        ),
    )
    for idx, evidence in enumerate(event.evidence):
        s, e = locate(text, evidence)
        conn.execute(
            "INSERT OR REPLACE INTO event_evidence (event_id, idx, start_char, end_char,"
            " sentence_start, sentence_end, stage, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (event.id, idx, evidence.start, evidence.end, s, e, evidence.stage, evidence.version),
        )


def _insert_relation(conn: sqlite3.Connection, text: str, doc_id: str, rel: Relation) -> None:
    s, e = locate(text, rel.evidence)
    conn.execute(
        "INSERT INTO relations (document_id, subject, predicate, object, object_text, qualifier,"
        " time, start_char, end_char, sentence_start, sentence_end, stage, version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc_id,
            rel.subject,
            rel.predicate,
            rel.object,
            rel.object_text,
            rel.qualifier,
            rel.time,
            rel.evidence.start,
            rel.evidence.end,
            s,
            e,
            rel.evidence.stage,
            rel.evidence.version,
        ),
    )


def _json(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def analysis_version(store: Store, doc_id: str) -> str | None:
    """The version of the stored analysis of ``doc_id``, or None when not analysed."""
    row = store.connection.execute(
        "SELECT version FROM analyses WHERE document_id = ?", (doc_id,)
    ).fetchone()
    return str(row[0]) if row else None


def pending_documents(store: Store, version: str, *, retry_failed: bool = False) -> list[str]:
    """Ids of documents with no analysis, or one of another version, in ingest order;
    documents whose analysis failed are left out unless ``retry_failed``."""
    failed = "" if retry_failed else " AND f.document_id IS NULL"
    rows = store.connection.execute(
        "SELECT d.id FROM documents AS d LEFT JOIN analyses AS a ON a.document_id = d.id"
        " LEFT JOIN analysis_failures AS f ON f.document_id = d.id"
        f" WHERE (a.version IS NULL OR a.version != ?){failed} ORDER BY d.seq",
        (version,),
    ).fetchall()
    return [str(r[0]) for r in rows]


def needs_analysis(store: Store, doc_id: str, version: str) -> bool:
    """Whether ``doc_id`` has no current analysis and no recorded failure (one indexed
    lookup per table)."""
    conn = store.connection
    row = conn.execute("SELECT version FROM analyses WHERE document_id = ?", (doc_id,)).fetchone()
    if row is not None and str(row[0]) == version:
        return False
    failed = conn.execute(
        "SELECT 1 FROM analysis_failures WHERE document_id = ?", (doc_id,)
    ).fetchone()
    return failed is None


# --------------------------------------------------------------------------- runner state


@dataclass(frozen=True)
class FailureRow:
    """A document whose analysis failed; later runs skip it until a retry."""

    document_id: str
    version: str
    code: str
    reason: str
    at: str


def record_failure(store: Store, doc_id: str, version: str, code: str, reason: str) -> None:
    """Remember that the analysis of ``doc_id`` failed (one row per document)."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO analysis_failures (document_id, version, code, reason, at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET"
            " version = excluded.version, code = excluded.code, reason = excluded.reason,"
            " at = excluded.at",
            (doc_id, version, code, reason, datetime.now(UTC).isoformat(timespec="seconds")),
        )


def failures(store: Store) -> list[FailureRow]:
    """Every document whose analysis failed and has not been analysed since."""
    rows = store.connection.execute(
        "SELECT document_id, version, code, reason, at FROM analysis_failures ORDER BY at"
    )
    return [FailureRow(*(str(v) for v in row)) for row in rows]


def _mark_dirty(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO corpus_state (key, value) VALUES ('resolution', 'dirty')"
        " ON CONFLICT (key) DO UPDATE SET value = 'dirty' WHERE value != 'dirty'"
    )


def corpus_dirty(store: Store) -> bool:
    """Whether analyses were saved (or a resolution was cut short) since the corpus was
    last resolved."""
    row = store.connection.execute(
        "SELECT value FROM corpus_state WHERE key = 'resolution'"
    ).fetchone()
    return row is not None and str(row[0]) != "clean"


def mark_corpus(store: Store, *, dirty: bool) -> None:
    """Set the corpus resolution state (dirty before resolving, clean after it commits)."""
    with store.transaction() as conn:
        if dirty:
            _mark_dirty(conn)
        else:
            conn.execute(
                "INSERT INTO corpus_state (key, value) VALUES ('resolution', 'clean')"
                " ON CONFLICT (key) DO UPDATE SET value = 'clean'"
            )


def known_input(store: Store, digest: str) -> str | None:
    """The document an identical raw input already became, or None."""
    row = store.connection.execute(
        "SELECT document_id FROM input_hashes WHERE hash = ?", (digest,)
    ).fetchone()
    return str(row[0]) if row else None


def remember_input(store: Store, digest: str, doc_id: str) -> None:
    """Record that the raw input with hash ``digest`` became ``doc_id``."""
    store.connection.execute(
        "INSERT OR IGNORE INTO input_hashes (hash, document_id) VALUES (?, ?)", (digest, doc_id)
    )


class _Rebuild:
    """Turns stored rows back into records with Evidence rebuilt from the text."""

    def __init__(self, doc_id: str, text: str) -> None:
        self.doc_id = doc_id
        self.text = text

    def evidence(self, row: sqlite3.Row) -> Evidence:
        return Evidence(
            self.doc_id,
            int(row["start_char"]),
            int(row["end_char"]),
            self.text[row["sentence_start"] : row["sentence_end"]],
            str(row["stage"]),
            str(row["version"]),
        )

    def span(self, row: sqlite3.Row) -> Span:
        return Span(int(row["start_char"]), int(row["end_char"]), str(row["text"]))


def load_analysis(store: Store, doc_id: str) -> DocAnalysis | None:
    """The stored analysis of ``doc_id``, or None when it has not been analysed."""
    conn = store.connection
    head = conn.execute("SELECT * FROM analyses WHERE document_id = ?", (doc_id,)).fetchone()
    if head is None:
        return None
    text = str(conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0])
    rb = _Rebuild(doc_id, text)
    return DocAnalysis(
        document=doc_id,
        version=str(head["version"]),
        sentences=tuple((int(a), int(b)) for a, b in json.loads(head["sentences"])),
        mentions=tuple(_mentions(conn, rb)),
        actors=tuple(_actors(conn, rb)),
        times=tuple(_times(conn, rb)),
        figures=tuple(_figures(conn, rb)),
        quotes=tuple(_quotes(conn, rb)),
        events=tuple(_events(conn, rb)),
        relations=tuple(_relations(conn, rb)),
        notes=tuple(json.loads(head["notes"])),
    )


def _rows(conn: sqlite3.Connection, table: str, doc_id: str) -> list[sqlite3.Row]:
    order = "start_char" if table != "actors" else "start_char, name"
    return list(
        conn.execute(f"SELECT * FROM {table} WHERE document_id = ? ORDER BY {order}", (doc_id,))
    )


def _actors(conn: sqlite3.Connection, rb: _Rebuild) -> Iterator[Actor]:
    for row in _rows(conn, "actors", rb.doc_id):
        titles = tuple(
            Title(str(t["text"]), rb.evidence(t))
            for t in conn.execute(
                "SELECT * FROM actor_titles WHERE actor_id = ? ORDER BY start_char", (row["id"],)
            )
        )
        evidence = rb.evidence(row) if row["start_char"] is not None else None
        yield Actor(
            id=str(row["id"]),
            name=str(row["name"]),
            type=str(row["type"]),
            aliases=tuple(json.loads(row["aliases"])),
            titles=titles,
            mentions=int(row["mentions"]),
            country=row["country"],
            evidence=evidence,
        )


def _mentions(conn: sqlite3.Connection, rb: _Rebuild) -> Iterator[Mention]:
    for row in _rows(conn, "mentions", rb.doc_id):
        yield Mention(
            rb.span(row), str(row["type"]), row["actor_id"], str(row["source"]), rb.evidence(row)
        )


def _times(conn: sqlite3.Connection, rb: _Rebuild) -> Iterator[TimeExpression]:
    for row in _rows(conn, "time_expressions", rb.doc_id):
        yield TimeExpression(
            rb.span(row),
            str(row["type"]),
            str(row["value"]),
            str(row["precision"]),
            str(row["anchor"]),
            rb.evidence(row),
        )


def _figures(conn: sqlite3.Connection, rb: _Rebuild) -> Iterator[Figure]:
    for row in _rows(conn, "figures", rb.doc_id):
        yield Figure(
            span=rb.span(row),
            value=float(row["value"]),
            low=row["low"],
            high=row["high"],
            qualifier=row["qualifier"],
            unit=row["unit"],
            what=row["what"],
            claimed_by=row["claimed_by"],
            claimed_by_text=row["claimed_by_text"],
            as_of=row["as_of"],
            evidence=rb.evidence(row),
            part_of=row["part_of"],
        )


def _quotes(conn: sqlite3.Connection, rb: _Rebuild) -> Iterator[Quote]:
    for row in _rows(conn, "quotes", rb.doc_id):
        yield Quote(
            span=rb.span(row),
            speaker=row["speaker"],
            speaker_text=row["speaker_text"],
            verb=row["verb"],
            direct=bool(row["direct"]),
            evidence=rb.evidence(row),
            on_behalf_of=row["on_behalf_of"],
            on_behalf_of_text=row["on_behalf_of_text"],
        )


def _events(conn: sqlite3.Connection, rb: _Rebuild) -> Iterator[Event]:
    for row in _rows(conn, "events", rb.doc_id):
        evidence = tuple(
            rb.evidence(r)
            for r in conn.execute(
                "SELECT * FROM event_evidence WHERE event_id = ? ORDER BY idx", (row["id"],)
            )
        )
        yield Event(
            id=str(row["id"]),
            type=str(row["type"]),
            mode=row["mode"],
            label=str(row["label"]),
            trigger=rb.span(row),
            actors=tuple(json.loads(row["actors"])),
            actor_texts=tuple(json.loads(row["actor_texts"])),
            targets=tuple(json.loads(row["targets"])),
            target_texts=tuple(json.loads(row["target_texts"])),
            place=row["place"],
            place_text=row["place_text"],
            date=row["date"],
            date_source=str(row["date_source"]),
            figures=tuple(json.loads(row["figures"])),
            modality=str(row["modality"]),
            reported_by=row["reported_by"],
            reported_by_text=row["reported_by_text"],
            evidence=evidence,
            quotes=tuple(json.loads(row["quotes"])),
        )


def _relations(conn: sqlite3.Connection, rb: _Rebuild) -> Iterator[Relation]:
    for row in _rows(conn, "relations", rb.doc_id):
        yield Relation(
            subject=str(row["subject"]),
            predicate=str(row["predicate"]),
            object=row["object"],
            object_text=row["object_text"],
            qualifier=row["qualifier"],
            time=row["time"],
            evidence=rb.evidence(row),
        )
