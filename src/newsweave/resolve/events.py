"""The same happening told by several documents becomes one story event.

Every per-document event (table ``events``) is put in exactly one story event (tables
``story_events`` / ``story_event_members``, migration 0006). Two reports are the same
happening when they have the same PLOVER type and mode, a compatible modality (what is said
to have happened is never merged with what might happen or did not happen), dates that agree
within the precision of each report, no disagreeing places, and overlapping participants
(by entity when cross-document entity resolution is available, else by normalised name).

An event dated only by its document's publication date (``date_source`` ``publication`` or
``none``) says "on or before this day": it joins a story only when it shares participants
strongly with it (two participants, or one participant and a word of the label).

:func:`resolve_events` recomputes every story event from scratch (a few thousand events
cluster in well under a second) in one transaction, so it is idempotent and a forgotten
document simply disappears from the next result; ids are content ids of the first member,
so they are stable while that member exists.
"""

from __future__ import annotations

import importlib
import json
import math
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date as Date

from newsweave.model.ids import content_id
from newsweave.store.queries import actor_names
from newsweave.store.sqlite import Store

EntityLookup = Callable[[str], str]
"""Maps an in-document actor id to a corpus entity id (the actor id when unresolved)."""

FACTUAL = frozenset({"asserted", "reported"})
"""Modalities that tell of something that happened; others merge only among themselves."""

UNDATED_SOURCES = frozenset({"publication", "none"})
"""Date sources that do not date the happening itself."""

_WORD = re.compile(r"[^\W\d_]+")
_STOP = frozenset(
    re.findall(
        r"\w+",
        "the a an of to in on at for and or with by from as his her its their our my this"
        " that was were is are has have had be been will would could not no",
    )
)


# --------------------------------------------------------------------------- helpers


def bulk_entity_lookup(store: Store) -> EntityLookup:
    """Like :func:`entity_lookup`, with every actor's entity read in one query (for
    clustering all events at once)."""
    try:
        found = {
            str(r[0]): str(r[1])
            for r in store.connection.execute("SELECT actor_id, entity_id FROM entity_members")
        }
    except sqlite3.Error:
        found = {}
    return lambda actor_id: found.get(actor_id, actor_id)


def entity_lookup(store: Store) -> EntityLookup:
    """``entity_of`` from ``newsweave.resolve.entities`` when it exists, else identity.

    Unresolved actors (and any store error, e.g. entity tables not yet created) fall back
    to the in-document actor id, i.e. each actor is its own entity.
    """
    try:
        module = importlib.import_module("newsweave.resolve.entities")
    except ImportError:
        return lambda actor_id: actor_id
    function = getattr(module, "entity_of", None)
    if not callable(function):
        return lambda actor_id: actor_id

    def lookup(actor_id: str) -> str:
        try:
            found = function(store, actor_id)
        except sqlite3.Error:
            return actor_id
        return str(found) if found else actor_id

    return lookup


def normalise_name(name: str | None) -> str:
    """Lower case, accents and punctuation removed, leading article dropped."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", text.replace("’s", "").replace("'s", ""))
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def names_match(a: str, b: str) -> bool:
    """Whether two normalised names may name the same actor: equal, or one is a single
    word that is the other's first word (a given name: "Didier" / "Didier Yamboré").

    A shared surname alone never matches: families share surnames.
    """
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a.split(), b.split()), key=len)
    return len(short) == 1 and len(long_) > 1 and short[0] == long_[0]


def label_stems(label: str) -> frozenset[str]:
    """Content words of a label cut to five letters ("arrested" and "arrest" agree)."""
    words = (w.lower() for w in _WORD.findall(label))
    return frozenset(w[:5] for w in words if len(w) > 3 and w not in _STOP)


def date_precision(date: str | None) -> str | None:
    """``day``, ``month`` or ``year`` of an ISO partial date; None when not a date."""
    if not date:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(date))


def dates_agree(a: str, b: str) -> bool:
    """Whether two ISO partial dates can be the same day: one is a prefix of the other."""
    return a.startswith(b) or b.startswith(a)


def not_after(a: str, b: str) -> bool:
    """Whether partial date ``a`` can be on or before partial date ``b``."""
    return a[: len(b)] <= b[: len(a)]


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
class EventEvidence:
    """One sentence telling of a story event."""

    document: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class StoryEventRecord:
    """One happening across documents, with every report's evidence."""

    id: str
    type: str
    mode: str | None
    label: str
    date: str | None
    date_precision: str | None
    date_source: str | None
    place: str | None
    actors: tuple[str, ...]
    """Names of who acts (entities when resolved), deduplicated."""
    targets: tuple[str, ...]
    members: tuple[str, ...]
    """Ids of the per-document events."""
    documents: tuple[str, ...]
    evidence: tuple[EventEvidence, ...]
    actor_ids: tuple[str, ...] = ()
    """Entity (or actor) ids of the actors."""
    target_ids: tuple[str, ...] = ()


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


