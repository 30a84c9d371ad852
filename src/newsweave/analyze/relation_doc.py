"""The parsed document as the relation rules see it: records, actor lookup, pronouns."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from newsweave.analyze.context import ActorLookup, Context
from newsweave.analyze.given_names import name_genders
from newsweave.analyze.relation_cues import relation_cues
from newsweave.analyze.relation_words import (
    _CLAUSE_DEPS,
    COPULAS,
    GROUPISH,
    KIN_GENDER,
    LEADERS,
    OFFICES,
    ORG_WORDS,
    PERSONISH,
    PLACE_NOUNS,
    PRONOUN_GENDER,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
)
from newsweave.model.facts import Actor, Mention


class PlaceReading(Protocol):
    """What relations read of one gazetteer reading of a name."""

    @property
    def kind(self) -> str: ...

    @property
    def country(self) -> str | None: ...


class PlaceLookup(Protocol):
    """A gazetteer: every reading of a name, the most likely first."""

    def lookup(self, name: str) -> Sequence[PlaceReading]: ...


@dataclass(frozen=True)
class _Found:
    """A relation before deduplication: who, what, whom, and the characters stating it."""

    subject: str
    predicate: str
    object: str | None
    object_text: str | None
    qualifier: str | None
    time: str | None
    start: int
    end: int
    confidence: float | None = None


@dataclass(frozen=True)
class _Doc:
    """The read-only view every pattern works on (built once per call)."""

    ctx: Context
    doc: Any
    resolve: ActorLookup
    actors: Mapping[str, Actor]
    mention_of: Mapping[int, Mention]
    """Token index → the mention holding the token."""
    offices: Mapping[str, tuple[tuple[str, ...], ...]]
    """Actor id → the words of each office the document gives it (for "the minister")."""
    gender: Mapping[str, str]
    """Actor id → ``m`` or ``f`` when a kin noun says so ("his daughter Aïcha")."""
    country: str | None = None
    """The country the document is about: the one its places lie in (see ``_focus``)."""


@dataclass(frozen=True)
class _Role:
    """A role noun with its bearer and holder: "[Gaston's] eldest [son], [Didier]"."""

    noun: Any
    group: tuple[Any, ...]
    """The noun's tokens: ("ex", "-", "husband")."""
    bearer: str | None
    bearer_token: Any
    holder: str | None
    holder_token: Any
    qualifier: str


def _mention_index(ctx: Context, mentions: Sequence[Mention]) -> dict[int, Mention]:
    """Token index → mention (the longest one when mentions overlap)."""
    index: dict[int, Mention] = {}
    for mention in sorted(mentions, key=lambda m: m.span.end - m.span.start):
        span = ctx.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            if not token.is_space:
                index[token.i] = mention
    return index


HEAD_OF_STATE = (("president",), ("leader",), ("ruler",), ("head", "of", "state"))


"""What "the (former) president" may describe: someone the text says ruled the country."""


STATE_WORDS = frozenset({"country", "nation", "state", "republic"})


def _the_country(d: _Doc) -> str | None:
    """The country "the country" stands for: the document's country (without a gazetteer,
    the GPE it names most often)."""
    if d.country is not None:
        return d.country
    counts = Counter(
        m.actor for m in d.mention_of.values() if m.actor and _type(d, m.actor) == "GPE"
    )
    return counts.most_common(1)[0][0] if counts else None


def _focus(
    mentions: Sequence[Mention], readings: Mapping[str, PlaceReading], countries: Mapping[str, str]
) -> str | None:
    """The named country most of the document's place mentions lie in (a town of it counts
    for it as much as its name does)."""
    votes: Counter[str] = Counter()
    for mention in mentions:
        reading = readings.get(mention.actor or "")
        if reading is not None and reading.country in countries:
            votes[reading.country or ""] += 1
    return countries[votes.most_common(1)[0][0]] if votes else None


def _ruled(d: _Doc, verb: Any) -> Any | None:
    """The country a leadership verb's object names: a GPE name or "the country"."""
    led = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if led is None:
        return None
    if led.i in d.mention_of or _lower(led) in STATE_WORDS:
        return led
    return None


