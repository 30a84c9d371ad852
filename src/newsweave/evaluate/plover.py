"""Event coding on the PLOVER gold standard records (``plover_gsr/PLOVER_GSR_CAMEO.json``).

322 single news sentences, each coded with one PLOVER event type, its source and target
actors (as written) and the words of the event (``(EVT: …)`` markup). The DOCUMENT record
is skipped. Each sentence is parsed with spaCy, then the names stage (spaCy's entities
when it is not installed), times, figures and the events stage run on it.

Metrics (all shares of the 322 sentences):

- ``type_accuracy``: the predicted event of a sentence has the gold type. The predicted
  event is the one with a trigger overlapping the gold ``EVT`` markup, else the first one;
  a sentence without any event counts as wrong. PLOVER codes any cooperative action told
  in the future or as an intent ("will provide food aid", "offered to negotiate") as AGREE;
  so an event of type CONSULT, SUPPORT, COOPERATE, AID, RETREAT or CONCEDE with modality
  future or hypothetical is scored as AGREE. Extension types (STATEMENT, OFFICE, LEGAL,
  ELECTION) are scored as the PLOVER type the vocabulary's ``plover:`` key of their mode
  names (a resignation as RETREAT, a dismissal or a sentence as COERCE, a lawsuit or an
  indictment as DISAPPROVE, an acquittal as CONCEDE); modes without one (statements,
  appointments, elections, rulings) are left out of the choice of the predicted event.
  The intent rule applies to PLOVER's own cooperative types only: an announced
  resignation ("will resign") stays RETREAT, as the gold set codes it. In the same way
  PLOVER codes an announced coercive or violent act ("will boycott", "plans to impose
  restrictions", "will extend the curfew") as THREATEN, so COERCE, SANCTION, PROTEST,
  ASSAULT and FIGHT with modality future are scored as THREATEN; and a cooperative act
  refused or not done ("will not accept", "failed to reach agreement", "would not meet
  the demands") as REJECT, so AGREE and the intent types with modality negated are scored
  as REJECT.
- ``coverage``: the sentence has at least one event.
- ``source_match`` / ``target_match``: among sentences with a gold source (target), the
  predicted event has an actor (target) whose words overlap a gold ``actorText``: they share
  a word of three letters or more that is not a stop word (case-insensitive), or an
  upper-case abbreviation ("US", "U.S.", "UN" count as ``us``, ``un``). An actor is
  its words as written, or for a named actor its name, aliases and its mentions in the
  sentence. A sentence without a predicted event counts as a miss.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.analyze.context import ActorLookup, Context
from newsweave.analyze.events import STAGE, extract_events, vocabulary
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import contexts
from newsweave.errors import NewsweaveError
from newsweave.evaluate.harness import Row
from newsweave.model import Document, Role, Segment, content_id
from newsweave.model.facts import Actor, Event, Figure, Mention, Span, TimeExpression

SYSTEM = "newsweave"
INTENT_TYPES = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})
COOPERATIVE = INTENT_TYPES | {"AGREE"}
COERCIVE = frozenset({"COERCE", "SANCTION", "PROTEST", "ASSAULT", "FIGHT"})
STOP = frozenset({"the", "and", "for", "its", "his", "her", "their", "of", "from", "with"})
_EVT = re.compile(r"\(EVT:\s*([^()]*?)\)")
_NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC"})


@dataclass(frozen=True)
class Analysed:
    """One text through the stages the events stage needs."""

    ctx: Context
    mentions: tuple[Mention, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Record:
    """One PLOVER gold sentence."""

    id: str
    type: str
    text: str
    triggers: tuple[tuple[int, int], ...]
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def document_for(doc_id: str, text: str) -> Document:
    """A one-segment body document for a gold text."""
    return Document(
        content_id("d", doc_id, text), doc_id, text, (Segment(Role.BODY, 0, len(text)),)
    )


def entity_names(ctx: Context) -> tuple[tuple[Mention, ...], tuple[Actor, ...], ActorLookup]:
    """Mentions and actors from spaCy's entities alone (used when the names stage is absent)."""
    mentions: list[Mention] = []
    actors: dict[str, Actor] = {}
    for ent in ctx.doc.ents:
        if ent.label_ not in _NAME_LABELS:
            continue
        actor_id = content_id("a", ctx.document.id, ent.label_, ent.text)
        evidence = ctx.evidence(ent.start_char, ent.end_char, STAGE)
        mentions.append(
            Mention(
                Span(ent.start_char, ent.end_char, ent.text), ent.label_, actor_id, "ner", evidence
            )
        )
        actors.setdefault(
            actor_id, Actor(actor_id, ent.text, ent.label_, (), (), 1, None, evidence)
        )

    def resolve(start: int, end: int) -> str | None:
        for mention in mentions:
            if mention.span.start <= start and end <= mention.span.end:
                return mention.actor
        return None

    return tuple(mentions), tuple(actors.values()), resolve


