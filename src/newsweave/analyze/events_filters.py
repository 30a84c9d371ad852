"""Precision rules for event readings: instruments, money, implausible victims,
figurative and natural senses, naming, modifiers, credit lines, armed forces."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsweave.analyze.events_roles import LIGHT_VERBS, Names, Party, Roles, _eventive, _subject
from newsweave.analyze.events_triggers import Trigger, _is_passive, lemma
from newsweave.analyze.events_vocab import vocabulary
from newsweave.model.facts import Event

INSTRUMENTS = re.compile(
    r"\b(tear ?gas|water cannons?|rubber bullets|live (rounds|ammunition)|batons?|"
    r"stun grenades?|pepper spray|weapons?|guns?|rifles?)\b",
    re.IGNORECASE,
)
"""Means, not targets: "police used tear gas and water cannon" hits the marchers."""
NO_ONE = re.compile(r"^(no|none of|not one|not a single|nobody|no one)\b", re.IGNORECASE)
"""A participant that negates the event: "no member of the security forces has been
charged"."""

NON_HUMAN = re.compile(
    r"\b(subsid(y|ies)|prices?|tax(es)?|tariffs?|rules?|laws?|polic(y|ies)|plans?|deals?|"
    r"contracts?|concessions?|ban|bans|curfews?|restrictions?|measures?|reforms?|"
    r"videos?|films?|footage|scenes?|movies?|photos?|pictures?|documentar(y|ies)|episodes?)\b",
    re.IGNORECASE,
)
"""Heads that cannot be dismissed, arrested, detained or shot: "the removal of fuel
subsidies" is a policy change, not an act of coercion against someone; "the video was
shot" is filming."""

PEOPLE_MODES = frozenset({"dismiss", "arrest", "detain", "abduct", "shoot"})


def _plausible(trigger: Trigger, roles: Roles) -> bool:
    """Whether an act on people has something other than a policy as its target."""
    if trigger.pattern.mode not in PEOPLE_MODES or not roles.targets:
        return True
    return any(p.actor or not NON_HUMAN.search(p.text) for p in roles.targets)


VICTIM_MODES = frozenset({"kill", "die", "wound", "detain", "arrest", "abduct", "assassinate"})
"""Modes whose counted people suffer the act: "181 killed", "nearly 4,000 detained"."""
EXPLETIVES = frozenset({"it", "this", "that", "there", "these", "those", "which", "what"})


@dataclass(frozen=True)
class Reading:
    """One trigger's event, and whether the happening is only named in passing (no
    participant, no figure, no date of its own, not told as happening)."""

    event: Event
    bare: bool = False
    """No participant, no figure, no date of its own."""
    told: bool = True
    """The sentence tells of the happening ("the strike has spread"), rather than naming
    it in passing ("released from detention")."""


def _counted(doc: Any, party: Party) -> bool:
    """A count of people: "181", "nearly 4,000", "Dozens", "about 2,100 people"."""
    if party.head < 0 or party.actor is not None:
        return False
    head = doc[party.head]
    quantities = vocabulary().quantities
    if head.like_num or head.pos_ == "NUM" or head.lower_ in quantities:
        return True
    return any(c.dep_ == "nummod" and (c.like_num or c.lower_ in quantities) for c in head.children)


def _clausal(doc: Any, party: Party) -> bool:
    """A "participant" the parse made of a verb or an adjective ("remained silent"); a
    count of people headed by an adjective ("173 dead") is one."""
    clausal = party.head >= 0 and doc[party.head].pos_ in ("VERB", "AUX", "ADJ", "ADV")
    return clausal and not _counted(doc, party)


def _victims(doc: Any, trigger: Trigger, roles: Roles) -> None:
    """Counted people never act in a killing or a detention: "181 killed", "nearly 4,000
    detained" (headline passives the parse reads as active) make them its targets."""
    if trigger.pattern.mode not in VICTIM_MODES or roles.targets:
        return
    counted = [p for p in roles.actors if _counted(doc, p)]
    roles.targets.extend(counted)
    roles.actors[:] = [p for p in roles.actors if p not in counted]


