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
