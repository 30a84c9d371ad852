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

The readers live beside this module, one family each: ``figures_vocab`` (word lists),
``figures_numbers`` (number phrases, hedges), ``figures_filters`` (what is no figure,
dates), ``figures_what`` (what is counted), ``figures_units`` (units and rates),
``figures_claimants`` (claimants, as-of dates). This module is the stage; the pure
functions above are importable from here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from newsweave.analyze.context import ActorLookup, Context, ExtraPlace, StageInfo, doc_text
from newsweave.analyze.figures_claimants import _as_of, _best_claim, _Claim, _claims
from newsweave.analyze.figures_filters import _token_says_no, not_a_figure
from newsweave.analyze.figures_filters import date_value as date_value
from newsweave.analyze.figures_numbers import NumberPhrase, qualifier_match, scan_numbers
from newsweave.analyze.figures_numbers import parse_number as parse_number
from newsweave.analyze.figures_numbers import qualifier as qualifier
from newsweave.analyze.figures_parts import (
    _CHANGE_UNITS,
    _PART_BEFORE,
    _SUBSET_AFTER,
    _part_of,
    _subset_of,
    part_across,
)
from newsweave.analyze.figures_units import _noun_unit, _unit, index_level
from newsweave.analyze.figures_vocab import _EVENT_VERBS, _PRONOUNS
from newsweave.analyze.figures_vocab import CURRENCY_CODES as CURRENCY_CODES
from newsweave.analyze.figures_vocab import MULTIPLIERS as MULTIPLIERS
from newsweave.analyze.figures_vocab import WORD_VALUES as WORD_VALUES
from newsweave.analyze.figures_what import (
    _anchor,
    _compact,
    _counted_noun,
    _is_ancestor,
    _root,
    _what,
)
from newsweave.analyze.gazetteer import Gazetteer
from newsweave.model.facts import Figure

STAGE = StageInfo("figures", "4", needs=("sentences", "actors"), provides=("figures",))

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
    before: tuple[int, list[Figure]] = (0, [])
    for start, end in ctx.sentences:
        sentence = doc.char_span(start, end, alignment_mode="expand")
        if sentence is None or len(sentence) == 0:
            continue
        claims = [c for c in _claims(sentence) if not _demonym_claim(c, text, gazetteer)]
        explicit = [c for c in claims if c.text.lower() not in _PRONOUNS]
        claims = [_inherit(c, explicit, last_claim) for c in claims]
        found = list(_sentence_figures(ctx, sentence, (start, end), claims, anchor, resolve))
        wholes = before[1] if "\n" not in text[before[0] : start] else []
        if found and wholes:
            found[0] = _part_across(ctx, found[0], start, wholes)
        figures.extend(found)
        before = (end, found)
        if explicit:
            last_claim = explicit[-1]
    return tuple(figures)


def _part_across(ctx: Context, figure: Figure, start: int, wholes: Sequence[Figure]) -> Figure:
    """The first figure of a sentence as part of a figure of the sentence before it
    (:func:`~newsweave.analyze.figures_parts.part_across`)."""
    text = doc_text(ctx.doc)
    tokens = ctx.doc.char_span(figure.span.start, figure.span.end, alignment_mode="expand")
    if tokens is None:
        return figure
    after = text[figure.span.end : figure.span.end + 40]
    before = text[start : figure.span.start]
    return part_across(figure, tokens, before, after, wholes, ctx.document.id)


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
        if (
            figure.unit is None
            and not (phrase.plain or phrase.words)
            and phrase.value >= 100
            and index_level(text, phrase.start, phrase.end)
        ):
            figure = replace(figure, unit="point")
        if previous is not None and _SUBSET_AFTER.match(text[phrase.end :]):
            figure = _subset_of(figure, previous, ctx.document.id)
        elif previous is not None and _PART_BEFORE.search(text[: figure.span.start - offset]):
            figure = _part_of(figure, previous, ctx.document.id)
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


_COMPARED_BETWEEN = re.compile(
    r"(?i)(?:\b(?:from|to|than|versus|vs\.?|against|compared\s+(?:with|to)|while|whereas)"
    r"|\band\s*$)"
)
"""Words that set a unit-less number against the figure before it in its sentence ("3.9
million headsets, up from 2.4 million", "rose 64 points to 4,577", "435 homes by open sale
and 187 by tender"): the number counts in the same unit."""


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
