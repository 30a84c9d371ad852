"""Claims across documents: compatibility of hedged values (pure), and on the example
corpus the 173/181 conflict, "more than 150" consistent with 173, 212 as a revision,
corroboration with evidence from several documents, idempotence and forgetting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.ingest.pipeline import ingest
from newsweave.pipeline import analyze_store
from newsweave.resolve.claims import (
    Amount,
    ClaimRecord,
    claim_records,
    compatible,
    conflict_records,
    normalise_unit,
    normalise_what,
    resolve_claims,
)
from newsweave.settings import Settings
from newsweave.store.sqlite import Store
from tests.conftest import EXAMPLES


def build_example_store(path: Path) -> Store:
    """The example corpus ingested and analysed into a new store at ``path``."""
    settings = Settings().replace("analyze.gazetteer_files", (EXAMPLES / "gazetteer.csv",))
    store = Store.open(path)
    ingest([str(EXAMPLES / "corpus")], store, settings, follow_links=False)
    analyze_store(store, settings)
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    opened = build_example_store(tmp_path_factory.mktemp("claims") / "claims.db")
    resolve_claims(opened)
    yield opened
    opened.close()


# --------------------------------------------------------------------------- pure


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Amount(173), Amount(173), True),
        (Amount(173), Amount(181), False),
        (Amount(150, "more_than"), Amount(173), True),
        (Amount(150, "more_than"), Amount(150), False),
        (Amount(150, "at_least"), Amount(150), True),
        (Amount(173, "at_least"), Amount(181), True),
        (Amount(4000, "nearly"), Amount(3900), True),
        (Amount(4000, "nearly"), Amount(3200), False),
        (Amount(4000, "nearly"), Amount(4100), False),
        (Amount(4000, "approx"), Amount(3700), True),
        (Amount(4000, "approx"), Amount(4350), True),
        (Amount(4000, "approx"), Amount(3200), False),
        (Amount(30000, "up_to"), Amount(6000, "approx"), True),
        (Amount(100, "at_most"), Amount(120), False),
        (Amount(100, "less_than"), Amount(100), False),
        (Amount(24, "approx", vague=True), Amount(48, "at_least"), True),
        (Amount(24, "approx", vague=True), Amount(19), False),
        (Amount(0, None, low=10, high=20), Amount(15), True),
        (Amount(0, None, low=10, high=20), Amount(25, "more_than"), False),
    ],
)
def test_compatible(a: Amount, b: Amount, expected: bool) -> None:
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


def test_quantities_are_normalised() -> None:
    assert {normalise_what(w) for w in ("killed", "dead", "died", "death toll")} == {"deaths"}
    assert {normalise_what(w) for w in ("detained", "arrested")} == {"detentions"}
    assert normalise_what("soldiers wounded") == "injuries"
    assert normalise_what("detainees released") == "releases"
    assert normalise_what(None, "body") == "deaths"
    assert normalise_what(None, "seat") == "seats"
    assert normalise_what(None, "USD") == "money"
    assert normalise_what(None, "percent") == "share"
    assert normalise_what(None, "bidder") is None
    assert normalise_what("took part") == "participants"
    assert normalise_what("residents displaced") == "displaced"
    assert normalise_what("Share of SAL") == "share of sal"
    assert normalise_what(None) is None
    assert normalise_unit(None, "deaths") == "person"
    assert normalise_unit("%", None) == "percent"


# --------------------------------------------------------------------------- corpus


def deaths(store: Store, value: float) -> list[ClaimRecord]:
    return [c for c in claim_records(store) if c.what == "deaths" and c.value == value]


def test_173_and_181_conflict(store: Store) -> None:
    found = [
        c
        for c in conflict_records(store, kind="conflict")
        if c.what == "deaths" and set(c.values) == {173.0, 181.0}
    ]
    assert len(found) == 1
    conflict = found[0]
    assert conflict.dates == ("2024-01-16", "2024-01-16")
    claimants = " ".join(n.lower() for names in conflict.claimants for n in names)
    assert "health ministry" in claimants
    assert "rights" in claimants


def test_more_than_150_is_consistent_with_173(store: Store) -> None:
    hedged = [
        c for c in claim_records(store) if any(e.figure_text == "more than 150" for e in c.evidence)
    ]
    assert len(hedged) == 1
    claim_173 = deaths(store, 173.0)[0]
    for conflict in conflict_records(store):
        assert not {hedged[0].id, claim_173.id} <= set(conflict.claims)


def test_212_is_a_revision_of_173(store: Store) -> None:
    pairs = {(c.kind, c.values) for c in conflict_records(store) if c.what == "deaths"}
    assert ("revision", (173.0, 212.0)) in pairs
    assert ("conflict", (173.0, 212.0)) not in pairs


def test_detention_figures_conflict(store: Store) -> None:
    found = [c for c in conflict_records(store, kind="conflict") if c.what == "detentions"]
    assert [c.values for c in found] == [(3200.0, 4000.0)]


def test_shared_figures_are_corroborated(store: Store) -> None:
    for value, at_least in ((173.0, 3), (181.0, 2), (212.0, 2)):
        claim = deaths(store, value)[0]
        assert claim.corroborated
        assert len(claim.documents) >= at_least
        assert {e.document for e in claim.evidence} == set(claim.documents)
        for evidence in claim.evidence:
            assert evidence.text and evidence.start < evidence.end
    stake = [c for c in claim_records(store) if c.what.startswith("share of sahel")]
    assert stake and stake[0].corroborated


def test_nothing_counted_is_never_corroborated(store: Store) -> None:
    # "a 30-year concession", "38%": without what is counted, two equal numbers in two
    # articles are no evidence of the same quantity
    for claim in claim_records(store):
        if not claim.what:
            assert not claim.corroborated and len(claim.documents) == 1, claim


def test_resolve_is_idempotent(store: Store) -> None:
    before = (claim_records(store), conflict_records(store))
    resolve_claims(store)
    assert (claim_records(store), conflict_records(store)) == before


def test_forgetting_a_document_removes_its_evidence(tmp_path: Path, store: Store) -> None:
    copy = tmp_path / "copy.db"
    store.connection.execute("VACUUM INTO ?", (str(copy),))
    with Store.open(copy) as other:
        victim = deaths(other, 181.0)[0].documents[0]
        other.forget(victim)
        report = resolve_claims(other)
        assert report.claims > 0
        for claim in claim_records(other):
            assert victim not in claim.documents
