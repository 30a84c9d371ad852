"""Golden cases: each folder under tests/cases/ holds an input page and the expected
document (metadata and segments by role). Regenerate with ``pytest --update-golden`` and
review the diff."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsweave.ingest.parse import parse
from newsweave.ingest.raw import Format, Hints, RawItem
from newsweave.model import Document
from tests.conftest import CASES

INPUTS = (".html", ".htm", ".txt", ".md")
CASE_DIRS = sorted(p for p in CASES.iterdir() if any(f.suffix in INPUTS for f in p.glob("input.*")))


def _input(case: Path) -> RawItem:
    source = next(f for f in case.glob("input.*") if f.suffix in INPUTS)
    hints_file = case / "hints.json"
    hints = Hints(**json.loads(hints_file.read_text())) if hints_file.exists() else Hints()
    fmt: Format = "html" if source.suffix in (".html", ".htm") else "text"
    return RawItem(source.name, source.read_text(encoding="utf-8"), fmt, hints)


def describe(doc: Document) -> dict[str, Any]:
    """What a golden case pins down about a document."""
    return {
        "title": doc.title,
        "authors": list(doc.authors),
        "publisher": doc.publisher,
        "published": doc.published.iso() if doc.published else None,
        "date_source": doc.date.source if doc.date else None,
        "date_inferred": doc.date.inferred if doc.date else None,
        "language": doc.language,
        "genre": doc.genre,
        "extra": dict(doc.extra),
        "segments": [[s.role.value, doc.segment_text(s)] for s in doc.segments],
    }


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_golden_case(case: Path, update_golden: bool) -> None:
    doc = parse(_input(case))
    got = describe(doc)
    expected_file = case / "expected.json"
    if update_golden or not expected_file.exists():
        expected_file.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
        if not update_golden:
            pytest.fail(f"wrote missing {expected_file}; review it and run again")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert got == expected


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_offsets_point_to_segment_text(case: Path) -> None:
    doc = parse(_input(case))
    for segment in doc.segments:
        text = doc.text[segment.start : segment.end]
        assert text and text == text.strip()
    if doc.date and doc.date.evidence:
        ev = doc.date.evidence
        assert doc.text[ev.start : ev.end] in ev.text
