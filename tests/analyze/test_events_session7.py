"""Events, session 7 of issue 13: other senses of event words, exhortations, a party's
nomination, elections won by beating someone, cyber attacks, victories in war, votes on a
text, who does what an accusation names, and a state's act told by its adjective or
possessive (original sentences)."""

from __future__ import annotations

from newsweave.model.facts import Event
from tests.analyze.test_events import events_of, one


def _at(found: tuple[Event, ...], word: str) -> list[Event]:
    return [e for e in found if e.trigger.text.lower().startswith(word)]


def test_a_measure_or_a_recording_is_no_actor() -> None:
    _, found, _ = events_of("Emergency admissions for asthma are exploding across the delta.")
    assert not _at(found, "explod")
    _, found, _ = events_of("Doorbell cameras captured the councillor leaving the depot at dawn.")
    assert not _at(found, "captur")
    _, found, _ = events_of("A truck bomb exploded near the customs post at Laffa on Monday.")
    assert one(found, "ASSAULT", "explode").modality == "asserted"


def test_intransitive_hurt_and_a_toll_taken_are_other_senses() -> None:
    _, found, _ = events_of("Seasonal pickers are the ones who hurt the most when harvests fail.")
    assert not _at(found, "hurt")
    _, found, _ = events_of("Friends fear the toll the endless campaign is taking on him.")
    assert not _at(found, "toll")
    _, found, _ = events_of("Masked men hurt two guards during the robbery.")
    assert _at(found, "hurt")


def test_an_exhortation_is_no_deed() -> None:
    _, found, _ = events_of(
        '"Let us thank the volunteers for their courage," the bishop told the crowd.'
    )
    assert all(e.modality == "hypothetical" for e in _at(found, "thank"))


def test_an_act_under_a_modal_verb_shares_its_mood() -> None:
    _, found, _ = events_of("Backing the bill would mean resigning the vice-chairmanship.")
    assert all(e.modality == "hypothetical" for e in _at(found, "resign"))


def test_a_party_nomination_is_a_candidacy_not_an_appointment() -> None:
    _, found, _ = events_of(
        "Four senators are competing for the Republican presidential nomination this spring."
    )
    assert not [e for e in found if e.type == "OFFICE"]
    assert one(found, "ELECTION", "campaign")
    _, found, _ = events_of("The council confirmed the nomination of Ada Renko to the audit board.")
    assert one(found, "OFFICE", "appoint")


def test_beating_a_rival_in_a_vote_is_winning() -> None:
    _, found, _ = events_of(
        "Councillor Pia Sands beat the incumbent by 290 votes in the primary on Tuesday."
    )
    assert one(found, "ELECTION", "win")
    assert not [e for e in found if e.type == "ASSAULT"]
    _, found, _ = events_of("Two men beat a shopkeeper with iron bars in Tarvik.")
    assert one(found, "ASSAULT", "beat")


def test_a_cyber_attack_is_no_assault() -> None:
    _, found, _ = events_of(
        "Hackers attacked the ministry's servers for a week, stealing payroll files."
    )
    assert not [e for e in found if e.type in ("ASSAULT", "FIGHT")]


def test_a_victory_in_war_is_no_election() -> None:
    _, found, _ = events_of("The general declared victory over the Harun militia on Friday.")
    assert not [e for e in found if e.type == "ELECTION"]
    _, found, _ = events_of("The Greens claimed a narrow victory in the municipal vote.")
    assert one(found, "ELECTION", "win")


def test_a_vote_on_a_text_is_the_happening_not_its_content() -> None:
    _, found, _ = events_of(
        "The assembly voted on a motion to expel the mining company from the province."
    )
    assert one(found, "ELECTION", "vote").modality == "asserted"
    assert all(e.modality != "asserted" for e in found if e.type == "COERCE")


def test_who_is_accused_or_blamed_does_the_act() -> None:
    _, found, names = events_of(
        "Farmers blamed the Tovar Brigade for torching the grain store.",
        ("Tovar Brigade", "ORG"),
    )
    torching = _at(found, "torch")
    assert torching and [names[a] for a in torching[0].actors] == ["Tovar Brigade"]


def test_a_state_named_by_its_possessive_or_adjective_acts() -> None:
    _, found, names = events_of(
        "Ruritania's killing of the envoy in Strelsau drew condemnation.",
        ("Ruritania", "GPE"),
        ("Strelsau", "GPE"),
    )
    killing = one(found, "ASSAULT", "kill")
    assert [names[a] for a in killing.actors] == ["Ruritania"]
    assert killing.place_text == "Strelsau"


def test_a_possessive_pronoun_participant_is_its_antecedent() -> None:
    _, found, names = events_of(
        "The Tarvik Audit Office published its report on Friday. It said its inquiry found "
        "no fraud in the tender.",
        ("Tarvik Audit Office", "ORG"),
    )
    inquiry = one(found, "INVESTIGATE")
    assert [names[a] for a in inquiry.actors] == ["Tarvik Audit Office"]


def test_what_such_parties_in_general_must_do_is_no_demand() -> None:
    _, found, _ = events_of("The economist said provinces must borrow less in a slump.")
    assert not [e for e in found if e.type == "DEMAND"]
    _, found, _ = events_of("The minister said the central bank must cut its rates.")
    assert one(found, "DEMAND")


def test_an_event_noun_withheld_is_negated() -> None:
    _, found, _ = events_of("The union surprised the party by withholding its endorsement.")
    assert one(found, "SUPPORT").modality == "negated"


def test_coordinated_group_modifiers_keep_the_phrase() -> None:
    _, found, _ = events_of(
        "The session was boycotted by both Kurdish and Sunni members of the assembly.",
        ("Kurdish", "NORP"),
        ("Sunni", "NORP"),
    )
    boycott = one(found, "PROTEST")
    assert not boycott.actors and boycott.actor_texts
    assert "Kurdish and Sunni members" in boycott.actor_texts[0]


def test_recognising_common_ground_is_no_recognition() -> None:
    _, found, _ = events_of("The two ministers recognized broad areas of common ground.")
    assert not [e for e in found if e.mode == "recognise"]
    _, found, _ = events_of("Norway recognized the new republic in 1992.")
    assert one(found, "SUPPORT", "recognise")


def test_a_gerund_subject_of_a_modal_clause_is_hypothetical() -> None:
    _, found, _ = events_of("Blockading the harbour would be a grave error.")
    assert found and all(e.modality == "hypothetical" for e in found)
