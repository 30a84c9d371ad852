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
    _CURRENCY_SYMBOLS,
    _DEAD_NOUNS,
    _PERSON_NOUNS,
    _UNIT_ABBREVIATIONS,
    _UPPER_ONLY,
    _WEIGHT_CUES,
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
    r"(?i)^[\s-]*(?:a|an|per|each|/)[\s-]*(day|week|month|year|century|hour|hr|h|minute|second"
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


_SPACED_UNIT = re.compile(r"^[\s-]?(?P<unit>[A-Za-zμ]{2,4}(?:/[A-Za-z])?|inch|inches)\b(?![-'])")
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
    r"|sq\.?\s?(?:m|ft|km|mi)|square\s+(?:metres?|meters?|feet|foot|kilometres?|miles?)"
    r"|parts?\s+per\s+(?:million|billion))\b"
)


_TORQUE = re.compile(
    r"^[\s-]*(?:(?P<lbft>(?i:lbs?\.?[\s.-]*ft\.?|pounds?[\s-]+f(?:ee|oo)t|foot[\s-]+pounds?))"
    r"|Nm|N·m|N-m|(?i:newton[\s-]+met(?:re|er)s?))(?![A-Za-z])"
)
"""Torque ("450 Nm", "332 lb-ft", "275 pound-feet"): "Nm" only in this spelling ("nm" is a
nanometre)."""


def _spaced_unit(following: str) -> str | None:
    """A unit abbreviation written after the number ("300 Hz", "784 HP", "an 8-inch
    screen"): only the unambiguous ones of :data:`_UNIT_ABBREVIATIONS`; "degrees
    Celsius", "Fahrenheit" and "basis points" by name."""
    torque = _TORQUE.match(following)
    if torque is not None:
        return "pound-foot" if torque["lbft"] else "newton metre"
    sign = re.match(r"^\s?([€£¥₦₹])", following)
    if sign is not None:
        return _CURRENCY_SYMBOLS[sign.group(1)]  # "1,200€"
    if following.startswith(("″", "”")) and not following[1:2].isalpha():
        return "inch"  # "a 25.5″ neck"
    named = _SPACED_WORDS.match(following)
    if named is not None:
        word = named["unit"].lower()
        if word.startswith("basis"):
            return "basis point"
        if word.startswith("part"):
            return f"part per {word.split()[-1]}"
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
    if lemma == "pound" and _weighed(noun):
        return "pound-mass"
    if lower in ("p", "p.") and noun.i > 0 and noun.doc[noun.i - 1].like_num:
        return "penny"  # a share price: "down 68 p at 1112 p"
    if lemma in _CURRENCY_NOUNS:
        return _currency_name(noun, lemma)
    if lemma in _UPPER_ONLY and not noun.text[:2].isupper():
        return lemma  # "two civil wars" count wars, not wins above replacement (WAR)
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


def _weighed(noun: Any) -> bool:
    """Whether "pounds" is a weight: a word of weight in its sentence (:data:`_WEIGHT_CUES`:
    "dropped from 208 pounds", "weighs 240 pounds") and no sign of money (a scale such as
    "million", "sterling", "£")."""
    sentence = noun.sent
    if any(t.lower_ in ("million", "billion", "bn", "m", "sterling", "£") for t in sentence):
        return False
    return any(t.lower_ in _WEIGHT_CUES for t in sentence)


_INDEX_CUE = re.compile(
    r"(?i)\b(?:index|indices|indexes|benchmark|blue[\s-]chips?|stock\s+exchange|bourse"
    r"|Dow(?:\s+Jones)?|Nasdaq|S\s?&\s?P|FTSE|DAX|CAC|Nikkei|Topix|Hang\s+Seng|Sensex|Nifty"
    r"|KOSPI|Stoxx|ASX|TA-\d+|TSX|points?)\b"
)
"""Words that make a sentence about a share index."""
_LEVEL_BEFORE = re.compile(r"(?i)\b(?:to|at|of)\s*$")
_LEVEL_AFTER = re.compile(r"(?i)^\s*,?\s*(?:up|down|higher|lower|unchanged)\b")


def index_level(sentence: str, start: int, end: int) -> bool:
    """Whether a unit-less number of a sentence about a share index is the index's level in
    points ("the TA-125 climbed 0.1% to 1,333.18", "(16369.03 up 58.06 points)"): the
    number a change leads "to" or "at", or the level a change follows."""
    if _INDEX_CUE.search(sentence) is None:
        return False
    return bool(_LEVEL_BEFORE.search(sentence[max(0, start - 12) : start])) or bool(
        _LEVEL_AFTER.match(sentence[end : end + 16])
    )
