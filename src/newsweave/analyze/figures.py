"""Figures: the numbers a text states, with their hedge, unit, what they count and who
claims them.

Two layers:

* pure text functions, testable without spaCy: :func:`scan_numbers` finds number phrases
  in a sentence ("4,000", "$12mn", "1.2 billion", "twenty-five", "a third", "dozens",
  "10-15", "between 10 and 15", "38%"), :func:`parse_number` reads one phrase to
  ``(value, low, high)`` and :func:`qualifier` reads the hedge around it ("at least",
  "nearly", "up to", "about", "or more"…);
* :func:`extract_figures` runs them over every sentence of a parsed document, drops
  what is not a figure (dates and years, clock times, ordinals, list numbering, labels
  such as "paragraph 7", phone numbers, ages, names such as "S&P 500"), and reads the
  unit, what is counted, the claimant and the as-of date from the dependency parse.

Conventions: ``low``/``high`` are set only for explicit ranges ("10-15", "between 10 and
15"; ``value`` is then the midpoint). Fractions in words ("a third", "half of") are
percentages (``value`` 33.33…, unit ``percent``). Vague amounts ("dozens", "thousands")
get a nominal value (24, 2000) and the qualifier ``approx``. Durations ("15 years",
"three months") are figures with the time unit; ages ("a 24-year-old", "Dossavi, 68")
are skipped.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from newsweave.analyze.context import ActorLookup, Context, ExtraPlace, StageInfo, doc_text
from newsweave.analyze.gazetteer import Gazetteer
from newsweave.model.facts import Figure

STAGE = StageInfo("figures", "2", needs=("sentences", "actors"), provides=("figures",))

# ---------------------------------------------------------------------------------------
# Vocabularies (read-only)
# ---------------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_ONES = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
WORD_VALUES = MappingProxyType(
    {w: float(i) for i, w in enumerate(_ONES)} | {w: 20.0 + 10 * i for i, w in enumerate(_TENS)}
)
"""Number words and their values."""
MULTIPLIERS = MappingProxyType(
    {
        "hundred": 1e2,
        "thousand": 1e3,
        "million": 1e6,
        "billion": 1e9,
        "trillion": 1e12,
        "dozen": 12.0,
    }
)
_SCALES = MappingProxyType(
    {
        "hundred": 1e2,
        "thousand": 1e3,
        "k": 1e3,
        "million": 1e6,
        "mn": 1e6,
        "mln": 1e6,
        "m": 1e6,
        "billion": 1e9,
        "bn": 1e9,
        "bln": 1e9,
        "b": 1e9,
        "trillion": 1e12,
        "tn": 1e12,
        "trn": 1e12,
    }
)
_CURRENCY_SYMBOLS = MappingProxyType(
    {
        "us$": "USD",
        "$us": "USD",
        "$a": "AUD",
        "$": "USD",
        "a$": "AUD",
        "au$": "AUD",
        "c$": "CAD",
        "ca$": "CAD",
        "hk$": "HKD",
        "nz$": "NZD",
        "s$": "SGD",
        "r$": "BRL",
        "£": "GBP",
        "€": "EUR",
        "¥": "JPY",
        "y=": "JPY",
        "₦": "NGN",
        "₹": "INR",
        "rm": "MYR",
        "rs": "INR",
    }
)
_CURRENCY_CODES = _words("USD EUR GBP JPY CNY AUD CAD XOF XAF NGN GHS INR CHF ZAR KES MYR ILS HKD")
_CURRENCY_NOUNS = MappingProxyType(
    {
        "dollar": "USD",
        "euro": "EUR",
        "sterling": "GBP",
        "pound": "GBP",
        "yen": "JPY",
        "yuan": "CNY",
        "renminbi": "CNY",
        "rupee": "INR",
        "naira": "NGN",
        "cedi": "GHS",
        "rand": "ZAR",
        "shilling": "KES",
        "ringgit": "MYR",
        "shekel": "ILS",
        "franc": "",
        "peso": "",
        "dinar": "",
        "real": "",
        "won": "KRW",
        "rouble": "RUB",
        "ruble": "RUB",
        "lira": "TRY",
    }
)
"""Currency nouns → ISO code ("" = keep the name as written, e.g. "Mabenian franc")."""
_CURRENCY_ADJECTIVES = MappingProxyType(
    {
        "us": "USD",
        "u.s.": "USD",
        "american": "USD",
        "australian": "AUD",
        "canadian": "CAD",
        "hong kong": "HKD",
        "new zealand": "NZD",
        "singapore": "SGD",
        "cfa": "XOF",
        "swiss": "CHF",
        "mexican": "MXN",
        "philippine": "PHP",
    }
)
CURRENCY_CODES = frozenset(
    {*_CURRENCY_CODES, *_CURRENCY_SYMBOLS.values(), *(c for c in _CURRENCY_NOUNS.values() if c)}
    | {*_CURRENCY_ADJECTIVES.values()}
)
"""Every ISO currency code a figure's unit can be."""
_UNIT_ABBREVIATIONS = MappingProxyType(
    {
        "km": "kilometre",
        "kms": "kilometre",
        "kilometer": "kilometre",
        "m": "metre",
        "meter": "metre",
        "cm": "centimetre",
        "mm": "millimetre",
        "mi": "mile",
        "ft": "foot",
        "feet": "foot",
        "in": "inch",
        "kg": "kilogram",
        "kgs": "kilogram",
        "g": "gram",
        "lb": "pound-mass",
        "lbs": "pound-mass",
        "t": "tonne",
        "ton": "ton",
        "mph": "mile per hour",
        "kph": "kilometre per hour",
        "km/h": "kilometre per hour",
        "mpg": "mile per gallon",
        "bpd": "barrel per day",
        "gb": "gigabyte",
        "mb": "megabyte",
        "tb": "terabyte",
        "gw": "gigawatt",
        "mw": "megawatt",
        "kw": "kilowatt",
        "kwh": "kilowatt hour",
        "hp": "horsepower",
        "ghz": "gigahertz",
        "mhz": "megahertz",
        "khz": "kilohertz",
        "hz": "hertz",
        "gpa": "gigapascal",
        "ps": "metric horsepower",
        "mah": "milliampere-hour",
        "bps": "basis point",
        "min": "minute",
        "mins": "minute",
        "sec": "second",
        "secs": "second",
        "hr": "hour",
        "hrs": "hour",
        "yr": "year",
        "yrs": "year",
        "sq ft": "square foot",
        "l": "litre",
        "liter": "litre",
        "ml": "millilitre",
        "teu": "twenty-foot equivalent unit",
        "teus": "twenty-foot equivalent unit",
        "bhp": "brake horsepower",
        "w": "watt",
        "mbps": "megabit per second",
        "gbps": "gigabit per second",
        "μm": "micrometre",
        "ppb": "parts-per-billion",
        "ppm": "parts-per-million",
        "rpm": "revolutions per minute",
        "m.p.h": "mile per hour",
        "kt": "knot",
        "kts": "knot",
        "ksi": "kilopound per square inch",
        "mpa": "megapascal",
        "kpa": "kilopascal",
        "gwh": "gigawatt hour",
        "mwh": "megawatt hour",
        "twh": "terawatt hour",
        "ppg": "point per game",
        "rpg": "rebound per game",
        "apg": "assist per game",
        "war": "win above replacement",
        "td": "touchdown",
        "tds": "touchdown",
        "sen": "sen",
    }
)
_UPPER_ONLY = frozenset(_words("war td tds"))
"""Abbreviations that are English words in lower case ("war", "sen" aside): read as a
unit after a number only when written in capitals ("0.4 WAR", "2 TDs")."""
_PERSON_NOUNS = frozenset({"people", "person", "persons", "individual", "individuals"})
_DEAD_NOUNS = MappingProxyType(
    {
        "dead": "killed",
        "death": "killed",
        "deaths": "killed",
        "fatality": "killed",
        "fatalities": "killed",
        "killed": "killed",
        "wounded": "wounded",
        "injured": "injured",
        "missing": "missing",
        "detainee": "detained",
        "detainees": "detained",
        "body": "killed",
        "bodies": "killed",
        "corpses": "killed",
    }
)
"""Nouns (or nominal adjectives) that count people and say what happened to them."""
_TOLL_NOUNS = MappingProxyType({"toll": "killed", "death toll": "killed", "tally": ""})
_TIME_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century"}
)
_EVENT_VERBS = MappingProxyType(
    {
        "kill": "killed",
        "die": "died",
        "detain": "detained",
        "arrest": "arrested",
        "wound": "wounded",
        "injure": "injured",
        "hurt": "injured",
        "shoot": "shot",
        "displace": "displaced",
        "release": "released",
        "free": "freed",
        "evacuate": "evacuated",
        "burn": "burned",
        "destroy": "destroyed",
        "damage": "damaged",
        "jail": "jailed",
        "imprison": "imprisoned",
        "sentence": "sentenced",
        "charge": "charged",
        "rescue": "rescued",
        "deport": "deported",
        "abduct": "abducted",
        "kidnap": "kidnapped",
        "dismiss": "dismissed",
        "hold": "held",
        "execute": "executed",
        "hire": "hired",
        "employ": "employed",
        "flee": "fled",
        "loot": "looted",
        "attack": "attacked",
    }
)
_CHANGE_VERBS = frozenset(
    _words(
        "rise fall jump climb increase decrease drop grow gain lose slip slide surge soar "
        "plunge plummet tumble revise raise lower cut reach hit stand total ease edge narrow "
        "widen fell rose"
    )
)
_SAY_VERBS = frozenset(
    {
        "say",
        "announce",
        "report",
        "tell",
        "state",
        "claim",
        "estimate",
        "confirm",
        "add",
        "give",
        "put",
        "count",
        "record",
        "document",
        "tally",
        "show",
        "write",
        "tweet",
        "post",
        "allege",
        "insist",
        "note",
        "declare",
        "publish",
        "cite",
        "calculate",
        "warn",
        "predict",
        "forecast",
        "expect",
        "reveal",
        "disclose",
        "revise",
        "raise",
        "update",
        "recall",
        "recount",
        "remember",
    }
)
_NOT_CLAIMANTS = frozenset(
    _words("% percent cent half third quarter majority most many some which who that what")
)
"""Subjects of a say verb that are no claimant: "a third of households said"."""
_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you", "this", "that"})
_WH_TAGS = frozenset({"WP", "WDT", "WP$"})
_COUNT_NOUNS = frozenset(_words("count toll tally estimate figure number total"))
"""Nouns whose possessor claims the figure: "the ministry's count is 212"."""
_REPORT_NOUNS = frozenset(
    _words("report data statistics survey records analysis study assessment census estimates")
)
"""Nouns whose possessor also claims what they show: "the agency's report shows 2.3 million"."""
_SOURCE_VERBS = frozenset(_words("have give suggest indicate put find"))
"""Verbs by which a source states a figure: "a poll by X had", "a survey gave"."""
_FINDING_VERBS = frozenset(_words("find conclude"))
"""Say verbs only with a clause: "articles found that X had 3,500 lawsuits"."""
_COUNT_VERBS = frozenset(_words("give put raise revise update lower"))
"""Say verbs only when their object is a count (:data:`_COUNT_NOUNS`)."""
_SOURCE_NOUNS = frozenset(
    _words(
        "document documents filing filings record records sheet file files data report "
        "reports study survey statement paper papers memo letter image images footage video "
        "photo photos figure figures statistic statistics list lists poll polls article "
        "articles investigation investigations analysis audit census"
    )
)
"""Inanimate sources: their maker claims ("documents published by the Sentinel")."""
_PLACE_NOUNS = frozenset(
    _words(
        "country nation city town village region province district capital state area "
        "territory county zone"
    )
)
"""Places, never claimants: "the country's toll" names no speaker."""
_PLACE_ENTITIES = frozenset({"GPE"})
_NON_SPEAKER_ENTITIES = frozenset(
    {"LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT",
     "LAW", "EVENT", "WORK_OF_ART", "LANGUAGE"}
)  # fmt: skip
_BAD_ENTITIES = frozenset(
    {"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC", "LAW", "PERSON", "GPE", "NORP", "LOC"}
)
_FURNITURE_NOUNS = (
    "views|likes|comments|shares|followers|subscribers|retweets|reposts|replies|reactions"
)
_LABELS = (
    "paragraph|para|page|pages|p\\.|pp\\.|section|sec\\.|row|chapter|article|art\\.|clause|item|"
    "no\\.|number|part|comment|line|route|flight|room|seat|gate|platform|level|grade|round|"
    "game|stage|question|rule|resolution|case|exhibit|figure|fig\\.|table|appendix|version|"
    "episode|season|series|volume|vol\\.|issue|edition|phase|ward|zone|block|suite|floor|"
    "highway|interstate|lane|bus|channel|model|class|division|district|group|category|"
    "step|point|act|scene|verse|psalm|track|#"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTH_NUMBERS = MappingProxyType(
    {m: i for i, m in enumerate(_MONTHS.split("|")[:12], 1)}
    | {m: i for i, m in enumerate(_words("jan feb mar apr may jun jul aug sep oct nov dec"), 1)}
    | {"sept": 9}
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

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
    if a.plain and b.plain and (_yearish(a.value) or _yearish(low)):
        return None
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


# ---------------------------------------------------------------------------------------
# Not figures (pure, on the sentence text)
# ---------------------------------------------------------------------------------------

_TIME_AFTER = re.compile(
    r"(?i)^(?:\s*(?:[ap]\.?m\b\.?|gmt|bst|utc|est|edt|cet|wat|hrs\b|h\b|o['’]clock)|:\d|\.\d\d\s*[ap]\.?m)"
)
_MONTH_BEFORE = re.compile(rf"(?i)\b(?:{_MONTHS})\.?\s*$")
_MONTH_AFTER = re.compile(rf"(?i)^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTHS})\b")
_LABEL_BEFORE = re.compile(rf"(?i)(?:\b(?:{_LABELS})|#)\s*$")
_AGE_AFTER = re.compile(r"(?i)^[\s-]*(?:years?|yrs?|months?|weeks?)[\s-]*old\b")
_AGE_BEFORE = re.compile(r"(?i)\b(?:aged|age|ages\s+of)\s*$")
_RELATIVE_AFTER = re.compile(
    r"(?i)^\s*(?:days?|weeks?|months?|years?|hours?|minutes?|decades?)\s+"
    r"(?:later|earlier|ago|before|after|previously|from\s+now)\b"
)
_FURNITURE_AFTER = re.compile(rf"(?i)^\s*(?:{_FURNITURE_NOUNS})\b")
_ADDRESS_AFTER = re.compile(
    r"^[A-Z]?\s+(?:[A-Z][\w'-]+\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Boulevard|Blvd|"
    r"Drive|Dr|Way|Place|Terrace|Crescent|Close|Court|Highway|Square|Rue|Strasse|Straße)\b"
)
"""A house number ("14 Marlowe Road", "221B Baker Street") is an address, no figure."""
_LIST_AFTER = re.compile(r"^[.)](?:\s|$)")
_UNIT_SUFFIXES = frozenset({*_UNIT_ABBREVIATIONS, "k"})


_INDEX_NAME_BEFORE = re.compile(
    r"(?i)\b(?:S\s?&\s?P|S\s?P|Nasdaq|Stoxx|Euro\s?Stoxx|FTSE|Russell|Nikkei|ASX|CAC|DAX"
    r"|TA|Topix|Sensex|Nifty|KOSPI|Hang\s+Seng)[\s-]?$"
)
"""A share index's name before its number ("S&P 500", "Stoxx 600", "TA-125"): part of the
name, no figure."""


def not_a_figure(sentence: str, phrase: NumberPhrase) -> bool:
    """True when the phrase is a date, year, time, ordinal, label ("paragraph 7"), list
    number, phone number, age or page furniture ("1,284 views"), judged from the text."""
    before, after = sentence[: phrase.start], sentence[phrase.end :]
    marked = phrase.currency is not None or phrase.percent is not None
    checks = (
        phrase.suffix != "" and phrase.suffix.lower() not in _UNIT_SUFFIXES,
        phrase.suffix == "G" and phrase.value <= 6 and not re.match(r"[A-Za-z]", after),
        not marked and bool(_INDEX_NAME_BEFORE.search(before[-24:])),
        _TIME_AFTER.search(after) is not None or re.search(r"\d:$", before) is not None,
        not marked and phrase.value <= 31 and bool(_MONTH_BEFORE.search(before)),
        not marked and bool(_MONTH_AFTER.search(after)),
        not marked and bool(_LABEL_BEFORE.search(before)),
        bool(_AGE_AFTER.search(after)) or bool(_AGE_BEFORE.search(before)),
        bool(_FURNITURE_AFTER.search(after)),
        not marked and bool(_ADDRESS_AFTER.match(after)),
        bool(_RELATIVE_AFTER.search(after)),
        before.strip() in ("", "(") and bool(_LIST_AFTER.search(after)) and phrase.value < 100,
        _in_phone_number(sentence, phrase),
        phrase.words and not phrase.vague and _capitalised_inside(sentence, phrase),
    )
    return any(checks)


def _in_phone_number(sentence: str, phrase: NumberPhrase) -> bool:
    for match in _PHONE.finditer(sentence):
        digits = sum(c.isdigit() for c in match.group())
        if digits >= 9 and match.start() <= phrase.start < match.end():
            return True
    return False


def _capitalised_inside(sentence: str, phrase: NumberPhrase) -> bool:
    """A number word with a capital inside a sentence is part of a name ("BBC One")."""
    first = sentence[phrase.start]
    if not first.isupper():
        return False
    before = sentence[: phrase.start].rstrip()
    return before != "" and not before.endswith((".", ":", '"', "“", "‘", "'", "(", "—", "-"))


# ---------------------------------------------------------------------------------------
# Dates for as_of (pure)
# ---------------------------------------------------------------------------------------

_DATE_DMY = re.compile(
    rf"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS})\.?(?:,?\s+(\d{{4}}))?\b"
)
_DATE_MDY = re.compile(rf"(?i)\b({_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")


def date_value(text: str, anchor: dt.date | None) -> str | None:
    """ISO date of an explicit date ("16 January 2024", "Jan. 16", "Tuesday"); the year and
    weekdays are read from ``anchor`` (the publication date) when the text lacks them."""
    lowered = text.lower()
    for pattern, day_group, month_group in ((_DATE_DMY, 1, 2), (_DATE_MDY, 2, 1)):
        found = pattern.search(text)
        if found:
            month = _MONTH_NUMBERS[found.group(month_group).lower().rstrip(".")]
            day = int(found.group(day_group))
            year = int(found.group(3)) if found.group(3) else _year_for(month, day, anchor)
            if year is None:
                return None
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return None
    if anchor is not None:
        if re.search(r"\btoday\b", lowered):
            return anchor.isoformat()
        if re.search(r"\byesterday\b", lowered):
            return (anchor - dt.timedelta(days=1)).isoformat()
        for index, name in enumerate(_WEEKDAYS):
            if re.search(rf"\b{name}\b", lowered):
                back = (anchor.weekday() - index) % 7
                return (anchor - dt.timedelta(days=back)).isoformat()
    return None


def _year_for(month: int, day: int, anchor: dt.date | None) -> int | None:
    if anchor is None:
        return None
    try:
        candidate = dt.date(anchor.year, month, day)
    except ValueError:
        return None
    return anchor.year - 1 if candidate > anchor + dt.timedelta(days=31) else anchor.year


# ---------------------------------------------------------------------------------------
# Reading the parse (spaCy tokens are typed Any)
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Claim:
    """Who a sentence says a figure comes from, and the verb that says it."""

    text: str
    start: int
    end: int
    verb: Any
    head: tuple[int, int] | None = None
    """The characters of the claimant's head word, the only part resolved to an actor
    ("group" in "a Mabenian rights group", never "Mabenian"); None when the head can name
    no speaker (a place, a demonym)."""


def _root(tokens: Any) -> Any:
    """The token of a span whose head lies outside it (the last one if none)."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1]


def _counted_noun(doc: Any, tokens: Any, root: Any, skip: int = 0) -> Any | None:
    """The noun a number counts: "173 people", "five factories", "dozens of protesters",
    "173 dead", "1.2 billion Mabenian francs", "a 30-year concession" (→ year); ``skip``
    characters of a hedge after the number ("sixty or more protesters") are passed over."""
    end = tokens[-1].i + 1
    if skip:
        stop = tokens[-1].idx + len(tokens[-1].text) + skip
        while end < len(doc) and doc[end].idx < stop:
            end += 1
    saw_of = False
    for j in range(end, min(len(doc), end + 5)):
        token = doc[j]
        if token.lower_ in _DEAD_NOUNS and j == end:
            return token
        if token.tag_ in ("NN", "NNS", "NNPS") or token.pos_ == "NOUN":
            linked = token.i == root.head.i or token.head.i == root.i or _is_ancestor(token, root)
            return token if linked or saw_of else None
        if token.lower_ == "of" and not saw_of and j == end:
            saw_of = True
        elif not (
            token.pos_ == "ADJ"
            or token.dep_ in ("amod", "compound")
            or token.text == "-"
            or (token.pos_ == "DET" and saw_of)
        ):
            return None
    return None


def _anchor(noun: Any | None, tokens: Any, root: Any) -> Any:
    """The token whose place in the parse says what is counted: the counted noun, or the
    number itself for "dozens of people" and bare numbers."""
    if noun is None:
        return root
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.i in {t.i for t in tokens}
    ):
        return root
    return noun


def _is_ancestor(candidate: Any, token: Any) -> bool:
    return any(a.i == candidate.i for a in token.ancestors)


def _compact(token: Any) -> str:
    """A noun with its compounds and adjectives, without determiners: "world cobalt output"."""
    left = token.i
    for child in sorted(token.lefts, key=lambda t: -t.i):
        if (
            child.i == left - 1
            and child.dep_ in ("compound", "amod", "nmod")
            and child.pos_ not in ("NUM", "SYM")
            and not child.like_num
            and child.text not in ("%", "$")
        ):
            left = child.i
        else:
            break
    return str(token.doc[left : token.i + 1].text)


def _with_prep(token: Any) -> str:
    """A noun with its compounds and its first prepositional phrase: "rise in the price of
    petrol"."""
    head = _compact(token)
    for child in token.rights:
        if child.dep_ == "prep":
            return f"{head} {_phrase_text(token.doc, child.i, child.right_edge.i + 1)}"
    return head


def _phrase_text(doc: Any, start: int, end: int) -> str:
    """doc[start:end] cut before the first verb or punctuation (parse attachments of a
    following clause are not part of the phrase)."""
    stop = start + 1
    while stop < end and doc[stop].pos_ not in ("VERB", "AUX", "PUNCT"):
        stop += 1
    return str(doc[start:stop].text)


def _participle(verb: Any) -> str:
    """The participle of an event verb ("killed" for kill); "shot dead" keeps "dead"."""
    text = _EVENT_VERBS.get(verb.lemma_.lower())
    if text is None:
        text = verb.text.lower() if verb.tag_ in ("VBN", "VBD") else verb.lemma_.lower()
    for child in verb.rights:
        if child.dep_ in ("acomp", "oprd", "advmod") and child.lower_ in ("dead", "alive"):
            return f"{text} {child.lower_}"
    phrasal = _PHRASAL_EVENTS.get((verb.lemma_.lower(), _particle(verb)))
    return phrasal or str(text)


_PHRASAL_EVENTS = MappingProxyType(
    {
        ("take", "part"): "took part",
        ("force", "home"): "displaced",
        ("force", "flee"): "displaced",
        ("drive", "home"): "displaced",
    }
)
"""Verb + object/complement that say what happened to people: "took part" counts
participants, "forced from their homes" / "forced to flee" counts the displaced."""


def _particle(verb: Any) -> str:
    """The word that completes a phrasal event: the object ("part"), the noun of a "from"
    phrase ("homes" → home) or the verb of a "to" clause ("to flee")."""
    for child in verb.rights:
        if child.dep_ == "dobj":
            return str(child.lemma_.lower())
        if child.dep_ == "prep" and child.lower_ == "from":
            objects = [o for o in child.children if o.dep_ == "pobj"]
            if objects:
                return str(objects[0].lemma_.lower())
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            return str(child.lemma_.lower())
    return ""


def _subject_what(verb: Any) -> str | None:
    """What a clause is about from its subject: "the toll rose to 212" → killed."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            compact = _compact(child)
            lower = compact.lower()
            for toll, meaning in _TOLL_NOUNS.items():
                if lower.endswith(toll) and meaning:
                    return meaning
            lemma = verb.lemma_.lower()
            if lemma == "be":
                return compact
            return f"{compact} {lemma}" if lemma in _CHANGE_VERBS else None
    return None


def _what(anchor: Any, noun: Any | None, percent: bool) -> str | None:
    """What the figure counts, read from how its noun (or the number) sits in the parse."""
    base = _noun_event(noun)
    if base == "killed" and noun is not None and noun.i == anchor.i:
        return base  # "56 deaths and over 200 people injured": the dead stay dead
    for child in anchor.children:
        if child.dep_ in ("acl", "relcl", "amod") and child.tag_ in ("VBN", "VBD"):
            return _join_what(noun, _participle(child))
    if percent:
        return _percent_what(anchor)
    dep, head = anchor.dep_, anchor.head
    if dep == "conj" and head.i != anchor.i:
        if head.pos_ in ("VERB", "AUX"):
            if base is not None and head.lemma_.lower() not in _EVENT_VERBS:
                return base
            return _join_what(noun, _participle(head))
        return _what(head, noun, percent) if head.pos_ in ("NOUN", "NUM") else base
    if dep in ("nsubj", "nsubjpass"):
        if head.lemma_.lower() == "be":
            for child in head.children:
                if child.dep_ in ("attr", "acomp") and child.i != anchor.i:
                    return str(_DEAD_NOUNS.get(child.lower_, child.lemma_.lower()))
            return base
        return _join_what(noun, _participle(head))
    if dep == "dobj" and head.pos_ == "VERB":
        lemma = head.lemma_.lower()
        if lemma in _EVENT_VERBS:
            return _join_what(noun, _participle(head))
        return base or _subject_what(head)
    if dep == "pobj":
        return _pobj_what(anchor, noun) or base
    if dep == "attr" and head.lemma_.lower() == "be":
        return _subject_what(head) or base
    return base


def _noun_event(noun: Any | None) -> str | None:
    if noun is None:
        return None
    return _DEAD_NOUNS.get(noun.lower_)


def _join_what(noun: Any | None, event: str) -> str:
    """Noun and event ("soldiers wounded"), just the event for people ("killed")."""
    if noun is None or noun.lower_ in _PERSON_NOUNS or noun.lower_ in _DEAD_NOUNS:
        return event
    return f"{noun.text.lower()} {event}"


def _pobj_what(anchor: Any, noun: Any | None) -> str | None:
    """What a number in a prepositional phrase counts: "a population of 6 million" →
    population; "the toll rose to 212" → killed."""
    prep = anchor.head
    target = prep.head
    if prep.lower_ in ("including", "among") and target.pos_ == "NOUN":
        event = _what(target, target, False)
        return _join_what(noun, event) if event and target.lower_ in _PERSON_NOUNS else event
    if prep.lower_ == "of" and target.pos_ in ("NOUN", "PROPN"):
        compact = _compact(target)
        for toll, meaning in _TOLL_NOUNS.items():
            if compact.lower().endswith(toll) and meaning:
                return meaning
        if target.lower_ in ("figure", "number", "total", "tally"):
            return None
        return compact
    if target.pos_ in ("VERB", "AUX"):
        return _object_toll(target) or _subject_what(target)
    return None


def _object_toll(verb: Any) -> str | None:
    """ "raised the death toll to 212", "revised its count of the dead to 212" → killed."""
    for child in verb.children:
        if child.dep_ != "dobj":
            continue
        compact = _compact(child).lower()
        if any(compact.endswith(toll) and meaning for toll, meaning in _TOLL_NOUNS.items()):
            return "killed"
        if child.lower_ in ("count", "tally", "figure", "number"):
            dead = [t.lower_ for t in child.subtree if t.lower_ in _DEAD_NOUNS]
            return _DEAD_NOUNS[dead[0]] if dead else None
    return None


def _percent_what(anchor: Any) -> str | None:
    """What a percentage is of: "38% rise in the price of petrol"; "4% of world cobalt
    output" → "share of world cobalt output"."""
    for child in anchor.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                tail = _phrase_text(anchor.doc, objects[0].left_edge.i, objects[0].right_edge.i + 1)
                return f"share of {tail}"
    head = anchor.head
    if anchor.dep_ in ("compound", "nummod", "amod", "nmod") and head.pos_ == "NOUN":
        return _with_prep(head)
    if head.pos_ in ("VERB", "AUX") and anchor.dep_ in ("dobj", "npadvmod", "attr"):
        return _subject_what(head)
    if anchor.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX"):
        return _subject_what(head.head)
    return None


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


# ---------------------------------------------------------------------------------------
# Claimants and dates from the parse
# ---------------------------------------------------------------------------------------


def _claims(sentence: Any) -> list[_Claim]:
    """Every attribution of a sentence: "X said", "according to X", "X gave a toll of",
    "a toll given by X", "X's count"; only speaker-like claimants (see :func:`_claim_of`)."""
    found: list[_Claim | None] = []
    for token in sentence:
        if token.lower_ == "according":
            found.extend(_claim_of(obj, token) for obj in _according_objects(token))
        elif token.pos_ in ("VERB", "AUX") and _says(token):
            found.extend(_verb_claims(token))
        elif token.lemma_.lower() in _COUNT_NOUNS or token.lower_ in _REPORT_NOUNS:
            found.extend(_possessor_claim(token))
        if _closing_show(token):
            found.append(_claim_of(token.doc[token.i - 1], token))  # ", FEC records show."
        if (
            token.dep_ == "nsubj"
            and token.lemma_.lower() in _SOURCE_NOUNS
            and token.head.lemma_.lower() in _SOURCE_VERBS
            and not _says(token.head)
        ):
            found.append(_claim_of(token, token.head))  # "a poll by X had", "a survey gave"
    return [c for c in found if c is not None]


_SHOW_WORDS = frozenset(_words("show shows showed indicate indicates indicated suggest suggests"))


def _closing_show(token: Any) -> bool:
    """A sentence closed by "…, FEC records show." (the parser may take "show" for a noun):
    the source before it claims the sentence's figures."""
    if token.lower_ not in _SHOW_WORDS or token.i == 0:
        return False
    source = token.doc[token.i - 1]
    rest = token.doc[token.i + 1 : token.sent.end]
    return source.lemma_.lower() in _SOURCE_NOUNS and all(t.is_punct for t in rest)


def _says(verb: Any) -> bool:
    """A say verb; "give", "put", "raise", "revise" only of a count ("gave a toll of",
    "put the figure at", "raised its count to", "put it at"), never "raised prices"."""
    lemma = verb.lemma_.lower()
    if lemma in _FINDING_VERBS:
        return any(c.dep_ == "ccomp" for c in verb.children)
    if lemma not in _SAY_VERBS:
        return False
    if lemma not in _COUNT_VERBS:
        return True
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ in ("acl", "relcl"):
        objects.append(verb.head)  # "the toll given by", "the figure that X gave"
    return any(o.lemma_.lower() in _COUNT_NOUNS or o.lower_ == "it" for o in objects)


def _verb_claims(verb: Any) -> Iterator[_Claim | None]:
    """The claimant of a say verb: its subject, the agent of a passive ("a toll given by
    X"), else a subject the parser lost (:func:`_orphan_subject`)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    for child in subjects:
        if child.dep_ == "nsubj" and child.lemma_.lower() not in _NOT_CLAIMANTS:
            yield _claim_of(child, verb)
    for child in verb.children:
        if child.dep_ == "agent":
            yield from (_claim_of(o, verb) for o in child.children if o.dep_ == "pobj")
    if not subjects and verb.dep_ == "dep":
        orphan = _orphan_subject(verb)
        if orphan is not None and orphan.lemma_.lower() not in _NOT_CLAIMANTS:
            yield _claim_of(orphan, verb)
    if (
        not subjects
        and verb.dep_ in ("advcl", "xcomp")
        and verb.tag_ == "VBG"
        and any(c.dep_ == "ccomp" for c in verb.children)
    ):
        # "Clyburn invoked an anecdote, recalling how …": the participle's speaker is the
        # subject of the clause it hangs on (only a participle with a clause of what was
        # said: "…, publicly revealing a crack" claims nothing)
        for child in verb.head.children:
            if child.dep_ == "nsubj" and child.lemma_.lower() not in _NOT_CLAIMANTS:
                yield _claim_of(child, verb)


def _according_objects(token: Any) -> Iterator[Any]:
    for prep in token.children:
        if prep.lower_ == "to":
            yield from (obj for obj in prep.children if obj.dep_ == "pobj")


def _possessor_claim(noun: Any) -> Iterator[_Claim | None]:
    """ "the ministry's latest count is 212", "by the ministry's toll": the possessor
    claims; its verb is the clause the count is the subject of (else the count)."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in _PRONOUNS | {"its", "their", "his", "her"}:
            verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else noun
            yield _claim_of(child, verb)


def _claim_of(subject: Any, verb: Any) -> _Claim | None:
    """The claimant as written: the subject without relative clauses, appositions or a
    possessive ending; None when it is no speaker: a dateline ("AMAKORO, Mabenia — the
    IMF said" gives the IMF), a place or demonym ("Mabenian"), an inanimate source
    ("documents show") unless something names who made it ("documents published by the
    Sentinel" gives the Sentinel)."""
    if _is_dateline(subject):
        after = _after_dateline(subject)
        return _claim_of(after, verb) if after is not None else None
    named = subject.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in subject.lefts
    )  # "St. Pete Polls" is an organisation, not a source
    if subject.lemma_.lower() in _SOURCE_NOUNS and not named:
        maker = _maker(subject) or _source_owner(subject)
        return _claim_of(maker, verb) if maker is not None else None
    if not _speaker_like(subject):
        return None
    start, end = subject.left_edge.i, subject.i + 1
    for child in subject.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "advcl", "case"):
            break
        end = child.right_edge.i + 1
    span = _trimmed(subject.doc[start:end])
    opened = [t.i for t in span if t.text == "(" and t.i > subject.i]
    if opened and not any(t.text == ")" for t in subject.doc[opened[0] : span.end]):
        span = _trimmed(subject.doc[start : opened[0]])  # never "The League (LMDH"
    head: tuple[int, int] | None = (int(subject.idx), int(subject.idx + len(subject.text)))
    if subject.ent_type_ in _PLACE_ENTITIES:
        head = None  # "Mabenia said": the government speaks, no place is a claimant actor
    return _Claim(str(span.text), int(span.start_char), int(span.end_char), verb, head)


