"""Events: who did what to whom, when and where, coded with PLOVER types and modes.

The vocabulary (trigger verbs, nouns and passive patterns per type and mode, with hints on
which dependency gives the actor and which the target) is data: ``data/plover.yaml``. The
stage works on one parsed document, purely:

1. :func:`find_triggers` matches the vocabulary over the parse: verbal patterns from a verb
   (lemma + particles/objects: "walk out", "open fire on", "dismiss * from"), nominal ones
   from a noun with its modifiers ("general strike", "French-led ... task group"). The
   longest pattern wins; a trigger inside the content of a frame verb ("threatened to
   shell", "asked the bloc to send troops") belongs to the frame's event.
2. :func:`read_event` reads each trigger's arguments from the parse and the mention chains
   (actors: subject, "by X", "X-led", possessor; targets: object, passive subject,
   "against X"), its place (the most specific place governed by in/at/near in its clause,
   else in its sentence, else the dateline), its date (its own, else the narrative date of
   its paragraph, else the publication date, marked so), its figures and its modality.
3. :func:`merge_events` keeps one event per happening: events of the same type and mode
   with compatible participants, date, place and modality become one event with several
   pieces of evidence.

Offsets are clean-text offsets (the parse is of the masked text, same length).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from newsweave.analyze.context import ActorLookup, Context, StageInfo, doc_text
from newsweave.analyze.events_obligation import obligations
from newsweave.model import Evidence, PartialDate, Role
from newsweave.model.facts import Actor, Event, Figure, Mention, Span, TimeExpression
from newsweave.model.ids import fact_id

STAGE = StageInfo(
    "events", "6", needs=("sentences", "actors", "times", "figures"), provides=("events",)
)

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset(
    {"in", "at", "near", "across", "outside", "inside", "around", "throughout", "off", "through",
     "along", "on"}
)  # fmt: skip
PLACE_FIRST = frozenset({"PROTEST", "ASSAULT", "FIGHT", "COERCE", "MOBILIZE"})
"""Types whose compounded place name ("Amakoro protests") is where, not who."""
LIGHT_VERBS = frozenset(
    {
        "stage", "hold", "launch", "impose", "carry", "call", "organise", "organize", "begin",
        "start", "mount", "conduct", "announce", "lead", "order", "use", "fire", "take", "join",
        "make", "issue", "open", "set", "sign", "reach", "approve", "declare", "unleash",
        "continue", "end", "resume", "step", "extend", "lift", "give", "provide", "send",
        "renew", "undertake", "wage", "intensify", "escalate",
    }
)  # fmt: skip
"""Verbs whose subject is the actor of their object noun ("police launched a crackdown")."""
SKIPPABLE = frozenset({"DET", "ADJ", "ADV", "NUM", "PART", "PRON", "PUNCT"})
SKIP_LIMIT = 3
STAR_LIMIT = 8
ENTITY_BLOCK = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "LAW", "DATE", "TIME",
     "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "PRODUCT", "LANGUAGE"}
)  # fmt: skip
"""Entity labels whose tokens are never triggers ("Mobile Intervention Police", "March")."""
CORE_DEPS = frozenset({"compound", "det", "amod", "nummod", "poss", "case", "quantmod", "nmod"})
PHRASE_DROP = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"})
MODALITY_RANK = {"negated": 0, "hypothetical": 1, "future": 2, "reported": 3, "asserted": 4}
DATE_RANK = {"sentence": 0, "narrative": 1, "publication": 2, "none": 3}
LABEL_WORDS = 14
TIME_MARKS = frozenset({"after", "before", "since", "until", "till", "when", "once", "while"})
"""Conjunctions of a clause that has its own time ("after dockers walked out")."""
BOUNDARY_WORDS = frozenset({"since", "until", "till", "before", "by", "from", "to"})
"""A date after these words bounds a period; it is not when the event happened."""
NEAR = frozenset({"shortly", "just", "soon", "moments", "minutes", "hours", "immediately", "right"})
"""Words that make "before"/"after" a point ("shortly before midnight Friday")."""


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


# --------------------------------------------------------------------------- triggers


@dataclass(frozen=True)
class Trigger:
    """A vocabulary match in the parse."""

    pattern: Pattern
    anchor: int
    """Token index the arguments are read from (the verb, or the noun's head)."""
    literals: tuple[int, ...]
    """Token indices matched by the pattern's words."""
    star: tuple[int, int] | None
    """Token range [start, end) of the ``*`` object slot."""


def lemma(token: Any) -> str:
    """The token's lemma, with the small model's known slips mended (``lemmas`` in the
    vocabulary: "staged" is lemmatised "stag")."""
    return vocabulary().lemmas.get(token.lower_, token.lemma_.lower())


def _forms(token: Any) -> set[str]:
    return {lemma(token), token.lower_}


def _match_rest(
    doc: Any, words: Sequence[frozenset[str] | None], i: int, end: int, star: bool = False
) -> tuple[list[int], tuple[int, int] | None] | None:
    """Match ``words`` from token ``i`` (exclusive of the anchor); tokens before ``end``.
    After a ``*`` slot a word never matches a participle describing a later noun
    ("cancelled a planned visit" is no cancelled plan)."""
    if not words:
        return [], None
    word = words[0]
    if word is None:
        for stop in range(i, min(i + STAR_LIMIT, end) + 1):
            if stop > i and doc[stop - 1].text in {".", ";", ":", "?", "!"}:
                return None
            found = _match_rest(doc, words[1:], stop, end, True)
            if found is not None and len(words) > 1:
                return found[0], found[1] or ((i, stop) if stop > i else None)
        return None
    for j in range(i, min(i + SKIP_LIMIT + 1, end)):
        token = doc[j]
        described = star and token.dep_ == "amod" and token.tag_ in ("VBN", "VBG", "VBD")
        if _forms(token) & word and not token.is_space and not described:
            rest = _match_rest(doc, words[1:], j + 1, end)
            if rest is not None:
                return [j, *rest[0]], rest[1]
        if token.pos_ not in SKIPPABLE or token.text in {",", ".", ";", ":"}:
            return None
    return None


def _is_passive(token: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _try(doc: Any, pattern: Pattern, i: int, end: int) -> Trigger | None:
    token = doc[i]
    verbal = token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
    if pattern.kind in ("verb", "passive") and not verbal:
        return None
    if pattern.kind == "passive" and not _is_passive(token):
        return None
    found = _match_rest(doc, pattern.words[1:], i + 1, end)
    if found is None:
        return None
    literals = (i, *found[0])
    if pattern.origin == "cameo" and not all(_in_clause(doc, j, i, literals) for j in literals[1:]):
        return None  # a CAMEO pattern's words belong to the verb's own clause
    if pattern.kind == "noun":
        if not any(doc[j].pos_ in ("NOUN", "PROPN", "X") for j in literals):
            return None
        anchor = _head_of(doc, literals)
        if doc[anchor].pos_ not in ("NOUN", "PROPN", "X", "ADJ", "VERB"):
            return None
    else:
        anchor = i
    return Trigger(pattern, anchor, literals, found[1])


def _in_clause(doc: Any, index: int, verb: int, literals: Sequence[int] = ()) -> bool:
    """Whether token ``index`` hangs under the verb ``verb`` without another verb between
    ("impose sanctions", "rushed troops to the border"; not "said the arrests were ...")
    nor a preposition that is not one of the pattern's ``literals`` ("opposed to French
    mediation in peace negotiations": the negotiations belong to the mediation)."""
    token = doc[index]
    for _ in range(8):
        if token.i == verb:
            return True
        if token.head.i == token.i or token.pos_ in ("VERB", "AUX"):
            return False  # another verb: "shot 11 people after a crowd attacked"
        if literals and token.dep_ == "prep" and token.i not in literals:
            return False
        token = token.head
    return False


def _head_of(doc: Any, indices: Sequence[int]) -> int:
    inside = set(indices)
    for j in indices:
        outside = doc[j].head.i not in inside or doc[j].head.i == j
        if outside and doc[j].pos_ not in ("ADP", "DET", "PUNCT"):
            return j
    return indices[-1]


def _blocked(doc: Any, mentions: Sequence[Mention]) -> set[int]:
    """Tokens inside names, dates and numbers: never triggers."""
    blocked: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in ENTITY_BLOCK:
            # a verb's particle belongs to the verb ("handed [over 700 kg]")
            blocked.update(i for i in range(ent.start, ent.end) if doc[i].dep_ != "prt")
    for mention in mentions:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is not None and mention.type != "EVENT":
            blocked.update(range(span.start, span.end))
    return blocked


def candidates(
    doc: Any, start: int, end: int, vocab: Vocabulary, blocked: set[int]
) -> list[Trigger]:
    """Every pattern match whose first word is a token of [start, end)."""
    found: list[Trigger] = []
    for i in range(start, end):
        token = doc[i]
        if token.is_space or token.is_punct or i in blocked:
            continue
        seen: set[int] = set()
        for form in _forms(token):
            for pattern in vocab.by_first.get(form, ()):
                if id(pattern) in seen:
                    continue
                seen.add(id(pattern))
                trigger = _try(doc, pattern, i, end)
                if trigger is not None and not (set(trigger.literals) & blocked):
                    found.append(trigger)
    return found


def select(found: Iterable[Trigger]) -> list[Trigger]:
    """Longest patterns first; a trigger overlapping a chosen one is dropped; ignore
    patterns block their words and yield nothing."""
    order = sorted(
        found,
        key=lambda t: (
            -t.pattern.size,
            not t.pattern.context,  # a pattern whose context is there is the more specific
            t.pattern.kind == "noun",
            t.pattern.origin != "hand",
            t.literals,
        ),
    )
    taken: set[int] = set()
    chosen: list[Trigger] = []
    for trigger in order:
        if taken & set(trigger.literals):
            continue
        taken.update(trigger.literals)
        if trigger.pattern.type or trigger.pattern.frame:
            chosen.append(trigger)  # an ignored frame still hides its content
    return sorted(chosen, key=lambda t: t.literals[0])


def _frame_content(doc: Any, trigger: Trigger) -> set[int]:
    """Tokens of the content of a frame verb: its clausal complements and its objects."""
    content: set[int] = set()
    anchor = doc[trigger.anchor]
    for child in anchor.children:
        clause = child.dep_ in ("xcomp", "ccomp")  # "allowed the opposition to HOLD a rally"
        if child.dep_ in ("xcomp", "ccomp", "dobj", "prep", "advcl") and (
            clause or child.i not in trigger.literals
        ):
            content.update(t.i for t in child.subtree)
    for j in trigger.literals:
        for child in doc[j].children:
            if child.dep_ in ("pobj", "acl", "xcomp") and child.i not in trigger.literals:
                content.update(t.i for t in child.subtree)  # "the ability ... to deploy"
    if trigger.star:
        content.update(range(*trigger.star))
    return content - set(trigger.literals)


def drop_framed(doc: Any, triggers: Sequence[Trigger]) -> list[Trigger]:
    """Drop triggers that are the content of a frame trigger in the same sentence."""
    inside: set[int] = set()
    for trigger in triggers:
        if trigger.pattern.frame:
            inside |= _frame_content(doc, trigger)
    return [t for t in triggers if t.pattern.frame or t.anchor not in inside]


def _has_context(doc: Any, start: int, end: int, words: frozenset[str]) -> bool:
    return not words or any(_forms(doc[i]) & words for i in range(start, end))


def find_triggers(
    doc: Any, start: int, end: int, vocab: Vocabulary, blocked: set[int]
) -> list[Trigger]:
    """The event triggers of the sentence made of tokens [start, end)."""
    found = candidates(doc, start, end, vocab, blocked)
    for pattern, modals in vocab.obligations:
        first = pattern.words[0]
        assert first is not None
        for said in obligations(doc, start, end, first, modals):
            if said.verb not in blocked:
                found.append(Trigger(pattern, said.verb, (said.verb, said.modal), None))
    # a pattern whose mode wants a context word the sentence lacks is no candidate, so an
    # equal pattern of another mode can take its words ("set fire to": riot or destroy)
    chosen = select(t for t in found if _has_context(doc, start, end, t.pattern.context))
    return [t for t in drop_framed(doc, chosen) if t.pattern.type]


# --------------------------------------------------------------------------- arguments


@dataclass(frozen=True)
class Names:
    """What the names stage found, indexed for argument reading."""

    mentions: tuple[Mention, ...]
    actors: Mapping[str, Actor]
    resolve: ActorLookup

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The named mention covering [start, end) (or the longest inside it)."""
        best: Mention | None = None
        for mention in self.mentions:
            s, e = mention.span.start, mention.span.end
            if mention.actor and s <= start and end <= e:
                return mention
            longer = best is None or e - s > best.span.end - best.span.start
            if mention.actor and start <= s and e <= end and longer:
                best = mention
        return best


@dataclass(frozen=True)
class Party:
    """One participant: an actor id, or its words when it is not a named actor."""

    actor: str | None
    text: str
    start: int
    end: int
    head: int = -1
    """Token index of the phrase's head (-1 for a party not read from the parse)."""


def _core(token: Any) -> tuple[int, int]:
    """Token range of a noun phrase without clauses, appositions and conjuncts."""
    kept = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in PHRASE_DROP:
                continue
            if child.dep_ == "prep" and child.lower_ != "of":
                continue
            kept.append(child)
            stack.append(child)
    return min(t.i for t in kept), max(t.i for t in kept) + 1


def _dateline(doc: Any, start: int) -> bool:
    """Whether the phrase starting at token ``start`` is a wire dateline ("AMAKORO,
    Mabenia —"): an upper-case place opening its paragraph, followed by a comma."""
    first = doc[start]
    opens = start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space
    after = start + 1
    while after + 1 < len(doc) and doc[after].text == "/" and doc[after + 1].text.isupper():
        after += 2  # "AMAKORO/ABUJA, Jan 19 (Halyard) -"
    return bool(
        opens
        and first.text.isupper()
        and len(first.text) > 2
        and after < len(doc)
        and doc[after].text == ","
    )


def _in_dateline(doc: Any, index: int) -> bool:
    """Whether token ``index`` sits in the dateline that opens its paragraph ("AMAKORO,
    Mabenia —", "ABUJA, Jan 21 (Meridian) -")."""
    first = index
    while first > 0 and not doc[first - 1].is_space and "\n" not in doc[first - 1].text_with_ws:
        first -= 1
        if index - first > 12:
            return False
    if not _dateline(doc, first):
        return False
    for token in doc[first : index + 1]:
        if token.text in ("—", "–", "-", "--") and token.i < index:
            return False
    return True


def party(doc: Any, token: Any, names: Names) -> Party | None:
    """The participant a token heads: a named actor when the mentions say so. Datelines
    and dates are no participants."""
    start, end = _core(token)
    span = doc[start:end]
    c0, c1 = span.start_char, span.end_char
    if token.ent_type_ in ("DATE", "TIME"):
        return None
    if _in_dateline(doc, start):
        return None
    head = names.mention_at(token.idx, token.idx + len(token.text))
    actor = head.actor if head else None
    if actor is None:
        lo = min([token.i, *(c.i for c in token.children if c.dep_ == "compound")])
        actor = names.resolve(doc[lo].idx, token.idx + len(token.text))
    if actor is None and not any(c.dep_ == "poss" for c in token.children):
        actor = names.resolve(c0, c1)
    if actor is None:
        for child in token.children:
            if child.dep_ == "appos":
                found = names.mention_at(child.idx, child.idx + len(child.text))
                actor = found.actor if found else None
                break
    if actor is None and token.pos_ == "PRON":
        return None
    if actor is None and token.pos_ == "PROPN" and token.dep_ == "compound":
        return None
    text = " ".join(span.text.split())
    return Party(actor, text, c0, c1, token.i)


def _conjuncts(token: Any) -> list[Any]:
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})


