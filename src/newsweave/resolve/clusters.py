"""Constrained agglomerative clustering of actors into entities.

Input: the actors of a closed region of the corpus (every actor a positive link of it can
reach), the effective pairwise judgements among them and the implicit links of identical
strong names. Output: groups of actor ids, one per entity.

Order (each step merges two clusters only when EVERY cross pair of names is compatible under
the cannot-link rules of :mod:`newsweave.resolve.constraints`, no negative judgement of at
least the link's rank lies between them, and no two actors of one document would be one
entity unless their names are an obvious chain miss):

1. **analyst positives** (rank 10): they outrank every machine rule; only analyst negatives
   stop them;
2. **strong links** between two *strong* actors, best first: an identical full name (a
   person's given name + surname, a multi-word organisation, one gazetteer reading of a
   place), or a scored strong rule (transliteration, spelling variant, same country, an
   alias both documents state…);
3. **weak actors** — whose every name is a bare surname or first name, an acronym or a
   single word — join a cluster only when exactly one compatible cluster is linked to them
   (by a scored positive, which needs context, or — for organisations — by the very name a
   document states as that cluster's alias); otherwise they stay with their document's
   actor. They never bridge: a weak actor's names are never used to join two clusters;
4. **weak actors left alone** group with each other only through a scored positive that
   shared titles or co-occurring actors support ("Police" in two documents about two
   countries is not one entity), never with a cluster holding a strong actor.

Cost: each merge compares the distinct names of the two clusters (not their actors), so a
cluster of a thousand actors named "Donald Trump" costs as much as its few dozen spellings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from newsweave.analyze.gazetteer import normalize
from newsweave.resolve.constraints import (
    other_forms_conflict,
    person_forms_conflict,
    types_conflict,
)
from newsweave.resolve.namekeys import (
    _PLACE_TYPES,
    _SUFFIXES,
    ORG_WORDS,
    ActorInfo,
    code_names,
    country_place,
    initials,
    name_endings,
    name_key,
    person_parts,
)

Pair = tuple[str, str]
ANALYST_RANK = 10
CODE = "CODE"
"""The type the clustering gives an actor named only by coined names ("COVID-19"): the
small model types them PERSON, ORG or GPE mention by mention (``namekeys.code_name``)."""

STRONG_RULES = frozenset(
    {
        "exact",
        "same_surname",
        "transliteration_surname",
        "misspelling_surname",
        "exact_full_name",
        "alias",
        "same_country",
        "same_country_group",
        "transliteration",
        "spelling_variant",
        "chain_miss",
        "same_name",
        "code_name",
    }
)
"""Scored rules that may join two strong actors; every other positive rule (bare surname,
bare first name, acronym by initials, a shared single word) only places a weak actor."""


@dataclass(frozen=True)
class Edge:
    rank: int
    score: float
    pair: Pair
    rule: str
    context: bool = False
    """Whether shared titles or co-occurring actors supported the judgement."""


@dataclass(frozen=True)
class Edges:
    """Effective judgements among a set of actors (the highest rank per pair wins)."""

    positive: list[Edge]
    negative: dict[str, dict[str, int]]
    explicit_positive: set[Pair]


def looks_like_person(actor: ActorInfo) -> bool:
    """An ORG actor whose name is a two- or three-word name without an organisation word
    (the small model's mistyped person)."""
    words = actor.name.split()
    return (
        actor.type == "ORG"
        and 2 <= len(words) <= 3
        and not any(w.lower().strip(".,") in ORG_WORDS for w in words)
    )


@lru_cache(maxsize=262_144)
def person_key(form: str) -> str:
    """A person's name parts joined, with a generational suffix kept as ``+jr`` ("Donald
    Trump Jr." is not "Donald Trump"), and a regnal numeral after a lone given name too
    ("Edward +iii": a monarch, no bare given name)."""
    words = [w.strip(".,") for w in normalize(form).split()]
    parts = person_parts(form)
    suffix = words[-1] if len(words) > 1 and words[-1] in _SUFFIXES else ""
    key = " ".join(parts)
    regnal = len(parts) == 1 and suffix in name_endings()[1]
    return f"{key} +{suffix}" if suffix and (len(parts) > 1 or regnal) else key


def actor_forms(actor: ActorInfo, as_person: bool) -> frozenset[str]:
    """The name keys the constraints compare: person parts for people, name keys else."""
    if as_person:
        return frozenset(k for k in (person_key(f) for f in actor.forms) if k)
    return frozenset(k for k in (name_key(f) for f in actor.forms) if k)


def strong_keys(actor: ActorInfo) -> set[str]:
    """Keys whose holders are one entity unless a constraint says otherwise: a full person
    name, a multi-word non-person name, the gazetteer reading of a located place."""
    found: set[str] = set()
    codes = code_names(actor.forms)
    if codes:
        return {f"f:{CODE}:{k}" for k in codes}
    if actor.type == "PERSON":
        found.update(f"f:{k}" for k in actor_forms(actor, True) if " " in k)
        return found
    found.update(f"f:{actor.type}:{k}" for k in actor_forms(actor, False) if " " in k)
    if actor.type in _PLACE_TYPES:
        if actor.place:
            found.add(f"g:{actor.place}")
        found.update(f"g:{p}" for p in (country_place(f) for f in actor.forms) if p)
    return found


def surname_keys(actor: ActorInfo) -> set[str]:
    """Blocking keys that pair, inside one document, a one-word name with the full person
    names ending in it (``d:`` + document + word): the scorer's lone-surname chain miss
    ("Okafor" beside "Ngozi Okafor", also typed a place) needs the pair scored even when the
    corpus-wide blocks of the word are too big."""
    found: set[str] = set()
    for form in actor.forms:
        if actor.type == "PERSON":
            parts = person_parts(form)
            if len(parts) >= 2:
                found.add(f"d:{actor.document}:{parts[-1]}")
        key = name_key(form)
        if key and " " not in key:
            found.add(f"d:{actor.document}:{key}")
    return found


def weak_keys(actor: ActorInfo) -> set[str]:
    """Single-word non-person names (organisation names, acronyms): their holders are
    linked only to place a weak actor (``o:`` keys)."""
    if actor.type == "PERSON":
        return set()
    return {f"o:{actor.type}:{k}" for k in actor_forms(actor, False) if " " not in k}


def _places(actor: ActorInfo) -> set[str]:
    if actor.type not in _PLACE_TYPES:
        return set()
    found = {p for p in (country_place(f) for f in actor.forms) if p}
    if actor.place:
        found.add(actor.place)
    return found


@dataclass
class _Cluster:
    members: set[str]
    by_doc: dict[str, set[str]]
    person: bool
    types: frozenset[str]
    forms: set[str]
    coheld: dict[str, set[str]]
    places: set[str]
    strong: bool
    keys: set[str] = field(default_factory=set)
    shorts: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)


