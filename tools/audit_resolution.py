"""Audit the corpus model of a store for the false merges of issue 12.

    .venv/bin/python tools/audit_resolution.py --db STORE [--show 20] [--sample 50 --seed 12]

Prints:

1. PERSON entities holding two full names that cannot be one person (different given
   names or surnames beyond spelling, transliteration, initials and nicknames), names read
   as the resolver reads them: across two actors (a merge the resolver made) and inside
   one actor (the document's own chain);
2. ORG/GPE/LOC/NORP/FAC entities holding an alias that is neither a spelling variant of the
   entity's name, nor a name some document states with it (an acronym with its expansion),
   nor the same gazetteer reading;
3. the names member actors hold that their entity does not show as aliases (one
   document's names stage or chain: headline words, a dateline agency);
4. the largest story events: documents, reports, date spread and participants;
5. the most mentioned people with every name their entity holds;
6. with ``--sample N``: N random entities with at least two distinct names and N story
   events with at least three documents, with evidence, for judging by hand.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from newsweave.resolve.clusters import person_key
from newsweave.resolve.constraints import other_forms_conflict, person_forms_conflict
from newsweave.resolve.entities import _load_actors as load_actors
from newsweave.resolve.entities import entity_aliases, entity_records, name_key
from newsweave.resolve.events import story_event_records
from newsweave.store.sqlite import Store


def _actor_forms(store: Store) -> dict[str, list[str]]:
    return {
        str(r[0]): [str(r[1]), *json.loads(r[2])]
        for r in store.connection.execute("SELECT id, name, aliases FROM actors")
    }


def _places(store: Store) -> dict[str, str]:
    return {
        str(r[0]): str(r[1])
        for r in store.connection.execute("SELECT actor_id, gazetteer_id FROM places")
    }


def _read_forms(store: Store) -> dict[str, list[str]]:
    """Each actor's names as the resolver reads them (without the ordinary words of a
    title-case opening: ``entities._read_openers``)."""
    return {a.id: list(a.forms) for a in load_actors(store, None).values()}


def person_conflicts(store: Store, show: int) -> None:
    forms = _read_forms(store)
    across: list[tuple[str, str, str]] = []
    inside = 0
    people = 0
    for entity in entity_records(store):
        if entity.type != "PERSON":
            continue
        people += 1
        by_actor = {
            a: {k for k in (person_key(f) for f in forms.get(a, [])) if " " in k}
            for a in entity.actor_ids
        }
        held_together: dict[str, set[str]] = defaultdict(set)
        for keys in by_actor.values():
            for k in keys:
                held_together[k] |= keys
        found = None
        for a, b in combinations(sorted(held_together), 2):
            if person_forms_conflict(a, b) and b not in held_together[a]:
                found = (entity.name, a, b)
                break
        if found:
            across.append(found)
        elif any(
            person_forms_conflict(a, b)
            for keys in by_actor.values()
            for a, b in combinations(keys, 2)
        ):
            inside += 1
    print(f"PERSON entities: {people}")
    print(f"  holding conflicting full names across actors: {len(across)}")
    for name, a, b in across[:show]:
        print(f"    {name!r}: {a!r} / {b!r}")
    print(f"  holding conflicting full names inside one actor (document chain): {inside}")


def alias_conflicts(store: Store, show: int) -> None:
    """Aliases of non-person entities that are neither a spelling variant (or one name
    inside the other) of the entity's name, nor an acronym of it that a document states with
    it, nor the same gazetteer reading. Split by where they come from: the chain of one
    document (an actor holding the entity's name and the alias) or a merge across actors."""
    forms = _actor_forms(store)
    places = _places(store)
    chain: list[tuple[str, str, str]] = []
    merged: list[tuple[str, str, str]] = []
    with_aliases = 0
    for entity in entity_records(store):
        if entity.type == "PERSON" or not entity.aliases:
            continue
        with_aliases += 1
        main = name_key(entity.name)
        stated: set[str] = set()
        gazetteer: dict[str, set[str]] = defaultdict(set)
        for a in entity.actor_ids:
            keys = {name_key(f) for f in forms.get(a, [])}
            if main in keys:
                stated |= keys
            if a in places:
                for k in keys:
                    gazetteer[k].add(places[a])
        for alias in entity.aliases:
            key = name_key(alias)
            if not key or key == main:
                continue
            if gazetteer.get(key, set()) & gazetteer.get(main, set()):
                continue
            rule = other_forms_conflict(*sorted((main, key)))
            if rule is None or (rule == "acronym@1" and key in stated):
                continue
            (chain if key in stated else merged).append((entity.type, entity.name, alias))
    print(f"non-person entities with aliases shown: {with_aliases}")
    for label, found in (("merged across actors", merged), ("from one document's chain", chain)):
        entities = len({(t, n) for t, n, _ in found})
        print(f"  holding an unexplained alias {label}: {entities} ({len(found)} aliases)")
        for type_, name, alias in found[:show]:
            print(f"    {type_} {name!r}: {alias!r}")


def left_out(store: Store, show: int) -> None:
    """Names member actors hold that the entity does not show (see
    ``entities.entity_aliases``): what one document's names stage or chain attached."""
    forms = _actor_forms(store)
    places = _places(store)
    found: list[tuple[str, str, tuple[str, ...]]] = []
    for entity in entity_records(store):
        held = [tuple(forms.get(a, [])) for a in entity.actor_ids]
        located = [places.get(a) for a in entity.actor_ids]
        _, dropped = entity_aliases(entity.name, entity.type == "PERSON", held, located)
        if dropped:
            found.append((entity.type, entity.name, dropped))
    print(f"entities with names left out of their aliases: {len(found)}")
    for type_, name, dropped in found[:show]:
        print(f"    {type_} {name!r}: {list(dropped)[:6]}")


def largest_stories(store: Store, show: int) -> None:
    records = story_event_records(store)
    published = {
        str(r[0]): str(r[1] or "")[:10]
        for r in store.connection.execute("SELECT id, published FROM documents")
    }
    records.sort(key=lambda s: (-len(s.documents), s.id))
    multi = sum(1 for s in records if len(s.documents) >= 2)
    print(f"story events: {len(records)} ({multi} told by two documents or more)")
    for story in records[:show]:
        dates = sorted(d for d in (published.get(doc, "") for doc in story.documents) if d)
        spread = f"{dates[0]}..{dates[-1]}" if dates else "undated"
        print(
            f"  {len(story.documents):>3} docs {len(story.members):>3} reports"
            f"  {story.type}/{story.mode} {story.label[:50]!r} date {story.date}"
            f"  published {spread}  participants {len(set(story.actors) | set(story.targets))}"
        )


def top_people(store: Store, show: int) -> None:
    print("most mentioned people:")
    people = [e for e in entity_records(store) if e.type == "PERSON"][:show]
    for entity in people:
        print(f"  {entity.name!r} ({len(entity.documents)} docs): {list(entity.aliases)[:12]}")


def _name_evidence(store: Store, actor_ids: tuple[str, ...], names: set[str]) -> dict[str, str]:
    """For each name, the sentence of one mention of it by a member actor (for judging)."""
    found: dict[str, str] = {}
    for actor in actor_ids:
        for text, start, end, doc_text, title in store.connection.execute(
            "SELECT m.text, m.sentence_start, m.sentence_end, d.text, d.title"
            " FROM mentions AS m JOIN documents AS d ON d.id = m.document_id"
            " WHERE m.actor_id = ? ORDER BY m.start_char",
            (actor,),
        ):
            if text in names and text not in found and doc_text:
                sentence = " ".join(str(doc_text)[int(start or 0) : int(end or 0)].split())
                found[str(text)] = f"[{str(title or '')[:40]}] {sentence[:200]}"
        if names <= found.keys():
            break
    return found


def samples(store: Store, size: int, seed: int, min_docs: int = 3) -> None:
    rng = random.Random(seed)
    entities = [e for e in entity_records(store) if len({e.name, *e.aliases}) >= 2]
    print(f"\nSAMPLE of {size} entities with two names or more (of {len(entities)}):")
    for e in sorted(rng.sample(entities, min(size, len(entities))), key=lambda e: e.name):
        print(f"- {e.type} {e.name!r} docs={len(e.documents)} aliases={list(e.aliases)}")
        evidence = _name_evidence(store, e.actor_ids, {e.name, *e.aliases})
        for name in (e.name, *e.aliases):
            print(f"    {name!r}: {evidence.get(name, '(no mention with this text)')}")
    stories = [s for s in story_event_records(store) if len(s.documents) >= min_docs]
    print(f"\nSAMPLE of {size} story events with {min_docs} documents or more (of {len(stories)}):")
    for s in rng.sample(stories, min(size, len(stories))):
        print(
            f"- {s.type}/{s.mode} {s.label!r} date={s.date} place={s.place} docs={len(s.documents)}"
        )
        print(f"    actors={list(s.actors)[:6]} targets={list(s.targets)[:6]}")
        for ev in s.evidence[:6]:
            print(f"    [{ev.document[:10]}] {' '.join(ev.text.split())[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--show", type=int, default=15)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--min-docs", type=int, default=3, help="documents of a sampled story")
    args = parser.parse_args()
    with Store.open(args.db) as store:
        person_conflicts(store, args.show)
        alias_conflicts(store, args.show)
        left_out(store, args.show)
        largest_stories(store, args.show)
        top_people(store, args.show)
        if args.sample:
            samples(store, args.sample, args.seed, args.min_docs)


if __name__ == "__main__":
    main()
