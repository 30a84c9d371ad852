"""The document page: the text by segment, every fact marked in its sentence, and the
facts of the document listed; all read by document id through indexed queries."""

from __future__ import annotations

import html
import itertools
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from newsweave.serve import happenings
from newsweave.serve.common import (
    JSON,
    evidence,
    figure_json,
    outlet_name,
    quote_json,
    ref_or_text,
    refs,
    sentence_sql,
)
from newsweave.store.sqlite import Store

MARK_KINDS = ("actor", "date", "figure", "quote", "event")
"""Kinds of facts highlighted on the document page (CSS class ``k-{kind}``)."""


@dataclass(frozen=True)
class Fact:
    """A span of the text to highlight or anchor on the document page."""

    start: int
    end: int
    kind: str
    """One of :data:`MARK_KINDS`, or ``anchor`` (only an anchor, no highlight)."""
    label: str
    href: str | None = None


def highlight(
    text: str,
    start: int,
    end: int,
    sentences: Sequence[tuple[int, int]],
    facts: Sequence[Fact],
    used_ids: set[str],
) -> Markup:
    """The segment ``text[start:end]`` as safe HTML: every piece escaped, sentences wrapped
    in ``<span class="sent">``, facts in ``<mark class="k-{kind}">`` (a piece covered by
    several facts carries all their classes), and an empty anchor ``<a id="c{s}-{e}">`` at
    the start of every fact and sentence so ``/doc/{id}#c{s}-{e}`` lands there."""
    sents = [(max(a, start), min(b, end)) for a, b in sentences if a < end and b > start]
    local = [f for f in facts if f.start < end and f.end > start and f.end > f.start]
    anchors: dict[int, list[str]] = defaultdict(list)
    for f in local:
        anchors[max(f.start, start)].append(f"c{f.start}-{f.end}")
    for a, b in sentences:
        if start <= a < end:
            anchors[a].append(f"c{a}-{b}")
    points = {start, end}
    for a, b in sents:
        points.update((a, b))
    for f in local:
        points.update((max(f.start, start), min(f.end, end)))
    cuts = sorted(points)
    sent_starts = {a: b for a, b in sents}
    sent_ends = {b for _, b in sents}
    out: list[str] = []
    for here, nxt in itertools.pairwise(cuts):
        if here in sent_ends:
            out.append("</span>")
        if here in sent_starts:
            out.append(f'<span class="sent" data-start="{here}" data-end="{sent_starts[here]}">')
        for anchor_id in anchors.get(here, []):
            if anchor_id not in used_ids:
                used_ids.add(anchor_id)
                out.append(f'<a class="anchor" id="{anchor_id}"></a>')
        piece = html.escape(text[here:nxt])
        covering = [f for f in local if f.start <= here and f.end >= nxt and f.kind != "anchor"]
        if covering:
            kinds = sorted({f.kind for f in covering}, key=MARK_KINDS.index)
            title = html.escape("; ".join(dict.fromkeys(f.label for f in covering)))
            classes = " ".join(f"k-{k}" for k in kinds)
            mark = f'<mark class="{classes}" title="{title}">{piece}</mark>'
            link = next((f.href for f in covering if f.kind == "actor" and f.href), None)
            if link:
                mark = f'<a class="ent" href="{html.escape(link)}">{mark}</a>'
            out.append(mark)
        else:
            out.append(piece)
    if cuts and cuts[-1] in sent_ends:
        out.append("</span>")
    return Markup("".join(out))


