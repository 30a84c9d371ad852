"""Names stage v5 type cues (analyze/name_cues.py) on small original sentences: company
aliases, bodies that act, results lines and bracketed clubs, datelines, club names, time
zones and the public name list."""

from __future__ import annotations

from newsweave.analyze.candidates import Candidate
from newsweave.analyze.name_cues import _listed, listed_actors
from newsweave.analyze.names import find_candidates
from tests.analyze.test_names import gazetteer, text_context


def typed(text: str) -> dict[str, str]:
    """Candidate text → type (the last reading of a name wins)."""
    return {c.text: c.type for c in find_candidates(text_context(text), gazetteer())}


def test_bare_company_name_is_the_company() -> None:
    found = typed(
        "Halvard Shipping Group said on Monday it had ordered two tankers. "
        "Halvard expects the first to sail in 2030."
    )
    assert found["Halvard Shipping Group"] == "ORG"
    assert found["Halvard"] == "ORG"


def test_company_alias_is_never_a_place_or_adjective() -> None:
    found = typed("National Grain Holdings bought silos in Odessa. National farmers protested.")
    assert "National" not in found or found["National"] != "ORG"
    assert found["Odessa"] in ("GPE", "LOC")


def test_name_acting_as_body_is_an_organisation() -> None:
    found = typed("Zelmar said in a statement that its Karsk refinery would close for repairs.")
    assert found["Zelmar"] == "ORG"


def test_surname_acting_alone_stays_a_person() -> None:
    found = typed(
        "Economy Minister Irena Zelmar met bankers on Tuesday. "
        "Zelmar said in a statement that the talks had been useful."
    )
    assert found["Zelmar"] == "PERSON"


def test_names_before_scores_are_teams_but_countries_stay_places() -> None:
    found = typed("Results on Saturday:\n\nKelmora 3 Dravik Athletic 1\n\nNorway 2 Iceland 2\n")
    assert found["Kelmora"] == "ORG"
    assert found["Dravik Athletic"] == "ORG"
    assert found["Norway"] in ("GPE", "LOC")


def test_prose_is_no_results_line() -> None:
    found = typed("Turnout in Lyon rose to 61 percent from 55 percent in 2026.")
    assert found["Lyon"] in ("GPE", "LOC")


def test_dateline_names_a_place() -> None:
    found = typed("VARNA , Bulgaria 2031-05-02\n\nThe port reopened after the storm.")
    assert found["VARNA"] == "GPE"


def test_club_word_makes_a_club() -> None:
    found = typed("Olimpia Rovers signed the midfielder from Maccabi Netanya on Friday.")
    assert found.get("Olimpia Rovers") == "ORG"
    assert found.get("Maccabi Netanya") == "ORG"


def test_time_zone_is_no_actor() -> None:
    found = typed("The polls closed at 20:00 GMT, an hour after the storm reached Porto.")
    assert "GMT" not in found


def test_score_is_not_part_of_a_name() -> None:
    found = typed("Singles, second round:\n\nMarta Kovacs ( Hungary ) 6-4 6-2\n")
    assert "Marta Kovacs" in found
    assert all(not k.endswith(("6-4", "6-2")) for k in found)


def test_public_list_types_a_known_leader() -> None:
    assert listed_actors()["madeleine albright"] == "PERSON"
    wrong = Candidate(0, 18, "Madeleine Albright", "GPE", "ner", "GPE", "US", "x")
    fixed = _listed(wrong)
    assert (fixed.type, fixed.place, fixed.source) == ("PERSON", None, "ner+dictionary")


def test_public_list_keeps_leaders_names_out_of_groups() -> None:
    groups = [n for n, kind in listed_actors().items() if kind == "ORG"]
    assert groups and all(len(n.split()) >= 2 for n in groups)
    assert listed_actors().get("abu abdullah") != "ORG"


def test_institution_name_goes_on_over_of_and_for() -> None:
    found = typed("The Baltic Institute for Energy Policy published the figures on Friday.")
    assert found.get("Baltic Institute for Energy Policy") == "ORG"


def test_institution_name_stops_before_a_date() -> None:
    found = typed("The Coastal Council on Monday rejected the plan.")
    assert "Coastal Council" in found


def test_slashed_name_is_one_organisation() -> None:
    found = typed("A reporter for RFE/RL was detained at the border.")
    assert found.get("RFE/RL") == "ORG"
    assert "RL" not in found


def test_person_glued_to_an_institution_is_split_off() -> None:
    found = typed("The head of the Vistula Research Centre Marek Wolski said prices would rise.")
    assert found.get("Marek Wolski") == "PERSON"
    assert found.get("Vistula Research Centre") == "ORG"


def test_hyphenated_given_name_belongs_to_the_name() -> None:
    found = typed("The appeal was drafted by Siu-man Leung, a barrister.")
    assert "Siu-man Leung" in found
