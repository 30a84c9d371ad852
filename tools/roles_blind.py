"""List the paragraphs newsweave cuts from benchmark pages, WITHOUT their roles.

For blind labelling of the held-out role set (``evaluate/data/roles_heldout.yaml``,
issue 21): the annotator sees each paragraph's key and text, never newsweave's role, so the
labels do not follow the rules. Usage::

    .venv/bin/python tools/roles_blind.py ../shared/data PAGE_ID [PAGE_ID ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsweave.evaluate.extraction import load_pages
from newsweave.evaluate.roles import paragraph_key
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import Hints, RawItem


def main(argv: list[str]) -> int:
    data, wanted = Path(argv[0]), set(argv[1:])
    for page in load_pages(data):
        if page.id not in wanted:
            continue
        doc = parse(RawItem(page.id, page.html, "html", Hints(url=page.url)), min_words=0)
        print(f"=== {page.id}  {page.url}")
        seen: set[str] = set()
        for segment in doc.segments:
            text = doc.segment_text(segment)
            key = paragraph_key(text)
            if key in seen:
                continue
            seen.add(key)
            shown = text if len(text) <= 300 else text[:240] + " […] " + text[-50:]
            print(f"{key}\t{shown!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
