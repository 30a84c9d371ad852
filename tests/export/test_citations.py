"""Evidence for every field: the whole ``newsweave/1`` export of the example corpus and of
a small store of real articles (Wikinews texts, Zyte benchmark pages) has no shown field
without evidence; the walk itself fails on a field that lost its evidence."""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsweave.analyze.gazetteer import Gazetteer
from newsweave.export.citations import uncited_fields
from newsweave.export.json import export_json
from newsweave.ingest.pipeline import ingest
from newsweave.pipeline import analyze_store
from newsweave.pipeline.work import extra_places
from newsweave.resolve.corpus import resolve_corpus
from newsweave.settings import Settings
from newsweave.store.sqlite import Store
from tests.conftest import EXAMPLES
from tests.resolve.test_claims import build_example_store


def _example_settings() -> Settings:
    return Settings().replace("analyze.gazetteer_files", (EXAMPLES / "gazetteer.csv",))


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = build_example_store(tmp_path_factory.mktemp("cite") / "cite.db")
    gazetteer = Gazetteer.build(extra_places(_example_settings()))
    resolve_corpus(store, gazetteer)
    yield store
    store.close()


@pytest.fixture(scope="module")
def example(example_store: Store) -> dict[str, Any]:
    return export_json(example_store)


def test_evidence_offsets_lie_inside_the_cited_sentence(
    example: dict[str, Any], example_store: Store
) -> None:
    """``start``/``end`` mark the words that state the fact (the sentence of an event, a
    figure or a timeline entry; the phrase of a relation; the quoted words) and always lie
    inside ``text``, the sentence: a reader can highlight both."""
    texts: dict[str, str] = {}
    seen = 0
    for kind in ("relations", "events", "quotes", "figures", "timeline"):
        for fact in example[kind]:
            for evidence in fact["evidence"]:
                doc = evidence["document"]
                if doc not in texts:
                    texts[doc] = example_store.get_document(doc).text
                start, end, sentence = evidence["start"], evidence["end"], evidence["text"]
                words = texts[doc][start:end]
                assert words and words in sentence, (kind, fact["id"], words)
                at = texts[doc].rfind(sentence, 0, start + len(sentence))
                assert at >= 0 and at + len(sentence) >= end, (kind, fact["id"], sentence)
                seen += 1
    assert seen > 1000


def test_example_export_has_no_uncited_field(example: dict[str, Any]) -> None:
    assert uncited_fields(example) == []


def test_entities_cite_names_type_and_coordinates(example: dict[str, Any]) -> None:
    placed = [e for e in example["entities"] if e["geo"]]
    assert placed
    for entity in placed:
        gazetteer = entity["geo_evidence"]["gazetteer"]
        assert gazetteer["id"] == entity["geo"]["gazetteer_id"]
        assert entity["geo_evidence"]["mentions"]
    person = next(e for e in example["entities"] if e["type"] == "PERSON" and e["titles"])
    for cited in person["name_evidence"]:
        assert cited["text"][cited["mention_start"] - cited["start"] :][:1]
    assert {t["title"] for t in person["title_evidence"]} >= set(person["titles"])


def test_conflict_values_cite_their_sentences(example: dict[str, Any]) -> None:
    for conflict in example["conflicts"] + example["revisions"]:
        assert [v["value"] for v in conflict["value_evidence"]] == conflict["values"]
        for value in conflict["value_evidence"]:
            assert value["evidence"]


def test_gazetteer_ties_are_derived_not_cited(example: dict[str, Any]) -> None:
    names = {e["id"]: [e["name"], *e["aliases"]] for e in example["entities"]}
    derived = [r for r in example["relations"] if "derived_from" in r]
    assert derived and all(r["predicate"] == "located_in" for r in derived)
    for relation in derived:
        assert relation["derived_from"]["source"] == "gazetteer"
        for item in relation["evidence"]:
            assert any(n.lower() in item["text"].lower() for n in names[relation["object"]])


def test_documents_cite_date_and_authors(example: dict[str, Any]) -> None:
    for doc in example["documents"]:
        if doc["published"]:
            (cited,) = doc["published_evidence"]
            assert cited["source"] == doc["date_source"]
            assert cited["inferred"] == doc["date_inferred"]
    bylined = [d for d in example["documents"] if d["authors"]]
    assert any("segment" in a for d in bylined for a in d["authors_evidence"])


def test_the_walk_finds_a_field_without_evidence(example: dict[str, Any]) -> None:
    broken = copy.deepcopy(example)
    broken["entities"][0]["name_evidence"] = []
    broken["conflicts"][0]["value_evidence"] = []
    broken["figures"][0]["evidence"] = []
    assert set(uncited_fields(broken)) == {
        "entities[0].name",
        "entities[0].aliases",
        "conflicts[0].values",
        "figures[0].evidence",
    } - ({"entities[0].aliases"} if not broken["entities"][0]["aliases"] else set())


def _real_corpus(data_dir: Path, folder: Path) -> Path:
    """Two Wikinews articles (as text files) and two Zyte benchmark pages."""
    with (data_dir / "wikinews" / "wikinews_2020.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:2]
    for i, row in enumerate(rows):
        text = f"{row['title']}\n{row['date']}\n\n{row['text']}\n"
        (folder / f"wikinews-{i}.txt").write_text(text, encoding="utf-8")
    pages = sorted((data_dir / "article_extraction" / "html").glob("*.html"))[:2]
    for page in pages:
        (folder / page.name).write_bytes(page.read_bytes())
    return folder


def test_real_article_export_has_no_uncited_field(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    corpus = _real_corpus(data_dir, tmp_path / "corpus")
    store = Store.open(tmp_path / "real.db")
    try:
        ingest([str(corpus)], store, Settings(), follow_links=False)
        analyze_store(store, Settings())
        resolve_corpus(store, Gazetteer.build())
        export = export_json(store)
    finally:
        store.close()
    assert len(export["documents"]) == 4
    assert export["entities"] and export["figures"]
    assert uncited_fields(export) == [], json.dumps(uncited_fields(export)[:10])
