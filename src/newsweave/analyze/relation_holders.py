"""Whose role a role noun names (the holder): a possessive, a name right before the noun
("MDR leader", "Alabama Democratic Governor"), or the object of "of" (for jobs also
"with", "for", "at"; for staff roles "to"). Split from :mod:`relation_doc` (session 7)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsweave.analyze.relation_cues import relation_cues, staff_role
from newsweave.analyze.relation_doc import _Doc, _lower, _preps, np_actor
from newsweave.analyze.relation_words import DEPARTMENTS, EMPLOYMENT


def _holder_token(d: _Doc, noun: Any, group: Sequence[Any], bearer: Any) -> Any:
    """Whose role it is: a possessive, a name right before the noun, or the object of an
    "of" (or, for jobs, "with", "for", "at") phrase."""
    for token in group:
        for child in token.children:
            if child.dep_ == "poss":
                return child
    before = _name_before(d, group[0])
    if before is not None and before.i != (bearer.i if bearer is not None else -1):
        return before
    preps = ("of", "with", "for", "at") if _lower(noun) in EMPLOYMENT else ("of",)
    if staff_role(_written_role(noun, group)):  # "chief of staff to X", "aide to X"
        preps = (*preps, *relation_cues().staff_preps)
        principal = _principal_after(d, noun, bearer)
        if principal is not None:
            return principal
    conjuncts = [c.i for c in noun.children if c.dep_ == "conj"]
    for prep in _preps(noun):
        if any(i < prep.i for i in conjuncts):
            continue  # "a writer and a former editor with Radio Z": the editor's employer
        if _lower(prep) in preps:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and np_actor(d, obj) is not None:
                return obj
    return None


def _principal_after(d: _Doc, noun: Any, bearer: Any) -> Any:
    """ "X, chief of staff to Y": the parser may hang "to Y" on X rather than on the
    apposed role; a "to"/"for" phrase of the bearer right after the role names whom the
    staff member works for."""
    if bearer is None or noun.dep_ != "appos" or noun.head.i != bearer.i:
        return None
    for prep in bearer.children:
        if prep.dep_ == "prep" and prep.i > noun.i and prep.lower_ in relation_cues().staff_preps:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and np_actor(d, obj) is not None:
                return obj
    return None


def _written_role(noun: Any, group: Sequence[Any]) -> str:
    """A role noun with its compounds and an "of staff" ("deputy chief of staff")."""
    words = [t.lower_ for t in noun.children if t.dep_ == "compound" and t.i < noun.i]
    words += [t.lower_ for t in group]
    if any(
        p.lower_ == "of" and any(c.lower_ == "staff" for c in p.children) for p in noun.children
    ):
        words.append("of staff")
    return " ".join(words)


def _name_before(d: _Doc, first: Any) -> Any:
    """A name ending right before the noun ("MDR leader", "NLO (NLO) secretary-general")."""
    j = first.i - 1
    sent_start = first.sent.start
    while j >= sent_start and d.doc[j].text in "()" and d.doc[j].text:
        j -= 1
    while j >= sent_start and d.doc[j].text in relation_cues().party_words:
        j -= 1  # "Alabama Democratic Governor": the party is no office's organisation
    mention = d.mention_of.get(j) if j >= sent_start else None
    if mention is None or d.doc[j].dep_ == "poss":
        return None
    text = mention.span.text
    actor = d.actors.get(mention.actor or "")
    single = " " not in text.strip() and not text.isupper()
    demonym = actor is not None and actor.type in ("NORP", "GPE") and actor.country is not None
    if (
        single
        and not demonym
        and (actor is None or actor.mentions < 2 or text.lower() in DEPARTMENTS)
    ):
        return None  # "Ports Minister", "Interior Minister": a department, not a name
    return d.doc[j]
