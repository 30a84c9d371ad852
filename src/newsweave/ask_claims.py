"""Fact answers from claims: "how many / how much / what number" questions
(see :mod:`newsweave.ask_facts`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newsweave.analyze.figures import CURRENCY_CODES
from newsweave.analyze.figures_what import state_quantity
from newsweave.analyze.gazetteer import country_names
from newsweave.ask_answer import Asked, Citation, FactAnswer, _date, _stem_matches, fold_text
from newsweave.ask_records import (
    claim_candidates,
    restatements,
)
from newsweave.ask_text import stem
from newsweave.resolve.claim_values import SUBGROUPS
from newsweave.resolve.claims import QUANTITIES, word_quantity
from newsweave.resolve.claims_list import ClaimListing
from newsweave.store.sqlite import Store

_MONEY_WORDS = frozenset(
    {"money", "much", "cost", "costs", "worth", "loan", "aid", "fund", "funds"}
)


_SHARE_WORDS = frozenset({"percent", "percentage", "share", "proportion", "rate"})


_PLACE_CODE = re.compile(r"^[A-Z]{2}$")


_CHANGE_QUESTION = re.compile(r"\bby how (?:much|many|far)\b")
""""By how much will the fare rise?" asks for the size of a change (a percentage or an
amount of money), not for a level, whatever the words after it."""

_CHANGE_UNITS = frozenset({"percent", "percentage point", "basis point"})


def question_quantity(words: Sequence[str]) -> str | None:
    """The quantity a question asks about: ``change`` for "by how much", ``held`` for
    "remained in detention" (:func:`state_quantity`); else the last of its words the
    claims' vocabulary knows ("how many protesters were arrested" →
    detentions), else money or share."""
    if _CHANGE_QUESTION.search(" ".join(words)):
        return "change"
    state = state_quantity(words)
    if state is not None:
        return state
    named = [q for w in words if (q := word_quantity(w)) is not None]
    if named:
        return named[-1]
    if _SHARE_WORDS & set(words):
        return "share"
    if _MONEY_WORDS & set(words) or "$" in words:
        return "money"
    return None


_GENERIC = frozenset(("many", "much", "people", "person", "number", "total", "large", "high"))
_GENERIC_STEMS = _GENERIC | frozenset(stem(w) for w in _GENERIC)
"""The question's generic words as the question's stems spell them ("peopl")."""


def _claim_answer(store: Store, asked: Asked) -> FactAnswer | None:
    """The claim that answers a number question: among the claims of the quantity the
    question names (all claims when none is of it), scored by that quantity (2) and the
    question words its sentences carry (1 each), at least 2 needed; then the claimant or
    place the question names (3), another name of the question in its sentences (1) and
    question words in what it counts (1 each). A count of a past year the articles recall
    comes after every count of the story unless the question names the year; ties go to a
    whole before a part, a count for a country before a town's, the latest, the most
    sources."""
    quantity = question_quantity(asked.words)
    # the words naming the asked quantity ("died") are counted by the quantity's fit, not
    # again as words its sentences carry: the event the question names decides
    asked_quantity = {stem(w) for w in asked.words if quantity and word_quantity(w) == quantity}
    content = [
        s
        for s in asked.stems
        if s not in _GENERIC_STEMS and len(s) >= 3 and s not in asked_quantity
    ]
    named = [names for _, _, names in asked.entities]
    source = _according_to(asked.words)
    if source:
        named.append((source,))
    terms = [f'"{s}"*' for s in content] + [
        '"' + n.replace('"', '""') + '"' for names in named for n in names[:1] if len(n) >= 3
    ]
    claims, _ = claim_candidates(store, quantity, terms)  # indexed: not every claim
    fitting = [c for c in claims if _quantity_fits(c, quantity)]
    scored = []
    for claim in fitting or claims:
        score = 2 * _quantity_fits(claim, quantity) + _overlap(content, claim)
        if score < 2:
            continue
        score += 3 * _names_any(named, claim.claimants)
        score += 3 * _names_place(named, claim.place)
        score += _names_any(named, [s.sentence for s in claim.sources])
        score += _stem_matches(content, re.findall(r"\w+", fold_text(claim.what)))
        whole = not claim.part_of  # "how many remained" asks for the whole, not its minors
        current = not _background(claim) or (claim.as_of or "")[:4] in asked.words
        key = (current, score, whole, _broad(claim), claim.as_of or "", len(claim.sources))
        scored.append((key, claim))
    if not scored:
        return None
    top = max(scored, key=lambda item: item[0])[1]
    best = _with_restatements(top, restatements(store, top))
    return FactAnswer(_claim_sentence(best), "claim", best.id, _claim_citations(best))


def _quantity_fits(claim: ClaimListing, quantity: str | None) -> bool:
    if quantity == "change":
        return claim.unit in _CHANGE_UNITS or _currency(claim.unit or "")
    if quantity == "money":
        return (claim.unit or "").upper() in CURRENCY_CODES
    if quantity == "share":
        return claim.unit == "percent"
    return quantity is not None and claim.what == quantity


def _overlap(stems: Sequence[str], claim: ClaimListing) -> int:
    """How many question stems the claim's sentences or ``what`` carry."""
    words = set(re.findall(r"\w+", fold_text(" ".join(s.sentence for s in claim.sources))))
    return _stem_matches(stems, sorted(words))


