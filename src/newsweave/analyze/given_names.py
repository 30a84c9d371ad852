"""The given names the names stage takes as a person cue, read once at run time.

Sources, nothing downloaded: the 1990 U.S. Census first-name lists (``dist.male.first``,
``dist.female.first``; a work of the U.S. Government, public domain) as shipped inside the
PyPI package ``names`` (a dependency); and the first words shared by at least two people of
``data/phoenix_actors.tsv``, which adds given names from every region of the world. Names
shorter than three letters, title words and the words ``data/given_names_excluded.yaml``
lists (common lower-case words of news text, month and day names) are left out.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib import resources

import yaml

CENSUS_FILES = ("dist.male.first", "dist.female.first")
PHOENIX_MIN = 2
"""A Phoenix first word counts as a given name when at least this many listed people share it
(one person's first word may be a title or a clan name)."""
_TITLES = (
    "president minister prime general king queen prince sheikh dr mr mrs ms sir lord "
    "colonel major captain governor senator judge chief deputy vice secretary ambassador "
    "al el abu bin ibn de van von der la le di da saint st"
)
TITLE_WORDS = frozenset(_TITLES.split())
"""Words that open Phoenix names without being given names."""


def census_names() -> set[str]:
    """The Census first names, lower-cased (the package's data files, read as text)."""
    root = resources.files("names")
    found: set[str] = set()
    for name in CENSUS_FILES:
        for line in root.joinpath(name).read_text("ascii").splitlines():
            if line.strip():
                found.add(line.split()[0].lower())
    return found


def phoenix_names() -> set[str]:
    """First words of at least ``PHOENIX_MIN`` people in ``phoenix_actors.tsv``."""
    counts: Counter[str] = Counter()
    text = resources.files("newsweave.analyze").joinpath("data/phoenix_actors.tsv")
    for line in text.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, name, *_ = line.split("\t")
        words = name.split()
        if kind == "PERSON" and len(words) >= 2:
            first = words[0].strip(".")
            if len(first) >= 3 and first.isalpha() and first not in TITLE_WORDS:
                counts[first] += 1
    return {name for name, n in counts.items() if n >= PHOENIX_MIN}


def excluded_names() -> set[str]:
    """The listed names that cue no person (``data/given_names_excluded.yaml``)."""
    path = resources.files("newsweave.analyze").joinpath("data/given_names_excluded.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    return {str(w).lower() for key in ("calendar", "common_words") for w in data[key]}


def candidate_names() -> set[str]:
    """Every listed name of at least three letters, before the exclusions."""
    return {n for n in census_names() | phoenix_names() if len(n) >= 3}


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The given names, lower-case."""
    return frozenset(candidate_names() - excluded_names())


@lru_cache(maxsize=1)
def name_genders() -> dict[str, str]:
    """Given names, lower-cased, with the gender ("m" or "f") of the Census list where
    they are at least ``GENDER_RATIO`` times as frequent as in the other ("john" is in
    both lists, but 0.003 % of women): a name as common in both ("jordan") has none."""
    root = resources.files("names")
    freqs: list[dict[str, float]] = []
    for name in CENSUS_FILES:
        text = root.joinpath(name).read_text("ascii")
        rows = (line.split() for line in text.splitlines() if line.strip())
        freqs.append({row[0].lower(): float(row[1]) for row in rows})
    male, female = freqs
    out: dict[str, str] = {}
    for n in male.keys() | female.keys():
        m, f = male.get(n, 0.0), female.get(n, 0.0)
        if m >= GENDER_RATIO * f:
            out[n] = "m"
        elif f >= GENDER_RATIO * m:
            out[n] = "f"
    return out


GENDER_RATIO = 20.0
"""How much more frequent a name must be in one Census list to count as that gender."""
