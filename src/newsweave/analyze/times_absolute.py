"""Resolvers of absolute dates: ISO and full dates, month/day, month/year, years,
decades, centuries, quarters, halves and seasons."""

from __future__ import annotations

import datetime as dt
import re

from newsweave.analyze.times_calendar import _day, _month_number, _pick_year, _weekday_number
from newsweave.analyze.times_vocab import _ORDINALS, _SEASONS, Normalised, _Frame

# --------------------------------------------------------------------------- resolvers


def _iso(m: re.Match[str], f: _Frame) -> Normalised | None:
    """``2023-12-30``."""
    value = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    return Normalised("DATE", _day(value), "day", "absolute")


def _full_date(m: re.Match[str], f: _Frame) -> Normalised | None:
    """A day with its year: "October 9, 2023", "9 October 2023"."""
    day = int(re.sub(r"\D", "", m["d"]))
    value = dt.date(int(m["y"]), _month_number(m["mon"]), day)
    return Normalised("DATE", _day(value), "day", "absolute")


def _month_day(m: re.Match[str], f: _Frame) -> Normalised | None:
    """A day without a year: "4 March", "Jan. 9" (the year is inferred). With a weekday
    ("next Friday, June 3") the year is the one near the anchor that makes the weekday
    right, when one does."""
    month = _month_number(m["mon"])
    day = int(re.sub(r"\D", "", m["d"]))
    dt.date(2000, month, day)  # validates (2000 is a leap year)
    year = _pick_year(month, day, f)
    weekday = m.groupdict().get("wd")
    if weekday and year is not None and f.anchor is not None:
        year = _weekday_year(month, day, _weekday_number(weekday), f.anchor) or year
    if year is None:
        return Normalised("DATE", f"XXXX-{month:02d}-{day:02d}", "day", "none")
    return Normalised("DATE", _day(dt.date(year, month, day)), "day", "publication")


def _weekday_year(month: int, day: int, weekday: int, anchor: dt.date) -> int | None:
    """The year within a year of ``anchor`` whose ``month``/``day`` falls on ``weekday``."""
    fits: list[tuple[int, int]] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            when = dt.date(year, month, day)
        except ValueError:
            continue
        if when.isoweekday() == weekday:
            fits.append((abs((when - anchor).days), year))
    return min(fits)[1] if fits else None


def _month_relative_year(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "May last year", "in March of next year", "June this year"."""
    month = _month_number(m["mon"])
    if f.anchor is None:
        return Normalised("DATE", f"XXXX-{month:02d}", "month", "none")
    shift = {"last": -1, "previous": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return Normalised("DATE", f"{f.anchor.year + shift:04d}-{month:02d}", "month", "publication")


def _month_year(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "May 2010"."""
    return Normalised(
        "DATE", f"{int(m['y']):04d}-{_month_number(m['mon']):02d}", "month", "absolute"
    )


def _month(m: re.Match[str], f: _Frame) -> Normalised | None:
    """A month alone or with last/next/this: "in March", "last August"."""
    month = _month_number(m["mon"])
    relation = (m["rel"] or "").lower()
    anchor = f.anchor
    if anchor is None:
        return Normalised("DATE", f"XXXX-{month:02d}", "month", "none")
    if relation == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif relation == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif relation == "this":
        year = anchor.year
    else:
        year = _pick_year(month, None, f) or anchor.year
    return Normalised("DATE", f"{year:04d}-{month:02d}", "month", "publication")


def _year(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "2011", "fiscal 2013"."""
    return Normalised("DATE", f"{int(m['y']):04d}", "year", "absolute")


def _decade(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "the 1990s" → ``199``; "the '80s" → ``198``."""
    digits = m["dec"]
    if len(digits) == 2:
        century = "19" if int(digits) >= 30 else "20"
        digits = century + digits
    return Normalised("DATE", digits[:3], "decade", "absolute")


def _century(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "20th century" → ``19``."""
    number = int(m["c"])
    return Normalised("DATE", f"{number - 1:02d}", "century", "absolute")


def _quarter(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "the third quarter", "Q4 2023"."""
    quarter = _ORDINALS[m["q"].lower()] if m["q"] else int(m["qn"])
    if m["y"]:
        return Normalised("DATE", f"{m['y']}-Q{quarter}", "quarter", "absolute")
    if f.anchor is None:
        return Normalised("DATE", f"XXXX-Q{quarter}", "quarter", "none")
    year = f.anchor.year
    current = (f.anchor.month - 1) // 3 + 1
    if f.tense == "past" and quarter > current:
        year -= 1
    return Normalised("DATE", f"{year:04d}-Q{quarter}", "quarter", "publication")


def _half(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "the first half of 2013" → ``2013-H1``."""
    half = 1 if m["h"].lower() == "first" else 2
    if m["y"]:
        return Normalised("DATE", f"{m['y']}-H{half}", "half", "absolute")
    if f.anchor is None:
        return Normalised("DATE", f"XXXX-H{half}", "half", "none")
    return Normalised("DATE", f"{f.anchor.year:04d}-H{half}", "half", "publication")


def _season(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "last summer" → ``2023-SU``."""
    code = _SEASONS[m["s"].lower()]
    if m["y"]:
        return Normalised("DATE", f"{m['y']}-{code}", "season", "absolute")
    if f.anchor is None:
        return Normalised("DATE", f"XXXX-{code}", "season", "none")
    relation = (m["rel"] or "").lower()
    year = f.anchor.year
    if relation == "last":
        year -= 1
    elif relation == "next":
        year += 1
    elif f.tense == "past" and code != "WI" and _season_start(code) > f.anchor.month:
        year -= 1
    return Normalised("DATE", f"{year:04d}-{code}", "season", "publication")


def _season_start(code: str) -> int:
    """The month a season starts in."""
    return {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
