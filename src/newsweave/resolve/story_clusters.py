"""Clustering reports into story events: a report joins a story only when type, mode,
date window, place and participants agree with the whole story. See
:mod:`newsweave.resolve.events` for loading and storing."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date

from newsweave.model.ids import content_id
from newsweave.resolve.story_match import (
    FACTUAL,
    UNDATED_SOURCES,
    date_precision,
    dates_agree,
    label_stems,
    mutual_kind,
    names_match,
    normalise_name,
    not_after,
    other_parties,
    roles_reversed,
)

# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Participant:
    """An actor of an event: its entity (or actor id) and normalised name."""

    entity: str
    name: str

    def matches(self, other: Participant) -> bool:
        """Same entity, or names that may name the same actor."""
        return self.entity == other.entity or names_match(self.name, other.name)


@dataclass(frozen=True)
class Where:
    """A located place: enough to tell whether two reports' places can be one."""

    kind: str
    country: str | None
    lat: float | None
    lon: float | None

    def fits(self, other: Where) -> bool:
        """The same place, a place and the country it lies in, or places within
        :data:`NEAR_KM` of each other (a port and its city, a district and its town)."""
        if self.country and other.country and self.country != other.country:
            return False
        if "country" in (self.kind, other.kind):
            return True
        if None in (self.lat, self.lon, other.lat, other.lon):
            return False
        assert self.lat is not None and self.lon is not None
        assert other.lat is not None and other.lon is not None
        return _km(self.lat, self.lon, other.lat, other.lon) <= NEAR_KM


NEAR_KM = 25.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class _Report:
    """One per-document event as the clustering sees it."""

    id: str
    document: str
    type: str
    mode: str | None
    label: str
    date: str | None
    date_source: str
    modality: str
    place: str
    actors: tuple[Participant, ...]
    targets: tuple[Participant, ...]
    start: int
    published: str
    where: Where | None = None
    """The place on the map, when it is located."""

    @property
    def dated(self) -> bool:
        """Whether the date is the happening's own (not the publication's) and precise to
        the month at least ("in 2016" dates no particular happening)."""
        return (
            bool(self.date)
            and self.date_source not in UNDATED_SOURCES
            and len(self.date or "") >= 7
        )

    @property
    def when(self) -> str | None:
        """The date a report that is not :attr:`dated` is placed by: its publication day
        when known, else its own (partial) date."""
        return self.date if self.dated else (self.published or self.date)

    @property
    def participants(self) -> tuple[Participant, ...]:
        """Actors and targets together."""
        return self.actors + self.targets


@dataclass
class _Story:
    members: list[_Report] = field(default_factory=list)

    @property
    def head(self) -> _Report:
        return self.members[0]

    @property
    def dated(self) -> list[_Report]:
        return [m for m in self.members if m.dated]

    def participants(self) -> list[Participant]:
        return [p for m in self.members for p in m.participants]

    def places(self) -> set[str]:
        return {m.place for m in self.members if m.place}

    def wheres(self) -> list[Where]:
        return [m.where for m in self.members if m.where is not None]

    def stems(self) -> frozenset[str]:
        return frozenset().union(*(label_stems(m.label) for m in self.members))


# --------------------------------------------------------------------------- clustering


def _modality_class(modality: str) -> str:
    return "factual" if modality in FACTUAL else modality


SPAN_DAYS = {"day": 3, "month": 62, "year": 366}
"""Longest span of own dates one story may cover, by the precision of its most precise
member: a happening told day by day stays within three days, one told by month within two
months."""

LAG_DAYS = 21
"""How far from every date of a story (own or publication) a report dated only by its
publication may be to join it ("on or before this day", but not months later): a story told
by undated reports cannot stretch beyond three weeks either."""


def _day(date: str) -> int:
    """Days since 0001-01-01 of the first day a partial ISO date covers."""
    parts = [int(x) for x in date.split("-")] + [1, 1]
    try:
        return Date(parts[0], parts[1], parts[2]).toordinal()
    except ValueError:
        return Date(parts[0], 1, 1).toordinal()


UBIQUITOUS = 12
"""A participant of more than this many reports of one kind (the front-runner of every
campaign story "promised", "attacked", "endorsed") tells no happening apart: it does not
count as a shared participant for that kind."""


