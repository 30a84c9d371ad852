"""What every command shares: the app, its consoles, the common options, opening a store,
error lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperOption

from newsweave import __version__
from newsweave.errors import NewsweaveError
from newsweave.settings import Settings, from_env
from newsweave.store.sqlite import Store

T = TypeVar("T")

app = typer.Typer(
    name="newsweave",
    help="Weave news and analysis articles into one sourced model of the world they describe.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


out = Console()


err = Console(stderr=True)


def _flag_type(self: TyperOption, ctx: Any) -> str | None:
    """No ``<bool>`` placeholder after a flag in ``--help``: it takes no value."""
    if self.is_flag:
        return None
    return _OPTION_TYPE(self, ctx)


_OPTION_TYPE = TyperOption.display_type_rich


TyperOption.display_type_rich = _flag_type  # type: ignore[method-assign]


def _print_version(value: bool) -> None:
    if value:
        out.print(f"newsweave {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Print the version and exit.",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Weave news and analysis articles into one sourced model of the world they describe."""


DbOption = Annotated[
    Path,
    typer.Option(
        "--db",
        envvar="NEWSWEAVE_DB",
        help="The SQLite store (env NEWSWEAVE_DB).",
        show_default=True,
    ),
]


DEFAULT_DB = Path("newsweave.db")


GazetteerOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--gazetteer",
        help="Extra places file (CSV: name,aliases,kind,lat,lon,country); repeatable.",
    ),
]


def _settings(db: Path | None = None) -> Settings:
    settings = from_env()
    if db is not None:
        settings = settings.replace("store.path", db)
    return settings


def _say_error(line: str) -> None:
    """One error line on stderr, never wrapped (scripts grep these)."""
    err.print(line, markup=False, highlight=False, soft_wrap=True)


def _fail(error: NewsweaveError) -> typer.Exit:
    _say_error(error.line())
    return typer.Exit(code=1)


def _open_store(db: Path) -> Store:
    return Store.open(db)


def _open_read(db: Path) -> Store:
    """An existing store for a read command: NW250 when there is none (nothing is created),
    pending migrations applied once when the file can be written, then read-only."""
    Store.upgrade(db)
    return Store.open_read(db, busy_timeout=30.0)


def _open_existing(db: Path) -> Store:
    """An existing store to change (never a new one): NW250 when there is none."""
    if not db.exists():
        raise NewsweaveError("NW250", str(db), f"no store at {db}; run `newsweave ingest` first")
    return Store.open(db)


def _read_failure(error: Exception, db: Path) -> typer.Exit:
    """A damaged or unreadable store during a read command: one NW line, exit 1."""
    import sqlite3

    if isinstance(error, NewsweaveError):
        return _fail(error)
    if isinstance(error, sqlite3.DatabaseError):
        text = str(error)
        code = "NW256" if "malformed" in text or "corrupt" in text else "NW203"
        return _fail(NewsweaveError(code, str(db), text))
    raise error


def _dump(data: object) -> None:
    """JSON on stdout, whole and unwrapped (pipes and ``jq`` read it)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n")


def _as_error(error: Exception, subject: str) -> NewsweaveError:
    if isinstance(error, NewsweaveError):
        return error
    return NewsweaveError("NW204", subject, str(error) or type(error).__name__)


def _table(columns: Sequence[str], title: str, **options: Any) -> Table:
    """A table for the terminal with these columns (rows added by the caller)."""
    table = Table(title=title, **options)
    for column in columns:
        table.add_column(column)
    return table


def _print_records(records: Sequence[Any]) -> None:
    """Records (dataclasses) as one JSON array on stdout, coloured on a terminal."""
    out.print_json(json.dumps([asdict(r) for r in records], ensure_ascii=False))


def _read(db: Path, read: Callable[[Store], T]) -> T:
    """What ``read`` returns from the existing store at ``db`` (opened read-only); a missing,
    damaged or unreadable store is one NW line and exit 1."""
    try:
        with _open_read(db) as store:
            return read(store)
    except Exception as error:
        raise _read_failure(error, db) from None
