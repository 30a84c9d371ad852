"""Build the archive-scale store from ../shared/data in three runs and time each stage.

    .venv/bin/python bench/scale_build.py --db /tmp/scale.db [--data ../shared/data]
        [--polnear N] [--ecbplus N] [--wikinews N] [--no-resolve] [--hold-out 10]

Runs, in order, as a user would ingest them: PolNeAR article texts (title on the first
line, date from ``metadata.tsv``), ECB+ texts (tokens joined, sentences as paragraphs) and
Wikinews. Each run parses and stores its documents, analyses them (the per-document stages)
and then resolves the corpus for the new documents only. With ``--hold-out N`` the last N
Wikinews articles are kept back and added as a fourth run (the "adding 10 documents" cost),
then resolved again into an empty store for comparison.

``--no-resolve`` stops after analysis (the store is then re-resolved by
``bench/scale_resolve.py`` on a copy, which is how the resolver is iterated on without
re-analysing). Prints seconds per stage and run. Times on a shared machine are noisy:
compare ratios within one run.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections.abc import Iterator
from pathlib import Path

from newsweave.analyze.gazetteer import Gazetteer
from newsweave.evaluate.ecbplus import gold_documents
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import Hints, RawItem
from newsweave.pipeline import analyze_store
from newsweave.resolve.corpus import resolve_corpus
from newsweave.settings import Settings
from newsweave.store.sqlite import Store


def polnear_items(data: Path, limit: int | None) -> list[RawItem]:
    dates: dict[str, str] = {}
    with (data / "polnear" / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            dates[row["filename"]] = row["publication_date"]
    items: list[RawItem] = []
    for split in ("train", "dev", "test"):
        for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            title = text.split("\n", 1)[0].strip()
            hints = Hints(title=title or None, published=dates.get(path.stem))
            items.append(RawItem(f"polnear:{path.stem}", text, "text", hints))
    return items[:limit]


def ecbplus_items(data: Path, limit: int | None) -> list[RawItem]:
    items = []
    for gold in gold_documents(data):
        title = gold.text.split("\n", 1)[0][:200]
        items.append(RawItem(f"ecbplus:{gold.name}", gold.text, "text", Hints(title=title)))
    return items[:limit]


def wikinews_items(data: Path, limit: int | None) -> list[RawItem]:
    items: list[RawItem] = []
    csv.field_size_limit(10_000_000)
    for path in sorted((data / "wikinews").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                hints = Hints(title=row["title"], published=row["date"], url=row["url"])
                items.append(RawItem(row["url"], row["text"], "text", hints))
    return items[:limit]


def ingest(store: Store, items: list[RawItem]) -> list[str]:
    """Parse and store; the ids of the new documents."""
    new: list[str] = []
    for item in items:
        try:
            doc = parse(item)
        except Exception:
            continue
        if store.add_document(doc).status == "new":
            new.append(doc.id)
    return new


def run(
    name: str, store: Store, items: list[RawItem], gazetteer: Gazetteer, *, resolve: bool
) -> list[str]:
    started = time.perf_counter()
    new = ingest(store, items)
    parsed = time.perf_counter()
    analyze_store(store, Settings(), ids=new)
    analysed = time.perf_counter()
    line = (
        f"{name:<10} {len(new):>5} docs  ingest {parsed - started:7.1f} s"
        f"  analyse {analysed - parsed:7.1f} s"
    )
    if resolve:
        resolve_corpus(store, gazetteer, new)
        line += f"  resolve {time.perf_counter() - analysed:7.1f} s"
    print(line, flush=True)
    return new


def runs(args: argparse.Namespace) -> Iterator[tuple[str, list[RawItem]]]:
    wikinews = wikinews_items(args.data, args.wikinews)
    held = wikinews[len(wikinews) - args.hold_out :] if args.hold_out else []
    yield "polnear", polnear_items(args.data, args.polnear)
    yield "ecbplus", ecbplus_items(args.data, args.ecbplus)
    yield "wikinews", wikinews[: len(wikinews) - len(held)]
    if held:
        yield f"add {len(held)}", held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--polnear", type=int, default=None)
    parser.add_argument("--ecbplus", type=int, default=None)
    parser.add_argument("--wikinews", type=int, default=None)
    parser.add_argument("--hold-out", type=int, default=0)
    parser.add_argument("--no-resolve", action="store_true")
    args = parser.parse_args()
    gazetteer = Gazetteer.build()
    with Store.open(args.db) as store:
        for name, items in runs(args):
            run(name, store, items, gazetteer, resolve=not args.no_resolve)


if __name__ == "__main__":
    main()
