"""Time expressions: find them, normalise them to TIMEX3-style calendar values.

Three layers, each pure:

- :func:`find_time_expressions` — a rule-based recogniser over plain text; it returns
  ``(start, end, kind)`` for every time expression, left to right, without overlaps (the
  longest candidate wins).
- :func:`normalise` — one expression (its text) to ``(type, value, precision, anchor)``
  given the publication date (``anchor``) and the date last mentioned in the narrative
  (``reference``). Values follow TIMEX3: ``2024-01-09``, ``2024-01``, ``2024``,
  ``2024-W02``, ``2024-W02-WE``, ``2023-Q4``, ``2023-SU``, ``199`` (a decade), ``19``
  (a century), ``P2Y``/``P3D``/``PT5H``/``PXM`` (durations), ``PRESENT_REF``/``PAST_REF``/
  ``FUTURE_REF``, ``2024-01-09T15:00``/``2024-01-09TMO`` (times), ``XXXX-WXX-1``/``P1D``
  (sets). :func:`modifier` gives the TIMEX3 ``mod`` (``START``, ``MID``, ``END``…).
- :func:`extract_times` — the stage: recognise in the parsed document, read the verb tense
  around each expression from the parse, carry the narrative reference date from one
  expression to the next, and attach evidence.

Rules of resolution:

- A month/day without a year takes the year that puts it closest to the publication date,
  except that a past-tense context (or "since") never puts it after the publication date
  and a future-tense context never before it ("since 30 December" in a January article →
  the previous December).
- A weekday is the most recent one on or before the publication date, unless the verb is in
  the future tense (then the next one after it).
- "three days later", "the next day", "a week earlier" count from the last day-precision
  date resolved before them in the document (else the publication date).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from newsweave.analyze.context import Context, StageInfo
from newsweave.analyze.times_recognise import _previous_word
from newsweave.analyze.times_recognise import find_time_expressions as find_time_expressions
from newsweave.analyze.times_rules import modifier as modifier
from newsweave.analyze.times_rules import normalise as normalise
from newsweave.analyze.times_vocab import Normalised, _words
from newsweave.model.facts import TimeExpression

STAGE = StageInfo("times", "1", needs=("sentences",), provides=("times",))


# --------------------------------------------------------------------------- the stage

_FUTURE_VERBS = _words(
    "plan expect hope want intend schedule aim due go promise vow threaten prepare need seek"
)
_FUTURE_AUX = frozenset({"will", "'ll", "wo", "shall", "would", "could", "might", "may", "ca"})


def verb_tense(verb: Any, depth: int = 0) -> str | None:
    """``past``, ``future`` or None (present/unknown) for a spaCy verb token."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or "going" in words:
        return "future"
    if verb.tag_ == "VB" and any(a.tag_ == "TO" for a in auxes):
        # "plans to meet on Friday" looks ahead; "agreed to sell in October" may not
        head = verb.head
        if head.i == verb.i or head.lemma_ in _FUTURE_VERBS or depth > 3:
            return "future"
        return "future" if verb_tense(head, depth + 1) == "future" else None
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if words & {"has", "have", "'ve"}:
        return None
    if verb.tag_ == "VBN" and not auxes:
        return "past"
    return None


def tense_at(doc: Any, start: int, end: int) -> str | None:
    """The tense of the verb a span of ``doc`` attaches to (None when there is none)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(10):
        if token.pos_ in ("VERB", "AUX"):
            return verb_tense(token)
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _context_tense(text: str, start: int, parsed: str | None) -> str | None:
    """ "since 30 December" is past whatever the verb; otherwise the parsed tense."""
    previous = _previous_word(text, start).lower()
    if previous in ("since", "ago"):
        return "past"
    if previous in ("until", "till", "for") and parsed == "past":
        return None  # "called a dialogue for 12 February": the date is a target
    if previous in ("until", "till") and parsed is None:
        return "future"
    return parsed


def _day_of(result: Normalised) -> dt.date | None:
    """The day a resolved DATE/TIME names (for the narrative reference), else None."""
    if result.type not in ("DATE", "TIME") or result.anchor == "none":
        return None
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)", result.value)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def resolve_all(
    text: str,
    spans: Sequence[tuple[int, int, str]],
    anchor: dt.date | None,
    tenses: Sequence[str | None] | None = None,
) -> list[Normalised]:
    """Normalise recognised spans in document order, carrying the narrative reference date
    (the last day-precision date resolved so far) from one to the next."""
    reference: dt.date | None = None
    out: list[Normalised] = []
    for index, (start, end, kind) in enumerate(spans):
        parsed = tenses[index] if tenses is not None else None
        tense = _context_tense(text, start, parsed)
        result = normalise(text[start:end], anchor, reference, tense=tense, kind=kind)
        out.append(result)
        day = _day_of(result)
        if day is not None:
            reference = day
    return out


def extract_times(ctx: Context) -> tuple[TimeExpression, ...]:
    """Every time expression of the document, normalised, with its evidence."""
    text: str = ctx.text if ctx.doc is not None else ctx.document.text
    anchor = ctx.anchor.as_date() if ctx.anchor is not None else None
    spans = find_time_expressions(text)
    tenses = [tense_at(ctx.doc, s, e) if ctx.doc is not None else None for s, e, _ in spans]
    results = resolve_all(text, spans, anchor, tenses)
    return tuple(
        TimeExpression(
            ctx.span(start, end),
            result.type,
            result.value,
            result.precision,
            result.anchor,
            ctx.evidence(start, end, STAGE),
        )
        for (start, end, _), result in zip(spans, results, strict=True)
    )
