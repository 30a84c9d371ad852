"""Event participants and dates on MEANTIME (``meantime_en/intra-doc_annotation``).

120 English Wikinews articles (NewsReader MEANTIME, CC BY 4.0) with gold event mentions,
their PropBank participants (``HAS_PARTICIPANT`` Arg0 = agent, Arg1 = patient) and TLINKs
to normalised TIMEX3 dates. MEANTIME marks every event of its first sentences (sales,
statements, forecasts, "be"...), not only political happenings, so recall is low by design;
the point is how well the events newsweave does find carry their participants and dates.

Each article's tokens are joined by spaces (no space before closing punctuation, none after
opening brackets); the headline and the date line are paragraphs of their own, the body is
one paragraph. The document's publication date is the gold creation time (DCT). The stages
run as in the PLOVER evaluation.

Metrics:

- ``recall`` (``recall_verb``, ``recall_noun``): share of gold event mentions (of that
  part of speech) that a predicted event's trigger evidence overlaps ("detected").
- ``arg0_accuracy`` / ``arg1_accuracy``: among detected gold events with an Arg0 (Arg1)
  entity mention, the share whose predicted event has an actor (target) containing the
  head word of that mention or of another mention of the same gold entity (REFERS_TO; so
  naming "Steve Jobs" for a gold "He" is right). The head is the root of the mention's
  span in our parse; an actor is its words as written, or a named actor's name, aliases
  and mentions.
- ``date_accuracy``: among detected gold events with a TLINK (SIMULTANEOUS, IS_INCLUDED,
  DURING) to a DATE TIMEX3 with a calendar value (YYYY, YYYY-MM or YYYY-MM-DD), the share
  whose predicted date agrees with it at the gold precision.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsweave.errors import NewsweaveError
from newsweave.evaluate.harness import Row
from newsweave.evaluate.plover import Analysed, analyse_documents, document_for, party_words
from newsweave.model import PartialDate
from newsweave.model.facts import Event
from newsweave.model.records import DateStatement

SYSTEM = "newsweave"
ANCHORING = frozenset({"SIMULTANEOUS", "IS_INCLUDED", "DURING"})
_CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "'s", "n't", "%", "'"})
_NO_SPACE_AFTER = frozenset({"(", "[", "$", "US$", "#"})


@dataclass(frozen=True)
class GoldEvent:
    """One gold event mention: its character span, part of speech, participants, date."""

    start: int
    end: int
    pos: str
    arg0: tuple[tuple[tuple[int, int], ...], ...] = ()
    arg1: tuple[tuple[tuple[int, int], ...], ...] = ()
    """Per gold participant, the spans of its mention and of every mention of the same
    entity instance (REFERS_TO): "He" is right when we name Steve Jobs."""
    date: str | None = None


@dataclass(frozen=True)
class Article:
    """One MEANTIME document rebuilt as text."""

    id: str
    text: str
    created: str | None
    gold: tuple[GoldEvent, ...]


def _text(tokens: Sequence[tuple[str, str, str]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Plain text from (t_id, sentence, word) tokens and each token's character span."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    cursor = 0
    previous: tuple[str, str] | None = None
    for t_id, sentence, word in tokens:
        if previous is not None:
            if sentence != previous[0] and sentence in ("1", "2"):
                gap = "\n\n"  # the headline and the date line are paragraphs of their own
            elif word in _NO_SPACE_BEFORE or previous[1] in _NO_SPACE_AFTER:
                gap = ""
            else:
                gap = " "
            parts.append(gap)
            cursor += len(gap)
        spans[t_id] = (cursor, cursor + len(word))
        parts.append(word)
        cursor += len(word)
        previous = (sentence, word)
    return "".join(parts), spans


def _span(element: ET.Element, spans: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    found = [
        spans[a.get("t_id", "")] for a in element.iter("token_anchor") if a.get("t_id") in spans
    ]
    if not found:
        return None
    return min(s for s, _ in found), max(e for _, e in found)


def read_article(path: Path) -> Article:
    """One gold file."""
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id", ""), t.get("sentence", ""), t.text or "") for t in root.iter("token")]
    text, spans = _text(tokens)
    markables = root.find("Markables")
    relations = root.find("Relations")
    events: dict[str, tuple[int, int, str]] = {}
    entities: dict[str, tuple[int, int]] = {}
    dates: dict[str, str] = {}
    created: str | None = None
    for element in markables if markables is not None else ():
        span = _span(element, spans)
        m_id = element.get("m_id", "")
        if element.tag == "EVENT_MENTION" and span:
            events[m_id] = (*span, element.get("pos", ""))
        elif element.tag == "ENTITY_MENTION" and span:
            entities[m_id] = span
        elif element.tag == "TIMEX3" and element.get("type") == "DATE":
            value = element.get("value", "")
            if element.get("functionInDocument") == "CREATION_TIME":
                created = value
            if _CALENDAR.match(value):
                dates[m_id] = value
    args: dict[str, dict[str, list[str]]] = {}
    anchors: dict[str, str] = {}
    instance: dict[str, str] = {}
    for relation in relations if relations is not None else ():
        source, target = relation.find("source"), relation.find("target")
        if relation.tag == "REFERS_TO" and source is not None and target is not None:
            instance[source.get("m_id", "")] = target.get("m_id", "")
    members: dict[str, list[tuple[int, int]]] = {}
    for m_id, entity in instance.items():
        if m_id in entities:
            members.setdefault(entity, []).append(entities[m_id])

    def corefs(m_id: str) -> tuple[tuple[int, int], ...]:
        own = entities[m_id]
        return (own, *(s for s in members.get(instance.get(m_id, ""), ()) if s != own))

    for relation in relations if relations is not None else ():
        source = relation.find("source")
        target = relation.find("target")
        if source is None or target is None:
            continue
        src, tgt = source.get("m_id", ""), target.get("m_id", "")
        role = relation.get("sem_role", "")
        if relation.tag == "HAS_PARTICIPANT" and role in ("Arg0", "Arg1") and tgt in entities:
            args.setdefault(src, {}).setdefault(role, []).append(tgt)
        if relation.tag == "TLINK" and relation.get("reltype") in ANCHORING and tgt in dates:
            anchors.setdefault(src, dates[tgt])
    gold = tuple(
        GoldEvent(
            start,
            end,
            pos,
            tuple(corefs(a) for a in args.get(m_id, {}).get("Arg0", ())),
            tuple(corefs(a) for a in args.get(m_id, {}).get("Arg1", ())),
            anchors.get(m_id),
        )
        for m_id, (start, end, pos) in sorted(events.items(), key=lambda kv: kv[1])
    )
    return Article(path.stem, text, created, gold)


def load_articles(data_dir: Path, limit: int | None = None) -> list[Article]:
    """Every English article of the intra-document annotation."""
    folder = data_dir / "meantime_en" / "intra-doc_annotation"
    files = sorted(folder.glob("*/*.xml"))
    if not files:
        raise NewsweaveError("NW301", str(folder), "MEANTIME gold set not found")
    return [read_article(f) for f in (files[:limit] if limit is not None else files)]


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass
class Tally:
    """Counts behind the metrics."""

    gold: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    arg0: list[int] = field(default_factory=lambda: [0, 0])
    arg1: list[int] = field(default_factory=lambda: [0, 0])
    dated: list[int] = field(default_factory=lambda: [0, 0])

    def add(self, article: Article, analysed: Analysed) -> None:
        """Score one article."""
        doc = analysed.ctx.doc
        for gold in article.gold:
            pos = gold.pos if gold.pos in ("VERB", "NOUN") else "OTHER"
            self.gold[pos] = self.gold.get(pos, 0) + 1
            event = _detected(gold, analysed.events)
            if event is None:
                continue
            self.found[pos] = self.found.get(pos, 0) + 1
            for spans, ids, texts, tally in (
                (gold.arg0, event.actors, event.actor_texts, self.arg0),
                (gold.arg1, event.targets, event.target_texts, self.arg1),
            ):
                if not spans:
                    continue
                words = party_words(analysed, ids, texts)
                tally[1] += 1
                tally[0] += any(_head(doc, s) in words for group in spans for s in group)
            if gold.date:
                self.dated[1] += 1
                self.dated[0] += _same_date(event.date, gold.date)

    def rows(self) -> list[Row]:
        """The metric rows."""
        total = sum(self.gold.values())
        verb = _share(self.found.get("VERB", 0), self.gold.get("VERB", 0))
        noun = _share(self.found.get("NOUN", 0), self.gold.get("NOUN", 0))
        return [
            Row("meantime", SYSTEM, "recall", _share(sum(self.found.values()), total)),
            Row("meantime", SYSTEM, "recall_verb", verb),
            Row("meantime", SYSTEM, "recall_noun", noun),
            Row("meantime", SYSTEM, "arg0_accuracy", _share(*self.arg0)),
            Row("meantime", SYSTEM, "arg1_accuracy", _share(*self.arg1)),
            Row("meantime", SYSTEM, "date_accuracy", _share(*self.dated)),
        ]  # fmt: skip


def _detected(gold: GoldEvent, events: Sequence[Event]) -> Event | None:
    for event in events:
        for evidence in event.evidence:
            if evidence.start < gold.end and gold.start < evidence.end:
                return event
    return None


def _head(doc: object, span: tuple[int, int]) -> str:
    """The head word of a gold mention: the root of its span in our parse (lower case,
    without punctuation: "Ltd." -> ``ltd``)."""
    found = doc.char_span(span[0], span[1], alignment_mode="expand")  # type: ignore[attr-defined]
    if found is None or not len(found):
        return ""
    words = re.findall(r"\w+", str(found.root.text).lower())
    return words[-1] if words else ""


def _same_date(predicted: str | None, gold: str) -> bool:
    """Whether a predicted ISO date agrees with the gold value at the gold precision."""
    return (
        bool(predicted)
        and str(predicted)[: len(gold)] == gold
        and len(predicted or "") >= len(gold)
    )


def evaluate(
    data_dir: Path, limit: int | None = None, tick: Callable[[], None] | None = None
) -> Tally:
    """Score every article."""
    articles = load_articles(data_dir, limit)
    documents = []
    for article in articles:
        document = document_for(article.id, article.text)
        created = PartialDate.parse(article.created) if article.created else None
        if created is not None:
            document = replace(document, date=DateStatement(created, "gold", False))
        documents.append(document)
    tally = Tally()
    for article, analysed in zip(articles, analyse_documents(documents), strict=True):
        tally.add(article, analysed)
        if tick:
            tick()
    return tally


def run(data_dir: Path, limit: int | None, tick: Callable[[], None]) -> list[Row]:
    """The harness task ``meantime``."""
    return evaluate(data_dir, limit, tick).rows()