def _subject(token: Any) -> Any | None:
    """The grammatical subject, inherited through xcomp/advcl/conj chains and "after being
    charged" (a gerund under a preposition); a relative pronoun stands for the noun its
    clause describes ("Kara, who was shot in the leg")."""
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return current.head
                return child
        if current.dep_ in ("xcomp", "advcl", "conj", "ccomp") and current.head.i != current.i:
            if current.dep_ == "ccomp" or (current.dep_ == "advcl" and _finite(current)):
                return None  # a finite clause has its own subject, even one the parse lost
            current = current.head
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head
            continue
        if current.dep_ in ("relcl", "acl", "amod") and current.head.i != current.i:
            noun = current.head
            while noun.dep_ == "compound" and noun.head.i != noun.i:
                noun = noun.head  # "the sacked ports minister Aïcha Yamboré"
            return noun
        return None
    return None


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _finite(verb: Any) -> bool:
    """ "was dismissed", "fired": a tensed verb or auxiliary (not "after being charged")."""
    return verb.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children
    )


def _reduced_passive(verb: Any) -> bool:
    """ "a minister dismissed", "the sacked ports minister", "181 killed": a participle
    describing the noun it hangs on, which undergoes the act."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "amod")
        and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in verb.children)
    )


@dataclass
class Roles:
    """Participants found for one trigger, by role."""

    actors: list[Party]
    targets: list[Party]
    places: list[Party]
    pronouns: int = 0
    """Participants only a pronoun names ("He was released"): there, though unnamed."""

    def add(self, role: str, found: Party | None) -> None:
        if found is None:
            return
        if role == "actor":
            self.actors.append(found)
        elif role == "target":
            self.targets.append(found)
        elif role == "place":
            self.places.append(found)


SPEAKER_PRONOUNS = frozenset({"he", "she", "him", "her", "it", "they", "them", "we", "us"})


def _speaker(doc: Any, pronoun: Any, names: Names) -> Party | None:
    """ "Varga said she would step down", "Syria says it is willing to withdraw", "the
    rebels said they will release him": a pronoun in what a speaker says is the speaker,
    when the chains did not resolve it (a named speaker, or a phrase that can act)."""
    if pronoun.lower_ not in SPEAKER_PRONOUNS:
        return None
    cues = vocabulary().modality.reporting
    for governor, dep in _chain(pronoun, 6):
        if dep in ("ccomp", "parataxis") and governor.lemma_ in cues:
            subject = _subject(governor)
            if subject is None or subject.pos_ == "PRON" or not _agrees(pronoun, subject):
                return None
            found = party(doc, subject, names)
            if found is None or not (found.actor or _agentive(doc, found)):
                return None
            return found
    return None


def _agrees(pronoun: Any, noun: Any) -> bool:
    """Number agreement of a pronoun with its candidate antecedent: "it" is no plural
    ("residents warned ... if it refused"), "he"/"she" neither; "they" is a plural or a
    body ("the union said they would ...")."""
    plural = noun.tag_ in ("NNS", "NNPS")
    if pronoun.lower_ in ("they", "them", "we", "us"):
        return plural or noun.tag_ in ("NN", "NNP")
    return not plural


def _add_all(roles: Roles, role: str, doc: Any, token: Any, names: Names) -> None:
    for conj in _conjuncts(token):
        found = party(doc, conj, names)
        if found is None and conj.pos_ == "PRON":
            found = _speaker(doc, conj, names)
        if found is None and conj.pos_ == "PRON" and role in ("actor", "target"):
            roles.pronouns += 1
        roles.add(role, found)


def _prep_roles(
    roles: Roles, doc: Any, head: Any, args: Mapping[str, str], names: Names, skip: set[int]
) -> None:
    for child in head.children:
        if child.dep_ in ("prep", "agent") and child.i not in skip:
            role = args.get("agent" if child.dep_ == "agent" else child.lower_, "none")
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                if role == "actor" and child.lower_ in ("of", "from") and _place(obj, names):
                    role = "place"  # "walked out of the Port of Amakoro": where, not who
                _add_all(roles, role, doc, obj, names)


def _place(token: Any, names: Names) -> bool:
    mention = names.mention_at(token.idx, token.idx + len(token.text))
    return mention is not None and mention.type in PLACE_TYPES


def verb_roles(doc: Any, trigger: Trigger, names: Names) -> Roles:
    """Actors and targets of a verbal trigger."""
    args = trigger.pattern.args
    verb = doc[trigger.anchor]
    roles = Roles([], [], [])
    passive = _is_passive(verb) or _reduced_passive(verb)
    subject = _subject(verb)
    if subject is not None and subject.i not in trigger.literals and not _eventive(subject):
        key = "passive_subject" if passive else "subject"
        if (
            subject.i < verb.i
            and verb.dep_ in ("relcl", "acl", "amod")
            and subject.i == verb.head.i
        ):
            # the noun a clause describes, not its conjuncts ("his daughter, who was
            # dismissed ..., or President Dossavi")
            roles.add(args.get(key, "none"), party(doc, subject, names))
        else:
            _add_all(roles, args.get(key, "none"), doc, subject, names)
    objects = [
        c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i not in trigger.literals
    ]
    if trigger.star is not None:
        star = doc[trigger.star[0] : trigger.star[1]]
        objects = [star.root] if star.root.pos_ in ("NOUN", "PROPN", "PRON", "NUM") else objects
        owner = star.root.head
        if star.root.dep_ == "nummod" and owner.i in trigger.literals:
            # the slot only counts the pattern's object ("blew up three power lines"):
            # the object is that noun, unless it names the happening ("imposed tough sanctions")
            objects = [owner] if owner.pos_ == "NOUN" and not _eventive(owner) else []
    for obj in objects[:1]:
        _add_all(roles, args.get("object", "none"), doc, obj, names)
    last = doc[trigger.literals[-1]]
    if last.pos_ == "ADP" and len(trigger.literals) > 1:
        role = args.get(last.lower_, args.get("pattern_object", "none"))
        for obj in last.children:
            if obj.dep_ == "pobj":
                _add_all(roles, role, doc, obj, names)
    for index in trigger.literals:
        own = args
        if index != trigger.anchor and doc[index].pos_ == "NOUN":
            own = {**args, "by": "target", "agent": "target"}  # "rejected calls by Annan"
        _prep_roles(roles, doc, doc[index], own, names, set(trigger.literals))
    if trigger.pattern.type in OWNED_OBJECTS and not any(p.actor for p in roles.targets):
        for obj in [*objects[:1], *(doc[j] for j in trigger.literals[1:])]:
            _object_owner(roles, doc, obj, names)
    if trigger.pattern.type == "DEMAND" and not roles.targets:
        _asked(roles, doc, verb, names)
    return roles


OWNED_OBJECTS = frozenset({"REJECT", "CONCEDE", "SUPPORT", "DISAPPROVE", "AGREE"})
"""Types whose object is often someone's proposal, call or plan: its owner is the target."""


