"""One entity per real-world actor across documents (nomenklatura-style record linkage).

Pipeline:

1. **Blocking index** (table ``actor_keys``): every in-document actor is filed under keys
   made from its name and aliases: ``n:`` the normalised name (:func:`spelling_key`, so
   "Labour Organisation" = "Labor Organization", legal suffixes and a leading possessive
   dropped), ``w:`` each significant word, ``a:`` acronyms (a one-word name, or the
   initials of a longer one: "ECOWAS" ↔ "Economic Community of West African States"),
   ``k:`` a consonant skeleton for transliterations and misspellings
   (Qaddafi/Gaddafi/Kadhafi, Agbenyega/Agbeyenga), ``s:`` a person's surname and ``p:`` the
   gazetteer id of a country name ("US" = "United States"). Actors sharing a key are
   candidate pairs (at most :data:`MAX_BLOCK` per key).
2. **Scorer** (:func:`score_pair`, algorithm :data:`ALGORITHM` :data:`VERSION`): named,
   versioned features — ``name@1`` (which name rule matched and its strength),
   ``type@1`` (agreement penalty), ``titles@1`` (shared title words), ``title_conflict@1``,
   ``co_actors@1`` (other actors named in both documents) and ``same_document@1``.
3. **Decisions** (conservative: a wrong merge costs an analyst more than a missed one):
   score ≥ :data:`POSITIVE` positive, ≥ :data:`UNSURE` unsure (stored for review, never
   merges), hard rules negative: a PERSON never with a place or organisation (Kara the
   person ≠ Kara the city; Nathaniel Abessi ≠ Abessi City ≠ Nathaniel Abessi University),
   two full names with different first names never (Aïcha ≠ Didier ≠ Gaston Yamboré), two
   different country names never, two actors of one document never (the per-document chains
   decided that) — except two non-person actors whose names are an obvious chain miss
   (same key, acronym ↔ expansion through an alias), for which the chains are known to be
   incomplete. A bare surname joins a full name only when one person in the candidate set
   bears it and the contexts agree (titles and co-occurring actors); a bare first name
   joins only the one full-name person with that first name, and only when its own
   document names someone with that person's surname ("Gaston Yamboré's eldest son,
   Didier"); otherwise the pair is at most unsure. A misspelled surname ("Agbeyenga")
   joins the same first name only with supporting context (shared titles or co-occurring
   actors); otherwise the pair is unsure.
   A capital never joins its country: place names must match (or be the same gazetteer
   country), a shared country code is not identity.
4. **Components**: entities are connected components of positive judgements never
   crossing a negative (see migration ``0004_entities.sql`` for the storage design and the
   analyst merge/split semantics). Adding documents scores only their actors and
   recomputes only the components their judgements reach; :func:`forget_cleanup` does the
   same for the components that lost actors.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from newsweave.model.ids import content_id
from newsweave.resolve.clusters import (
    ANALYST_RANK,
    Builder,
    Edge,
    Edges,
)
from newsweave.resolve.entity_blocks import (
    IMPLICIT,
    BlockSizes,
    Pair,
    _blocks,
    _document_actor_ids,
    _ids_json,
    _index_actors,
    _load_actors,
    _prune,
    _read_openers,
    block_of,
    blocking_keys,
    candidate_pairs,
    second_key,
)
from newsweave.resolve.entity_records import (
    EntityRecord,
    EntityTitle,
    _record,
    alias_fits,
    entity_aliases,
    entity_count,
    entity_of,
    entity_records,
)
from newsweave.resolve.entity_scoring import (
    ALGORITHM,
    VERSION,
    FeatureValue,
    Judgement,
    score_pair,
)
from newsweave.resolve.namekeys import (
    ActorInfo,
    fold,
    initials,
    name_key,
    person_parts,
    skeleton,
)
from newsweave.store.sqlite import Store

__all__ = [
    "ANALYST_RANK",
    "ActorInfo",
    "EntityRecord",
    "EntityTitle",
    "_load_actors",
    "_read_openers",
    "_record",
    "alias_fits",
    "entity_aliases",
    "entity_count",
    "entity_of",
    "entity_records",
    "fold",
    "initials",
    "name_key",
    "person_parts",
    "score_pair",
    "skeleton",
]
"""Names other modules import from here (the scorer, blocking and read side live in
:mod:`entity_scoring`, :mod:`entity_blocks` and :mod:`entity_records`)."""

MACHINE_RANK = 0


@dataclass
class ResolveReport:
    """What one resolution run did."""

    actors_scored: int = 0
    judgements: Counter[str] = field(default_factory=Counter)
    """Machine judgements written, by kind."""
    components: int = 0
    """Entities (re)computed."""
    entities: int = 0
    """Entities in the store afterwards."""
    moved: set[str] = field(default_factory=set)
    """Earlier-resolved actors that witness every change of which of them are one entity
    (see :func:`_moved`): what compares entities — story events — must look at them again."""


# --------------------------------------------------------------------------- judgements


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _judgement_row(
    pair: Pair,
    judgement: Judgement,
    *,
    source: str,
    score: float,
    features: dict[str, FeatureValue],
    algorithm: str,
    version: str,
    now: str,
) -> tuple[str, str, str, str, int, float, str, str, str, str]:
    left, right = sorted(pair)
    rank = ANALYST_RANK if source == "analyst" else MACHINE_RANK
    return (
        left,
        right,
        judgement,
        source,
        rank,
        score,
        json.dumps(features, sort_keys=True),
        algorithm,
        version,
        now,
    )


_INSERT_JUDGEMENT = (
    "INSERT OR REPLACE INTO judgements (left_id, right_id, judgement, source, rank, score,"
    " features, algorithm, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _write_judgement(
    store: Store,
    pair: Pair,
    judgement: Judgement,
    *,
    source: str,
    score: float,
    features: dict[str, FeatureValue],
    algorithm: str,
    version: str,
) -> None:
    store.connection.execute(
        _INSERT_JUDGEMENT,
        _judgement_row(
            pair,
            judgement,
            source=source,
            score=score,
            features=features,
            algorithm=algorithm,
            version=version,
            now=_now(),
        ),
    )


def _score_new(
    store: Store,
    new_ids: Sequence[str],
    report: ResolveReport,
    loaded: dict[str, ActorInfo] | None = None,
    sizes: BlockSizes | None = None,
) -> set[str]:
    """Index the new actors and judge them against the index; return the other actors
    whose judgements were pruned (their entities must be rebuilt too). ``loaded`` keeps
    the actors read with their context across the chunks of one run (an actor's name,
    titles and document do not change while it runs), ``sizes`` the block sizes."""
    conn = store.connection
    loaded = {} if loaded is None else loaded
    conn.execute(
        "DELETE FROM judgements WHERE source = 'machine' AND (left_id IN"
        " (SELECT value FROM json_each(:ids)) OR right_id IN (SELECT value FROM json_each(:ids)))",
        {"ids": _ids_json(new_ids)},
    )
    new = _load_actors(store, new_ids)
    loaded.update(new)
    sizes = BlockSizes(store) if sizes is None else sizes
    keys = {a.id: blocking_keys(a) for a in new.values()}
    touched = {k for found in keys.values() for k in found if not k.startswith(IMPLICIT)}
    before = sizes.get(touched)
    _index_actors(store, new.values(), sizes, keys)
    after = sizes.get(touched)
    pruned = _prune(store, before, after, sizes)
    blocks: dict[str, set[str]] = {}
    for actor_id, actor_keys in keys.items():
        letter = second_key(new[actor_id].name)
        found = (block_of(k, letter, after) for k in actor_keys if not k.startswith(IMPLICIT))
        blocks[actor_id] = {b for b in found if b is not None}
    pairs = candidate_pairs(blocks, _blocks(store, {b for bs in blocks.values() for b in bs}))
    others = {a for pair in pairs for a in pair} - set(loaded)
    loaded.update(_load_actors(store, others))
    now = _now()
    rows = []
    for pair in sorted(pairs):
        left, right = loaded[pair[0]], loaded[pair[1]]
        decision = score_pair(left, right)
        if decision is None:
            continue
        rows.append(
            _judgement_row(
                pair,
                decision.judgement,
                source="machine",
                score=decision.score,
                features=decision.features,
                algorithm=ALGORITHM,
                version=VERSION,
                now=now,
            )
        )
        report.judgements[decision.judgement] += 1
    conn.executemany(_INSERT_JUDGEMENT, rows)
    report.actors_scored += len(new)
    return pruned


def _effective(store: Store, ids: set[str]) -> tuple[Edges, set[str]]:
    """The winning judgement of every pair inside ``ids`` and the ORG actors a positive
    judges a mistyped person."""
    rows = store.connection.execute(
        "SELECT left_id, right_id, judgement, rank, score, features FROM judgements"
        " WHERE left_id IN (SELECT value FROM json_each(?)) ORDER BY rank",
        (_ids_json(ids),),
    )
    best: dict[Pair, tuple[str, int, float, str]] = {}
    for r in rows:
        pair = (str(r[0]), str(r[1]))
        if pair[1] in ids:
            best[pair] = (str(r[2]), int(r[3]), float(r[4] or 0.0), str(r[5]))
    positive: list[Edge] = []
    negative: dict[str, dict[str, int]] = defaultdict(dict)
    mistyped: set[str] = set()
    for pair, (judgement, rank, score, features) in best.items():
        if judgement == "positive":
            found = json.loads(features)
            rule = str(found.get("name@1", "analyst" if rank >= ANALYST_RANK else ""))
            context = bool(found.get("titles@1")) or bool(found.get("co_actors@1"))
            positive.append(Edge(rank, score, pair, rule, context))
            if found.get("type@1") == "mistyped_person":
                mistyped.update(pair)
        elif judgement == "negative":
            negative[pair[0]][pair[1]] = rank
            negative[pair[1]][pair[0]] = rank
    positive.sort(key=lambda e: (-e.rank, -e.score, e.pair))
    edges = Edges(positive, negative, {e.pair for e in positive})
    return edges, mistyped


# --------------------------------------------------------------------------- components


def entity_id(members: Iterable[str]) -> str:
    """The stable id of the entity whose lowest actor id is the given one's minimum."""
    return content_id("n", min(members))


