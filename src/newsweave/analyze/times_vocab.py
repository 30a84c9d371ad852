"""Time expressions vocabulary: the normalised value record, month/weekday/number words and
the regular-expression fragments the rules are built from, the resolution frame."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple


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
