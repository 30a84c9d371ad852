"""Facts found in one document by the analysis stages. Every fact carries Evidence:
document id, character offsets into the clean text (end exclusive) and the sentence."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsweave.model.records import Evidence


@dataclass(frozen=True)
class Span:
    """A stretch of the clean text: [start, end) and the text itself."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A name (or a title standing for a named actor) in the text."""

    span: Span
    type: str
    """PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, LAW, PRODUCT, WORK_OF_ART."""
    actor: str | None
    """Id of the in-document actor this mention belongs to."""
    source: str
    """How it was found: ``ner``, ``ner+gazetteer`` (type corrected), ``gazetteer``,
    ``title`` ("the president"), ``alias`` (a surname or acronym), ``demonym``."""
    evidence: Evidence


@dataclass(frozen=True)
class Title:
    """A role or description given to an actor: "ex-president", "British economist"."""

    text: str
    evidence: Evidence


@dataclass(frozen=True)
class Actor:
    """One actor within one document: the chain of its mentions."""

    id: str
    """Content id from the document id, type and name."""
    name: str
    type: str
    aliases: tuple[str, ...]
    titles: tuple[Title, ...]
    mentions: int
    country: str | None = None
    """ISO 3166 alpha-2 code for countries, demonyms and known places."""
    evidence: Evidence | None = None
    """The first mention."""


@dataclass(frozen=True)
class TimeExpression:
    """A time expression normalised to a calendar value (TIMEX3 style)."""

    span: Span
    type: str
    """DATE, TIME, DURATION or SET."""
    value: str
    """``2024-01-09``, ``2024-01``, ``2024``, ``2023-W52``, ``P2Y``, ``PRESENT_REF``…"""
    precision: str
    """``day``, ``month``, ``year``, ``week``, ``decade``, ``time``, ``duration``…"""
    anchor: str
    """What it was computed from: ``absolute``, ``publication``, ``narrative``, ``none``."""
    evidence: Evidence


@dataclass(frozen=True)
class Figure:
    """A number the text states, with its hedge, unit, what it counts and who claims it."""

    span: Span
    value: float
    low: float | None
    high: float | None
    qualifier: str | None
    """exact, approx, at_least, more_than, at_most, less_than, nearly, up_to."""
    unit: str | None
    """``person``, ``percent``, ``USD``, ``factory``…"""
    what: str | None
    """What is counted: ``killed``, ``detained``, ``share of world cobalt output``."""
    claimed_by: str | None
    """Actor id of the claimant when known."""
    claimed_by_text: str | None
    """The claimant as written ("the health ministry", "a rights group")."""
    as_of: str | None
    """ISO date the figure is stated for, when the text says."""
    evidence: Evidence
    part_of: str | None = None
    """Id of the figure of the same sentence this one counts a part of ("184 people were
    killed, including 12 police officers", "73 detained, 19 of them students"), as
    ``fact_id("f", document, start, end)`` of that figure; None for a whole."""


@dataclass(frozen=True)
class Quote:
    """Reported speech: direct ("…", said X) or indirect (X said that …)."""

    span: Span
    """The quoted content."""
    speaker: str | None
    """Actor id when the speaker is a named actor of the document."""
    speaker_text: str | None
    """The speaker as written, or a description ("a shopkeeper at the central market")."""
    verb: str | None
    direct: bool
    evidence: Evidence
    on_behalf_of: str | None = None
    """Actor id of whom the speaker speaks for (a spokesperson's or a lawyer's principal:
    "the senator's press secretary said" → the senator), when the text names an actor."""
    on_behalf_of_text: str | None = None
    """Whom the speaker speaks for as written ("the senator", "the families"), or None."""


@dataclass(frozen=True)
class Event:
    """Something that happened (or is said may happen) to whom, when and where: a PLOVER
    type and mode, its participants, place, date, figures, modality and every sentence that
    tells of it (one event per happening within a document)."""

    id: str
    """``fact_id("e", document, trigger.start, trigger.end)`` of its first trigger."""
    type: str
    """PLOVER: AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, INVESTIGATE,
    DEMAND, DISAPPROVE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT,
    FIGHT."""
    mode: str | None
    """demonstrate, strike, riot, arrest, detain, dismiss, kill, tear-gas, deploy…"""
    label: str
    """A short description: "police dispersed the marchers"."""
    trigger: Span
    actors: tuple[str, ...]
    """Actor ids of who acts."""
    actor_texts: tuple[str, ...]
    """Who acts as written, when no named actor ("police", "protesters")."""
    targets: tuple[str, ...]
    target_texts: tuple[str, ...]
    place: str | None
    """Actor id of the most specific place the text ties to it."""
    place_text: str | None
    date: str | None
    """ISO partial date of the event itself."""
    date_source: str
    """``sentence``, ``narrative``, ``publication`` (last resort) or ``none``."""
    figures: tuple[str, ...]
    """Ids of the figures that measure it (``fact_id("f", document, start, end)``)."""
    modality: str
    """asserted, reported, hypothetical, negated, future."""
    reported_by: str | None
    reported_by_text: str | None
    evidence: tuple[Evidence, ...]
    quotes: tuple[str, ...] = ()
    """For a STATEMENT: ids of the quotes it states (``fact_id("q", document, start, end)``
    of the quoted words), where its trigger verb is the quote's cue."""


@dataclass(frozen=True)
class Relation:
    """A tie between two actors: family, office, membership, alliance, employment, place."""

    subject: str
    predicate: str
    """child_of, parent_of, spouse_of, former_spouse_of, sibling_of, relative_of, ally_of,
    member_of, leads, holds_position, employed_by, located_in, owns."""
    object: str | None
    """Actor id; None for holds_position without an organisation (the office is the
    qualifier)."""
    object_text: str | None
    qualifier: str | None
    """"eldest son", "Finance Minister", "former head"."""
    time: str | None
    evidence: Evidence


@dataclass(frozen=True)
class DocAnalysis:
    """Everything the per-document stages found in one document."""

    document: str
    version: str
    sentences: tuple[tuple[int, int], ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    notes: tuple[str, ...] = field(default=())
    """Why something was skipped (e.g. the document is not English)."""
