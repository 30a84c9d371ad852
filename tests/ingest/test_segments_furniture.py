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


def test_the_title_with_the_site_name_after_it_still_finds_the_headline() -> None:
    roles = _roles(
        [
            Block(HEAD),
            Block("Imke Dorsey", Role.BYLINE),
            Block("What changes?"),
            Block(LEAD),
            Block(SECOND),
            Block("Otters return to the estuary", Role.HEADLINE),  # a teaser below
        ],
        title=f"{HEAD} - Harbour Herald",
    )
    assert roles[HEAD] is Role.HEADLINE
    assert roles["What changes?"] is Role.BODY
    assert roles["Otters return to the estuary"] is Role.BOILERPLATE


def test_byline_box_photo_credits_handles_and_agency_names() -> None:
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block("@imkedorsey", Role.BYLINE),
            Block("HERALD WIRES", Role.BYLINE),
            Block("Photo by Jon Vale/Coastline Images", Role.BYLINE),
            Block(LEAD),
            Block(SECOND),
        ]
    )
    assert roles["@imkedorsey"] is Role.BYLINE
    assert roles["HERALD WIRES"] is Role.BYLINE
    assert roles["Photo by Jon Vale/Coastline Images"] is Role.CAPTION


def test_closing_credits_disclaimers_and_bios_in_their_other_forms() -> None:
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block(LEAD),
            Block(SECOND),
            Block("Tomas Reyes contributed reporting from the harbour office."),
            Block(
                "Disclaimer: The forecasts quoted here are the analysts' and not this site's; "
                "check with a licensed adviser before you act on them."
            ),
            Block("Imke Dorsey is a freelance writer living in Portmouth"),
            Block(
                'Imke Dorsey\'s book about island ferries, "Last Boat Out", is out now. '
                "Follow her on Twitter @imkedorsey."
            ),
            Block("Listen to Harbour Radio live at 7:00 every weekday."),
        ]
    )
    assert roles["Tomas Reyes contributed reporting from the harbour office."] is Role.BYLINE
    assert [r for t, r in roles.items() if t.startswith("Disclaimer")] == [Role.DISCLAIMER]
    assert roles["Imke Dorsey is a freelance writer living in Portmouth"] is Role.AUTHOR_BIO
    assert [r for t, r in roles.items() if "Last Boat Out" in t] == [Role.AUTHOR_BIO]
    assert roles["Listen to Harbour Radio live at 7:00 every weekday."] is Role.BOILERPLATE


def test_a_source_tag_in_brackets_is_no_photo_credit() -> None:
    from newsweave.ingest.paragraph_roles import looks_like_caption

    assert not looks_like_caption("[Wiredscape]")
    assert not looks_like_caption("[Snapfolio]")
    assert looks_like_caption("The ferry leaves at dawn. [Handout photo/Port Authority]")


def test_a_byline_of_a_lone_given_name_is_a_personal_blog() -> None:
    from newsweave.ingest.genre import detect_genre

    segments = [(Role.HEADLINE, HEAD), (Role.BODY, LEAD)]
    assert detect_genre(segments, url=None, title=HEAD, publisher=None, authors=["Regina"]) == (
        "blog"
    )
    for desk in (["Reuters"], ["Admin"], ["Imke Dorsey"]):
        assert detect_genre(segments, url=None, title=HEAD, publisher=None, authors=desk) == (
            "news"
        ), desk


def test_a_line_repeating_an_image_alt_text_is_its_caption() -> None:
    from newsweave.ingest.html_page import read_html

    page = read_html(
        "<html><head><title>Ferry timetable gains two early crossings</title></head><body>"
        "<article><h1>Ferry timetable gains two early crossings</h1>"
        f"<p>{LEAD}</p>"
        '<div><img src="a.jpg" alt="The new ferry leaving the harbour at dawn">'
        "<span>The new ferry leaving the harbour at dawn</span></div>"
        f"<p>{SECOND}</p>"
        '<h2>Early boats</h2><img src="b.jpg" alt="Early boats">'
        f"<p>{LEAD.replace('Tuesday', 'Wednesday')}</p>"
        "</article></body></html>"
    )
    roles = {b.text: b.hint for b in page.blocks}
    assert roles.get("The new ferry leaving the harbour at dawn") is Role.CAPTION
    assert roles.get("Early boats") is not Role.CAPTION  # a short alt is a label


def test_long_site_notes_and_photo_credits() -> None:
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block("© Jon Vale"),
            Block(LEAD),
            Block("The crossing at dawn, Jon Vale, Associated Press"),
            Block(SECOND),
            Block(
                "This copy is for your personal, non-commercial use only. "
                + " ".join(["Copies for colleagues, clients or customers need a licence."] * 6)
            ),
        ]
    )
    assert roles["© Jon Vale"] is Role.CAPTION
    assert roles["The crossing at dawn, Jon Vale, Associated Press"] is Role.CAPTION
    assert [r for t, r in roles.items() if t.startswith("This copy")] == [Role.BOILERPLATE]


def test_a_placeholder_meta_date_is_no_stated_date() -> None:
    from newsweave.evaluate.roles import page_date

    assert page_date('<meta property="article:published_time" content="0001-01-01">') is None
    assert page_date('<meta property="article:published_time" content="2025-03-04">') == (
        "2025-03-04"
    )


def test_a_weekday_after_the_names_ends_the_byline() -> None:
    from newsweave.ingest.metadata import authors_from_byline

    assert authors_from_byline("By Imke Dorsey and Tomas Reyes Tuesday, March 4, 2025") == [
        "Imke Dorsey",
        "Tomas Reyes",
    ]
