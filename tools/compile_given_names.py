"""Compile the list of given names that cue no person (``given_names_excluded.yaml``).

The given names themselves are read at run time (``newsweave.analyze.given_names``: the
1990 U.S. Census lists in the PyPI package ``names`` and the Phoenix people). This tool
decides which of them to leave out: the names that are common lower-case words of news text
(at least ``COMMON`` lower-case uses in the given corpus folder of ``*.txt`` files, e.g.
``../shared/data/polnear/train/text``), so that "Will" or "Grant" cue nothing, and month and
day names.

Usage: ``python tools/compile_given_names.py CORPUS_DIR``
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from newsweave.analyze.given_names import candidate_names

OUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "newsweave"
    / "analyze"
    / "data"
    / "given_names_excluded.yaml"
)
VERSION = "1"
COMMON = 3
_CALENDAR = (
    "january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday"
)
CALENDAR = frozenset(_CALENDAR.split())
"""Month and day names: capitalised in every sentence, never a cue for a person."""
HEADER = f"""# Words that are listed given names but cue no person (version {VERSION}).
# The given names themselves are read at run time from the 1990 U.S. Census first-name lists
# shipped in the PyPI package `names` and from the people in phoenix_actors.tsv
# (newsweave/analyze/given_names.py); this file only says which of them to leave out.
# Why: a given name is a cue that the capitalised words after it are a person; a name that is
# also a common word of news text ("Will", "Grant", "Bill") or a month or day name would turn
# "Grant Park" or "June Talks" into people. Compiled by tools/compile_given_names.py: the
# names used in lower case at least {COMMON} times in a news corpus (PolNeAR training texts).
"""


def lower_words(corpus: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in sorted(corpus.glob("*.txt")):
        counts.update(re.findall(r"(?<![\w.])[a-z]+\b", path.read_text("utf-8")))
    return counts


def main(corpus_dir: str) -> None:
    common = lower_words(Path(corpus_dir))
    names = candidate_names()
    calendar = sorted(n for n in names if n in CALENDAR)
    words = sorted(n for n in names if n not in CALENDAR and common[n] >= COMMON)
    body = "calendar:\n" + "".join(f"  - {w}\n" for w in calendar)
    body += "common_words:\n" + "".join(f"  - {w}\n" for w in words)
    OUT.write_text(HEADER + body, "utf-8")
    print(f"{len(calendar) + len(words)} names left out -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
