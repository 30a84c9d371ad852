"""Furniture told by its links (issue 21, session 6): lines wholly a link, calls to follow a
link, "Label: LINK" lines, and captions set as plain lines beside a picture. Every text
here is original."""

from __future__ import annotations

from lxml import html

from newsweave.ingest.blocks import Block
from newsweave.ingest.html_images import image_captions
from newsweave.ingest.html_page import read_html
from newsweave.ingest.metadata import authors_from_byline
from newsweave.ingest.segments import classify
from newsweave.model import Role

HEAD = "Lighthouse keepers' cottages to become a maritime museum"
LEAD = (
    "The trust that owns the Skerrow Point lighthouse has won planning consent to turn the "
    "three keepers' cottages beside it into a small maritime museum, due to open next summer."
)
SECOND = (
    "The museum will show the lamp mechanism removed in 1994, logbooks kept by four "
    "generations of keepers and a collection of wreck charts lent by the county archive."
)
THIRD = (
    "Volunteers will run the museum on weekends, the trust said, and school groups will be "
    "admitted free on weekdays during term time under an agreement with the county council."
)


def _roles(blocks: list[Block]) -> dict[str, Role]:
    return {c.block.text: c.role for c in classify(blocks)}


def test_a_line_wholly_a_link_between_paragraphs_is_furniture() -> None:
    teaser = '"Coastguard station sold to a holiday firm for 1.2 million"'
    shouting = "GET THE COAST EDITION IN YOUR HANDS EVERY SATURDAY"
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block(LEAD),
            Block(teaser, links=1.0),
            Block(SECOND),
            Block(shouting, links=1.0),
            Block(THIRD),
        ]
    )
    assert roles[teaser] is Role.BOILERPLATE
    assert roles[shouting] is Role.BOILERPLATE
    assert roles[LEAD] is Role.BODY and roles[THIRD] is Role.BODY


def test_linked_product_names_heading_their_paragraphs_stay_body() -> None:
    names = ["Harbourline 20W Lamp", "Skerrow Tide Clock", "Keeper's Brass Barometer"]
    teasers = [
        "WINTER STORM CLOSES TWO FERRY ROUTES FOR A WEEK",
        "KEEPERS' DESCENDANTS GATHER FOR A CENTURY REUNION",
        "COASTAL PATH REOPENS AFTER CLIFF FALL REPAIRS",
    ]
    for lines, role in ((names, Role.BODY), (teasers, Role.BOILERPLATE)):
        blocks = [Block(HEAD, Role.HEADLINE), Block(LEAD)]
        for line, prose in zip(lines, (SECOND, THIRD, LEAD + " " + SECOND), strict=True):
            blocks += [Block(line, links=1.0), Block(prose)]
        roles = _roles(blocks)
        for line in lines:
            assert roles[line] is role, line


def test_the_same_lines_without_a_link_stay_body() -> None:
    subhead = "A LAMP THAT TURNED FOR A CENTURY"
    quoted = '"We want people to see how the keepers actually lived"'
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block(LEAD),
            Block(subhead),
            Block(SECOND),
            Block(quoted),
            Block(THIRD),
        ]
    )
    assert roles[subhead] is Role.BODY
    assert roles[quoted] is Role.BODY


def test_a_call_to_follow_a_link_is_furniture_only_with_its_link() -> None:
    missed = "If you did not catch it, take a look at our tour of the lamp room."
    offer = "Members get 20% off museum tickets at the trust's shop this month."
    prose = "Take a look at the logbooks and you see storms recorded hour by hour."
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block(LEAD),
            Block(missed, links=0.45),
            Block(SECOND),
            Block(offer, links=0.2),
            Block(prose),
            Block(THIRD, links=0.05),
        ]
    )
    assert roles[missed] is Role.BOILERPLATE
    assert roles[offer] is Role.BOILERPLATE
    assert roles[prose] is Role.BODY  # the same words, no link: a sentence of the story
    assert roles[THIRD] is Role.BODY  # prose with a linked name stays prose


def test_a_label_and_links_after_it_is_furniture() -> None:
    more = "More coast news: harbour dredging resumes, ferry timetable changes"
    note = "Opening hours: the museum will be open from 10am to 4pm, April to October."
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block(LEAD),
            Block(more, links=0.8),
            Block(SECOND),
            Block(note),
            Block(THIRD),
        ]
    )
    assert roles[more] is Role.BOILERPLATE
    assert roles[note] is Role.BODY


