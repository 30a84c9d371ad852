"""Relations precision rules (issue 14) on original sentences: a poll lead is no
leadership, and a list after "included" is a grouping's members only when the subject is a
grouping."""

from __future__ import annotations

from tests.analyze.test_relations import ties


def test_poll_lead_is_no_leadership() -> None:
    found = ties(
        "A Harbor Research poll released on Monday showed Senator Marta Ruiz leading "
        "Governor Alan Pike 47 percent to 44 percent in Nevada."
    )
    assert not any(p == "leads" for _, p, _ in found)


def test_leading_an_organisation_still_counts() -> None:
    found = ties("Marta Ruiz has led the Progressive Alliance since 2019.")
    assert ("Marta Ruiz", "leads", "Progressive Alliance") in found


def test_clients_are_no_members_of_the_last_organisation() -> None:
    found = ties(
        "Kelso Partners, the consulting firm run by a former Treasury Department aide, "
        "counted Norvik, Alston Bank and Pellar among its clients, and its clients "
        "included Norvik, Alston Bank and Pellar."
    )
    assert not any(p == "member_of" for _, p, _ in found)


def test_a_bloc_groups_its_members() -> None:
    found = ties(
        "The Southern Coast Union was founded in 1998. The bloc groups Ghana, Togo and Benin."
    )
    members = {s for s, p, o in found if p == "member_of" and o == "Southern Coast Union"}
    assert members == {"Ghana", "Togo", "Benin"}


def test_a_sought_office_is_not_held() -> None:
    found = ties(
        "Weeks after announcing her run for governor, Talia Brenn hired a new pollster. "
        "Talia Brenn, whose campaign for governor began in May, spoke on Monday."
    )
    assert not any(s == "Talia Brenn" and p == "holds_position" for s, p, _ in found), found


def test_head_of_a_division_works_for_the_firm_without_leading_it() -> None:
    found = ties(
        "Mr. Lind told Halvard Bank's former head of retail lending, Eva Moss, of the audit."
    )
    assert ("Eva Moss", "employed_by", "Halvard Bank") in found
    assert ("Eva Moss", "leads", "Halvard Bank") not in found


def test_control_of_a_person_is_no_ownership() -> None:
    found = ties("The assembly could never control Governor Ilse Marr, her critics said.")
    assert not any(p == "owns" for _, p, _ in found), found


def test_pronoun_speakers_inside_each_others_words_do_not_loop() -> None:
    """Two he/she speakers, each inside what the other said ("he said he thought he
    might"), made the unresolved-pronoun check ask for each other's antecedent forever:
    the whole document failed with a RecursionError and lost every fact."""
    found = ties(
        "When I asked Lars Lindqvist if he still has the match ball, he said he thought he "
        "might, but he has moved so often in recent years (he worked as a scout for clubs "
        "in Malmo and Bergen before joining the federation) that he thinks the ball may be "
        "packed away somewhere. Lars Lindqvist said his daughter, Agnes Lindqvist, told "
        "him she said she saw it."
    )
    assert ("Agnes Lindqvist", "child_of", "Lars Lindqvist") in found
