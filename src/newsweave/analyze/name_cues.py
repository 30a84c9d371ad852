"""Type cues the model ignores, applied to the names stage's typed candidates.

Three families of construction, each driven by the word lists of ``data/name_cues.yaml``:

- **company aliases**: "Newmont Mining Corp" … "Newmont said": the bare first words of a
  company's full name in the same document are the company, whatever the model made of them;
- **acting bodies**: a one-word name the text treats as a body ("X said in a statement",
  "X's chief executive", "shares of X") or coined like a company ("Vostokgaz") is an
  organisation unless the document also uses it as a person's name;
- **results lines**: in a line of a sports table or score ("Udinese 2 Parma 1",
  "PHILADELPHIA 14 12 2 75") a name before the numbers is a team unless it is a country,
  and a club in brackets after a player ("Name ( Club , Country )") is an organisation.

Time-zone abbreviations ("GMT", "UTC") are dropped: they never name an actor.
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


@dataclass(frozen=True)
class Cues:
    """The word lists of ``data/name_cues.yaml``."""

    company_tails: frozenset[str]
    not_aliases: frozenset[str]
    company_endings: tuple[str, ...]
    body_after: tuple[str, ...]
    body_before: tuple[str, ...]
    club_words: frozenset[str]
    club_names: frozenset[str]
    time_zones: frozenset[str]
    known_names: dict[str, str]
    """Whole one-word names → the type they always have (platforms ORG, assistants
    PRODUCT)."""


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue lists, read once."""
    text = resources.files("newsweave.analyze").joinpath("data/name_cues.yaml").read_text("utf-8")
    data = yaml.safe_load(text)

    def listed(key: str) -> list[str]:
        return [" ".join(str(w).split()) for w in data[key]]

    return Cues(
        frozenset(listed("company_tails")),
        frozenset(listed("not_aliases")),
        tuple(w.lower() for w in listed("company_endings")),
        tuple(w.lower() for w in listed("body_after")),
        tuple(w.lower() for w in listed("body_before")),
        frozenset(listed("club_words")),
        frozenset(listed("club_names")),
        frozenset(listed("time_zones")),
        {str(name): str(kind) for kind, names in data["known_names"].items() for name in names},
    )


ORGANISATION = "ORG"
_NUMBER = re.compile(r"^[-+]?\d[\d.,:/-]*$|^\.\d+$")
_RUN = re.compile(r"[A-ZÀ-Ý][\w.'’&-]*(?:[ \t]+(?:[A-ZÀ-Ý][\w.'’&-]*|de|del|la|di))*")
_SCORE_LINE = re.compile(
    r"[A-ZÀ-Ý][\w.'’& -]*?[ \t]+\d{1,3}[ \t,;-]+[A-ZÀ-Ý][\w.'’& -]*?[ \t]+\d{1,3}[ \t.]*"
)
_BRACKETED = re.compile(r"\s*\(\s*([^()\n]{1,60}?)\s*\)")


def retyped(doc: Any, cands: Sequence[Candidate], gazetteer: Gazetteer) -> list[Candidate]:
    """The candidates with the cues applied, time zones dropped and missed teams and
    company aliases added, in text order (``doc``: the document's spaCy parse)."""
    text = doc_text(doc)
    found = [_listed(c) for c in cands if c.text not in cues().time_zones]
    found = _company_aliases(text, found, gazetteer)
    found = [_acting_body(text, c, found) for c in found]
    found = [_club(c, gazetteer) for c in _datelines(text, found, gazetteer)]
    return _results_lines(doc, found, gazetteer)


# ---------------------------------------------------------------- datelines and clubs

_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'’-]*(?:[ \t]+[A-Z][A-Z.'’-]*){0,3})"
    r"(?:[ \t]*,[ \t]*(?P<region>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}))?"
    r"(?:[ \t]*,)?[ \t]+"
    r"(?:\d{4}-\d\d-\d\d|\([A-Z][\w ]{1,30}\)|[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}\b"
    r"|(?P<dash>[–—-])[ \t])",
    re.MULTILINE,
)


def _datelines(text: str, cands: Sequence[Candidate], gazetteer: Gazetteer) -> list[Candidate]:
    """ "MADRID 1996-12-06", "TIGNES , France (Reuters) -": the capitalised words that
    open a line before a date or an agency name its place; before a bare dash only a known
    place ("RIGA –", not "SOCCER - JAPAN WIN")."""
    out = list(cands)
    for match in _DATELINE.finditer(text):
        if match.group("dash") and not gazetteer.lookup(match.group("city")):
            continue
        for group in ("city", "region"):
            s, e = match.span(group)
            if s < 0:
                continue
            inside = [c for c in out if c.start < e and s < c.end]
            if any(c.start == s and c.end == e for c in inside):
                out = [
                    replace(c, type="GPE", source="ner+context")
                    if c.start == s and c.end == e and c.type not in ("GPE", "LOC")
                    else c
                    for c in out
                ]
                continue
            out = [c for c in out if c not in inside]
            out.append(Candidate(s, e, text[s:e], "GPE", "context", "GPE"))
    return sorted(out, key=lambda c: c.start)


