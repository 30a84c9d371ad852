"""Issue 13 on single sentences: extension types, CAMEO patterns, arguments from the whole
construction, counts, dates and precision. Original sentences, real spaCy model."""

from __future__ import annotations

import datetime as dt

from newsweave.analyze.times import extract_times, normalise
from newsweave.model.facts import Figure, Span
from newsweave.model.ids import fact_id
from tests.analyze.test_events import context, events_of, one


def kinds(text: str, *names: tuple[str, str]) -> set[tuple[str, str | None]]:
    _, found, _ = events_of(text, *names)
    return {(e.type, e.mode) for e in found}


# --------------------------------------------------------------------- 1. extension types


def test_taking_office_resigning_and_appointing() -> None:
    assert ("OFFICE", "take-office") in kinds(
        "The new governor, Petra Lund, was sworn in on Monday.", ("Petra Lund", "PERSON")
    )
    assert ("OFFICE", "resign") in kinds(
        "Finance Minister Oleg Sarno resigned after the budget vote.", ("Oleg Sarno", "PERSON")
    )
    assert ("OFFICE", "appoint") in kinds(
        "The president appointed Mira Haas as interior minister.", ("Mira Haas", "PERSON")
    )


def test_courts_and_lawsuits() -> None:
    assert ("LEGAL", "sue") in kinds("Three unions filed a lawsuit against the port authority.")
    assert ("LEGAL", "charge") in kinds(
        "Prosecutors charged the former mayor with bribery.", ("former mayor", "PERSON")
    )
    assert ("LEGAL", "rule") in kinds("The supreme court annulled the decree on Thursday.")


def test_an_election_defeat_is_not_a_dismissal() -> None:
    found = kinds("The veteran mayor was ousted in the election in May.")
    assert ("ELECTION", "lose") in found
    assert ("OFFICE", "dismiss") not in found


def test_said_with_its_own_date_is_a_statement_and_plain_said_is_not() -> None:
    text = "Nadia Orlov said on 4 March 2027 that the talks had failed."
    found_times = extract_times(context(text))
    _, found, names = events_of(text, ("Nadia Orlov", "PERSON"), times=found_times)
    statement = one(found, "STATEMENT", "say")
    assert [names[a] for a in statement.actors] == ["Nadia Orlov"]
    assert statement.date_source == "sentence"
    assert ("STATEMENT", "say") not in kinds(
        "Nadia Orlov said the talks had failed.", ("Nadia Orlov", "PERSON")
    )


# --------------------------------------------------------------------- 2. CAMEO patterns


def test_a_verb_and_its_object_decide_the_type() -> None:
    _, found, names = events_of(
        "The Union imposed sanctions on Marovia.", ("Union", "ORG"), ("Marovia", "GPE")
    )
    event = one(found, "SANCTION")
    assert [names[t] for t in event.targets] == ["Marovia"]
    assert ("MOBILIZE", "deploy") in kinds("Talvia rushed troops to the border on Thursday.")


# --------------------------------------------------------------------- 3. arguments


def test_passive_agent_acts() -> None:
    _, found, names = events_of(
        "Councillor Rana Oduya was removed from the committee by the mayor.",
        ("Rana Oduya", "PERSON"),
    )
    event = one(found, "OFFICE", "dismiss")
    assert [names[t] for t in event.targets] == ["Rana Oduya"]
    assert event.actor_texts == ("the mayor",)


def test_a_pronoun_in_what_a_named_person_says_is_that_person() -> None:
    _, found, names = events_of(
        "Governor Ilse Varga said she would step down in July.", ("Ilse Varga", "PERSON")
    )
    event = one(found, "OFFICE", "resign")
    assert [names[a] for a in event.actors] == ["Ilse Varga"]
    assert event.modality == "future"


def test_the_target_of_an_offer_is_in_its_content() -> None:
    _, found, names = events_of(
        "Norland offered to hand over the two suspects to Estmark.",
        ("Norland", "GPE"),
        ("Estmark", "GPE"),
    )
    event = one(found, "AGREE")
    assert [names[a] for a in event.actors] == ["Norland"]
    assert [names[t] for t in event.targets] == ["Estmark"]


