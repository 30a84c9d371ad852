"""Where the CPU time of a whole `newsweave ingest` goes, step by step, against spaCy's own
``nlp.pipe`` over the same texts (printed, not a test).

    .venv/bin/python bench/ingest_profile.py [--data ../shared/data] [--limit 300]
        [--no-resolve]

Runs, in ONE process (so every step is measured in CPU seconds with
``time.process_time``, whatever the load of the machine):

1. spaCy's ``nlp.pipe`` over the same texts as ``bench/pipeline_ingest_bench.py`` (same
   pipeline and batch size, one process): the baseline;
2. the real pipeline (``newsweave.pipeline.ingest`` with the in-process executor, then
   ``newsweave.pipeline.resolve``) into a fresh store, with every step wrapped in a CPU
   clock: the runner's (input hash, store writes, analysis rows), the workers' (parse,
   MinHash, spaCy + our sentence component, each analysis stage) and the cost a process
   executor adds (pickling every job and message both ways, measured by a round trip).

The steps are disjoint (an outer step's time excludes the inner steps it calls), so they
add up to the whole. Wrapping costs a few microseconds per call.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from pipeline_ingest_bench import write_corpus

CLOCK: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)
_STACK: list[float] = []
"""CPU seconds spent in the inner steps of each open step."""


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` with its CPU time (less its inner timed steps) added to ``name``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _STACK.append(0.0)
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent = time.process_time() - started
            inner = _STACK.pop()
            CLOCK[name] += spent - inner
            CALLS[name] += 1
            if _STACK:
                _STACK[-1] += spent

    return wrapper


def timed_iter(name: str, function: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """A generator function whose every step is timed as ``name``."""

    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        iterator = timed(name, lambda: iter(function(*args, **kwargs)))()
        step = timed(name, lambda: next(iterator, _END))
        while True:
            item = step()
            if item is _END:
                return
            yield item

    return wrapper


_END = object()


def patch() -> None:
    """Wrap every step of the pipeline in a CPU clock."""
    from newsweave.analyze import chains, events, figures, names, prepare, quotes, relations
    from newsweave.analyze import times as times_stage
    from newsweave.ingest import parse as parse_module
    from newsweave.pipeline import runner, work
    from newsweave.store.sqlite import Store

    stages: list[tuple[Any, str, str]] = [
        (names, "extract_actors", "stage names (+ actors)"),
        (chains, "make_resolver", "stage chains (resolver)"),
        (times_stage, "extract_times", "stage times"),
        (figures, "extract_figures", "stage figures"),
        (events, "extract_events", "stage events"),
        (quotes, "extract_quotes", "stage quotes"),
        (relations, "extract_relations", "stage relations"),
        (prepare, "sentences", "worker: sentences()"),
        (prepare, "masked_text", "worker: masked text"),
        (parse_module, "parse", "worker: parse"),
        (work, "signature_or_none", "worker: MinHash signature"),
        (work, "tools", "worker: load spaCy + gazetteer"),
        (runner, "input_hash", "runner: input hash"),
        (runner, "known_input", "runner: known input?"),
        (runner, "remember_input", "runner: remember input"),
        (runner, "save_analysis", "runner: save analysis rows"),
        (runner, "needs_analysis", "runner: needs analysis?"),
    ]
    for module, attribute, name in stages:
        setattr(module, attribute, timed(name, getattr(module, attribute)))
    prepare.contexts = timed_iter("worker: spaCy pipe (ours)", prepare.contexts)
    Store.add_document = timed("runner: add document", Store.add_document)  # type: ignore[method-assign]
    Store.record_error = timed("runner: record error", Store.record_error)  # type: ignore[method-assign]


class PickledInProcess:
    """The in-process executor, with every batch and message pickled and unpickled as a
    process executor's pipes do (timed as IPC)."""

    name = "in-process (pickled)"

    def run(self, batches: Iterator[Any], settings: Any) -> Iterator[Any]:
        from newsweave.pipeline.work import run_jobs

        trip = timed("IPC: pickle round trip", lambda x: pickle.loads(pickle.dumps(x, -1)))
        for batch in batches:
            for message in run_jobs(trip(batch), settings):
                yield trip(message)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--no-resolve", action="store_true")
    args = parser.parse_args()

    from newsweave.analyze.nlp import load
    from newsweave.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "polnear.jsonl"
        words = write_corpus(args.data, corpus, args.limit)
        print(f"{args.limit} PolNeAR articles, {words:,} words, one process, CPU seconds")
        import json

        texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
        started = time.process_time()
        nlp = load()
        loaded = time.process_time() - started
        started = time.process_time()
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        spacy_cpu = time.process_time() - started
        print(f"spaCy: load {loaded:.1f} s, nlp.pipe {spacy_cpu:.1f} s")

        patch()
        from newsweave import pipeline
        from newsweave.store.sqlite import Store

        settings = Settings()
        whole = time.process_time()
        with Store.open(Path(tmp) / "profile.db") as store:
            report = timed("runner: ingest (rest)", pipeline.ingest)(
                [str(corpus)], store, settings, executor=PickledInProcess()
            )
            analysed = time.process_time() - whole
            if not args.no_resolve:
                timed("resolve (resolve/*, at the end)", pipeline.resolve)(
                    store, settings, force=True
                )
        total = time.process_time() - whole
        print(f"ingest: {report.analysed} analysed, {report.ingest_failed} inputs failed")
        rows = sorted(CLOCK.items(), key=lambda kv: -kv[1])
        print(f"{'step':<36} {'CPU s':>7} {'share':>6} {'x spaCy':>8} {'calls':>7}")
        for name, seconds in rows:
            print(
                f"{name:<36} {seconds:7.2f} {100 * seconds / total:5.1f}% "
                f"{seconds / spacy_cpu:8.2f} {CALLS[name]:7d}"
            )
        print(f"{'total (ingest + resolve)':<36} {total:7.2f} 100.0% {total / spacy_cpu:8.2f}")
        share = analysed / spacy_cpu
        print(f"{'of which ingest (no resolve)':<36} {analysed:7.2f}        {share:8.2f}")


if __name__ == "__main__":
    main()
