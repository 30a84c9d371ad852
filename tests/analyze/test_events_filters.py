"""What is no participant and no act of coercion: wire datelines, instruments, policies."""

from __future__ import annotations

from tests.analyze.test_events import events_of


def test_dateline_is_not_an_actor() -> None:
    _, found, _ = events_of(
        "AMAKORO, Mabenia — Police fired tear gas at marchers on Friday.", ("Mabenia", "GPE")
    )
    tear_gas = [e for e in found if e.mode == "tear-gas"]
    assert tear_gas
    for event in tear_gas:
        assert not event.actors, event
        assert not any("AMAKORO" in t or "Mabenia" in t for t in event.actor_texts)


def test_instruments_are_not_targets() -> None:
    _, found, _ = events_of("Security forces used tear gas and water cannon on the crowd.")
    for event in found:
        assert not any("tear gas" in t or "water cannon" in t for t in event.target_texts)


def test_removing_a_subsidy_is_not_dismissing_someone() -> None:
    _, found, _ = events_of("The government announced the removal of fuel subsidies.")
    assert not [e for e in found if e.mode == "dismiss"]
    _, found, names = events_of(
        "President Dossavi removed Aïcha Yamboré from the cabinet on Wednesday.",
        ("Dossavi", "PERSON"),
        ("Aïcha Yamboré", "PERSON"),
    )
    dismissals = [e for e in found if e.mode == "dismiss"]
    assert dismissals and names[dismissals[0].targets[0]] == "Aïcha Yamboré"
