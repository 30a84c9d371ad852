"""Page furniture told by its links: lines that are wholly a link, calls to follow a link,
and "Label: link" lines between the paragraphs of an article.

Layout rules over classified blocks (``segments.classify`` calls them); they use the link
share each block carries from the HTML (``Block.links``) and the cue lists ``link_prompts``
and ``link_labels`` of ``ingest/data/page_cues.yaml``. A paste carries no links, so only
the cues that need none (in the ``boilerplate`` list) apply to it.
"""

from __future__ import annotations

import re

from newsweave.ingest.blocks import Classified
from newsweave.ingest.cues import cue
from newsweave.ingest.language import count_words
from newsweave.model import Role

LINK_LINE_WORDS = 30
"""A line wholly a link up to this long is a link to another page (a teaser headline)."""
PROMPT_WORDS = 40
"""A call to follow a link ("Take a look at …", "Get started here") is at most this long."""
PROMPT_LINKS = 0.1
"""... and has at least this share of its letters in a link (it points somewhere)."""
OFFER_WORDS = 80
"""A deal box paragraph (a price offer linking to shops) is at most this long."""
LABEL_LINKS = 0.5
"""A "Label: …" line whose text after the label is at least this much link is a link."""
_LABEL = re.compile(r"^(?P<label>[^:.!?]{1,40}):\s+\S")
_REFERENCE = re.compile(r"^(?:[\[(][^\])]{1,40}[\])]|(?:https?://|www\.)\S+)$")
"""A bracketed source name ("[Agency]") closing a quoted excerpt, or a bare address: a
reference the reader reads as part of the text, even when linked."""


def link_furniture(items: list[Classified]) -> list[Classified]:
    """Body lines after the headline that are links, not prose, become furniture:

    - a line wholly a link (a teaser headline, "CLICK HERE …" in capitals, a quoted headline
      set between paragraphs), up to ``LINK_LINE_WORDS`` words;
    - a short call to follow a link, in prose ("Take a look if you missed it: TITLE",
      "Get started with PRODUCT here") — a ``link_prompts`` cue and a link in the line;
    - a deal box: a price offer linking to shops (a ``link_offers`` cue and a link);
    - a label and a colon followed by links ("More on this: LINK", "Watch: TITLE").
    """
    out = list(items)
    heads = [i for i, item in enumerate(out) if item.role is Role.HEADLINE]
    start = heads[0] if heads else -1
    headings = _linked_headings(out)
    for index in range(start + 1, len(out)):
        item = out[index]
        if item.role is not Role.BODY or not item.block.links or index in headings:
            continue
        if _is_link_line(item):
            out[index] = Classified(item.block, Role.BOILERPLATE)
    return out


HEADING_RUN = 3
"""This many linked lines each heading a paragraph of prose are the article's own headings
(the products of a buying guide, the entries of a list), not links set into it."""
PROSE_WORDS = 20
HEADING_WORDS = 8
"""A list article's linked heading names a thing ("Brand 65W USB-C Charger"): short, and not
set in capitals like a shouted teaser ("STAR OPENS UP ABOUT HEALTH SCARE")."""


def _heading_like(text: str) -> bool:
    return count_words(text) <= HEADING_WORDS and not text.isupper()


def _linked_headings(items: list[Classified]) -> set[int]:
    """Lines wholly a link, each followed by a paragraph of prose, when the article has
    ``HEADING_RUN`` or more of them."""
    found = {
        index
        for index in range(len(items) - 1)
        if items[index].role is Role.BODY
        and items[index].block.linked
        and _heading_like(items[index].block.text)
        and items[index + 1].role is Role.BODY
        and count_words(items[index + 1].block.text) >= PROSE_WORDS
    }
    return found if len(found) >= HEADING_RUN else set()


def _is_link_line(item: Classified) -> bool:
    text = item.block.text.strip()
    words = count_words(text)
    if item.block.linked and words <= LINK_LINE_WORDS:
        # a linked line ending in a colon introduces what follows (a heading of a list)
        return not _REFERENCE.match(text) and not text.endswith(":")
    if (
        words <= PROMPT_WORDS
        and item.block.links >= PROMPT_LINKS
        and cue("link_prompts").search(text)
    ):
        return True
    if (
        words <= OFFER_WORDS
        and item.block.links >= PROMPT_LINKS
        and cue("link_offers").search(text)
    ):
        return True
    label = _LABEL.match(text)
    if label is None or words > PROMPT_WORDS or count_words(label.group("label")) > 5:
        return False
    rest = len(re.findall(r"\w", text[label.end() - 1 :]))
    total = len(re.findall(r"\w", text))
    # the links' share of the letters after the label (the label itself is rarely linked)
    return (
        bool(rest)
        and item.block.links * total / rest >= LABEL_LINKS
        and bool(cue("link_labels").search(label.group("label")))
    )