def _club(cand: Candidate, gazetteer: Gazetteer) -> Candidate:
    """ "Hapoel Tel Aviv", "Manchester United": a name with a sports club's word is the
    club, whatever the model made of it (unless the whole name is a known place)."""
    words = cand.text.split()
    if len(words) < 2 or cand.type not in ("PERSON", "GPE", "LOC", "NORP"):
        return cand
    if not any(w in cues().club_names for w in words) or gazetteer.lookup(cand.text):
        return cand
    return replace(cand, type=ORGANISATION, source="ner+context", place=None, country=None)


# ---------------------------------------------------------------- public name list


@lru_cache(maxsize=1)
def listed_actors() -> dict[str, str]:
    """Normalised name → PERSON or ORG, from ``data/phoenix_actors.tsv`` (leaders and
    officials of every country and non-state groups of the Phoenix dictionaries, compiled
    by ``tools/compile_phoenix_actors.py``)."""
    path = resources.files("newsweave.analyze").joinpath("data/phoenix_actors.tsv")
    out: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, name, _ = line.split("\t")
            out[name] = kind
    return out


RETYPABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})


def _listed(cand: Candidate) -> Candidate:
    """A name of the public list takes its type ("Madeleine Albright" is no place), and a
    platform or an assistant its own ("Twitter" is no person, "Siri" no place)."""
    kind = cues().known_names.get(cand.text) or listed_actors().get(normalize(cand.text))
    if kind is None or kind == cand.type or cand.type not in RETYPABLE:
        return cand
    return replace(cand, type=kind, source="ner+dictionary", place=None, country=None)


# ---------------------------------------------------------------- company aliases


def _aliases(cands: Sequence[Candidate], gazetteer: Gazetteer) -> set[str]:
    """The leading words of every company's full name ("Barrick Gold Corp" → "Barrick",
    "Barrick Gold"), when they are no place and no ordinary adjective."""
    found: set[str] = set()
    for cand in cands:
        words = cand.text.split()
        if cand.type != ORGANISATION or len(words) < 2 or words[-1] not in cues().company_tails:
            continue
        if words[0] in cues().not_aliases or words[0] in cues().company_tails:
            continue
        for k in range(1, len(words)):
            alias = " ".join(words[:k])
            if alias == cand.text or words[k - 1] in cues().company_tails:
                break
            if len(alias) >= 3 and not gazetteer.lookup(alias) and not gazetteer.demonym(alias):
                found.add(alias)
    return found


def _company_aliases(
    text: str, cands: Sequence[Candidate], gazetteer: Gazetteer
) -> list[Candidate]:
    aliases = _aliases(cands, gazetteer)
    if not aliases:
        return list(cands)
    out = [
        replace(c, type=ORGANISATION, source="ner+context")
        if c.text in aliases and c.type != ORGANISATION and c.source != "author"
        else c
        for c in cands
    ]
    pattern = re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
        + r")(?![\w-])"
    )
    for match in pattern.finditer(text):
        s, e = match.span(1)
        if not any(c.start < e and s < c.end for c in out):
            out.append(Candidate(s, e, match.group(1), ORGANISATION, "alias", ORGANISATION))
    return sorted(out, key=lambda c: c.start)


# ---------------------------------------------------------------- acting bodies


def _acting_body(text: str, cand: Candidate, cands: Sequence[Candidate]) -> Candidate:
    """A one-word name typed PERSON (or not typed as a body) that acts as a body."""
    if " " in cand.text or cand.type not in ("PERSON", "PRODUCT", "WORK_OF_ART", "NORP"):
        return cand
    if cand.source not in ("ner", "ner+context") or cand.place or cand.country:
        return cand
    if _used_as_person(cand.text, cands):
        return cand
    after = " ".join(text[cand.end : cand.end + 40].split()).lower()
    before = " ".join(text[max(0, cand.start - 30) : cand.start].split()).lower()
    body = any(after.startswith(c) for c in cues().body_after) or any(
        before.endswith(c) for c in cues().body_before
    )
    coined = cand.text.lower().endswith(cues().company_endings) and len(cand.text) > 5
    if body or (coined and cand.type != "PERSON"):
        return replace(cand, type=ORGANISATION, source="ner+context")
    return cand


def _used_as_person(word: str, cands: Sequence[Candidate]) -> bool:
    """ "Maria Okonkwo" … "Okonkwo said in a statement": the word is a part of a person's
    full name in the document."""
    for cand in cands:
        words = cand.text.split()
        if cand.type == "PERSON" and len(words) >= 2 and word in words:
            return True
    return False


# ---------------------------------------------------------------- results lines


