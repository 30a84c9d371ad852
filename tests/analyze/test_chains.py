"""Chaining mentions of one actor; never across people sharing a surname or a person and a
place named after them."""

from __future__ import annotations

from newsweave.analyze.chains import actor_id, make_resolver
from newsweave.analyze.names import extract_actors
from newsweave.model import content_id
from tests.analyze.test_names import (
    H1,
    H2,
    T2,
    T4,
    actor,
    analysed,
    context,
    gazetteer,
    text_context,
)


def test_three_yambores_are_three_actors() -> None:
    for name in (H1, T4):
        mentions, actors = analysed(name)
        family = [a for a in actors if a.type == "PERSON" and a.name.endswith("Yamboré")]
        assert {a.name for a in family} == {"Gaston Yamboré", "Aïcha Yamboré", "Didier Yamboré"}
        for person in family:
            own = [m for m in mentions if m.actor == person.id]
            assert len(own) == person.mentions >= 1
            names = [m.span.text for m in own if m.source != "title"]
            first_names = {n.split()[0] for n in names if len(n.split()) > 1}
            assert first_names <= {person.name.split()[0]}


def test_bare_surname_goes_to_nearest_full_name() -> None:
    text = (
        "Anna Smith met the press in Paris. John Smith, her brother, stayed at home. "
        "Smith said he was tired. Later Anna Smith spoke again and Smith smiled."
    )
    mentions, actors = extract_actors(text_context(text), gazetteer())
    john, anna = actor("John Smith", actors), actor("Anna Smith", actors)
    bare = [m for m in mentions if m.span.text == "Smith"]
    assert [m.actor for m in bare] == [john.id, anna.id]


def test_person_never_chains_with_place_or_institution() -> None:
    _, actors = analysed(T2)
    abessi = {a.name: a.id for a in actors if "Abessi" in a.name}
    assert len(set(abessi.values())) == len(abessi) == 3
    text = (
        "Ho Chi Minh led the independence struggle. Ho Chi Minh City was named after him, "
        "and Ho Chi Minh is still revered there."
    )
    _, actors = extract_actors(text_context(text), gazetteer())
    types = {a.name: a.type for a in actors}
    assert types.get("Ho Chi Minh City") == "GPE"
    assert types.get("Ho Chi Minh") == "PERSON"


def test_the_president_chains_to_dossavi() -> None:
    mentions, actors = analysed(T4)
    dossavi = actor("Étienne Dossavi", actors)
    titled = [m for m in mentions if m.source == "title"]
    assert titled and all(m.actor == dossavi.id for m in titled)
    assert any(m.span.text.lower() == "the president" for m in titled)


def test_title_only_chains_when_unambiguous() -> None:
    text = (
        "Finance Minister Ann Roe met Health Minister Bea Poe on Monday. "
        "The minister said the budget was fine."
    )
    mentions, _ = extract_actors(text_context(text), gazetteer())
    assert not [m for m in mentions if m.source == "title"]


def test_acronyms_spellings_and_misspellings() -> None:
    _, actors = analysed(H1)
    assert "MDR" in actor("Movement for Democratic Renewal", actors).aliases
    assert "NLO" in actor("National Labour Organisation", actors).aliases
    assert "SAL" in actor("Sahel Atlantic Logistics", actors).aliases
    _, actors = analysed(H2)
    agbenyega = actor("Kodjo Agbenyega", actors)
    assert "Agbeyenga" in agbenyega.aliases  # misspelled once in the article
    text = (
        "The National Labour Organisation (NLO) called a strike. Later the National Labor "
        "Organization said the NLO would march."
    )
    _, actors = extract_actors(text_context(text), gazetteer())
    orgs = [a for a in actors if a.type == "ORG"]
    assert len(orgs) == 1 and orgs[0].mentions == 4


def test_actor_ids_and_canonical_names() -> None:
    ctx = context(H1)
    _, actors = analysed(H1)
    dossavi = actor("Étienne Dossavi", actors)
    assert dossavi.id == content_id("a", ctx.document.id, "PERSON", "Étienne Dossavi")
    assert dossavi.id == actor_id(ctx.document.id, "PERSON", "Étienne Dossavi")
    assert "President" not in dossavi.name
    assert len({a.id for a in actors}) == len(actors)


def test_resolver() -> None:
    ctx = context(H1)
    text = ctx.document.text
    mentions, actors = analysed(H1)
    resolve = make_resolver(mentions, actors, text)
    kara = actor("Komla Kara", actors)
    first = next(m for m in mentions if m.actor == kara.id)
    assert resolve(first.span.start, first.span.end) == kara.id
    start = text.index("Ahlonko")
    assert resolve(start - 8, start - 1) in {None, *[a.id for a in actors]}
    assert make_resolver(mentions, actors)(0, 0) is None
    phrase = "opposition leader Ahlonko"
    doc = text_context(f"Justine Ahlonko spoke. Later the {phrase} wrote again.")
    m2, a2 = extract_actors(doc, gazetteer())
    at = doc.document.text.index(phrase)
    resolved = make_resolver(m2, a2, doc.document.text)(at, at + len("opposition leader"))
    assert resolved is None
    who = make_resolver(m2, a2, doc.document.text)(at, at + len(phrase))
    assert who == actor("Justine Ahlonko", a2).id


def test_acronym_in_brackets_in_another_word_order_is_an_alias() -> None:
    ctx = text_context(
        "Witnesses saw officers from the Mobile Intervention Police (PIM) firing rifles. "
        "The PIM did not comment."
    )
    _, actors = extract_actors(ctx, gazetteer())
    police = [a for a in actors if a.type == "ORG"]
    assert len(police) == 1 and "PIM" in police[0].aliases, actors
