"""Membership and affiliation patterns of the relations stage (issue 14, item 4).

A person's party, bloc or organisation as the text writes it:

- a bracket after the name: "Maren Holt (Liberal Union)", "Holt (LU)";
- "of" after the name: "Senator Maren Holt of the Liberal Union";
- a possessive before the name: "the Liberal Union's Holt";
- the noun "member": "Holt, Lind and Berg are all members of the Liberal Union", "Holt,
  a member of the Liberal Union";
- the verbs "join" and "belong to": "Holt joined the Liberal Union in 2015";
- a country leading a bloc ("the Moscow-led Eurasian Union") is also its member.

A party-like organisation (a word of ``PARTY_WORDS`` in its name or aliases) gives
``member_of``; any other organisation after "of"/a possessive gives ``employed_by`` for a
person ("Tariq Haddad of Human Rights Watch"), and "join" gives ``member_of`` when a
country joins a bloc. Places are never what someone is a member of.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsweave.analyze.relation_doc import (
    _Doc,
    _Found,
    _lemma,
    _lower,
    _personlike,
    _place_before,
    _subject,
    _type,
    np_actor,
)
from newsweave.analyze.relation_roles import _extent, _time
from newsweave.analyze.relation_verbs import _conjuncts, _led_compounds
from newsweave.analyze.relation_words import LEADERS, OFFICES

PARTY_WORDS = frozenset(
    {
        "party", "union", "bloc", "alliance", "front", "movement", "coalition", "congress",
        "league", "caucus", "club", "association", "federation", "conference", "pact",
        "community", "organisation", "organization", "group", "forum", "council",
    }
)  # fmt: skip
"""Words of the names of parties, blocs and societies one is a member of."""
MEMBER_NOUNS = frozenset({"member", "backbencher", "lawmaker", "legislator", "activist"})
JOIN_VERBS = frozenset({"join", "rejoin"})


def membership(d: _Doc) -> Iterator[_Found]:
    """Every membership or affiliation statement of the document."""
    yield from _bracketed(d)
    yield from _of_or_possessive(d)
    yield from _member_nouns(d)
    yield from _joined(d)
    yield from _led_blocs(d)


def _party_like(d: _Doc, actor: str | None) -> bool:
    found = d.actors.get(actor) if actor else None
    if found is None or found.type != "ORG":
        return False
    words = {w.lower() for name in (found.name, *found.aliases) for w in name.split()}
    return bool(words & PARTY_WORDS)


def _affiliation(d: _Doc, person: str | None, org: str | None) -> str | None:
    """The predicate tying a person to an organisation named beside them, if any."""
    if person is None or org is None or person == org or _type(d, person) != "PERSON":
        return None  # a name typed as a body is no one's employee ("the Pentagon's X Command")
    if _party_like(d, org):
        return "member_of"
    return "employed_by" if _type(d, org) == "ORG" else None


OFFICE_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "rep": "representative"}
"""Abbreviated office titles before a name ("Gov. X of Nevada")."""


def _office_before(d: _Doc, token: Any) -> tuple[int, str] | None:
    """The office title written right before the person's name ("Gov.", "Senator"), as
    (token index, office noun)."""
    mention = d.mention_of.get(token.i)
    if mention is None:
        return None
    span = d.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    before = d.doc[span.start - 1]
    word = _lower(before).rstrip(".")
    office = OFFICE_ABBREVIATIONS.get(word, word)
    if office in ("governor", "senator", "representative", "mayor"):
        return before.i, office
    return None


def _holds_office(token: Any) -> bool:
    """Whether the name carries an office title ("Mayor Jon Vik", "Governor X")."""
    return any(_lower(t) in OFFICES or _lower(t) in LEADERS for t in token.subtree if t.i < token.i)


def _bracketed(d: _Doc) -> Iterator[_Found]:
    """ "Maren Holt (LU)": an organisation alone in brackets right after a person."""
    doc = d.doc
    for token in doc:
        if token.text != "(" or token.i == 0 or token.i + 2 >= len(doc):
            continue
        before = doc[token.i - 1]
        inner = doc[token.i + 1]
        close = next((t for t in doc[token.i + 1 : token.i + 8] if t.text == ")"), None)
        if close is None or before.i not in d.mention_of or inner.i not in d.mention_of:
            continue
        person = np_actor(d, before)
        org = np_actor(d, inner, frozenset({person} if person else ()))
        if any(t.i not in d.mention_of for t in doc[inner.i : close.i]):
            continue  # only a name inside the brackets ("(LU)", not "(LU, 2019)")
        if person and org and _party_like(d, org) and _personlike(d, person):
            start, end = _extent(before, close)
            yield _Found(person, "member_of", org, None, None, None, start, end)


def _of_or_possessive(d: _Doc) -> Iterator[_Found]:
    """ "Maren Holt of the Liberal Union" / "the Liberal Union's Holt"."""
    for token in d.doc:
        if token.i not in d.mention_of:
            continue
        person = np_actor(d, token)
        if person is None or _type(d, person) != "PERSON":
            continue
        for child in token.children:
            org_token = None
            if child.dep_ == "prep" and _lower(child) == "of" and _right_after(d, token, child):
                org_token = next((g for g in child.children if g.dep_ == "pobj"), None)
            elif child.dep_ == "poss" and child.i in d.mention_of:
                org_token = child
            if org_token is None or org_token.i not in d.mention_of:
                continue
            org = np_actor(d, org_token, frozenset({person}))
            office = _office_before(d, token)
            if office is not None and org is not None and _type(d, org) in ("GPE", "LOC"):
                # "Gov. Ana Ruiz of Nevada", "Senator X of Ohio": the office's place
                start, end = _extent(d.doc[office[0]], org_token)
                yield _Found(person, "holds_position", org, None, office[1], None, start, end)
                continue
            predicate = _affiliation(d, person, org)
            if predicate == "employed_by" and _holds_office(token):
                continue  # "Mayor Jon Vik of Bergen": the office's place, not an employer
            if predicate is not None and org is not None:
                start, end = _extent(token, org_token)
                yield _Found(person, predicate, org, None, None, None, start, end)


def _right_after(d: _Doc, token: Any, prep: Any) -> bool:
    """Whether "of" comes right after the person's name ("Ana Ruiz of the LU"); in a list
    ("A of X, B of Y") the parser may hang an earlier "of X" on B."""
    mention = d.mention_of.get(token.i)
    if mention is None:
        return False
    end = mention.span.end
    return prep.idx >= end and d.ctx.text[end : prep.idx].strip(" ,") == ""


def _member_nouns(d: _Doc) -> Iterator[_Found]:
    """ "X, Y and Z are members of the Liberal Union" / "X, a member of the LU"."""
    for noun in d.doc:
        if noun.pos_ != "NOUN" or _lemma(noun) not in MEMBER_NOUNS:
            continue
        prep = next((c for c in noun.children if c.dep_ == "prep" and _lower(c) == "of"), None)
        org_token = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep else None
        if org_token is None or org_token.i not in d.mention_of:
            continue
        org = np_actor(d, org_token)
        if not _party_like(d, org):
            continue
        if noun.dep_ == "appos" and _place_before(d, noun) is not None:
            continue  # "the minister of France, a member of …": France is (relation_roles)
        for bearer in _bearers(noun):
            person = np_actor(d, bearer, frozenset({org} if org else ()))
            if person and org and _personlike(d, person):
                start, end = _extent(bearer, noun, org_token)
                yield _Found(person, "member_of", org, None, None, _time(noun), start, end)


def _bearers(noun: Any) -> Iterator[Any]:
    """Who a member noun describes: the copula's subject and its conjuncts ("X and Y are
    members"), or the name it is in apposition to ("X, a member of …")."""
    if noun.dep_ in ("attr", "oprd"):
        subject = _subject(noun.head)
        if subject is not None:
            yield from _listed(subject)
    elif noun.dep_ == "appos":
        yield noun.head


