"""The actor graph (``newsweave export --format graphml|gexf``) for Gephi and networkx.

Nodes are the entities of the ``newsweave/1`` object; edges are typed:

- ``kind=relation``: one edge per relation (subject -> object), ``predicate`` and
  ``qualifier`` from the relation, ``date`` its time;
- ``kind=event``: one edge per event and pair of participants: actor -> target
  (``role=actor-target``) and between two actors of one event (``role=co-actor``), with
  the event's ``event_type``, ``mode``, ``date`` and ``modality``.

Every edge carries ``weight`` (the number of evidence sentences), ``evidence_documents``
(the ids of the documents that state it, joined by spaces: GraphML and GEXF attributes are
scalars) and its fact's ``id``; a tie no sentence states (a place in a place, from the
gazetteer) counts the sentences it was derived from and says so in ``derived_from``.
Nodes carry type, country, coordinates, mention and document counts, and the first and
last date the corpus ties to them. Attributes that a
node has no value for are left out, never written as empty strings, so each key keeps one
declared type.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from newsweave.export.atomic import atomic_path
from newsweave.export.select import derivation, sources

JSONObject = dict[str, Any]
if TYPE_CHECKING:
    Graph = nx.MultiDiGraph[str]


def build_graph(export: JSONObject) -> Graph:
    """The actor graph of a ``newsweave/1`` object."""
    graph: Graph = nx.MultiDiGraph(name="newsweave actor graph")
    published = {d["id"]: d.get("published") for d in export.get("documents", [])}
    dates: dict[str, list[str]] = {}
    for entity in export.get("entities", []):
        graph.add_node(entity["id"], **_node(entity))
        dates[entity["id"]] = [p for d in entity.get("documents", []) if (p := published.get(d))]
    for relation in export.get("relations", []):
        subject, obj = relation.get("subject"), relation.get("object")
        if subject not in graph or obj not in graph:
            continue
        attrs = _edge("relation", relation)
        attrs["predicate"] = relation["predicate"]
        _put(attrs, "qualifier", relation.get("qualifier"))
        _put(attrs, "date", relation.get("time"))
        graph.add_edge(subject, obj, key=relation["id"], **attrs)
    for event in export.get("events", []):
        actors = _present(graph, event.get("actors", []))
        targets = _present(graph, event.get("targets", []))
        pairs = [(a, t, "actor-target") for a in actors for t in targets if a != t]
        pairs += [(a, b, "co-actor") for a, b in combinations(sorted(actors), 2)]
        for source, target, role in pairs:
            attrs = _edge("event", event)
            attrs["role"] = role
            attrs["event_type"] = event["type"]
            _put(attrs, "mode", event.get("mode"))
            _put(attrs, "date", event.get("date"))
            _put(attrs, "modality", event.get("modality"))
            _put(attrs, "label", event.get("label"))
            graph.add_edge(source, target, key=f"{event['id']}:{source}:{target}", **attrs)
        if event.get("date"):
            for node in {*actors, *targets}:
                dates[node].append(event["date"])
    for node, known in dates.items():
        if known and node in graph:
            graph.nodes[node]["first_date"] = min(known)
            graph.nodes[node]["last_date"] = max(known)
    return graph


def write_graphml(export: JSONObject, path: Path) -> Graph:
    """Write the actor graph as GraphML (attribute keys declared with their types)."""
    graph = build_graph(export)
    with atomic_path(path) as temporary:
        nx.write_graphml(graph, temporary, encoding="utf-8", prettyprint=True)
    return graph


def write_gexf(export: JSONObject, path: Path) -> Graph:
    """Write the actor graph as GEXF 1.2 (Gephi's own format)."""
    graph = build_graph(export)
    with atomic_path(path) as temporary:
        nx.write_gexf(graph, temporary, encoding="utf-8", prettyprint=True)
    return graph


def _node(entity: JSONObject) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "label": entity.get("name") or entity["id"],
        "type": entity.get("type") or "",
        "mentions": int(entity.get("mentions") or 0),
        "documents": len(entity.get("documents", [])),
    }
    geo = entity.get("geo") or {}
    _put(attrs, "country", geo.get("country") or entity.get("country"))
    if geo.get("lat") is not None and geo.get("lon") is not None:
        attrs["lat"] = float(geo["lat"])
        attrs["lon"] = float(geo["lon"])
    if entity.get("aliases"):
        attrs["aliases"] = "; ".join(entity["aliases"])
    if entity.get("titles"):
        attrs["titles"] = "; ".join(entity["titles"])
    return attrs


def _edge(kind: str, fact: JSONObject) -> dict[str, Any]:
    evidence = sources(fact)
    documents = sorted({e["document"] for e in evidence if e.get("document")})
    attrs = {
        "kind": kind,
        "id": fact["id"],
        "weight": float(max(len(evidence), 1)),
        "evidence_documents": " ".join(documents),
    }
    _put(attrs, "derived_from", derivation(fact))
    return attrs


def _put(attrs: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value != "":
        attrs[key] = str(value)


def _present(graph: Graph, ids: Iterable[str]) -> list[str]:
    return [i for i in dict.fromkeys(ids) if i in graph]
