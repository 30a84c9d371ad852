"""The SQLite store on real files: migrations, dedup, atomic writes, forget, search, status."""

from __future__ import annotations

import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from newsweave.errors import NewsweaveError
from newsweave.model import Document, Evidence, PartialDate, Role, Segment, content_id
from newsweave.model.records import DateStatement
from newsweave.store.sqlite import (
    APPLICATION_ID,
    Store,
    fts_query,
    latest_version,
    migrations,
    split_statements,
)

LIBRARY_BODY = (
    "The public library in Marrowfield reopened on Monday, eleven months after floodwater "
    "from the Tessel river filled its ground floor to a depth of almost a metre.",
    "Librarians said more than 4,000 books had to be thrown away, including most of the "
    "local history collection that volunteers had catalogued over two decades. Some "
    "photographs were saved after being frozen and dried by a conservation team from the "
    "regional archive.",
    "The rebuilt reading room sits on raised concrete piers, and the children's section has "
    "moved upstairs. Council engineers say the new floor level is above the highest flood "
    "recorded in the town since records began in 1891.",
    "Head librarian Oona Castell said visitor numbers on the first morning were higher than "
    'on any day before the flood. "People queued in the rain to get their cards back," she '
    "said. The council paid for the repairs from its reserves and is still negotiating with "
    "its insurer over the remaining cost.",
)

STRIKE_BODY = (
    "Dockworkers at the port of Halvenne walked out at dawn on Thursday in a dispute over "
    "night-shift pay, leaving at least nine container ships waiting at anchor outside the "
    "harbour.",
    "The union representing crane operators said its members had not received the overtime "
    "rate agreed in March. Port management said the payments had been delayed by a change "
    "of payroll software and would be made within a week.",
    "Fruit importers warned that cargoes of bananas and citrus could spoil if the ships were "
    "not unloaded by the weekend. A spokesperson for the regional chamber of commerce called "
    "on both sides to return to talks.",
    "By the evening, pickets had set up braziers at the main gate, and a police patrol was "
    "parked across the access road. No arrests were reported.",
)


def make_doc(parts: Sequence[tuple[Role, str]], *, source: str, **fields: Any) -> Document:
    """A Document whose text is the paragraphs joined by blank lines, one segment each."""
    text = "\n\n".join(paragraph for _, paragraph in parts)
    segments, position = [], 0
    for role, paragraph in parts:
        segments.append(Segment(role, position, position + len(paragraph)))
        position += len(paragraph) + 2
    doc_id = content_id("doc_", text)
    return Document(doc_id, source, text, tuple(segments), **fields)


def body(paragraphs: Sequence[str]) -> list[tuple[Role, str]]:
    return [(Role.BODY, p) for p in paragraphs]


def gazette_library() -> Document:
    parts = [
        (Role.HEADLINE, "Marrowfield library reopens after flood"),
        (Role.BYLINE, "By a staff reporter"),
        *body(LIBRARY_BODY),
        (Role.BOILERPLATE, "Sign up for the Gazette morning briefing."),
        (Role.DISCLAIMER, "© 2024 Marrowfield Gazette. All rights reserved."),
    ]
    return make_doc(
        parts,
        source="https://gazette.example/library",
        title="Marrowfield library reopens after flood",
        publisher="Marrowfield Gazette",
        date=DateStatement(PartialDate(2024, 3, 4), "html-meta", inferred=False),
        language="en",
        format="html",
    )


def syndicated_library() -> Document:
    parts = [
        (Role.HEADLINE, "Flood-hit library welcomes readers again"),
        (Role.STANDFIRST, "Queues formed before the doors opened"),
        *body(LIBRARY_BODY),
        (Role.BOILERPLATE, "Read more: council budget talks stall"),
        (Role.BOILERPLATE, "Share this article"),
    ]
    return make_doc(
        parts,
        source="https://valleypost.example/news/7781",
        title="Flood-hit library welcomes readers again",
        publisher="River Valley Post",
        date=DateStatement(PartialDate(2024, 3, 5), "feed", inferred=False),
        language="en",
    )


