"""What an entity shows as its aliases: only names of the entity itself (spelling
variants, an acronym a document states with its expansion, a gazetteer alias; for a person
no second full name), never what one document's chain attached; and capitalised ordinary
words that open a sentence are no given names."""

from __future__ import annotations

from newsweave.resolve.clusters import Builder, Edge, Edges
from newsweave.resolve.constraints import other_forms_conflict, person_forms_conflict
from newsweave.resolve.entities import (
    ActorInfo,
    _mistyped_direction,
    _read_openers,
    alias_fits,
    entity_aliases,
    score_pair,
)
from newsweave.resolve.name_words import (
    headline_core,
    headline_tail,
    ordinary_word,
    without_opening_word,
)
from newsweave.resolve.namekeys import given_of, person_parts


def test_an_organisation_keeps_variants_and_a_stated_acronym_only() -> None:
    actors = [
        ("Halden Broadcasting Corporation", "HBC", "Reuters"),  # chain took the wire's name
        ("Halden Broadcasting Corp.",),
        ("Halden Broadcasting",),
    ]
    shown, left = entity_aliases("Halden Broadcasting Corporation", False, actors)
    assert "HBC" in shown and "Halden Broadcasting Corp." in shown
    assert "Halden Broadcasting" in shown
    assert left == ("Reuters",)


def test_an_acronym_no_document_states_is_no_alias() -> None:
    shown, left = entity_aliases(
        "Santa Lucia Cooperative", False, [("Santa Lucia Cooperative",), ("SLC",)]
    )
    assert shown == () and left == ("SLC",)


def test_a_place_keeps_gazetteer_aliases_not_a_dateline_agency() -> None:
    assert alias_fits("United States", "America", False) is None
    assert alias_fits("United States", "U.S.", False) is None
    assert alias_fits("Nairobi", "AFP", False) == "org_names@1"
    assert alias_fits("Nairobi", "Kenya", False) is not None


def test_a_person_holds_no_second_full_name() -> None:
    actors = [
        ("Margit Halvorsen", "Halvorsen", "Margit"),
        ("Ingrid Halvorsen",),  # a chain slip in one document
        ("M. Halvorsen",),
    ]
    shown, left = entity_aliases("Margit Halvorsen", True, actors)
    assert set(shown) == {"Halvorsen", "Margit", "M. Halvorsen"}
    assert left == ("Ingrid Halvorsen",)
    assert alias_fits("Margit Halvorsen", "Brekke", True) == "bare_name@1"


def test_ordinary_opening_words_are_no_given_names() -> None:
    assert ordinary_word("Defiant") and ordinary_word("Thanking") and ordinary_word("Rebuffed")
    assert not ordinary_word("Margit") and not ordinary_word("Frank")
    assert not ordinary_word("Hope") and not ordinary_word("Senator")
    assert without_opening_word("Unrepentant Okonkwo") == "Okonkwo"
    assert without_opening_word("Chidi Okonkwo") is None
    assert alias_fits("Chidi Okonkwo", "Defiant Okonkwo", True) == "opening_word@1"


def test_only_forms_that_open_sentences_lose_their_first_word() -> None:
    forms = ["Defiant Okonkwo", "Okonkwo", "Chidi Okonkwo"]
    assert _read_openers(forms, {"Defiant Okonkwo"}) == ["Okonkwo", "Chidi Okonkwo"]
    assert _read_openers(["Frank Odhiambo"], {"Frank Odhiambo"}) == ["Frank Odhiambo"]


def test_headline_words_around_a_name_are_no_part_of_it() -> None:
    assert headline_core("Okonjo Thanks Loyal Voters", ["Okonjo"]) == "Okonjo"
    assert headline_core("Rivermouth Bank Buys Tollgate", ["Tollgate"]) is None  # not all words
    assert headline_core("Chidi Okonkwo", ["Okonkwo"]) is None  # a given name stays
    assert headline_core("Columnist Adaeze Obi", ["Adaeze Obi"]) == "Adaeze Obi"
    assert headline_tail("Adaeze Obi Resigns Over Pay") == "Adaeze Obi"
    assert headline_tail("Adaeze Nkem Obi") is None
    forms = ["Okonjo Thanks Loyal Voters", "Okonjo"]
    assert _read_openers(forms, {forms[0]}, person=False) == ["Okonjo"]


