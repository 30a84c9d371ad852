"""The cue lists of ``ingest/data/page_cues.yaml``, compiled once.

Each list becomes one regular expression (its cues joined as alternatives, matched
case-insensitively; a cue opts out with an inline ``(?-i:...)`` group).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

CUES_FILE = "data/page_cues.yaml"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = resources.files("newsweave.ingest").joinpath(CUES_FILE).read_text("utf-8")
    loaded = yaml.safe_load(text)
    if not isinstance(loaded, dict):
        raise ValueError(f"{CUES_FILE}: not a mapping")
    return loaded


def cues_version() -> int:
    """The version of the cue file (part of what a parse depends on)."""
    return int(_data().get("version", 0))


def _entries(path: tuple[str, ...]) -> list[str]:
    node: Any = _data()
    for key in path:
        node = node[key]
    patterns: list[str] = []
    for entry in node:
        if not isinstance(entry, dict) or "re" not in entry or "why" not in entry:
            raise ValueError(f"{CUES_FILE}: {'/'.join(path)} entry needs 're' and 'why'")
        patterns.append(str(entry["re"]))
    return patterns


@cache
def cue(*path: str) -> re.Pattern[str]:
    """One compiled pattern for the list at ``path`` (``cue("genre", "blog_url")``)."""
    joined = "|".join(f"(?:{p})" for p in _entries(path))
    return re.compile(joined, re.IGNORECASE | re.MULTILINE)


@cache
def cue_patterns(*path: str) -> tuple[re.Pattern[str], ...]:
    """The list at ``path`` as separate patterns, for cues that name their groups."""
    return tuple(re.compile(p, re.IGNORECASE) for p in _entries(path))
