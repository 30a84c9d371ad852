"""Incremental corpus resolution gives the same entities, story events, claims and
conflicts as a full one:
on the example corpus (document by document, and after forgetting one) and on a few
hundred real articles (PolNeAR texts, in three runs)."""

from __future__ import annotations

import csv
from pathlib import Path

from newsweave.analyze.gazetteer import Gazetteer, load_places_file
from newsweave.errors import NewsweaveError
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import Hints, RawItem
from newsweave.pipeline import analyze_store
from newsweave.resolve.corpus import after_forget, pending_documents, resolve_corpus
from newsweave.resolve.snapshot import snapshot
from newsweave.settings import Settings
from newsweave.store.sqlite import Store
from tests.conftest import EXAMPLES
from tests.resolve.test_claims import build_example_store

REAL_ARTICLES = 240


def copy(store: Store, path: Path) -> Store:
    store.connection.execute("VACUUM INTO ?", (str(path),))
    return Store.open(path)


def documents(store: Store) -> list[str]:
    return [str(r[0]) for r in store.connection.execute("SELECT id FROM documents ORDER BY seq")]


def test_example_corpus_document_by_document(tmp_path: Path) -> None:
    gazetteer = Gazetteer.build(load_places_file(EXAMPLES / "gazetteer.csv"))
    with build_example_store(tmp_path / "analysed.db") as analysed:
        with copy(analysed, tmp_path / "full.db") as full:
            resolve_corpus(full, gazetteer, full=True)
            expected = snapshot(full)
            assert len(expected[0]) > 50 and len(expected[1]) > 10
            assert len(expected[2]) > 10 and expected[3]  # claims and a conflict compared too
            doc = documents(full)[3]
            full.forget(doc)
            after_forget(full)
            forgotten = snapshot(full)
            resolve_corpus(full, gazetteer, full=True)
            assert snapshot(full) == forgotten  # repairing equals resolving again
        with copy(analysed, tmp_path / "inc.db") as inc:
            pending = pending_documents(inc)  # none resolved yet
            assert pending and set(pending) <= set(documents(inc))
            for doc in documents(inc):
                resolve_corpus(inc, gazetteer, [doc])
            assert pending_documents(inc) == []
            assert snapshot(inc) == expected
            resolve_corpus(inc, gazetteer)  # nothing pending: nothing changes
            assert snapshot(inc) == expected


def polnear_items(data: Path, count: int) -> list[RawItem]:
    dates: dict[str, str] = {}
    with (data / "polnear" / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            dates[row["filename"]] = row["publication_date"]
    paths = sorted((data / "polnear" / "train" / "text").glob("*.txt"))[:count]
    items = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        hints = Hints(title=text.split("\n", 1)[0].strip(), published=dates.get(path.stem))
        items.append(RawItem(f"polnear:{path.stem}", text, "text", hints))
    return items


def test_real_articles_in_three_runs(data_dir: Path, tmp_path: Path) -> None:
    """Three ingests of real political news, each resolved incrementally, end where one
    full resolution of all of them ends."""
    gazetteer = Gazetteer.build()
    with Store.open(tmp_path / "analysed.db") as analysed:
        for item in polnear_items(data_dir, REAL_ARTICLES):
            try:
                analysed.add_document(parse(item))
            except NewsweaveError:  # a few texts are too short to be articles
                continue
        analyze_store(analysed, Settings())
        ids = documents(analysed)
        assert len(ids) >= REAL_ARTICLES - 5
        with copy(analysed, tmp_path / "full.db") as full:
            resolve_corpus(full, gazetteer, full=True)
            expected = snapshot(full)
        with copy(analysed, tmp_path / "inc.db") as inc:
            for i in range(3):
                resolve_corpus(inc, gazetteer, ids[i * len(ids) // 3 : (i + 1) * len(ids) // 3])
            assert snapshot(inc) == expected
    assert len(expected[0]) > 1000
