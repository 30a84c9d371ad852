"""Partial calendar dates: a year, a month of a year, or a day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day (``precision``)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # validates the calendar (raises ValueError on 2023-02-30)
        dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as in the JSON export contract."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> dt.date:
        """The first day this partial date covers."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def parse(cls, text: str | None) -> PartialDate | None:
        """Read ``YYYY[-MM[-DD]]`` (anything after it, like a time, is ignored)."""
        if not text:
            return None
        match = _ISO.match(text.strip())
        if not match:
            return None
        year, month, day = match.groups()
        try:
            return cls(int(year), int(month) if month else None, int(day) if day else None)
        except ValueError:
            return None

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    def __str__(self) -> str:
        return self.iso()
