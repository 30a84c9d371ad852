"""What a fact answer is made of (the parsed question, the answer, its citations) and the
word matching every kind of fact answer shares."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class Citation:
    """A sentence of a document that states the answer's fact."""

    document: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FactAnswer:
    """A short sentence built from one stored fact, with the sentences stating it."""

    text: str
    kind: str
    """``claim``, ``event``, ``title``, ``relation``."""
    fact: str
    """The id of the claim, story event or entity."""
    citations: tuple[Citation, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "fact": self.fact,
            "citations": [
                {"document": c.document, "start": c.start, "end": c.end, "text": c.text}
                for c in self.citations
            ],
        }


@dataclass(frozen=True)
class Asked:
    """What :func:`fact_answer` needs of a parsed question."""

    kind: str | None
    words: tuple[str, ...]
    """The question's lower-case words."""
    stems: tuple[str, ...]
    entities: tuple[tuple[str, str, tuple[str, ...]], ...]
    """(entity id, name, every name and alias folded) of each entity the question names."""
    actors: tuple[str, ...] = ()
    """The in-document actor ids of those entities."""
    says: bool = False
    """The question asks what someone said."""


def fold_text(text: str) -> str:
    """Lower case without accents (as questions are folded)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _date(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return iso


def _stem_matches(stems: Sequence[str], words: Sequence[str]) -> int:
    """How many question stems the words carry (a short stem only with an inflection:
    "end" in "ended", not in "endorse")."""
    count = 0
    for stem in stems:
        if len(stem) < 3:
            continue
        count += any(
            (w.startswith(stem) and (len(stem) >= 5 or len(w) - len(stem) <= 2))
            or (len(w) >= 4 and stem.startswith(w))
            for w in words
        )
    return count


@lru_cache(maxsize=1)
def irregular_forms() -> Mapping[str, str]:
    """Irregular past forms → base form ("shot" → "shoot"; ``ask_data/irregular_verbs.yaml``):
    events are stored by their verb's lemma."""
    path = resources.files("newsweave").joinpath("ask_data/irregular_verbs.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    return MappingProxyType({str(k): str(v) for k, v in data["forms"].items()})
