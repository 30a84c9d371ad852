"""Speakers who speak for someone else: a spokesperson, a press secretary or a lawyer says
what their principal holds ("Kovac's spokeswoman said", "Tom Reed, a spokesman for the
ministry, said", "said Ana Ruiz, speaking on behalf of the families").

The quote stays the speaker's; the principal is recorded beside it
(:attr:`newsweave.model.facts.Quote.on_behalf_of`). A person is never the speaker of what
their spokesperson says: "the senator's press secretary said" is an unnamed press
secretary speaking for the senator. A body speaks through its spokespeople, so "a
ministry spokesman said" keeps the ministry as its (institutional) speaker, on its own
behalf. The role words and prepositions are data (``data/attribution_cues.yaml``,
``speaking_for``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsweave.analyze.context import ActorLookup, Context
from newsweave.analyze.quote_cues import Attribution, _inside, _tokens
from newsweave.analyze.quote_speakers import _antecedent, _root


@dataclass(frozen=True)
class SpeakingFor:
    """The speaking-for cues of ``data/attribution_cues.yaml``."""

    roles: frozenset[str]
    """Role nouns (lower case, one or two words) whose bearer speaks for a principal."""
    titled: frozenset[str]
    """Roles whose principal may be written before them ("Kremlin spokesman X")."""
    preps: frozenset[str]
    """Prepositions after a role that name the principal ("spokesman for X")."""
    not_before: frozenset[str]
    """Words after a role word that make it another office ("Attorney General")."""


@lru_cache(maxsize=1)
def speaking_for() -> SpeakingFor:
    """The speaking-for cues, read once."""
    path = resources.files("newsweave.analyze").joinpath("data/attribution_cues.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))["speaking_for"]
    return SpeakingFor(
        frozenset(str(w).lower() for w in data["roles"]),
        frozenset(str(w).lower() for w in data["titled"]),
        frozenset(str(w).lower() for w in data["preps"]),
        frozenset(str(w).lower() for w in data["not_before"]),
    )


@dataclass(frozen=True)
class Behalf:
    """Whom a quote's speaker speaks for."""

    actor: str | None
    """The principal's actor id, when the text names one."""
    text: str
    """The principal as written ("the ministry", "President Kovac", "the families")."""
    person: bool
    """Whether the principal is a person (then never the speaker)."""


PRINCIPAL_TYPES = frozenset({"PERSON", "ORG", "GPE", "FAC"})
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she"}


def behalf_of(
    ctx: Context,
    attribution: Attribution,
    marks: Sequence[tuple[int, int]],
    resolve: ActorLookup,
) -> Behalf | None:
    """Whom the speaker of ``attribution`` speaks for: an explicit "on behalf of X" or
    "speaking for X" next to the cue, else the principal of a speaking-for role in the
    speaker phrase (its possessor, the object of "for/of/to", or for spokespeople a name
    written before the role)."""
    span = attribution.source or attribution.speaker
    if span is None:
        return None
    principal = _explicit(ctx, attribution, span) or _of_role(ctx, span)
    if principal is None:
        return None
    return _behalf(ctx, principal, marks, resolve)


def _explicit(ctx: Context, attribution: Attribution, span: tuple[int, int]) -> Any | None:
    """The object of "on behalf of" / "speaking for" in the speaker's sentence, outside
    what was said ("…,” said Ana Ruiz, speaking on behalf of the families.")."""
    s, e = ctx.sentence_of(span[0])
    content = attribution.content
    for token in _tokens(ctx.doc, s, e):
        if content[0] <= token.idx < content[1]:
            continue
        if token.lower_ == "behalf" and token.head.lower_ in ("on", "in"):
            found = _object_of(token, ("of",))
            if found is not None:
                return found
        if token.lemma_ == "speak" and token.dep_ in ("advcl", "acl", "relcl", "conj"):
            found = _object_of(token, ("for",))
            if found is not None:
                return found
    return None


