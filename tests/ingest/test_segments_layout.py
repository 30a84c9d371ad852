"""Layout rules of session 4 (issue 21): teaser dates, trailing link lists, bio name lines,
site-list headings, gallery captions, decks from the meta description, author labels.
Every text here is original."""

from __future__ import annotations

from newsweave.ingest.blocks import Block
from newsweave.ingest.html_page import read_html
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import RawItem
from newsweave.ingest.segments import classify
from newsweave.model import Role

LEAD = (
    "The county council approved a new timetable for the harbour ferries on Tuesday, adding "
    "two early crossings on weekdays after a survey of commuters who start work before seven."
)
SECOND = (
    "The changes take effect in May and will cost about 140,000 a year, the council said, to be "
    "paid from the parking revenue that rose sharply after the new multi-storey car park opened."
)


def _roles(blocks: list[Block], title: str | None = None) -> list[tuple[str, Role]]:
    return [(c.block.text, c.role) for c in classify(blocks, title=title)]


def test_dates_of_other_stories_after_the_byline_are_furniture() -> None:
    roles = _roles(
        [
            Block(LEAD),
            Block(SECOND),
            Block("Ferries to run earlier on weekdays", Role.HEADLINE),
            Block("By Hana Kroll"),
            Block("14 March 2025"),
            Block("2 February 2024"),
            Block("Updated 15 March 2025"),
        ]
    )
    assert roles[-4:] == [
        ("By Hana Kroll", Role.BYLINE),
        ("14 March 2025", Role.BYLINE),
        ("2 February 2024", Role.BOILERPLATE),
        ("Updated 15 March 2025", Role.BYLINE),  # says what the date is: the article's
    ]


def test_short_list_links_ending_the_page_are_furniture() -> None:
    roles = _roles(
        [
            Block("Ferries to run earlier on weekdays", Role.HEADLINE),
            Block(LEAD),
            Block(SECOND),
            Block("- Seven bridges worth a detour"),
            Block("- The quiet return of the river otter"),
        ]
    )
    assert [r for _, r in roles[-2:]] == [Role.BOILERPLATE, Role.BOILERPLATE]


def test_a_list_that_is_part_of_the_article_stays_body() -> None:
    roles = _roles(
        [
            Block("Ferries to run earlier on weekdays", Role.HEADLINE),
            Block(LEAD),
            Block("- The first crossing leaves at 5.40."),
            Block("- A second follows at 6.15."),
            Block(SECOND),
        ]
    )
    assert [r for _, r in roles[2:4]] == [Role.BODY, Role.BODY]


def test_name_line_above_the_bio_is_part_of_the_bio() -> None:
    roles = _roles(
        [
            Block("Ferries to run earlier on weekdays", Role.HEADLINE),
            Block(LEAD),
            Block(SECOND),
            Block("Maren Oduya"),
            Block("Maren Oduya is the Gazette's transport correspondent, based in Kessel."),
        ]
    )
    assert [r for _, r in roles[-2:]] == [Role.AUTHOR_BIO, Role.AUTHOR_BIO]


def test_site_list_heading_and_its_teasers_are_furniture() -> None:
    roles = _roles(
        [
            Block("Ferries to run earlier on weekdays", Role.HEADLINE),
            Block(LEAD),
            Block(SECOND),
            Block("Partner news"),
            Block(
                "Lighthouse keeper's cottage opens as a museum The restored cottage will welcome "
                "visitors from Easter, with a room given over to the keeper's logbooks."
            ),
        ]
    )
    assert [r for _, r in roles[-2:]] == [Role.BOILERPLATE, Role.BOILERPLATE]


def test_work_by_maker_lines_are_captions() -> None:
    roles = _roles(
        [
            Block("Lights along the canal", Role.HEADLINE),
            Block(LEAD),
            Block("Glass Tide by Studio Vellmar"),
            Block(SECOND),
        ]
    )
    assert roles[2] == ("Glass Tide by Studio Vellmar", Role.CAPTION)


def test_meta_description_written_as_a_deck_is_the_standfirst() -> None:
    page = read_html(
        "<html><head><title>Ferries to run earlier</title>"
        '<meta name="description" content="Commuters asked for it, and the council listened">'
        "</head><body><article><h1>Ferries to run earlier on weekdays</h1>"
        "<p>Commuters asked for it, and the council listened</p>"
        f"<p>{LEAD}</p><p>{SECOND}</p></article></body></html>"
    )
    deck = next(b for b in page.blocks if b.text.startswith("Commuters asked"))
    assert deck.hint is Role.STANDFIRST


def test_analysis_label_leaves_the_author_and_names_the_genre() -> None:
    html = (
        "<html><head><title>Why the ferry plan may not last</title>"
        '<meta name="author" content="Analysis by Tomas Reinholt, Transport Editor"></head>'
        "<body><article><h1>Why the ferry plan may not last</h1>"
        "<p>Analysis by Tomas Reinholt, Transport Editor</p>"
        f"<p>{LEAD}</p><p>{SECOND}</p></article></body></html>"
    )
    doc = parse(RawItem("ferry.html", html, "html"))
    assert doc.authors == ("Tomas Reinholt",)
    assert doc.genre == "analysis"