PAGE = """<html><head><title>Ferry pier rebuilt</title></head><body><article>
<h1>Ferry pier rebuilt after storm damage</h1>
<p>The ferry pier at Wrenmouth reopened on Monday after a rebuild that took eleven months and
cost the harbour board 3.4 million pounds, most of it paid by an emergency grant.</p>
<p><a href="/news/harbour-board-fees">Harbour board raises mooring fees for visiting yachts</a></p>
<p>Boat crews said the new pier is higher and wider than the old one, so ferries can berth at
low tide for the first time, ending the cancellations that marked every spring tide.</p>
<div class="media"><img src="p.jpg" alt="pier.jpg"><span>Work crews lowering the last deck
section onto the new pier in August.</span></div>
<p>The board said it would review the timetable with the ferry operator in the new year, once
passenger numbers for the winter season are known, and publish any changes in March.</p>
</article></body></html>"""


def test_an_html_page_gives_link_shares_and_wrapped_captions() -> None:
    page = read_html(PAGE)
    by_text = {b.text: b for b in page.blocks}
    teaser = by_text["Harbour board raises mooring fees for visiting yachts"]
    assert teaser.linked
    lead = next(b for b in page.blocks if b.text.startswith("The ferry pier at Wrenmouth"))
    assert lead.links == 0.0
    roles = {c.block.text: c.role for c in classify(page.blocks, title=page.title)}
    assert roles[teaser.text] is Role.BOILERPLATE


FIGURES = """<html><body>
<div class="pic"><img src="a.jpg" alt="IMG_2231"><span>Divers inspect the pier piles before
the rebuild began.</span><span>Harbour Board</span></div>
<p><img src="b.jpg" alt="map"> Ferries will berth on the north side of the new pier.</p>
<a class="card" href="/other"><img src="c.jpg" alt=""><span>Island school gets a new roof
after the winter gales</span></a>
</body></html>"""


def test_a_line_in_a_picture_wrapper_is_its_caption_whatever_the_alt_text() -> None:
    tree = html.fromstring(FIGURES)
    caption = "Divers inspect the pier piles before the rebuild began."
    credit = "Harbour Board"
    inline = "Ferries will berth on the north side of the new pier."
    card = "Island school gets a new roof after the winter gales"
    blocks = [Block(caption), Block(credit), Block(inline), Block(card, links=1.0)]
    hints = {b.text: b.hint for b in image_captions(blocks, tree, None, None)}
    assert hints[caption] is Role.CAPTION
    assert hints[credit] is Role.CAPTION  # the credit in the same box
    assert hints[inline] is None  # a paragraph with a picture in it is prose
    assert hints[card] is None  # a teaser card: picture and headline, wholly a link


def test_corrections_consent_lines_service_links_and_wire_credits() -> None:
    correction = (
        "Correction, 4 March 2025: An earlier version misstated the year the lighthouse lamp "
        "was automated. It was 1994."
    )
    consent = "By signing up, you agree to receive the coast newsletter and accept our terms."
    services = "Request reprints and licensing | Submit a correction"
    wire = (
        "Associated Press writers Ana Ruiz in Lisbon, Tom Beck in Porto and Celia Ward in "
        "Faro contributed to this report."
    )
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block(LEAD),
            Block(SECOND),
            Block(THIRD),
            Block(wire),
            Block(correction),
            Block(consent, Role.DISCLAIMER),
            Block(services, Role.DISCLAIMER),
        ]
    )
    assert roles[correction] is Role.DISCLAIMER
    assert roles[consent] is Role.BOILERPLATE  # a form's consent line in a "disclaimer" box
    assert roles[services] is Role.BOILERPLATE
    assert roles[wire] is Role.BYLINE


def test_times_and_reporter_lines_in_the_byline_box_are_bylines() -> None:
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block("Imke Dorsey Coast reporter @imkedorsey", Role.BYLINE),
            Block("Today 8:15 AM", Role.BYLINE),
            Block("21:40", Role.BYLINE),
            Block(LEAD),
            Block(SECOND),
        ]
    )
    for line in ("Imke Dorsey Coast reporter @imkedorsey", "Today 8:15 AM", "21:40"):
        assert roles[line] is Role.BYLINE, line


def test_posted_by_bylines_and_closing_photograph_credits() -> None:
    posted = "Posted by Ines Varga on 3 April 2025"
    caption = "Fishing boats moored below the lighthouse at dusk. Photograph by Remy Oduya"
    roles = _roles(
        [Block(HEAD), Block(posted), Block(LEAD), Block(caption), Block(SECOND), Block(THIRD)]
    )
    assert roles[posted] is Role.BYLINE
    assert roles[caption] is Role.CAPTION


def test_a_posted_by_line_names_the_author() -> None:
    assert authors_from_byline("Posted by Ines Varga on 3 April 2025") == ["Ines Varga"]
    assert authors_from_byline("Posted by Ines Varga on April 3, 2025") == ["Ines Varga"]
