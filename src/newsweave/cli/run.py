"""Commands that read and analyse articles: ``ingest``, ``analyze``."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from newsweave.cli.common import (
    DEFAULT_DB,
    DbOption,
    GazetteerOption,
    _fail,
    _open_store,
    _say_error,
    _settings,
    err,
    out,
)
from newsweave.errors import CATALOGUE, NewsweaveError
from newsweave.settings import Settings
from newsweave.store.sqlite import Store

if TYPE_CHECKING:
    from newsweave.ingest.pipeline import Outcome
    from newsweave.pipeline import Hooks, RunReport

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


def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (recursive), globs, http(s) URLs, RSS/Atom feeds, "
            "WARC (.warc, .warc.gz), JSONL/JSON, CSV/TSV tables, or - for standard input. "
            "File types: .html .htm .txt .md .json .jsonl .csv .tsv .warc .warc.gz .rss "
            ".atom .xml.",
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
