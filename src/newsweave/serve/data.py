"""What every page shows, as plain JSON-ready dicts: the HTML pages render these and the JSON
twins return them as they are.

A :class:`Corpus` is a read-only snapshot of the per-document facts (actors, events, quotes,
figures, relations, titles) with cross-document entities from
:func:`newsweave.resolve.entities.entity_records` when that module is installed (otherwise
actors grouped by normalised name and type, see :func:`newsweave.ask.load_entities`). It is
cached per app and reloaded when the store file changes.

Every fact carries its evidence as ``{"document", "start", "end", "text", "href"}`` where
``href`` is ``/doc/{id}#c{start}-{end}``: the document page has an anchor with that id in
the sentence stating the fact, and highlights the sentence when the anchor is the target.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import json
import sqlite3
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from newsweave.ask import EntityIndex, EntityView, fold, load_entities
from newsweave.model.records import Role
from newsweave.store.sqlite import Store

JSON = dict[str, Any]

PLACE_TYPES = ("GPE", "LOC", "FAC")
MARK_KINDS = ("actor", "date", "figure", "quote", "event")
"""Kinds of facts highlighted on the document page (CSS class ``k-{kind}``)."""


# --------------------------------------------------------------------------- evidence


def evidence(doc: str, start: int, end: int, sentence: str) -> JSON:
    """The contract's evidence object plus ``href`` to the sentence on the document page."""
    return {
        "document": doc,
        "start": start,
        "end": end,
        "text": sentence,
        "href": f"/doc/{doc}#c{start}-{end}",
    }


def _sentence_sql(alias: str) -> str:
    return (
        f"substr(d.text, {alias}.sentence_start + 1, {alias}.sentence_end - "
        f"{alias}.sentence_start) AS sentence"
    )


# --------------------------------------------------------------------------- the corpus


@dataclass
class Corpus:
    """A snapshot of the store's facts, indexed for the pages."""

    docs: dict[str, JSON]
    actors: dict[str, JSON]
    index: EntityIndex
    events: list[JSON]
    quotes: list[JSON]
    figures: list[JSON]
    relations: list[JSON]
    titles: dict[str, list[JSON]]
    sources: dict[str, str] = field(default_factory=dict)
    """Which module provided each resolved view (``entities``, ``conflicts``…)."""

    # -- entity references

    def entity_id(self, actor_id: str | None) -> str | None:
        return self.index.of_actor.get(actor_id) if actor_id else None

    def ref(self, actor_id: str | None, text: str | None = None) -> JSON | None:
        """``{"id", "name", "type", "href"}`` of the entity an actor belongs to, or a
        description (``id`` None) when only ``text`` is known."""
        entity = self.entity_id(actor_id)
        if entity is not None:
            view = self.index.by_id[entity]
            return {
                "id": view.id,
                "name": view.name,
                "type": view.type,
                "href": f"/entity/{view.id}",
            }
        if actor_id and actor_id in self.actors:
            actor = self.actors[actor_id]
            return {"id": None, "name": actor["name"], "type": actor["type"], "href": None}
        if text:
            return {"id": None, "name": text, "type": None, "href": None}
        return None

    def refs(self, actor_ids: Iterable[str], texts: Iterable[str] = ()) -> list[JSON]:
        found = [r for r in (self.ref(a) for a in actor_ids) if r is not None]
        found += [{"id": None, "name": t, "type": None, "href": None} for t in texts]
        return found

    def doc_ref(self, doc_id: str) -> JSON:
        doc = self.docs.get(doc_id, {})
        return {
            "id": doc_id,
            "title": doc.get("title"),
            "publisher": doc.get("publisher"),
            "published": doc.get("published"),
            "href": f"/doc/{doc_id}",
        }


_CACHE_LOCK = threading.Lock()
_CACHE: dict[Path, tuple[tuple[int, ...], Corpus]] = {}


def _stamp(path: Path) -> tuple[int, ...]:
    parts: list[int] = []
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            stat = p.stat()
            parts += [stat.st_mtime_ns, stat.st_size]
        except FileNotFoundError:
            parts += [0, 0]
    return tuple(parts)


