"""Words the model glues to a name and names that are no actors (issue 14, session 7):
headline verbs, poll figures and scores, a sentence's full stop, reader call-outs,
microbes, a portfolio after "Secretary of", a country glued before a person. Original
sentences."""

from __future__ import annotations

from newsweave.analyze import names
from newsweave.analyze.candidates import Candidate
from newsweave.analyze.name_trim import headline_names, in_callout, is_organism, trimmed
from newsweave.model import Role, Segment
from tests.analyze.test_relations import context, gazetteer


def found(text: str) -> dict[str, str]:
    _, actors = names.extract_actors(context(text), gazetteer())
    return {a.name: a.type for a in actors}


def test_trimmed_cuts_headline_verbs_polls_scores_and_full_stops() -> None:
    cases = {
        "Ines Carvalho Rejects Port Levy": "Ines Carvalho",
        "Okafor 52 percent to": "Okafor",
        "Northern Alliance - 7": "Northern Alliance",
        "TNF-7.": "TNF-7",
        "Harlow Corp.": "Harlow Corp.",
        "Apollo 11": "Apollo 11",
    }
    for text, name in cases.items():
        assert text[: trimmed(text, 0, len(text))] == name, text


def test_callouts_and_organisms() -> None:
    text = "GAZETTE READERS: send us your photos.\nThe Gazette said Klebsiella was found."
    assert in_callout(text, 0, 7)
    assert not in_callout(text, text.index("Gazette said"), text.index(" said"))
    assert is_organism("Klebsiella") and is_organism("Enterococcus")
    assert not is_organism("Kleber") and not is_organism("Klebsiella Ltd")


def test_glued_words_do_not_make_names() -> None:
    types = found(
        "Marta Kowalczyk Slams Harbour Levy.\n\n"
        "A Northgate poll showed Kowalczyk leading Brandt 48 percent to 39 percent. "
        "Kowalczyk spoke in Gdańsk on Monday."
    )
    assert types.get("Kowalczyk") == "PERSON", types
    assert not any("Slams" in n or "percent" in n for n in types), types


def test_a_portfolio_after_secretary_of_is_no_organisation() -> None:
    types = found("Secretary of Defense Harriet Mole visited the base on Tuesday.")
    assert "Defense" not in types, types
    assert types.get("Harriet Mole") == "PERSON", types


def test_a_country_glued_before_a_person_after_a_titles_of() -> None:
    types = found("President of Moldova Ilie Rusu opened the session in Chișinău.")
    assert types.get("Ilie Rusu") == "PERSON", types
    assert types.get("Moldova") == "GPE", types


def test_a_headline_name_is_cut_to_what_the_body_writes() -> None:
    headline = "Governor Ruth Alvarado Weathered A Storm In The Assembly Vote Again"
    body = (
        "\n\nRuth Alvarado, the governor, lost a second vote in the assembly on Thursday "
        "over the water levy. Her allies said the levy would return in a new form before "
        "the summer recess, and the governor told reporters she would keep campaigning "
        "for it in every district of the state."
    )
    text = headline + body
    segments = (
        Segment(Role.HEADLINE, 0, len(headline)),
        Segment(Role.BODY, len(headline) + 2, len(text)),
    )
    glued = Candidate(9, 40, text[9:40], "PERSON", "ner", "PERSON")
    noise = Candidate(
        text.index("Storm"),
        len(headline),
        text[text.index("Storm") : len(headline)],
        "ORG",
        "ner",
        "ORG",
    )
    kept = headline_names(text, segments, [glued, noise])
    assert [c.text for c in kept] == ["Ruth Alvarado"], kept
