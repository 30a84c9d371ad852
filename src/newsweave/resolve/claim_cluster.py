"""Claims: clustering figures into claims (one quantity, compatible time, value and place)
and comparing claims (conflicts, revisions); loading and writing live in
:mod:`newsweave.resolve.claims`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from newsweave.model.ids import content_id
from newsweave.resolve.claim_places import (
    FigurePlace,
    _place_label,
    places_compatible,
)
from newsweave.resolve.claim_values import (
    _QUALIFIER_RANK,
    COUNT_QUANTITIES,
    JOIN_DAYS,
    MAX_CONFLICT_RATIO,
    SAME_TIME_DAYS,
    Amount,
    Interval,
    compatible,
    interval,
)


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
