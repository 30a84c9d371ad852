"""Membership and affiliation patterns (analyze/relation_membership.py) on original
sentences: brackets, "of", possessives, member nouns over lists, join/belong, led blocs."""

from __future__ import annotations

from tests.analyze.test_relations import ties


def test_party_after_of_and_in_brackets() -> None:
    found = ties(
        "The Civic Renewal Party (CRP) lost two seats. Senator Oda Lindqvist of the Civic "
        "Renewal Party abstained, and Tove Aaberg (CRP) voted against."
    )
    assert ("Oda Lindqvist", "member_of", "Civic Renewal Party") in found
    assert ("Tove Aaberg", "member_of", "Civic Renewal Party") in found


def test_possessive_party_before_a_surname() -> None:
    found = ties(
        "The Farmers League called for a recount. The motion was tabled by the "
        "Farmers League's Brannigan."
    )
    assert ("Brannigan", "member_of", "Farmers League") in found


def test_member_noun_distributes_over_a_list() -> None:
    found = ties("Ilse Marr, Jonas Feld and Pia Kerner are all members of the Harbour Party.")
    members = {s for s, p, o in found if p == "member_of" and o == "Harbour Party"}
    assert members == {"Ilse Marr", "Jonas Feld", "Pia Kerner"}


def test_join_and_belong() -> None:
    found = ties(
        "Rasmus Dahl joined the Coastal Alliance in 2012. Mette Skov belongs to the "
        "Coastal Alliance too."
    )
    assert ("Rasmus Dahl", "member_of", "Coastal Alliance") in found
    assert ("Mette Skov", "member_of", "Coastal Alliance") in found


def test_outlet_after_of_is_employment_not_membership() -> None:
    found = ties("Nadia Brenner of Reuters first reported the sale.")
    assert ("Nadia Brenner", "employed_by", "Reuters") in found
    assert not any(p == "member_of" for _, p, _ in found)


def test_a_place_is_never_a_party() -> None:
    found = ties("Mayor Jon Vik of Bergen opened the bridge.")
    assert not any(p in ("member_of", "employed_by") and o == "Bergen" for _, p, o in found)


def test_a_country_leading_a_bloc_is_its_member() -> None:
    found = ties("Kenya and Uganda belong to the Tanzania-led East Lakes Union.")
    assert ("Tanzania", "leads", "East Lakes Union") in found
    assert ("Tanzania", "member_of", "East Lakes Union") in found
    assert ("Kenya", "member_of", "East Lakes Union") in found


def test_a_body_owned_by_a_body_is_no_employee() -> None:
    found = ties("Analysts said the Navy's Harbor Command should take over the port patrols.")
    assert not any(p == "employed_by" for _, p, _ in found), found
