"""Offices left, not yet held or hypothetical, and staff who work for a person (issue 14,
session 5), on original sentences."""

from __future__ import annotations

from tests.analyze.test_relations import facts, ties


def test_an_office_someone_was_removed_from_is_former_with_its_year() -> None:
    found = facts("Marek Ostrowski was removed as chair of the Baltic Ferry Authority in May 2017.")
    assert (
        "Marek Ostrowski",
        "leads",
        "Baltic Ferry Authority",
        "former chair",
        "2017",
    ) in found


def test_resigning_or_being_replaced_makes_the_office_former() -> None:
    found = facts(
        "Governor Ilse Varga resigned as governor of Ohio in 2016. "
        "Two years later the shareholders replaced Tomas Berglund as chief executive of "
        "Norvik Bank."
    )
    assert ("Ilse Varga", "holds_position", "Ohio", "former governor", "2016") in found
    assert not any(
        s == "Ilse Varga" and q and not q.startswith("former") for s, p, _, q, _ in found
    ), found
    assert any(
        s == "Tomas Berglund" and o == "Norvik Bank" and q == "former chief executive"
        for s, _, o, q, _ in found
    ), found


def test_an_incoming_or_hypothetical_office_is_not_held() -> None:
    found = facts(
        "Economists warned that a President Delacroix would raise tariffs. "
        "The incoming mayor, Sunita Rao, takes office in January."
    )
    assert not any(p == "holds_position" for _, p, _, _, _ in found), found


def test_a_chief_of_staff_works_for_the_principal_and_does_not_lead_them() -> None:
    found = ties(
        "Rafael Quint, chief of staff to Senator Hana Ito, declined to comment. "
        "Ito's spokeswoman, Carla Ferraz, said the senator was travelling."
    )
    assert ("Rafael Quint", "employed_by", "Hana Ito") in found
    assert ("Carla Ferraz", "employed_by", "Hana Ito") in found
    assert not any(p == "leads" for _, p, _ in found)


def test_an_aide_to_a_governor_is_employed_by_the_governor() -> None:
    found = ties("Omar Diab, a senior aide to Governor Lucia Brandt, resigned on Friday.")
    assert ("Omar Diab", "employed_by", "Lucia Brandt") in found


def test_an_office_after_a_modal_copula_is_not_held() -> None:
    found = facts("Analysts agree that either Marta Ruiz or Alan Pike will be president.")
    assert not any(p == "holds_position" for _, p, _, _, _ in found), found


def test_a_nickname_in_quotation_marks_is_no_office() -> None:
    found = facts("Supporters call the striker Tomas Quaresma “King Tomas” at every match.")
    assert not any(q == "King" for _, _, _, q, _ in found), found


def test_an_office_held_during_a_dated_period_carries_the_year() -> None:
    found = facts(
        "Ed Marlow, who served as chairman of the Liberal Union during the 1998 campaign, "
        "spoke first."
    )
    assert ("Ed Marlow", "leads", "Liberal Union", "chairman", "1998") in found


def test_a_place_is_never_owned() -> None:
    found = ties("Alston Media owns Mr. Kell's Brazil programming and two radio stations.")
    assert not any(p == "owns" and o == "Brazil" for _, p, o in found), found


def test_secretary_general_is_one_office() -> None:
    found = facts("Secretary General Ilse Varga condemned the missile launch on Monday.")
    offices = [q for s, p, _, q, _ in found if s == "Ilse Varga" and p == "holds_position"]
    assert offices == ["Secretary General"], found


def test_an_office_dated_by_then_or_onetime_is_former() -> None:
    found = facts(
        "Then-Interior Minister Ruta Salo ordered the raid on the printing house in 2015. "
        "Kaspar Meel, a onetime adviser to Ruta Salo, denied any role in it."
    )
    offices = [(s, q) for s, p, _, q, _ in found if s == "Ruta Salo" and p == "holds_position"]
    assert offices and all(q and q.startswith("former") for _, q in offices), found
    assert any(s == "Kaspar Meel" and q and q.startswith("former") for s, _, _, q, _ in found), (
        found
    )


def test_his_in_what_a_man_said_about_another_man_is_nobodys() -> None:
    found = ties(
        "Senator Paolo Ferri said the developer Marco Lenti had insulted his wife, "
        "Giulia Ferri, at the charity gala."
    )
    assert not any(p in ("spouse_of", "former_spouse_of") for _, p, _ in found), found
    found = ties("Senator Paolo Ferri said his wife, Giulia Ferri, would not stand for the seat.")
    assert ("Giulia Ferri", "spouse_of", "Paolo Ferri") in found or (
        "Paolo Ferri",
        "spouse_of",
        "Giulia Ferri",
    ) in found, found


def test_an_apposition_after_a_country_describes_the_country() -> None:
    found = ties(
        "The talks were opened by Henrik Dalsgaard, the trade minister of Norway, a founding "
        "member of the European Free Trade Association."
    )
    assert not any(s == "Henrik Dalsgaard" and p == "member_of" for s, p, _ in found), found


def test_an_office_in_the_simple_past_is_former_but_a_kin_tie_is_not() -> None:
    found = facts(
        "Marta Ilves, who was press secretary to Governor Rein Kask, now runs a bakery. "
        "Rein Kask served as governor of Harju County before he retired. "
        "Toomas Ilves was her uncle."
    )
    assert any(
        s == "Marta Ilves" and o == "Rein Kask" and q and q.startswith("former")
        for s, _, o, q, _ in found
    ), found
    assert any(
        s == "Rein Kask" and q and q.startswith("former governor") for s, _, _, q, _ in found
    ), found
    assert not any(q and "former" in q and "uncle" in q for _, _, _, q, _ in found), found


def test_the_next_office_is_not_held() -> None:
    found = facts("Voters in March will make Ilse Marken the next chancellor, polls suggest.")
    assert not any(s == "Ilse Marken" and p == "holds_position" for s, p, _, _, _ in found), found
