"""Ingest throughput: parse + store over real pages, printed as numbers (not a test).

    .venv/bin/python bench/ingest_bench.py [--data ../shared/data]

Runs the whole ingest stage (decode, trafilatura + our segmenter + metadata, SQLite write
with FTS and near-duplicate index) over the 181 HTML pages of the article-extraction set and
the 295 Wikinews texts, into a fresh store. Prints pages/s, words/s and peak memory.
"""

from __future__ import annotations

import argparse
import csv
import resource
import tempfile
import time
from pathlib import Path

from newsweave.ingest.parse import parse
from newsweave.ingest.raw import Hints, RawItem
from newsweave.ingest.sources.decode import decode_bytes
from newsweave.store.sqlite import Store


def html_items(data: Path) -> list[RawItem]:
    folder = data / "article_extraction" / "html"
    return [
        RawItem(p.name, decode_bytes(p.read_bytes(), p.name), "html")
        for p in sorted(folder.glob("*.html"))
    ]


def wikinews_items(data: Path) -> list[RawItem]:
    items: list[RawItem] = []
    csv.field_size_limit(10_000_000)
    for path in sorted((data / "wikinews").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                hints = Hints(title=row["title"], published=row["date"], url=row["url"])
                items.append(RawItem(row["url"], row["text"], "text", hints))
    return items


def run(name: str, items: list[RawItem], store: Store) -> None:
    started = time.perf_counter()
    words = failed = 0
    for item in items:
        try:
            doc = parse(item)
        except Exception:
            failed += 1
            continue
        store.add_document(doc)
        words += doc.word_count
    seconds = time.perf_counter() - started
    print(
        f"{name:<28} {len(items):>4} docs  {seconds:6.2f} s  {len(items) / seconds:7.1f} docs/s"
        f"  {words / seconds:9.0f} words/s  ({failed} refused)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.db") as store:
        run("HTML pages (Zyte set)", html_items(args.data), store)
        run("plain text (Wikinews)", wikinews_items(args.data), store)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
