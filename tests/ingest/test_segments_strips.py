"""Session 7 (issue 21): a date in a page's file name or URL path as the last-resort,
inferred publication date; a byline glued to its date; teaser strips above the headline,
contact cards under the article, tabloid ledes in capitals, summary-marked boxes holding a
first paragraph, reader call-outs and other cue-listed furniture. Every text is original."""

from __future__ import annotations

from pathlib import Path

from newsweave.ingest.blocks import Block
from newsweave.ingest.datefind import find_dates
from newsweave.ingest.metadata import authors_from_byline
from newsweave.ingest.namedate import date_in_name, name_of
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import Hints, RawItem
from newsweave.ingest.segments import classify
from newsweave.ingest.sources import iter_sources
from newsweave.model import PartialDate, Role
from newsweave.settings import Settings

HEAD = "Ferry fares to the outer islands rise for the first time in six years"
LEAD = (
    "Return tickets on the three ferries that serve the outer islands will cost 14 percent "
    "more from next month, the harbour authority said on Tuesday, blaming fuel and crew costs."
)
SECOND = (
    "Islanders with a resident's card keep their discount, the authority said, but day "
    "visitors and hauliers will pay the full rise from the first sailing of the month."
)
THIRD = (
    "The operator's chief executive told the council that two of the three boats would need "
    "new engines within five years and that fares alone could not pay for them."
)
FOURTH = (
    "A public hearing on the new schedule will be held at the authority's office on the "
    "quay, and written comments can be sent until the end of the month."
)
STORY = f"{HEAD}\n\n{LEAD}\n\n{SECOND}\n\n{THIRD}\n"


def _roles(blocks: list[Block]) -> dict[str, Role]:
    return {c.block.text: c.role for c in classify(blocks)}


# --- a date in the name -------------------------------------------------------------


def test_a_date_in_a_file_name_or_a_url_path_is_read_to_its_precision() -> None:
    assert date_in_name("corpus/harbourgazette_2021-06-14_ferry-fares.txt") == PartialDate(
        2021, 6, 14
    )
    assert date_in_name("pages/20210614_ferry-fares.html") == PartialDate(2021, 6, 14)
    assert date_in_name(name_of("x", "https://news.example/2021/06/14/ferry-fares/")) == (
        PartialDate(2021, 6, 14)
    )
    assert date_in_name(name_of("x", "https://blog.example/2021/06/ferry-fares/")) == (
        PartialDate(2021, 6)
    )
    # the file's own name wins over the folder it sits in
    assert date_in_name("archive/2019/notes-2021-06-14.txt") == PartialDate(2021, 6, 14)


def test_no_date_from_impossible_numbers_version_folders_or_a_record_of_a_bulk_file() -> None:
    assert date_in_name("exports/2021/13/40/page.html") is None
    assert date_in_name("models/v2021/readme.txt") is None
    assert date_in_name("tables/ferry_fares_2021.txt") is None
    assert name_of("feeds/harbour_2021-06-14.jsonl#line=3", None) is None


def test_a_file_name_dates_an_undated_text_file_as_inferred(tmp_path: Path) -> None:
    path = tmp_path / "harbourgazette_2021-06-14_ferry-fares.txt"
    path.write_text(STORY, encoding="utf-8")
    items = list(iter_sources([str(path)], Settings(), follow_links=False))
    assert len(items) == 1 and isinstance(items[0], RawItem)
    doc = parse(items[0], min_words=0)
    assert doc.date is not None
    assert (doc.date.value, doc.date.source, doc.date.inferred) == (
        PartialDate(2021, 6, 14),
        "file-name",
        True,
    )


def test_a_date_the_page_states_wins_over_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "harbourgazette_2021-06-14_ferry-fares.txt"
    path.write_text(
        f"{HEAD}\n\nBy Ines Calloway\n\nPublished 9 June 2021\n\n{LEAD}\n\n{SECOND}\n",
        encoding="utf-8",
    )
    (item,) = list(iter_sources([str(path)], Settings(), follow_links=False))
    assert isinstance(item, RawItem)
    doc = parse(item, min_words=0)
    assert doc.date is not None
    assert (doc.date.value, doc.date.inferred) == (PartialDate(2021, 6, 9), False)