def _closure(store: Store, seeds: set[str]) -> set[str]:
    """Seeds, every actor reachable by positive judgements or by an implicit link (the same
    full name ``f:``, gazetteer reading ``g:`` or single-word name ``o:``), and the members
    of every entity any of them is in: the region a change can touch (the clustering of
    everything outside it cannot change)."""
    conn = store.connection
    done: set[str] = set()
    seen_entities: set[str] = set()
    seen_keys: set[str] = set()
    todo = set(seeds)
    while todo:
        done |= todo
        ids = _ids_json(todo)
        found: set[str] = set()
        for column in ("left_id", "right_id"):  # two indexed lookups, not one OR scan
            for r in conn.execute(
                "SELECT left_id, right_id FROM judgements WHERE judgement = 'positive'"
                f" AND {column} IN (SELECT value FROM json_each(?))",
                (ids,),
            ):
                found.update((str(r[0]), str(r[1])))
        # each entity and each link key is expanded once (hundreds of "Donald Trump"
        # actors share one key: joining them pairwise would cost its square)
        held = {
            str(r[0])
            for r in conn.execute(
                "SELECT DISTINCT entity_id FROM entity_members"
                " WHERE actor_id IN (SELECT value FROM json_each(?))",
                (ids,),
            )
        }
        held -= seen_entities
        seen_entities |= held
        found.update(
            str(r[0])
            for r in conn.execute(
                "SELECT actor_id FROM entity_members"
                " WHERE entity_id IN (SELECT value FROM json_each(?))",
                (_ids_json(held),),
            )
        )
        keys = {
            str(r[0])
            for r in conn.execute(
                "SELECT DISTINCT key FROM actor_keys WHERE actor_id IN"
                " (SELECT value FROM json_each(?))"
                " AND (key LIKE 'f:%' OR key LIKE 'g:%' OR key LIKE 'o:%')",
                (ids,),
            )
        }
        keys -= seen_keys
        seen_keys |= keys
        found.update(
            str(r[0])
            for r in conn.execute(
                "SELECT actor_id FROM actor_keys WHERE key IN (SELECT value FROM json_each(?))",
                (_ids_json(keys),),
            )
        )
        todo = found - done
    existing = {
        str(r[0])
        for r in conn.execute(
            "SELECT id FROM actors WHERE id IN (SELECT value FROM json_each(?))",
            (_ids_json(done),),
        )
    }
    return existing


