"""Where and when an event happened: the place governed in its clause, else its
sentence, else the dateline; its own date, else the narrative date, else publication."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsweave.analyze.context import Context
from newsweave.analyze.events_roles import (
    PLACE_TYPES,
    Names,
    Party,
    Roles,
    _governed_place,
    _in_dateline,
)
from newsweave.analyze.events_triggers import Trigger
from newsweave.model import PartialDate
from newsweave.model.facts import TimeExpression

TIME_MARKS = frozenset({"after", "before", "since", "until", "till", "when", "once", "while"})
"""Conjunctions of a clause that has its own time ("after dockers walked out")."""
BOUNDARY_WORDS = frozenset({"since", "until", "till", "before", "by", "from", "to"})
"""A date after these words bounds a period; it is not when the event happened."""
NEAR = frozenset({"shortly", "just", "soon", "moments", "minutes", "hours", "immediately", "right"})
"""Words that make "before"/"after" a point ("shortly before midnight Friday")."""


# --------------------------------------------------------------------------- place, date


def clause_head(doc: Any, index: int) -> Any:
    """The verb whose clause holds token ``index`` (the token itself for a verb)."""
    token = doc[index]
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _same_clause(token: Any, head: Any, anchor: int) -> bool:
    """Whether ``token`` belongs to the clause headed by ``head``, to a clause governing it
    or to a relative clause on the event noun ``anchor`` ("the riots that broke out in
    Abessi City"), not to a clause about something else ("the founding president, after
    whom the city was renamed in 1980")."""
    own = clause_head(token.doc, token.i)
    if own.dep_ in ("relcl", "acl") and own.head.i == anchor:
        return True
    if own.i == head.i:
        return True
    current = head
    while current.i != own.i and current.head.i != current.i:
        if current.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in current.children
        ):
            return False  # "the largest since ..., after dockers walked out": its own time
        current = current.head
    return bool(current.i == own.i)


def find_place(
    doc: Any,
    trigger: Trigger,
    roles: Roles,
    names: Names,
    sentence: tuple[int, int],
    dateline: Party | None,
) -> Party | None:
    """The most specific place tied to the trigger: in its clause, its sentence, else the
    dateline."""
    if roles.places:
        return roles.places[0]
    verb = clause_head(doc, trigger.anchor)
    clause = {t.i for t in verb.subtree}
    best: tuple[int, int, Party] | None = None
    for mention in names.mentions:
        if mention.type not in PLACE_TYPES or mention.actor is None:
            continue
        if not (sentence[0] <= mention.span.start and mention.span.end <= sentence[1]):
            continue
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if (
            span is None
            or not _governed_place(span.root)
            or not _same_clause(span.root, verb, trigger.anchor)
        ):
            continue
        rank = (0 if span.root.i in clause else 1, 0 if mention.type == "FAC" else 1)
        found = Party(mention.actor, mention.span.text, mention.span.start, mention.span.end)
        if best is None or rank < best[:2]:
            best = (*rank, found)
    return best[2] if best else dateline


def dateline_place(ctx: Context, names: Names) -> Party | None:
    """The document's dateline place as a named actor, when the names stage knows it."""
    place = dict(ctx.document.extra).get("dateline_place")
    if not place:
        return None
    wanted = place.strip().casefold()
    for actor in names.actors.values():
        forms = {actor.name.casefold(), *(a.casefold() for a in actor.aliases)}
        if actor.type in PLACE_TYPES and wanted in forms:
            return Party(actor.id, actor.name, -1, -1)
    return None


def _date_of(time: TimeExpression, text: str = "") -> PartialDate | None:
    """The calendar date of a DATE expression, or of a TIME on a known day ("on Monday
    night" → its day); None for "since X", "until X"..."""
    if time.type not in ("DATE", "TIME"):
        return None
    before = text[max(0, time.span.start - 24) : time.span.start].lower().split()
    near = len(before) > 1 and before[-1] in ("before", "after") and before[-2] in NEAR
    if before and before[-1] in BOUNDARY_WORDS and not near:
        return None  # a bound; but "shortly before midnight Friday" is a point
    raw = time.value.split("T")[0] if time.type == "TIME" else time.value
    if (time.type == "TIME" and len(raw) != 10) or "W" in raw:
        return None  # a week ("last week") is no calendar date of ours
    value = PartialDate.parse(raw)
    return value if value is not None and raw[:4].isdigit() else None


def find_date(
    ctx: Context, trigger: Trigger, times: Sequence[TimeExpression], sentence: tuple[int, int]
) -> tuple[str | None, str]:
    """The event's date and where it comes from (sentence, narrative, publication, none)."""
    doc = ctx.doc
    clause = clause_head(doc, trigger.anchor)
    lo, hi = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)
    best: tuple[tuple[int, int], str] | None = None
    for time in times:
        value = _date_of(time, ctx.document.text)
        if value is None or not (sentence[0] <= time.span.start < sentence[1]):
            continue
        span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if span is None or not _same_clause(span.root, clause, trigger.anchor):
            continue
        if _in_dateline(doc, span.start):
            continue  # "VARNHOLM, March 16 -": the filing date, not the event's
        rank = (0 if lo <= time.span.start < hi else 1, 0 if value.precision == "day" else 1)
        if best is None or rank < best[0]:
            best = (rank, value.iso())
    if best is not None:
        return best[1], "sentence"
    narrative = _narrative_date(ctx, times, sentence[0])
    if narrative is not None:
        return narrative, "narrative"
    if ctx.anchor is not None:
        return ctx.anchor.iso(), "publication"
    return None, "none"


def _narrative_date(ctx: Context, times: Sequence[TimeExpression], before: int) -> str | None:
    """The date of the last dated sentence before ``before`` in the same paragraph."""
    paragraph = ctx.document.text.rfind("\n\n", 0, before)
    last: str | None = None
    for time in sorted(times, key=lambda t: t.span.start):
        value = _date_of(time, ctx.document.text)
        if value is None or value.precision == "year":
            continue
        if paragraph < time.span.start < before:
            last = value.iso()
    return last


def _after_publication(ctx: Context, date: str | None, source: str) -> bool:
    """Whether the event's own date is later than the publication date."""
    if source != "sentence" or date is None or ctx.anchor is None:
        return False
    published = ctx.anchor.iso()
    size = min(len(date), len(published))
    return date[:size] > published[:size]
