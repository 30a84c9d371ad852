"""Parts of figures on original articles: a figure that counts part of another figure of
its sentence ("including 31 minors", "14 of them soldiers", "of which 12") names that
figure (``part_of``) in the analysis, the store (round trip), the per-document and corpus
JSON export, the figures listing and its CLI table. Real spaCy model, real SQLite store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.analyze.figures import extract_figures
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.cli import app
from newsweave.cli.common import out
from newsweave.export.corpus import corpus_sections
from newsweave.model import Document, Role, Segment, content_id
from newsweave.model.facts import Figure
from newsweave.model.ids import fact_id
from newsweave.resolve.claims_list import list_claims
from newsweave.resolve.figure_parts import claim_parts
from newsweave.store.analysis import load_analysis
from newsweave.store.sqlite import Store
from tests.resolve.stores import add_articles

ARTICLES = [
    (
        "2027-03-14",
        "Overnight raids in Tarven",
        "Police in Tarven said 240 people were arrested overnight, including 31 minors. "
        "The unrest began after a fuel price rise on Friday.",
    ),
    (
        "2027-03-15",
        "Clashes near Marrow Ford",
        "The clashes near Marrow Ford left 57 people dead, 14 of them soldiers, the army "
        "said on Saturday. Officials counted 412 ballots in the village, of which 12 were "
        "void.",
    ),
]


def _figures(text: str) -> tuple[str, dict[str, Figure]]:
    document = Document(content_id("d", text), "test", text, (Segment(Role.BODY, 0, len(text)),))
    found = extract_figures(context_for(document, load(), ()), lambda s, e: None)
    return document.id, {f.span.text: f for f in found}


def _id(doc: str, figure: Figure) -> str:
    return fact_id("f", doc, figure.span.start, figure.span.end)


def test_a_part_names_the_figure_it_is_part_of() -> None:
    doc, found = _figures("Rescuers said 86 people were hurt, among them 9 firefighters.")
    assert found["9"].part_of == _id(doc, found["86"])
    assert found["86"].part_of is None
    doc, found = _figures("The storm destroyed 130 homes, 45 of which were in the old port.")
    assert found["45"].part_of == _id(doc, found["130"])
    assert found["45"].unit == "home"  # counts what the whole counts


def test_no_part_when_it_is_not_smaller_or_not_set_against_a_whole() -> None:
    _, found = _figures("Turnout reached 64 percent, including 70 percent in the capital.")
    assert found["70 percent"].part_of is None  # not smaller: no part
    _, found = _figures("The council approved 18 projects and rejected 5 others.")
    assert all(f.part_of is None for f in found.values())


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("parts")
    path = folder / "parts.db"
    store = Store.open(path)
    try:
        add_articles(store, folder, "parts", ARTICLES)
    finally:
        store.close()
    yield path


def test_parts_survive_the_store_and_reach_the_claims(store_path: Path) -> None:
    store = Store.open(store_path)
    try:
        rows = store.connection.execute(
            "SELECT p.text, w.text, p.document_id FROM figures AS p"
            " JOIN figures AS w ON w.id = p.part_of"
        ).fetchall()
        pairs = {(str(r[0]), str(r[1])) for r in rows}
        assert {("31", "240"), ("14", "57"), ("12", "412")} <= pairs
        for document in {str(r[2]) for r in rows}:
            analysis = load_analysis(store, document)
            assert analysis is not None
            assert any(f.part_of for f in analysis.figures)
        parts = claim_parts(store.connection)
        listed = {c.id: c for c in list_claims(store)}
        minors = next(c for c in listed.values() if c.value == 31)
        assert minors.part_of and listed[minors.part_of[0]].value == 240
        assert set(parts) <= set(listed)
        corpus = corpus_sections(store)
        claim = next(f for f in corpus["figures"] if f["value"] == 31)
        assert claim["part_of"] == list(minors.part_of)
    finally:
        store.close()


def test_the_cli_shows_parts(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(out, "width", 250)  # tables wide enough to read whole cells
    runner = CliRunner()
    table = runner.invoke(app, ["figures", "--db", str(store_path)])
    assert table.exit_code == 0, table.output
    assert "part of 240" in table.output
    listing = runner.invoke(app, ["figures", "--db", str(store_path), "--json"])
    rows = json.loads(listing.output)
    assert any(r["part_of"] for r in rows if r["value"] == 14)
    store = Store.open(store_path)
    try:
        doc = store.connection.execute(
            "SELECT document_id FROM figures WHERE text = '31'"
        ).fetchone()[0]
    finally:
        store.close()
    shown = runner.invoke(app, ["show", str(doc), "--db", str(store_path)])
    assert shown.exit_code == 0, shown.output
    assert "part of" in shown.output
    data = json.loads(
        runner.invoke(app, ["show", str(doc), "--db", str(store_path), "--json"]).output
    )
    part = next(f for f in data["facts"]["figures"] if f["text"] == "31")
    whole = next(f for f in data["facts"]["figures"] if f["text"] == "240")
    assert part["part_of"] == whole["id"]
