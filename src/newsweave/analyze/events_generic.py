"""Precision rules of sessions 6 and 7 (issue 13): descriptions, habits, generic plurals,
digests, snubs, threats told as pledges and other senses of trigger words (measures and
recordings as subjects, intransitive senses, a toll taken). Each reads a word list of the
``precision`` section of the vocabulary (``data/plover.yaml``)."""

from __future__ import annotations

from typing import Any

from newsweave.analyze.events_roles import Names, Roles, _subject
from newsweave.analyze.events_triggers import Trigger, lemma
from newsweave.analyze.events_vocab import vocabulary


def _words(name: str) -> frozenset[str]:
    return vocabulary().precision.get(name, frozenset())


def description(doc: Any, trigger: Trigger) -> bool:
    """ "an elected official", "a convicted fraudster", "the accused driver": a participle
    that only describes its noun tells of no election, conviction or charge."""
    words = _words("descriptions")
    for index in trigger.literals:
        token = doc[index]
        if (
            token.dep_ == "amod"
            and token.tag_ == "VBN"
            and token.head.pos_ in ("NOUN", "PROPN")
            and (token.lower_ in words or lemma(token) in words)
        ):
            return True
    return False


def habitual(doc: Any, trigger: Trigger) -> bool:
    """ "Incumbents rarely lose such races", "strikes usually end in a deal": a verb in the
    present tense with an adverb of habit tells what tends to happen, no happening."""
    token = doc[trigger.anchor]
    if trigger.pattern.kind == "noun":
        if token.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return False
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return False
    present = token.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") and c.lemma_ != "have"
        for c in token.children
    )
    adverbs = _words("generic_adverbs")
    return present and any(c.dep_ == "advmod" and c.lower_ in adverbs for c in token.children)


def _specific(token: Any) -> bool:
    """A noun phrase that picks out one happening: a determiner, a possessor, a number or a
    name in it."""
    return any(
        c.dep_ in ("det", "poss", "nummod", "predet") or c.pos_ == "PROPN" or c.ent_type_
        for c in token.children
    )


def generic_mention(doc: Any, trigger: Trigger, roles: Roles, bare: bool) -> bool:
    """ "violence at rallies", "instead of marching for a cause": a bare plural event noun,
    or a gerund with no subject, with no participant, figure, date or place of its own
    tells of happenings in general, none in particular."""
    if not bare or roles.places or roles.pronouns:
        return False
    if trigger.pattern.type.lower() not in _words("generic_types"):
        return False
    token = doc[trigger.anchor]
    if trigger.pattern.kind == "noun":
        return (  # "complaints of favouritism" has a topic: one happening may be meant
            token.tag_ == "NNS"
            and token.dep_ in ("pobj", "dobj", "conj")
            and not _specific(token)
            and not any(c.dep_ in ("prep", "acl", "relcl") for c in token.children)
        )
    return (
        token.tag_ == "VBG"
        and token.dep_ in ("pcomp", "pobj", "csubj", "nsubj")
        and _subject(token) is None
    )


def digest(doc: Any, trigger: Trigger) -> bool:
    """ "a 40-page roundup of court filings", "a capture of the mood": an arrest noun whose
    "of" phrase names pages, news or speeches is a digest, not a detention."""
    if trigger.pattern.kind != "noun" or trigger.pattern.mode not in ("arrest", "detain"):
        return False
    things = _words("things") | vocabulary().documents[2]
    for child in doc[trigger.anchor].children:
        if child.dep_ in ("compound", "nmod") and lemma(child) in things:
            return True  # "a 40-page roundup"
    for prep in doc[trigger.anchor].children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and (obj.lower_ in things or lemma(obj) in things):
                    return True
    return False


def snub(doc: Any, trigger: Trigger, roles: Roles, names: Names) -> bool:
    """ "shunned him at staff meetings": a boycott falls on a body, an event or goods, not
    one person (``impersonal`` modes); a person as its only target makes it a snub."""
    if f"{trigger.pattern.type}/{trigger.pattern.mode}".lower() not in _words("impersonal"):
        return False
    pronouns = _words("personal_pronouns")
    objects = [c for c in doc[trigger.anchor].children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects:
        return False
    for obj in objects:
        if obj.lower_ in pronouns:
            continue
        mention = names.mention_at(obj.idx, obj.idx + len(obj.text))
        actor = names.actors.get(mention.actor) if mention and mention.actor else None
        if actor is None or actor.type != "PERSON":
            return False
    return True


def threat(doc: Any, trigger: Trigger, type_mode: tuple[str, str]) -> tuple[str, str]:
    """ "pledged to deport the strikers", "vowed to crush the revolt": a pledge to coerce
    is a threat (PLOVER THREATEN), not an offer to cooperate."""
    if type_mode != ("AGREE", "agree") or lemma(doc[trigger.anchor]) not in _words("pledges"):
        return type_mode
    acts = _words("threat_acts")
    for child in doc[trigger.anchor].children:
        if child.dep_ in ("xcomp", "acl") and lemma(child) in acts:
            return ("THREATEN", "threaten")
    return type_mode


def other_sense(doc: Any, trigger: Trigger) -> bool:
    """Other senses of event words, each from a word list of the ``precision`` section:
    a measure or a recording as the subject of an active verb ("costs are exploding",
    "cameras captured him leaving"), a verb whose use without an object is another sense
    ("those who hurt the most"), a toll something takes ("the toll the race is taking")."""
    token = doc[trigger.anchor]
    if trigger.pattern.kind == "noun" and _acting_body(token):
        return True
    if trigger.pattern.kind == "noun":
        if lemma(token) not in _words("taken_tolls") and token.lower_ not in _words("taken_tolls"):
            return False
        takers = [token.head] if token.dep_ == "dobj" else []
        takers += [c for c in token.children if c.dep_ in ("relcl", "acl")]
        return any(lemma(t) == "take" for t in takers)
    if _passive(token) or (token.tag_ == "VBN" and token.dep_ in ("acl", "amod")):
        return False  # "figures released by the agency": the noun undergoes the act
    # the verb's own subject only: one inherited through a conjunction may be the parse's
    # mistake ("said the figures cannot be verified and accused the group")
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.pos_ == "NOUN":
        words = _words("measures") | _words("recorders")
        if subject.lower_ in words or lemma(subject) in words:
            return True
    if lemma(token) in _words("intransitive_senses"):
        objects = ("NOUN", "PROPN", "PRON")  # "the most" the parse makes an object is a degree
        return not any(
            c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and c.pos_ in objects)
            for c in token.children
        )
    return False


def _acting_body(token: Any) -> bool:
    """ "The campaign said", "campaigns built operations": an event noun that also names a
    body (``bodies_too``), as the subject of a verb not of a happening's course
    (``course_verbs``), is the body acting, no event."""
    if token.lower_ not in _words("bodies_too") or token.dep_ != "nsubj":
        return False
    verb = token.head
    return verb.pos_ == "VERB" and lemma(verb) not in _words("course_verbs")


def _passive(token: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
