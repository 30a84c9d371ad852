"""Named-entity recognition on the CoNLL-2003 English test set (``conll2003/``).

Gold: the original test file ``eng.testb.original_iob1.txt`` (231 Reuters documents, IOB1
tags, entity types PER, ORG, LOC, MISC). Sentences are grouped into documents at each
``-DOCSTART-`` line; each document becomes one text (tokens joined by single spaces,
sentences separated by a blank line, so the paragraph-break component keeps CoNLL's
sentence boundaries) and goes through the same spaCy pass as any article. Predicted
character spans are mapped back to the gold tokens; a span whose edges do not fall on gold
token edges can never match.

Label mapping (spaCy/OntoNotes → CoNLL):

======================================================  =====
PERSON                                                  PER
ORG                                                     ORG
GPE, LOC, FAC                                           LOC
NORP, EVENT, LAW, PRODUCT, WORK_OF_ART, LANGUAGE        MISC
DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL, CARDINAL  (dropped)
======================================================  =====

Metric (conlleval style): entity-level exact match of (start, end, type); micro precision,
recall and F1 over all documents. Two systems from the same parse, side by side:
``spaCy (raw)`` — the pipeline's entities as they are; ``newsweave`` — the names stage's
mentions (cleaned spans, gazetteer/context type corrections, demonyms, acronyms; the
"the president" title mentions are not names and are left out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.analyze.context import Context
from newsweave.analyze.gazetteer import Gazetteer
from newsweave.analyze.names import extract_actors
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import contexts
from newsweave.errors import NewsweaveError
from newsweave.evaluate.harness import Row
from newsweave.model import Document, Role, Segment, content_id

GOLD_FILE = "eng.testb.original_iob1.txt"
LABELS: dict[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LANGUAGE": "MISC",
}
RAW, OURS = "spaCy (raw)", "newsweave"

Entity = tuple[int, int, str]
"""(first token, token after the last, CoNLL type) within one document."""


@dataclass(frozen=True)
class GoldDocument:
    """One CoNLL document: its text, token character offsets and gold entities."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    entities: frozenset[Entity]


