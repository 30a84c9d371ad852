"""Events, session 5 of issue 13: precision on campaign news. Verbal attacks are criticism,
other senses of trigger words are no events, questions and purposes are not happenings,
being named in a document is no appointment, releases of documents are statements
(original sentences)."""

from __future__ import annotations

from newsweave.analyze.context import Context
from newsweave.analyze.events_quotes import link_quotes, quote_key
from newsweave.analyze.quotes import STAGE as QUOTES
from newsweave.analyze.times import extract_times
from newsweave.model.facts import Event, Quote, Span
from tests.analyze.test_events import context, events_of, one


def _kinds(found: tuple[Event, ...]) -> set[tuple[str, str | None]]:
    return {(e.type, e.mode) for e in found}


def test_a_politicians_verbal_attack_is_criticism() -> None:
    _, found, names = events_of(
        "Dana Whitcombe attacked her rival's tax plan in a televised debate on Thursday.",
        ("Dana Whitcombe", "PERSON"),
    )
    attack = one(found, "DISAPPROVE", "criticize")
    assert [names[a] for a in attack.actors] == ["Dana Whitcombe"]
    assert attack.target_texts == ("her rival's tax plan",)
    assert not [e for e in found if e.type == "ASSAULT"]
    _, found, _ = events_of("The governor renewed his attacks on the teachers union this week.")
    one(found, "DISAPPROVE", "criticize")
    assert not [e for e in found if e.type == "ASSAULT"]


def test_hitting_a_rival_on_a_topic_targets_the_rival_not_the_topic() -> None:
    _, found, names = events_of(
        "Senator Ilse Marrow hit the incumbent on farm subsidies in a speech to growers.",
        ("Ilse Marrow", "PERSON"),
    )
    hit = one(found, "DISAPPROVE", "criticize")
    assert hit.target_texts == ("the incumbent",)
    assert [names[a] for a in hit.actors] == ["Ilse Marrow"]


def test_an_attack_with_weapons_or_wounded_stays_an_assault() -> None:
    _, found, _ = events_of(
        "Gunmen attacked the candidate's convoy after a rally, wounding two aides."
    )
    one(found, "ASSAULT", "attack")
    assert ("DISAPPROVE", "criticize") not in _kinds(found)


def test_a_preposition_after_give_is_no_giving_in() -> None:
    _, found, _ = events_of("She reread the address she gave in Tallahassee last spring.")
    assert ("CONCEDE", "yield") not in _kinds(found)
    _, found, _ = events_of("After a week of talks the landlords gave in to the tenants.")
    one(found, "CONCEDE", "yield")


def test_a_talent_for_combat_is_no_fighting() -> None:
    _, found, _ = events_of("With a knack for combat on late-night radio, the host drew fans.")
    assert not [e for e in found if e.type == "FIGHT"]


def test_a_rally_of_shares_is_no_protest_nor_campaign_event() -> None:
    _, found, _ = events_of("Bank shares extended their rally on Friday as bond yields rose.")
    assert not found
    _, found, _ = events_of("Nurses rallied outside the ministry against pay cuts on Monday.")
    one(found, "PROTEST", "demonstrate")


def test_a_yes_no_question_is_no_happening_but_a_wh_question_presupposes_one() -> None:
    _, found, _ = events_of("Would the council endorse the harbour plan before winter?")
    assert one(found, "SUPPORT", "endorse").modality == "hypothetical"
    _, found, _ = events_of("Did the union endorse the mayor's reelection?")
    assert one(found, "SUPPORT", "endorse").modality == "hypothetical"
    _, found, _ = events_of("Why did police arrest the two organisers on Monday?")
    assert one(found, "COERCE", "arrest").modality == "asserted"


def test_an_infinitive_of_purpose_is_not_told_as_happening() -> None:
    _, found, _ = events_of("The envoy flew to Lisbon on Tuesday to meet the foreign minister.")
    assert one(found, "CONSULT", "visit").modality == "asserted"
    assert one(found, "CONSULT", "meet").modality == "hypothetical"


def test_being_named_in_a_complaint_or_after_someone_is_no_appointment() -> None:
    _, found, _ = events_of("The contractor named in the complaint declined to comment.")
    assert not [e for e in found if e.type == "OFFICE"]
    _, found, _ = events_of("The library was named after a local poet in 1962.")
    assert not [e for e in found if e.type == "OFFICE"]
    _, found, _ = events_of("The board named Ruth Okafor as chief executive on Monday.")
    one(found, "OFFICE", "appoint")


def test_winning_a_party_nomination_is_an_election_win_not_an_appointment() -> None:
    _, found, _ = events_of("Governor Pell clinched the Republican nomination in June.")
    one(found, "ELECTION", "win")
    assert not [e for e in found if e.type == "OFFICE"]


