"""Start-up of the commands that need no spaCy: `newsweave --help` and `newsweave status`
(printed, not a test).

    .venv/bin/python bench/startup_bench.py [--db STORE] [--runs 5]

Runs each command ``--runs`` times in a fresh process and prints the best and median wall
time and the CPU time (user + system) of each, and which heavy modules (spaCy, thinc,
numpy, dask) importing the CLI loads (none should). On a shared machine the wall time
includes waiting for a core; the CPU time is close to the wall time of an idle machine.
Without ``--db`` the example corpus is ingested into a temporary store first.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("spacy", "thinc", "numpy", "dask", "distributed")


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "newsweave.cli"]
    probe = "import sys, newsweave.cli; print(sorted(m for m in %r if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe % (HEAVY,)], check=True, capture_output=True, text=True
    ).stdout.strip()
    print(f"heavy modules imported by the CLI: {loaded}")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "example.db"
            corpus = Path(__file__).resolve().parent.parent / "examples" / "corpus"
            subprocess.run([*cli, "ingest", str(corpus), "--db", str(db), "-q"], check=True)
        for name, command in (("--help", [*cli, "--help"]), ("status", [*cli, "status"])):
            if name == "status":
                command += ["--db", str(db)]
            runs = [timed(command) for _ in range(args.runs)]
            walls = [w for w, _ in runs]
            cpus = [c for _, c in runs]
            print(
                f"newsweave {name:<7} wall best {min(walls):.2f} s, median "
                f"{statistics.median(walls):.2f} s; CPU median {statistics.median(cpus):.2f} s"
            )


if __name__ == "__main__":
    main()