@dataclass(frozen=True)
class Score:
    system: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_conll(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents → sentences → (token, IOB tag)."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if sentence:
                documents[-1].append(sentence) if documents else documents.append([sentence])
                sentence = []
            if parts:
                documents.append([])
            continue
        sentence.append((parts[0], parts[-1]))
    if sentence:
        documents[-1].append(sentence)
    return [d for d in documents if d]


def iob_entities(tags: Sequence[str]) -> frozenset[Entity]:
    """Entities from IOB1 or IOB2 tags."""
    found: set[Entity] = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start >= 0 and (prefix in ("O", "B") or label != kind):
            found.add((start, i, kind))
            start, kind = -1, ""
        if prefix in ("I", "B") and start < 0:
            start, kind = i, label
    return frozenset(found)


def gold_document(sentences: Sequence[Sequence[tuple[str, str]]]) -> GoldDocument:
    """Text, token offsets and entities of one document."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    tags: list[str] = []
    offset = 0
    for n, sentence in enumerate(sentences):
        if n:
            pieces.append("\n\n")
            offset += 2
        for k, (token, tag) in enumerate(sentence):
            if k:
                pieces.append(" ")
                offset += 1
            starts.append(offset)
            pieces.append(token)
            offset += len(token)
            ends.append(offset)
            tags.append(tag)
    return GoldDocument("".join(pieces), tuple(starts), tuple(ends), iob_entities(tags))


def as_document(gold: GoldDocument, number: int) -> Document:
    """The gold text as a Document whose whole text is body."""
    segment = Segment(Role.BODY, 0, len(gold.text))
    return Document(
        content_id("d", gold.text),
        f"conll2003:testb#{number}",
        gold.text,
        (segment,),
        language="en",
    )


def to_tokens(gold: GoldDocument, spans: Iterable[tuple[int, int, str]]) -> frozenset[Entity]:
    """Character spans with spaCy labels → gold-token entities (unaligned spans keep
    impossible indices so they count as false positives)."""
    first = {s: i for i, s in enumerate(gold.starts)}
    after = {e: i + 1 for i, e in enumerate(gold.ends)}
    found: set[Entity] = set()
    for start, end, label in spans:
        kind = LABELS.get(label)
        if kind is None:
            continue
        found.add((first.get(start, -1 - start), after.get(end, -1 - end), kind))
    return frozenset(found)


def raw_spans(ctx: Context) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in ctx.doc.ents]


def our_spans(ctx: Context, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    mentions, _ = extract_actors(ctx, gazetteer)
    return [(m.span.start, m.span.end, m.type) for m in mentions if m.source != "title"]


def _counts(gold: frozenset[Entity], predicted: frozenset[Entity]) -> tuple[int, int, int]:
    tp = len(gold & predicted)
    return tp, len(predicted) - tp, len(gold) - tp


TYPES = ("PER", "ORG", "LOC", "MISC")


def evaluate(
    data_dir: Path, limit: int | None = None, tick: Callable[[], None] = lambda: None
) -> tuple[Score, Score]:
    """Raw spaCy and newsweave scores on the first ``limit`` test documents (all when
    None)."""
    raw, ours, _ = evaluate_by_type(data_dir, limit, tick)
    return raw, ours


def evaluate_by_type(
    data_dir: Path, limit: int | None = None, tick: Callable[[], None] = lambda: None
) -> tuple[Score, Score, dict[str, Score]]:
    """Raw spaCy and newsweave scores, and newsweave's score per CoNLL type (an entity of
    another type predicted over a gold one counts as a false positive of its own type and
    a false negative of the gold's)."""
    path = data_dir / "conll2003" / GOLD_FILE
    if not path.is_file():
        raise NewsweaveError("NW301", str(path), "CoNLL-2003 test file not found")
    golds = [gold_document(d) for d in read_conll(path)[:limit]]
    gazetteer = Gazetteer.build()
    totals = {RAW: [0, 0, 0], OURS: [0, 0, 0]}
    typed = {kind: [0, 0, 0] for kind in TYPES}
    documents = (as_document(g, i) for i, g in enumerate(golds))
    for gold, ctx in zip(golds, contexts(documents, load(), batch_size=32), strict=True):
        for system, spans in ((RAW, raw_spans(ctx)), (OURS, our_spans(ctx, gazetteer))):
            predicted = to_tokens(gold, spans)
            counts = _counts(gold.entities, predicted)
            totals[system] = [a + b for a, b in zip(totals[system], counts, strict=True)]
            if system == OURS:
                for kind in TYPES:
                    mine = frozenset(e for e in predicted if e[2] == kind)
                    theirs = frozenset(e for e in gold.entities if e[2] == kind)
                    found = _counts(theirs, mine)
                    typed[kind] = [a + b for a, b in zip(typed[kind], found, strict=True)]
        tick()
    raw, ours = (Score(name, *totals[name]) for name in (RAW, OURS))
    return raw, ours, {kind: Score(f"{OURS} {kind}", *typed[kind]) for kind in TYPES}


def rows(scores: Iterable[Score]) -> Iterator[Row]:
    for score in scores:
        for metric in ("precision", "recall", "f1"):
            yield Row("ner", score.system, metric, getattr(score, metric))


def run(data_dir: Path, limit: int | None, tick: Callable[[], None]) -> list[Row]:
    """The ``ner`` eval task: rows for spaCy (raw) and newsweave, and newsweave's
    precision, recall and F1 per type (metrics ``per_f1``, ``org_recall``…)."""
    raw, ours, typed = evaluate_by_type(data_dir, limit, tick)
    out = list(rows((raw, ours)))
    for kind, score in typed.items():
        for metric in ("precision", "recall", "f1"):
            out.append(Row("ner", OURS, f"{kind.lower()}_{metric}", getattr(score, metric)))
    return out
