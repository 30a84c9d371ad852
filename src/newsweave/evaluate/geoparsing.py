"""Toponym resolution on GeoWebNews and LGL (``geoparsing/`` in the gold data folder).

This measures **resolution only**: every gold toponym is given with its span and surface
form, so recognition errors (missed or spurious names) do not mix in. For each gold toponym
we take its readings from the gazetteer (:func:`newsweave.resolve.places.candidates`; a
nationality word such as "Irish", which GeoWebNews counts as a toponym, reads as its
country) and let :func:`newsweave.resolve.places.choose_place` pick one, with the article's
context built as in the store: the country focus of the article's *other* gold toponyms and
of the nationality words in its text, and the points of its unambiguous places. The chosen
point is compared with the gold coordinates.

Corpora: GeoWebNews (``Geocoding/gwn_full.txt``, the 2,401 toponyms with coordinates, line
*i* belonging to the *i*-th article of ``GWN.xml``) and LGL (``Corpora/lgl.xml``, the 4,462
toponyms with a GeoNames tag). Metrics per corpus (``gwn_…``, ``lgl_…``), system
``newsweave``:

* ``accuracy_161km``: share of gold toponyms resolved within 161 km (100 miles) of the gold
  point; a toponym the gazetteer lacks counts as wrong;
* ``mean_error_km``, ``median_error_km``: over all gold toponyms, a missed one counting as
  20,039 km (half the Earth's circumference), as in Gritta et al. (2019);
* ``auc``: area under the curve of log errors, the mean of ln(1 + error) / ln(20,039)
  (0 is perfect, 1 is every toponym missed);
* ``coverage``: share of gold toponyms that got a reading with a point;
* ``resolved_accuracy_161km``, ``resolved_mean_error_km``: the same over those toponyms
  only (how well the choice among readings works, apart from gazetteer gaps such as
  rivers, organisations and regions without a point);
* ``unplaced`` and ``misplaced``: shares of all gold toponyms left without a point, and
  given a point more than 161 km from the gold one (accuracy + unplaced + misplaced = 1):
  a wrong point on a map misleads, a missing one only leaves a gap.

For reference, rows of system ``Mordecai3 (published)`` carry its published exact-match
range (79–90% of toponyms resolved to the right GeoNames entry) as ``published_exact_low``
and ``published_exact_high``; exact match is stricter than 161 km, so they are an anchor,
not a like-for-like score.
"""

from __future__ import annotations

import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.analyze.gazetteer import Gazetteer, Place, normalize
from newsweave.evaluate.harness import Row
from newsweave.resolve.places import (
    DocumentPlaces,
    build_contexts,
    candidates,
    choose_place,
    country_place,
    distance_km,
    first_names,
)

TASK = "geo"
SYSTEM = "newsweave"
ANCHOR = "Mordecai3 (published)"
ANCHOR_RANGE = (0.79, 0.90)
ACCURATE_KM = 161.0
MISSED_KM = 20039.0
"""Error charged for a toponym that got no reading (half the Earth's circumference)."""

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


@dataclass(frozen=True)
class Toponym:
    """A gold toponym: its surface form and where it really is."""

    text: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Article:
    """An article's text and its gold toponyms."""

    text: str
    toponyms: tuple[Toponym, ...]


# --------------------------------------------------------------------------- reading gold


def read_gwn(folder: Path) -> Iterator[Article]:
    """GeoWebNews articles with the toponyms of ``gwn_full.txt`` (line i ↔ article i)."""
    root = ET.parse(folder / "GWN.xml").getroot()
    texts = [a.findtext("text") or "" for a in root.iter("article")]
    lines = (folder / "Geocoding" / "gwn_full.txt").read_text("utf-8").splitlines()
    for text, line in zip(texts, lines, strict=False):
        yield Article(text, tuple(_gwn_toponyms(line)))


def _gwn_toponyms(line: str) -> Iterator[Toponym]:
    for item in line.split("||"):
        fields = item.split(",,")
        if len(fields) == 6:
            try:
                yield Toponym(fields[1], float(fields[2]), float(fields[3]))
            except ValueError:
                continue


def read_lgl(path: Path) -> Iterator[Article]:
    """LGL articles with their GeoNames-tagged toponyms."""
    for article in ET.parse(path).getroot().iter("article"):
        found = []
        for node in article.iter("toponym"):
            lat, lon = node.findtext("gaztag/lat"), node.findtext("gaztag/lon")
            if lat and lon:
                found.append(Toponym(node.findtext("phrase") or "", float(lat), float(lon)))
        yield Article(article.findtext("text") or "", tuple(found))


# --------------------------------------------------------------------------- resolving