def _trimmed(span: Any) -> Any:
    """A span without trailing punctuation or possessive ending."""
    while len(span) > 1 and (span[-1].is_punct or span[-1].dep_ == "case"):
        span = span[:-1]
    return span


def _is_dateline(token: Any) -> bool:
    """The first word of a sentence in capitals and followed by a comma or dash
    ("AMAKORO, Mabenia —", "LONDON —"): a dateline the parser took for a subject."""
    doc = token.doc
    if token.left_edge.i != token.sent.start or not token.text.isupper() or len(token) < 3:
        return False
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return nxt is not None and nxt.text in (",", "—", "–", "-", "(")


def _after_dateline(subject: Any) -> Any | None:
    """The real subject the parser hung under a dateline: the highest word after its dash
    ("AMAKORO, Mabenia — The League said" gives League), else an apposition."""
    tokens = list(subject.subtree)
    dash = next((t for t in tokens if t.text in ("—", "–", "-", "--")), None)
    if dash is not None:
        inside = {t.i for t in tokens if t.i > dash.i}
        tops = [t for t in tokens if t.i in inside and t.head.i not in inside and not t.is_punct]
        return tops[0] if tops else None
    apposed = [c for c in subject.children if c.dep_ == "appos"]
    return apposed[0] if apposed else None


