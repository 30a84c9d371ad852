"""Figures across documents become claims; claims that disagree become conflicts.

A **claim** is one statement of a quantity that several figures (possibly in several
documents) make: the same thing counted (normalised ``what`` and unit: killed, dead, died
and death toll all count ``deaths``), compatible values (:func:`compatible`: "more than 150"
fits 173, "nearly 4,000" fits 3,900) and a compatible time. The time of a figure is its
``as_of`` when that lies within a week before its document's publication, else the
publication date; a figure restating a claim later (without its own date) still joins it.

Incompatible claims of the same known quantity (deaths, detentions, ...):

- stated within a day of each other → a **conflict** (both kept, each with its claimants and
  dates): 173 (health ministry, 16 Jan) vs 181 (rights group, 16 Jan);
- stated later by the same claimant → a **revision**: 173 then 212 a week later.

Values more than three times apart are taken to count different things (a part of a toll,
one day's dead) and are neither.

Counts of people also compare their **place** (:class:`FigurePlace`, read from the places
named in the figure's sentence, never a dateline or a place inside the claimant): *local*
(one town, district or region: eight killed in the Haute-Lassa region), *national* (only
a country named: 173 killed in Mabenia) or *unspecified* (no place, or several towns at
once; its country is the document's focus). Two local places must be the same or near each
other; local and national never meet (an attack's dead are no national toll); unspecified
fits either when the countries agree (:func:`places_compatible`).

:func:`resolve_claims` recomputes the claims in one transaction: every claim (``full``,
after documents were forgotten), or block by block — only the quantities that new figures,
changed claimants or lost figures touch, since a quantity's claims and conflicts depend on
its own figures only (the same result as a full recomputation: a test compares both);
claim ids are content ids of the first member figure.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from newsweave.model.ids import content_id
from newsweave.resolve.claim_places import (
    FigurePlace,
    PlaceMention,
    _place_label,
    figure_place,
    places_compatible,
)
from newsweave.resolve.claim_records import (
    _QUOTE_SPEAKER,
    _QUOTE_SPEAKER_TEXT,
    Claimant,
    ClaimEvidence,
    ClaimRecord,
    ClaimReport,
    ConflictRecord,
    claim_records,
    conflict_records,
)
from newsweave.resolve.claim_values import (
    _QUALIFIER_RANK,
    COUNT_QUANTITIES,
    JOIN_DAYS,
    MAX_CONFLICT_RATIO,
    QUANTITIES,
    SAME_TIME_DAYS,
    TRUSTED_AS_OF_DAYS,
    Amount,
    Interval,
    claimant_key,
    compatible,
    interval,
    is_vague,
    normalise_unit,
    normalise_what,
    word_quantity,
)
from newsweave.resolve.events import EntityLookup, bulk_entity_lookup
from newsweave.store.sqlite import Store

__all__ = [
    "QUANTITIES",
    "Amount",
    "ClaimEvidence",
    "ClaimRecord",
    "ClaimReport",
    "Claimant",
    "ConflictRecord",
    "FigurePlace",
    "claim_records",
    "compatible",
    "conflict_records",
    "normalise_unit",
    "normalise_what",
    "places_compatible",
    "resolve_claims",
    "word_quantity",
]
"""The clustering lives here; values (:mod:`claim_values`), places (:mod:`claim_places`)
and records (:mod:`claim_records`) are re-exported for the modules that import them."""


@dataclass(frozen=True)
class _Fig:
    id: str
    document: str
    origin: str
    """The document, or the original it is a near-duplicate of."""
    quantity: str | None
    unit: str | None
    amount: Amount
    claimant: str | None
    time: str | None
    dated: bool
    """Whether ``time`` is the figure's own ``as_of`` (not the publication date)."""
    sentence: tuple[str, int]
    """Document and sentence start: figures of one sentence are parts of one statement."""
    place: FigurePlace | None = None
    """Where the count happened (None for quantities that are no counts of people)."""
    part: bool = False  # counts a part of another figure: joins parts only, compared with none


