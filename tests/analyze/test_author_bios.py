"""Author bios are read for who the writer is (names, relations), never for what happened."""

from __future__ import annotations

from newsweave.analyze.gazetteer import Gazetteer
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.analyze.run import analyze
from newsweave.model import Document, Role, Segment, content_id

BODY = "Police arrested Komla Kara in Amakoro on Tuesday, his union said."
BIO = (
    "Jane Roe is the Ledger's West Africa correspondent. She covered the 2016 elections, "
    "when 40 people were killed in Port Amani."
)


def test_bio_gives_the_writer_not_events() -> None:
    text = f"{BODY}\n\n{BIO}"
    bio_start = text.index(BIO)
    document = Document(
        id=content_id("d", text),
        source="test",
        text=text,
        segments=(
            Segment(Role.BODY, 0, len(BODY)),
            Segment(Role.AUTHOR_BIO, bio_start, len(text)),
        ),
        authors=("Jane Roe",),
    )
    found = analyze(context_for(document, load()), Gazetteer.build())
    names = {a.name: a.type for a in found.actors}
    assert names.get("Jane Roe") == "PERSON"
    assert any(r.predicate in ("employed_by", "holds_position") for r in found.relations)
    starts = [t.span.start for t in found.times] + [f.span.start for f in found.figures]
    starts += [q.span.start for q in found.quotes]
    assert starts and all(start < bio_start for start in starts)
    for event in found.events:
        assert event.trigger.start < bio_start, event
    assert [e for e in found.events if e.mode == "arrest"]
