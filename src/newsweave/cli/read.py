"""Commands that read the store: ``status``, ``show``, ``events``, ``relations``,
``entities``, ``timeline``, ``figures``, ``ask``, ``quotes``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from newsweave.cli.common import (
    DEFAULT_DB,
    DbOption,
    _dump,
    _fail,
    _open_read,
    _open_store,
    _print_records,
    _read,
    _read_failure,
    _say_error,
    _table,
    out,
)
from newsweave.errors import NewsweaveError
from newsweave.model.facts import DocAnalysis


def status(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print counts: documents, words, segments by role, near-duplicates, errors, and the
    facts found (entities, events, story events, quotes, relations, figures, claims)."""
    from dataclasses import asdict

    from newsweave.store.queries import fact_counts

    result, errors, facts = _read(
        db, lambda store: (store.status(), store.errors(), fact_counts(store))
    )
    data = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(result).items()}
    data["facts"] = facts
    if as_json:
        _dump(data)
        return
    table = Table(title=f"newsweave store {db}", show_header=False)
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "none"
        table.add_row(key.replace("_", " "), str(value))
    out.print(table)
    for row in errors:
        _say_error(f"last error {row.code} {row.source}: {row.reason}")


def show(
    document: Annotated[str, typer.Argument(help="Document id (or a unique prefix of it).")],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON: the document and its facts.")
    ] = False,
) -> None:
    """Print a document: its metadata, its segments marked by role, and the facts found in
    it (actors with titles, time expressions, figures, quotes)."""
    from newsweave.store.analysis import load_analysis

    try:
        with _open_read(db) as store:
            doc = store.get_document(document)
            analysis = load_analysis(store, doc.id)
            if as_json:
                from newsweave.export.json import document_json
                from newsweave.serve.document_page import facts_of

                data = document_json(doc, store.document_sources(doc.id))
                data["segments"] = [
                    {"role": s.role.value, "start": s.start, "end": s.end} for s in doc.segments
                ]
                data["facts"] = facts_of(store.connection, doc.id)[1]
                _dump(data)
                return
    except Exception as error:
        raise _read_failure(error, db) from None
    out.print(f"[bold]{escape(doc.title or '(untitled)')}[/bold]")
    published = doc.published.iso() if doc.published else "undated"
    if doc.date and doc.date.inferred:
        published += f" (inferred from {doc.date.source})"
    meta = [
        doc.id,
        doc.publisher or "?",
        ", ".join(doc.authors) or "?",
        published,
        doc.language or "?",
        doc.genre,
        doc.source,
    ]
    out.print(" · ".join(meta), markup=False, highlight=False)
    for segment in doc.segments:
        out.print(f"[dim]{segment.role.value:>12}[/dim] ", end="")
        out.print(doc.segment_text(segment), markup=False, highlight=False)
    if analysis is not None:
        _print_facts(analysis)


def _print_facts(analysis: DocAnalysis) -> None:
    """Actors, dates, figures, quotes, events and relations of one document."""
    for note in analysis.notes:
        out.print(f"[yellow]{note}[/yellow]")
    names = {a.id: a.name for a in analysis.actors}
    table = _table(
        ("name", "type", "mentions", "titles", "aliases"), title="actors", show_lines=False
    )
    for actor in sorted(analysis.actors, key=lambda a: -a.mentions):
        titles = "; ".join(dict.fromkeys(t.text for t in actor.titles))
        table.add_row(actor.name, actor.type, str(actor.mentions), titles, ", ".join(actor.aliases))
    out.print(table)
    table = _table(("text", "value", "type", "anchor", "at"), title="time expressions")
    for time in analysis.times:
        table.add_row(time.span.text, time.value, time.type, time.anchor, str(time.span.start))
    out.print(table)
    from newsweave.model.ids import fact_id

    table = _table(
        ("text", "value", "qualifier", "unit", "what", "claimed by", "part of", "at"),
        title="figures",
    )
    figure_texts = {
        fact_id("f", analysis.document, f.span.start, f.span.end): f.span.text
        for f in analysis.figures
    }
    for fig in analysis.figures:
        value = f"{fig.value:g}" if fig.low is None else f"{fig.low:g}–{fig.high:g}"
        claimant = names.get(fig.claimed_by or "", fig.claimed_by_text or "")
        table.add_row(
            fig.span.text,
            value,
            fig.qualifier or "",
            fig.unit or "",
            fig.what or "",
            claimant,
            figure_texts.get(fig.part_of or "", ""),
            str(fig.span.start),
        )
    out.print(table)
    table = _table(("speaker", "for", "verb", "kind", "quote"), title="quotes")
    for quote in analysis.quotes:
        speaker = names.get(quote.speaker or "", quote.speaker_text or "?")
        behalf = names.get(quote.on_behalf_of or "", quote.on_behalf_of_text or "")
        kind = "direct" if quote.direct else "indirect"
        table.add_row(speaker, behalf, quote.verb or "", kind, quote.span.text)
    out.print(table)
    table = _table(
        ("type", "mode", "date", "modality", "actors", "targets", "place", "label"), title="events"
    )
    from newsweave.store.analysis import quote_id

    quoted = {quote_id(analysis.document, q): q.span.text for q in analysis.quotes}
    for event in analysis.events:
        label = event.label + "".join(f" “{quoted[q][:80]}”" for q in event.quotes if q in quoted)
        actors = ", ".join([names.get(a, a) for a in event.actors] + list(event.actor_texts))
        targets = ", ".join([names.get(a, a) for a in event.targets] + list(event.target_texts))
        place = names.get(event.place or "", event.place_text or "")
        date = f"{event.date or ''} ({event.date_source})"
        table.add_row(
            event.type, event.mode or "", date, event.modality, actors, targets, place, label
        )
    out.print(table)
    table = _table(("subject", "predicate", "object", "qualifier", "time"), title="relations")
    for rel in analysis.relations:
        obj = names.get(rel.object or "", rel.object_text or "")
        table.add_row(
            names.get(rel.subject, rel.subject),
            rel.predicate,
            obj,
            rel.qualifier or "",
            rel.time or "",
        )
    out.print(table)


