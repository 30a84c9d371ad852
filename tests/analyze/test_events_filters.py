"""What is no participant and no act of coercion: wire datelines, instruments, policies."""

from __future__ import annotations

from newsweave.analyze.events import STAGE
from newsweave.model.facts import Span, TimeExpression
from tests.analyze.test_events import context, events_of


def test_dateline_is_not_an_actor() -> None:
    _, found, _ = events_of(
        "AMAKORO, Mabenia — Police fired tear gas at marchers on Friday.", ("Mabenia", "GPE")
    )
    tear_gas = [e for e in found if e.mode == "tear-gas"]
    assert tear_gas
    for event in tear_gas:
        assert not event.actors, event
        assert not any("AMAKORO" in t or "Mabenia" in t for t in event.actor_texts)


def test_instruments_are_not_targets() -> None:
    _, found, _ = events_of("Security forces used tear gas and water cannon on the crowd.")
    for event in found:
        assert not any("tear gas" in t or "water cannon" in t for t in event.target_texts)


def test_removing_a_subsidy_is_not_dismissing_someone() -> None:
    _, found, _ = events_of("The government announced the removal of fuel subsidies.")
    assert not [e for e in found if e.mode == "dismiss"]
    _, found, names = events_of(
        "President Dossavi removed Aïcha Yamboré from the cabinet on Wednesday.",
        ("Dossavi", "PERSON"),
        ("Aïcha Yamboré", "PERSON"),
    )
    dismissals = [e for e in found if e.mode == "dismiss"]
    assert dismissals and names[dismissals[0].targets[0]] == "Aïcha Yamboré"


# ----------------------------------------------------------------- figures of speech


def test_what_something_is_is_no_event() -> None:
    for text in (
        "Denial is not an investigation.",
        "A nation is a promise that must be kept every morning.",
        'Adomah said the dismissal was "a fuse being removed from a bomb that has already '
        'exploded".',
    ):
        _, found, _ = events_of(text)
        kinds = {(e.type, e.mode) for e in found}
        assert not kinds & {("INVESTIGATE", "investigate"), ("AGREE", "agree")}, text
        assert not [e for e in found if e.type == "ASSAULT"], text


def test_it_was_the_biggest_march_still_tells_of_a_march() -> None:
    _, found, _ = events_of("It was the biggest march in Amakoro since 1979.")
    assert [e for e in found if e.mode == "demonstrate"]


# ----------------------------------------------------------------- participants


def test_anonymity_formula_is_no_demand() -> None:
    _, found, _ = events_of(
        "A diplomat, who asked not to be named, said the bloc would meet on Friday."
    )
    assert not [e for e in found if e.type == "DEMAND"]


def test_counted_people_are_victims_not_killers() -> None:
    for text, count in (
        ("Rights group says 181 killed in crackdown", "181"),
        ("Nearly 4,000 detained as riots spread", "Nearly 4,000"),
    ):
        _, found, _ = events_of(text)
        event = next(e for e in found if e.mode in ("kill", "detain"))
        assert not event.actor_texts, event
        assert count in event.target_texts, event


def test_an_abstract_noun_does_not_act() -> None:
    _, found, _ = events_of('"Denial will not stop the protests," she said.')
    for event in found:
        assert "Denial" not in event.actor_texts
    _, found, _ = events_of("The crowd attacked a police station on Sunday.")
    attack = next(e for e in found if e.mode == "attack")
    assert attack.actor_texts == ("The crowd",)


def test_a_toll_is_reported_not_inflicted() -> None:
    _, found, _ = events_of("The health ministry on Tuesday gave a toll of 173 dead.")
    kill = next(e for e in found if e.mode == "kill")
    assert not kill.actor_texts and not kill.actors


# ----------------------------------------------------------------- in passing


def test_a_happening_named_in_passing_is_no_event_of_its_own() -> None:
    _, found, _ = events_of("Police released three men from detention on Monday.")
    assert [e for e in found if e.mode == "release"]
    assert not [e for e in found if e.mode == "detain"]


def test_a_sentence_about_one_happening_keeps_it() -> None:
    _, found, _ = events_of("Traders said prices had fallen since the detention.")
    assert [e for e in found if e.mode == "detain"]


