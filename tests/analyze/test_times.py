"""Time expressions: recognition and normalisation (pure functions, no spaCy)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.analyze.times import (
    find_time_expressions,
    modifier,
    normalise,
    resolve_all,
)

ANCHOR = dt.date(2024, 1, 16)  # a Tuesday


@pytest.mark.parametrize(
    ("expression", "type_", "value", "precision"),
    [
        # absolute
        ("4 March", "DATE", "2024-03-04", "day"),
        ("October 9, 2023", "DATE", "2023-10-09", "day"),
        ("17 March", "DATE", "2024-03-17", "day"),
        ("Jan. 9", "DATE", "2024-01-09", "day"),
        ("2023-12-30", "DATE", "2023-12-30", "day"),
        ("9th of October 2023", "DATE", "2023-10-09", "day"),
        ("Tuesday, March 5, 2013", "DATE", "2013-03-05", "day"),
        ("May 2010", "DATE", "2010-05", "month"),
        ("2011", "DATE", "2011", "year"),
        # partial
        ("March", "DATE", "2024-03", "month"),
        ("late May", "DATE", "2024-05", "month"),
        ("mid-December", "DATE", "2023-12", "month"),
        ("last August", "DATE", "2023-08", "month"),
        ("this year", "DATE", "2024", "year"),
        ("next month", "DATE", "2024-02", "month"),
        ("early 2011", "DATE", "2011", "year"),
        ("the 1990s", "DATE", "199", "decade"),
        ("the 20th century", "DATE", "19", "century"),
        ("the third quarter of 2023", "DATE", "2023-Q3", "quarter"),
        ("last summer", "DATE", "2023-SU", "season"),
        # relative to the publication date
        ("yesterday", "DATE", "2024-01-15", "day"),
        ("today", "DATE", "2024-01-16", "day"),
        ("tomorrow", "DATE", "2024-01-17", "day"),
        ("Tuesday", "DATE", "2024-01-16", "day"),
        ("Sunday", "DATE", "2024-01-14", "day"),
        ("last week", "DATE", "2024-W02", "week"),
        ("this week", "DATE", "2024-W03", "week"),
        ("next week", "DATE", "2024-W04", "week"),
        ("two days ago", "DATE", "2024-01-14", "day"),
        ("four years ago", "DATE", "2020", "year"),
        ("last year", "DATE", "2023", "year"),
        # times
        ("3pm", "TIME", "2024-01-16T15:00", "time"),
        ("3 p.m. on Tuesday", "TIME", "2024-01-16T15:00", "time"),
        ("15:00 GMT", "TIME", "2024-01-16T15:00", "time"),
        ("this morning", "TIME", "2024-01-16TMO", "time"),
        ("Friday afternoon", "TIME", "2024-01-12TAF", "time"),
        # durations
        ("two decades", "DURATION", "P20Y", "duration"),
        ("three weeks", "DURATION", "P3W", "duration"),
        ("a decade", "DURATION", "P10Y", "duration"),
        ("48 hours", "DURATION", "PT48H", "duration"),
        ("the past two years", "DURATION", "P2Y", "duration"),
        ("several days", "DURATION", "PXD", "duration"),
        ("recent weeks", "DURATION", "PXW", "duration"),
        ("30-year", "DURATION", "P30Y", "duration"),
        # references and sets
        ("now", "DATE", "PRESENT_REF", "ref"),
        ("the past", "DATE", "PAST_REF", "ref"),
        ("the future", "DATE", "FUTURE_REF", "ref"),
        ("every Monday", "SET", "XXXX-WXX-1", "set"),
        ("daily", "SET", "P1D", "set"),
    ],
)
def test_normalise(expression: str, type_: str, value: str, precision: str) -> None:
    result = normalise(expression, ANCHOR, None)
    assert (result.type, result.value, result.precision) == (type_, value, precision)


@pytest.mark.parametrize(
    ("expression", "anchor_kind"),
    [("4 March", "publication"), ("October 9, 2023", "absolute"), ("two decades", "none")],
)
def test_anchor_kind(expression: str, anchor_kind: str) -> None:
    assert normalise(expression, ANCHOR, None).anchor == anchor_kind


@pytest.mark.parametrize(
    ("expression", "mod"),
    [("late May", "END"), ("early 2011", "START"), ("mid-December", "MID"), ("May", None)],
)
def test_modifier(expression: str, mod: str | None) -> None:
    assert modifier(expression) == mod


def test_weekday_follows_the_tense() -> None:
    assert normalise("Tuesday", ANCHOR, None, tense="past").value == "2024-01-16"
    assert normalise("Friday", ANCHOR, None, tense="past").value == "2024-01-12"
    assert normalise("Friday", ANCHOR, None, tense="future").value == "2024-01-19"
    assert normalise("next Tuesday", ANCHOR, None).value == "2024-01-23"
    assert normalise("last Tuesday", ANCHOR, None).value == "2024-01-09"


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("three days later", "2024-01-22"),
        ("the next day", "2024-01-20"),
        ("the following day", "2024-01-20"),
        ("the day before", "2024-01-18"),
        ("a week earlier", "2024-01-12"),
        ("two weeks later", "2024-02-02"),
        ("a month later", "2024-02"),
    ],
)
def test_narrative_anchoring(expression: str, value: str) -> None:
    result = normalise(expression, ANCHOR, dt.date(2024, 1, 19))
    assert (result.value, result.anchor) == (value, "narrative")


def test_narrative_falls_back_to_the_anchor() -> None:
    result = normalise("three days later", ANCHOR, None)
    assert (result.value, result.anchor) == ("2024-01-19", "publication")


def test_narrative_reference_is_the_last_day_mentioned() -> None:
    text = "On 19 January the government asked for help. Three days later, a mission came."
    spans = find_time_expressions(text)
    assert [text[s:e] for s, e, _ in spans] == ["19 January", "Three days later"]
    values = [r.value for r in resolve_all(text, spans, ANCHOR)]
    assert values == ["2024-01-19", "2024-01-22"]


@pytest.mark.parametrize(
    ("anchor", "expression", "tense", "value"),
    [
        (dt.date(2024, 1, 12), "30 December", None, "2023-12-30"),
        (dt.date(2024, 1, 12), "30 December", "past", "2023-12-30"),
        (dt.date(2024, 1, 5), "28 December", "past", "2023-12-28"),
        (dt.date(2024, 1, 24), "12 February", None, "2024-02-12"),
        (dt.date(2024, 1, 24), "12 February", "future", "2024-02-12"),
        (dt.date(2023, 12, 29), "1 January", "future", "2024-01-01"),
        (dt.date(2013, 3, 21), "August", "past", "2012-08"),
        (dt.date(2013, 3, 21), "June", "future", "2013-06"),
    ],
)
def test_year_inference(anchor: dt.date, expression: str, tense: str | None, value: str) -> None:
    assert normalise(expression, anchor, None, tense=tense).value == value


def test_since_makes_a_date_past() -> None:
    text = "Since 30 December the port has been silent."
    spans = find_time_expressions(text)
    assert resolve_all(text, spans, dt.date(2024, 1, 12))[0].value == "2023-12-30"


def test_no_anchor_leaves_the_year_open() -> None:
    assert normalise("4 March", None, None).value == "XXXX-03-04"
    assert normalise("yesterday", None, None).anchor == "none"


@pytest.mark.parametrize(
    "text",
    [
        "Theresa May said they may come.",
        "The army killed 2000 people.",
        "It cost $2015 in total.",
        "A 29-year-old nurse spoke.",
        "Children ages 6 months and older.",
        "The 1,284 views and 7 Likes.",
        "About three-quarters of voters.",
        "They will march on the capital.",
        "The figures were first reported by USA TODAY, the paper's editor said.",
        "She told Breakfast Today that the plan was dead.",
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert find_time_expressions(text) == []


def test_recognised_spans() -> None:
    text = (
        "On Tuesday, 4 March, dockers walked out in late May and last August; since "
        "30 December the port has been silent for two decades, at 3pm every Monday."
    )
    found = [text[s:e] for s, e, _ in find_time_expressions(text)]
    assert found == [
        "Tuesday, 4 March",
        "late May",
        "last August",
        "30 December",
        "two decades",
        "3pm",
        "every Monday",
    ]


def test_amount_per_year_is_a_set() -> None:
    text = "royalties of 1.2 billion francs a year"
    (start, end, kind), *_ = find_time_expressions(text)
    assert (text[start:end], kind) == ("a year", "set")
    assert normalise("a year", ANCHOR, None, kind="set").value == "P1Y"


def test_unknown_expression() -> None:
    assert normalise("banana", ANCHOR, None).value == "XXXX-XX-XX"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.dates(min_value=dt.date(1, 1, 1)))
def test_never_crashes_and_spans_point_into_the_text(text: str, anchor: dt.date) -> None:
    spans = find_time_expressions(text)
    previous_end = 0
    for start, end, kind in spans:
        assert previous_end <= start < end <= len(text)
        assert kind in ("date", "time", "duration", "set", "ref")
        previous_end = end
    for result in resolve_all(text, spans, anchor):
        assert result.type in ("DATE", "TIME", "DURATION", "SET")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "on 30 December",
                "three days later",
                "last week",
                "9999 years ago",
                "Feb 29",
                "the 99th century",
                "Tuesday",
                "the next day",
                "word",
                "24:99",
                "25pm",
                "January 32",
                "the year 1500",
            ]
        ),
        max_size=8,
    ),
    st.dates(),
)
def test_edge_values_never_crash(parts: list[str], anchor: dt.date) -> None:
    text = " and ".join(parts)
    spans = find_time_expressions(text)
    assert len(resolve_all(text, spans, anchor)) == len(spans)


@pytest.mark.parametrize(
    ("anchor", "expression", "tense", "value"),
    [
        # the weekday decides the year: 1 January 2027 is a Friday, 1 January 2026 is not
        (dt.date(2026, 12, 28), "Friday, January 1", "past", "2027-01-01"),
        (dt.date(2026, 12, 28), "January 1", "past", "2026-01-01"),
        # a weekday that fits no nearby year leaves the usual choice
        (dt.date(2024, 1, 16), "Monday, March 4", None, "2024-03-04"),
    ],
)
def test_weekday_picks_the_year(
    anchor: dt.date, expression: str, tense: str | None, value: str
) -> None:
    assert normalise(expression, anchor, None, tense=tense).value == value


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("August last year", "2023-08"),
        ("March of next year", "2025-03"),
        ("October this year", "2024-10"),
    ],
)
def test_month_with_a_relative_year(expression: str, value: str) -> None:
    found = normalise(expression, ANCHOR, None)
    assert (found.value, found.precision) == (value, "month")


def test_today_stays_a_date_where_it_is_no_name() -> None:
    for text in (
        "Today the port reopened.",
        "The port reopened today, officials said.",
        "Ministers meet in Paris today.",
    ):
        assert [text[s:e].lower() for s, e, _ in find_time_expressions(text)] == ["today"]
