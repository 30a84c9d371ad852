"""The ``newsweave`` command: thin wrappers over the Python API.

One module per family of commands (common: what they share; run: ingest and analyse; read:
the store's contents; judge: analyst judgements; output: export and serve; meta: newsweave
itself); this module registers them, in the order ``--help`` lists them.
"""

from __future__ import annotations

from newsweave.cli import judge, meta, output, read, run
from newsweave.cli.common import app

COMMANDS = (
    ("ingest", run.ingest),
    ("analyze", run.analyze),
    ("status", read.status),
    ("forget", judge.forget),
    ("show", read.show),
    ("events", read.events),
    ("relations", read.relations),
    ("entities", read.entities),
    ("merge", judge.merge),
    ("split", judge.split),
    ("review", judge.review),
    ("timeline", read.show_timeline),
    ("figures", read.list_figures),
    ("ask", read.ask),
    ("export", output.export),
    ("datasette", output.datasette),
    ("serve", output.serve),
    ("eval", meta.evaluate),
    ("errors", meta.list_errors),
    ("settings", meta.list_settings),
    ("quotes", read.quotes),
    ("version", meta.version),
)
"""Every command, in the order ``--help`` lists them."""

for name, command in COMMANDS:
    app.command(name=name)(command)

__all__ = ["app", "main"]


def main() -> None:
    app(prog_name="newsweave")