def _stages() -> Callable[[Context], Analysed]:
    """The analysis used here: the real stages when installed, spaCy's entities otherwise."""
    try:
        from newsweave.analyze import chains, figures, names, times
        from newsweave.analyze.gazetteer import Gazetteer
    except ImportError:  # pragma: no cover - the other stages are part of the package
        return _fallback
    gazetteer = Gazetteer.build()

    def run(ctx: Context) -> Analysed:
        mentions, actors = names.extract_actors(ctx, gazetteer)
        resolve = chains.make_resolver(mentions, actors)
        found_times: tuple[TimeExpression, ...] = times.extract_times(ctx)
        found_figures: tuple[Figure, ...] = figures.extract_figures(ctx, resolve)
        events = extract_events(ctx, mentions, actors, resolve, found_times, found_figures)
        return Analysed(ctx, tuple(mentions), tuple(actors), events)

    return run


def _fallback(ctx: Context) -> Analysed:
    mentions, actors, resolve = entity_names(ctx)
    return Analysed(ctx, mentions, actors, extract_events(ctx, mentions, actors, resolve, (), ()))


def analyse_documents(documents: Sequence[Document]) -> Iterator[Analysed]:
    """Parse and analyse documents (one spaCy pass, batched)."""
    run = _stages()
    for ctx in contexts(documents, load()):
        yield run(ctx)


def _spans(text: str, phrases: Sequence[str]) -> tuple[tuple[int, int], ...]:
    found: list[tuple[int, int]] = []
    for phrase in phrases:
        for word in phrase.replace("...", " ").split():
            at = text.find(word)
            if at >= 0:
                found.append((at, at + len(word)))
    return tuple(found)


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(a.get("actorText", "")) for a in value if isinstance(a, dict))
    return (value,) if isinstance(value, str) and value else ()


def load_records(data_dir: Path, limit: int | None = None) -> list[Record]:
    """The gold sentences (without the DOCUMENT record)."""
    path = data_dir / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
    if not path.is_file():
        raise NewsweaveError("NW301", str(path), "PLOVER gold set not found")
    records: list[Record] = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        if item.get("event") == "DOCUMENT":
            continue
        text = str(item["text"]).strip()
        info = item.get("textInfo")
        markup = str(info.get("markup", "")) if isinstance(info, dict) else str(info or "")
        triggers = _spans(text, _EVT.findall(markup))
        records.append(
            Record(
                item["id"],
                item["event"],
                text,
                triggers,
                _texts(item.get("source")),
                _texts(item.get("target")),
            )
        )
    return records[:limit] if limit is not None else records


def scored_type(event: Event) -> str | None:
    """The PLOVER type an event is scored as (intent to cooperate is AGREE); an extension
    type (STATEMENT, OFFICE, LEGAL, ELECTION) is scored as the PLOVER type its mode names in
    the vocabulary (resignations RETREAT, dismissals COERCE, ...), or None: not scored."""
    vocab = vocabulary()
    if event.type in vocab.extensions:
        return vocab.plover.get((event.type, event.mode or ""))
    if event.type in INTENT_TYPES and event.modality in ("future", "hypothetical"):
        return "AGREE"
    if event.type in COERCIVE and event.modality == "future":
        return "THREATEN"
    if event.type in COOPERATIVE and event.modality == "negated":
        return "REJECT"
    return event.type


