"""Page-level rules for furniture that looks like a caption, a byline or a standfirst on
its own: the strip of teasers above the headline, the author's contact card under the
article, the tabloid lede set in capitals. Pure functions over the classified blocks of one
page, run after the rules of ``segments.py``."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.ingest.blocks import Block, Classified
from newsweave.ingest.cues import cue
from newsweave.ingest.language import count_words
from newsweave.ingest.paragraph_roles import is_date_line
from newsweave.model import Role

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CAPS_LEDE = re.compile(r"^(?:[A-Z]\s+)?[A-Z][A-Z'’-]{2,}(?:\s+[A-Z][A-Z'’-]*){0,4}\s+[a-z]")
"""``A HUNTER who …``, ``TWO SISTERS have …``: a first paragraph whose opening words are
set in capitals (the tabloid lede), then lower case."""


_BARE_NAME = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|al|da|le)){1,3}$")


def name_over_date(index: int, blocks: Sequence[Block]) -> bool:
    """A bare name (two to four capitalised words, nothing else) set on its own line right
    above a line that is only a date: the byline of a paste or of a page that set the
    author and the date in two boxes ("NAME" / "March 9, 2026 7:41 AM")."""
    if index + 1 >= len(blocks) or not _BARE_NAME.match(blocks[index].text.strip()):
        return False
    return is_date_line(blocks[index + 1].text)


def page_strips(items: list[Classified]) -> list[Classified]:
    """Apply the three rules in page order."""
    return _capital_ledes(_contact_cards(_teaser_strips(items)))


def _teaser_strips(items: list[Classified]) -> list[Classified]:
    """Above the headline or below the last body paragraph, two or more captions in a row
    that carry no caption cue (no credit, no "Photo:") are the titles of a strip of video
    or story teasers set with their thumbnails; a caption there that is wholly a link is a
    teaser too. A real picture there has one caption, usually credited. Above the headline,
    a run of short lines read as body without sentence punctuation is such a strip too."""
    headline = next((i for i, c in enumerate(items) if c.role is Role.HEADLINE), None)
    bodies = [i for i, c in enumerate(items) if c.role is Role.BODY]
    out = list(items)
    if headline is not None:
        _strip(out, 0, headline, titles_only=False)
        _short_lines(out, 0, headline)
    if bodies and (headline is None or bodies[-1] > headline):
        # below the story a gallery's captions are sentences: only headline-cased titles
        _strip(out, bodies[-1] + 1, len(out), titles_only=True)
    return out


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if len(w) >= 4 and w[0].isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= TITLE_SHARE * len(words)


TITLE_SHARE = 0.7
"""Share of the longer words capitalised in a headline-cased title ("Band Sets 2020 Tour")."""


def _strip(out: list[Classified], start: int, stop: int, *, titles_only: bool) -> None:
    index = start
    while index < stop:
        end = index
        while end < stop and out[end].role is Role.CAPTION:
            end += 1
        run = range(index, end)
        uncredited = [
            i
            for i in run
            if not cue("caption").search(out[i].block.text.strip())
            and (not titles_only or _title_case(out[i].block.text))
        ]
        for i in run:
            block = out[i].block
            if (block.linked and not titles_only) or (
                len(uncredited) >= STRIP_RUN and i in uncredited
            ):
                out[i] = Classified(block, Role.BOILERPLATE)
        index = end + 1 if end > index else index + 1


def _short_lines(out: list[Classified], start: int, stop: int) -> None:
    run: list[int] = []
    for index in [*range(start, stop), stop]:
        item = out[index] if index < stop else None
        if item is not None and item.role is Role.BODY and _teaser_line(item.block.text):
            run.append(index)
            continue
        if len(run) >= STRIP_RUN:
            for i in run:
                out[i] = Classified(out[i].block, Role.BOILERPLATE)
        run = []


def _teaser_line(text: str) -> bool:
    stripped = text.strip()
    return (
        count_words(stripped) <= TEASER_WORDS
        and stripped[:1].isupper()  # a title, not a line of prose broken by the page
        and not stripped.endswith((".", "!", "?", ":", ",", ";"))
    )


STRIP_RUN = 2
"""Uncredited captions or short lines in a row that make a strip of teasers."""
TEASER_WORDS = 20
"""The longest line read as a teaser's title in a strip above the headline."""


def _contact_cards(items: list[Classified]) -> list[Classified]:
    """A byline well into the article body (after three body paragraphs) that gives an
    e-mail address and does not open with "By" is the author's contact card ("NAME
    name@paper.com @handle"), repeated from the top: furniture, not a second byline. A
    credit line ("… contributed to this report") stays a byline."""
    out = list(items)
    body = 0
    for index, item in enumerate(out):
        if item.role is Role.BODY:
            body += 1
            continue
        text = item.block.text.strip()
        if (
            body >= CARD_AFTER
            and item.role is Role.BYLINE
            and _EMAIL.search(text)
            and not _BY.match(text)
            and not cue("byline").search(text)
        ):
            out[index] = Classified(item.block, Role.BOILERPLATE)
    return out


CARD_AFTER = 3
"""Body paragraphs before a byline with an e-mail address is read as a contact card; the
byline box of some sites stands below a first paragraph or two (a lead, a teaser)."""
_BY = re.compile(r"^by\b", re.IGNORECASE)


def _capital_ledes(items: list[Classified]) -> list[Classified]:
    """A "standfirst" under the byline whose opening words are in capitals is the story's
    first paragraph in the tabloid style. Set above the byline, such a paragraph is the
    page's summary (some tabloids set their standfirst that way) and keeps its role."""
    out = list(items)
    byline_above = False
    for index, item in enumerate(out):
        if item.role is Role.BYLINE:
            byline_above = True
        elif (
            item.role is Role.STANDFIRST
            and byline_above
            and _CAPS_LEDE.match(item.block.text.strip())
        ):
            out[index] = Classified(item.block, Role.BODY)
    return out
