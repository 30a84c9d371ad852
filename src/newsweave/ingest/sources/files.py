"""Local inputs: files, directories (walked recursively, sorted) and glob patterns.

A file named explicitly must have a known extension (else NW114); directory walks and globs
skip unknown extensions and hidden files or folders silently. Files larger than
``ingest.max_bytes`` are refused (NW105), WARC archives and JSONL files excepted (their
records are bounded one by one); only regular files are read (no devices or FIFOs), a
symbolic link loop is NW133, and a file reached by several links or matches is read once.
"""

from __future__ import annotations

import errno
import glob
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from newsweave.errors import NewsweaveError
from newsweave.ingest.raw import RawItem
from newsweave.ingest.sources.csvfile import iter_csv
from newsweave.ingest.sources.decode import (
    Outcome,
    decode_bytes,
    guarded,
    open_regular,
    read_limited,
    sniff_format,
)
from newsweave.ingest.sources.feeds import iter_feed_file, looks_like_feed, looks_like_json_feed
from newsweave.ingest.sources.jsonl import iter_json, iter_jsonl
from newsweave.ingest.sources.warc import iter_warc
from newsweave.settings import Settings

Kind = Literal["page", "json", "jsonl", "csv", "warc", "feed"]

KINDS: dict[str, Kind] = {
    ".html": "page",
    ".htm": "page",
    ".xhtml": "page",
    ".txt": "page",
    ".md": "page",
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
"""What each known extension is read as."""

_GLOB_CHARS = frozenset("*?[")
_SNIFF = 4096


def file_kind(path: Path) -> Kind | None:
    """How a file is read, by its extension; None for unknown extensions."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return KINDS.get(path.suffix.lower())


def iter_path(source: str, settings: Settings, *, follow_links: bool) -> Iterator[Outcome]:
    """The items of a file, a directory or a glob pattern; NW101 when nothing is there."""
    return guarded(source, _iter_path(source, settings, follow_links))


def read_file(
    path: Path, settings: Settings, *, follow_links: bool, subject: str | None = None
) -> Iterator[Outcome]:
    """The items of one file, dispatched by its extension (NW114 for unknown ones)."""
    name = subject or str(path)
    return guarded(name, _read_file(path, name, settings, follow_links))


def _iter_path(source: str, settings: Settings, follow: bool) -> Iterator[Outcome]:
    path = Path(source)
    if path.is_dir():
        yield from _iter_many(_walk(path), source, settings, follow)
    elif path.exists():
        yield from read_file(path, settings, follow_links=follow, subject=source)
    elif _GLOB_CHARS & set(source):
        yield from _iter_glob(source, settings, follow)
    elif path.is_symlink():
        _check_link(path, source)
        raise NewsweaveError("NW101", source, "a symbolic link to nothing")
    else:
        raise NewsweaveError("NW101", source, "no such file or directory")


def _iter_glob(pattern: str, settings: Settings, follow: bool) -> Iterator[Outcome]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        raise NewsweaveError("NW101", pattern, "no file matches the pattern")
    yield from _iter_many(_expand(matches), pattern, settings, follow)


def _iter_many(
    paths: Iterator[Path], source: str, settings: Settings, follow: bool
) -> Iterator[Outcome]:
    """The items of every readable file in ``paths`` (each file once, however many links
    or glob matches lead to it); NW103 if none was readable."""
    found = False
    seen: set[tuple[int, int]] = set()
    for path in paths:
        if _wanted(path):
            found = True
            identity = _identity(path)
            if identity is not None and identity in seen:
                continue
            if identity is not None:
                seen.add(identity)
            yield from read_file(path, settings, follow_links=follow)
    if not found:
        raise NewsweaveError("NW103", source, "no file of a readable type")


def _expand(matches: list[str]) -> Iterator[Path]:
    """Glob matches, with matched directories walked."""
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path


def _walk(top: Path) -> Iterator[Path]:
    """Every non-hidden file under ``top``, in a sorted, repeatable order."""
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name


def _identity(path: Path) -> tuple[int, int] | None:
    """The (device, inode) a path leads to; None when it leads nowhere (reading reports it)."""
    try:
        info = path.stat()
    except (OSError, RuntimeError):
        return None
    return info.st_dev, info.st_ino


def _check_link(path: Path, subject: str) -> None:
    """NW133 when the symbolic link at ``path`` leads round in a loop."""
    try:
        path.resolve(strict=True)
    except RuntimeError as exc:  # Python < 3.13 reports a loop this way
        raise NewsweaveError("NW133", subject, "a symbolic link loop") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NewsweaveError("NW133", subject, "a symbolic link loop") from exc


def _wanted(path: Path) -> bool:
    """Whether a file found by a walk or a glob is read: known type, and XML only if a feed."""
    kind = file_kind(path)
    if kind is None or path.name.startswith("."):
        return False
    if path.suffix.lower() != ".xml":
        return True
    try:
        with open_regular(path, str(path)) as handle:
            return looks_like_feed(handle.read(_SNIFF))
    except (OSError, NewsweaveError):
        return True  # let reading it report the problem


def _read_file(path: Path, subject: str, settings: Settings, follow: bool) -> Iterator[Outcome]:
    kind = file_kind(path)
    if kind is None:
        suffix = path.suffix or "no extension"
        raise NewsweaveError("NW114", subject, f"unknown file type ({suffix})")
    if path.is_symlink():
        _check_link(path, subject)
    if kind not in ("warc", "jsonl", "csv"):  # these are bounded record by record
        _check_size(path, subject, settings.ingest.max_bytes)
    if kind == "json" and _is_json_feed(path, subject):
        kind = "feed"
    yield from _dispatch(kind, path, subject, settings, follow)


def _is_json_feed(path: Path, subject: str) -> bool:
    """Whether a ``.json`` file is a JSON Feed (read as a feed) rather than article records."""
    with open_regular(path, subject) as handle:
        return looks_like_json_feed(handle.read(_SNIFF))


def _dispatch(
    kind: Kind, path: Path, subject: str, settings: Settings, follow: bool
) -> Iterator[Outcome]:
    if kind == "jsonl":
        return iter_jsonl(path, subject, settings.ingest.max_bytes)
    if kind == "csv":
        return iter_csv(path, subject, settings.ingest.max_bytes)
    if kind == "json":
        return iter_json(path, subject, settings.ingest.max_bytes)
    if kind == "warc":
        return iter_warc(path, subject, settings.ingest)
    if kind == "feed":
        return iter_feed_file(path, subject, settings, follow_links=follow)
    return iter([_read_page(path, subject, settings.ingest.max_bytes)])


def _read_page(path: Path, subject: str, limit: int) -> RawItem:
    text = decode_bytes(read_limited(path, subject, limit), subject)
    return RawItem(subject, text, sniff_format(text, path.name))


def _check_size(path: Path, subject: str, limit: int) -> None:
    size = path.stat().st_size
    if size > limit:
        reason = f"{size} bytes, more than ingest.max_bytes ({limit})"
        raise NewsweaveError("NW105", subject, reason)
