"""Article extraction on the Zyte/Scrapinghub benchmark (``article_extraction/``).

Metric as the benchmark defines it: tokens are ``\\w+`` matches; per page the multisets of
word 4-gram shingles of the gold and predicted bodies give TP, FP and FN, normalised to sum
to 1 per page; these are averaged over pages and precision, recall and F1 computed from the
averages. ``accuracy`` is the share of pages whose token sequence equals the gold one.
Plain trafilatura (``trafilatura.extract`` with its defaults) runs in the same pass.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newsweave.errors import NewsweaveError
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import Hints, RawItem
from newsweave.model import Role

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Scores:
    system: str
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html: str
    gold: str


def shingle_counts(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_match(gold: str, predicted: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) for one page."""
    g, p = shingle_counts(gold), shingle_counts(predicted)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    if total == 0:
        return (1.0, 0.0, 0.0)
    return (tp / total, fp / total, fn / total)


def score(system: str, pairs: list[tuple[str, str]]) -> Scores:
    """Scores of ``(gold, predicted)`` pairs."""
    tp = fp = fn = 0.0
    exact = 0
    for gold, predicted in pairs:
        a, b, c = page_match(gold, predicted)
        tp, fp, fn = tp + a, fp + b, fn + c
        exact += _TOKEN.findall(gold) == _TOKEN.findall(predicted)
    n = max(len(pairs), 1)
    tp, fp, fn = tp / n, fp / n, fn / n
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(system, precision, recall, f1, exact / n, len(pairs))


def load_pages(data_dir: Path, limit: int | None = None) -> Iterator[Page]:
    folder = data_dir / "article_extraction"
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        raise NewsweaveError("NW301", str(truth_file), "article extraction gold set not found")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    for count, page_id in enumerate(sorted(truth)):
        if limit is not None and count >= limit:
            break
        raw = (folder / "html" / f"{page_id}.html").read_bytes()
        yield Page(page_id, truth[page_id]["url"], _decode(raw), truth[page_id]["articleBody"])


def _decode(raw: bytes) -> str:
    from newsweave.ingest.sources.decode import decode_bytes

    return decode_bytes(raw, "page", None)


def newsweave_body(page: Page) -> str:
    """The text newsweave feeds to extraction: body and standfirst segments."""
    try:
        doc = parse(RawItem(page.id, page.html, "html", Hints(url=page.url)), min_words=0)
    except NewsweaveError:
        return ""
    return doc.role_text(Role.STANDFIRST, Role.BODY)


def trafilatura_body(page: Page) -> str:
    return trafilatura.extract(page.html, url=page.url) or ""


SYSTEMS: dict[str, Callable[[Page], str]] = {
    "newsweave": newsweave_body,
    "trafilatura (plain)": trafilatura_body,
}


def evaluate(
    data_dir: Path, *, limit: int | None = None, progress: Callable[[], None] | None = None
) -> list[Scores]:
    """Scores for newsweave and plain trafilatura on the same pages."""
    pairs: dict[str, list[tuple[str, str]]] = {name: [] for name in SYSTEMS}
    for page in load_pages(data_dir, limit):
        for name, system in SYSTEMS.items():
            pairs[name].append((page.gold, system(page)))
        if progress:
            progress()
    return [score(name, found) for name, found in pairs.items()]
