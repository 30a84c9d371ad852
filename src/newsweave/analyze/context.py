"""What every analysis stage receives, and how a stage declares itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.model import Document, Evidence, PartialDate
from newsweave.model.facts import Span


@dataclass(frozen=True)
class StageInfo:
    """A stage's declaration: its name, version (bumped when output changes), what it needs
    and what it provides. The runner checks the plan before a run."""

    name: str
    version: str
    needs: tuple[str, ...]
    provides: tuple[str, ...]


def doc_text(doc: Any) -> str:
    """The text of a spaCy Doc, built once: spaCy rebuilds ``doc.text`` from its tokens on
    every access, which made quote and figure rules quadratic."""
    cached = doc.user_data.get("newsweave_text")
    if cached is None:
        cached = doc.text
        doc.user_data["newsweave_text"] = cached
    return str(cached)


ActorLookup = Callable[[int, int], str | None]
"""Maps a span of the clean text (a speaker, a claimant) to the id of the in-document actor
it names, or None. Built by the names stage; used by quotes and figures."""


@dataclass(frozen=True)
class ExtraPlace:
    """A place from a user's gazetteer file (villages, districts, oil fields GeoNames lacks)."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    lat: float
    lon: float
    country: str


@dataclass(frozen=True)
class Context:
    """One document ready for analysis.

    ``doc`` is the spaCy parse of ``document.text`` with every segment that does not feed
    extraction blanked out by spaces (so spaCy offsets are clean-text offsets).
    """

    document: Document
    doc: Any
    sentences: Sequence[tuple[int, int]]
    anchor: PartialDate | None
    """The publication date, or the inferred document date."""
    extra_places: tuple[ExtraPlace, ...] = ()
    """Places from the user's gazetteer files, for typing names as places."""

    @property
    def text(self) -> str:
        """The analysed (masked) text: ``document.text`` with furniture blanked."""
        return doc_text(self.doc)

    def _index(self, offset: int) -> int | None:
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s, e = self.sentences[mid]
            if offset < s:
                hi = mid - 1
            elif offset >= e:
                lo = mid + 1
            else:
                return mid
        return None

    def sentence_of(self, start: int, end: int | None = None) -> tuple[int, int]:
        """The sentence(s) holding [start, end): from the one holding ``start`` to the one
        holding ``end - 1``."""
        first = self._index(start)
        last = self._index(max(start, (end or start + 1) - 1))
        if first is None:
            return (start, end if end is not None else start)
        s = self.sentences[first][0]
        e = self.sentences[last if last is not None else first][1]
        return (s, max(e, end or e))

    def evidence(
        self, start: int, end: int, stage: StageInfo, confidence: float | None = None
    ) -> Evidence:
        """Evidence for [start, end): its sentence(s), the stage name and version."""
        s, e = self.sentence_of(start, end)
        text = self.document.text[s:e]
        return Evidence(self.document.id, start, end, text, stage.name, stage.version, confidence)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.document.text[start:end])
