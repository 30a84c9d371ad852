"""Find calendar dates written out in page furniture (bylines, datelines, captions)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsweave.model import PartialDate

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+\d)", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!,?\s+\d)", re.IGNORECASE),
    # a full date glued to the name before it by a page that set them in two boxes
    # ("By Jane RoeMarch 3, 2023"): a capitalised month right after a lower-case letter
    re.compile(rf"(?-i:(?<=[a-z])(?=[A-Z])){_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
]


@dataclass(frozen=True)
class FoundDate:
    value: PartialDate | None
    """None when the text gives no year and no anchor year was supplied."""
    start: int
    end: int
    has_year: bool


def find_dates(text: str, *, anchor_year: int | None = None) -> Iterator[FoundDate]:
    """Every written date in ``text``, left to right, without overlaps.

    Dates without a year take ``anchor_year`` when given.
    """
    taken: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            groups = match.groupdict()
            year = int(groups["year"]) if groups.get("year") else anchor_year
            if groups.get("m"):
                month, day = int(groups["m"]), int(groups["d"])
            else:
                month, day = MONTHS[groups["month"].lower()], int(groups["day"])
            value = _date(year, month, day)
            if value is None and year is not None:
                continue
            taken.append((match.start(), match.end()))
            found.append(FoundDate(value, match.start(), match.end(), bool(groups.get("year"))))
    yield from sorted(found, key=lambda f: f.start)


def _date(year: int | None, month: int, day: int) -> PartialDate | None:
    if year is None:
        return None
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None
