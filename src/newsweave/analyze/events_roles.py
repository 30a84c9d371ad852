"""Event arguments: actors and targets of a trigger read from the whole construction
(subjects, passive agents, objects, prepositions, possessors, light verbs, chains)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from newsweave.analyze.context import ActorLookup
from newsweave.analyze.events_triggers import Trigger, _forms, _is_passive, lemma
from newsweave.analyze.events_vocab import vocabulary
from newsweave.model.facts import Actor, Mention

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset(
    {"in", "at", "near", "across", "outside", "inside", "around", "throughout", "off", "through",
     "along", "on"}
)  # fmt: skip
PLACE_FIRST = frozenset({"PROTEST", "ASSAULT", "FIGHT", "COERCE", "MOBILIZE"})
"""Types whose compounded place name ("Amakoro protests") is where, not who."""
LIGHT_VERBS = frozenset(
    {
        "stage", "hold", "launch", "impose", "carry", "call", "organise", "organize", "begin",
        "start", "mount", "conduct", "announce", "lead", "order", "use", "fire", "take", "join",
        "make", "issue", "open", "set", "sign", "reach", "approve", "declare", "unleash",
        "continue", "end", "resume", "step", "extend", "lift", "give", "provide", "send",
        "renew", "undertake", "wage", "intensify", "escalate",
    }
)  # fmt: skip
"""Verbs whose subject is the actor of their object noun ("police launched a crackdown")."""
CORE_DEPS = frozenset({"compound", "det", "amod", "nummod", "poss", "case", "quantmod", "nmod"})
PHRASE_DROP = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"})


# --------------------------------------------------------------------------- arguments


RESOLVED_PRONOUNS = frozenset({"his", "its"})
"""Possessive pronouns resolved to an earlier actor ("its inquiry"). Personal ones ("he",
"she", "him", "her") were tried: WikiEvents marks the pronoun itself as the argument, and
argument F1 fell 0.260 -> 0.256 with them; "her" is also as often a possessive as not."""


@dataclass(frozen=True)
class Names:
    """What the names stage found, indexed for argument reading."""

    mentions: tuple[Mention, ...]
    actors: Mapping[str, Actor]
    resolve: ActorLookup
    pronoun: Callable[[Any], str | None] | None = None
    """A pronoun token's antecedent actor, from the document's earlier sentences (the
    relations stage's resolver), when one is given."""

    def antecedent(self, token: Any) -> Party | None:
        """ "She said she had toured the plant", "its inquiry": the actor a personal or
        possessive pronoun stands for, as a participant written as the pronoun."""
        if self.pronoun is None or token.lower_ not in RESOLVED_PRONOUNS:
            return None
        actor = self.pronoun(token)
        if actor is None:
            return None
        return Party(actor, token.text, token.idx, token.idx + len(token.text), token.i)

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The named mention covering [start, end) (or the longest inside it)."""
        best: Mention | None = None
        for mention in self.mentions:
            s, e = mention.span.start, mention.span.end
            if mention.actor and s <= start and end <= e:
                return mention
            longer = best is None or e - s > best.span.end - best.span.start
            if mention.actor and start <= s and e <= end and longer:
                best = mention
        return best


@dataclass(frozen=True)
class Party:
    """One participant: an actor id, or its words when it is not a named actor."""

    actor: str | None
    text: str
    start: int
    end: int
    head: int = -1
    """Token index of the phrase's head (-1 for a party not read from the parse)."""


def _core(token: Any) -> tuple[int, int]:
    """Token range of a noun phrase without clauses, appositions and conjuncts."""
    kept = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in PHRASE_DROP:
                continue
            if child.dep_ == "prep" and child.lower_ != "of":
                continue
            kept.append(child)
            stack.append(child)
    return min(t.i for t in kept), max(t.i for t in kept) + 1


def _dateline(doc: Any, start: int) -> bool:
    """Whether the phrase starting at token ``start`` is a wire dateline ("AMAKORO,
    Mabenia —"): an upper-case place opening its paragraph, followed by a comma."""
    first = doc[start]
    opens = start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space
    after = start + 1
    while after + 1 < len(doc) and doc[after].text == "/" and doc[after + 1].text.isupper():
        after += 2  # "AMAKORO/ABUJA, Jan 19 (Halyard) -"
    agency = (  # "WASHINGTON (AP) -": the wire's name in brackets after the place
        after + 2 < len(doc)
        and doc[after].text == "("
        and doc[after + 1].text[:1].isupper()
        and doc[after + 2].text == ")"
    )
    return bool(
        opens
        and first.text.isupper()
        and len(first.text) > 2
        and after < len(doc)
        and (doc[after].text == "," or agency)
    )


def _in_dateline(doc: Any, index: int) -> bool:
    """Whether token ``index`` sits in the dateline that opens its paragraph ("AMAKORO,
    Mabenia —", "ABUJA, Jan 21 (Meridian) -")."""
    first = index
    while first > 0 and not doc[first - 1].is_space and "\n" not in doc[first - 1].text_with_ws:
        first -= 1
        if index - first > 12:
            return False
    if not _dateline(doc, first):
        return False
    for token in doc[first : index + 1]:
        if token.text in ("—", "–", "-", "--") and token.i < index:
            return False
    return True


def party(doc: Any, token: Any, names: Names) -> Party | None:
    """The participant a token heads: a named actor when the mentions say so. Datelines
    and dates are no participants."""
    start, end = _core(token)
    span = doc[start:end]
    c0, c1 = span.start_char, span.end_char
    if token.ent_type_ in ("DATE", "TIME"):
        return None
    if _in_dateline(doc, start):
        return None
    head = names.mention_at(token.idx, token.idx + len(token.text))
    actor = head.actor if head else None
    if actor is None:
        lo = min([token.i, *(c.i for c in token.children if c.dep_ == "compound")])
        actor = names.resolve(doc[lo].idx, token.idx + len(token.text))
    if actor is None and not any(c.dep_ == "poss" for c in token.children) and not _mixed(token):
        actor = names.resolve(c0, c1)
    if actor is None:
        for child in token.children:
            if child.dep_ == "appos":
                found = names.mention_at(child.idx, child.idx + len(child.text))
                actor = found.actor if found else None
                break
    if actor is None and token.pos_ == "NOUN":
        actor = _described_person(token, names)
    if actor is None and token.pos_ == "PRON":
        return None
    if actor is None and token.pos_ == "PROPN" and token.dep_ == "compound":
        return None
    text = " ".join(span.text.split())
    return Party(actor, text, c0, c1, token.i)


def _mixed(token: Any) -> bool:
    """ "both Kurdish and Sunni members": modifiers joined by "and" describe members of
    several groups; the phrase is the participant, none of the groups alone."""
    return any(
        c.dep_ in ("amod", "compound") and any(g.dep_ == "conj" for g in c.children)
        for c in token.children
    )


def _description(token: Any) -> bool:
    """ "A resident of Hollin, Iowa", "BOSTON (AP)": a first subject that describes or
    dates the second one (not a title in apposition: "The former chief officer, Tim
    Cook", where the gold sets mark the title)."""
    if _in_dateline(token.doc, token.i):
        return True
    return token.pos_ == "NOUN" and any(
        c.dep_ == "prep" and c.lower_ in ("of", "from", "in") for c in token.children
    )


def _described_person(token: Any, names: Names) -> str | None:
    """ "A farmer from Lisle, Ohio, Tom Brackett (was charged)": a description whose
    place phrase the parse made hold the person's name as an apposition names that
    person, not the place."""
    found: str | None = None
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from", "in"):
            continue
        for inner in prep.subtree:
            if inner.dep_ != "appos" or inner.i <= prep.i:
                continue
            mention = names.mention_at(inner.idx, inner.idx + len(inner.text))
            actor = names.actors.get(mention.actor) if mention and mention.actor else None
            if actor is not None and actor.type == "PERSON":
                found = actor.id
    return found


def _conjuncts(token: Any) -> list[Any]:
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})


