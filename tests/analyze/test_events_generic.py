"""Events, session 6 of issue 13: plans told by nouns, generic plurals and habits, the
content of a boast or an accusation, descriptions, digests, snubs, pledges to coerce,
wire datelines, military strikes and terrorist designations (original sentences)."""

from __future__ import annotations

from newsweave.model.facts import Event
from tests.analyze.test_events import events_of, one


def _kinds(found: tuple[Event, ...]) -> set[tuple[str, str | None]]:
    return {(e.type, e.mode) for e in found}


def _at(found: tuple[Event, ...], word: str) -> list[Event]:
    return [e for e in found if e.trigger.text.lower().startswith(word)]


def test_an_event_noun_in_a_planned_act_is_planned() -> None:
    _, found, _ = events_of(
        "The governor planned to tour the flooded valley on Friday before joining "
        "farmers for a rally in Pinebrook."
    )
    rallies = _at(found, "rally")
    assert rallies and all(e.modality != "asserted" for e in rallies)
    _, found, _ = events_of("The dockers' union planned a march on the ministry.")
    assert one(found, "PROTEST").modality == "future"


def test_plans_to_act_told_by_a_noun_are_future() -> None:
    _, found, _ = events_of(
        "Her plans to visit the border crossing next month drew sharp criticism."
    )
    assert one(found, "CONSULT", "visit").modality == "future"


def test_happenings_in_general_are_no_events() -> None:
    """A bare plural, and an act named after "instead of" (which did not happen)."""
    _, found, _ = events_of("Critics blamed the senator for the violence at rallies.")
    assert not _at(found, "rall")
    _, found, _ = events_of(
        "Instead of marching for a cause, the students spent the weekend revising."
    )
    assert all(e.modality == "negated" for e in found if e.type == "PROTEST")
    _, found, _ = events_of("Hundreds of students marched through Ellery on Sunday.")
    assert one(found, "PROTEST").modality == "asserted"


def test_a_habit_in_the_present_is_no_happening() -> None:
    _, found, _ = events_of("Incumbents rarely lose elections in this county.")
    assert ("ELECTION", "lose") not in _kinds(found)
    _, found, _ = events_of("The incumbent lost the election in this county last year.")
    one(found, "ELECTION", "lose")


def test_what_a_boast_or_an_accusation_tells_is_reported() -> None:
    _, found, _ = events_of("At the dinner, the candidate joked about shooting a heckler.")
    shots = [e for e in found if e.type == "ASSAULT"]
    assert shots and all(e.modality == "reported" for e in shots)
    _, found, _ = events_of("The coach bragged about beating a referee after the final.")
    assert all(e.modality != "asserted" for e in found if e.type == "ASSAULT")


def test_a_participle_describing_a_person_tells_of_no_election_or_verdict() -> None:
    _, found, _ = events_of("As an elected official, Ruiz must disclose his holdings.")
    assert not [e for e in found if e.type == "ELECTION"]
    _, found, _ = events_of("A convicted fraudster ran the charity for a decade.")
    assert not [e for e in found if e.type == "LEGAL"]
    _, found, _ = events_of("Ruiz was elected mayor of Tolven in 2024.", ("Ruiz", "PERSON"))
    one(found, "ELECTION", "win")


def test_a_roundup_of_papers_is_no_arrest() -> None:
    _, found, _ = events_of("The newsletter printed a 40-page roundup of court filings.")
    assert not [e for e in found if e.type == "COERCE"]
    _, found, _ = events_of("Police said the roundup of suspected smugglers began at dawn.")
    one(found, "COERCE", "arrest")


def test_shunning_a_colleague_is_no_boycott() -> None:
    _, found, _ = events_of("After the dispute, colleagues shunned her at staff meetings.")
    assert ("PROTEST", "boycott") not in _kinds(found)
    _, found, _ = events_of("Farm groups shunned the trade fair over the new tariffs.")
    one(found, "PROTEST", "boycott")


def test_a_pledge_to_coerce_is_a_threat() -> None:
    _, found, _ = events_of("The candidate pledged to deport striking foreign workers.")
    one(found, "THREATEN")
    assert ("AGREE", "agree") not in _kinds(found)
    _, found, _ = events_of("The two ministers pledged to cooperate on border policing.")
    one(found, "AGREE", "agree")