@dataclass
class _Claim:
    members: list[_Fig]
    span: Interval
    time: str | None
    conflicts_with: set[int] = field(default_factory=set)

    @property
    def claimants(self) -> set[str]:
        return {m.claimant for m in self.members if m.claimant}

    @property
    def sentences(self) -> set[tuple[str, int]]:
        return {m.sentence for m in self.members}

    @property
    def comparable(self) -> bool:  # a part's group is its own: parts are never compared
        return self.members[0].quantity in COUNT_QUANTITIES and not self.members[0].part

    def place_fits(self, place: FigurePlace | None) -> bool:
        return all(places_compatible(m.place, place) for m in self.members)

    @property
    def place(self) -> str | None:
        """The most specific place a member names (local before national)."""
        labels = sorted(
            (m.place.scope != "local", label)
            for m in self.members
            if m.place is not None and (label := _place_label(m.place)) is not None
        )
        return labels[0][1] if labels else None


# --------------------------------------------------------------------------- loading


def _days(a: str | None, b: str | None) -> int | None:
    """Days from ISO day ``a`` to ``b`` (None unless both are full dates)."""
    try:
        return (dt.date.fromisoformat(b or "") - dt.date.fromisoformat(a or "")).days
    except ValueError:
        return None


def _figure_time(as_of: str | None, published: str | None) -> tuple[str | None, bool]:
    gap = _days(as_of, published)
    if as_of and gap is not None and 0 <= gap <= TRUSTED_AS_OF_DAYS:
        return as_of[:10], True
    return (published[:10] if published else None), False


def _place_mentions(
    conn: sqlite3.Connection, documents: set[str] | None = None
) -> dict[tuple[str, int], list[PlaceMention]]:
    """Located place mentions by (document, sentence start), in text order (of
    ``documents`` only, when given)."""
    where = "" if documents is None else " WHERE m.document_id IN (SELECT value FROM json_each(?))"
    rows = conn.execute(
        "SELECT m.document_id, m.sentence_start, m.start_char, m.end_char, m.text,"
        " p.name, p.kind, p.country, p.gazetteer_id, p.lat, p.lon"
        " FROM mentions AS m JOIN places AS p ON p.actor_id = m.actor_id"
        + where
        + " ORDER BY m.document_id, m.start_char",
        () if documents is None else (json.dumps(sorted(documents)),),
    ).fetchall()
    found: dict[tuple[str, int], list[PlaceMention]] = {}
    for r in rows:
        point = (float(r["lat"]), float(r["lon"])) if r["lat"] is not None else None
        mention = PlaceMention(
            int(r["start_char"]),
            int(r["end_char"]),
            str(r["text"]),
            str(r["name"]),
            str(r["kind"]),
            r["country"],
            str(r["gazetteer_id"]),
            point,
        )
        found.setdefault((str(r["document_id"]), int(r["sentence_start"])), []).append(mention)
    return found


def _focus_countries(conn: sqlite3.Connection, documents: set[str] | None = None) -> dict[str, str]:
    """Each document's focus country: the one its actors (places, demonyms) name most."""
    where = "" if documents is None else " AND document_id IN (SELECT value FROM json_each(?))"
    rows = conn.execute(
        "SELECT document_id, country, sum(mentions) AS n FROM actors"
        " WHERE country IS NOT NULL" + where + " GROUP BY document_id, country"
        " ORDER BY document_id, n DESC, country",
        () if documents is None else (json.dumps(sorted(documents)),),
    ).fetchall()
    focus: dict[str, str] = {}
    for r in rows:
        focus.setdefault(str(r["document_id"]), str(r["country"]))
    return focus


def _claimant_span(row: sqlite3.Row) -> tuple[int, int] | None:
    """Where the claimant's words lie in the clean text (its first use in the sentence)."""
    text, sentence = row["claimed_by_text"], str(row["sentence"] or "")
    at = sentence.find(text) if text else -1
    if at < 0:
        return None
    start = int(row["sentence_start"]) + at
    return start, start + len(text)


_CLAIMANT_COLUMNS = (
    f" {_QUOTE_SPEAKER} AS quote_speaker, {_QUOTE_SPEAKER_TEXT} AS quote_speaker_text"
)


def _claimant(row: sqlite3.Row, lookup: EntityLookup) -> str | None:
    return claimant_key(
        row["claimed_by"] or row["quote_speaker"],
        row["claimed_by_text"] or row["quote_speaker_text"],
        lookup,
    )


