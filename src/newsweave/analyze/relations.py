"""Relations stage: the ties between a document's actors, each with the sentence stating it.

The predicates form a closed vocabulary (:data:`PREDICATES`): family (``child_of``,
``parent_of``, ``spouse_of``, ``former_spouse_of``, ``sibling_of``, ``relative_of``), office
(``holds_position``, ``leads``), membership (``member_of``), alliance (``ally_of``),
employment (``employed_by``), place (``located_in``) and ownership (``owns``).

Most ties are stated by a *role noun* ("son", "ally", "minister", "editor", "city") that
links a *bearer* (who is the son) to a *holder* (whose son):

- premodifiers: "Finance Minister Paul-Henri Mensavi", "MDR leader Justine Ahlonko";
- appositives: "Gaston Yamboré's eldest son, Didier"; "Abessi City, Mabenia's second city";
- copulas: "Didier Yamboré is Gaston Yamboré's eldest son"; "X was appointed minister".

The holder comes from a possessive ("his", "X's"), an "of"/"with"/"for"/"at" phrase or a
name right before the noun ("a longtime Dossavi ally"). Verbs add ownership ("owns 22% of",
"holds a stake in", "owned by"), marriage, leadership ("led by", "the UPS-led coalition")
and membership ("the bloc groups A, B and C"); the gazetteer adds ``located_in`` for a
place whose country is an actor of the document.

Only actors' mentions are related: two people are never related because they share a
surname. Possessive pronouns ("his daughter") are resolved to the nearest salient person of
a compatible gender (subject of the sentence or of the sentences before). Symmetric
predicates and the parent/child pair are stated in both directions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace

from newsweave.analyze.context import ActorLookup, Context, StageInfo
from newsweave.analyze.gazetteer import country_name
from newsweave.analyze.relation_doc import (
    PlaceLookup,
    PlaceReading,
    _Doc,
    _focus,
    _Found,
    _genders,
    _mention_index,
    _offices,
)
from newsweave.analyze.relation_roles import _role_relations, _roles, _title_positions
from newsweave.analyze.relation_verbs import (
    _grouping,
    _leadership,
    _led_compounds,
    _marriage,
    _ownership,
    _place_in,
    _removals,
)
from newsweave.analyze.relation_words import BROAD_PLACES, INVERSE, PLACEISH, SYMMETRIC
from newsweave.model.facts import Actor, Mention, Relation

OFFICE_PREDICATES = frozenset({"holds_position", "leads"})
"""Predicates of an office, whose organisation a demonym stands for ("Ukrainian President")."""


STAGE = StageInfo("relations", "5", needs=("sentences", "actors"), provides=("relations",))


def extract_relations(
    ctx: Context,
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    resolve: ActorLookup,
    gazetteer: PlaceLookup | None = None,
) -> tuple[Relation, ...]:
    """Every tie between the document's actors that its text states, deduplicated (the
    first evidence of identical relations is kept), in text order. Pure."""
    return tuple(
        _relation(ctx, f)
        for f in dedupe(found_relations(ctx, mentions, actors, resolve, gazetteer))
    )


def found_relations(
    ctx: Context,
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    resolve: ActorLookup,
    gazetteer: PlaceLookup | None = None,
) -> list[_Found]:
    """Every statement of a relation, before deduplication (one per piece of evidence)."""
    if ctx.doc is None or not len(ctx.doc):
        return []
    by_id = {a.id: a for a in actors}
    readings = _readings(actors, gazetteer) if gazetteer is not None else {}
    countries = _countries(readings)
    country = _focus(mentions, readings, countries)
    base = _Doc(ctx, ctx.doc, resolve, by_id, _mention_index(ctx, mentions), {}, {}, country)
    roles = list(_roles(base))
    docview = _Doc(
        ctx,
        ctx.doc,
        resolve,
        base.actors,
        base.mention_of,
        _offices(base, roles),
        _genders(base, roles),
        base.country,
    )
    found: list[_Found] = []
    for role in _roles(docview):
        found.extend(_role_relations(docview, role))
    from newsweave.analyze.relation_membership import membership

    for extractor in (
        _ownership,
        _marriage,
        _leadership,
        _led_compounds,
        _grouping,
        _place_in,
        _removals,
    ):
        found.extend(extractor(docview))
    found.extend(membership(docview))
    found.extend(_title_positions(docview, found))
    found.extend(_gazetteer_places(docview, readings, countries))
    found = [_demonym_country(docview, f, countries) for f in found]
    found = [f for f in _with_inverses(found) if f.subject != f.object and not _left(f, found)]
    return sorted(found, key=lambda f: (f.start, f.end))


def _left(f: _Found, found: Sequence[_Found]) -> bool:
    """A current office the same text says its holder left ("Mayor X resigned as mayor of
    Y in 2018": the title "Mayor" is the office left, not a current one)."""
    if f.predicate not in ("holds_position", "leads") or not f.qualifier or f.time:
        return False
    if f.qualifier.lower().startswith(("former", "ex-")):
        return False
    office = f.qualifier.lower().split()[-1]
    return any(
        g.subject == f.subject
        and g.predicate in ("holds_position", "leads")
        and (g.qualifier or "").lower().startswith("former ")
        and (g.qualifier or "").lower().split()[-1] == office
        for g in found
    )


def dedupe(found: Iterable[_Found]) -> list[_Found]:
    """Identical relations once, with their first evidence. A relation without qualifier
    or time is dropped when the same tie is also stated with one."""
    groups: dict[tuple[str, str, str | None, str | None], list[_Found]] = {}
    for f in found:
        key = (f.subject, f.predicate, f.object, None if f.object else _key(f.object_text))
        groups.setdefault(key, []).append(f)
    kept: list[_Found] = []
    for items in groups.values():
        seen: set[tuple[str | None, str | None]] = set()
        for f in items:
            mark = (_key(f.qualifier), f.time)
            if mark in seen or any(_covers(o, f) for o in items):
                continue
            seen.add(mark)
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))