# --------------------------------------------------------------------------- loading


def _participants(
    ids: Iterable[str], names: dict[str, str], lookup: EntityLookup
) -> tuple[Participant, ...]:
    return tuple(Participant(lookup(i), normalise_name(names.get(i, ""))) for i in ids)


def _load_reports(store: Store, lookup: EntityLookup) -> list[_Report]:
    """Every stored event with its participants and its document's publication date."""
    conn = store.connection
    names = actor_names(conn)
    rows = conn.execute(
        "SELECT e.*, coalesce(d.published, '') AS published,"
        " p.kind AS place_kind, p.country AS place_country, p.lat AS place_lat,"
        " p.lon AS place_lon FROM events AS e"
        " JOIN documents AS d ON d.id = e.document_id"
        " LEFT JOIN places AS p ON p.actor_id = e.place"
    ).fetchall()
    reports = []
    for row in rows:
        place = names.get(row["place"] or "", "") or row["place_text"] or ""
        reports.append(
            _Report(
                id=str(row["id"]),
                document=str(row["document_id"]),
                type=str(row["type"]),
                mode=row["mode"],
                label=str(row["label"]),
                date=row["date"],
                date_source=str(row["date_source"]),
                modality=str(row["modality"]),
                place=normalise_name(place),
                actors=_participants(json.loads(row["actors"]), names, lookup),
                targets=_participants(json.loads(row["targets"]), names, lookup),
                start=int(row["start_char"]),
                published=str(row["published"])[:10],
                where=Where(
                    str(row["place_kind"]), row["place_country"], row["place_lat"], row["place_lon"]
                )
                if row["place_kind"]
                else None,
            )
        )
    return sorted(reports, key=_report_order)


def _report_order(report: _Report) -> tuple[int, int, str, str, int]:
    """Dated reports first, most precise first, then by document date and position."""
    precision = {"day": 0, "month": 1, "year": 2}.get(date_precision(report.date) or "", 3)
    return (0 if report.dated else 1, precision, report.published, report.document, report.start)


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


def cluster_reports(reports: list[_Report]) -> list[_Story]:
    """Greedy clustering: each report joins the best-fitting story or starts one. Stories
    are indexed by kind and month, so a report is compared with the stories of its window
    only (cost grows with the reports, not their square)."""
    stories: list[_Story] = []
    common = ubiquitous(reports)
    index: dict[tuple[str, str | None, str], list[tuple[int, _Story]]] = {}
    for report in reports:
        kind = (report.type, report.mode)
        seen: dict[int, _Story] = {}
        for bucket in _buckets(report):
            for number, story in index.get((*kind, bucket), ()):
                seen[number] = story
        scored = [(_fits(report, s, common), -n, s) for n, s in seen.items()]
        best = max(scored, key=lambda t: (t[0], t[1]), default=None)
        if best is not None and best[0] > 0:
            story = best[2]
            story.members.append(report)
            number = -best[1]
        else:
            story = _Story([report])
            number = len(stories)
            stories.append(story)
        for bucket in _months(report.when) or _undated(report):
            entries = index.setdefault((*kind, bucket), [])
            if not entries or entries[-1][0] != number:
                entries.append((number, story))
    return stories


# --------------------------------------------------------------------------- storing


def _story_date(story: _Story) -> tuple[str | None, str | None]:
    """The most precise, most often reported own date; else the earliest other date."""
    dated = [m for m in story.dated if m.date]
    if dated:
        counts = Counter(m.date or "" for m in dated)
        chosen = min(counts, key=lambda d: (-len(d), -counts[d], d))
        return chosen, next(m.date_source for m in dated if m.date == chosen)
    undated = sorted(m.date for m in story.members if m.date)
    return (undated[0], story.head.date_source) if undated else (None, None)


def _story_place(conn: sqlite3.Connection, story: _Story) -> str | None:
    for member in story.members:
        row = conn.execute(
            "SELECT coalesce(a.name, e.place_text) FROM events AS e"
            " LEFT JOIN actors AS a ON a.id = e.place WHERE e.id = ?",
            (member.id,),
        ).fetchone()
        if row and row[0]:
            return str(row[0])
    return None