def ubiquitous(reports: Iterable[_Report]) -> frozenset[str]:
    """``type|mode|entity`` of the participants too common to tell happenings apart."""
    counts = Counter(
        f"{r.type}|{r.mode}|{e}" for r in reports for e in {p.entity for p in r.participants}
    )
    return frozenset(k for k, n in counts.items() if n > UBIQUITOUS)


def _distinct(report: _Report, common: frozenset[str]) -> list[Participant]:
    return [
        p
        for p in set(report.participants)
        if f"{report.type}|{report.mode}|{p.entity}" not in common
    ]


def _matches_member(report: _Report, member: _Report, common: frozenset[str]) -> bool:
    return any(p.matches(q) for p in _distinct(report, common) for q in member.participants)


def _shared(report: _Report, story: _Story, common: frozenset[str] = frozenset()) -> int:
    """How many of the report's (not ubiquitous) participants the story already has."""
    known = story.participants()
    return sum(1 for p in _distinct(report, common) if any(p.matches(q) for q in known))


def _agrees_with_most(report: _Report, story: _Story, common: frozenset[str]) -> bool:
    """The report shares a participant with at least half of the members that name
    participants (so A~B and B~C never put A and C together on B's word alone)."""
    named = [m for m in story.members if m.participants]
    hits = sum(1 for m in named if _matches_member(report, m, common))
    return 2 * hits >= len(named)


def _span_ok(report: _Report, story: _Story) -> bool:
    """The story's own dates stay within :data:`SPAN_DAYS` of its most precise one."""
    dated = [m.date for m in story.dated if m.date]
    if report.dated and report.date:
        dated.append(report.date)
    if not dated:
        return True
    best = min((date_precision(d) or "year" for d in dated), key=["day", "month", "year"].index)
    days = [_day(d) for d in dated if date_precision(d) == best]
    return max(days) - min(days) <= SPAN_DAYS[best]


def _dates_fit(report: _Report, story: _Story) -> bool:
    """A dated report agrees with every dated member and keeps the span bounded; an
    undated one is not earlier than the story and at most :data:`LAG_DAYS` later."""
    if report.dated:
        assert report.date is not None
        fits = all(dates_agree(report.date, m.date or "") for m in story.dated)
        day = _day(report.date)
        later = [m.when for m in story.members if not m.dated and m.when]
        close = all(
            not_after(report.date, w) and _day(w) - day <= LAG_DAYS for w in later if len(w) >= 10
        )
        return fits and close and _span_ok(report, story)
    when = report.when
    if not when:
        return True
    if not all(not_after(m.date or "", when) for m in story.dated):
        return False
    dates = [_day(d) for d in (m.when for m in story.members) if d]
    day = _day(when)
    return all(abs(day - d) <= LAG_DAYS for d in dates)


def _places_fit(report: _Report, story: _Story) -> bool:
    """No disagreeing places: the same name, or located places that can be one (see
    :meth:`Where.fits`)."""
    places = story.places()
    if not report.place or not places or report.place in places:
        return True
    where = report.where
    placed = [m for m in story.members if m.place]
    if where is None or any(m.where is None for m in placed):
        return False
    return all(where.fits(w) for w in story.wheres())


def _same_place(report: _Report, story: _Story) -> bool:
    """The report names a place the story names (or one that can be it)."""
    if not report.place or not story.places():
        return False
    return report.place in story.places() or _places_fit(report, story)


def generic(report: _Report) -> bool:
    """A mention of a kind of happening, not a report of one: no participant, no place and
    no date of its own ("supporting either of the candidates")."""
    return not report.participants and not report.place and not report.dated


WIDE_PLACES = frozenset({"country", "continent"})
"""Places too wide to tell happenings apart ("arriving in the United States")."""


def _specific(report: _Report, story: _Story, common: frozenset[str]) -> bool:
    """What ties a report to a story when one of them has no date of its own, beyond its
    speakers: the same place (a town or site, not a country), or the same (not ubiquitous)
    target — "Okafor criticised the
    port levy" in two articles is one statement; "Okafor attacked" in two articles a week
    apart with nothing else in common is not."""
    wide = report.where is not None and report.where.kind in WIDE_PLACES
    if _same_place(report, story) and not wide:
        return True
    place = normalise_name(report.place) if report.place else None
    targets = [
        p
        for p in _distinct(report, common)
        if p in report.targets and not (wide and place and names_match(p.name, place))
    ]
    return any(p.matches(q) for p in targets for m in story.members for q in m.targets)


