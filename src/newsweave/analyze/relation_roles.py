"""Relations from role nouns: kin, offices and jobs ("his wife X", "X, chairman of Y")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from newsweave.analyze.relation_cues import (
    as_former,
    past_office,
    relation_cues,
    staff_role,
    unheld,
)
from newsweave.analyze.relation_doc import (
    _bearer_token,
    _Doc,
    _Found,
    _group,
    _lemma,
    _lower,
    _personlike,
    _preps,
    _Role,
    _type,
    _words,
    np_actor,
)
from newsweave.analyze.relation_holders import _holder_token
from newsweave.analyze.relation_words import (
    _CLAUSE_DEPS,
    _LEADING,
    _NOT_IN_PHRASE,
    _YEAR,
    CHILD,
    COPULAS,
    EMPLOYMENT,
    GROUPISH,
    KIN_GENDER,
    LEADERS,
    OFFICES,
    PARENT,
    PERSONISH,
    PLACE_NOUNS,
    PLACEISH,
    RELATIVE,
    ROLE_NOUNS,
    SIBLING,
    SPOUSE,
)


def _roles(d: _Doc) -> Iterator[_Role]:
    """Every role noun of the document with its bearer and holder."""
    for token in d.doc:
        lower = _lower(token)
        if lower not in ROLE_NOUNS or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.text == "General" and token.i > 0 and _lower(d.doc[token.i - 1]) in ROLE_NOUNS:
            continue  # the second word of "Secretary General": read with the first
        mention = d.mention_of.get(token.i)
        if mention is not None and mention.source != "title":
            continue
        group = _group(d.doc, token)
        bearer_token = _bearer_token(d, token, group)
        bearer = np_actor(d, bearer_token) if bearer_token is not None else None
        if bearer is None:
            continue
        holder_token = _holder_token(d, token, group, bearer_token)
        exclude = frozenset({bearer})
        holder = np_actor(d, holder_token, exclude) if holder_token is not None else None
        qualifier = _qualifier(d, token, group, holder_token)
        yield _Role(token, group, bearer, bearer_token, holder, holder_token, qualifier)


def _qualifier(d: _Doc, noun: Any, group: Sequence[Any], holder: Any) -> str:
    """The role as written, without articles, possessives, the holder and clauses:
    "eldest son", "ex-husband", "former head of the central bank"."""
    drop: set[int] = set()
    for token in noun.subtree:
        if token.i in drop or token.i == noun.i:
            continue
        coordination = token.dep_ in ("cc", "conj") and token.i < noun.i
        nested = token.head.i != noun.i and token.dep_ in ("det", "poss", "case")
        if token.dep_ in _NOT_IN_PHRASE and not coordination and not nested:
            drop.update(t.i for t in token.subtree)
        if holder is not None and token.i == holder.i:
            drop.update(t.i for t in token.subtree)
            if token.head.dep_ == "prep" and token.head.i != noun.i:
                drop.add(token.head.i)
    keep = {t.i for t in noun.subtree if t.i not in drop} | {t.i for t in group}
    tokens = [t for t in d.doc[min(keep) : max(keep) + 1] if t.i in keep]
    text = "".join(t.text_with_ws for t in tokens).strip(" ,;:-–—")
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+\.$", "", text)  # "the wife of X." without its holder: "wife"
    text = _LEADING.sub("", text).strip() or str(noun.text)
    first = d.doc[min(keep)]
    return past_office(d.ctx.text[max(0, first.idx - 12) : first.idx], text)


def _role_relations(d: _Doc, role: _Role) -> Iterator[_Found]:
    """What one role noun states."""
    lower = _lower(role.noun)
    start, end = _extent(
        *_phrase_tokens(role.noun),
        role.group,
        *_name_tokens(d, role.bearer_token, role.holder_token),
    )
    former = bool(re.search(r"\b(?:ex-|former)", role.qualifier, re.IGNORECASE))
    if lower in SPOUSE and re.search(r"\b(?:first|second)\b", role.qualifier, re.IGNORECASE):
        former = True  # "his first wife": a marriage that a later one followed
    bearer, holder = role.bearer, role.holder
    in_law = d.ctx.document.text[role.group[-1].idx + len(role.group[-1].text) :].startswith(
        "-in-law"
    )
    assert bearer is not None
    if lower in CHILD | PARENT | SIBLING | SPOUSE | RELATIVE:
        if holder and _personlike(d, bearer) and _personlike(d, holder):
            yield _Found(
                bearer,
                _kin_predicate(lower, former, in_law),
                holder,
                None,
                role.qualifier,
                None,
                start,
                end,
            )
    elif lower == "ally":
        if holder and _type(d, holder) in PERSONISH | GROUPISH:
            yield _Found(bearer, "ally_of", holder, None, role.qualifier, None, start, end)
    elif lower == "member":
        place = _type(d, holder) in PLACEISH and _personlike(d, bearer)
        if holder and _type(d, holder) in GROUPISH and not place:  # "a Ft. Worth member of X"
            time = _time(role.noun)
            past = time is None and _past_copula(role.noun)
            qualifier = as_former(role.qualifier) if past else role.qualifier
            yield _Found(bearer, "member_of", holder, None, qualifier, time, start, end)
    elif lower in PLACE_NOUNS:
        if holder and _type(d, bearer) in PLACEISH and _type(d, holder) in PLACEISH:
            yield _Found(bearer, "located_in", holder, None, role.qualifier, None, start, end)
    elif _personlike(d, bearer):
        yield from _job(d, role, lower, start, end)


def _phrase_tokens(noun: Any) -> tuple[Any, ...]:
    """The noun phrase without clauses and appositions ("the former head of the bank")."""
    tokens, stack = [], [noun]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(
            c
            for c in token.children
            if c.dep_ not in _CLAUSE_DEPS and c.dep_ not in ("appos", "punct", "cc", "conj")
        )
    return tuple(tokens)


def _name_tokens(d: _Doc, *tokens: Any) -> tuple[Any, ...]:
    """The tokens given, each with the whole name it is part of."""
    found: list[Any] = []
    for token in tokens:
        if token is None:
            continue
        found.append(token)
        mention = d.mention_of.get(token.i)
        span = (
            d.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if mention is not None
            else None
        )
        if span is not None:
            found.extend([span[0], span[-1]])
    return tuple(found)


def _kin_predicate(lower: str, former: bool, in_law: bool) -> str:
    if in_law or lower in RELATIVE:
        return "relative_of"
    if lower in CHILD:
        return "child_of"
    if lower in PARENT:
        return "parent_of"
    if lower in SIBLING:
        return "sibling_of"
    return "former_spouse_of" if former else "spouse_of"


def _job(d: _Doc, role: _Role, lower: str, start: int, end: int) -> Iterator[_Found]:
    """Offices (holds_position, leads) and employment (employed_by) of a person."""
    assert role.bearer is not None
    first = role.group[0].idx
    quoted = d.ctx.text[max(0, first - 1) : first] in ("“", '"', "‘", "'")  # “King James”
    if quoted or unheld(role.qualifier) or _hypothetical(d, role) or _modal_copula(role.noun):
        return  # "the incoming mayor", "a President Vance would…", "X will be president"
    time = _time(role.noun)
    if time is None and _past_copula(role.noun):
        role = replace(role, qualifier=as_former(role.qualifier))
    assert role.bearer is not None
    if staff_role(role.qualifier) and role.holder and _personlike(d, role.holder):
        # "chief of staff to Senator X" works for X and does not lead X
        yield _Found(
            role.bearer, "employed_by", role.holder, None, role.qualifier, time, start, end
        )
        return
    holder = role.holder if _type(d, role.holder) in GROUPISH else None
    if _beat(d, role, lower) or _address(d, role, lower):
        return
    if lower in EMPLOYMENT:
        if holder and _type(d, holder) == "ORG":
            yield _Found(role.bearer, "employed_by", holder, None, role.qualifier, time, start, end)
    elif lower in LEADERS and holder and _heads_a_unit(role.noun):
        # "the Post's West Africa bureau chief" works for the Post, heading a part of it
        yield _Found(role.bearer, "employed_by", holder, None, role.qualifier, time, start, end)
    elif lower in LEADERS and holder:
        yield _Found(role.bearer, "leads", holder, None, role.qualifier, time, start, end)
    else:
        yield _Found(role.bearer, "holds_position", holder, None, role.qualifier, time, start, end)


def _beat(d: _Doc, role: _Role, lower: str) -> bool:
    """ "White House correspondent X": the institution written before a journalist's role
    is the beat covered, not the employer."""
    if lower not in relation_cues().beat_roles or role.holder is None:
        return False
    if role.holder_token is None or role.holder_token.i > role.group[0].i:
        return False
    actor = d.actors.get(role.holder)
    return actor is not None and actor.name in relation_cues().beats


def _address(d: _Doc, role: _Role, lower: str) -> bool:
    """ "Secretary X" with no organisation or country: a form of address, which holders
    keep after leaving office — no office said to be held now."""
    return (
        lower in relation_cues().address_titles
        and role.holder is None
        and role.qualifier.lower() == lower
    )


def _past_copula(noun: Any) -> bool:
    """ "Jim Reyes, who was press secretary to …", "she served as governor of X before …",
    "was a member of the council when …": an office in the simple past of a copula or of
    "serve as" is a former one (family roles are not: "X was his uncle" still is)."""
    holding = relation_cues().past_serving_verbs  # not "named/appointed/elected X"
    verb = None
    if noun.dep_ in ("attr", "oprd") and _lemma(noun.head) in holding:
        verb = noun.head
    elif noun.dep_ == "pobj" and _lower(noun.head) == "as" and _lemma(noun.head.head) in holding:
        verb = noun.head.head
    return verb is not None and verb.tag_ == "VBD"


def _modal_copula(noun: Any) -> bool:
    """ "X will be president", "he would be a great senator": a copula with a modal says
    what may be, not what is."""
    verb = noun.head
    if noun.dep_ not in ("attr", "oprd", "acomp") or _lemma(verb) not in COPULAS:
        return False
    return any(c.dep_ == "aux" and c.lower_ in relation_cues().modals for c in verb.children)


def _hypothetical(d: _Doc, role: _Role) -> bool:
    """ "a President Vance": an indefinite article before a title that precedes its
    name."""
    first = role.group[0]
    if role.bearer_token is None or role.bearer_token.i < first.i or first.i == 0:
        return False
    return d.doc[first.i - 1].lower_ in relation_cues().indefinite


UNIT_WORDS = frozenset(
    {"bureau", "desk", "section", "department", "division", "unit", "office", "team",
     "branch", "service", "newsroom", "station", "region", "regional"}
)  # fmt: skip


def _heads_a_unit(noun: Any) -> bool:
    """ "bureau chief", "desk head", "head of community banking": the leader of a part of
    the organisation (a unit word before the noun, or a common noun after its "of")."""
    if any(
        c.dep_ in ("compound", "amod", "nmod") and _lower(c) in UNIT_WORDS for c in noun.children
    ):
        return True
    for prep in noun.children:
        if prep.dep_ == "prep" and _lower(prep) == "of":
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN" and obj.text.islower():
                return True
    return False


def _extent(*parts: Any) -> tuple[int, int]:
    """Characters from the first to the last token given (in the first token's sentence)."""
    tokens: list[Any] = []
    for part in parts:
        if part is None:
            continue
        tokens.extend(part if isinstance(part, tuple) else [part])
    sent = tokens[0].sent
    inside = [t for t in tokens if sent.start <= t.i < sent.end] or tokens[:1]
    start = min(t.idx for t in inside)
    end = max(t.idx + len(t.text) for t in inside)
    return start, end


def _time(head: Any) -> str | None:
    """A period stated in the clause of ``head``: "from 1992 to 2012" → ``1992/2012``,
    "until 2012" → ``../2012``, "since 2021" → ``2021/..``, "in 2011" → ``2011``."""
    anchor = head
    if head.dep_ in ("attr", "oprd", "acomp") or (
        head.dep_ == "pobj" and _lower(head.head) == "as"
    ):
        anchor = head.head if head.dep_ != "pobj" else head.head.head
    marks: dict[str, str] = {}
    for prep in [*_preps(head), *(c for c in anchor.children if c.dep_ == "prep")]:
        word = _lower(prep)
        year = _YEAR.search(" ".join(t.text for t in prep.subtree))
        if year and word in ("from", "until", "till", "since", "to", "between", "in", "during"):
            marks.setdefault("in" if word == "during" else word, year.group(1))
            if word == "between":
                years = _YEAR.findall(" ".join(t.text for t in prep.subtree))
                if len(years) >= 2:
                    marks.setdefault("from", years[0])
                    marks.setdefault("to", years[1])
    return _period(marks)


def _period(marks: Mapping[str, str]) -> str | None:
    start = marks.get("from") or marks.get("since")
    end = marks.get("to") or marks.get("until") or marks.get("till")
    if start and end:
        return f"{start}/{end}"
    if start:
        return f"{start}/.." if "since" in marks else start
    if end:
        return f"../{end}"
    return marks.get("in")


def _title_positions(d: _Doc, found: Sequence[_Found]) -> Iterator[_Found]:
    """Offices among the actors' titles (from the names stage) that no pattern stated."""
    spans = [(f.subject, f.start, f.end) for f in found]
    for actor in d.actors.values():
        if not _personlike(d, actor.id):
            continue
        for title in actor.titles:
            start, end = title.evidence.start, title.evidence.end
            if not _is_office(title.text) or any(
                a == actor.id and s < end and start < e for a, s, e in spans
            ):
                continue
            if d.ctx.text[max(0, start - 1) : start] in ("“", '"', "‘", "'"):
                continue  # a nickname in quotation marks ("“King James”") is no office
            before = d.ctx.text[max(0, start - 4) : start].lower().split()
            if unheld(title.text) or (before and before[-1] in relation_cues().indefinite):
                continue  # "the incoming mayor", "a President Vance would…"
            if title.text.lower().rstrip(".") in relation_cues().address_titles:
                continue  # "Secretary X": a form of address, kept after leaving office
            spans.append((actor.id, start, end))
            text = _LEADING.sub("", title.text).strip()
            text = past_office(d.ctx.text[max(0, start - 12) : start], text)
            yield _Found(actor.id, "holds_position", None, None, text, None, start, end)


ASPIRATIONS = frozenset(
    {"run", "campaign", "bid", "race", "candidacy", "nomination", "hopeful", "candidate"}
)


"""Words of a title that is sought, not held ("campaign for president")."""


def _is_office(title: str) -> bool:
    """ "Finance Minister", "former head of the central bank"; not "X's eldest son"."""
    if "'" in title.replace("’", "'"):
        return False
    words = _words(title.split(" of ")[0])
    if not words or any(w in KIN_GENDER or w in SIBLING | CHILD | SPOUSE for w in words):
        return False
    if any(w in ASPIRATIONS for w in words):
        return False  # "his run for president", "her campaign for governor": not held
    return any(part in OFFICES | LEADERS for part in words[-1].split("-"))
