"""Event triggers and arguments on WikiEvents (``wikievents/{dev,test}.jsonl``).

40 news articles annotated with KAIROS events. Only three event families are scored, the
ones newsweave's PLOVER modes cover:

======================  ====================================================================
WikiEvents type         newsweave events counted as it
======================  ====================================================================
``Conflict.Attack.*``   ASSAULT (modes shoot, bomb, explode, attack, beat, assassinate),
                        FIGHT (every mode but kill and die)
``Life.Die.*``          ASSAULT and FIGHT modes kill and die
``Justice.ArrestJail``  COERCE modes arrest and detain
``Detain.*``
======================  ====================================================================

Each article's sentences are joined by blank lines (so they stay sentences) and run
through the stages. Every piece of evidence of an event is one predicted trigger (an event
told in three sentences has three triggers).

- ``trigger_id_f1``: a predicted trigger is right when its span overlaps a gold trigger of
  the three families (any of them); ``trigger_cls_f1``: ... of the same family. Each gold
  trigger is matched at most once.
- ``argument_f1``: for each predicted trigger matched with the right family, its event's
  actors, targets and place are compared with the gold arguments of the matched event, roles
  mapped as actor = Attacker/Killer/Jailer, target = Target/Victim/Detainee, place = Place.
  Head-word match: a predicted argument is right when its words (the text as written, or a
  named actor's name, aliases and mentions) contain the head word (last token) of a gold
  argument with that role, each gold argument matched once. An event's arguments are scored
  once, at its first trigger (its other pieces of evidence carry none). Precision counts
  the arguments of every predicted event, recall every gold argument of the three families.
- ``trigger_cls_f1_events`` (a second, unfloored view of ``trigger_cls_f1``; the floored
  row is unchanged): the gold marks one trigger where an article retells an attack ("the
  attack", "the explosion" again), while every piece of our evidence is a predicted
  trigger. Here a piece of evidence that matches no gold trigger is not counted as a
  prediction when another piece of the same event matched a gold trigger of its family
  (a later mention of a happening found and rightly typed). Events none of whose pieces
  match still count every piece; true positives and gold are those of ``trigger_cls_f1``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.errors import NewsweaveError
from newsweave.evaluate.harness import Row
from newsweave.evaluate.plover import Analysed, analyse_documents, document_for, party_words
from newsweave.model.facts import Event

SYSTEM = "newsweave"
FAMILIES = {
    "Conflict.Attack": "attack",
    "Life.Die": "die",
    "Justice.ArrestJailDetain": "arrest",
}
ROLES = {
    "Attacker": "actor", "Killer": "actor", "Jailer": "actor",
    "Target": "target", "Victim": "target", "Detainee": "target",
    "Place": "place",
}  # fmt: skip
ATTACK_MODES = frozenset({"shoot", "bomb", "explode", "attack", "beat", "assassinate"})
SPLITS = ("dev", "test")


@dataclass(frozen=True)
class GoldEvent:
    """One gold trigger of the scored families with its main arguments."""

    family: str
    start: int
    end: int
    arguments: tuple[tuple[str, str], ...]
    """(role: actor/target/place, head word)."""


@dataclass(frozen=True)
class Article:
    """One WikiEvents document, rebuilt as text with blank lines between sentences."""

    id: str
    text: str
    gold: tuple[GoldEvent, ...]


def family(event: Event) -> str | None:
    """The WikiEvents family a newsweave event is counted as, if any."""
    if event.type in ("ASSAULT", "FIGHT") and event.mode in ("kill", "die"):
        return "die"  # FIGHT/kill: a killing by a military force
    if event.type == "FIGHT" or (event.type == "ASSAULT" and event.mode in ATTACK_MODES):
        return "attack"
    if event.type == "COERCE" and event.mode in ("arrest", "detain"):
        return "arrest"
    return None


def _token_offsets(sentences: Sequence[Any]) -> tuple[str, list[tuple[int, int, str]]]:
    """The text (sentences joined by blank lines) and every token's (start, end, text)."""
    lines: list[str] = []
    offsets: list[tuple[int, int, str]] = []
    base = 0
    for tokens, line in sentences:
        first = tokens[0][1] if tokens else 0
        cursor = 0
        for word, start, _end in tokens:
            at = start - first
            if line[at : at + len(word)] != word:
                at = max(line.find(word, cursor), cursor)
            offsets.append((base + at, base + at + len(word), word))
            cursor = at + len(word)
        lines.append(line)
        base += len(line) + 2
    return "\n\n".join(lines), offsets


def _gold(item: dict[str, Any], offsets: list[tuple[int, int, str]]) -> tuple[GoldEvent, ...]:
    entities = {e["id"]: e for e in item["entity_mentions"]}
    found: list[GoldEvent] = []
    for event in item["event_mentions"]:
        name = ".".join(event["event_type"].split(".")[:2])
        if name not in FAMILIES:
            continue
        trigger = event["trigger"]
        start, end = offsets[trigger["start"]][0], offsets[trigger["end"] - 1][1]
        arguments: list[tuple[str, str]] = []
        for argument in event["arguments"]:
            role = ROLES.get(argument["role"])
            entity = entities.get(argument["entity_id"])
            if role and entity:
                arguments.append((role, offsets[entity["end"] - 1][2].lower()))
        found.append(GoldEvent(FAMILIES[name], start, end, tuple(arguments)))
    return tuple(found)