def demonym_countries(gazetteer: Gazetteer, text: str) -> list[str]:
    """Country codes of the nationality words in ``text`` ("Nigerian" → NG)."""
    found = (gazetteer.demonym(word) for word in _CAPITALISED.findall(text))
    return [code for code in found if code]


def readings(gazetteer: Gazetteer, name: str) -> list[Place]:
    """Readings of a gold toponym as the store reads a place name (the gazetteer's, its
    areas and, in their support, small towns of that name), for a nationality word its
    country, else GeoNames towns of that name."""
    found = candidates(gazetteer, name, towns=False, rival_towns=True)
    if found:
        return found
    code = gazetteer.demonym(name)
    return [country_place(code)] if code else candidates(gazetteer, name)


def resolve_article(gazetteer: Gazetteer, article: Article) -> list[float]:
    """The error in km of every gold toponym of ``article`` (``MISSED_KM`` when unresolved)."""
    names = [t.text for t in article.toponyms]
    doc = DocumentPlaces(names, demonym_countries(gazetteer, article.text))
    spelled = first_names(names)
    chosen: dict[str, Place | None] = {}
    for key, context in build_contexts(gazetteer, doc).items():
        choice = choose_place(spelled[key], readings(gazetteer, spelled[key]), context)
        chosen[key] = None if choice is None else choice.place
    return [_error(chosen.get(normalize(t.text)), t) for t in article.toponyms]


def _error(place: Place | None, gold: Toponym) -> float:
    if place is None or place.lat is None or place.lon is None:
        return MISSED_KM
    return distance_km((place.lat, place.lon), (gold.lat, gold.lon))


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Scores:
    """Resolution scores of one corpus."""

    toponyms: int
    accuracy_161km: float
    mean_error_km: float
    median_error_km: float
    auc: float
    coverage: float
    resolved_accuracy_161km: float
    resolved_mean_error_km: float
    unplaced: float = 0.0
    """Share of toponyms left without a point (no reading, or none close to the focus)."""
    misplaced: float = 0.0
    """Share of toponyms given a point more than 161 km from the gold one."""


def score(errors: Sequence[float]) -> Scores:
    """Accuracy within 161 km, mean and median error, AUC and coverage of ``errors``."""
    if not errors:
        return Scores(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    n = len(errors)
    resolved = [e for e in errors if e < MISSED_KM] or [MISSED_KM]
    return Scores(
        toponyms=n,
        accuracy_161km=sum(e <= ACCURATE_KM for e in errors) / n,
        mean_error_km=statistics.fmean(errors),
        median_error_km=statistics.median(errors),
        auc=statistics.fmean(math.log1p(e) / math.log(MISSED_KM) for e in errors),
        coverage=sum(e < MISSED_KM for e in errors) / n,
        resolved_accuracy_161km=sum(e <= ACCURATE_KM for e in resolved) / len(resolved),
        resolved_mean_error_km=statistics.fmean(resolved),
        unplaced=sum(e >= MISSED_KM for e in errors) / n,
        misplaced=sum(ACCURATE_KM < e < MISSED_KM for e in errors) / n,
    )


def evaluate_corpus(
    gazetteer: Gazetteer,
    articles: Iterator[Article],
    limit: int | None,
    tick: Callable[[], None],
) -> Scores:
    """Resolve the toponyms of (the first ``limit``) ``articles`` and score them."""
    errors: list[float] = []
    for i, article in enumerate(articles):
        if limit is not None and i >= limit:
            break
        errors.extend(resolve_article(gazetteer, article))
        tick()
    return score(errors)


def _rows(corpus: str, scores: Scores) -> list[Row]:
    metrics = (
        "accuracy_161km",
        "mean_error_km",
        "median_error_km",
        "auc",
        "coverage",
        "resolved_accuracy_161km",
        "resolved_mean_error_km",
        "unplaced",
        "misplaced",
    )
    return [Row(TASK, SYSTEM, f"{corpus}_{m}", round(getattr(scores, m), 4)) for m in metrics]


def run(data_dir: Path, limit: int | None, tick: Callable[[], None]) -> list[Row]:
    """The ``geo`` task: GeoWebNews and LGL resolution scores, and Mordecai3's anchor."""
    folder = data_dir / "geoparsing"
    gazetteer = Gazetteer.build()
    rows = _rows("gwn", evaluate_corpus(gazetteer, read_gwn(folder), limit, tick))
    lgl = evaluate_corpus(gazetteer, read_lgl(folder / "Corpora" / "lgl.xml"), limit, tick)
    rows.extend(_rows("lgl", lgl))
    low, high = ANCHOR_RANGE
    rows.append(Row(TASK, ANCHOR, "published_exact_low", low))
    rows.append(Row(TASK, ANCHOR, "published_exact_high", high))
    return rows
