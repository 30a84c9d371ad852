"""Person cues the model ignores: given names, title words, describing words.

Data: the given names of ``given_names.py`` (the public-domain U.S. Census first-name lists
and the Phoenix people, common words left out) and ``data/person_cues.yaml`` (title words,
describing words). Three rules:

- **missed people**: a title word or a given name right before one to three capitalised
  proper nouns that the model left untyped is a person ("Superintendent Mirela Danek",
  "Mirela Danek said"; a two-part family name stays whole: "Ana María López Ruiz");
- **mistyped people**: a name of two to four name words that the model typed as an
  organisation or a place and that opens with a given name is a person, unless a word of it
  heads an institution or the name is a known place;
- **possessives**: "the Liberal Union's Holt" read as one organisation is the
  organisation and the person;
- **occasions**: a name ending in a lower-case occasion noun ("the Democratic National
  convention") is an event;
- **describing words**: a capitalised adjective or participle before a surname ("Embattled
  Varga") is not part of the name: the name is the surname.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsweave.analyze.candidates import Candidate
from newsweave.analyze.context import doc_text
from newsweave.analyze.gazetteer import Gazetteer, normalize
from newsweave.analyze.given_names import given_names

PERSON = "PERSON"
MISTYPED = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PARTICLES = frozenset({"de", "del", "da", "dos", "van", "von", "der", "la", "le", "di", "y"})


@dataclass(frozen=True)
class PersonCues:
    given: frozenset[str]
    titles: frozenset[str]
    describing: frozenset[str]
    credits: tuple[str, ...]
    credit_lead: re.Pattern[str]
    desk_words: frozenset[str]
    event_nouns: frozenset[str]
    family_first: frozenset[str]


@lru_cache(maxsize=1)
def person_cues() -> PersonCues:
    """The given names and the word lists, read once."""
    root = resources.files("newsweave.analyze")
    given = given_names()
    data = yaml.safe_load(root.joinpath("data/person_cues.yaml").read_text("utf-8"))
    return PersonCues(
        given,
        frozenset(str(w).lower() for w in data["title_words"]),
        frozenset(str(w).lower() for w in data["describing_words"]),
        tuple(str(w).lower() for w in data["credit_markers"]),
        _credit_lead(data["credit_lead_words"], data["credit_lead_phrases"]),
        frozenset(str(w) for w in data["desk_words"]),
        frozenset(str(w) for w in data["event_nouns"]),
        frozenset(str(w) for w in data["family_first"]),
    )


def is_desk(name: str) -> bool:
    """Whether a byline's author is a desk or an outlet ("Halden Post Business")."""
    return any(w in person_cues().desk_words for w in name.split())


def is_given_name(word: str) -> bool:
    """Whether a capitalised word is a listed given name (hyphenated: its first part)."""
    return word[:1].isupper() and word.split("-")[0].lower() in person_cues().given


def opens_a_name(words: Sequence[str]) -> bool:
    """Whether capitalised words start like a person's name: a listed given name, or a
    family name written first before two short syllables ("Chan Siu Ming")."""
    if not words:
        return False
    if is_given_name(words[0]):
        return True
    return (
        len(words) == 3
        and words[0] in person_cues().family_first
        and all(2 <= len(w) <= 5 and w[:1].isupper() and w[1:].islower() for w in words[1:])
    )


def missed_people(
    doc: Any, titles: frozenset[str], not_names: frozenset[str], gazetteer: Gazetteer
) -> Iterator[Candidate]:
    """People the model left untyped after a title word (``titles``) or opening with a
    given name; ``not_names``: words that head institutions, places or roads."""
    text = doc_text(doc)
    i = 0
    while i < len(doc):
        token = doc[i]
        titled = token.lower_.rstrip(".") in titles
        start = i + 1 if titled else i
        end = start
        while end < len(doc) and end - start < 4 and _name_token(doc[end], not_names):
            end += 1
        if end > start and doc[end - 1].lower_ in PARTICLES:
            end -= 1
        size = end - start
        if (titled and 2 <= size <= 4) or (
            not titled and 2 <= size <= 4 and opens_a_name([t.text for t in doc[start:end]])
        ):
            s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
            if not (
                _place(text[s:e], gazetteer)
                or _place(doc[start].text, gazetteer)
                or _in_credit(text, s)
            ):
                yield Candidate(s, e, text[s:e], PERSON, "context", PERSON)
            i = end
            continue
        i += 1


def _credit_lead(words: Sequence[str], phrases: Sequence[str]) -> re.Pattern[str]:
    """A credit word right before a name with ":", "/" or "by" between ("Image: ",
    "Photo by "), or a credit phrase right before it ("Courtesy of ", "© ")."""
    word = "|".join(re.escape(str(w).lower()) for w in words)
    phrase = "|".join(re.escape(str(p).lower()) for p in phrases)
    return re.compile(rf"(?:^|[\s(\[|])(?:(?:{word})\s*(?::|/|by\b)|(?:{phrase}))\s*$")


