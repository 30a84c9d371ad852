"""What a page's images and links say about its lines: the link share of an element, and
the captions a page sets as plain lines next to a picture (``html_page`` calls these)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from newsweave.ingest.blocks import LINKED, Block, normalise_space, text_key
from newsweave.ingest.language import count_words
from newsweave.model import Role

_LETTER = re.compile(r"\w")


def link_share(element: Any) -> float:
    """The share of an element's letters that stand inside its links (``<a href>``)."""
    total = len(_LETTER.findall(element.text_content()))
    if not total:
        return 0.0
    if element.tag == "a" and element.get("href"):
        return 1.0
    inside = 0
    for link in element.iterdescendants("a"):
        if link.get("href") and not any(up.tag == "a" for up in link.iterancestors()):
            inside += len(_LETTER.findall(link.text_content()))
    return min(1.0, inside / total)


def link_share_in(container: Any, text: str) -> float:
    """The link share of ``text``, a paragraph that is no element's own text but a run of
    ``container``'s (paragraphs split by ``<br>`` in one element): the letters of the
    container's links whose text stands in the paragraph, over the paragraph's letters."""
    key = f" {text_key(text)} "
    total = len(_LETTER.findall(text))
    if not total:
        return 0.0
    inside = 0
    for link in container.iterdescendants("a"):
        if not link.get("href"):
            continue
        words = text_key(link.text_content())
        if words and f" {words} " in key:
            inside += len(_LETTER.findall(link.text_content()))
    return min(1.0, inside / total)


ALT_WORDS = 30
"""An image's alt text repeated as a line of the page is at most this long."""
ALT_MIN_WORDS = 5
"""... and at least this long: a shorter alt text is a name or a label ("Spiced Pear Jam",
"How to retire early") that the page also sets as a subheading."""
ALT_IMAGES = 400
"""At most this many images of a page are read for their alt texts and wrappers (a budget)."""
WRAPPER_WORDS = 40
"""The text an image shares its wrapper with is a caption when at most this long."""
WRAPPER_MIN_WORDS = 3
"""... and at least this long (a lone name or label under a picture is left alone)."""
WRAPPER_CLIMB = 3
"""How many ancestors above an image are climbed to find the first one holding text."""
_WRAPPER_TAGS = frozenset({"figure", "div", "span", "a", "picture", "section", "aside", "td"})
"""Elements that wrap a picture and its caption. A paragraph (``p``) or list item holding
an image is prose with a picture in it, not a caption box."""


def image_captions(
    blocks: list[Block], tree: Any, title: str | None, description: str | None
) -> list[Block]:
    """Captions a page sets as plain lines (no caption markup):

    - a short line that repeats the alt text of an image (``ALT_MIN_WORDS`` to
      ``ALT_WORDS`` words);
    - a short line standing in the same wrapper as a picture, when the wrapper holds nothing
      else (``<div><img><span>LINE</span></div>``), whatever the image's alt text says.

    The title and the meta description are left alone (the lead image often repeats them),
    and so is a wrapper that is wholly a link (a teaser card: picture and headline)."""
    alts: set[str] = set()
    wrapped: set[str] = set()
    for count, image in enumerate(tree.iter("img")):
        if count >= ALT_IMAGES:
            break
        alt = normalise_space(str(image.get("alt") or ""))
        if ALT_MIN_WORDS <= len(alt.split()) <= ALT_WORDS:
            alts.add(text_key(alt))
        wrapped.update(_wrapper_texts(image))
    skip = {text_key(t) for t in (title, description) if t}
    out: list[Block] = []
    for block in blocks:
        key = text_key(block.text)
        if block.hint is None and key not in skip and (key in alts or key in wrapped):
            block = replace(block, hint=Role.CAPTION)
        out.append(block)
    return out


_PROSE_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")
"""A wrapper holding a paragraph, heading or list is part of the article, not a caption box."""


def _wrapper_texts(image: Any) -> set[str]:
    """The text keys of the first ancestor of ``image`` that holds text, and of each element
    with text inside it (a caption and its credit set as two lines in one box), when that
    ancestor is a caption box: a wrapper element, short, no paragraph or heading in it, not
    wholly a link."""
    node = image.getparent()
    for _ in range(WRAPPER_CLIMB):
        if node is None or not isinstance(node.tag, str):
            return set()
        text = normalise_space(node.text_content())
        if text:
            words = count_words(text)
            if (
                node.tag not in _WRAPPER_TAGS
                or not WRAPPER_MIN_WORDS <= words <= WRAPPER_WORDS
                or any(True for _ in node.iter(*_PROSE_TAGS))
                or link_share(node) >= LINKED
            ):
                return set()
            keys = {text_key(text)}
            for inner in node.iterdescendants():
                if isinstance(inner.tag, str):
                    inner_text = normalise_space(inner.text_content())
                    if len(inner_text.split()) >= 2:
                        keys.add(text_key(inner_text))
            return keys
        node = node.getparent()
    return set()