def _fits(report: _Report, story: _Story, common: frozenset[str] = frozenset()) -> int:
    """A score > 0 when the report tells of the story's happening, else 0. Type, mode,
    modality, dates, span, places and participants are checked against the whole story."""
    head = story.head
    same_kind = (report.type, report.mode, _modality_class(report.modality)) == (
        head.type,
        head.mode,
        _modality_class(head.modality),
    )
    if not same_kind or generic(report) or all(generic(m) for m in story.members):
        return 0
    if not mutual_kind(report.type, report.mode) and any(
        roles_reversed(report.actors, report.targets, m.actors, m.targets) for m in story.members
    ):
        return 0  # "A criticised B" is another happening than "B criticised A"
    if mutual_kind(report.type, report.mode) and other_parties(
        report.actors, [p for m in story.members for p in m.participants]
    ):
        return 0  # "C met B" is another meeting than "A met B"
    if not _dates_fit(report, story) or not _places_fit(report, story):
        return 0
    shared = _shared(report, story, common)
    if shared and not _agrees_with_most(report, story, common):
        return 0
    if not report.dated or not story.dated:
        strong = shared >= 2 or (shared >= 1 and bool(label_stems(report.label) & story.stems()))
        return 10 * shared if strong and _specific(report, story, common) else 0
    if shared:
        return 10 * shared + 1
    if report.participants and story.participants():
        return 0
    # no participants on one side: the same place, with dates agreeing to the month
    if _same_place(report, story):
        return 2
    if report.participants or story.participants():
        return 0  # a shared word of the label ties nobody to a story that names its actors
    both_days = date_precision(report.date) == "day" and date_precision(head.date) == "day"
    return 1 if both_days and bool(label_stems(report.label) & story.stems()) else 0


def _months(date: str | None) -> list[str]:
    """The month buckets a partial date may fall in."""
    if not date:
        return []
    if len(date) >= 7:
        return [date[:7]]
    return [f"{date[:4]}-{m:02d}" for m in range(1, 13)]


def _buckets(report: _Report) -> list[str]:
    """Where the report looks for candidate stories: its own date's months, or for a
    report dated by its publication the months from :data:`LAG_DAYS` before it."""
    if report.dated:
        return _months(report.date)
    when = report.when
    if not when:
        return _undated(report)
    end = _day(when)
    months = {Date.fromordinal(d).isoformat()[:7] for d in (end - LAG_DAYS, end, end + LAG_DAYS)}
    return sorted(months | set(_months(when)))


def _undated(report: _Report) -> list[str]:
    """Buckets of a report with no date at all: one per participant and its place (an
    undated report joins only on shared participants or place)."""
    found = [f"undated:{p.entity}" for p in report.participants]
    found.extend(f"undated:{p.name}" for p in report.participants if p.name)
    if report.place:
        found.append(f"undated:place:{report.place}")
    return sorted(set(found))


@dataclass(frozen=True)
class Previous:
    """What the last clustering of these reports decided, for :func:`cluster_reports` to
    replay: each earlier report's story (its id, :func:`story_id` of its first report) and
    the reports whose inputs may have changed since (see :func:`cluster_reports`)."""

    story_of: dict[str, str]
    changed: frozenset[str]