def _object_owner(roles: Roles, doc: Any, obj: Any, names: Names) -> None:
    """ "rejected an Indian proposal", "accepted the rebels' demands", "rejected calls by
    Annan": the named owner of the object (possessor, name modifier, "by"/"from" phrase)
    is who the act is aimed at."""
    if obj.pos_ not in ("NOUN",) or names.mention_at(obj.idx, obj.idx + len(obj.text)):
        return
    for child in obj.children:
        owner = None
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.pos_ in ("PROPN", "ADJ"):
            owner = child
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
            owner = next((c for c in child.children if c.dep_ == "pobj"), None)
        if owner is None:
            continue
        mention = names.mention_at(owner.idx, owner.idx + len(owner.text))
        if mention is not None and mention.actor and mention.type in TARGET_TYPES:
            roles.add("target", party(doc, owner, names))
            return


def _asked(roles: Roles, doc: Any, verb: Any, names: Names) -> None:
    """ "called for President Dossavi to resign", "urged the bloc to act": who is asked to
    act is the subject of the clause that says what."""
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ != "PRON":
                _add_all(roles, "target", doc, subject, names)
                return


CONTENT_DEPS = frozenset(
    {"dobj", "pobj", "prep", "xcomp", "ccomp", "acomp", "compound", "amod", "nsubj",
     "nsubjpass", "dative", "attr", "oprd", "poss", "nmod", "appos", "conj", "cc", "agent"}
)  # fmt: skip
"""Relations through which a name belongs to what the trigger says ("agreed to hand over
suspects to Britain", "demanded an admission by Moscow"); not clauses about something else
(relative, adverbial clauses, parentheticals)."""
TARGET_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})
NOUN_TARGET_PREPS = frozenset(
    {"with", "between", "against", "to", "toward", "towards", "by", "from", "of", "into"}
)
"""Prepositions through which an event noun names its other party ("talks with X")."""
WHERE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "around", "throughout", "across", "along", "through"}
)
"""Prepositions of place: a name under one is where a physical act happened, not on whom."""


def _content_target(doc: Any, trigger: Trigger, roles: Roles, names: Names) -> None:
    """An event with no target found in its own slots takes the first named actor of what
    it says, after the trigger: the content of a frame ("offered to hand over two suspects
    to Britain" -> Britain), the object's or the prepositional phrase's name ("demanded an
    admission by Moscow", "the withdrawal of forces from Panama"). The event's own actors,
    its reporter and names inside clauses about something else are skipped."""
    anchor = doc[trigger.anchor]
    taken = {p.actor for p in roles.actors if p.actor}
    skip = set(trigger.literals)
    for token in anchor.subtree:
        if token.i <= anchor.i or token.i in skip or token.pos_ != "PROPN":
            continue
        current, inside, placed, first = token, True, False, ""
        while current.i != anchor.i:
            if current.dep_ not in CONTENT_DEPS:
                inside = False
                break
            placed = placed or (current.dep_ == "prep" and current.lower_ in WHERE_PREPS)
            first = current.lower_ if current.dep_ == "prep" else first
            current = current.head
        if not inside or (trigger.pattern.kind == "noun" and first not in NOUN_TARGET_PREPS):
            continue  # "a dialogue on the future of the Port": a topic, not a party
        mention = names.mention_at(token.idx, token.idx + len(token.text))
        if mention is None or mention.actor in taken or mention.type not in TARGET_TYPES:
            continue
        physical = trigger.pattern.type in PLACE_FIRST
        if physical and (placed or (mention.type in PLACE_TYPES and _governed_place(token))):
            continue  # "attacked a convoy in Kabul", "broke up a march ... in X": where
        found = party(doc, token, names)
        if found is not None and found.actor:
            roles.targets.append(found)
            return


