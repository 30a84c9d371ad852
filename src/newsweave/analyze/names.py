"""Names stage: the actors a document mentions (people, organisations, places, groups).

spaCy's entities are the candidates. They are cleaned ("the", possessives, line breaks),
retyped with the gazetteer and the document's own evidence (the small model calls many
non-Western places PERSON and some companies GPE), completed with demonyms, acronyms and
user places spaCy missed, and filtered of junk (page furniture, chanted slogans, capitalised
common words at the start of a sentence). :mod:`newsweave.analyze.chains` then groups the
mentions of one actor and :mod:`newsweave.analyze.titles` finds their roles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from newsweave.analyze.candidates import Candidate as Candidate
from newsweave.analyze.context import Context, StageInfo
from newsweave.analyze.gazetteer import Gazetteer
from newsweave.analyze.name_candidates import (
    _acronyms,
    _demonym_candidates,
    _name_parts,
    _place_candidates,
    _raw_candidates,
    _repaired,
    _strictly_inside,
    _without_overlaps,
)
from newsweave.analyze.name_cues import retyped
from newsweave.analyze.name_junk import is_junk
from newsweave.analyze.name_lexicon import NOT_NAME_WORDS, PERSON_TITLES
from newsweave.analyze.name_people import (
    as_event,
    is_desk,
    missed_people,
    mistyped_people,
    without_describing_word,
)
from newsweave.analyze.name_trim import headline_names, trimmed_span
from newsweave.analyze.name_types import _consistent, _facts, retype
from newsweave.model.facts import Actor, Mention

STAGE = StageInfo("names", "8", needs=("sentences",), provides=("mentions", "actors"))


def find_candidates(ctx: Context, gazetteer: Gazetteer) -> list[Candidate]:
    """Every name in the document with its corrected type, junk removed, in text order."""
    text = ctx.document.text
    raw = _repaired(ctx, list(_raw_candidates(ctx)), gazetteer)
    places = list(_place_candidates(ctx, gazetteer))
    longer = [p for p in places if any(_strictly_inside(r, p) for r in raw)]
    people = missed_people(ctx.doc, PERSON_TITLES, NOT_NAME_WORDS, gazetteer)
    extra = [*_demonym_candidates(ctx, gazetteer), *places, *people]
    merged = _without_overlaps([list(_author_candidates(ctx)), longer, raw, extra])
    merged = _without_overlaps([merged, _acronyms(text, merged), _name_parts(ctx, merged)])
    facts = _facts(ctx, merged)
    typed = retyped(ctx.doc, [retype(c, ctx, gazetteer, facts) for c in merged], gazetteer)
    typed = mistyped_people(text, typed, NOT_NAME_WORDS, gazetteer)
    typed = _joined_people([_without_title(c) for c in _consistent(typed)], text)
    typed = [as_event(without_describing_word(c, text)) for c in typed]
    typed = [t for t in (_trimmed(c, text) for c in typed) if t is not None]
    typed = headline_names(text, ctx.document.segments, typed)
    return [c for c in typed if not is_junk(c, ctx)]


def _trimmed(cand: Candidate, text: str) -> Candidate | None:
    """The candidate without glued headline verbs, polls and scores (whatever built it:
    the model, a given name's run, a chain); None when nothing is left."""
    start, end = trimmed_span(text, cand.start, cand.end)
    if end - start < 2:
        return None
    if (start, end) == (cand.start, cand.end):
        return cand
    return replace(cand, start=start, end=end, text=text[start:end])


def _joined_people(cands: Sequence[Candidate], text: str) -> list[Candidate]:
    """ "Didier" + "Yamboré" typed apart (the model read the surname as a place): a one-word
    person name right before another person name is its first name; two names the model
    itself cut apart ("[Luisa Fernanda] [Ortega Prieto]") are one."""
    out: list[Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == cand.type == "PERSON"
            and (" " not in prev.text or (prev.source == cand.source == "ner"))
            and len((prev.text + " " + cand.text).split()) <= 5
            and text[prev.end : cand.start] == " "
        ):
            source = prev.source if prev.source == cand.source else "ner+context"
            out[-1] = replace(prev, end=cand.end, text=text[prev.start : cand.end], source=source)
            continue
        out.append(cand)
    return out


def _author_candidates(ctx: Context) -> Iterator[Candidate]:
    """The byline's authors wherever the analysed text names them ("Sika Amedzro is a
    writer and a former foreign editor with Radio Lagune"): people, whatever the model
    made of the name."""
    text = ctx.text
    for author in ctx.document.authors:
        name = " ".join(author.split())
        if len(name.split()) < 2 or is_desk(name):
            continue
        for found in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            yield Candidate(found.start(), found.end(), name, "PERSON", "author", "PERSON")


def _without_title(cand: Candidate) -> Candidate:
    """ "President Étienne Dossavi" → "Étienne Dossavi" (the title is found by titles)."""
    if cand.type != "PERSON":
        return cand
    start, text = cand.start, cand.text
    while " " in text and text.split()[0].lower().rstrip(".") in PERSON_TITLES:
        head = text.split()[0]
        offset = text.index(head) + len(head)
        rest = text[offset:]
        start += offset + len(rest) - len(rest.lstrip())
        text = rest.strip()
    return replace(cand, start=start, text=text) if start != cand.start else cand


def extract_actors(
    ctx: Context, gazetteer: Gazetteer
) -> tuple[tuple[Mention, ...], tuple[Actor, ...]]:
    """The document's mentions and actors (chained, with titles). Pure."""
    from newsweave.analyze.chains import build_actors

    return build_actors(ctx, find_candidates(ctx, gazetteer))
