"""How corpus resolution's cost grows with the number of documents (printed, not a test).

    .venv/bin/python bench/dask_resolve_growth.py --db STORE [--work DIR] [--steps 8 4 2 1]

Corpus resolution runs once, in the client, at the end of an ingest on any executor
(issue 20): its cost must not grow faster than n log n. ``STORE`` is an analysed store
(e.g. the 2,253-article store of ``bench/scale_build.py``; only copies are written). For
each step k, every k-th document (in ingest order, so each subset mixes the corpora as the
whole does) is copied without any resolution into ``DIR`` and the whole subset is resolved
at once (``resolve_corpus(full=True)``). Prints documents, actors, CPU seconds of the
resolving process (wall time on a shared machine measures the other jobs), and the cost
per document and per n·log2(n) relative to the smallest subset: a column that stays flat
or falls means growth no faster than that.
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

from scale_resolve import copy

from newsweave.analyze.gazetteer import Gazetteer
from newsweave.resolve.corpus import resolve_corpus
from newsweave.store.sqlite import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/resolve-growth"))
    parser.add_argument("--steps", type=int, nargs="+", default=[8, 4, 2, 1])
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    gazetteer = Gazetteer.build()
    with Store.open(args.db) as source:
        rows = source.connection.execute("SELECT id FROM documents ORDER BY seq").fetchall()
    every = [str(row[0]) for row in rows]
    base: tuple[float, float] | None = None
    print(f"{'docs':>6} {'actors':>7} {'CPU s':>8} {'ms/doc':>8} {'per n':>7} {'per n log n':>12}")
    for step in args.steps:
        ids = every[::step]
        target = args.work / f"every{step}.db"
        copy(args.db, target, ids)
        with Store.open(target) as store:
            actors = store.connection.execute("SELECT count(*) FROM actors").fetchone()[0]
            started = time.process_time()
            resolve_corpus(store, gazetteer, None, full=True)
            seconds = time.process_time() - started
        target.unlink()
        n = len(ids)
        per_n, per_nlogn = seconds / n, seconds / (n * math.log2(n))
        base = base or (per_n, per_nlogn)
        print(
            f"{n:>6} {actors:>7} {seconds:>8.1f} {1000 * per_n:>8.1f} {per_n / base[0]:>7.2f}"
            f" {per_nlogn / base[1]:>12.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
