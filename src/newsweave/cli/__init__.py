"""The ``newsweave`` command: thin wrappers over the Python API.

One module per family of commands (common: what they share; run: ingest and analyse; read:
the store's contents; judge: analyst judgements; output: export and serve; meta: newsweave
itself); this module registers them, in the order ``--help`` lists them.
"""

from __future__ import annotations

from newsweave.cli import judge, meta, output, read, run
from newsweave.cli.common import app

app.command()(run.ingest)
app.command()(run.analyze)
app.command()(read.status)
app.command()(judge.forget)
app.command()(read.show)
app.command()(read.events)
app.command()(read.relations)
app.command()(read.entities)
app.command()(judge.merge)
app.command()(judge.split)
app.command()(judge.review)
app.command(name="timeline")(read.show_timeline)
app.command(name="figures")(read.list_figures)
app.command()(read.ask)
app.command()(output.export)
app.command()(output.datasette)
app.command()(output.serve)
app.command(name="eval")(meta.evaluate)
app.command(name="errors")(meta.list_errors)
app.command(name="settings")(meta.list_settings)
app.command()(read.quotes)
app.command()(meta.version)

__all__ = ["app", "main"]


def main() -> None:
    app(prog_name="newsweave")
