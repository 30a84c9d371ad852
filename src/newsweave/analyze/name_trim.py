"""Words the model glues to a name, and names that are never actors.

- a headline verb after a name and the rest of the headline ("NAME Blasts Harbor Deal" →
  "NAME"), from the list in
  ``data/name_trims.yaml``;
- a poll or score after a name ("NAME 43 percent to", "Civic Union - 14"): a number
  followed by a lower-case word or "%", or a number after a spaced dash, ends the name,
  and so do the function words left hanging before it;
- a sentence's full stop taken into a code or long word ("IL-25." → "IL-25"), never into
  an abbreviation ("Inc.", "Corp.", "U.S.");
- a portfolio after a title's "of" ("Secretary of State NAME") is part of the title;
- a name found only in a title-case headline is cut to the part the body names ("Putin's
  Potential Involvement In …" gives no "Potential Involvement"; "NAME Suffered A Blow" gives
  "NAME"), since the model's spans run on over capitalised headline words;
- a reader call-out or masthead label ("NEWSPAPER READERS:") and the genera of microbes
  ("Klebsiella", "-coccus") are no actors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise

import yaml

from newsweave.analyze.candidates import Candidate
from newsweave.analyze.name_lexicon import FUNCTION_WORDS
from newsweave.model import Role, Segment


@dataclass(frozen=True)
class Trims:
    """The lists of ``data/name_trims.yaml``."""

    headline_verbs: frozenset[str]
    callout_words: frozenset[str]
    genera: frozenset[str]
    genus_endings: tuple[str, ...]
    portfolios: frozenset[str]
    compound_suffixes: tuple[str, ...]


@lru_cache(maxsize=1)
def trims() -> Trims:
    """The lists, read once."""
    path = resources.files("newsweave.analyze").joinpath("data/name_trims.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    return Trims(
        frozenset(str(w) for w in data["headline_verbs"]),
        frozenset(str(w) for w in data["callout_words"]),
        frozenset(str(w) for w in data["genera"]),
        tuple(str(w).lower() for w in data["genus_endings"]),
        frozenset(str(w) for w in data["portfolios"]),
        tuple(str(w) for w in data["compound_suffixes"]),
    )


_POLL = re.compile(
    r"[ \t]+[-+]?\d[\d.,]*(?:[ \t]*%|[ \t]+(?:percent|per[ \t]cent|pct|points?|votes?|seats?|"
    r"to|of)\b).*$",
    re.DOTALL,
)
"""" 43 percent to", " 12% of": a figure with its unit or preposition after a name."""
_SCORE = re.compile(r"[ \t]+[-–—][ \t]+\d.*$", re.DOTALL)
""" " - 14": a score or count after a spaced dash."""
_STOP = re.compile(r"(?<=[\w-])\.$")


def trimmed(text: str, start: int, end: int) -> int:
    """The end of the name the model found at [start, end) of ``text`` without a glued
    headline verb, poll figure, score or full stop; ``start`` when nothing is left."""
    return trimmed_span(text, start, end)[1]


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without a headline verb and what follows it ("NAME Backs Deal"), a
    headline verb opening it ("Denounces NAME" → "NAME"), a poll figure, score or full
    stop; an empty span at ``start`` when nothing is left."""
    piece = text[start:end]
    piece = _SCORE.sub("", _POLL.sub("", piece))
    for suffix in trims().compound_suffixes:
        if piece.endswith(suffix) and len(piece) > len(suffix) + 1:
            piece = piece[: -len(suffix)]  # "NAME-led": the name before the hyphen
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", piece)]
    verbs = trims().headline_verbs
    while len(words) > 1 and words[0][0] in verbs:
        words = words[1:]  # "Denounces Clinton": the verb before the name
    verb = next((k for k, (w, _, _) in enumerate(words) if w in verbs), None)
    if verb is not None:
        words = words[:verb]  # "NAME Blasts Harbor Deal": the headline goes on after the name
    while len(words) > 1 and words[-1][0].lower() in FUNCTION_WORDS:
        words.pop()
    if not words:
        return start, start
    first, last = words[0][1], words[-1][2]
    if _STOP.search(piece[:last]) and _full_stop(words[-1][0]):
        last -= 1
    return start + first, start + last


