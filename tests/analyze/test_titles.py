"""Titles and roles from premodifiers, appositives, copulas and possessive appositions."""

from __future__ import annotations

from newsweave.analyze.names import extract_actors
from newsweave.analyze.titles import find_titles
from tests.analyze.test_names import (
    H1,
    T2,
    T3,
    T4,
    T7,
    actor,
    analysed,
    context,
    gazetteer,
    text_context,
)


def titles(name: str, article: str) -> list[str]:
    return [t.text for t in actor(name, analysed(article)[1]).titles]


def test_titles_in_the_corpus() -> None:
    assert "President" in titles("Étienne Dossavi", H1)
    assert "former head of the central bank" in titles("Justine Ahlonko", H1)
    assert "Gaston Yamboré’s eldest son" in titles("Didier Yamboré", H1)
    assert "cardiologist" in titles("Marc Owusu-Lartey", T4)
    assert "ex-husband" in titles("Félix Adomah", T4)
    assert "Finance Minister" in titles("Paul-Henri Mensavi", T7)
    assert "Interior Minister" in titles("Roger Tsatsu", T3)
    assert any("Minister" in t for t in titles("Aïcha Yamboré", H1))


def test_titles_carry_evidence() -> None:
    ctx = context(H1)
    for title in actor("Justine Ahlonko", analysed(H1)[1]).titles:
        evidence = title.evidence
        assert ctx.document.text[evidence.start : evidence.end] == title.text
        assert evidence.stage == "names" and title.text in evidence.text


def test_copula_and_coordinated_roles() -> None:
    ctx = text_context(
        "Sika Amedzro is a writer and a former foreign editor with Radio Lagune. "
        "Didier Yamboré is Gaston Yamboré's eldest son."
    )
    _, actors = extract_actors(ctx, gazetteer())
    amedzro = [t.text for t in actor("Sika Amedzro", actors).titles]
    assert amedzro == ["writer", "former foreign editor with Radio Lagune"]
    assert [t.text for t in actor("Didier Yamboré", actors).titles] == [
        "Gaston Yamboré's eldest son"
    ]


def test_premodifiers_and_appositives() -> None:
    ctx = text_context(
        "British economist Ngozi Okafor warned on Monday. Okafor wrote that the deal was bad. "
        "Ex-president Gaston Yamboré, 81, stayed silent. Ade Bello, an independent journalist "
        "from Lagos, filmed the march. Gaston Yamboré's eldest son, Didier, was arrested."
    )
    _, actors = extract_actors(ctx, gazetteer())
    assert "British economist" in [t.text for t in actor("Ngozi Okafor", actors).titles]
    assert "Okafor" in actor("Ngozi Okafor", actors).aliases
    assert "Ex-president" in [t.text for t in actor("Gaston Yamboré", actors).titles]
    bello = [t.text for t in actor("Ade Bello", actors).titles]
    assert bello == ["independent journalist from Lagos"]
    didier = [a for a in actors if a.name == "Didier"]
    assert didier and "Gaston Yamboré's eldest son" in [t.text for t in didier[0].titles]


def test_find_titles_direct() -> None:
    ctx = context(T2)
    text = ctx.document.text
    start = text.index("Nathaniel Abessi")
    found = find_titles(ctx, [(start, start + len("Nathaniel Abessi"))])
    assert all(t.evidence.document == ctx.document.id for ts in found.values() for t in ts)


def test_a_predicate_after_the_name_is_a_copula_without_its_trait() -> None:
    """ "Its chief, X, is a former crane operator with a reputation for ...": the title is
    the role ("former crane operator"), not the predicate or the trait after it."""
    ctx = text_context(
        "The dockers' union is the largest in the region. Its treasurer, Amos Kpelle, is a "
        "former bus driver with a taste for long speeches."
    )
    _, actors = extract_actors(ctx, gazetteer())
    assert [t.text for t in actor("Amos Kpelle", actors).titles] == ["former bus driver"]
