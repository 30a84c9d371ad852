"""Events: who did what to whom, when and where, coded with PLOVER types and modes.

The vocabulary (trigger verbs, nouns and passive patterns per type and mode, with hints on
which dependency gives the actor and which the target) is data: ``data/plover.yaml``. The
stage works on one parsed document, purely:

1. :func:`find_triggers` matches the vocabulary over the parse: verbal patterns from a verb
   (lemma + particles/objects: "walk out", "open fire on", "dismiss * from"), nominal ones
   from a noun with its modifiers ("general strike", "French-led ... task group"). The
   longest pattern wins; a trigger inside the content of a frame verb ("threatened to
   shell", "asked the bloc to send troops") belongs to the frame's event.
2. :func:`read_event` reads each trigger's arguments from the parse and the mention chains
   (actors: subject, "by X", "X-led", possessor; targets: object, passive subject,
   "against X"), its place (the most specific place governed by in/at/near in its clause,
   else in its sentence, else the dateline), its date (its own, else the narrative date of
   its paragraph, else the publication date, marked so), its figures and its modality.
3. :func:`merge_events` keeps one event per happening: events of the same type and mode
   with compatible participants, date, place and modality become one event with several
   pieces of evidence.

Offsets are clean-text offsets (the parse is of the masked text, same length).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from newsweave.analyze.context import ActorLookup, Context, StageInfo
from newsweave.analyze.events_counts import Inputs, _figures, _label, _unique, trigger_offsets
from newsweave.analyze.events_filters import (
    INSTRUMENTS,
    NO_ONE,
    Reading,
    _clausal,
    _credit_lines,
    _described_victims,
    _modifier,
    _naming,
    _natural,
    _plausible,
    _victims,
    armed_force,
    danger,
    disposition,
    figurative,
    released_document,
    told,
)
from newsweave.analyze.events_generic import (
    description,
    digest,
    generic_mention,
    habitual,
    other_sense,
    snub,
    threat,
)
from newsweave.analyze.events_merge import compatible as compatible
from newsweave.analyze.events_merge import merge_events
from newsweave.analyze.events_modality import modality
from newsweave.analyze.events_noun_roles import noun_roles
from newsweave.analyze.events_quotes import link_quotes
from newsweave.analyze.events_roles import (
    Names,
    _agentive,
    _content_target,
    party,
    verb_roles,
)
from newsweave.analyze.events_triggers import MONEY, Trigger, _blocked, find_triggers
from newsweave.analyze.events_vocab import vocabulary as vocabulary
from newsweave.analyze.events_where_when import (
    _after_publication,
    dateline_place,
    find_date,
    find_place,
)
from newsweave.analyze.relation_doc import _Doc, _mention_index, np_actor
from newsweave.model import Role
from newsweave.model.facts import Actor, Event, Figure, Mention, Quote, Span, TimeExpression
from newsweave.model.ids import fact_id

STAGE = StageInfo(
    "events", "9", needs=("sentences", "actors", "times", "figures", "quotes"), provides=("events",)
)


def _parenthetical(doc: Any, trigger: Trigger) -> bool:
    """ "Earlier that day, she said, her friends were ...": a reporting verb set into the
    clause it reports attributes it; the date there is the content's, no statement's."""
    return bool(doc[trigger.anchor].dep_ == "parataxis")


def read_event(inputs: Inputs, trigger: Trigger, sentence: tuple[int, int]) -> Reading | None:
    """The event one trigger tells of (before merging)."""
    ctx, names = inputs.ctx, inputs.names
    doc = ctx.doc
    if figurative(doc, trigger) or _naming(doc, trigger) or _natural(doc, trigger):
        return None
    if disposition(doc, trigger) or description(doc, trigger) or habitual(doc, trigger):
        return None
    if digest(doc, trigger) or other_sense(doc, trigger):
        return None
    if _modifier(doc, trigger):
        return None
    read = noun_roles if trigger.pattern.kind == "noun" else verb_roles
    roles = read(doc, trigger, names)
    roles.targets[:] = [
        p
        for p in roles.targets
        if p.actor or not (INSTRUMENTS.search(p.text) or MONEY.search(p.text) or _clausal(doc, p))
    ]
    _victims(doc, trigger, roles)
    _described_victims(doc, trigger, roles, names)
    roles.actors[:] = [p for p in roles.actors if _agentive(doc, p)]
    if not roles.targets and trigger.pattern.type not in vocabulary().extensions:
        _content_target(doc, trigger, roles, names)  # statements, offices: no "whom" there
    if not _plausible(trigger, roles) or danger(doc, trigger, roles):
        return None
    if snub(doc, trigger, roles, names):
        return None
    place = find_place(doc, trigger, roles, names, sentence, inputs.dateline)
    date, date_source = find_date(ctx, trigger, inputs.times, sentence)
    if trigger.pattern.dated and (date_source != "sentence" or _parenthetical(doc, trigger)):
        return None  # "officials said": a statement only when told with its own date
    mood, reporter = modality(doc, trigger, vocabulary().modality, sentence)
    if mood in ("asserted", "reported") and _after_publication(ctx, date, date_source):
        mood = "future"  # "the votes she needs for a victory next Tuesday"
    if any(NO_ONE.match(p.text) for p in roles.actors + roles.targets):
        mood = "negated"
    reported = (
        party(doc, reporter, names)
        if reporter is not None and reporter.pos_ in ("NOUN", "PROPN", "PRON")
        else None
    )
    figures = _figures(inputs, trigger, roles, sentence)
    bare = not (roles.actors or roles.targets or roles.pronouns or figures)
    bare = bare and date_source != "sentence"
    if place is None and generic_mention(doc, trigger, roles, bare):
        return None
    start, end = trigger_offsets(doc, trigger)
    span = Span(start, end, ctx.document.text[start:end])
    (type_, mode), published = released_document(
        doc, trigger.anchor, threat(doc, trigger, armed_force(doc, trigger)), roles
    )
    if published:  # the released papers are what is made public, on nobody
        roles.targets.clear()
    event = Event(
        id=fact_id("e", ctx.document.id, start, end),
        type=type_,
        mode=mode,
        label=_label(doc, trigger, roles, names),
        trigger=span,
        actors=_unique(p.actor or "" for p in roles.actors),
        actor_texts=_unique(p.text for p in roles.actors if p.actor is None),
        targets=_unique(p.actor or "" for p in roles.targets),
        target_texts=_unique(p.text for p in roles.targets if p.actor is None),
        place=place.actor if place else None,
        place_text=place.text if place else None,
        date=date,
        date_source=date_source,
        figures=figures,
        modality=mood,
        reported_by=reported.actor if reported else None,
        reported_by_text=reported.text if reported else None,
        evidence=(ctx.evidence(start, end, STAGE),),
    )
    return Reading(event, bare, told(doc, trigger, roles))


def _antecedent(view: _Doc, token: Any) -> str | None:
    """The relations stage's antecedent of a pronoun (one resolver for both stages)."""
    return np_actor(view, token)


