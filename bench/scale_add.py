"""Cost of adding a few documents to a resolved archive vs into an empty store.

    .venv/bin/python bench/scale_add.py prepare --db /tmp/exp/big2/big.db --work /tmp/add
    .venv/bin/python bench/scale_add.py measure --db /tmp/exp/big2/big.db --work /tmp/add
        [--repeat 3] [--check]

``prepare`` copies the analysed store and resolves it with this code, all but its last
``--hold-out`` Wikinews articles (the runs of ``bench/scale_resolve.py``): ``base.db``.
``measure`` then, in one process (the gazetteer and the lemmatizer loaded once, as in a
long ingest):

- resolves the held-out documents into an empty store (their documents only), once cold
  and ``--repeat`` times warm;
- adds them to a copy of ``base.db`` (``--repeat`` times, a fresh copy each time);

and prints the CPU seconds of each, by step (places, entities, claims, story events), with
the ratio the issue targets (adding / warm empty store, best of each). ``--check`` also
resolves the added store whole and compares (``identical: True``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from scale_resolve import copy, runs

from newsweave.analyze.gazetteer import Gazetteer
from newsweave.resolve.corpus import CorpusReport, resolve_corpus
from newsweave.resolve.snapshot import snapshot
from newsweave.store.sqlite import Store


def _steps(report: CorpusReport) -> str:
    steps: dict[str, float] = getattr(report, "cpu", {})  # older code: no steps
    return " ".join(f"{k} {v:.2f}" for k, v in steps.items())


def prepare(db: Path, work: Path, hold_out: int) -> None:
    with Store.open(db) as source:
        plan = runs(source, hold_out, None)
    held = plan[-1][1]
    every = [d for _, ids in plan for d in ids]
    rest = [d for d in every if d not in set(held)]
    copy(db, work / "base.db", every)
    with Store.open(work / "base.db") as store:  # the held-out documents stay unresolved
        started = time.process_time()
        resolve_corpus(store, Gazetteer.build(), rest)
        print(f"base: {len(rest)} documents resolved in {time.process_time() - started:.1f} s CPU")
    (work / "held.json").write_text(json.dumps(held))


def measure(db: Path, work: Path, repeat: int, check: bool) -> None:
    held: list[str] = json.loads((work / "held.json").read_text())
    gazetteer = Gazetteer.build()

    def empty() -> tuple[float, CorpusReport]:
        copy(db, work / "empty.db", held)
        with Store.open(work / "empty.db") as store:
            started = time.process_time()
            report = resolve_corpus(store, gazetteer, held)
            return time.process_time() - started, report

    cold, report = empty()
    print(f"empty store, cold   {cold:6.2f} s CPU  ({_steps(report)})", flush=True)
    alone = []
    for _ in range(repeat):
        seconds, report = empty()
        alone.append(seconds)
        print(f"empty store, warm   {seconds:6.2f} s CPU  ({_steps(report)})", flush=True)
    added = []
    for _ in range(repeat):
        for stale in ("added.db-wal", "added.db-shm"):  # of an interrupted run
            (work / stale).unlink(missing_ok=True)
        shutil.copy(work / "base.db", work / "added.db")
        with Store.open(work / "added.db") as store:
            started = time.process_time()
            report = resolve_corpus(store, gazetteer, held)
            added.append(time.process_time() - started)
        print(f"added to the store  {added[-1]:6.2f} s CPU  ({_steps(report)})", flush=True)
    print(
        f"{len(held)} documents: added {min(added):.2f} s, empty store {min(alone):.2f} s warm"
        f" ({cold:.2f} s cold): ratio {min(added) / min(alone):.1f} warm,"
        f" {min(added) / cold:.2f} cold"
    )
    if check:
        with Store.open(work / "added.db") as store:
            incremental = snapshot(store)
            resolve_corpus(store, gazetteer, full=True)
            print(f"identical: {snapshot(store) == incremental}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("prepare", "measure"))
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/scale-add"))
    parser.add_argument("--hold-out", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.mode == "prepare":
        prepare(args.db, args.work, args.hold_out)
    else:
        measure(args.db, args.work, args.repeat, args.check)


if __name__ == "__main__":
    main()
