"""Time expressions: find them, normalise them to TIMEX3-style calendar values.

Three layers, each pure:

- :func:`find_time_expressions` — a rule-based recogniser over plain text; it returns
  ``(start, end, kind)`` for every time expression, left to right, without overlaps (the
  longest candidate wins).
- :func:`normalise` — one expression (its text) to ``(type, value, precision, anchor)``
  given the publication date (``anchor``) and the date last mentioned in the narrative
  (``reference``). Values follow TIMEX3: ``2024-01-09``, ``2024-01``, ``2024``,
  ``2024-W02``, ``2024-W02-WE``, ``2023-Q4``, ``2023-SU``, ``199`` (a decade), ``19``
  (a century), ``P2Y``/``P3D``/``PT5H``/``PXM`` (durations), ``PRESENT_REF``/``PAST_REF``/
  ``FUTURE_REF``, ``2024-01-09T15:00``/``2024-01-09TMO`` (times), ``XXXX-WXX-1``/``P1D``
  (sets). :func:`modifier` gives the TIMEX3 ``mod`` (``START``, ``MID``, ``END``…).
- :func:`extract_times` — the stage: recognise in the parsed document, read the verb tense
  around each expression from the parse, carry the narrative reference date from one
  expression to the next, and attach evidence.

Rules of resolution:

- A month/day without a year takes the year that puts it closest to the publication date,
  except that a past-tense context (or "since") never puts it after the publication date
  and a future-tense context never before it ("since 30 December" in a January article →
  the previous December).
- A weekday is the most recent one on or before the publication date, unless the verb is in
  the future tense (then the next one after it).
- "three days later", "the next day", "a week earlier" count from the last day-precision
  date resolved before them in the document (else the publication date).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from newsweave.analyze.context import Context, StageInfo
from newsweave.ingest.datefind import MONTHS
from newsweave.model.facts import TimeExpression

STAGE = StageInfo("times", "1", needs=("sentences",), provides=("times",))


class Normalised(NamedTuple):
    """A normalised time expression."""

    type: str
    """DATE, TIME, DURATION or SET."""
    value: str
    precision: str
    """day, week, month, quarter, season, year, decade, century, time, duration, set, ref,
    unknown."""
    anchor: str
    """absolute, publication, narrative or none."""


UNKNOWN = Normalised("DATE", "XXXX-XX-XX", "unknown", "none")

# --------------------------------------------------------------------------- vocabulary


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string."""
    return frozenset(text.split())


_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "half a": 0.5,
    "a couple of": 2,
    "couple of": 2,
}
_VAGUE = r"several|a\s+few|few|some|many|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few"
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_PARTS = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
}
_UNIT_CODES = {
    "second": ("S", True, 1),
    "minute": ("M", True, 1),
    "hour": ("H", True, 1),
    "day": ("D", False, 1),
    "week": ("W", False, 1),
    "fortnight": ("W", False, 2),
    "month": ("M", False, 1),
    "quarter": ("M", False, 3),
    "year": ("Y", False, 1),
    "decade": ("Y", False, 10),
    "century": ("Y", False, 100),
    "centurie": ("Y", False, 100),
}
_MODS = {
    "early": "START",
    "the beginning of": "START",
    "beginning of": "START",
    "the start of": "START",
    "start of": "START",
    "mid": "MID",
    "the middle of": "MID",
    "middle of": "MID",
    "late": "END",
    "the end of": "END",
    "end of": "END",
    "earlier": None,
    "later": None,
    "almost": "LESS_THAN",
    "nearly": "LESS_THAN",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "about": "APPROX",
    "around": "APPROX",
    "some": "APPROX",
    "roughly": "APPROX",
}
_PREPOSITIONS = _words(
    "in on since until till by of during before after from to through between and or at "
    "for early late mid last next this that each every around about"
)