def credited_name(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows a credit word on its line ("Image: X")."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40) : start].lower()
    return bool(person_cues().credit_lead.search(before))


def _in_credit(text: str, start: int) -> bool:
    """Whether a name stands in a photo or licence credit ("Photo: Jan Novak")."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 60) : start].lower()
    return any(marker in before for marker in person_cues().credits)


def _name_token(token: Any, not_names: frozenset[str]) -> bool:
    """A capitalised proper noun no model entity holds, or a family-name particle."""
    if token.ent_type_ or token.is_space:
        return False
    if token.lower_ in PARTICLES:
        return True
    word = token.text
    return (
        token.pos_ == "PROPN"
        and word[:1].isupper()
        and not word.isupper()
        and all(c.isalpha() or c in "-’'" for c in word)
        and word not in not_names
    )


def mistyped_people(
    text: str, cands: Sequence[Candidate], not_names: frozenset[str], gazetteer: Gazetteer
) -> list[Candidate]:
    """Names typed as organisations or places that open with a given name are people; so
    is a lone word that is the given name of a person the document names in full ("Luisa"
    after "Luisa Ortega Prieto")."""
    firsts = {
        c.text.split()[0]
        for c in cands
        if c.type == PERSON and len(c.text.split()) >= 2 and is_given_name(c.text.split()[0])
    }
    out: list[Candidate] = []
    for cand in cands:
        if cand.type in MISTYPED and _named_person(cand, firsts, not_names, gazetteer):
            cand = replace(cand, type=PERSON, source="ner+given-name", place=None, country=None)
        elif cand.type in PLACE_TYPES and _owned_name(text, cand, out, not_names, gazetteer):
            cand = replace(cand, type=PERSON, source="ner+context", place=None, country=None)
        out.append(cand)
    return out


def _owned_name(
    text: str,
    cand: Candidate,
    before: Sequence[Candidate],
    not_names: frozenset[str],
    gazetteer: Gazetteer,
) -> bool:
    """ "the Farmers League's Brannigan": an unknown place right after an organisation's
    possessive is one of its people."""
    owner = before[-1] if before else None
    if owner is None or owner.type != "ORG" or " " in cand.text or cand.text in not_names:
        return False
    between = text[owner.end : cand.start]
    return (
        between.strip() in ("'s", "’s", "")
        and text[cand.start - 3 : cand.start].strip()
        in (
            "'s",
            "’s",
        )
        and not gazetteer.lookup(cand.text)
    )


def _named_person(
    cand: Candidate, firsts: set[str], not_names: frozenset[str], gazetteer: Gazetteer
) -> bool:
    words = cand.text.split()
    if cand.text in firsts:
        return not _place(cand.text, gazetteer)
    return (
        2 <= len(words) <= 4
        and opens_a_name(words)
        and all(_plain_word(w) for w in words)
        and not any(w in not_names for w in words)
        and not _place(cand.text, gazetteer)
        and not _place(words[0], gazetteer)
    )


def _place(name: str, gazetteer: Gazetteer) -> bool:
    """Whether ``name`` is itself the name of a known place ("Victoria", "Georgia"); the
    gazetteer's other matches (alternate spellings, prefixes) do not count."""
    key = normalize(name)
    return any(normalize(p.name) == key for p in gazetteer.lookup(name))


def _plain_word(word: str) -> bool:
    return (word[:1].isupper() and not word.isupper() and word.replace("-", "").isalpha()) or (
        word in PARTICLES
    )


def without_describing_word(cand: Candidate, text: str) -> Candidate:
    """ "Embattled Varga" → "Varga": a describing word opening a person's name is no
    given name."""
    words = cand.text.split()
    if cand.type != PERSON or len(words) != 2 or words[0].lower() not in person_cues().describing:
        return cand
    start = cand.start + text[cand.start : cand.end].index(words[1])
    return replace(cand, start=start, text=text[start : cand.end])


def with_second_surname(doc: Any, cand: Candidate, not_names: frozenset[str]) -> Candidate:
    """A person's name the model cut before its last word ("[Luisa Fernanda Ortega]
    Prieto"): a capitalised proper noun right after it, untyped and in the same noun
    phrase, is the second family name."""
    if cand.type != PERSON:
        return cand
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return cand
    nxt = doc[span.end]
    before = doc[span.start - 1] if span.start > 0 else None
    if (
        (span.end - span.start >= 2 or (before is not None and before.ent_type_ == PERSON))
        and nxt.idx == cand.end + 1
        and _name_token(nxt, not_names)
        and nxt.lower_ not in PARTICLES
        and (span[-1].head.i == nxt.i or nxt.head.i == span[-1].i)
    ):
        end = nxt.idx + len(nxt.text)
        return replace(cand, end=end, text=doc_text(doc)[cand.start : end])
    words = cand.text.split()
    if (
        len(words) == 2
        and nxt.idx == cand.end + 1
        and not nxt.ent_type_
        and opens_a_name([*words, nxt.text])
        and not is_given_name(words[0])
    ):  # "[Leung Kwok] Wai": a family name written first, then two syllables
        end = nxt.idx + len(nxt.text)
        return replace(cand, end=end, text=doc_text(doc)[cand.start : end])
    return cand


_POSSESSIVE = re.compile(
    r"^(?P<owner>.+?)['’]s\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})$"
)


def split_possessive(cand: Candidate, not_names: frozenset[str]) -> list[Candidate]:
    """ "[the Liberal Union's Holt]" read as one organisation: the owner before "'s" and
    the person after it ("the LU's Holt" is Holt, of the LU)."""
    if cand.type not in ("ORG", "GPE", "NORP"):
        return [cand]
    match = _POSSESSIVE.match(cand.text)
    if match is None or any(w in not_names for w in match.group("name").split()):
        return [cand]
    owner_end = cand.start + match.end("owner")
    name_start = cand.start + match.start("name")
    return [
        replace(cand, end=owner_end, text=match.group("owner")),
        Candidate(name_start, cand.end, match.group("name"), PERSON, "ner+context", cand.label),
    ]


def as_event(cand: Candidate) -> Candidate:
    """ "Democratic National convention": a name ending in a lower-case noun of an
    occasion is an event, not an actor."""
    words = cand.text.split()
    last = words[-1] if words else ""
    if cand.type not in ("ORG", "PERSON") or len(words) < 2 or not last.islower():
        return cand
    if last not in person_cues().event_nouns:
        return cand
    return replace(cand, type="EVENT", source="ner+context", place=None, country=None)
