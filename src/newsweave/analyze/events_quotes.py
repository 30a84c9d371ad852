"""Statements linked to the quotes they state.

A STATEMENT event ("announced on Tuesday that ...", "said in a statement posted on
Friday") and a quote share a clause when the statement's trigger verb is the quote's cue:
the quote lies in the trigger's sentence, outside the trigger, and its cue lemma is the
trigger verb's lemma. The event then carries the quote's id (``fact_id("q", document,
start, end)`` of the quoted words, as the store names quotes) and, when the text gives the
statement no actor of its own, the quote's speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsweave.analyze.context import Context
from newsweave.analyze.events_triggers import lemma
from newsweave.model.facts import Event, Quote
from newsweave.model.ids import fact_id

STATEMENT = "STATEMENT"


def quote_key(document: str, quote: Quote) -> str:
    """The id the store gives a quote (the quoted words' offsets)."""
    return fact_id("q", document, quote.span.start, quote.span.end)


def _cue_lemmas(ctx: Context, start: int, end: int) -> set[str]:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return {lemma(t) for t in span if t.pos_ in ("VERB", "AUX")} if span is not None else set()


def _stated(ctx: Context, event: Event, quotes: Sequence[Quote]) -> list[Quote]:
    found: list[Quote] = []
    for piece in event.evidence:
        first, last = ctx.sentence_of(piece.start, piece.end)
        cues = _cue_lemmas(ctx, piece.start, piece.end)
        for quote in quotes:
            inside = quote.span.start <= piece.start < quote.span.end
            in_sentence = quote.span.start < last and first < quote.span.end
            if in_sentence and not inside and quote.verb and quote.verb.lower() in cues:
                found.append(quote)
    return found


def link_quotes(
    ctx: Context, events: Sequence[Event], quotes: Sequence[Quote]
) -> tuple[Event, ...]:
    """The events, each STATEMENT with the ids of the quotes it states (and the speaker of
    the first as its actor when it has none)."""
    out: list[Event] = []
    for event in events:
        stated = _stated(ctx, event, quotes) if event.type == STATEMENT and quotes else []
        if not stated:
            out.append(event)
            continue
        ids = tuple(dict.fromkeys(quote_key(ctx.document.id, q) for q in stated))
        event = replace(event, quotes=ids)
        if not (event.actors or event.actor_texts):
            speaker = stated[0]
            if speaker.speaker:
                event = replace(event, actors=(speaker.speaker,))
            elif speaker.speaker_text:
                event = replace(event, actor_texts=(speaker.speaker_text,))
        out.append(event)
    return tuple(out)
