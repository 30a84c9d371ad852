"""What story-event clustering compares: entity lookups, normalised participant names,
label stems and partial dates. See :mod:`newsweave.resolve.events`."""

from __future__ import annotations

import importlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Protocol, Self, TypeVar

import yaml

from newsweave.store.sqlite import Store

EntityLookup = Callable[[str], str]
"""Maps an in-document actor id to a corpus entity id (the actor id when unresolved)."""

FACTUAL = frozenset({"asserted", "reported"})
"""Modalities that tell of something that happened; others merge only among themselves."""

UNDATED_SOURCES = frozenset({"publication", "none"})
"""Date sources that do not date the happening itself."""

_WORD = re.compile(r"[^\W\d_]+")
_STOP = frozenset(
    re.findall(
        r"\w+",
        "the a an of to in on at for and or with by from as his her its their our my this"
        " that was were is are has have had be been will would could not no",
    )
)


# --------------------------------------------------------------------------- helpers


def bulk_entity_lookup(store: Store) -> EntityLookup:
    """Like :func:`entity_lookup`, with every actor's entity read in one query (for
    clustering all events at once)."""
    try:
        found = {
            str(r[0]): str(r[1])
            for r in store.connection.execute("SELECT actor_id, entity_id FROM entity_members")
        }
    except sqlite3.Error:
        found = {}
    return lambda actor_id: found.get(actor_id, actor_id)


def entities_of(
    conn: sqlite3.Connection, ids: Iterable[str], fallback: EntityLookup = lambda a: a
) -> EntityLookup:
    """The entity of each of ``ids`` read in one query (``fallback`` for the others: by
    default an unresolved actor is its own entity) — for when only some actors matter."""
    found = {
        str(r[0]): str(r[1])
        for r in conn.execute(
            "SELECT actor_id, entity_id FROM entity_members"
            " WHERE actor_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(ids))),),
        )
    }
    return lambda actor_id: found[actor_id] if actor_id in found else fallback(actor_id)


def entity_lookup(store: Store) -> EntityLookup:
    """``entity_of`` from ``newsweave.resolve.entities`` when it exists, else identity.

    Unresolved actors (and any store error, e.g. entity tables not yet created) fall back
    to the in-document actor id, i.e. each actor is its own entity.
    """
    try:
        module = importlib.import_module("newsweave.resolve.entities")
    except ImportError:
        return lambda actor_id: actor_id
    function = getattr(module, "entity_of", None)
    if not callable(function):
        return lambda actor_id: actor_id

    def lookup(actor_id: str) -> str:
        try:
            found = function(store, actor_id)
        except sqlite3.Error:
            return actor_id
        return str(found) if found else actor_id

    return lookup


def normalise_name(name: str | None) -> str:
    """Lower case, accents and punctuation removed, leading article dropped."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", text.replace("’s", "").replace("'s", ""))
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def names_match(a: str, b: str) -> bool:
    """Whether two normalised names may name the same actor: equal, or one is a single
    word that is the other's first word (a given name: "Didier" / "Didier Yamboré").

    A shared surname alone never matches: families share surnames.
    """
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a.split(), b.split()), key=len)
    return len(short) == 1 and len(long_) > 1 and short[0] == long_[0]


def label_stems(label: str) -> frozenset[str]:
    """Content words of a label cut to five letters ("arrested" and "arrest" agree)."""
    words = (w.lower() for w in _WORD.findall(label))
    return frozenset(w[:5] for w in words if len(w) > 3 and w not in _STOP)


def date_precision(date: str | None) -> str | None:
    """``day``, ``month`` or ``year`` of an ISO partial date; None when not a date."""
    if not date:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(date))


def dates_agree(a: str, b: str) -> bool:
    """Whether two ISO partial dates can be the same day: one is a prefix of the other."""
    return a.startswith(b) or b.startswith(a)


def not_after(a: str, b: str) -> bool:
    """Whether partial date ``a`` can be on or before partial date ``b``."""
    return a[: len(b)] <= b[: len(a)]


# --------------------------------------------------------------------------- directions


class Matching(Protocol):
    """A participant that can tell whether another may be the same actor."""

    def matches(self, other: Self, /) -> bool: ...


M = TypeVar("M", bound=Matching)


@lru_cache(maxsize=1)
def _mutual() -> frozenset[str]:
    text = resources.files("newsweave.resolve").joinpath("data/story_roles.yaml").read_text()
    return frozenset(str(k) for k in yaml.safe_load(text)["mutual"])


def mutual_kind(type_: str, mode: str | None) -> bool:
    """Whether the participants of this kind act on each other ("A met B" is "B met A"):
    ``data/story_roles.yaml``."""
    kinds = _mutual()
    return type_ in kinds or f"{type_}/{mode}" in kinds


def roles_reversed(
    actors: Sequence[M],
    targets: Sequence[M],
    other_actors: Sequence[M],
    other_targets: Sequence[M],
) -> bool:
    """Whether two reports tell the opposite direction of one verb: a participant is the
    actor of one and the target of the other, and nobody holds the same role in both ("A
    criticised B" / "B criticised A"; also when one report names no actor: "A backed B" /
    "A was backed", where the events stage left the backer out)."""
    if any(a.matches(b) for a in actors for b in other_actors):
        return False
    if any(t.matches(u) for t in targets for u in other_targets):
        return False
    return any(a.matches(t) for a in actors for t in other_targets) or any(
        t.matches(a) for t in targets for a in other_actors
    )


def other_parties(actors: Sequence[M], known: Sequence[M]) -> bool:
    """Whether a report of a mutual kind (a meeting, a deal) names actors none of whom is a
    participant ``known`` to the story: "A met B" and "C met B" are two meetings of B, not
    one (a report naming no actor says nothing either way)."""
    if not actors or not known:
        return False
    return not any(a.matches(q) for a in actors for q in known)
