"""Article tables (CSV, TSV) and the other column names record dumps use, over real files."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

from newsweave.errors import NewsweaveError
from newsweave.ingest.raw import RawItem
from newsweave.ingest.sources import iter_sources
from newsweave.settings import Settings

Outcome = RawItem | NewsweaveError

FERRY = (
    "The harbour authority suspended the Pellan ferry on Tuesday after a crack was found "
    "in the hull.\nRepairs will take about three weeks, a spokeswoman said."
)
MILL = "Workers at the Osterby paper mill voted to end a nine-day strike on Friday."


def read(*sources: str, settings: Settings | None = None) -> list[Outcome]:
    return list(iter_sources(sources, settings or Settings(), follow_links=False))


def table(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_csv_rows_are_records_with_their_date_and_authors(tmp_path: Path) -> None:
    path = table(
        tmp_path / "dump.csv",
        [
            ["url", "date", "title", "text", "byline"],
            ["https://coast.invalid/ferry", "2024-03-12", "Ferry halted", FERRY, "By Ines Varga"],
            ["", "", "", "", ""],
            ["https://coast.invalid/empty", "2024-03-13", "Nothing", "", ""],
            ["https://coast.invalid/mill", "2024-03-15", "Strike ends", MILL, ""],
        ],
    )
    ferry, empty, mill = read(str(path))
    assert isinstance(ferry, RawItem) and isinstance(mill, RawItem)
    assert ferry.source == f"{path}#row=1"
    assert ferry.content == FERRY  # a newline inside a quoted field stays in the article
    assert ferry.format == "text"
    assert ferry.hints.published == "2024-03-12"
    assert ferry.hints.title == "Ferry halted"
    assert ferry.hints.url == "https://coast.invalid/ferry"
    assert ferry.hints.authors == ("Ines Varga",)
    assert isinstance(empty, NewsweaveError)
    assert (empty.code, empty.subject) == ("NW103", f"{path}#row=3")
    assert mill.source == f"{path}#row=4"
    assert mill.hints.published == "2024-03-15"


def test_tsv_with_an_html_column_and_a_byte_order_mark(tmp_path: Path) -> None:
    page = "<html><body><article><h1>Strike ends</h1><p>" + MILL + "</p></article></body></html>"
    path = table(tmp_path / "pages.tsv", [["html", "published"], [page, "2024-03-15"]], "\t")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    (item,) = read(str(path))
    assert isinstance(item, RawItem)
    assert item.format == "html"
    assert item.hints.published == "2024-03-15"


def test_a_table_without_a_text_column_is_one_error_naming_its_columns(tmp_path: Path) -> None:
    path = table(tmp_path / "prices.csv", [["item", "price"], ["bread", "2.10"]])
    (error,) = read(str(path))
    assert isinstance(error, NewsweaveError)
    assert (error.code, error.subject) == ("NW135", str(path))
    assert "item, price" in error.reason


def test_a_field_over_the_byte_budget_ends_the_file_and_keeps_the_rows_before(
    tmp_path: Path,
) -> None:
    path = table(tmp_path / "long.csv", [["text"], [MILL], ["x" * 5000], [FERRY]])
    settings = Settings().replace("ingest.max_bytes", 1000)
    first, error = read(str(path), settings=settings)
    assert isinstance(first, RawItem) and first.content == MILL
    assert isinstance(error, NewsweaveError)
    assert (error.code, error.subject) == ("NW135", f"{path}#row=2")
    assert csv.field_size_limit() != 1000  # the parser's global limit is given back


def test_binary_and_not_utf8_tables_are_refused_by_name(tmp_path: Path) -> None:
    packed = tmp_path / "dump.csv"
    packed.write_bytes(gzip.compress(b"text\nhello\n"))
    (error,) = read(str(packed))
    assert isinstance(error, NewsweaveError) and error.code == "NW102"
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"text\n" + ("Caf\u00e9 " * 3000).encode("latin-1") + b"\n")
    outcomes = read(str(latin))
    assert [o.code for o in outcomes if isinstance(o, NewsweaveError)] == ["NW135"]


def test_json_records_take_the_other_names_of_the_publication_date(tmp_path: Path) -> None:
    records = [
        {"text": MILL, "datePublished": "2024-03-15T09:00:00Z", "author": "Ola Berg"},
        {"text": FERRY, "date": "2024-03-12", "published": "2024-03-11"},
        {"text": FERRY + " More.", "publish_date": ""},
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    mill, ferry, undated = read(str(path))
    assert isinstance(mill, RawItem) and isinstance(ferry, RawItem)
    assert isinstance(undated, RawItem)
    assert mill.hints.published == "2024-03-15T09:00:00Z"
    assert mill.hints.authors == ("Ola Berg",)
    assert ferry.hints.published == "2024-03-11"  # our own name wins over "date"
    assert undated.hints.published is None