def _rulers(d: _Doc) -> dict[str, list[tuple[str, ...]]]:
    """Who the text says ruled the country ("Gaston Yamboré, who ruled the country from
    1992 to 2012"): heads of state, former when the verb is in the past."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for verb in d.doc:
        if verb.pos_ != "VERB" or _lemma(verb) not in ("rule", "govern"):
            continue
        led, subject = _ruled(d, verb), _subject(verb)
        if led is None or subject is None:
            continue
        country = np_actor(d, led) if led.i in d.mention_of else _the_country(d)
        ruler = np_actor(d, subject)
        if ruler is None or country is None or _type(d, country) != "GPE":
            continue
        former = ("former",) if verb.tag_ in ("VBD", "VBN") else ()
        found.setdefault(ruler, []).extend(former + office for office in HEAD_OF_STATE)
    return found


def _offices(d: _Doc, roles: Iterable[_Role]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The office words of each actor, from the roles found, the actors' titles and
    whoever the text says ruled the country."""
    found: dict[str, list[tuple[str, ...]]] = _rulers(d)
    for role in roles:
        if role.bearer and _lower(role.noun) in OFFICES | LEADERS:
            found.setdefault(role.bearer, []).append(_words(role.qualifier))
    for actor in d.actors.values():
        for title in actor.titles:
            words = _words(title.text)
            if words and words[-1] in OFFICES | LEADERS:
                found.setdefault(actor.id, []).append(words)
    return {k: tuple(v) for k, v in found.items()}


def _genders(d: _Doc, roles: Iterable[_Role]) -> dict[str, str]:
    """Actor → gender, said by a kin noun naming it ("her brother Didier"), else by the
    pronoun subject of the sentence after one the actor is the subject of (majority)."""
    genders: dict[str, str] = {}
    for role in roles:
        gender = KIN_GENDER.get(_lower(role.noun))
        if role.bearer and gender:
            genders.setdefault(role.bearer, gender)
    votes: dict[str, Counter[str]] = {}
    previous: str | None = None
    for sent in d.doc.sents:
        subject = _subject(sent.root)
        word = _lower(subject) if subject is not None else ""
        if previous and PRONOUN_GENDER.get(word) in ("m", "f"):
            votes.setdefault(previous, Counter())[PRONOUN_GENDER[word]] += 1
        mention = d.mention_of.get(subject.i) if subject is not None else None
        previous = _actor_of_mention(d, mention) if mention is not None else None
    for actor, counts in votes.items():
        if _type(d, actor) == "PERSON":
            genders.setdefault(actor, counts.most_common(1)[0][0])
    return genders


def _words(text: str) -> tuple[str, ...]:
    text = text.lower().replace("’", "'").replace("ex-", "former ")
    return tuple(w for w in re.findall(r"[a-z][a-z-]*", text) if w not in {"the", "a", "an"})


def _lower(token: Any) -> str:
    return str(token.lower_)


def _actor_of_mention(d: _Doc, mention: Mention) -> str | None:
    actor = mention.actor or d.resolve(mention.span.start, mention.span.end)
    if actor and mention.source == "title" and not _fits_description(d, actor, mention.span.text):
        return _described(d, _words(mention.span.text), frozenset())
    return actor


def _type(d: _Doc, actor: str | None) -> str | None:
    found = d.actors.get(actor) if actor else None
    return found.type if found else None


def _personlike(d: _Doc, actor: str | None) -> bool:
    """A person, or a name the tagger called an organisation but that has no institution
    word ("Félix Adomah")."""
    found = d.actors.get(actor) if actor else None
    if found is None:
        return False
    if found.type == "PERSON":
        return True
    words = found.name.split()
    return (
        found.type == "ORG"
        and 2 <= len(words) <= 3
        and not any(alias.isupper() for alias in (found.name, *found.aliases))
        and not any(w.lower() in ORG_WORDS for w in words)
    )