def _results_lines(doc: Any, cands: Sequence[Candidate], gazetteer: Gazetteer) -> list[Candidate]:
    teams: list[tuple[int, int, str]] = []
    for line_start, line in _lines(doc_text(doc)):
        if _is_results_line(line):
            found = _teams(line_start, line, gazetteer, cands)
            teams.extend(t for t in found if _proper(doc, t[0], t[1]))
        teams.extend(_clubs_after_players(line_start, line, gazetteer, cands))
    if not teams:
        return list(cands)
    names = {name for _, _, name in teams}
    text = doc_text(doc)
    out: list[Candidate] = []
    for cand in cands:
        team = next(((s, e, n) for s, e, n in teams if cand.start < e and s < cand.end), None)
        if team is not None:
            s, e, name = team
            cand = replace(cand, start=s, end=e, text=name)
        elif cand.text not in names or _locative(text, cand.start):
            out.append(cand)
            continue
        if cand.type != ORGANISATION:
            cand = replace(cand, type=ORGANISATION, source="ner+context", place=None, country=None)
        out.append(cand)
    for s, e, name in teams:
        if not any(c.start < e and s < c.end for c in out):
            out.append(Candidate(s, e, name, ORGANISATION, "context", ORGANISATION))
    unique = {(c.start, c.end): c for c in out}
    return sorted(unique.values(), key=lambda c: c.start)


LOCATIVES = frozenset({"in", "at", "from", "to", "near", "of"})


def _locative(text: str, start: int) -> bool:
    """ "in Barcelona": the place, not its team."""
    before = text[max(0, start - 6) : start].split()
    return bool(before) and before[-1].lower() in LOCATIVES


def _proper(doc: Any, start: int, end: int) -> bool:
    """Tagged as a proper noun and not part of a date, time or number the model found."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    if any(t.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY") for t in span):
        return False
    return any(t.pos_ == "PROPN" for t in span)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _is_results_line(line: str) -> bool:
    """At least two numbers and at most one lower-case word: a row of a table or a score."""
    tokens = line.split()
    numbers = sum(1 for t in tokens if _NUMBER.match(t))
    lower = sum(1 for t in tokens if t[:1].islower() and t.isalpha())
    return numbers >= 2 and lower <= 1 and any(t[:1].isupper() for t in tokens)


def _teams(
    line_start: int, line: str, gazetteer: Gazetteer, cands: Sequence[Candidate]
) -> Iterator[tuple[int, int, str]]:
    """Names right before a number (after an optional bracket) in a results line; in a
    score line ("Kelmora 3 Dravik Athletic 1": two names, two numbers) both are teams
    whatever the model made of them."""
    score = _SCORE_LINE.fullmatch(line.strip()) is not None
    for match in _RUN.finditer(line):
        if line.count("(", 0, match.start()) > line.count(")", 0, match.start()):
            continue
        name = match.group().rstrip(".")
        rest = line[match.start() + len(name) :]
        bracket = _BRACKETED.match(rest)
        tail = rest[bracket.end() :] if bracket else rest
        following = tail.split()[:1]
        if not following or not _NUMBER.match(following[0]):
            continue
        s, e = line_start + match.start(), line_start + match.start() + len(name)
        if _is_team(name, s, e, gazetteer, cands, score=score):
            yield s, e, name


def _is_team(
    name: str,
    s: int,
    e: int,
    gazetteer: Gazetteer,
    cands: Sequence[Candidate],
    *,
    score: bool = False,
) -> bool:
    """No country or nationality; a person's name only in a score line or when a word of
    it is a club word ("Atletico Madrid")."""
    if _country(name, gazetteer) or gazetteer.demonym(name):
        return False
    words = name.split()
    if all(len(w) <= 3 and w.isupper() for w in words):
        return False
    club = any(w in cues().club_words for w in words)
    person = any(c.type == "PERSON" and c.start < e and s < c.end for c in cands)
    if person:
        return score or (club and len(words) >= 2)
    clubby = club or any(_city(w, gazetteer) for w in words if len(w) > 3)
    return clubby or len(words) == 1 or any(c.start == s and c.end == e for c in cands)


def _city(word: str, gazetteer: Gazetteer) -> bool:
    """A large city's name ("Rostock" in "Hansa Rostock")."""
    places = gazetteer.lookup(word)
    return bool(places) and places[0].kind == "city" and places[0].population >= 150_000


def _country(name: str, gazetteer: Gazetteer) -> bool:
    places = gazetteer.lookup(name)
    return bool(places) and places[0].kind in ("country", "continent", "region")


def _clubs_after_players(
    line_start: int, line: str, gazetteer: Gazetteer, cands: Sequence[Candidate]
) -> Iterator[tuple[int, int, str]]:
    """ "Name ( Club )", "Name ( Club , Country )": a player's club in brackets."""
    people = [
        c for c in cands if c.type == "PERSON" and line_start <= c.start < line_start + len(line)
    ]
    for person in people:
        bracket = _BRACKETED.match(line, person.end - line_start)
        if not bracket:
            continue
        first = bracket.group(1).split(",")[0].strip()
        if not first or not _RUN.fullmatch(first) or len(first) < 2:
            continue
        if _country(first, gazetteer) or gazetteer.demonym(first) or "-" in first[:2]:
            continue
        s = line_start + bracket.start(1)
        yield s, s + len(first), first
