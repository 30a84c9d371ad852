from __future__ import annotations

import pytest

from newsweave.ingest.blocks import Block
from newsweave.ingest.metadata import authors_from_byline, dateline
from newsweave.ingest.paragraph_roles import looks_like_boilerplate
from newsweave.ingest.segments import classify
from newsweave.model import PartialDate, Role


@pytest.mark.parametrize(
    "line",
    [
        "Accept",
        "Close",
        "Sign up for our briefing",
        "We use cookies to improve your experience.",
        "Read part one: How the crisis began",
        "← Read part one: how a terminal concession became a national uprising",
        "Gift Article",
        "Our Standards: The Halyard Trust Principles.",
        "Acquire Licensing Rights, opens new tab",
        "Share on Facebook",
        "Related: Opposition leader arrested",
        "Home World Africa Politics Business",
        "© 2024 The Daily Ledger. All rights reserved.",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert looks_like_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Police fired tear gas at marchers in the capital on Tuesday, witnesses said.",
        "By Jane Roe",
        '"Accept the result," the president told parliament.',
    ],
)
def test_not_boilerplate(line: str) -> None:
    assert not looks_like_boilerplate(line)


def test_byline_authors_place_and_date_are_split() -> None:
    assert authors_from_byline("By Jane Roe in Lagos March 3, 2023") == ["Jane Roe"]
    assert authors_from_byline("By Jane Roe and John Doe") == ["Jane Roe", "John Doe"]
    assert authors_from_byline("Police said on Monday") == []


def test_dateline_takes_anchor_year() -> None:
    found = dateline("PORT AMANI, Jan 9 (Ledger) - Thousands marched.", anchor_year=2024)
    assert found is not None
    assert found.place == "Port Amani"
    assert found.date == PartialDate(2024, 1, 9)


def test_repeated_standfirst_is_one_segment() -> None:
    standfirst = "Leaders meet as the government asks for help to restore order."
    blocks = [
        Block("Bloc weighs troop request", Role.HEADLINE),
        Block(standfirst, Role.STANDFIRST),
        Block(standfirst),
        Block("ABUJA, Jan 21 (Meridian) - West African leaders gathered on Sunday."),
    ]
    roles = [(c.role, c.block.text) for c in classify(blocks)]
    assert roles.count((Role.STANDFIRST, standfirst)) == 1
    assert (Role.BODY, standfirst) not in roles


def test_second_marked_standfirst_is_furniture() -> None:
    blocks = [
        Block("Headline here", Role.HEADLINE),
        Block("The summary of this story in one sentence.", Role.STANDFIRST),
        Block("The body of the story starts here and goes on for a while."),
        Block("A teaser summary of another story entirely.", Role.STANDFIRST),
    ]
    roles = [c.role for c in classify(blocks)]
    assert roles == [Role.HEADLINE, Role.STANDFIRST, Role.BODY, Role.BOILERPLATE]


def test_links_under_a_read_more_heading_are_furniture() -> None:
    blocks = [
        Block("Dockers strike at Port Amani", Role.HEADLINE),
        Block("PORT AMANI, Jan 9 (Ledger) - Thousands of dockers walked out on Tuesday."),
        Block("The union said the strike would go on until the contract is withdrawn."),
        Block("Read more:"),
        Block("Rights group says 40 killed in crackdown as riots spread to the north"),
        Block("What is a staff-level agreement?"),
        Block("Jane Roe is the Ledger's West Africa correspondent, based in Dakar."),
    ]
    roles = [c.role for c in classify(blocks, paste=True)]
    assert roles[1:3] == [Role.BODY, Role.BODY]
    assert roles[3:6] == [Role.BOILERPLATE] * 3
    assert roles[6] is Role.AUTHOR_BIO


def test_read_more_heading_above_the_story_does_not_hide_it() -> None:
    blocks = [
        Block("Dockers strike at Port Amani", Role.HEADLINE),
        Block("Related"),
        Block("Thousands of dockers walked out on Tuesday, the union said."),
    ]
    roles = [c.role for c in classify(blocks, paste=True)]
    assert roles[2] is Role.BODY


def test_wire_credit_line_is_a_byline_whatever_the_markup() -> None:
    credits = "Reporting by Jane Roe in Lagos; Writing by John Doe; Editing by Ann Poe"
    blocks = [
        Block("Dockers strike at Port Amani", Role.HEADLINE),
        Block("PORT AMANI, Jan 9 (Ledger) - Thousands of dockers walked out on Tuesday."),
        Block(credits, Role.CAPTION),
    ]
    assert [c.role for c in classify(blocks)][2] is Role.BYLINE
