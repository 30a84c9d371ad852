"""The Dask executor builds the same store as a local run: the example corpus ingested in
this process and with ``--dask local:2`` gives identical ``newsweave/1`` exports, also
when a worker is killed halfway (its partitions are retried)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsweave.export.json import export_json
from newsweave.pipeline import Hooks, Tally, ingest, resolve
from newsweave.pipeline.dask import DaskExecutor
from newsweave.settings import Settings
from newsweave.store.sqlite import Store
from tests.pipeline.helpers import CORPUS, example_settings, run_into

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow


def small_batches() -> Settings:
    """Partitions of 4 inputs, so the 22 example articles make several."""
    return example_settings().replace("analyze.batch_size", 4)


@pytest.fixture(scope="module")
def local_export(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = tmp_path_factory.mktemp("local") / "local.db"
    report, exported = run_into(db, [str(CORPUS)], "local", small_batches())
    assert report.ok and report.analysed >= 20
    return exported


def test_cli_dask_local_cluster_gives_the_same_export(local_export: Any, tmp_path: Path) -> None:
    """`newsweave ingest examples/corpus --dask local:2` = the in-process run."""
    db = tmp_path / "cli.db"
    command = [sys.executable, "-m", "newsweave.cli", "ingest", str(CORPUS), "--no-follow"]
    command += ["--gazetteer", str(CORPUS.parent / "gazetteer.csv"), "--db", str(db)]
    command += ["--dask", "local:2"]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with Store.open(db) as store:
        assert export_json(store) == local_export


def test_a_worker_killed_halfway_costs_only_a_retry(local_export: Any, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    settings = small_batches()
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=40
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        killed: list[int] = []

        def kill_one(tally: Tally) -> None:
            if not killed and tally.analysed >= 4:
                pids = client.run(os.getpid)
                victim = sorted(pids.values())[0]
                killed.append(victim)
                os.kill(victim, 9)

        with Store.open(tmp_path / "killed.db") as store:
            report = ingest(
                [str(CORPUS)],
                store,
                settings,
                executor=DaskExecutor(cluster.scheduler_address),
                follow_links=False,
                hooks=Hooks(progress=kill_one),
            )
            resolve(store, settings)
            exported = export_json(store)
    assert killed, "the run ended before a worker could be killed"
    assert report.ok, [e.line() for e in report.errors]
    assert exported == local_export
