"""Shared helpers of the pipeline tests: a run of the whole pipeline into a fresh store
and its ``newsweave/1`` export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsweave.export.json import export_json
from newsweave.pipeline import Executor, RunReport, ingest, resolve
from newsweave.settings import Settings
from newsweave.store.sqlite import Store
from tests.conftest import EXAMPLES

CORPUS = EXAMPLES / "corpus"


def example_settings() -> Settings:
    return Settings().replace("analyze.gazetteer_files", (EXAMPLES / "gazetteer.csv",))


def run_into(
    db: Path, sources: list[str], executor: str | Executor, settings: Settings | None = None
) -> tuple[RunReport, Any]:
    """Ingest ``sources`` into ``db`` with ``executor``, resolve, export."""
    settings = settings or example_settings()
    with Store.open(db) as store:
        report = ingest(sources, store, settings, executor=executor, follow_links=False)
        resolve(store, settings)
        return report, export_json(store)