_NUM_WORD = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_NUM = rf"(?:\d+(?:\.\d+)?|(?i:{_TENS}-{_ONES}|{_NUM_WORD}))"
_UNIT = (
    r"(?i:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|"
    r"centur(?:y|ies)|quarters?)"
)
_UNITS_PLURAL = r"(?i:seconds|minutes|hours|days|weeks|months|years|decades|centuries)"
_MOD = (
    r"(?:(?i:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of(?:\s+the)?|"
    r"(?:end|beginning|start|middle)\s+of(?:\s+the)?|earlier|later)(?:\s+|-|\s*-\s*))"
)
_MOD_PART = (
    r"(?:(?i:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of(?:\s+the)?|"
    r"(?:end|beginning|start|middle)\s+of(?:\s+the)?)(?:\s+|-|\s*-\s*))"
)
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_PART = r"(?i:morning|afternoon|evening|night)"
_CLOCK = (
    r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?i:a\.m\.|p\.m\.|am|pm)(?![a-z])|"
    r"(?<![\d:])\d{1,2}:\d\d(?![\d:])(?:\s*(?:GMT|UTC|BST|CET|EST|EDT|ET|PT|WAT))?|(?i:noon|midday|midnight))"
)
_DAYREF = rf"(?:{_WEEKDAY}|(?i:today|yesterday|tomorrow))"

# --------------------------------------------------------------------------- frame


@dataclass(frozen=True)
class _Frame:
    anchor: dt.date | None
    reference: dt.date | None
    tense: str | None
    kind: str | None


Resolver = Callable[[re.Match[str], _Frame], Normalised | None]


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    resolve: Resolver


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


