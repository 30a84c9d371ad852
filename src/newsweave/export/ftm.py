"""FollowTheMoney export (``newsweave export --format ftm``): JSON lines for Aleph/OpenAleph.

Every proxy is built with the ``followthemoney`` package's own model (never a hand-written
dict), from the ``newsweave/1`` object, so the FtM export says exactly what the JSON export
says:

- each document is an ``Article`` (title, author, publishedAt, publisher, sourceUrl,
  bodyText);
- each entity is a ``Person``, ``Organization``/``Company``/``PublicBody``, ``LegalEntity``
  (groups) or ``Address`` (places, with coordinates and country), with names, aliases and
  the titles the texts give it (``position`` on people, ``description`` otherwise); each
  document it appears in is tied to it by a ``Documentation`` and, for legal entities, a
  ``Mention``;
- relations become ``Occupancy`` + ``Position`` (offices), ``Family``, ``Membership``,
  ``Employment``, ``Directorship``, ``Ownership`` or ``UnknownLink`` (see
  ``export/data/ftm.yaml``), events become ``Event`` (involved, organizer, location, date,
  summary);
- every fact carries its evidence: ``proof`` (the Articles that state it), ``sourceUrl``,
  ``summary`` (the sentence) and ``description`` (document and character offsets).

Ids are ``nw-`` + our content-hash ids (or a content id of a link's parts), so they are the
same in every run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from newsweave.export.atomic import atomic_file
from newsweave.export.optional import require
from newsweave.export.select import derivation, sources
from newsweave.model.ids import content_id

if TYPE_CHECKING:
    from followthemoney.model import Model
    from followthemoney.proxy import EntityProxy

JSONObject = dict[str, Any]
PREFIX = "nw-"
MAX_SUMMARY = 2000
"""Characters of evidence text kept per property value (FtM text values stay readable)."""


@cache
def mapping() -> JSONObject:
    """The versioned mapping of the corpus model onto FtM (``export/data/ftm.yaml``)."""
    text = resources.files("newsweave.export").joinpath("data/ftm.yaml").read_text("utf-8")
    data: JSONObject = yaml.safe_load(text)
    return data


def ftm_id(our_id: str) -> str:
    """The FtM id of one of our records: stable because ours are content hashes."""
    return PREFIX + our_id


def entity_schema(entity: JSONObject) -> str | None:
    """The FtM schema for an entity of the corpus model, or None when none fits."""
    schema: str | None = mapping()["schemata"].get(entity.get("type"))
    if schema != "Organization":
        return schema
    words = set(re.findall(r"[\w-]+", (entity.get("name") or "").lower()))
    name = " ".join(re.findall(r"[\w-]+", (entity.get("name") or "").lower()))
    if words & set(mapping()["company_words"]):
        return "Company"
    if any(re.search(rf"\b{re.escape(w)}\b", name) for w in mapping()["public_body_words"]):
        return "PublicBody"
    return schema


def ftm_proxies(
    export: JSONObject, text_of: Callable[[str], str] | None = None
) -> Iterator[EntityProxy]:
    """Every FtM proxy of a ``newsweave/1`` object, documents first (with their clean
    text as ``bodyText`` when ``text_of`` gives it, so Aleph can search it)."""
    require("followthemoney", "ftm")
    from followthemoney import model

    documents = {d["id"]: d for d in export.get("documents", [])}
    for doc in documents.values():
        yield _article(model, doc, text_of(doc["id"]) if text_of else None)
    schemata: dict[str, str] = {}
    for entity in export.get("entities", []):
        schema = entity_schema(entity)
        if schema is None:
            continue
        schemata[entity["id"]] = schema
        yield _entity(model, entity, schema)
        for doc_id in entity.get("documents", []):
            if doc_id in documents:
                yield from _documentation(model, entity, schema, documents[doc_id])
    positions: dict[str, EntityProxy] = {}
    for relation in export.get("relations", []):
        yield from _relation(model, relation, schemata, export, documents, positions)
    yield from positions.values()
    for event in export.get("events", []):
        yield _event(model, event, schemata, documents)


def write_ftm(export: JSONObject, path: Path, text_of: Callable[[str], str] | None = None) -> int:
    """Write the FtM JSON lines of ``export`` to ``path`` atomically; the number written."""
    count = 0
    with atomic_file(path) as handle:
        for proxy in ftm_proxies(export, text_of):
            handle.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


# --------------------------------------------------------------------------- builders


def _article(model: Model, doc: JSONObject, text: str | None) -> EntityProxy:
    proxy = model.make_entity("Article")
    proxy.id = ftm_id(doc["id"])
    proxy.add("title", doc.get("title") or doc.get("source"))
    proxy.add("author", doc.get("authors") or [])
    proxy.add("publisher", doc.get("publisher"))
    proxy.add("publishedAt", doc.get("published"))
    proxy.add("language", _language(doc.get("language")))
    proxy.add("fileName", doc.get("source"))
    if _is_url(doc.get("url")):
        proxy.add("sourceUrl", doc["url"])
    elif _is_url(doc.get("source")):
        proxy.add("sourceUrl", doc["source"])
    proxy.add("keywords", doc.get("genre"))
    if text:
        proxy.add("bodyText", text)
    return proxy


def _entity(model: Model, entity: JSONObject, schema: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = ftm_id(entity["id"])
    proxy.add("name", entity.get("name"))
    proxy.add("alias", [a for a in entity.get("aliases", []) if a != entity.get("name")])
    country = _country(entity)
    titles = entity.get("titles", [])
    if schema == "Address":
        proxy.add("full", entity.get("name"))
        geo = entity.get("geo") or {}
        if geo.get("lat") is not None and geo.get("lon") is not None:
            proxy.add("latitude", str(geo["lat"]))
            proxy.add("longitude", str(geo["lon"]))
        proxy.add("country", country)
        proxy.add("description", titles)
    else:
        proxy.add("country", country)
        proxy.add("position" if schema == "Person" else "description", titles)
    proxy.add("keywords", entity.get("type"))
    return proxy


def _documentation(
    model: Model, entity: JSONObject, schema: str, doc: JSONObject
) -> Iterator[EntityProxy]:
    link = model.make_entity("Documentation")
    link.id = ftm_id(content_id("fdoc", entity["id"], doc["id"]))
    link.add("document", ftm_id(doc["id"]))
    link.add("entity", ftm_id(entity["id"]))
    link.add("role", "mentioned")
    _source_url(link, doc)
    yield link
    found = model.get(schema)
    if found is not None and found.is_a("LegalEntity"):
        mention = model.make_entity("Mention")
        mention.id = ftm_id(content_id("fmen", entity["id"], doc["id"]))
        mention.add("document", ftm_id(doc["id"]))
        mention.add("resolved", ftm_id(entity["id"]))
        mention.add("name", [entity.get("name"), *entity.get("aliases", [])])
        mention.add("detectedSchema", schema)
        yield mention


def _relation(
    model: Model,
    relation: JSONObject,
    schemata: dict[str, str],
    export: JSONObject,
    documents: dict[str, JSONObject],
    positions: dict[str, EntityProxy],
) -> Iterator[EntityProxy]:
    predicate = relation["predicate"]
    subject, obj = relation.get("subject"), relation.get("object")
    if subject not in schemata:
        return
    if predicate == "holds_position" or (
        predicate == "leads" and obj in schemata and schemata[obj] == "Address"
    ):
        yield from _occupancy(model, relation, schemata, export, documents, positions)
        return
    if obj not in schemata:
        return
    rule = mapping()["relations"].get(predicate)
    interval = rule["schema"] if rule else "UnknownLink"
    if rule and not _fits(model, interval, rule, schemata[subject], schemata[obj]):
        interval, rule = "UnknownLink", None
    link = model.make_entity(interval)
    link.id = ftm_id(relation["id"])
    if rule is None:
        link.add("subject", ftm_id(subject))
        link.add("object", ftm_id(obj))
        link.add("role", predicate.replace("_", " "))
    else:
        link.add(rule["subject"], ftm_id(subject))
        link.add(rule["object"], ftm_id(obj))
        role = relation.get("qualifier") or rule.get("role")
        link.add("relationship" if interval == "Family" else "role", role)
    _dated(link, relation.get("time"))
    _cite(link, sources(relation), documents)
    if derivation(relation):
        link.add("description", f"newsweave derived from {derivation(relation)}")
    yield link


def _occupancy(
    model: Model,
    relation: JSONObject,
    schemata: dict[str, str],
    export: JSONObject,
    documents: dict[str, JSONObject],
    positions: dict[str, EntityProxy],
) -> Iterator[EntityProxy]:
    """An office held: the Occupancy now, its Position (shared by every holder and every
    statement of it, evidence merged) into ``positions``, written after all relations."""
    subject, obj = relation["subject"], relation.get("object")
    if schemata[subject] != "Person":
        return
    names = {e["id"]: e for e in export.get("entities", [])}
    office = relation.get("qualifier") or relation.get("object_text") or ""
    holder_of = names.get(obj) if obj else None
    if relation["predicate"] == "leads" and holder_of is not None:
        office = f"leader of {holder_of['name']}"
    if not office.strip():
        return
    title = _office_title(office)
    position = model.make_entity("Position")
    position.id = ftm_id(content_id("fpos", title.lower(), obj or ""))
    position.add("name", title)
    if holder_of is not None:
        if schemata.get(obj or "") in ("Organization", "Company", "PublicBody"):
            position.add("organization", ftm_id(holder_of["id"]))
        position.add("country", _country(holder_of))
    _cite(position, relation.get("evidence", []), documents)
    if position.id in positions:
        positions[position.id].merge(position)
    else:
        positions[position.id] = position
    occupancy = model.make_entity("Occupancy")
    occupancy.id = ftm_id(relation["id"])
    occupancy.add("holder", ftm_id(subject))
    occupancy.add("post", position.id)
    occupancy.add("status", "ended" if _is_former(office) else "current")
    _dated(occupancy, relation.get("time"))
    _cite(occupancy, relation.get("evidence", []), documents)
    yield occupancy


def _event(
    model: Model, event: JSONObject, schemata: dict[str, str], documents: dict[str, JSONObject]
) -> EntityProxy:
    proxy = model.make_entity("Event")
    proxy.id = ftm_id(event["id"])
    proxy.add("name", f"{event['type'].lower()}: {event.get('label') or ''}".strip(": "))
    proxy.add("date", event.get("date"))
    legal = [
        a for a in (*event.get("actors", []), *event.get("targets", [])) if _legal(schemata, a)
    ]
    proxy.add("involved", [ftm_id(a) for a in dict.fromkeys(legal)])
    proxy.add("organizer", [ftm_id(a) for a in event.get("actors", []) if _legal(schemata, a)])
    place = event.get("place")
    if place and schemata.get(place) == "Address":
        proxy.add("addressEntity", ftm_id(place))
    place_name = event.get("place_text")
    if place_name:
        proxy.add("location", place_name)
    names = [*event.get("actor_names", []), *event.get("target_names", [])]
    names += [*event.get("actor_texts", []), *event.get("target_texts", [])]
    proxy.add("namesMentioned", [n for n in names if n])
    proxy.add("keywords", [event["type"], event.get("mode"), event.get("modality")])
    _cite(proxy, event.get("evidence", []), documents)
    return proxy


# --------------------------------------------------------------------------- helpers


def _cite(proxy: EntityProxy, evidence: Iterable[JSONObject], documents: dict[str, Any]) -> None:
    """The evidence of a fact: proof (the Articles), source URLs, sentences and offsets."""
    for item in evidence:
        doc_id = item.get("document")
        if not doc_id:
            continue
        if doc_id in documents:
            proxy.add("proof", ftm_id(doc_id))
            _source_url(proxy, documents[doc_id])
        proxy.add("summary", (item.get("text") or "")[:MAX_SUMMARY])
        proxy.add(
            "description", f"newsweave evidence {doc_id}:{item.get('start')}-{item.get('end')}"
        )


def _source_url(proxy: EntityProxy, doc: JSONObject) -> None:
    for key in ("url", "source"):
        if _is_url(doc.get(key)):
            proxy.add("sourceUrl", doc[key])
            return


def _fits(model: Model, interval: str, rule: JSONObject, subject: str, obj: str) -> bool:
    """Whether the two ends' schemata fit the interval's properties' ranges."""
    schema = model.get(interval)
    if schema is None:
        return False
    for prop, end in ((rule["subject"], subject), (rule["object"], obj)):
        target = schema.properties[prop].range
        end_schema = model.get(end)
        if target is not None and (end_schema is None or not end_schema.is_a(target.name)):
            return False
    return True


def _legal(schemata: dict[str, str], entity_id: str) -> bool:
    schema = schemata.get(entity_id)
    if schema is None:
        return False
    from followthemoney import model

    found = model.get(schema)
    return found is not None and found.is_a("LegalEntity")


def _dated(proxy: EntityProxy, time: str | None) -> None:
    if time and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", time):
        proxy.add("date", time)


def _office_title(office: str) -> str:
    """The office itself, without the words that say it is no longer held."""
    words = office.split()
    former = set(mapping()["former_words"])
    while words and words[0].lower() in former:
        words = words[1:]
    title = " ".join(words) or office
    return title[0].upper() + title[1:]


def _is_former(office: str) -> bool:
    first = office.split()[0].lower() if office.split() else ""
    return first in set(mapping()["former_words"]) or first.startswith("ex-")


def _country(entity: JSONObject) -> str | None:
    geo = entity.get("geo") or {}
    code = geo.get("country") or entity.get("country")
    if isinstance(code, str) and re.fullmatch(r"[A-Za-z]{2}", code):
        return code.lower()
    return None


def _language(code: str | None) -> str | None:
    return {"en": "eng"}.get(code or "")


def _is_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))
