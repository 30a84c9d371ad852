"""Which named places of a sentence say where its count happened, beyond the gazetteer's
reading: administrative areas the gazetteer does not know, named as such by the text ("in
Kalora district"), located for claims as a local place of their own (``area:`` key, no
point), so that a count of the area is not set against the country's toll (words in
``resolve/data/area_words.yaml``); places named in a relative clause opened after the
count ("…, which was felt as far as X") left out."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsweave.resolve.claim_places import PlaceMention

AREA_KIND = "subdivision"
"""The kind given to an area named by the text (an area holding towns)."""


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    path = resources.files("newsweave.resolve").joinpath("data/area_words.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


@lru_cache(maxsize=1)
def _area_pattern() -> re.Pattern[str]:
    words = "|".join(sorted((re.escape(str(w)) for w in _words()["words"]), key=len)[::-1])
    name = r"[A-Z][\w'’-]+"
    return re.compile(rf"\b((?:{name}\s){{0,3}}{name})\s(?:{words})\b")


def area_names(text: str) -> frozenset[str]:
    """The names a text gives as administrative areas: the capitalised words right before
    an area word ("Upper Soron district" → Upper Soron), without a leading word that opens
    a clause ("In Kalora district" → Kalora)."""
    stop = {str(w).lower() for w in _words()["not_names"]}
    found = set()
    for match in _area_pattern().finditer(text):
        words = match.group(1).split()
        owners = [i for i, w in enumerate(words) if w.endswith(("'s", "’s"))]
        if owners:
            words = words[owners[-1] + 1 :]  # "Indonesia's Aceh province" → Aceh
        while words and words[0].lower() in stop:
            words = words[1:]
        if words:
            found.add(" ".join(words))
    return frozenset(found)


_LONGER_NAME = re.compile(r"\b(?!(?:In|At|On|From|The)\s$)[A-Z][\w'’-]*\s$")


def sentence_areas(
    names: frozenset[str], sentence: str, sentence_start: int, located: list[PlaceMention]
) -> list[PlaceMention]:
    """Where the sentence names one of the document's areas (``names``), unless the
    gazetteer located those words (its reading, with a point, is better); a located
    place inside a longer area name ("Aceh" of "Central Aceh district") gives way to it."""
    found: list[PlaceMention] = []
    inside: set[int] = set()
    for name in sorted(names, key=len, reverse=True):  # "Central Aceh" before "Aceh"
        for match in re.finditer(rf"\b{re.escape(name)}\b", sentence):
            start, end = sentence_start + match.start(), sentence_start + match.end()
            if any(m.start <= start and end <= m.end for m in found):
                continue
            if _LONGER_NAME.search(sentence, 0, match.start()):
                continue  # "Aceh" of "Central Aceh": part of another name
            overlapping = [m for m in located if m.start < end and start < m.end]
            if any(m.start <= start and end <= m.end for m in overlapping):
                continue
            inside.update(id(m) for m in overlapping)
            key = f"area:{name.lower()}"
            found.append(PlaceMention(start, end, name, name, AREA_KIND, None, key, None))
    kept = [m for m in located if id(m) not in inside]
    return sorted([*kept, *found], key=lambda m: m.start)


_RELATIVE = re.compile(r",\s*(?:which|where|who|whose)\b", re.IGNORECASE)
"""A relative clause opened after the count: what it names describes something else (the
quake "which was felt across the Gulf in X"), not where the people were counted."""


def in_figure_clause(
    mentions: list[PlaceMention], sentence: str, sentence_start: int, figure_end: int
) -> list[PlaceMention]:
    """The place mentions of a figure's sentence except those that a relative clause,
    opened between the figure and them, holds."""
    kept = []
    for mention in mentions:
        between = sentence[max(0, figure_end - sentence_start) : mention.start - sentence_start]
        if mention.start >= figure_end and _RELATIVE.search(between):
            continue
        kept.append(mention)
    return kept