def _eventive(token: Any, plover_only: bool = False) -> bool:
    """True for a noun that names a happening ("riots", "the blast"): not an actor (with
    ``plover_only``, a happening of one of PLOVER's types: "boycott the election" is a
    boycott told at its verb)."""
    vocab = vocabulary()
    return token.pos_ == "NOUN" and any(
        p.kind == "noun"
        and p.size == 1
        and p.type
        and not (plover_only and p.type in vocab.extensions)
        for form in _forms(token)
        for p in vocab.by_first.get(form, ())
    )


def _led_by(token: Any) -> Iterator[Any]:
    """Names in an "X-led" modifier of ``token``."""
    for child in token.children:
        if child.lemma_ == "lead" and child.dep_ in ("amod", "compound"):
            for name in child.children:
                if name.dep_ in ("npadvmod", "compound", "nmod", "nsubj", "amod"):
                    yield name


def noun_roles(doc: Any, trigger: Trigger, names: Names) -> Roles:
    """Actors, targets and compounded places of a nominal trigger."""
    args = trigger.pattern.args
    noun = doc[trigger.anchor]
    roles = Roles([], [], [])
    for name in _led_by(noun):
        _add_all(roles, args.get("led", "actor"), doc, name, names)
    for child in noun.children:
        if child.i in trigger.literals:
            continue
        if child.dep_ == "poss":
            _possessor(roles, doc, trigger, child, names)
        elif child.dep_ in ("compound", "amod", "nmod") and child.lemma_ != "lead":
            _compound_role(roles, doc, trigger, child, names)
    _prep_roles(roles, doc, noun, {"by": "actor", **args}, names, set(trigger.literals))
    _light_verb_roles(roles, doc, trigger, noun, names)
    return roles


PLACE_WORDS = frozenset({"country", "nation", "city", "capital", "region", "town", "state"})
"""Common nouns for places: "the country's worst unrest" happened there, nobody did it."""


def _possessor(roles: Roles, doc: Any, trigger: Trigger, child: Any, names: Names) -> None:
    """ "the dockers' strike" (who), "Amakoro's riots" (where), "the country's unrest";
    "the committee completed its investigation": a possessive pronoun is the subject of the
    verb the noun depends on."""
    if child.pos_ == "PRON" and child.lower_ in ("its", "their", "his", "her", "our"):
        verb = doc[trigger.anchor].head
        subject = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
        if subject is not None and subject.pos_ != "PRON" and subject.i != trigger.anchor:
            _add_all(roles, trigger.pattern.args.get("poss", "actor"), doc, subject, names)
        return
    if trigger.pattern.type in PLACE_FIRST and _place(child, names):
        roles.add("place", party(doc, child, names))
    elif child.lemma_.lower() not in PLACE_WORDS:
        _add_all(roles, trigger.pattern.args.get("poss", "actor"), doc, child, names)


def _compound_role(roles: Roles, doc: Any, trigger: Trigger, child: Any, names: Names) -> None:
    mention = names.mention_at(child.idx, child.idx + len(child.text))
    if mention is not None and mention.type in PLACE_TYPES and trigger.pattern.type in PLACE_FIRST:
        roles.add("place", party(doc, child, names))
    elif mention is not None or (child.pos_ == "NOUN" and child.dep_ == "compound"):
        if child.lower_ in _GENERIC_MODIFIERS:
            return
        roles.add(trigger.pattern.args.get("compound", "actor"), party(doc, child, names))


_GENERIC_MODIFIERS = frozenset(
    {"mass", "street", "week", "day", "night", "weekend", "hunger", "protest", "government",
     "corruption", "fuel", "price", "port", "terminal", "peace", "trade", "border", "loan",
     "aid", "food", "debt", "security", "rights", "labour", "labor", "work", "weeks", "days"}
)  # fmt: skip


def _light_verb_roles(roles: Roles, doc: Any, trigger: Trigger, noun: Any, names: Names) -> None:
    """ "police launched a crackdown on X": the light verb's subject acts."""
    verb = noun.head
    if noun.lemma_.lower() in vocabulary().tallies:
        return
    if verb is noun or verb.pos_ not in ("VERB", "AUX"):
        if noun.dep_ == "pobj" and noun.head.head.lemma_ in ("take", "join"):
            verb = noun.head.head
        else:
            return
    if noun.dep_ not in ("dobj", "nsubjpass", "pobj", "attr"):
        return
    if noun.dep_ != "nsubjpass" and lemma(verb) not in LIGHT_VERBS | {"be"}:
        return
    if not roles.actors:
        subject = _subject(verb)
        if noun.dep_ == "nsubjpass":
            subject = next(
                (a for c in verb.children if c.dep_ == "agent" for a in c.children), None
            )
        if subject is not None and subject.i != noun.i:
            _add_all(roles, "actor", doc, subject, names)
    args = trigger.pattern.args
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in ("on", "against")
            and args.get(child.lower_) == "target"
        ):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    _add_all(roles, "target", doc, obj, names)


# --------------------------------------------------------------------------- place, date


def clause_head(doc: Any, index: int) -> Any:
    """The verb whose clause holds token ``index`` (the token itself for a verb)."""
    token = doc[index]
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _governed_place(token: Any) -> bool:
    """True when the place token hangs under in/at/near... (through compounds/appositions)."""
    current = token
    for _ in range(4):
        if current.dep_ == "pobj":
            return current.head.lower_ in PLACE_PREPS
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _same_clause(token: Any, head: Any, anchor: int) -> bool:
    """Whether ``token`` belongs to the clause headed by ``head``, to a clause governing it
    or to a relative clause on the event noun ``anchor`` ("the riots that broke out in
    Abessi City"), not to a clause about something else ("the founding president, after
    whom the city was renamed in 1980")."""
    own = clause_head(token.doc, token.i)
    if own.dep_ in ("relcl", "acl") and own.head.i == anchor:
        return True
    if own.i == head.i:
        return True
    current = head
    while current.i != own.i and current.head.i != current.i:
        if current.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in current.children
        ):
            return False  # "the largest since ..., after dockers walked out": its own time
        current = current.head
    return bool(current.i == own.i)


def find_place(
    doc: Any,
    trigger: Trigger,
    roles: Roles,
    names: Names,
    sentence: tuple[int, int],
    dateline: Party | None,
) -> Party | None:
    """The most specific place tied to the trigger: in its clause, its sentence, else the
    dateline."""
    if roles.places:
        return roles.places[0]
    verb = clause_head(doc, trigger.anchor)
    clause = {t.i for t in verb.subtree}
    best: tuple[int, int, Party] | None = None
    for mention in names.mentions:
        if mention.type not in PLACE_TYPES or mention.actor is None:
            continue
        if not (sentence[0] <= mention.span.start and mention.span.end <= sentence[1]):
            continue
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if (
            span is None
            or not _governed_place(span.root)
            or not _same_clause(span.root, verb, trigger.anchor)
        ):
            continue
        rank = (0 if span.root.i in clause else 1, 0 if mention.type == "FAC" else 1)
        found = Party(mention.actor, mention.span.text, mention.span.start, mention.span.end)
        if best is None or rank < best[:2]:
            best = (*rank, found)
    return best[2] if best else dateline


def dateline_place(ctx: Context, names: Names) -> Party | None:
    """The document's dateline place as a named actor, when the names stage knows it."""
    place = dict(ctx.document.extra).get("dateline_place")
    if not place:
        return None
    wanted = place.strip().casefold()
    for actor in names.actors.values():
        forms = {actor.name.casefold(), *(a.casefold() for a in actor.aliases)}
        if actor.type in PLACE_TYPES and wanted in forms:
            return Party(actor.id, actor.name, -1, -1)
    return None


def _date_of(time: TimeExpression, text: str = "") -> PartialDate | None:
    """The calendar date of a DATE expression, or of a TIME on a known day ("on Monday
    night" → its day); None for "since X", "until X"..."""
    if time.type not in ("DATE", "TIME"):
        return None
    before = text[max(0, time.span.start - 24) : time.span.start].lower().split()
    near = len(before) > 1 and before[-1] in ("before", "after") and before[-2] in NEAR
    if before and before[-1] in BOUNDARY_WORDS and not near:
        return None  # a bound; but "shortly before midnight Friday" is a point
    raw = time.value.split("T")[0] if time.type == "TIME" else time.value
    if (time.type == "TIME" and len(raw) != 10) or "W" in raw:
        return None  # a week ("last week") is no calendar date of ours
    value = PartialDate.parse(raw)
    return value if value is not None and raw[:4].isdigit() else None