def _orphan_subject(verb: Any) -> Any | None:
    """The subject of a say verb the parser left hanging (dep ``dep``: "The League, whose
    count had been higher than the government's, said ..."): the sentence's first
    subject before the verb, unless a pronoun or relative word."""
    for token in verb.sent:
        if token.i >= verb.i:
            return None
        if token.dep_ in ("nsubj", "nsubjpass") and token.tag_ not in _WH_TAGS:
            return None if token.lower_ in _PRONOUNS else token
    return None


def _maker(source: Any) -> Any | None:
    """Who made an inanimate source: the agent of "published/obtained/seen by X"."""
    for child in source.subtree:
        by = child.dep_ == "prep" and child.head.i == source.i and child.lower_ in ("by", "from")
        if child.dep_ == "agent" or by:
            objects = [o for o in child.children if o.dep_ == "pobj"]
            if objects and (
                objects[0].lemma_.lower() not in _SOURCE_NOUNS or objects[0].pos_ == "PROPN"
            ):
                return objects[0]  # "a poll by St. Pete Polls" names its maker
    return None


def _source_owner(source: Any) -> Any | None:
    """The organisation or person named in front of a source ("FEC records", "USA TODAY
    Network articles"): the last proper noun or acronym of its compounds."""
    names = [
        c
        for c in source.lefts
        if c.dep_ == "compound" and (c.pos_ == "PROPN" or _ACRONYM.fullmatch(c.text))
    ]
    return names[-1] if names and _speaker_like(names[-1]) else None


