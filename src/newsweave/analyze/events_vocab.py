"""Events vocabulary: trigger patterns per PLOVER type and mode, read from ``data/plover.yaml``
and the compiled CAMEO patterns (moved out of :mod:`newsweave.analyze.events`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Pattern:
    """One trigger pattern of the vocabulary."""

    type: str
    mode: str
    kind: str
    """``verb``, ``passive`` or ``noun`` (``ignore`` patterns have type "")."""
    words: tuple[frozenset[str] | None, ...]
    """Alternatives per word; None is the ``*`` object slot."""
    args: Mapping[str, str]
    frame: bool = False
    counts: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()
    """Words of which none may occur in the sentence for the mode to count (a politician's
    verbal "attack" is criticism unless guns, bombs or the wounded are told of)."""
    dated: bool = False
    """Only an event when its clause has its own date ("said on Tuesday that ...")."""
    origin: str = "hand"
    """``hand`` (plover.yaml) or ``cameo`` (the compiled CAMEO table, cameo_verbs.tsv):
    a CAMEO pattern loses ties to a hand one, and its words must sit in the verb's clause."""

    @property
    def size(self) -> int:
        """How specific the pattern is: its number of literal words."""
        return sum(1 for w in self.words if w is not None)


@dataclass(frozen=True)
class Modality:
    """Modality cues (see the ``modality`` section of the vocabulary)."""

    hypothetical: frozenset[str]
    hypothetical_heads: frozenset[str]
    hypothetical_nouns: frozenset[str]
    negation: frozenset[str]
    negating_heads: frozenset[str]
    future: frozenset[str]
    future_heads: frozenset[str]
    reporting: frozenset[str]
    future_nouns: frozenset[str] = frozenset()
    """Nouns whose infinitive tells a plan ("her plans to visit the plant"): future."""
    planning_verbs: frozenset[str] = frozenset()
    """Verbs whose direct object is a planned happening ("planned a march"): future."""
    content_verbs: frozenset[str] = frozenset()
    """Verbs whose "about"/"of" content someone tells ("bragged about assaulting", "accused
    of shooting"): the content is reported by the verb's subject, not asserted."""


@dataclass(frozen=True)
class Vocabulary:
    """The event vocabulary, indexed by the first word of each pattern."""

    version: str
    by_first: Mapping[str, tuple[Pattern, ...]]
    modality: Modality
    agents: frozenset[str] = frozenset()
    """Head lemmas of unnamed phrases that can act ("crowd", "riot police")."""
    quantities: frozenset[str] = frozenset()
    """Number words that head a phrase ("thousands of people", "dozens")."""
    tallies: frozenset[str] = frozenset()
    """Nouns that count victims ("toll"): the subject of "gave a toll" reports, not kills."""
    extensions: frozenset[str] = frozenset()
    """Types newsweave adds to PLOVER's 18 (STATEMENT, OFFICE, LEGAL, ELECTION)."""
    plover: Mapping[tuple[str, str], str | None] = field(
        default_factory=lambda: MappingProxyType({})
    )
    credits: tuple[str, ...] = ()
    """Cues of image credits and licence lines: their paragraph gives no event."""
    nature: frozenset[str] = frozenset()
    """Subjects that are no actors ("the storm struck"): their verb is no event."""
    lemmas: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Word form -> lemma where the small model's lemmatiser slips ("staged" -> "stag")."""
    military: tuple[frozenset[str], frozenset[str], frozenset[str]] = (
        frozenset(),
        frozenset(),
        frozenset(),
    )
    """(ASSAULT modes, doer lemmas, modifiers that exclude a doer): violence by a military
    force is FIGHT (keeping its mode)."""
    obligations: tuple[tuple[Pattern, frozenset[str]], ...] = ()
    """Modes with ``speech`` verbs and obligation ``modals`` ("said the rebels must
    disarm" is a demand): each mode's frame pattern and its modal words."""
    """(extension type, mode) -> the PLOVER type the gold set codes it as, or None."""
    particles: frozenset[str] = frozenset()
    """Phrasal verbs whose second word is a particle ("give in", "step down"): where that
    word heads its own prepositional phrase ("the speech he gave in Denver") it is none."""
    dispositions: frozenset[str] = frozenset()
    """Nouns of a gift or taste for something ("a talent for combat"): the event noun they
    are for is no happening."""
    documents: tuple[tuple[str, str], tuple[str, str], frozenset[str]] = (
        ("", ""),
        ("", ""),
        frozenset(),
    )
    """((type, mode) of a release, (type, mode) it becomes, head lemmas of documents):
    releasing notes, ads or records is making them public, not freeing anyone."""
    precision: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    """Named word lists of the precision rules (``precision`` in the vocabulary)."""


