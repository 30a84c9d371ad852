"""Resolvers of relative dates: weekdays, today/yesterday/tomorrow, parts of days,
"last/next <unit>", weekends, holidays, "N <units> ago", narrative
("the next day", "three days later"), durations and past/present/future references."""

from __future__ import annotations

import datetime as dt
import re

from newsweave.analyze.times_calendar import (
    _day,
    _duration,
    _number,
    _origin,
    _pick_year,
    _shift,
    _unit,
    _week,
    _weekday_date,
    _weekday_number,
)
from newsweave.analyze.times_vocab import _PARTS, _VAGUE, Normalised, _Frame


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
