"""The corpus timeline on the example corpus: date order, right dates for the key
happenings, filters by entity, place, type and period."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsweave.resolve.events import resolve_events
from newsweave.resolve.timeline import in_period, timeline
from newsweave.store.sqlite import Store
from tests.resolve.test_claims import build_example_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    opened = build_example_store(tmp_path_factory.mktemp("timeline") / "timeline.db")
    resolve_events(opened)
    yield opened
    opened.close()


def test_in_period() -> None:
    assert in_period("2024-01", "2024-01-15", "2024-01-20")
    assert in_period("2024-01-17", "2024-01", "2024-01")
    assert not in_period("2024-01-14", "2024-01-15", None)
    assert not in_period("2024-02", None, "2024-01-31")


def test_order_and_provenance(store: Store) -> None:
    entries = timeline(store)
    assert entries
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    for entry in entries:
        assert entry.precision in ("day", "month", "year")
        assert entry.evidence and entry.documents
        assert entry.kind in ("event", "statement")


def test_key_dates(store: Store) -> None:
    entries = timeline(store, start="2024-01-15", end="2024-01-20")  # dismissal: OFFICE
    dismissal = [e for e in entries if "Aïcha Yamboré" in e.actors and "dismiss" in e.text]
    assert [e.date for e in dismissal] == ["2024-01-17"]
    assert len(dismissal[0].documents) >= 3
    arrest = [e for e in entries if "arrest" in e.text and any("Didier" in a for a in e.actors)]
    assert [e.date for e in arrest] == ["2024-01-18"]
    assert entries.index(dismissal[0]) < entries.index(arrest[0])


def test_filters(store: Store) -> None:
    everything = timeline(store)
    yambore = timeline(store, entity="yamboré")
    assert yambore and len(yambore) < len(everything)
    assert all(any("yamboré" in a.lower() for a in e.actors) for e in yambore)
    january = timeline(store, start="2024-01", end="2024-01")
    assert january and all(e.date.startswith("2024-01") or e.date == "2024" for e in january)
    coerce = timeline(store, type="coerce")
    assert coerce and all(e.type == "COERCE" and e.kind == "event" for e in coerce)
    kwesi = timeline(store, place="Kwesi Amoah")
    assert kwesi and all(any("kwesi amoah" in p.lower() for p in e.places) for e in kwesi)


def test_publication_dates_are_not_timeline_dates(store: Store) -> None:
    for entry in timeline(store):
        if entry.kind == "statement":
            assert not entry.text.startswith("AMAKORO, Jan 9 (Halyard)")
