"""What a figure counts and what is no figure, on original sentences: bodies count the
dead, a nominal "injured" after another verb keeps its meaning, a hedge after the number
("or more") does not hide the counted noun, a part ("N of them") counts what the whole
counts, a report's possessor claims what it shows, house numbers and spaced unit
abbreviations. Real spaCy model."""

from __future__ import annotations

from functools import lru_cache

import pytest

from newsweave.analyze.context import Context
from newsweave.analyze.figures import extract_figures
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.model import Document, PartialDate, Role, Segment, content_id
from newsweave.model.facts import Figure
from newsweave.model.records import DateStatement


@lru_cache(maxsize=32)
def _context(text: str) -> Context:
    date = DateStatement(PartialDate(2025, 6, 12), "html-meta", False)
    document = Document(
        content_id("d", text), "test", text, (Segment(Role.BODY, 0, len(text)),), date=date
    )
    return context_for(document, load(), ())


def _figures(text: str) -> dict[str, Figure]:
    return {f.span.text: f for f in extract_figures(_context(text), lambda s, e: None)}


def test_bodies_count_the_dead_and_injured_keeps_its_meaning() -> None:
    found = _figures(
        '"Rescuers have recovered 58 bodies and treated 23 injured," said Nadia Brenner, '
        "the district's emergency coordinator."
    )
    assert (found["58"].what, found["58"].unit) == ("killed", "person")
    assert found["23"].what == "injured"
    assert found["58"].claimed_by_text == "Nadia Brenner"


def test_or_more_is_a_lower_bound_that_keeps_its_noun() -> None:
    figure = _figures("Forty-one or more miners were trapped below ground, the operator said.")
    hedged = next(iter(figure.values()))
    assert hedged.qualifier == "at_least" and hedged.value == 41
    assert hedged.unit == "miner"


def test_a_part_counts_what_the_whole_counts() -> None:
    found = _figures("Border guards arrested 96 migrants on Tuesday, 27 of them from Eritrea.")
    assert found["96"].what == found["27"].what
    assert found["27"].unit == "migrant"


def test_report_possessor_claims() -> None:
    found = _figures("The watchdog's annual report shows 1,870 complaints were upheld.")
    assert found["1,870"].claimed_by_text == "The watchdog"


@pytest.mark.parametrize(
    "text",
    [
        "The embassy moved to 48 Linden Avenue in the spring.",
        "Officers sealed off 7 Harcourt Street after the raid.",
    ],
)
def test_house_numbers_are_no_figures(text: str) -> None:
    assert _figures(text) == {}


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("The ministry ordered 12 Sikorsky 60-70 helicopters for the navy.", {"12"}),
        ("The Kestrel 412-300 airliner left the runway shortly after take-off.", set()),
        ("Between 60-70 families fled the valley, the mayor said.", {"60-70"}),
        ("The Corvane Group's 2019 profits rose to $40 million.", {"$40 million"}),
    ],
)
def test_a_number_inside_a_name_is_no_figure(text: str, figures: set[str]) -> None:
    """Two numbers joined by a dash right after a capitalised word inside the sentence are a
    model designation, whatever the name; a range or a count elsewhere stays a figure."""
    assert set(_figures(text)) == figures


@pytest.mark.parametrize(
    "text",
    [
        "Some 300 villagers fled across the river overnight.",
        "Police said on Tuesday 40 people had been detained in the port.",
        "The airline's new Kestrel jets carry 180 passengers each.",
    ],
)
def test_a_count_after_a_capitalised_word_is_still_a_figure(text: str) -> None:
    assert len(_figures(text)) == 1


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("The new turbine delivers 640 HP at full load.", "640", "horsepower"),
        ("The radar sweeps at roughly 450 Hz during tests.", "roughly 450", "hertz"),
        ("Buyers can choose a 13-inch or a 15-inch display.", "13", "inch"),
        ("Night frost fell to 4 degrees Celsius below the ridge.", "4", "degree celsius"),
        ("The lender cut its rate by 25 basis points on Thursday.", "25", "basis point"),
        ("The screws come in 6 to 8 mm lengths.", "6 to 8", "millimetre"),
        ("The valve gap widened from 0.3 to 0.5 mm.", "0.3", "millimetre"),
        ("The shop sells 10- or 12-inch pans.", "10", "inch"),
    ],
)
def test_spaced_unit_abbreviations(text: str, number: str, unit: str) -> None:
    assert _figures(text)[number].unit == unit