def events(
    db: DbOption = DEFAULT_DB,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. PROTEST.")] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Actor name (part of it), as actor or target.")
    ] = None,
    start: Annotated[str | None, typer.Option("--from", help="First date, YYYY[-MM[-DD]].")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date, YYYY[-MM[-DD]].")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List events (who did what to whom, when and where) in date order, with evidence."""

    from newsweave.store.queries import list_events

    rows = _read(db, lambda store: list_events(store, type=type, actor=actor, start=start, end=end))
    if as_json:
        _print_records(rows)
        return
    table = _table(
        ("date", "type", "mode", "modality", "actors", "targets", "place", "label"),
        title=f"{len(rows)} events",
    )
    for r in rows:
        date = f"{r.date or '?'}" + (" (published)" if r.date_source == "publication" else "")
        table.add_row(
            date,
            r.type,
            r.mode or "",
            r.modality,
            ", ".join(r.actors),
            ", ".join(r.targets),
            r.place or "",
            r.label + "".join(f" “{q[:80]}”" for q in r.quote_texts),
        )
    out.print(table)


def relations(
    entity: Annotated[str, typer.Argument(help="Actor name, or part of it.")],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the ties of an actor: family, offices, memberships, allies, employers, places."""

    from newsweave.store.queries import relations_of

    rows = _read(db, lambda store: relations_of(store, entity))
    if as_json:
        _print_records(rows)
        return
    table = _table(
        ("subject", "predicate", "object", "qualifier", "time", "document"),
        title=f"relations of {entity!r}",
    )
    for r in rows:
        table.add_row(
            r.subject,
            r.predicate,
            r.object or "",
            r.qualifier or "",
            r.time or "",
            r.document_id[:10],
        )
    out.print(table)


def entities(
    db: DbOption = DEFAULT_DB,
    name: Annotated[
        str | None, typer.Option("--name", help="Words a name or alias starts with.")
    ] = None,
    type: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, GPE, …")] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", help="How many entities (0: all, streamed).")
    ] = 100,
    page: Annotated[int, typer.Option("--page", help="Which page of LIMIT entities.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List entities across documents (ids for merge/split), largest first, one page at a
    time (--limit 0 streams them all, a batch at a time)."""
    from dataclasses import asdict

    from newsweave.store.queries import entity_ids, entity_pages

    size = max(0, limit)
    try:
        with _open_read(db) as store:
            ids, total = entity_ids(
                store,
                type=type,
                name=name,
                offset=(max(1, page) - 1) * size,
                limit=size or None,
            )
            records = entity_pages(store, ids)
            if as_json:
                # a JSON array written record by record: memory stays one batch
                sys.stdout.write("[")
                for index, record in enumerate(records):
                    sys.stdout.write(",\n" if index else "\n")
                    sys.stdout.write(json.dumps(asdict(record), ensure_ascii=False, default=str))
                sys.stdout.write("\n]\n" if ids else "]\n")
                sys.stdout.flush()
                return
            shown = f"{len(ids)} of {total}" if len(ids) < total else str(total)
            table = _table(
                ("id", "name", "type", "documents", "mentions", "aliases", "titles"),
                title=f"{shown} entities",
            )
            for r in records:
                titles = "; ".join(list(dict.fromkeys(t.text for t in r.titles))[:4])
                table.add_row(
                    r.id,
                    r.name,
                    r.type,
                    str(len(r.documents)),
                    str(r.mentions),
                    ", ".join(r.aliases[:5]),
                    titles,
                )
    except Exception as error:
        raise _read_failure(error, db) from None
    out.print(table)


def show_timeline(
    db: DbOption = DEFAULT_DB,
    entity: Annotated[str | None, typer.Option("--entity", help="Entity id or name.")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Place name or id.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    start: Annotated[str | None, typer.Option("--from", help="First date YYYY[-MM[-DD]].")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date YYYY[-MM[-DD]].")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every dated happening and statement in date order, with the documents that report it."""

    from newsweave.resolve.timeline import timeline

    entries = _read(
        db,
        lambda store: timeline(store, entity=entity, place=place, type=type, start=start, end=end),
    )
    if as_json:
        _print_records(entries)
        return
    table = _table(
        ("date", "kind", "type", "text", "documents"), title=f"timeline ({len(entries)} entries)"
    )
    for e in entries:
        table.add_row(e.date, e.kind, e.type or "", e.text[:120], str(len(e.documents)))
    out.print(table)


def list_figures(
    db: DbOption = DEFAULT_DB,
    what: Annotated[
        str | None, typer.Option("--what", help="Keep quantities containing this.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the claims of the corpus: value, hedge, claimants, conflicts and sources."""

    from newsweave.resolve.claims_list import list_claims

    try:
        with _open_store(db) as store:
            claims = list_claims(store, what=what)
    except NewsweaveError as error:
        raise _fail(error) from None
    if as_json:
        _print_records(claims)
        return
    table = _table(
        ("what", "value", "unit", "place", "as of", "status", "claimants", "sources"),
        title=f"{len(claims)} claims",
    )
    by_id = {c.id: c for c in claims}
    for c in claims:
        against = "; ".join(f"{x.kind} {x.value:g}" for x in c.conflicts)
        wholes = [by_id[w] for w in c.part_of if w in by_id]
        part = "; ".join(f"part of {w.hedged_value} {w.what}" for w in wholes)
        table.add_row(
            c.what,
            c.hedged_value + (f" ({against})" if against else "") + (f" ({part})" if part else ""),
            c.unit or "",
            c.place or "",
            c.as_of or "",
            c.status,
            ", ".join(c.claimants),
            str(len({s.document for s in c.sources})),
        )
    out.print(table)


def ask(
    question: Annotated[str, typer.Argument(help="A question in plain words.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many passages.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (see DESIGN.md).")] = False,
) -> None:
    """Answer QUESTION from the stored facts (a claim, event, quote or title, with the
    sentences stating it) and with passages of stored documents, best first, each with its
    document, offsets and score, plus the entities and events they involve."""
    from newsweave.ask import ask as run_ask

    result = _read(db, lambda store: run_ask(store, question, limit=limit))
    if as_json:
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=1) + "\n")
        return
    if result.fact is not None:
        out.print(f"answer: {result.fact.text}", markup=False, highlight=False)
        for cited in result.fact.citations:
            out.print(
                f"   from {cited.document[:10]} [{cited.start}:{cited.end}] {cited.text[:100]}",
                markup=False,
                highlight=False,
            )
    if not result.answers:
        out.print("no passage answers this question")
        return
    for rank, answer in enumerate(result.answers, start=1):
        out.print(f"{rank}. {answer.text}", markup=False, highlight=False)
        out.print(
            f"   {answer.title or answer.document} · {answer.document[:10]}"
            f" [{answer.start}:{answer.end}] · score {answer.score:.3f}",
            markup=False,
            highlight=False,
        )
    if result.entities:
        out.print("entities: " + ", ".join(e["name"] for e in result.entities), markup=False)


def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Entity or actor id of the speaker.")
    ] = None,
    text: Annotated[str | None, typer.Option("--text", help="Words in the quote.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many quotes.")] = 50,
    page: Annotated[int, typer.Option("--page", help="Which page of LIMIT quotes.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List quotes, newest first, with their speaker (unverified when the speaker found is
    not a person or an organisation), document and sentence."""
    from newsweave.serve.common import Paging
    from newsweave.serve.lists import quotes as list_quotes

    data = _read(
        db,
        lambda store: list_quotes(
            store.connection, Paging.of(page, limit, "date", 50), speaker=speaker, q=text
        ),
    )
    if as_json:
        _dump(data)
        return
    info = data["paging"]
    table = _table(
        ("date", "speaker", "quote", "document"),
        title=f"quotes {info['first']}–{info['last']} of {info['total']}",
    )
    for q in data["quotes"]:
        who = (q["speaker"] or {}).get("name") or "?"
        if q["speaker"] and not q["speaker_verified"]:
            who += " (unverified)"
        table.add_row(q["date"] or "", who, q["text"][:160], q["document"]["id"][:10])
    out.print(table)
