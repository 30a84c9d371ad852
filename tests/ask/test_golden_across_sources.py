"""Golden corpus cases across sources (issue 15): tests/cases/across_sources_*/ holds
original articles about one story from several outlets (``articles/``, the date in each
file name) and ``corpus.json``, what an analyst reads from the resolved store: the claims
(value, hedge, unit, place, as-of date, status, claimants, how many documents, conflicting
values, parts), where each named place was put, the fields the citation walk finds
without evidence (none), and the answers ``ask`` builds from the facts with how many
documents they cite. Regenerate with ``pytest --update-golden`` and review the diff."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsweave.ask import ask
from newsweave.export.citations import uncited_fields
from newsweave.export.json import export_json
from newsweave.resolve.claims_list import ClaimListing, list_claims
from newsweave.store.sqlite import Store
from tests.conftest import CASES
from tests.resolve.stores import text_corpus_store

CASE_DIRS = sorted(p for p in CASES.glob("across_sources_*") if (p / "articles").is_dir())
QUESTIONS = {
    "across_sources_mudslide": (
        "How many people were killed in the mudslide near Cusco?",
        "How many people were injured in the mudslide?",
        "How many soldiers were sent to the area?",
        "Who is Carla Benavides?",
        "Who sent soldiers to the area?",
        "When did the mudslide hit?",
    ),
}
"""The questions asked of each case (an analyst's first questions about the story)."""


def _claim(claim: ClaimListing, names: dict[str, str]) -> str:
    text = f"{claim.what or '?'} {claim.hedge}{claim.number} {claim.unit or ''}"
    text += f" @{claim.place or '-'} as of {claim.as_of} {claim.status}"
    text += f" by {'; '.join(sorted(claim.claimants)) or '-'}"
    text += f" in {len({s.document for s in claim.sources})} docs"
    if claim.conflicts:
        text += " vs " + ", ".join(f"{c.kind} {c.value:g}" for c in claim.conflicts)
    if claim.part_of:
        text += " part of " + ", ".join(names.get(p, p) for p in claim.part_of)
    return text


def _places(export: dict[str, Any]) -> list[str]:
    found = []
    for entity in export["entities"]:
        if entity["type"] not in ("GPE", "LOC", "FAC"):
            continue
        geo = entity["geo"]
        where = f"{geo['gazetteer_id']} ({geo['country']})" if geo else "unplaced"
        found.append(f"{entity['type']} {entity['name']}: {where}")
    return sorted(found)


def describe(store: Store, questions: tuple[str, ...]) -> dict[str, Any]:
    claims = list_claims(store)
    names = {c.id: f"{c.what} {c.number}" for c in claims}
    export = export_json(store)
    answers = {}
    for question in questions:
        fact = ask(store, question).fact
        answers[question] = (
            f"{fact.text} [{len({c.document for c in fact.citations})} docs]" if fact else None
        )
    return {
        "claims": sorted(_claim(c, names) for c in claims),
        "places": _places(export),
        "uncited": uncited_fields(export),
        "answers": answers,
    }


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_golden_across_sources(case: Path, tmp_path: Path, update_golden: bool) -> None:
    files = {p.name: p.read_text(encoding="utf-8") for p in (case / "articles").glob("*.txt")}
    store = text_corpus_store(tmp_path, files)
    try:
        got = describe(store, QUESTIONS[case.name])
    finally:
        store.close()
    expected_file = case / "corpus.json"
    if update_golden or not expected_file.exists():
        expected_file.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
        if not update_golden:
            pytest.fail(f"wrote missing {expected_file}; review it and run again")
    assert got == json.loads(expected_file.read_text(encoding="utf-8"))
    assert got["uncited"] == []