def test_a_physical_act_keeps_a_place_as_its_place() -> None:
    _, found, names = events_of("Gunmen attacked a convoy in Dravik on Sunday.", ("Dravik", "GPE"))
    event = one(found, "ASSAULT", "attack")
    assert not event.targets or "Dravik" not in {names.get(t) for t in event.targets}


def test_what_a_probe_compounds_is_investigated() -> None:
    _, found, names = events_of(
        "The Brandt investigation was opened in March.", ("Brandt", "PERSON")
    )
    event = one(found, "INVESTIGATE")
    assert [names[t] for t in event.targets] == ["Brandt"]
    assert not event.actors


# --------------------------------------------------------------------- 4. counts


def _figure(text: str, number: str, value: float, what: str | None) -> Figure:
    from newsweave.model import Evidence

    start = text.index(number)
    end = start + len(number)
    evidence = Evidence("test", start, end, number, "figures", "1")
    return Figure(Span(start, end, number), value, None, None, "exact", None, what, None, None,
                  None, evidence)  # fmt: skip


def test_figures_governed_by_the_trigger_are_its_counts() -> None:
    text = "The Green Alliance won 27 seats in the assembly."
    ctx, found, _ = events_of(
        text, ("Green Alliance", "ORG"), figures=(_figure(text, "27", 27, None),)
    )
    event = one(found, "ELECTION", "win")
    start = text.index("27")
    assert event.figures == (fact_id("f", ctx.document.id, start, start + 2),)


def test_the_rally_drew_a_crowd() -> None:
    text = "The rally drew 25,000 people to the square."
    _, found, _ = events_of(text, figures=(_figure(text, "25,000", 25000, None),))
    assert one(found, "PROTEST").figures


# --------------------------------------------------------------------- 5. dates


def test_a_weekday_picks_the_year_and_a_month_can_be_last_years() -> None:
    assert normalise("Friday, January 1", dt.date(2026, 12, 28), None).value == "2027-01-01"
    assert normalise("May last year", dt.date(2027, 3, 2), None).value == "2026-05"


# --------------------------------------------------------------------- 6. precision


def test_credit_lines_authorisations_norms_and_other_senses_give_no_event() -> None:
    assert not kinds("A burnt-out bus shelter.\n(Photo: Jan Novak 1998, CC BY-SA 3.0)")
    assert not kinds("The governor authorised police to use water cannon against the crowd.")
    assert not kinds("The city charter requires a two-thirds majority for any change.")
    assert not kinds("The documentary was shot in the old harbour.")
    assert not kinds("The storm struck the coastal villages on Sunday.")
    assert not kinds("The exercise demonstrated the ability of the fleet to deploy quickly.")


def test_a_pronoun_in_what_a_country_says_is_that_country() -> None:
    _, found, names = events_of(
        "Norland says it is ready to withdraw its troops from Estmark.",
        ("Norland", "GPE"),
        ("Estmark", "GPE"),
    )
    event = one(found, "AGREE")
    assert [names[a] for a in event.actors] == ["Norland"]


def test_a_possessive_pronoun_is_the_subject_of_the_governing_verb() -> None:
    _, found, names = events_of(
        "The Truce Commission completed its investigation into the raid.",
        ("Truce Commission", "ORG"),
    )
    event = one(found, "INVESTIGATE")
    assert [names[a] for a in event.actors] == ["Truce Commission"]


def test_the_owner_of_a_rejected_proposal_is_the_target() -> None:
    _, found, names = events_of(
        "Estmark rejected a Norlandic proposal for a joint border force.",
        ("Estmark", "GPE"),
        ("Norlandic", "NORP"),
    )
    event = one(found, "REJECT")
    assert [names[a] for a in event.actors] == ["Estmark"]
    assert "Norlandic" in [names[t] for t in event.targets]