def _object_of(token: Any, preps: Sequence[str]) -> Any | None:
    """The object of the first of ``preps`` hanging on ``token``."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _of_role(ctx: Context, span: tuple[int, int]) -> Any | None:
    """The principal of a speaking-for role in the speaker phrase (or in apposition to
    it): "the senator's spokeswoman", "a lawyer for the family", "White House press
    secretary Jo Lee", "Tom Reed, a spokesman for the ministry"."""
    root = _root(ctx, span)
    if root is None:
        return None
    cues = speaking_for()
    for role in _roles(root, span, cues):
        found = _principal(role, cues)
        if found is not None:
            return found
    return None


def _roles(root: Any, span: tuple[int, int], cues: SpeakingFor) -> list[Any]:
    """Role tokens of the phrase: its head, the compounds before a named head ("Kremlin
    spokesman Dmitry Peskov"), and the head of an apposition ("X, a spokesman for Y")."""
    candidates = [root]
    candidates += [c for c in root.children if c.dep_ in ("compound", "appos")]
    return [t for t in candidates if _role_word(t, cues) is not None]


def _role_word(token: Any, cues: SpeakingFor) -> str | None:
    """The speaking-for role a token heads ("secretary" after "press"), or None."""
    word = str(token.lower_)
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ in cues.not_before:
        return None
    if word in cues.roles:
        return word
    prev = token.nbor(-1) if token.i > 0 else None
    if prev is not None and f"{prev.lower_} {word}" in cues.roles:
        return f"{prev.lower_} {word}"
    return None


def _principal(role: Any, cues: SpeakingFor) -> Any | None:
    """The token naming whom ``role`` speaks for: its possessor, the object of one of the
    role prepositions, or (for spokespeople) a name written before it."""
    for child in role.children:
        if child.dep_ == "poss":
            return child
    found = _object_of(role, tuple(cues.preps))
    if found is not None:
        return found
    word = _role_word(role, cues)
    if word is None or word not in cues.titled:
        return None
    named = [
        t
        for t in role.doc[role.left_edge.i : role.i]
        if t.ent_type_ in PRINCIPAL_TYPES and t.head.i in (role.i, *_compound_heads(role))
    ]
    if not named and role.dep_ == "compound":
        # "Kremlin spokesman Dmitry Peskov": the parser may hang both words on the name
        head = role.head
        named = [
            t
            for t in head.children
            if t.i < role.i and t.dep_ == "compound" and t.ent_type_ in PRINCIPAL_TYPES
        ]
    return named[-1] if named else None


def _compound_heads(role: Any) -> list[int]:
    """Compound words between a name and its role ("White House press secretary": the
    name hangs on "press")."""
    return [c.i for c in role.children if c.dep_ in ("compound", "amod") and c.i < role.i]


def _behalf(
    ctx: Context,
    token: Any,
    marks: Sequence[tuple[int, int]],
    resolve: ActorLookup,
) -> Behalf | None:
    """The :class:`Behalf` of a principal token: the named entity holding it, a possessive
    pronoun's antecedent, or the noun phrase as written."""
    doc = ctx.doc
    if token.lower_ in POSSESSIVE_PRONOUNS:
        target = _antecedent(ctx, (token.idx, token.idx + len(token)), [], marks)
        if target is None:
            return None
        text = ctx.text[target[0] : target[1]]
        return Behalf(resolve(*target), text, True)
    if token.ent_type_:
        ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            if ent.label_ not in PRINCIPAL_TYPES:
                return None
            start, end = ent.start_char, ent.end_char
            return Behalf(resolve(start, end), ent.text, ent.label_ == "PERSON")
    if token.pos_ == "PRON":
        return None
    words = [t for t in token.subtree if not _inside(t, marks)]
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    # the head noun's own actor ("the ministry" chained to the named ministry); a name
    # inside the phrase is not the principal ("the Okoro family" is not the place Okoro)
    actor = resolve(token.idx, token.idx + len(token))
    person = any(e.label_ == "PERSON" and e.start <= token.i < e.end for e in doc.ents)
    return Behalf(actor, ctx.text[start:end].strip(), person)
