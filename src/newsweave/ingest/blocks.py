"""Blocks: the paragraphs of a page before they are given roles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.model import Role


@dataclass(frozen=True)
class Block:
    """One paragraph-like piece of a page, with the role its markup suggests, if any."""

    text: str
    hint: Role | None = None
    links: float = 0.0
    """The share of the block's letters that stand inside links (HTML ``<a>``): 1.0 for a
    block that is wholly a link (a link to another story set between paragraphs), 0.0 for
    prose without links and for text whose source gives no links (a paste)."""

    @property
    def linked(self) -> bool:
        """Whether the block is (nearly) wholly a link."""
        return self.links >= LINKED


LINKED = 0.85
"""A block with at least this share of its letters in links is a link, not prose (a stray
unlinked word or punctuation mark around the link is allowed)."""


@dataclass(frozen=True)
class Classified:
    """A block with the role the segment rules gave it."""

    block: Block
    role: Role


def normalise_space(text: str) -> str:
    """Collapse runs of spaces and tabs inside a paragraph; keep no newlines."""
    return " ".join(text.split())


def text_key(text: str) -> str:
    """A comparison key: lower-case words, punctuation and spacing ignored (a standfirst
    repeated in the body, the same paragraph found by trafilatura and in the DOM)."""
    return re.sub(r"\W+", " ", text).strip().lower()
