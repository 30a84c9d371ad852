"""Whole `newsweave ingest` against spaCy's own ``nlp.pipe``, in the same run (printed,
not a test).

    .venv/bin/python bench/pipeline_ingest_bench.py [--data ../shared/data] [--limit 300]
        [--workers 2] [--profile FILE]

Writes ``--limit`` PolNeAR articles to a JSONL file, then runs (1) spaCy's ``nlp.pipe``
with the same small pipeline, ``--workers`` processes and batch size over the same texts,
and (2) ``newsweave ingest FILE --workers N`` (read → parse → analyse → store → resolve)
into a fresh store, each in its own process tree. Prints for each: seconds, words/s,
peak resident memory of the whole process tree (sampled every 0.1 s) and CPU used as a
share of the cores' time; then the ratio of the two times. ``--profile`` also runs the
ingest with cProfile on the runner process (the workers' time shows as waiting).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SPACY_PASS = """
import sys, json
from newsweave.analyze.nlp import load
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = load()
n = sum(1 for _ in nlp.pipe(texts, batch_size=int(sys.argv[3]), n_process=int(sys.argv[2])))
assert n == len(texts)
"""


def write_corpus(data: Path, target: Path, limit: int) -> int:
    """``limit`` PolNeAR articles as JSONL; returns their words."""
    words = written = 0
    with target.open("w", encoding="utf-8") as out:
        for split in ("train", "dev", "test"):
            for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
                if written >= limit:
                    return words
                title, _, body = path.read_text("utf-8").strip().partition("\n")
                record = {"text": body.strip(), "title": title.strip()}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                words += len(body.split())
                written += 1
    return words


def tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and all its descendants, in MB."""
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1])
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                    todo.extend(int(p) for p in handle.read().split())
        except (OSError, ValueError):
            continue
    return total * os.sysconf("SC_PAGE_SIZE") / 1_048_576


def measure(command: list[str]) -> tuple[float, float, float]:
    """(seconds, peak tree RSS in MB, CPU seconds) of one command's process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode not in (0, 1):
        sys.exit(f"{command[:4]} failed: {stderr.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, peak[0], cpu


def report(name: str, words: int, seconds: float, peak: float, cpu: float) -> None:
    cores = os.cpu_count() or 1
    print(
        f"{name:<34} {seconds:7.1f} s  {words / seconds:8.0f} words/s  peak RSS {peak:6.0f} MB"
        f"  CPU {100 * cpu / seconds:4.0f}% of {100 * cores}% ({cpu:.1f} CPU s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--profile", type=Path, help="also profile the runner into FILE")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "polnear.jsonl"
        words = write_corpus(args.data, corpus, args.limit)
        print(f"{args.limit} PolNeAR articles, {words:,} words, {args.workers} workers")
        spacy = [sys.executable, "-c", SPACY_PASS, str(corpus), str(args.workers)]
        spacy.append(str(args.batch_size))
        s_time, s_peak, s_cpu = measure(spacy)
        report("spaCy nlp.pipe", words, s_time, s_peak, s_cpu)
        ingest = [sys.executable, "-m", "newsweave.cli", "ingest", str(corpus), "-q"]
        ingest += ["--db", str(Path(tmp) / "bench.db"), "--workers", str(args.workers)]
        i_time, i_peak, i_cpu = measure(ingest)
        report("newsweave ingest (whole)", words, i_time, i_peak, i_cpu)
        print(f"ratio ingest / spaCy: {i_time / s_time:.2f}x")
        print(f"ratio of CPU seconds (process trees; robust to load): {i_cpu / s_cpu:.2f}x")
        if args.profile:
            profiled = [sys.executable, "-m", "cProfile", "-o", str(args.profile)]
            profiled += [*ingest[1:-4], "--db", str(Path(tmp) / "profile.db")]
            profiled += ["--workers", str(args.workers)]
            p_time, _, _ = measure(profiled)
            print(f"profiled run {p_time:.1f} s -> {args.profile}")


if __name__ == "__main__":
    main()