def _load(
    store: Store, lookup: EntityLookup | None, ids: Sequence[str] | None = None
) -> list[_Fig]:
    """The figures (``ids`` only, when given) as the clustering reads them; claimants by
    ``lookup`` (None: the entities of these figures' claimants, read at once)."""
    conn = store.connection
    where = "" if ids is None else " WHERE f.id IN (SELECT value FROM json_each(?))"
    rows = conn.execute(
        "SELECT f.*, d.published, coalesce(d.near_duplicate_of, d.id) AS origin,"
        " substr(d.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence,"
        + _CLAIMANT_COLUMNS
        + " FROM figures AS f JOIN documents AS d ON d.id = f.document_id"
        + where,
        () if ids is None else (json.dumps(sorted(set(ids))),),
    ).fetchall()
    documents = None if ids is None else {str(r["document_id"]) for r in rows}
    if lookup is None:
        lookup = _claimant_entities(conn, rows)
    mentions, focus = _place_mentions(conn, documents), _focus_countries(conn, documents)
    figures = []
    for row in rows:
        quantity = normalise_what(row["what"], row["unit"])
        key = (str(row["document_id"]), int(row["sentence_start"]))
        place = None
        if quantity in COUNT_QUANTITIES:
            place = figure_place(mentions.get(key, []), _claimant_span(row), focus.get(key[0]))
        time, dated = _figure_time(row["as_of"], row["published"])
        amount = Amount(
            float(row["value"]),
            row["qualifier"] or "exact",
            row["low"],
            row["high"],
            vague=is_vague(str(row["text"])),
        )
        figures.append(
            _Fig(
                id=str(row["id"]),
                document=str(row["document_id"]),
                origin=str(row["origin"]),
                quantity=quantity,
                unit=normalise_unit(row["unit"], quantity),
                amount=amount,
                claimant=_claimant(row, lookup),
                time=time,
                dated=dated,
                sentence=key,
                place=place,
                part=row["part_of"] is not None,
            )
        )
    return sorted(_hedge_shorthands(figures), key=_figure_order)


