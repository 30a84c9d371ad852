"""Quotes: who said what, direct ("…", said X) and indirect (X said that …).

The stage works in three passes over one parsed document, all pure:

1. :func:`quote_marks` pairs quotation marks paragraph by paragraph: curly “…” and straight
   "..." double quotes (single ‘…’ / '...' marks inside them are nested quotes and stay in
   the outer one), top-level single quotes ('historic') when they pair cleanly, and quotes
   that run over several paragraphs (news style: an unclosed quote continues into the next
   paragraph when that one opens with a quote mark).
2. :func:`attributions` finds the speaker of each quoted stretch from the parse and cue
   verbs (the quote hangs under "said"/"told"/"wrote"/…, a cue verb right after or before
   the quote, "according to X", a colon-introduced quote), drops scare quotes and titles
   (short phrases with no cue, "so-called", "what he called"), lets an unattributed quote
   inherit the speaker of its neighbour in the paragraph, resolves "he"/"she"/"it" to an
   unambiguous antecedent, and adds indirect speech (a cue verb's reported clause).
3. :func:`extract_quotes` turns attributions into :class:`Quote` records, resolving the
   speaker span to an in-document actor with the names stage's lookup.

Offsets are clean-text offsets (the parse is of the masked text, same length).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import pairwise

from newsweave.analyze.context import ActorLookup, Context, StageInfo, doc_text
from newsweave.analyze.quote_behalf import behalf_of
from newsweave.analyze.quote_cues import (
    NAMED,
    SLOGAN_WORDS,
    Attribution,
    _after_cue,
    _ancestor_cue,
    _attribution,
    _before_cue,
    _colon_cue,
    _Cue,
    _cue,
    _is_cue,
    _label_cue,
    _region,
    _scare_phrases,
    _sentence_index,
    _short_cue,
    _signature_cue,
    _tokens,
)
from newsweave.analyze.quote_indirect import _indirect
from newsweave.analyze.quote_marks import (
    _WORD,
    OPENERS,
    SHORT,
    Marked,
    _overlap,
    content_of,
    paragraphs,
    quote_marks,
    word_count,
)
from newsweave.analyze.quote_speakers import _apposed_people, _resolve_pronouns, _root
from newsweave.analyze.quote_turns import headline_label, turns
from newsweave.model import Role
from newsweave.model.facts import Quote

STAGE = StageInfo("quotes", "5", needs=("sentences", "actors"), provides=("quotes",))


def _direct(ctx: Context, marks: Sequence[Marked]) -> list[Attribution | None]:
    """One attribution (or None for scare quotes and titles) per quoted stretch; the
    speaker may still be missing."""
    doc, text = ctx.doc, ctx.text
    quoted = [(m.start, m.end) for m in marks]
    scare = _scare_phrases(doc, text, marks)
    out: list[Attribution | None] = []
    for index, mark in enumerate(marks):
        content = content_of(text, mark)
        if content[1] <= content[0]:
            out.append(None)
            continue
        words = text[content[0] : content[1]]
        if word_count(words) <= SHORT:
            cue = None if words.lower() in scare else _short_cue(doc, ctx, mark, quoted)
            if cue is None or cue.speaker is None:
                out.append(None)
                continue
        else:
            cue = _long_cue(ctx, mark, marks, index, quoted)
        out.append(_attribution(ctx, content, cue, True))
    return out


def _long_cue(
    ctx: Context,
    mark: Marked,
    marks: Sequence[Marked],
    index: int,
    quoted: Sequence[tuple[int, int]],
) -> _Cue | None:
    """The cue of a full quote: after it, hanging above it, before it, or a colon."""
    doc = ctx.doc
    s, qs, qe, e = _region(ctx, mark, marks, index)
    tokens = _tokens(doc, mark.start, mark.end)
    after = _after_cue(doc, qe, e, quoted)
    above = _ancestor_cue(tokens, quoted, ctx.sentence_of(mark.start, mark.end))
    opens_sentence = not doc_text(doc)[s:qs].strip(" \n\t,;:—–-")
    signed = _signature_cue(ctx, mark.end)
    if signed is not None:  # "“…” ― Name" ending its line says who without doubt
        return signed
    first = (after, above) if opens_sentence else (above, after)
    rest = (
        _before_cue(doc, s, qs, quoted),
        _colon_cue(doc, ctx, qs),
        _label_cue(ctx, qs),
    )
    for cue in (*first, *rest):
        if cue is not None and cue.speaker is not None and not _quoted_speaker(cue, quoted):
            return cue
    return None


def _quoted_speaker(cue: _Cue, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether a cue's speaker lies inside a quote (then it is not the quote's speaker)."""
    return cue.speaker is not None and any(s <= cue.speaker[0] < e for s, e in quoted)