def _mistyped_direction(
    actors: dict[str, ActorInfo], edges: Edges, mistyped: set[str]
) -> tuple[Edges, set[str]]:
    """Which side the small model mistyped: when more documents type a name ORG than
    PERSON ("New Orleans Saints" a team in most, a person in one), the PERSON actors are
    the mistyped ones: the ORG actors stay an organisation and the links that would make
    them a person are dropped (those PERSON actors stay apart)."""
    if not mistyped:
        return edges, mistyped
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for actor in actors.values():
        if actor.type in ("PERSON", "ORG"):
            counts[name_key(actor.name)][actor.type] += 1
    wrong = {
        a
        for a in mistyped
        if a in actors
        and counts[name_key(actors[a].name)]["ORG"] > counts[name_key(actors[a].name)]["PERSON"]
    }
    if not wrong:
        return edges, mistyped
    dropped = {
        e.pair for e in edges.positive if e.rule == "exact_full_name" and set(e.pair) & wrong
    }
    positive = [e for e in edges.positive if e.pair not in dropped]
    edges = Edges(positive, edges.negative, edges.explicit_positive - dropped)
    return edges, mistyped - wrong


def _rebuild(
    store: Store,
    seeds: set[str],
    moved: set[str] | None = None,
    loaded: dict[str, ActorInfo] | None = None,
) -> int:
    """Recompute the entities of the components reachable from ``seeds``; add to
    ``moved`` the actors whose fellow members changed (see :attr:`ResolveReport.moved`).
    ``loaded``: actors this run already read (with context, which the clustering does
    not read)."""
    ids = _closure(store, seeds)
    if not ids:
        return 0
    loaded = {} if loaded is None else loaded
    actors = {a: loaded[a] for a in ids if a in loaded}
    actors.update(_load_actors(store, ids - actors.keys(), context=False))
    edges, mistyped = _effective(store, ids)
    edges, mistyped = _mistyped_direction(actors, edges, mistyped)
    groups = Builder(actors, edges, mistyped).run()
    conn = store.connection
    current: dict[str, set[str]] = defaultdict(set)
    for actor_id, entity in conn.execute(
        "SELECT m.actor_id, m.entity_id FROM entity_members AS m"
        " WHERE m.entity_id IN (SELECT entity_id FROM entity_members"
        " WHERE actor_id IN (SELECT value FROM json_each(?)))",
        (_ids_json(ids),),
    ):
        current[str(entity)].add(str(actor_id))
    sizes = {
        str(r[0]): int(r[1])
        for r in conn.execute(
            "SELECT id, size FROM entities WHERE id IN (SELECT value FROM json_each(?))",
            (_ids_json(current),),
        )
    }
    unchanged = {
        entity_id(group)
        for group in groups
        if current.get(entity_id(group)) == set(group) and sizes.get(entity_id(group)) == len(group)
    }
    if moved is not None:
        moved |= _moved(current, groups)
    conn.execute(
        "DELETE FROM entities WHERE id IN (SELECT value FROM json_each(?))",
        (_ids_json(set(current) - unchanged),),
    )
    written = [g for g in groups if entity_id(g) not in unchanged]
    mentions = _mention_counts(store, [a for g in written for a in g])
    for group in written:
        _write_entity(store, [actors[a] for a in group], mentions)
    return len(groups)


