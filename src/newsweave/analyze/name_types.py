"""Types of name candidates: evidence from the gazetteer, context and the document's votes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsweave.analyze.candidates import Candidate as Candidate
from newsweave.analyze.context import Context
from newsweave.analyze.gazetteer import Gazetteer, Place, normalize
from newsweave.analyze.name_candidates import _has_person_context, _named_after, _tokens, place_type
from newsweave.analyze.name_lexicon import (
    _NAMING,
    FEATURE_NOUNS,
    LOCATIVE,
    ORG_HEADS,
    PLACE_HEADS,
    ROAD_WORDS,
    SETTLEMENT_WORDS,
    SPEECH_VERBS,
)


@dataclass(frozen=True)
class _Facts:
    """Document-level evidence used for typing."""

    surnames: frozenset[str]
    full_names: frozenset[tuple[str, str]]
    """(first name, surname) of every multi-word PERSON candidate."""
    personal: frozenset[str]
    """Normalised names used with a person's title, speech verb, kin word or pronoun."""
    bare_people: frozenset[str]
    """One-word names spaCy calls PERSON."""
    eponyms: frozenset[str]
    """X of every "X City", "X University"… in the document: the place is called with its
    head word here, so a bare X the model calls PERSON is the person."""
    locative: frozenset[str]
    """Normalised names used after "in", "from"…"""
    votes: dict[str, Counter[str]]


def _facts(ctx: Context, candidates: Sequence[Candidate]) -> _Facts:
    doc = ctx.doc
    surnames: set[str] = set()
    full_names: set[tuple[str, str]] = set()
    personal: set[str] = set()
    bare_people: set[str] = set()
    eponyms: set[str] = set()
    locative: set[str] = set()
    votes: dict[str, Counter[str]] = {}
    for cand in candidates:
        key = normalize(cand.text)
        words = cand.text.split()
        if cand.type == "PERSON" and len(words) >= 2 and not _named_after(words):
            surnames.add(normalize(words[-1]))
            full_names.add((normalize(words[0]), normalize(words[-1])))
        if _has_person_context(doc, cand, speech=cand.type == "PERSON"):
            personal.add(key)
        if cand.type == "PERSON" and len(words) == 1:
            bare_people.add(key)
        if len(words) >= 2 and _named_after(words):
            eponyms.add(normalize(" ".join(words[:-1] if words[0] != "University" else words[2:])))
        span = _tokens(doc, cand)
        if span is not None and span.start > 0 and doc[span.start - 1].lower_ in LOCATIVE:
            locative.add(key)
        votes.setdefault(key, Counter())[cand.type] += 1
    return _Facts(
        frozenset(surnames),
        frozenset(full_names),
        frozenset(personal),
        frozenset(bare_people),
        frozenset(eponyms),
        frozenset(locative),
        votes,
    )


def retype(cand: Candidate, ctx: Context, gazetteer: Gazetteer, facts: _Facts) -> Candidate:
    """The candidate with its type corrected by name shape, demonyms, the gazetteer and the
    document's evidence."""
    if cand.source != "ner":
        return cand
    words = cand.text.split()
    context_type = _type_from_context(cand, ctx)
    if context_type is not None:
        return replace(cand, type=context_type, source=_source(cand, context_type, "context"))
    if words[-1] in PLACE_HEADS and cand.type != "GPE":
        return replace(cand, type="GPE", source="ner+context")
    if (words[-1] in ORG_HEADS or words[0] == "University") and cand.type in (
        "PERSON",
        "GPE",
        "LOC",
        "NORP",
        "PRODUCT",
        "WORK_OF_ART",
    ):
        return replace(cand, type="ORG", source="ner+context")
    code = gazetteer.demonym(cand.text) if len(words) <= 2 else None
    if code:
        return replace(cand, type="NORP", country=code, source=_source(cand, "NORP", "demonym"))
    if cand.type == "NORP" and not gazetteer.lookup(cand.text):
        return cand
    return _retype_name(cand, ctx, gazetteer, facts)


def _type_from_context(cand: Candidate, ctx: Context) -> str | None:
    """The type the words around a name give it: "her name only as X" (PERSON), "Route
    de X" (FAC), "the village of X" (GPE), "the X terminal" (FAC), "X said" for a name the
    model read as a work or product (ORG)."""
    words = cand.text.split()
    before = ctx.document.text[max(0, cand.start - 40) : cand.start]
    if _NAMING.search(before):
        return "PERSON"
    if words[0] in ROAD_WORDS or words[-1] in ROAD_WORDS:
        return "FAC"
    doc = ctx.doc
    span = _tokens(doc, cand)
    if span is None or len(span) == 0:
        return None
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and _settlement(doc[span.start - 2]):
        return "GPE"
    feature = _feature_noun(doc, span)
    if feature and cand.type in ("PERSON", "NORP", "PRODUCT", "WORK_OF_ART") and len(words) == 1:
        return feature
    if cand.type in ("WORK_OF_ART", "PRODUCT", "LAW") and _speaks(span):
        return "ORG"
    return None