def _words(text: str) -> tuple[frozenset[str] | None, ...]:
    return tuple(
        None if w == "*" else frozenset(a.lower() for a in w.split("|")) for w in text.split()
    )


def _patterns(
    type_: str, mode: str, spec: Mapping[str, Any], defaults: Mapping[str, str]
) -> Iterator[Pattern]:
    args = {**defaults, **{k: str(v) for k, v in (spec.get("args") or {}).items()}}
    mode = str(spec.get("as") or mode)
    extra = {
        "frame": bool(spec.get("frame", False)),
        "counts": frozenset(str(c).lower() for c in spec.get("counts") or ()),
        "context": frozenset(str(c).lower() for c in spec.get("context") or ()),
        "unless": frozenset(str(c).lower() for c in spec.get("unless") or ()),
        "dated": bool(spec.get("dated", False)),
    }
    for kind, key in (("verb", "verbs"), ("passive", "passive"), ("noun", "nouns")):
        for text in spec.get(key) or ():
            words = _words(str(text))
            if kind == "passive" and words and words[0] == frozenset({"be"}):
                words = words[1:]
            if words and words[0] is not None:
                yield Pattern(type_, mode, kind, words, args, **extra)  # type: ignore[arg-type]


def cameo_patterns(
    rows: Iterable[str], data: Mapping[str, Any], defaults: Mapping[str, str]
) -> Iterator[Pattern]:
    """Patterns of the compiled CAMEO table (``TYPE\tmode\tcode\tpattern`` rows): a mode
    plover.yaml also has lends its argument hints. They are never frames: a CAMEO pattern
    does not hide the events told in its content ("remained in custody after being
    charged")."""
    types = data["types"]
    extensions = set(data.get("extensions") or ())
    kept = {  # verbs plover.yaml codes as office, court or election acts keep that type:
        # CAMEO has no codes for them, so its patterns on "appoint", "sentence" code others
        next(iter(w))
        for type_ in extensions - {"STATEMENT"}
        for mspec in types[type_]["modes"].values()
        for text in mspec.get("verbs") or ()
        for w in _words(str(text))[:1]
        if w is not None and len(w) == 1
    }
    for row in rows:
        if not row.strip() or row.startswith("#"):
            continue
        type_, mode, _code, text = row.rstrip("\n").split("\t")
        spec = (types.get(type_) or {}).get("modes", {}).get(mode) or {}
        args = {**defaults, **{k: str(v) for k, v in (spec.get("args") or {}).items()}}
        words = _words(text)
        if len(words) < 2 or words[0] is None or not words[0] - kept:
            continue
        words = (words[0] - kept, *words[1:])
        yield Pattern(type_, mode, "verb", words, args, origin="cameo")


def _type_mode(value: Any) -> tuple[str, str]:
    """ "TYPE/mode" -> (TYPE, mode); ("", "") when absent."""
    type_, _, mode = str(value or "").partition("/")
    return type_, mode


