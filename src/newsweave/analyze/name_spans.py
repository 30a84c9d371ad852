"""Span repairs of the names stage for whole names the model cuts or glues.

- an institution's name goes on over "for/of/on" and capitalised words ("the Nordic
  Institute [for Maritime Law]");
- names written with a slash ("RFE/RL", "AFP/Getty") are one name, not a person "RL";
- a person glued to the organisation before them is split off when the text makes them a
  person ("the director of the Delta Institute Maria Okonkwo said" → the institute and
  Maria Okonkwo);
- a hyphenated given name with a lower-case second part ("Wai-lun Cheng") belongs to the
  name the model found without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from newsweave.analyze.candidates import Candidate

ORG_TAIL_HEADS = frozenset(
    str.split(
        "Institute Institution Centre Center Council Committee Commission Foundation "
        "Agency Authority Office Bureau Department Ministry Academy Association Federation "
        "Union League Society Fund Trust Network Alliance Coalition Movement Party Court "
        "Tribunal Board Forum School College University Observatory Programme Program"
    )
)
"""Heads of institution names that take an "of/for/on" complement ("Institute for …")."""

_CALENDAR = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b)"
)
_CONTINUATION = re.compile(
    r"[ \t]+(?:for|of|on)[ \t]+(?:the[ \t]+)?"
    + _CALENDAR
    + r"[A-Z][\w’'-]*(?:[ \t]+(?:(?:and|of|for|on|the|&)[ \t]+)?[A-Z][\w’'-]*){0,5}"
)
_SLASHED = re.compile(r"(?<![\w/])[A-Z][A-Za-z]{1,9}(?:/[A-Z][A-Za-z]{1,9})+(?![\w/])")
_HYPHENATED_GIVEN = re.compile(r"([A-Z][a-z]{1,5}-([a-z]{2,4}))[ \t]+$")
"""A given name's hyphenated form ("Wai-lun", "Mei-ling"); at a sentence's start a second
part of four letters is more likely a role word ("Full-back Matthew Burke")."""
ROLE_BEFORE = re.compile(
    r"\b(?:director|head|chief|chair|chairman|chairwoman|president|spokesman|spokeswoman|"
    r"spokesperson|founder|secretary|coordinator|researcher|fellow|member)\s+(?:of|at|for)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
SPEECH_AFTER = re.compile(r"^\s*,?\s*(?:said|says|told|added|wrote|argued|noted|warned)\b")


def repaired(text: str, cands: Sequence[Candidate]) -> list[Candidate]:
    """The candidates with whole institution names, slashed names, split-off people and
    hyphenated given names, in text order."""
    out: list[Candidate] = []
    for cand in cands:
        cand = _hyphenated_given(text, _continued(text, cand))
        out.extend(_person_split(text, cand))
    return _slashed(text, out)


def _continued(text: str, cand: Candidate) -> Candidate:
    """ "Nordic Institute" + " for Maritime Law"."""
    if cand.type != "ORG" or cand.text.split()[-1] not in ORG_TAIL_HEADS:
        return cand
    match = _CONTINUATION.match(text, cand.end)
    if not match:
        return cand
    end = match.end()
    return replace(cand, end=end, text=text[cand.start : end])


def _person_split(text: str, cand: Candidate) -> Iterator[Candidate]:
    """ "Delta Institute Maria Okonkwo" after "director of the" or before "said"."""
    words = cand.text.split()
    if cand.type != "ORG" or len(words) < 4:
        yield cand
        return
    heads = [k for k, w in enumerate(words) if w in ORG_TAIL_HEADS]
    if not heads or not 2 <= len(words) - heads[-1] - 1 <= 3:
        yield cand
        return
    tail = words[heads[-1] + 1 :]
    named = all(w[:1].isupper() and w.replace("-", "").isalpha() for w in tail)
    role = ROLE_BEFORE.search(text[max(0, cand.start - 40) : cand.start]) is not None
    speaks = SPEECH_AFTER.match(text[cand.end : cand.end + 20]) is not None
    if not named or not (role or speaks):
        yield cand
        return
    org_text = " ".join(words[: heads[-1] + 1])
    person_start = text.index(tail[0], cand.start + len(org_text))
    yield replace(cand, end=cand.start + len(org_text), text=org_text)
    yield Candidate(
        person_start, cand.end, text[person_start : cand.end], "PERSON", "ner+context", "ORG"
    )


def _hyphenated_given(text: str, cand: Candidate) -> Candidate:
    """ "Wai-lun" before the "Cheng" the model found."""
    if cand.type != "PERSON":
        return cand
    match = _HYPHENATED_GIVEN.search(text, max(0, cand.start - 30), cand.start)
    if not match:
        return cand
    before = text[max(0, match.start(1) - 2) : match.start(1)]
    opening = match.start(1) == 0 or "\n" in before or before.startswith((".", "!", "?"))
    if opening and len(match.group(2)) > 3:
        return cand
    return replace(cand, start=match.start(1), text=text[match.start(1) : cand.end])


def _slashed(text: str, cands: Sequence[Candidate]) -> list[Candidate]:
    """ "RFE/RL": one organisation, replacing the pieces the model found inside it."""
    out = list(cands)
    for match in _SLASHED.finditer(text):
        s, e = match.span()
        inside = [c for c in out if s <= c.start and c.end <= e]
        if any(c.start < e and s < c.end and c not in inside for c in out):
            continue
        if not inside and not all(p.isupper() for p in match.group().split("/")):
            continue
        out = [c for c in out if c not in inside]
        out.append(Candidate(s, e, match.group(), "ORG", "ner+context", "ORG"))
    return sorted(out, key=lambda c: c.start)
