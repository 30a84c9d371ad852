"""The JSON export, format ``newsweave/1`` (see DESIGN.md, "Contract: newsweave export").

Tools outside the project read this file: the keys and meanings of the contract stay; new
keys may be added. Entities (per document for now), relations, events, quotes, figures and
the timeline come from the per-document analysis; conflicts stay empty until
cross-document resolution exists.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsweave.export.citations import document_citations, entity_citations
from newsweave.model.facts import DocAnalysis, Quote, Relation
from newsweave.model.ids import content_id
from newsweave.model.records import Document, Evidence
from newsweave.store.analysis import figure_id, load_analysis, quote_id
from newsweave.store.sqlite import Store

FORMAT = "newsweave/1"

JSONObject = dict[str, Any]

SECTIONS = ("entities", "relations", "events", "quotes", "figures", "conflicts", "timeline")
"""The list-valued keys of the export besides ``documents``."""


def evidence_json(evidence: Evidence) -> JSONObject:
    """An Evidence as the contract's ``E`` object (``document``, ``start``, ``end``, ``text``)."""
    return {
        "document": evidence.document,
        "start": evidence.start,
        "end": evidence.end,
        "text": evidence.text,
    }


def document_json(doc: Document, sources: list[str]) -> JSONObject:
    """One entry of ``documents``: the contract's keys first, then additions."""
    published = doc.published
    return {
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "authors": list(doc.authors),
        "publisher": doc.publisher,
        "published": published.iso() if published else None,
        "language": doc.language,
        "genre": doc.genre,
        # additions to the contract
        "url": doc.url,
        "format": doc.format,
        "sources": sources,
        "near_duplicate_of": doc.near_duplicate_of,
        "date_inferred": doc.date.inferred if doc.date else None,
        "date_source": doc.date.source if doc.date else None,
        "word_count": doc.word_count,
        "segments": [{"role": s.role.value, "start": s.start, "end": s.end} for s in doc.segments],
        **document_citations(doc),
    }


def export_json(store: Store) -> JSONObject:
    """The whole store as one ``newsweave/1`` object."""
    result: JSONObject = {"format": FORMAT, "documents": []}
    result.update({section: [] for section in SECTIONS})
    from newsweave.export.corpus import corpus_sections, is_resolved

    resolved = is_resolved(store)
    for doc in store.iter_documents():
        result["documents"].append(document_json(doc, store.document_sources(doc.id)))
        analysis = load_analysis(store, doc.id) if not resolved else None
        if analysis is not None:
            add_analysis(result, analysis, store)
    if resolved:
        result.update(corpus_sections(store))
    result["timeline"].sort(key=_timeline_key)
    return result


def quote_json(
    doc_id: str, quote: Quote, speaker: str | None, on_behalf_of: str | None = None
) -> JSONObject:
    """One entry of ``quotes``; ``speaker`` (and ``on_behalf_of``, whom the speaker speaks
    for) is the actor id, or its entity once resolved."""
    return {
        "id": quote_id(doc_id, quote),
        "text": quote.span.text,
        "speaker": speaker,
        "speaker_text": quote.speaker_text,
        "verb": quote.verb,
        "direct": quote.direct,
        "evidence": [evidence_json(quote.evidence)],
        # additions
        "on_behalf_of": on_behalf_of,
        "on_behalf_of_text": quote.on_behalf_of_text,
    }