def _claimant_entities(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> EntityLookup:
    """The entity lookup of the claimant actors of ``rows`` (an unresolved actor is its
    own entity, as in :func:`newsweave.resolve.events.bulk_entity_lookup`)."""
    actors = {str(a) for r in rows if (a := r["claimed_by"] or r["quote_speaker"])}
    found = {
        str(r[0]): str(r[1])
        for r in conn.execute(
            "SELECT actor_id, entity_id FROM entity_members"
            " WHERE actor_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(actors)),),
        )
    }
    return lambda actor_id: found.get(actor_id, actor_id)


def _hedge_shorthands(figures: list[_Fig]) -> list[_Fig]:
    """An exact figure in a document that also hedges the same value of the same quantity
    is a shorthand of it ("toll passes 150" / "more than 150"): it takes the hedge."""
    hedges: dict[tuple[str, str | None, float], Amount] = {}
    for fig in figures:
        if fig.quantity and fig.amount.qualifier not in ("exact", None):
            hedges.setdefault((fig.document, fig.quantity, fig.amount.value), fig.amount)
    result = []
    for fig in figures:
        hedge = hedges.get((fig.document, fig.quantity, fig.amount.value))
        if hedge is not None and fig.amount.qualifier in ("exact", None):
            fig = replace(fig, amount=hedge)
        result.append(fig)
    return result


def _figure_order(fig: _Fig) -> tuple[int, str, str, str]:
    """Exact figures first (they found claims), then hedged ones; each by time."""
    rank = 5 if fig.amount.vague else _QUALIFIER_RANK.get(fig.amount.qualifier, 4)
    return (rank, fig.time or "9999", fig.document, fig.id)


# --------------------------------------------------------------------------- clustering


def _time_fits(fig: _Fig, claim: _Claim) -> bool:
    gap = _days(claim.time, fig.time)
    if gap is None:
        return True
    return abs(gap) <= JOIN_DAYS if fig.dated else gap >= -JOIN_DAYS


def _value_fits(fig: _Fig, claim: _Claim) -> bool:
    if claim.comparable:
        return claim.span.overlaps(interval(fig.amount))
    first = claim.members[0].amount
    return fig.amount.value == first.value and compatible(fig.amount, first)


def _place_fits(fig: _Fig, claim: _Claim) -> bool:
    """Places compatible with every member; a local count joins a claim no member places
    only when it restates its value ("19 died" after "19 died in Amakoro"), so that "at
    least 48 died in Amakoro" never becomes a part of a national 173."""
    if not claim.place_fits(fig.place):
        return False
    if fig.place is None or fig.place.scope != "local":
        return True
    if any(m.place is not None and m.place.scope == "local" for m in claim.members):
        return True
    return any(m.amount == fig.amount for m in claim.members)


def _choose(fig: _Fig, fitting: list[_Claim]) -> _Claim | None:
    """The claim a figure joins: one with its claimant, else the nearest in time when only
    one is, else one stating exactly its value; None when it fits several claims equally
    (a hedge such as "more than 150" consistent with both 173 and 181 stays on its own)."""
    if not fitting:
        return None
    same = [c for c in fitting if fig.claimant and fig.claimant in c.claimants]
    if same:
        return same[0]
    distance = {id(c): abs(_days(c.time, fig.time) or 0) for c in fitting}
    nearest = min(distance.values())
    fitting = [c for c in fitting if distance[id(c)] == nearest]
    if len(fitting) == 1:
        return fitting[0]
    exact = [c for c in fitting if c.members[0].amount.value == fig.amount.value]
    return exact[0] if exact else None


def cluster_figures(figures: list[_Fig]) -> list[_Claim]:
    """Greedy clustering of figures into claims (see the module docstring)."""
    claims: list[_Claim] = []
    by_key: dict[tuple[str | None, str | None, bool], list[_Claim]] = {}
    for fig in figures:
        key = (fig.quantity, fig.unit, fig.part)
        if fig.quantity is None:
            # nothing says what is counted ("38%", "30"): no basis to call two the same
            claims.append(_Claim([fig], interval(fig.amount), fig.time))
            continue
        candidates = by_key.setdefault(key, [])
        fitting = [
            c
            for c in candidates
            if _value_fits(fig, c) and _time_fits(fig, c) and _place_fits(fig, c)
        ]
        claim = _choose(fig, fitting)
        if claim is None:
            claim = _Claim([], interval(fig.amount), fig.time)
            candidates.append(claim)
            claims.append(claim)
        else:
            claim.span = claim.span.intersect(interval(fig.amount)) or claim.span
        claim.members.append(fig)
        if fig.time and (claim.time is None or fig.time < claim.time):
            claim.time = fig.time
    return claims


def _ratio_ok(a: _Claim, b: _Claim) -> bool:
    va, vb = _value(a), _value(b)
    low, high = sorted((abs(va), abs(vb)))
    return low > 0 and high / low <= MAX_CONFLICT_RATIO


def _relation(a: _Claim, b: _Claim) -> str | None:
    """``conflict``, ``revision`` (b restates a later) or None for two claims of a key."""
    if not a.comparable or a.span.overlaps(b.span) or not _ratio_ok(a, b):
        return None
    if not all(a.place_fits(m.place) for m in b.members):
        return None  # counts of different places
    if a.sentences <= b.sentences or b.sentences <= a.sentences:
        return None  # parts of one statement: "eight people, including five soldiers"
    gap = _days(a.time, b.time)
    if gap is None:
        return None
    if abs(gap) <= SAME_TIME_DAYS:
        return "conflict"
    if gap > SAME_TIME_DAYS and a.claimants & b.claimants:
        return "revision"
    return None


def _pairs(claims: list[_Claim]) -> list[tuple[str, _Claim, _Claim]]:
    """Every related pair of claims of the same quantity, earlier claim first (only counts
    are ever related: other quantities are not compared pairwise)."""
    groups: dict[tuple[str | None, str | None, bool], list[_Claim]] = {}
    for claim in claims:
        if claim.comparable:
            first = claim.members[0]
            groups.setdefault((first.quantity, first.unit, first.part), []).append(claim)
    pairs = []
    for group in groups.values():
        group.sort(key=lambda c: (c.time or "", _value(c)))
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                kind = _relation(a, b)
                if kind:
                    pairs.append((kind, a, b))
    return pairs


def _value(claim: _Claim) -> float:
    """The claim's value: the most often stated value of its most precise members."""
    best = min(_figure_order(m)[0] for m in claim.members)
    values = Counter(m.amount.value for m in claim.members if _figure_order(m)[0] == best)
    return max(values, key=lambda v: (values[v], -v))


# --------------------------------------------------------------------------- storing


def _claim_id(claim: _Claim) -> str:
    return content_id("c", min(m.id for m in claim.members))


def _status(claim: _Claim, kinds: dict[int, set[str]]) -> str:
    found = kinds.get(id(claim), set())
    if "conflict" in found:
        return "conflicting"
    if "revised" in found:
        return "revised"
    return "corroborated" if len({m.origin for m in claim.members}) > 1 else "single"


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


def _insert_claim(conn: sqlite3.Connection, claim: _Claim, status: str) -> None:
    head = claim.members[0]
    value = _value(claim)
    qualifier = next(m.amount.qualifier for m in claim.members if m.amount.value == value)
    conn.execute(
        "INSERT INTO claims (id, what, unit, value, low, high, qualifier, as_of, status,"
        " documents, place) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            _claim_id(claim),
            head.quantity or "",
            head.unit,
            value,
            _finite(claim.span.low),
            _finite(claim.span.high),
            qualifier,
            claim.time,
            status,
            len({m.document for m in claim.members}),
            claim.place,
        ),
    )
    conn.executemany(
        "INSERT INTO claim_members (figure_id, claim_id, claimant, as_of) VALUES (?, ?, ?, ?)",
        [(m.id, _claim_id(claim), m.claimant, m.time) for m in claim.members],
    )