def np_actor(
    d: _Doc, token: Any, exclude: frozenset[str] = frozenset(), depth: int = 0
) -> str | None:
    """The actor a noun phrase headed by ``token`` names: its name, a pronoun's antecedent,
    a relative pronoun's antecedent, an appositive name, or a unique description."""
    if token is None or depth > 3:
        return None
    mention = d.mention_of.get(token.i)
    if mention is not None:
        actor = _actor_of_mention(d, mention)
        if actor is None or actor in exclude or _other_first_name(d, mention, actor):
            return None
        return actor
    lower = _lower(token)
    if lower in PRONOUN_GENDER:
        return _pronoun_actor(d, token, exclude, depth)
    if lower in RELATIVE_PRONOUNS:
        return np_actor(d, _relative_antecedent(token), exclude, depth + 1)
    for child in token.children:
        if child.dep_ == "appos" and child.i in d.mention_of:
            return np_actor(d, child, exclude, depth + 1)
    if token.dep_ == "appos" and token.head.i in d.mention_of:
        return np_actor(d, token.head, exclude, depth + 1)
    if lower in PLACE_NOUNS or lower in ORG_WORDS:
        for child in token.children:
            if child.dep_ == "compound" and child.i in d.mention_of:
                return np_actor(d, child, exclude, depth + 1)
    if lower in OFFICES | LEADERS and token.pos_ == "NOUN":
        return _described(d, _phrase_words(token), exclude)
    return None


def _other_first_name(d: _Doc, mention: Mention, actor: str) -> bool:
    """Whether a bare surname stands after a first name its actor does not have: "Didier
    Yamboré" read as "Yamboré" must not become Aïcha Yamboré."""
    span = d.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if span is None or span.start == 0 or len(span) != 1:
        return False
    before = d.doc[span.start - 1]
    if before.pos_ != "PROPN" or before.i in d.mention_of or before.dep_ != "compound":
        return False
    if _lower(before) in ROLE_NOUNS or not before.text[:1].isupper():
        return False
    found = d.actors.get(actor)
    names = " ".join((found.name, *found.aliases)) if found else ""
    return before.text not in names.split()


def _relative_antecedent(token: Any) -> Any:
    """ "SAL, a consortium in which …" → "consortium"."""
    node = token
    for _ in range(3):
        if node.dep_ == "relcl":
            return node.head
        node = node.head
    return None


def _phrase_words(token: Any) -> tuple[str, ...]:
    tokens = [t for t in token.subtree if t.i <= token.i and t.dep_ not in ("det", "poss", "case")]
    return _words(" ".join(t.text for t in tokens))


def _fits_description(d: _Doc, actor: str, text: str) -> bool:
    """Whether "the former president" may name ``actor``: a "former" description needs a
    former office; a plain one an office that is not former (when offices are known)."""
    words = _words(text)
    offices = d.offices.get(actor, ())
    former = "former" in words
    if not offices:
        return not former
    return any(("former" in o) == former and words[-1:] == o[-1:] for o in offices)


def _described(d: _Doc, words: tuple[str, ...], exclude: frozenset[str]) -> str | None:
    """The only actor whose office matches the description ("ports minister")."""
    if not words:
        return None
    want = set(words)
    exact = [a for a, offices in d.offices.items() if any(set(o) == want for o in offices)]
    partial = [
        a
        for a, offices in d.offices.items()
        if any(want <= set(o) and ("former" in o) == ("former" in want) for o in offices)
    ]
    for found in (exact, partial):
        found = [a for a in dict.fromkeys(found) if a not in exclude]
        if len(found) == 1:
            return found[0]
    return None


def _pronoun_actor(d: _Doc, token: Any, exclude: frozenset[str], depth: int = 0) -> str | None:
    """A pronoun's antecedent: the resolver's answer, else the subject of this sentence or
    of one of the two before it, else the nearest earlier actor, of a compatible type and
    gender, never one of ``exclude``."""
    gender = PRONOUN_GENDER.get(_lower(token))
    if gender in ("m", "f") and _reported_by_other(d, token, gender, depth):
        return None
    found = d.resolve(token.idx, token.idx + len(token.text))
    other = found is not None and gender in ("m", "f") and _given_gender(d, found, gender) != gender
    if found and found not in exclude and not other:
        return found
    passes = [frozenset({"ORG"}), GROUPISH] if gender == "n" else [PERSONISH, frozenset({"ORG"})]
    for types in passes:
        for sent, limit in _sentences_back(d, token, 2):
            for candidate in _salient(d, sent, limit, token):
                if candidate not in exclude and _agrees(d, candidate, types, gender):
                    return candidate
    if gender in ("m", "f"):  # further back, only someone known to be of that gender
        for sent, limit in _sentences_back(d, token, 10):
            for candidate in _salient(d, sent, limit, token):
                if candidate not in exclude and d.gender.get(candidate) == gender:
                    return candidate
    return None


