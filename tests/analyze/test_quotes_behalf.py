"""Speakers who speak for someone else (issue 14, item 5): a spokesperson, a press
secretary or a lawyer speaks on their principal's behalf. Original sentences, the real
spaCy model, the real names stage and resolver."""

from __future__ import annotations

from pathlib import Path

from newsweave.analyze import chains, names
from newsweave.analyze.quotes import extract_quotes
from newsweave.analyze.run import analyze
from newsweave.export.json import export_json
from newsweave.model.facts import Quote
from newsweave.store.analysis import load_analysis, save_analysis
from newsweave.store.sqlite import Store
from tests.analyze.test_relations import context, gazetteer

Said = tuple[str | None, str | None, str | None]
"""(speaker actor name or speaker text, principal actor name or text, quote text)."""


def said(text: str) -> list[Said]:
    ctx = context(text)
    mentions, actors = names.extract_actors(ctx, gazetteer())
    resolve = chains.make_resolver(mentions, actors, text)
    by_id = {a.id: a.name for a in actors}
    return [_row(q, by_id) for q in extract_quotes(ctx, resolve)]


def _row(q: Quote, by_id: dict[str, str]) -> Said:
    speaker = by_id[q.speaker] if q.speaker else q.speaker_text
    behalf = by_id[q.on_behalf_of] if q.on_behalf_of else q.on_behalf_of_text
    return (speaker, behalf, q.span.text)


def one(found: list[Said], fragment: str) -> Said:
    hits = [f for f in found if f[2] and fragment in f[2]]
    assert len(hits) == 1, found
    return hits[0]


def test_a_named_spokeswoman_in_apposition_speaks_for_the_body_after_for() -> None:
    found = said(
        "“The terminal will reopen on Monday,” said Dalia Fenn, a spokeswoman for the "
        "Harbour Authority."
    )
    speaker, behalf, _ = one(found, "terminal")
    assert speaker == "Dalia Fenn"
    assert behalf is not None and "Harbour Authority" in behalf


def test_a_person_spoken_for_is_never_the_speaker() -> None:
    found = said(
        "Governor Tomas Brandt's press secretary said the budget would be signed within a week."
    )
    speaker, behalf, _ = one(found, "budget")
    assert behalf == "Tomas Brandt"
    assert speaker != "Tomas Brandt"
    assert speaker is not None and "press secretary" in speaker


def test_a_body_named_before_its_spokesman_is_whom_he_speaks_for() -> None:
    found = said("Interior Ministry spokesman Pavel Dorn said the checkpoints would stay open.")
    speaker, behalf, _ = one(found, "checkpoints")
    assert speaker == "Pavel Dorn"
    assert behalf is not None and "Interior Ministry" in behalf


def test_a_lawyer_for_a_family_and_speaking_on_behalf_of() -> None:
    found = said(
        "“We have filed an appeal this morning,” a lawyer for the Okoro family told reporters. "
        "“These families deserve answers,” said Rosa Imrie, speaking on behalf of the "
        "victims' relatives."
    )
    _, behalf, _ = one(found, "appeal")
    assert behalf is not None and "Okoro family" in behalf
    speaker, behalf, _ = one(found, "deserve")
    assert speaker == "Rosa Imrie"
    assert behalf is not None and "relatives" in behalf


def test_his_spokesman_speaks_for_the_man_named_before() -> None:
    found = said(
        "Senator Abel Moran left the chamber before the vote. "
        "His spokesman said the senator had been feeling unwell since Tuesday."
    )
    speaker, behalf, _ = one(found, "unwell")
    assert behalf == "Abel Moran"
    assert speaker != "Abel Moran"


def test_other_roles_and_offices_speak_for_no_one() -> None:
    found = said(
        "“Prices will ease by spring,” said Mara Quist, the bank's chief economist. "
        "Attorney General Lena Hart said the inquiry would continue into next year."
    )
    assert all(behalf is None for _, behalf, _ in found), found


def test_whom_a_speaker_speaks_for_is_stored_and_exported(tmp_path: Path) -> None:
    text = (
        "Harbour Minister Jonas Brekke's spokeswoman said on Friday that fares on the "
        "island routes would rise by eight percent in April. "
        "“The old fares no longer cover fuel,” said Elin Dahl, a spokeswoman for the "
        "Fjord Ferry Company."
    )
    ctx = context(text)
    document = ctx.document
    analysis = analyze(ctx, gazetteer())
    names = {a.id: a.name for a in analysis.actors}
    with Store.open(tmp_path / "q.db") as store:
        store.add_document(document)
        save_analysis(store, analysis, document.text)
        loaded = load_analysis(store, document.id)
        assert loaded is not None and loaded.quotes == analysis.quotes
        exported = export_json(store)
    by_text = {q["text"]: q for q in exported["quotes"]}
    fares = next(q for t, q in by_text.items() if "eight percent" in t)
    assert names.get(fares["on_behalf_of"]) == "Jonas Brekke", fares
    assert fares["speaker"] is None and "spokeswoman" in fares["speaker_text"]
    fuel = next(q for t, q in by_text.items() if "fuel" in t)
    assert names.get(fuel["speaker"]) == "Elin Dahl", fuel
    assert "Fjord Ferry Company" in (fuel["on_behalf_of_text"] or ""), fuel
