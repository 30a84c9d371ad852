"""Event triggers: vocabulary patterns matched over a parse (verbal, nominal, passive),
the longest winning, frame contents folded into their frame."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.analyze.events_obligation import obligations
from newsweave.analyze.events_vocab import Pattern, Vocabulary, vocabulary
from newsweave.model.facts import Mention

SKIPPABLE = frozenset({"DET", "ADJ", "ADV", "NUM", "PART", "PRON", "PUNCT"})
SKIP_LIMIT = 3
STAR_LIMIT = 8
ENTITY_BLOCK = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "LAW", "DATE", "TIME",
     "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "PRODUCT", "LANGUAGE"}
)  # fmt: skip
"""Entity labels whose tokens are never triggers ("Mobile Intervention Police", "March")."""


# --------------------------------------------------------------------------- triggers


@dataclass(frozen=True)
class Trigger:
    """A vocabulary match in the parse."""

    pattern: Pattern
    anchor: int
    """Token index the arguments are read from (the verb, or the noun's head)."""
    literals: tuple[int, ...]
    """Token indices matched by the pattern's words."""
    star: tuple[int, int] | None
    """Token range [start, end) of the ``*`` object slot."""


def lemma(token: Any) -> str:
    """The token's lemma, with the small model's known slips mended (``lemmas`` in the
    vocabulary: "staged" is lemmatised "stag")."""
    return vocabulary().lemmas.get(token.lower_, token.lemma_.lower())


def _forms(token: Any) -> frozenset[str]:
    """The token's lemma and lower-case form."""
    row: _Row = _table(token.doc)[token.i]
    return row[0]


_Row = tuple[frozenset[str], str, str, bool, str, str]
"""What trigger matching reads of a token: (forms, pos_, text, is_space, dep_, tag_)."""


def _table(doc: Any) -> list[_Row]:
    """One row per token of ``doc``, built once per Doc: matching tries every pattern from
    every token, and each ``doc[j]`` makes a new spaCy Token object (the events stage spent
    most of its time there)."""
    rows: list[_Row] | None = doc.user_data.get("newsweave_trigger_rows")
    if rows is None:
        rows = [
            (frozenset((lemma(t), t.lower_)), t.pos_, t.text, t.is_space, t.dep_, t.tag_)
            for t in doc
        ]
        doc.user_data["newsweave_trigger_rows"] = rows
    return rows


def _match_rest(
    doc: Any, words: Sequence[frozenset[str] | None], i: int, end: int, star: bool = False
) -> tuple[list[int], tuple[int, int] | None] | None:
    """Match ``words`` from token ``i`` (exclusive of the anchor); tokens before ``end``.
    After a ``*`` slot a word never matches a participle describing a later noun
    ("cancelled a planned visit" is no cancelled plan)."""
    if not words:
        return [], None
    rows = _table(doc)
    word = words[0]
    if word is None:
        for stop in range(i, min(i + STAR_LIMIT, end) + 1):
            if stop > i and rows[stop - 1][2] in {".", ";", ":", "?", "!"}:
                return None
            found = _match_rest(doc, words[1:], stop, end, True)
            if found is not None and len(words) > 1:
                return found[0], found[1] or ((i, stop) if stop > i else None)
        return None
    for j in range(i, min(i + SKIP_LIMIT + 1, end)):
        forms, pos, text, space, dep, tag = rows[j]
        described = star and dep == "amod" and tag in ("VBN", "VBG", "VBD")
        if forms & word and not space and not described:
            rest = _match_rest(doc, words[1:], j + 1, end)
            if rest is not None:
                return [j, *rest[0]], rest[1]
        if pos not in SKIPPABLE or text in {",", ".", ";", ":"}:
            return None
    return None


def _no_particle(doc: Any, pattern: Pattern, literals: Sequence[int]) -> bool:
    """Whether a phrasal verb's particle ("give in", "step down") is matched by a preposition
    heading its own phrase: "the speech he gave in Denver", "walked out the door"."""
    first, last = pattern.words[0], pattern.words[-1]
    if len(pattern.words) != 2 or first is None or last is None:
        return False
    phrasal = vocabulary().particles
    if not any(f"{v} {p}" in phrasal for v in first for p in last):
        return False
    token = doc[literals[-1]]
    return token.dep_ == "prep" and any(c.dep_ == "pobj" for c in token.children)


def _is_passive(token: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _modal_head(token: Any) -> bool:
    """ "Would the party endorse him?": a word a modal auxiliary hangs on is a verb, whatever
    tag the small model gave it (questions are often tagged as noun phrases)."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children)


def _try(doc: Any, pattern: Pattern, i: int, end: int) -> Trigger | None:
    token = doc[i]
    verbal = token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
    if pattern.kind in ("verb", "passive") and not verbal and not _modal_head(token):
        return None
    if pattern.kind == "passive" and not _is_passive(token):
        return None
    found = _match_rest(doc, pattern.words[1:], i + 1, end)
    if found is None:
        return None
    literals = (i, *found[0])
    if pattern.kind == "verb" and _no_particle(doc, pattern, literals):
        return None
    if pattern.origin == "cameo" and not all(_in_clause(doc, j, i, literals) for j in literals[1:]):
        return None  # a CAMEO pattern's words belong to the verb's own clause
    if pattern.kind == "noun":
        if not any(doc[j].pos_ in ("NOUN", "PROPN", "X") for j in literals):
            return None
        anchor = _head_of(doc, literals)
        if doc[anchor].pos_ not in ("NOUN", "PROPN", "X", "ADJ", "VERB"):
            return None
    else:
        anchor = i
    return Trigger(pattern, anchor, literals, found[1])


def _in_clause(doc: Any, index: int, verb: int, literals: Sequence[int] = ()) -> bool:
    """Whether token ``index`` hangs under the verb ``verb`` without another verb between
    ("impose sanctions", "rushed troops to the border"; not "said the arrests were ...")
    nor a preposition that is not one of the pattern's ``literals`` ("opposed to French
    mediation in peace negotiations": the negotiations belong to the mediation)."""
    token = doc[index]
    for _ in range(8):
        if token.i == verb:
            return True
        if token.head.i == token.i or token.pos_ in ("VERB", "AUX"):
            return False  # another verb: "shot 11 people after a crowd attacked"
        if literals and token.dep_ == "prep" and token.i not in literals:
            return False
        token = token.head
    return False


def _head_of(doc: Any, indices: Sequence[int]) -> int:
    inside = set(indices)
    for j in indices:
        outside = doc[j].head.i not in inside or doc[j].head.i == j
        if outside and doc[j].pos_ not in ("ADP", "DET", "PUNCT"):
            return j
    return indices[-1]


def _blocked(doc: Any, mentions: Sequence[Mention]) -> set[int]:
    """Tokens inside names, dates and numbers: never triggers."""
    blocked: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in ENTITY_BLOCK:
            # a verb's particle belongs to the verb ("handed [over 700 kg]")
            blocked.update(i for i in range(ent.start, ent.end) if doc[i].dep_ != "prt")
    for mention in mentions:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is not None and mention.type != "EVENT":
            blocked.update(range(span.start, span.end))
    return blocked


def candidates(
    doc: Any, start: int, end: int, vocab: Vocabulary, blocked: set[int]
) -> list[Trigger]:
    """Every pattern match whose first word is a token of [start, end)."""
    found: list[Trigger] = []
    for i in range(start, end):
        token = doc[i]
        if token.is_space or token.is_punct or i in blocked:
            continue
        seen: set[int] = set()
        for form in _forms(token):
            for pattern in vocab.by_first.get(form, ()):
                if id(pattern) in seen:
                    continue
                seen.add(id(pattern))
                trigger = _try(doc, pattern, i, end)
                if trigger is not None and not (set(trigger.literals) & blocked):
                    found.append(trigger)
    return found


def select(found: Iterable[Trigger]) -> list[Trigger]:
    """Longest patterns first; a trigger overlapping a chosen one is dropped; ignore
    patterns block their words and yield nothing."""
    order = sorted(
        found,
        key=lambda t: (
            -t.pattern.size,
            not t.pattern.context,  # a pattern whose context is there is the more specific
            t.pattern.kind == "noun",
            t.pattern.origin != "hand",
            t.literals,
        ),
    )
    taken: set[int] = set()
    chosen: list[Trigger] = []
    for trigger in order:
        if taken & set(trigger.literals):
            continue
        taken.update(trigger.literals)
        if trigger.pattern.type or trigger.pattern.frame:
            chosen.append(trigger)  # an ignored frame still hides its content
    return sorted(chosen, key=lambda t: t.literals[0])


def _frame_content(doc: Any, trigger: Trigger) -> set[int]:
    """Tokens of the content of a frame verb: its clausal complements and its objects."""
    content: set[int] = set()
    anchor = doc[trigger.anchor]
    for child in anchor.children:
        clause = child.dep_ in ("xcomp", "ccomp")  # "allowed the opposition to HOLD a rally"
        if child.dep_ in ("xcomp", "ccomp", "dobj", "prep", "advcl") and (
            clause or child.i not in trigger.literals
        ):
            content.update(t.i for t in child.subtree)
    for j in trigger.literals:
        for child in doc[j].children:
            if child.dep_ in ("pobj", "acl", "xcomp") and child.i not in trigger.literals:
                content.update(t.i for t in child.subtree)  # "the ability ... to deploy"
    if trigger.star:
        content.update(range(*trigger.star))
    return content - set(trigger.literals)


def drop_framed(doc: Any, triggers: Sequence[Trigger]) -> list[Trigger]:
    """Drop triggers that are the content of a frame trigger in the same sentence."""
    inside: set[int] = set()
    for trigger in triggers:
        if trigger.pattern.frame:
            inside |= _frame_content(doc, trigger)
    return [t for t in triggers if t.pattern.frame or t.anchor not in inside]


def _has_context(doc: Any, start: int, end: int, pattern: Pattern) -> bool:
    """Whether the sentence [start, end) has one of the pattern's ``context`` words (when it
    wants one) and none of its ``unless`` words."""
    words, unless = pattern.context, pattern.unless
    if unless and any(_forms(doc[i]) & unless for i in range(start, end)):
        return False
    return not words or any(_forms(doc[i]) & words for i in range(start, end))


def find_triggers(
    doc: Any, start: int, end: int, vocab: Vocabulary, blocked: set[int]
) -> list[Trigger]:
    """The event triggers of the sentence made of tokens [start, end)."""
    found = candidates(doc, start, end, vocab, blocked)
    for pattern, modals in vocab.obligations:
        first = pattern.words[0]
        assert first is not None
        for said in obligations(doc, start, end, first, modals):
            if said.verb not in blocked:
                found.append(Trigger(pattern, said.verb, (said.verb, said.modal), None))
    # a pattern whose mode wants a context word the sentence lacks is no candidate, so an
    # equal pattern of another mode can take its words ("set fire to": riot or destroy)
    chosen = select(t for t in found if _has_context(doc, start, end, t.pattern))
    return [t for t in drop_framed(doc, chosen) if t.pattern.type]


MONEY = re.compile(r"[$€£¥]|\b(francs?|dollars?|euros?|pounds?|cfa|usd)\b", re.IGNORECASE)
"""Sums are what is given or lent, not on whom an act falls."""
