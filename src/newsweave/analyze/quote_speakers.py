"""Speakers resolved: pronouns to their antecedent, runs of quotes, appositions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from newsweave.analyze.context import Context
from newsweave.analyze.given_names import name_genders
from newsweave.analyze.quote_cues import (
    NAMED,
    NONPERSONAL,
    ORG_NOUNS,
    PERSONAL,
    Attribution,
    _inside,
    _sentence_index,
)
from newsweave.analyze.quote_marks import Marked


def _persons(ctx: Context, start: int, end: int) -> list[Any]:
    """PERSON entities of the parse within ``[start, end)``."""
    return [e for e in ctx.doc.ents if e.label_ == "PERSON" and start <= e.start_char < end]


def _antecedent(
    ctx: Context,
    pronoun: tuple[int, int],
    earlier: Sequence[Attribution],
    quoted: Sequence[tuple[int, int]],
) -> tuple[int, int] | None:
    """The unambiguous antecedent of a speaker pronoun: for "he"/"she" the one person named
    (or quoted as speaker) in the nearest sentence that names any, looking back up to three
    sentences; for "it"/"they" the previous non-person speaker within three sentences."""
    word = ctx.text[pronoun[0] : pronoun[1]].lower()
    index = _sentence_index(ctx, pronoun[0])
    if index is None:
        return None
    lo = ctx.sentences[max(0, index - 3)][0]
    speakers = [
        a.speaker
        for a in earlier
        if a.speaker is not None
        and not _pronoun(ctx, a.speaker)
        and lo <= a.speaker[0] < pronoun[0]
    ]
    if word in NONPERSONAL:
        named = [s for s in speakers if _organisation(ctx, s)]
        return named[-1] if named else None
    continued = _run_speaker(ctx, pronoun, index, speakers, quoted)
    if continued is not None:
        return continued
    for i in range(index, max(-1, index - 4), -1):
        s, e = ctx.sentences[i]
        e = min(e, pronoun[0])
        people = [
            (p.start_char, p.end_char)
            for p in _persons(ctx, s, e)
            if not _inside(p[0], quoted) and not _other_gender(p.text, word)
        ]
        people += [
            sp
            for sp in speakers
            if s <= sp[0] < e and not _nonperson(ctx, sp) and not _apposed(ctx, sp, people)
        ]
        if people:
            return _one(ctx, people)
    return None


def _run_speaker(
    ctx: Context,
    pronoun: tuple[int, int],
    index: int,
    speakers: Sequence[tuple[int, int]],
    quoted: Sequence[tuple[int, int]],
) -> tuple[int, int] | None:
    """A run of quotes: "he"/"she" right after a person's quote (that sentence or the one
    before) is that person when nobody else is named, outside quotes, between that
    speaker and the pronoun ("…,” Dana Ruiz said. “…,” she added."). A person named
    earlier in the sentence of the previous quote, or inside it, does not break the run
    ("Asked about Lee, Ruiz said …. “…,” she said." is Ruiz)."""
    if not speakers:
        return None
    last = max(speakers)
    where = _sentence_index(ctx, last[0])
    if where is None or where < index - 1:
        return None
    if _nonperson(ctx, last) or _organisation(ctx, last):
        # the model may type one mention of a person as an organisation: the run still
        # holds when an earlier speaker of the same surname is a person
        surname = ctx.text[last[0] : last[1]].split()[-1:]
        if not any(
            ctx.text[sp[0] : sp[1]].split()[-1:] == surname and not _nonperson(ctx, sp)
            for sp in speakers
            if sp != last
        ):
            return None
    between = [
        (p.start_char, p.end_char)
        for p in _persons(ctx, last[1], pronoun[0])
        if not _inside(p[0], quoted)
    ]
    return last if _one(ctx, [last, *between]) is not None else None


def _apposed_people(ctx: Context, root: Any) -> list[Any]:
    """ "Orvane's chief executive, Liisa Kask, told …": the person in apposition to a
    speaker phrase headed by a role noun (the phrase itself leaves the apposition out)."""
    if root is None or root.ent_type_:
        return []
    kids = {c.i for c in root.children if c.dep_ == "appos"}
    return [
        e for e in ctx.doc.ents if e.label_ == "PERSON" and any(e.start <= k < e.end for k in kids)
    ]


def _root(ctx: Context, span: tuple[int, int]) -> Any | None:
    """The syntactic head token of a speaker span."""
    piece = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    return piece.root if piece is not None and len(piece) else None


def _organisation(ctx: Context, span: tuple[int, int]) -> bool:
    """A speaker span naming an organisation: its head is an ORG/NORP/GPE name or an
    organisation noun ("the ministry", "the influential US daily")."""
    root = _root(ctx, span)
    return root is not None and (_nonperson(ctx, span) or root.lower_ in ORG_NOUNS)


def _nonperson(ctx: Context, span: tuple[int, int]) -> bool:
    """A speaker span whose head is named as an organisation or place, not a person."""
    root = _root(ctx, span)
    return root is not None and root.ent_type_ in NAMED - {"PERSON"}


def _apposed(ctx: Context, span: tuple[int, int], people: Sequence[tuple[int, int]]) -> bool:
    """Whether a speaker phrase is in apposition with a named person ("A ministry
    spokesperson, Dario Meleti, …"): one speaker, not two."""
    return any(
        0 <= start - span[1] <= 3 and ctx.text[span[1] : start].strip() in (",", "")
        for start, _ in people
    )


def _one(ctx: Context, people: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The latest of ``people`` if they all name one person (same last word), else None."""
    text = ctx.text
    keys = {text[s:e].split()[-1].lower() for s, e in people if text[s:e].split()}
    named = {k for k in keys if k[:1].isalpha()}
    if len(named) > 1:
        return None
    return max(people)


def _pronoun(ctx: Context, span: tuple[int, int]) -> bool:
    """Whether the span is a lone speaker pronoun."""
    return ctx.text[span[0] : span[1]].lower() in PERSONAL | NONPERSONAL


def _resolve_pronouns(
    ctx: Context, found: Sequence[Attribution], marks: Sequence[Marked]
) -> list[Attribution]:
    """Replace pronoun speakers by their antecedents where unambiguous (names inside
    quotes are never antecedents)."""
    quoted = [(m.start, m.end) for m in marks]
    out: list[Attribution] = []
    for quote in found:
        if quote.source is not None and _pronoun(ctx, quote.source):
            target = _antecedent(ctx, quote.source, out, quoted)
            if target is not None:
                text = ctx.text[target[0] : target[1]]
                quote = replace(quote, speaker=target, speaker_text=text)
        out.append(quote)
    return out


PRONOUN_GENDERS = {"he": "m", "she": "f"}


def _other_gender(name: str, pronoun: str) -> bool:
    """Whether a name's given name belongs to the other gender than the pronoun ("she" is
    not "Marc Owusu"), by the Census lists; unknown names fit any pronoun."""
    want = PRONOUN_GENDERS.get(pronoun)
    first = name.split()[0].lower() if name.split() else ""
    found = name_genders().get(first)
    return want is not None and found is not None and found != want
