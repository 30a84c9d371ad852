"""Per-document analysis speed against spaCy's own ``nlp.pipe`` (printed, not a test).

    .venv/bin/python bench/analysis_bench.py [--data ../shared/data] [--processes 2]

Takes the PolNeAR article texts (train+dev+test, up to ``--limit``), turns each into a
Document, and times in the same run: (1) spaCy's ``nlp.pipe`` over the same texts with the
same batch size and processes; (2) newsweave's whole per-document analysis (our sentence
component, names, chains, titles, times, figures, quotes) over them. Prints articles/s,
words/s, peak memory and the ratio of the two times.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from newsweave.analyze.gazetteer import Gazetteer
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import contexts, masked_text
from newsweave.analyze.run import analyze
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import RawItem
from newsweave.model import Document


def documents(data: Path, limit: int) -> list[Document]:
    docs: list[Document] = []
    for split in ("test", "dev", "train"):
        for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
            if len(docs) >= limit:
                return docs
            text = path.read_text(encoding="utf-8")
            docs.append(parse(RawItem(path.name, text, "text"), min_words=0))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    docs = documents(args.data, args.limit)
    words = sum(d.word_count for d in docs)
    nlp = load()
    gazetteer = Gazetteer.build()
    texts = [masked_text(d) for d in docs]

    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.processes):
        pass
    spacy_seconds = time.perf_counter() - started

    started = time.perf_counter()
    facts = 0
    stream = contexts(docs, nlp, batch_size=args.batch_size, n_process=args.processes)
    for ctx in stream:
        result = analyze(ctx, gazetteer)
        facts += len(result.mentions) + len(result.times) + len(result.figures)
        facts += len(result.quotes)
    ours_seconds = time.perf_counter() - started

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(docs)} PolNeAR articles, {words:,} words, {args.processes} processes")
    for name, seconds in (("spaCy nlp.pipe", spacy_seconds), ("newsweave analysis", ours_seconds)):
        print(
            f"{name:<20} {seconds:7.1f} s  {len(docs) / seconds:6.1f} articles/s"
            f"  {words / seconds:8.0f} words/s"
        )
    print(f"ratio newsweave / spaCy: {ours_seconds / spacy_seconds:.2f}  ({facts:,} facts)")
    print(f"peak memory (main process) {peak:.0f} MB")


if __name__ == "__main__":
    main()
