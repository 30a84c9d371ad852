"""The events stage on example corpus articles, with the real names, times and figures
stages; plus a property test: it never crashes and every offset points into the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.analyze.events import extract_events
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import ANALYSED_ROLES, context_for
from newsweave.evaluate.plover import Analysed, analyse_documents, document_for, entity_names
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import RawItem
from newsweave.model.facts import Event, Figure
from tests.conftest import EXAMPLES

CORPUS = EXAMPLES / "corpus"
FILES = (
    "2024-01-17_albion-herald_president-sacks-ports-minister.txt",
    "2024-01-05_continental-post_tear-gas-marchers.html",
    "2024-01-16_halyard_death-toll-173.txt",
    "2024-01-09_halyard_general-strike-shuts-port.html",
    "2024-01-20_albion-herald_opinion-ecowas-troops.html",
    "2024-02-02_halyard_dockers-end-strike.html",
    "2024-01-16_continental-post_rights-group-toll-181.html",
    "2023-12-31_albion-herald_dockers-walk-out.txt",
)


@pytest.fixture(scope="module")
def corpus() -> dict[str, Analysed]:
    documents = []
    for name in FILES:
        path = CORPUS / name
        text = path.read_text(encoding="utf-8")
        item = RawItem(str(path), text, "html") if path.suffix == ".html" else None
        documents.append(parse(item or RawItem(str(path), text, "text")))
    return {Path(a.ctx.document.source).name: a for a in analyse_documents(documents)}


def names(analysed: Analysed, ids: tuple[str, ...]) -> list[str]:
    by_id = {a.id: a.name for a in analysed.actors}
    return [by_id.get(i, "") for i in ids]


def find(analysed: Analysed, type_: str, mode: str) -> list[Event]:
    return [e for e in analysed.events if e.type == type_ and e.mode == mode]


def test_dismissal_of_the_ports_minister(corpus: dict[str, Analysed]) -> None:
    analysed = corpus[FILES[0]]
    dismissals = find(analysed, "OFFICE", "dismiss")
    assert len(dismissals) == 1  # headline, body and "removed the minister": one happening
    event = dismissals[0]
    assert any("Dossavi" in n for n in names(analysed, event.actors))
    assert any("Aïcha Yamboré" in n for n in names(analysed, event.targets))
    assert event.date == "2024-01-17"
    assert len(event.evidence) >= 3
    assert event.modality == "asserted"


def test_arrest_of_didier_yambore(corpus: dict[str, Analysed]) -> None:
    analysed = corpus[FILES[4]]
    arrests = find(analysed, "COERCE", "arrest")
    assert any("Didier Yamboré" in names(analysed, e.targets) for e in arrests)
    assert any(e.date == "2024-01-18" for e in arrests)


def test_tear_gas_on_the_march(corpus: dict[str, Analysed]) -> None:
    analysed = corpus[FILES[1]]
    tear_gas = find(analysed, "COERCE", "tear-gas")
    assert tear_gas
    assert any("marchers" in t for e in tear_gas for t in e.target_texts)
    negated = [e for e in analysed.events if e.modality == "negated" and e.type == "ASSAULT"]
    assert any("live rounds" in e.label for e in negated)


def test_request_for_ecowas_troops(corpus: dict[str, Analysed]) -> None:
    analysed = corpus[FILES[4]]
    requests = find(analysed, "DEMAND", "request-troops")
    assert any("Ecowas" in names(analysed, e.targets) for e in requests)


def test_french_led_task_group(corpus: dict[str, Analysed]) -> None:
    analysed = corpus[FILES[5]]
    deployments = find(analysed, "MOBILIZE", "deploy")
    assert any("French" in n for e in deployments for n in names(analysed, e.actors))


def test_killed_173_is_linked(corpus: dict[str, Analysed]) -> None:
    analysed = corpus[FILES[2]]
    figures = {f.value: f for f in analysed_figures(analysed)}
    assert 173 in figures
    kills = find(analysed, "ASSAULT", "kill")
    linked = {fid for e in kills for fid in e.figures}
    assert any(fid.startswith("f") for fid in linked)
    riots = find(analysed, "PROTEST", "riot")
    assert any(e.place_text == "Abessi City" for e in riots)


def analysed_figures(analysed: Analysed) -> list[Figure]:
    from newsweave.analyze import chains, figures

    resolve = chains.make_resolver(analysed.mentions, analysed.actors)
    return list(figures.extract_figures(analysed.ctx, resolve))


def test_hypothetical_seizure_of_the_port(corpus: dict[str, Analysed]) -> None:
    analysed = corpus[FILES[3]]
    seizures = find(analysed, "COERCE", "seize")
    assert seizures
    assert all(e.modality == "hypothetical" for e in seizures)


def test_counts_of_people_are_victims(corpus: dict[str, Analysed]) -> None:
    analysed = corpus[FILES[6]]
    detained = find(analysed, "COERCE", "detain")
    assert any("nearly 4,000" in t for e in detained for t in e.target_texts)
    for analysed in corpus.values():
        for event in analysed.events:
            for text in event.actor_texts:
                assert not text.replace(",", "").split()[-1].isdigit(), (event.label, text)


def test_headline_and_body_count_one_killing(corpus: dict[str, Analysed]) -> None:
    # headline "Rights group says 181 killed ..." and the body's "181 people have been
    # killed": one happening; the health ministry's 173 stays its own count
    analysed = corpus[FILES[6]]
    text = analysed.ctx.document.text
    kills = find(analysed, "ASSAULT", "kill")
    with_181 = [
        e for e in kills if any("181" in text[v.start - 40 : v.end + 40] for v in e.evidence)
    ]
    assert len(with_181) == 1 and len(with_181[0].evidence) >= 2


def test_dockers_walked_out(corpus: dict[str, Analysed]) -> None:
    strikes = find(corpus[FILES[7]], "PROTEST", "strike")
    walkout = [e for e in strikes if any("dockers" in t.lower() for t in e.actor_texts)]
    assert walkout and walkout[0].date == "2023-12-30"


def test_statue_is_not_dated_by_a_relative_clause(corpus: dict[str, Analysed]) -> None:
    for name in (FILES[2], FILES[6]):
        for event in find(corpus[name], "PROTEST", "riot"):
            assert event.date not in ("1961", "1979", "1980"), (event.label, event.date)


def test_figures_of_speech_are_no_events(corpus: dict[str, Analysed]) -> None:
    analysed = corpus[FILES[0]]  # "a fuse being removed from a bomb that has already exploded"
    assert not [e for e in analysed.events if e.mode in ("bomb", "explode")]
    analysed = corpus[FILES[1]]  # "Denial is not an investigation."
    assert not [e for e in analysed.events if "Denial" in e.label]


def test_no_event_from_furniture(corpus: dict[str, Analysed]) -> None:
    for analysed in corpus.values():
        document = analysed.ctx.document
        for event in analysed.events:
            for evidence in event.evidence:
                roles = {s.role for s in document.segments if s.start <= evidence.start < s.end}
                assert roles <= ANALYSED_ROLES, (document.source, event.label)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "Police",
                "arrested",
                "the",
                "marchers",
                "were",
                "killed",
                "173",
                "people",
                "in",
                "Amakoro",
                "on",
                "Monday",
                "could",
                "not",
                "will",
                "talks",
                "strike",
                "walked",
                "out",
                "asked",
                "ECOWAS",
                "to",
                "send",
                "troops",
                "French-led",
                "mission",
                "riots",
                "broke",
                ".",
                ",",
                "said",
                "\n\n",
                "tear",
                "gas",
                "with",
                "dismissed",
                "from",
                "cabinet",
                "é",
                "“",
                "”",
                "'s",
                "by",
            ]
        ),
        max_size=40,
    )
)
def test_never_crashes_and_offsets_point_into_the_text(words: list[str]) -> None:
    text = " ".join(words)
    ctx = context_for(document_for("prop", text), load())
    mentions, actors, resolve = entity_names(ctx)
    for event in extract_events(ctx, mentions, actors, resolve, (), ()):
        assert 0 <= event.trigger.start < event.trigger.end <= len(text)
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert event.evidence
        for evidence in event.evidence:
            assert 0 <= evidence.start < evidence.end <= len(text)
            assert text[evidence.start : evidence.end].strip()
