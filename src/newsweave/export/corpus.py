"""The corpus-level sections of the ``newsweave/1`` export, once the corpus is resolved:
entities across documents (with ``geo`` for places), relations and quotes pointing at those
entities, claims as ``figures`` (evidence from every document that states them),
``conflicts``, story events as ``events`` and the corpus ``timeline``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from newsweave.export.citations import derive_located_in, entity_citations
from newsweave.export.json import quote_json
from newsweave.model.ids import content_id
from newsweave.resolve.claims import ClaimRecord, claim_records, conflict_records
from newsweave.resolve.entities import EntityRecord, entity_records
from newsweave.resolve.events import StoryEventRecord, story_event_records
from newsweave.resolve.figure_parts import wholes_of
from newsweave.resolve.places import place_of
from newsweave.resolve.timeline import timeline
from newsweave.store.analysis import load_analysis
from newsweave.store.sqlite import Store

JSONObject = dict[str, Any]


def is_resolved(store: Store) -> bool:
    """Whether the corpus model has been built (entities exist)."""
    row = store.connection.execute("SELECT count(*) FROM entities").fetchone()
    return bool(row[0])


def corpus_sections(store: Store) -> JSONObject:
    """Every section but ``documents``, from the resolved corpus model."""
    records = entity_records(store)
    of = {actor: record.id for record in records for actor in record.actor_ids}
    claims = claim_records(store)
    claim_of = {figure: claim.id for claim in claims for figure in claim.figures}
    stories = story_event_records(store)  # read once: the events and the timeline use them
    sections: JSONObject = {
        "entities": [_entity(store, record) for record in records],
        "relations": [],
        "events": _events(store, stories, of, claim_of),
        "quotes": [],
        "figures": [_claim(store, claim, of) for claim in claims],
        "conflicts": [],
        "revisions": [],
        "timeline": [_entry(e) for e in timeline(store, stories=stories)],
    }
    by_claim = {claim.id: claim for claim in claims}
    for conflict in conflict_records(store, claims=claims):
        key = "conflicts" if conflict.kind == "conflict" else "revisions"
        sections[key].append(
            {
                "what": conflict.what,
                "figures": list(conflict.claims),
                "values": list(conflict.values),
                # additions
                "id": conflict.id,
                "claimants": [list(c) for c in conflict.claimants],
                "dates": list(conflict.dates),
                "value_evidence": [
                    {
                        "value": value,
                        "claim": claim_id,
                        "evidence": _evidence(by_claim[claim_id].evidence)
                        if claim_id in by_claim
                        else [],
                    }
                    for claim_id, value in zip(conflict.claims, conflict.values, strict=False)
                ],
            }
        )
    _per_document(store, of, sections)
    entities = {e["id"]: e for e in sections["entities"]}
    for relation in sections["relations"]:
        target = entities.get(relation.get("object") or "")
        subject = entities.get(relation["subject"])
        names = [target["name"], *target["aliases"]] if target else [relation.get("object_text")]
        geo = (subject or {}).get("geo") or {}
        derive_located_in(relation, [n for n in names if n], geo.get("gazetteer_id"))
    return sections


def _entity(store: Store, record: EntityRecord) -> JSONObject:
    geo: JSONObject | None = None
    for actor in record.actor_ids:
        place = place_of(store, actor)
        if place is not None and place.lat is not None and place.lon is not None:
            geo = {
                "lat": place.lat,
                "lon": place.lon,
                "country": place.country,
                "gazetteer_id": place.gazetteer_id,
            }
            break
    return {
        "id": record.id,
        "name": record.name,
        "type": record.type,
        "aliases": list(record.aliases),
        "titles": list(dict.fromkeys(t.text for t in record.titles)),
        "documents": list(record.documents),
        "mentions": record.mentions,
        "geo": geo,
        # additions
        "country": record.country,
        "actors": list(record.actor_ids),
        **entity_citations(
            store.connection,
            record.actor_ids,
            (record.name, *record.aliases),
            record.type,
            ((t.text, *e) for t in record.titles for e in t.evidence),
            record.country,
            geo,
        ),
    }


def _evidence(items: Iterable[Any]) -> list[JSONObject]:
    return [{"document": e.document, "start": e.start, "end": e.end, "text": e.text} for e in items]


def _claim(store: Store, claim: ClaimRecord, of: dict[str, str]) -> JSONObject:
    claimants = _claimant_entities(store, claim.figures, of)
    return {
        "id": claim.id,
        "value": claim.value,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier,
        "unit": claim.unit,
        "what": claim.what,
        "claimed_by": claimants[0] if claimants else None,
        "evidence": _evidence(claim.evidence),
        # additions
        "status": claim.status,
        "as_of": claim.as_of,
        "place": claim.place,
        "claimants": [
            {"name": c.name, "date": c.date, "document": c.document} for c in claim.claimants
        ],
        "claimed_by_all": claimants,
        "documents": list(claim.documents),
        "part_of": list(wholes_of(store.connection, claim.figures)),
    }


def _claimant_entities(store: Store, figures: Iterable[str], of: dict[str, str]) -> list[str]:
    ids = list(figures)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = store.connection.execute(
        f"SELECT claimed_by FROM figures WHERE id IN ({marks}) AND claimed_by IS NOT NULL", ids
    )
    return list(dict.fromkeys(of.get(r[0], r[0]) for r in rows))


def _events(
    store: Store,
    stories: Sequence[StoryEventRecord],
    of: dict[str, str],
    claim_of: dict[str, str],
) -> list[JSONObject]:
    out: list[JSONObject] = []
    for story in stories:
        members = _member_rows(store, story.members)
        figures = [claim_of.get(f, f) for m in members for f in json.loads(m["figures"])]
        modalities = [str(m["modality"]) for m in members]
        place = next((of.get(m["place"], m["place"]) for m in members if m["place"]), None)
        out.append(
            {
                "id": story.id,
                "type": story.type,
                "mode": story.mode,
                "label": story.label,
                "actors": list(story.actor_ids),
                "targets": list(story.target_ids),
                "place": place,
                "date": story.date,
                "figures": list(dict.fromkeys(figures)),
                "modality": _modality(modalities),
                "evidence": _evidence(story.evidence),
                # additions
                "actor_names": list(story.actors),
                "target_names": list(story.targets),
                "place_text": story.place,
                "date_precision": story.date_precision,
                "date_source": story.date_source,
                "documents": list(story.documents),
                "members": list(story.members),
            }
        )
    return out


def _member_rows(store: Store, ids: Iterable[str]) -> list[Any]:
    ids = list(ids)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return list(
        store.connection.execute(
            f"SELECT id, figures, modality, place FROM events WHERE id IN ({marks})", ids
        )
    )


def _modality(modalities: list[str]) -> str:
    """A happening asserted by any report is asserted; else the most common modality."""
    if not modalities:
        return "asserted"
    if "asserted" in modalities:
        return "asserted"
    return max(set(modalities), key=modalities.count)


def _entry(entry: Any) -> JSONObject:
    return {
        "date": entry.date,
        "text": entry.text,
        "event": entry.event,
        "evidence": _evidence(entry.evidence),
        # additions
        "precision": entry.precision,
        "kind": entry.kind,
        "type": entry.type,
        "documents": list(entry.documents),
    }


def _per_document(store: Store, of: dict[str, str], sections: JSONObject) -> None:
    """Quotes and relations stay per statement; their actors become entities."""
    seen: dict[tuple[str, str, str, str], JSONObject] = {}
    ids = [str(r[0]) for r in store.connection.execute("SELECT id FROM documents ORDER BY seq")]
    for doc_id in ids:
        analysis = load_analysis(store, doc_id)
        if analysis is None:
            continue
        for quote in analysis.quotes:
            speaker = of.get(quote.speaker or "", quote.speaker)
            behalf = of.get(quote.on_behalf_of or "", quote.on_behalf_of)
            sections["quotes"].append(quote_json(doc_id, quote, speaker, behalf))
        for rel in analysis.relations:
            subject = of.get(rel.subject, rel.subject)
            obj = of.get(rel.object or "", rel.object)
            key = (subject, rel.predicate, obj or rel.object_text or "", rel.qualifier or "")
            if key in seen:
                seen[key]["evidence"].extend(_evidence([rel.evidence]))
                continue
            entry: JSONObject = {
                "id": content_id("r", *key),
                "subject": subject,
                "predicate": rel.predicate,
                "object": obj,
                "qualifier": rel.qualifier,
                "evidence": _evidence([rel.evidence]),
                # additions
                "object_text": rel.object_text,
                "time": rel.time,
            }
            seen[key] = entry
            sections["relations"].append(entry)
