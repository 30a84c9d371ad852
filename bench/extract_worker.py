"""Cost of running the body extractor in the budgeted worker process (issue 16).

Extracts every HTML page of the example corpus ROUNDS times in-process and through
``ingest.budgets.run_budgeted`` (the forked worker every ingest now uses) and prints the
mean milliseconds per page of each. Usage: ``python bench/extract_worker.py [ROUNDS]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from newsweave.ingest.budgets import run_budgeted
from newsweave.ingest.html_page import read_html
from newsweave.ingest.parse import _read_html
from newsweave.settings import IngestSettings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def main(rounds: int) -> None:
    pages = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.html"))]
    limits = IngestSettings()
    run_budgeted(_read_html, (pages[0], None), "warm-up", limits)  # fork once
    read_html(pages[0])
    timings = {"in-process": 0.0, "worker": 0.0}
    for _ in range(rounds):  # interleaved, so both see the same load on a shared machine
        for page in pages:
            started = time.perf_counter()
            read_html(page)
            middle = time.perf_counter()
            run_budgeted(_read_html, (page, None), "bench", limits)
            timings["in-process"] += middle - started
            timings["worker"] += time.perf_counter() - middle
    for name in timings:
        timings[name] *= 1000 / (rounds * len(pages))
    for name, ms in timings.items():
        print(f"{name:<11} {ms:7.1f} ms per page ({len(pages)} pages x {rounds} rounds)")
    print(f"overhead    {timings['worker'] / timings['in-process']:7.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
