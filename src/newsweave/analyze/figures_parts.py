"""Figures: parts of figures — a figure that counts part of another one (``Figure.part_of``).

Within one sentence: "240 were arrested, including 31 minors", "412 ballots, of which 12
were void", "73 detained, 19 of them students" (:func:`_part_of`, :func:`_subset_of`).

Across two sentences of one paragraph (:func:`part_across`): the first figure of a
sentence is part of a figure of the sentence right before it when it refers back to that
group — "Of those, …", "Among the dead were …", "N of the victims …" — or when it is a
bare number that is the subject of "be" with a plural noun after it ("Thirty people died
in the fire. At least nine were firefighters."). The words are data
(``analyze/data/figure_parts.yaml``, one line of why per list).

A part is linked only when it is smaller than the whole and counts in a compatible unit
(none, the same, or two counted things; never a percentage of a count or another
currency); it keeps its own hedge and span and takes what the whole counts, its claimant
and its as-of date when its own sentence names none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsweave.analyze.figures_vocab import CURRENCY_CODES
from newsweave.model.facts import Figure
from newsweave.model.ids import fact_id

_CHANGE_UNITS = frozenset({None, "percent", "percentage point", "basis point"})
"""Units of a change rather than of a level: "fell 0.4 per cent to 13,176" does not make
the index level a percentage."""

_SUBSET_AFTER = re.compile(r"(?i)^\s+of\s+(?:them|whom|those|these|which)\b")
"""A number counting part of the one before ("73 detained, 19 of them students")."""

_PART_BEFORE = re.compile(
    r"(?i)\b(?:including|included|includes|among\s+(?:them|whom|those|these|which)"
    r"|of\s+(?:whom|which)|of\s+(?:them|those|these)\s*,?)\s*[,:]?\s*$"
)
"""Words right before a number that make it part of the figure before it in its sentence
("240 were arrested, including 31 minors", "412 ballots, of which 12 were void")."""


def _part_of(figure: Figure, whole: Figure, document: str) -> Figure:
    """A figure that counts part of an earlier figure of its sentence keeps what it counts
    itself and points at the whole, when it is smaller and counts in a compatible unit
    (none, the same, or two counted things: "120 patients" of "900 residents"; never a
    percentage of a count or another currency)."""
    if figure.value >= whole.value or not _compatible(figure, whole):
        return figure
    return replace(figure, part_of=fact_id("f", document, whole.span.start, whole.span.end))


def _compatible(figure: Figure, whole: Figure) -> bool:
    kinds = {_unit_kind(figure.unit), _unit_kind(whole.unit)} - {None}
    return len(kinds) <= 1 and (
        kinds != {"money"} or figure.unit == whole.unit or None in (figure.unit, whole.unit)
    )


def _unit_kind(unit: str | None) -> str | None:
    if unit is None:
        return None
    if unit.split(" per ")[0] in CURRENCY_CODES:
        return "money"
    return "change" if unit in _CHANGE_UNITS else "count"


def _subset_of(figure: Figure, whole: Figure, document: str) -> Figure:
    """A part of an earlier figure counts what the whole counts, in its unit, when its own
    parse says nothing else, and points at the whole."""
    if figure.value >= whole.value:
        return figure
    return replace(
        figure,
        part_of=fact_id("f", document, whole.span.start, whole.span.end),
        what=figure.what or whole.what,
        unit=whole.unit if figure.unit in (None, "person") and whole.unit else figure.unit,
        claimed_by=figure.claimed_by or whole.claimed_by,
        claimed_by_text=figure.claimed_by_text or whole.claimed_by_text,
        as_of=figure.as_of or whole.as_of,
    )


# --------------------------------------------------------------------------- across sentences


@dataclass(frozen=True)
class _Cues:
    before: re.Pattern[str]
    """The text of a sentence before its first figure refers back ("Of those, ")."""
    after: re.Pattern[str]
    """The text right after the number refers back (" of the victims")."""
    copulas: frozenset[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    path = resources.files("newsweave.analyze").joinpath("data/figure_parts.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    pronouns = "|".join(re.escape(str(w)) for w in data["back_pronouns"]["words"])
    nouns = "|".join(re.escape(str(w)) for w in data["back_nouns"]["words"])
    group = rf"(?:{pronouns}|the\s+(?:{nouns}))"
    return _Cues(
        before=re.compile(
            rf"(?i)^\W*(?:of|among)\s+{group}\s*,?"
            r"(?:\s+(?:were|was|are|is|included|includes|include))?\s*$"
        ),
        after=re.compile(rf"(?i)^\s+(?:of|among)\s+{group}\b"),
        copulas=frozenset(str(w) for w in data["copula_lemmas"]["words"]),
    )


def _copula_subject(tokens: Any) -> bool:
    """The number is the bare subject of "be" with a plural noun after the verb ("At least
    nine were firefighters"): no noun of its own, an ``attr`` that is a plural noun."""
    copulas = _cues().copulas
    for token in tokens:
        if not token.like_num or token.dep_ != "nsubj":
            continue
        head = token.head
        if str(head.lemma_).lower() not in copulas or head.i < token.i:
            continue
        if any(c.dep_ in ("prep", "compound", "amod") for c in token.children):
            continue
        return any(c.dep_ == "attr" and c.tag_ in ("NNS", "NNPS") for c in head.children)
    return False


def part_across(
    figure: Figure,
    tokens: Any,
    before: str,
    after: str,
    wholes: Sequence[Figure],
    document: str,
) -> Figure:
    """``figure`` (the first figure of its sentence; ``tokens`` its number's tokens,
    ``before`` its sentence's text before the figure, ``after`` the text right after the
    number) as part of the last of ``wholes`` (the figures of the sentence right before it,
    in its paragraph) that it can be part of, when its sentence refers back to that group;
    else unchanged."""
    if figure.part_of is not None or not wholes:
        return figure
    cues = _cues()
    if not (cues.before.match(before) or cues.after.match(after) or _copula_subject(tokens)):
        return figure
    for whole in reversed(wholes):
        if whole.part_of is not None or _unit_kind(whole.unit) not in (None, "count"):
            continue
        if figure.value < whole.value and _compatible(figure, whole):
            return _subset_of(figure, whole, document)
    return figure