def test_a_file_name_date_after_the_capture_date_is_not_taken() -> None:
    item = RawItem(
        "pages/harbourgazette_2031-06-14_ferry-fares.txt",
        STORY,
        "text",
        Hints(captured="2021-07-01T08:00:00Z"),
    )
    doc = parse(item, min_words=0)
    assert doc.date is not None
    assert (doc.date.value, doc.date.source) == (PartialDate(2021, 7, 1), "capture-date")


def test_a_dated_caption_dates_a_page_whose_name_has_no_date() -> None:
    caption = "Crews load the first ferry of the morning, 12 May 2025. (Photo by Ines Calloway)"
    text = f"{HEAD}\n\n{caption}\n\n{LEAD}\n\n{SECOND}\n"
    doc = parse(RawItem("pages/ferry-fares.txt", text, "text"), min_words=0)
    assert doc.date is not None
    assert (doc.date.value, doc.date.source, doc.date.inferred) == (
        PartialDate(2025, 5, 12),
        "caption",
        True,
    )


# --- a byline glued to its date ---------------------------------------------------


def test_a_byline_glued_to_its_date_gives_the_name_and_the_date() -> None:
    glued = "By Ottilie BranscombeSeptember 2, 2022"
    assert authors_from_byline(glued) == ["Ottilie Branscombe"]
    (found,) = [f for f in find_dates(glued) if f.value]
    assert found.value == PartialDate(2022, 9, 2)
    # a month name inside a word with no date after it is no date
    assert not [f for f in find_dates("the Mayfield ward voted") if f.value]


# --- page-level furniture ---------------------------------------------------------


def test_a_strip_of_uncredited_captions_above_the_headline_is_a_teaser_strip() -> None:
    credited = "The Gannet ferry leaving the north quay. Photo: Harbour Authority"
    roles = _roles(
        [
            Block("Island Radio Live", Role.CAPTION),
            Block("Storm closes the causeway for a second night", Role.CAPTION),
            Block("Why the lifeboat crew want a new slipway", Role.CAPTION),
            Block(HEAD, Role.HEADLINE),
            Block(credited, Role.CAPTION),
            Block(LEAD),
            Block(SECOND),
        ]
    )
    assert roles["Island Radio Live"] is Role.BOILERPLATE
    assert roles["Storm closes the causeway for a second night"] is Role.BOILERPLATE
    assert roles[credited] is Role.CAPTION
    assert roles[LEAD] is Role.BODY


def test_one_credited_lead_picture_above_the_headline_keeps_its_caption() -> None:
    caption = "Passengers queue for the early sailing. Photo: Ines Calloway"
    roles = _roles([Block(caption, Role.CAPTION), Block(HEAD, Role.HEADLINE), Block(LEAD)])
    assert roles[caption] is Role.CAPTION


def test_a_contact_card_under_the_article_is_furniture_and_the_top_byline_stays() -> None:
    card = "Ines Calloway ines.calloway@harbourgazette.example @icalloway"
    top = "By Ines Calloway ines.calloway@harbourgazette.example"
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block(top, Role.BYLINE),
            Block(LEAD),
            Block(SECOND),
            Block(THIRD),
            Block(card, Role.BYLINE),
        ]
    )
    assert roles[top] is Role.BYLINE
    assert roles[card] is Role.BOILERPLATE


def test_a_lede_in_capitals_under_the_byline_is_body_above_it_a_summary() -> None:
    lede = (
        "A FISHERMAN who hauled up a wartime mine in his nets has been praised by the navy "
        "for keeping his boat still until the divers arrived."
    )
    # the page marks the lede with its summary class, as tabloids do
    byline = Block("By Ines Calloway", Role.BYLINE)
    marked = Block(lede, Role.STANDFIRST)
    under = _roles([Block(HEAD, Role.HEADLINE), byline, marked, Block(SECOND)])
    assert under[lede] is Role.BODY
    above = _roles([Block(HEAD, Role.HEADLINE), marked, byline, Block(SECOND)])
    assert above[lede] is Role.STANDFIRST