def _described_victims(doc: Any, trigger: Trigger, roles: Roles, names: Names) -> None:
    """Victims are people: "killed 23 Afghan soldiers", "Russian major general killed"
    name soldiers and a general, not the country their adjective names. A victim read as
    a named actor only through such a modifier keeps its words instead."""
    if trigger.pattern.mode not in VICTIM_MODES:
        return
    for k, target in enumerate(roles.targets):
        if target.actor is None or target.head < 0:
            continue
        head = doc[target.head]
        if head.pos_ != "NOUN" or names.mention_at(head.idx, head.idx + len(head.text)):
            continue
        for child in head.children:
            mention = names.mention_at(child.idx, child.idx + len(child.text))
            if child.dep_ in ("amod", "compound") and mention and mention.actor == target.actor:
                roles.targets[k] = replace(target, actor=None)
                break


NAMING_VERBS = frozenset({"call", "term", "label", "brand", "deem", "declare", "consider"})


def _naming(doc: Any, trigger: Trigger) -> bool:
    """ "The government called the strike illegal": naming a happening, not calling one."""
    verb = doc[trigger.anchor]
    return (
        trigger.pattern.kind != "noun"
        and verb.lemma_ in NAMING_VERBS
        and any(
            c.dep_ in ("oprd", "acomp", "xcomp")
            and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)  # "on X to"
            for c in verb.children
        )
    )


def _copula_subject(attr: Any) -> Any | None:
    return next((c for c in attr.head.children if c.dep_ in ("nsubj", "expl")), None)


def figurative(doc: Any, trigger: Trigger) -> bool:
    """A trigger that describes rather than tells: what a subject "is" ("Denial is not an
    investigation", "A nation is a promise", the dismissal was "a fuse being removed from a
    bomb that has already exploded"). "It was the biggest march" and "the protest was a
    riot" still tell of a happening."""
    token = doc[trigger.anchor]
    for current in [token, *token.ancestors]:
        if current.dep_ == "attr" and current.head.lemma_ == "be":
            if current is not token:
                return True
            subject = _copula_subject(current)
            return not (subject is None or subject.lower_ in EXPLETIVES or _eventive(subject))
        clause = current.dep_ in ("ccomp", "xcomp", "advcl", "parataxis") or (
            current.pos_ == "VERB" and current.dep_ not in ("relcl", "acl")
        )
        if clause and current is not token:
            return False
    return False


def _natural(doc: Any, trigger: Trigger) -> bool:
    """ "The storm struck the coast", "the virus hit the region": a force of nature as the
    subject of an active verb is no actor, and the verb no political act."""
    if trigger.pattern.kind == "noun":
        return False
    verb = doc[trigger.anchor]
    subject = _subject(verb)
    nature = vocabulary().nature
    return bool(
        subject is not None
        and not _is_passive(verb)
        and (subject.lemma_.lower() in nature or subject.lower_ in nature)
    )


def _credit_lines(text: str, cues: Sequence[str]) -> list[tuple[int, int]]:
    """Character ranges of the lines that credit or license an image."""
    found: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        lower = line.lower()
        if any(cue in lower for cue in cues):
            found.append((start, start + len(line)))
        start += len(line) + 1
    return found


def _own_date(doc: Any, token: Any) -> bool:
    """ "Sunday's shooting", "the Jan. 14 march": a date inside the noun phrase."""
    return any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree if t.i != token.i)


def _doer(doc: Any, trigger: Trigger) -> Any | None:
    """Who does the act, read from the parse: the verb's subject (its "by" agent when
    passive); for an event noun, the subject of the verb it is the object of or the
    "in"/"with" phrase of ("tanks fired four shells", "killed 46 in an air attack")."""
    token = doc[trigger.anchor]
    if trigger.pattern.kind == "noun":
        if token.dep_ not in ("dobj", "pobj", "nsubjpass"):
            return None
        token = token.head.head if token.dep_ == "pobj" else token.head
        if token.pos_ not in ("VERB", "AUX"):
            return None
    if _is_passive(token):
        agents = [c for c in token.children if c.dep_ == "agent"]
        objs = [o for a in agents for o in a.children if o.dep_ == "pobj"]
        return objs[0] if objs else None
    return _subject(token)


