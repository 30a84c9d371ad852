"""Golden analysis cases: tests/cases/<name>/ holds an input (``input.html``/``input.txt``,
or ``input.ref`` naming an example-corpus file) and ``analysis.json``, the facts expected
from it. Regenerate with ``pytest --update-golden`` and review the diff."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from newsweave.analyze.events_quotes import quote_key
from newsweave.analyze.gazetteer import Gazetteer, load_places_file
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.analyze.run import analyze
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import Format, RawItem
from newsweave.model import Document
from newsweave.model.facts import DocAnalysis
from newsweave.model.ids import fact_id
from tests.conftest import CASES, EXAMPLES, ROOT

CASE_DIRS = sorted(
    p for p in CASES.iterdir() if (p / "analysis.json").exists() or (p / "input.ref").exists()
)


def _source(case: Path) -> Path:
    ref = case / "input.ref"
    if ref.exists():
        return ROOT / ref.read_text().strip()
    return next(case.glob("input.*"))


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer.build(load_places_file(EXAMPLES / "gazetteer.csv"))


def run_case(case: Path) -> tuple[Document, DocAnalysis]:
    source = _source(case)
    fmt: Format = "html" if source.suffix in (".html", ".htm") else "text"
    document = parse(RawItem(source.name, source.read_text(encoding="utf-8"), fmt))
    places = load_places_file(EXAMPLES / "gazetteer.csv")
    ctx = context_for(document, load(), places)
    return document, analyze(ctx, _gazetteer())


def describe(analysis: DocAnalysis) -> dict[str, Any]:
    """What a golden case pins down: compact, readable in a diff."""
    names = {a.id: a.name for a in analysis.actors}
    quoted = {quote_key(analysis.document, q): q.span.text for q in analysis.quotes}
    figure_texts = {
        fact_id("f", analysis.document, f.span.start, f.span.end): f.span.text
        for f in analysis.figures
    }
    return {
        "actors": sorted(
            f"{a.type} {a.name}"
            + (f" [{'; '.join(dict.fromkeys(t.text for t in a.titles))}]" if a.titles else "")
            for a in analysis.actors
        ),
        "times": [f"{t.span.text} = {t.value}" for t in analysis.times],
        "figures": [
            f"{f.span.text} = {f.value:g} {f.qualifier or ''} {f.unit or ''} {f.what or ''}"
            f" <{names.get(f.claimed_by or '', f.claimed_by_text or '')}>".replace("  ", " ")
            + (f" part of {figure_texts.get(f.part_of, '?')}" if f.part_of else "")
            for f in analysis.figures
        ],
        "quotes": [
            f"{names.get(q.speaker or '', q.speaker_text or '?')}"
            + (
                f" for {names.get(q.on_behalf_of or '', q.on_behalf_of_text or '')}"
                if q.on_behalf_of_text
                else ""
            )
            + f" ({q.verb}, {'direct' if q.direct else 'indirect'}): {q.span.text[:70]}"
            for q in analysis.quotes
        ],
        "events": [
            f"{e.type}/{e.mode} {e.modality} {e.date} ({e.date_source}): {e.label}"
            + "".join(f" “{quoted.get(q, '?')[:40]}”" for q in e.quotes)
            for e in analysis.events
        ],
        "relations": sorted(
            f"{names.get(r.subject, r.subject)} {r.predicate} "
            f"{names.get(r.object or '', r.object_text or '')}"
            + (f" ({r.qualifier})" if r.qualifier else "")
            for r in analysis.relations
        ),
    }


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_golden_analysis(case: Path, update_golden: bool) -> None:
    document, analysis = run_case(case)
    got = describe(analysis)
    expected_file = case / "analysis.json"
    if update_golden or not expected_file.exists():
        expected_file.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
        if not update_golden:
            pytest.fail(f"wrote missing {expected_file}; review it and run again")
    assert got == json.loads(expected_file.read_text(encoding="utf-8"))
    evidence = [
        *(m.evidence for m in analysis.mentions),
        *(t.evidence for t in analysis.times),
        *(f.evidence for f in analysis.figures),
        *(q.evidence for q in analysis.quotes),
        *(r.evidence for r in analysis.relations),
        *(e for event in analysis.events for e in event.evidence),
    ]
    for ev in evidence:
        assert ev.document == document.id
        assert 0 <= ev.start <= ev.end <= len(document.text)
        assert document.text[ev.start : ev.end] in ev.text