def _moved(current: dict[str, set[str]], groups: list[list[str]]) -> set[str]:
    """Enough earlier-resolved actors to witness every change of "same entity" among them.

    Cut the old actors by (entity before, group after) into cells. Two old actors changed
    their relation only when they lie in different cells of one entity before or of one
    group after; keeping every cell but the largest of each such entity and group marks at
    least one actor of every changed pair (an actor joining "Donald Trump" marks that actor,
    not the hundreds already there). New actors are not marked: only their own documents
    name them."""
    before = {a: entity for entity, members in current.items() for a in members}
    cells: dict[tuple[str, int], set[str]] = defaultdict(set)
    for number, group in enumerate(groups):
        for actor in group:
            if actor in before:
                cells[(before[actor], number)].add(actor)
    by_old: dict[str, list[set[str]]] = defaultdict(list)
    by_new: dict[int, list[set[str]]] = defaultdict(list)
    for (old, new), cell in cells.items():
        by_old[old].append(cell)
        by_new[new].append(cell)
    found: set[str] = set()
    for family in (*by_old.values(), *by_new.values()):
        if len(family) > 1:
            family = sorted(family, key=lambda c: (-len(c), min(c)))
            found.update(*family[1:])
    return found


def _mention_counts(store: Store, ids: Sequence[str]) -> dict[str, int]:
    rows = store.connection.execute(
        "SELECT id, mentions FROM actors WHERE id IN (SELECT value FROM json_each(?))",
        (_ids_json(ids),),
    )
    return {str(r[0]): int(r[1]) for r in rows}


