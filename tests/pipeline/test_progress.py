"""Progress when standard error is not a terminal: one plain line every few seconds with
documents done, words/s and errors (logs of long runs show the run goes on)."""

from __future__ import annotations

import io
import threading

from rich.console import Console

from newsweave.pipeline.progress import ProgressLines, Ticker, describe
from newsweave.pipeline.runner import Tally


def test_one_line_every_interval_off_a_terminal() -> None:
    now = [0.0]
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=False, width=200)
    tally = Tally(started=0.0)
    with ProgressLines(console, quiet=False, interval=5.0, clock=lambda: now[0]) as lines:
        for step in range(1, 21):  # 20 updates over 10 s
            now[0] = step * 0.5
            tally.analysed, tally.words, tally.errors = step, step * 700, step // 10
            lines.update(tally)
    printed = buffer.getvalue().splitlines()
    assert len(printed) == 2
    assert "10 analysed" in printed[0] and "20 analysed" in printed[1]
    assert "words/s" in printed[0] and "1 errors" in printed[0]


def test_quiet_prints_nothing() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=False)
    with ProgressLines(console, quiet=True, interval=0.0) as lines:
        lines.update(Tally())
        lines.say("resolving")
    assert buffer.getvalue() == ""


def test_describe_names_phase_and_counts() -> None:
    tally = Tally(phase="analysing", inputs=3, stored=2, analysed=1, errors=1)
    line = describe(tally)
    assert line.startswith("analysing: 3 inputs read, 2 new documents, 1 analysed")


def test_ticker_says_how_long_a_step_has_run() -> None:
    said: list[str] = []
    with Ticker(said.append, "resolving the corpus", 0.05):
        deadline = threading.Event()
        while len(said) < 2:
            deadline.wait(0.01)
    count = len(said)
    threading.Event().wait(0.15)
    assert len(said) == count  # stopped with the step
    assert said[0].startswith("resolving the corpus: ") and said[0].endswith(" s")