def disposition(doc: Any, trigger: Trigger) -> bool:
    """ "a gift for combat", "a taste for battle": an event noun that a gift, talent or taste
    is for tells of no happening (``dispositions`` in the vocabulary)."""
    token = doc[trigger.anchor]
    if trigger.pattern.kind != "noun" or token.dep_ != "pobj":
        return False
    prep = token.head
    return prep.lower_ in ("for", "at") and lemma(prep.head) in vocabulary().dispositions


def danger(doc: Any, trigger: Trigger, roles: Roles) -> bool:
    """ "The threat of terrorism seemed palpable": a THREATEN noun of something ("of")
    with nobody threatening is a danger talked about, not a threat made."""
    if trigger.pattern.type != "THREATEN" or trigger.pattern.kind != "noun" or roles.actors:
        return False
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in doc[trigger.anchor].children)


def _of_phrase(head: Any) -> Any:
    """The noun a quantifier stands for: "any of his tax returns" -> returns."""
    if head.pos_ not in ("PRON", "DET", "NUM") and head.lower_ not in ("some", "all", "any"):
        return head
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return head


def released_document(
    doc: Any, anchor: int, type_mode: tuple[str, str], roles: Roles
) -> tuple[tuple[str, str], bool]:
    """((type, mode), whether it changed): releasing a document ("released two new
    television commercials", "notes of the interview were released") makes it public, a
    statement, not a release of someone (``documents`` in the vocabulary)."""
    source, target, nouns = vocabulary().documents
    if type_mode != source:
        return type_mode, False
    heads = [doc[p.head] for p in roles.targets if p.head >= 0]
    if len(heads) != len(roles.targets):
        return type_mode, False
    if not heads:  # an object no party reads ("any of his tax returns")
        heads = [c for c in doc[anchor].children if c.dep_ in ("dobj", "nsubjpass")]
    heads = [_of_phrase(h) for h in heads]
    if not heads:
        return type_mode, False
    if all(lemma(h) in nouns or h.lower_ in nouns for h in heads):
        return target, True
    return type_mode, False


def armed_force(doc: Any, trigger: Trigger) -> tuple[str, str]:
    """(type, mode) of a trigger: a killing, shooting, bombing or attack done by a military
    force is FIGHT with the pattern's mode (PLOVER: conventional military force; "FIGHT/kill"
    is a killing in it), else the pattern's own."""
    modes, doers, unless = vocabulary().military
    own = (trigger.pattern.type, trigger.pattern.mode)
    if trigger.pattern.type != "ASSAULT" or trigger.pattern.mode not in modes:
        return own
    doer = _doer(doc, trigger)
    if doer is None or doer.pos_ not in ("NOUN", "PROPN"):
        return own
    words = {doer.lemma_.lower(), doer.lower_}
    modifiers = {c.lower_ for c in doer.children if c.dep_ in ("compound", "amod")}
    words |= {f"{m} {doer.lower_}" for m in modifiers}
    return ("FIGHT", own[1]) if words & doers and not modifiers & unless else own


def _modifier(doc: Any, trigger: Trigger) -> bool:
    """ "attack-dog fashion", "a man of striking immaturity", "strike leaders": an event
    word that only describes another noun (a compound or adjective of a noun that is no
    happening) tells of no happening."""
    token = doc[trigger.anchor]
    head = token.head
    if trigger.pattern.kind != "noun":
        # "a man of striking patience"; not "striking dockers", who are on strike
        return (
            token.dep_ == "amod"
            and token.tag_ == "VBG"
            and head.pos_ == "NOUN"
            and lemma(head) not in vocabulary().agents
            and not _eventive(head)
        )
    return (
        token.dep_ in ("compound", "amod")
        and head.i != token.i
        and head.pos_ in ("NOUN", "PROPN")
        and not _eventive(head)
    )


def told(doc: Any, trigger: Trigger, roles: Roles) -> bool:
    """Whether the sentence tells of the happening rather than naming it in passing: a verb
    ("dockers walked out"), or an event noun that is what a verb says happened ("the strike
    has spread", "police launched a crackdown") or carries its own date or place."""
    token = doc[trigger.anchor]
    if trigger.pattern.kind != "noun" or roles.places or _own_date(doc, token):
        return True
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_ != "be":
        return True
    return token.dep_ == "dobj" and lemma(head) in LIGHT_VERBS