def _save(conn: sqlite3.Connection, stories: list[_Story]) -> None:
    conn.execute("DELETE FROM story_event_members")
    conn.execute("DELETE FROM story_events")
    for story in stories:
        head = story.head
        story_id = content_id("s", head.id)
        date, source = _story_date(story)
        conn.execute(
            "INSERT INTO story_events (id, type, mode, label, date, date_precision,"
            " date_source, place, documents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                story_id,
                head.type,
                head.mode,
                head.label,
                date,
                date_precision(date),
                source,
                _story_place(conn, story),
                len({m.document for m in story.members}),
            ),
        )
        conn.executemany(
            "INSERT INTO story_event_members (event_id, story_event_id) VALUES (?, ?)",
            [(m.id, story_id) for m in story.members],
        )


def resolve_events(store: Store) -> int:
    """Recompute every story event from the stored events; return how many there are."""
    stories = cluster_reports(_load_reports(store, bulk_entity_lookup(store)))
    with store.transaction() as conn:
        _save(conn, stories)
    return len(stories)


# --------------------------------------------------------------------------- reading


def _names(
    conn: sqlite3.Connection, column: str, members: list[str], lookup: EntityLookup
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names and entity ids of the actors (or targets) of the member events."""
    by_event = {
        str(r[0]): json.loads(r[1])
        for r in conn.execute(
            f"SELECT id, {column} FROM events WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(members),),
        )
    }
    ids = [a for event_id in members for a in by_event.get(event_id, [])]
    known = actor_names(conn, ids)
    names: dict[str, str] = {}
    for actor_id in ids:
        if actor_id in known:
            names.setdefault(lookup(actor_id), known[actor_id])
    by_name: dict[str, str] = {}
    for entity, name in names.items():
        by_name.setdefault(name, entity)
    return tuple(by_name), tuple(by_name.values())


def _evidence(conn: sqlite3.Connection, members: list[str]) -> tuple[EventEvidence, ...]:
    rows = conn.execute(
        "SELECT e.document_id, v.sentence_start, v.sentence_end,"
        " substr(d.text, v.sentence_start + 1, v.sentence_end - v.sentence_start) AS text"
        " FROM event_evidence AS v JOIN events AS e ON e.id = v.event_id"
        " JOIN documents AS d ON d.id = e.document_id"
        f" WHERE v.event_id IN ({','.join('?' * len(members))})"
        " ORDER BY d.published, e.document_id, v.sentence_start",
        members,
    ).fetchall()
    seen: dict[tuple[str, int, int], EventEvidence] = {}
    for r in rows:
        key = (str(r[0]), int(r[1]), int(r[2]))
        seen.setdefault(key, EventEvidence(key[0], key[1], key[2], str(r[3])))
    return tuple(seen.values())


def story_event_records(store: Store) -> list[StoryEventRecord]:
    """Every story event with its members, documents and evidence, by date then id."""
    conn = store.connection
    lookup = entity_lookup(store)
    rows = conn.execute("SELECT * FROM story_events ORDER BY date, id").fetchall()
    return [r for r in (_story_record(conn, row, lookup) for row in rows) if r is not None]


def story_event_record(store: Store, story_id: str) -> StoryEventRecord | None:
    """One story event as :func:`story_event_records` gives it, or None."""
    conn = store.connection
    row = conn.execute("SELECT * FROM story_events WHERE id = ?", (story_id,)).fetchone()
    return None if row is None else _story_record(conn, row, entity_lookup(store))


def _story_record(
    conn: sqlite3.Connection, row: sqlite3.Row, lookup: EntityLookup
) -> StoryEventRecord | None:
    members = [
        str(r[0])
        for r in conn.execute(
            "SELECT m.event_id FROM story_event_members AS m JOIN events AS e"
            " ON e.id = m.event_id JOIN documents AS d ON d.id = e.document_id"
            " WHERE m.story_event_id = ? ORDER BY d.published, e.document_id, e.start_char",
            (row["id"],),
        )
    ]
    if not members:
        return None
    actors, actor_ids = _names(conn, "actors", members, lookup)
    targets, target_ids = _names(conn, "targets", members, lookup)
    evidence = _evidence(conn, members)
    return StoryEventRecord(
        id=str(row["id"]),
        type=str(row["type"]),
        mode=row["mode"],
        label=str(row["label"]),
        date=row["date"],
        date_precision=row["date_precision"],
        date_source=row["date_source"],
        place=row["place"],
        actors=actors,
        targets=targets,
        members=tuple(members),
        documents=tuple(dict.fromkeys(e.document for e in evidence)),
        evidence=evidence,
        actor_ids=actor_ids,
        target_ids=target_ids,
    )
