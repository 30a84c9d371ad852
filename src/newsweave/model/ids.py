"""Deterministic, content-hash identifiers."""

from __future__ import annotations

import hashlib


def content_id(prefix: str, *parts: str) -> str:
    """Return ``prefix`` + the first 16 hex digits of the SHA-256 of ``parts``.

    The same content always gets the same id, on any machine, in any run: this is what
    makes re-ingesting idempotent and lets Dask workers compute ids independently.
    """
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:16]}"


def fact_id(prefix: str, document: str, start: int, end: int) -> str:
    """Id of a fact of one document, from where it stands: ``f`` figures, ``q`` quotes,
    ``e`` events."""
    return content_id(prefix, document, str(start), str(end))