def test_a_second_summary_box_holding_prose_is_the_first_paragraph() -> None:
    summary = "Fares rise 14 percent from next month as fuel costs bite."
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block(summary, Role.STANDFIRST),
            Block("By Ines Calloway", Role.BYLINE),
            Block(LEAD, Role.STANDFIRST),
            Block(SECOND),
            Block(THIRD),
        ]
    )
    assert roles[summary] is Role.STANDFIRST
    assert roles[LEAD] is Role.BODY


def test_a_summary_box_repeating_the_paragraphs_below_stays_furniture() -> None:
    glued = SECOND + THIRD
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block("Fares rise 14 percent from next month.", Role.STANDFIRST),
            Block(LEAD),
            Block(glued, Role.STANDFIRST),
            Block(SECOND),
            Block(THIRD),
        ]
    )
    assert roles[glued] is not Role.BODY


def test_cue_listed_furniture_in_a_paste() -> None:
    callout = "GAZETTE READERS: Tell us how the fare rise affects you. Email the newsroom."
    more = "MORE FROM THE GAZETTE: Causeway repairs to start in spring"
    letter = "Have something to say about this article? Send us a letter for the weekend edition."
    footer = (
        "Island Notebook is written by Ines Calloway, who has covered the harbour for the "
        "paper since 2009. Write to her at the Gazette office."
    )
    infographic = "This map, supplied by the harbour authority, shows the three ferry routes."
    lines = [HEAD, "By Ines Calloway", LEAD, callout, SECOND, more, THIRD, FOURTH]
    text = "\n\n".join([*lines, infographic, letter, footer, "More in Opinion"])
    doc = parse(RawItem("paste", text + "\n", "text"), min_words=0)
    roles = {doc.segment_text(s): s.role for s in doc.segments}
    assert roles[callout] is Role.BOILERPLATE
    assert roles[more] is Role.BOILERPLATE
    assert roles[letter] is Role.BOILERPLATE
    assert roles[footer] is Role.AUTHOR_BIO
    assert roles[infographic] is Role.CAPTION
    assert roles["More in Opinion"] is not Role.BYLINE
    assert roles[FOURTH] is Role.BODY


# --- after the fresh held-out set 4 (informed rules) ------------------------------


def test_a_caption_opening_with_a_credit_is_a_caption_a_short_footer_is_not() -> None:
    credited = "© Ines Calloway Passengers wait for the first sailing on the north quay in June."
    footer = "© Harbour Gazette 2026"
    roles = _roles(
        [Block(HEAD, Role.HEADLINE), Block(LEAD), Block(credited), Block(SECOND), Block(footer)]
    )
    assert roles[credited] is Role.CAPTION
    assert roles[footer] is Role.BOILERPLATE


def test_a_glued_credit_ends_a_caption() -> None:
    glued = "The Gannet ferry at the north quay in heavy seasCredit: Harbour Authority"
    roles = _roles([Block(HEAD, Role.HEADLINE), Block(LEAD), Block(glued), Block(SECOND)])
    assert roles[glued] is Role.CAPTION


def test_a_subheading_naming_a_month_is_not_a_name_in_a_place() -> None:
    roles = _roles(
        [
            Block(HEAD, Role.HEADLINE),
            Block(LEAD),
            Block("Sailings in December"),
            Block(SECOND),
            Block("Marta Quill in Hessby"),
        ]
    )
    assert roles["Sailings in December"] is Role.BODY


def test_the_title_marked_after_a_masthead_is_the_headline() -> None:
    blocks = [
        Block("The Harbour Notebook", Role.HEADLINE),
        Block(HEAD, Role.HEADLINE),
        Block(LEAD),
        Block(SECOND),
    ]
    roles = {c.block.text: c.role for c in classify(blocks, title=f"{HEAD} - The Harbour Notebook")}
    assert roles[HEAD] is Role.HEADLINE
    assert roles["The Harbour Notebook"] is Role.BOILERPLATE


