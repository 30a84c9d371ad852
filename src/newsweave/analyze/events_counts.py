"""An event's label, its evidence span and the figures (counts) attached to it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsweave.analyze.context import Context, doc_text
from newsweave.analyze.events_roles import Names, Party, Roles, _core, _eventive
from newsweave.analyze.events_triggers import MONEY, Trigger
from newsweave.model.facts import Figure, TimeExpression
from newsweave.model.ids import fact_id

LABEL_WORDS = 14


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Inputs:
    """Everything one document's events are read from."""

    ctx: Context
    names: Names
    times: tuple[TimeExpression, ...]
    figures: tuple[Figure, ...]
    dateline: Party | None


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _label(doc: Any, trigger: Trigger, roles: Roles, names: Names) -> str:
    """A short description: "police dispersed the marchers with tear gas"."""
    spans = [(p.start, p.end) for p in roles.actors + roles.targets if p.start >= 0]
    first = doc[min(trigger.literals)]
    last = doc[max(trigger.literals)]
    if last.pos_ == "ADP" or trigger.pattern.kind == "noun":
        last = max(last.subtree, key=lambda t: t.i) if last.pos_ == "ADP" else last
    if trigger.pattern.kind == "noun":
        lo, hi = _core(doc[trigger.anchor])
        first, last = doc[min(lo, first.i)], doc[max(hi - 1, last.i)]
        last = _verb_after(doc[trigger.anchor], last)
    start = min([first.idx, *(s for s, _ in spans)])
    end = max([last.idx + len(last.text), *(e for _, e in spans)])
    words = doc_text(doc)[start:end].split()
    if len(words) <= LABEL_WORDS:
        return " ".join(words).strip(" ,;:")
    who = roles.actors[0].text if roles.actors else ""
    what = " ".join(doc[min(trigger.literals) : max(trigger.literals) + 1].text.split())
    whom = roles.targets[0].text if roles.targets else ""
    return " ".join(w for w in (who, what, whom) if w)


def _verb_after(noun: Any, last: Any) -> Any:
    """For "talks will resume", "the riots that broke out": the verb told of the noun."""
    verb = None
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i > noun.i:
        verb = noun.head
    for child in noun.children:
        if child.dep_ == "relcl":
            verb = child
    if verb is None:
        return last
    tail = [c for c in verb.children if c.dep_ == "prt"]
    return max([verb, *tail, last], key=lambda t: t.i)


COUNT_VERBS = frozenset(
    {"draw", "attract", "bring", "gather", "involve", "number", "mobilise", "mobilize", "swell"}
)
"""Verbs whose object counts the happening that is their subject ("the rally drew 40,000")."""


def _counted_tokens(doc: Any, trigger: Trigger) -> set[int]:
    """Tokens whose figures count the trigger's happening: its object slot and direct
    objects ("won 27 seats"), and the object of a counting verb whose subject it is ("the
    rally drew 25,000 people, including 300 nurses")."""
    anchor = doc[trigger.anchor]
    tokens: set[int] = set(range(*trigger.star)) if trigger.star else set()
    heads = [anchor]
    if (
        trigger.pattern.kind == "noun"
        and anchor.dep_ == "nsubj"
        and anchor.head.lemma_ in COUNT_VERBS
    ):
        heads = [anchor.head]
    elif trigger.pattern.kind == "noun":
        heads = []
    for head in heads:
        for child in head.children:
            if child.dep_ in ("dobj", "attr") and child.i not in trigger.literals:
                tokens.update(t.i for t in child.subtree)
    for j in trigger.literals[1:]:
        for child in doc[j].children:
            if child.dep_ in ("nummod", "quantmod"):
                tokens.update(t.i for t in child.subtree)  # "won 27 seats"
    return tokens


def _figures(
    inputs: Inputs, trigger: Trigger, roles: Roles, sentence: tuple[int, int]
) -> tuple[str, ...]:
    spans = [(p.start, p.end) for p in roles.actors + roles.targets]
    counts = trigger.pattern.counts
    doc = inputs.ctx.doc
    counted = _counted_tokens(doc, trigger)
    doc_id = inputs.ctx.document.id
    linked: list[str] = []
    for figure in inputs.figures:
        s, e = figure.span.start, figure.span.end
        if not (sentence[0] <= s and e <= sentence[1]):
            continue
        inside = any(a <= s and e <= b for a, b in spans)
        fits = bool(figure.what) and any(w in (figure.what or "").lower().split() for w in counts)
        token = doc.char_span(s, e, alignment_mode="expand")
        governed = (
            token is not None and token.root.i in counted and not MONEY.search(figure.span.text)
        )
        if inside or fits or governed:
            linked.append(fact_id("f", doc_id, s, e))
    return tuple(linked)


CLOSE_GAP = 2
"""Tokens a pattern may skip and still be one stretch of evidence ("left [21] dead")."""


def trigger_offsets(doc: Any, trigger: Trigger) -> tuple[int, int]:
    """Character offsets of the trigger: its first run of contiguous pattern tokens; for a
    CAMEO pattern with an event noun as object ("launched attacks"), that noun."""
    if trigger.pattern.origin == "cameo":
        nouns = [j for j in trigger.literals[1:] if _eventive(doc[j], plover_only=True)]
        if nouns:
            return doc[nouns[-1]].idx, doc[nouns[-1]].idx + len(doc[nouns[-1]].text)
    run = [trigger.literals[0]]
    for index in trigger.literals[1:]:
        if index - run[-1] > 1 + CLOSE_GAP:
            break  # a close word is the same phrase: "left 21 dead", "shot two men dead"
        run.append(index)
    first, last = doc[run[0]], doc[run[-1]]
    return first.idx, last.idx + len(last.text)
