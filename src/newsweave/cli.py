"""The ``newsweave`` command: thin wrappers over the Python API."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.core import TyperOption

from newsweave import __version__
from newsweave.errors import CATALOGUE, NewsweaveError
from newsweave.model.facts import DocAnalysis
from newsweave.settings import Settings, from_env, iter_fields
from newsweave.store.sqlite import Store

if TYPE_CHECKING:
    from newsweave.ingest.pipeline import Outcome
    from newsweave.pipeline import Hooks, RunReport
    from newsweave.resolve.review import ReviewSide

app = typer.Typer(
    name="newsweave",
    help="Weave news and analysis articles into one sourced model of the world they describe.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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


DaskOption = Annotated[
    str | None,
    typer.Option(
        "--dask",
        help="Parse and analyse on a Dask cluster: a scheduler address (tcp://HOST:8786) or "
        "local:N (a local cluster of N workers, started and stopped here). Needs the "
        "optional extra newsweave[dask].",
    ),
]


WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        help="Worker processes that parse and analyse (0: analyze.processes, which picks one "
        "per core, at most 2, for jobs of more than 50 inputs; 1: all in this process).",
    ),
]


def _executor(dask: str | None, workers: int) -> str | None:
    if dask:
        return f"dask:{dask}"
    if workers == 1:
        return "local"
    return f"processes:{workers}" if workers > 1 else None


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


@app.command()
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (recursive), globs, http(s) URLs, RSS/Atom feeds, "
            "WARC (.warc, .warc.gz), JSONL/JSON, or - for standard input. File types: "
            ".html .htm .txt .md .json .jsonl .warc .warc.gz .rss .atom .xml.",
        ),
    ],
    db: DbOption = DEFAULT_DB,
    no_follow: Annotated[
        bool, typer.Option("--no-follow", help="Do not fetch the pages feed items link to.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
    no_analyze: Annotated[
        bool, typer.Option("--no-analyze", help="Store only; analyse later with `analyze`.")
    ] = False,
    gazetteer: GazetteerOption = None,
    dask: DaskOption = None,
    workers: WorkersOption = 0,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Fetch from loopback and private-network addresses too "
            "(fetch.allow_private; refused by default, NW125).",
        ),
    ] = False,
) -> None:
    """Read articles into the store: clean text, segments by role, metadata; analyse the
    new documents (actors, dates, figures, quotes) while reading; then resolve the corpus.

    Each failing input gets one error line (code, input, reason) and the batch goes on;
    the exit status is 1 when any input failed. Re-running is safe: stored documents are
    recognised by their content hash, documents left unanalysed by an interrupted run are
    analysed, and a corpus resolution cut short is done again.
    """
    from newsweave.pipeline import ingest as run_ingest

    settings = _with_gazetteer(_settings(db), gazetteer)
    if allow_private:
        settings = settings.replace("fetch.allow_private", True)
    executor = _executor(dask, workers)
    try:
        store = _open_store(db)
    except NewsweaveError as error:
        raise _fail(error) from None
    stdin = sys.stdin.buffer if "-" in sources else None
    with store:
        try:
            report = _with_progress(
                settings,
                quiet,
                lambda hooks: run_ingest(
                    sources,
                    store,
                    settings,
                    executor=executor,
                    follow_links=not no_follow,
                    stdin=stdin,
                    analyse=not no_analyze,
                    hooks=hooks,
                ),
            )
            if not quiet:
                _print_ingest_summary(report.outcomes, store)
                _print_analysis(report)
            _resolve(store, settings, quiet=quiet)
        except NewsweaveError as error:
            raise _fail(error) from None
    if not report.ok:
        raise typer.Exit(code=1)


def _with_gazetteer(settings: Settings, files: list[Path] | None) -> Settings:
    if not files:
        return settings
    return settings.replace("analyze.gazetteer_files", tuple(files))


def _with_progress(settings: Settings, quiet: bool, run: Callable[[Hooks], RunReport]) -> RunReport:
    """Run a pipeline step with progress lines and one line per failure on stderr."""
    from newsweave.pipeline import Hooks
    from newsweave.pipeline.progress import ProgressLines

    def outcome(result: Outcome) -> None:
        if result.error is not None:
            _say_error(result.error.line())

    def document(doc_id: str, error: NewsweaveError | None) -> None:
        if error is not None:
            line = error.line()
            _say_error(line.replace("error ", "warning ", 1) if error.code == "NW115" else line)

    with ProgressLines(err, quiet=quiet, interval=settings.pipeline.progress_seconds) as lines:
        return run(Hooks(outcome=outcome, document=document, progress=lines.update))


def _print_analysis(report: RunReport) -> None:
    if report.analysed or report.skipped or report.errors:
        out.print(
            f"analysed {report.analysed} documents"
            + (f", {report.skipped} not English" if report.skipped else "")
            + (f", {len(report.errors)} failed" if report.errors else "")
            + f" ({report.executor})"
        )


def _resolve(store: Store, settings: Settings, *, quiet: bool, force: bool = False) -> None:
    """Weave the analysed documents into the corpus model (entities, places, claims,
    story events) when it is out of date, with a line when it starts and when it ends."""
    import time

    from newsweave.pipeline import resolve

    started = time.monotonic()

    def announce() -> None:
        if not quiet:
            err.print("resolving the corpus ...", markup=False, highlight=False)

    from newsweave.pipeline.progress import Ticker

    def say(line: str) -> None:
        err.print(line, markup=False, highlight=False)

    quiet_ticks = quiet or settings.pipeline.progress_seconds <= 0
    interval = 0.0 if quiet_ticks else settings.pipeline.progress_seconds
    with Ticker(say, "resolving the corpus", interval):
        report = resolve(store, settings, force=force, on_start=announce)
    if report is not None and not quiet:
        out.print(
            f"corpus: {report.entities} entities, {report.places} places located, "
            f"{report.claims} claims ({report.conflicts} conflicts), "
            f"{report.story_events} story events ({time.monotonic() - started:.1f} s)"
        )


@app.command()
def analyze(
    db: DbOption = DEFAULT_DB,
    everything: Annotated[
        bool, typer.Option("--all", help="Re-analyse every document, not only pending ones.")
    ] = False,
    retry_failed: Annotated[
        bool,
        typer.Option(
            "--retry-failed",
            help="Also analyse documents whose analysis failed before (they are skipped "
            "otherwise).",
        ),
    ] = False,
    gazetteer: GazetteerOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
    workers: WorkersOption = 0,
) -> None:
    """Analyse stored documents whose analysis is missing or outdated: actors and their
    titles, time expressions, figures, quotes; then resolve the corpus if it is out of
    date. `ingest` does this by itself. A document whose analysis failed is skipped by
    later runs until --retry-failed."""
    from newsweave.pipeline import analyze_store

    settings = _with_gazetteer(_settings(db), gazetteer)
    try:
        with _open_store(db) as store:
            ids = [d.id for d in store.iter_documents()] if everything else None
            report = _with_progress(
                settings,
                quiet,
                lambda hooks: analyze_store(
                    store,
                    settings,
                    ids=ids,
                    retry_failed=retry_failed,
                    executor=_executor(None, workers),
                    hooks=hooks,
                ),
            )
            if not quiet:
                _print_analysis(report)
                _print_held_back(store, retry_failed)
            _resolve(store, settings, quiet=quiet, force=everything)
    except NewsweaveError as error:
        raise _fail(error) from None
    if report.errors:
        raise typer.Exit(code=1)


def _print_held_back(store: Store, retried: bool) -> None:
    from newsweave.store.analysis import failures

    held = failures(store)
    if held and not retried:
        _say_error(
            f"warning NW144 {len(held)} documents whose analysis failed earlier were skipped "
            f"({CATALOGUE['NW144'].hint})"
        )


def _print_ingest_summary(outcomes: Sequence[Outcome], store: Store) -> None:
    counts = Counter(o.status for o in outcomes)
    status = store.status()
    table = Table(title="ingest", show_header=False)
    table.add_row("new documents", str(counts.get("new", 0)))
    table.add_row("near-duplicates (linked)", str(counts.get("near-duplicate", 0)))
    table.add_row("already stored", str(counts.get("duplicate", 0)))
    table.add_row("errors", str(counts.get("failed", 0)))
    table.add_row("store: documents", str(status.documents))
    table.add_row("store: words", f"{status.words:,}")
    for role, count in sorted(status.segments.items()):
        table.add_row(f"store: {role} segments", str(count))
    out.print(table)


@app.command()
def status(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print counts: documents, words, segments by role, near-duplicates, errors, and the
    facts found (entities, events, story events, quotes, relations, figures, claims)."""
    from dataclasses import asdict

    from newsweave.store.queries import fact_counts

    try:
        with _open_read(db) as store:
            result = store.status()
            errors = store.errors()
            facts = fact_counts(store)
    except Exception as error:
        raise _read_failure(error, db) from None
    data = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(result).items()}
    data["facts"] = facts
    if as_json:
        _dump(data)
        return
    table = Table(title=f"newsweave store {db}", show_header=False)
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "none"
        table.add_row(key.replace("_", " "), str(value))
    out.print(table)
    for row in errors:
        _say_error(f"last error {row.code} {row.source}: {row.reason}")


