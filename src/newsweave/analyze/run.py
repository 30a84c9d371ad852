"""Run the per-document stages over stored documents and store what they find.

The stages run in a checked order (each declares what it needs and provides); one spaCy
pass per document, batched, on several processes for large jobs. A document that fails is
reported and skipped; the others go on. Documents are re-analysed when the analysis
version (the versions of all stages) changes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from newsweave.analyze import chains, events, figures, names, quotes, relations, times
from newsweave.analyze.context import Context, ExtraPlace, StageInfo
from newsweave.analyze.gazetteer import Gazetteer, load_places_file
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import STORY_ROLES, contexts
from newsweave.errors import NewsweaveError
from newsweave.model import Document
from newsweave.model.facts import DocAnalysis
from newsweave.settings import Settings
from newsweave.store.analysis import pending_documents, save_analysis
from newsweave.store.sqlite import Store

STAGES: tuple[StageInfo, ...] = (
    names.STAGE,
    times.STAGE,
    figures.STAGE,
    quotes.STAGE,
    relations.STAGE,
    events.STAGE,
)
VERSION = "+".join(f"{s.name}{s.version}" for s in STAGES)
LANGUAGES = frozenset({"en", None})


def check_plan(stages: Sequence[StageInfo]) -> None:
    """Raise ValueError when a stage needs what no earlier stage provides."""
    provided = {"sentences"}
    for stage in stages:
        missing = set(stage.needs) - provided
        if missing:
            raise ValueError(f"stage {stage.name} needs {sorted(missing)} before it")
        provided |= set(stage.provides)


check_plan(STAGES)


def analyze(ctx: Context, gazetteer: Gazetteer) -> DocAnalysis:
    """Every fact one document states (pure: the same context gives the same analysis).
    Author bios give names and relations only: what happened comes from the story."""
    mentions, actors = names.extract_actors(ctx, gazetteer)
    resolve = chains.make_resolver(mentions, actors, ctx.document.text)
    story = _in_story(ctx)
    found_times = tuple(t for t in times.extract_times(ctx) if story(t.span.start))
    found_figures = tuple(f for f in figures.extract_figures(ctx, resolve) if story(f.span.start))
    found_events = events.extract_events(ctx, mentions, actors, resolve, found_times, found_figures)
    return DocAnalysis(
        document=ctx.document.id,
        version=VERSION,
        sentences=tuple(ctx.sentences),
        mentions=mentions,
        actors=actors,
        times=found_times,
        figures=found_figures,
        quotes=tuple(q for q in quotes.extract_quotes(ctx, resolve) if story(q.span.start)),
        relations=relations.extract_relations(ctx, mentions, actors, resolve, gazetteer),
        events=tuple(e for e in found_events if story(e.trigger.start)),
    )


def _in_story(ctx: Context) -> Callable[[int], bool]:
    """Whether an offset lies in a segment that tells the story (not an author bio)."""
    spans = [(s.start, s.end) for s in ctx.document.segments if s.role in STORY_ROLES]
    return lambda offset: any(a <= offset < b for a, b in spans)


def skipped(document: Document) -> DocAnalysis:
    """The analysis of a document newsweave does not analyse (not English)."""
    note = f"not analysed: language {document.language!r} (newsweave analyses English)"
    return DocAnalysis(document=document.id, version=VERSION, notes=(note,))


@dataclass
class AnalyzeReport:
    analysed: int = 0
    skipped: int = 0
    errors: list[NewsweaveError] = field(default_factory=list)


def extra_places(settings: Settings) -> tuple[ExtraPlace, ...]:
    places: list[ExtraPlace] = []
    for path in settings.analyze.gazetteer_files:
        places.extend(load_places_file(path))
    return tuple(places)


def processes(settings: Settings, pending: int) -> int:
    if settings.analyze.processes > 0:
        return settings.analyze.processes
    return min(os.cpu_count() or 1, 2) if pending > 50 else 1


def analyze_store(
    store: Store,
    settings: Settings,
    *,
    ids: Iterable[str] | None = None,
    on_document: Callable[[str, NewsweaveError | None], None] | None = None,
) -> AnalyzeReport:
    """Analyse the documents of ``store`` whose analysis is missing or outdated (or ``ids``)."""
    todo = list(ids) if ids is not None else pending_documents(store, VERSION)
    report = AnalyzeReport()
    if not todo:
        return report
    places = extra_places(settings)
    gazetteer = Gazetteer.build(places)
    english: list[Document] = []
    for doc_id in todo:
        document = store.get_document(doc_id)
        if document.language in LANGUAGES:
            english.append(document)
        else:
            save_analysis(store, skipped(document), document.text)
            report.skipped += 1
            warning = NewsweaveError("NW115", document.source, skipped(document).notes[0])
            if on_document:
                on_document(doc_id, warning)
    if not english:
        return report
    nlp = load()
    stream = contexts(
        english,
        nlp,
        batch_size=settings.analyze.batch_size,
        n_process=processes(settings, len(english)),
        extra_places=places,
    )
    for ctx in stream:
        error = _analyze_one(store, ctx, gazetteer)
        if error is None:
            report.analysed += 1
        else:
            report.errors.append(error)
        if on_document:
            on_document(ctx.document.id, error)
    return report


def _analyze_one(store: Store, ctx: Context, gazetteer: Gazetteer) -> NewsweaveError | None:
    try:
        analysis = analyze(ctx, gazetteer)
        save_analysis(store, analysis, ctx.document.text)
    except Exception as exc:  # one failing document must not stop the others
        error = NewsweaveError(
            "NW117", ctx.document.source, f"analysis failed: {type(exc).__name__}: {exc}"
        )
        store.record_error(ctx.document.source, error.code, error.reason)
        return error
    return None
