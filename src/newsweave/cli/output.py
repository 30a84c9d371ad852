"""Commands that hand the store to people and tools: ``export``, ``datasette``, ``serve``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsweave.cli.common import (
    DEFAULT_DB,
    DbOption,
    _fail,
    _open_read,
    _say_error,
    _settings,
    err,
    out,
)
from newsweave.errors import NewsweaveError
from newsweave.store.sqlite import Store


def export(
    target: Annotated[
        Path,
        typer.Argument(
            help="Where to write: a file (json, ftm, graphml, gexf; '-' is stdout for json) "
            "or a folder (csv, parquet)."
        ),
    ],
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="json (newsweave/1), ftm (FollowTheMoney for Aleph), graphml or gexf "
            "(Gephi, networkx), csv or parquet (tables for DuckDB, pandas).",
        ),
    ] = "json",
    entity: Annotated[
        list[str] | None,
        typer.Option(
            "--entity", help="Only facts involving this entity (id, name or alias); repeatable."
        ),
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Only facts dated on or after YYYY[-MM[-DD]].")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Only facts dated on or before YYYY[-MM[-DD]].")
    ] = None,
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--type", help="Only this entity type (PERSON, ORG, ...) or event type; repeatable."
        ),
    ] = None,
    document: Annotated[
        list[str] | None,
        typer.Option("--document", help="Only facts stated in this document (id or prefix)."),
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write the corpus model (or a selection of it) to TARGET in one of several formats
    (see docs/export.md)."""
    from newsweave.export.formats import export as write_export
    from newsweave.export.select import Selection

    for option, value in (("--from", date_from), ("--to", date_to)):
        if value is not None and not _is_partial_date(value):
            raise _fail(NewsweaveError("NW401", f"{option} {value}", "expected YYYY[-MM[-DD]]"))
    selection = Selection(
        entities=tuple(entity or ()),
        date_from=date_from,
        date_to=date_to,
        types=tuple(types or ()),
        documents=tuple(document or ()),
    )
    try:
        with _open_read(db) as store:
            report = write_export(store, format, target, selection)
    except NewsweaveError as error:
        raise _fail(error) from None
    except OSError as error:
        raise _fail(NewsweaveError("NW402", str(target), error.strerror or str(error))) from None
    if str(target) != "-":
        err.print(report.summary(), markup=False, highlight=False)


def _is_partial_date(value: str) -> bool:
    import re

    return re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) is not None


def datasette(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
    metadata: Annotated[
        Path | None,
        typer.Option(
            help="Where to write the Datasette metadata (default: beside the store, "
            "STORE.datasette.json); usable with `datasette STORE -m FILE`."
        ),
    ] = None,
) -> None:
    """Browse the store in Datasette (read-only), with every table and column described,
    names for ids, facets and full-text search (needs `pip install 'newsweave[datasette]'`)."""
    from newsweave.export.datasette import run_datasette

    target = metadata or db.with_name(db.name + ".datasette.json")
    try:
        Store.upgrade(db)  # an older store's schema (keys, views) brought up to date once
        code = run_datasette(db, target, host, port)
    except NewsweaveError as error:
        raise _fail(error) from None
    raise typer.Exit(code=code)


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free port).")] = 8765,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No line per request on stderr.")
    ] = False,
) -> None:
    """Serve the read-only web UI and its JSON API over an existing store, print the address
    and how to stop it, then one line per request (method, path, status, time)."""
    from newsweave.serve.server import run

    settings = _settings(db).serve

    def announce(url: str) -> None:
        out.print(f"newsweave UI: {url}", markup=False, highlight=False)
        out.print("read-only; stop with Ctrl-C (or SIGTERM)", markup=False, highlight=False)

    def log(line: str) -> None:
        _say_error(line)

    try:
        run(
            db,
            host=host,
            port=port,
            announce=announce,
            log=None if quiet else log,
            settings=settings,
        )
    except NewsweaveError as error:
        raise _fail(error) from None
