"""Figures: number phrases and their hedges, on plain text (no spaCy):
:func:`scan_numbers`, :func:`parse_number`, :func:`qualifier`."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from types import MappingProxyType

from newsweave.analyze.figures_vocab import (
    _CURRENCY_CODES,
    _CURRENCY_SYMBOLS,
    _ONES,
    _SCALES,
    _TENS,
    MULTIPLIERS,
    WORD_VALUES,
)

# ---------------------------------------------------------------------------------------
# Number phrases (pure)
# ---------------------------------------------------------------------------------------

_NUMBER_WORD = "|".join([*_ONES, *_TENS, *MULTIPLIERS])
_WORDNUM = (
    rf"(?i:(?:\ba\s+(?=(?:{'|'.join(MULTIPLIERS)})\b))?\b(?:{_NUMBER_WORD})\b"
    rf"(?:(?:[ \t]+|-|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)(?:{_NUMBER_WORD})\b)*)"
)
_DIGITS = (
    r"(?:(?<=RM)|(?<=Rs\.)|(?<=Rs)|(?<=\$US)|(?<=\$A)|(?<![\w.,/]))(?<![A-Za-z]-)"
    r"(?:(?:minus\s?|[-−])(?=\d))?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?!,\d)"
)
_CURRENCY = (
    r"(?:US\s?\$|\$\s?US(?=\d)|\$A(?=\d)|AU?\$|CA?\$|HK\s?\$|NZ\$|S\$|R\$|\$|£|€|¥|₦|₹|\bY=(?=\d)|\bRM(?=\d)|\bRs\.?\s?|"
    rf"\b(?:{'|'.join(_CURRENCY_CODES)})\s?)"
)
_SCALE = (
    r"(?i:\s*(?:hundred\s+)?(?:thousand|million|billion|trillion)\b|\s*hundred\b(?!\s+and\b)|\s?(?:mn|bn|mln|bln|tn|trn)\b)"
    r"|(?<=\d)[mbk]\b"
)
_PERCENT = r"(?i:\s?%|\s+(?:per\s?cent|percent|pct|percentage\s+points?)\b|(?<=\d)pc\b)"
_SINGLE = re.compile(
    rf"(?P<cur>{_CURRENCY})?(?P<num>{_DIGITS}|{_WORDNUM})(?P<scale>{_SCALE})?"
    rf"(?P<suffix>(?<=\d)(?!pc\b)[A-Za-z]+)?(?P<pct>{_PERCENT})?"
)
_FRACTIONS = MappingProxyType(
    {
        "half": 2.0,
        "halves": 2.0,
        "third": 3.0,
        "thirds": 3.0,
        "quarter": 4.0,
        "quarters": 4.0,
        "fifth": 5.0,
        "fifths": 5.0,
        "tenth": 10.0,
        "tenths": 10.0,
    }
)
_FRACTION = re.compile(
    r"(?i:\b(?P<n>a|one|two|three|four|nine)\s+(?P<d>half|third|thirds|quarter|quarters|"
    r"fifth|fifths|tenth|tenths)\b(?!\s+(?:day|week|month|year|time|round|quarter)s?\b))"
)
_ONE_IN = re.compile(
    r"(?i:\b(?P<n>one|two|three)\s+in\s+(?:every\s+)?(?P<d>two|three|four|five|six|seven|eight|"
    r"nine|ten|twenty|\d{1,3})\b(?!\s*(?:days|weeks|months|years|hours)))"
)
_HALF = re.compile(r"(?i:\bhalf\b(?=\s+(?:of|the|its|their|his|her|our|all|them)\b))")
_HALF_A = re.compile(r"(?i:\bhalf\s+an?\s+(?P<m>million|billion)\b)")
_VAGUE = re.compile(
    r"(?i:\b(?:(?P<a>tens|hundreds)\s+of\s+(?P<b>thousands|millions|billions)|"
    r"(?P<c>dozens|hundreds|thousands|millions|billions)|(?P<s>scores)(?=\s+of\b))\b)"
)
_VAGUE_VALUES = MappingProxyType(
    {
        "tens": 2e1,
        "dozens": 24.0,
        "scores": 40.0,
        "hundreds": 2e2,
        "thousands": 2e3,
        "millions": 2e6,
        "billions": 2e9,
    }
)
_VAGUE_LOW = MappingProxyType(
    {
        "tens": 10.0,
        "dozens": 12.0,
        "scores": 20.0,
        "hundreds": 1e2,
        "thousands": 1e3,
        "millions": 1e6,
        "billions": 1e9,
    }
)
"""Where a vague plural starts; it spans one order of magnitude ("thousands": 1,000 to
10,000; "tens of thousands": 10,000 to 100,000; "dozens": 12 to 120)."""
_PHONE = re.compile(
    r"(?<!\w)(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){2,}(?!\w)"
)


@dataclass(frozen=True)
class NumberPhrase:
    """A number phrase in a text: [start, end) and what it says."""

    start: int
    end: int
    value: float
    low: float | None = None
    high: float | None = None
    currency: str | None = None
    """ISO code from a symbol or code before the number ("$" → USD)."""
    percent: str | None = None
    """``percent`` or ``percentage point`` when the phrase says so."""
    scale: float = 1.0
    suffix: str = ""
    """Letters glued to the digits that are no scale ("pm", "th", "km", "G")."""
    words: bool = False
    """Written in words ("eight", "a third")."""
    vague: bool = False
    """A vague amount ("dozens", "thousands")."""
    plain: bool = False
    """Digits only, no separator, decimal, scale, currency or percent (year-like)."""


def words_value(text: str) -> float:
    """The value of number words: "twenty-five" → 25, "two hundred and ten" → 210."""
    total = current = 0.0
    for word in re.split(r"[\s-]+", text.lower()):
        if word in ("and", ""):
            continue
        if word == "a":
            current = 1.0
        elif word in WORD_VALUES:
            current += WORD_VALUES[word]
        elif word == "hundred":
            current = max(current, 1.0) * 100
        elif word in MULTIPLIERS:
            total += max(current, 1.0) * MULTIPLIERS[word]
            current = 0.0
    return total + current


def _digits_value(text: str) -> float:
    negative = text.startswith(("-", "−", "minus"))
    digits = re.sub(r"[^\d.]", "", text)
    value = float(digits)
    return -value if negative else value


_PLURAL_AFTER = re.compile(
    r"^\s+(?!(?:long|tall|high|wide|deep|away|from|of|in|above|below|under|over|to|and|or|"
    r"per|is|was|has|its|this|thus|as|across|less|plus|minus)\b)[a-z]+s\b"
)
"""A plural noun after "1.2m": the m is a million ("1.2m tons"), not metres."""


def _single(match: re.Match[str]) -> NumberPhrase:
    num = match["num"]
    words = not any(c.isdigit() for c in num)
    raw = words_value(num) if words else _digits_value(num)
    scale_text = (match["scale"] or "").strip().lower()
    cur_text = re.sub(r"[\s.]", "", match["cur"] or "").lower()
    currency = _CURRENCY_SYMBOLS.get(cur_text) or (cur_text.upper() or None)
    counted = match["scale"] in ("M", "B") or _PLURAL_AFTER.match(match.string[match.end() :])
    if scale_text in ("m", "b") and currency is None and not counted:
        # "5m" without a currency is metres more often than millions ("1.2m tons",
        # "4.3M sales" are millions)
        return NumberPhrase(
            match.start(), match.start("scale"), raw, suffix=scale_text, words=words
        )
    scale = math.prod(_SCALES.get(w, 1.0) for w in scale_text.split()) if scale_text else 1.0
    suffix = match["suffix"] or ""
    if suffix in ("M", "B") and currency is None and scale == 1.0:
        scale, suffix = _SCALES[suffix.lower()], ""  # "4.3M sales"
    pct = match["pct"]
    percent = None
    if pct:
        percent = "percentage point" if "point" in pct.lower() else "percent"
    plain = not words and re.fullmatch(r"\d+", num) is not None
    return NumberPhrase(
        match.start(),
        match.end(),
        raw * scale,
        currency=currency,
        percent=percent,
        scale=scale,
        suffix=suffix,
        words=words,
        plain=plain and scale == 1.0 and currency is None and percent is None and not suffix,
    )


def _word_count(text: str) -> float:
    return float(text) if text.isdigit() else words_value(text)


def _specials(text: str) -> Iterator[NumberPhrase]:
    """Fractions, "one in five", "half of", "half a million" and vague amounts."""
    for m in _FRACTION.finditer(text):
        n = 1.0 if m["n"].lower() == "a" else words_value(m["n"])
        share = 100.0 * n / _FRACTIONS[m["d"].lower()]
        yield NumberPhrase(m.start(), m.end(), share, percent="percent", words=True)
    for m in _ONE_IN.finditer(text):
        d = _word_count(m["d"].lower())
        if d > 0:
            share = 100.0 * words_value(m["n"]) / d
            yield NumberPhrase(m.start(), m.end(), share, percent="percent", words=True)
    for m in _HALF.finditer(text):
        yield NumberPhrase(m.start(), m.end(), 50.0, percent="percent", words=True)
    for m in _HALF_A.finditer(text):
        value = 0.5 * MULTIPLIERS[m["m"].lower()]
        yield NumberPhrase(m.start(), m.end(), value, words=True)
    for m in _VAGUE.finditer(text):
        if m["a"]:
            value = _VAGUE_VALUES[m["a"].lower()] * _VAGUE_VALUES[m["b"].lower()] / 2
            low = _VAGUE_LOW[m["a"].lower()] * _VAGUE_LOW[m["b"].lower()]
        else:
            value = _VAGUE_VALUES[(m["c"] or m["s"]).lower()]
            low = _VAGUE_LOW[(m["c"] or m["s"]).lower()]
        yield NumberPhrase(
            m.start(), m.end(), value, low=low, high=10 * low, words=True, vague=True
        )


def _ranges(text: str, phrases: list[NumberPhrase]) -> list[NumberPhrase]:
    """Join "10-15", "10 to 15", "between 10 and 15"; drop scores such as "9-2"."""
    out: list[NumberPhrase] = []
    i = 0
    while i < len(phrases):
        a = phrases[i]
        b = phrases[i + 1] if i + 1 < len(phrases) else None
        if b is None or a.vague or b.vague:
            out.append(a)
            i += 1
            continue
        between = text[a.end : b.start]
        hyphen = re.fullmatch(r"\s*[-–—]\s*", between) is not None
        to = re.fullmatch(r"\s+to\s+", between) is not None
        and_ = re.fullmatch(r"\s+and\s+", between) is not None and re.search(
            r"(?i)\bbetween\s+$", text[: a.start]
        )
        from_ = re.search(r"(?i)\bfrom\s+$", text[: a.start])
        if (
            from_
            and to
            and (_RANGE_BEFORE.search(text[: from_.start()]) or _RANGE_THEN_TO.match(text[b.end :]))
        ):
            from_ = None  # "prices range from $370,000 to $5.5 million": a range, no change
        if not (hyphen or (to and not from_) or and_):
            out.append(a)
            i += 1
            continue
        joined = _join(a, b)
        if joined is not None:
            out.append(joined)
        elif not hyphen:
            out.extend((a, b))
        i += 2
    return out


_RANGE_BEFORE = re.compile(r"(?i)\b(?:range|ranges|ranged|ranging|vary|varies|varied|varying)\s*$")
"""A verb of spread before "from X to Y": the two numbers are the ends of one range."""
_RANGE_THEN_TO = re.compile(r"(?i)^(?:\s*(?:%|per\s?cent|percent))?\s+to\s+\S*\d")
""""from 5 to 7 per cent to 3 to 5 per cent": "5 to 7" is where the change starts from."""


def _join(a: NumberPhrase, b: NumberPhrase) -> NumberPhrase | None:
    """The range a–b (scale, currency and percent carried over from b), or None."""
    if (a.percent and not b.percent) or (a.currency and not b.currency):
        return None  # "rose 0.7 percent to 6,327" is a change and a level, not a range
    low = a.value * b.scale if a.scale == 1.0 and b.scale != 1.0 else a.value
    if low >= b.value > a.value:
        low = a.value  # "$370,000 to $5.5 million": the first end has its own scale
    if a.plain and (_yearish(a.value) or (b.plain and _yearish(low))):
        return None  # "sales rose in 2018 to 3.9 million": a year, then the level
    if low >= b.value:
        return None
    return replace(
        b,
        start=a.start,
        value=(low + b.value) / 2,
        low=low,
        high=b.value,
        currency=a.currency or b.currency,
        percent=a.percent or b.percent,
        words=a.words and b.words,
        plain=False,
    )


def _yearish(value: float) -> bool:
    return value.is_integer() and 1000 <= value <= 2100


def scan_numbers(text: str) -> tuple[NumberPhrase, ...]:
    """Every number phrase in ``text``, left to right, without overlaps (longest wins)."""
    found = [_single(m) for m in _SINGLE.finditer(text)]
    found.extend(_specials(text))
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[NumberPhrase] = []
    for phrase in found:
        if phrase.end <= phrase.start:
            continue
        if kept and phrase.start < kept[-1].end:
            if phrase.end - phrase.start > kept[-1].end - kept[-1].start and (
                phrase.start >= kept[-1].start
            ):
                kept[-1] = phrase
            continue
        kept.append(phrase)
    return tuple(_ranges(text, kept))


def parse_number(text: str) -> tuple[float, float | None, float | None] | None:
    """``(value, low, high)`` of one number phrase ("4,000", "$12mn", "a third", "10-15",
    "between 10 and 15", "38%"), or None when ``text`` is not exactly one."""
    stripped = text.strip()
    phrases = scan_numbers(stripped)
    if len(phrases) != 1:
        return None
    phrase = phrases[0]
    lead = stripped[: phrase.start].lower().strip()
    if lead not in ("", "between") or phrase.end != len(stripped):
        return None
    return (phrase.value, phrase.low, phrase.high)


# ---------------------------------------------------------------------------------------
# Qualifiers (pure)
# ---------------------------------------------------------------------------------------

_BEFORE = (
    ("at_least", r"at\s+least|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of"),
    ("at_most", r"at\s+(?:the\s+)?most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of"),
    (
        "more_than",
        r"(?:just\s+|well\s+|slightly\s+|far\s+)?(?:more\s+than|over|above|upwards\s+of|"
        r"in\s+excess\s+of|north\s+of|greater\s+than)",
    ),
    ("less_than", r"(?:just\s+|slightly\s+|well\s+)?(?:less\s+than|fewer\s+than|under|below)"),
    ("nearly", r"nearly|almost|close\s+to|just\s+shy\s+of|getting\s+on\s+for"),
    ("up_to", r"up\s+to|as\s+many\s+as|as\s+much\s+as|as\s+high\s+as"),
    (
        "approx",
        r"about|around|some|roughly|approximately|an\s+estimated|estimated|circa|approx\.|"
        r"perhaps|maybe|more\s+or\s+less|an\s+average\s+of|on\s+average|upward\s+of",
    ),
)
_BEFORE_RE = re.compile(
    r"(?i)(?<![\w-])(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _BEFORE) + r")"
    r"\s*$"
)
_AFTER = (
    ("at_least", r"or\s+more|or\s+above|or\s+higher"),
    ("at_most", r"or\s+(?:less|fewer|below)"),
    ("more_than", r"-?plus\b|\+"),
    ("approx", r"or\s+so\b"),
)
_AFTER_RE = re.compile(
    r"(?i)^\s*(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _AFTER) + r")"
)


def qualifier_match(before: str, after: str = "") -> tuple[str, int, int]:
    """The hedge of a number from the text just ``before`` and ``after`` it: the qualifier
    and how many characters of ``before`` and ``after`` it takes (0 when none)."""
    if before.rstrip().endswith("~"):
        return "approx", len(before) - before.rstrip().rfind("~"), 0
    found = _BEFORE_RE.search(before)
    if found and found.lastgroup:
        return found.lastgroup, len(before) - found.start(), 0
    post = _AFTER_RE.search(after)
    if post and post.lastgroup:
        return post.lastgroup, 0, post.end()
    return "exact", 0, 0


def qualifier(before: str, after: str = "") -> str:
    """``exact``, ``approx``, ``at_least``, ``more_than``, ``at_most``, ``less_than``,
    ``nearly`` or ``up_to`` from the words around a number ("at least 173", "150 or more")."""
    return qualifier_match(before, after)[0]
