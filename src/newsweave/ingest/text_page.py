"""Plain text (a paste of a web page, a .txt or .md file) → blocks.

A paste keeps one paragraph per line, or paragraphs separated by blank lines when the text
is hard-wrapped; both are recognised. Markdown headings and emphasis marks are dropped.
"""

from __future__ import annotations

import re

from newsweave.ingest.blocks import Block, normalise_space

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_RULE = re.compile(r"^\s*([-*_]\s*){3,}$")


def read_text(content: str) -> list[Block]:
    """Paragraph blocks of ``content`` in order."""
    unified = content.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in unified.split("\n")]
    blocks: list[Block] = []
    for chunk in _paragraphs(lines):
        pieces = [chunk] if _wrapped(chunk) else [[line] for line in chunk]
        for piece in pieces:
            text = normalise_space(" ".join(_strip_markdown(line) for line in piece))
            if text:
                blocks.append(Block(text))
    return blocks


def _wrapped(chunk: list[str]) -> bool:
    """True when the lines of a blank-line-separated chunk are one hard-wrapped paragraph:
    every line but the last is long and of similar length, and some break mid-sentence.
    A paste of a page instead gives one block per line (menus, bylines, captions)."""
    if len(chunk) < 2:
        return False
    heads = [line.strip() for line in chunk[:-1]]
    if any(not 40 <= len(line) <= 110 for line in heads):
        return False
    widest = max(len(line) for line in heads)
    if any(len(line) < widest * 0.6 for line in heads):
        return False
    return any(not line.endswith((".", "!", "?", '"', "”", ":")) for line in heads)


def _paragraphs(lines: list[str]) -> list[list[str]]:
    chunks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks


def _strip_markdown(line: str) -> str:
    if _MD_RULE.match(line):
        return ""
    line = _MD_HEADING.sub("", line)
    return re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