def _full_stop(word: str) -> bool:
    """ "IL-25.", "Washington." end a sentence; "Inc.", "Corp.", "U.S.", "Jr." are
    abbreviations."""
    bare = word[:-1]
    if "." in bare:
        return False
    return any(c.isdigit() for c in bare) or sum(c.isalpha() for c in bare) >= 5


def in_callout(text: str, start: int, end: int) -> bool:
    """Inside an all-capitals label before a colon at the start of a line ("NEWSPAPER
    READERS:", "EDITOR'S NOTE:") holding a call-out word."""
    line_start = text.rfind("\n", 0, start) + 1
    colon = text.find(":", end, end + 40)
    if colon < 0 or "\n" in text[end:colon]:
        return False
    label = text[line_start:colon]
    letters = [c for c in label if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters):
        return False
    words = {w.strip("'’") for w in re.split(r"[\s’']+", label)} | set(label.split())
    return bool(words & trims().callout_words)


def is_organism(name: str) -> bool:
    """A genus of microbes or vectors ("Klebsiella", "Streptococcus")."""
    if " " in name or not name[:1].isupper():
        return False
    return name in trims().genera or name.lower().endswith(trims().genus_endings)


_TITLE_OF = re.compile(
    r"\b(?:[Ss]ecretary|[Mm]inister|[Cc]ommissioner|[Dd]irector)[ \t]+of[ \t]+(?:the[ \t]+)?$"
)


def is_portfolio(text: str, start: int, name: str) -> bool:
    """ "Secretary of State NAME", "Minister of Finance NAME": the portfolio after a title's
    "of" is part of the title, no organisation of its own."""
    return (
        name in trims().portfolios and _TITLE_OF.search(text, max(0, start - 30), start) is not None
    )


MIN_BODY = 200
"""Characters of body text below which a headline's names are kept as found."""


def headline_names(
    text: str, segments: Sequence[Segment], cands: Sequence[Candidate]
) -> list[Candidate]:
    """Names in a title-case headline cut to the longest run of their words the body
    writes; dropped when the body writes none of it (single words, places and demonyms
    are kept)."""
    heads = [
        (seg.start, seg.end)
        for seg in segments
        if seg.role is Role.HEADLINE and _title_case(text[seg.start : seg.end])
    ]
    if not heads:
        return list(cands)
    body = "".join(
        " " * (e - s) if any(h[0] <= s and e <= h[1] for h in heads) else text[s:e]
        for s, e in _pieces(text, heads)
    )
    if len(body.strip()) < MIN_BODY:
        return list(cands)
    out: list[Candidate] = []
    for cand in cands:
        inside = any(s <= cand.start and cand.end <= e for s, e in heads)
        if not inside or " " not in cand.text or cand.place or cand.source in _KEPT:
            out.append(cand)
            continue
        span = _written_in(body, cand)
        if span is not None:
            start, end = span
            out.append(replace(cand, start=start, end=end, text=text[start:end]))
    return out


_KEPT = frozenset({"gazetteer", "demonym", "author"})


def _pieces(text: str, heads: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """``text`` cut at the headline spans' ends (headlines and the rest, in order)."""
    cuts = sorted({0, len(text), *(p for h in heads for p in h)})
    yield from pairwise(cuts)


def _title_case(line: str) -> bool:
    """Most longer words capitalised ("Senator Vows To Fight Levy")."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", line) if len(w) > 3]
    capitals = [w for w in long_words if w[:1].isupper()]
    return len(long_words) >= 3 and len(capitals) >= 0.7 * len(long_words)


def _written_in(body: str, cand: Candidate) -> tuple[int, int] | None:
    """The longest run of the candidate's words that the body writes as a whole, as a span
    of the candidate (leftmost on a tie)."""
    words = [(m.start(), m.end()) for m in re.finditer(r"[^\s’']+(?:[’']s)?", cand.text)]
    for size in range(len(words), 0, -1):
        for k in range(len(words) - size + 1):
            s, e = words[k][0], words[k + size - 1][1]
            piece = re.sub(r"[’']s$", "", cand.text[s:e])
            if len(piece) < 2 or not piece[:1].isupper():
                continue
            if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", body):
                return cand.start + s, cand.start + s + len(piece)
    return None
