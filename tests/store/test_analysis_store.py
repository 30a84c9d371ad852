"""Per-document analyses in a real SQLite store: round trip, replace, cascade on forget."""

from __future__ import annotations

from pathlib import Path

from newsweave.ingest.parse import parse
from newsweave.ingest.raw import RawItem
from newsweave.model import Document, Evidence
from newsweave.model.facts import (
    Actor,
    DocAnalysis,
    Event,
    Figure,
    Mention,
    Quote,
    Relation,
    Span,
    TimeExpression,
    Title,
)
from newsweave.store.analysis import (
    analysis_version,
    load_analysis,
    pending_documents,
    save_analysis,
)
from newsweave.store.sqlite import Store
from tests.conftest import CASES


def _document() -> Document:
    source = CASES / "paste_with_furniture" / "input.txt"
    return parse(RawItem(str(source), source.read_text(), "text"))


def _evidence(doc: Document, needle: str, stage: str) -> tuple[Span, Evidence]:
    start = doc.text.index(needle)
    end = start + len(needle)
    s = doc.text.rfind("\n", 0, start) + 1
    e = doc.text.find("\n", end)
    e = len(doc.text) if e == -1 else e
    return Span(start, end, needle), Evidence(doc.id, start, end, doc.text[s:e], stage, "1")


def _analysis(doc: Document) -> DocAnalysis:
    span, ev = _evidence(doc, "Kofi Danquah", "names")
    _, tev = _evidence(doc, "a crane operator", "names")
    actor = Actor(
        "a1", "Kofi Danquah", "PERSON", ("Danquah",), (Title("crane operator", tev),), 1, None, ev
    )
    fspan, fev = _evidence(doc, "nearly 4,000", "figures")
    qspan, qev = _evidence(doc, "We have nothing left to lose,", "quotes")
    dspan, dev = _evidence(doc, "2 March 2023", "times")
    wspan, wev = _evidence(doc, "walked out", "events")
    _, wev2 = _evidence(doc, "joined the action", "events")
    return DocAnalysis(
        document=doc.id,
        version="test1",
        sentences=((0, 10),),
        mentions=(Mention(span, "PERSON", "a1", "ner", ev),),
        actors=(actor,),
        times=(TimeExpression(dspan, "DATE", "2023-03-02", "day", "absolute", dev),),
        figures=(
            Figure(
                fspan,
                4000.0,
                None,
                None,
                "nearly",
                "person",
                "members",
                None,
                "The National Dockworkers Union",
                None,
                fev,
            ),
        ),
        quotes=(Quote(qspan, "a1", "Kofi Danquah", "say", True, qev),),
        events=(
            Event(
                id="e1",
                type="PROTEST",
                mode="strike",
                label="dockers walked out",
                trigger=wspan,
                actors=(),
                actor_texts=("Dockers",),
                targets=(),
                target_texts=(),
                place=None,
                place_text="Port Selwyn",
                date="2023-03-02",
                date_source="sentence",
                figures=(),
                modality="asserted",
                reported_by=None,
                reported_by_text=None,
                evidence=(wev, wev2),
            ),
        ),
        relations=(Relation("a1", "employed_by", None, "the port", "crane operator", None, tev),),
    )


def test_round_trip_replace_and_forget(tmp_path: Path) -> None:
    doc = _document()
    analysis = _analysis(doc)
    with Store.open(tmp_path / "a.db") as store:
        store.add_document(doc)
        assert pending_documents(store, "test1") == [doc.id]
        save_analysis(store, analysis, doc.text)
        save_analysis(store, analysis, doc.text)  # replacing is idempotent
        assert analysis_version(store, doc.id) == "test1"
        assert pending_documents(store, "test1") == []
        assert pending_documents(store, "test2") == [doc.id]
        loaded = load_analysis(store, doc.id)
        assert loaded == analysis
        assert loaded is not None
        facts: list[TimeExpression | Figure | Quote] = [
            *loaded.times,
            *loaded.figures,
            *loaded.quotes,
        ]
        for fact in facts:
            assert doc.text[fact.span.start : fact.span.end] == fact.span.text
            assert fact.span.text in fact.evidence.text
        store.forget(doc.id)
        assert load_analysis(store, doc.id) is None
        for table in (
            "actors",
            "mentions",
            "figures",
            "quotes",
            "time_expressions",
            "actor_titles",
        ):
            assert store.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
