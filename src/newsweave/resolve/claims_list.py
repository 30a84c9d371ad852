"""The figures listing (``newsweave figures``): every claim of the corpus with its value,
hedge, claimants, conflicts and revisions, and the sources that state it.

A thin reading layer over :func:`claim_records` and :func:`conflict_records`: one
:class:`ClaimListing` per claim, in the order of its quantity then date; a claim's
``conflicts`` name the other claims (value, claimants, date) it disagrees with, and its
``revisions`` the earlier or later counts of the same claimant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.resolve.claims import ClaimRecord, claim_records, conflict_records
from newsweave.resolve.figure_parts import claim_parts
from newsweave.store.sqlite import Store


@dataclass(frozen=True)
class Source:
    """One statement of a claim: the document, its title and date, the sentence."""

    document: str
    title: str | None
    published: str | None
    figure_text: str
    claimant: str | None
    as_of: str | None
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class Counterpart:
    """Another claim of the same quantity that disagrees with (or revises) this one."""

    kind: str
    """``conflict`` or ``revision``."""
    claim: str
    value: float
    claimants: tuple[str, ...]
    date: str | None


@dataclass(frozen=True)
class ClaimListing:
    """One claim as an analyst reads it."""

    id: str
    what: str
    value: float
    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None
    place: str | None
    as_of: str | None
    status: str
    claimants: tuple[str, ...]
    sources: tuple[Source, ...]
    conflicts: tuple[Counterpart, ...]
    part_of: tuple[str, ...] = ()
    """Ids of the claims this one counts a part of ("31 minors" of "240 arrested")."""

    @property
    def hedge(self) -> str:
        """The hedge in words ("at least ", "about "), "" for an exact value."""
        return _HEDGES.get(self.qualifier or "", "")

    @property
    def number(self) -> str:
        """The value as written for a reader: "173", "10-15", "310 million"."""
        hedged = self.qualifier not in (None, "exact")
        if self.low is not None and self.high is not None and self.low != self.high and not hedged:
            return f"{_number(self.low)}-{_number(self.high)}"
        return _number(self.value)

    @property
    def hedged_value(self) -> str:
        """The value as a reader would say it ("at least 173", "10-15")."""
        return self.hedge + self.number


_HEDGES = {
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "less_than": "less than ",
    "nearly": "nearly ",
    "up_to": "up to ",
    "approx": "about ",
}


def _number(value: float) -> str:
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale and (value / scale) * 100 == int((value / scale) * 100):
            return f"{value / scale:g} {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def _titles(store: Store) -> dict[str, tuple[str | None, str | None]]:
    rows = store.connection.execute("SELECT id, title, published FROM documents")
    return {str(r[0]): (r[1], r[2]) for r in rows}


def _sources(
    claim: ClaimRecord, titles: dict[str, tuple[str | None, str | None]]
) -> tuple[Source, ...]:
    return tuple(
        Source(
            document=e.document,
            title=titles.get(e.document, (None, None))[0],
            published=titles.get(e.document, (None, None))[1],
            figure_text=e.figure_text,
            claimant=e.claimant,
            as_of=e.date,
            start=e.start,
            end=e.end,
            sentence=e.text,
        )
        for e in claim.evidence
    )


def listing(
    claim: ClaimRecord,
    titles: dict[str, tuple[str | None, str | None]],
    conflicts: Sequence[Counterpart],
    part_of: tuple[str, ...] = (),
) -> ClaimListing:
    """A claim as it is listed: its sources with their titles and its counterparts."""
    return ClaimListing(
        id=claim.id,
        what=claim.what,
        value=claim.value,
        low=claim.low,
        high=claim.high,
        qualifier=claim.qualifier,
        unit=claim.unit,
        place=claim.place,
        as_of=claim.as_of,
        status=claim.status,
        claimants=tuple(dict.fromkeys(x.name for x in claim.claimants)),
        sources=_sources(claim, titles),
        conflicts=tuple(conflicts),
        part_of=part_of,
    )


def list_claims(store: Store, *, what: str | None = None) -> list[ClaimListing]:
    """Every claim of the resolved corpus (``what`` keeps those whose quantity contains
    it), each with its sources and the claims it conflicts with or revises."""
    claims = claim_records(store)
    by_id = {c.id: c for c in claims}
    counterparts: dict[str, list[Counterpart]] = {}
    for record in conflict_records(store):
        for own in record.claims:
            for index, other in enumerate(record.claims):
                if other == own or other not in by_id:
                    continue
                counterparts.setdefault(own, []).append(
                    Counterpart(
                        record.kind,
                        other,
                        record.values[index],
                        record.claimants[index],
                        record.dates[index],
                    )
                )
    titles = _titles(store)
    parts = claim_parts(store.connection)
    wanted = what.lower() if what else None
    return [
        listing(c, titles, counterparts.get(c.id, ()), parts.get(c.id, ()))
        for c in claims
        if wanted is None or wanted in c.what.lower()
    ]