def _standalone(text: str, quote: Attribution) -> bool:
    """Whether an unattributed direct quote still counts: a sentence-like quote (final
    punctuation or at least eight words) not introduced as a placard, sign or slogan."""
    if quote.source is not None or not quote.direct:
        return True
    start, end = quote.content
    words = text[start:end]
    if not (words.rstrip("”\"’' ").endswith((".", "!", "?")) or word_count(words) >= 8):
        return False
    before = {w.lower() for w in _WORD.findall(text[max(0, start - 80) : start])}
    return not before & SLOGAN_WORDS


def _paragraph_of(spans: Sequence[tuple[int, int]], offset: int) -> int:
    """Index of the paragraph holding ``offset``."""
    for i, (_, e) in enumerate(spans):
        if offset < e:
            return i
    return len(spans) - 1


def _inherit(text: str, found: list[Attribution]) -> list[Attribution]:
    """Unattributed direct quotes take the speaker of an attributed quote next to them in
    the same paragraph (before, else after), or of the last attribution in the previous
    paragraph when they open their paragraph (news style)."""
    paras = list(paragraphs(text))
    where = [_paragraph_of(paras, a.content[0]) for a in found]
    out = list(found)
    for i, quote in enumerate(found):
        if quote.source is not None or not quote.direct:
            continue
        donor = _donor(found, where, i, paras, text)
        if donor is not None:
            out[i] = replace(
                quote,
                source=donor.source,
                speaker=donor.speaker,
                speaker_text=donor.speaker_text,
                cue=donor.cue,
            )
    return out


def _donor(
    found: Sequence[Attribution],
    where: Sequence[int],
    i: int,
    paras: Sequence[tuple[int, int]],
    text: str,
) -> Attribution | None:
    """The attribution an unattributed quote inherits its speaker from, if any."""
    same = [j for j in range(len(found)) if where[j] == where[i] and found[j].source]
    before = [j for j in same if j < i]
    if before:
        return found[before[-1]]
    after = [j for j in same if j > i and found[j].direct]
    if after:
        return found[after[0]]
    para_start = paras[where[i]][0] if paras else 0
    opens_paragraph = text[para_start : found[i].content[0]].strip() in ("", *OPENERS)
    if opens_paragraph:
        earlier = [j for j in range(i) if where[j] == where[i] - 1 and found[j].source]
        if earlier:
            return found[earlier[-1]]
    return None


def attributions(ctx: Context) -> tuple[Attribution, ...]:
    """Every quote of the document with its speaker span and cue, in text order."""
    text = ctx.text
    marks = quote_marks(text)
    direct = [a for a in _direct(ctx, marks) if a is not None]
    direct = [a for a in _inherit(text, direct) if _standalone(text, a)]
    spoken = _turns(ctx) + _block_quotes(ctx, marks)
    direct = [a for a in direct if a.speaker is not None or not _within_turn(a, spoken)]
    found = sorted(direct + _indirect(ctx, marks) + spoken, key=lambda a: (a.content, not a.direct))
    return tuple(_resolve_pronouns(ctx, _nested(text, _unique(found)), marks))


