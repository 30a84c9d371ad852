"""Values and quantities of figures: the quantity vocabulary, amounts as intervals and when
two are compatible, normalised ``what`` and units, claimant keys.

See :mod:`newsweave.resolve.claims` for how figures become claims."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from importlib import resources

import yaml

from newsweave.resolve.events import EntityLookup, normalise_name

APPROX_TOLERANCE = 0.1
"""``approx`` ("about 4,000") covers ±10 %."""
NEARLY_TOLERANCE = 0.1
"""``nearly`` ("nearly 4,000") covers the 10 % just below the value."""
SAME_TIME_DAYS = 1
"""Claims stated within this many days of each other speak of the same moment."""
JOIN_DAYS = 7
"""A dated figure joins a claim first stated at most this many days away."""
TRUSTED_AS_OF_DAYS = 7
"""An ``as_of`` more than this many days before publication dates the happening the
figure counts, not the figure; the publication date is used instead."""
MAX_CONFLICT_RATIO = 3.0
"""Values further apart than this factor count different things."""


@dataclass(frozen=True)
class Quantity:
    """One entry of the quantity vocabulary (``resolve/data/quantities.yaml``)."""

    key: str
    people: bool
    """Counts people: its unit is ``person`` and different values conflict."""
    words: frozenset[str]
    units: frozenset[str]
    phrase: str = ""
    """How an answer says it: "killed" in "212 people killed"."""


def _load_quantities() -> dict[str, Quantity]:
    text = resources.files("newsweave.resolve").joinpath("data/quantities.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {
        key: Quantity(
            key,
            bool(entry.get("people")),
            frozenset(str(w).lower() for w in entry.get("words", ())),
            frozenset(str(u).lower() for u in entry.get("units", ())),
            str(entry.get("phrase", "")),
        )
        for key, entry in data["quantities"].items()
    }


QUANTITIES: dict[str, Quantity] = _load_quantities()
"""The vocabulary of what claims count (data: ``resolve/data/quantities.yaml``)."""

SUBGROUPS: dict[str, str] = {
    str(k).lower(): str(v)
    for k, v in yaml.safe_load(
        resources.files("newsweave.resolve").joinpath("data/quantities.yaml").read_text("utf-8")
    )["subgroups"]["nouns"].items()
}
"""Groups of people counted apart from a toll, lemma → plural (``quantities.yaml``)."""

COUNT_QUANTITIES = frozenset(k for k, q in QUANTITIES.items() if q.people)
"""Quantities that count people (their unit is always ``person``); only these conflict."""

_WORD_TO_QUANTITY = {word: q.key for q in QUANTITIES.values() for word in q.words}
_UNIT_TO_QUANTITY = {unit: q.key for q in QUANTITIES.values() for unit in q.units}
_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


def word_quantity(word: str) -> str | None:
    """The quantity one lower-case word names ("died" → deaths), or None."""
    return _WORD_TO_QUANTITY.get(word)


_VAGUE = frozenset({"dozens", "scores", "hundreds", "thousands", "millions", "billions"})
VAGUE_FACTOR = 6.0
"""A plural round number ("dozens") means its lowest value (24) up to this times it."""
_QUALIFIER_RANK = {"exact": 0, None: 0, "approx": 1, "nearly": 2}


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Amount:
    """A stated value with its hedge, as :func:`compatible` reads it."""

    value: float
    qualifier: str | None = "exact"
    low: float | None = None
    high: float | None = None
    vague: bool = False
    """A plural round number ("dozens", "thousands"): ``value`` is its lower end."""


@dataclass(frozen=True)
class Interval:
    """The values an Amount allows, with open or closed ends."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        """Whether some value lies in both."""
        return self.intersect(other) is not None

    def intersect(self, other: Interval) -> Interval | None:
        """The values in both, or None."""
        low, low_open = max((self.low, self.low_open), (other.low, other.low_open))
        high, high_open = min((self.high, not self.high_open), (other.high, not other.high_open))
        high_open = not high_open
        if low > high or (low == high and (low_open or high_open)):
            return None
        return Interval(low, high, low_open, high_open)


def interval(amount: Amount) -> Interval:
    """The values an amount allows: exact itself, approx ±10 %, at_least [v, ∞), more_than
    (v, ∞), at_most/up_to [0, v], less_than [0, v), nearly [0.9v, v]; a range low..high."""
    v = amount.value
    if amount.low is not None and amount.high is not None:
        return Interval(amount.low, amount.high)
    if amount.vague:
        return Interval(v, v * VAGUE_FACTOR)
    q = amount.qualifier
    bounds = {
        "at_least": Interval(v, math.inf),
        "more_than": Interval(v, math.inf, low_open=True),
        "at_most": Interval(0.0, v),
        "up_to": Interval(0.0, v),
        "less_than": Interval(0.0, v, high_open=True),
        "nearly": Interval(v * (1 - NEARLY_TOLERANCE), v),
        "approx": Interval(v * (1 - APPROX_TOLERANCE), v * (1 + APPROX_TOLERANCE)),
    }
    if q in bounds:
        return bounds[q]
    return Interval(v, v)


def compatible(a: Amount, b: Amount) -> bool:
    """Whether two statements can both be true of one quantity at one time."""
    return interval(a).overlaps(interval(b))


def is_vague(text: str) -> bool:
    """Whether a figure's text is a plural round number ("dozens", "tens of thousands")."""
    words = normalise_name(text).split()
    return bool(words) and words[-1] in _VAGUE


# --------------------------------------------------------------------------- quantities


def normalise_what(what: str | None, unit: str | None = None) -> str | None:
    """The quantity a figure counts: a key of :data:`QUANTITIES` when a word of ``what``
    names one (the last such word: the event of "soldiers wounded" decides, not its noun;
    "mabenians killed" → deaths), else the normalised phrase; when ``what`` is empty, the
    quantity its counted noun names ("212 bodies" → deaths, "114 seats" → seats), ``money``
    for a currency and ``share`` for a percentage; None when nothing says."""
    phrase = normalise_name(what)
    if phrase:
        named = [_WORD_TO_QUANTITY[w] for w in phrase.split() if w in _WORD_TO_QUANTITY]
        return named[-1] if named else phrase
    if not unit:
        return None
    lemma = unit.strip()
    if _CURRENCY_CODE.match(lemma):
        return "money"
    if lemma.lower() in ("percent", "%", "per cent"):
        return "share"
    return _UNIT_TO_QUANTITY.get(lemma.lower())


def normalise_unit(unit: str | None, quantity: str | None) -> str | None:
    """``person`` for counts of people (the group's noun for a subgroup: ``child``); else
    the lower-cased unit with "%" as percent."""
    if quantity in COUNT_QUANTITIES:
        noun = (unit or "").strip().lower()
        return noun if noun in SUBGROUPS else "person"
    if not unit:
        return None
    text = unit.strip().lower()
    return "percent" if text in ("%", "per cent", "pct") else text


def claimant_key(actor_id: str | None, text: str | None, lookup: EntityLookup) -> str | None:
    """Who claims a figure: its entity when known, else its normalised description."""
    if actor_id:
        return "e:" + lookup(actor_id)
    name = normalise_name(re.split(r"[(\[]", text or "")[0])
    return "n:" + name if name else None
