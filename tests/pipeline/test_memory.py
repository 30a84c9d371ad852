"""What bounds a worker's memory: spaCy batches closed at ``pipeline.batch_chars``
characters, whatever the number of documents, with every document's context yielded in
order and its text intact; and the MinHash signature computed on the worker, handed to the
store with the document (the runner does not compute it again)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import char_batches, contexts, masked_text
from newsweave.ingest.dedup import signature_or_none
from newsweave.ingest.raw import RawItem
from newsweave.pipeline import ingest
from newsweave.pipeline.work import Job, Parsed, run_jobs
from newsweave.store.sqlite import Store
from tests.pipeline.helpers import example_settings
from tests.pipeline.test_budgets import long_document


def texts(*sizes: int) -> list[tuple[str, int]]:
    return [("w" * size, index) for index, size in enumerate(sizes)]


def test_batches_close_at_the_character_budget_and_keep_the_order() -> None:
    items = texts(300, 300, 300, 900, 50, 50, 1_200, 10)
    batches = list(char_batches(items, batch_size=32, batch_chars=1_000))
    assert [item for batch in batches for item in batch] == items
    for batch in batches:
        chars = sum(len(text) for text, _ in batch)
        assert chars <= 1_000 or len(batch) == 1  # only a text longer than the budget alone
    assert [len(b) for b in batches] == [3, 3, 1, 1]


def test_batches_also_close_at_the_document_count() -> None:
    batches = list(char_batches(texts(*[10] * 7), batch_size=3, batch_chars=10_000))
    assert [len(b) for b in batches] == [3, 3, 1]
    assert list(char_batches([], batch_size=3, batch_chars=10)) == []


def test_bounded_batches_give_every_context_in_order_with_its_text() -> None:
    documents = [long_document(n) for n in (3, 1, 5, 2)]
    nlp = load()
    bounded = list(contexts(documents, nlp, batch_chars=1_500, chunk_chars=1_500))
    assert [ctx.document.id for ctx in bounded] == [d.id for d in documents]
    for ctx, document in zip(bounded, documents, strict=True):
        assert ctx.text == masked_text(document)
        assert len(ctx.doc) > 0 and ctx.sentences


def test_the_worker_computes_the_signature_the_store_keys_documents_by(tmp_path: Path) -> None:
    paragraph = (
        "Engineers at the Valdora water works said on Monday that the northern reservoir had "
        "fallen to a third of its capacity after the driest spring in forty years, and that "
        "rationing in the hill districts would begin within a fortnight unless rain came.\n\n"
        "The city council will meet on Thursday to decide whether car washes, public fountains "
        "and the municipal swimming pools should close for the summer, a spokeswoman said, "
        "adding that farmers in the valley had already been asked to water only at night."
    )
    records = [
        {"title": "Reservoir falls to a third", "text": paragraph + "\n\nMore reporting."},
        {"title": "Valdora reservoir low", "text": paragraph + "\n\nUpdated with comment."},
    ]
    corpus = tmp_path / "two.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    item = RawItem(source="x.txt", format="text", content="Title\n\n" + paragraph)
    (parsed,) = [m for m in run_jobs([Job(0, item, analyse=False)], example_settings())]
    assert isinstance(parsed, Parsed) and parsed.document is not None
    body = parsed.document.body_text or parsed.document.text
    assert parsed.signature is not None and parsed.signature == signature_or_none(body)
    with Store.open(tmp_path / "sig.db") as store:
        report = ingest([str(corpus)], store, example_settings(), executor="local", analyse=False)
        statuses: list[Any] = [o.status for o in report.outcomes]
        assert statuses == ["new", "near-duplicate"]
        first = report.outcomes[0].document_id
        assert report.outcomes[1].near_duplicate_of == first
