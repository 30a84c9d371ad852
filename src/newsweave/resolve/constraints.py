"""Cannot-link rules: which names can never be one real-world actor, checked for WHOLE
entities (every pair of names across two clusters), not only for the scored pairs.

Each rule is a named, versioned feature (:data:`RULES`); :func:`forms_conflict` returns the
name of the rule that keeps two names apart, or None when they may be one actor:

- ``given_names@1``: two full person names whose given names differ beyond an initial, a
  spelling/transliteration variant or a nickname of ``data/nicknames.yaml`` ("Bill Clinton" /
  "Bill Gates" share a given name but not a surname; "Joe Biden" / "Joe Lieberman").
- ``surnames@1``: two full person names whose surnames differ beyond spelling,
  transliteration and diacritics.
- ``suffix@1`` / ``middle_names@1``: "Donald Trump Jr." is not "Donald Trump"; "George
  H.W. Bush" is not "George W. Bush" (middle initials differ, written as initials).
- ``initial_middle@1``: a person who writes the first name as an initial before a full
  middle name goes by the middle name ("J. Rowan Pike" is called Rowan): another full name
  whose given name only shares that initial, and holds no middle name agreeing with it, is
  someone else ("Jolene Pike").
- ``bare_name@1``: a one-word person name that is no part of the other's full name ("Bush"
  and "Barack Obama").
- ``org_names@1``: two non-person names that share no spelling, are not one inside the
  other and are not tied by a document ("Supreme Court" / "Security Council", "Islamic
  State" / "Department of State").
- ``numbers@1``: two non-person names holding different numbers ("117th Street" /
  "170th Street").
- ``acronym@1``: an acronym and an expansion whose initials it is, never stated together by
  a document ("SC" / "Santa Catarina").
- ``places@1`` (actor level): two located places with different gazetteer readings (two
  countries; a capital and its country; "Hong Kong" / "Washington").
- ``types@1`` (actor level): a person with a place or organisation, or types that are
  never one entity (an organisation and a place).

A one-word name that some actor of the union holds together with the other name (its
document stated both: "Economic Community of West African States (ECOWAS)", "Didier" for
"Didier Yamboré") is tied to it and never conflicts with it. Two multi-word names one
document gives one actor are not excused: that is a chain error of the document, and such
an actor stays apart from the entities either name belongs to.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from rapidfuzz import fuzz

from newsweave.resolve.namekeys import (
    FUZZY_NAME,
    _given_compatible,
    _surname_relation,
    given_of,
    initials,
    skeleton,
    type_penalty,
)

RULES = (
    "given_names@1",
    "surnames@1",
    "suffix@1",
    "middle_names@1",
    "initial_middle@1",
    "bare_name@1",
    "org_names@1",
    "numbers@1",
    "acronym@1",
    "places@1",
    "types@1",
)


@lru_cache(maxsize=1)
def nickname_groups() -> dict[str, frozenset[int]]:
    """Given name → the indexes of the nickname groups it is in."""
    text = resources.files("newsweave.resolve").joinpath("data/nicknames.yaml").read_text()
    found: dict[str, set[int]] = {}
    for i, group in enumerate(yaml.safe_load(text)["groups"]):
        for name in group:
            found.setdefault(str(name), set()).add(i)
    return {name: frozenset(groups) for name, groups in found.items()}


def given_names_agree(a: str, b: str) -> bool:
    """Same given name, an initial of it, a spelling variant or a nickname."""
    if _given_compatible(a, b):
        return True
    groups = nickname_groups()
    return bool(groups.get(a, frozenset()) & groups.get(b, frozenset()))


def _part_matches(word: str, part: str) -> bool:
    if word == part:
        return True
    return len(word) >= 4 and skeleton(word) == skeleton(part) and fuzz.ratio(word, part) >= 70


def _middle(parts: list[str]) -> tuple[str, bool]:
    """The initials of the middle names and whether they must match exactly (written as
    initials: "H.W." is not "W.")."""
    letters, exact = "", False
    for token in parts[1:-1]:
        bare = token.replace(".", "")
        if not bare:
            continue
        initials_written = len(bare) <= 3 and ("." in token or not set(bare) & set("aeiou"))
        letters += bare if initials_written else bare[0]
        exact = exact or (initials_written and len(bare) > 1)
    return letters, exact


def _subsequence(short: str, long_: str) -> bool:
    found = iter(long_)
    return all(c in found for c in short)


def middles_agree(pa: list[str], pb: list[str]) -> bool:
    """Middle names agree: one has none, or their initials are equal, or (written as
    names or single initials) one's initials lie within the other's ("Hillary Rodham
    Clinton" / "Hillary Diane Rodham Clinton"; never "George W." / "George H.W.")."""
    (ma, ea), (mb, eb) = _middle(pa), _middle(pb)
    if not ma or not mb or ma == mb:
        return True
    return not (ea or eb) and (_subsequence(ma, mb) or _subsequence(mb, ma))


@lru_cache(maxsize=200_000)
def person_forms_conflict(a: str, b: str) -> str | None:
    """Why two person name keys (``person_parts`` joined by spaces, a generational suffix
    as ``+jr``) cannot be one person."""
    if a == b or a.replace(" ", "").replace("-", "") == b.replace(" ", "").replace("-", ""):
        return None
    pa = [w for w in a.split() if not w.startswith("+")]
    pb = [w for w in b.split() if not w.startswith("+")]
    sa = {w for w in a.split() if w.startswith("+")}
    sb = {w for w in b.split() if w.startswith("+")}
    if len(pa) > 1 and len(pb) > 1 and sa != sb:
        return "suffix@1"
    if (len(pa) == 1 and sa) or (len(pb) == 1 and sb):
        return "regnal@1"  # "Edward +iii" is a monarch, no other Edward (keys differ here)
    if len(pa) == 1 and len(pb) == 1:
        return None
    if len(pa) == 1 or len(pb) == 1:
        bare, full = (pa[0], pb) if len(pa) == 1 else (pb[0], pa)
        if any(_part_matches(bare, part) for part in full):
            return None
        if len(bare) == 1 or (bare.endswith(".") and len(bare) == 2):
            return None
        return "bare_name@1"
    if _surname_relation(pa[-1], pb[-1]) is None:
        return "surnames@1"
    if not given_names_agree(pa[0], pb[0]):
        if not given_of(pa, pb):
            return "given_names@1"
        return None  # "W. Mark Felt" goes by his middle name
    if not middles_agree(pa, pb):
        return "middle_names@1"
    if goes_by_another_name(pa, pb) or goes_by_another_name(pb, pa):
        return "initial_middle@1"
    return None


def _initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def goes_by_another_name(x: list[str], y: list[str]) -> bool:
    """``x`` writes an initial and then a full middle name ("J. Rowan Pike": he goes by
    Rowan), ``y`` spells out a given name that only shares the initial ("Jolene Pike") and
    no name of ``y`` agrees with that middle name."""
    if len(x) < 3 or not _initial(x[0]) or _initial(x[1]) or _initial(y[0]):
        return False
    if given_names_agree(x[1], y[0]):
        return False
    return not any(given_names_agree(x[1], word) for word in y[1:-1] if not _initial(word))


_SCORE = re.compile(r"\d+\s*-\s*\d+")
_NUMBER = re.compile(r"(?<![\w])(\d+)(st|nd|rd|th)?(?![\w])")


def _numbers(name: str) -> tuple[list[str], list[str]]:
    """(ordinals, other numbers that are no year) of a name."""
    ordinals, plain = [], []
    name = _SCORE.sub(" ", name)  # a score line the names stage kept ("Evansville 91-73")
    for digits, suffix in _NUMBER.findall(name):
        if suffix:
            ordinals.append(digits)
        elif not (len(digits) == 4 and digits[:2] in ("19", "20")):
            plain.append(digits)
    return sorted(ordinals), sorted(plain)


def numbers_differ(a: str, b: str) -> bool:
    """Both names hold numbers of one form (ordinals, or plain numbers that are no year)
    and not the same ones ("117th Street" / "170th Street", "Route 9" / "Route 19"): a
    spelling skeleton ignores digits, a street does not. An ordinal and a year may name one
    thing ("81st Academy Awards" / "2009 Academy Awards")."""
    (oa, pa), (ob, pb) = _numbers(a), _numbers(b)
    return bool(oa and ob and oa != ob) or bool(pa and pb and pa != pb)


@lru_cache(maxsize=200_000)
def other_forms_conflict(a: str, b: str) -> str | None:
    """Why two non-person name keys (:func:`name_key`) cannot be one actor."""
    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return None
    if numbers_differ(a, b):
        return "numbers@1"
    wa, wb = a.split(), b.split()
    if len(wa) == 1 or len(wb) == 1:
        short, long_ = (a, wb) if len(wa) == 1 else (b, wa)
        if len(wa) == len(wb) == 1:
            close = skeleton(a) == skeleton(b) and fuzz.ratio(a, b) >= 70
            return None if close or fuzz.ratio(a, b) >= FUZZY_NAME else "org_names@1"
        if short in initials(" ".join(long_)):
            return "acronym@1"
        return None if short in long_ else "org_names@1"
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return None
    if set(wa) ^ set(wb) <= _OPPOSITES:
        return "org_names@1"  # "University of North Carolina" / "… of South Carolina"
    if skeleton(a) == skeleton(b) and fuzz.ratio(a, b) >= 70:
        return None
    if fuzz.ratio(a, b) >= 90 and wa[0] == wb[0]:
        return None
    return "org_names@1"


_OPPOSITES = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "upper",
        "lower",
        "new",
        "old",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
    ]
)
"""Words that tell two otherwise equal names apart (North / South Carolina)."""


def types_conflict(left: frozenset[str], right: frozenset[str]) -> str | None:
    """Why two sets of entity types cannot be one entity (``types@1``)."""
    for a in left:
        for b in right:
            if a == b:
                continue
            if "PERSON" in (a, b) or type_penalty(a, b) is None:
                return "types@1"
    return None
