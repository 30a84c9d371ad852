"""Peak memory of a whole `newsweave ingest`, per process of its tree (printed, not a test).

    .venv/bin/python bench/ingest_memory_bench.py [--data ../shared/data] [--limit 300]
        [--workers 2] [--source polnear|wikinews] [--db FILE]

Writes ``--limit`` articles (PolNeAR texts, or the 295 Wikinews articles) to a JSONL file and runs
``newsweave ingest FILE --workers N`` into a fresh store (or a copy of ``--db``), sampling
every 0.1 s each process of the command's tree: resident memory (RSS) and proportional
memory (PSS: a page shared by k processes counts 1/k in each, so the sum of PSS is the
memory the tree really takes; the sum of RSS counts pages shared by fork several times).
Prints the peak of the sums, the peak of each process and in which phase (pipeline or
corpus resolution) the peak of the sum fell, and the command's exit code with the last
lines of its standard error (1 when some inputs were refused, e.g. too short: NW106).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline_ingest_bench import write_corpus


def write_wikinews(data: Path, target: Path, limit: int) -> int:
    """``limit`` Wikinews articles (both CSV files, with their dates) as JSONL; returns
    their words."""
    words = written = 0
    with target.open("w", encoding="utf-8") as out:
        for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
            with (data / "wikinews" / name).open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    if written >= limit:
                        return words
                    record = {
                        "text": row["text"],
                        "title": row["title"],
                        "published": row["date"],
                        "url": row["url"],
                    }
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    words += len(row["text"].split())
                    written += 1
    return words


def children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found.extend(int(p) for p in handle.read().split())
    except OSError:
        pass
    return found


def tree(root: int) -> list[int]:
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children(pid))
    return out


def rss_pss_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


@dataclass
class Peaks:
    rss_sum: float = 0.0
    pss_sum: float = 0.0
    rss_phase: str = ""
    per_process: dict[int, tuple[float, float]] = field(default_factory=dict)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--source", choices=("polnear", "wikinews"), default="polnear")
    parser.add_argument("--db", type=Path, help="ingest into a copy of this store")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write = write_corpus if args.source == "polnear" else write_wikinews
        words = write(args.data, corpus, args.limit)
        db = Path(tmp) / "bench.db"
        if args.db:
            shutil.copy(args.db, db)
        print(f"{args.limit} {args.source} texts, {words:,} words, {args.workers} workers")
        command = [sys.executable, "-m", "newsweave.cli", "ingest", str(corpus)]
        command += ["--db", str(db), "--workers", str(args.workers)]
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        peaks = Peaks()
        phase = ["pipeline"]

        tail: list[str] = []

        def watch_stderr() -> None:
            assert process.stderr is not None
            for line in process.stderr:
                if "resolv" in line.lower():
                    phase[0] = "resolution"
                tail[:] = [*tail[-4:], line.rstrip()]

        def sample() -> None:
            while process.poll() is None:
                rss_sum = pss_sum = 0.0
                for pid in tree(process.pid):
                    rss, pss = rss_pss_kb(pid)
                    rss_sum += rss / 1024
                    pss_sum += pss / 1024
                    old = peaks.per_process.get(pid, (0.0, 0.0))
                    peaks.per_process[pid] = (max(old[0], rss / 1024), max(old[1], pss / 1024))
                if rss_sum > peaks.rss_sum:
                    peaks.rss_sum, peaks.rss_phase = rss_sum, phase[0]
                peaks.pss_sum = max(peaks.pss_sum, pss_sum)
                time.sleep(0.1)

        threads = [threading.Thread(target=f, daemon=True) for f in (watch_stderr, sample)]
        for thread in threads:
            thread.start()
        process.wait()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
        print(f"exit {process.returncode} after {seconds:.1f} s; last lines of its stderr:")
        for line in tail:
            print(f"  | {line}")
        print(f"peak sum of RSS {peaks.rss_sum:6.0f} MB (during {peaks.rss_phase})")
        print(f"peak sum of PSS {peaks.pss_sum:6.0f} MB")
        for pid, (rss, pss) in peaks.per_process.items():
            role = "runner" if pid == process.pid else "worker"
            print(f"  {role} {pid}: peak RSS {rss:6.0f} MB, peak PSS {pss:6.0f} MB")


if __name__ == "__main__":
    main()
