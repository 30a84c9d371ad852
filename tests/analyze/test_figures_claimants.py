"""Who claims a figure: only speaker-like actors from the attribution structure ("X said",
"according to X", "X gave a toll of", "X put the toll at", "X's count"), never a place,
a demonym, a dateline or an inanimate source; only the claimant's head word is resolved
to an actor. Short original sentences, the real model."""

from __future__ import annotations

from functools import lru_cache

import pytest

from newsweave.analyze.context import Context, ExtraPlace
from newsweave.analyze.figures import extract_figures
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.model import Document, PartialDate, Role, Segment, content_id
from newsweave.model.facts import Figure
from newsweave.model.records import DateStatement

VELDORIA = ExtraPlace("Veldoria", (), "country", 1.0, 2.0, "XV")
"""A made-up country: its demonym "Veldorian" is guessed by the gazetteer."""


@lru_cache(maxsize=64)
def _context(text: str) -> Context:
    date = DateStatement(PartialDate(2024, 3, 5), "html-meta", False)
    document = Document(
        content_id("d", text), "test", text, (Segment(Role.BODY, 0, len(text)),), date=date
    )
    return context_for(document, load(), (VELDORIA,))


def _figures(text: str) -> tuple[tuple[Figure, str | None], ...]:
    """Each figure with the text the resolver was asked about (None: not asked)."""
    asked: dict[tuple[int, int], str] = {}

    def resolve(start: int, end: int) -> str | None:
        asked[(start, end)] = text[start:end]
        return f"actor:{text[start:end]}"

    figures = extract_figures(_context(text), resolve)
    return tuple((f, f.claimed_by[len("actor:") :] if f.claimed_by else None) for f in figures)


def _claimant(text: str, figure_text: str) -> tuple[str | None, str | None]:
    """(claimant as written, the words resolved to its actor) of one figure."""
    for figure, resolved in _figures(text):
        if figure.span.text == figure_text:
            return figure.claimed_by_text, resolved
    raise AssertionError(f"no figure {figure_text!r} in {_figures(text)}")


@pytest.mark.parametrize(
    ("text", "figure", "claimant", "resolved"),
    [
        # the head word names the actor, never a demonym or place inside the phrase
        (
            "A Veldorian rights group said 64 people had been killed.",
            "64",
            "A Veldorian rights group",
            "group",
        ),
        (
            "A ferry operator in Port Ilse said at least nine boats had sunk.",
            "at least nine",
            "A ferry operator in Port Ilse",
            "operator",
        ),
        (
            "Health Minister Oriane Falk said 31 patients had been evacuated.",
            "31",
            "Health Minister Oriane Falk",
            "Falk",
        ),
        # attribution structures
        (
            "The coast guard gave a toll of 17 dead on Monday.",
            "17",
            "The coast guard",
            "guard",
        ),
        ("The navy put the toll at 23.", "23", "The navy", "navy"),
        ("The health board raised its count to 52.", "52", "The health board", "board"),
        # "give", "put", "raise" attribute only a count: raising prices claims nothing
        ("The regulator raised petrol prices by 38% on Monday.", "38%", None, None),
        (
            "The interior ministry's latest count is 212, while aid groups put it at 260.",
            "212",
            "The interior ministry",
            "ministry",
        ),
        (
            "The toll, given by a hospital spokesman on Sunday, rose to 48.",
            "48",
            "a hospital spokesman",
            "spokesman",
        ),
        (
            "About 900 families have fled, according to officials.",
            "About 900",
            "officials",
            "officials",
        ),
        # a dateline is no claimant: the subject after it is
        (
            "TARVEN, Veldoria — The Red Crescent said 58 people were missing.",
            "58",
            "The Red Crescent",
            "Crescent",
        ),
        # an inanimate source: who made it claims, else nobody
        (
            "Records published by the Tarven Courier show that 14 officers were suspended.",
            "14",
            "the Tarven Courier",
            "Courier",
        ),
        ("Leaked documents show that 14 officers were suspended.", "14", None, None),
        # a person described by age is a speaker
        (
            "The 74-year-old said he had lost three sons in the floods.",
            "three",
            "The 74-year-old",
            "old",
        ),
    ],
)
def test_claimant(text: str, figure: str, claimant: str | None, resolved: str | None) -> None:
    assert _claimant(text, figure) == (claimant, resolved)


def test_bare_demonym_is_no_claimant() -> None:
    claimant, resolved = _claimant("Veldorian said 12 people died in the fire.", "12")
    assert claimant is None and resolved is None


def test_a_plural_demonym_speaks_but_is_no_actor() -> None:
    claimant, _ = _claimant("Veldorians said 12 people died in the fire.", "12")
    assert claimant == "Veldorians"


def test_pronoun_takes_the_claimant_of_its_own_sentence() -> None:
    text = (
        "The port authority counted the ships. "
        "The Veldorian Medical Association (VMA), whose count had long been higher, "
        "said it had now recorded 236 deaths."
    )
    claimant, _ = _claimant(text, "236")
    assert claimant == "The Veldorian Medical Association"


def test_pronoun_takes_the_last_claimant_before_it() -> None:
    text = "The Red Crescent said 58 people were missing. It said 19 were children."
    assert _claimant(text, "19")[0] == "The Red Crescent"


def test_no_parenthesised_acronym_fragment() -> None:
    text = "The Veldorian Medical Association (VMA), a doctors' union, said 40 nurses quit."
    assert _claimant(text, "40")[0] == "The Veldorian Medical Association"


def test_a_closing_records_show_and_a_participle_of_saying() -> None:
    # the parser may read "show" after "records" as a noun; an acronym owner still claims
    (first, second) = _figures(
        "The fund sent $4.2 million to county parties and $1.3 million to the state "
        "party as of June 30, FEC records show."
    )
    assert first[0].claimed_by_text == "FEC" and second[0].claimed_by_text == "FEC"
    ((figure, _),) = _figures(
        "Governor Almasi opened the session with a warning, recalling how the port had "
        "once lost $75 million in a single season."
    )
    assert figure.claimed_by_text == "Governor Almasi"
    ((reporters, _),) = _figures(
        "The council holds $60 million in reserves, but several members are pressing it to "
        "spend more, openly revealing a split on the bench."
    )
    assert reporters.claimed_by_text is None  # a participle without a clause claims nothing
