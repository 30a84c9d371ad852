"""Calendar arithmetic for time expressions: days, ISO weeks, month shifts, numbers and
units, the year a month/day or a weekday falls in relative to the frame."""

from __future__ import annotations

import datetime as dt
import re

from newsweave.analyze.times_vocab import _NUMBER_WORDS, _UNIT_CODES, _WEEKDAYS, _Frame
from newsweave.ingest.datefind import MONTHS

# --------------------------------------------------------------------------- helpers


def _day(value: dt.date) -> str:
    """``YYYY-MM-DD``."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _week(value: dt.date) -> str:
    """ISO week: ``YYYY-Www``."""
    year, week, _ = value.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _add_months(value: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``value``'s month."""
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def _number(text: str) -> float | None:
    """``"three"`` → 3, ``"12"`` → 12, ``"twenty-five"`` → 25; vague words → None."""
    word = re.sub(r"\s+", " ", text.strip().lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    if "-" in word:
        tens, _, ones = word.partition("-")
        if tens in _NUMBER_WORDS and ones in _NUMBER_WORDS:
            return float(_NUMBER_WORDS[tens] + _NUMBER_WORDS[ones])
    return None


def _unit(word: str) -> str:
    """Singular unit name: ``"centuries"`` → ``"century"``, ``"days"`` → ``"day"``."""
    word = word.lower()
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") else word


def _duration(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: (3, "day") → ``P3D``; (None, "month") → ``PXM``; hours → ``PT…``."""
    code, is_time, factor = _UNIT_CODES[unit]
    if amount is None:
        count = "X"
    else:
        total = amount * factor
        count = str(int(total)) if total == int(total) else f"{total:g}"
    if unit == "decade" and amount is None:
        code, count = "DE", "X"
    if unit == "century" and amount is None:
        code, count = "CE", "X"
    return f"PT{count}{code}" if is_time else f"P{count}{code}"


def _month_number(word: str) -> int:
    """``"Sept."`` → 9."""
    return MONTHS[word.lower().rstrip(".")]


def _weekday_number(word: str) -> int:
    """``"Tuesday"`` → 2 (ISO weekday)."""
    return _WEEKDAYS.index(word.lower()) + 1


def _pick_year(month: int, day: int | None, frame: _Frame) -> int | None:
    """The year for a month (and day) written without one (see the module docstring)."""
    anchor = frame.anchor
    if anchor is None:
        return None
    candidates: list[tuple[dt.date, int]] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            if day is None:
                first = dt.date(year, month, 1)
                last = _add_months(first, 1) - dt.timedelta(days=1)
                point = anchor if first <= anchor <= last else (first if first > anchor else last)
            else:
                point = dt.date(year, month, day)
        except ValueError:
            continue
        candidates.append((point, year))
    if not candidates:
        return None
    slack = dt.timedelta(days=1)
    if frame.tense == "past":
        past = [c for c in candidates if c[0] <= anchor + slack]
        candidates = past or candidates
    elif frame.tense == "future":
        future = [c for c in candidates if c[0] >= anchor - slack]
        candidates = future or candidates
    return min(candidates, key=lambda c: (abs((c[0] - anchor).days), c[0]))[1]


def _weekday_date(weekday: int, frame: _Frame, relation: str | None) -> dt.date | None:
    """The date of a weekday (1 = Monday) near the anchor."""
    anchor = frame.anchor
    if anchor is None:
        return None
    delta = (weekday - anchor.isoweekday()) % 7
    if relation == "next" or (relation is None and frame.tense == "future"):
        return anchor + dt.timedelta(days=delta if relation is None else delta or 7)
    if relation == "last":
        back = (anchor.isoweekday() - weekday) % 7
        return anchor - dt.timedelta(days=back or 7)
    if relation == "this":
        return anchor + dt.timedelta(days=weekday - anchor.isoweekday())
    back = (anchor.isoweekday() - weekday) % 7
    return anchor - dt.timedelta(days=back)


def _origin(frame: _Frame) -> tuple[dt.date | None, str]:
    """The narrative reference date (else the anchor) and the anchor kind it gives."""
    if frame.reference is not None:
        return frame.reference, "narrative"
    if frame.anchor is not None:
        return frame.anchor, "publication"
    return None, "none"


def _shift(origin: dt.date, amount: int, unit: str, exact: bool = False) -> tuple[str, str]:
    """``origin`` moved by ``amount`` units; the value at the unit's precision (weeks
    counted to the day when ``exact``: "two weeks ago", "a week earlier")."""
    if unit == "day":
        return _day(origin + dt.timedelta(days=amount)), "day"
    if unit in ("week", "fortnight"):
        weeks = amount * (2 if unit == "fortnight" else 1)
        if exact:
            return _day(origin + dt.timedelta(weeks=weeks)), "day"
        return _week(origin + dt.timedelta(weeks=weeks)), "week"
    if unit == "month":
        moved = _add_months(origin, amount)
        return f"{moved.year:04d}-{moved.month:02d}", "month"
    if unit == "quarter":
        moved = _add_months(origin, 3 * amount)
        return f"{moved.year:04d}-Q{(moved.month - 1) // 3 + 1}", "quarter"
    if unit == "decade":
        return f"{(origin.year + 10 * amount) // 10:03d}", "decade"
    if unit == "century":
        return f"{(origin.year + 100 * amount) // 100:02d}", "century"
    if unit in ("hour", "minute", "second"):
        return _day(origin), "day"
    return f"{origin.year + amount:04d}", "year"