def _nested(text: str, found: Sequence[Attribution]) -> list[Attribution]:
    """A direct and an indirect quote one inside the other: a few quoted words inside
    reported speech ("said the offer was “an insult” and…") are the reporter's scare
    quotes, no quote of their own; a longer direct quote inside an indirect reading whose
    speaker comes after the quote ("X hinted at changes: “We are …,” he said" read as
    "he said [X hinted …]") is the quote, and that indirect reading goes."""
    indirect = [a for a in found if not a.direct]
    drop: set[int] = set()
    for k, a in enumerate(found):
        if not a.direct:
            continue
        outer = [b for b in indirect if _inside_span(a.content, b.content)]
        if not outer:
            continue
        if word_count(text[a.content[0] : a.content[1]]) <= SHORT:
            drop.add(k)
        else:  # only a reading whose speaker comes after the quote ("…,” he said)
            drop.update(found.index(b) for b in outer if _introduced(text, b, a))
    for k, b in enumerate(found):
        if not b.direct and any(_cue_of_direct(text, b, a) for a in found if a.direct):
            drop.add(k)
    return [a for k, a in enumerate(found) if k not in drop]


def _introduced(text: str, indirect: Attribution, direct: Attribution) -> bool:
    """Whether the direct quote follows a colon and the indirect reading's speaker comes
    after the quote: "X hinted at changes: “…,” he said" (the sentence before the colon
    introduces the quote; "It has a plan, but “not all …,” she said" is one utterance)."""
    if indirect.source is None or indirect.source[0] < direct.content[1]:
        return False
    return text[: direct.content[0]].rstrip(" “\"‘'").endswith(":")


def _cue_of_direct(text: str, indirect: Attribution, direct: Attribution) -> bool:
    """ "X indicated the tariffs would stay: “We see no reason…,” he said": the parser
    makes the sentence before the quote the object of "he said", whose cue is the direct
    quote's; that indirect reading goes (the direct quote keeps its speaker)."""
    between = text[indirect.content[1] : direct.content[0]]
    if indirect.content[1] > direct.content[0] or any(c.isalnum() for c in between):
        return False
    return _introduced(text, indirect, direct)


