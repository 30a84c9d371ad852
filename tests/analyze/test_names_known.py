"""One-word names that always name the same kind of thing (issue 14, item 1): platforms
are organisations, assistants products, whatever the model reads. Original sentences."""

from __future__ import annotations

from newsweave.analyze import names
from tests.analyze.test_relations import context, gazetteer


def types(text: str) -> dict[str, str]:
    _, actors = names.extract_actors(context(text), gazetteer())
    return {a.name: a.type for a in actors}


def test_platforms_are_organisations_and_assistants_are_no_places() -> None:
    found = types(
        "Footage of the flooded underpass was first posted on Twitter by a commuter, and "
        "Wikinews later linked it. Residents said they had asked Siri for the nearest "
        "shelter in Oberhof."
    )
    for platform in ("Twitter", "Wikinews"):
        assert found.get(platform, "ORG") == "ORG", found
    assert found.get("Siri", "PRODUCT") not in ("GPE", "LOC", "PERSON"), found


def test_a_family_name_first_before_two_syllables_is_a_person() -> None:
    found = types(
        "The appeal was lodged by the retired teacher Leung Kwok Wai on Friday, "
        "and the court clerk Nguyen Thi Hoa confirmed its receipt."
    )
    assert found.get("Leung Kwok Wai") == "PERSON", found
    assert found.get("Nguyen Thi Hoa") == "PERSON", found
