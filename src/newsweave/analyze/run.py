"""The per-document stages composed: a pure function from one document's context to
every fact it states.

The stages run in a checked order (each declares what it needs and provides). Reading
pending documents from the store, running spaCy over them on one or many processes (or a
Dask cluster) and saving what they state is the pipeline's job (``newsweave.pipeline``);
nothing here touches the store. Documents are re-analysed when the analysis version (the
versions of all stages) changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsweave.analyze import chains, events, figures, names, quotes, relations, times
from newsweave.analyze.context import Context, StageInfo
from newsweave.analyze.gazetteer import Gazetteer
from newsweave.analyze.prepare import STORY_ROLES
from newsweave.model import Document
from newsweave.model.facts import DocAnalysis

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
    found_quotes = tuple(q for q in quotes.extract_quotes(ctx, resolve) if story(q.span.start))
    found_events = events.extract_events(
        ctx, mentions, actors, resolve, found_times, found_figures, found_quotes
    )
    return DocAnalysis(
        document=ctx.document.id,
        version=VERSION,
        sentences=tuple(ctx.sentences),
        mentions=mentions,
        actors=actors,
        times=found_times,
        figures=found_figures,
        quotes=found_quotes,
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