def edited_library() -> Document:
    paragraphs = list(LIBRARY_BODY)
    paragraphs[1] = paragraphs[1].replace("4,000 books", "4,200 books")
    parts = [(Role.HEADLINE, "Library back in business"), *body(paragraphs)]
    return make_doc(parts, source="/feeds/wire/library.txt", title="Library back in business")


def port_strike() -> Document:
    parts = [
        (Role.HEADLINE, "Halvenne dockworkers strike over pay"),
        *body(STRIKE_BODY),
        (Role.BOILERPLATE, "Read more: council budget talks stall"),
    ]
    return make_doc(
        parts,
        source="/corpus/strike.html",
        title="Halvenne dockworkers strike over pay",
        date=DateStatement(PartialDate(2024, 2), "dateline", inferred=True),
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "corpus" / "newsweave.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


def table_counts(path: Path) -> dict[str, int]:
    """Row counts of every table, read through a separate plain connection."""
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'segments_fts_%'"
            )
        ]
        return {n: conn.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}
    finally:
        conn.close()


# --------------------------------------------------------------------------- opening


def test_open_creates_and_migrates(db_path: Path, store: Store) -> None:
    assert db_path.exists()
    assert store.schema_version == latest_version() >= 1
    conn = store.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "document_sources", "segments", "segments_fts"} <= tables
    assert {"minhash_bands", "ingest_errors"} <= tables


def test_migrations_are_package_data_numbered_in_order() -> None:
    found = migrations()
    versions = [m.version for m in found]
    assert versions == list(range(1, len(versions) + 1))
    assert found[0].name == "0001_documents.sql"
    statements = split_statements(found[0].sql)
    assert any(s.startswith("CREATE TRIGGER") and s.endswith("END;") for s in statements)
    assert all(sqlite3.complete_statement(s) for s in statements)


def test_reopen_keeps_documents_and_version(db_path: Path) -> None:
    doc = gazette_library()
    with Store.open(db_path) as first:
        first.add_document(doc)
    with Store.open(db_path) as second:
        assert second.schema_version == latest_version()
        assert second.get_document(doc.id) == doc