def _according_to(words: Sequence[str]) -> str | None:
    """The claimant a question names: "… according to the health ministry" → health ministry."""
    text = " ".join(words)
    match = re.search(r"\b(?:according to|by|say|says|said)\s+(?:the\s+)?(.+)$", text)
    return match.group(1).strip() if match else None


def _with_restatements(best: ClaimListing, claims: Sequence[ClaimListing]) -> ClaimListing:
    """The claim with the sources and claimants of the other claims stating the same value
    of the same quantity (a restatement days later is the same toll)."""
    same = [
        c
        for c in claims
        if c.id != best.id
        and c.what == best.what
        and c.value == best.value
        and c.qualifier == best.qualifier
        and c.unit == best.unit
    ]
    if not same:
        return best
    group = [best, *same]
    return replace(
        best,
        claimants=tuple(dict.fromkeys(n for c in group for n in c.claimants)),
        sources=tuple(s for c in group for s in c.sources),
        conflicts=tuple(x for c in group for x in c.conflicts),
    )


def _names_any(named: Iterable[tuple[str, ...]], texts: Iterable[str]) -> bool:
    folded = [fold_text(t) for t in texts]
    return any(n and any(n in t for t in folded) for names in named for n in names)


def _names_place(named: Iterable[tuple[str, ...]], place: str | None) -> bool:
    """Whether the question names the claim's place itself ("Aceh" is not "Central Aceh",
    a district of it)."""
    folded = fold_text(place or "")
    return bool(folded) and any(fold_text(n) == folded for names in named for n in names)


def _background(claim: ClaimListing) -> bool:
    """A count of a past year or month (2+ months back) its own articles recall ("in 2004,
    a tsunami killed 230,000"): it answers a question only when nothing of the story
    does, or when the question names its year."""
    published = [s.published[:7] for s in claim.sources if s.published]
    if not claim.as_of or not published:
        return False
    year, month = int(claim.as_of[:4]), int(claim.as_of[5:7] or 0)
    first = min(published)
    return (int(first[:4]) - year) * 12 + int(first[5:7] or 0) - month >= 2


def _broad(claim: ClaimListing) -> bool:
    """A count for a country or with no place before one for a town (a claim's place is
    its town's or its country's name; a code when a user gazetteer's country has no name)."""
    place = claim.place
    return place is None or bool(_PLACE_CODE.match(place)) or place in country_names()


def _claim_sentence(claim: ClaimListing) -> str:
    quantity = QUANTITIES.get(claim.what)
    people = quantity is not None and quantity.people and claim.what not in ("troops",)
    unit = (
        SUBGROUPS.get(claim.unit or "", "people")
        if people
        else (claim.unit or "")
        if claim.unit and claim.unit not in ("percent", "person") and not _currency(claim.unit)
        else ""
    )
    value = claim.hedged_value
    if claim.unit == "percent":
        value += "%"
    elif claim.unit and _currency(claim.unit):
        value = f"{claim.hedge}{claim.unit.upper()} {claim.number}"
    phrase = quantity.phrase if quantity is not None else claim.what
    parts = [" ".join(p for p in (value, unit, phrase) if p)]
    if claim.place and not _PLACE_CODE.match(claim.place):
        parts.append(f"in {claim.place}")
    if claim.claimants:
        parts.append("according to " + " and ".join(claim.claimants[:2]))
    if claim.as_of:
        parts.append(f"(as of {_date(claim.as_of)})")
    text = " ".join(parts)
    others = [c for c in claim.conflicts if c.kind == "conflict"]
    if others:
        rival = others[0]
        who = f" {rival.claimants[0]}" if rival.claimants else " another source"
        text += f";{who} gives {rival.value:,.0f}"
    later = [
        c for c in claim.conflicts if c.kind == "revision" and (c.date or "") > (claim.as_of or "")
    ]
    if later:
        text += f"; later revised to {later[0].value:,.0f}"
    return text[0].upper() + text[1:] + "."


def _currency(unit: str) -> bool:
    return unit.upper() in CURRENCY_CODES


def _claim_citations(claim: ClaimListing) -> tuple[Citation, ...]:
    seen: dict[tuple[str, int], Citation] = {}
    for s in claim.sources:
        seen.setdefault((s.document, s.start), Citation(s.document, s.start, s.end, s.sentence))
    return tuple(seen.values())
