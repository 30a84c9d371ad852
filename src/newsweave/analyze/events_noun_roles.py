"""Roles of a nominal trigger: "X-led" modifiers, possessors ("the dockers' strike", "Amakoro's
riots"), compounded names ("Amakoro protests") and the subject of a light verb ("police launched
a crackdown on X")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsweave.analyze.events_roles import (
    LIGHT_VERBS,
    PLACE_FIRST,
    PLACE_TYPES,
    Names,
    Roles,
    _add_all,
    _place,
    _prep_roles,
    _subject,
    party,
)
from newsweave.analyze.events_triggers import Trigger, lemma
from newsweave.analyze.events_vocab import vocabulary


def _led_by(token: Any) -> Iterator[Any]:
    """Names in an "X-led" modifier of ``token``."""
    for child in token.children:
        if child.lemma_ == "lead" and child.dep_ in ("amod", "compound"):
            for name in child.children:
                if name.dep_ in ("npadvmod", "compound", "nmod", "nsubj", "amod"):
                    yield name


def noun_roles(doc: Any, trigger: Trigger, names: Names) -> Roles:
    """Actors, targets and compounded places of a nominal trigger."""
    args = trigger.pattern.args
    noun = doc[trigger.anchor]
    roles = Roles([], [], [])
    for name in _led_by(noun):
        _add_all(roles, args.get("led", "actor"), doc, name, names)
    for child in noun.children:
        if child.i in trigger.literals:
            continue
        if child.dep_ == "poss":
            _possessor(roles, doc, trigger, child, names)
        elif child.dep_ in ("compound", "amod", "nmod") and child.lemma_ != "lead":
            _compound_role(roles, doc, trigger, child, names)
    _prep_roles(roles, doc, noun, {"by": "actor", **args}, names, set(trigger.literals))
    if not roles.actors:
        _late_agent(roles, doc, noun, names)
    _light_verb_roles(roles, doc, trigger, noun, names)
    role = args.get("poss", "actor")
    if not (roles.actors if role == "actor" else roles.targets):
        for child in noun.children:  # "saying its investigation found": its antecedent
            if child.dep_ == "poss" and child.pos_ == "PRON":
                roles.add(role, names.antecedent(child))
    return roles


def _late_agent(roles: Roles, doc: Any, noun: Any, names: Names) -> None:
    """ "the killing of a teenager by a police officer", "the bombing of the embassy by
    militants": the parse hangs the "by" agent on the "of" object; it is the noun's
    actor."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            for by in obj.children:
                if by.dep_ == "prep" and by.lower_ == "by":
                    for agent in by.children:
                        if agent.dep_ == "pobj":
                            _add_all(roles, "actor", doc, agent, names)


PLACE_WORDS = frozenset({"country", "nation", "city", "capital", "region", "town", "state"})
"""Common nouns for places: "the country's worst unrest" happened there, nobody did it."""


def _possessor(roles: Roles, doc: Any, trigger: Trigger, child: Any, names: Names) -> None:
    """ "the dockers' strike" (who), "Amakoro's riots" (where), "the country's unrest";
    "the committee completed its investigation": a possessive pronoun is the subject of the
    verb the noun depends on."""
    if child.pos_ == "PRON" and child.lower_ in ("its", "their", "his", "her", "our"):
        verb = doc[trigger.anchor].head
        if verb.dep_ == "prep" and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head  # "insisted on its demands": the verb's subject
        subject = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
        if subject is not None and subject.pos_ != "PRON" and subject.i != trigger.anchor:
            _add_all(roles, trigger.pattern.args.get("poss", "actor"), doc, subject, names)
        return
    if (
        trigger.pattern.type in PLACE_FIRST
        and _place(child, names)
        and not _agent_first(doc, trigger)
    ):
        roles.add("place", party(doc, child, names))
    elif child.lemma_.lower() not in PLACE_WORDS:
        # "the general's killing" names the victim; "Israel's killing of the general" the
        # killer: with its own "of" target, the possessor acts
        role = "actor" if _agent_first(doc, trigger) else trigger.pattern.args.get("poss", "actor")
        _add_all(roles, role, doc, child, names)


def _compound_role(roles: Roles, doc: Any, trigger: Trigger, child: Any, names: Names) -> None:
    mention = names.mention_at(child.idx, child.idx + len(child.text))
    if (
        mention is not None
        and mention.type in PLACE_TYPES
        and trigger.pattern.type in PLACE_FIRST
        and not _agent_first(doc, trigger)
    ):
        roles.add("place", party(doc, child, names))
    elif mention is not None or (child.pos_ == "NOUN" and child.dep_ == "compound"):
        if child.lower_ in _GENERIC_MODIFIERS:
            return
        roles.add(trigger.pattern.args.get("compound", "actor"), party(doc, child, names))


def _agent_first(doc: Any, trigger: Trigger) -> bool:
    """Whether a country before the noun acts rather than hosts: modes only states do
    ("the US airstrike", ``agent_first_modes``), and a noun with its own "of" target
    ("the United States' killing of the general": the possessor did it)."""
    modes = vocabulary().precision.get("agent_first_modes", frozenset())
    if trigger.pattern.mode in modes:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in doc[trigger.anchor].children)


_GENERIC_MODIFIERS = frozenset(
    {"mass", "street", "week", "day", "night", "weekend", "hunger", "protest", "government",
     "corruption", "fuel", "price", "port", "terminal", "peace", "trade", "border", "loan",
     "aid", "food", "debt", "security", "rights", "labour", "labor", "work", "weeks", "days"}
)  # fmt: skip


def _light_verb_roles(roles: Roles, doc: Any, trigger: Trigger, noun: Any, names: Names) -> None:
    """ "police launched a crackdown on X": the light verb's subject acts."""
    verb = noun.head
    if noun.lemma_.lower() in vocabulary().tallies:
        return
    if verb is noun or verb.pos_ not in ("VERB", "AUX"):
        if noun.dep_ == "pobj" and noun.head.head.lemma_ in ("take", "join"):
            verb = noun.head.head
        else:
            return
    if noun.dep_ not in ("dobj", "nsubjpass", "pobj", "attr"):
        return
    if noun.dep_ != "nsubjpass" and lemma(verb) not in LIGHT_VERBS | {"be"}:
        return
    if not roles.actors:
        subject = _subject(verb)
        if noun.dep_ == "nsubjpass":
            subject = next(
                (a for c in verb.children if c.dep_ == "agent" for a in c.children), None
            )
        if subject is not None and subject.i != noun.i:
            _add_all(roles, "actor", doc, subject, names)
    args = trigger.pattern.args
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in ("on", "against")
            and args.get(child.lower_) == "target"
        ):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    _add_all(roles, "target", doc, obj, names)
