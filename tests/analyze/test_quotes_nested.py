"""Quotes of session 7 (issue 14), on original sentences: scare quotes inside reported
speech are no quotes of their own; "…,” he said" after a sentence is the direct quote's
cue, and "he" is the person named in apposition before; "refused the resignation" is an
act, not speech; "said … and urged" is the sayer's urging; a speaker phrase holding a
place glued before a person is the person."""

from __future__ import annotations

from tests.analyze.test_quotes_behalf import said


def test_scare_quotes_inside_reported_speech_are_no_quotes() -> None:
    found = said(
        "Harbour commissioner Elsa Brandvold said the new levy was “unworkable” and "
        "would be reviewed before the summer."
    )
    assert [f[2] for f in found if f[2] == "unworkable"] == [], found
    assert any(f[2] and "levy" in f[2] for f in found), found


def test_a_quote_after_a_sentence_is_cued_by_the_verb_after_it() -> None:
    found = said(
        "A Port Authority spokeswoman, Greta Lund, hinted at delays: “We are checking every "
        "crane before the ships come in,” she said."
    )
    direct = [f for f in found if f[2] and f[2].startswith("We are checking")]
    assert direct and direct[0][0] == "Greta Lund", found
    assert not any(f[2] and f[2].startswith("A Port Authority") for f in found), found


def test_refusing_a_noun_is_no_speech() -> None:
    found = said("Mayor Ola Strand refused the resignation of her deputy on Monday.")
    assert found == [], found


def test_the_sayer_urges_in_a_second_verb() -> None:
    found = said(
        "The dockers' representative, Henk Visser, said the wage offer was far too low and "
        "urged members to vote against it on Friday."
    )
    urged = [f for f in found if f[2] and f[2].startswith("members")]
    assert urged and urged[0][0] != "the wage offer", found


def test_a_country_glued_before_a_person_is_not_the_speaker() -> None:
    found = said("President of Moldova Ilie Rusu said the talks in Chișinău went well.")
    assert found and found[0][0] == "Ilie Rusu", found
