"""The JSON export, format ``newsweave/1`` (see DESIGN.md, "Contract: newsweave export").

Tools outside the project read this file: the keys and meanings of the contract stay; new
keys may be added. Entities, relations, events, quotes, figures, conflicts and the timeline
are empty lists until the stages that produce them are stored.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from newsweave.model.records import Document, Evidence
from newsweave.store.sqlite import Store

FORMAT = "newsweave/1"

JSONObject = dict[str, Any]

SECTIONS = ("entities", "relations", "events", "quotes", "figures", "conflicts", "timeline")
"""The list-valued keys of the export besides ``documents``."""


def evidence_json(evidence: Evidence) -> JSONObject:
    """An Evidence as the contract's ``E`` object (``document``, ``start``, ``end``, ``text``)."""
    return {
        "document": evidence.document,
        "start": evidence.start,
        "end": evidence.end,
        "text": evidence.text,
    }


def document_json(doc: Document, sources: list[str]) -> JSONObject:
    """One entry of ``documents``: the contract's keys first, then additions."""
    published = doc.published
    return {
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "authors": list(doc.authors),
        "publisher": doc.publisher,
        "published": published.iso() if published else None,
        "language": doc.language,
        "genre": doc.genre,
        # additions to the contract
        "url": doc.url,
        "format": doc.format,
        "sources": sources,
        "near_duplicate_of": doc.near_duplicate_of,
        "date_inferred": doc.date.inferred if doc.date else None,
        "date_source": doc.date.source if doc.date else None,
        "word_count": doc.word_count,
        "segments": [{"role": s.role.value, "start": s.start, "end": s.end} for s in doc.segments],
    }


def export_json(store: Store) -> JSONObject:
    """The whole store as one ``newsweave/1`` object."""
    documents = [
        document_json(doc, store.document_sources(doc.id)) for doc in store.iter_documents()
    ]
    result: JSONObject = {"format": FORMAT, "documents": documents}
    result.update({section: [] for section in SECTIONS})
    return result


def write_json(store: Store, path: Path) -> None:
    """Write :func:`export_json` to ``path`` (UTF-8, indent 1) atomically.

    The object is written to a temporary file next to ``path`` and renamed over it, so a
    reader never sees half a file and a failure leaves any earlier export in place.
    """
    data = export_json(store)
    path = Path(path)
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            "w",
            encoding="utf-8",
            dir=path.parent,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
        ) as handle:
            temporary = Path(handle.name)
            json.dump(data, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _file_mode(path))
        os.replace(temporary, path)
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise


def _file_mode(path: Path) -> int:
    """Keep the permissions of the file being replaced; a new file gets rw-r--r--."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o644