def _reported_by_other(d: _Doc, token: Any, gender: str, depth: int = 0) -> bool:
    """ "The senator said the mogul had attacked his wife" (also with the cue in a
    parenthesis: "The truth, the senator said, was that …"): a he/she inside what a person
    said, after another person of that gender, may stand for either of them — no
    antecedent (precision first). The speaker alone ("she said her son …") or a pronoun
    before anyone else stays resolvable. ``depth`` bounds the search: a speaker that is
    itself a pronoun inside another speaker's words ("he told them he said …") is resolved
    through this same check, and two such pronouns would otherwise ask each other forever."""
    reporting = relation_cues().reporting_verbs
    sent = token.sent
    verbs = [
        v
        for v in sent
        if _lemma(v) in reporting
        and v.pos_ in ("VERB", "AUX")
        and (
            v in token.ancestors or v.dep_ in ("parataxis", "advcl", "ccomp") or v.i == sent.root.i
        )
    ]
    for verb in verbs:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.left_edge.i <= token.i <= subject.right_edge.i:
            continue
        speaker = np_actor(d, subject, depth=max(depth, 1) + 1)
        personal = speaker is not None and _agrees(d, speaker, PERSONISH, gender)
        personal = personal or _lower(subject) in OFFICES | LEADERS
        if not personal:
            continue
        skip = range(subject.left_edge.i, subject.right_edge.i + 1)
        for i in range(sent.start, token.i):
            mention = d.mention_of.get(i)
            actor = _actor_of_mention(d, mention) if mention is not None and i not in skip else None
            if actor and actor != speaker and _agrees(d, actor, PERSONISH, gender):
                return True
    return False


def _agrees(d: _Doc, actor: str, types: frozenset[str], gender: str | None) -> bool:
    """Whether a pronoun of ``gender`` may stand for ``actor`` of one of ``types``."""
    if _type(d, actor) not in types:
        return False
    if gender == "n":
        return True
    return _personlike(d, actor) and d.gender.get(actor, _given_gender(d, actor, gender)) == gender


def _given_gender(d: _Doc, actor: str, default: str | None) -> str | None:
    """The gender of the actor's given name by the Census lists ("his" is never Marla
    Maples, "her" never James Carville), else ``default`` (unknown names fit any pronoun)."""
    found = d.actors.get(actor)
    words = found.name.split() if found is not None else []
    if len(words) < 2:
        return default
    return name_genders().get(words[0].lower(), default)


def _sentences_back(d: _Doc, token: Any, back: int) -> Iterator[tuple[Any, int]]:
    """The token's sentence (up to the token) and the ``back`` sentences before it."""
    sent = token.sent
    yield sent, token.i
    count = 0
    while count < back and sent.start > 0:
        sent = d.doc[sent.start - 1].sent
        if any(t.is_alpha for t in sent):  # blanked page furniture does not count
            count += 1
            yield sent, sent.end


def _salient(d: _Doc, sent: Any, limit: int, pronoun: Any) -> Iterator[str]:
    """Actors of a sentence, the main subject first, then the others from the nearest."""
    root = sent.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i < limit:
            inside = child.left_edge.i <= pronoun.i <= child.right_edge.i
            if not inside and _lower(child) not in PRONOUN_GENDER:
                actor = np_actor(d, child, depth=2)
                if actor:
                    yield actor
    for i in range(min(limit, sent.end) - 1, sent.start - 1, -1):
        mention = d.mention_of.get(i)
        if mention is not None:
            actor = _actor_of_mention(d, mention)
            if actor:
                yield actor


