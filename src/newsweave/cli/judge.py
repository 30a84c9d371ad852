"""Analyst judgements that change the store: ``forget``, ``merge``, ``split``, ``review``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from newsweave.cli.common import (
    DEFAULT_DB,
    DbOption,
    _as_error,
    _fail,
    _open_existing,
    _open_store,
    _print_records,
    _table,
    out,
)
from newsweave.errors import NewsweaveError
from newsweave.store.sqlite import Store

if TYPE_CHECKING:
    from newsweave.resolve.review import ReviewSide


def forget(
    document: Annotated[str, typer.Argument(help="Document id (or a unique prefix of it).")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Remove a document and everything derived from it alone; entities, claims and story
    events it touched are recomputed."""
    from newsweave.resolve.corpus import after_forget

    try:
        with _open_existing(db) as store:
            removed = store.forget(document)
            after_forget(store)
    except NewsweaveError as error:
        raise _fail(error) from None
    out.print(f"forgot {removed}")


def merge(
    first: Annotated[str, typer.Argument(help="Entity (or actor) id.")],
    second: Annotated[str, typer.Argument(help="Entity (or actor) id to merge into the first.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Analyst judgement: FIRST and SECOND are one actor. Survives every re-resolution."""
    from newsweave.resolve.entity_judgements import merge as merge_entities

    try:
        with _open_store(db) as store:
            merged = merge_entities(store, first, second)
    except (NewsweaveError, KeyError, ValueError) as error:
        raise _fail(_as_error(error, f"{first} {second}")) from None
    out.print(f"merged into {merged}")


def split(
    entity: Annotated[str, typer.Argument(help="Entity id.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Analyst judgement: the actors of ENTITY are all different. Survives re-resolution."""
    from newsweave.resolve.entity_judgements import split as split_entity

    try:
        with _open_store(db) as store:
            parts = split_entity(store, entity)
    except (NewsweaveError, KeyError, ValueError) as error:
        raise _fail(_as_error(error, entity)) from None
    out.print(f"split into {len(parts)} entities: {', '.join(parts)}")


def review(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show this many pairs.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    accept: Annotated[
        tuple[str, str] | None,
        typer.Option("--accept", metavar="A B", help="Analyst: A and B are one actor."),
    ] = None,
    reject: Annotated[
        tuple[str, str] | None,
        typer.Option("--reject", metavar="A B", help="Analyst: A and B are different actors."),
    ] = None,
) -> None:
    """List entity pairs the resolver was unsure about, best score first; --accept or
    --reject one pair. Analyst judgements survive re-resolution."""
    if accept and reject:
        raise _fail(NewsweaveError("NW401", "review", "give --accept or --reject, not both"))
    try:
        with _open_store(db) as store:
            if accept or reject:
                _judge(store, accept, reject)
                return
            _print_review(store, limit, as_json)
    except (NewsweaveError, KeyError, ValueError) as error:
        pair = " ".join(accept or reject or ("review",))
        raise _fail(_review_error(error, pair)) from None


def _judge(store: Store, accept: tuple[str, str] | None, reject: tuple[str, str] | None) -> None:
    from newsweave.resolve import review as judging

    if accept:
        out.print(f"accepted: merged into {judging.accept(store, *accept)}")
    elif reject:
        count = judging.reject(store, *reject)
        out.print(f"rejected: kept apart ({count} analyst judgements)")


def _print_review(store: Store, limit: int, as_json: bool) -> None:

    from newsweave.resolve.review import review_items

    items = review_items(store, limit)
    if as_json:
        _print_records(items)
        return
    table = _table(
        ("score", "A", "B", "why"),
        title=f"{len(items)} pairs to review (newsweave review --accept/--reject A B)",
    )
    for item in items:
        why = ", ".join(f"{k.split('@')[0]}={v}" for k, v in item.features.items() if v)
        table.add_row(f"{item.score:.2f}", _review_side(item.left), _review_side(item.right), why)
    out.print(table)


def _review_side(side: ReviewSide) -> str:
    sample = escape((side.sample or "")[:160])
    head = escape(f"{side.name} ({side.type}, {side.documents} docs)")
    return f"{head}\n{side.entity}\n[dim]{sample}[/dim]"


def _review_error(error: Exception, subject: str) -> NewsweaveError:
    if isinstance(error, ValueError) and not isinstance(error, NewsweaveError):
        return NewsweaveError("NW205", subject, str(error))
    return _as_error(error, subject)