def _weekday(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "Tuesday", "last Friday", "Sunday night" (see :func:`_weekday_date`)."""
    weekday = _weekday_number(m["wd"])
    relation = (m["rel"] or "").lower() or None
    if relation in ("past", "previous"):
        relation = "last"
    if relation == "coming":
        relation = "next"
    part = _PARTS.get((m["part"] or "").lower())
    value = _weekday_date(weekday, f, relation)
    if value is None:
        text = f"XXXX-WXX-{weekday}"
        return Normalised(
            "TIME" if part else "DATE", text + (f"T{part}" if part else ""), "day", "none"
        )
    if part:
        return Normalised("TIME", f"{_day(value)}T{part}", "time", "publication")
    return Normalised("DATE", _day(value), "day", "publication")


def _day_word(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "yesterday", "tomorrow morning", "tonight", "the day before yesterday"."""
    word = m["w"].lower()
    part = _PARTS.get((m["part"] or "").lower())
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    offset = offsets[word]
    if word == "tonight":
        part = "NI"
    if m["twice"]:
        offset *= 2
    if f.anchor is None:
        return Normalised("TIME" if part else "DATE", "XXXX-XX-XX", "day", "none")
    value = f.anchor + dt.timedelta(days=offset)
    if part:
        return Normalised("TIME", f"{_day(value)}T{part}", "time", "publication")
    return Normalised("DATE", _day(value), "day", "publication")


def _this_part(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "this morning", "last night"."""
    word = m["p"].lower()
    if m["rel"].lower() == "last":
        offset, part = -1, "NI" if word == "night" else _PARTS[word]
    else:
        offset, part = 0, _PARTS[word]
    if f.anchor is None:
        return Normalised("TIME", f"XXXX-XX-XXT{part}", "time", "none")
    value = f.anchor + dt.timedelta(days=offset)
    return Normalised("TIME", f"{_day(value)}T{part}", "time", "publication")


def _relative_unit(m: re.Match[str], f: _Frame) -> Normalised | None:
    """last/this/next/the past/the following + week, month, year, weekend…"""
    relation = re.sub(r"\s+", " ", m["rel"].lower()).removeprefix("the ")
    unit = m["u"].lower()
    if f.kind == "duration" and unit != "weekend":
        return Normalised("DURATION", _duration(1, unit), "duration", "none")
    if relation == "past" or (relation == "last" and m["the"] and unit != "week"):
        return Normalised(
            "DURATION", _duration(1, unit if unit != "weekend" else "day"), "duration", "none"
        )
    narrative = relation in ("following", "previous", "same", "preceding")
    origin, kind = _origin(f) if narrative else (f.anchor, "publication")
    if origin is None:
        return Normalised("DATE", "XXXX-XX-XX", "unknown", "none")
    offset = {
        "last": -1,
        "previous": -1,
        "preceding": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
        "this": 0,
        "current": 0,
        "same": 0,
    }[relation]
    if unit == "weekend":
        base = origin + dt.timedelta(weeks=offset)
        return Normalised("DATE", _week(base) + "-WE", "week", kind)
    value, precision = _shift(origin, offset, unit)
    return Normalised("DATE", value, precision, kind)


def _weekend(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "the weekend": the coming one in the future tense, else the last one (or this one
    when the anchor falls on it)."""
    if f.anchor is None:
        return Normalised("DATE", "XXXX-WXX-WE", "week", "none")
    weekday = f.anchor.isoweekday()
    coming = f.tense == "future" or weekday >= 6
    base = f.anchor if coming else f.anchor - dt.timedelta(weeks=1)
    return Normalised("DATE", _week(base) + "-WE", "week", "publication")


def _holiday(m: re.Match[str], f: _Frame) -> Normalised | None:
    """Fixed and computable holidays: Christmas, New Year's Day, Thanksgiving (US)…"""
    name = " ".join(m["h"].lower().split())
    fixed = {
        "christmas": (12, 25),
        "christmas day": (12, 25),
        "christmas eve": (12, 24),
        "new year's day": (1, 1),
        "new year's eve": (12, 31),
        "independence day": (7, 4),
        "valentine's day": (2, 14),
        "halloween": (10, 31),
    }
    month, day = fixed.get(name, (11, 22))
    year = _pick_year(month, day, f)
    if year is None:
        return Normalised("DATE", f"XXXX-{month:02d}-{day:02d}", "day", "none")
    if name.startswith("thanksgiving"):
        first = dt.date(year, 11, 1)
        day = 1 + (3 - first.weekday()) % 7 + 21
    return Normalised("DATE", _day(dt.date(year, month, day)), "day", "publication")


def _the_unit(m: re.Match[str], f: _Frame) -> Normalised | None:
    """After a modifier: "the end of the year", "the beginning of the month"."""
    unit = m["u"].lower()
    if f.anchor is None:
        return Normalised("DATE", "XXXX", "unknown", "none")
    back = f.tense == "past" and "end" in m[0].lower() and unit == "year" and f.anchor.month < 12
    value, precision = _shift(f.anchor, -1 if back else 0, unit)
    return Normalised("DATE", value, precision, "publication")


def _ago(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "two days ago", "four years ago" (vague amounts: PAST_REF)."""
    unit = _unit(m["u"])
    amount = _number(m["n"]) if m["n"] else None
    if amount is None or amount != int(amount):
        return Normalised("DATE", "PAST_REF", "ref", "none")
    if f.anchor is None:
        return Normalised("DATE", "XXXX-XX-XX", "unknown", "none")
    value, precision = _shift(f.anchor, -int(amount), unit, exact=True)
    return Normalised("DATE", value, precision, "publication")


def _narrative(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "three days later", "a week earlier": counted from the narrative reference date."""
    unit = _unit(m["u"])
    amount = _number(m["n"])
    if amount is None or amount != int(amount):
        return None
    origin, kind = _origin(f)
    if origin is None:
        return Normalised("DATE", "XXXX-XX-XX", "unknown", "none")
    sign = 1 if m["dir"].lower() in ("later", "after", "afterwards", "on") else -1
    value, precision = _shift(origin, sign * int(amount), unit, exact=True)
    return Normalised("DATE", value, precision, kind)


def _next_day(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "the next day", "the day before", "that day"."""
    word = re.sub(r"\s+", " ", m[0].lower())
    origin, kind = _origin(f)
    if origin is None:
        return Normalised("DATE", "XXXX-XX-XX", "unknown", "none")
    offset = 0
    if any(w in word for w in ("next", "following", "after")):
        offset = 1
    elif any(w in word for w in ("previous", "before", "preceding", "eve")):
        offset = -1
    return Normalised("DATE", _day(origin + dt.timedelta(days=offset)), "day", kind)


def _duration_rule(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "two decades" → ``P20Y``, "several days" → ``PXD``, "30-year"."""
    unit = _unit(m["u"])
    amount = _number(m["n"]) if m["n"] else None
    if m["n"] and amount is None and not re.fullmatch(_VAGUE, m["n"].lower()):
        return None
    if f.kind == "set":
        return Normalised("SET", _duration(amount or 1, unit), "set", "none")
    return Normalised("DURATION", _duration(amount, unit), "duration", "none")


def _vague_duration(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "recent weeks", "for years" → ``PXW``, ``PXY``."""
    return Normalised("DURATION", _duration(None, _unit(m["u"])), "duration", "none")


def _ref(m: re.Match[str], f: _Frame) -> Normalised | None:
    """now/currently → PRESENT_REF, the past/recently → PAST_REF, soon → FUTURE_REF."""
    word = re.sub(r"\s+", " ", m[0].lower())
    if word in ("the past", "recently", "in the past", "lately", "once", "at the time"):
        return Normalised("DATE", "PAST_REF", "ref", "none")
    if word in ("previously",):
        return Normalised("DATE", "PAST_REF", "ref", "none")
    if word.startswith(("the future", "soon", "the near", "the short")):
        return Normalised("DATE", "FUTURE_REF", "ref", "none")
    return Normalised("DATE", "PRESENT_REF", "ref", "none")


def _clock(text: str) -> str | None:
    """``"3pm"`` → ``"15:00"``, ``"15:00 GMT"`` → ``"15:00"``, ``"noon"`` → ``"12:00"``."""
    word = text.strip().lower()
    if word in ("noon", "midday"):
        return "12:00"
    if word == "midnight":
        return "24:00"
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?\s*(a\.m\.|p\.m\.|am|pm)?", word)
    if not m:
        return None
    hour, minute = int(m[1]), int(m[2] or 0)
    if m[3]:
        if hour > 12 or hour == 0:
            return None
        if m[3].startswith("p") and hour != 12:
            hour += 12
        elif m[3].startswith("a") and hour == 12:
            hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _time(m: re.Match[str], f: _Frame) -> Normalised | None:
    """A clock time, on a named day when given, else on the narrative day."""
    clock = _clock(m["clock"])
    if clock is None:
        return None
    day: dt.date | None
    kind = "publication"
    if m["dayref"]:
        inner = normalise(m["dayref"], f.anchor, f.reference, tense=f.tense)
        if inner.precision != "day":
            return Normalised("TIME", f"XXXX-XX-XXT{clock}", "time", "none")
        day = dt.date.fromisoformat(inner.value[:10])
    else:
        day, kind = _origin(f)
    if day is None:
        return Normalised("TIME", f"XXXX-XX-XXT{clock}", "time", "none")
    return Normalised("TIME", f"{_day(day)}T{clock}", "time", kind)


def _set(m: re.Match[str], f: _Frame) -> Normalised | None:
    """ "daily", "every Monday", "each year"."""
    word = re.sub(r"\s+", " ", m[0].lower())
    simple = {
        "daily": "P1D",
        "weekly": "P1W",
        "monthly": "P1M",
        "annually": "P1Y",
        "yearly": "P1Y",
        "hourly": "PT1H",
        "nightly": "P1D",
    }
    if word in simple:
        return Normalised("SET", simple[word], "set", "none")
    last = word.split()[-1]
    if last in _WEEKDAYS:
        return Normalised("SET", f"XXXX-WXX-{_weekday_number(last)}", "set", "none")
    if last in _PARTS:
        return Normalised("SET", f"XXXX-XX-XXT{_PARTS[last]}", "set", "none")
    if last in _SEASONS:
        return Normalised("SET", f"XXXX-{_SEASONS[last]}", "set", "none")
    unit = _unit(last)
    if unit in _UNIT_CODES:
        return Normalised("SET", _duration(1, unit), "set", "none")
    return None


# --------------------------------------------------------------------------- rules


def _rule(kind: str, pattern: str, resolve: Resolver) -> _Rule:
    """A rule: a pattern that both finds (inside word boundaries) and normalises."""
    bounded = rf"(?<![\w'’])(?<![A-Za-z]-)(?:{pattern})(?!\w)(?!-[A-Za-z])"
    return _Rule(kind, re.compile(bounded), resolve)


def _build_rules() -> tuple[_Rule, ...]:
    """Every rule, in the order normalisation tries them."""
    num, unit, mod = _NUM, _UNIT, _MOD
    month = rf"(?P<mon>{_MONTH})"
    weekday_prefix = rf"(?:{_WEEKDAY},?\s+)?"
    weekday_named = rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?"
    day = rf"(?P<d>{_DAY})"
    year = rf"(?P<y>{_YEAR})"
    return (
        _rule("date", r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)", _iso),
        _rule("date", rf"{weekday_prefix}{month}\s+{day},?\s+{year}", _full_date),
        _rule(
            "date",
            rf"{weekday_prefix}(?:(?i:the)\s+)?{day}\s+(?:(?i:of)\s+)?{month},?\s+{year}",
            _full_date,
        ),
        _rule("date", rf"{weekday_named}{month}\s+{day}(?!\d)(?!,?\s*\d)", _month_day),
        _rule(
            "date", rf"{weekday_named}(?:(?i:the)\s+)?{day}\s+(?:(?i:of)\s+)?{month}", _month_day
        ),
        _rule("date", rf"{mod}?(?:{month}),?\s+(?:(?i:of)\s+)?{year}", _month_year),
        _rule(
            "date",
            rf"(?P<mon>{_MONTH_FULL}|Sept\.?)\s+(?:(?i:of)\s+)?"
            rf"(?P<rel>(?i:last|previous|this|next))\s+(?i:year)",
            _month_relative_year,
        ),
        _rule(
            "date",
            rf"{mod}?(?:(?P<rel>(?i:last|next|this|past))\s+)?(?P<mon>{_MONTH_FULL}|Sept\.?)",
            _month,
        ),
        _rule(
            "date",
            rf"{mod}?(?:(?i:the\s+))?(?P<dec>(?:1[5-9]|20)\d0|'\d0)(?:'?s)",
            _decade,
        ),
        _rule(
            "date",
            rf"{mod}?(?P<c>\d{{1,2}})(?:st|nd|rd|th)[\s-](?i:century)",
            _century,
        ),
        _rule(
            "date",
            rf"{mod}?(?:(?i:the)\s+)?(?:(?P<q>(?i:first|second|third|fourth|1st|2nd|3rd|4th))"
            rf"[\s-](?i:quarter)|Q(?P<qn>[1-4]))(?:,?\s+(?:(?i:of)\s+)?{year})?",
            _quarter,
        ),
        _rule(
            "date",
            rf"(?:(?i:the)\s+)?(?P<h>(?i:first|second))\s+(?i:half)(?:\s+(?i:of)\s+{year})?",
            _half,
        ),
        _rule(
            "date",
            rf"{mod}?(?:(?P<rel>(?i:last|next|this|the))\s+)?(?P<s>(?i:spring|summer|autumn|fall|"
            rf"winter))(?:\s+(?:(?i:of)\s+)?{year})?",
            _season,
        ),
        _rule(
            "date",
            rf"{mod}?(?:(?i:fiscal|calendar|the\s+year|financial\s+year)\s+)?{year}",
            _year,
        ),
        _rule(
            "date",
            rf"{mod}?(?:(?P<rel>(?i:last|next|this|coming|past|previous))\s+)?(?P<wd>{_WEEKDAY})"
            rf"(?:\s+(?P<part>{_PART}))?",
            _weekday,
        ),
        _rule(
            "date",
            rf"{mod}?(?P<twice>(?i:the\s+day\s+(?:before|after)\s+))?"
            rf"(?P<w>(?i:today|tonight|yesterday|tomorrow))(?:\s+(?P<part>{_PART}))?",
            _day_word,
        ),
        _rule(
            "time",
            r"(?P<rel>(?i:this|last))\s+(?P<p>(?i:morning|afternoon|evening|night))",
            _this_part,
        ),
        _rule(
            "date",
            rf"{_MOD_PART}?(?P<the>(?i:the)\s+)?(?P<rel>(?i:last|past|previous|preceding|next|"
            r"coming|following|this|current|same))\s+(?:(?i:fiscal|financial)\s+)?"
            r"(?P<u>(?i:week|month|year|quarter|decade|century|weekend))",
            _relative_unit,
        ),
        _rule("date", rf"{_MOD_PART}(?i:the\s+)?(?P<u>(?i:week|month|year))", _the_unit),
        _rule("date", r"(?i:the\s+)?(?i:weekend)", _weekend),
        _rule(
            "date",
            r"(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year's\s+(?:Day|Eve)|"
            r"Thanksgiving(?:\s+Day)?|Independence\s+Day|Valentine's\s+Day|Halloween)",
            _holiday,
        ),
        _rule(
            "date",
            rf"(?:(?P<n>{num})|(?i:{_VAGUE}))[\s-]+(?P<u>{unit})\s+(?i:ago)",
            _ago,
        ),
        _rule(
            "date",
            rf"(?P<n>{num})[\s-]+(?P<u>{unit})\s+(?P<dir>(?i:later|earlier|afterwards))"
            r"(?!\s+than)",
            _narrative,
        ),
        _rule(
            "date",
            r"(?i:the\s+(?:next|following|previous|preceding)\s+day|the\s+day\s+(?:before|after)"
            r"(?=\s*[,.;:)!?]|\s*$)|that\s+day|the\s+same\s+day)",
            _next_day,
        ),
        _rule(
            "time",
            rf"(?P<clock>{_CLOCK})(?:(?:\s+(?i:on))?\s+(?P<dayref>{_DAYREF}))?",
            _time,
        ),
        _rule(
            "time",
            rf"(?P<dayref>{_DAYREF})(?:,)?\s+(?i:at)\s+(?P<clock>{_CLOCK})",
            _time,
        ),
        _rule(
            "duration",
            rf"(?:(?i:almost|nearly|a\s+mere|more\s+than|less\s+than)\s+)?"
            rf"(?:(?i:the)\s+)?(?:(?i:past|last|next|first|coming|previous|following|"
            rf"final)\s+)?(?:(?P<n>{num})|(?P<v>(?i:{_VAGUE})))(?:[\s-]+(?i:and\s+a\s+half))?"
            rf"[\s-]+(?P<u>{unit})(?!-old)",
            _duration_rule,
        ),
        _rule(
            "duration",
            rf"(?:(?i:recent|the\s+coming|coming|the\s+past|past)\s+)(?P<u>{_UNITS_PLURAL})",
            _vague_duration,
        ),
        _rule("duration", rf"(?P<u>{_UNITS_PLURAL})", _vague_duration),
        _rule(
            "set",
            r"(?i:daily|weekly|monthly|annually|yearly|hourly|nightly)|"
            rf"(?i:every|each)\s+(?:{_WEEKDAY}|(?i:day|week|month|year|morning|afternoon|evening|"
            r"night|weekend|spring|summer|autumn|winter))",
            _set,
        ),
        _rule(
            "ref",
            r"(?i:now|currently|nowadays|these\s+days|at\s+present|the\s+present|the\s+past|"
            r"at\s+the\s+time|the\s+near\s+(?:future|term)|the\s+short\s+term|previously|"
            r"the\s+future|recently|lately|soon)",
            _ref,
        ),
    )


_RULES = _build_rules()
_MOD_PREFIX = re.compile(rf"^{_MOD}", re.IGNORECASE)


# --------------------------------------------------------------------------- normalise


def modifier(expression: str) -> str | None:
    """The TIMEX3 ``mod`` of an expression: ``"late May"`` → ``END``, ``"early 2011"`` →
    ``START``, ``"mid-December"`` → ``MID``; None when there is none."""
    text = expression.strip().lower()
    for words, mod in sorted(_MODS.items(), key=lambda item: -len(item[0])):
        if re.match(rf"{re.escape(words)}(?:\s+|-|\s*-\s*)", text):
            return mod
    return None


def normalise(
    expression: str,
    anchor: dt.date | None,
    reference: dt.date | None,
    *,
    tense: str | None = None,
    kind: str | None = None,
) -> Normalised:
    """Normalise one time expression (its text).

    ``anchor`` is the publication date; ``reference`` the date last mentioned in the
    narrative (None: use the anchor). ``tense`` (``past``/``future``/None) is the tense of
    the verb the expression attaches to; ``kind`` the recogniser's kind (``set`` turns "a
    year" after an amount into a SET). Unknown expressions give :data:`UNKNOWN`.
    """
    text = " ".join(expression.split())
    frame = _Frame(anchor, reference, tense, kind)
    if kind == "set" and re.fullmatch(r"(?i:a|an|per)\s+\w+", text):
        unit = _unit(text.split()[-1])
        if unit in _UNIT_CODES:
            return Normalised("SET", _duration(1, unit), "set", "none")
    stripped = _MOD_PREFIX.sub("", text, count=1)
    for candidate in (text, stripped, re.sub(r"^(?i:the)\s+", "", stripped)):
        for rule in _RULES:
            match = rule.pattern.fullmatch(candidate)
            if match is None:
                continue
            try:
                result = rule.resolve(match, frame)
            except (ValueError, OverflowError, KeyError, IndexError):
                result = None
            if result is not None:
                return result
    return UNKNOWN


# --------------------------------------------------------------------------- recognise

_COUNTING_WORDS = _words(
    "about some nearly than over under around approximately almost least most only just "
    "$ € £ no. no number"
)


def _previous_word(text: str, start: int) -> str:
    """The word before ``start`` (with its punctuation)."""
    match = re.search(r"(\S+)\s*$", text[max(0, start - 40) : start])
    return match.group(1) if match else ""


def _next_word(text: str, end: int) -> str:
    """The word after ``end`` (with its punctuation)."""
    match = re.match(r"\s*([^\s]+)", text[end : end + 40])
    return match.group(1) if match else ""


def _sentence_start(text: str, start: int) -> bool:
    """True when ``start`` begins a sentence or a line."""
    before = text[max(0, start - 3) : start].rstrip(" \t")
    return not before or before.endswith(("\n", ".", "!", "?", "“", '"', ":"))


def _plausible(text: str, start: int, end: int, rule: _Rule) -> bool:
    """Context checks that regexes cannot do (see the ``_plausible_*`` helpers)."""
    words = text[start:end]
    previous = _previous_word(text, start)
    following = _next_word(text, end)
    if re.fullmatch(rf"{_MONTH_FULL}|Spring|Summer|Autumn|Fall|Winter", words):
        return _plausible_name(text, start, words, previous, following)
    if re.fullmatch(_YEAR, words):
        return _plausible_year(text, start, end, previous, following)
    if rule.kind == "duration":
        return _plausible_duration(text, end, words, previous)
    if rule.kind == "ref":
        return _bare(previous) != "as" and not (words.lower() == "soon" and _bare(previous) == "as")
    return True


def _bare(word: str) -> str:
    """A word lower-cased, without surrounding punctuation."""
    return word.lower().strip(".!?,;:()[]\"'“”‘’")


def _plausible_name(text: str, start: int, words: str, previous: str, following: str) -> bool:
    """A lone capitalised month or season, unless it is part of a name ("Theresa May",
    "August Wilson", "British Summer Time") or "May" the verb."""
    if words == "May" and _bare(previous) not in _PREPOSITIONS:
        return False
    if (
        previous[:1].isupper()
        and _bare(previous) not in _PREPOSITIONS
        and not _sentence_start(text, start)
    ):
        return False
    return not (
        following[:1].isupper() and not following.startswith(_WEEKDAYS_TITLE + _MONTHS_TITLE)
    )


def _plausible_year(text: str, start: int, end: int, previous: str, following: str) -> bool:
    """A four-digit number is a year unless it reads as an amount ("$2000", "about 1500
    troops", "2000 people", "1999.5")."""
    bare_previous = _bare(previous)
    if previous.endswith(("$", "€", "£", "#")) or bare_previous in _COUNTING_WORDS:
        return False
    if re.match(r"\s*(?:%|percent|per\s+cent|[-–]\s*(?:year|month|day))", text[end:]):
        return False
    if re.match(r"[.,]\d", text[end : end + 2]) or text[start - 1 : start] in (".", ","):
        return False
    counted = (
        re.fullmatch(r"[a-z]+", _bare(following))
        and previous
        and bare_previous not in _PREPOSITIONS | _DETERMINERS
        and not previous.endswith(("'s", "’s", ",", "("))
        and following not in _AFTER_YEAR
    )
    return not counted


def _plausible_duration(text: str, end: int, words: str, previous: str) -> bool:
    """Not ages ("a 29-year-old", "ages 6 months and older"); bare plurals ("years") only
    after "for", "take", "within"…"""
    if re.match(r"[\s-]*(?:old|older|of\s+age)\b", text[end:]):
        return False
    if _bare(previous) in ("age", "ages", "aged"):
        return False
    if re.search(r"(?i:quarters?)$", words) and (
        re.match(r"\s+of\b", text[end:]) or re.match(r"(?i:(?:more|less)\s+than\s+)?an?\s", words)
    ):
        return False
    if re.fullmatch(_UNITS_PLURAL, words):
        return _bare(previous) in _BEFORE_BARE_UNITS
    return True


_BEFORE_BARE_UNITS = _words(
    "for take takes took taking within lasted last lasts spent spend spends in"
)
_DETERMINERS = _words("the a an its his her their our this that whose")
_AFTER_YEAR = _words(
    "and or to was is were will would has had saw when as after before until but while "
    "through onwards onward"
)
_WEEKDAYS_TITLE = tuple(w.title() for w in _WEEKDAYS)
_MONTHS_TITLE = tuple(_MONTH_FULL.split("|"))


def _set_amount(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """ "francs a year", "twice a week", "per day": a SET rather than a duration."""
    words = text[start:end]
    if not re.fullmatch(r"(?i:a|per)\s+(?i:year|month|week|day)", words):
        return None
    previous = _previous_word(text, start).lower()
    if words.lower().startswith("per") or previous in ("once", "twice", "times"):
        return (start, end, "set")
    if re.search(r"\d|s$|%", previous) and previous not in ("was", "has", "is", "as"):
        return (start, end, "set")
    return None


def _kind_in_context(text: str, start: int, end: int, kind: str) -> str:
    """ "francs a year" is a SET; "over the next decade" a DURATION."""
    if _set_amount(text, start, end) is not None:
        return "set"
    previous = _bare(_previous_word(text, start))
    if previous in ("over", "for", "within", "throughout") and re.match(
        r"(?i:the\s+)?(?:next|past|last|following|coming|previous)\s", text[start:end]
    ):
        return "duration"
    return kind


def find_time_expressions(text: str) -> list[tuple[int, int, str]]:
    """Every time expression in ``text``: ``(start, end, kind)``, left to right, without
    overlaps. ``kind`` is ``date``, ``time``, ``duration``, ``set`` or ``ref``."""
    candidates: list[tuple[int, int, int, str]] = []
    for index, rule in enumerate(_RULES):
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if end <= start or not _plausible(text, start, end, rule):
                continue
            kind = _kind_in_context(text, start, end, rule.kind)
            candidates.append((start, end, index, kind))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    chosen: list[tuple[int, int, str]] = []
    for start, end, _, kind in candidates:
        if any(start < e and s < end for s, e, _ in chosen):
            continue
        chosen.append((start, end, kind))
    return sorted(chosen)


# --------------------------------------------------------------------------- the stage

_FUTURE_VERBS = _words(
    "plan expect hope want intend schedule aim due go promise vow threaten prepare need seek"
)
_FUTURE_AUX = frozenset({"will", "'ll", "wo", "shall", "would", "could", "might", "may", "ca"})


def verb_tense(verb: Any, depth: int = 0) -> str | None:
    """``past``, ``future`` or None (present/unknown) for a spaCy verb token."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or "going" in words:
        return "future"
    if verb.tag_ == "VB" and any(a.tag_ == "TO" for a in auxes):
        # "plans to meet on Friday" looks ahead; "agreed to sell in October" may not
        head = verb.head
        if head.i == verb.i or head.lemma_ in _FUTURE_VERBS or depth > 3:
            return "future"
        return "future" if verb_tense(head, depth + 1) == "future" else None
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if words & {"has", "have", "'ve"}:
        return None
    if verb.tag_ == "VBN" and not auxes:
        return "past"
    return None


def tense_at(doc: Any, start: int, end: int) -> str | None:
    """The tense of the verb a span of ``doc`` attaches to (None when there is none)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(10):
        if token.pos_ in ("VERB", "AUX"):
            return verb_tense(token)
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _context_tense(text: str, start: int, parsed: str | None) -> str | None:
    """ "since 30 December" is past whatever the verb; otherwise the parsed tense."""
    previous = _previous_word(text, start).lower()
    if previous in ("since", "ago"):
        return "past"
    if previous in ("until", "till", "for") and parsed == "past":
        return None  # "called a dialogue for 12 February": the date is a target
    if previous in ("until", "till") and parsed is None:
        return "future"
    return parsed


def _day_of(result: Normalised) -> dt.date | None:
    """The day a resolved DATE/TIME names (for the narrative reference), else None."""
    if result.type not in ("DATE", "TIME") or result.anchor == "none":
        return None
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)", result.value)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def resolve_all(
    text: str,
    spans: Sequence[tuple[int, int, str]],
    anchor: dt.date | None,
    tenses: Sequence[str | None] | None = None,
) -> list[Normalised]:
    """Normalise recognised spans in document order, carrying the narrative reference date
    (the last day-precision date resolved so far) from one to the next."""
    reference: dt.date | None = None
    out: list[Normalised] = []
    for index, (start, end, kind) in enumerate(spans):
        parsed = tenses[index] if tenses is not None else None
        tense = _context_tense(text, start, parsed)
        result = normalise(text[start:end], anchor, reference, tense=tense, kind=kind)
        out.append(result)
        day = _day_of(result)
        if day is not None:
            reference = day
    return out


def extract_times(ctx: Context) -> tuple[TimeExpression, ...]:
    """Every time expression of the document, normalised, with its evidence."""
    text: str = ctx.text if ctx.doc is not None else ctx.document.text
    anchor = ctx.anchor.as_date() if ctx.anchor is not None else None
    spans = find_time_expressions(text)
    tenses = [tense_at(ctx.doc, s, e) if ctx.doc is not None else None for s, e, _ in spans]
    results = resolve_all(text, spans, anchor, tenses)
    return tuple(
        TimeExpression(
            ctx.span(start, end),
            result.type,
            result.value,
            result.precision,
            result.anchor,
            ctx.evidence(start, end, STAGE),
        )
        for (start, end, _), result in zip(spans, results, strict=True)
    )
