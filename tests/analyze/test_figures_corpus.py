"""Figures on the example corpus (conflicting tolls between outlets) and property tests."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.analyze.figures import extract_figures
from newsweave.analyze.figures_numbers import scan_numbers
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import RawItem
from newsweave.model import Document, Role, Segment, content_id
from newsweave.model.facts import Figure

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@lru_cache(maxsize=8)
def _figures(name: str) -> tuple[Figure, ...]:
    path = CORPUS / name
    text = path.read_text("utf-8")
    item = (
        RawItem(str(path), text, "html")
        if path.suffix == ".html"
        else RawItem(str(path), text, "text")
    )
    document = parse(item)
    ctx = context_for(document, load())
    figures = extract_figures(ctx, lambda start, end: None)
    for figure in figures:
        assert document.text[figure.span.start : figure.span.end] == figure.span.text
    return figures


def _with(figures: tuple[Figure, ...], value: float) -> list[Figure]:
    return [f for f in figures if f.value == value]


def test_halyard_paste_health_ministry_173() -> None:
    figures = _figures("2024-01-16_halyard_death-toll-173.txt")
    body = [f for f in _with(figures, 173) if f.qualifier == "at_least"]
    assert body, figures
    toll = body[0]
    assert (toll.unit, toll.what, toll.claimed_by_text) == (
        "person",
        "killed",
        "the health ministry",
    )
    assert toll.as_of == "2024-01-16"
    detained = _with(figures, 3200)[0]
    assert (detained.what, detained.claimed_by_text) == ("detained", "The interior ministry")
    assert not _with(figures, 7)  # "paragraph 7" is no figure
    assert not [f for f in figures if f.value in (2024, 1980)]  # years are no figures


def test_continental_post_rights_group_181_and_nearly_4000() -> None:
    figures = _figures("2024-01-16_continental-post_rights-group-toll-181.html")
    killed = [f for f in _with(figures, 181) if f.claimed_by_text == "A Mabenian rights group"]
    assert killed and killed[0].what == "killed" and killed[0].as_of == "2024-01-16"
    (detained,) = _with(figures, 4000)
    assert (detained.qualifier, detained.what) == ("nearly", "detained")
    assert detained.claimed_by_text == "A Mabenian rights group"
    assert not _with(figures, 68)  # "Dossavi, 68," is an age


def test_albion_herald_more_than_150() -> None:
    figures = _figures("2024-01-17_albion-herald_president-sacks-ports-minister.txt")
    hedged = [f for f in _with(figures, 150) if f.qualifier == "more_than"]
    assert hedged and hedged[0].what == "killed" and hedged[0].unit == "person"


def test_sentinel_revised_212() -> None:
    figures = _figures("2024-01-24_amakoro-sentinel_national-dialogue-toll-212.html")
    revised = [f for f in _with(figures, 212) if f.claimed_by_text == "the health ministry"]
    assert revised and revised[0].what == "killed"
    earlier = _with(figures, 173)
    assert earlier and earlier[0].what == "killed"


def test_sentinel_money_and_shares() -> None:
    figures = _figures("2023-12-29_amakoro-sentinel_minister-brother-port-stake.html")
    assert [f.unit for f in _with(figures, 12e6)] == ["USD"]
    assert [f.unit for f in _with(figures, 1.2e9)] == ["Mabenian franc"]
    assert any(f.unit == "percent" for f in _with(figures, 38))
    assert not _with(figures, 3)  # "at 3pm" is a time


_PIECES = [
    *"0123456789 ,.-%$£€:()abcdefghijklmnopqrstuvwxyzAT",
    *(" million", " billion", " at least ", " nearly ", " third", " people", " said "),
    *(" twenty-five", " dozens of ", " between ", " and ", " to ", "mn", " January "),
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_scan_numbers_spans_point_into_the_text(text: str) -> None:
    for phrase in scan_numbers(text):
        assert 0 <= phrase.start < phrase.end <= len(text)
        assert phrase.low is None or phrase.high is None or phrase.low < phrase.high


@given(_TEXT)
@settings(max_examples=60, deadline=None)
def test_extract_figures_never_crashes(text: str) -> None:
    document = Document(content_id("d", text), "prop", text, (Segment(Role.BODY, 0, len(text)),))
    ctx = context_for(document, load())
    for figure in extract_figures(ctx, lambda start, end: None):
        assert text[figure.span.start : figure.span.end] == figure.span.text
        assert figure.evidence.start == figure.span.start
        assert figure.evidence.end == figure.span.end
