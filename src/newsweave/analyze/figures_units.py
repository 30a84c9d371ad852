"""Figures: a figure's unit (person, percent, currency, measure, counted noun) and
its rate ("a year", "per day")."""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any

from newsweave.analyze.figures_numbers import NumberPhrase
from newsweave.analyze.figures_vocab import (
    _CURRENCY_ADJECTIVES,
    _CURRENCY_NOUNS,
    _DEAD_NOUNS,
    _PERSON_NOUNS,
    _UNIT_ABBREVIATIONS,
    _UPPER_ONLY,
    CURRENCY_CODES,
    _words,
)


def _unit(
    noun: Any | None, phrase: NumberPhrase, following: str, right_after: str = ""
) -> str | None:
    """``person``, ``percent``, an ISO currency code, a currency name or the counted
    noun's lemma, with a rate ("per day") when the text gives one. A unit abbreviation
    written right after the number ("a 570 sq m space", "a 300 Hz tone") is the unit
    even when a noun follows it."""
    unit: str | None = phrase.percent or phrase.currency
    if unit is None and phrase.suffix:
        unit = _UNIT_ABBREVIATIONS.get(phrase.suffix.lower())
    if unit is None:
        unit = _spaced_unit(following if noun is None else right_after)
    if unit is None and noun is not None:
        unit = _noun_unit(noun)
    if unit == "degree":
        unit = _spaced_unit(following) or unit
    rate = _RATE.match(_PARENTHESIS.sub("", following, count=1))
    if unit is not None and rate is not None and " per " not in unit:
        per = rate.group(1).lower()
        unit = f"{unit} per {_RATE_NAMES.get(per, per)}"
    return unit


_PARENTHESIS = re.compile(r"^\s*\([^()]{1,40}\)")
"""A parenthesis right after a figure ("9 billion shekels ($2.4 billion) a year"): the rate
after it is still the figure's."""
_RATE = re.compile(
    r"(?i)^\s*(?:a|an|per|each|/)[\s-]*(day|week|month|year|century|hour|hr|h|minute|second"
    r"|barrel|litre|liter|gallon|ounce|gram|kilogram|share|tonne|ton|head|capita|person"
    r"|game|night|square\s+foot|square\s+feet|square\s+metre|sq\.?\s?m|sq\.?\s?ft)s?\b"
    r"(?![\s-]+(?:earlier|ago|before|later|after|on|to|from)\b)"
)
"""A rate written after a figure ("$80 per sq m", "five percent a year", "£24 a-year"); not
a comparison ("a year earlier", "a year ago")."""
_RATE_NAMES = MappingProxyType(
    {
        "h": "hour",
        "hr": "hour",
        "liter": "litre",
        "sqm": "square metre",
        "sq m": "square metre",
        "sq. m": "square metre",
        "sq ft": "square foot",
        "sqft": "square foot",
        "square feet": "square foot",
    }
)


_SPACED_UNIT = re.compile(r"^[\s-]?(?P<unit>[A-Za-z]{2,4}(?:/[A-Za-z])?|inch|inches)\b(?![-'])")
_AMBIGUOUS_ABBREVIATIONS = frozenset(_words("in min sec t g l m mi ft"))
"""Abbreviations that are also words ("in", "min") or letters: only glued to a number."""


_SQUARE = MappingProxyType(
    {
        "m": "square metre",
        "metre": "square metre",
        "meter": "square metre",
        "ft": "square foot",
        "feet": "square foot",
        "foot": "square foot",
        "km": "square kilometre",
        "kilometre": "square kilometre",
        "mi": "square mile",
        "mile": "square mile",
    }
)
_SPACED_WORDS = re.compile(
    r"(?i)^[\s-]*(?:degrees?\s+)?(?P<unit>celsius|fahrenheit|basis[\s-]points?"
    r"|sq\.?\s?(?:m|ft|km|mi)|square\s+(?:metres?|meters?|feet|foot|kilometres?|miles?))\b"
)


def _spaced_unit(following: str) -> str | None:
    """A unit abbreviation written after the number ("300 Hz", "784 HP", "an 8-inch
    screen"): only the unambiguous ones of :data:`_UNIT_ABBREVIATIONS`; "degrees
    Celsius", "Fahrenheit" and "basis points" by name."""
    named = _SPACED_WORDS.match(following)
    if named is not None:
        word = named["unit"].lower()
        if word.startswith("basis"):
            return "basis point"
        if word.startswith(("sq", "square")):
            return _SQUARE[word.rstrip("s").split()[-1].lstrip(".")]
        return f"degree {word}"
    code = re.match(r"^\s?([A-Z]{3})\b", following)
    if code is not None and code.group(1) in CURRENCY_CODES:
        return code.group(1)  # "110 JPY to 1 USD"
    money = re.match(r"^\s+([A-Za-z]+)\b", following)
    if money is not None and _CURRENCY_NOUNS.get(money.group(1).lower()):
        return _CURRENCY_NOUNS[money.group(1).lower()]  # "2,435,000 YEN"
    match = _SPACED_UNIT.match(following)
    if match is None:
        return None
    word = match["unit"]
    lower = word.lower()
    if lower in ("inch", "inches"):
        return "inch"
    if lower in _AMBIGUOUS_ABBREVIATIONS or (lower in _UPPER_ONLY and not word[:2].isupper()):
        return None
    return _UNIT_ABBREVIATIONS.get(lower)


def _noun_unit(noun: Any) -> str | None:
    lower = noun.lower_
    if lower in _PERSON_NOUNS or lower in _DEAD_NOUNS:
        return "person"
    lemma = str(noun.lemma_).lower()
    if lemma in _CURRENCY_NOUNS:
        return _currency_name(noun, lemma)
    if lower in _UNIT_ABBREVIATIONS:
        return _UNIT_ABBREVIATIONS[lower]
    return _UNIT_ABBREVIATIONS.get(lemma, lemma)


def _currency_name(noun: Any, lemma: str) -> str:
    """The currency of a noun: "US dollars" → USD, "CFA francs" → XOF, "Mabenian francs"
    → "Mabenian franc"."""
    before = noun.doc[max(noun.i - 2, 0) : noun.i].text.lower()
    for adjective, code in _CURRENCY_ADJECTIVES.items():
        if before.endswith(adjective):
            return code
    code = _CURRENCY_NOUNS[lemma]
    if lemma == "dollar" and noun.i > 0 and noun.doc[noun.i - 1].pos_ in ("ADJ", "PROPN"):
        return f"{noun.doc[noun.i - 1].text} dollar"
    if code:
        return code
    previous = noun.doc[noun.i - 1] if noun.i > 0 else None
    if previous is not None and previous.dep_ in ("amod", "compound") and previous.pos_ != "NUM":
        return f"{previous.text} {lemma}"
    return lemma
