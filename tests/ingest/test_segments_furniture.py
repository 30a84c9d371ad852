"""Site furniture rules of session 5 (issue 21): what a page's byline box really holds,
glued share buttons and reading times, a marked "headline" that is the site's name, cut-off
teasers, stock-quote widgets, author cards, wire credits, teasers that end with their age.
Every text here is original."""

from __future__ import annotations

from newsweave.ingest.blocks import Block
from newsweave.ingest.paragraph_roles import has_byline_content, looks_like_boilerplate
from newsweave.ingest.segments import classify
from newsweave.model import Role

HEAD = "Ferry timetable gains two early crossings"
LEAD = (
    "The county council approved a new timetable for the harbour ferries on Tuesday, adding "
    "two early crossings on weekdays after a survey of commuters who start work before seven."
)
SECOND = (
    "The changes take effect in May and will cost about 140,000 a year, the council said, to be "
    "paid from the parking revenue that rose sharply after the new multi-storey car park opened."
)


def _roles(blocks: list[Block], title: str | None = None) -> dict[str, Role]:
    return {c.block.text: c.role for c in classify(blocks, title=title)}


def test_the_byline_box_keeps_names_and_dates_and_drops_its_widgets() -> None:
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block("Imke Dorsey", Role.BYLINE),
            Block("in Harbour Notes", Role.BYLINE),
            Block("3 replies", Role.BYLINE),
            Block("Tweet", Role.BYLINE),
            Block("Opinion", Role.BYLINE),
            Block("Travel, Ferries, Local Government", Role.BYLINE),
            Block("04/03/2025", Role.BYLINE),
            Block(LEAD),
            Block(SECOND),
        ]
    )
    assert roles["Imke Dorsey"] is Role.BYLINE
    assert roles["04/03/2025"] is Role.BYLINE
    for widget in ("in Harbour Notes", "3 replies", "Tweet", "Opinion"):
        assert roles[widget] is Role.BOILERPLATE, widget
    assert roles["Travel, Ferries, Local Government"] is Role.BOILERPLATE


def test_share_buttons_and_reading_time_glued_to_a_byline_are_looked_past() -> None:
    assert has_byline_content("FacebookTwitterEmailBy Imke DorseyHarbour Herald")
    assert has_byline_content("Imke Dorsey4 Min Read")
    assert has_byline_content("Tue 4 Mar 2025 09.12 GMT Share on Facebook Share via Email")
    assert has_byline_content("Imke Dorsey @imkedorsey / 3 days")
    assert has_byline_content("Imke Dorsey - Harbour Herald Contributor")
    assert not has_byline_content("4 Min Read")
    assert not has_byline_content("Open / Close searchSign inWatch live")


def test_a_marked_headline_that_is_not_the_title_is_the_site_name() -> None:
    roles = _roles(
        [
            Block("Harbour Herald", Role.HEADLINE),
            Block(HEAD),
            Block(LEAD),
            Block(SECOND),
        ],
        title=HEAD,
    )
    assert roles[HEAD] is Role.HEADLINE
    assert roles["Harbour Herald"] is Role.BOILERPLATE


def test_a_cut_off_summary_is_a_teaser_but_a_styled_ellipsis_is_not() -> None:
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block("Two councillors voted against the plan,...", Role.STANDFIRST),
            Block(LEAD),
            Block(SECOND),
        ]
    )
    assert roles["Two councillors voted against the plan,..."] is Role.BOILERPLATE
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block("Early risers get their boat at last ...", Role.STANDFIRST),
            Block(LEAD),
        ]
    )
    assert roles["Early risers get their boat at last ..."] is Role.STANDFIRST


def test_a_stock_quote_widget_in_the_article_is_furniture() -> None:
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block(LEAD),
            Block("| Symbol | Company | Price | Change |"),
            Block("| HBF | HARBOUR FERRIES PLC | 12.40 | +0.35 |"),
            Block(SECOND),
        ]
    )
    assert roles["| Symbol | Company | Price | Change |"] is Role.BOILERPLATE
    assert roles["| HBF | HARBOUR FERRIES PLC | 12.40 | +0.35 |"] is Role.BOILERPLATE
    assert roles[SECOND] is Role.BODY


def test_an_author_card_heading_and_its_name_are_the_bio() -> None:
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block(LEAD),
            Block(SECOND),
            Block("About the author Imke Dorsey"),
            Block("Imke Dorsey", Role.BYLINE),
        ]
    )
    assert roles["About the author Imke Dorsey"] is Role.AUTHOR_BIO
    assert roles["Imke Dorsey"] is Role.AUTHOR_BIO


def test_wire_credits_and_name_date_lines_are_bylines() -> None:
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block("Imke Dorsey • 4 March 2025"),
            Block(LEAD),
            Block(SECOND),
            Block("With Herald wires"),
        ]
    )
    assert roles["Imke Dorsey • 4 March 2025"] is Role.BYLINE
    assert roles["With Herald wires"] is Role.BYLINE


def test_links_to_other_stories_in_their_common_forms_are_furniture() -> None:
    for line in (
        "Also on harbourherald.example Councillors split over the new car park",
        "SEE MORE: Otters return to the estuary after forty years",
        "Also: Our guide to the best coastal walks",
        "- Shop now: Chandlery Direct",
        "Lifeboat crew honoured for night rescue 5 hours ago",
        "2 replies",
        "Email *",
        "6 min read",
    ):
        assert looks_like_boilerplate(line), line
    for line in ("By Imke Dorsey 5 hours ago", "Updated 3 hours ago"):
        assert not looks_like_boilerplate(line), line
