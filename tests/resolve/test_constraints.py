"""Constrained clustering on hand-made actors: the cannot-link rules hold for whole
entities whatever chain of positive pairs would connect two actors, weak names never
bridge, and analysts still outrank the machine."""

from __future__ import annotations

from newsweave.resolve.clusters import Builder, Edge, Edges
from newsweave.resolve.constraints import (
    given_names_agree,
    other_forms_conflict,
    person_forms_conflict,
)
from newsweave.resolve.entities import ActorInfo


def person(ident: str, doc: str, name: str, *aliases: str) -> ActorInfo:
    return ActorInfo(ident, doc, name, "PERSON", aliases=aliases)


def org(ident: str, doc: str, name: str, *aliases: str, type_: str = "ORG") -> ActorInfo:
    return ActorInfo(ident, doc, name, type_, aliases=aliases)


def cluster(
    actors: list[ActorInfo],
    links: list[tuple[str, str]],
    analyst: tuple[tuple[str, str], ...] = (),
) -> list[set[str]]:
    """Entities (as sets of actor ids) from machine positives ``links`` (scored as the
    strongest rule) and analyst positives."""
    edges = [Edge(0, 0.95, tuple(sorted(p)), "exact") for p in links]  # type: ignore[arg-type]
    edges += [Edge(10, 1.0, tuple(sorted(p)), "analyst") for p in analyst]  # type: ignore[arg-type]
    edges.sort(key=lambda e: (-e.rank, -e.score, e.pair))
    built = Builder({a.id: a for a in actors}, Edges(edges, {}, {e.pair for e in edges})).run()
    return [set(g) for g in built]


def together(groups: list[set[str]], *ids: str) -> bool:
    return any(set(ids) <= g for g in groups)


def test_full_names_of_two_people_never_meet_through_a_bare_name() -> None:
    actors = [
        person("a1", "d1", "Margit Halvorsen", "Halvorsen"),
        person("a2", "d2", "Halvorsen"),
        person("a3", "d3", "Halvorsen Brekke", "Brekke"),
    ]
    groups = cluster(actors, [("a1", "a2"), ("a2", "a3")])
    assert not together(groups, "a1", "a3")
    # two clusters fit the bare name: it stays with its own document
    assert not together(groups, "a1", "a2") and not together(groups, "a2", "a3")


def test_a_bare_name_joins_the_one_cluster_that_fits() -> None:
    actors = [
        person("a1", "d1", "Margit Halvorsen", "Halvorsen"),
        person("a2", "d2", "Margit Halvorsen"),
        person("a3", "d3", "Halvorsen"),
        person("a4", "d4", "Tobias Lund"),
    ]
    groups = cluster(actors, [("a1", "a3"), ("a3", "a4")])
    assert together(groups, "a1", "a2", "a3")  # a4 is no Halvorsen: it never fitted
    assert not together(groups, "a3", "a4")


def test_two_surnames_or_two_given_names_are_two_people() -> None:
    actors = [
        person("a1", "d1", "Oskar Dalby"),
        person("a2", "d2", "Oskar Dalby", "Oskar Wendt"),  # a chain error in one document
        person("a3", "d3", "Oskar Wendt"),
        person("a4", "d4", "Ingrid Wendt"),
    ]
    groups = cluster(actors, [("a1", "a2"), ("a2", "a3"), ("a3", "a4")])
    assert not together(groups, "a1", "a3")
    assert not together(groups, "a3", "a4")


def test_nicknames_initials_and_spellings_are_one_person() -> None:
    assert given_names_agree("william", "bill") and given_names_agree("j", "joseph")
    assert not given_names_agree("bill", "robert")
    assert person_forms_conflict("william ostrander", "bill ostrander") is None
    assert person_forms_conflict("muammar gaddafi", "muammar qaddafi") is None
    assert person_forms_conflict("bill ostrander", "bill kessley") == "surnames@1"
    assert person_forms_conflict("ilse kessler", "gustav kessler") == "given_names@1"
    assert person_forms_conflict("kessler", "gustav kessler") is None
    assert person_forms_conflict("osei", "kwame boateng") == "bare_name@1"


def test_organisations_never_chain_through_a_shared_word() -> None:
    actors = [
        org("o1", "d1", "Harbour Authority"),
        org("o2", "d2", "Authority"),
        org("o3", "d3", "Revenue Authority"),
    ]
    groups = cluster(actors, [("o1", "o2"), ("o2", "o3")])
    assert not together(groups, "o1", "o3")
    assert other_forms_conflict("harbour authority", "revenue authority") == "org_names@1"
    assert other_forms_conflict("authority", "harbour authority") is None


def test_acronyms_tie_only_where_a_document_states_them() -> None:
    actors = [
        org("o1", "d1", "Truth and Reconciliation Commission", "TRC"),
        org("o2", "d2", "TRC"),
        org("o3", "d3", "Tarven Rowing Club"),
    ]
    groups = cluster(actors, [("o2", "o3")])
    assert together(groups, "o1", "o2")  # the name d1 states
    assert not together(groups, "o2", "o3")  # initials alone tie nothing
    assert other_forms_conflict("trc", "tarven rowing club") == "acronym@1"
    two = [*actors, org("o4", "d4", "Tarven Rowing Club", "TRC")]
    groups = cluster(two, [])
    assert not together(groups, "o1", "o4")
    assert not together(groups, "o2", "o1") and not together(groups, "o2", "o4")


def test_places_with_two_gazetteer_readings_stay_apart() -> None:
    capital = ActorInfo("g1", "d1", "Tarven", "GPE", place="user:Tarven")
    country = ActorInfo("g2", "d2", "Veldoria", "GPE", aliases=("Tarven",), place="user:Veldoria")
    same = ActorInfo("g3", "d3", "Republic of Veldoria", "GPE", place="user:Veldoria")
    groups = cluster([capital, country, same], [("g1", "g2")])
    assert not together(groups, "g1", "g2")
    assert together(groups, "g2", "g3")  # one gazetteer reading is one place


def test_a_person_is_never_a_place_or_an_organisation() -> None:
    actors = [
        person("p1", "d1", "Nadia Ostby"),
        ActorInfo("g1", "d2", "Ostby", "GPE"),
        org("o1", "d3", "Ostby Holdings"),
    ]
    groups = cluster(actors, [("p1", "g1"), ("g1", "o1"), ("p1", "o1")])
    assert all(len(g) == 1 for g in groups)


def test_analyst_merges_outrank_the_rules() -> None:
    actors = [person("a1", "d1", "Oskar Dalby"), person("a2", "d2", "Oskar Wendt")]
    assert not together(cluster(actors, [("a1", "a2")]), "a1", "a2")
    assert together(cluster(actors, [], analyst=(("a1", "a2"),)), "a1", "a2")


def test_generational_suffixes_and_middle_initials_tell_people_apart() -> None:
    from newsweave.resolve.clusters import person_key

    def conflict(a: str, b: str) -> str | None:
        x, y = sorted((person_key(a), person_key(b)))
        return person_forms_conflict(x, y)

    assert conflict("Anders Lindqvist", "Anders Lindqvist Jr.") == "suffix@1"
    assert conflict("Carl F. Ostrom", "Carl T.R. Ostrom") == "middle_names@1"
    assert conflict("Carl F. Ostrom", "Carl Ostrom") is None
    assert conflict("Mara Vance Ostrom", "Mara Ostrom") is None
    assert conflict("a Carl Ostrom", "Carl Ostrom") is None
