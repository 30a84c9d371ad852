"""Export benchmark: every format from one store, with its time and the process's peak memory.

    python bench/export_bench.py --db STORE [--out DIR]

Prints one line per format (seconds, what was written, peak RSS so far) and the store's size,
for docs/performance.md. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from newsweave.export.formats import FORMATS, export
from newsweave.store.sqlite import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="the store to export")
    parser.add_argument("--out", type=Path, default=None, help="folder for the exports")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="newsweave-export-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    with Store.open(args.db) as store:
        status = store.status()
        print(f"store {args.db}: {status.documents} documents")
        total = 0.0
        for name in FORMATS:
            target = out / {"ftm": "corpus.ftm.json"}.get(name, f"corpus.{name}")
            started = time.perf_counter()
            report = export(store, name, target)
            elapsed = time.perf_counter() - started
            total += elapsed
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{name:8} {elapsed:7.1f} s  peak RSS {peak:6.0f} MiB  {report.summary()}")
        print(f"all formats: {total:.1f} s")
    if args.out is None:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