def facts_of(conn: sqlite3.Connection, doc_id: str) -> tuple[list[Fact], JSON]:
    """The spans to mark in the text and the facts to list, of one document."""
    found: list[Fact] = []
    mentions = conn.execute(
        "SELECT start_char, end_char, actor_id, type, text FROM mentions WHERE document_id = ?",
        (doc_id,),
    ).fetchall()
    actor_rows = conn.execute("SELECT id FROM actors WHERE document_id = ?", (doc_id,)).fetchall()
    quotes = _with_sentences(conn, "quotes", "q", doc_id)
    figures = _with_sentences(conn, "figures", "f", doc_id)
    events = conn.execute(
        "SELECT * FROM events WHERE document_id = ? ORDER BY start_char", (doc_id,)
    ).fetchall()
    relations = _with_sentences(conn, "relations", "r", doc_id)
    titles = conn.execute(
        "SELECT t.start_char, t.end_char, t.text FROM actor_titles AS t JOIN actors AS a"
        " ON a.id = t.actor_id WHERE a.document_id = ?",
        (doc_id,),
    ).fetchall()
    ids = [str(r["id"]) for r in actor_rows]
    who = refs(conn, ids)
    for r in mentions:
        ref = who.get(str(r["actor_id"])) if r["actor_id"] else None
        name = ref["name"] if ref else str(r["text"])
        found.append(
            Fact(r[0], r[1], "actor", f"{r['type']}: {name}", ref["href"] if ref else None)
        )
    for r in conn.execute(
        "SELECT start_char, end_char, value, type FROM time_expressions WHERE document_id = ?",
        (doc_id,),
    ):
        found.append(Fact(r[0], r[1], "date", f"{r['type']}: {r['value']}"))
    for f in figures:
        found.append(
            Fact(
                f["start_char"],
                f["end_char"],
                "figure",
                f"figure: {f['value']:g} {f['what'] or ''}".strip(),
            )
        )
    quote_items = []
    for q in quotes:
        speaker = ref_or_text(who, q["speaker"], q["speaker_text"])
        found.append(
            Fact(
                q["start_char"],
                q["end_char"],
                "quote",
                f"quote by {speaker['name'] if speaker else '?'}",
            )
        )
        behalf = ref_or_text(who, q["on_behalf_of"], q["on_behalf_of_text"])
        quote_items.append(quote_json(q, speaker, on_behalf_of=behalf))
    event_items = []
    for e in events:
        item = happenings.event_json(conn, e, who)
        event_items.append(item)
        for ev in item["evidence"] or [evidence(doc_id, e["start_char"], e["end_char"], "")]:
            found.append(
                Fact(
                    ev["start"],
                    ev["end"],
                    "event",
                    f"{e['type']}: {e['label']}",
                    f"/event/{e['id']}",
                )
            )
    relation_items = []
    for r in relations:
        found.append(Fact(r["start_char"], r["end_char"], "anchor", str(r["predicate"])))
        relation_items.append(
            {
                "subject": who.get(str(r["subject"])),
                "predicate": str(r["predicate"]),
                "object": ref_or_text(who, r["object"], r["object_text"]),
                "qualifier": r["qualifier"],
                "time": r["time"],
                "evidence": evidence(doc_id, r["start_char"], r["end_char"], r["sentence"]),
            }
        )
    for t in titles:
        found.append(Fact(t["start_char"], t["end_char"], "anchor", str(t["text"])))
    entities: dict[str, JSON] = {}
    for ref in who.values():
        entities.setdefault(str(ref["id"]), ref)
    listed: JSON = {
        "events": event_items,
        "quotes": quote_items,
        "figures": [
            figure_json(
                f,
                claimed_by=ref_or_text(who, f["claimed_by"], f["claimed_by_text"]),
                part_of=f["part_of"],
            )
            for f in figures
        ],
        "relations": relation_items,
        "entities": sorted(entities.values(), key=lambda e: (e["type"], e["name"])),
    }
    return found, listed


def sentences_of(conn: sqlite3.Connection, doc_id: str) -> list[tuple[int, int]]:
    row = conn.execute("SELECT sentences FROM analyses WHERE document_id = ?", (doc_id,)).fetchone()
    if row is None:
        return []
    return [(int(a), int(b)) for a, b in json.loads(row[0])]


def page(store: Store, doc_id: str) -> tuple[JSON, list[Markup]] | None:
    """The document's metadata, segments and facts, and the highlighted HTML of each
    segment."""
    from newsweave.errors import NewsweaveError
    from newsweave.export.json import document_json

    try:
        doc = store.get_document(doc_id)
    except NewsweaveError:
        return None
    conn = store.connection
    sources = store.document_sources(doc.id)
    meta = document_json(doc, sources)
    date = doc.date
    meta.update(
        {
            "outlet": outlet_name(doc.publisher),
            "words": doc.word_count,
            "date_source": date.source if date else None,
            "date_inferred": date.inferred if date else None,
            "extra": [list(pair) for pair in doc.extra],
            "segments": [
                {"role": s.role.value, "start": s.start, "end": s.end, "text": doc.segment_text(s)}
                for s in doc.segments
            ],
        }
    )
    facts, listed = facts_of(conn, doc.id)
    kinds = Counter(f.kind for f in facts if f.kind != "anchor")
    data = {
        "document": meta,
        "sources": sources,
        "facts": {"counts": {k: kinds.get(k, 0) for k in MARK_KINDS}, **listed},
    }
    sentences = sentences_of(conn, doc.id)
    used: set[str] = set()
    rendered = [
        highlight(doc.text, s.start, s.end, sentences or [(s.start, s.end)], facts, used)
        for s in doc.segments
    ]
    return data, rendered


def _with_sentences(
    conn: sqlite3.Connection, table: str, alias: str, doc_id: str
) -> list[sqlite3.Row]:
    """The rows of one document's facts in ``table`` (quotes, figures, relations), in text
    order, each with its ``sentence``."""
    return conn.execute(
        f"SELECT {alias}.*, " + sentence_sql(alias) + f" FROM {table} AS {alias} JOIN documents"
        f" AS d ON d.id = {alias}.document_id WHERE {alias}.document_id = ?"
        f" ORDER BY {alias}.start_char",
        (doc_id,),
    ).fetchall()