@pytest.mark.parametrize(
    ("text", "number", "value"),
    [
        ("The mine aims to ship 2.4m tonnes of ore next year.", "2.4m", 2.4e6),
        ("The single sold 1.7M copies in its first month.", "1.7M", 1.7e6),
        ("The mast is 4m tall.", "4", 4.0),
    ],
)
def test_m_is_a_million_before_a_plural_noun(text: str, number: str, value: float) -> None:
    assert _figures(text)[number].value == value


def test_yen_written_y_equals() -> None:
    figure = _figures("Shares of the carmaker closed at Y=2,415 in Tokyo.")["Y=2,415"]
    assert (figure.value, figure.unit) == (2415, "JPY")


@pytest.mark.parametrize(
    ("text", "number", "claimant"),
    [
        (
            "A March poll by Brightwater Research had the mayor trailing by 52% to 41%.",
            "52%",
            "Brightwater Research",
        ),
        (
            "A survey by the Harbour Institute found 62 percent of traders expect higher rents.",
            "62 percent",
            "the Harbour Institute",
        ),
    ],
)
def test_a_source_claims_for_its_maker(text: str, number: str, claimant: str) -> None:
    assert _figures(text)[number].claimed_by_text == claimant


def test_a_source_with_no_maker_claims_nothing() -> None:
    assert _figures("The seized files contained 300 names.")["300"].claimed_by_text is None


@pytest.mark.parametrize(
    ("text", "number", "what"),
    [
        ("Nearly 9,000 residents were forced from their homes by the floods.", "Nearly 9,000",
         "residents displaced"),
        ("About 1,200 families were forced to flee the shelling.", "About 1,200",
         "families displaced"),
        ("Police said some 4,500 people took part in the vigil.", "some 4,500", "took part"),
    ],
)  # fmt: skip
def test_phrasal_events_say_what_is_counted(text: str, number: str, what: str) -> None:
    assert _figures(text)[number].what == what


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Anna Ilves will be 61 when the new season opens in August.", "61"),
        ("Her son Marek, who was 10 at the time, survived the crossing.", "10"),
        ("She is 47 and has run the cooperative since it was founded.", "47"),
    ],
)
def test_an_age_stated_with_be_about_a_person_is_no_figure(text: str, age: str) -> None:
    assert age not in _figures(text)


def test_be_with_a_number_about_a_thing_or_a_group_stays_a_figure() -> None:
    assert "35" in _figures("The ferry's capacity was 35 before the refit.")
    assert "12" in _figures("They were 12 in the lifeboat when it reached the shore.")


def test_people_still_held_are_no_arrests() -> None:
    found = _figures(
        "Lawyers for the strikers said 64 of those seized in March remain in custody, and "
        "about 150 dockworkers stayed in jail over the weekend."
    )
    assert found["64"].what == "held"
    assert found["about 150"].what == "held"
    found = _figures("The guards said 90 inmates were moved to another wing.")
    assert found["90"].what != "held"


def test_a_level_reached_is_no_day_of_the_month() -> None:
    found = _figures(
        "The number of confirmed cholera cases stood at 27 on Sunday, the clinic said."
    )
    assert "27" in found
    found = _figures("The ceasefire expired on the 27th and talks resume on May 30.")
    assert not any(f.value in (27, 30) for f in found.values())


@pytest.mark.parametrize(
    ("text", "number", "what"),
    [
        # an object's complement says what happened to it
        (
            '"So far we have counted 17 villagers dead," the mayor told reporters.',
            "17",
            "villagers killed",
        ),
        ("The blast left 40 workers injured, the company said.", "40", "workers injured"),
        # the counted word itself says it, whatever verb the sentence starts with
        ("Eight passengers are killed and about 30 hurt.", "about 30", "injured"),
        # a reporting verb raises its subject from the event
        ("Three more people are believed to have been killed overnight.", "Three", "killed"),
        ("Twelve fishermen were reported to have drowned.", "Twelve", "fishermen drowned"),
        # a count noun counts what it is of
        ("The number of people killed in the storm has risen to 19.", "19", "killed"),
    ],
)
def test_what_a_count_says_beyond_its_verb(text: str, number: str, what: str) -> None:
    assert _figures(text)[number].what == what