def _token_range(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def extract_events(
    ctx: Context,
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    resolve: ActorLookup,
    times: Sequence[TimeExpression],
    figures: Sequence[Figure],
    quotes: Sequence[Quote] = (),
) -> tuple[Event, ...]:
    """Every event the document tells of, one per happening, each with its evidence;
    statements carry the ``quotes`` they state."""
    doc = ctx.doc
    by_id = {a.id: a for a in actors}
    view = _Doc(ctx, doc, resolve, by_id, _mention_index(ctx, mentions), {}, {}, None)
    names = Names(tuple(mentions), by_id, resolve, partial(_antecedent, view))
    inputs = Inputs(ctx, names, tuple(times), tuple(figures), dateline_place(ctx, names))
    vocab = vocabulary()
    blocked = _blocked(doc, names.mentions)
    credits = _credit_lines(ctx.document.text, vocab.credits)
    readings: list[Reading] = []
    for sentence in ctx.sentences:
        if any(s <= sentence[0] < e or sentence[0] <= s < sentence[1] for s, e in credits):
            continue  # a caption's credit or licence line tells of no happening
        tokens = _token_range(doc, *sentence)
        if tokens is None:
            continue
        for trigger in find_triggers(doc, tokens[0], tokens[1], vocab, blocked):
            reading = read_event(inputs, trigger, sentence)
            if reading is not None:
                readings.append(reading)
    summary = [
        (seg.start, seg.end)
        for seg in ctx.document.segments
        if seg.role in (Role.HEADLINE, Role.STANDFIRST)
    ]
    doc_id = ctx.document.id
    values = {fact_id("f", doc_id, f.span.start, f.span.end): f.value for f in figures}
    return link_quotes(ctx, merge_events(readings, summary, values), quotes)
