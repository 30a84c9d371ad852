"""The eval harness: run quality tasks on the gold sets, compare with floors.

Each task returns rows (task, system, metric, value). Floors live in ``floors.yaml`` next
to this module and only ever move up: ``newsweave eval --check`` (and the test suite) fail
when a newsweave score drops below its floor.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.progress import Progress, TaskID

from newsweave.errors import NewsweaveError


@dataclass(frozen=True)
class Row:
    task: str
    system: str
    metric: str
    value: float
    floor: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


Task = Callable[[Path, int | None, Callable[[], None]], list[Row]]
"""A task: (data folder, limit, progress tick) → rows. Newsweave's own rows use system
``newsweave``; comparison systems (plain spaCy, plain trafilatura…) their own names."""


def _extraction(data_dir: Path, limit: int | None, tick: Callable[[], None]) -> list[Row]:
    from newsweave.evaluate.extraction import evaluate

    rows: list[Row] = []
    for scores in evaluate(data_dir, limit=limit, progress=tick):
        for metric in ("precision", "recall", "f1", "accuracy"):
            rows.append(Row("extraction", scores.system, metric, getattr(scores, metric)))
    return rows


def _lazy(module: str, function: str = "run") -> Task:
    """A task whose module (``newsweave.evaluate.<module>``) is imported only when it runs."""

    def task(data_dir: Path, limit: int | None, tick: Callable[[], None]) -> list[Row]:
        loaded = importlib.import_module(f"newsweave.evaluate.{module}")
        rows: list[Row] = getattr(loaded, function)(data_dir, limit, tick)
        return rows

    return task


TASKS: dict[str, Task] = {
    "extraction": _extraction,
    "ner": _lazy("conll"),
    "times": _lazy("tempeval"),
    "times-tbaq": _lazy("tempeval", "run_tbaq"),
    "figures": _lazy("newsquant"),
    "quotes": _lazy("polnear"),
    "events": _lazy("plover"),
    "wikievents": _lazy("wikievents"),
    "meantime": _lazy("meantime"),
    "geo": _lazy("geoparsing"),
    "coref": _lazy("ecbplus"),
    "roles": _lazy("roles"),
    "ask": _lazy("ask_questions"),
}
TASK_SIZES: dict[str, int] = {
    "extraction": 181,
    "ner": 231,
    "times": 20,
    "times-tbaq": 256,
    "figures": 590,
    "quotes": 84,
    "events": 322,
    "wikievents": 40,
    "meantime": 120,
    "geo": 788,
    "coref": 43,
    "roles": 50,
    "ask": 60,
}


def floors() -> dict[str, dict[str, float]]:
    """``{task: {metric: floor}}`` for newsweave's own scores."""
    text = resources.files("newsweave.evaluate").joinpath("floors.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return {task: {k: float(v) for k, v in metrics.items()} for task, metrics in data.items()}


def run_tasks(
    names: list[str], data_dir: Path, *, limit: int | None = None, console: Console | None = None
) -> list[Row]:
    """Run the named tasks; newsweave rows carry their floor (when not limited)."""
    if not data_dir.is_dir():
        raise NewsweaveError("NW301", str(data_dir), "folder not found")
    known = floors()
    rows: list[Row] = []
    with Progress(console=console, transient=True, disable=console is None) as progress:
        for name in names:
            bar = progress.add_task(name, total=limit or TASK_SIZES.get(name))

            def tick(bar: TaskID = bar) -> None:
                progress.advance(bar)

            found = TASKS[name](data_dir, limit, tick)
            for row in found:
                floor = known.get(name, {}).get(row.metric) if row.system == "newsweave" else None
                rows.append(
                    Row(row.task, row.system, row.metric, row.value, None if limit else floor)
                )
    return rows


@dataclass(frozen=True)
class FloorFailure:
    row: Row

    def line(self) -> str:
        return NewsweaveError(
            "NW302",
            f"{self.row.task}/{self.row.metric}",
            f"{self.row.value:.4f} is below the floor {self.row.floor:.4f}",
        ).line()


def check_floors(rows: list[Row]) -> list[FloorFailure]:
    return [FloorFailure(r) for r in rows if r.floor is not None and r.value < r.floor]
