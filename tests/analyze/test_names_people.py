"""Person cues (analyze/name_people.py) on original sentences: given names, title words,
two-part family names, describing words, credits, titles across coordination."""

from __future__ import annotations

from newsweave.analyze.name_people import is_given_name, person_cues
from newsweave.analyze.names import extract_actors, find_candidates
from tests.analyze.test_names import gazetteer, text_context


def typed(text: str) -> dict[str, str]:
    return {c.text: c.type for c in find_candidates(text_context(text), gazetteer())}


def titles_of(text: str) -> dict[str, list[str]]:
    _, actors = extract_actors(text_context(text), gazetteer())
    return {a.name: [t.text for t in a.titles] for a in actors}


def test_given_name_list_is_loaded_without_common_words() -> None:
    cues = person_cues()
    assert len(cues.given) > 5000
    assert is_given_name("Margarethe") or is_given_name("Margaret")
    assert is_given_name("Wai-lun") is False or "wai" in cues.given
    for word in ("Will", "Mark", "Hope", "Bill"):
        assert not is_given_name(word), word


def test_title_word_makes_an_untyped_name_a_person() -> None:
    found = titles_of("Superintendent Halina Wrobek closed two schools after the storm.")
    assert found.get("Halina Wrobek") == ["Superintendent"]


def test_lower_case_role_title_before_a_name() -> None:
    found = titles_of("The bill was drafted by legislator Ebere Nwachukwu and two aides.")
    assert "legislator" in found.get("Ebere Nwachukwu", [])


def test_two_part_family_name_stays_whole() -> None:
    found = typed("Luisa Fernanda Ortega Prieto, the new comptroller, took office in June.")
    assert found.get("Luisa Fernanda Ortega Prieto") == "PERSON", found


def test_given_name_retypes_a_name_the_model_called_a_place_or_body() -> None:
    found = typed("Tatiana Brunsvik told the tribunal she had never seen the contract.")
    assert found.get("Tatiana Brunsvik") == "PERSON", found


def test_given_name_never_types_a_place_or_institution() -> None:
    found = typed(
        "Commuters were stuck on Jordan Street for an hour, and Georgia Power said the "
        "outage at Victoria Station would last until noon."
    )
    assert found.get("Jordan Street") != "PERSON"
    assert found.get("Georgia Power") != "PERSON"
    assert found.get("Victoria Station") != "PERSON"


def test_credit_line_names_no_actor() -> None:
    found = typed("The old mill burned down in 1988. (Photo: Petra Lindqvist 1987, CC BY 2.0)")
    assert "Petra Lindqvist" not in found


def test_title_does_not_leak_across_coordination() -> None:
    found = titles_of("Minister Ines Okafor and Chilean envoy Paola Serrano met in Lima.")
    assert found.get("Paola Serrano") == ["Chilean envoy"], found


def test_capitalised_title_with_and_is_kept() -> None:
    found = titles_of("Trade and Industry Minister Kwabena Osei opened the fair.")
    assert found.get("Kwabena Osei") == ["Trade and Industry Minister"], found


def test_describing_word_is_no_given_name() -> None:
    found = titles_of(
        "Beleaguered Dravic Vows to Stay\n\nMayor Lena Dravic said she would not resign."
    )
    assert "Lena Dravic" in found
    assert not any(name.startswith("Beleaguered") for name in found), found


def test_two_part_family_name_chains_its_short_forms() -> None:
    text = (
        "Rosa Elena Vidal Cortés, the new comptroller, took office in June. "
        "Vidal Cortés said the audit would start at once. Vidal added that Rosa Vidal had "
        "not been consulted. Rosa Hartmann, a clerk, disagreed."
    )
    mentions, actors = extract_actors(text_context(text), gazetteer())
    people = {a.name: {m.span.text for m in mentions if m.actor == a.id} for a in actors}
    full = people["Rosa Elena Vidal Cortés"]
    assert {"Vidal Cortés", "Vidal", "Rosa Vidal"} <= full, people
    assert "Rosa Hartmann" in people and "Rosa Hartmann" not in full


def test_byline_desk_is_no_person() -> None:
    from newsweave.analyze.nlp import load
    from newsweave.analyze.prepare import context_for
    from newsweave.model import Document, Role, Segment, content_id
    from tests.analyze.test_names import PLACES

    text = (
        "Grain exports rose by a fifth in May, Kessler Wire Business reported, while "
        "Mara Voigt wrote that the port would need new silos."
    )
    document = Document(
        content_id("d", text),
        "test",
        text,
        (Segment(Role.BODY, 0, len(text)),),
        authors=("Kessler Wire Business", "Mara Voigt"),
    )
    found = {
        c.text: c.type for c in find_candidates(context_for(document, load(), PLACES), gazetteer())
    }
    assert found.get("Mara Voigt") == "PERSON"
    assert found.get("Kessler Wire Business") != "PERSON", found


def test_occasion_is_an_event_not_an_actor() -> None:
    found = typed("Delegates cheered at the Coastal Workers convention in Varna on Friday.")
    assert found.get("Coastal Workers convention", "EVENT") == "EVENT", found
    assert not any(t in ("ORG", "PERSON") and "convention" in n for n, t in found.items())


def test_editor_bracket_is_not_part_of_a_name() -> None:
    found = typed("Officials said [Interior Minister Pavel] Drozd had ordered the raids.")
    assert not any("]" in name or "[" in name for name in found), found
    assert found.get("Drozd") == "PERSON", found
