"""The figures listing over the example corpus: each claim with hedge, claimants, the
claims it conflicts with or revises and its sources (title, date, sentence); the CLI
command prints the same as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.resolve.claims import resolve_claims
from newsweave.resolve.claims_list import ClaimListing, list_claims
from newsweave.store.sqlite import Store
from tests.resolve.test_claims import build_example_store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("listing") / "listing.db"
    store = build_example_store(path)
    resolve_claims(store)
    store.close()
    yield path


def _claim(claims: list[ClaimListing], value: float) -> ClaimListing:
    return next(c for c in claims if c.value == value and c.what == "deaths")


def test_listing_carries_conflicts_revisions_and_sources(store_path: Path) -> None:
    store = Store.open(store_path)
    try:
        claims = list_claims(store, what="death")
    finally:
        store.close()
    assert claims and all("death" in c.what for c in claims)
    toll = _claim(claims, 173)
    assert toll.status == "conflicting"
    kinds = {(x.kind, x.value) for x in toll.conflicts}
    assert ("conflict", 181.0) in kinds and ("revision", 212.0) in kinds
    assert any("ministry" in name.lower() for name in toll.claimants)
    assert len({s.document for s in toll.sources}) >= 2
    for source in toll.sources:
        assert source.title and source.published
        assert source.figure_text in source.sentence
    hedged = next(c for c in claims if c.qualifier == "more_than" and c.value == 150)
    assert hedged.hedged_value == "more than 150"


def test_figures_command_json(store_path: Path) -> None:
    result = CliRunner().invoke(app, ["figures", "--db", str(store_path), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {"value", "qualifier", "claimants", "conflicts", "sources"} <= set(rows[0])
    assert any(r["what"] == "deaths" and r["conflicts"] for r in rows)
