"""Figures quality on NewsQuant (590 news sentences, 904 annotated quantities).

NewsQuant gives, per sentence, each quantity's value (``"6.0"``, a range ``"252.0-287.0"``),
change (``=``, ``~``, ``>``, ``<``, ``up``, ``down``) and normalised unit, but no character
offsets. So each gold quantity is first *located*: the first unused number literal of the
sentence (digits or number words) whose value, times 1, 10³, 10⁶, 10⁹ or 10¹², equals the
gold value (or one end of a gold range). A figure of ours *finds* a located quantity when
its span overlaps the literal (one-to-one, first come); a quantity that cannot be located
(about 5%) is found by a figure with an equal value. Metrics (system ``newsweave``):

* ``recall``: found quantities / gold quantities;
* ``precision``: our figures that found a quantity / our figures (NewsQuant marks every
  quantity of a sentence, including durations and ages, which we skip);
* ``f1``;
* ``value_accuracy``: among found quantities, our value equals the gold value (a gold range
  is matched by our low/high, or by a value equal to one of its ends);
* ``unit_accuracy``: among found quantities, our unit mapped to NewsQuant's vocabulary
  equals the gold ``normalized_unit`` (or has the same last word: ``vehicle`` for
  ``Kia Hyundai vehicle``; a missing unit matches ``-``);
* ``qualifier_accuracy``: among found quantities whose gold change is ``=``, ``~``, ``>`` or
  ``<``: ``=`` ↔ exact, ``~`` ↔ approx, ``>`` ↔ more_than/at_least, ``<`` ↔
  less_than/at_most/up_to/nearly.

Unit mapping (ours → NewsQuant): ``percent`` and ``percentage point`` → ``percentage``;
``person`` → ``people``; ``time`` ("four times") → ``count``; ``tonne`` → ``metric ton``,
``gigatonne`` → ``gigaton``, ``penny`` → ``point``
(NewsQuant's reading of the pence sign "p"); ISO currency codes → names
(USD → ``dollar``, EUR → ``euro``, GBP → ``pound sterling``, JPY → ``japanese yen``,
CNY → ``chinese yuan``, AUD → ``australian dollar``, … see ``CURRENCY_NAMES``);
``X per Y`` maps both sides (``USD per barrel`` → ``dollar per barrel``); counted-noun
lemmas and unit names (``mile``, ``kilometre``, ``mile per hour``) are compared as they
are, after a crude singular form ("feet" → "foot", their "foot pound-force" →
"pound-foot") and without inner spaces or hyphens ("touch down" = "touchdown"); no unit →
``-``.

For comparison, ``spacy (plain)`` rows give the recall/precision/F1 of spaCy's own
CARDINAL, MONEY, PERCENT and QUANTITY entities under the same span matching.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from newsweave.analyze.figures import MULTIPLIERS, WORD_VALUES, extract_figures
from newsweave.evaluate.harness import Row
from newsweave.model import Document, Role, Segment, content_id
from newsweave.model.facts import Figure

TASK = "figures"
SYSTEM = "newsweave"
BASELINE = "spacy (plain)"
BASELINE_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})

CURRENCY_NAMES = MappingProxyType(
    {
        "USD": "dollar",
        "EUR": "euro",
        "GBP": "pound sterling",
        "JPY": "japanese yen",
        "CNY": "chinese yuan",
        "AUD": "australian dollar",
        "CAD": "canadian dollar",
        "HKD": "hong kong dollar",
        "NZD": "new zealand dollar",
        "SGD": "singapore dollar",
        "MYR": "malaysian ringgit",
        "ILS": "shekel",
        "INR": "indian rupee",
        "ZAR": "south african rand",
        "NGN": "nigerian naira",
        "GHS": "ghanaian cedi",
        "KES": "kenyan shilling",
        "CHF": "swiss franc",
        "KRW": "south korean won",
        "XOF": "west african cfa franc",
        "BRL": "brazilian real",
        "RUB": "russian ruble",
        "TRY": "turkish lira",
        "DKK": "danish krone",
        "NOK": "norwegian krone",
        "SEK": "swedish krona",
        "CZK": "czech koruna",
        "ISK": "icelandic krona",
        "HRK": "croatian kuna",
    }
)
_THEIR_NAMES = MappingProxyType(
    {
        "tonne": "metric ton",
        "gigatonne": "gigaton",
        "penny": "point",
    }
)
"""Unit names NewsQuant spells otherwise. Its normaliser reads the pence sign of share
prices ("down 68 p") as "point", so our ``penny`` is compared as that."""
_SPELLINGS = MappingProxyType(
    {"feet": "foot", "parts": "part", "pound-force": "pound-foot", "pound-feet": "pound-foot"}
)
"""Irregular plurals NewsQuant keeps in its unit names ("square feet"), and its second
name of a torque unit ("foot pound-force" = "pound-foot")."""
_SCALES = (1.0, 1e3, 1e6, 1e9, 1e12)
_LITERAL = re.compile(
    r"(?i)(?:\d[\d,]*(?:\.\d+)?|\.\d+|\b(?:"
    + "|".join([*WORD_VALUES, *MULTIPLIERS, "half", "third", "quarter"])
    + r")\b)"
)
_GOLD_VALUE = re.compile(r"^(-?[\d.]+(?:E-?\d+)?)(?:-(-?[\d.]+(?:E-?\d+)?))?$", re.I)


@dataclass(frozen=True)
class Gold:
    """One annotated quantity."""

    values: tuple[float, ...]
    """The value, or the two ends of a range."""
    change: str
    unit: str


@dataclass(frozen=True)
class Item:
    text: str
    quantities: tuple[Gold, ...]


@dataclass(frozen=True)
class Found:
    """A span of ours (start, end) and, for newsweave, the figure."""

    start: int
    end: int
    figure: Figure | None


@dataclass
class Tally:
    """Counts over the whole set (one per system)."""

    gold: int = 0
    predicted: int = 0
    found: int = 0
    value_ok: int = 0
    unit_ok: int = 0
    hedged: int = 0
    hedge_ok: int = 0

    def rows(self, system: str, full: bool) -> list[Row]:
        recall = self.found / self.gold if self.gold else 0.0
        precision = self.found / self.predicted if self.predicted else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows = [
            Row(TASK, system, "recall", recall),
            Row(TASK, system, "precision", precision),
            Row(TASK, system, "f1", f1),
        ]
        if full:
            found = self.found or 1
            rows += [
                Row(TASK, system, "value_accuracy", self.value_ok / found),
                Row(TASK, system, "unit_accuracy", self.unit_ok / found),
                Row(TASK, system, "qualifier_accuracy", self.hedge_ok / (self.hedged or 1)),
            ]
        return rows


def load(data_dir: Path, limit: int | None = None) -> list[Item]:
    """The NewsQuant sentences (``data_dir/newsquant/NewsQuant.json``)."""
    path = data_dir / "newsquant" / "NewsQuant.json"
    data: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))
    items = [
        Item(
            entry["text"],
            tuple(
                Gold(gold_values(q["value"]), q["change"], q["normalized_unit"])
                for q in entry["quantities"]
            ),
        )
        for entry in data
    ]
    return items[:limit] if limit else items


def gold_values(text: str) -> tuple[float, ...]:
    """``"6.0"`` → (6.0,); ``"252.0-287.0"`` → (252.0, 287.0); ``"-233"`` → (-233.0,)."""
    match = _GOLD_VALUE.match(text.strip())
    if not match:
        return ()
    return tuple(float(v) for v in match.groups() if v is not None)


def literal_value(text: str) -> float | None:
    """The value of a number literal as written (no scale): "4,000", "3.5", "eight"."""
    lowered = text.lower()
    if lowered in WORD_VALUES:
        return WORD_VALUES[lowered]
    if lowered in MULTIPLIERS:
        return MULTIPLIERS[lowered]
    if lowered in ("half", "third", "quarter"):
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def locate(text: str, gold: Gold, used: set[int]) -> tuple[int, int] | None:
    """Where a gold quantity is in the sentence: the first unused literal whose value (up
    to a scale) equals the gold value or an end of the gold range."""
    for match in _LITERAL.finditer(text):
        if match.start() in used:
            continue
        value = literal_value(match.group())
        if value is None:
            continue
        for target in gold.values:
            if any(_close(abs(value) * s, abs(target)) for s in _SCALES):
                used.add(match.start())
                return (match.start(), match.end())
    return None


def value_ok(figure: Figure, gold: Gold) -> bool:
    """Our value against the gold value (see the module docstring)."""
    if len(gold.values) == 2:
        if figure.low is not None and figure.high is not None:
            ends = sorted(gold.values)
            if _close(figure.low, ends[0]) and _close(figure.high, ends[1]):
                return True
        return any(_close(figure.value, v) for v in gold.values)
    return bool(gold.values) and _close(figure.value, gold.values[0])


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def their_unit(unit: str | None) -> str:
    """Our unit in NewsQuant's vocabulary (see the module docstring)."""
    if unit is None:
        return "-"
    parts = [p.strip() for p in unit.split(" per ")]
    mapped = [_one_unit(p) for p in parts]
    return " per ".join(mapped)