def find_date(
    ctx: Context, trigger: Trigger, times: Sequence[TimeExpression], sentence: tuple[int, int]
) -> tuple[str | None, str]:
    """The event's date and where it comes from (sentence, narrative, publication, none)."""
    doc = ctx.doc
    clause = clause_head(doc, trigger.anchor)
    lo, hi = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)
    best: tuple[tuple[int, int], str] | None = None
    for time in times:
        value = _date_of(time, ctx.document.text)
        if value is None or not (sentence[0] <= time.span.start < sentence[1]):
            continue
        span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if span is None or not _same_clause(span.root, clause, trigger.anchor):
            continue
        if _in_dateline(doc, span.start):
            continue  # "VARNHOLM, March 16 -": the filing date, not the event's
        rank = (0 if lo <= time.span.start < hi else 1, 0 if value.precision == "day" else 1)
        if best is None or rank < best[0]:
            best = (rank, value.iso())
    if best is not None:
        return best[1], "sentence"
    narrative = _narrative_date(ctx, times, sentence[0])
    if narrative is not None:
        return narrative, "narrative"
    if ctx.anchor is not None:
        return ctx.anchor.iso(), "publication"
    return None, "none"


def _narrative_date(ctx: Context, times: Sequence[TimeExpression], before: int) -> str | None:
    """The date of the last dated sentence before ``before`` in the same paragraph."""
    paragraph = ctx.document.text.rfind("\n\n", 0, before)
    last: str | None = None
    for time in sorted(times, key=lambda t: t.span.start):
        value = _date_of(time, ctx.document.text)
        if value is None or value.precision == "year":
            continue
        if paragraph < time.span.start < before:
            last = value.iso()
    return last


# --------------------------------------------------------------------------- modality


def _possible_noun(noun: Any, cues: Modality) -> bool:
    """ "would have endured criticism", "hopes for a landslide", "a path to victory": the
    object of a verb told as a possibility, or a noun a possibility word is for or to."""
    while noun.dep_ in ("compound", "amod") and noun.head.i != noun.i:
        noun = noun.head  # "a landslide victory"
    if noun.dep_ == "dobj" and _aux_lemmas(noun.head) & cues.hypothetical:
        return True
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ in ("for", "to", "of")
        and prep.head.lemma_.lower() in cues.hypothetical_nouns
    )