def best_name(actors: Sequence[ActorInfo], mentions: dict[str, int]) -> str:
    """The most frequent full name (in documents, then mentions), not all-capitals."""
    docs: dict[str, set[str]] = defaultdict(set)
    count: Counter[str] = Counter()
    for actor in actors:
        docs[actor.name].add(actor.document)
        count[actor.name] += mentions.get(actor.id, 1)

    def rank(name: str) -> tuple[bool, bool, int, int, int, str]:
        full = len(name.split()) > 1
        shouting = name.isupper() and len(name) > 6
        return (full, not shouting, len(docs[name]), count[name], len(name), name)

    return max(docs, key=rank)


def _majority(values: Iterable[str | None]) -> str | None:
    found = Counter(v for v in values if v)
    if not found:
        return None
    return min(found, key=lambda v: (-found[v], v))


def _entity_type(actors: Sequence[ActorInfo]) -> str:
    """The majority type, except that an entity with a person in it is a person: a person
    joins an ORG actor only when the small model mistyped that person."""
    if any(a.type == "PERSON" for a in actors):
        return "PERSON"
    return _majority(a.type for a in actors) or actors[0].type


def _write_entity(
    store: Store, actors: Sequence[ActorInfo], mentions: dict[str, int] | None = None
) -> str:
    ids = sorted(a.id for a in actors)
    ident = entity_id(ids)
    mentions = _mention_counts(store, ids) if mentions is None else mentions
    conn = store.connection
    conn.execute(
        "INSERT OR REPLACE INTO entities (id, name, type, country, representative, size,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            ident,
            best_name(actors, mentions),
            _entity_type(actors),
            _majority(a.country for a in actors),
            ids[0],
            len(ids),
            _now(),
        ),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO entity_members (actor_id, entity_id) VALUES (?, ?)",
        [(a, ident) for a in ids],
    )
    return ident


# --------------------------------------------------------------------------- public API


def resolve_entities(store: Store, document_ids: Sequence[str] | None = None) -> ResolveReport:
    """Resolve the actors of ``document_ids`` (all documents when None) into entities.

    Only the given documents' actors are (re)indexed and scored against the blocking index;
    only the components their judgements reach are recomputed. Running it again gives the
    same entities and ids.
    """
    report = ResolveReport()
    with store.transaction() as conn:
        if document_ids is None:
            conn.execute("DELETE FROM judgements WHERE source = 'machine'")
            conn.execute("DELETE FROM actor_keys")
            conn.execute("DELETE FROM entities")
        new_ids = _document_actor_ids(store, document_ids)
        seeds = set(new_ids)
        loaded: dict[str, ActorInfo] = {}
        sizes = BlockSizes(store)
        for chunk in _chunks(new_ids, 2000):
            seeds |= _score_new(store, chunk, report, loaded, sizes)
        report.components = _rebuild(store, seeds, report.moved, loaded)
    report.entities = int(store.connection.execute("SELECT count(*) FROM entities").fetchone()[0])
    return report


def outdated(store: Store) -> bool:
    """Whether machine judgements of another scorer version are stored (then only a full
    re-resolution gives the current scorer's entities)."""
    row = store.connection.execute(
        "SELECT 1 FROM judgements WHERE source = 'machine' AND (algorithm != ? OR version != ?)"
        " LIMIT 1",
        (ALGORITHM, VERSION),
    ).fetchone()
    return row is not None


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
