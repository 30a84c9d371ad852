"""The events stage on single sentences, with the real spaCy model and hand-made actors."""

from __future__ import annotations

from typing import Any

import pytest

from newsweave.analyze.context import Context
from newsweave.analyze.events import STAGE, extract_events, vocabulary
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.evaluate.plover import document_for, entity_names
from newsweave.model.facts import Actor, Event, Figure, Mention, Span, TimeExpression
from newsweave.model.ids import content_id, fact_id

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
    "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
    "ASSAULT", "FIGHT",
}  # fmt: skip
EXTENSIONS = {"STATEMENT", "OFFICE", "LEGAL", "ELECTION"}


def context(text: str) -> Context:
    return context_for(document_for("test", text), load())


def named(ctx: Context, *names: tuple[str, str]) -> tuple[list[Mention], list[Actor]]:
    """Hand-made mentions: every occurrence of each (text, type) is one actor."""
    mentions: list[Mention] = []
    actors: list[Actor] = []
    for text, kind in names:
        actor_id = content_id("a", text)
        actors.append(Actor(actor_id, text, kind, (), (), 1))
        start = ctx.document.text.find(text)
        while start >= 0:
            end = start + len(text)
            evidence = ctx.evidence(start, end, STAGE)
            mentions.append(Mention(Span(start, end, text), kind, actor_id, "ner", evidence))
            start = ctx.document.text.find(text, end)
    return mentions, actors


def events_of(
    text: str,
    *names: tuple[str, str],
    times: tuple[TimeExpression, ...] = (),
    figures: tuple[Figure, ...] = (),
) -> tuple[Context, tuple[Event, ...], dict[str, str]]:
    ctx = context(text)
    mentions, actors = named(ctx, *names)

    def resolve(start: int, end: int) -> str | None:
        for m in mentions:
            if m.span.start <= start and end <= m.span.end:
                return m.actor
        return None

    found = extract_events(ctx, mentions, actors, resolve, times, figures)
    return ctx, found, {a.id: a.name for a in actors}


def one(found: tuple[Event, ...], type_: str, mode: str | None = None) -> Event:
    hits = [e for e in found if e.type == type_ and (mode is None or e.mode == mode)]
    assert hits, [(e.type, e.mode, e.label) for e in found]
    return hits[0]


def test_vocabulary_covers_every_plover_type() -> None:
    vocab = vocabulary()
    types = {p.type for patterns in vocab.by_first.values() for p in patterns if p.type}
    assert types == TYPES | EXTENSIONS
    assert vocab.extensions == EXTENSIONS
    assert vocab.version


def test_extension_modes_name_their_plover_type() -> None:
    vocab = vocabulary()
    modes = {(p.type, p.mode) for ps in vocab.by_first.values() for p in ps if p.type}
    extension_modes = {m for m in modes if m[0] in EXTENSIONS}
    assert extension_modes <= set(vocab.plover)
    assert vocab.plover[("OFFICE", "resign")] == "RETREAT"
    assert vocab.plover[("OFFICE", "dismiss")] == "COERCE"
    assert vocab.plover[("STATEMENT", "announce")] is None
    assert {t for t in vocab.plover.values() if t} <= TYPES


def test_cameo_patterns_are_loaded_and_lose_ties() -> None:
    vocab = vocabulary()
    cameo = [p for ps in vocab.by_first.values() for p in ps if p.origin == "cameo"]
    assert len(cameo) > 1000
    assert all(p.kind == "verb" and p.size >= 2 for p in cameo)


def test_dispersed_with_tear_gas() -> None:
    _, found, _ = events_of("Police dispersed the marchers with tear gas on Friday.")
    event = one(found, "COERCE", "tear-gas")
    assert event.actor_texts == ("Police",)
    assert event.target_texts == ("the marchers",)
    assert event.label == "Police dispersed the marchers with tear gas"
    assert event.modality == "asserted"


def test_dockers_walked_out() -> None:
    _, found, _ = events_of("Dockers walked out on Saturday.")
    event = one(found, "PROTEST", "strike")
    assert event.trigger.text == "walked out"
    assert event.actor_texts == ("Dockers",)


def test_passive_detention_with_figure_and_reporter() -> None:
    text = "Nearly 4,000 people were detained, the league said."
    ctx = context(text)
    start = text.index("4,000")
    figure = Figure(
        Span(start, start + 5, "4,000"), 4000.0, None, None, "nearly", "person", "detained",
        None, "the league", None, ctx.evidence(start, start + 5, STAGE),
    )  # fmt: skip
    _, found, _ = events_of(text, figures=(figure,))
    event = one(found, "COERCE", "detain")
    assert event.target_texts == ("Nearly 4,000 people",)
    assert event.modality == "reported"
    assert event.reported_by_text == "the league"
    assert event.figures == (fact_id("f", ctx.document.id, start, start + 5),)


def test_killed_figure_is_linked() -> None:
    text = "By Tuesday 173 people had been killed, the health ministry said."
    ctx = context(text)
    start = text.index("173")
    figure = Figure(
        Span(start, start + 3, "173"), 173.0, None, None, "exact", "person", "killed",
        None, None, None, ctx.evidence(start, start + 3, STAGE),
    )  # fmt: skip
    _, found, _ = events_of(text, figures=(figure,))
    event = one(found, "ASSAULT", "kill")
    assert event.figures == (fact_id("f", ctx.document.id, start, start + 3),)
    assert "173 people" in event.target_texts