def _infinitive(clause: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _aux_lemmas(token: Any) -> set[str]:
    return {
        c.lower_
        for c in token.children
        if c.dep_ in ("aux", "auxpass", "neg", "advmod", "mark", "det")
    } | {c.lemma_.lower() for c in token.children if c.dep_ in ("aux", "neg", "mark")}


def _chain(token: Any, steps: int = 4) -> Iterator[tuple[Any, str]]:
    """(governor, relation) pairs up the clause chain."""
    current = token
    for _ in range(steps):
        if current.head.i == current.i:
            return
        yield current.head, current.dep_
        current = current.head


def modality(
    doc: Any, trigger: Trigger, cues: Modality, sentence: tuple[int, int]
) -> tuple[str, Any | None]:
    """(modality, reporting token or None) for a trigger."""
    head = doc[trigger.anchor]
    clause = clause_head(doc, trigger.anchor)
    local = _aux_lemmas(head) | _aux_lemmas(clause)
    reporter = _reporter(doc, clause, cues, sentence)
    if trigger.pattern.kind == "noun" and _possible_noun(head, cues):
        return "hypothetical", reporter
    if trigger.pattern.kind == "noun" and not _clause_tells(head, cues):
        # "the deal would allow...", "this agreement is not...": the clause says something
        # of a happening that is presupposed; only "no strike" negates it
        if {c.lower_ for c in head.children if c.dep_ in ("det", "neg")} & cues.negation:
            return "negated", reporter
        return ("reported" if reporter is not None else "asserted"), reporter
    if local & cues.negation:
        return "negated", reporter
    for governor, dep in _chain(clause):
        if dep in ("xcomp", "ccomp") and lemma(governor) in cues.negating_heads:
            return "negated", reporter
        possible = (dep in ("xcomp", "advcl") and governor.pos_ == "ADJ") or (
            dep == "acl" and governor.lemma_.lower() in cues.hypothetical_nouns
        )
        if possible and _infinitive(clause) and governor.lemma_.lower() not in cues.future_heads:
            # "easy to dismiss", "inclined to support her", "their prospects to win a
            # seat": a possibility talked about, not a happening ("ready to" is future)
            return "hypothetical", reporter
        if dep in ("xcomp", "ccomp", "advcl") and lemma(governor) in cues.hypothetical_heads:
            return "hypothetical", reporter
        if dep in ("xcomp",) and lemma(governor) in cues.future_heads:
            return "future", reporter
        if dep == "ccomp":
            break
    if (
        reporter is not None
        and local & cues.hypothetical == {"would"}
        and not (_conditional(clause, cues) or _pending(clause, cues))
    ):
        return "future", reporter  # "she said she would step down": future in the past
    if local & cues.hypothetical or _conditional(clause, cues) or _pending(clause, cues):
        return "hypothetical", reporter
    if local & cues.future:
        return "future", reporter
    return ("reported" if reporter is not None else "asserted"), reporter


OCCURRENCE = frozenset(
    {"happen", "occur", "take", "begin", "start", "continue", "resume", "go", "end", "break",
     "erupt", "spread", "escalate", "last", "grow", "intensify", "stop", "enter", "proceed",
     "collapse", "convene", "adjourn", "hold", "get"}
)  # fmt: skip
"""Verbs that say a happening (their subject or object) takes place: "the strike would
continue" is a hypothetical strike, "the deal would allow" is not a hypothetical deal."""


def _clause_tells(noun: Any, cues: Modality) -> bool:
    """Whether the noun's clause tells whether the happening takes place."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.pos_ not in ("VERB", "AUX"):
        return False
    heads = OCCURRENCE | LIGHT_VERBS | cues.negating_heads | cues.hypothetical_heads
    return lemma(verb) in heads | cues.future_heads | {"rule"}


PENDING_MARKS = frozenset({"until", "till", "unless"})


def _pending(clause: Any, cues: Modality) -> bool:
    """ "The strike would continue until the concession was cancelled and all detainees
    released": a condition of a future or hypothetical clause, not yet met ("he ruled until
    he died" is no condition)."""
    current = clause
    for _ in range(4):
        marked = any(c.dep_ == "mark" and c.lower_ in PENDING_MARKS for c in current.children)
        if marked and current.dep_ == "advcl":
            return bool(_aux_lemmas(current.head) & (cues.hypothetical | cues.future))
        if current.dep_ != "conj" or current.head.i == current.i:
            return False
        current = current.head
    return False


def _conditional(clause: Any, cues: Modality) -> bool:
    for governor, dep in [(clause, ""), *_chain(clause, 2)]:
        if dep in ("", "advcl") and any(
            c.dep_ == "mark" and c.lower_ in cues.hypothetical
            for c in (governor if dep == "" else clause).children
        ):
            return True
    return False


def _reporter(doc: Any, clause: Any, cues: Modality, sentence: tuple[int, int]) -> Any | None:
    """The subject of the speech verb the clause is reported under, or "according to X"."""
    for governor, dep in _chain(clause, 4):
        if dep in ("ccomp", "parataxis", "advcl") and governor.lemma_ in cues.reporting:
            return _subject(governor) or governor
    for child in clause.children:
        if child.dep_ == "parataxis" and child.lemma_ in cues.reporting:
            return _subject(child) or child
    span = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    for token in span if span is not None else ():  # the sentence's tokens, not the doc's
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            objs = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            return objs[0] if objs else None
    return None


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Inputs:
    """Everything one document's events are read from."""

    ctx: Context
    names: Names
    times: tuple[TimeExpression, ...]
    figures: tuple[Figure, ...]
    dateline: Party | None


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _label(doc: Any, trigger: Trigger, roles: Roles, names: Names) -> str:
    """A short description: "police dispersed the marchers with tear gas"."""
    spans = [(p.start, p.end) for p in roles.actors + roles.targets if p.start >= 0]
    first = doc[min(trigger.literals)]
    last = doc[max(trigger.literals)]
    if last.pos_ == "ADP" or trigger.pattern.kind == "noun":
        last = max(last.subtree, key=lambda t: t.i) if last.pos_ == "ADP" else last
    if trigger.pattern.kind == "noun":
        lo, hi = _core(doc[trigger.anchor])
        first, last = doc[min(lo, first.i)], doc[max(hi - 1, last.i)]
        last = _verb_after(doc[trigger.anchor], last)
    start = min([first.idx, *(s for s, _ in spans)])
    end = max([last.idx + len(last.text), *(e for _, e in spans)])
    words = doc_text(doc)[start:end].split()
    if len(words) <= LABEL_WORDS:
        return " ".join(words).strip(" ,;:")
    who = roles.actors[0].text if roles.actors else ""
    what = " ".join(doc[min(trigger.literals) : max(trigger.literals) + 1].text.split())
    whom = roles.targets[0].text if roles.targets else ""
    return " ".join(w for w in (who, what, whom) if w)


def _verb_after(noun: Any, last: Any) -> Any:
    """For "talks will resume", "the riots that broke out": the verb told of the noun."""
    verb = None
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i > noun.i:
        verb = noun.head
    for child in noun.children:
        if child.dep_ == "relcl":
            verb = child
    if verb is None:
        return last
    tail = [c for c in verb.children if c.dep_ == "prt"]
    return max([verb, *tail, last], key=lambda t: t.i)


COUNT_VERBS = frozenset(
    {"draw", "attract", "bring", "gather", "involve", "number", "mobilise", "mobilize", "swell"}
)
"""Verbs whose object counts the happening that is their subject ("the rally drew 40,000")."""


def _counted_tokens(doc: Any, trigger: Trigger) -> set[int]:
    """Tokens whose figures count the trigger's happening: its object slot and direct
    objects ("won 27 seats"), and the object of a counting verb whose subject it is ("the
    rally drew 25,000 people, including 300 nurses")."""
    anchor = doc[trigger.anchor]
    tokens: set[int] = set(range(*trigger.star)) if trigger.star else set()
    heads = [anchor]
    if (
        trigger.pattern.kind == "noun"
        and anchor.dep_ == "nsubj"
        and anchor.head.lemma_ in COUNT_VERBS
    ):
        heads = [anchor.head]
    elif trigger.pattern.kind == "noun":
        heads = []
    for head in heads:
        for child in head.children:
            if child.dep_ in ("dobj", "attr") and child.i not in trigger.literals:
                tokens.update(t.i for t in child.subtree)
    for j in trigger.literals[1:]:
        for child in doc[j].children:
            if child.dep_ in ("nummod", "quantmod"):
                tokens.update(t.i for t in child.subtree)  # "won 27 seats"
    return tokens


def _figures(
    inputs: Inputs, trigger: Trigger, roles: Roles, sentence: tuple[int, int]
) -> tuple[str, ...]:
    spans = [(p.start, p.end) for p in roles.actors + roles.targets]
    counts = trigger.pattern.counts
    doc = inputs.ctx.doc
    counted = _counted_tokens(doc, trigger)
    doc_id = inputs.ctx.document.id
    linked: list[str] = []
    for figure in inputs.figures:
        s, e = figure.span.start, figure.span.end
        if not (sentence[0] <= s and e <= sentence[1]):
            continue
        inside = any(a <= s and e <= b for a, b in spans)
        fits = bool(figure.what) and any(w in (figure.what or "").lower().split() for w in counts)
        token = doc.char_span(s, e, alignment_mode="expand")
        governed = (
            token is not None and token.root.i in counted and not MONEY.search(figure.span.text)
        )
        if inside or fits or governed:
            linked.append(fact_id("f", doc_id, s, e))
    return tuple(linked)


CLOSE_GAP = 2
"""Tokens a pattern may skip and still be one stretch of evidence ("left [21] dead")."""


def trigger_offsets(doc: Any, trigger: Trigger) -> tuple[int, int]:
    """Character offsets of the trigger: its first run of contiguous pattern tokens; for a
    CAMEO pattern with an event noun as object ("launched attacks"), that noun."""
    if trigger.pattern.origin == "cameo":
        nouns = [j for j in trigger.literals[1:] if _eventive(doc[j], plover_only=True)]
        if nouns:
            return doc[nouns[-1]].idx, doc[nouns[-1]].idx + len(doc[nouns[-1]].text)
    run = [trigger.literals[0]]
    for index in trigger.literals[1:]:
        if index - run[-1] > 1 + CLOSE_GAP:
            break  # a close word is the same phrase: "left 21 dead", "shot two men dead"
        run.append(index)
    first, last = doc[run[0]], doc[run[-1]]
    return first.idx, last.idx + len(last.text)


INSTRUMENTS = re.compile(
    r"\b(tear ?gas|water cannons?|rubber bullets|live (rounds|ammunition)|batons?|"
    r"stun grenades?|pepper spray|weapons?|guns?|rifles?)\b",
    re.IGNORECASE,
)
"""Means, not targets: "police used tear gas and water cannon" hits the marchers."""

MONEY = re.compile(r"[$€£¥]|\b(francs?|dollars?|euros?|pounds?|cfa|usd)\b", re.IGNORECASE)
"""Sums are what is given or lent, not on whom an act falls."""
NO_ONE = re.compile(r"^(no|none of|not one|not a single|nobody|no one)\b", re.IGNORECASE)
"""A participant that negates the event: "no member of the security forces has been
charged"."""

NON_HUMAN = re.compile(
    r"\b(subsid(y|ies)|prices?|tax(es)?|tariffs?|rules?|laws?|polic(y|ies)|plans?|deals?|"
    r"contracts?|concessions?|ban|bans|curfews?|restrictions?|measures?|reforms?|"
    r"videos?|films?|footage|scenes?|movies?|photos?|pictures?|documentar(y|ies)|episodes?)\b",
    re.IGNORECASE,
)
"""Heads that cannot be dismissed, arrested, detained or shot: "the removal of fuel
subsidies" is a policy change, not an act of coercion against someone; "the video was
shot" is filming."""

PEOPLE_MODES = frozenset({"dismiss", "arrest", "detain", "abduct", "shoot"})


def _plausible(trigger: Trigger, roles: Roles) -> bool:
    """Whether an act on people has something other than a policy as its target."""
    if trigger.pattern.mode not in PEOPLE_MODES or not roles.targets:
        return True
    return any(p.actor or not NON_HUMAN.search(p.text) for p in roles.targets)


VICTIM_MODES = frozenset({"kill", "die", "wound", "detain", "arrest", "abduct", "assassinate"})
"""Modes whose counted people suffer the act: "181 killed", "nearly 4,000 detained"."""
EXPLETIVES = frozenset({"it", "this", "that", "there", "these", "those", "which", "what"})


@dataclass(frozen=True)
class Reading:
    """One trigger's event, and whether the happening is only named in passing (no
    participant, no figure, no date of its own, not told as happening)."""

    event: Event
    bare: bool = False
    """No participant, no figure, no date of its own."""
    told: bool = True
    """The sentence tells of the happening ("the strike has spread"), rather than naming
    it in passing ("released from detention")."""


def _counted(doc: Any, party: Party) -> bool:
    """A count of people: "181", "nearly 4,000", "Dozens", "about 2,100 people"."""
    if party.head < 0 or party.actor is not None:
        return False
    head = doc[party.head]
    quantities = vocabulary().quantities
    if head.like_num or head.pos_ == "NUM" or head.lower_ in quantities:
        return True
    return any(c.dep_ == "nummod" and (c.like_num or c.lower_ in quantities) for c in head.children)


def _agentive(doc: Any, party: Party) -> bool:
    """Whether a participant can act: a named actor, or a phrase headed by a word for
    people, groups or bodies ("riot police", "thousands of people"); not "Denial",
    "the answer", "staff-level" or a verb phrase the parse attached as subject."""
    if party.actor is not None or party.head < 0:
        return True
    head = doc[party.head]
    if head.pos_ in ("PROPN", "X"):
        return True  # a name the names stage missed
    if head.pos_ not in ("NOUN", "NUM", "PRON"):
        return False
    vocab = vocabulary()
    if head.lemma_.lower() in vocab.agents or head.lower_ in vocab.agents:
        return True
    if head.like_num or head.lower_ in vocab.quantities:
        of = [o for c in head.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        return not of or _agentive(doc, replace(party, head=of[0].i))
    return False


def _clausal(doc: Any, party: Party) -> bool:
    """A "participant" the parse made of a verb or an adjective ("remained silent"); a
    count of people headed by an adjective ("173 dead") is one."""
    clausal = party.head >= 0 and doc[party.head].pos_ in ("VERB", "AUX", "ADJ", "ADV")
    return clausal and not _counted(doc, party)


def _victims(doc: Any, trigger: Trigger, roles: Roles) -> None:
    """Counted people never act in a killing or a detention: "181 killed", "nearly 4,000
    detained" (headline passives the parse reads as active) make them its targets."""
    if trigger.pattern.mode not in VICTIM_MODES or roles.targets:
        return
    counted = [p for p in roles.actors if _counted(doc, p)]
    roles.targets.extend(counted)
    roles.actors[:] = [p for p in roles.actors if p not in counted]


def _described_victims(doc: Any, trigger: Trigger, roles: Roles, names: Names) -> None:
    """Victims are people: "killed 23 Afghan soldiers", "Russian major general killed"
    name soldiers and a general, not the country their adjective names. A victim read as
    a named actor only through such a modifier keeps its words instead."""
    if trigger.pattern.mode not in VICTIM_MODES:
        return
    for k, target in enumerate(roles.targets):
        if target.actor is None or target.head < 0:
            continue
        head = doc[target.head]
        if head.pos_ != "NOUN" or names.mention_at(head.idx, head.idx + len(head.text)):
            continue
        for child in head.children:
            mention = names.mention_at(child.idx, child.idx + len(child.text))
            if child.dep_ in ("amod", "compound") and mention and mention.actor == target.actor:
                roles.targets[k] = replace(target, actor=None)
                break


NAMING_VERBS = frozenset({"call", "term", "label", "brand", "deem", "declare", "consider"})


def _naming(doc: Any, trigger: Trigger) -> bool:
    """ "The government called the strike illegal": naming a happening, not calling one."""
    verb = doc[trigger.anchor]
    return (
        trigger.pattern.kind != "noun"
        and verb.lemma_ in NAMING_VERBS
        and any(
            c.dep_ in ("oprd", "acomp", "xcomp")
            and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)  # "on X to"
            for c in verb.children
        )
    )


def _copula_subject(attr: Any) -> Any | None:
    return next((c for c in attr.head.children if c.dep_ in ("nsubj", "expl")), None)


def figurative(doc: Any, trigger: Trigger) -> bool:
    """A trigger that describes rather than tells: what a subject "is" ("Denial is not an
    investigation", "A nation is a promise", the dismissal was "a fuse being removed from a
    bomb that has already exploded"). "It was the biggest march" and "the protest was a
    riot" still tell of a happening."""
    token = doc[trigger.anchor]
    for current in [token, *token.ancestors]:
        if current.dep_ == "attr" and current.head.lemma_ == "be":
            if current is not token:
                return True
            subject = _copula_subject(current)
            return not (subject is None or subject.lower_ in EXPLETIVES or _eventive(subject))
        clause = current.dep_ in ("ccomp", "xcomp", "advcl", "parataxis") or (
            current.pos_ == "VERB" and current.dep_ not in ("relcl", "acl")
        )
        if clause and current is not token:
            return False
    return False


def _natural(doc: Any, trigger: Trigger) -> bool:
    """ "The storm struck the coast", "the virus hit the region": a force of nature as the
    subject of an active verb is no actor, and the verb no political act."""
    if trigger.pattern.kind == "noun":
        return False
    verb = doc[trigger.anchor]
    subject = _subject(verb)
    nature = vocabulary().nature
    return bool(
        subject is not None
        and not _is_passive(verb)
        and (subject.lemma_.lower() in nature or subject.lower_ in nature)
    )


def _credit_lines(text: str, cues: Sequence[str]) -> list[tuple[int, int]]:
    """Character ranges of the lines that credit or license an image."""
    found: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        lower = line.lower()
        if any(cue in lower for cue in cues):
            found.append((start, start + len(line)))
        start += len(line) + 1
    return found


def _own_date(doc: Any, token: Any) -> bool:
    """ "Sunday's shooting", "the Jan. 14 march": a date inside the noun phrase."""
    return any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree if t.i != token.i)


