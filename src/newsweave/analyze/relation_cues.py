"""Relation cues read from ``analyze/data/relation_cues.yaml``: staff roles that work for a
person, markers of offices not (yet) held, and verbs that end an office."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class RelationCues:
    """The lists of ``data/relation_cues.yaml`` (see the comments there)."""

    staff_roles: frozenset[str]
    staff_preps: frozenset[str]
    unheld_markers: frozenset[str]
    indefinite: frozenset[str]
    modals: frozenset[str]
    removal_verbs: frozenset[str]
    removal_particles: dict[str, frozenset[str]]
    past_markers: frozenset[str]
    reporting_verbs: frozenset[str]
    place_appositions: frozenset[str]
    past_serving_verbs: frozenset[str]
    beat_roles: frozenset[str]
    beats: frozenset[str]
    address_titles: frozenset[str]
    party_words: frozenset[str]


@lru_cache(maxsize=1)
def relation_cues() -> RelationCues:
    """The relation cue lists, read once."""
    path = resources.files("newsweave.analyze").joinpath("data/relation_cues.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data[key])

    particles = {str(k): frozenset(str(w) for w in v) for k, v in data["removal_particles"].items()}
    return RelationCues(
        words("staff_roles"),
        words("staff_preps"),
        words("unheld_markers"),
        words("indefinite"),
        words("modals"),
        words("removal_verbs"),
        particles,
        words("past_markers"),
        words("reporting_verbs"),
        words("place_appositions"),
        words("past_serving_verbs"),
        words("beat_roles"),
        frozenset(" ".join(str(w).split()) for w in data["beats"]),
        words("address_titles"),
        frozenset(str(w) for w in data["party_words"]),
    )


def staff_role(qualifier: str) -> bool:
    """Whether a role as written ("former chief of staff", "senior aide") works for a
    person."""
    words = qualifier.lower().replace("former ", "").replace("ex-", "").strip()
    return words in relation_cues().staff_roles


def unheld(qualifier: str) -> bool:
    """Whether a role as written is not (yet) held ("incoming mayor", "president-elect")."""
    words = qualifier.lower().replace("-elect", " elect").split()
    return any(w in relation_cues().unheld_markers for w in words)


def past_office(before: str, qualifier: str) -> str:
    """The office as written, made former when a past marker dates it ("the then-governor",
    "then Finance Minister", "a onetime aide"; ``before``: the text right before the
    office, which may hold the marker)."""
    markers = relation_cues().past_markers
    glued = next(  # "ThenInterior Minister": the title words lost their hyphen
        (
            m
            for m in markers
            if qualifier[: len(m)].lower() == m and qualifier[len(m) :][:1].isupper()
        ),
        None,
    )
    if glued is not None:
        return as_former(qualifier[len(glued) :])
    words = qualifier.split()
    head = words[0].lower().split("-", 1) if words else []
    if head and head[0] in markers and (len(head) > 1 or len(words) > 1):
        rest = head[1] if len(head) > 1 and head[1] else ""
        qualifier = " ".join([w for w in [rest, *words[1:]] if w]) or qualifier
        return as_former(qualifier)
    if head[:1] and head[0] == "one" and len(head) > 1 and head[1] == "time":
        return as_former(" ".join(words[1:]) or qualifier)
    before_words = before.lower().replace("-", " ").split()
    if before_words and (
        before_words[-1] in markers or " ".join(before_words[-2:]) in ("one time",)
    ):
        return as_former(qualifier)
    return qualifier


def as_former(qualifier: str) -> str:
    """The office as a former one ("governor" → "former governor")."""
    lower = qualifier.lower()
    return qualifier if lower.startswith(("former ", "ex-")) else f"former {qualifier}"