def _group(doc: Any, token: Any) -> tuple[Any, ...]:
    """The noun with an "ex-" or "vice-" prefix and a "-general"/"-in-law" suffix."""
    start, end = token.i, token.i + 1
    if start >= 2 and doc[start - 1].text == "-" and _lower(doc[start - 2]) in ("ex", "vice"):
        start -= 2
    if end + 1 < len(doc) and doc[end].text == "-" and _lower(doc[end + 1]) in ("general", "elect"):
        end += 2
    elif end < len(doc) and doc[end].text == "General":  # "Secretary General Ban"
        end += 1
    return tuple(doc[start:end])


def _place_before(d: _Doc, noun: Any) -> Any | None:
    """The country or place an apposition right after it describes: "…, the foreign
    minister of France, a permanent member of the Security Council" (France is the
    member), for the roles of ``place_appositions`` in ``data/relation_cues.yaml``."""
    if _lower(noun) not in relation_cues().place_appositions:
        return None
    first = noun.left_edge.i
    if first < 2 or d.doc[first - 1].text != ",":
        return None
    mention = d.mention_of.get(first - 2)
    if mention is None or mention.type not in ("GPE", "LOC"):
        return None
    return _mention_root(d, mention)


def _bearer_token(d: _Doc, noun: Any, group: Sequence[Any]) -> Any:
    """Who has the role: an appositive name, the subject of a copula, the name the noun
    premodifies, or the name right after the noun."""
    after = group[-1].i + 1
    if after < len(d.doc) and _lower(noun) not in PLACE_NOUNS:
        mention = d.mention_of.get(after)
        if mention is not None and mention.type == "PERSON":
            return _mention_root(d, mention)
    anchor = noun
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head
    place = _place_before(d, noun) if anchor.dep_ == "appos" else None
    if place is not None:  # "the foreign minister of France, a permanent member of …"
        return place
    if anchor.dep_ == "appos" and anchor.head.i in d.mention_of:
        return _nearest_conjunct(d, anchor.head, anchor)
    if anchor.dep_ == "appos":  # "Her brother Didier Yamboré, the former president's son"
        for sibling in anchor.head.children:
            if sibling.dep_ == "appos" and sibling.i < anchor.i and _names_someone(d, sibling):
                return sibling
    for child in noun.children:
        if child.dep_ == "appos" and _names_someone(d, child):
            return child
    if anchor.dep_ in ("attr", "oprd", "xcomp", "acomp") and _lemma(anchor.head) in COPULAS:
        return _subject(anchor.head)
    if (
        anchor.dep_ == "pobj"
        and _lower(anchor.head) == "as"
        and _lemma(anchor.head.head) in COPULAS
    ):
        return _subject(anchor.head.head)
    premodifier = noun.dep_ in ("compound", "nmod", "amod") and noun.head.i > noun.i
    if premodifier and noun.head.i in d.mention_of:
        return noun.head
    if _lower(noun) in PLACE_NOUNS:
        for child in noun.children:
            if child.dep_ == "compound" and child.i in d.mention_of:
                return child
    return None


def _mention_root(d: _Doc, mention: Mention) -> Any:
    span = d.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    return span.root if span is not None else None


def _names_someone(d: _Doc, token: Any) -> bool:
    return token.i in d.mention_of or any(
        t.i in d.mention_of for t in token.children if t.dep_ == "compound"
    )


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


def _subject(verb: Any) -> Any:
    """The verb's subject, or the subject of the verb it is coordinated with."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if verb.dep_ != "conj":
            return None
        verb = verb.head
    return None


def _nearest_conjunct(d: _Doc, head: Any, appos: Any) -> Any:
    """ "A and B, X's wife, …": an apposition after a coordination of names describes the
    nearest one (B), though the parser hangs it on the first."""
    conjuncts = [
        t for t in head.subtree if t.dep_ == "conj" and t.i in d.mention_of and t.i < appos.i
    ]
    return max(conjuncts, key=lambda t: t.i) if conjuncts else head


def _preps(noun: Any) -> Iterator[Any]:
    """Prepositions in the noun's phrase, nearest first, outside clauses."""
    stack = list(noun.children)
    while stack:
        token = stack.pop(0)
        if token.dep_ in _CLAUSE_DEPS or token.dep_ == "appos":
            continue
        if token.dep_ == "prep":
            yield token
        stack.extend(c for c in token.children if c.dep_ in ("prep", "pobj", "compound", "amod"))