def predicted(record: Record, all_events: Sequence[Event]) -> Event | None:
    """The event compared with the gold one: the one on the gold trigger, else the first.
    Events of extension types PLOVER has no type for (statements, elections...) are left
    out: the gold set codes the happening the statement tells of."""
    events = [e for e in all_events if scored_type(e) is not None]
    for event in events:
        for evidence in event.evidence:
            if any(evidence.start < e and s < evidence.end for s, e in record.triggers):
                return event
    return min(events, key=lambda e: e.trigger.start) if events else None


def words(text: str) -> set[str]:
    """Content words of a phrase, for overlap: words of three letters or more, and
    upper-case abbreviations ("US", "UN", "U.S." all give ``us``/``un``)."""
    found = {w for w in re.findall(r"\w+", text.lower()) if len(w) >= 3 and w not in STOP}
    for abbr in re.findall(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2}\b", text):
        found.add(abbr.replace(".", "").lower())
    return found


def party_words(analysed: Analysed, ids: Sequence[str], texts: Sequence[str]) -> set[str]:
    """All words naming the given actors (names, aliases, mentions) and texts."""
    found: set[str] = set()
    by_id = {a.id: a for a in analysed.actors}
    for text in texts:
        found |= words(text)
    for actor_id in ids:
        actor = by_id.get(actor_id)
        if actor is not None:
            found |= words(" ".join((actor.name, *actor.aliases)))
        for mention in analysed.mentions:
            if mention.actor == actor_id:
                found |= words(mention.span.text)
    return found


def _overlaps(gold: Sequence[str], found: set[str]) -> bool:
    return any(words(g) & found for g in gold)


def share(part: int, whole: int) -> float:
    """``part / whole`` (0 when ``whole`` is 0)."""
    return part / whole if whole else 0.0


@dataclass
class Tally:
    """Counts behind the metrics."""

    total: int = 0
    typed: int = 0
    covered: int = 0
    with_source: int = 0
    source_hits: int = 0
    with_target: int = 0
    target_hits: int = 0

    def add(self, record: Record, analysed: Analysed) -> None:
        """Score one sentence."""
        self.total += 1
        event = predicted(record, analysed.events)
        self.covered += bool(analysed.events)
        self.typed += event is not None and scored_type(event) == record.type
        if record.sources:
            self.with_source += 1
            found = party_words(analysed, event.actors, event.actor_texts) if event else set()
            self.source_hits += _overlaps(record.sources, found)
        if record.targets:
            self.with_target += 1
            found = party_words(analysed, event.targets, event.target_texts) if event else set()
            self.target_hits += _overlaps(record.targets, found)

    def rows(self) -> list[Row]:
        """The metric rows."""
        return [
            Row("events", SYSTEM, "type_accuracy", share(self.typed, self.total)),
            Row("events", SYSTEM, "coverage", share(self.covered, self.total)),
            Row("events", SYSTEM, "source_match", share(self.source_hits, self.with_source)),
            Row("events", SYSTEM, "target_match", share(self.target_hits, self.with_target)),
        ]


def evaluate(
    data_dir: Path, limit: int | None = None, tick: Callable[[], None] | None = None
) -> Tally:
    """Score every gold sentence."""
    records = load_records(data_dir, limit)
    documents = [document_for(r.id, r.text) for r in records]
    tally = Tally()
    for record, analysed in zip(records, analyse_documents(documents), strict=True):
        tally.add(record, analysed)
        if tick:
            tick()
    return tally


def run(data_dir: Path, limit: int | None, tick: Callable[[], None]) -> list[Row]:
    """The harness task ``events``."""
    return evaluate(data_dir, limit, tick).rows()
