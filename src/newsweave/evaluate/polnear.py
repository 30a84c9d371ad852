"""Quote attribution on the PolNeAR test split (``polnear/test``), against its gold
source–cue–content attributions.

Gold: for each test article the brat file of one annotator (the first by annotator id when
several annotated it); every ``E`` line is one attribution with its Content spans and,
usually, a Source span (spans may be discontinuous: ``start end;start end``).

Predictions: the quotes stage run on the article text as one document (the title line a
headline segment, each blank-line separated paragraph a body segment, so offsets are the
gold offsets). Direct and indirect quotes both count.

Matching:

- **content**: a predicted quote and a gold attribution match when their content spans
  overlap by at least one character.
- **speaker**: the speaker *as written* next to the cue (``Attribution.source``: "he", "the
  influential US daily", "a shopkeeper at …") or the span it was resolved to (a pronoun's
  antecedent) overlaps the gold Source span; a gold attribution without a Source matches
  only a prediction without a speaker.

Precision is the share of predicted quotes that match some gold attribution, recall the
share of gold attributions matched by some prediction; F1 is their harmonic mean. Rows:
``precision``/``recall``/``f1`` for (content overlap, speaker) pairs and
``content_precision``/``content_recall``/``content_f1`` ignoring the speaker, plus the
published anchor (Citron, 56.7 exact-match F1 on PARC 3.0 — a stricter match on another
corpus, shown for orientation only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import contexts
from newsweave.analyze.quote_cues import Attribution
from newsweave.analyze.quote_marks import paragraphs
from newsweave.analyze.quotes import attributions
from newsweave.evaluate.harness import Row
from newsweave.model import Document, Role, Segment, content_id

TASK = "quotes"
ANCHOR = Row(TASK, "Citron (published, PARC 3.0)", "f1", 0.567)

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Gold:
    """One gold attribution: its content spans and source spans (empty when none)."""

    content: Ranges
    source: Ranges


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    gold: tuple[Gold, ...]


@dataclass(frozen=True)
class Counts:
    """Matched and total predictions and gold attributions."""

    predicted_matched: int = 0
    predicted: int = 0
    gold_matched: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.predicted_matched + other.predicted_matched,
            self.predicted + other.predicted,
            self.gold_matched + other.gold_matched,
            self.gold + other.gold,
        )

    def scores(self) -> tuple[float, float, float]:
        """(precision, recall, F1)."""
        p = self.predicted_matched / self.predicted if self.predicted else 0.0
        r = self.gold_matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---------------------------------------------------------------- reading the gold


def parse_ranges(field: str) -> Ranges:
    """``"752 760;769 800"`` → ((752, 760), (769, 800))."""
    out: list[tuple[int, int]] = []
    for part in field.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(out)


def parse_ann(text: str) -> tuple[Gold, ...]:
    """The attributions (``E`` lines) of a brat standoff file."""
    spans: dict[str, tuple[str, Ranges]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, ranges = fields[1].partition(" ")
            spans[fields[0]] = (label, parse_ranges(ranges))
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(arg.split(":", 1) for arg in fields[1].split() if ":" in arg))
    gold: list[Gold] = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if content is None:
            continue
        source = spans.get(event.get("Source", ""))
        gold.append(Gold(content[1], source[1] if source else ()))
    return tuple(gold)


def articles(folder: Path, limit: int | None = None) -> list[Article]:
    """Test articles (sorted by name) with the gold of their first annotator."""
    out: list[Article] = []
    for path in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        gold = parse_ann(anns[0].read_text("utf-8"))
        out.append(Article(path.stem, path.read_text("utf-8"), gold))
        if limit is not None and len(out) >= limit:
            break
    return out


def document(article: Article) -> Document:
    """The article as a Document: first paragraph the headline, the rest body."""
    segments = [
        Segment(Role.HEADLINE if i == 0 else Role.BODY, start, end)
        for i, (start, end) in enumerate(paragraphs(article.text))
    ]
    return Document(
        id=content_id("d", article.text),
        source=article.name,
        text=article.text,
        segments=tuple(segments),
        language="en",
    )


# ---------------------------------------------------------------- matching


def overlaps(a: tuple[int, int] | None, ranges: Iterable[tuple[int, int]]) -> bool:
    """Whether ``a`` shares a character with one of ``ranges``."""
    return a is not None and any(min(a[1], e) > max(a[0], s) for s, e in ranges)


def speaker_matches(predicted: Attribution, gold: Gold) -> bool:
    """The speaker rule of the module docstring."""
    if not gold.source:
        return predicted.source is None
    return overlaps(predicted.source, gold.source) or overlaps(predicted.speaker, gold.source)


def score(predicted: Sequence[Attribution], gold: Sequence[Gold], *, speaker: bool) -> Counts:
    """Counts for one article, with or without the speaker condition."""

    def match(p: Attribution, g: Gold) -> bool:
        return overlaps(p.content, g.content) and (not speaker or speaker_matches(p, g))

    return Counts(
        sum(any(match(p, g) for g in gold) for p in predicted),
        len(predicted),
        sum(any(match(p, g) for p in predicted) for g in gold),
        len(gold),
    )


def predictions(
    items: Sequence[Article], batch_size: int = 16
) -> Iterator[tuple[Attribution, ...]]:
    """The quotes stage's attributions per article (one batched spaCy pass)."""
    nlp = load()
    for ctx in contexts((document(a) for a in items), nlp, batch_size=batch_size):
        yield attributions(ctx)


def evaluate(
    data_dir: Path, limit: int | None = None, tick: Callable[[], None] = lambda: None
) -> tuple[Counts, Counts, int]:
    """(pair counts, content-only counts, number of articles) on the test split."""
    items = articles(data_dir / "polnear" / "test", limit)
    pairs, content = Counts(), Counts()
    for article, predicted in zip(items, predictions(items), strict=True):
        pairs += score(predicted, article.gold, speaker=True)
        content += score(predicted, article.gold, speaker=False)
        tick()
    return pairs, content, len(items)


def run(data_dir: Path, limit: int | None, tick: Callable[[], None]) -> list[Row]:
    """The harness task: newsweave's pair and content-only scores, and the anchor."""
    pairs, content, _ = evaluate(data_dir, limit, tick)
    rows: list[Row] = []
    for prefix, counts in (("", pairs), ("content_", content)):
        for metric, value in zip(("precision", "recall", "f1"), counts.scores(), strict=True):
            rows.append(Row(TASK, "newsweave", prefix + metric, value))
    rows.append(ANCHOR)
    return rows