def _doer(doc: Any, trigger: Trigger) -> Any | None:
    """Who does the act, read from the parse: the verb's subject (its "by" agent when
    passive); for an event noun, the subject of the verb it is the object of or the
    "in"/"with" phrase of ("tanks fired four shells", "killed 46 in an air attack")."""
    token = doc[trigger.anchor]
    if trigger.pattern.kind == "noun":
        if token.dep_ not in ("dobj", "pobj", "nsubjpass"):
            return None
        token = token.head.head if token.dep_ == "pobj" else token.head
        if token.pos_ not in ("VERB", "AUX"):
            return None
    if _is_passive(token):
        agents = [c for c in token.children if c.dep_ == "agent"]
        objs = [o for a in agents for o in a.children if o.dep_ == "pobj"]
        return objs[0] if objs else None
    return _subject(token)


def armed_force(doc: Any, trigger: Trigger) -> tuple[str, str]:
    """(type, mode) of a trigger: a killing, shooting, bombing or attack done by a military
    force is FIGHT with the pattern's mode (PLOVER: conventional military force; "FIGHT/kill"
    is a killing in it), else the pattern's own."""
    modes, doers, unless = vocabulary().military
    own = (trigger.pattern.type, trigger.pattern.mode)
    if trigger.pattern.type != "ASSAULT" or trigger.pattern.mode not in modes:
        return own
    doer = _doer(doc, trigger)
    if doer is None or doer.pos_ not in ("NOUN", "PROPN"):
        return own
    words = {doer.lemma_.lower(), doer.lower_}
    modifiers = {c.lower_ for c in doer.children if c.dep_ in ("compound", "amod")}
    words |= {f"{m} {doer.lower_}" for m in modifiers}
    return ("FIGHT", own[1]) if words & doers and not modifiers & unless else own


def _modifier(doc: Any, trigger: Trigger) -> bool:
    """ "attack-dog fashion", "a man of striking immaturity", "strike leaders": an event
    word that only describes another noun (a compound or adjective of a noun that is no
    happening) tells of no happening."""
    token = doc[trigger.anchor]
    head = token.head
    if trigger.pattern.kind != "noun":
        # "a man of striking patience"; not "striking dockers", who are on strike
        return (
            token.dep_ == "amod"
            and token.tag_ == "VBG"
            and head.pos_ == "NOUN"
            and lemma(head) not in vocabulary().agents
            and not _eventive(head)
        )
    return (
        token.dep_ in ("compound", "amod")
        and head.i != token.i
        and head.pos_ in ("NOUN", "PROPN")
        and not _eventive(head)
    )


def told(doc: Any, trigger: Trigger, roles: Roles) -> bool:
    """Whether the sentence tells of the happening rather than naming it in passing: a verb
    ("dockers walked out"), or an event noun that is what a verb says happened ("the strike
    has spread", "police launched a crackdown") or carries its own date or place."""
    token = doc[trigger.anchor]
    if trigger.pattern.kind != "noun" or roles.places or _own_date(doc, token):
        return True
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_ != "be":
        return True
    return token.dep_ == "dobj" and lemma(head) in LIGHT_VERBS


def read_event(inputs: Inputs, trigger: Trigger, sentence: tuple[int, int]) -> Reading | None:
    """The event one trigger tells of (before merging)."""
    ctx, names = inputs.ctx, inputs.names
    doc = ctx.doc
    if figurative(doc, trigger) or _naming(doc, trigger) or _natural(doc, trigger):
        return None
    if _modifier(doc, trigger):
        return None
    read = noun_roles if trigger.pattern.kind == "noun" else verb_roles
    roles = read(doc, trigger, names)
    roles.targets[:] = [
        p
        for p in roles.targets
        if p.actor or not (INSTRUMENTS.search(p.text) or MONEY.search(p.text) or _clausal(doc, p))
    ]
    _victims(doc, trigger, roles)
    _described_victims(doc, trigger, roles, names)
    roles.actors[:] = [p for p in roles.actors if _agentive(doc, p)]
    if not roles.targets and trigger.pattern.type not in vocabulary().extensions:
        _content_target(doc, trigger, roles, names)  # statements, offices: no "whom" there
    if not _plausible(trigger, roles):
        return None
    place = find_place(doc, trigger, roles, names, sentence, inputs.dateline)
    date, date_source = find_date(ctx, trigger, inputs.times, sentence)
    if trigger.pattern.dated and date_source != "sentence":
        return None  # "officials said": a statement only when told with its own date
    mood, reporter = modality(doc, trigger, vocabulary().modality, sentence)
    if mood in ("asserted", "reported") and _after_publication(ctx, date, date_source):
        mood = "future"  # "the votes she needs for a victory next Tuesday"
    if any(NO_ONE.match(p.text) for p in roles.actors + roles.targets):
        mood = "negated"
    reported = (
        party(doc, reporter, names)
        if reporter is not None and reporter.pos_ in ("NOUN", "PROPN", "PRON")
        else None
    )
    figures = _figures(inputs, trigger, roles, sentence)
    bare = not (roles.actors or roles.targets or roles.pronouns or figures)
    bare = bare and date_source != "sentence"
    start, end = trigger_offsets(doc, trigger)
    span = Span(start, end, ctx.document.text[start:end])
    type_, mode = armed_force(doc, trigger)
    event = Event(
        id=fact_id("e", ctx.document.id, start, end),
        type=type_,
        mode=mode,
        label=_label(doc, trigger, roles, names),
        trigger=span,
        actors=_unique(p.actor or "" for p in roles.actors),
        actor_texts=_unique(p.text for p in roles.actors if p.actor is None),
        targets=_unique(p.actor or "" for p in roles.targets),
        target_texts=_unique(p.text for p in roles.targets if p.actor is None),
        place=place.actor if place else None,
        place_text=place.text if place else None,
        date=date,
        date_source=date_source,
        figures=figures,
        modality=mood,
        reported_by=reported.actor if reported else None,
        reported_by_text=reported.text if reported else None,
        evidence=(ctx.evidence(start, end, STAGE),),
    )
    return Reading(event, bare, told(doc, trigger, roles))


