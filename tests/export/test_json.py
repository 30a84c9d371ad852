"""The ``newsweave/1`` JSON export: contract keys and types, atomic UTF-8 file."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from newsweave.export.json import SECTIONS, evidence_json, export_json, write_json
from newsweave.model import Document, Evidence, PartialDate, Role, Segment, content_id
from newsweave.model.records import DateStatement
from newsweave.store.sqlite import Store

CONTRACT_DOCUMENT_KEYS = {
    "id",
    "source",
    "title",
    "authors",
    "publisher",
    "published",
    "language",
    "genre",
}
CONTRACT_KEYS = {"format", "documents", *SECTIONS}

ELECTION = (
    "Voters in the canton of Vellary chose a new regional assembly on Sunday, and turnout "
    "rose to 61 percent from 48 percent four years ago.",
    "The Green Alliance won nine of the 40 seats, its best result, while the farmers' party "
    "kept its position as the largest group with fourteen seats.",
    "Counting was slowed in two mountain districts where ballot boxes arrived by helicopter "
    "after snow closed the pass on Saturday night.",
)
FESTIVAL = (
    "The harvest festival in Oddun drew about 20,000 visitors over three days, organisers "
    "said, despite heavy rain on the opening evening.",
    "Stallholders reported brisk sales of cider and smoked fish, and the ferry company added "
    "two late crossings on Saturday for people returning to the mainland.",
)


def make_doc(parts: Sequence[tuple[Role, str]], *, source: str, **fields: Any) -> Document:
    """A Document whose text is the paragraphs joined by blank lines, one segment each."""
    text = "\n\n".join(paragraph for _, paragraph in parts)
    segments, position = [], 0
    for role, paragraph in parts:
        segments.append(Segment(role, position, position + len(paragraph)))
        position += len(paragraph) + 2
    return Document(content_id("doc_", text), source, text, tuple(segments), **fields)


def election(headline: str, source: str, **fields: Any) -> Document:
    parts = [(Role.HEADLINE, headline), *((Role.BODY, p) for p in ELECTION)]
    return make_doc(parts, source=source, title=headline, **fields)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "newsweave.db") as opened:
        opened.add_document(
            election(
                "Greens gain in Vellary vote",
                "https://courier.example/vellary",
                authors=("Marta Šimić", "Joe Bloggs"),
                publisher="Vellary Courier",
                date=DateStatement(PartialDate(2024, 10, 20), "html-meta", inferred=False),
                language="en",
                url="https://courier.example/vellary",
                format="html",
            )
        )
        opened.add_document(election("Turnout up in Vellary", "/wire/vellary.txt"))
        opened.add_document(
            make_doc(
                [(Role.BODY, p) for p in FESTIVAL],
                source="/corpus/festival.txt",
                date=DateStatement(PartialDate(2023, 9), "dateline", inferred=True),
                genre="blog",
            )
        )
        yield opened


def test_export_matches_the_contract(store: Store) -> None:
    data = export_json(store)
    assert set(data) >= CONTRACT_KEYS
    assert data["format"] == "newsweave/1"
    for section in SECTIONS:
        assert data[section] == []
    documents = data["documents"]
    assert len(documents) == 3
    for doc in documents:
        assert set(doc) >= CONTRACT_DOCUMENT_KEYS
        assert isinstance(doc["id"], str) and isinstance(doc["source"], str)
        assert doc["title"] is None or isinstance(doc["title"], str)
        assert isinstance(doc["authors"], list)
        assert all(isinstance(a, str) for a in doc["authors"])
        assert doc["publisher"] is None or isinstance(doc["publisher"], str)
        assert doc["published"] is None or PartialDate.parse(doc["published"]) is not None
        assert doc["language"] is None or isinstance(doc["language"], str)
        assert isinstance(doc["genre"], str)
        for segment in doc["segments"]:
            assert set(segment) == {"role", "start", "end"}
            assert Role(segment["role"])


def test_export_values(store: Store) -> None:
    festival, courier, wire = export_json(store)["documents"]
    assert festival["published"] == "2023-09" and festival["date_inferred"] is True
    assert festival["genre"] == "blog" and festival["title"] is None
    assert courier["published"] == "2024-10-20"
    assert courier["authors"] == ["Marta Šimić", "Joe Bloggs"]
    assert courier["publisher"] == "Vellary Courier"
    assert courier["language"] == "en" and courier["url"] == "https://courier.example/vellary"
    assert courier["sources"] == ["https://courier.example/vellary"]
    assert courier["segments"][0] == {"role": "headline", "start": 0, "end": 27}
    assert wire["published"] is None
    assert wire["near_duplicate_of"] == courier["id"]
    assert courier["near_duplicate_of"] is None


def test_evidence_object() -> None:
    evidence = Evidence("doc_1", 4, 20, "Turnout rose sharply.", "figures", "1", 0.9)
    assert evidence_json(evidence) == {
        "document": "doc_1",
        "start": 4,
        "end": 20,
        "text": "Turnout rose sharply.",
    }


def test_write_json_is_utf8_indented_and_round_trips(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "out" / "export.json"
    path.parent.mkdir()
    write_json(store, path)
    raw = path.read_text(encoding="utf-8")
    assert "Marta Šimić" in raw  # not \\u-escaped
    assert raw.startswith('{\n "format": "newsweave/1",')
    assert json.loads(raw) == export_json(store)
    assert sorted(p.name for p in path.parent.iterdir()) == ["export.json"]
    assert path.stat().st_mode & 0o777 == 0o644


def test_write_json_replaces_atomically(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "export.json"
    path.write_text('{"format": "newsweave/1", "documents": []}\n', encoding="utf-8")
    before = path.read_text(encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(json, "dump", fail)
    with pytest.raises(OSError):
        write_json(store, path)
    assert path.read_text(encoding="utf-8") == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    monkeypatch.undo()
    write_json(store, path)
    assert len(json.loads(path.read_text(encoding="utf-8"))["documents"]) == 3


def test_empty_store_exports_empty_lists(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.db") as empty:
        data = export_json(empty)
    assert data == {"format": "newsweave/1", "documents": [], **{s: [] for s in SECTIONS}}