def _subject(token: Any) -> Any | None:
    """The grammatical subject, inherited through xcomp/advcl/conj chains and "after being
    charged" (a gerund under a preposition); a relative pronoun stands for the noun its
    clause describes ("Kara, who was shot in the leg")."""
    current = token
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if (
            len(subjects) > 1
            and all(c.i < current.i for c in subjects)
            and _description(subjects[0])
        ):
            # "A resident of Hollin, Iowa, Dale Prue was charged", "BOSTON (AP) — Mayor
            # Ruiz said": the parse split a description or a dateline from the subject;
            # the one nearest the verb is who acts
            subjects = subjects[-1:]
        for child in subjects:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return current.head
                return child
        if current.dep_ in ("xcomp", "advcl", "conj", "ccomp") and current.head.i != current.i:
            if current.dep_ == "ccomp" or (current.dep_ == "advcl" and _finite(current)):
                return None  # a finite clause has its own subject, even one the parse lost
            current = current.head
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            doer = _object_doer(current.head)
            if doer is not None:
                return doer  # "accused the mayor of taking bribes": the mayor takes them
            current = current.head.head
            continue
        if current.dep_ in ("relcl", "acl", "amod") and current.head.i != current.i:
            noun = current.head
            while noun.dep_ == "compound" and noun.head.i != noun.i:
                noun = noun.head  # "the sacked ports minister Aïcha Yamboré"
            return noun
        return None
    return None


