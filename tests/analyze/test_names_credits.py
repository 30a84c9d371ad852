"""Names that are no actors of the story (analyze/name_junk.py), on original sentences: a
name right after a credit word ("Image: X", "Photo by X", "Courtesy of X") and a name
written in another script (an inline translation, a credit) — while a person in a caption
or after "a photo of" stays an actor."""

from __future__ import annotations

from newsweave.analyze.names import extract_actors
from tests.analyze.test_names import gazetteer, text_context


def actors(text: str) -> set[str]:
    _, found = extract_actors(text_context(text), gazetteer())
    return {a.name for a in found}


def test_a_photographer_after_a_credit_word_is_no_actor() -> None:
    text = (
        "Volunteers sorted donated coats at the Brenna community hall on Sunday.\n"
        "Volunteers at the hall. Image: Oskar Lindqvist.\n"
        "Organisers at the door. Photo by Mirela Danek/Halden Post\n"
        "The mayor, Ines Okafor, thanked the volunteers."
    )
    found = actors(text)
    assert "Ines Okafor" in found
    assert not {"Oskar Lindqvist", "Mirela Danek"} & found, found


def test_courtesy_and_copyright_lines_give_no_actor() -> None:
    text = (
        "The museum reopened its east wing after a two-year restoration.\n"
        "The restored ceiling. Courtesy of Tomas Brandt.\n"
        "© Helga Sorensen 2024\n"
        "Director Paulina Greer said the wing would stay open late on Fridays."
    )
    found = actors(text)
    assert "Paulina Greer" in found
    assert not {"Tomas Brandt", "Helga Sorensen"} & found, found


def test_a_person_in_a_caption_or_after_a_photo_of_stays_an_actor() -> None:
    text = (
        "A photo of Mayor Ines Okafor at the flooded station went round the city.\n"
        "Ines Okafor at the station on Monday.\n"
        "Residents said the open source tools Marten Audit published were useful."
    )
    found = actors(text)
    assert "Ines Okafor" in found, found


def test_names_in_another_script_are_no_actors() -> None:
    text = (
        "Ivan Sokolov, who won the regional chess final, thanked his coach. "
        "«Я благодарю Анну Петрову за всё», he said.\n"
        "Sokolov will play in Kazan in June."
    )
    found = actors(text)
    assert "Ivan Sokolov" in found
    assert not any(not any("a" <= c.lower() <= "z" for c in name) for name in found), found