def test_releasing_ads_or_notes_is_a_statement_and_releasing_people_is_not() -> None:
    _, found, _ = events_of("The campaign released three new radio commercials on Tuesday.")
    statement = one(found, "STATEMENT", "statement")
    assert statement.actor_texts == ("The campaign",)
    assert not [e for e in found if e.type == "RETREAT"]
    _, found, _ = events_of("Investigators released notes of their interview with the aide.")
    one(found, "STATEMENT", "statement")
    _, found, _ = events_of("The rebels released two journalists near the border on Sunday.")
    assert one(found, "RETREAT", "release").target_texts == ("two journalists",)
    assert not [e for e in found if e.type == "STATEMENT"]


def _quote(ctx: Context, speaker_text: str, cue: str) -> Quote:
    text = ctx.document.text
    start, end = text.index('"') + 1, text.rindex('"')
    evidence = ctx.evidence(start, end, QUOTES)
    return Quote(Span(start, end, text[start:end]), None, speaker_text, cue, True, evidence)


def test_a_statement_names_the_quote_whose_cue_it_is() -> None:
    ctx, found, _ = events_of(
        'The ministry announced on Tuesday that "the border crossings will reopen next week".'
    )
    assert one(found, "STATEMENT", "announce").quotes == ()
    quote = _quote(ctx, "The ministry", "announce")
    linked = one(link_quotes(ctx, found, (quote,)), "STATEMENT", "announce")
    assert linked.quotes == (quote_key(ctx.document.id, quote),)
    other = _quote(ctx, "a clerk", "tell")  # another cue: not this statement's quote
    assert one(link_quotes(ctx, found, (other,)), "STATEMENT", "announce").quotes == ()


def test_a_statement_with_no_actor_takes_its_quotes_speaker() -> None:
    ctx, found, _ = events_of(
        'It was announced on Friday that "the depot will close for good in March".'
    )
    assert not one(found, "STATEMENT", "announce").actor_texts
    quote = _quote(ctx, "the port authority", "announce")
    linked = one(link_quotes(ctx, found, (quote,)), "STATEMENT", "announce")
    assert linked.actor_texts == ("the port authority",)


def test_meeting_goals_and_feeling_freed_are_other_senses() -> None:
    _, found, _ = events_of("Branch staff said they no longer had to meet quarterly sales quotas.")
    assert ("CONSULT", "meet") not in _kinds(found)
    _, found, _ = events_of("The clerk felt freed from the old targets after the shake-up.")
    assert ("RETREAT", "release") not in _kinds(found)


def test_straight_talk_is_no_talks() -> None:
    _, found, _ = events_of("Voters wanted some straight talk about the pension shortfall.")
    assert ("CONSULT", "meet") not in _kinds(found)


def test_a_danger_is_no_threat_and_a_worry_about_complaints_no_complaint() -> None:
    _, found, _ = events_of("The threat of flooding kept the harbour closed all week.")
    assert not [e for e in found if e.type == "THREATEN"]
    _, found, _ = events_of("The rebels issued a threat against the convoy on Monday.")
    one(found, "THREATEN")
    _, found, _ = events_of("The mayor was worried about complaints of favouritism.")
    assert one(found, "DISAPPROVE", "criticize").modality == "hypothetical"


def _dated(text: str) -> tuple[Event, ...]:
    return events_of(text, times=extract_times(context(text)))[1]


def test_a_parenthetical_said_with_the_contents_date_is_no_statement() -> None:
    found = _dated("Late on Sunday, the guard said, two trucks left the depot.")
    assert not [e for e in found if e.type == "STATEMENT"]


def test_should_be_elected_is_no_election_win() -> None:
    _, found, _ = events_of("Her backers explained why Ruiz should be elected to the council.")
    assert one(found, "ELECTION", "win").modality == "hypothetical"


def test_not_releasing_any_of_ones_returns_is_a_negated_statement() -> None:
    _, found, _ = events_of("The developer has not released any of his tax returns so far.")
    statement = one(found, "STATEMENT", "statement")
    assert statement.modality == "negated"
    assert not [e for e in found if e.type == "RETREAT"]
    _, found, _ = events_of("He was released on Friday after two days in custody.")
    assert not [e for e in found if e.type == "STATEMENT"]


def test_dismissing_words_as_banter_is_a_rejection_not_a_dismissal_from_office() -> None:
    _, found, _ = events_of(
        "The candidate dismissed the remarks on the tape as locker-room banter on Sunday."
    )
    one(found, "REJECT", "reject")
    assert not [e for e in found if e.type == "OFFICE"]
    _, found, _ = events_of("The board dismissed Anna Lint as treasurer on Monday.")
    one(found, "OFFICE", "dismiss")
