"""Figures: number phrases, hedges and sentence-level extraction with the real model."""

from __future__ import annotations

from functools import lru_cache

import pytest

from newsweave.analyze.context import Context
from newsweave.analyze.figures import date_value, extract_figures, parse_number, qualifier
from newsweave.analyze.figures_filters import not_a_figure
from newsweave.analyze.figures_numbers import scan_numbers
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.model import Document, PartialDate, Role, Segment, content_id
from newsweave.model.facts import Figure
from newsweave.model.records import DateStatement


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("173", (173.0, None, None)),
        ("4,000", (4000.0, None, None)),
        ("3.5", (3.5, None, None)),
        ("12mn", (12e6, None, None)),
        ("$12mn", (12e6, None, None)),
        ("1.2 billion", (1.2e9, None, None)),
        ("$310 million", (310e6, None, None)),
        ("eight", (8.0, None, None)),
        ("twenty-five", (25.0, None, None)),
        ("two hundred and ten", (210.0, None, None)),
        ("a dozen", (12.0, None, None)),
        ("dozens", (24.0, 12.0, 120.0)),
        ("tens of thousands", (20000.0, 10000.0, 100000.0)),
        ("4 hundred", (400.0, None, None)),
        ("half of", None),
        ("10-15", (12.5, 10.0, 15.0)),
        ("between 10 and 15", (12.5, 10.0, 15.0)),
        ("$10 to $15 billion", (12.5e9, 10e9, 15e9)),
        ("38%", (38.0, None, None)),
        ("38 per cent", (38.0, None, None)),
        ("9-2", None),
        ("hello", None),
        ("", None),
    ],
)
def test_parse_number(text: str, expected: tuple[float, float | None, float | None] | None) -> None:
    assert parse_number(text) == (pytest.approx(expected) if expected else None)


def test_a_third_is_a_percentage() -> None:
    value = parse_number("a third")
    assert value is not None and value[0] == pytest.approx(100 / 3)
    (phrase,) = scan_numbers("a third of households")
    assert phrase.percent == "percent"


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("", "", "exact"),
        ("the toll was ", "", "exact"),
        ("About ", "", "approx"),
        ("around ", "", "approx"),
        ("some ", "", "approx"),
        ("roughly ", "", "approx"),
        ("an estimated ", "", "approx"),
        ("At least ", "", "at_least"),
        ("more than ", "", "more_than"),
        ("over ", "", "more_than"),
        ("upwards of ", "", "more_than"),
        ("at most ", "", "at_most"),
        ("no more than ", "", "at_most"),
        ("less than ", "", "less_than"),
        ("fewer than ", "", "less_than"),
        ("under ", "", "less_than"),
        ("nearly ", "", "nearly"),
        ("almost ", "", "nearly"),
        ("close to ", "", "nearly"),
        ("up to ", "", "up_to"),
        ("", " or more people", "at_least"),
        ("", " or so", "approx"),
        ("the handover ", "", "exact"),
    ],
)
def test_qualifier(before: str, after: str, expected: str) -> None:
    assert qualifier(before, after) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The note was added at 3pm.",
        "It happened on 9 January.",
        "It happened on Jan. 9.",
        "The story was refiled in paragraph 7.",
        "Enyonam, a 24-year-old student, spoke.",
        "He was aged 52.",
        "The piece had 1,284 views.",
        "Call 020 7946 0958 now.",
        "The curfew runs to 6 a.m.",
        "It was the 22nd amendment.",
    ],
)
def test_not_a_figure_from_text(sentence: str) -> None:
    phrases = scan_numbers(sentence)
    assert phrases and all(not_a_figure(sentence, p) for p in phrases)


def test_date_value() -> None:
    import datetime as dt

    tuesday = dt.date(2024, 1, 16)
    assert date_value("Tuesday", tuesday) == "2024-01-16"
    assert date_value("Sunday", tuesday) == "2024-01-14"
    assert date_value("Dec. 30", tuesday) == "2023-12-30"
    assert date_value("16 January 2024", None) == "2024-01-16"
    assert date_value("last week", tuesday) is None


