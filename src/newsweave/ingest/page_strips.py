"""Page-level rules for furniture that looks like a caption, a byline or a standfirst on
its own: the strip of teasers above the headline, the author's contact card under the
article, the tabloid lede set in capitals. Pure functions over the classified blocks of one
page, run after the rules of ``segments.py``."""

from __future__ import annotations

import re

from newsweave.ingest.blocks import Classified
from newsweave.ingest.cues import cue
from newsweave.model import Role

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CAPS_LEDE = re.compile(r"^(?:[A-Z]\s+)?[A-Z][A-Z'’-]{2,}(?:\s+[A-Z][A-Z'’-]*){0,4}\s+[a-z]")
"""``A HUNTER who …``, ``TWO SISTERS have …``: a first paragraph whose opening words are
set in capitals (the tabloid lede), then lower case."""


def page_strips(items: list[Classified]) -> list[Classified]:
    """Apply the three rules in page order."""
    return _capital_ledes(_contact_cards(_teaser_strips(items)))


def _teaser_strips(items: list[Classified]) -> list[Classified]:
    """Above the headline, two or more captions in a row that carry no caption cue (no
    credit, no "Photo:") are the titles of a strip of video or story teasers; a caption
    there that is wholly a link is a teaser too. A real lead picture above the headline
    has one caption, usually credited."""
    headline = next((i for i, c in enumerate(items) if c.role is Role.HEADLINE), None)
    if headline is None:
        return items
    out = list(items)
    index = 0
    while index < headline:
        end = index
        while end < headline and out[end].role is Role.CAPTION:
            end += 1
        run = range(index, end)
        uncredited = [i for i in run if not cue("caption").search(out[i].block.text.strip())]
        for i in run:
            block = out[i].block
            if block.linked or (len(uncredited) >= 2 and i in uncredited):
                out[i] = Classified(block, Role.BOILERPLATE)
        index = end + 1 if end > index else index + 1
    return out


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