def _insert_relations(conn: sqlite3.Connection, pairs: list[tuple[str, _Claim, _Claim]]) -> None:
    """One row per conflict pair and per revision pair, claims in date order."""
    for kind, a, b in pairs:
        ids = [_claim_id(a), _claim_id(b)]
        conn.execute(
            "INSERT OR IGNORE INTO conflicts (id, what, kind, claim_ids, claim_values, as_of)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                content_id("x", kind, *ids),
                a.members[0].quantity or "",
                kind,
                json.dumps(ids),
                json.dumps([_value(a), _value(b)]),
                a.time,
            ),
        )


@dataclass(frozen=True)
class _Changes:
    """What an incremental recomputation redoes (see :func:`_changes`)."""

    quantities: set[str]
    """The quantities (``claims.what``, ``""`` for figures that count nothing named) whose
    claims a full recomputation could change."""
    figures: list[str]
    """The figures to cluster: every figure of those quantities (lone ones only when they
    changed)."""
    gone: list[str]
    """Stored claims of lone figures to delete (their figure changed or is gone)."""


def _changes(conn: sqlite3.Connection, documents: Sequence[str]) -> _Changes:
    """The quantities whose claims a full recomputation could change: those of the figures
    of ``documents`` (just geocoded: their places may be new), of figures no claim holds
    yet (new or re-analysed documents), of figures whose claimant's entity changed, and of
    claims that lost their first member figure. Read without loading every figure: a
    stored figure's quantity is its claim's ``what``, and its claimant can only change
    through the entity of its claimant actor (a figure row and its document's quotes never
    change: re-analysis writes new rows that no claim holds)."""
    fresh = conn.execute(
        "SELECT f.id, f.document_id, f.what, f.unit, f.claimed_by, f.claimed_by_text,"
        + _CLAIMANT_COLUMNS
        + " FROM figures AS f WHERE f.id NOT IN (SELECT figure_id FROM claim_members)"
        " OR f.document_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(documents))),),
    ).fetchall()
    quantity = {str(r["id"]): normalise_what(r["what"], r["unit"]) or "" for r in fresh}
    regained = {
        str(r[0]): str(r[1])
        for r in conn.execute(
            "WITH m AS (SELECT m.figure_id, m.claimant, c.what,"
            f" coalesce(f.claimed_by, {_QUOTE_SPEAKER}) AS actor"
            " FROM claim_members AS m JOIN claims AS c ON c.id = m.claim_id"
            " JOIN figures AS f ON f.id = m.figure_id WHERE m.claimant LIKE 'e:%')"
            " SELECT m.figure_id, m.what FROM m LEFT JOIN entity_members AS e"
            " ON e.actor_id = m.actor"
            " WHERE m.claimant IS NOT ('e:' || coalesce(e.entity_id, m.actor))"
        )
    }
    touched = set(quantity.values()) | set(regained.values())
    for what, claim_id, first in conn.execute(
        "SELECT c.what, c.id, (SELECT min(m.figure_id) FROM claim_members AS m"
        " WHERE m.claim_id = c.id) FROM claims AS c"
    ):
        if first is None or content_id("c", str(first)) != str(claim_id):
            touched.add(str(what))
    counted = sorted(touched - {""})
    members = [
        str(r[0])
        for r in conn.execute(
            "SELECT m.figure_id FROM claim_members AS m JOIN claims AS c ON c.id = m.claim_id"
            " WHERE c.what IN (SELECT value FROM json_each(?))",
            (json.dumps(counted),),
        )
    ]
    redo = sorted(
        {f for f, q in quantity.items() if q == ""} | {f for f, q in regained.items() if q == ""}
    )
    gone: list[str] = []
    if "" in touched:
        # a lone figure is its own claim: rewrite the changed ones, drop those of gone figures
        gone = [
            str(r[0])
            for r in conn.execute(
                "SELECT c.id FROM claims AS c WHERE c.what = '' AND (NOT EXISTS (SELECT 1"
                " FROM claim_members AS m WHERE m.claim_id = c.id) OR EXISTS (SELECT 1"
                " FROM claim_members AS m WHERE m.claim_id = c.id"
                " AND m.figure_id IN (SELECT value FROM json_each(?))))",
                (json.dumps(redo),),
            )
        ]
    wanted = set(members) | {f for f, q in quantity.items() if q and q in touched}
    return _Changes(touched, sorted(wanted | set(redo)), gone)


