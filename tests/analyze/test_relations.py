"""Relations stage on single sentences, parsed with the real spaCy model and the real names
stage (one hand-made case shows the stage needs only mentions, actors and a resolver)."""

from __future__ import annotations

from functools import lru_cache

import pytest

from newsweave.analyze import chains, names
from newsweave.analyze.context import Context
from newsweave.analyze.gazetteer import Gazetteer, load_places_file
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.analyze.relation_words import PREDICATES
from newsweave.analyze.relations import STAGE, extract_relations
from newsweave.model import Document, Role, Segment, content_id
from newsweave.model.facts import Actor, Mention, Relation
from tests.conftest import EXAMPLES

Fact = tuple[str, str, str | None, str | None, str | None]
"""(subject name, predicate, object name or text, qualifier, time)."""


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer.build(load_places_file(EXAMPLES / "gazetteer.csv"))


def context(text: str) -> Context:
    document = Document(
        id=content_id("d", text),
        source="test",
        text=text,
        segments=(Segment(Role.BODY, 0, len(text)),),
    )
    return context_for(document, load())


def analyse(text: str) -> tuple[tuple[Relation, ...], dict[str, str]]:
    ctx = context(text)
    mentions, actors = names.extract_actors(ctx, gazetteer())
    resolve = chains.make_resolver(mentions, actors, text)
    found = extract_relations(ctx, mentions, actors, resolve, gazetteer())
    return found, {a.id: a.name for a in actors}


def facts(text: str) -> set[Fact]:
    found, by_id = analyse(text)
    return {
        (
            by_id[r.subject],
            r.predicate,
            by_id[r.object] if r.object else r.object_text,
            r.qualifier,
            r.time,
        )
        for r in found
    }


def ties(text: str) -> set[tuple[str, str, str | None]]:
    return {(s, p, o) for s, p, o, _, _ in facts(text)}


GASTON, DIDIER, AICHA = "Gaston Yamboré", "Didier Yamboré", "Aïcha Yamboré"


def test_possessive_apposition_gives_child_and_parent() -> None:
    found = facts("Gaston Yamboré's eldest son, Didier Yamboré, was arrested on Thursday.")
    assert (DIDIER, "child_of", GASTON, "eldest son", None) in found
    assert (GASTON, "parent_of", DIDIER, None, None) in found


def test_copula_gives_child() -> None:
    found = facts("Didier Yamboré is Gaston Yamboré's eldest son.")
    assert (DIDIER, "child_of", GASTON, "eldest son", None) in found


def test_his_daughter_resolves_the_pronoun_to_the_subject() -> None:
    text = (
        "Former president Gaston Yamboré, a longtime Dossavi ally, said on Tuesday that his "
        "daughter, Aïcha Yamboré, had done nothing wrong."
    )
    found = facts(text)
    assert (AICHA, "child_of", GASTON, "daughter", None) in found
    assert (GASTON, "holds_position", None, "Former president", None) in found


def test_her_brother_is_a_sibling_both_ways() -> None:
    text = (
        "Aïcha Yamboré, 47, is the daughter of Gaston Yamboré. "
        "Her brother Didier Yamboré runs a firm."
    )
    found = ties(text)
    assert (DIDIER, "sibling_of", AICHA) in found
    assert (AICHA, "sibling_of", DIDIER) in found
    assert (AICHA, "child_of", GASTON) in found


def test_husband_and_ex_husband() -> None:
    text = (
        "Aïcha Yamboré, 47, is the daughter of Gaston Yamboré. Her husband, the cardiologist Marc "
        "Owusu-Lartey, said nothing. Her ex-husband, Félix Adomah, is the spokesman of the "
        "opposition Movement for Democratic Renewal."
    )
    found = ties(text)
    assert ("Marc Owusu-Lartey", "spouse_of", AICHA) in found
    assert ("Félix Adomah", "former_spouse_of", AICHA) in found
    assert (AICHA, "former_spouse_of", "Félix Adomah") in found


def test_married_to() -> None:
    found = ties("Aïcha Yamboré, 47, is married to the cardiologist Marc Owusu-Lartey.")
    assert (AICHA, "spouse_of", "Marc Owusu-Lartey") in found


def test_premodifier_offices() -> None:
    found = facts("President Étienne Dossavi met Finance Minister Paul-Henri Mensavi on Monday.")
    assert ("Étienne Dossavi", "holds_position", None, "President", None) in found
    assert ("Paul-Henri Mensavi", "holds_position", None, "Finance Minister", None) in found


def test_appositive_office_without_organisation() -> None:
    found = facts("Justine Ahlonko, the former head of the central bank, spoke on Monday.")
    expected = ("Justine Ahlonko", "holds_position", None, "former head of the central bank", None)
    assert expected in found


def test_leader_of_and_led_by() -> None:
    found = ties(
        "Justine Ahlonko, the leader of the Movement for Democratic Renewal, spoke on Monday."
    )
    assert ("Justine Ahlonko", "leads", "Movement for Democratic Renewal") in found


def test_a_led_coalition() -> None:
    text = (
        "The Union for Progress and Solidarity (UPS) won. Its allies joined the UPS-led coalition."
    )
    assert ("Union for Progress and Solidarity", "leads", "coalition") in ties(text)