def test_dismissed_from_the_cabinet() -> None:
    text = "President Dossavi dismissed Aicha Yambore from the cabinet on 17 January."
    _, found, names = events_of(text, ("Dossavi", "PERSON"), ("Aicha Yambore", "PERSON"))
    event = one(found, "OFFICE", "dismiss")
    assert [names[a] for a in event.actors] == ["Dossavi"]
    assert [names[a] for a in event.targets] == ["Aicha Yambore"]
    assert event.label == "President Dossavi dismissed Aicha Yambore from the cabinet"


def test_arrested_on_corruption_charges() -> None:
    text = "Gaston Yambore's eldest son, Didier, was arrested on corruption charges."
    _, found, names = events_of(text, ("Gaston Yambore", "PERSON"), ("Didier", "PERSON"))
    event = one(found, "COERCE", "arrest")
    assert [names[a] for a in event.targets] == ["Didier"]
    assert not event.actors


def test_asked_the_bloc_to_send_troops() -> None:
    _, found, _ = events_of("The government asked the regional bloc to send troops.")
    event = one(found, "DEMAND", "request-troops")
    assert event.actor_texts == ("The government",)
    assert event.target_texts == ("the regional bloc",)
    assert not [e for e in found if e.type == "MOBILIZE"]  # the troops are the request


def test_french_led_mission() -> None:
    text = "A French-led mission arrived in Amakoro on Monday."
    _, found, names = events_of(text, ("French", "NORP"), ("Amakoro", "GPE"))
    event = one(found, "MOBILIZE", "deploy")
    assert [names[a] for a in event.actors] == ["French"]
    assert names.get(event.place or "") == "Amakoro"


def test_riots_that_broke_out() -> None:
    text = "The riots that broke out in Abessi City lasted two days."
    _, found, names = events_of(text, ("Abessi City", "GPE"))
    event = one(found, "PROTEST", "riot")
    assert names.get(event.place or "") == "Abessi City"
    assert event.label == "The riots that broke out"


def test_sanctions_on_police_chiefs() -> None:
    text = "The United States imposed sanctions on two police chiefs."
    _, found, names = events_of(text, ("United States", "GPE"))
    event = one(found, "SANCTION", "sanction")
    assert [names[a] for a in event.actors] == ["United States"]
    assert event.target_texts == ("two police chiefs",)


def test_call_for_an_investigation_is_a_demand() -> None:
    text = "Amnesty International called for an independent investigation."
    _, found, _ = events_of(text, ("Amnesty International", "ORG"))
    assert [(e.type, e.mode) for e in found] == [("DEMAND", "call-for-investigation")]


@pytest.mark.parametrize(
    ("text", "type_", "modality"),
    [
        ("The army could seize the port, the minister said.", "COERCE", "hypothetical"),
        ("The police denied firing live rounds.", "ASSAULT", "negated"),
        ("Talks will resume next week.", "CONSULT", "future"),
        ("If the strike continues, the port will close.", "PROTEST", "hypothetical"),
        ("Police arrested 12 people, according to witnesses.", "COERCE", "reported"),
        ("Police arrested 12 people on Monday.", "COERCE", "asserted"),
    ],
)
def test_modality(text: str, type_: str, modality: str) -> None:
    _, found, _ = events_of(text)
    assert one(found, type_).modality == modality


def test_one_happening_told_three_times_is_one_event() -> None:
    text = (
        "Thousands of dockers marched through Amakoro on Tuesday. The march was peaceful. "
        "Organisers said the protest drew 10,000 people."
    )
    ctx, found, _ = events_of(text, ("Amakoro", "GPE"))
    protests = [e for e in found if e.type == "PROTEST"]
    assert len(protests) == 1
    event = protests[0]
    assert len(event.evidence) == 3
    assert event.id == fact_id("e", ctx.document.id, event.trigger.start, event.trigger.end)
    assert event.trigger.text == "marched"


def test_date_from_the_sentence_then_the_narrative() -> None:
    text = "Police arrested Komla Kara on 14 January.\nHe was released later."
    ctx = context(text)
    start = text.index("14 January")
    time = TimeExpression(
        Span(start, start + 10, "14 January"), "DATE", "2024-01-14", "day", "publication",
        ctx.evidence(start, start + 10, STAGE),
    )  # fmt: skip
    _, found, _ = events_of(text, ("Komla Kara", "PERSON"), times=(time,))
    arrest = one(found, "COERCE", "arrest")
    assert (arrest.date, arrest.date_source) == ("2024-01-14", "sentence")
    release = one(found, "RETREAT", "release")
    assert (release.date, release.date_source) == ("2024-01-14", "narrative")


def test_no_date_without_any_source() -> None:
    _, found, _ = events_of("Police arrested Komla Kara.", ("Komla Kara", "PERSON"))
    assert (found[0].date, found[0].date_source) == (None, "none")


def test_spacy_entities_as_names() -> None:
    ctx = context("Israeli troops shelled Gaza on Sunday.")
    mentions, actors, resolve = entity_names(ctx)
    found = extract_events(ctx, mentions, actors, resolve, (), ())
    event = one(found, "FIGHT", "shell")
    assert event.actor_texts == ("Israeli troops",)
    assert [a.name for a in actors if a.id in event.targets] == ["Gaza"]


def _words(found: Any) -> list[str]:
    return [e.trigger.text for e in found]


def test_names_are_not_triggers() -> None:
    text = "The Mobile Intervention Police said the Strike Force Union met on Friday."
    _, found, _ = events_of(
        text, ("Mobile Intervention Police", "ORG"), ("Strike Force Union", "ORG")
    )
    assert "Intervention" not in _words(found)
    assert "Strike" not in _words(found)
