"""Story events replayed from the last run (only reports with changed inputs, and those
whose windows they disturb, are compared again) equal story events clustered from scratch:
on generated reports (additions, entities merged and split, participants crossing the
ubiquity threshold) and on a store where a re-analysed document drops one of its events
(the whole comparison with a full resolution is tests/resolve/test_incremental.py)."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.analyze.gazetteer import Gazetteer, load_places_file
from newsweave.resolve.corpus import resolve_corpus
from newsweave.resolve.events import _report_order
from newsweave.resolve.snapshot import snapshot
from newsweave.resolve.story_clusters import (
    UBIQUITOUS,
    Participant,
    _Report,
    _Story,
    cluster_reports,
    replay_plan,
    story_id,
)
from newsweave.store.analysis import load_analysis, save_analysis
from tests.conftest import EXAMPLES
from tests.resolve.test_claims import build_example_store

GROUPS = ["harbour pilots", "port authority", "fishermen guild", "transport ministry"]
PEOPLE = [f"speaker {i}" for i in range(14)]


def generated(rng: random.Random, count: int) -> list[_Report]:
    """Strike reports over three months: day, month and publication dates, a few places,
    one group named in about as many reports as the ubiquity threshold."""
    reports = []
    for i in range(count):
        who = [rng.choice(GROUPS)]
        if rng.random() < 0.6:
            who.append(rng.choice(PEOPLE))
        if rng.random() < 0.15:
            who.append("dock workers union")
        month = rng.choice(["03", "04", "05"])
        day = f"{rng.randint(1, 28):02d}"
        style = rng.random()
        if style < 0.5:
            date, source = f"2024-{month}-{day}", "sentence"
        elif style < 0.7:
            date, source = f"2024-{month}", "sentence"
        else:
            date, source = None, "publication"
        reports.append(
            _Report(
                id=f"r{i:03d}",
                document=f"d{i // 2}",
                type="STRIKE",
                mode="walkout",
                label=rng.choice(["went on strike", "walked out", "stopped work"]),
                date=date,
                date_source=source,
                modality="asserted",
                place=rng.choice(["", "", "tarven", "osk"]),
                actors=tuple(Participant(name, name) for name in who[:1]),
                targets=tuple(Participant(name, name) for name in who[1:]),
                start=i,
                published=f"2024-{month}-{min(28, int(day) + rng.randint(0, 3)):02d}",
            )
        )
    return sorted(reports, key=_report_order)


def members(stories: list[_Story]) -> set[frozenset[str]]:
    return {frozenset(m.id for m in s.members) for s in stories}


def last_run(reports: list[_Report]) -> dict[str, str]:
    return {m.id: story_id(s.head) for s in cluster_reports(reports) for m in s.members}


def renamed(reports: list[_Report], names: dict[str, str]) -> list[_Report]:
    """The reports with the entities of some participants changed (merged or split)."""

    def move(people: tuple[Participant, ...], report: _Report) -> tuple[Participant, ...]:
        return tuple(
            Participant(names.get(f"{report.id}:{p.name}", p.entity), p.name) for p in people
        )

    return [replace(r, actors=move(r.actors, r), targets=move(r.targets, r)) for r in reports]


@pytest.mark.parametrize("seed", range(12))
def test_replaying_additions_equals_clustering_from_scratch(seed: int) -> None:
    rng = random.Random(seed)
    every = generated(rng, 260)
    old = [r for r in every if rng.random() < 0.85]
    story_of = last_run(old)
    plan = replay_plan(every, story_of, set())
    assert plan.changed >= {r.id for r in every if r.id not in story_of}
    assert members(cluster_reports(every, plan)) == members(cluster_reports(every))


@pytest.mark.parametrize("seed", range(12))
def test_replaying_changed_entities_equals_clustering_from_scratch(seed: int) -> None:
    rng = random.Random(100 + seed)
    every = generated(rng, 240)
    story_of = last_run(every)
    # two groups become one entity, and one person's reports split into two entities:
    # the actors of the smaller side of each change are the witnesses ("moved")
    merged, split = rng.sample(GROUPS, 2)[0], rng.choice(PEOPLE)
    names: dict[str, str] = {}
    naming: set[str] = set()
    for r in every:
        for p in r.participants:
            if p.name == merged:
                names[f"{r.id}:{p.name}"] = GROUPS[(GROUPS.index(merged) + 1) % len(GROUPS)]
                naming.add(r.id)
            elif p.name == split and rng.random() < 0.5:
                names[f"{r.id}:{p.name}"] = f"{split} (other)"
                naming.add(r.id)
    now = renamed(every, names)
    plan = replay_plan(now, story_of, naming)
    assert members(cluster_reports(now, plan)) == members(cluster_reports(now))


def test_a_participant_crossing_the_ubiquity_threshold_is_compared_again() -> None:
    rng = random.Random(7)
    every = [
        r
        for r in generated(rng, 200)
        if all(p.name != "dock workers union" for p in r.participants)
    ]
    union = Participant("dock workers union", "dock workers union")
    named = [replace(r, targets=(union,)) for r in every[: UBIQUITOUS + 1]]
    now = sorted(named + every[UBIQUITOUS + 1 :], key=_report_order)
    old = [r for r in now if r.id != named[-1].id]  # the union in exactly UBIQUITOUS reports
    plan = replay_plan(now, last_run(old), set())
    assert {r.id for r in named} <= plan.changed  # common now, not before
    assert members(cluster_reports(now, plan)) == members(cluster_reports(now))


def test_a_reanalysed_document_dropping_one_event_of_a_story(tmp_path: Path) -> None:
    """A document re-analysed without one of its events, while another of its events stays
    in a story: the incremental resolution still ends where a full one does."""
    gazetteer = Gazetteer.build(load_places_file(EXAMPLES / "gazetteer.csv"))
    with build_example_store(tmp_path / "store.db") as store:
        resolve_corpus(store, gazetteer, full=True)
        row = store.connection.execute(
            "SELECT e.document_id, min(e.id) FROM events AS e JOIN story_event_members AS m"
            " ON m.event_id = e.id GROUP BY e.document_id, m.story_event_id"
            " HAVING count(*) > 1 LIMIT 1"
        ).fetchone()
        assert row is not None  # a document telling one story twice
        doc, dropped = str(row[0]), str(row[1])
        analysis = load_analysis(store, doc)
        assert analysis is not None
        text = str(
            store.connection.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()[
                0
            ]
        )
        kept = tuple(e for e in analysis.events if e.id != dropped)
        assert len(kept) == len(analysis.events) - 1
        save_analysis(store, replace(analysis, events=kept), text)
        resolve_corpus(store, gazetteer)
        incremental = snapshot(store)
        resolve_corpus(store, gazetteer, full=True)
        assert snapshot(store) == incremental


def test_an_unchanged_report_takes_its_last_decision_without_comparing() -> None:
    """The replay is live: told (falsely) that a report founded its own story last time,
    it does so again, where clustering from scratch puts it with the others."""
    at = "tarven"
    reports = [
        _Report(
            id=f"r{i}",
            document=f"d{i}",
            type="STRIKE",
            mode="walkout",
            label="went on strike",
            date="2024-03-04",
            date_source="sentence",
            modality="asserted",
            place=at,
            actors=(Participant("harbour pilots", "harbour pilots"),),
            targets=(Participant("port authority", "port authority"),),
            start=0,
            published="2024-03-05",
        )
        for i in range(3)
    ]
    assert members(cluster_reports(reports)) == {frozenset({"r0", "r1", "r2"})}
    told = {"r0": story_id(reports[0]), "r1": story_id(reports[1]), "r2": story_id(reports[0])}
    replayed = cluster_reports(reports, replay_plan(reports, told, set()))
    assert members(replayed) == {frozenset({"r0", "r2"}), frozenset({"r1"})}
    # the same report with changed inputs is compared again
    replayed = cluster_reports(reports, replay_plan(reports, told, {"r1"}))
    assert members(replayed) == {frozenset({"r0", "r1", "r2"})}