def test_a_mention_in_passing_is_evidence_of_its_telling() -> None:
    text = (
        "Police detained Didier Yamboré on Thursday.\n\n"
        "Lawyers said the detention was unlawful and would be challenged."
    )
    _, found, _ = events_of(text, ("Didier Yamboré", "PERSON"))
    detentions = [e for e in found if e.mode == "detain"]
    assert len(detentions) == 1
    assert len(detentions[0].evidence) == 2


def test_a_strike_told_as_spreading_is_an_event() -> None:
    _, found, _ = events_of("The strike has spread to the schools.")
    assert [e for e in found if e.mode == "strike"]


# ----------------------------------------------------------------- clause-bound place, date


def _time(
    text: str, phrase: str, value: str, kind: str = "DATE", precision: str = "day"
) -> TimeExpression:
    """A time expression on ``phrase`` of ``text`` (as the times stage would give it)."""
    start = text.index(phrase)
    end = start + len(phrase)
    evidence = context(text).evidence(start, end, STAGE)
    return TimeExpression(Span(start, end, phrase), kind, value, precision, "text", evidence)


def _year(text: str, year: str) -> TimeExpression:
    return _time(text, year, year, precision="year")


def test_date_of_a_relative_clause_is_not_the_events() -> None:
    text = "Protesters pulled down a statue of Abessi, after whom the city was renamed in 1980."
    _, found, _ = events_of(text, ("Abessi", "PERSON"), times=(_year(text, "1980"),))
    riot = next(e for e in found if e.mode == "riot")
    assert riot.date != "1980"
    text = "Protesters pulled down a statue of Abessi in 1980."
    _, found, _ = events_of(text, ("Abessi", "PERSON"), times=(_year(text, "1980"),))
    assert next(e for e in found if e.mode == "riot").date == "1980"


def test_riots_told_twice_are_one_happening() -> None:
    text = (
        "Riots spread to second city\n\n"
        "Riots broke out on Monday in Abessi City, where crowds set fire to the governor's "
        "office."
    )
    _, found, _ = events_of(text, ("Abessi City", "GPE"))
    assert len([e for e in found if e.mode == "riot"]) == 1


# ----------------------------------------------------------------- who undergoes the act


def test_reduced_passives_make_targets() -> None:
    _, found, names = events_of(
        "Police arrested the brother of the sacked ports minister Aïcha Yamboré.",
        ("Aïcha Yamboré", "PERSON"),
    )
    dismissal = next(e for e in found if e.mode == "dismiss")
    assert [names[t] for t in dismissal.targets] == ["Aïcha Yamboré"]
    assert not dismissal.actors and not dismissal.actor_texts


def test_relative_pronoun_stands_for_its_noun() -> None:
    _, found, names = events_of(
        "Komla Kara, who was shot in the leg on Sunday, spoke from hospital.",
        ("Komla Kara", "PERSON"),
    )
    shooting = next(e for e in found if e.mode == "shoot")
    assert [names[t] for t in shooting.targets] == ["Komla Kara"]


def test_after_being_charged_inherits_the_subject() -> None:
    _, found, names = events_of(
        "Didier Yamboré remains in custody after being charged on corruption counts.",
        ("Didier Yamboré", "PERSON"),
    )
    charge = next(e for e in found if e.mode == "charge")
    assert [names[t] for t in charge.targets] == ["Didier Yamboré"]


def test_no_one_charged_is_negated() -> None:
    _, found, _ = events_of("No member of the security forces has been charged.")
    assert next(e for e in found if e.mode == "charge").modality == "negated"


def test_a_sum_is_no_target_and_a_country_no_rioter() -> None:
    _, found, _ = events_of("About $45 million would be disbursed to the government.")
    for event in found:
        assert not any("$" in t for t in event.target_texts), event
    _, found, _ = events_of("The loan follows the country's worst unrest in decades.")
    for event in found:
        assert "the country's" not in event.actor_texts, event


def test_a_finite_clause_does_not_borrow_the_main_subject() -> None:
    _, found, names = events_of(
        "Didier Yamboré was arrested on Thursday, a day after his sister, Aïcha Yamboré, "
        "was dismissed as ports minister.",
        ("Didier Yamboré", "PERSON"),
        ("Aïcha Yamboré", "PERSON"),
    )
    dismissal = next(e for e in found if e.mode == "dismiss")
    assert "Didier Yamboré" not in [names[t] for t in dismissal.targets]


