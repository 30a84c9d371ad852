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

import json
import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsweave.model.ids import content_id
from newsweave.resolve.claim_cluster import (
    _Claim,
    _claim_id,
    _days,
    _Fig,
    _figure_order,
    _pairs,
    _status,
    _value,
    cluster_figures,
)
from newsweave.resolve.claim_places import (
    FigurePlace,
    PlaceMention,
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
    COUNT_QUANTITIES,
    QUANTITIES,
    TRUSTED_AS_OF_DAYS,
    Amount,
    claimant_key,
    compatible,
    is_vague,
    normalise_unit,
    normalise_what,
    word_quantity,
)
from newsweave.resolve.events import EntityLookup, bulk_entity_lookup
from newsweave.resolve.places_areas import area_names, in_figure_clause, sentence_areas
from newsweave.resolve.story_match import entities_of
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
"""Loading and writing live here, the clustering in :mod:`claim_cluster`; values
(:mod:`claim_values`), places (:mod:`claim_places`) and records (:mod:`claim_records`) are
re-exported for the modules that import them."""


def _figure_time(as_of: str | None, published: str | None) -> tuple[str | None, bool]:
    if as_of and len(as_of) == 4 and published and as_of < published[:4]:
        # a past year of the count's own clause ("in 1998, … killed 40"): a past happening,
        # dated the year's last day (the latest it can be), never set against today's count
        return f"{as_of}-12-31", True
    if as_of and len(as_of) == 7 and published and as_of < published[:7]:
        # a past month of the count's clause ("in February, a quake … killed 612"): dated
        # the month's first day (the analysis gives a month only when it is 2+ months back)
        return f"{as_of}-01", True
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


def _document_areas(
    conn: sqlite3.Connection,
    documents: set[str],
    located: dict[tuple[str, int], list[PlaceMention]],
) -> dict[str, frozenset[str]]:
    """The administrative areas each document names as such ("in Kalora district"),
    except the names the gazetteer located somewhere in it ("Aceh province")."""
    known: dict[str, set[str]] = {}
    for (document, _), found in located.items():
        known.setdefault(document, set()).update(m.text.lower() for m in found)
    rows = conn.execute(
        "SELECT id, text FROM documents WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(documents)),),
    )
    return {
        str(r["id"]): frozenset(
            name
            for name in area_names(str(r["text"]))
            if name.lower() not in known.get(str(r["id"]), set())
        )
        for r in rows
    }


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
        lookup = entities_of(  # an unresolved claimant is its own entity
            conn, (str(a) for r in rows if (a := r["claimed_by"] or r["quote_speaker"]))
        )
    mentions, focus = _place_mentions(conn, documents), _focus_countries(conn, documents)
    areas = _document_areas(conn, {str(r["document_id"]) for r in rows}, mentions)
    figures = []
    for row in rows:
        quantity = normalise_what(row["what"], row["unit"])
        key = (str(row["document_id"]), int(row["sentence_start"]))
        place = None
        if quantity in COUNT_QUANTITIES:
            sentence = str(row["sentence"] or "")
            located = sentence_areas(areas[key[0]], sentence, key[1], mentions.get(key, []))
            named = in_figure_clause(located, sentence, key[1], int(row["end_char"]))
            place = figure_place(named, _claimant_span(row), focus.get(key[0]))
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