def resolve_claims(
    store: Store, *, full: bool = True, documents: Sequence[str] = ()
) -> ClaimReport:
    """Recompute the claims, conflicts and revisions from the stored figures: all of them
    (``full``), or only those of the quantities the changes — ``documents`` just resolved,
    new figures, changed claimants — touch (:func:`_changes`: a quantity's claims depend on
    its own figures only, so the result is the same as a full recomputation's)."""
    conn = store.connection
    touched: set[str] | None = None
    lone_gone: list[str] = []
    if full:
        figures = _load(store, bulk_entity_lookup(store))
    else:
        changes = _changes(conn, documents)
        touched, lone_gone = changes.quantities - {""}, changes.gone
        figures = _load(store, None, changes.figures) if changes.figures else []
    claims = cluster_figures(figures)
    pairs = _pairs(claims)
    kinds: dict[int, set[str]] = {}
    for kind, a, b in pairs:
        kinds.setdefault(id(a), set()).add("conflict" if kind == "conflict" else "revised")
        if kind == "conflict":
            kinds.setdefault(id(b), set()).add("conflict")
    with store.transaction() as conn:
        if touched is None:
            conn.execute("DELETE FROM conflicts")
            conn.execute("DELETE FROM claim_members")
            conn.execute("DELETE FROM claims")
        else:
            whats = json.dumps(sorted(touched))
            conn.execute(
                "DELETE FROM conflicts WHERE what IN (SELECT value FROM json_each(?))", (whats,)
            )
            conn.execute(
                "DELETE FROM claim_members WHERE claim_id IN (SELECT id FROM claims"
                " WHERE what IN (SELECT value FROM json_each(?)))",
                (whats,),
            )
            conn.execute(
                "DELETE FROM claims WHERE what IN (SELECT value FROM json_each(?))", (whats,)
            )
            gone = json.dumps(lone_gone)
            conn.execute(
                "DELETE FROM claim_members WHERE claim_id IN (SELECT value FROM json_each(?))",
                (gone,),
            )
            conn.execute("DELETE FROM claims WHERE id IN (SELECT value FROM json_each(?))", (gone,))
        for claim in claims:
            _insert_claim(conn, claim, _status(claim, kinds))
        _insert_relations(conn, pairs)
    return _report(conn)


def _report(conn: sqlite3.Connection) -> ClaimReport:
    """Counts of the stored claims, conflicts and revisions."""

    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return ClaimReport(
        figures=count("SELECT count(*) FROM figures"),
        claims=count("SELECT count(*) FROM claims"),
        corroborated=count(
            "SELECT count(*) FROM (SELECT m.claim_id FROM claim_members AS m"
            " JOIN figures AS f ON f.id = m.figure_id JOIN documents AS d ON d.id = f.document_id"
            " GROUP BY m.claim_id HAVING count(DISTINCT coalesce(d.near_duplicate_of, d.id)) > 1)"
        ),
        conflicts=count("SELECT count(*) FROM conflicts WHERE kind = 'conflict'"),
        revisions=count("SELECT count(*) FROM conflicts WHERE kind = 'revision'"),
    )