def build_vocabulary(data: Mapping[str, Any], cameo: Iterable[str] = ()) -> Vocabulary:
    """Index the parsed YAML vocabulary (and the rows of the compiled CAMEO table)."""
    defaults = {k: str(v) for k, v in data.get("defaults", {}).get("args", {}).items()}
    found: list[Pattern] = []
    for type_, tspec in data["types"].items():
        for mode, mspec in tspec["modes"].items():
            found.extend(_patterns(type_, mode, mspec, defaults))
    ignore = data.get("ignore") or {}
    found.extend(_patterns("", "", ignore, defaults))
    for text in ignore.get("frames") or ():
        found.append(Pattern("", "", "verb", _words(str(text)), defaults, frame=True))
    found.extend(cameo_patterns(cameo, data, defaults))
    index: dict[str, list[Pattern]] = {}
    for pattern in found:
        first = pattern.words[0]
        assert first is not None
        for word in first:
            index.setdefault(word, []).append(pattern)
    cues = data.get("modality") or {}
    modality = Modality(
        **{
            k: frozenset(str(w).lower() for w in cues.get(k) or ())
            for k in Modality.__dataclass_fields__
        }
    )
    who = data.get("participants") or {}
    extensions = frozenset(str(t) for t in data.get("extensions") or ())
    plover = {
        (type_, mode): (str(mspec["plover"]) if mspec.get("plover") else None)
        for type_, tspec in data["types"].items()
        if type_ in extensions
        for mode, mspec in tspec["modes"].items()
    }
    force = data.get("military") or {}
    papers = data.get("documents") or {}
    obliging = tuple(
        (
            Pattern(
                type_,
                mode,
                "verb",
                (
                    frozenset(str(w).lower() for w in mspec["speech"]),
                    frozenset(str(w).lower() for w in mspec.get("modals") or ()),
                ),
                {**defaults, **{k: str(v) for k, v in (mspec.get("args") or {}).items()}},
                frame=True,
            ),
            frozenset(str(w).lower() for w in mspec.get("modals") or ()),
        )
        for type_, tspec in data["types"].items()
        for mode, mspec in tspec["modes"].items()
        if mspec.get("speech")
    )
    return Vocabulary(
        str(data["version"]),
        {k: tuple(v) for k, v in index.items()},
        modality,
        agents=frozenset(str(w).lower() for w in who.get("agents") or ()),
        quantities=frozenset(str(w).lower() for w in who.get("quantities") or ()),
        tallies=frozenset(str(w).lower() for w in who.get("tallies") or ()),
        extensions=extensions,
        plover=MappingProxyType(plover),
        credits=tuple(str(c).lower() for c in data.get("credits") or ()),
        nature=frozenset(str(w).lower() for w in data.get("nature") or ()),
        obligations=obliging,
        lemmas=MappingProxyType(
            {str(k).lower(): str(v).lower() for k, v in (data.get("lemmas") or {}).items()}
        ),
        particles=frozenset(" ".join(str(w).lower().split()) for w in data.get("particles") or ()),
        dispositions=frozenset(str(w).lower() for w in data.get("dispositions") or ()),
        documents=(
            _type_mode(papers.get("from")),
            _type_mode(papers.get("as")),
            frozenset(str(w).lower() for w in papers.get("nouns") or ()),
        ),
        precision=MappingProxyType(
            {
                str(k): frozenset(str(w).lower() for w in v or ())
                for k, v in (data.get("precision") or {}).items()
            }
        ),
        military=(
            frozenset(str(m) for m in force.get("modes") or ()),
            frozenset(str(w).lower() for w in force.get("doers") or ()),
            frozenset(str(w).lower() for w in force.get("not_with") or ()),
        ),
    )


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The packaged vocabulary (``data/plover.yaml`` and ``data/cameo_verbs.tsv``), loaded
    once."""
    folder = resources.files("newsweave.analyze").joinpath("data")
    text = folder.joinpath("plover.yaml").read_text("utf-8")
    cameo = folder.joinpath("cameo_verbs.tsv").read_text("utf-8").splitlines()
    return build_vocabulary(yaml.safe_load(text), cameo)