def test_an_initial_before_the_name_a_person_goes_by() -> None:
    assert given_of(("t", "graham", "ovie"), ("graham", "ovie"))
    assert not given_of(("t", "graham", "ovie"), ("ruth", "ovie"))
    assert person_forms_conflict("graham ovie", "t graham ovie") is None
    assert person_forms_conflict("ruth ovie", "t graham ovie") == "given_names@1"
    assert person_parts('Salvatore "Sal" Brancato') == ("salvatore", "brancato")


def test_a_part_of_an_organisation_name_goes_to_review() -> None:
    team = ActorInfo("a1", "d1", "Harbourside Mariners", "ORG", co_actors=frozenset({"x"}))
    bare = ActorInfo("a2", "d2", "Mariners", "ORG", co_actors=frozenset({"x"}))
    lone = ActorInfo("a3", "d3", "Mariners", "ORG")
    found = score_pair(team, bare)
    assert found is not None and found.features["name@1"] == "part_of_name"
    assert found.judgement == "unsure" and found.score > 0.8  # context raises it, for review
    alone = score_pair(team, lone)
    assert alone is not None and alone.judgement == "unsure" and alone.score < found.score
    police = ActorInfo("a4", "d4", "Police", "ORG", co_actors=frozenset({"x"}))
    city = ActorInfo("a5", "d5", "Harbourside Police", "ORG", co_actors=frozenset({"x"}))
    assert score_pair(police, city) is None  # a generic word alone is no part of a name
    spaced = ActorInfo("a6", "d6", "Tide Works", "ORG")
    joined = ActorInfo("a7", "d7", "TideWorks", "ORG")
    variant = score_pair(spaced, joined)
    assert variant is not None and variant.judgement == "positive"


def test_one_document_s_two_full_names_of_one_person_are_one_entity() -> None:
    actors = {
        "a1": ActorInfo("a1", "d1", "T. Graham Ovie", "PERSON"),
        "a2": ActorInfo("a2", "d1", "Graham Ovie", "PERSON"),  # the chain missed it
        "a3": ActorInfo("a3", "d2", "Graham Ovie", "PERSON"),
        "a4": ActorInfo("a4", "d2", "Ruth Ovie", "PERSON"),
    }
    edges = [Edge(0, 0.9, ("a1", "a3"), "same_surname"), Edge(0, 1.0, ("a2", "a3"), "exact")]
    groups = Builder(actors, Edges(edges, {}, {e.pair for e in edges})).run()
    assert ["a1", "a2", "a3"] in groups and ["a4"] in groups


def test_the_mistyped_side_follows_the_majority_type() -> None:
    actors = {
        "a1": ActorInfo("a1", "d1", "Harbourside Mariners", "ORG"),
        "a2": ActorInfo("a2", "d2", "Harbourside Mariners", "ORG"),
        "a3": ActorInfo("a3", "d3", "Harbourside Mariners", "PERSON"),
    }
    edge = Edge(0, 0.9, ("a1", "a3"), "exact_full_name")
    edges, mistyped = _mistyped_direction(actors, Edges([edge], {}, {edge.pair}), {"a1", "a3"})
    assert edges.positive == [] and mistyped == set()  # both stay as typed


def test_place_abbreviations_and_located_aliases_are_kept() -> None:
    shown, left = entity_aliases("Ostmark", False, [("Ostmark",), ("Ostm.",), ("Oxford",)])
    assert shown == ("Ostm.",) and left == ("Oxford",)
    actors = [("Esk Region",), ("E.R.",), ("Elk Ridge", "ER")]
    shown, _ = entity_aliases("Esk Region", False, actors, ["user:Esk", "user:Esk", None])
    assert shown == ("E.R.", "ER")  # "E.R." located where the name was: "ER" is its spelling
    shown, _ = entity_aliases("Esk Region", False, actors, ["user:Esk", None, None])
    assert shown == ()  # initials no document states and no gazetteer ties


def test_short_readings_and_score_lines_are_no_aliases() -> None:
    assert alias_fits("Hamburg", "Ham", False) is not None  # a reading, not a way to write it
    assert alias_fits("United States", "US", False) is None
    assert alias_fits("Veldoria", "Veldoria - 2", False) == "digits@1"
    assert alias_fits("Veldoria Labour Party", "Party", False) == "generic_part@1"
    assert alias_fits("Veldoria Labour Party", "Veldoria Labour", False) is None


def test_short_given_names_and_compass_words_tell_names_apart() -> None:
    assert alias_fits("Tomas Lewin", "Ann Lewin", True) == "given_names@1"
    assert alias_fits("Jon Lewin", "John Lewin", True) is None
    assert other_forms_conflict("north veldoria college", "south veldoria college") == (
        "org_names@1"
    )