def _one_unit(unit: str) -> str:
    if unit in CURRENCY_NAMES:
        return CURRENCY_NAMES[unit]
    if unit in ("percent", "percentage point"):
        return "percentage"
    if unit == "person":
        return "people"
    if unit == "time":
        return "count"
    if unit in _THEIR_NAMES:
        return _THEIR_NAMES[unit]
    return " ".join(_singular(w) for w in unit.lower().split())


def _spelling(unit: str) -> str:
    """A unit name without the spaces and hyphens inside it ("touch down" = "touchdown")."""
    return re.sub(r"[\s-]+", "", re.sub(r"\bparts\b", "part", unit))


def unit_ok(figure: Figure, gold: Gold) -> bool:
    ours = their_unit(figure.unit)
    theirs = " ".join(_SPELLINGS.get(w, _singular(w)) for w in gold.unit.lower().split())
    if ours == theirs or (ours != "-" and _spelling(ours) == _spelling(theirs)):
        return True
    return ours != "-" and theirs != "-" and ours.split()[-1] == theirs.split()[-1]


def hedge_ok(figure: Figure, gold: Gold) -> bool | None:
    """Whether our qualifier agrees with the gold change (None: not comparable)."""
    expected = {
        "=": {"exact"},
        "~": {"approx"},
        ">": {"more_than", "at_least"},
        "<": {"less_than", "at_most", "up_to", "nearly"},
    }.get(gold.change)
    if expected is None:
        return None
    return figure.qualifier in expected