@app.command()
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


@app.command()
def show(
    document: Annotated[str, typer.Argument(help="Document id (or a unique prefix of it).")],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON: the document and its facts.")
    ] = False,
) -> None:
    """Print a document: its metadata, its segments marked by role, and the facts found in
    it (actors with titles, time expressions, figures, quotes)."""
    from newsweave.store.analysis import load_analysis

    try:
        with _open_read(db) as store:
            doc = store.get_document(document)
            analysis = load_analysis(store, doc.id)
            if as_json:
                from newsweave.export.json import document_json
                from newsweave.serve.document_page import facts_of

                data = document_json(doc, store.document_sources(doc.id))
                data["segments"] = [
                    {"role": s.role.value, "start": s.start, "end": s.end} for s in doc.segments
                ]
                data["facts"] = facts_of(store.connection, doc.id)[1]
                _dump(data)
                return
    except Exception as error:
        raise _read_failure(error, db) from None
    out.print(f"[bold]{escape(doc.title or '(untitled)')}[/bold]")
    published = doc.published.iso() if doc.published else "undated"
    if doc.date and doc.date.inferred:
        published += f" (inferred from {doc.date.source})"
    meta = [
        doc.id,
        doc.publisher or "?",
        ", ".join(doc.authors) or "?",
        published,
        doc.language or "?",
        doc.genre,
        doc.source,
    ]
    out.print(" · ".join(meta), markup=False, highlight=False)
    for segment in doc.segments:
        out.print(f"[dim]{segment.role.value:>12}[/dim] ", end="")
        out.print(doc.segment_text(segment), markup=False, highlight=False)
    if analysis is not None:
        _print_facts(analysis)