def _settlement(token: Any) -> bool:
    return bool(token.lower_ in SETTLEMENT_WORDS)


def _feature_noun(doc: Any, span: Any) -> str | None:
    """The place type of the common noun a name modifies ("the Kessa terminal")."""
    if span.end >= len(doc):
        return None
    after = doc[span.end]
    if after.text[:1].islower() and span.root.head.i == after.i:
        return FEATURE_NOUNS.get(after.lower_)
    return None


def _speaks(span: Any) -> bool:
    root = span.root
    return bool(root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in SPEECH_VERBS)


def _source(cand: Candidate, new_type: str, how: str) -> str:
    return cand.source if new_type == cand.type else f"ner+{how}"


def _retype_name(cand: Candidate, ctx: Context, gazetteer: Gazetteer, facts: _Facts) -> Candidate:
    key = normalize(cand.text)
    single = len(cand.text.split()) == 1
    places = gazetteer.lookup(cand.text)
    locative = _after_locative(ctx.doc, cand)
    if single and key in facts.surnames and not (places and locative):
        return replace(cand, type="PERSON", source=_source(cand, "PERSON", "context"))
    if places:
        return _as_place(cand, places[0], ctx, facts, locative)
    if cand.type in ("ORG", "GPE", "LOC", "FAC") and _looks_personal(cand.text, facts):
        return replace(cand, type="PERSON", source="ner+context")
    return cand


def _looks_personal(name: str, facts: _Facts) -> bool:
    """A two- or three-word capitalised name used with a person's title or kin word, or
    whose last word is used alone as a person's name ("Félix Adomah" … "Adomah said")."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    if words[-1] in ORG_HEADS or words[-1] in PLACE_HEADS or any(w.isupper() for w in words):
        return False
    first, last = normalize(words[0]), normalize(words[-1])
    if normalize(name) in facts.personal or last in facts.bare_people or last in facts.surnames:
        return True
    return any(f == first for f, _ in facts.full_names)


def _as_place(
    cand: Candidate, place: Place, ctx: Context, facts: _Facts, locative: bool
) -> Candidate:
    key = normalize(cand.text)
    kind = place_type(place)
    located = replace(cand, country=place.country, place=place.id)
    if cand.type in ("GPE", "LOC", "FAC"):
        if _government(ctx.doc, cand):
            return replace(located, source="ner+government")
        return located
    if cand.type == "PERSON":
        if key in facts.personal or key in facts.eponyms or _known_first_name(cand.text, facts):
            return cand
        return replace(located, type=kind, source="ner+gazetteer")
    if place.kind == "country" or place.id.startswith("user:") or locative:
        return replace(located, type=kind, source="ner+gazetteer")
    if cand.type in ("PRODUCT", "WORK_OF_ART") and (kind != "GPE" or place.kind == "country"):
        return replace(located, type=kind, source="ner+gazetteer")
    if _in_known_place(ctx.doc, cand):
        return replace(located, type=kind, source="ner+gazetteer")
    return cand


def _in_known_place(doc: Any, cand: Candidate) -> bool:
    """ "Tema in Ghana": a known place name followed by "in" and a country."""
    span = _tokens(doc, cand)
    if span is None or span.end + 1 >= len(doc) or doc[span.end].lower_ != "in":
        return False
    return bool(doc[span.end + 1].ent_type_ == "GPE")


def _known_first_name(name: str, facts: _Facts) -> bool:
    """The name's first word is the first name of another person of the document."""
    words = name.split()
    if len(words) < 2:
        return False
    first, last = normalize(words[0]), normalize(words[-1])
    return any(f == first and s != last for f, s in facts.full_names)


def _after_locative(doc: Any, cand: Candidate) -> bool:
    span = _tokens(doc, cand)
    return span is not None and span.start > 0 and doc[span.start - 1].lower_ in LOCATIVE


def _government(doc: Any, cand: Candidate) -> bool:
    """ "London said…": a place standing for its government (subject of a speech verb)."""
    span = _tokens(doc, cand)
    if span is None or len(span) == 0:
        return False
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS


def _consistent(cands: Sequence[Candidate]) -> list[Candidate]:
    """A name spaCy typed differently across the document takes the type of its corrected
    or majority reading (plain ``ner`` candidates only)."""
    types: dict[str, Counter[str]] = {}
    for cand in cands:
        weight = 2 if cand.source != "ner" else 1
        types.setdefault(normalize(cand.text), Counter())[cand.type] += weight
    out: list[Candidate] = []
    for cand in cands:
        votes = types[normalize(cand.text)]
        best, count = votes.most_common(1)[0]
        if cand.source == "ner" and best != cand.type and count > votes[cand.type]:
            cand = replace(cand, type=best, source="ner+context")
        out.append(cand)
    return out
