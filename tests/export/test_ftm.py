"""FollowTheMoney export: read back through followthemoney's own model and command line."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newsweave.export.formats import export
from newsweave.export.ftm import entity_schema, ftm_proxies
from newsweave.store.sqlite import Store
from tests.export.stores import example_db, example_model

followthemoney = pytest.importorskip("followthemoney")


@pytest.fixture(scope="module")
def ftm_lines(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = tmp_path_factory.mktemp("ftm") / "corpus.ftm.json"
    with Store.open(example_db()) as store:
        export(store, "ftm", path)
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_every_line_is_a_valid_proxy(ftm_lines: list[dict[str, Any]]) -> None:
    from followthemoney import model

    assert ftm_lines
    for data in ftm_lines:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.validate(proxy.to_dict()) is None  # type: ignore[arg-type]
        for required in proxy.schema.required:
            assert proxy.get(required), (proxy.schema.name, required, data)


def test_references_point_at_exported_entities_of_the_right_schema(
    ftm_lines: list[dict[str, Any]],
) -> None:
    from followthemoney import model

    schemata = {d["id"]: d["schema"] for d in ftm_lines}
    assert len(schemata) == len(ftm_lines), "ids are unique"
    checked = 0
    for data in ftm_lines:
        schema = model.get(data["schema"])
        assert schema is not None
        for name, values in data["properties"].items():
            prop = schema.properties[name]
            if prop.type.name != "entity":
                continue
            for value in values:
                assert value in schemata, (data["schema"], name, value)
                target = model.get(schemata[value])
                assert target is not None and prop.range is not None
                assert target.is_a(prop.range.name), (data["schema"], name, schemata[value])
                checked += 1
    assert checked > 100


def test_ftm_command_line_validates_the_file(tmp_path: Path) -> None:
    path = tmp_path / "corpus.ftm.json"
    with Store.open(example_db()) as store:
        report = export(store, "ftm", path)
    valid = tmp_path / "valid.ftm.json"
    ftm = Path(sys.executable).with_name("ftm")  # followthemoney's own command line
    command = [str(ftm), "validate", "-i", str(path), "-o", str(valid)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = valid.read_text("utf-8").splitlines()
    assert len(lines) == report.counts["FtM entities"]


def test_every_fact_is_sourced(ftm_lines: list[dict[str, Any]]) -> None:
    """Intervals and events carry proof (the Articles) and the sentence that states them."""
    articles = {d["id"] for d in ftm_lines if d["schema"] == "Article"}
    facts = [
        d
        for d in ftm_lines
        if d["schema"]
        in {
            "Event",
            "Occupancy",
            "Family",
            "Membership",
            "Employment",
            "Directorship",
            "UnknownLink",
        }
    ]
    assert facts
    for data in facts:
        proof = data["properties"].get("proof", [])
        assert proof and set(proof) <= articles, data
        assert data["properties"].get("summary"), data
        assert any(d.startswith("newsweave evidence ") for d in data["properties"]["description"])
    linked = {
        v for d in ftm_lines if d["schema"] == "Documentation" for v in d["properties"]["entity"]
    }
    legal = {
        d["id"]
        for d in ftm_lines
        if d["schema"]
        in {"Person", "Organization", "Company", "PublicBody", "LegalEntity", "Address"}
    }
    assert legal <= linked, "every entity is tied to the documents that name it"


def test_counts_agree_with_the_corpus_model(ftm_lines: list[dict[str, Any]]) -> None:
    model = example_model()
    counts = Counter(d["schema"] for d in ftm_lines)
    assert counts["Article"] == len(model["documents"])
    assert counts["Event"] == len(model["events"])
    people = sum(1 for e in model["entities"] if e["type"] == "PERSON")
    assert counts["Person"] == people
    mapped = sum(1 for e in model["entities"] if entity_schema(e) is not None)
    legal = ("Person", "Organization", "Company", "PublicBody", "LegalEntity", "Address")
    assert sum(counts[s] for s in legal) == mapped
    assert counts["Occupancy"] > 0 and counts["Position"] > 0 and counts["Family"] > 0


def test_ids_are_stable_and_derived_from_ours() -> None:
    model = example_model()
    first = [p.to_dict() for p in ftm_proxies(model)]
    second = [p.to_dict() for p in ftm_proxies(model)]
    assert first == second
    ours = {e["id"] for e in model["entities"]}
    assert {d["id"][3:] for d in first if d["schema"] == "Person"} <= ours


def test_organisations_are_typed_by_their_names() -> None:
    assert entity_schema({"type": "ORG", "name": "Coastal Freight Holdings Ltd"}) == "Company"
    assert entity_schema({"type": "ORG", "name": "Ministry of Water Resources"}) == "PublicBody"
    assert entity_schema({"type": "ORG", "name": "Friends of the Lagoon"}) == "Organization"
    assert entity_schema({"type": "GPE", "name": "Vellary"}) == "Address"
    assert entity_schema({"type": "PRODUCT", "name": "a ferry"}) is None
