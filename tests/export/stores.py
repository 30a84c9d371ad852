"""The example corpus store, shared by the export tests (ingested once per run), and its
``newsweave/1`` object."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from newsweave.export.json import export_json
from newsweave.store.sqlite import Store
from tests.ask.test_ask import example_store


def example_db() -> Path:
    """The example corpus, ingested, analysed and resolved (see tests/ask)."""
    return example_store()


@functools.cache
def example_model() -> dict[str, Any]:
    """The ``newsweave/1`` object of the example corpus."""
    with Store.open(example_db()) as store:
        return export_json(store)
