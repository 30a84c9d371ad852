"""Selections of the corpus model: the part of a ``newsweave/1`` object an analyst exports.

Every export format starts from the same ``newsweave/1`` object (:func:`export_json`) and
may narrow it first. A selection keeps the object consistent: a fact is kept when it
passes every filter given, and an entity or a document is kept when a kept fact refers to
it (or, for entities, when the filter names it), so no exported fact points at something
left out.

- ``entities``: facts that involve one of these entities (given by id, id prefix, name or
  alias) as subject, object, actor, target, place, speaker or claimant, and those entities;
- ``date_from``/``date_to``: facts dated inside the period (events, timeline items,
  figures by their as-of date, relations by their time); undated facts are kept only when
  one of their documents was published inside it;
- ``types``: entity types (PERSON, ORG, GPE, ...) and event types (PROTEST, ARREST, ...),
  matched against both vocabularies;
- ``documents``: facts with evidence in one of these documents (ids or id prefixes), as
  those documents state them (evidence from other documents is left out).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

JSONObject = dict[str, Any]

FACT_SECTIONS = ("relations", "events", "quotes", "figures", "timeline")


@dataclass(frozen=True)
class Selection:
    """What part of the corpus model to export; the empty selection is everything."""

    entities: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    types: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()

    @property
    def everything(self) -> bool:
        return not (self.entities or self.date_from or self.date_to or self.types or self.documents)


def select(model: JSONObject, selection: Selection) -> JSONObject:
    """The part of ``model`` (a ``newsweave/1`` object) that ``selection`` keeps."""
    if selection.everything:
        return model
    documents = _matching_documents(model, selection.documents)
    published = {d["id"]: d.get("published") for d in model.get("documents", [])}
    entity_types = {e["id"]: e.get("type") for e in model.get("entities", [])}
    wanted_entities = _matching_entities(model, selection.entities)
    types = {t.upper() for t in selection.types}
    entity_type_filter = types & set(entity_types.values())
    fact_type_filter = types - entity_type_filter

    def keeps(section: str, fact: JSONObject) -> bool:
        refs = set(references(section, fact))
        docs = fact_documents(fact)
        if documents is not None and not docs & documents:
            return False
        if wanted_entities and not refs & wanted_entities:
            return False
        if types:
            typed = section in ("events", "timeline") and fact.get("type")
            if typed and fact_type_filter:
                if str(typed).upper() not in fact_type_filter:
                    return False
            elif entity_type_filter:
                if not any(entity_types.get(r) in entity_type_filter for r in refs):
                    return False
            elif fact_type_filter:
                return False
        if selection.date_from or selection.date_to:
            date = fact_date(section, fact)
            dates = [date] if date else [published.get(d) for d in docs]
            if not any(_in_period(d, selection.date_from, selection.date_to) for d in dates):
                return False
        return True

    result: JSONObject = {k: v for k, v in model.items() if not isinstance(v, list)}
    for section in FACT_SECTIONS:
        kept = [f for f in model.get(section, []) if keeps(section, f)]
        result[section] = [_within(f, documents) for f in kept] if documents else kept
    kept_figures = {f["id"] for f in result["figures"]}
    kept_events = {e["id"] for e in result["events"]}
    for section in ("conflicts", "revisions"):
        if section in model:
            result[section] = [
                c for c in model[section] if kept_figures.intersection(c.get("figures", []))
            ]
    result["timeline"] = [
        t for t in result["timeline"] if t.get("event") is None or t["event"] in kept_events
    ]
    used_entities = set(wanted_entities)
    used_documents: set[str] = set(documents or ())
    for section in FACT_SECTIONS:
        for fact in result[section]:
            used_entities.update(references(section, fact))
            used_documents.update(fact_documents(fact))
    if not wanted_entities and not selection.date_from and not selection.date_to:
        # "--type PERSON" or "--document D" alone: every such entity, facts or not
        for entity in model.get("entities", []):
            in_documents = documents is None or documents.intersection(entity.get("documents", []))
            typed = not entity_type_filter or entity.get("type") in entity_type_filter
            if in_documents and typed and (entity_type_filter or documents is not None):
                used_entities.add(entity["id"])
                used_documents.update(
                    d for d in entity.get("documents", []) if documents is None or d in documents
                )
    result["entities"] = [
        _within(e, documents) if documents else e
        for e in model.get("entities", [])
        if e["id"] in used_entities
    ]
    result["documents"] = [d for d in model.get("documents", []) if d["id"] in used_documents]
    for key, value in model.items():
        if isinstance(value, list) and key not in result:
            result[key] = value
    return result


def references(section: str, fact: JSONObject) -> Iterator[str]:
    """The entity ids a fact of ``section`` refers to."""
    if section == "relations":
        yield from _ids(fact.get("subject"), fact.get("object"))
    elif section == "events":
        yield from _ids(*fact.get("actors", []), *fact.get("targets", []), fact.get("place"))
    elif section == "quotes":
        yield from _ids(fact.get("speaker"), fact.get("on_behalf_of"))
    elif section == "figures":
        yield from _ids(fact.get("claimed_by"), *fact.get("claimed_by_all", []))


def sources(fact: JSONObject) -> list[JSONObject]:
    """The sentences behind a fact: its evidence, or, for a fact derived from the gazetteer
    or another fact (``derived_from``), the sentences it was derived from."""
    evidence: list[JSONObject] = fact.get("evidence") or []
    if evidence:
        return evidence
    derived = fact.get("derived_from") or {}
    return list(derived.get("mentions") or []) if isinstance(derived, dict) else []


def derivation(fact: JSONObject) -> str | None:
    """How a fact no sentence states was derived ('gazetteer user:Agbelou'), or None."""
    derived = fact.get("derived_from")
    if not isinstance(derived, dict) or not derived.get("source"):
        return None
    detail = derived.get("gazetteer_id") or derived.get("fact") or ""
    return f"{derived['source']} {detail}".strip()


def fact_documents(fact: JSONObject) -> set[str]:
    """The documents whose sentences state a fact."""
    found = {e["document"] for e in sources(fact) if e.get("document")}
    found.update(fact.get("documents", []))
    return found


def fact_date(section: str, fact: JSONObject) -> str | None:
    """The date a fact is about (an event's own date, a figure's as-of date, ...)."""
    if section in ("events", "timeline"):
        return fact.get("date")
    if section == "figures":
        return fact.get("as_of")
    if section == "relations":
        return fact.get("time")
    return None


def _within(fact: JSONObject, documents: set[str]) -> JSONObject:
    """A fact as the selected documents state it: their evidence and document lists only."""
    trimmed = dict(fact)
    if "evidence" in fact:
        trimmed["evidence"] = [e for e in fact["evidence"] if e.get("document") in documents]
    if isinstance(fact.get("documents"), list):
        trimmed["documents"] = [d for d in fact["documents"] if d in documents]
    return trimmed


def _ids(*values: Any) -> Iterator[str]:
    for value in values:
        if isinstance(value, str) and value:
            yield value


def _matching_entities(model: JSONObject, wanted: Iterable[str]) -> set[str]:
    """Entity ids named by id, id prefix, name or alias (case-insensitive)."""
    found: set[str] = set()
    for item in wanted:
        key = item.strip().casefold()
        for entity in model.get("entities", []):
            names = {entity.get("name") or "", *entity.get("aliases", [])}
            if (
                entity["id"] == item
                or (len(item) >= 6 and entity["id"].startswith(item))
                or key in {n.casefold() for n in names}
            ):
                found.add(entity["id"])
    return found


def _matching_documents(model: JSONObject, wanted: Iterable[str]) -> set[str] | None:
    prefixes = tuple(wanted)
    if not prefixes:
        return None
    return {d["id"] for d in model.get("documents", []) if d["id"].startswith(prefixes)}


def _in_period(date: str | None, start: str | None, end: str | None) -> bool:
    """Whether a partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD) overlaps the period."""
    if not date:
        return False
    first, last = _bounds(date)
    return (start is None or last >= _bounds(start)[0]) and (
        end is None or first <= _bounds(end)[1]
    )


def _bounds(date: str) -> tuple[str, str]:
    """The first and last day a partial ISO date covers, as comparable strings."""
    parts = date[:10].split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01", f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-01", f"{parts[0]}-{parts[1]}-31"
    return date[:10], date[:10]
