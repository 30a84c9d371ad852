"""Corpus resolution at archive scale: full vs incremental, on copies of an analysed store.

    .venv/bin/python bench/scale_resolve.py --db /tmp/scale.db [--work /tmp/scale-work]
        [--hold-out 10] [--limit N]

The store is one built by ``bench/scale_build.py --no-resolve`` (analysed, not resolved).
On one copy the whole corpus is resolved at once (``resolve_corpus(full=True)``). On another
the documents are resolved in the runs a user would ingest them in (PolNeAR, ECB+,
Wikinews without the last ``--hold-out`` articles, then those), each run incremental; the
final entities and story events must be identical to the full resolution's (printed as
``identical: True``). Each run's CPU time is also measured into an empty store (its documents
alone) for the ratio the issue targets. Times on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsweave.analyze.gazetteer import Gazetteer
from newsweave.resolve.corpus import resolve_corpus
from newsweave.resolve.snapshot import snapshot
from newsweave.store.sqlite import Store

RESOLUTION_TABLES = (
    "story_event_members",
    "story_events",
    "entity_members",
    "entities",
    "conflicts",
    "claim_members",
    "claims",
)
"""Entities, story events, claims (with members) and conflicts, emptied in a copy (a claim
left from the source store's resolution collides with the same claim found again)."""


def copy(source: Path, target: Path, documents: list[str] | None = None) -> None:
    """``source`` into ``target`` without any resolution (and only ``documents``)."""
    target.unlink(missing_ok=True)
    with Store.open(source) as store:
        store.connection.execute("VACUUM INTO ?", (str(target),))
    with Store.open(target) as store, store.transaction() as conn:
        if documents is not None:
            conn.execute(
                "DELETE FROM documents WHERE id NOT IN (SELECT value FROM json_each(?))",
                (_json(documents),),
            )
        conn.execute("DELETE FROM judgements")
        conn.execute("DELETE FROM actor_keys")
        for table in RESOLUTION_TABLES:
            conn.execute(f"DELETE FROM {table}")


def _json(items: list[str]) -> str:
    return json.dumps(items)


def runs(store: Store, hold_out: int, limit: int | None) -> list[tuple[str, list[str]]]:
    rows = store.connection.execute("SELECT id, source FROM documents ORDER BY seq").fetchall()
    rows = rows[:limit] if limit else rows
    groups: dict[str, list[str]] = {"polnear": [], "ecbplus": [], "wikinews": []}
    for doc_id, source in rows:
        name = str(source).split(":", 1)[0]
        key = name if name in groups else "wikinews"
        groups[key].append(str(doc_id))
    held = groups["wikinews"][len(groups["wikinews"]) - hold_out :] if hold_out else []
    groups["wikinews"] = groups["wikinews"][: len(groups["wikinews"]) - len(held)]
    found = [(name, ids) for name, ids in groups.items() if ids]
    if held:
        found.append((f"add {len(held)}", held))
    return found


def timed(store: Store, gazetteer: Gazetteer, ids: list[str] | None, full: bool) -> float:
    """CPU seconds of one resolution (wall time on a shared machine measures the others)."""
    started = time.process_time()
    resolve_corpus(store, gazetteer, ids, full=full)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/scale-work"))
    parser.add_argument("--hold-out", type=int, default=10)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--empty-max", type=int, default=10**9, help="Empty-store timings only for runs this small."
    )
    parser.add_argument("--split", type=int, default=1, help="Cut each run into N runs.")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    gazetteer = Gazetteer.build()
    with Store.open(args.db) as source:
        plan = runs(source, args.hold_out, args.limit)
    if args.split > 1:
        plan = [
            (f"{name}/{i + 1}", ids[i * len(ids) // args.split : (i + 1) * len(ids) // args.split])
            for name, ids in plan
            for i in range(args.split)
        ]
    every = [d for _, ids in plan for d in ids]
    full_db, inc_db, empty_db = (args.work / n for n in ("full.db", "inc.db", "empty.db"))

    copy(args.db, full_db, every)
    with Store.open(full_db) as store:
        seconds = timed(store, gazetteer, None, True)
        full = snapshot(store)
    actors = sum(len(m) for _, m in full[0])
    print(
        f"full       {len(every):>5} docs {actors:>6} actors  resolve {seconds:7.1f} s CPU",
        flush=True,
    )

    copy(args.db, inc_db, every)
    with Store.open(inc_db) as store:
        for name, ids in plan:
            seconds = timed(store, gazetteer, ids, False)
            line = f"{name:<10} {len(ids):>5} docs  resolve {seconds:7.1f} s CPU"
            if len(ids) <= args.empty_max:
                copy(args.db, empty_db, ids)
                with Store.open(empty_db) as empty:
                    alone = timed(empty, gazetteer, ids, False)
                line += f"  into an empty store {alone:7.1f} s  ratio {seconds / alone:5.2f}"
            print(line, flush=True)
        incremental = snapshot(store)
    print(
        f"identical: {incremental == full}  (entities {len(full[0])} vs {len(incremental[0])},"
        f" story events {len(full[1])} vs {len(incremental[1])},"
        f" claims {len(full[2])} vs {len(incremental[2])}, same claims {full[2] == incremental[2]},"
        f" same conflicts {full[3] == incremental[3]})"
    )
    if incremental != full:
        only_full = sorted(full[0] - incremental[0], key=lambda e: -len(e[1]))[:5]
        only_inc = sorted(incremental[0] - full[0], key=lambda e: -len(e[1]))[:5]
        print("entities only in full:", [(k, sorted(v)[:4]) for k, v in only_full])
        print("entities only in incremental:", [(k, sorted(v)[:4]) for k, v in only_inc])


if __name__ == "__main__":
    main()
