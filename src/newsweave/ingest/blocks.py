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


def normalise_space(text: str) -> str:
    """Collapse runs of spaces and tabs inside a paragraph; keep no newlines."""
    return " ".join(text.split())


def text_key(text: str) -> str:
    """A comparison key: lower-case words, punctuation and spacing ignored (a standfirst
    repeated in the body, the same paragraph found by trafilatura and in the DOM)."""
    return re.sub(r"\W+", " ", text).strip().lower()