def _object_doer(prep: Any) -> Any | None:
    """The object of "accused X of", "blamed X for" (``object_doers`` in the vocabulary):
    who does what the gerund after the preposition says."""
    verb = prep.head
    if prep.lower_ not in ("of", "for") or verb.pos_ != "VERB":
        return None
    if lemma(verb) not in vocabulary().precision.get("object_doers", frozenset()):
        return None
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _finite(verb: Any) -> bool:
    """ "was dismissed", "fired": a tensed verb or auxiliary (not "after being charged")."""
    return verb.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children
    )


def _reduced_passive(verb: Any) -> bool:
    """ "a minister dismissed", "the sacked ports minister", "181 killed": a participle
    describing the noun it hangs on, which undergoes the act."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "amod")
        and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in verb.children)
    )


@dataclass
class Roles:
    """Participants found for one trigger, by role."""

    actors: list[Party]
    targets: list[Party]
    places: list[Party]
    pronouns: int = 0
    """Participants only a pronoun names ("He was released"): there, though unnamed."""

    def add(self, role: str, found: Party | None) -> None:
        if found is None:
            return
        if role == "actor":
            self.actors.append(found)
        elif role == "target":
            self.targets.append(found)
        elif role == "place":
            self.places.append(found)


SPEAKER_PRONOUNS = frozenset({"he", "she", "him", "her", "it", "they", "them", "we", "us"})


def _speaker(doc: Any, pronoun: Any, names: Names) -> Party | None:
    """ "Varga said she would step down", "Syria says it is willing to withdraw", "the
    rebels said they will release him": a pronoun in what a speaker says is the speaker,
    when the chains did not resolve it (a named speaker, or a phrase that can act)."""
    if pronoun.lower_ not in SPEAKER_PRONOUNS:
        return None
    cues = vocabulary().modality.reporting
    for governor, dep in _chain(pronoun, 6):
        if dep in ("ccomp", "parataxis") and governor.lemma_ in cues:
            subject = _subject(governor)
            if subject is None or subject.pos_ == "PRON" or not _agrees(pronoun, subject):
                return None
            found = party(doc, subject, names)
            if found is None or not (found.actor or _agentive(doc, found)):
                return None
            return found
    return None


def _agrees(pronoun: Any, noun: Any) -> bool:
    """Number agreement of a pronoun with its candidate antecedent: "it" is no plural
    ("residents warned ... if it refused"), "he"/"she" neither; "they" is a plural or a
    body ("the union said they would ...")."""
    plural = noun.tag_ in ("NNS", "NNPS")
    if pronoun.lower_ in ("they", "them", "we", "us"):
        return plural or noun.tag_ in ("NN", "NNP")
    return not plural


def _add_all(roles: Roles, role: str, doc: Any, token: Any, names: Names) -> None:
    for conj in _conjuncts(token):
        found = party(doc, conj, names)
        if found is None and conj.pos_ == "PRON":
            found = _speaker(doc, conj, names)
        if found is None and conj.pos_ == "PRON" and role in ("actor", "target"):
            found = names.antecedent(conj)
        if found is None and conj.pos_ == "PRON" and role in ("actor", "target"):
            roles.pronouns += 1
        roles.add(role, found)


def _prep_roles(
    roles: Roles, doc: Any, head: Any, args: Mapping[str, str], names: Names, skip: set[int]
) -> None:
    for child in head.children:
        if child.dep_ in ("prep", "agent") and child.i not in skip:
            role = args.get("agent" if child.dep_ == "agent" else child.lower_, "none")
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                if role == "actor" and child.lower_ in ("of", "from") and _place(obj, names):
                    role = "place"  # "walked out of the Port of Amakoro": where, not who
                _add_all(roles, role, doc, obj, names)


def _place(token: Any, names: Names) -> bool:
    mention = names.mention_at(token.idx, token.idx + len(token.text))
    return mention is not None and mention.type in PLACE_TYPES


def verb_roles(doc: Any, trigger: Trigger, names: Names) -> Roles:
    """Actors and targets of a verbal trigger."""
    args = trigger.pattern.args
    verb = doc[trigger.anchor]
    roles = Roles([], [], [])
    passive = _is_passive(verb) or _reduced_passive(verb)
    subject = _subject(verb)
    if subject is not None and subject.i not in trigger.literals and not _eventive(subject):
        key = "passive_subject" if passive else "subject"
        if (
            subject.i < verb.i
            and verb.dep_ in ("relcl", "acl", "amod")
            and subject.i == verb.head.i
        ):
            # the noun a clause describes, not its conjuncts ("his daughter, who was
            # dismissed ..., or President Dossavi")
            roles.add(args.get(key, "none"), party(doc, subject, names))
        else:
            _add_all(roles, args.get(key, "none"), doc, subject, names)
    objects = [
        c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i not in trigger.literals
    ]
    if trigger.star is not None:
        star = doc[trigger.star[0] : trigger.star[1]]
        objects = [star.root] if star.root.pos_ in ("NOUN", "PROPN", "PRON", "NUM") else objects
        owner = star.root.head
        if star.root.dep_ == "nummod" and owner.i in trigger.literals:
            # the slot only counts the pattern's object ("blew up three power lines"):
            # the object is that noun, unless it names the happening ("imposed tough sanctions")
            objects = [owner] if owner.pos_ == "NOUN" and not _eventive(owner) else []
    for obj in objects[:1]:
        _add_all(roles, args.get("object", "none"), doc, obj, names)
    last = doc[trigger.literals[-1]]
    if last.pos_ == "ADP" and len(trigger.literals) > 1:
        role = args.get(last.lower_, args.get("pattern_object", "none"))
        for obj in last.children:
            if obj.dep_ == "pobj":
                _add_all(roles, role, doc, obj, names)
    for index in trigger.literals:
        own = args
        if index != trigger.anchor and doc[index].pos_ == "NOUN":
            own = {**args, "by": "target", "agent": "target"}  # "rejected calls by Annan"
        _prep_roles(roles, doc, doc[index], own, names, set(trigger.literals))
    if trigger.pattern.type in OWNED_OBJECTS and not any(p.actor for p in roles.targets):
        for obj in [*objects[:1], *(doc[j] for j in trigger.literals[1:])]:
            _object_owner(roles, doc, obj, names)
    if trigger.pattern.type == "DEMAND" and not roles.targets:
        _asked(roles, doc, verb, names)
    return roles


OWNED_OBJECTS = frozenset({"REJECT", "CONCEDE", "SUPPORT", "DISAPPROVE", "AGREE"})
"""Types whose object is often someone's proposal, call or plan: its owner is the target."""