class Builder:
    """Constrained agglomerative clustering (see the module docstring)."""

    def __init__(
        self, actors: dict[str, ActorInfo], edges: Edges, mistyped: Iterable[str] = ()
    ) -> None:
        self.actors = actors
        self.edges = edges
        self.mistyped = set(mistyped) & set(actors)
        self.parent = {a: a for a in actors}
        self.comps = {a: self._singleton(actors[a]) for a in actors}
        self.strong_actor = {a: self.comps[a].strong for a in actors}
        self.rejected: list[tuple[Pair, str]] = []
        """Links a constraint refused (pair, rule), for the record."""

    def _singleton(self, actor: ActorInfo) -> _Cluster:
        coded = bool(code_names(actor.forms))
        as_person = not coded and (actor.type == "PERSON" or actor.id in self.mistyped)
        forms = set(actor_forms(actor, as_person))
        keys = {name_key(f) for f in actor.forms}
        if as_person:
            strong = any(" " in f for f in forms)
        else:
            strong = coded or any(" " in f for f in forms) or bool(_places(actor))
        type_ = CODE if coded else "PERSON" if as_person else actor.type
        return _Cluster(
            members={actor.id},
            by_doc={actor.document: {actor.id}},
            person=as_person,
            types=frozenset({type_}),
            forms=forms,
            coheld={f: set(forms) for f in forms},
            places=_places(actor),
            strong=strong,
            keys=keys,
            shorts={k for k in keys if " " not in k},
            acronyms={a for f in actor.forms for a in initials(f)},
        )

    def find(self, node: str) -> str:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    # ------------------------------------------------------------------ the phases

    def run(self) -> list[list[str]]:
        positive = self.edges.positive
        for edge in positive:
            if edge.rank >= ANALYST_RANK:
                self._try(edge.pair, edge.rank)
        for edge in self._strong_links(positive):
            self._try(edge.pair, edge.rank)
        self._place_weak(positive)
        self._group_weak(positive)
        groups: dict[str, list[str]] = defaultdict(list)
        for node in sorted(self.actors):
            groups[self.find(node)].append(node)
        return sorted(groups.values())

    def _strong_links(self, positive: list[Edge]) -> list[Edge]:
        links = [
            e
            for e in positive
            if e.rank < ANALYST_RANK
            and e.rule in STRONG_RULES
            and self.strong_actor[e.pair[0]]
            and self.strong_actor[e.pair[1]]
        ]
        holders: dict[str, list[str]] = defaultdict(list)
        for actor_id in sorted(self.actors):
            if self.strong_actor[actor_id]:
                for key in self._strong_keys(actor_id):
                    holders[key].append(actor_id)
        for key in sorted(holders):
            first, *rest = holders[key]
            links.extend(Edge(0, 1.0, (first, other), "same_name") for other in rest)
        return sorted(links, key=lambda e: (-e.score, e.pair))

    def _strong_keys(self, actor_id: str) -> set[str]:
        actor = self.actors[actor_id]
        if actor_id in self.mistyped and not code_names(actor.forms):
            return {f"f:{k}" for k in actor_forms(actor, True) if " " in k}
        return strong_keys(actor)

    def _weak_neighbours(self, positive: list[Edge]) -> dict[str, set[str]]:
        """Weak actor → the actors a positive (or, for organisations, the very name a
        document states) links it to."""
        found: dict[str, set[str]] = defaultdict(set)
        for edge in positive:
            if edge.rank >= ANALYST_RANK:
                continue
            a, b = edge.pair
            if not self.strong_actor[a]:
                found[a].add(b)
            if not self.strong_actor[b]:
                found[b].add(a)
        holders: dict[str, list[str]] = defaultdict(list)
        for actor_id in sorted(self.actors):
            for key in weak_keys(self.actors[actor_id]):
                holders[key].append(actor_id)
        for ids in holders.values():
            for a in ids:
                if not self.strong_actor[a]:
                    found[a].update(b for b in ids if b != a)
        return found

    def _place_weak(self, positive: list[Edge]) -> None:
        """Each weak actor joins the one compatible cluster with a strong actor linked to
        it, if there is exactly one."""
        neighbours = self._weak_neighbours(positive)
        for actor_id in sorted(neighbours):
            if len(self.comps[self.find(actor_id)].members) > 1:
                continue  # an analyst put it somewhere
            roots = {self.find(n) for n in neighbours[actor_id] if self.strong_actor[n]}
            fitting = [r for r in sorted(roots) if self._compatible(self.find(actor_id), r, 0)]
            if len(fitting) == 1:
                self._union(self.find(actor_id), fitting[0])

    def _group_weak(self, positive: list[Edge]) -> None:
        """Weak actors still alone group among themselves (never with a strong cluster)."""
        links: list[Edge] = [
            e
            for e in positive
            if e.rank < ANALYST_RANK
            and e.context
            and not self.strong_actor[e.pair[0]]
            and not self.strong_actor[e.pair[1]]
        ]
        for edge in sorted(set(links), key=lambda e: (-e.score, e.pair)):
            x, y = self.find(edge.pair[0]), self.find(edge.pair[1])
            if x == y or self.comps[x].strong or self.comps[y].strong:
                continue
            if self._compatible(x, y, edge.rank):
                self._union(x, y)

    # ------------------------------------------------------------------ constraints

    def _try(self, pair: Pair, rank: int) -> None:
        a, b = self.find(pair[0]), self.find(pair[1])
        if a != b and self._compatible(a, b, rank):
            self._union(a, b)

    def _compatible(self, a: str, b: str, rank: int) -> bool:
        x, y = self.comps[a], self.comps[b]
        small, large = sorted((x, y), key=lambda c: len(c.members))
        for member in small.members:
            for other, neg_rank in self.edges.negative.get(member, {}).items():
                if neg_rank >= rank and other in large.members:
                    return False
        if rank >= ANALYST_RANK:
            return True
        if self._same_document(small, large):
            return False
        return self._constraint(x, y) is None

    def _constraint(self, x: _Cluster, y: _Cluster) -> str | None:
        """The cannot-link rule two clusters break, else None."""
        found = types_conflict(x.types, y.types)
        if found:
            return found
        if x.places and y.places:
            # located places: one gazetteer reading is one place, whatever its names
            return None if x.places == y.places else "places@1"
        conflict = person_forms_conflict if x.person else other_forms_conflict
        for a in x.forms:
            tied = x.coheld.get(a, set())
            for b in y.forms:
                if a == b:
                    continue
                if (" " not in a or " " not in b) and (b in tied or a in y.coheld.get(b, ())):
                    continue  # a short name a document states with the other (ECOWAS)
                rule = conflict(a, b) if a < b else conflict(b, a)
                if rule:
                    return rule
        return None

    def _same_document(self, x: _Cluster, y: _Cluster) -> bool:
        for doc in x.by_doc.keys() & y.by_doc.keys():
            for left in x.by_doc[doc]:
                for right in y.by_doc[doc]:
                    if not self._chain_miss(left, right, x, y):
                        return True
        return False

    def _chain_miss(self, left: str, right: str, x: _Cluster, y: _Cluster) -> bool:
        pair = (left, right) if left < right else (right, left)
        if pair in self.edges.explicit_positive:
            return True
        la, ra = self.actors[left], self.actors[right]
        lcodes, rcodes = code_names(la.forms), code_names(ra.forms)
        if lcodes or rcodes:
            return bool(lcodes & rcodes)  # "COVID-19" typed PERSON and ORG in one document
        if "PERSON" in (la.type, ra.type):
            return self._person_chain_miss(la, ra)
        lc, rc = self._singleton(la), self._singleton(ra)
        return bool(
            lc.keys & y.keys or rc.keys & x.keys or lc.shorts & y.acronyms or rc.shorts & x.acronyms
        )

    def _person_chain_miss(self, la: ActorInfo, ra: ActorInfo) -> bool:
        """Two people of one document that its chains left apart although both are named
        in full by one person's names ("W. Mark Felt" and "Mark Felt"): the same surname,
        agreeing given names, and no pair of their full names in conflict."""
        if la.type != ra.type:
            return False
        lf = {k for k in actor_forms(la, True) if " " in k}
        rf = {k for k in actor_forms(ra, True) if " " in k}
        if not lf or not rf:
            return False
        if not any(a.split()[-1] == b.split()[-1] for a in lf for b in rf):
            return False
        return all(person_forms_conflict(*sorted((a, b))) is None for a in lf for b in rf)

    def _union(self, a: str, b: str) -> None:
        keep, gone = (a, b) if a < b else (b, a)
        self.parent[gone] = keep
        x, y = self.comps[keep], self.comps.pop(gone)
        x.members |= y.members
        for doc, ids in y.by_doc.items():
            x.by_doc.setdefault(doc, set()).update(ids)
        x.types = x.types | y.types
        x.person = x.person or y.person
        x.forms |= y.forms
        for form, tied in y.coheld.items():
            x.coheld.setdefault(form, set()).update(tied)
        x.places |= y.places
        x.strong = x.strong or y.strong
        x.keys |= y.keys
        x.shorts |= y.shorts
        x.acronyms |= y.acronyms
