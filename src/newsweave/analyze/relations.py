"""Relations stage: the ties between a document's actors, each with the sentence stating it.

The predicates form a closed vocabulary (:data:`PREDICATES`): family (``child_of``,
``parent_of``, ``spouse_of``, ``former_spouse_of``, ``sibling_of``, ``relative_of``), office
(``holds_position``, ``leads``), membership (``member_of``), alliance (``ally_of``),
employment (``employed_by``), place (``located_in``) and ownership (``owns``).

Most ties are stated by a *role noun* ("son", "ally", "minister", "editor", "city") that
links a *bearer* (who is the son) to a *holder* (whose son):

- premodifiers: "Finance Minister Paul-Henri Mensavi", "MDR leader Justine Ahlonko";
- appositives: "Gaston Yamboré's eldest son, Didier"; "Abessi City, Mabenia's second city";
- copulas: "Didier Yamboré is Gaston Yamboré's eldest son"; "X was appointed minister".

The holder comes from a possessive ("his", "X's"), an "of"/"with"/"for"/"at" phrase or a
name right before the noun ("a longtime Dossavi ally"). Verbs add ownership ("owns 22% of",
"holds a stake in", "owned by"), marriage, leadership ("led by", "the UPS-led coalition")
and membership ("the bloc groups A, B and C"); the gazetteer adds ``located_in`` for a
place whose country is an actor of the document.

Only actors' mentions are related: two people are never related because they share a
surname. Possessive pronouns ("his daughter") are resolved to the nearest salient person of
a compatible gender (subject of the sentence or of the sentences before). Symmetric
predicates and the parent/child pair are stated in both directions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from newsweave.analyze.context import ActorLookup, Context, StageInfo
from newsweave.model.facts import Actor, Mention, Relation

STAGE = StageInfo("relations", "3", needs=("sentences", "actors"), provides=("relations",))

PREDICATES = frozenset(
    [
        "child_of",
        "parent_of",
        "spouse_of",
        "former_spouse_of",
        "sibling_of",
        "relative_of",
        "ally_of",
        "member_of",
        "leads",
        "holds_position",
        "employed_by",
        "located_in",
        "owns",
    ]
)
SYMMETRIC = frozenset({"spouse_of", "former_spouse_of", "sibling_of", "relative_of", "ally_of"})
INVERSE = {"child_of": "parent_of", "parent_of": "child_of"}

CHILD = frozenset(["son", "daughter", "child", "stepson", "stepdaughter"])
PARENT = frozenset(["father", "mother", "parent", "stepfather", "stepmother"])
SIBLING = frozenset(["brother", "sister", "sibling"])
SPOUSE = frozenset(["husband", "wife", "spouse", "widow", "widower"])
RELATIVE = frozenset(
    [
        "cousin",
        "nephew",
        "niece",
        "uncle",
        "aunt",
        "grandson",
        "granddaughter",
        "grandchild",
        "grandfather",
        "grandmother",
        "relative",
    ]
)
KIN_GENDER = {
    **dict.fromkeys(
        [
            "son",
            "stepson",
            "father",
            "stepfather",
            "brother",
            "husband",
            "widower",
            "nephew",
            "uncle",
        ],
        "m",
    ),
    **dict.fromkeys(
        [
            "daughter",
            "stepdaughter",
            "mother",
            "stepmother",
            "sister",
            "wife",
            "widow",
            "niece",
            "aunt",
        ],
        "f",
    ),
    **dict.fromkeys(["grandson", "grandfather"], "m"),
    **dict.fromkeys(["granddaughter", "grandmother"], "f"),
}
LEADERS = frozenset(["leader", "head", "chairman", "chairwoman", "chair", "chief"])
OFFICES = frozenset(
    [
        "president",
        "vice-president",
        "minister",
        "premier",
        "chancellor",
        "secretary",
        "general",
        "governor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "mayor",
        "ambassador",
        "commander",
        "judge",
        "prosecutor",
        "director",
        "king",
        "queen",
        "senator",
        "deputy",
        "speaker",
        "founder",
        "ceo",
        "treasurer",
        "commissioner",
        "inspector",
        "archbishop",
        "bishop",
        "auditor",
    ]
)
EMPLOYMENT = frozenset(
    [
        "editor",
        "correspondent",
        "reporter",
        "journalist",
        "columnist",
        "writer",
        "professor",
        "lecturer",
        "researcher",
        "analyst",
        "economist",
        "lawyer",
        "adviser",
        "advisor",
        "consultant",
        "employee",
        "engineer",
        "executive",
        "manager",
        "producer",
        "presenter",
        "photographer",
        "fellow",
    ]
)
PLACE_NOUNS = frozenset(
    [
        "city",
        "town",
        "capital",
        "port",
        "village",
        "district",
        "region",
        "province",
        "suburb",
        "neighbourhood",
        "neighborhood",
        "county",
        "municipality",
        "island",
    ]
)
ROLE_NOUNS = (
    CHILD | PARENT | SIBLING | SPOUSE | RELATIVE | LEADERS | OFFICES | EMPLOYMENT | PLACE_NOUNS
) | {"ally", "member"}

COPULAS = frozenset(
    [
        "be",
        "remain",
        "become",
        "serve",
        "appoint",
        "name",
        "elect",
        "work",
        "stay",
        "make",
        "install",
        "swear",
    ]
)
"""Verbs that give their subject the role noun after them ("is", "was appointed", "serves as")."""
OWN_VERBS = frozenset(["own", "control"])
STAKE_VERBS = frozenset(["hold", "have", "own", "acquire", "buy", "take", "control"])
STAKE_NOUNS = frozenset(["stake", "share", "shares", "interest", "%", "percent", "majority"])
LEAD_VERBS = frozenset(["lead", "rule", "govern", "head", "chair"])
GROUP_VERBS = frozenset(["group", "comprise", "include", "unite"])
BLOC_NOUNS = frozenset(
    str.split(
        "bloc alliance coalition union group grouping organisation organization federation league "
        "community partnership pact association council commission forum club consortium body"
    )
)
"""Nouns that name a grouping of members: "the bloc groups A, B and C" makes A, B and C
its members; "its clients included A, B" does not."""
MARGIN_WORDS = frozenset({"percent", "%", "points", "point", "votes", "seats", "margin"})
"""Words of a lead in a poll or race: "X leads Y 43 percent to 41" is no leadership."""
PRONOUN_GENDER = {
    **dict.fromkeys(["he", "him", "his", "himself"], "m"),
    **dict.fromkeys(["she", "her", "hers", "herself"], "f"),
    **dict.fromkeys(["it", "its", "itself"], "n"),
}
RELATIVE_PRONOUNS = frozenset(["who", "whom", "whose", "which", "that"])
PERSONISH = frozenset({"PERSON"})
GROUPISH = frozenset({"ORG", "GPE", "NORP"})
PLACEISH = frozenset({"GPE", "LOC", "FAC"})
ORG_WORDS = frozenset(
    [
        "university",
        "college",
        "institute",
        "school",
        "academy",
        "foundation",
        "hospital",
        "ministry",
        "bank",
        "party",
        "union",
        "organisation",
        "organization",
        "council",
        "committee",
        "commission",
        "agency",
        "corporation",
        "corp",
        "inc",
        "ltd",
        "group",
        "company",
        "holdings",
        "association",
        "federation",
        "league",
        "movement",
        "front",
        "army",
        "police",
        "court",
        "assembly",
        "parliament",
        "club",
        "airlines",
        "authority",
        "fund",
        "trust",
        "society",
        "forum",
        "post",
        "times",
        "herald",
        "news",
        "sentinel",
        "monitor",
        "radio",
        "television",
        "network",
        "alliance",
        "congress",
    ]
)
DEPARTMENTS = frozenset(
    [
        "ports",
        "port",
        "interior",
        "finance",
        "defence",
        "defense",
        "foreign",
        "health",
        "justice",
        "education",
        "ministry",
        "government",
        "police",
        "opposition",
        "trade",
        "economy",
        "transport",
        "energy",
        "agriculture",
        "labour",
        "labor",
    ]
)
"""Capitalised words before an office that name a portfolio, not an organisation."""
BROAD_PLACES = frozenset({"country", "continent", "region"})

_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
_LEADING = re.compile(r"^(?:(?:the|a|an|his|her|its|their|our|my|your)\s+)+", re.IGNORECASE)
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"})
_NOT_IN_PHRASE = _CLAUSE_DEPS | {"appos", "det", "poss", "punct", "cc", "conj", "case", "nummod"}


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


# ---------------------------------------------------------------- entry point


def extract_relations(
    ctx: Context,
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    resolve: ActorLookup,
    gazetteer: PlaceLookup | None = None,
) -> tuple[Relation, ...]:
    """Every tie between the document's actors that its text states, deduplicated (the
    first evidence of identical relations is kept), in text order. Pure."""
    return tuple(
        _relation(ctx, f)
        for f in dedupe(found_relations(ctx, mentions, actors, resolve, gazetteer))
    )


def found_relations(
    ctx: Context,
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    resolve: ActorLookup,
    gazetteer: PlaceLookup | None = None,
) -> list[_Found]:
    """Every statement of a relation, before deduplication (one per piece of evidence)."""
    if ctx.doc is None or not len(ctx.doc):
        return []
    by_id = {a.id: a for a in actors}
    readings = _readings(actors, gazetteer) if gazetteer is not None else {}
    countries = _countries(readings)
    country = _focus(mentions, readings, countries)
    base = _Doc(ctx, ctx.doc, resolve, by_id, _mention_index(ctx, mentions), {}, {}, country)
    roles = list(_roles(base))
    docview = _Doc(
        ctx,
        ctx.doc,
        resolve,
        base.actors,
        base.mention_of,
        _offices(base, roles),
        _genders(base, roles),
        base.country,
    )
    found: list[_Found] = []
    for role in _roles(docview):
        found.extend(_role_relations(docview, role))
    from newsweave.analyze.relation_membership import membership

    for extractor in (_ownership, _marriage, _leadership, _led_compounds, _grouping, _place_in):
        found.extend(extractor(docview))
    found.extend(membership(docview))
    found.extend(_title_positions(docview, found))
    found.extend(_gazetteer_places(docview, readings, countries))
    found = [f for f in _with_inverses(found) if f.subject != f.object]
    return sorted(found, key=lambda f: (f.start, f.end))


def dedupe(found: Iterable[_Found]) -> list[_Found]:
    """Identical relations once, with their first evidence. A relation without qualifier
    or time is dropped when the same tie is also stated with one."""
    groups: dict[tuple[str, str, str | None, str | None], list[_Found]] = {}
    for f in found:
        key = (f.subject, f.predicate, f.object, None if f.object else _key(f.object_text))
        groups.setdefault(key, []).append(f)
    kept: list[_Found] = []
    for items in groups.values():
        seen: set[tuple[str | None, str | None]] = set()
        for f in items:
            mark = (_key(f.qualifier), f.time)
            if mark in seen or any(_covers(o, f) for o in items):
                continue
            seen.add(mark)
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))


def _covers(other: _Found, f: _Found) -> bool:
    """Whether ``other`` says all ``f`` says and more (a qualifier or a time)."""
    same_q = f.qualifier is None or _key(f.qualifier) == _key(other.qualifier)
    same_t = f.time is None or f.time == other.time
    more = (f.qualifier is None and other.qualifier is not None) or (
        f.time is None and other.time is not None
    )
    return same_q and same_t and more


def _key(text: str | None) -> str | None:
    return " ".join(text.casefold().replace("’", "'").split()) if text else None


def _relation(ctx: Context, f: _Found) -> Relation:
    evidence = ctx.evidence(f.start, f.end, STAGE, f.confidence)
    return Relation(f.subject, f.predicate, f.object, f.object_text, f.qualifier, f.time, evidence)


def _with_inverses(found: Iterable[_Found]) -> Iterator[_Found]:
    """Each relation, and its converse for symmetric predicates and child/parent."""
    for f in found:
        yield f
        if f.object is None:
            continue
        if f.predicate in SYMMETRIC:
            yield _Found(
                f.object, f.predicate, f.subject, None, None, f.time, f.start, f.end, f.confidence
            )
        elif f.predicate in INVERSE:
            yield _Found(
                f.object,
                INVERSE[f.predicate],
                f.subject,
                None,
                None,
                f.time,
                f.start,
                f.end,
                f.confidence,
            )


# ---------------------------------------------------------------- indexes


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


# ---------------------------------------------------------------- noun phrases → actors


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
        return _pronoun_actor(d, token, exclude)
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


# ---------------------------------------------------------------- pronouns


def _pronoun_actor(d: _Doc, token: Any, exclude: frozenset[str]) -> str | None:
    """A pronoun's antecedent: the resolver's answer, else the subject of this sentence or
    of one of the two before it, else the nearest earlier actor, of a compatible type and
    gender, never one of ``exclude``."""
    found = d.resolve(token.idx, token.idx + len(token.text))
    if found and found not in exclude:
        return found
    gender = PRONOUN_GENDER.get(_lower(token))
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


def _agrees(d: _Doc, actor: str, types: frozenset[str], gender: str | None) -> bool:
    """Whether a pronoun of ``gender`` may stand for ``actor`` of one of ``types``."""
    if _type(d, actor) not in types:
        return False
    if gender == "n":
        return True
    return _personlike(d, actor) and d.gender.get(actor, gender) == gender


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


# ---------------------------------------------------------------- role nouns


def _roles(d: _Doc) -> Iterator[_Role]:
    """Every role noun of the document with its bearer and holder."""
    for token in d.doc:
        lower = _lower(token)
        if lower not in ROLE_NOUNS or token.pos_ not in ("NOUN", "PROPN"):
            continue
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


def _group(doc: Any, token: Any) -> tuple[Any, ...]:
    """The noun with an "ex-" or "vice-" prefix and a "-general"/"-in-law" suffix."""
    start, end = token.i, token.i + 1
    if start >= 2 and doc[start - 1].text == "-" and _lower(doc[start - 2]) in ("ex", "vice"):
        start -= 2
    if end + 1 < len(doc) and doc[end].text == "-" and _lower(doc[end + 1]) in ("general", "elect"):
        end += 2
    return tuple(doc[start:end])


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
    if anchor.dep_ == "appos" and anchor.head.i in d.mention_of:
        return anchor.head
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


def _holder_token(d: _Doc, noun: Any, group: Sequence[Any], bearer: Any) -> Any:
    """Whose role it is: a possessive, a name right before the noun, or the object of an
    "of" (or, for jobs, "with", "for", "at") phrase."""
    for token in group:
        for child in token.children:
            if child.dep_ == "poss":
                return child
    before = _name_before(d, group[0])
    if before is not None and before.i != (bearer.i if bearer is not None else -1):
        return before
    preps = ("of", "with", "for", "at") if _lower(noun) in EMPLOYMENT else ("of",)
    conjuncts = [c.i for c in noun.children if c.dep_ == "conj"]
    for prep in _preps(noun):
        if any(i < prep.i for i in conjuncts):
            continue  # "a writer and a former editor with Radio Z": the editor's employer
        if _lower(prep) in preps:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and np_actor(d, obj) is not None:
                return obj
    return None


def _name_before(d: _Doc, first: Any) -> Any:
    """A name ending right before the noun ("MDR leader", "NLO (NLO) secretary-general")."""
    j = first.i - 1
    sent_start = first.sent.start
    while j >= sent_start and d.doc[j].text in "()" and d.doc[j].text:
        j -= 1
    mention = d.mention_of.get(j) if j >= sent_start else None
    if mention is None or d.doc[j].dep_ == "poss":
        return None
    text = mention.span.text
    actor = d.actors.get(mention.actor or "")
    single = " " not in text.strip() and not text.isupper()
    if single and (actor is None or actor.mentions < 2 or text.lower() in DEPARTMENTS):
        return None  # "Ports Minister", "Interior Minister": a department, not a name
    return d.doc[j]


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
    return _LEADING.sub("", text).strip() or str(noun.text)


def _role_relations(d: _Doc, role: _Role) -> Iterator[_Found]:
    """What one role noun states."""
    lower = _lower(role.noun)
    start, end = _extent(
        *_phrase_tokens(role.noun),
        role.group,
        *_name_tokens(d, role.bearer_token, role.holder_token),
    )
    former = bool(re.search(r"\b(?:ex-|former)", role.qualifier, re.IGNORECASE))
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
        if holder and _type(d, holder) in GROUPISH:
            yield _Found(
                bearer, "member_of", holder, None, role.qualifier, _time(role.noun), start, end
            )
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
    holder = role.holder if _type(d, role.holder) in GROUPISH else None
    time = _time(role.noun)
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


# ---------------------------------------------------------------- time


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
        if year and word in ("from", "until", "till", "since", "to", "between", "in"):
            marks.setdefault(word, year.group(1))
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


# ---------------------------------------------------------------- verbs


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
        if owner is None:
            continue
        found = _owned_object(d, verb, lemma, owner)
        if found is not None and _type(d, found[0]) != "PERSON":  # people are not owned
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


# ---------------------------------------------------------------- titles and gazetteer


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
            spans.append((actor.id, start, end))
            text = _LEADING.sub("", title.text).strip()
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


def _readings(actors: Iterable[Actor], gazetteer: PlaceLookup) -> dict[str, PlaceReading]:
    """Each place actor's most likely gazetteer reading (looked up once per document)."""
    found: dict[str, PlaceReading] = {}
    for actor in actors:
        readings = gazetteer.lookup(actor.name) if actor.type in PLACEISH else []
        if readings:
            found[actor.id] = readings[0]
    return found


def _countries(readings: Mapping[str, PlaceReading]) -> dict[str, str]:
    """Country code → the actor the gazetteer reads first as that country."""
    countries: dict[str, str] = {}
    for actor_id, reading in readings.items():
        if reading.kind == "country" and reading.country:
            countries.setdefault(reading.country, actor_id)
    return countries


def _gazetteer_places(
    d: _Doc, readings: Mapping[str, PlaceReading], countries: Mapping[str, str]
) -> Iterator[_Found]:
    """A place in a country that the document names: "Accra" → located_in Ghana."""
    for actor in d.actors.values():
        reading = readings.get(actor.id)
        if reading is None or actor.evidence is None:
            continue
        if reading.kind in BROAD_PLACES or reading.kind == "country":
            continue
        country = countries.get(reading.country or "")
        if country and country != actor.id:
            start, end = actor.evidence.start, actor.evidence.end
            yield _Found(actor.id, "located_in", country, None, None, None, start, end, 0.8)
