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
    lines = [
        line.rstrip() for line in content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    chunks = _paragraphs(lines) if _hard_wrapped(lines) else [[line] for line in lines]
    blocks: list[Block] = []
    for chunk in chunks:
        text = normalise_space(" ".join(_strip_markdown(line) for line in chunk))
        if text:
            blocks.append(Block(text))
    return blocks


def _hard_wrapped(lines: list[str]) -> bool:
    """True when most paragraphs span several lines of similar length (a wrapped text)."""
    chunks = _paragraphs(lines)
    if not chunks:
        return False
    multi = sum(1 for chunk in chunks if len(chunk) > 1)
    long_lines = [len(line) for line in lines if line.strip()]
    typical = sorted(long_lines)[len(long_lines) // 2] if long_lines else 0
    return multi >= max(2, len(chunks) // 3) and typical <= 100


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
