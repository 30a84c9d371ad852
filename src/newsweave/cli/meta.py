"""Commands about newsweave itself: ``eval``, ``errors``, ``settings``, ``version``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsweave import __version__
from newsweave.cli.common import (
    _dump,
    _fail,
    _say_error,
    _settings,
    _table,
    err,
    out,
)
from newsweave.errors import CATALOGUE, NewsweaveError
from newsweave.settings import iter_fields


def evaluate(
    task: Annotated[
        str,
        typer.Argument(
            help="Task to measure: extraction, ner, times, times-tbaq, figures, quotes,"
            " events, wikievents, meantime, geo, coref, roles, ask, or all."
        ),
    ] = "all",
    data: Annotated[
        Path | None,
        typer.Option(help="Folder of the gold sets (env NEWSWEAVE_DATA; default ../shared/data)."),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Use only the first N items.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 when a score is below its floor.")
    ] = False,
) -> None:
    """Measure quality against the public gold sets and print one table."""
    from newsweave.evaluate.harness import TASKS, check_floors, run_tasks

    settings = _settings()
    data_dir = data or settings.eval.data_dir
    names = list(TASKS) if task == "all" else [task]
    if any(name not in TASKS for name in names):
        raise _fail(NewsweaveError("NW401", task, f"tasks: {', '.join(TASKS)}, all"))
    try:
        rows = run_tasks(names, data_dir, limit=limit, console=err)
    except NewsweaveError as error:
        raise _fail(error) from None
    if as_json:
        out.print_json(json.dumps([row.as_dict() for row in rows]))
    else:
        table = _table(
            ("task", "system", "metric", "value", "floor"), title=f"newsweave eval ({data_dir})"
        )
        for row in rows:
            floor = "" if row.floor is None else f"{row.floor:.3f}"
            table.add_row(row.task, row.system, row.metric, f"{row.value:.3f}", floor)
        out.print(table)
    if check:
        failures = check_floors(rows)
        for failure in failures:
            _say_error(failure.line())
        if failures:
            raise typer.Exit(code=1)


def list_errors(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the error catalogue: every code newsweave can print."""
    if as_json:
        _dump([{"code": s.code, "title": s.title, "hint": s.hint} for s in CATALOGUE.values()])
        return
    table = _table(("code", "title", "hint"), title="newsweave errors")
    for spec in CATALOGUE.values():
        table.add_row(spec.code, spec.title, spec.hint)
    out.print(table)


def list_settings(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List every setting with its default and meaning."""
    rows = iter_fields(_settings())
    if as_json:
        _dump([{"setting": n, "value": v, "meaning": d} for n, v, d in rows])
        return
    table = _table(("setting", "default", "meaning"), title="newsweave settings")
    for name, value, doc in rows:
        table.add_row(name, str(value), doc)
    out.print(table)


def version(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print the version."""
    if as_json:
        _dump({"version": __version__})
        return
    out.print(__version__)
