"""A bare first name across documents: it joins the one full-name person with it when its
own document names that person's family, and never when two people share the first name;
an entity holding a person is a person."""

from __future__ import annotations

from newsweave.resolve.entities import ActorInfo, _entity_type, initials, score_pair


def _person(ident: str, doc: str, name: str, co: tuple[str, ...] = ()) -> ActorInfo:
    return ActorInfo(ident, doc, name, "PERSON", co_actors=frozenset(co))


def test_bare_first_name_with_the_family_named_joins() -> None:
    full = _person("a1", "d1", "Serge Ekué", ("paul ekue", "port authority"))
    bare = _person("a2", "d2", "Serge", ("paul ekue", "rose ekue"))
    decision = score_pair(full, bare)
    assert decision is not None and decision.judgement == "positive"
    assert decision.features["name@1"] == "given_name_with_family"
    assert score_pair(bare, full) == decision


def test_bare_first_name_without_the_family_stays_apart() -> None:
    full = _person("a1", "d1", "Serge Ekué", ("port authority",))
    bare = _person("a2", "d2", "Serge", ("port authority", "koffi mensah"))
    decision = score_pair(full, bare)
    assert decision is None or decision.judgement != "positive"


def test_shared_first_name_never_joins() -> None:
    full = _person("a1", "d1", "Serge Ekué", ("paul ekue",))
    bare = _person("a2", "d2", "Serge", ("paul ekue",))
    decision = score_pair(full, bare, given_holders=2)  # a Serge Amouzou is around too
    assert decision is None or decision.judgement != "positive"


def test_a_surname_alone_in_the_document_is_no_family() -> None:
    full = _person("a1", "d1", "Serge Ekué")
    bare = _person("a2", "d2", "Serge", ("ekue",))  # a place or a firm called Ekué
    decision = score_pair(full, bare)
    assert decision is None or decision.judgement != "positive"


def test_entity_with_a_person_is_a_person() -> None:
    members = [
        ActorInfo("a1", "d1", "Félix Adomah", "ORG"),
        ActorInfo("a2", "d2", "Félix Adomah", "ORG"),
        ActorInfo("a3", "d3", "Félix Adomah", "PERSON"),
    ]
    assert _entity_type(members) == "PERSON"
    assert _entity_type(members[:2]) == "ORG"


def test_initials_of_content_words() -> None:
    assert "adm" in initials("Alliance démocratique du Mabénia")
    assert "ecowas" in initials("Economic Community of West African States")