def test_a_wire_dateline_with_its_agency_is_no_actor() -> None:
    _, found, names = events_of(
        "DENVER (AP) — Governor Lisa Farrow on Monday accused the utility of hiding "
        "safety reports.",
        ("DENVER", "GPE"),
        ("Lisa Farrow", "PERSON"),
    )
    accusation = one(found, "DISAPPROVE")
    assert "DENVER" not in [names.get(a) for a in accusation.actors]
    assert "DENVER" not in accusation.actor_texts


def test_a_strike_by_arms_is_an_attack() -> None:
    _, found, _ = events_of(
        "A retaliatory strike on the fuel depot killed four guards, the ministry said."
    )
    assert "PROTEST" not in {e.type for e in found}
    one(found, "FIGHT")
    _, found, _ = events_of("Army jets struck weapons depots near the border overnight.")
    assert "PROTEST" not in {e.type for e in found}
    one(found, "FIGHT")
    _, found, _ = events_of("Dock workers struck for a second day over unpaid wages.")
    one(found, "PROTEST", "strike")


def test_a_terrorist_designation_is_a_sanction() -> None:
    _, found, _ = events_of(
        "The State Department designated the militia a foreign terrorist organization "
        "on Wednesday.",
        ("State Department", "ORG"),
    )
    one(found, "SANCTION")
    assert not [e for e in found if e.type == "OFFICE"]


def test_a_description_before_the_subject_is_not_the_participant() -> None:
    _, found, names = events_of(
        "A farmer from Lisle, Ohio, Tom Brackett was charged on Monday with fraud.",
        ("Tom Brackett", "PERSON"),
        ("Lisle", "GPE"),
        ("Ohio", "GPE"),
    )
    charge = one(found, "LEGAL", "charge")
    assert [names[a] for a in charge.targets] == ["Tom Brackett"]


def test_a_call_for_someone_to_act_is_not_the_act() -> None:
    _, found, _ = events_of("Neighbours rallied amid calls for the sheriff to step down.")
    resign = one(found, "OFFICE", "resign")
    assert resign.modality == "hypothetical"


def test_a_question_with_a_modal_gives_a_possible_event() -> None:
    _, found, _ = events_of("Should the county board endorse Vasquez before the primary?")
    assert one(found, "SUPPORT", "endorse").modality == "hypothetical"


def test_other_senses_of_campaign_talk_are_no_events() -> None:
    for text in (
        "Vasquez fought back to finish a strong third in the caucuses.",
        "The senator has locked up the support of both farm unions.",
        "Candidates must demonstrate that they understand rural voters.",
        "Her name recognition rose sharply after the debate.",
    ):
        _, found, _ = events_of(text)
        assert not [e for e in found if e.type in ("FIGHT", "COERCE", "PROTEST", "SUPPORT")], text


def test_the_agent_of_an_event_noun_hung_on_its_object() -> None:
    _, found, _ = events_of(
        "Protesters demanded answers over the shooting of a cyclist by a county deputy.",
    )
    shot = one(found, "ASSAULT", "shoot")
    assert shot.actor_texts == ("a county deputy",)
    assert shot.target_texts == ("a cyclist",)


def test_needs_options_and_inverted_conditions_are_not_happenings() -> None:
    _, found, _ = events_of("Vasquez needs 200 more delegates to win the nomination.")
    assert all(e.modality != "asserted" for e in found if e.type == "ELECTION")
    _, found, _ = events_of(
        "The ministry has been weighing responses such as targeted sanctions on the firms."
    )
    assert all(e.modality != "asserted" for e in found if e.type == "SANCTION")
    _, found, _ = events_of("Had the mayor won the runoff, the council would have shifted.")
    assert all(e.modality != "asserted" for e in found if e.type == "ELECTION")


def test_an_act_pushed_for_is_not_asserted() -> None:
    _, found, _ = events_of("He has accused the governor of pushing to indict his aide.")
    assert all(e.modality != "asserted" for e in found if e.type == "LEGAL")
