"""Names stage on the example corpus: type corrections, demonyms, junk, traps."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.analyze.context import Context
from newsweave.analyze.gazetteer import Gazetteer, load_places_file
from newsweave.analyze.name_junk import is_junk
from newsweave.analyze.names import STAGE, Candidate, extract_actors, find_candidates
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import RawItem
from newsweave.model import Document, Role, Segment, content_id
from newsweave.model.facts import Actor, Mention

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
PLACES = load_places_file(CORPUS.parent / "gazetteer.csv")

H1 = "2023-12-29_amakoro-sentinel_minister-brother-port-stake.html"
H2 = "2024-01-05_continental-post_tear-gas-marchers.html"
H5 = "2024-01-14_albion-herald_security-forces-open-fire.html"
T2 = "2024-01-12_notes-from-the-lagoon_city-holding-its-breath.txt"
T3 = "2024-01-16_halyard_death-toll-173.txt"
T4 = "2024-01-17_albion-herald_president-sacks-ports-minister.txt"
T7 = "2024-02-08_continental-post_imf-loan-deal.txt"
H6 = "2024-01-16_continental-post_rights-group-toll-181.html"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The base gazetteer plus the example places."""
    return Gazetteer.build(PLACES)


@lru_cache(maxsize=32)
def context(name: str) -> Context:
    """The parsed example article ``name``."""
    path = CORPUS / name
    text = path.read_text("utf-8")
    item = (
        RawItem(str(path), text, "html")
        if path.suffix == ".html"
        else RawItem(str(path), text, "text")
    )
    document = parse(item)
    return context_for(document, load(), PLACES)


@lru_cache(maxsize=32)
def analysed(name: str) -> tuple[tuple[Mention, ...], tuple[Actor, ...]]:
    """Mentions and actors of the example article ``name``."""
    return extract_actors(context(name), gazetteer())


def text_context(text: str) -> Context:
    """A context for a plain body text."""
    document = Document(content_id("d", text), "test", text, (Segment(Role.BODY, 0, len(text)),))
    return context_for(document, load(), PLACES)


def actor(name: str, actors: tuple[Actor, ...]) -> Actor:
    """The actor called ``name``."""
    found = [a for a in actors if a.name == name]
    assert len(found) == 1, [a.name for a in actors]
    return found[0]


def types(actors: tuple[Actor, ...]) -> dict[str, str]:
    return {a.name: a.type for a in actors}


def test_stage_declaration() -> None:
    assert STAGE.name == "names" and STAGE.needs == ("sentences",)
    assert STAGE.provides == ("mentions", "actors")


def test_places_spacy_calls_people_become_places() -> None:
    _, actors = analysed(T3)
    found = types(actors)
    assert found["Kwesi Amoah"] == "GPE"  # a town whose name looks like a person's
    assert found["Abessi City"] == "GPE"
    assert found["Nathaniel Abessi"] == "PERSON"
    assert found["Komla Kara"] == "PERSON"  # Kara is also a Togolese city
    assert actor("Kwesi Amoah", actors).country == "XM"
    kara = actor("Komla Kara", analysed(H1)[1])
    assert kara.type == "PERSON" and "Kara" in kara.aliases  # "Kara said that …"


def test_person_city_university_are_three_actors() -> None:
    _, actors = analysed(T2)
    found = types(actors)
    assert found["Nathaniel Abessi"] == "PERSON"
    assert found["Abessi City"] == "GPE"
    assert found["Nathaniel Abessi University"] == "ORG"
    assert found["Burkina Faso"] == "GPE"  # the model says PERSON
    city = actor("Abessi City", actors)
    assert "Bamessa" in city.aliases  # the city's former name, from the user gazetteer


def test_countries_and_demonyms() -> None:
    _, actors = analysed(H1)
    assert actor("Mabenia", actors).country == "XM"
    assert actor("Mauritius", actors).type == "GPE"  # the model says ORG
    mabenian = actor("Mabenian", actors)
    assert (mabenian.type, mabenian.country) == ("NORP", "XM")
    assert actor("Danish", actors).country == "DK"


