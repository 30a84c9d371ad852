"""Compile the Phoenix (PETRARCH2) actor dictionaries into the names stage's name list.

Reads, from a folder holding the PETRARCH2 dictionaries (``../shared/data/petrarch2``):

- ``Phoenix.Countries.actors.txt``: the people of CountryInfo (leaders and officials, each
  entry a name with ``+`` aliases and ``[CCCROLE dates]`` codes) → ``PERSON`` rows with the
  country code of their first role;
- ``Phoenix.MilNonState.actors.txt``: militant and non-state groups → ``ORG`` rows.

Writes ``src/newsweave/analyze/data/phoenix_actors.tsv``: one ``TYPE<TAB>name<TAB>country``
row per name (names lower-cased, underscores to spaces, bracketed acronyms dropped), with a
header that names the source, its commit and its MIT licence (© 2014 Open Event Data
Alliance), which allows redistribution with the notice. Only names of two or more words are
kept: one-word names are too ambiguous to type anything by.

Usage: ``python tools/compile_phoenix_actors.py ../shared/data/petrarch2``
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

OUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "newsweave"
    / "analyze"
    / "data"
    / "phoenix_actors.tsv"
)
VERSION = "1"
HEADER = f"""# Phoenix actor names, compiled by tools/compile_phoenix_actors.py (version {VERSION}).
# Source: PETRARCH2 dictionaries (openeventdata/petrarch2, commit
# 676801cd9cb2924bbbad09f86d15c9323e7097bf, petrarch2/data/dictionaries/):
# Phoenix.Countries.actors.txt (people of CountryInfo.140130) and
# Phoenix.MilNonState.actors.txt (non-state groups).
# Licence: MIT. Copyright (c) 2014 Open Event Data Alliance. Permission is hereby granted,
# free of charge, to any person obtaining a copy of this software and associated
# documentation files, to deal in the Software without restriction, subject to the
# inclusion of the copyright notice and this permission notice in all copies or
# substantial portions. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
# Columns: type, name (lower case), country (CAMEO country code of the first role, or -).
"""

_CODE = re.compile(r"\[([A-Z]{3})")
TITLES = frozenset(
    str.split(
        "mr mrs ms dr gen general col colonel lt maj major capt captain adm admiral president pres "
        "vice prime minister secretary ambassador amb senator sen rep gov governor king queen "
        "prince princess sheikh emir sultan pm fm chief judge justice mayor deputy former "
        "chairman speaker lord sir premier crown cardinal pope bishop"
    )
)
"""Title words an alias may open with ("GEN._EISENHOWER"): such aliases are left out, the
name is what the list gives."""
GROUP_WORDS = frozenset(
    str.split(
        "army brigade brigades front movement organization organisation party group council "
        "committee league union force forces militia jamaat jihad resistance liberation "
        "revolutionary battalion battalions cells cell association alliance federation "
        "guard guards fighters mujahideen mujahidin network tigers commandos squad squads "
        "legion faction nuclei congress coalition society brotherhood rebels"
    )
)
"""Words a non-state group's name holds; entries without one are its leaders' names."""
_ACRONYM = re.compile(r"\([^)]*\)")


def _name(raw: str) -> str | None:
    """ "LUIZ_INACIO_LULA_DA_SILVA_" → "luiz inacio lula da silva"."""
    text = _ACRONYM.sub(" ", raw.split("#")[0].split("[")[0].strip().lstrip("+"))
    words = [w for w in text.replace("_", " ").split() if w]
    if len(words) < 2 or not all(re.fullmatch(r"[A-Za-z.'-]+", w) for w in words):
        return None
    if words[0].lower().rstrip(".") in TITLES:
        return None
    return " ".join(words).lower()


def _entries(path: Path) -> Iterator[tuple[list[str], str]]:
    """(names, first country code) of each entry of a TABARI actor file."""
    names: list[str] = []
    code = ""
    for line in path.read_text("utf-8", errors="replace").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line[:1] not in "+\t [" and not stripped.startswith("["):
            if names:
                yield names, code
            names, code = [], ""
        if not stripped.startswith("["):
            name = _name(stripped)
            if name:
                names.append(name)
        found = _CODE.search(stripped)
        if found and not code:
            code = found.group(1)
    if names:
        yield names, code


def _people(path: Path) -> Iterator[tuple[str, str]]:
    text = path.read_text("utf-8", errors="replace")
    people = {m.group(1) for m in re.finditer(r"^(\S+)\s+# CountryInfo", text, re.MULTILINE)}
    wanted = {n for n in (_name(p) for p in people) if n}
    for names, code in _entries(path):
        if names[0] in wanted:
            for name in names:
                yield name, code or "-"


def compile_rows(folder: Path) -> list[str]:
    rows: dict[str, str] = {}
    for name, code in _people(folder / "Phoenix.Countries.actors.txt"):
        rows.setdefault(name, f"PERSON\t{name}\t{code}")
    for names, code in _entries(folder / "Phoenix.MilNonState.actors.txt"):
        for name in names:
            if GROUP_WORDS & set(name.split()):
                rows.setdefault(name, f"ORG\t{name}\t{code[:3] if code else '-'}")
    return sorted(rows.values())


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("../shared/data/petrarch2")
    rows = compile_rows(folder)
    OUT.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} names -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
