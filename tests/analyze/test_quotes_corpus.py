"""The quotes stage on articles of the example corpus (parsed as the ingest stage does)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.analyze.quotes import extract_quotes
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import RawItem
from newsweave.model.facts import Quote

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@cache
def corpus_quotes(name: str) -> tuple[Quote, ...]:
    """Quotes of one example article (no actor lookup)."""
    path = CORPUS / name
    content = path.read_text("utf-8")
    item = (
        RawItem(str(path), content, "html")
        if path.suffix == ".html"
        else RawItem(str(path), content, "text")
    )
    document = parse(item)
    ctx = context_for(document, load())
    return extract_quotes(ctx, lambda s, e: None)


def having(found: tuple[Quote, ...], fragment: str) -> list[Quote]:
    return [q for q in found if fragment in q.span.text]


def test_unnamed_shopkeeper_keeps_his_description() -> None:
    found = corpus_quotes("2024-01-14_albion-herald_security-forces-open-fire.html")
    (said,) = [q for q in having(found, "pulled down his shutters") if not q.direct]
    assert said.speaker_text == "A shopkeeper at Hountoué central market"
    assert said.speaker is None and said.verb == "say"
    (quoted,) = having(found, "The soldiers were going from street")
    assert quoted.direct and quoted.speaker_text == "A shopkeeper at Hountoué central market"


def test_told_the_continental_post() -> None:
    found = corpus_quotes("2024-02-08_continental-post_imf-loan-deal.txt")
    (q,) = having(found, "We have gone through a very painful month")
    assert q.direct and q.speaker_text == "Mensavi" and q.verb == "tell"
    (rest,) = having(found, "This agreement is not a victory")
    assert rest.speaker_text == "Mensavi"


def test_told_the_continental_post_unnamed_teacher() -> None:
    found = corpus_quotes("2024-01-16_continental-post_rights-group-toll-181.html")
    (q,) = having(found, "Abessi built this country")
    assert q.speaker_text == "a 40-year-old teacher in Abessi City" and q.verb == "tell"


def test_historic_partial_quote() -> None:
    found = corpus_quotes("2024-02-02_halyard_dockers-end-strike.html")
    (q,) = [q for q in found if q.span.text == "historic"]
    assert q.direct and q.verb == "praise"
    assert q.speaker_text == "Ports Minister Clémence Attiogbé"


def test_so_called_national_dialogue_is_not_a_quote() -> None:
    for name in (
        "2024-01-24_amakoro-sentinel_national-dialogue-toll-212.html",
        "2024-01-31_continental-post_opinion-ahlonko.txt",
    ):
        found = corpus_quotes(name)
        assert not [q for q in found if q.direct and q.span.text == "national dialogue"], name


def test_nested_problem_country_quote() -> None:
    found = corpus_quotes("2024-01-31_continental-post_opinion-ahlonko.txt")
    (q,) = having(found, "'problem country.'")
    assert q.direct and q.span.text == "You are not a 'problem country.'"
    assert q.speaker_text == "A senior U.S. diplomat"


def test_every_span_points_to_its_text() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        document = parse(RawItem(str(path), path.read_text("utf-8"), "text"))
        ctx = context_for(document, load())
        for q in extract_quotes(ctx, lambda s, e: None):
            assert document.text[q.span.start : q.span.end] == q.span.text
            assert q.evidence.start == q.span.start and q.evidence.end == q.span.end