def _object_owner(roles: Roles, doc: Any, obj: Any, names: Names) -> None:
    """ "rejected an Indian proposal", "accepted the rebels' demands", "rejected calls by
    Annan": the named owner of the object (possessor, name modifier, "by"/"from" phrase)
    is who the act is aimed at."""
    if obj.pos_ not in ("NOUN",) or names.mention_at(obj.idx, obj.idx + len(obj.text)):
        return
    for child in obj.children:
        owner = None
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.pos_ in ("PROPN", "ADJ"):
            owner = child
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
            owner = next((c for c in child.children if c.dep_ == "pobj"), None)
        if owner is None:
            continue
        mention = names.mention_at(owner.idx, owner.idx + len(owner.text))
        if mention is not None and mention.actor and mention.type in TARGET_TYPES:
            roles.add("target", party(doc, owner, names))
            return


def _asked(roles: Roles, doc: Any, verb: Any, names: Names) -> None:
    """ "called for President Dossavi to resign", "urged the bloc to act": who is asked to
    act is the subject of the clause that says what."""
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ != "PRON":
                _add_all(roles, "target", doc, subject, names)
                return


CONTENT_DEPS = frozenset(
    {"dobj", "pobj", "prep", "xcomp", "ccomp", "acomp", "compound", "amod", "nsubj",
     "nsubjpass", "dative", "attr", "oprd", "poss", "nmod", "appos", "conj", "cc", "agent"}
)  # fmt: skip
"""Relations through which a name belongs to what the trigger says ("agreed to hand over
suspects to Britain", "demanded an admission by Moscow"); not clauses about something else
(relative, adverbial clauses, parentheticals)."""
TARGET_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})
NOUN_TARGET_PREPS = frozenset(
    {"with", "between", "against", "to", "toward", "towards", "by", "from", "of", "into"}
)
"""Prepositions through which an event noun names its other party ("talks with X")."""
WHERE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "around", "throughout", "across", "along", "through"}
)
"""Prepositions of place: a name under one is where a physical act happened, not on whom."""


