"""Relations from verbs: ownership, marriage, leadership, grouping and location."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from newsweave.analyze.relation_cues import relation_cues
from newsweave.analyze.relation_doc import (
    STATE_WORDS,
    _actor_of_mention,
    _Doc,
    _Found,
    _lemma,
    _lower,
    _personlike,
    _preps,
    _subject,
    _the_country,
    _type,
    np_actor,
)
from newsweave.analyze.relation_roles import _extent, _time
from newsweave.analyze.relation_words import (
    BLOC_NOUNS,
    EMPLOYMENT,
    GROUP_VERBS,
    GROUPISH,
    LEAD_VERBS,
    LEADERS,
    MARGIN_WORDS,
    OFFICES,
    OWN_VERBS,
    PLACEISH,
    STAKE_NOUNS,
    STAKE_VERBS,
)


def _ownership(d: _Doc) -> Iterator[_Found]:
    """ "X owns 22% of Y", "X holds a stake in Y", "Y, partly owned by X"."""
    for verb in d.doc:
        lemma = _lemma(verb)
        if verb.pos_ not in ("VERB", "AUX") or lemma not in STAKE_VERBS:
            continue
        if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and lemma in OWN_VERBS:
            yield from _owned_by(d, verb)
            continue
        owner_token = _subject(verb)
        owner = np_actor(d, owner_token) if owner_token is not None else None
        if owner is None or _type(d, owner) == "NORP":
            continue  # "Democrats controlled Congress": a party's or people's control, no stake
        found = _owned_object(d, verb, lemma, owner)
        # people and places are not owned ("owns Mr. King's Russia Today programming")
        if found is not None and _type(d, found[0]) not in PLACEISH | {"PERSON", "NORP"}:
            owned, share, owned_token = found
            start, end = _extent(owner_token, verb, owned_token)
            yield _Found(owner, "owns", owned, None, share, _time(verb), start, end)


def _owned_object(d: _Doc, verb: Any, lemma: str, owner: str) -> tuple[str, str | None, Any] | None:
    """The owned actor, the share ("22%", "stake") and its token."""
    exclude = frozenset({owner})
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if lemma in OWN_VERBS and obj.i in d.mention_of:
            owned = np_actor(d, obj, exclude)
            return (owned, None, obj) if owned else None
        if _lower(obj) not in STAKE_NOUNS and not any(
            _lower(c) in STAKE_NOUNS for c in obj.children
        ):
            continue
        for prep in [*_preps(obj), *(c for c in verb.children if c.dep_ == "prep")]:
            if _lower(prep) not in ("of", "in"):
                continue
            target = next((c for c in prep.children if c.dep_ == "pobj"), None)
            owned = np_actor(d, target, exclude) if target is not None else None
            if owned and _type(d, owned) in ("ORG", "FAC", "PRODUCT"):
                return owned, _share(obj), target
    return None


def _share(obj: Any) -> str | None:
    """ "22%" or "a 22% stake" → ``22%``; "a stake" → ``stake``."""
    text = " ".join(t.text for t in obj.subtree if t.dep_ != "prep" and t.head.dep_ != "prep")
    match = re.search(
        r"\d+(?:\.\d+)?\s*(?:%|percent|per cent)", " ".join(t.text for t in obj.subtree)
    )
    if match:
        return match.group().replace(" %", "%")
    return "stake" if "stake" in text.lower() else None


def _owned_by(d: _Doc, verb: Any) -> Iterator[_Found]:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    owner_token = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    owner = np_actor(d, owner_token) if owner_token is not None else None
    owned = np_actor(d, verb.head, frozenset({owner} if owner else ())) if owner else None
    if owner and owned:
        start, end = _extent(verb.head, verb, owner_token)
        qualifier = "partly" if any(_lower(c) == "partly" for c in verb.children) else None
        yield _Found(owner, "owns", owned, None, qualifier, None, start, end)


def _marriage(d: _Doc) -> Iterator[_Found]:
    """ "X is married to Y", "X married Y", "X divorced Y"."""
    for token in d.doc:
        lemma = _lemma(token)
        if lemma not in ("marry", "married", "divorce", "divorced"):
            continue
        head = token.head if token.dep_ == "acomp" else token
        one_token = _subject(head)
        other_token = next((c for c in token.children if c.dep_ == "dobj"), None)
        if other_token is None:
            to = next((c for c in token.children if c.dep_ == "prep" and _lower(c) == "to"), None)
            other_token = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        one = np_actor(d, one_token) if one_token is not None else None
        other = np_actor(d, other_token, frozenset({one} if one else ())) if other_token else None
        if one and other and _personlike(d, one) and _personlike(d, other):
            predicate = "former_spouse_of" if lemma.startswith("divorce") else "spouse_of"
            start, end = _extent(one_token, token, other_token)
            yield _Found(one, predicate, other, None, None, _time(token), start, end)


def _leadership(d: _Doc) -> Iterator[_Found]:
    """ "X leads Y", "X ruled Y from 1992 to 2012", "Y, led by X"."""
    for verb in d.doc:
        if verb.pos_ != "VERB" or _lemma(verb) not in LEAD_VERBS:
            continue
        if verb.tag_ == "VBN" and verb.dep_ == "acl":
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            leader_token = (
                next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            )
            led_token = verb.head
        else:
            leader_token = _subject(verb)
            led_token = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if leader_token is None or led_token is None:
            continue
        leader = np_actor(d, leader_token)
        if led_token.i in d.mention_of:
            led = np_actor(d, led_token, frozenset({leader} if leader else ()))
        elif _lower(led_token) in STATE_WORDS and _lemma(verb) in ("rule", "govern"):
            led = _the_country(d)
        else:
            continue
        if any(_lower(t) in MARGIN_WORDS for t in verb.subtree):
            continue
        if leader and led and _type(d, led) in GROUPISH:
            start, end = _extent(leader_token, verb, led_token)
            yield _Found(leader, "leads", led, None, None, _time(verb), start, end)


def _led_compounds(d: _Doc) -> Iterator[_Found]:
    """ "the UPS-led coalition" → UPS leads the coalition (an actor, or its text)."""
    doc = d.doc
    for token in doc:
        if _lower(token) != "led" or token.i < 2 or doc[token.i - 1].text != "-":
            continue
        name = doc[token.i - 2]
        leader = np_actor(d, name) if name.i in d.mention_of else None
        noun = token.head if token.head.i > token.i else None
        if leader is None or noun is None:
            continue
        led = np_actor(d, noun, frozenset({leader}))
        words = [t for t in doc[token.i + 1 : noun.i + 1] if t.dep_ != "det"]
        text = " ".join(t.text for t in words) or None
        start, end = _extent(name, noun)
        yield _Found(leader, "leads", led, None if led else text, None, None, start, end)


def _grouping(d: _Doc) -> Iterator[_Found]:
    """ "The bloc groups Nigeria, Ghana and Senegal" → each member_of the bloc."""
    for verb in d.doc:
        if verb.pos_ != "VERB" or _lemma(verb) not in GROUP_VERBS:
            continue
        subject_token = _subject(verb)
        group = _group_actor(d, subject_token) if subject_token is not None else None
        if group is None or _type(d, group) != "ORG":
            continue
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for member_token in _conjuncts(obj):
                member = np_actor(d, member_token, frozenset({group}))
                if member and _type(d, member) in GROUPISH:
                    start, end = _extent(subject_token, verb, member_token)
                    yield _Found(member, "member_of", group, None, None, None, start, end)


def _group_actor(d: _Doc, token: Any) -> str | None:
    """A named organisation, or "the bloc" → the nearest organisation named before."""
    found = np_actor(d, token)
    if found is not None or token.pos_ not in ("NOUN", "PROPN"):
        return found
    if _lemma(token) not in BLOC_NOUNS:
        return found
    for i in range(token.i - 1, max(token.sent.start - 200, -1), -1):
        mention = d.mention_of.get(i)
        if mention is not None and mention.type == "ORG":
            return _actor_of_mention(d, mention)
    return None


def _conjuncts(token: Any) -> Iterator[Any]:
    """A token and its conjuncts ("Nigeria, Ghana, … and Mabenia"), names only."""
    stack = [token]
    while stack:
        current = stack.pop(0)
        yield current
        stack.extend(c for c in current.children if c.dep_ == "conj")


def _place_in(d: _Doc) -> Iterator[_Found]:
    """ "the village of Tangbéri in the northern Haute-Lassa region" → located_in."""
    for prep in d.doc:
        if _lower(prep) != "in" or prep.dep_ != "prep" or prep.head.i not in d.mention_of:
            continue
        inner_token = prep.head
        outer_token = next((c for c in prep.children if c.dep_ == "pobj"), None)
        inner = np_actor(d, inner_token)
        outer = (
            np_actor(d, outer_token, frozenset({inner} if inner else ()))
            if outer_token is not None
            else None
        )
        if inner and outer and _type(d, inner) in PLACEISH and _type(d, outer) in PLACEISH:
            start, end = _extent(inner_token, prep, outer_token)
            yield _Found(inner, "located_in", outer, None, None, None, start, end)


def _removals(d: _Doc) -> Iterator[_Found]:
    """An office someone was removed from, resigned or was replaced in is a former one,
    dated by the clause ("X was removed as chair of Y in March 2019", "Z replaced X as
    mayor", "X stepped down as leader"): the verbs are data (relation_cues.yaml)."""
    cues = relation_cues()
    for verb in d.doc:
        lemma = _lemma(verb)
        if verb.pos_ != "VERB":
            continue
        particles = cues.removal_particles.get(lemma, frozenset())
        if lemma not in cues.removal_verbs and not any(
            c.dep_ in ("prt", "advmod") and c.lower_ in particles for c in verb.children
        ):
            continue
        gone = _removed_person(verb, lemma)
        if gone is None:
            continue
        role = _as_role(verb) or _as_role(gone)  # "replaced X as chief": "as" may hang on X
        if role is None:
            continue
        person = np_actor(d, gone)
        if person is None or not _personlike(d, person):
            continue
        holder_token = next(
            (
                o
                for p in role.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children
                if o.dep_ == "pobj"
            ),
            None,
        )
        holder = np_actor(d, holder_token, frozenset({person})) if holder_token else None
        holder = holder if holder and _type(d, holder) in GROUPISH else None
        written = " ".join(t.text for t in role.subtree if t.i <= role.i)
        qualifier = "former " + written
        predicate = "leads" if _lower(role) in LEADERS and holder else "holds_position"
        start, end = _extent(gone, verb, role, *(t for t in [holder_token] if t is not None))
        yield _Found(person, predicate, holder, None, qualifier, _time(verb), start, end)


def _as_role(verb: Any) -> Any:
    """The office noun of the word's "as" phrase ("removed as chair"), if it is one."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if noun is not None and _lower(noun) in OFFICES | LEADERS | EMPLOYMENT:
                return noun
    return None


def _removed_person(verb: Any, lemma: str) -> Any:
    """Who lost the office: the subject of "resigned"/"stepped down" and of a passive
    ("was removed"); the object of an active "removed X", "Z replaced X"."""
    children = list(verb.children)
    passive = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if passive is not None:
        return passive
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if obj is not None:
        return obj
    if lemma in ("resign", "quit", "retire", "step", "stand"):
        return _subject(verb)
    return None
