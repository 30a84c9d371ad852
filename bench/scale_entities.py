"""CPU of a whole corpus resolution as the end of an ingest runs it, by step: the
documents of one source of an analysed store (PolNeAR's 1,004 by default), nothing
resolved, resolved as pending documents (``resolve_corpus(store, gazetteer, None)``).

    .venv/bin/python bench/scale_entities.py --db /tmp/exp/big2/big.db --work /tmp/ent
        [--source polnear] [--profile /tmp/ent/res.prof] [--keep]

The first run writes ``WORK/source.db`` (the source's documents, resolution emptied) and
reuses it after; each run resolves a fresh copy ``WORK/run.db`` (kept with ``--keep`` for
``newsweave export``, to compare two versions of the code byte for byte). Prints CPU
seconds per step and a digest of the machine judgements. Set ``PYTHONHASHSEED`` to the same
value on both sides of a comparison. Times on a shared machine are noisy: compare CPU.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import shutil
import time
from pathlib import Path

from scale_resolve import copy

from newsweave.analyze.gazetteer import Gazetteer, geo_index
from newsweave.resolve.corpus import resolve_corpus
from newsweave.resolve.places_points import area_points
from newsweave.store.sqlite import Store


def _group(source: str) -> str:
    """The run a document belongs to, as in ``scale_resolve.runs``: polnear, ecbplus, or
    wikinews (any other source)."""
    name = source.split(":", 1)[0]
    return name if name in ("polnear", "ecbplus") else "wikinews"


def source_store(db: Path, work: Path, source: str) -> Path:
    target = work / f"{source}.db"
    if target.exists():
        return target
    with Store.open(db) as store:
        rows = store.connection.execute("SELECT id, source FROM documents ORDER BY seq")
        ids = [str(r[0]) for r in rows if _group(str(r[1])) == source]
    copy(db, target, ids)
    return target


def judgements_digest(store: Store) -> str:
    digest = hashlib.sha256()
    for row in store.connection.execute(
        "SELECT left_id, right_id, judgement, source, rank, score, features, algorithm,"
        " version FROM judgements ORDER BY 1, 2"
    ):
        digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/scale-entities"))
    parser.add_argument("--source", default="polnear")
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    base = source_store(args.db, args.work, args.source)
    run = args.work / "run.db"
    shutil.copy(base, run)
    gazetteer = Gazetteer.build()  # built up front as pipeline.resolve does
    geo_index()
    area_points()
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)  # as pipeline.fewer_collections during resolution
    with Store.open(run) as store:
        profile = cProfile.Profile(time.process_time) if args.profile else None
        started = time.process_time()
        if profile:
            profile.enable()
        report = resolve_corpus(store, gazetteer, None)
        if profile:
            profile.disable()
            profile.dump_stats(args.profile)
        spent = time.process_time() - started
        steps = " ".join(f"{k} {v:.2f}" for k, v in report.cpu.items())
        print(
            f"{args.source}: resolution {spent:.2f} CPU s ({steps}); entities {report.entities},"
            f" claims {report.claims}, story events {report.story_events};"
            f" judgements {judgements_digest(store)}"
        )
    if not args.keep:
        run.unlink()


if __name__ == "__main__":
    main()
