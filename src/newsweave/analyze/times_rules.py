"""Resolvers of clock times and sets ("every Monday", "daily"), the ordered recognition
rules (pattern + resolver), and :func:`normalise`/:func:`modifier`."""

from __future__ import annotations

import datetime as dt
import re

from newsweave.analyze.times_absolute import (
    _century,
    _decade,
    _full_date,
    _half,
    _iso,
    _month,
    _month_day,
    _month_relative_year,
    _month_year,
    _quarter,
    _season,
    _year,
)
from newsweave.analyze.times_calendar import _day, _duration, _origin, _unit, _weekday_number
from newsweave.analyze.times_relative import (
    _ago,
    _day_word,
    _duration_rule,
    _holiday,
    _narrative,
    _next_day,
    _ref,
    _relative_unit,
    _the_unit,
    _this_part,
    _vague_duration,
    _weekday,
    _weekend,
)
from newsweave.analyze.times_vocab import (
    _CLOCK,
    _DAY,
    _DAYREF,
    _MOD,
    _MOD_PART,
    _MODS,
    _MONTH,
    _MONTH_FULL,
    _NUM,
    _PART,
    _PARTS,
    _SEASONS,
    _UNIT,
    _UNIT_CODES,
    _UNITS_PLURAL,
    _VAGUE,
    _WEEKDAY,
    _WEEKDAYS,
    _YEAR,
    UNKNOWN,
    Normalised,
    Resolver,
    _Frame,
    _Rule,
)


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