def corpus(store: Store) -> Corpus:
    """The snapshot of ``store``, cached until its file changes."""
    stamp = _stamp(store.path)
    with _CACHE_LOCK:
        cached = _CACHE.get(store.path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        loaded = load_corpus(store)
        _CACHE[store.path] = (stamp, loaded)
        return loaded


def load_corpus(store: Store) -> Corpus:
    conn = store.connection
    docs = {
        str(r["id"]): {
            "id": str(r["id"]),
            "title": r["title"],
            "publisher": r["publisher"],
            "published": r["published"],
            "genre": r["genre"],
            "near_duplicate_of": r["near_duplicate_of"],
        }
        for r in conn.execute(
            "SELECT id, title, publisher, published, genre, near_duplicate_of FROM documents"
            " ORDER BY published IS NULL, published, title, id"
        )
    }
    actors = {
        str(r["id"]): {
            "id": str(r["id"]),
            "document": str(r["document_id"]),
            "name": str(r["name"]),
            "type": str(r["type"]),
            "country": r["country"],
            "mentions": int(r["mentions"]),
        }
        for r in conn.execute("SELECT * FROM actors ORDER BY document_id, start_char, id")
    }
    titles: dict[str, list[JSON]] = defaultdict(list)
    for r in conn.execute(
        "SELECT t.*, a.document_id, "
        + _sentence_sql("t")
        + " FROM actor_titles AS t JOIN actors AS a ON a.id = t.actor_id"
        " JOIN documents AS d ON d.id = a.document_id ORDER BY t.start_char"
    ):
        titles[str(r["actor_id"])].append(
            {
                "text": str(r["text"]),
                "evidence": evidence(
                    str(r["document_id"]), r["start_char"], r["end_char"], r["sentence"]
                ),
            }
        )
    c = Corpus(
        docs=docs,
        actors=actors,
        index=load_entities(store),
        events=_load_events(conn),
        quotes=_load_quotes(conn),
        figures=_load_figures(conn),
        relations=_load_relations(conn),
        titles=dict(titles),
    )
    c.sources["entities"] = c.index.source
    return c


def _load_events(conn: sqlite3.Connection) -> list[JSON]:
    ev: dict[str, list[JSON]] = defaultdict(list)
    for r in conn.execute(
        "SELECT v.event_id, v.start_char, v.end_char, e.document_id, "
        + _sentence_sql("v")
        + " FROM event_evidence AS v JOIN events AS e ON e.id = v.event_id"
        " JOIN documents AS d ON d.id = e.document_id ORDER BY v.event_id, v.idx"
    ):
        ev[str(r["event_id"])].append(
            evidence(str(r["document_id"]), r["start_char"], r["end_char"], r["sentence"])
        )
    events = []
    for r in conn.execute(
        "SELECT * FROM events ORDER BY date IS NULL, date, document_id, start_char"
    ):
        events.append(
            {
                "id": str(r["id"]),
                "document": str(r["document_id"]),
                "type": str(r["type"]),
                "mode": r["mode"],
                "label": str(r["label"]),
                "trigger": str(r["text"]),
                "start": int(r["start_char"]),
                "end": int(r["end_char"]),
                "actor_ids": json.loads(r["actors"]),
                "actor_texts": json.loads(r["actor_texts"]),
                "target_ids": json.loads(r["targets"]),
                "target_texts": json.loads(r["target_texts"]),
                "place_id": r["place"],
                "place_text": r["place_text"],
                "date": r["date"],
                "date_source": str(r["date_source"]),
                "figure_ids": json.loads(r["figures"]),
                "modality": str(r["modality"]),
                "reported_by_id": r["reported_by"],
                "reported_by_text": r["reported_by_text"],
                "evidence": ev.get(str(r["id"]), []),
            }
        )
    return events


def _load_quotes(conn: sqlite3.Connection) -> list[JSON]:
    return [
        {
            "id": str(r["id"]),
            "document": str(r["document_id"]),
            "text": str(r["text"]),
            "speaker_id": r["speaker"],
            "speaker_text": r["speaker_text"],
            "verb": r["verb"],
            "direct": bool(r["direct"]),
            "start": int(r["start_char"]),
            "end": int(r["end_char"]),
            "evidence": evidence(
                str(r["document_id"]), r["start_char"], r["end_char"], r["sentence"]
            ),
        }
        for r in conn.execute(
            "SELECT q.*, "
            + _sentence_sql("q")
            + " FROM quotes AS q JOIN documents AS d ON d.id = q.document_id"
            " ORDER BY d.published, q.document_id, q.start_char"
        )
    ]


def _load_figures(conn: sqlite3.Connection) -> list[JSON]:
    return [
        {
            "id": str(r["id"]),
            "document": str(r["document_id"]),
            "text": str(r["text"]),
            "value": float(r["value"]),
            "low": r["low"],
            "high": r["high"],
            "qualifier": r["qualifier"],
            "unit": r["unit"],
            "what": r["what"],
            "claimed_by_id": r["claimed_by"],
            "claimed_by_text": r["claimed_by_text"],
            "as_of": r["as_of"],
            "start": int(r["start_char"]),
            "end": int(r["end_char"]),
            "evidence": evidence(
                str(r["document_id"]), r["start_char"], r["end_char"], r["sentence"]
            ),
        }
        for r in conn.execute(
            "SELECT f.*, "
            + _sentence_sql("f")
            + " FROM figures AS f JOIN documents AS d ON d.id = f.document_id"
            " ORDER BY d.published, f.document_id, f.start_char"
        )
    ]


def _load_relations(conn: sqlite3.Connection) -> list[JSON]:
    return [
        {
            "document": str(r["document_id"]),
            "subject_id": str(r["subject"]),
            "predicate": str(r["predicate"]),
            "object_id": r["object"],
            "object_text": r["object_text"],
            "qualifier": r["qualifier"],
            "time": r["time"],
            "evidence": evidence(
                str(r["document_id"]), r["start_char"], r["end_char"], r["sentence"]
            ),
        }
        for r in conn.execute(
            "SELECT r.*, "
            + _sentence_sql("r")
            + " FROM relations AS r JOIN documents AS d ON d.id = r.document_id"
            " ORDER BY r.document_id, r.start_char"
        )
    ]


# --------------------------------------------------------------------------- shaping facts


def event_json(c: Corpus, e: JSON) -> JSON:
    place = c.ref(e["place_id"], e["place_text"])
    return {
        "id": e["id"],
        "href": f"/event/{e['id']}",
        "type": e["type"],
        "mode": e["mode"],
        "label": e["label"],
        "date": e["date"],
        "date_source": e["date_source"],
        "modality": e["modality"],
        "actors": c.refs(e["actor_ids"], e["actor_texts"]),
        "targets": c.refs(e["target_ids"], e["target_texts"]),
        "place": place,
        "reported_by": c.ref(e["reported_by_id"], e["reported_by_text"]),
        "document": c.doc_ref(e["document"]),
        "evidence": e["evidence"],
    }


def quote_json(c: Corpus, q: JSON) -> JSON:
    return {
        "id": q["id"],
        "text": q["text"],
        "speaker": c.ref(q["speaker_id"], q["speaker_text"]),
        "verb": q["verb"],
        "direct": q["direct"],
        "document": c.doc_ref(q["document"]),
        "evidence": q["evidence"],
    }


def figure_json(c: Corpus, f: JSON) -> JSON:
    return {
        "id": f["id"],
        "text": f["text"],
        "value": f["value"],
        "low": f["low"],
        "high": f["high"],
        "qualifier": f["qualifier"],
        "unit": f["unit"],
        "what": f["what"],
        "claimed_by": c.ref(f["claimed_by_id"], f["claimed_by_text"]),
        "as_of": f["as_of"],
        "document": c.doc_ref(f["document"]),
        "evidence": f["evidence"],
    }


def relation_json(c: Corpus, r: JSON) -> JSON:
    return {
        "subject": c.ref(r["subject_id"]),
        "predicate": r["predicate"],
        "object": c.ref(r["object_id"], r["object_text"]),
        "qualifier": r["qualifier"],
        "time": r["time"],
        "document": c.doc_ref(r["document"]),
        "evidence": r["evidence"],
    }


def group_relations(items: Iterable[JSON]) -> list[JSON]:
    """The same statement (subject, predicate, object, qualifier) made in several sentences
    once, with every piece of evidence."""
    grouped: dict[tuple[Any, ...], JSON] = {}
    for r in items:
        key = (
            (r["subject"] or {}).get("name"),
            r["predicate"],
            (r["object"] or {}).get("name"),
            (r["qualifier"] or "").casefold(),
        )
        if key in grouped:
            grouped[key]["all_evidence"].append(r["evidence"])
        else:
            grouped[key] = {**r, "all_evidence": [r["evidence"]]}
    return sorted(grouped.values(), key=lambda r: -len(r["all_evidence"]))


def entity_summary(view: EntityView, degree: int | None = None) -> JSON:
    data: JSON = {
        "id": view.id,
        "href": f"/entity/{view.id}",
        "name": view.name,
        "type": view.type,
        "aliases": list(view.aliases),
        "documents": len(view.documents),
        "mentions": view.mentions,
        "country": view.country,
    }
    if degree is not None:
        data["degree"] = degree
    return data


def in_period(date: str | None, start: str | None, end: str | None) -> bool:
    """Whether a partial ISO date lies in [start, end] (both partial, inclusive)."""
    if not start and not end:
        return True
    if not date:
        return False
    if start and date[: len(start)] < start:
        return False
    return not (end and date[: len(end)] > end)


# --------------------------------------------------------------------------- the graph


def network(
    c: Corpus,
    *,
    types: Sequence[str] = (),
    start: str | None = None,
    end: str | None = None,
) -> tuple[dict[str, int], dict[tuple[str, str], JSON]]:
    """Degree of every entity and the edges between entities: relations and co-participation
    in events (actors with actors and with targets), filtered by entity type and period."""
    edges: dict[tuple[str, str], JSON] = {}

    def add(a: str | None, b: str | None, kind: str, label: str, ev: JSON) -> None:
        if not a or not b or a == b:
            return
        if types and not (c.index.by_id[a].type in types and c.index.by_id[b].type in types):
            return
        key = (a, b) if a < b else (b, a)
        edge = edges.setdefault(key, {"relations": [], "events": 0, "evidence": []})
        if kind == "relation":
            if label not in edge["relations"]:
                edge["relations"].append(label)
        else:
            edge["events"] += 1
        if len(edge["evidence"]) < 5:
            edge["evidence"].append(ev)

    for r in c.relations:
        if (start or end) and not in_period(r["time"], start, end):
            continue
        add(
            c.entity_id(r["subject_id"]),
            c.entity_id(r["object_id"]),
            "relation",
            r["predicate"],
            r["evidence"],
        )
    for e in c.events:
        if not in_period(e["date"], start, end):
            continue
        parts = [c.entity_id(a) for a in e["actor_ids"]]
        others = parts + [c.entity_id(t) for t in e["target_ids"]]
        ev = (
            e["evidence"][0] if e["evidence"] else evidence(e["document"], e["start"], e["end"], "")
        )
        for i, a in enumerate(parts):
            for b in others[i + 1 :]:
                add(a, b, "event", e["type"], ev)
    degree: Counter[str] = Counter()
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
    return dict(degree), edges


def graph(
    c: Corpus,
    *,
    type: str | None = None,
    start: str | None = None,
    end: str | None = None,
    limit: int = 60,
) -> JSON:
    types = tuple(t.strip().upper() for t in (type or "").split(",") if t.strip())
    degree, edges = network(c, types=types, start=start, end=end)
    ranked = sorted(degree, key=lambda e: (-degree[e], c.index.by_id[e].name, e))[:limit]
    kept = set(ranked)
    from newsweave.serve.svg import radial_layout

    positions = radial_layout(ranked)
    nodes = []
    for entity in ranked:
        view = c.index.by_id[entity]
        x, y = positions[entity]
        nodes.append({**entity_summary(view, degree[entity]), "x": x, "y": y})
    links = [
        {
            "source": a,
            "target": b,
            "relations": data["relations"],
            "events": data["events"],
            "evidence": data["evidence"],
        }
        for (a, b), data in sorted(edges.items())
        if a in kept and b in kept
    ]
    present = sorted({c.index.by_id[e].type for e in degree})
    return {
        "filters": {"type": type or "", "start": start or "", "end": end or ""},
        "types": present,
        "nodes": nodes,
        "edges": links,
    }


# --------------------------------------------------------------------------- pages


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """A function of a resolve module that may not be installed yet."""
    import importlib

    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None
    return found if callable(found) else None


def plain(value: Any) -> Any:
    """Records of other modules (dataclasses, tuples, paths) as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "iso") and callable(value.iso):
        return value.iso()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def conflicts(store: Store, c: Corpus) -> tuple[list[JSON], str]:
    """Figures that disagree: conflicts (and revisions) from
    :func:`newsweave.resolve.claims.conflict_records` when installed and resolved, otherwise
    figures counting the same thing (same ``what`` and unit) with different values."""
    records = _optional("newsweave.resolve.claims", "conflict_records")
    if records is not None:
        try:
            found = [plain(r) for r in records(store)]
        except sqlite3.OperationalError:
            found = []
        if found or _has_rows(store, "claims"):
            for conflict in found:
                conflict.setdefault("unit", None)
                conflict["anchor"] = "what-" + "-".join(fold(conflict["what"] or "").split())
                conflict["figures"] = list(conflict.get("figures") or [])
            return found, "resolve.claims"
    return [
        {
            "what": g["what"],
            "kind": "conflict",
            "unit": g["unit"],
            "values": g["values"],
            "figures": g["figure_ids"],
        }
        for g in figure_groups(c)
        if len(g["values"]) > 1
    ], "fallback"


def _has_rows(store: Store, table: str) -> bool:
    try:
        return store.connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:
        return False


def claim_groups(store: Store, c: Corpus) -> list[JSON] | None:
    """Resolved claims (:func:`newsweave.resolve.claims.claim_records`) grouped by what
    they count, each claim with its claimants and evidence; None when not resolved."""
    records = _optional("newsweave.resolve.claims", "claim_records")
    if records is None:
        return None
    try:
        claims = [plain(r) for r in records(store)]
    except sqlite3.OperationalError:
        return None
    if not claims:
        return None
    groups: dict[str, list[JSON]] = defaultdict(list)
    for claim in claims:
        claim["corroborated"] = len(claim.get("documents") or []) > 1
        claim["evidence"] = [
            {
                **evidence(e["document"], e["start"], e["end"], e["text"]),
                "figure_text": e.get("figure_text"),
                "claimant": e.get("claimant"),
                "date": e.get("date"),
                "doc": c.doc_ref(e["document"]),
            }
            for e in claim.get("evidence") or []
        ]
        groups[claim["what"]].append(claim)
    result: list[JSON] = []
    for what, members in groups.items():
        values = sorted({m["value"] for m in members})
        result.append(
            {
                "what": what or None,
                "anchor": "what-" + "-".join(fold(what).split()) if what else "what-other",
                "unit": members[0].get("unit"),
                "values": values,
                "claims": members,
                "documents": len({d for m in members for d in m.get("documents") or []}),
                "conflict": bool(what) and any(m.get("status") == "conflicting" for m in members),
            }
        )
    result.sort(key=lambda g: (not g["conflict"], -g["documents"], g["what"]))
    return result


def figure_groups(c: Corpus) -> list[JSON]:
    """Figures grouped by what they count (and unit): the claims side by side."""
    groups: dict[tuple[str, str], list[JSON]] = defaultdict(list)
    for f in c.figures:
        if f["what"]:
            groups[(fold(f["what"]), f["unit"] or "")].append(f)
    result = []
    for (what, unit), figures in groups.items():
        by_value: dict[float, list[JSON]] = defaultdict(list)
        for f in figures:
            by_value[f["value"]].append(f)
        claims = [
            {
                "value": value,
                "documents": len({f["document"] for f in fs}),
                "corroborated": len({f["document"] for f in fs}) > 1,
                "figures": [figure_json(c, f) for f in fs],
            }
            for value, fs in sorted(by_value.items())
        ]
        result.append(
            {
                "what": figures[0]["what"],
                "key": what,
                "unit": unit or None,
                "values": sorted(by_value),
                "figure_ids": [f["id"] for f in figures],
                "claims": claims,
                "documents": len({f["document"] for f in figures}),
            }
        )
    result.sort(key=lambda g: (-(len(g["values"]) > 1), -g["documents"], g["key"]))
    return result


def overview(store: Store, c: Corpus) -> JSON:
    status = store.status()
    degree, _ = network(c)
    top = sorted(degree, key=lambda e: (-degree[e], c.index.by_id[e].name))[:15]
    dated = [e for e in c.events if e["date"] and e["date_source"] != "none"]
    latest = sorted(dated, key=lambda e: (e["date"], e["id"]), reverse=True)[:12]
    found, source = conflicts(store, c)
    found = [k for k in found if k.get("kind", "conflict") == "conflict"]
    by_outlet = Counter(d["publisher"] or "unknown" for d in c.docs.values())
    by_month = Counter((d["published"] or "undated")[:7] for d in c.docs.values())
    documents = [
        {**d, "published": d["published"], "href": f"/doc/{d['id']}"} for d in c.docs.values()
    ]
    return {
        "status": plain(dataclasses.asdict(status)),
        "counts": {
            "documents": status.documents,
            "entities": len(c.index.entities),
            "actors": len(c.actors),
            "events": len(c.events),
            "quotes": len(c.quotes),
            "figures": len(c.figures),
            "relations": len(c.relations),
            "conflicts": len(found),
        },
        "top_entities": [entity_summary(c.index.by_id[e], degree[e]) for e in top],
        "latest_events": [event_json(c, e) for e in latest],
        "conflicts": found[:10],
        "by_outlet": [{"outlet": k, "documents": n} for k, n in sorted(by_outlet.items())],
        "by_month": [{"month": k, "documents": n} for k, n in sorted(by_month.items())],
        "documents": documents,
        "sources": {**c.sources, "conflicts": source},
    }


def entities(c: Corpus, type: str | None = None, q: str | None = None) -> JSON:
    degree, _ = network(c)
    views = [
        v
        for v in c.index.entities
        if (not type or v.type == type.upper())
        and (not q or fold(q) in fold(" ".join((v.name, *v.aliases))))
    ]
    return {
        "filters": {"type": type or "", "q": q or ""},
        "types": sorted({v.type for v in c.index.entities}),
        "entities": [entity_summary(v, degree.get(v.id, 0)) for v in views],
    }


def entity(store: Store, c: Corpus, entity_id: str) -> JSON | None:
    view = c.index.by_id.get(entity_id)
    if view is None:  # an actor id leads to its entity
        owner = c.index.of_actor.get(entity_id)
        view = c.index.by_id.get(owner) if owner else None
    if view is None:
        return None
    ids = set(view.actor_ids)
    titles: dict[str, list[JSON]] = defaultdict(list)
    for actor in view.actor_ids:
        for t in c.titles.get(actor, []):
            titles[t["text"]].append(t["evidence"])
    relations = group_relations(
        relation_json(c, r) for r in c.relations if r["subject_id"] in ids or r["object_id"] in ids
    )
    as_actor = [event_json(c, e) for e in c.events if ids & set(e["actor_ids"])]
    as_target = [event_json(c, e) for e in c.events if ids & set(e["target_ids"])]
    at_place = [event_json(c, e) for e in c.events if e["place_id"] in ids]
    names = [fold(n) for n in (view.name, *view.aliases) if len(n) > 2]
    quotes_by = [quote_json(c, q) for q in c.quotes if q["speaker_id"] in ids]
    quotes_about = [
        quote_json(c, q)
        for q in c.quotes
        if q["speaker_id"] not in ids and any(n in fold(q["text"]) for n in names)
    ]
    figures = [figure_json(c, f) for f in c.figures if f["claimed_by_id"] in ids]
    timeline = sorted(
        (e for e in as_actor + as_target + at_place if e["date"]),
        key=lambda e: (e["date"], e["id"]),
    )
    place = _place(store, view)
    return {
        **entity_summary(view),
        "titles": [{"text": t, "evidence": evs} for t, evs in titles.items()],
        "geo": place,
        "relations": relations,
        "events_as_actor": as_actor,
        "events_as_target": as_target,
        "events_at_place": at_place,
        "quotes_by": quotes_by,
        "quotes_about": quotes_about,
        "figures": figures,
        "timeline": [
            {
                "date": e["date"],
                "label": e["label"],
                "type": e["type"],
                "href": e["href"],
                "evidence": e["evidence"][:1],
            }
            for e in {e["id"]: e for e in timeline}.values()
        ],
        "document_list": sorted(
            (c.doc_ref(d) for d in view.documents),
            key=lambda d: (d["published"] or "9999", d["title"] or "", d["id"]),
        ),
        "actors": [
            {**c.actors[a], "first": c.titles.get(a, [])[:0]}
            for a in view.actor_ids
            if a in c.actors
        ],
        "source": c.sources.get("entities"),
    }


def _place(store: Store, view: EntityView) -> JSON | None:
    if view.type not in PLACE_TYPES:
        return None
    for actor in view.actor_ids:
        point = place_point(store, actor)
        if point is not None:
            return point
    return None


def place_point(store: Store, actor_id: str) -> JSON | None:
    """Coordinates of a place actor from :func:`newsweave.resolve.places.place_of`."""
    place_of = _optional("newsweave.resolve.places", "place_of")
    if place_of is None:
        return None
    try:
        row = place_of(store, actor_id)
    except sqlite3.OperationalError:  # the places table is not migrated yet
        return None
    if row is None or row.lat is None or row.lon is None:
        return None
    return {"lat": float(row.lat), "lon": float(row.lon), "country": row.country, "name": row.name}


def events(
    c: Corpus,
    *,
    type: str | None = None,
    start: str | None = None,
    end: str | None = None,
    entity: str | None = None,
) -> JSON:
    ids = set(c.index.by_id[entity].actor_ids) if entity and entity in c.index.by_id else None
    chosen = [
        e
        for e in c.events
        if (not type or e["type"] == type.upper())
        and in_period(e["date"], start, end)
        and (ids is None or ids & {*e["actor_ids"], *e["target_ids"], e["place_id"]})
    ]
    return {
        "filters": {
            "type": type or "",
            "start": start or "",
            "end": end or "",
            "entity": entity or "",
        },
        "types": sorted({e["type"] for e in c.events}),
        "events": [event_json(c, e) for e in chosen],
    }


def event(store: Store, c: Corpus, event_id: str) -> JSON | None:
    found = next((e for e in c.events if e["id"] == event_id), None)
    if found is None:
        return None
    data = event_json(c, found)
    data["figures"] = [figure_json(c, f) for f in c.figures if f["id"] in found["figure_ids"]]
    data["trigger"] = found["trigger"]
    data["evidence"] = _distinct(data.get("evidence") or [], set())
    data["story"] = _story(store, c, event_id)
    if data["story"] is not None:
        told = {(e["document"], e["text"]) for e in data["evidence"]}
        data["story"]["evidence"] = _distinct(data["story"]["evidence"], told)
    data["same_day"] = [
        {
            "id": e["id"],
            "href": f"/event/{e['id']}",
            "label": e["label"],
            "type": e["type"],
            "document": c.doc_ref(e["document"]),
        }
        for e in c.events
        if e["id"] != event_id
        and e["date"]
        and e["date"] == found["date"]
        and e["type"] == found["type"]
    ][:20]
    return data


def _distinct(items: list[JSON], seen: set[tuple[str, str]]) -> list[JSON]:
    """Evidence with each sentence of each document once (two triggers of one event can
    share a sentence; the story repeats the event's own sentences)."""
    kept = []
    for item in items:
        key = (str(item["document"]), str(item["text"]))
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _story(store: Store, c: Corpus, event_id: str) -> JSON | None:
    """The cross-document story event holding this event (``newsweave.resolve.events``):
    the same happening as told by every source."""
    records = _optional("newsweave.resolve.events", "story_event_records")
    if records is None:
        return None
    try:
        found = [r for r in records(store) if event_id in r.members]
    except sqlite3.OperationalError:
        return None
    if not found:
        return None
    data: JSON = plain(found[0])
    data["evidence"] = [
        {
            **evidence(e["document"], e["start"], e["end"], e["text"]),
            "doc": c.doc_ref(e["document"]),
        }
        for e in data.get("evidence") or []
    ]
    data["member_links"] = [
        {"id": m, "href": f"/event/{m}"} for m in data.get("members") or [] if m != event_id
    ]
    return data


def quotes(c: Corpus, *, speaker: str | None = None, q: str | None = None) -> JSON:
    ids = set(c.index.by_id[speaker].actor_ids) if speaker and speaker in c.index.by_id else None
    chosen = [
        x
        for x in c.quotes
        if (ids is None or x["speaker_id"] in ids) and (not q or fold(q) in fold(x["text"]))
    ]
    return {
        "filters": {"speaker": speaker or "", "q": q or ""},
        "quotes": [quote_json(c, x) for x in chosen],
    }


def figures(store: Store, c: Corpus) -> JSON:
    found, source = conflicts(store, c)
    resolved = claim_groups(store, c)
    return {
        "claims": resolved,
        "groups": figure_groups(c) if resolved is None else [],
        "conflicts": found,
        "ungrouped": [figure_json(c, f) for f in c.figures if not f["what"]],
        "sources": {
            "conflicts": source,
            "claims": "resolve.claims" if resolved is not None else "fallback",
        },
    }


def timeline(
    store: Store,
    c: Corpus,
    *,
    start: str | None = None,
    end: str | None = None,
    type: str | None = None,
    entity: str | None = None,
    everything: bool = False,
) -> JSON:
    """Dated events (story events and dated statements from :mod:`newsweave.resolve.timeline`
    when installed) between ``start`` and ``end``; without a period, the one most entries
    fall in (``everything``: all of them)."""
    chosen = events(c, type=type, start=start, end=end, entity=entity)["events"]
    entries = [
        {
            "date": e["date"],
            "label": e["label"],
            "type": e["type"],
            "href": e["href"],
            "id": e["id"],
            "date_source": e["date_source"],
            "evidence": e["evidence"][:1],
            "document": e["document"],
        }
        for e in chosen
        if e["date"] and e["date_source"] not in ("none",)
    ]
    resolved = _optional("newsweave.resolve.timeline", "timeline")
    source = "fallback"
    if resolved is not None:
        try:
            rows = [
                plain(r) for r in resolved(store, entity=entity, type=type, start=start, end=end)
            ]
        except sqlite3.OperationalError:
            rows = []
        if rows or _has_rows(store, "story_events"):
            first_member = _story_members(store)
            entries = [_timeline_entry(r, first_member) for r in rows]
            source = "resolve.timeline"
    dates = sorted(e["date"] for e in entries if e["date"])
    window = {"start": start or "", "end": end or "", "outside": 0}
    if start or end:
        # a zoomed period shows what is dated at least as precisely as its bounds
        precision = max(len(start or ""), len(end or ""))
        kept = [e for e in entries if e["date"] and len(e["date"]) >= precision]
        window["outside"] = len(entries) - len(kept)
        entries = kept
    if not start and not end and not everything and len(dates) >= 20:
        # by default, the busy period: from the first to the last month holding at least
        # 5% of the entries (a few old dates would squeeze everything else to one edge)
        months = Counter(d[:7] for d in dates if len(d) >= 7)
        busy = sorted(m for m, n in months.items() if n >= 0.05 * len(dates)) or sorted(months)
        low, high = busy[0], busy[-1]
        kept = [e for e in entries if e["date"] and in_period(e["date"], low, high)]
        window = {"start": low, "end": high, "outside": len(entries) - len(kept)}
        entries = kept
    return {
        "window": window,
        "filters": {
            "start": start or "",
            "end": end or "",
            "type": type or "",
            "entity": entity or "",
        },
        "types": sorted({e["type"] for e in c.events}),
        "range": _date_range(entries),
        "entries": entries,
        "source": source,
    }


def _date_range(entries: Sequence[JSON]) -> JSON:
    dates = sorted(e["date"] for e in entries if e["date"])
    return {"first": dates[0] if dates else None, "last": dates[-1] if dates else None}


def _story_members(store: Store) -> dict[str, str]:
    """Story event id → its first member (a per-document event with a page)."""
    try:
        rows = store.connection.execute(
            "SELECT m.story_event_id, m.event_id FROM story_event_members AS m"
            " JOIN events AS e ON e.id = m.event_id JOIN documents AS d ON d.id = e.document_id"
            " ORDER BY d.published DESC, e.document_id DESC, e.start_char DESC"
        ).fetchall()
    except sqlite3.OperationalError:
        return {}
    return {str(r[0]): str(r[1]) for r in rows}


def _timeline_entry(row: JSON, first_member: Mapping[str, str]) -> JSON:
    story = row.get("event")
    evs = [
        evidence(e["document"], e["start"], e["end"], e["text"])
        for e in row.get("evidence") or []
        if isinstance(e, dict)
    ]
    member = first_member.get(story) if story else None
    return {
        "date": row.get("date"),
        "label": row.get("text") or "",
        "type": row.get("type") or "STATEMENT",
        "kind": row.get("kind"),
        "href": f"/event/{member}" if member else (evs[0]["href"] if evs else None),
        "id": story,
        "date_source": row.get("precision"),
        "evidence": evs[:1],
        "documents": len(row.get("documents") or []),
        "actors": list(row.get("actors") or []),
    }


def places(store: Store, c: Corpus) -> JSON:
    """Places with coordinates and the events tied to each."""
    by_place: dict[str, JSON] = {}
    for view in c.index.entities:
        if view.type not in PLACE_TYPES:
            continue
        point = _place(store, view)
        if point is None:
            continue
        by_place[view.id] = {**entity_summary(view), **point, "events": []}
    missing = sum(1 for v in c.index.entities if v.type in PLACE_TYPES) - len(by_place)
    for e in c.events:
        owner = c.entity_id(e["place_id"])
        if owner in by_place:
            by_place[owner]["events"].append(
                {
                    "id": e["id"],
                    "href": f"/event/{e['id']}",
                    "label": e["label"],
                    "type": e["type"],
                    "date": e["date"],
                }
            )
    found = sorted(by_place.values(), key=lambda p: (-len(p["events"]), -p["mentions"], p["name"]))
    return {
        "places": found,
        "without_coordinates": missing,
        "source": "resolve.places"
        if _optional("newsweave.resolve.places", "place_of")
        else "missing",
    }


# --------------------------------------------------------------------------- search


SEARCH_ROLES = tuple(r.value for r in Role)
_HIT_OPEN, _HIT_CLOSE = "\ue000", "\ue001"


def search(
    store: Store,
    c: Corpus,
    q: str,
    *,
    entity_type: str | None = None,
    event_type: str | None = None,
    outlet: str | None = None,
    start: str | None = None,
    end: str | None = None,
    limit: int = 50,
) -> JSON:
    hits_raw = store.search(q, limit=400, marks=(_HIT_OPEN, _HIT_CLOSE)) if q.strip() else []
    facts = _segment_facts(store, {h.document_id for h in hits_raw})
    rows: list[JSON] = []
    for h in hits_raw:
        doc = c.docs.get(h.document_id, {})
        types_here = {
            t for a, b, t in facts["mentions"].get(h.document_id, []) if h.start <= a < h.end
        }
        events_here = {
            t for a, b, t in facts["events"].get(h.document_id, []) if h.start <= a < h.end
        }
        rows.append(
            {
                "document_id": h.document_id,
                "href": f"/doc/{h.document_id}#c{h.start}-{h.end}",
                "idx": h.idx,
                "role": h.role.value,
                "start": h.start,
                "end": h.end,
                "title": h.title,
                "snippet": h.snippet.replace(_HIT_OPEN, "[").replace(_HIT_CLOSE, "]"),
                "parts": _snippet_parts(h.snippet),
                "score": round(h.score, 4),
                "outlet": doc.get("publisher") or "unknown",
                "published": doc.get("published"),
                "entity_types": sorted(types_here),
                "event_types": sorted(events_here),
            }
        )
    chosen = [
        r
        for r in rows
        if (not entity_type or entity_type.upper() in r["entity_types"])
        and (not event_type or event_type.upper() in r["event_types"])
        and (not outlet or r["outlet"] == outlet)
        and in_period(r["published"], start, end)
    ]
    facets = {
        "entity_type": Counter(t for r in chosen for t in r["entity_types"]),
        "event_type": Counter(t for r in chosen for t in r["event_types"]),
        "outlet": Counter(r["outlet"] for r in chosen),
        "period": Counter((r["published"] or "undated")[:7] for r in chosen),
    }
    return {
        "q": q,
        "filters": {
            "entity_type": entity_type or "",
            "event_type": event_type or "",
            "outlet": outlet or "",
            "start": start or "",
            "end": end or "",
        },
        "total": len(chosen),
        "hits": chosen[:limit],
        "facets": {
            k: [{"value": v, "count": n} for v, n in sorted(cnt.items())]
            for k, cnt in facets.items()
        },
    }


def _snippet_parts(snippet: str) -> list[JSON]:
    parts: list[JSON] = []
    rest = snippet
    while rest:
        before, sep, after = rest.partition(_HIT_OPEN)
        if before:
            parts.append({"text": before, "hit": False})
        if not sep:
            break
        inside, _, rest = after.partition(_HIT_CLOSE)
        parts.append({"text": inside, "hit": True})
    return parts


def _segment_facts(store: Store, doc_ids: set[str]) -> dict[str, dict[str, list[Any]]]:
    mentions: dict[str, list[Any]] = defaultdict(list)
    events_: dict[str, list[Any]] = defaultdict(list)
    for doc in doc_ids:
        for r in store.connection.execute(
            "SELECT start_char, end_char, type FROM mentions WHERE document_id = ?", (doc,)
        ):
            mentions[doc].append((int(r[0]), int(r[1]), str(r[2])))
        for r in store.connection.execute(
            "SELECT start_char, end_char, type FROM events WHERE document_id = ?", (doc,)
        ):
            events_[doc].append((int(r[0]), int(r[1]), str(r[2])))
    return {"mentions": mentions, "events": events_}


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class Fact:
    """A span of the text to highlight or anchor on the document page."""

    start: int
    end: int
    kind: str
    """One of :data:`MARK_KINDS`, or ``anchor`` (only an anchor, no highlight)."""
    label: str
    href: str | None = None


def document_facts(store: Store, c: Corpus, doc_id: str) -> list[Fact]:
    conn = store.connection
    found: list[Fact] = []
    for r in conn.execute(
        "SELECT start_char, end_char, actor_id, type, text FROM mentions WHERE document_id = ?",
        (doc_id,),
    ):
        ref = c.ref(r["actor_id"])
        name = ref["name"] if ref else str(r["text"])
        found.append(
            Fact(r[0], r[1], "actor", f"{r['type']}: {name}", ref["href"] if ref else None)
        )
    for r in conn.execute(
        "SELECT start_char, end_char, value, type FROM time_expressions WHERE document_id = ?",
        (doc_id,),
    ):
        found.append(Fact(r[0], r[1], "date", f"{r['type']}: {r['value']}"))
    for f in c.figures:
        if f["document"] == doc_id:
            found.append(
                Fact(
                    f["start"],
                    f["end"],
                    "figure",
                    f"figure: {f['value']:g} {f['what'] or ''}".strip(),
                )
            )
    for q in c.quotes:
        if q["document"] == doc_id:
            speaker = c.ref(q["speaker_id"], q["speaker_text"])
            found.append(
                Fact(
                    q["start"], q["end"], "quote", f"quote by {speaker['name'] if speaker else '?'}"
                )
            )
    for e in c.events:
        if e["document"] == doc_id:
            for ev in e["evidence"] or [evidence(doc_id, e["start"], e["end"], "")]:
                found.append(
                    Fact(
                        ev["start"],
                        ev["end"],
                        "event",
                        f"{e['type']}: {e['label']}",
                        f"/event/{e['id']}",
                    )
                )
    for r in c.relations:
        if r["document"] == doc_id:
            found.append(
                Fact(r["evidence"]["start"], r["evidence"]["end"], "anchor", r["predicate"])
            )
    for actor in c.actors.values():
        if actor["document"] == doc_id:
            for t in c.titles.get(actor["id"], []):
                found.append(
                    Fact(t["evidence"]["start"], t["evidence"]["end"], "anchor", t["text"])
                )
    return found


def sentences_of(store: Store, doc_id: str) -> list[tuple[int, int]]:
    row = store.connection.execute(
        "SELECT sentences FROM analyses WHERE document_id = ?", (doc_id,)
    ).fetchone()
    if row is None:
        return []
    return [(int(a), int(b)) for a, b in json.loads(row[0])]


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


def document(store: Store, c: Corpus, doc_id: str) -> JSON | None:
    from newsweave.errors import NewsweaveError
    from newsweave.export.json import document_json

    try:
        doc = store.get_document(doc_id)
    except NewsweaveError:
        return None
    sources = store.document_sources(doc.id)
    meta = document_json(doc, sources)
    date = doc.date
    meta.update(
        {
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
    facts = document_facts(store, c, doc.id)
    kinds = Counter(f.kind for f in facts if f.kind != "anchor")
    return {
        "document": meta,
        "sources": sources,
        "facts": {
            "counts": {k: kinds.get(k, 0) for k in MARK_KINDS},
            "events": [event_json(c, e) for e in c.events if e["document"] == doc.id],
            "quotes": [quote_json(c, q) for q in c.quotes if q["document"] == doc.id],
            "figures": [figure_json(c, f) for f in c.figures if f["document"] == doc.id],
            "relations": [relation_json(c, r) for r in c.relations if r["document"] == doc.id],
            "entities": _document_entities(c, doc.id),
        },
    }


def _document_entities(c: Corpus, doc_id: str) -> list[JSON]:
    found: dict[str, JSON] = {}
    for actor in c.actors.values():
        if actor["document"] == doc_id:
            ref = c.ref(actor["id"])
            if ref is not None and ref["id"]:
                found.setdefault(ref["id"], ref)
    return list(found.values())


def render_segments(store: Store, c: Corpus, data: JSON) -> list[Markup]:
    """The highlighted HTML of every segment of a :func:`document` result."""
    meta = data["document"]
    doc = store.get_document(meta["id"])
    sentences = sentences_of(store, doc.id)
    facts = document_facts(store, c, doc.id)
    used: set[str] = set()
    return [
        highlight(doc.text, s.start, s.end, sentences or [(s.start, s.end)], facts, used)
        for s in doc.segments
    ]
