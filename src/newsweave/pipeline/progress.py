"""Progress of a pipeline run on standard error: a live line on a terminal, otherwise one
plain line every ``pipeline.progress_seconds`` (documents done, words/s, errors), so logs
of long runs show that the run goes on; and a line when corpus resolution starts and ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from types import TracebackType

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsweave.pipeline.runner import Tally


def describe(tally: Tally) -> str:
    """One progress line."""
    return (
        f"{tally.phase}: {tally.inputs:,} inputs read, {tally.stored:,} new documents, "
        f"{tally.analysed:,} analysed, {tally.words_per_second:,.0f} words/s, "
        f"{tally.errors:,} errors, {tally.seconds:,.0f} s"
    )


class ProgressLines:
    """Shows a run's progress; use as a context manager, pass :meth:`update` as the
    runner's progress hook."""

    def __init__(
        self,
        console: Console,
        *,
        quiet: bool,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.console = console
        self.quiet = quiet
        self.interval = interval
        self.clock = clock
        self.live = not quiet and console.is_terminal
        self._last = clock()
        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            disable=not self.live,
            transient=True,
        )
        self._task = self._bar.add_task("starting")

    def __enter__(self) -> ProgressLines:
        self._bar.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._bar.__exit__(exc_type, exc, tb)

    def update(self, tally: Tally) -> None:
        if self.quiet:
            return
        if self.live:
            self._bar.update(self._task, description=describe(tally))
            return
        now = self.clock()
        if now - self._last >= self.interval:
            self._last = now
            self.say(describe(tally))

    def say(self, line: str) -> None:
        """A line of its own (not while quiet)."""
        if not self.quiet:
            self.console.print(line, markup=False, highlight=False, soft_wrap=True)


class Ticker:
    """While a step without its own progress runs (corpus resolution), one line every
    ``interval`` seconds with the time it has taken so far; use as a context manager."""

    def __init__(self, say: Callable[[str], None], label: str, interval: float) -> None:
        self.say = say
        self.label = label
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._started = time.monotonic()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.say(f"{self.label}: {time.monotonic() - self._started:,.0f} s")

    def __enter__(self) -> Ticker:
        if self.interval > 0:
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
