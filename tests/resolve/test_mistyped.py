"""A person the small model typed ORG in one article joins the person; real organisations
never do."""

from __future__ import annotations

from newsweave.resolve.entities import ActorInfo, score_pair


def _actor(ident: str, doc: str, name: str, kind: str) -> ActorInfo:
    return ActorInfo(ident, doc, name, kind)


def test_mistyped_full_name_joins_the_person() -> None:
    person = _actor("a1", "d1", "Aïcha Yamboré", "PERSON")
    mistyped = _actor("a2", "d2", "Aïcha Yamboré", "ORG")
    decision = score_pair(person, mistyped)
    assert decision is not None and decision.judgement == "positive"
    assert score_pair(mistyped, person) == decision


def test_organisations_and_surnames_stay_apart() -> None:
    person = _actor("a1", "d1", "Nathaniel Abessi", "PERSON")
    university = _actor("a2", "d2", "Nathaniel Abessi University", "ORG")
    decision = score_pair(person, university)
    assert decision is None or decision.judgement == "negative"
    surname = _actor("a3", "d3", "Abessi", "ORG")
    found = score_pair(person, surname)
    assert found is None or found.judgement != "positive"
    same_doc = _actor("a4", "d1", "Nathaniel Abessi", "ORG")
    assert score_pair(person, same_doc) is None