def test_demonym_spacy_missed() -> None:
    ctx = text_context("The Nigerian delegation met French officials in Lagos on Monday.")
    mentions, actors = extract_actors(ctx, gazetteer())
    countries = {a.name: a.country for a in actors if a.type == "NORP"}
    assert countries == {"Nigerian": "NG", "French": "FR"}
    assert any(m.span.text == "Lagos" and m.type == "GPE" for m in mentions)


def test_london_as_government_keeps_gpe_with_a_note() -> None:
    ctx = text_context("London said on Tuesday that it would send more aid to the region.")
    mentions, _ = extract_actors(ctx, gazetteer())
    london = [m for m in mentions if m.span.text == "London"]
    assert london and london[0].type == "GPE" and london[0].source == "ner+government"


def test_orgs_named_after_people_and_person_from_context() -> None:
    _, actors = analysed(T4)
    assert actor("Félix Adomah", actors).type == "PERSON"  # the model says ORG


def test_junk_never_becomes_an_actor() -> None:
    for name in (H1, T2, T4, H5):
        _, actors = analysed(name)
        names = {a.name for a in actors}
        assert not names & {"Sign", "Accept", "Share", "Close", "Subscribe", "Read", "Related"}
        assert all(len(n) > 1 for n in names)
        assert not any("corrections" in n for n in names)


def test_chanted_slogan_is_not_a_mention() -> None:
    ctx = context(H5)
    mentions, _ = analysed(H5)
    slogan = ctx.document.text.index("Dossavi must go")
    assert not any(slogan <= m.span.start < slogan + 40 for m in mentions)
    chant = text_context('Crowds chanted "DOWN WITH MABENIA" and "Free Kara!" outside.')
    assert not [m for m in extract_actors(chant, gazetteer())[0] if m.span.text == "Kara"]


def test_sentence_initial_common_word_is_junk() -> None:
    ctx = text_context("Share the article. Accept the terms. The minister spoke.")
    share = Candidate(0, 5, "Share", "ORG", "ner", "ORG")
    accept = Candidate(19, 25, "Accept", "PERSON", "ner", "PERSON")
    assert is_junk(share, ctx) and is_junk(accept, ctx)
    assert is_junk(Candidate(0, 1, "S", "PERSON", "ner", "PERSON"), ctx)


def test_spans_are_clean() -> None:
    ctx = context(H1)
    for cand in find_candidates(ctx, gazetteer()):
        assert ctx.document.text[cand.start : cand.end] == cand.text
        assert not cand.text.lower().startswith("the ")
        assert not cand.text.endswith(("'s", "’s")) and "\n" not in cand.text
        assert cand.text == cand.text.strip()


def test_every_mention_has_evidence_and_an_actor() -> None:
    for name in (H1, T3):
        ctx = context(name)
        mentions, actors = analysed(name)
        ids = {a.id for a in actors}
        for mention in mentions:
            assert mention.actor in ids
            assert ctx.document.text[mention.span.start : mention.span.end] == mention.span.text
            assert mention.evidence.stage == "names"
            assert mention.span.text in mention.evidence.text
        assert sum(a.mentions for a in actors) == len(mentions)


WORDS = st.sampled_from(
    [
        "Kara",
        "said",
        "the",
        "President",
        "Abessi",
        "City",
        "(",
        ")",
        "MDR",
        "’s",
        "'s",
        "\n\n",
        "“",
        "”",
        '"',
        "Nigerian",
        "London",
        "University",
        "Ms",
        "a",
        ",",
        ".",
        "Yamboré",
        "é",
        " ",
    ]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=40))
def test_never_crashes_and_spans_point_to_text(parts: list[str]) -> None:
    text = " ".join(parts)
    if not text.strip():
        return
    ctx = text_context(text)
    mentions, actors = extract_actors(ctx, gazetteer())
    for mention in mentions:
        assert text[mention.span.start : mention.span.end] == mention.span.text
    assert {m.actor for m in mentions} <= {a.id for a in actors}
