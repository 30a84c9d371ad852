"""The record of a name found in a document, shared by the names stage and its cue modules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    """A name found in the text with its (corrected) type."""

    start: int
    end: int
    text: str
    type: str
    source: str
    """``ner``, ``ner+gazetteer``, ``ner+context``, ``ner+government``, ``gazetteer``,
    ``demonym``, ``alias`` (an acronym in parentheses, a company's bare name), ``author`` (a
    byline's author), ``context`` (a team in a results line), ``ner+dictionary`` (typed by
    the public name list)."""
    label: str
    """spaCy's label (or the type for candidates spaCy did not find)."""
    country: str | None = None
    place: str | None = None
    """Gazetteer id when the name is a known place."""
