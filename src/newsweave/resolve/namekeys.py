"""Name keys shared by the entity scorer, the cannot-link rules and the clustering: the
normalised forms of a name (:func:`name_key`, :func:`person_parts`), its transliteration
skeleton and acronyms, and the actor record the resolver works on."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from rapidfuzz import fuzz

from newsweave.analyze.gazetteer import Gazetteer, normalize, spelling_key

FUZZY_NAME = 85.0
"""rapidfuzz ratio from which a surname (or organisation name) is a misspelling."""

_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_LEGAL = frozenset({"ltd", "inc", "plc", "llc", "corp", "co", "sa", "ag", "gmbh", "limited"})


def _wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


_HONORIFICS = _wordset(
    "mr mrs ms miss dr sir dame lady lord prof president minister gen col capt rev"
    " sen senator rep representative gov governor secretary mayor judge justice pope"
    " chancellor premier sheikh ayatollah vice first former ex lt sgt cmdr adm a an the"
)
"""Words before a name that are no part of it ("Sen. Warren", "Vice President Biden"):
without them a title would read as a given name and the constraints would keep the
senator apart from the person."""
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_STOP = _wordset(
    "the of a an and for in on at to de du la le des da di van von al el with who his her "
    "its their our former ex is was until from by"
)
_TITLE_WORDS = _wordset(
    "president minister governor senator mayor general secretary spokesman spokeswoman "
    "chairman leader director commander chief king queen prince judge ambassador"
)


@dataclass(frozen=True)
class ActorInfo:
    """What the scorer knows about one in-document actor."""

    id: str
    document: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    co_actors: frozenset[str] = frozenset()
    """Name keys of the other actors of its document."""
    country: str | None = None
    place: str | None = None
    """The gazetteer id its document's context located it at (``iso:US``), if a place."""

    @property
    def forms(self) -> tuple[str, ...]:
        """Name and aliases."""
        return (self.name, *self.aliases)


@lru_cache(maxsize=262_144)
def name_key(name: str) -> str:
    """Spelling key without legal suffixes, a leading possessive ("Mabenia's …") or
    punctuation: "Corniche Holdings Ltd" = "Corniche Holdings"."""
    key = spelling_key(re.sub(r"\s*-\s*", "-", name.replace("’", "'")))
    key = re.sub(r"^\w+'s\s+", "", key)
    words = [_undot(w) for w in re.split(r"[\s,]+", key)]
    words = [w for w in words if w]
    while len(words) > 1 and words[-1] in _LEGAL:
        words.pop()
    return " ".join(words)


def _undot(word: str) -> str:
    """ "u.s." → "us", "ltd." → "ltd"."""
    if re.fullmatch(r"(?:\w\.)+\w\.?", word):
        return word.replace(".", "")
    return word.strip(".")


