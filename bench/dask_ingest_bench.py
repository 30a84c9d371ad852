"""Scale-out on Dask: `newsweave ingest --dask local:1` against `--dask local:2` over the
same real articles (printed, not a test).

    .venv/bin/python bench/dask_ingest_bench.py [--data ../shared/data] [--limit 1019]
        [--workers 1 2]

Writes ``--limit`` PolNeAR articles (all 1,019 by default) to a JSONL file and ingests it
into a fresh store once per worker count (read and store in the client; parse and
analysis on the Dask workers; corpus resolution in the client at the end). Prints
seconds, words/s of the whole command, the speed-up over the first worker count, and the
throughput per worker.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline_ingest_bench import write_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--limit", type=int, default=1019)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "polnear.jsonl"
        words = write_corpus(args.data, corpus, args.limit)
        print(f"{args.limit} PolNeAR articles, {words:,} words")
        first = None
        for workers in args.workers:
            db = Path(tmp) / f"dask{workers}.db"
            command = [sys.executable, "-m", "newsweave.cli", "ingest", str(corpus), "-q"]
            command += ["--db", str(db), "--dask", f"local:{workers}"]
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True)
            seconds = time.perf_counter() - started
            if done.returncode not in (0, 1):
                sys.exit(done.stderr[-2000:])
            first = first or seconds
            print(
                f"dask local:{workers}  {seconds:7.1f} s  {words / seconds:8.0f} words/s"
                f"  speed-up {first / seconds:4.2f}x"
                f"  {words / seconds / workers:8.0f} words/s per worker"
            )


if __name__ == "__main__":
    main()