def replay_plan(reports: list[_Report], story_of: dict[str, str], naming: set[str]) -> Previous:
    """The last run's decisions for the reports of one kind, with the reports whose inputs
    may have changed: new reports (no story yet), reports in ``naming`` (their places or
    entities may differ: those of just resolved documents, and those naming an actor
    whose entity changed relative to other earlier actors, ``moved`` in
    :func:`newsweave.resolve.events.resolve_events`), and reports with a participant whose
    :func:`ubiquitous` status may have flipped. A participant entity's count over the
    other reports is the same as in the last run (the earlier actors outside ``naming``
    keep who they are one entity with), and the reports in ``naming`` bound what it may
    have gained or lost since."""
    changed = {r.id for r in reports if r.id not in story_of or r.id in naming}
    witnesses = sum(1 for r in reports if r.id in naming)
    every: Counter[str] = Counter()
    steady: Counter[str] = Counter()
    for report in reports:
        entities = {p.entity for p in report.participants}
        every.update(entities)
        if report.id not in changed:
            steady.update(entities)

    def flips(entity: str) -> bool:
        if steady[entity] > UBIQUITOUS:
            return False  # common now and in the last run
        return every[entity] > UBIQUITOUS or steady[entity] + witnesses > UBIQUITOUS

    changed.update(
        r.id
        for r in reports
        if r.id not in changed and any(flips(p.entity) for p in r.participants)
    )
    return Previous(story_of, frozenset(changed))


def story_id(head: _Report) -> str:
    """A story's id: the content id of its first report."""
    return content_id("s", head.id)


def cluster_reports(reports: list[_Report], previous: Previous | None = None) -> list[_Story]:
    """Greedy clustering: each report joins the best-fitting story or starts one. Stories
    are indexed by kind and month, so a report is compared with the stories of its window
    only (cost grows with the reports, not their square).

    With ``previous`` (the last run's decisions), a report whose inputs did not change
    takes its earlier decision without comparing when every story it sees is *clean* and
    its earlier story is among them. The result is the same as clustering from scratch: a
    report's decision depends only on its own inputs, the ``common`` participants of its
    kind, and the stories in its windows, with their members so far and their creation
    order. A story becomes *dirty* (for good) when a report with changed inputs joins it,
    or a report decides differently from the last run (the story it joins and the one it
    left). A clean story thus holds exactly its last-run members so far, in the same
    relative order; a story seen now but not at this step of the last run is dirty (a
    report founded it against the last run, or a changed one did); and a story seen then
    but not now (gone, or not yet in this window because a member went elsewhere) was not
    chosen by the report if it is not its earlier story — removing an unchosen candidate
    changes no choice — and is dirty or missing if it is."""
    stories: list[_Story] = []
    common = ubiquitous(reports)
    index: dict[tuple[str, str | None, str], list[tuple[int, _Story]]] = {}
    by_head: dict[str, int] = {}
    dirty: set[int] = set()
    for report in reports:
        kind = (report.type, report.mode)
        seen: dict[int, _Story] = {}
        for bucket in _buckets(report):
            for number, story in index.get((*kind, bucket), ()):
                seen[number] = story
        before = None if previous is None else previous.story_of.get(report.id)
        kept = _kept(report, before, previous, seen, by_head, dirty)
        kept = None if kept is None or any(n in dirty for n in seen) else kept
        if kept is not None:
            number = kept
            story = stories[number] if number >= 0 else _Story([])
        else:
            scored = [(_fits(report, s, common), -n, s) for n, s in seen.items()]
            best = max(scored, key=lambda t: (t[0], t[1]), default=None)
            number = -best[1] if best is not None and best[0] > 0 else -1
            story = best[2] if number >= 0 and best is not None else _Story([])
        if number < 0:
            number = len(stories)
            stories.append(story)
            by_head[story_id(report)] = number
        story.members.append(report)
        if previous is not None and (
            report.id in previous.changed or before != story_id(story.head)
        ):
            dirty.update(n for n in (number, by_head.get(before or "", -1)) if n >= 0)
        for bucket in _months(report.when) or _undated(report):
            entries = index.setdefault((*kind, bucket), [])
            if not entries or entries[-1][0] != number:
                entries.append((number, story))
    return stories


def _kept(
    report: _Report,
    before: str | None,
    previous: Previous | None,
    seen: dict[int, _Story],
    by_head: dict[str, int],
    dirty: set[int],
) -> int | None:
    """The last run's decision for ``report`` when it can be taken without comparing
    (the story's number, -1 for a new story), else None (the caller also checks that
    every story it sees is clean)."""
    if previous is None or before is None or report.id in previous.changed:
        return None
    if before == story_id(report):
        return -1
    number = by_head.get(before)
    if number is None or number in dirty or number not in seen:
        return None
    return number