def add_analysis(result: JSONObject, analysis: DocAnalysis, store: Store | None = None) -> None:
    """Add one document's facts. Until cross-document resolution exists, each entity is an
    actor of one document (``documents`` has that one id); with ``store``, each entity
    cites its names, type and titles (:mod:`newsweave.export.citations`)."""
    doc_id = analysis.document
    for actor in analysis.actors:
        citations = (
            entity_citations(
                store.connection,
                (actor.id,),
                (actor.name, *actor.aliases),
                actor.type,
                (
                    (t.text, t.evidence.document, t.evidence.start, t.evidence.end)
                    for t in actor.titles
                ),
                actor.country,
                None,
            )
            if store is not None
            else {}
        )
        result["entities"].append(
            {
                "id": actor.id,
                "name": actor.name,
                "type": actor.type,
                "aliases": list(actor.aliases),
                "titles": list(dict.fromkeys(t.text for t in actor.titles)),
                "documents": [doc_id],
                "mentions": actor.mentions,
                "geo": None,
                # additions
                "country": actor.country,
                "title_evidence": [
                    {"title": t.text, **evidence_json(t.evidence)} for t in actor.titles
                ],
                **{k: v for k, v in citations.items() if k != "title_evidence"},
            }
        )
    for quote in analysis.quotes:
        result["quotes"].append(quote_json(doc_id, quote, quote.speaker, quote.on_behalf_of))
    for figure in analysis.figures:
        result["figures"].append(
            {
                "id": figure_id(doc_id, figure),
                "value": figure.value,
                "low": figure.low,
                "high": figure.high,
                "qualifier": figure.qualifier,
                "unit": figure.unit,
                "what": figure.what,
                "claimed_by": figure.claimed_by,
                # additions
                "claimed_by_text": figure.claimed_by_text,
                "as_of": figure.as_of,
                "part_of": figure.part_of,
                "text": figure.span.text,
                "evidence": [evidence_json(figure.evidence)],
            }
        )
    for event in analysis.events:
        result["events"].append(
            {
                "id": event.id,
                "type": event.type,
                "mode": event.mode,
                "label": event.label,
                "actors": list(event.actors),
                "targets": list(event.targets),
                "place": event.place,
                "date": event.date,
                "figures": list(event.figures),
                "modality": event.modality,
                "evidence": [evidence_json(e) for e in event.evidence],
                # additions
                "actor_texts": list(event.actor_texts),
                "target_texts": list(event.target_texts),
                "place_text": event.place_text,
                "date_source": event.date_source,
                "reported_by": event.reported_by,
                "reported_by_text": event.reported_by_text,
                "quotes": list(event.quotes),
                "document": doc_id,
            }
        )
        if event.date and event.date_source != "publication":
            result["timeline"].append(
                {
                    "date": event.date,
                    "text": event.label,
                    "event": event.id,
                    "evidence": [evidence_json(e) for e in event.evidence],
                }
            )
    for relation in analysis.relations:
        result["relations"].append(
            {
                "id": relation_id(doc_id, relation),
                "subject": relation.subject,
                "predicate": relation.predicate,
                "object": relation.object,
                "qualifier": relation.qualifier,
                "evidence": [evidence_json(relation.evidence)],
                # additions
                "object_text": relation.object_text,
                "time": relation.time,
            }
        )
    for time in analysis.times:
        if time.type == "DATE" and time.precision in ("day", "month", "year"):
            result["timeline"].append(
                {
                    "date": time.value,
                    "text": time.evidence.text,
                    "event": None,
                    "evidence": [evidence_json(time.evidence)],
                    # additions
                    "precision": time.precision,
                    "expression": time.span.text,
                }
            )


def _timeline_key(entry: JSONObject) -> tuple[str, str]:
    evidence = entry["evidence"]
    return (str(entry["date"]), str(evidence[0]["document"]) if evidence else "")


def relation_id(doc_id: str, relation: Relation) -> str:
    """Content id of a relation stated in one document."""
    parts = (relation.subject, relation.predicate, relation.object or "", relation.qualifier or "")
    return content_id("r", doc_id, *parts)


def write_json(store: Store, path: Path) -> None:
    """Write :func:`export_json` to ``path`` (UTF-8, indent 1) atomically.

    The object is written to a temporary file next to ``path`` and renamed over it, so a
    reader never sees half a file and a failure leaves any earlier export in place.
    """
    from newsweave.export.atomic import atomic_file

    data = export_json(store)
    with atomic_file(Path(path)) as handle:
        json.dump(data, handle, indent=1, ensure_ascii=False)
        handle.write("\n")