def _inside_span(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def _turns(ctx: Context) -> list[Attribution]:
    """A transcript's turns ("MORALES: We never said that."), each its speaker's words,
    and a headline opening with its speaker ("Ortiz: Port Will Reopen in May")."""
    found = turns(ctx.text, paragraphs(ctx.text))
    for segment in ctx.document.segments:
        if segment.role is Role.HEADLINE:
            label = headline_label(ctx.text, segment.start, segment.end)
            if label is not None and _names_someone(ctx, label.label):
                found.append(label)
    out: list[Attribution] = []
    for turn in found:
        name = ctx.text[turn.label[0] : turn.label[1]]
        out.append(Attribution(turn.words, turn.label, turn.label, name, None, True))
    return out


def _names_someone(ctx: Context, span: tuple[int, int]) -> bool:
    """Whether a headline label names a speaker: its last word a proper noun and no verb
    in it ("Football: …", "Analysis: …", "Police Say: …" are not speakers)."""
    tokens = _tokens(ctx.doc, *span)
    return (
        bool(tokens)
        and tokens[-1].pos_ == "PROPN"
        and all(t.pos_ not in ("VERB", "AUX") for t in tokens)
    )


def _block_quotes(ctx: Context, marks: Sequence[Marked]) -> list[Attribution]:
    """A paragraph without quotation marks after one that ends with a cue and a colon
    ("The governor added:" / then the words): the paragraph is the quote."""
    text = ctx.text
    opened = {m.start for m in marks}
    spans = list(paragraphs(text))
    out: list[Attribution] = []
    for (s, e), (ns, ne) in pairwise(spans):
        if not text[s:e].rstrip().endswith(":") or ns in opened or text[ns] in OPENERS:
            continue
        index = _sentence_index(ctx, e - 1)
        if index is None:
            continue
        first = ctx.sentences[index][0]
        for token in reversed(_tokens(ctx.doc, max(first, s), e)):
            if _is_cue(token):
                cue = _cue(token)
                if cue.speaker is not None and ne - ns > 20:
                    out.append(_attribution(ctx, (ns, ne), cue, True))
                break
    return out


def _within_turn(quote: Attribution, spoken: Sequence[Attribution]) -> bool:
    """Whether a quote without a speaker overlaps a transcript turn (the turn names it)."""
    return any(_overlap(quote.content, turn.content) for turn in spoken)


def _unique(found: Iterable[Attribution]) -> list[Attribution]:
    """Drop repeated (content, direct) attributions, keeping the first."""
    seen: set[tuple[tuple[int, int], bool]] = set()
    out: list[Attribution] = []
    for a in found:
        if (a.content, a.direct) not in seen:
            seen.add((a.content, a.direct))
            out.append(a)
    return out


def extract_quotes(ctx: Context, resolve: ActorLookup) -> tuple[Quote, ...]:
    """The document's quotes with speakers resolved to actors where they are named, and
    whom a spokesperson speaks for (:mod:`newsweave.analyze.quote_behalf`)."""
    marks = [(m.start, m.end) for m in quote_marks(ctx.text)]
    return tuple(_quote(ctx, a, resolve, marks) for a in attributions(ctx))


def _quote(
    ctx: Context, a: Attribution, resolve: ActorLookup, marks: Sequence[tuple[int, int]]
) -> Quote:
    """The Quote record of one attribution. A person a spokesperson speaks for is never
    the speaker ("the senator's spokeswoman said" is the spokeswoman's, for the senator)."""
    actor = None
    if a.speaker is not None:
        actor = _actor(ctx, a.speaker, resolve)
    behalf = behalf_of(ctx, a, marks, resolve)
    if behalf is not None and behalf.person and actor is not None and actor == behalf.actor:
        # "Lasko's lawyer, Ines Marchetti, said": the person in apposition, else unnamed
        apposed = (
            resolve(e.start_char, e.end_char)
            for e in _apposed_people(ctx, _root(ctx, a.speaker or a.content))
        )
        actor = next((x for x in apposed if x is not None and x != behalf.actor), None)
    return Quote(
        span=ctx.span(*a.content),
        speaker=actor,
        speaker_text=a.speaker_text,
        verb=a.cue,
        direct=a.direct,
        evidence=ctx.evidence(a.content[0], a.content[1], STAGE),
        on_behalf_of=behalf.actor if behalf is not None else None,
        on_behalf_of_text=behalf.text if behalf is not None else None,
    )


def _actor(ctx: Context, span: tuple[int, int], resolve: ActorLookup) -> str | None:
    """The actor a speaker span names: the named entity inside it first (the one holding
    the phrase's head, then a person, then any: "Braga coach Rui Antunes" is Rui Antunes,
    "Ruritanian Foreign Minister Ana Vell" Ana Vell, "a Ministry spokesman" the ministry),
    then the span; a place or nationality inside the phrase is never the speaker ("shipping
    agents in Galati" is an unnamed speaker, not the town)."""
    root = _root(ctx, span)
    inside = [
        e
        for e in ctx.doc.ents
        if e.label_ in NAMED and span[0] <= e.start_char and e.end_char <= span[1]
    ]
    head = [e for e in inside if root is not None and e.start <= root.i < e.end]
    people = [e for e in inside if e.label_ == "PERSON"]
    bodies = [e for e in inside if e.label_ == "ORG"]
    named = [*head, *people, *_apposed_people(ctx, root), *bodies]
    for ent in named:
        actor = None
        if len(ent) > 1:
            # "[Moldova Ilie Rusu]" read as one name the names stage split: the name that
            # ends the model's span is the speaker's, not the place glued before it
            actor = resolve(ent[-1].idx, ent[-1].idx + len(ent[-1].text))
        actor = actor or resolve(ent.start_char, ent.end_char)
        if actor is not None:
            return actor
    if inside and not head:
        return None
    return resolve(span[0], span[1])
