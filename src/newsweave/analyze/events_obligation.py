"""Obligations told by a speaker: "the minister said the rebels must disarm" is a demand.

PLOVER codes a speaker who says that another party must (should, has to) act as DEMAND,
not as the act itself, which has not happened. This module finds such constructions in a
parse, purely: a speech verb (the ``speech`` words of a DEMAND mode in ``plover.yaml``)
with a clausal complement that carries an obligation modal (the mode's ``modals``), whose
subject is someone other than the speaker. The events stage makes the speech verb a
DEMAND frame trigger: its content (the act demanded) is no event of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

PERSONAL = frozenset({"i", "we", "me", "us", "you"})
"""First and second person subjects: "we must act" is a resolve, not a demand on others."""


@dataclass(frozen=True)
class Obligation:
    """One speech verb that says another party must act."""

    verb: int
    """Token index of the speech verb (the trigger's anchor)."""
    modal: int
    """Token index of the obligation word ("must", "should", "have" of "have to")."""
    subject: int
    """Token index of the obliged party's head."""


def _subject(token: Any) -> Any | None:
    return next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _modal(clause: Any, modals: frozenset[str]) -> Any | None:
    """The obligation word of a clause: an auxiliary ("must", "should", "ought") or "have
    to" / "need to" ("Sudan has to return the helicopter")."""
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in clause.children)
    for child in clause.children:
        if child.dep_ == "aux" and child.tag_ == "MD" and child.lower_ in modals:
            # "should have been allowed to run": a judgement of the past, not a demand
            return None if perfect else child
    predicted = any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children)
    if (
        clause.lemma_ in modals
        and not predicted  # "would have to tread carefully": a forecast, not a demand
        and any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in clause.children
        )
    ):
        return clause
    return None


def _generic(subject: Any) -> bool:
    """A bare plural of a common noun ("states", "small firms"): what such parties in
    general must do is a general statement, not a demand on anyone."""
    return bool(
        subject.tag_ == "NNS"
        and not any(
            c.dep_ in ("det", "poss", "nummod", "predet") or c.pos_ == "PROPN" or c.ent_type_
            for c in subject.children
        )
    )


def _same_party(a: Any, b: Any) -> bool:
    """Whether two subjects plainly name the same party (same head word)."""
    return bool(a.lemma_.lower() == b.lemma_.lower())


def obligations(
    doc: Any, start: int, end: int, speech: frozenset[str], modals: frozenset[str]
) -> Iterator[Obligation]:
    """Speech verbs of tokens [start, end) that say another party must act."""
    for i in range(start, end):
        verb = doc[i]
        if verb.lemma_.lower() not in speech or not (
            verb.pos_ in ("VERB", "AUX") or verb.tag_.startswith("VB")
        ):
            continue
        speaker = _subject(verb)
        for clause in verb.children:
            if clause.dep_ != "ccomp" or not start <= clause.i < end:
                continue
            modal = _modal(clause, modals)
            obliged = _subject(clause)
            if modal is None or obliged is None:
                continue
            if obliged.pos_ == "PRON" or obliged.lower_ in PERSONAL:
                continue  # "he said he must go", "it must": the speaker, as likely as not
            if _generic(obliged):
                continue  # "cities have to borrow in a slump": a general truth, no demand
            if speaker is not None and _same_party(speaker, obliged):
                continue
            yield Obligation(i, modal.i, obliged.i)
            break