_ACRONYM = re.compile(r"[A-Z][A-Z&.]{1,7}")
"""An acronym the tagger may take for a common noun ("FEC records")."""


def _speaker_like(token: Any) -> bool:
    """Whether a claimant's head word can name who speaks: a person, organisation, body
    or described source ("officials", "a rights group"), not a place ("the country") or
    an adjective ("Mabenian"; bare demonym nouns are left out by :func:`_demonym_claim`)."""
    if token.lower_ == "old" and token.i >= 2 and token.doc[token.i - 2].lower_ == "year":
        return True  # "the 81-year-old said"
    if token.ent_type_ in _NON_SPEAKER_ENTITIES:
        return False
    if token.pos_ == "ADJ" or token.lemma_.lower() in _PLACE_NOUNS:
        return False
    return token.pos_ in ("NOUN", "PROPN", "PRON")


def _distance(a: Any, b: Any) -> int:
    """Number of arcs between two tokens of one parse tree."""
    up = {a.i: 0}
    for depth, ancestor in enumerate(a.ancestors, 1):
        up[ancestor.i] = depth
    if b.i in up:
        return up[b.i]
    for depth, ancestor in enumerate(b.ancestors, 1):
        if ancestor.i in up:
            return depth + up[ancestor.i]
    return 1000


