"""One entry point for every export format (the CLI's ``export`` is a thin wrapper).

Every format starts from the same ``newsweave/1`` object, narrowed by a
:class:`~newsweave.export.select.Selection`, and is written atomically (a temporary name,
then a rename), so a failed export never leaves a partial file under the final name.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.errors import NewsweaveError
from newsweave.export.atomic import atomic_file
from newsweave.export.select import Selection, select
from newsweave.store.sqlite import Store

FORMATS: dict[str, str] = {
    "json": "the newsweave/1 object (one JSON file; '-' for stdout)",
    "ftm": "FollowTheMoney entities as JSON lines, for Aleph/OpenAleph (one file)",
    "graphml": "the actor graph as GraphML, for Gephi, networkx, yEd (one file)",
    "gexf": "the actor graph as GEXF, Gephi's format (one file)",
    "csv": "one CSV table per kind of record (a folder)",
    "parquet": "one Parquet table per kind of record, typed columns (a folder)",
}


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    format: str
    target: str
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        parts = ", ".join(f"{n} {k}" for k, n in self.counts.items() if n)
        return f"wrote {self.target} ({self.format}: {parts or 'empty'})"


def model(store: Store, selection: Selection | None = None) -> dict[str, Any]:
    """The ``newsweave/1`` object of ``store``, narrowed to ``selection``."""
    from newsweave.export.json import export_json

    if store.count_documents() == 0:
        raise NewsweaveError("NW403", str(store.path), "the store holds no documents")
    selected = select(export_json(store), selection or Selection())
    if not selected["documents"]:
        raise NewsweaveError("NW403", str(store.path), "the selection holds no documents")
    return selected


def export(
    store: Store, format: str, target: Path | str, selection: Selection | None = None
) -> ExportReport:
    """Write the corpus model of ``store`` (or the part ``selection`` keeps) to ``target``."""
    if format not in FORMATS:
        raise NewsweaveError(
            "NW401", f"--format {format}", "supported formats: " + ", ".join(FORMATS)
        )
    data = model(store, selection)
    counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    if format == "json":
        if str(target) == "-":
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        else:
            with atomic_file(Path(target)) as handle:
                json.dump(data, handle, indent=1, ensure_ascii=False)
                handle.write("\n")
        return ExportReport(format, str(target), counts)
    path = Path(target)
    if format == "ftm":
        from newsweave.export.ftm import write_ftm

        written = write_ftm(data, path, text_of=lambda doc_id: store.get_document(doc_id).text)
        return ExportReport(format, str(path), {"FtM entities": written})
    if format in ("graphml", "gexf"):
        from newsweave.export import graph

        writer = graph.write_graphml if format == "graphml" else graph.write_gexf
        written_graph = writer(data, path)
        counts = {
            "nodes": written_graph.number_of_nodes(),
            "edges": written_graph.number_of_edges(),
        }
        return ExportReport(format, str(path), counts)
    from newsweave.export import tables

    built = tables.build_tables(data, store.connection)
    (tables.write_csv if format == "csv" else tables.write_parquet)(built, path)
    return ExportReport(format, str(path), tables.table_counts(built))