def _covers(other: _Found, f: _Found) -> bool:
    """Whether ``other`` says all ``f`` says and more (a qualifier or a time)."""
    same_q = f.qualifier is None or _key(f.qualifier) == _key(other.qualifier)
    same_t = f.time is None or f.time == other.time
    more = (f.qualifier is None and other.qualifier is not None) or (
        f.time is None and other.time is not None
    )
    return same_q and same_t and more


def _key(text: str | None) -> str | None:
    return " ".join(text.casefold().replace("’", "'").split()) if text else None


def _relation(ctx: Context, f: _Found) -> Relation:
    evidence = ctx.evidence(f.start, f.end, STAGE, f.confidence)
    return Relation(f.subject, f.predicate, f.object, f.object_text, f.qualifier, f.time, evidence)


def _with_inverses(found: Iterable[_Found]) -> Iterator[_Found]:
    """Each relation, and its converse for symmetric predicates and child/parent."""
    for f in found:
        yield f
        if f.object is None:
            continue
        if f.predicate in SYMMETRIC:
            yield _Found(
                f.object, f.predicate, f.subject, None, None, f.time, f.start, f.end, f.confidence
            )
        elif f.predicate in INVERSE:
            yield _Found(
                f.object,
                INVERSE[f.predicate],
                f.subject,
                None,
                None,
                f.time,
                f.start,
                f.end,
                f.confidence,
            )


def _readings(actors: Iterable[Actor], gazetteer: PlaceLookup) -> dict[str, PlaceReading]:
    """Each place actor's most likely gazetteer reading (looked up once per document)."""
    found: dict[str, PlaceReading] = {}
    for actor in actors:
        readings = gazetteer.lookup(actor.name) if actor.type in PLACEISH else []
        if readings:
            found[actor.id] = readings[0]
    return found


def _demonym_country(d: _Doc, f: _Found, countries: Mapping[str, str]) -> _Found:
    """ "Ukrainian President X": the office is the country's, never a nationality's; the
    country's actor where the document names it, else the country's name."""
    holder = d.actors.get(f.object or "")
    if f.predicate not in OFFICE_PREDICATES or holder is None or holder.type != "NORP":
        return f
    if not holder.country or holder.name[:1].islower() or " " in holder.name:
        return f
    actor = countries.get(holder.country)
    if actor is not None:
        return replace(f, object=actor, object_text=None)
    name = country_name(holder.country)
    return replace(f, object=None, object_text=name) if name else f


def _countries(readings: Mapping[str, PlaceReading]) -> dict[str, str]:
    """Country code → the actor the gazetteer reads first as that country."""
    countries: dict[str, str] = {}
    for actor_id, reading in readings.items():
        if reading.kind == "country" and reading.country:
            countries.setdefault(reading.country, actor_id)
    return countries


def _gazetteer_places(
    d: _Doc, readings: Mapping[str, PlaceReading], countries: Mapping[str, str]
) -> Iterator[_Found]:
    """A place in a country that the document names: "Accra" → located_in Ghana."""
    for actor in d.actors.values():
        reading = readings.get(actor.id)
        if reading is None or actor.evidence is None:
            continue
        if reading.kind in BROAD_PLACES or reading.kind == "country":
            continue
        country = countries.get(reading.country or "")
        if country and country != actor.id:
            start, end = actor.evidence.start, actor.evidence.end
            yield _Found(actor.id, "located_in", country, None, None, None, start, end, 0.8)