def _print_facts(analysis: DocAnalysis) -> None:
    """Actors, dates, figures, quotes, events and relations of one document."""
    from newsweave.model.ids import fact_id

    for note in analysis.notes:
        out.print(f"[yellow]{note}[/yellow]")
    names = {a.id: a.name for a in analysis.actors}
    table = Table(title="actors", show_lines=False)
    for column in ("name", "type", "mentions", "titles", "aliases"):
        table.add_column(column)
    for actor in sorted(analysis.actors, key=lambda a: -a.mentions):
        titles = "; ".join(dict.fromkeys(t.text for t in actor.titles))
        table.add_row(actor.name, actor.type, str(actor.mentions), titles, ", ".join(actor.aliases))
    out.print(table)
    table = Table(title="time expressions")
    for column in ("text", "value", "type", "anchor", "at"):
        table.add_column(column)
    for time in analysis.times:
        table.add_row(time.span.text, time.value, time.type, time.anchor, str(time.span.start))
    out.print(table)
    table = Table(title="figures")
    for column in ("text", "value", "qualifier", "unit", "what", "claimed by", "part of", "at"):
        table.add_column(column)
    figure_texts = {
        fact_id("f", analysis.document, f.span.start, f.span.end): f.span.text
        for f in analysis.figures
    }
    for fig in analysis.figures:
        value = f"{fig.value:g}" if fig.low is None else f"{fig.low:g}–{fig.high:g}"
        claimant = names.get(fig.claimed_by or "", fig.claimed_by_text or "")
        table.add_row(
            fig.span.text,
            value,
            fig.qualifier or "",
            fig.unit or "",
            fig.what or "",
            claimant,
            figure_texts.get(fig.part_of or "", ""),
            str(fig.span.start),
        )
    out.print(table)
    table = Table(title="quotes")
    for column in ("speaker", "verb", "kind", "quote"):
        table.add_column(column)
    for quote in analysis.quotes:
        speaker = names.get(quote.speaker or "", quote.speaker_text or "?")
        kind = "direct" if quote.direct else "indirect"
        table.add_row(speaker, quote.verb or "", kind, quote.span.text)
    out.print(table)
    table = Table(title="events")
    for column in ("type", "mode", "date", "modality", "actors", "targets", "place", "label"):
        table.add_column(column)
    for event in analysis.events:
        actors = ", ".join([names.get(a, a) for a in event.actors] + list(event.actor_texts))
        targets = ", ".join([names.get(a, a) for a in event.targets] + list(event.target_texts))
        place = names.get(event.place or "", event.place_text or "")
        date = f"{event.date or ''} ({event.date_source})"
        table.add_row(
            event.type, event.mode or "", date, event.modality, actors, targets, place, event.label
        )
    out.print(table)
    table = Table(title="relations")
    for column in ("subject", "predicate", "object", "qualifier", "time"):
        table.add_column(column)
    for rel in analysis.relations:
        obj = names.get(rel.object or "", rel.object_text or "")
        table.add_row(
            names.get(rel.subject, rel.subject),
            rel.predicate,
            obj,
            rel.qualifier or "",
            rel.time or "",
        )
    out.print(table)


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. PROTEST.")] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Actor name (part of it), as actor or target.")
    ] = None,
    start: Annotated[str | None, typer.Option("--from", help="First date, YYYY[-MM[-DD]].")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date, YYYY[-MM[-DD]].")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List events (who did what to whom, when and where) in date order, with evidence."""
    from dataclasses import asdict

    from newsweave.store.queries import list_events

    try:
        with _open_read(db) as store:
            rows = list_events(store, type=type, actor=actor, start=start, end=end)
    except Exception as error:
        raise _read_failure(error, db) from None
    if as_json:
        out.print_json(json.dumps([asdict(r) for r in rows], ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} events")
    for column in ("date", "type", "mode", "modality", "actors", "targets", "place", "label"):
        table.add_column(column)
    for r in rows:
        date = f"{r.date or '?'}" + (" (published)" if r.date_source == "publication" else "")
        table.add_row(
            date,
            r.type,
            r.mode or "",
            r.modality,
            ", ".join(r.actors),
            ", ".join(r.targets),
            r.place or "",
            r.label,
        )
    out.print(table)


@app.command()
def relations(
    entity: Annotated[str, typer.Argument(help="Actor name, or part of it.")],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the ties of an actor: family, offices, memberships, allies, employers, places."""
    from dataclasses import asdict

    from newsweave.store.queries import relations_of

    try:
        with _open_read(db) as store:
            rows = relations_of(store, entity)
    except Exception as error:
        raise _read_failure(error, db) from None
    if as_json:
        out.print_json(json.dumps([asdict(r) for r in rows], ensure_ascii=False))
        return
    table = Table(title=f"relations of {entity!r}")
    for column in ("subject", "predicate", "object", "qualifier", "time", "document"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            r.subject,
            r.predicate,
            r.object or "",
            r.qualifier or "",
            r.time or "",
            r.document_id[:10],
        )
    out.print(table)


@app.command()
def entities(
    db: DbOption = DEFAULT_DB,
    name: Annotated[
        str | None, typer.Option("--name", help="Words a name or alias starts with.")
    ] = None,
    type: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, GPE, …")] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", help="How many entities (0: all, streamed).")
    ] = 100,
    page: Annotated[int, typer.Option("--page", help="Which page of LIMIT entities.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List entities across documents (ids for merge/split), largest first, one page at a
    time (--limit 0 streams them all, a batch at a time)."""
    from dataclasses import asdict

    from newsweave.store.queries import entity_ids, entity_pages

    size = max(0, limit)
    try:
        with _open_read(db) as store:
            ids, total = entity_ids(
                store,
                type=type,
                name=name,
                offset=(max(1, page) - 1) * size,
                limit=size or None,
            )
            records = entity_pages(store, ids)
            if as_json:
                # a JSON array written record by record: memory stays one batch
                sys.stdout.write("[")
                for index, record in enumerate(records):
                    sys.stdout.write(",\n" if index else "\n")
                    sys.stdout.write(json.dumps(asdict(record), ensure_ascii=False, default=str))
                sys.stdout.write("\n]\n" if ids else "]\n")
                sys.stdout.flush()
                return
            shown = f"{len(ids)} of {total}" if len(ids) < total else str(total)
            table = Table(title=f"{shown} entities")
            for column in ("id", "name", "type", "documents", "mentions", "aliases", "titles"):
                table.add_column(column)
            for r in records:
                titles = "; ".join(list(dict.fromkeys(t.text for t in r.titles))[:4])
                table.add_row(
                    r.id,
                    r.name,
                    r.type,
                    str(len(r.documents)),
                    str(r.mentions),
                    ", ".join(r.aliases[:5]),
                    titles,
                )
    except Exception as error:
        raise _read_failure(error, db) from None
    out.print(table)


@app.command()
def merge(
    first: Annotated[str, typer.Argument(help="Entity (or actor) id.")],
    second: Annotated[str, typer.Argument(help="Entity (or actor) id to merge into the first.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Analyst judgement: FIRST and SECOND are one actor. Survives every re-resolution."""
    from newsweave.resolve.entities import merge as merge_entities

    try:
        with _open_store(db) as store:
            merged = merge_entities(store, first, second)
    except (NewsweaveError, KeyError, ValueError) as error:
        raise _fail(_as_error(error, f"{first} {second}")) from None
    out.print(f"merged into {merged}")


@app.command()
def split(
    entity: Annotated[str, typer.Argument(help="Entity id.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Analyst judgement: the actors of ENTITY are all different. Survives re-resolution."""
    from newsweave.resolve.entities import split as split_entity

    try:
        with _open_store(db) as store:
            parts = split_entity(store, entity)
    except (NewsweaveError, KeyError, ValueError) as error:
        raise _fail(_as_error(error, entity)) from None
    out.print(f"split into {len(parts)} entities: {', '.join(parts)}")


@app.command()
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
    from dataclasses import asdict

    from newsweave.resolve.review import review_items

    items = review_items(store, limit)
    if as_json:
        out.print_json(json.dumps([asdict(i) for i in items], ensure_ascii=False))
        return
    table = Table(title=f"{len(items)} pairs to review (newsweave review --accept/--reject A B)")
    for column in ("score", "A", "B", "why"):
        table.add_column(column)
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


def _as_error(error: Exception, subject: str) -> NewsweaveError:
    if isinstance(error, NewsweaveError):
        return error
    return NewsweaveError("NW204", subject, str(error) or type(error).__name__)


@app.command(name="timeline")
def show_timeline(
    db: DbOption = DEFAULT_DB,
    entity: Annotated[str | None, typer.Option("--entity", help="Entity id or name.")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Place name or id.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    start: Annotated[str | None, typer.Option("--from", help="First date YYYY[-MM[-DD]].")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date YYYY[-MM[-DD]].")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every dated happening and statement in date order, with the documents that report it."""
    from dataclasses import asdict

    from newsweave.resolve.timeline import timeline

    try:
        with _open_read(db) as store:
            entries = timeline(store, entity=entity, place=place, type=type, start=start, end=end)
    except Exception as error:
        raise _read_failure(error, db) from None
    if as_json:
        out.print_json(json.dumps([asdict(e) for e in entries], ensure_ascii=False))
        return
    table = Table(title=f"timeline ({len(entries)} entries)")
    for column in ("date", "kind", "type", "text", "documents"):
        table.add_column(column)
    for e in entries:
        table.add_row(e.date, e.kind, e.type or "", e.text[:120], str(len(e.documents)))
    out.print(table)


@app.command(name="figures")
def list_figures(
    db: DbOption = DEFAULT_DB,
    what: Annotated[
        str | None, typer.Option("--what", help="Keep quantities containing this.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the claims of the corpus: value, hedge, claimants, conflicts and sources."""
    from dataclasses import asdict

    from newsweave.resolve.claims_list import list_claims

    try:
        with _open_store(db) as store:
            claims = list_claims(store, what=what)
    except NewsweaveError as error:
        raise _fail(error) from None
    if as_json:
        out.print_json(json.dumps([asdict(c) for c in claims], ensure_ascii=False))
        return
    table = Table(title=f"{len(claims)} claims")
    for column in ("what", "value", "unit", "place", "as of", "status", "claimants", "sources"):
        table.add_column(column)
    by_id = {c.id: c for c in claims}
    for c in claims:
        against = "; ".join(f"{x.kind} {x.value:g}" for x in c.conflicts)
        wholes = [by_id[w] for w in c.part_of if w in by_id]
        part = "; ".join(f"part of {w.hedged_value} {w.what}" for w in wholes)
        table.add_row(
            c.what,
            c.hedged_value + (f" ({against})" if against else "") + (f" ({part})" if part else ""),
            c.unit or "",
            c.place or "",
            c.as_of or "",
            c.status,
            ", ".join(c.claimants),
            str(len({s.document for s in c.sources})),
        )
    out.print(table)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question in plain words.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many passages.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (see DESIGN.md).")] = False,
) -> None:
    """Answer QUESTION from the stored facts (a claim, event, quote or title, with the
    sentences stating it) and with passages of stored documents, best first, each with its
    document, offsets and score, plus the entities and events they involve."""
    from newsweave.ask import ask as run_ask

    try:
        with _open_read(db) as store:
            result = run_ask(store, question, limit=limit)
    except Exception as error:
        raise _read_failure(error, db) from None
    if as_json:
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=1) + "\n")
        return
    if result.fact is not None:
        out.print(f"answer: {result.fact.text}", markup=False, highlight=False)
        for cited in result.fact.citations:
            out.print(
                f"   from {cited.document[:10]} [{cited.start}:{cited.end}] {cited.text[:100]}",
                markup=False,
                highlight=False,
            )
    if not result.answers:
        out.print("no passage answers this question")
        return
    for rank, answer in enumerate(result.answers, start=1):
        out.print(f"{rank}. {answer.text}", markup=False, highlight=False)
        out.print(
            f"   {answer.title or answer.document} · {answer.document[:10]}"
            f" [{answer.start}:{answer.end}] · score {answer.score:.3f}",
            markup=False,
            highlight=False,
        )
    if result.entities:
        out.print("entities: " + ", ".join(e["name"] for e in result.entities), markup=False)


@app.command()
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


@app.command()
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


@app.command()
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


@app.command(name="eval")
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
        table = Table(title=f"newsweave eval ({data_dir})")
        for column in ("task", "system", "metric", "value", "floor"):
            table.add_column(column)
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


@app.command(name="errors")
def list_errors(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the error catalogue: every code newsweave can print."""
    if as_json:
        _dump([{"code": s.code, "title": s.title, "hint": s.hint} for s in CATALOGUE.values()])
        return
    table = Table(title="newsweave errors")
    for column in ("code", "title", "hint"):
        table.add_column(column)
    for spec in CATALOGUE.values():
        table.add_row(spec.code, spec.title, spec.hint)
    out.print(table)


@app.command(name="settings")
def list_settings(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List every setting with its default and meaning."""
    rows = iter_fields(_settings())
    if as_json:
        _dump([{"setting": n, "value": v, "meaning": d} for n, v, d in rows])
        return
    table = Table(title="newsweave settings")
    for column in ("setting", "default", "meaning"):
        table.add_column(column)
    for name, value, doc in rows:
        table.add_row(name, str(value), doc)
    out.print(table)


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Entity or actor id of the speaker.")
    ] = None,
    text: Annotated[str | None, typer.Option("--text", help="Words in the quote.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many quotes.")] = 50,
    page: Annotated[int, typer.Option("--page", help="Which page of LIMIT quotes.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List quotes, newest first, with their speaker (unverified when the speaker found is
    not a person or an organisation), document and sentence."""
    from newsweave.serve.common import Paging
    from newsweave.serve.lists import quotes as list_quotes

    try:
        with _open_read(db) as store:
            data = list_quotes(
                store.connection, Paging.of(page, limit, "date", 50), speaker=speaker, q=text
            )
    except Exception as error:
        raise _read_failure(error, db) from None
    if as_json:
        _dump(data)
        return
    info = data["paging"]
    table = Table(title=f"quotes {info['first']}–{info['last']} of {info['total']}")
    for column in ("date", "speaker", "quote", "document"):
        table.add_column(column)
    for q in data["quotes"]:
        who = (q["speaker"] or {}).get("name") or "?"
        if q["speaker"] and not q["speaker_verified"]:
            who += " (unverified)"
        table.add_row(q["date"] or "", who, q["text"][:160], q["document"]["id"][:10])
    out.print(table)


@app.command()
def version(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print the version."""
    if as_json:
        _dump({"version": __version__})
        return
    out.print(__version__)


def main() -> None:
    app(prog_name="newsweave")


if __name__ == "__main__":
    main()