@lru_cache(maxsize=64)
def _context(text: str) -> Context:
    date = DateStatement(PartialDate(2024, 1, 16), "html-meta", False)
    document = Document(
        content_id("d", text), "test", text, (Segment(Role.BODY, 0, len(text)),), date=date
    )
    return context_for(document, load())


def _figures(text: str) -> tuple[Figure, ...]:
    return extract_figures(_context(text), lambda start, end: None)


def _one(text: str) -> Figure:
    figures = _figures(text)
    assert len(figures) == 1, figures
    return figures[0]


def test_health_ministry_toll() -> None:
    text = "At least 173 people have been killed, the health ministry said."
    figure = _one(text)
    assert figure.value == 173
    assert figure.qualifier == "at_least"
    assert figure.unit == "person"
    assert figure.what == "killed"
    assert figure.claimed_by_text == "the health ministry"
    assert figure.span.text == "At least 173"
    assert text[figure.evidence.start : figure.evidence.end] == "At least 173"


def test_claimant_resolved_through_lookup() -> None:
    text = "At least 173 people have been killed, the health ministry said."
    ctx = _context(text)
    seen: list[str] = []

    def resolve(start: int, end: int) -> str | None:
        seen.append(text[start:end])
        return "actor-1"

    (figure,) = extract_figures(ctx, resolve)
    assert figure.claimed_by == "actor-1"
    assert seen == ["ministry"]  # only the head word names the claimant's actor


def test_nearly_detained() -> None:
    figure = _one("Police said nearly 4,000 people were detained.")
    assert (figure.value, figure.qualifier, figure.what) == (4000, "nearly", "detained")
    assert figure.claimed_by_text == "Police"


def test_as_of_from_claim_date() -> None:
    figure = _one(
        "At least 173 people have been killed since protests began on Dec. 30, "
        "the health ministry said on Tuesday."
    )
    assert figure.as_of == "2024-01-16"


def test_money() -> None:
    figure = _one("The consortium paid an upfront fee of $12mn.")
    assert (figure.value, figure.unit, figure.what) == (12e6, "USD", "upfront fee")
    francs = _one("Royalties of 1.2 billion Mabenian francs a year were agreed.")
    assert francs.value == 1.2e9
    assert francs.unit == "Mabenian franc per year"


def test_a_third_of_households() -> None:
    figure = _one("A third of households cannot afford petrol.")
    assert figure.value == pytest.approx(100 / 3)
    assert figure.unit == "percent"
    assert figure.what == "share of households"


def test_counted_nouns() -> None:
    assert _one("Crowds set fire to five factories.").unit == "factory"
    eight = _one("Eight people were killed in the attack.")
    assert (eight.value, eight.unit, eight.what) == (8, "person", "killed")
    wounded = _one("Two soldiers wounded.")
    assert (wounded.unit, wounded.what) == ("soldier", "soldiers wounded")


def test_percentages() -> None:
    rise = _one("A 38% rise in the price of petrol angered commuters.")
    assert (rise.value, rise.unit) == (38, "percent")
    assert rise.what == "rise in the price of petrol"
    share = _one("Mabenia produces 4% of world cobalt output.")
    assert share.what == "share of world cobalt output"


def test_population() -> None:
    figure = _one("Mabenia has a population of about 6 million.")
    assert (figure.value, figure.qualifier, figure.what) == (6e6, "approx", "population")


@pytest.mark.parametrize(
    "text",
    [
        "The editor's note was added at 3pm.",
        "The march took place on 9 January 2024.",
        "The story was refiled to add detail in paragraph 7.",
        "A 24-year-old student was among the marchers.",
        "Dossavi, 68, has not appeared in public.",
        "The constitution was amended in 1992.",
        "The S&P 500 fell.",
    ],
)
def test_non_figures(text: str) -> None:
    assert _figures(text) == ()
