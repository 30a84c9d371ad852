"""Time expressions on TempEval-3 (task A: TIMEX3 extent, type and value).

Data: ``tempeval3/te3-platinum`` (the official test set, 20 news documents from 2013) and,
optionally, ``tempeval3/TBAQ-cleaned`` (the 256 training documents, 1990s newswire).

For each document we take the plain text of ``<TEXT>`` (tags removed, character offsets of
every gold ``<TIMEX3>`` kept), build a one-segment :class:`Document` whose publication date is
the ``<DCT>`` value, run the spaCy pipeline and :func:`newsweave.analyze.times.extract_times`,
and compare our spans with the gold ones. The DCT itself is not scored (it is outside
``<TEXT>``), as in the official scorer.

Metrics, as TempEval-3 defines them (UzZaman et al., 2013, and its scorer
``evaluate_entities.py``), micro-averaged over all documents:

- **strict** precision/recall/F1: a system expression counts when its extent is exactly a
  gold extent (same characters, outer whitespace ignored);
- **relaxed** precision/recall/F1: a system expression counts when it overlaps a gold one
  (each gold and each system expression is matched at most once, largest overlap first);
- **value accuracy** / **type accuracy**: the share of relaxed matches whose ``value`` /
  ``type`` equals the gold one;
- **value F1** / **type F1** (the "attribute F1" the task ranks systems by): F1 where only
  relaxed matches with the right attribute count as correct, i.e. P = correct/system,
  R = correct/gold. With one-to-one matching this equals relaxed F1 × attribute accuracy.

HeidelTime's published value F1 on the same test set (77.61) is printed beside ours.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsweave.evaluate.harness import Row
from newsweave.model import Document, PartialDate, Role, Segment, content_id
from newsweave.model.records import DateStatement

HEIDELTIME_VALUE_F1 = 0.776
"""HeidelTime's value F1 on the TempEval-3 platinum test (UzZaman et al., 2013: 77.61)."""


@dataclass(frozen=True)
class Timex:
    """A time expression: extent in the plain text, TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class GoldDocument:
    """One TimeML document: its plain text, DCT and gold expressions."""

    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[Timex, ...]


@dataclass(frozen=True)
class Counts:
    """Counts behind every TempEval-3 metric (they add up across documents)."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.system + other.system,
            self.strict + other.strict,
            self.relaxed + other.relaxed,
            self.value + other.value,
            self.type + other.type,
        )


def read_timeml(path: Path) -> GoldDocument:
    """Plain text of ``<TEXT>`` with the gold TIMEX3 offsets, and the DCT."""
    root = ET.parse(path).getroot()
    dct: dt.date | None = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            parsed = PartialDate.parse(timex.get("value"))
            dct = parsed.as_date() if parsed else None
            break
    text_element = root.find("TEXT")
    if text_element is None:
        return GoldDocument(path.stem, "", dct, ())
    parts: list[str] = []
    timexes: list[Timex] = []
    _walk(text_element, parts, timexes, 0)
    return GoldDocument(path.stem, "".join(parts), dct, tuple(timexes))


