"""Time expressions on articles of the example corpus (spaCy parse, real anchors)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import pytest

from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.analyze.times import extract_times
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import RawItem
from newsweave.model.facts import TimeExpression

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
BLOG = "2024-01-12_notes-from-the-lagoon_city-holding-its-breath.txt"
GGPF_TWO = "2024-01-29_ggpf_mabenia-port-crisis-part-two.txt"
SENTINEL = "2023-12-29_amakoro-sentinel_minister-brother-port-stake.html"
HALYARD = "2024-02-02_halyard_dockers-end-strike.html"


def _format(path: Path) -> Literal["html", "text"]:
    return "html" if path.suffix == ".html" else "text"


@cache
def times_of(name: str) -> tuple[TimeExpression, ...]:
    path = CORPUS / name
    document = parse(RawItem(str(path), path.read_text("utf-8"), _format(path)))
    return extract_times(context_for(document, load()))


def find(name: str, text: str) -> TimeExpression:
    matches = [t for t in times_of(name) if t.span.text.lower() == text.lower()]
    assert matches, f"{text!r} not found in {name}"
    return matches[0]


def test_since_30_december_in_january_is_the_previous_year() -> None:
    found = find(BLOG, "30 December")
    assert (found.value, found.precision) == ("2023-12-30", "day")


def test_three_days_later_counts_from_the_narrative() -> None:
    found = find(GGPF_TWO, "Three days later")
    assert (found.value, found.anchor) == ("2024-01-22", "narrative")


@pytest.mark.parametrize("name", [SENTINEL, BLOG])
def test_last_august(name: str) -> None:
    found = find(name, "last August")
    assert (found.value, found.precision) == ("2023-08", "month")


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        (GGPF_TWO, "Sunday", "2024-01-28"),
        (GGPF_TWO, "Friday", "2024-01-26"),
        (GGPF_TWO, "19 January", "2024-01-19"),
        (SENTINEL, "two decades", "P20Y"),
        (SENTINEL, "Wednesday", "2023-12-27"),
        (HALYARD, "late January", "2024-01"),
        (HALYARD, "the next day", "2024-01-15"),
        (HALYARD, "Feb. 12", "2024-02-12"),
    ],
)
def test_values(name: str, text: str, value: str) -> None:
    assert find(name, text).value == value


@pytest.mark.parametrize("name", [BLOG, GGPF_TWO, SENTINEL, HALYARD])
def test_spans_and_evidence_point_into_the_document(name: str) -> None:
    path = CORPUS / name
    document = parse(RawItem(str(path), path.read_text("utf-8"), _format(path)))
    found = times_of(name)
    assert found
    for item in found:
        assert document.text[item.span.start : item.span.end] == item.span.text
        assert item.evidence.document == document.id
        assert item.span.text in item.evidence.text
        assert item.evidence.stage == "times"
