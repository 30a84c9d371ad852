"""Turns of a transcript: paragraphs that open with the speaker's name in capitals and a
colon ("MORALES: We never said that.", perhaps inside a quote running over several
paragraphs), the rest of the paragraph being their words.

Pure text: offsets of (label, words) pairs; the quotes stage makes attributions of them.
The openers that are furniture ("UPDATE:", "Q:") and the number of turns a document needs
are data in ``data/attribution_cues.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

_TURN = re.compile(
    r"[ \t]*[\"“]?(?P<label>[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3})"
    r"[ \t]*:[ \t]+(?P<words>\S)"
)


_HEADLINE_LABEL = re.compile(
    r"[ \t]*(?P<label>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]+(?P<words>\S)"
)


@dataclass(frozen=True)
class Turn:
    """One speaker turn: where the label and the words are."""

    label: tuple[int, int]
    words: tuple[int, int]


@dataclass(frozen=True)
class TurnRules:
    min_turns: int
    not_speakers: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> TurnRules:
    """The transcript rules of ``data/attribution_cues.yaml``, read once."""
    path = resources.files("newsweave.analyze").joinpath("data/attribution_cues.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    words = frozenset(str(w).lower() for w in data["transcript_not_speakers"])
    return TurnRules(int(data["transcript_min_turns"]), words)


def turns(text: str, paragraphs: Iterable[tuple[int, int]]) -> list[Turn]:
    """The transcript turns among ``paragraphs`` (offsets into ``text``), none unless the
    document has at least the configured number of them."""
    found: list[Turn] = []
    rule = rules()
    for start, end in paragraphs:
        match = _TURN.match(text, start, end)
        if match is None:
            continue
        label = match.group("label")
        if label.lower().rstrip(".") in rule.not_speakers or len(label.replace(".", "")) < 2:
            continue
        words_end = end
        while words_end > match.start("words") and text[words_end - 1].isspace():
            words_end -= 1
        found.append(Turn(match.span("label"), (match.start("words"), words_end)))
    return found if len(found) >= rule.min_turns else []


def headline_label(text: str, start: int, end: int) -> Turn | None:
    """A headline that opens with who speaks and a colon ("Ortiz: Port Will Reopen in
    May"): the name (at most four capitalised words) and the words after it (at least
    three)."""
    match = _HEADLINE_LABEL.match(text, start, end)
    if match is None:
        return None
    label = match.group("label")
    if label.lower().rstrip(".") in rules().not_speakers:
        return None
    words_end = end
    while words_end > match.start("words") and text[words_end - 1] in " \t\n.":
        words_end -= 1
    if len(text[match.start("words") : words_end].split()) < 3:
        return None
    return Turn(match.span("label"), (match.start("words"), words_end))