def _listed(token: Any) -> Iterator[Any]:
    """The names of a list, which the parser may read as conjuncts or as appositions
    ("Ana Ruiz, [appos] Ben Baker and [conj] Kei Ito")."""
    for item in _conjuncts(token):
        yield item
        for child in item.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                yield from _conjuncts(child)


def _joined(d: _Doc) -> Iterator[_Found]:
    """ "Holt joined the Liberal Union in 2015" / "Holt belongs to the LU"; a country
    joining a bloc."""
    for verb in d.doc:
        if verb.pos_ != "VERB":
            continue
        lemma = _lemma(verb)
        if lemma in JOIN_VERBS:
            org_token = next((c for c in verb.children if c.dep_ == "dobj"), None)
        elif lemma == "belong":
            prep = next((c for c in verb.children if _lower(c) == "to"), None)
            org_token = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep else None
        else:
            continue
        subject_token = _subject(verb)
        if subject_token is None or org_token is None or org_token.i not in d.mention_of:
            continue
        org = np_actor(d, org_token)
        if org is None or _type(d, org) != "ORG":
            continue
        for member_token in _listed(subject_token):
            member = np_actor(d, member_token, frozenset({org}))
            if member is None:
                continue
            predicate = _join_predicate(d, member, org, lemma)
            if predicate is None:
                continue
            start, end = _extent(member_token, verb, org_token)
            yield _Found(member, predicate, org, None, None, _time(verb), start, end)


def _join_predicate(d: _Doc, member: str, org: str, lemma: str) -> str | None:
    """A country joins a bloc, a person a party (member_of) or a firm (employed_by)."""
    if _type(d, member) == "GPE" or (_party_like(d, org) and _personlike(d, member)):
        return "member_of"
    if _personlike(d, member) and lemma in JOIN_VERBS:
        return "employed_by"
    return None


def _led_blocs(d: _Doc) -> Iterator[_Found]:
    """ "the Moscow-led Eurasian Union": the leading country is a member too."""
    for found in _led_compounds(d):
        led_bloc = found.object is not None and _type(d, found.object) == "ORG"
        if led_bloc and _type(d, found.subject) == "GPE":
            yield _Found(
                found.subject, "member_of", found.object, None, None, None,
                found.start, found.end,
            )  # fmt: skip