def _content_target(doc: Any, trigger: Trigger, roles: Roles, names: Names) -> None:
    """An event with no target found in its own slots takes the first named actor of what
    it says, after the trigger: the content of a frame ("offered to hand over two suspects
    to Britain" -> Britain), the object's or the prepositional phrase's name ("demanded an
    admission by Moscow", "the withdrawal of forces from Panama"). The event's own actors,
    its reporter and names inside clauses about something else are skipped."""
    anchor = doc[trigger.anchor]
    taken = {p.actor for p in roles.actors if p.actor}
    skip = set(trigger.literals)
    for token in anchor.subtree:
        if token.i <= anchor.i or token.i in skip or token.pos_ != "PROPN":
            continue
        current, inside, placed, first = token, True, False, ""
        while current.i != anchor.i:
            if current.dep_ not in CONTENT_DEPS:
                inside = False
                break
            placed = placed or (current.dep_ == "prep" and current.lower_ in WHERE_PREPS)
            first = current.lower_ if current.dep_ == "prep" else first
            current = current.head
        if not inside or (trigger.pattern.kind == "noun" and first not in NOUN_TARGET_PREPS):
            continue  # "a dialogue on the future of the Port": a topic, not a party
        mention = names.mention_at(token.idx, token.idx + len(token.text))
        if mention is None or mention.actor in taken or mention.type not in TARGET_TYPES:
            continue
        physical = trigger.pattern.type in PLACE_FIRST
        if physical and (placed or (mention.type in PLACE_TYPES and _governed_place(token))):
            continue  # "attacked a convoy in Kabul", "broke up a march ... in X": where
        found = party(doc, token, names)
        if found is not None and found.actor:
            roles.targets.append(found)
            return


def _eventive(token: Any, plover_only: bool = False) -> bool:
    """True for a noun that names a happening ("riots", "the blast"): not an actor (with
    ``plover_only``, a happening of one of PLOVER's types: "boycott the election" is a
    boycott told at its verb)."""
    vocab = vocabulary()
    return token.pos_ == "NOUN" and any(
        p.kind == "noun"
        and p.size == 1
        and p.type
        and not (plover_only and p.type in vocab.extensions)
        for form in _forms(token)
        for p in vocab.by_first.get(form, ())
    )


def _governed_place(token: Any) -> bool:
    """True when the place token hangs under in/at/near... (through compounds/appositions)."""
    current = token
    for _ in range(4):
        if current.dep_ == "pobj":
            return current.head.lower_ in PLACE_PREPS
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _chain(token: Any, steps: int = 4) -> Iterator[tuple[Any, str]]:
    """(governor, relation) pairs up the clause chain."""
    current = token
    for _ in range(steps):
        if current.head.i == current.i:
            return
        yield current.head, current.dep_
        current = current.head


def _agentive(doc: Any, party: Party) -> bool:
    """Whether a participant can act: a named actor, or a phrase headed by a word for
    people, groups or bodies ("riot police", "thousands of people"); not "Denial",
    "the answer", "staff-level" or a verb phrase the parse attached as subject."""
    if party.actor is not None or party.head < 0:
        return True
    head = doc[party.head]
    if head.pos_ in ("PROPN", "X") or _mixed(head):
        return True  # a name the names stage missed; "the Turkish and Greek sides"
    if head.pos_ not in ("NOUN", "NUM", "PRON"):
        return False
    vocab = vocabulary()
    if head.lemma_.lower() in vocab.agents or head.lower_ in vocab.agents:
        return True
    if head.like_num or head.lower_ in vocab.quantities:
        of = [o for c in head.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        return not of or _agentive(doc, replace(party, head=of[0].i))
    return False