def _best_claim(claims: Sequence[_Claim], number: Any) -> _Claim | None:
    """The claim nearest the number in the tree, never one whose subject is the number."""
    usable = [c for c in claims if not (c.start <= number.idx < c.end)]
    if not usable:
        return None
    return min(usable, key=lambda c: _distance(number, c.verb))


def _verb_of(token: Any) -> Any | None:
    """The nearest verb above a token (the clause it belongs to)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


def _as_of(sentence: Any, number: Any, claim: _Claim | None, anchor: dt.date | None) -> str | None:
    """The date a figure is stated for: "as of <date>", else a date of the claim verb,
    else a date in the figure's own clause. Dates after "since", "from", "until" are
    periods, not as-of dates."""
    clause = _verb_of(number)
    best: tuple[int, str] | None = None
    for ent in sentence.ents:
        if ent.label_ != "DATE" or ent.start <= number.i < ent.end:
            continue
        before = sentence.doc[max(ent.start - 2, 0) : ent.start].text.lower()
        if re.search(r"\b(?:since|from|until|till|before|after|between|by)$", before):
            continue
        value = date_value(ent.text, anchor)
        if value is None:
            continue
        owner = _verb_of(ent.root)
        rank = 3
        if re.search(r"\bas\s+(?:of|at)$", before):
            rank = 0
        elif claim is not None and owner is not None and owner.i == claim.verb.i:
            rank = 1
        elif clause is not None and owner is not None and owner.i == clause.i:
            rank = 2
        if rank < 3 and (best is None or rank < best[0]):
            best = (rank, value)
    return best[1] if best else None


# ---------------------------------------------------------------------------------------
# Token-level filters
# ---------------------------------------------------------------------------------------


def _token_says_no(doc: Any, tokens: Any, phrase: NumberPhrase, noun: Any | None) -> bool:
    """Filters that need the parse: names ("S&P 500"), calendar dates, years, the pronoun
    "one", ages in apposition ("Dossavi, 68,")."""
    entity = {t.ent_type_ for t in tokens}
    marked = (
        phrase.currency is not None
        or phrase.percent is not None
        or phrase.suffix.lower() in _UNIT_SUFFIXES
    )
    duration = noun is not None and noun.lemma_.lower() in _TIME_UNITS
    if entity & _BAD_ENTITIES and not marked:
        return True
    calendar = phrase.value.is_integer() and (phrase.value <= 31 or _yearish(phrase.value))
    dated = bool(entity & {"DATE", "TIME"})
    if dated and calendar and not marked and not duration:
        return True
    if phrase.plain and _yearish(phrase.value) and (noun is None or dated):
        return True
    first = tokens[0]
    previous = doc[first.i - 1] if first.i > 0 else None
    if previous is not None and previous.pos_ == "PROPN" and noun is None and not marked:
        return True  # a name with a number: "S&P 500", "Big 12", "Game 6"
    if phrase.words and first.lower_ == "one" and len(tokens) == 1:
        nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
        if first.dep_ != "nummod" or nxt is None or nxt.lower_ in ("of", "point", "time", "day"):
            return True
    return _apposed_age(doc, tokens, phrase, noun)


def _apposed_age(doc: Any, tokens: Any, phrase: NumberPhrase, noun: Any | None) -> bool:
    """An age in apposition to a name: "Dossavi, 68, has not appeared", "Kara (52)"."""
    if noun is not None or not phrase.plain or not 10 <= phrase.value <= 110:
        return False
    first, last = tokens[0].i, tokens[-1].i
    if first < 2 or last + 1 >= len(doc):
        return False
    opener, name, closer = doc[first - 1], doc[first - 2], doc[last + 1]
    paired = (opener.text, closer.text) in ((",", ","), ("(", ")"), (",", "."))
    return paired and (name.ent_type_ == "PERSON" or name.pos_ == "PROPN" or name.is_title)


# ---------------------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------------------


def _anchor_date(ctx: Context) -> dt.date | None:
    anchor = ctx.anchor
    if anchor is None or anchor.day is None:
        return None
    return anchor.as_date()


def extract_figures(ctx: Context, resolve: ActorLookup) -> tuple[Figure, ...]:
    """Every figure the document states, in text order, with evidence."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    gazetteer = _gazetteer(ctx.extra_places)
    anchor = _anchor_date(ctx)
    figures: list[Figure] = []
    last_claim: _Claim | None = None
    for start, end in ctx.sentences:
        sentence = doc.char_span(start, end, alignment_mode="expand")
        if sentence is None or len(sentence) == 0:
            continue
        claims = [c for c in _claims(sentence) if not _demonym_claim(c, text, gazetteer)]
        explicit = [c for c in claims if c.text.lower() not in _PRONOUNS]
        claims = [_inherit(c, explicit, last_claim) for c in claims]
        figures.extend(_sentence_figures(ctx, sentence, (start, end), claims, anchor, resolve))
        if explicit:
            last_claim = explicit[-1]
    return tuple(figures)