@lru_cache(maxsize=262_144)
def fold(text: str) -> str:
    """Lowercase ASCII letters of ``text`` (accents removed)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=262_144)
def skeleton(text: str) -> str:
    """Consonant skeleton for transliteration and vowel-swap variants: Qaddafi, Gaddafi,
    Kadhafi → ``kdf``; Agbenyega, Agbeyenga → ``kbnk``."""
    out: list[str] = []
    for word in re.findall(r"[a-z]+", fold(text)):
        word = word.replace("ph", "f").replace("x", "ks")
        letters: list[str] = []
        for c in word:
            c = {"q": "k", "c": "k", "g": "k", "v": "f", "w": "f", "z": "s"}.get(c, c)
            if c in "aeiouyhj" or (letters and letters[-1] == c):
                continue
            letters.append(c)
        out.append("".join(letters))
    return " ".join(w for w in out if w)


@lru_cache(maxsize=262_144)
def initials(name: str) -> tuple[str, ...]:
    """Acronyms a multi-word name may be written as: initials of every word, of the
    capitalised words ("Economic Community of West African States" → ecowas, ecwas) and of
    the content words ("Alliance démocratique du Mabénia" → adm)."""
    words = re.findall(r"[\w'’-]+", name)
    if len(words) < 2:
        return ()
    every = "".join(w[0] for w in words).lower()
    capital = "".join(w[0] for w in words if w[:1].isupper()).lower()
    content = "".join(w[0] for w in words if fold(w) not in _STOP).lower()
    return tuple(dict.fromkeys(a for a in (every, capital, content) if len(a) >= 2))


_QUOTED = re.compile(r"""\s["'‘“][^"'’”\s]+["'’”](?=\s)""")
"""A nickname in quotes between a given name and a surname (Vincent "Chin" Gigante)."""


@lru_cache(maxsize=1)
def caption_words() -> frozenset[str]:
    """Words a caption or credit puts after a name (``data/caption_words.yaml``)."""
    text = resources.files("newsweave.resolve").joinpath("data/caption_words.yaml").read_text()
    return frozenset(str(w) for w in yaml.safe_load(text)["trailing"])


@lru_cache(maxsize=1)
def name_endings() -> tuple[frozenset[str], frozenset[str]]:
    """The one-letter surnames and the regnal numerals (``data/name_endings.yaml``)."""
    text = resources.files("newsweave.resolve").joinpath("data/name_endings.yaml").read_text()
    data = yaml.safe_load(text)
    return frozenset(data["letter_surnames"]), frozenset(data["regnal_numerals"])


@lru_cache(maxsize=262_144)
def person_parts(name: str) -> tuple[str, ...]:
    """The words of a person's name without honorifics, suffixes, a trailing caption
    word ("Ada Obi Image") and a trailing one-character word (an initial, "Lena K.", or a
    list number, "Lena Marsh 2": no surname), normalised."""
    words = [w.strip(".,") for w in normalize(_QUOTED.sub(" ", name)).split()]
    while len(words) > 1 and words[0] in _HONORIFICS:
        words.pop(0)
    while len(words) > 2 and words[-1] in caption_words():
        words.pop()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    while len(words) > 1 and len(words[-1]) == 1 and words[-1] not in name_endings()[0]:
        words.pop()
    return tuple(w for w in words if w)


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|s)")
"""A number with an ordinal or plural ending ("21st", "1990s"): no coined name."""


@lru_cache(maxsize=262_144)
def code_name(form: str) -> str | None:
    """The key of a one-word coined name of letters and digits ("COVID-19", "H5N1",
    "MH17"), else None. Such a name is written the same way by every document that means
    it and is nobody's given name or surname, so its holders are one entity whatever type
    the small model gave each mention (PERSON in one sentence, ORG in the next)."""
    key = name_key(form)
    if " " in key or len(key) < 3 or _ORDINAL.fullmatch(key):
        return None
    letters = sum(c.isalpha() for c in key)
    digits = sum(c.isdigit() for c in key)
    return key if letters >= 2 and digits >= 1 else None


def code_names(forms: Iterable[str]) -> frozenset[str]:
    """The coined names of ``forms`` when every form is one (else empty)."""
    found = [code_name(f) for f in forms]
    return frozenset(k for k in found if k) if found and all(found) else frozenset()


def title_words(titles: Iterable[str]) -> frozenset[str]:
    """Content words of titles: lowercase words and known title words ("President")."""
    found: set[str] = set()
    for title in titles:
        for word in re.findall(r"[^\W\d_]+", title):
            low = fold(word)
            if (word.islower() or low in _TITLE_WORDS) and low not in _STOP and len(low) > 2:
                found.add(low)
    return frozenset(found)


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer.build()


@lru_cache(maxsize=65_536)
def country_place(name: str) -> str | None:
    """The gazetteer id of ``name`` when its first reading is a country ("US" → iso:US).
    A code of two or three letters counts only written in capitals: "Us" is a pronoun or a
    magazine's name, no country."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) <= 3 and not all(c.isupper() for c in letters):
        return None
    found = _gazetteer().lookup(name)
    return found[0].id if found and found[0].kind == "country" else None


def type_penalty(left: str, right: str) -> float | None:
    """How much a type difference costs; None when the types can never be one entity."""
    if left == right:
        return 0.0
    if {left, right} <= {"GPE", "LOC"}:
        return 0.05
    if "FAC" in (left, right) and {left, right} <= {"FAC", "GPE", "LOC", "ORG"}:
        return 0.1
    return None


def _given_compatible(left: str, right: str) -> bool:
    """Same first name, an initial of it, or a spelling variant of it."""
    if left == right:
        return True
    if len(left) == 1 or len(right) == 1:
        return left[0] == right[0]
    same = skeleton(left) == skeleton(right)
    if same and len(skeleton(left)) < 3:  # "john" and "ann" are both "n"
        same = fuzz.ratio(left, right) >= 70
    return same or fuzz.ratio(left, right) >= FUZZY_NAME


def given_of(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether the given names of two full names (``person_parts``) agree, also when one
    writes its first name as an initial and goes by its middle name ("W. Mark Felt" /
    "Mark Felt")."""
    if _given_compatible(a[0], b[0]):
        return True
    for x, y in ((a, b), (b, a)):
        if len(x) >= 3 and len(x[0]) == 1 and _given_compatible(x[1], y[0]) and len(y[0]) > 1:
            return True
    return False


def _surname_relation(left: str, right: str) -> str | None:
    if left == right:
        return "same"
    if len(left) >= 4 and skeleton(left) == skeleton(right) and fuzz.ratio(left, right) >= 70:
        return "misspelling" if sorted(left) == sorted(right) else "transliteration"
    if len(left) >= 5 and left[0] == right[0] and fuzz.ratio(left, right) >= FUZZY_NAME:
        return "misspelling"
    return None


ORG_WORDS = frozenset(
    {
        "ministry",
        "ministries",
        "party",
        "union",
        "unions",
        "bank",
        "group",
        "holdings",
        "ltd",
        "limited",
        "inc",
        "company",
        "corporation",
        "organisation",
        "organization",
        "council",
        "agency",
        "university",
        "college",
        "school",
        "institute",
        "association",
        "front",
        "movement",
        "alliance",
        "league",
        "police",
        "army",
        "forces",
        "force",
        "court",
        "assembly",
        "parliament",
        "government",
        "commission",
        "committee",
        "office",
        "department",
        "federation",
        "fund",
        "foundation",
        "club",
        "port",
        "authority",
        "radio",
        "television",
        "tv",
        "news",
        "post",
        "herald",
        "sentinel",
        "times",
        "monitor",
        "press",
        "republic",
        "city",
        "church",
        "mission",
    }
)