def _overlaps(found: Found, span: tuple[int, int]) -> bool:
    return found.start < span[1] and span[0] < found.end


def score_sentence(item: Item, predictions: Sequence[Found], tally: Tally) -> None:
    """Match one sentence's predictions to its gold quantities and count."""
    tally.gold += len(item.quantities)
    tally.predicted += len(predictions)
    free = list(predictions)
    used: set[int] = set()
    located = [(g, locate(item.text, g, used)) for g in item.quantities]
    for gold, span in sorted(located, key=lambda pair: pair[1] is None):
        match = _match(free, gold, span)
        if match is None:
            continue
        free.remove(match)
        tally.found += 1
        if match.figure is None:
            continue
        tally.value_ok += value_ok(match.figure, gold)
        tally.unit_ok += unit_ok(match.figure, gold)
        hedge = hedge_ok(match.figure, gold)
        if hedge is not None:
            tally.hedged += 1
            tally.hedge_ok += hedge


def _match(free: Sequence[Found], gold: Gold, span: tuple[int, int] | None) -> Found | None:
    if span is not None:
        return next((f for f in free if _overlaps(f, span)), None)
    return next(
        (f for f in free if f.figure is not None and value_ok(f.figure, gold)),
        None,
    )


def documents(items: Sequence[Item]) -> Iterator[Document]:
    """One Document (one body segment) per sentence."""
    for i, item in enumerate(items):
        text = item.text
        yield Document(
            content_id("d", text),
            f"newsquant#{i}",
            text,
            (Segment(Role.BODY, 0, len(text)),),
        )


def _no_actor(start: int, end: int) -> str | None:
    return None


def run(data_dir: Path, limit: int | None, tick: Callable[[], None]) -> list[Row]:
    """The harness task ``figures``."""
    from newsweave.analyze.nlp import load as load_nlp
    from newsweave.analyze.prepare import contexts

    items = load(data_dir, limit)
    ours, plain = Tally(), Tally()
    parsed = contexts(documents(items), load_nlp(), batch_size=64)
    for item, ctx in zip(items, parsed, strict=True):
        figures = extract_figures(ctx, _no_actor)
        score_sentence(item, [Found(f.span.start, f.span.end, f) for f in figures], ours)
        baseline = [
            Found(e.start_char, e.end_char, None)
            for e in ctx.doc.ents
            if e.label_ in BASELINE_LABELS
        ]
        score_sentence(item, baseline, plain)
        tick()
    return ours.rows(SYSTEM, full=True) + plain.rows(BASELINE, full=False)
