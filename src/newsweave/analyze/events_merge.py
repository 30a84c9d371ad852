"""Merging event readings: one event per happening, with compatible participants,
dates, places and modality, several pieces of evidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from newsweave.analyze.events_counts import _unique
from newsweave.analyze.events_filters import VICTIM_MODES, Reading
from newsweave.analyze.events_vocab import vocabulary
from newsweave.model import Evidence
from newsweave.model.facts import Event

MODALITY_RANK = {"negated": 0, "hypothetical": 1, "future": 2, "reported": 3, "asserted": 4}
DATE_RANK = {"sentence": 0, "narrative": 1, "publication": 2, "none": 3}


def _dates_agree(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None or "sentence" not in (a.date_source, b.date_source):
        return True
    if a.date_source != "sentence" or b.date_source != "sentence":
        return True
    return a.date.startswith(b.date) or b.date.startswith(a.date)


def _tally(event: Event) -> bool:
    """Whether the event is told as a toll ("the death toll"): a sum, not one incident."""
    words = event.trigger.text.lower().split()
    return bool(words) and words[-1] in vocabulary().tallies


def _heads(texts: Sequence[str]) -> tuple[str, ...]:
    """The last word of each unnamed participant's words ("Seven Taliban militants" ->
    "militants"): who they are, for telling two groups of victims apart; words that fit
    any group and numbers ("the three") left out."""
    heads = (t.split()[-1].lower().strip(".,'\"") for t in texts if t.split())
    return tuple(h for h in heads if h not in ANYONE and not _numeric(h))


def _numeric(word: str) -> bool:
    return word.replace(",", "").isdigit() or word in NUMBER_WORDS


NUMBER_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands"}
)  # fmt: skip


ANYONE = frozenset(
    {"people", "persons", "person", "civilians", "victims", "others", "residents", "them"}
)
"""Victim words that fit any group ("150 people killed" may be "the killings of
protesters"): they never tell two groups of victims apart."""


def _disjoint(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(a) and bool(b) and not set(a) & set(b)


def compatible(
    a: Event,
    b: Event,
    loose: bool = False,
    values: Mapping[str, float] | None = None,
) -> bool:
    """Whether two events of one document can be the same happening (``loose``: whatever
    their places and dates, for a headline or a mention in passing, as long as they do not
    count different numbers; ``values`` maps figure ids to their values)."""
    if (a.type, a.mode) != (b.type, b.mode):
        return False
    moods = {a.modality, b.modality}
    if len(moods) > 1 and not moods <= {"asserted", "reported"}:
        return False
    if _disjoint(a.actors, b.actors) or _disjoint(a.targets, b.targets):
        return False
    known = values or {}
    counted = {known.get(f) for f in a.figures} & {known.get(f) for f in b.figures} - {None}
    if loose:
        return not (a.figures and b.figures) or bool(counted)
    if a.mode in VICTIM_MODES and not counted:
        # victims named as different groups ("a major general was killed", "a local
        # commander was also killed") or counted differently ("seven militants were
        # killed", "killing the three") are two happenings; a toll sums them up ("put the
        # toll at 181" joins "more than 150 people have been killed")
        if _disjoint(_heads(a.target_texts), _heads(b.target_texts)):
            return False
        if a.figures and b.figures and not (_tally(a) or _tally(b)):
            return False
    if a.place and b.place and a.place != b.place:
        return False
    return _dates_agree(a, b)


def combine(a: Event, b: Event) -> Event:
    """One event from two tellings of it (``a`` came first)."""
    dated = a if DATE_RANK[a.date_source] <= DATE_RANK[b.date_source] else b
    mood = a.modality if MODALITY_RANK[a.modality] >= MODALITY_RANK[b.modality] else b.modality
    return replace(
        a,
        actors=_unique(a.actors + b.actors),
        actor_texts=_unique(a.actor_texts + b.actor_texts)
        if not (a.actors or b.actors)
        else a.actor_texts,
        targets=_unique(a.targets + b.targets),
        target_texts=_unique(a.target_texts + b.target_texts)
        if not (a.targets or b.targets)
        else a.target_texts,
        place=a.place or b.place,
        place_text=a.place_text if a.place else b.place_text,
        date=dated.date,
        date_source=dated.date_source,
        figures=_unique(a.figures + b.figures),
        modality=mood,
        reported_by=a.reported_by or b.reported_by,
        reported_by_text=a.reported_by_text or b.reported_by_text,
        evidence=a.evidence + b.evidence,
    )


def _absorb(
    merged: list[Event],
    pieces: list[list[Evidence]],
    event: Event,
    summary: Sequence[tuple[int, int]],
    passing: bool,
    values: Mapping[str, float],
) -> bool:
    """Fold ``event`` into the first compatible event of ``merged``; True when folded. A
    headline or standfirst summarises the story: its place may be the country where the
    body names the city. A happening named in passing joins any telling of its kind.
    The evidence of ``merged[k]`` is gathered in ``pieces[k]`` (linear in the number of
    tellings: a document may retell one happening thousands of times)."""
    loose = passing or _in_spans(event, summary)
    for k, earlier in enumerate(merged):
        headline = _in_spans(earlier, summary) and not loose
        if compatible(earlier, event, loose or headline, values):
            # the body's telling leads: its trigger, place and label are the specific ones
            if headline:
                merged[k] = replace(combine(event, earlier), evidence=())
                pieces[k][:0] = event.evidence
            else:
                merged[k] = replace(combine(earlier, event), evidence=())
                pieces[k].extend(event.evidence)
            return True
    return False


def _in_spans(event: Event, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= event.trigger.start < e for s, e in spans)


def merge_events(
    readings: Sequence[Reading],
    summary: Sequence[tuple[int, int]] = (),
    values: Mapping[str, float] | None = None,
) -> tuple[Event, ...]:
    """One event per happening: fold each event into the first compatible earlier one. A
    bare mention of a happening ("the strike would continue", "released from detention")
    is evidence of a telling of it elsewhere in the document; with none, it stands on its
    own when its sentence tells of it, or tells of nothing else. ``summary`` holds the
    headline and standfirst spans, ``values`` the value of each linked figure."""
    known = values or {}
    merged: list[Event] = []
    pieces: list[list[Evidence]] = []

    def add(event: Event) -> None:
        merged.append(replace(event, evidence=()))
        pieces.append(list(event.evidence))

    for reading in readings:
        event = reading.event
        if not reading.bare and not _absorb(merged, pieces, event, summary, False, known):
            add(event)
    sentences = {r.event.evidence[0].text for r in readings if not r.bare}
    for reading in readings:
        event = reading.event
        if not reading.bare or _absorb(merged, pieces, event, summary, True, known):
            continue
        sentence = event.evidence[0].text
        if reading.told or sentence not in sentences:
            add(event)
            sentences.add(sentence)
    done = [replace(e, evidence=tuple(p)) for e, p in zip(merged, pieces, strict=True)]
    return tuple(sorted(done, key=lambda e: e.trigger.start))
