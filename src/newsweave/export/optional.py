"""Optional dependencies fail fast with an install hint (dlt's rule)."""

from __future__ import annotations

import importlib.util

from newsweave.errors import NewsweaveError


def require(module: str, extra: str) -> None:
    """Raise NW404 naming ``pip install 'newsweave[extra]'`` when ``module`` is missing."""
    if importlib.util.find_spec(module) is None:
        raise NewsweaveError(
            "NW404", module, f"not installed; run: pip install 'newsweave[{extra}]'"
        )
