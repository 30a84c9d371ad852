"""GraphML and GEXF exports, read back with networkx."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from newsweave.export.formats import export
from newsweave.export.graph import build_graph
from newsweave.store.sqlite import Store
from tests.export.stores import example_db, example_model


def _expected_edges() -> int:
    model = example_model()
    ids = {e["id"] for e in model["entities"]}
    relations = sum(1 for r in model["relations"] if r["subject"] in ids and r["object"] in ids)
    events = 0
    for event in model["events"]:
        actors = [a for a in dict.fromkeys(event["actors"]) if a in ids]
        targets = [t for t in dict.fromkeys(event["targets"]) if t in ids]
        events += sum(1 for a in actors for t in targets if a != t)
        events += len(actors) * (len(actors) - 1) // 2
    return relations + events


def test_graphml_reads_back_with_networkx(tmp_path: Path) -> None:
    path = tmp_path / "corpus.graphml"
    with Store.open(example_db()) as store:
        export(store, "graphml", path)
    graph = nx.read_graphml(path, force_multigraph=True)
    model = example_model()
    assert graph.number_of_nodes() == len(model["entities"])
    assert graph.number_of_edges() == _expected_edges() > 0
    people = [n for n, d in graph.nodes(data=True) if d["type"] == "PERSON"]
    assert len(people) == sum(1 for e in model["entities"] if e["type"] == "PERSON")
    by_id = {e["id"]: e for e in model["entities"]}
    for node, data in graph.nodes(data=True):
        assert data["label"] == by_id[node]["name"]
        assert isinstance(data["mentions"], int) and data["mentions"] == by_id[node]["mentions"]
    kinds = {d["kind"] for _, _, d in graph.edges(data=True)}
    assert kinds == {"relation", "event"}
    for _, _, data in graph.edges(data=True):
        assert isinstance(data["weight"], float) and data["weight"] >= 1
        assert data["evidence_documents"].split()
    text = path.read_text("utf-8")
    assert 'attr.name="weight" attr.type="double"' in text
    assert 'attr.name="mentions" attr.type="long"' in text


def test_gexf_reads_back_with_networkx(tmp_path: Path) -> None:
    path = tmp_path / "corpus.gexf"
    with Store.open(example_db()) as store:
        export(store, "gexf", path)
    graph = nx.read_gexf(path)
    assert graph.number_of_nodes() == len(example_model()["entities"])
    assert graph.number_of_edges() == _expected_edges()
    places = [d for _, d in graph.nodes(data=True) if "lat" in d]
    assert places and all(isinstance(d["lat"], float) for d in places)


def test_relations_and_events_are_typed_edges() -> None:
    graph = build_graph(example_model())
    predicates = {
        d.get("predicate") for _, _, d in graph.edges(data=True) if d["kind"] == "relation"
    }
    assert {"child_of", "leads"} <= predicates
    event_edges = [d for _, _, d in graph.edges(data=True) if d["kind"] == "event"]
    assert event_edges and all(d["event_type"] and d["role"] for d in event_edges)
    dated = [d for _, d in graph.nodes(data=True) if "first_date" in d]
    assert dated and all(d["first_date"] <= d["last_date"] for d in dated)
