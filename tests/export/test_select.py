"""Selections keep a consistent part of the corpus model: no fact points at what is left out."""

from __future__ import annotations

from typing import Any

from newsweave.export.select import FACT_SECTIONS, Selection, references, select
from tests.export.stores import example_model


def _consistent(part: dict[str, Any]) -> None:
    entities = {e["id"] for e in part["entities"]}
    documents = {d["id"] for d in part["documents"]}
    for section in FACT_SECTIONS:
        for fact in part[section]:
            assert set(references(section, fact)) <= entities, (
                section,
                fact.get("id", fact),
            )
            assert {e["document"] for e in fact.get("evidence", [])} <= documents
    figures = {f["id"] for f in part["figures"]}
    for conflict in part["conflicts"]:
        assert figures.intersection(conflict["figures"])


def test_everything_is_the_model_itself() -> None:
    model = example_model()
    assert select(model, Selection()) is model


def test_one_entity_by_name_keeps_its_facts() -> None:
    model = example_model()
    person = max(
        (e for e in model["entities"] if e["type"] == "PERSON"), key=lambda e: e["mentions"]
    )
    part = select(model, Selection(entities=(person["name"].upper(),)))
    _consistent(part)
    assert person["id"] in {e["id"] for e in part["entities"]}
    assert part["relations"] and all(
        person["id"] in (r["subject"], r["object"]) for r in part["relations"]
    )
    assert len(part["entities"]) < len(model["entities"])


def test_a_period_keeps_facts_dated_inside_it() -> None:
    model = example_model()
    part = select(model, Selection(date_from="2024-01-10", date_to="2024-01-15"))
    _consistent(part)
    assert part["events"]
    for event in part["events"]:
        if event["date"]:
            assert "2024-01-10" <= event["date"][:10] <= "2024-01-15" or len(event["date"]) < 10
    assert len(part["events"]) < len(model["events"])


def test_a_type_filters_events_or_entities() -> None:
    model = example_model()
    protests = select(model, Selection(types=("protest",)))
    assert protests["events"] and all(e["type"] == "PROTEST" for e in protests["events"])
    assert not protests["quotes"]
    _consistent(protests)
    people = select(model, Selection(types=("PERSON",)))
    _consistent(people)
    assert {e["id"] for e in model["entities"] if e["type"] == "PERSON"} <= {
        e["id"] for e in people["entities"]
    }


def test_a_document_keeps_only_what_it_states() -> None:
    model = example_model()
    doc = model["documents"][0]["id"]
    part = select(model, Selection(documents=(doc[:8],)))
    _consistent(part)
    assert [d["id"] for d in part["documents"]] == [doc]
    assert all(doc in e["documents"] for e in part["entities"])