def _after_publication(ctx: Context, date: str | None, source: str) -> bool:
    """Whether the event's own date is later than the publication date."""
    if source != "sentence" or date is None or ctx.anchor is None:
        return False
    published = ctx.anchor.iso()
    size = min(len(date), len(published))
    return date[:size] > published[:size]


def _dates_agree(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None or "sentence" not in (a.date_source, b.date_source):
        return True
    if a.date_source != "sentence" or b.date_source != "sentence":
        return True
    return a.date.startswith(b.date) or b.date.startswith(a.date)


def _tally(event: Event) -> bool:
    """Whether the event is told as a toll ("the death toll"): a sum, not one incident."""
    words = event.trigger.text.lower().split()
    return bool(words) and words[-1] in vocabulary().tallies


def _heads(texts: Sequence[str]) -> tuple[str, ...]:
    """The last word of each unnamed participant's words ("Seven Taliban militants" ->
    "militants"): who they are, for telling two groups of victims apart; words that fit
    any group and numbers ("the three") left out."""
    heads = (t.split()[-1].lower().strip(".,'\"") for t in texts if t.split())
    return tuple(h for h in heads if h not in ANYONE and not _numeric(h))


def _numeric(word: str) -> bool:
    return word.replace(",", "").isdigit() or word in NUMBER_WORDS


NUMBER_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands"}
)  # fmt: skip


ANYONE = frozenset(
    {"people", "persons", "person", "civilians", "victims", "others", "residents", "them"}
)
"""Victim words that fit any group ("150 people killed" may be "the killings of
protesters"): they never tell two groups of victims apart."""


def _disjoint(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(a) and bool(b) and not set(a) & set(b)


def compatible(
    a: Event,
    b: Event,
    loose: bool = False,
    values: Mapping[str, float] | None = None,
) -> bool:
    """Whether two events of one document can be the same happening (``loose``: whatever
    their places and dates, for a headline or a mention in passing, as long as they do not
    count different numbers; ``values`` maps figure ids to their values)."""
    if (a.type, a.mode) != (b.type, b.mode):
        return False
    moods = {a.modality, b.modality}
    if len(moods) > 1 and not moods <= {"asserted", "reported"}:
        return False
    if _disjoint(a.actors, b.actors) or _disjoint(a.targets, b.targets):
        return False
    known = values or {}
    counted = {known.get(f) for f in a.figures} & {known.get(f) for f in b.figures} - {None}
    if loose:
        return not (a.figures and b.figures) or bool(counted)
    if a.mode in VICTIM_MODES and not counted:
        # victims named as different groups ("a major general was killed", "a local
        # commander was also killed") or counted differently ("seven militants were
        # killed", "killing the three") are two happenings; a toll sums them up ("put the
        # toll at 181" joins "more than 150 people have been killed")
        if _disjoint(_heads(a.target_texts), _heads(b.target_texts)):
            return False
        if a.figures and b.figures and not (_tally(a) or _tally(b)):
            return False
    if a.place and b.place and a.place != b.place:
        return False
    return _dates_agree(a, b)


def combine(a: Event, b: Event) -> Event:
    """One event from two tellings of it (``a`` came first)."""
    dated = a if DATE_RANK[a.date_source] <= DATE_RANK[b.date_source] else b
    mood = a.modality if MODALITY_RANK[a.modality] >= MODALITY_RANK[b.modality] else b.modality
    return replace(
        a,
        actors=_unique(a.actors + b.actors),
        actor_texts=_unique(a.actor_texts + b.actor_texts)
        if not (a.actors or b.actors)
        else a.actor_texts,
        targets=_unique(a.targets + b.targets),
        target_texts=_unique(a.target_texts + b.target_texts)
        if not (a.targets or b.targets)
        else a.target_texts,
        place=a.place or b.place,
        place_text=a.place_text if a.place else b.place_text,
        date=dated.date,
        date_source=dated.date_source,
        figures=_unique(a.figures + b.figures),
        modality=mood,
        reported_by=a.reported_by or b.reported_by,
        reported_by_text=a.reported_by_text or b.reported_by_text,
        evidence=a.evidence + b.evidence,
    )


def _absorb(
    merged: list[Event],
    pieces: list[list[Evidence]],
    event: Event,
    summary: Sequence[tuple[int, int]],
    passing: bool,
    values: Mapping[str, float],
) -> bool:
    """Fold ``event`` into the first compatible event of ``merged``; True when folded. A
    headline or standfirst summarises the story: its place may be the country where the
    body names the city. A happening named in passing joins any telling of its kind.
    The evidence of ``merged[k]`` is gathered in ``pieces[k]`` (linear in the number of
    tellings: a document may retell one happening thousands of times)."""
    loose = passing or _in_spans(event, summary)
    for k, earlier in enumerate(merged):
        headline = _in_spans(earlier, summary) and not loose
        if compatible(earlier, event, loose or headline, values):
            # the body's telling leads: its trigger, place and label are the specific ones
            if headline:
                merged[k] = replace(combine(event, earlier), evidence=())
                pieces[k][:0] = event.evidence
            else:
                merged[k] = replace(combine(earlier, event), evidence=())
                pieces[k].extend(event.evidence)
            return True
    return False


def _in_spans(event: Event, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= event.trigger.start < e for s, e in spans)


def merge_events(
    readings: Sequence[Reading],
    summary: Sequence[tuple[int, int]] = (),
    values: Mapping[str, float] | None = None,
) -> tuple[Event, ...]:
    """One event per happening: fold each event into the first compatible earlier one. A
    bare mention of a happening ("the strike would continue", "released from detention")
    is evidence of a telling of it elsewhere in the document; with none, it stands on its
    own when its sentence tells of it, or tells of nothing else. ``summary`` holds the
    headline and standfirst spans, ``values`` the value of each linked figure."""
    known = values or {}
    merged: list[Event] = []
    pieces: list[list[Evidence]] = []

    def add(event: Event) -> None:
        merged.append(replace(event, evidence=()))
        pieces.append(list(event.evidence))

    for reading in readings:
        event = reading.event
        if not reading.bare and not _absorb(merged, pieces, event, summary, False, known):
            add(event)
    sentences = {r.event.evidence[0].text for r in readings if not r.bare}
    for reading in readings:
        event = reading.event
        if not reading.bare or _absorb(merged, pieces, event, summary, True, known):
            continue
        sentence = event.evidence[0].text
        if reading.told or sentence not in sentences:
            add(event)
            sentences.add(sentence)
    done = [replace(e, evidence=tuple(p)) for e, p in zip(merged, pieces, strict=True)]
    return tuple(sorted(done, key=lambda e: e.trigger.start))


def _token_range(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def extract_events(
    ctx: Context,
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    resolve: ActorLookup,
    times: Sequence[TimeExpression],
    figures: Sequence[Figure],
) -> tuple[Event, ...]:
    """Every event the document tells of, one per happening, each with its evidence."""
    doc = ctx.doc
    names = Names(tuple(mentions), {a.id: a for a in actors}, resolve)
    inputs = Inputs(ctx, names, tuple(times), tuple(figures), dateline_place(ctx, names))
    vocab = vocabulary()
    blocked = _blocked(doc, names.mentions)
    credits = _credit_lines(ctx.document.text, vocab.credits)
    readings: list[Reading] = []
    for sentence in ctx.sentences:
        if any(s <= sentence[0] < e or sentence[0] <= s < sentence[1] for s, e in credits):
            continue  # a caption's credit or licence line tells of no happening
        tokens = _token_range(doc, *sentence)
        if tokens is None:
            continue
        for trigger in find_triggers(doc, tokens[0], tokens[1], vocab, blocked):
            reading = read_event(inputs, trigger, sentence)
            if reading is not None:
                readings.append(reading)
    summary = [
        (seg.start, seg.end)
        for seg in ctx.document.segments
        if seg.role in (Role.HEADLINE, Role.STANDFIRST)
    ]
    doc_id = ctx.document.id
    values = {fact_id("f", doc_id, f.span.start, f.span.end): f.value for f in figures}
    return merge_events(readings, summary, values)
