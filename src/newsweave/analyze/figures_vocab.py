"""Figures: the word lists and tables the figure readers share (numbers, currencies,
units, counted nouns, event verbs, say verbs, labels, months). Read-only."""

from __future__ import annotations

from types import MappingProxyType

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
        "krone": "",
        "kroner": "",
        "krona": "",
        "kronor": "",
        "crown": "",
        "koruna": "",
        "kuna": "HRK",
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
        "danish": "DKK",
        "norwegian": "NOK",
        "swedish": "SEK",
        "czech": "CZK",
        "icelandic": "ISK",
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
        "ppb": "part per billion",
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
        "kn": "HRK",
        "ppm": "part per million",
    }
)
_UPPER_ONLY = frozenset(_words("war td tds"))
"""Abbreviations that are English words in lower case ("war", "sen" aside): read as a
unit after a number only when written in capitals ("0.4 WAR", "2 TDs")."""
_WEIGHT_CUES = frozenset(
    _words(
        "weigh weighs weighed weighing weight weights heavy heavier lighter lose loses lost "
        "losing shed sheds shedding gain gains gained gaining drop drops dropped dropping "
        "tall pound-for-pound overweight obese scale"
    )
)
"""Words of a sentence that make "pounds" a weight ("dropped from 208 pounds to 193", "6
feet tall and 240 pounds"), unless the amount is in millions or written with "£"."""
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
        "hurt": "injured",
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
        "drown": "drowned",
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
