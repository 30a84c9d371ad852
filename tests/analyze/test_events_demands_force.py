"""Events, session 4 of issue 13: demands told as obligations, military force, property
destruction, concessions, weapons, victims and possibilities (original sentences)."""

from __future__ import annotations

from newsweave.analyze.events import compatible
from newsweave.analyze.figures import extract_figures
from newsweave.evaluate.plover import scored_type
from newsweave.model.facts import Event, Span
from tests.analyze.test_events import context, events_of, one


def _types(found: tuple[Event, ...]) -> list[tuple[str, str | None]]:
    return [(e.type, e.mode) for e in found]


def test_saying_another_party_must_act_is_a_demand_and_the_act_no_happening() -> None:
    _, found, names = events_of(
        "The harbour authority said on Monday that Corvel Shipping must pay the port fees.",
        ("Corvel Shipping", "ORG"),
    )
    demand = one(found, "DEMAND", "obligation")
    assert demand.actor_texts == ("The harbour authority",)
    assert [names[t] for t in demand.targets] == ["Corvel Shipping"]
    assert demand.trigger.text == "said"
    assert all(e.type == "DEMAND" for e in found)  # the paying has not happened


def test_has_to_and_should_are_obligations_but_not_for_the_speaker_or_the_past() -> None:
    _, found, _ = events_of("Lawmakers insisted the governor has to resign over the contracts.")
    assert one(found, "DEMAND", "obligation").target_texts == ("the governor",)
    _, found, _ = events_of("The mayor said she must return to the talks on Friday.")
    assert not [e for e in found if e.mode == "obligation"]
    _, found, _ = events_of("The senator said the envoy should have been recalled long ago.")
    assert not [e for e in found if e.mode == "obligation"]
    _, found, _ = events_of("Analysts said the premier would have to tread carefully.")
    assert not [e for e in found if e.mode == "obligation"]


def test_violence_by_a_military_force_is_fight_keeping_its_mode() -> None:
    _, found, _ = events_of("Government warplanes killed nine villagers near Tolsa on Sunday.")
    killing = one(found, "FIGHT", "kill")
    assert killing.target_texts == ("nine villagers",)
    _, found, _ = events_of("Gunmen killed two watchmen at the depot.")
    one(found, "ASSAULT", "kill")
    _, found, _ = events_of("Riot police shot four marchers near the bridge.")
    assert not [e for e in found if e.type == "FIGHT"]  # repression stays ASSAULT


def test_destroying_property_is_coercion_and_burning_in_unrest_a_riot() -> None:
    _, found, _ = events_of("Insurgents blew up two high-voltage pylons outside Varnel.")
    destroy = one(found, "COERCE", "destroy")
    assert destroy.target_texts == ("two high-voltage pylons",)
    _, found, _ = events_of("Settlers set fire to the offices of the land registry overnight.")
    one(found, "COERCE", "destroy")
    _, found, _ = events_of("During the riots, crowds set fire to the tax office.")
    one(found, "PROTEST", "riot")


def test_letting_the_other_side_act_is_a_concession_and_its_content_no_event() -> None:
    _, found, _ = events_of("The interior ministry allowed the opposition to hold its rally.")
    one(found, "CONCEDE", "permit")
    assert not [e for e in found if e.type == "PROTEST"]
    _, found, _ = events_of("The governor authorised troops to use live ammunition.")
    assert not [e for e in found if e.type in ("CONCEDE", "ASSAULT")]


def test_a_weapon_is_no_happening_but_its_use_is() -> None:
    _, found, _ = events_of("Detectives found the bombs packed into two rucksacks.")
    assert not [e for e in found if e.type == "ASSAULT"]
    _, found, _ = events_of("A car bomb exploded outside the customs house on Tuesday.")
    one(found, "ASSAULT", "explode")


def test_strikes_are_air_strikes_only_where_aircraft_are_told_of() -> None:
    _, found, _ = events_of("Drones carried out at least forty strikes in the valley last year.")
    assert ("FIGHT", "air-strike") in _types(found)
    _, found, _ = events_of("The strike at the cannery entered its third week.")
    assert ("PROTEST", "strike") in _types(found)


def test_differently_counted_or_named_victims_are_two_happenings() -> None:
    text = "Seven militiamen were killed in a blast on Friday. Later, four militiamen were killed."
    ctx = context(text)
    counts = extract_figures(ctx, lambda start, end: None)
    _, found, _ = events_of(text, figures=counts)
    assert len([e for e in found if e.mode == "kill" and e.figures]) == 2
    _, found, _ = events_of(
        "A senior colonel was killed by a roadside bomb. A village elder was also killed."
    )
    assert len([e for e in found if e.mode == "kill"]) == 2


def _killing(trigger: str, figure: str, victims: tuple[str, ...] = ()) -> Event:
    return Event(
        id=f"e-{figure}",
        type="ASSAULT",
        mode="kill",
        label="",
        trigger=Span(0, len(trigger), trigger),
        actors=(),
        actor_texts=(),
        targets=(),
        target_texts=victims,
        place=None,
        place_text=None,
        date=None,
        date_source="none",
        figures=(figure,),
        modality="asserted",
        reported_by=None,
        reported_by_text=None,
        evidence=(),
    )


def test_a_toll_sums_up_killings_with_other_counts() -> None:
    values = {"f1": 98.0, "f2": 104.0, "f3": 40.0}
    incident = _killing("killed", "f1", ("98 people",))
    assert compatible(incident, _killing("the toll", "f2"), values=values)
    assert not compatible(incident, _killing("killed", "f3", ("40 people",)), values=values)


def test_possibilities_and_descriptions_are_no_happenings() -> None:
    _, found, _ = events_of("Her aides found it easy to dismiss the rumours about the memo.")
    assert all(e.modality == "hypothetical" for e in found if e.type == "REJECT")
    _, found, _ = events_of("He was known as a man of striking patience.")
    assert not [e for e in found if e.type == "PROTEST"]
    _, found, _ = events_of("The clerk resisted releasing the ledgers for months.")
    assert all(e.modality == "negated" for e in found)


def test_announced_coercion_scores_as_a_threat_and_refused_cooperation_as_rejection() -> None:
    _, found, _ = events_of("The dockers' union said it will boycott the new port authority.")
    assert scored_type(one(found, "PROTEST")) == "THREATEN"
    _, found, _ = events_of("The cabinet said it would not accept the mediators' plan.")
    assert scored_type(one(found, "AGREE")) == "REJECT"


def test_readiness_is_intent() -> None:
    _, found, _ = events_of("The junta said it is prepared to lift the curfew in Sarno.")
    assert one(found, "CONCEDE", "ease").modality == "future"


def test_a_candidates_rally_is_campaigning_not_a_protest() -> None:
    _, found, _ = events_of("The Republican nominee was slated to hold two rallies in Ohio.")
    rally = one(found, "ELECTION", "campaign")
    assert rally.modality == "future"
    _, found, _ = events_of("Hundreds of nurses held a rally outside the ministry over pay.")
    one(found, "PROTEST", "demonstrate")


def test_counterfactuals_hopes_and_poll_leads_are_no_happenings() -> None:
    _, found, _ = events_of("Had he waited, he would have faced criticism from his own party.")
    assert all(e.modality == "hypothetical" for e in found if e.type == "DISAPPROVE")
    _, found, _ = events_of("The polls raised hopes for a landslide victory in the west.")
    assert all(e.modality == "hypothetical" for e in found if e.type == "ELECTION")
    _, found, _ = events_of("The governor is beating her rival in every county poll.")
    assert not [e for e in found if e.type == "ASSAULT"]