def test_newer_store_is_refused_with_nw201(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    with pytest.raises(NewsweaveError) as caught:
        Store.open(db_path)
    assert caught.value.code == "NW201"


def test_non_sqlite_file_is_refused_with_nw203(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("These are my notes, not a database.\n" * 200, encoding="utf-8")
    with pytest.raises(NewsweaveError) as caught:
        Store.open(path)
    assert caught.value.code == "NW203"
    assert path.read_text(encoding="utf-8").startswith("These are my notes")


def test_other_sqlite_file_and_directory_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.close()
    for path in (other, tmp_path):
        with pytest.raises(NewsweaveError) as caught:
            Store.open(path)
        assert caught.value.code == "NW203"


# --------------------------------------------------------------------------- adding


def test_add_new_duplicate_and_near_duplicate(store: Store) -> None:
    original, copy, strike = gazette_library(), syndicated_library(), port_strike()
    assert copy.id != original.id and copy.body_text == original.body_text

    first = store.add_document(original)
    assert (first.status, first.document_id, first.near_duplicate_of) == ("new", original.id, None)

    near = store.add_document(copy)
    assert near.status == "near-duplicate"
    assert near.near_duplicate_of == original.id
    assert store.get_document(copy.id).near_duplicate_of == original.id

    other = store.add_document(strike)
    assert other.status == "new" and other.near_duplicate_of is None

    again = store.add_document(
        Document(original.id, "https://mirror.example/a", original.text, original.segments)
    )
    assert again.status == "duplicate" and again.document_id == original.id
    assert store.document_sources(original.id) == [
        "https://gazette.example/library",
        "https://mirror.example/a",
    ]
    assert store.get_document(original.id).source == original.source
    assert store.count_documents() == 3


def test_lightly_edited_copy_points_to_the_oldest_copy(store: Store) -> None:
    original, copy, edited = gazette_library(), syndicated_library(), edited_library()
    store.add_document(original)
    store.add_document(copy)
    result = store.add_document(edited)
    assert result.status == "near-duplicate"
    assert result.near_duplicate_of == original.id


def test_threshold_controls_near_duplicates(store: Store) -> None:
    store.add_document(gazette_library())
    result = store.add_document(edited_library(), near_duplicate_threshold=1.01)
    assert result.status == "new"


def test_re_adding_is_idempotent(db_path: Path, store: Store) -> None:
    docs = [gazette_library(), syndicated_library(), port_strike()]
    for doc in docs:
        store.add_document(doc)
    before = table_counts(db_path)
    results = [store.add_document(doc) for doc in docs]
    assert [r.status for r in results] == ["duplicate"] * 3
    assert results[1].near_duplicate_of == docs[0].id
    assert table_counts(db_path) == before


def test_round_trip_keeps_every_field(store: Store) -> None:
    parts = [(Role.HEADLINE, "Ferry timetable cut"), *body(STRIKE_BODY[:2])]
    text = "\n\n".join(p for _, p in parts)
    evidence = Evidence("doc_x", 0, 19, "Ferry timetable cut", "dates", "1", confidence=0.5)
    doc = make_doc(
        parts,
        source="/corpus/ferry.html",
        title="Ferry timetable cut",
        authors=("Ana Ruiz", "Tomás Ó Briain"),
        publisher="Coast Daily",
        date=DateStatement(PartialDate(2023, 11, 30), "byline", inferred=True, evidence=evidence),
        language="en",
        genre="analysis",
        url="https://coast.example/ferry",
        format="html",
        extra=(("dateline", "Halvenne"), ("section", "Transport"), ("dateline", "again")),
    )
    assert doc.text == text
    store.add_document(doc)
    assert store.get_document(doc.id) == doc
    assert list(store.iter_documents()) == [doc]


def test_document_without_body_or_text_is_stored(store: Store) -> None:
    empty = make_doc([], source="/corpus/empty.txt")
    headline_only = make_doc([(Role.HEADLINE, "Storm warning")], source="/corpus/h.txt")
    assert store.add_document(empty).status == "new"
    assert store.add_document(headline_only).status == "new"
    assert store.get_document(empty.id) == empty


# --------------------------------------------------------------------------- atomicity


def test_invalid_segment_rolls_back_the_whole_document(db_path: Path, store: Store) -> None:
    store.add_document(port_strike())
    before = table_counts(db_path)
    good = gazette_library()
    too_long = Segment(Role.BODY, 10, len(good.text) + 50)
    broken = Document(good.id, good.source, good.text, (*good.segments, too_long))
    with pytest.raises(NewsweaveError) as caught:
        store.add_document(broken)
    assert caught.value.code == "NW901"
    backwards = Document(good.id, good.source, good.text, (Segment(Role.BODY, 9, 3),))
    with pytest.raises(NewsweaveError):
        store.add_document(backwards)
    assert table_counts(db_path) == before
    assert not store.has_document(good.id)
    assert store.search("Marrowfield") == []


def test_failure_mid_write_leaves_store_unchanged(
    db_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_document(port_strike())
    before = table_counts(db_path)

    def explode(self: Store, doc_id: str, bands: Sequence[int]) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_insert_bands", explode)
    with pytest.raises(RuntimeError):
        store.add_document(gazette_library())
    assert table_counts(db_path) == before
    monkeypatch.undo()
    assert store.add_document(gazette_library()).status == "new"


def test_process_crash_mid_write_leaves_store_unchanged(tmp_path: Path, db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add_document(port_strike())
    before = table_counts(db_path)
    pickled = tmp_path / "doc.pickle"
    pickled.write_bytes(pickle.dumps(gazette_library()))
    script = (
        "import os, pickle, sys\n"
        "from pathlib import Path\n"
        "from newsweave.store.sqlite import Store\n"
        "Store._insert_bands = lambda self, doc_id, bands: os._exit(3)\n"
        "with Store.open(Path(sys.argv[1])) as store:\n"
        "    store.add_document(pickle.loads(Path(sys.argv[2]).read_bytes()))\n"
    )
    crashed = subprocess.run([sys.executable, "-c", script, str(db_path), str(pickled)])
    assert crashed.returncode == 3
    assert table_counts(db_path) == before
    with Store.open(db_path) as store:
        assert store.count_documents() == 1
        assert store.add_document(gazette_library()).status == "new"


# --------------------------------------------------------------------------- errors


def test_ingest_errors_keep_the_last_per_source(store: Store) -> None:
    store.record_error("/corpus/bad.bin", "NW102", "binary content")
    store.record_error("/corpus/bad.bin", "NW104", "undecodable")
    store.record_error("https://gazette.example/library", "NW108", "unreachable")
    rows = {row.source: row for row in store.errors()}
    assert len(rows) == 2
    assert (rows["/corpus/bad.bin"].code, rows["/corpus/bad.bin"].reason) == (
        "NW104",
        "undecodable",
    )
    store.add_document(gazette_library())  # that source now ingests fine
    assert [row.source for row in store.errors()] == ["/corpus/bad.bin"]
    store.clear_error("/corpus/bad.bin")
    assert store.errors() == []


# --------------------------------------------------------------------------- lookup


def test_lookup_by_unique_prefix(store: Store) -> None:
    a, b = gazette_library(), port_strike()
    store.add_document(a)
    store.add_document(b)
    assert store.get_document(a.id[:10]) == a
    assert store.resolve_id(b.id[:8]) == b.id
    assert store.has_document(a.id) and not store.has_document(a.id[:10])

    with pytest.raises(NewsweaveError) as ambiguous:
        store.get_document("doc_")
    assert ambiguous.value.code == "NW202"
    assert "ambiguous" in ambiguous.value.reason

    for missing in ("doc_zzz", "", "   "):
        with pytest.raises(NewsweaveError) as caught:
            store.get_document(missing)
        assert caught.value.code == "NW202"
    assert "no document" in caught.value.reason


def test_listing_is_ordered_by_date_then_title(store: Store) -> None:
    library, copy, strike, edited = (
        gazette_library(),
        syndicated_library(),
        port_strike(),
        edited_library(),
    )
    for doc in (library, copy, strike, edited):
        store.add_document(doc)
    listing = store.list_documents()
    assert [d.id for d in listing] == [strike.id, library.id, copy.id, edited.id]
    assert listing[0].published == PartialDate(2024, 2)
    assert listing[3].published is None
    assert listing[2].near_duplicate_of == library.id
    assert listing[1].publisher == "Marrowfield Gazette"
    assert listing[1].word_count == library.word_count
    assert listing[1].source == library.source
    assert [d.id for d in store.list_documents(limit=2, offset=1)] == [library.id, copy.id]
    assert store.count_documents() == 4
    assert [d.id for d in store.iter_documents()] == [d.id for d in listing]


# --------------------------------------------------------------------------- forget


def test_forget_removes_everything_derived(db_path: Path, store: Store) -> None:
    original, copy, strike = gazette_library(), syndicated_library(), port_strike()
    for doc in (original, copy, strike):
        store.add_document(doc)
    store.add_document(
        Document(original.id, "/mirror/library.html", original.text, original.segments)
    )

    assert store.forget(original.id[:12]) == original.id

    assert not store.has_document(original.id)
    assert store.get_document(copy.id).near_duplicate_of is None
    conn = store.connection
    for table in ("segments", "minhash_bands", "document_sources"):
        rows = conn.execute(f"SELECT count(*) FROM {table} WHERE document_id = ?", (original.id,))
        assert rows.fetchone()[0] == 0, table
    fts = conn.execute("SELECT count(*) FROM segments_fts WHERE document_id = ?", (original.id,))
    assert fts.fetchone()[0] == 0
    assert {hit.document_id for hit in store.search("Marrowfield")} == {copy.id}
    assert table_counts(db_path)["documents"] == 2

    with pytest.raises(NewsweaveError) as caught:
        store.forget(original.id)
    assert caught.value.code == "NW202"


def test_forgotten_document_can_be_added_again(store: Store) -> None:
    doc = gazette_library()
    store.add_document(doc)
    store.forget(doc.id)
    assert store.add_document(doc).status == "new"
    assert store.get_document(doc.id) == doc


# --------------------------------------------------------------------------- search


def test_search_returns_snippets_and_ranks_body_first(store: Store) -> None:
    library, strike = gazette_library(), port_strike()
    store.add_document(library)
    store.add_document(strike)

    hits = store.search("conservation team")
    assert len(hits) == 1
    hit = hits[0]
    assert hit.document_id == library.id and hit.role is Role.BODY
    assert "[conservation] [team]" in hit.snippet
    segment = library.segments[hit.idx]
    assert (hit.start, hit.end) == (segment.start, segment.end)
    assert "conservation team" in library.text[hit.start : hit.end]
    assert hit.title == library.title and hit.score > 0

    hits = store.search("council", marks=("<b>", "</b>"))
    roles = [hit.role for hit in hits]
    assert roles[0] is Role.BODY and roles[-1] is Role.BOILERPLATE
    assert "<b>council</b>" in hits[-1].snippet.lower()
    assert store.search("council", limit=1)[0].role is Role.BODY


def test_search_folds_diacritics_and_supports_prefixes(store: Store) -> None:
    doc = make_doc(body(["The café in Zürich served crêpes to the delegates."]), source="/c.txt")
    store.add_document(doc)
    assert len(store.search("zurich cafe")) == 1
    assert len(store.search("crep*")) == 1
    assert store.search("crep") == []


@pytest.mark.parametrize(
    "query",
    ['"foo', "a:b", "NOT", "-x", "NEAR(", "flood OR", "(", "*", "'", "^river", "col:umn:x", ""],
)
def test_hostile_queries_do_not_raise(store: Store, query: str) -> None:
    store.add_document(gazette_library())
    assert isinstance(store.search(query), list)


def test_query_escaping() -> None:
    assert fts_query('say "hi" now') == '"say" """hi""" "now"'
    assert fts_query("a:b -x NOT") == '"a:b" "-x" "NOT"'
    assert fts_query("flood*") == '"flood"*'
    assert fts_query(" -- ** ") is None


# --------------------------------------------------------------------------- status


def test_status_counts(db_path: Path, store: Store) -> None:
    empty = store.status()
    assert (empty.documents, empty.words, empty.segments, empty.errors) == (0, 0, {}, 0)

    library, copy, strike = gazette_library(), syndicated_library(), port_strike()
    for doc in (library, copy, strike):
        store.add_document(doc)
    store.add_document(Document(strike.id, "/mirror/strike.html", strike.text, strike.segments))
    store.record_error("/corpus/broken.warc", "NW107", "truncated")

    status = store.status()
    assert status.documents == 3
    assert status.words == library.word_count + copy.word_count + strike.word_count
    assert status.segments == {
        "body": 12,
        "boilerplate": 4,
        "byline": 1,
        "disclaimer": 1,
        "headline": 3,
        "standfirst": 1,
    }
    assert status.near_duplicates == 1
    assert status.sources == 4
    assert status.errors == 1
    assert status.schema_version == latest_version()
    assert status.path == db_path
    assert status.file_size >= db_path.stat().st_size > 0