def _walk(element: ET.Element, parts: list[str], timexes: list[Timex], offset: int) -> int:
    """Append the element's text (without tags) to ``parts``; record TIMEX3 extents."""
    start = offset
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _walk(child, parts, timexes, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if element.tag == "TIMEX3":
        timexes.append(Timex(start, offset, element.get("type", ""), element.get("value", "")))
    return offset


def gold_documents(folder: Path, limit: int | None = None) -> list[GoldDocument]:
    """Every ``.tml`` file under ``folder`` (sorted), at most ``limit``."""
    paths = sorted(p for p in folder.rglob("*.tml") if not p.name.startswith("._"))
    return [read_timeml(p) for p in paths[:limit]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The extent without outer whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def score(text: str, gold: tuple[Timex, ...], system: tuple[Timex, ...]) -> Counts:
    """TempEval-3 counts for one document (see the module docstring)."""
    gold_spans = [_trim(text, g.start, g.end) for g in gold]
    system_spans = [_trim(text, s.start, s.end) for s in system]
    pairs: list[tuple[int, int, int]] = []
    for gi, (gs, ge) in enumerate(gold_spans):
        for si, (ss, se) in enumerate(system_spans):
            overlap = min(ge, se) - max(gs, ss)
            if overlap > 0:
                pairs.append((overlap, gi, si))
    used_gold: set[int] = set()
    used_system: set[int] = set()
    strict = relaxed = value = type_ = 0
    for _, gi, si in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        relaxed += 1
        strict += gold_spans[gi] == system_spans[si]
        value += gold[gi].value == system[si].value
        type_ += gold[gi].type == system[si].type
    return Counts(len(gold), len(system), strict, relaxed, value, type_)


def _f1(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def metrics(counts: Counts) -> dict[str, float]:
    """Every reported metric from the summed counts."""
    out: dict[str, float] = {}
    for name, correct in (("strict", counts.strict), ("relaxed", counts.relaxed)):
        p, r, f = _f1(correct, counts.system, counts.gold)
        out |= {f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f}
    matched = counts.relaxed
    out["value_accuracy"] = counts.value / matched if matched else 0.0
    out["type_accuracy"] = counts.type / matched if matched else 0.0
    out["value_f1"] = _f1(counts.value, counts.system, counts.gold)[2]
    out["type_f1"] = _f1(counts.type, counts.system, counts.gold)[2]
    return out


def _document(gold: GoldDocument) -> Document:
    """A one-segment body Document dated by the DCT."""
    date = (
        DateStatement(PartialDate.from_date(gold.dct), "dct", inferred=False) if gold.dct else None
    )
    return Document(
        id=content_id("doc", gold.text),
        source=gold.name,
        text=gold.text,
        segments=(Segment(Role.BODY, 0, len(gold.text)),),
        title=gold.name,
        date=date,
        language="en",
    )


def system_timexes(
    documents: list[GoldDocument], tick: Callable[[], None]
) -> Iterator[tuple[Timex, ...]]:
    """Our expressions for each document, in order (one spaCy pass per document)."""
    from newsweave.analyze.nlp import load
    from newsweave.analyze.prepare import contexts
    from newsweave.analyze.times import extract_times

    for ctx in contexts((_document(d) for d in documents), load()):
        found = extract_times(ctx)
        tick()
        yield tuple(Timex(t.span.start, t.span.end, t.type, t.value) for t in found)


def evaluate(documents: list[GoldDocument], tick: Callable[[], None] = lambda: None) -> Counts:
    """Summed TempEval-3 counts of newsweave over ``documents``."""
    total = Counts()
    for gold, found in zip(documents, system_timexes(documents, tick), strict=True):
        total = total + score(gold.text, gold.timexes, found)
    return total


def _rows(task: str, counts: Counts) -> list[Row]:
    return [Row(task, "newsweave", name, value) for name, value in metrics(counts).items()]


def run(data_dir: Path, limit: int | None, tick: Callable[[], None]) -> list[Row]:
    """The ``times`` task: TempEval-3 platinum, with HeidelTime's published value F1."""
    documents = gold_documents(data_dir / "tempeval3" / "te3-platinum", limit)
    rows = _rows("times", evaluate(documents, tick))
    rows.append(Row("times", "HeidelTime (published)", "value_f1", HEIDELTIME_VALUE_F1))
    return rows


def run_tbaq(data_dir: Path, limit: int | None, tick: Callable[[], None]) -> list[Row]:
    """An optional ``times-tbaq`` task: the same metrics on TBAQ-cleaned (TimeBank +
    AQUAINT, 256 documents; HeidelTime was tuned on it, so no published anchor here)."""
    documents = gold_documents(data_dir / "tempeval3" / "TBAQ-cleaned", limit)
    return _rows("times-tbaq", evaluate(documents, tick))