@lru_cache(maxsize=4)
def _gazetteer(extra: tuple[ExtraPlace, ...]) -> Gazetteer:
    return Gazetteer.build(extra)


def _demonym_claim(claim: _Claim, text: str, gazetteer: Gazetteer) -> bool:
    """A claimant that is a bare singular demonym ("Mabenian"): no speaker. Plurals
    ("Mabenians said") are people and stay."""
    words = [text[claim.head[0] : claim.head[1]]] if claim.head else []
    words.append(re.sub(r"^(?:the|a|an)\s+", "", claim.text, flags=re.IGNORECASE))
    return any(not w.lower().endswith("s") and gazetteer.demonym(w) for w in words)


def _inherit(claim: _Claim, explicit: Sequence[_Claim], last: _Claim | None) -> _Claim:
    """A pronoun claimant stands for the named claimant whose verb governs it in the same
    sentence ("the League said it had recorded 236"), else for the last named claimant
    before it ("it said")."""
    if claim.text.lower() not in _PRONOUNS:
        return claim
    governing = [c for c in explicit if _is_ancestor(c.verb, claim.verb)]
    source = governing[-1] if governing else last
    return replace(source, verb=claim.verb) if source is not None else claim


def _sentence_figures(
    ctx: Context,
    sentence: Any,
    bounds: tuple[int, int],
    claims: Sequence[_Claim],
    anchor: dt.date | None,
    resolve: ActorLookup,
) -> Iterator[Figure]:
    """The figures of one sentence ([start, end) of the clean text)."""
    doc = ctx.doc
    offset = bounds[0]
    text = doc_text(doc)[offset : bounds[1]]
    previous: Figure | None = None
    pending: tuple[Figure, int] | None = None
    for phrase in scan_numbers(text):
        if not_a_figure(text, phrase):
            continue
        tokens = doc.char_span(offset + phrase.start, offset + phrase.end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            continue
        found = _Found(phrase, tokens, text, offset)
        figure = _figure(ctx, sentence, found, claims, anchor, resolve)
        if figure is None:
            continue
        if previous is not None and _SUBSET_AFTER.match(text[phrase.end :]):
            figure = _subset_of(figure, previous)
        elif previous is not None and previous.unit not in _CHANGE_UNITS and figure.unit is None:
            between = text[previous.span.end - offset : phrase.start]
            if len(between) <= 60 and _COMPARED_BETWEEN.search(between):
                figure = replace(figure, unit=previous.unit)
        if pending is not None:
            between = text[pending[1] : phrase.start]
            first = pending[0]
            if first.unit is None and figure.unit and _SHARED_UNIT_BETWEEN.match(between):
                first = replace(first, unit=figure.unit)
            yield first
        pending = (figure, phrase.end)
        previous = figure
    if pending is not None:
        yield pending[0]


_SHARED_UNIT_BETWEEN = re.compile(r"(?i)^\s*(?:-\s*)?(?:to|or|and|-|–)\s*$")
"""Two numbers joined so that the unit is written once ("13.5 to 14.0 mm", "a 7- or
8-inch screen"): the first takes the second's unit."""


_CHANGE_UNITS = frozenset({None, "percent", "percentage point", "basis point"})
"""Units of a change rather than of a level: "fell 0.4 per cent to 13,176" does not make
the index level a percentage."""
_COMPARED_BETWEEN = re.compile(
    r"(?i)(?:\b(?:from|to|than|versus|vs\.?|against|compared\s+(?:with|to)|while|whereas)"
    r"|\band\s*$)"
)
"""Words that set a unit-less number against the figure before it in its sentence ("3.9
million headsets, up from 2.4 million", "rose 64 points to 4,577", "435 homes by open sale
and 187 by tender"): the number counts in the same unit."""


_SUBSET_AFTER = re.compile(r"(?i)^\s+of\s+(?:them|whom|those|these|which)\b")
"""A number counting part of the one before ("73 detained, 19 of them students")."""


def _subset_of(figure: Figure, whole: Figure) -> Figure:
    """A part of an earlier figure of its sentence counts what the whole counts, in its
    unit, when its own parse says nothing else."""
    return replace(
        figure,
        what=figure.what or whole.what,
        unit=figure.unit or whole.unit,
        claimed_by=figure.claimed_by or whole.claimed_by,
        claimed_by_text=figure.claimed_by_text or whole.claimed_by_text,
        as_of=figure.as_of or whole.as_of,
    )


@dataclass(frozen=True)
class _Found:
    """A number phrase of a sentence and its tokens."""

    phrase: NumberPhrase
    tokens: Any
    text: str
    """The sentence text."""
    offset: int
    """Where the sentence starts in the clean text."""


def _figure(
    ctx: Context,
    sentence: Any,
    found: _Found,
    claims: Sequence[_Claim],
    anchor: dt.date | None,
    resolve: ActorLookup,
) -> Figure | None:
    """One Figure from a number phrase, or None when the parse says it is no figure."""
    doc, phrase, tokens, text, offset = (
        ctx.doc,
        found.phrase,
        found.tokens,
        found.text,
        found.offset,
    )
    root = _root(tokens)
    hedge, took_before, took_after = qualifier_match(text[: phrase.start], text[phrase.end :])
    noun = None if phrase.percent else _counted_noun(doc, tokens, root, took_after)
    if _token_says_no(doc, tokens, phrase, noun):
        return None
    if phrase.vague and hedge == "exact":
        hedge = "approx"
    after = noun.idx + len(noun.text) if noun is not None else offset + phrase.end
    right_after = doc_text(doc)[offset + phrase.end : offset + phrase.end + 40]
    unit = _unit(noun, phrase, doc_text(doc)[after : after + 40], right_after)
    what = _what(_anchor(noun, tokens, root), noun, phrase.percent is not None)
    if what is None and noun is not None and phrase.currency and unit != _noun_unit(noun):
        what = _compact(noun)
    if unit is None and what in _EVENT_VERBS.values():
        unit = "person"
    claim = _best_claim(claims, root)
    start = offset + phrase.start - took_before
    end = offset + phrase.end + took_after
    return Figure(
        span=ctx.span(start, end),
        value=phrase.value,
        low=phrase.low,
        high=phrase.high,
        qualifier=hedge,
        unit=unit,
        what=what,
        claimed_by=resolve(*claim.head) if claim and claim.head else None,
        claimed_by_text=claim.text if claim else None,
        as_of=_as_of(sentence, root, claim, anchor),
        evidence=ctx.evidence(start, end, STAGE),
    )