def load_articles(data_dir: Path, limit: int | None = None) -> list[Article]:
    """The dev and test articles with their gold events of the scored families."""
    folder = data_dir / "wikievents"
    articles: list[Article] = []
    for split in SPLITS:
        path = folder / f"{split}.jsonl"
        if not path.is_file():
            raise NewsweaveError("NW301", str(path), "WikiEvents gold set not found")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                text, offsets = _token_offsets(item["sentences"])
                articles.append(Article(f"{split}:{item['doc_id']}", text, _gold(item, offsets)))
    return articles[:limit] if limit is not None else articles


@dataclass(frozen=True)
class Predicted:
    """One predicted trigger (a piece of evidence of an event)."""

    family: str
    start: int
    end: int
    arguments: tuple[tuple[str, frozenset[str]], ...]
    event: str = ""
    """The id of the event it is a piece of evidence of."""


def predictions(analysed: Analysed) -> Iterator[Predicted]:
    """Every trigger of the scored families with its event's arguments."""
    for event in analysed.events:
        name = family(event)
        if name is None:
            continue
        arguments: list[tuple[str, frozenset[str]]] = []
        for actor in event.actors:
            arguments.append(("actor", frozenset(party_words(analysed, (actor,), ()))))
        arguments += [("actor", frozenset(_words(t))) for t in event.actor_texts]
        for target in event.targets:
            arguments.append(("target", frozenset(party_words(analysed, (target,), ()))))
        arguments += [("target", frozenset(_words(t))) for t in event.target_texts]
        if event.place_text:
            arguments.append(("place", frozenset(_words(event.place_text))))
        for k, evidence in enumerate(event.evidence):
            args = tuple(arguments) if k == 0 else ()
            yield Predicted(name, evidence.start, evidence.end, args, event.id)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


@dataclass
class Counts:
    """True positives, predicted and gold counts of one measure."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def f1(self) -> float:
        """F1 (0 when nothing was predicted or expected)."""
        p = self.tp / self.predicted if self.predicted else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """The three measures."""

    identification: Counts = field(default_factory=Counts)
    classification: Counts = field(default_factory=Counts)
    arguments: Counts = field(default_factory=Counts)
    by_event: Counts = field(default_factory=Counts)

    def add(self, article: Article, found: Sequence[Predicted]) -> None:
        """Score one article."""
        for counts in (self.identification, self.classification):
            counts.predicted += len(found)
            counts.gold += len(article.gold)
        self.arguments.gold += sum(len(g.arguments) for g in article.gold)
        self.arguments.predicted += sum(len(p.arguments) for p in found)
        self.identification.tp += _match(article.gold, found, same_family=False)[0]
        tp, pairs = _match(article.gold, found, same_family=True)
        self.classification.tp += tp
        matched = {id(p) for _, p in pairs}
        found_events = {p.event for _, p in pairs}
        retold = sum(1 for p in found if id(p) not in matched and p.event in found_events)
        self.by_event.tp += tp
        self.by_event.gold += len(article.gold)
        self.by_event.predicted += len(found) - retold
        self.arguments.tp += sum(_argument_hits(g, p) for g, p in pairs)

    def rows(self) -> list[Row]:
        """The metric rows."""
        return [
            Row("wikievents", SYSTEM, "trigger_id_f1", self.identification.f1()),
            Row("wikievents", SYSTEM, "trigger_cls_f1", self.classification.f1()),
            Row("wikievents", SYSTEM, "argument_f1", self.arguments.f1()),
            Row("wikievents", SYSTEM, "trigger_cls_f1_events", self.by_event.f1()),
        ]


def _match(
    gold: Sequence[GoldEvent], found: Sequence[Predicted], *, same_family: bool
) -> tuple[int, list[tuple[GoldEvent, Predicted]]]:
    """One-to-one matches of predicted and gold triggers by overlapping spans."""
    used: set[int] = set()
    pairs: list[tuple[GoldEvent, Predicted]] = []
    for predicted in found:
        for k, event in enumerate(gold):
            if k in used or not (predicted.start < event.end and event.start < predicted.end):
                continue
            if same_family and event.family != predicted.family:
                continue
            used.add(k)
            pairs.append((event, predicted))
            break
    return len(pairs), pairs


def _argument_hits(gold: GoldEvent, predicted: Predicted) -> int:
    used: set[int] = set()
    for role, found in predicted.arguments:
        for k, (gold_role, head) in enumerate(gold.arguments):
            if k not in used and gold_role == role and head in found:
                used.add(k)
                break
    return len(used)


def evaluate(
    data_dir: Path, limit: int | None = None, tick: Callable[[], None] | None = None
) -> Scores:
    """Score the articles."""
    articles = load_articles(data_dir, limit)
    documents = [document_for(a.id, a.text) for a in articles]
    scores = Scores()
    for article, analysed in zip(articles, analyse_documents(documents), strict=True):
        scores.add(article, list(predictions(analysed)))
        if tick:
            tick()
    return scores


def run(data_dir: Path, limit: int | None, tick: Callable[[], None]) -> list[Row]:
    """The harness task ``wikievents``."""
    return evaluate(data_dir, limit, tick).rows()
