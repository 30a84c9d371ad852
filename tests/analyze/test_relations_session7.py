"""Relation precision rules of session 7 (issue 14), on original sentences: a demonym's
office is the country's, a beat is no employer, "Secretary X" is a form of address, a
party adjective is no office's organisation, an apposition after a coordination describes
the nearest name, "A of X, B of Y" lists, a place is nobody's club, a party owns nothing."""

from __future__ import annotations

from newsweave.analyze.titles import is_role
from tests.analyze.test_relations import facts, ties


def test_a_demonym_office_is_held_in_the_country() -> None:
    found = ties("Estonian President Kaarel Tamm met reporters in Tallinn on Monday.")
    assert ("Kaarel Tamm", "holds_position", "Estonia") in found, found


def test_a_beat_is_not_an_employer() -> None:
    found = ties("Pentagon correspondent Lydia Marsh asked about the drills.")
    assert not any(p == "employed_by" for _, p, _ in found), found


def test_secretary_before_a_bare_name_is_a_form_of_address() -> None:
    found = facts("Secretary Okonjo told the committee the audit was finished.")
    assert not any(p == "holds_position" for _, p, _, _, _ in found), found


def test_a_party_adjective_is_no_organisation_of_an_office() -> None:
    found = ties("Former Nevada Republican Governor Ray Tolliver endorsed the measure.")
    assert not any(o == "Republican" for _, _, o in found), found


def test_an_apposition_after_names_joined_by_and_describes_the_nearest() -> None:
    found = ties("Dmitri Lanz and Mira Feld, Karl Ode’s wife, opened the gallery on Friday.")
    assert ("Mira Feld", "spouse_of", "Karl Ode") in found, found
    assert ("Dmitri Lanz", "spouse_of", "Karl Ode") not in found, found


def test_in_a_list_of_a_of_x_each_person_works_at_their_own_firm() -> None:
    found = ties(
        "The donors include Lena Vaughn of Harbor Trust Capital, Omar Reyes of Castellan "
        "Partners and Iris Mbeki of Northwind Advisors."
    )
    assert ("Omar Reyes", "employed_by", "Harbor Trust Capital") not in found, found


def test_a_party_that_controls_a_chamber_owns_nothing() -> None:
    found = ties("When Democrats controlled the Assembly, the budget passed in a week.")
    assert not any(p == "owns" for _, p, _ in found), found


def test_role_words_are_nouns_not_prepositions_or_comparatives() -> None:
    for word in ("under", "closer", "former", "statement", "different", "against"):
        assert not is_role(word), word
    for word in ("head", "lawyer", "economist", "governor", "aide"):
        assert is_role(word), word


def test_his_is_never_a_woman_named_before() -> None:
    found = ties(
        "Critics said Mr. Kemp, whose affair with Dolores Vane and his split from his first "
        "wife, Ingrid Kemp, filled the tabloids, was no moralist."
    )
    assert not any({s, o} == {"Dolores Vane", "Ingrid Kemp"} for s, _, o in found), found


def test_a_first_wife_is_a_former_spouse() -> None:
    found = ties("Marek Dolan's first wife, Irena Dolan, testified on Monday.")
    assert ("Irena Dolan", "former_spouse_of", "Marek Dolan") in found, found


def test_an_abbreviated_office_before_a_name_of_a_state() -> None:
    found = ties("Gov. Lucas Marr of Nevada said he expected a close race in the fall.")
    assert ("Lucas Marr", "holds_position", "Nevada") in found, found