def test_furniture_under_the_story_from_the_cue_lists() -> None:
    lines = {
        "Story continues below gallery": Role.BOILERPLATE,
        "ines.calloway@harbourgazette.example": Role.BOILERPLATE,
        "twitter.com/icalloway": Role.BOILERPLATE,
        "Reach the reporter on Twitter at twitter.com/icalloway": Role.BOILERPLATE,
        "Hear more on our weekly harbour podcast, The Tide Table.": Role.BOILERPLATE,
        "Olek Brand on March 3, 2026 at 9:14 pm said:": Role.BOILERPLATE,
        "View all": Role.BOILERPLATE,
        "Additional reporting by Marta Quill": Role.BYLINE,
        "Staff Reports": Role.BYLINE,
    }
    blocks = [Block(HEAD, Role.HEADLINE), Block(LEAD), Block(SECOND), Block(THIRD)]
    roles = _roles(blocks + [Block(text) for text in lines])
    assert {text: roles[text] for text in lines} == lines
    assert roles[THIRD] is Role.BODY


def test_author_cards_in_other_words_and_a_musician_who_joined_a_band() -> None:
    card = (
        "Ines joined the Harbour Gazette in May 2015. She has been reporting on transport "
        "and the islands since then."
    )
    first_person = "I am a reporter and former ferry deckhand who writes about the coast."
    band = (
        "Tovey joined the band in 1991 and stayed for three albums before leaving to write "
        "film scores in Lisbon."
    )
    blocks = [Block(HEAD, Role.HEADLINE), Block(LEAD), Block(band), Block(SECOND)]
    roles = _roles([*blocks, Block(card), Block(first_person)])
    assert roles[band] is Role.BODY
    assert roles[card] is Role.AUTHOR_BIO
    assert roles[first_person] is Role.AUTHOR_BIO


def test_teaser_titles_below_the_story_but_not_a_gallery_of_captions() -> None:
    teasers = [
        "Harbour Board Names New Chief After Long Search",
        "Island Schools Get Funding For Boats",
    ]
    gallery = [
        "Crews load the first ferry of the morning at the north quay",
        "A deckhand coils the mooring lines before the crossing",
    ]
    body = [Block(HEAD, Role.HEADLINE), Block(LEAD), Block(SECOND)]
    roles = _roles(body + [Block(t, Role.CAPTION) for t in teasers])
    assert [roles[t] for t in teasers] == [Role.BOILERPLATE, Role.BOILERPLATE]
    roles = _roles(body + [Block(t, Role.CAPTION) for t in gallery])
    assert [roles[t] for t in gallery] == [Role.CAPTION, Role.CAPTION]


def test_a_run_of_teaser_titles_above_the_headline_is_furniture() -> None:
    strip = [
        "Harbour Awards 2026",
        "Winners Of The Harbour Awards Announced In Full",
        "Ferry Crews Honoured For Winter Rescue",
    ]
    roles = _roles([Block(t) for t in strip] + [Block(HEAD, Role.HEADLINE), Block(LEAD)])
    assert [roles[t] for t in strip] == [Role.BOILERPLATE] * 3
    assert roles[LEAD] is Role.BODY


def test_a_bare_name_over_a_date_line_in_a_paste_is_the_byline() -> None:
    text = "\n\n".join([HEAD, "Marta Quill", "9 March 2026, 07:40", LEAD, SECOND, THIRD])
    doc = parse(RawItem("paste", text + "\n", "text"), min_words=0)
    roles = {doc.segment_text(s): s.role for s in doc.segments}
    assert roles["Marta Quill"] is Role.BYLINE
    assert roles["9 March 2026, 07:40"] is Role.BYLINE
    assert doc.authors == ("Marta Quill",)
    # a name-like subheading over prose stays body
    text = "\n\n".join([HEAD, LEAD, "Island Routes", SECOND, THIRD])
    doc = parse(RawItem("paste", text + "\n", "text"), min_words=0)
    roles = {doc.segment_text(s): s.role for s in doc.segments}
    assert roles["Island Routes"] is Role.BODY
