"""What an entity shows as its aliases: only names of the entity itself (spelling
variants, an acronym a document states with its expansion, a gazetteer alias; for a person
no second full name), never what one document's chain attached; and capitalised ordinary
words that open a sentence are no given names."""

from __future__ import annotations

from newsweave.resolve.entities import _read_openers, alias_fits, entity_aliases
from newsweave.resolve.name_words import ordinary_word, without_opening_word


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
