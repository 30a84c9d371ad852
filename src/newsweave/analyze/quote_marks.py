"""Quotation marks and paragraphs: where quoted text opens and closes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

DOUBLE_OPEN = "“„"


DOUBLE_CLOSE = "”"


SINGLE_OPEN = "‘"


SINGLE_CLOSE = "’"


OPENERS = "“„‘\"'"


SHORT = 4


"""Quoted stretches of at most this many words need a cue verb to count as quotes."""


NEAR = 12


"""How many tokens after/before a quote a cue verb may be."""


_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class Marked:
    """A stretch of text between quotation marks: marks at ``start`` and ``end - 1``."""

    start: int
    end: int
    closed: bool
    """False when the closing mark is missing (the quote runs to its paragraph's end)."""


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Character ranges of the non-blank paragraphs of ``text`` (blank-line separated)."""
    start = 0
    for match in _PARAGRAPH.finditer(text):
        yield from _trimmed(text, start, match.start())
        start = match.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``[start, end)`` without surrounding whitespace, if anything is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = start + len(piece) - len(piece.lstrip())
        yield (lead, lead + len(stripped))


def _can_open(text: str, i: int) -> bool:
    """A straight or single mark at ``i`` may open a quote (no word character before it,
    a non-space after it)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isalnum() and not after.isspace() and after not in ",.;:!?"


def _can_close(text: str, i: int) -> bool:
    """A single mark at ``i`` may close a quote (not inside a word)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _opens_line(text: str, i: int) -> bool:
    """Whether the mark at ``i`` starts a line and a word follows it."""
    return (i == 0 or text[i - 1] == "\n") and i + 1 < len(text) and text[i + 1].isalpha()


def _scan(text: str, start: int, end: int, carry: int | None) -> tuple[list[Marked], int | None]:
    """Pair the quotation marks of one paragraph. ``carry`` is the opening mark of a quote
    continued from the paragraph before (already checked to reopen here). Returns the
    closed quotes and the opening of one left open at the paragraph's end."""
    found: list[Marked] = []
    double = carry
    single: int | None = None
    i = start + 1 if carry is not None else start
    while i < end:
        c = text[i]
        if c in DOUBLE_OPEN or (c == '"' and double is None):
            if double is None and (c != '"' or _can_open(text, i)):
                double, single = i, None
        elif c in DOUBLE_CLOSE and double is None and _opens_line(text, i):
            double, single = i, None  # ”Words… — a closing mark typed to open a line
        elif c in DOUBLE_CLOSE or c == '"':
            if double is not None:
                found.append(Marked(double, i + 1, True))
                double = None
        elif double is None and single is None and c in SINGLE_OPEN + "'":
            if _can_open(text, i):
                single = i
        elif (
            double is None
            and single is not None
            and c in SINGLE_CLOSE + "'"
            and _can_close(text, i)
            and i > single + 1
        ):
            found.append(Marked(single, i + 1, True))
            single = None
        i += 1
    return found, double


def quote_marks(text: str) -> tuple[Marked, ...]:
    """Every top-level quoted stretch of ``text`` in order (see the module docstring)."""
    found: list[Marked] = []
    carry: int | None = None
    previous_end = 0
    for start, end in paragraphs(text):
        if carry is not None and text[start] not in OPENERS:
            found.append(Marked(carry, previous_end, False))
            carry = None
        pieces, carry = _scan(text, start, end, carry)
        found.extend(pieces)
        previous_end = end
    if carry is not None:
        found.append(Marked(carry, previous_end, False))
    return tuple(found)


def content_of(text: str, mark: Marked) -> tuple[int, int]:
    """The quoted words of ``mark`` without the marks, surrounding spaces and a trailing
    comma, colon or semicolon."""
    start = mark.start + 1
    end = mark.end - 1 if mark.closed else mark.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def word_count(text: str) -> int:
    """Words in ``text`` (hyphenated words and contractions count once)."""
    return len(_WORD.findall(text))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two ranges."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
