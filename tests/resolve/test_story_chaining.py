"""Story events without chaining, on hand-made reports: a report must agree with the whole
story (not with one member), a story's span is bounded, generic mentions never join, and
reports without participants join on the same place and a compatible date."""

from __future__ import annotations

from dataclasses import replace

from newsweave.resolve.events import Participant, Where, _Report, cluster_reports, generic


def report(
    ident: str,
    date: str | None,
    *who: str,
    place: str = "",
    source: str = "sentence",
    published: str = "2024-03-20",
    label: str = "protested",
    mode: str = "demonstrate",
) -> _Report:
    return _Report(
        id=ident,
        document=f"doc-{ident}",
        type="PROTEST",
        mode=mode,
        label=label,
        date=date,
        date_source=source,
        modality="asserted",
        place=place,
        actors=tuple(Participant(name, name) for name in who),
        targets=(),
        start=0,
        published=published,
    )


def stories(*reports: _Report) -> list[set[str]]:
    return [{m.id for m in s.members} for s in cluster_reports(list(reports))]


def test_a_report_must_agree_with_most_of_the_story() -> None:
    found = stories(
        report("r1", "2024-03-04", "dock workers union", "port authority"),
        report("r2", "2024-03-04", "dock workers union", "port authority"),
        report("r3", "2024-03-04", "port authority", "fishermen"),
        report("r4", "2024-03-04", "fishermen", "farmers league"),
    )
    assert {"r1", "r2"} <= next(s for s in found if "r1" in s)
    # r4 shares nobody with r1 and r2: it never joins them through r3
    assert not any({"r1", "r4"} <= s for s in found)


def test_a_story_spans_a_few_days_at_most() -> None:
    at = "Tarven"
    found = stories(
        report("r1", "2024-03-04", "dock workers union", place=at),
        report(
            "r2",
            "2024-03-06",
            "dock workers union",
            place=at,
            source="publication",
            published="2024-03-06",
        ),
        report(
            "r3",
            "2024-05-02",
            "dock workers union",
            place=at,
            source="publication",
            published="2024-05-02",
        ),
        report("r4", "2024-03-20", "dock workers union", place=at),
    )
    assert any({"r1", "r2"} <= s for s in found)
    assert not any({"r1", "r3"} <= s for s in found)
    assert not any({"r1", "r4"} <= s for s in found)  # two own days sixteen days apart


def test_a_year_dates_no_particular_happening() -> None:
    found = stories(
        report("r1", "2024-03-04", "dock workers union", published="2024-03-04"),
        report("r2", "2024", "dock workers union", published="2024-09-30"),
    )
    assert not any({"r1", "r2"} <= s for s in found)


def test_generic_mentions_never_join() -> None:
    vague = report("r2", None, source="none", label="protesting")
    assert generic(vague)
    found = stories(report("r1", "2024-03-04", "dock workers union", place="tarven"), vague)
    assert {"r2"} in found


def test_reports_without_participants_join_on_place_and_month() -> None:
    found = stories(
        report("r1", "2024-03-04", "dock workers union", place="tarven"),
        report("r2", "2024-03", place="tarven", published="2024-03-25"),
        report("r3", "2024-03", place="ostby", published="2024-03-25"),
    )
    assert any({"r1", "r2"} <= s for s in found)
    assert not any("r3" in s and len(s) > 1 for s in found)


def test_a_participant_of_every_report_tells_no_happening_apart() -> None:
    chatter = [
        report(
            f"r{i}",
            f"2024-03-{i + 1:02d}",
            "front runner",
            f"rival {i}",
            source="publication",
            published=f"2024-03-{i + 1:02d}",
            label="promised",
            mode="promise",
        )
        for i in range(15)
    ]
    found = stories(*chatter)
    assert max(len(s) for s in found) == 1


def test_undated_reports_need_a_target_or_place_in_common() -> None:
    def said(ident: str, published: str, *targets: str) -> _Report:
        base = report(
            ident,
            published,
            "harbour council",
            "ferry guild",
            source="publication",
            published=published,
            label="criticised",
            mode="criticize",
        )
        return replace(base, targets=tuple(Participant(t, t) for t in targets))

    # the same two speakers criticising, a week apart, nothing else in common: two statements
    apart = stories(said("r1", "2024-03-04"), said("r2", "2024-03-11"))
    assert not any({"r1", "r2"} <= s for s in apart)
    # both criticise the toll bridge levy: one statement told twice
    told = stories(said("r1", "2024-03-04", "toll levy"), said("r2", "2024-03-06", "toll levy"))
    assert any({"r1", "r2"} <= s for s in told)


def test_a_country_is_too_wide_to_tie_undated_reports() -> None:
    country = Where("country", "XV", 12.0, 30.0)

    def arrived(ident: str, published: str) -> _Report:
        base = report(
            ident,
            published,
            "ferry guild",
            "harbour council",
            place="Veldoria",
            source="publication",
            published=published,
            label="arrived",
            mode="visit",
        )
        return replace(base, where=country, targets=(Participant("Veldoria", "veldoria"),))

    found = stories(arrived("r1", "2024-03-04"), arrived("r2", "2024-03-09"))
    assert not any({"r1", "r2"} <= s for s in found)