def test_a_clause_after_since_keeps_its_own_time() -> None:
    text = (
        "Sunday's march was the largest since the protests began, after dockers walked out "
        "over the concession."
    )
    sunday = _time(text, "Sunday", "2024-01-14")
    _, found, _ = events_of(text, times=(sunday,))
    walkout = next(e for e in found if e.mode == "strike")
    assert walkout.date != "2024-01-14"


def test_a_double_dateline_is_no_actor() -> None:
    _, found, _ = events_of(
        "AMAKORO/ABUJA, Jan 19 (Halyard) - The government asked the bloc to send troops."
    )
    for event in found:
        assert not any("AMAKORO" in t for t in event.actor_texts), event


def test_a_relative_clause_describes_its_noun_not_the_conjuncts() -> None:
    _, found, names = events_of(
        "He did not mention his daughter, Aïcha Yamboré, who was dismissed from the cabinet "
        "on 17 January, or President Étienne Dossavi by name.",
        ("Aïcha Yamboré", "PERSON"),
        ("Étienne Dossavi", "PERSON"),
    )
    dismissal = next(e for e in found if e.mode == "dismiss")
    assert "Étienne Dossavi" not in [names[t] for t in dismissal.targets]


def test_calling_a_strike_illegal_is_not_calling_a_strike() -> None:
    _, found, _ = events_of("The government called the strike illegal on Friday.")
    assert not [e for e in found if "government" in " ".join(e.actor_texts).lower()]
    _, found, _ = events_of("The union called a general strike on Friday.")
    assert [e for e in found if e.mode == "strike" and e.actor_texts == ("The union",)]


def test_who_is_called_on_to_act_is_the_target() -> None:
    _, found, names = events_of(
        "Opposition leader Justine Ahlonko called for President Étienne Dossavi to resign.",
        ("Justine Ahlonko", "PERSON"),
        ("Étienne Dossavi", "PERSON"),
    )
    demand = next(e for e in found if e.type == "DEMAND")
    assert [names[a] for a in demand.actors] == ["Justine Ahlonko"]
    assert [names[t] for t in demand.targets] == ["Étienne Dossavi"]


def test_a_time_on_a_known_day_dates_the_event() -> None:
    text = "Residents said soldiers shot dead at least 11 people on Monday night."
    night = _time(text, "Monday night", "2024-01-15TNI", kind="TIME", precision="time")
    _, found, _ = events_of(text, times=(night,))
    assert next(e for e in found if e.mode == "kill").date == "2024-01-15"


def test_walking_out_of_a_port_is_where_not_who() -> None:
    _, found, names = events_of(
        "Several hundred dockers walked out of the Port of Amakoro on Saturday.",
        ("Port of Amakoro", "FAC"),
    )
    strike = next(e for e in found if e.mode == "strike")
    assert not strike.actors and strike.actor_texts == ("Several hundred dockers",)
    assert names.get(strike.place or "") == "Port of Amakoro"


def test_insisting_that_is_a_claim_not_a_demand() -> None:
    _, found, _ = events_of('The minister still insists that "armed infiltrators" fired first.')
    assert not [e for e in found if e.type == "DEMAND"]
    _, found, _ = events_of("The union insisted on the release of all detainees.")
    assert [e for e in found if e.type == "DEMAND"]


def test_a_week_is_no_date_of_the_event() -> None:
    text = "Didier Yamboré was charged on corruption counts last week."
    week = _time(text, "last week", "2024-W04", precision="week")
    _, found, _ = events_of(text, ("Didier Yamboré", "PERSON"), times=(week,))
    assert next(e for e in found if e.mode == "charge").date != "2024"


def test_a_condition_not_yet_met_is_hypothetical() -> None:
    _, found, _ = events_of(
        "Kara said the strike would continue until the concession was cancelled and all "
        "detainees released."
    )
    assert next(e for e in found if e.mode == "release").modality == "hypothetical"
    _, found, _ = events_of("Police held the protesters until they were released on Friday.")
    assert next(e for e in found if e.mode == "release").modality == "asserted"