def test_bloc_groups_members() -> None:
    text = (
        "The Economic Community of West African States (ECOWAS) met in Abuja. The bloc groups "
        "Nigeria, Ghana, Senegal, Togo and Mabenia."
    )
    found = ties(text)
    for country in ("Nigeria", "Ghana", "Senegal", "Togo", "Mabenia"):
        assert (country, "member_of", "Economic Community of West African States") in found


def test_ally_compound_and_of_phrase() -> None:
    text = "Gaston Yamboré, a longtime Dossavi ally, spoke. He remains a close ally of Dossavi."
    found = facts("Gaston Yamboré, a longtime Étienne Dossavi ally, said nothing.")
    assert (GASTON, "ally_of", "Étienne Dossavi", "longtime ally", None) in found
    assert ("Étienne Dossavi", "ally_of", GASTON, None, None) in found
    assert all(p in PREDICATES for _, p, _ in ties(text))


def test_employed_by_with_qualifier() -> None:
    found = facts("Sika Amedzro is a writer and a former foreign editor with Radio Lagune.")
    assert ("Sika Amedzro", "employed_by", "Radio Lagune", "former foreign editor", None) in found


def test_located_in_from_apposition_and_gazetteer() -> None:
    found = facts("Teachers in Abessi City, Mabenia's second city, have closed the schools.")
    assert ("Abessi City", "located_in", "Mabenia", "second city", None) in found
    gazetteer_ties = ties("Protests spread from Accra to Lomé, and Ghana and Togo closed borders.")
    assert ("Accra", "located_in", "Ghana") in gazetteer_ties
    assert ("Lomé", "located_in", "Togo") in gazetteer_ties


def test_owns_share_and_stake() -> None:
    found = facts("Didier Yamboré owns 22% of Sahel Atlantic Logistics.")
    assert (DIDIER, "owns", "Sahel Atlantic Logistics", "22%", None) in found
    stake = ties("Didier Yamboré holds a stake in Sahel Atlantic Logistics (SAL).")
    assert (DIDIER, "owns", "Sahel Atlantic Logistics") in stake


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("Gaston Yamboré ruled Mabenia from 1992 to 2012.", "1992/2012"),
        ("Gaston Yamboré ruled Mabenia until 2012.", "../2012"),
    ],
)
def test_time_of_leadership(text: str, time: str) -> None:
    assert (GASTON, "leads", "Mabenia", None, time) in facts(text)


def test_shared_surname_is_no_relation() -> None:
    text = "Aïcha Yamboré and Didier Yamboré were in Amakoro. Gaston Yamboré stayed at home."
    assert not {p for _, p, _ in ties(text)} & {
        "child_of",
        "parent_of",
        "sibling_of",
        "spouse_of",
        "relative_of",
    }


def test_identical_relations_keep_the_first_evidence() -> None:
    sentence = "Didier Yamboré is Gaston Yamboré's eldest son."
    text = f"{sentence} {sentence}"
    found, _ = analyse(text)
    child = [r for r in found if r.predicate == "child_of"]
    assert len(child) == 1
    assert child[0].evidence.start < text.index(".")


def test_evidence_is_the_sentence() -> None:
    text = "The strike went on. Didier Yamboré is Gaston Yamboré's eldest son. Prices rose."
    found, _ = analyse(text)
    assert found
    for relation in found:
        evidence = relation.evidence
        assert evidence.stage == STAGE.name
        assert evidence.text == "Didier Yamboré is Gaston Yamboré's eldest son."
        assert text[evidence.start : evidence.end] in evidence.text


def test_hand_made_actors() -> None:
    """The stage reads only mentions, actors and a resolver: no names stage needed."""
    text = "Gaston Yamboré's eldest son, Didier Yamboré, was arrested."
    ctx = context(text)
    spans = {"g": (0, 14), "d": (29, 43)}
    mentions = tuple(
        Mention(ctx.span(s, e), "PERSON", ident, "ner", ctx.evidence(s, e, STAGE))
        for ident, (s, e) in spans.items()
    )
    actors = tuple(Actor(ident, text[s:e], "PERSON", (), (), 1) for ident, (s, e) in spans.items())

    def resolve(start: int, end: int) -> str | None:
        return next((m.actor for m in mentions if m.span.start < end and start < m.span.end), None)

    found = extract_relations(ctx, mentions, actors, resolve, None)
    assert {(r.subject, r.predicate, r.object, r.qualifier) for r in found} == {
        ("d", "child_of", "g", "eldest son"),
        ("g", "parent_of", "d", None),
    }


def test_the_former_president_is_who_ruled_the_country() -> None:
    text = (
        "Mabenia's ports minister, Aïcha Yamboré, is the daughter of Gaston Yamboré, who "
        "ruled the country from 1992 to 2012. Her brother Didier Yamboré, the former "
        "president's eldest son, owns 22% of the consortium."
    )
    found = facts(text)
    assert ("Gaston Yamboré", "leads", "Mabenia", None, "1992/2012") in found
    kin = {(s, p, o) for s, p, o, _, _ in found if p in ("child_of", "parent_of")}
    assert ("Didier Yamboré", "child_of", "Gaston Yamboré") in kin


def test_a_ruler_in_office_is_not_the_former_president() -> None:
    text = (
        "Gaston Yamboré rules the country with an iron hand. Didier Yamboré, the former "
        "president's eldest son, owns 22% of the consortium."
    )
    kin = {(s, p, o) for s, p, o, _, _ in facts(text) if p == "child_of"}
    assert ("Didier Yamboré", "child_of", "Gaston Yamboré") not in kin
