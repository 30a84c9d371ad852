"""Blocks: the paragraphs of a page before they are given roles."""

from __future__ import annotations

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
