"""Write export files and folders atomically: a reader never sees half an export.

Everything is written under a temporary name next to the target and renamed over it at
the end, so a failure (or a kill) leaves any earlier export in place and no partial file
under the final name.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from newsweave.errors import NewsweaveError


@contextmanager
def atomic_file(path: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """A text file (UTF-8) that appears at ``path`` only when the block ends without error."""
    path = Path(path)
    _check_parent(path)
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            "w",
            encoding="utf-8",
            dir=path.parent,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
            newline=newline,
        ) as handle:
            temporary = Path(handle.name)
            yield handle  # type: ignore[misc]
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _file_mode(path))
        os.replace(temporary, path)
        temporary = None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path next to ``path`` (for writers that take a file name), renamed over
    ``path`` when the block ends without error."""
    path = Path(path)
    _check_parent(path)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


@contextmanager
def atomic_dir(path: Path) -> Iterator[Path]:
    """A temporary folder next to ``path`` that replaces ``path`` when the block succeeds.

    An existing ``path`` must be a folder (an earlier export): it is replaced whole, so no
    table of an earlier export survives beside the new ones."""
    path = Path(path)
    _check_parent(path)
    if path.exists() and not path.is_dir():
        raise NewsweaveError("NW402", str(path), "exists and is not a folder")
    temporary = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    try:
        yield temporary
        os.chmod(temporary, 0o755)
        if path.exists():
            old = path.with_name(f".{path.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(path, old)
            os.replace(temporary, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(temporary, path)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _file_mode(path: Path) -> int:
    """Keep the permissions of the file being replaced; a new file gets rw-r--r--."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o644


def _check_parent(path: Path) -> None:
    """Refuse a target whose folder is missing or not writable, before any work."""
    parent = path.parent
    if not parent.is_dir():
        raise NewsweaveError("NW402", str(path), f"no folder {parent}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise NewsweaveError("NW402", str(path), f"the folder {parent} is not writable")
