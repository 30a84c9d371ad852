"""Indirect speech: "X said that ...", "according to X, ..." and objects of cue verbs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsweave.analyze.context import Context
from newsweave.analyze.quote_cues import (
    GERUND_LEMMAS,
    INDIRECT_LEMMAS,
    THAT_ONLY,
    Attribution,
    _attribution,
    _Cue,
    _cue,
    _inside,
)
from newsweave.analyze.quote_marks import Marked, _overlap


def _clause(tokens: Iterable[Any]) -> tuple[int, int] | None:
    """The character range of a reported clause: its tokens without a leading "that" and
    surrounding punctuation."""
    items = _without_dateline([t for t in tokens if not t.is_space])
    while items and (items[0].is_punct or (items[0].lower_ == "that" and items[0].dep_ == "mark")):
        items = items[1:]
    while items and items[-1].is_punct and items[-1].text not in ('"', "”", "’", "'"):
        items = items[:-1]
    if not items:
        return None
    return items[0].idx, items[-1].idx + len(items[-1].text)


_DASHES = frozenset({"-", "–", "—", "--"})
_DATELINE_TOKENS = 12
"""A wire dateline ("PORT X, May 3 (Agency) -") is at most this many tokens long."""


def _without_dateline(items: list[Any]) -> list[Any]:
    """The tokens after the wire dateline that opens a paragraph ("KESTRA, May 3 - At
    least…" → "At least…"): an upper-case place at the paragraph's start, a comma, and a
    dash within the first few tokens. The dateline is the page's, never the speaker's."""
    if not items:
        return items
    doc = items[0].doc
    first = items[0].i
    while first > 0 and not (doc[first - 1].is_space or "\n" in doc[first - 1].text_with_ws):
        first -= 1
        if items[0].i - first > _DATELINE_TOKENS:
            return items
    opener = doc[first]
    if not (opener.text.isupper() and opener.is_alpha and len(opener.text) > 1):
        return items
    head = doc[first : min(len(doc), first + _DATELINE_TOKENS)]
    comma = next((t.i for t in head if t.text == ","), None)
    dash = next((t.i for t in head if t.text in _DASHES), None)
    if comma is None or dash is None or dash < comma:
        return items
    return [t for t in items if t.i > dash]


def _reported(cue: Any) -> tuple[int, int] | None:
    """The clause a cue verb reports: its clausal complement; the gerund or infinitive of
    "denied"/"promised"; the main clause before a parenthetical "…, he said"."""
    lemma = cue.lemma_.lower()
    for child in cue.children:
        if child.dep_ == "ccomp" and _finite(child, lemma in THAT_ONLY):
            return _clause(child.subtree)
    if lemma in GERUND_LEMMAS:
        for child in cue.children:
            if child.dep_ in ("xcomp", "dobj") and (child.pos_ == "VERB" or lemma == "deny"):
                return _clause(child.subtree)
    if cue.dep_ == "parataxis" and cue.i > cue.head.i:
        left = [t for t in cue.head.subtree if t.i < cue.left_edge.i]
        return _clause(left)
    return None


def _finite(clause: Any, needs_that: bool) -> bool:
    """Whether a clausal complement is a reported clause: it has a subject (or is a
    question), and opens with "that" when ``needs_that``."""
    kids = list(clause.children)
    if needs_that and not any(k.dep_ == "mark" and k.lower_ == "that" for k in kids):
        return False
    return any(k.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for k in kids) or any(
        k.tag_ in ("WDT", "WP", "WRB") or k.lower_ in ("whether", "if") for k in kids
    )


def _according_clause(token: Any) -> tuple[int, int] | None:
    """The main clause reported by "according to X" (the clause without that phrase)."""
    head = token.head
    phrase = {t.i for t in token.subtree}
    rest = [t for t in head.subtree if t.i not in phrase]
    before = [t for t in rest if t.i < token.i]
    after = [t for t in rest if t.i > token.right_edge.i]
    part = after if len(after) >= len(before) else before
    return _clause(part)


def _indirect(ctx: Context, marks: Sequence[Marked]) -> list[Attribution]:
    """Indirect speech: X said (that) …, X told reporters …, X denied …, according to X, …
    (the reported clause as content; skipped when it is mostly a direct quote)."""
    quoted = [(m.start, m.end) for m in marks]
    out: list[Attribution] = []
    for token in ctx.doc:
        if _inside(token, quoted):
            continue
        if token.lower_ == "according" and token.dep_ == "prep":
            content, cue = _according_clause(token), _cue(token)
        elif (
            token.pos_ == "VERB"
            and (
                token.lemma_.lower() in INDIRECT_LEMMAS
                or (token.lemma_.lower() in object_cues().beliefs and _own_subject(token))
            )
            and not any(c.dep_ == "neg" for c in token.children)
        ):
            content, cue = _reported(token), _cue(token)
            if content is not None and token.lemma_.lower() not in INDIRECT_LEMMAS:
                content = content if content[0] > token.idx else None  # beliefs: what follows
            if content is None and token.lemma_.lower() in object_cues().lemmas:
                content = _object_content(token, quoted)
        elif token.pos_ == "VERB" and token.lemma_.lower() in object_cues().lemmas:
            content, cue = _object_content(token, quoted), _cue(token)
            if content is None and token.lemma_.lower() in object_cues().preps:
                content = _prep_content(token, quoted)
        elif token.pos_ == "VERB" and token.lemma_.lower() in object_cues().preps:
            content, cue = _prep_content(token, quoted), _cue(token)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in object_cues().nouns:
            content, cue = _noun_content(token)
        else:
            continue
        if content is None or cue.speaker is None or content[1] - content[0] < 3:
            continue
        if _overlap(content, cue.speaker) or _mostly_quoted(content, quoted):
            continue
        out.append(_attribution(ctx, content, cue, False))
    return out


@dataclass(frozen=True)
class ObjectCues:
    """The verbs of ``data/attribution_cues.yaml`` whose object is the content."""

    lemmas: frozenset[str]
    min_words: int
    beliefs: frozenset[str]
    preps: dict[str, frozenset[str]]
    nouns: frozenset[str]
    clause_only: frozenset[str]


@lru_cache(maxsize=1)
def object_cues() -> ObjectCues:
    """The object-content cue verbs, read once."""
    path = resources.files("newsweave.analyze").joinpath("data/attribution_cues.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    lemmas = {str(w).lower() for key in ("findings", "evaluations", "requests") for w in data[key]}
    beliefs = frozenset(str(w).lower() for w in data["beliefs"])
    preps = {str(k): frozenset(str(w) for w in v) for k, v in data["object_preps"].items()}
    nouns = frozenset(str(w).lower() for w in data["noun_cues"])
    clause_only = frozenset(str(w).lower() for w in data["clause_only"])
    return ObjectCues(frozenset(lemmas), int(data["min_words"]), beliefs, preps, nouns, clause_only)


OBJECT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "prep", "dative"})


"""Dependents of an object-content cue that belong to the content ("blamed [her] [for
the delays]", "urged [Congress] [to act]"); the subject and adverbs of time do not."""


def _object_content(cue: Any, quoted: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The object of a finding, evaluation or request with what hangs on it: from the
    first object-like dependent after the verb to the end of the last one (a clause
    without "that" counts too: "polls show Clinton leading"); none when a direct quote
    lies inside it (the quote is the attribution: "praised the 'historic' deal")."""
    parts = [c for c in cue.children if c.i > cue.i and c.dep_ in OBJECT_DEPS]
    if not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in parts):
        return None
    clause = any(c.dep_ in ("xcomp", "ccomp") for c in parts)
    if cue.lemma_.lower() in object_cues().clause_only and not clause:
        return None  # "refused the resignation": an act, not speech
    if cue.lemma_.lower() == "call" and not any(c.lower_ in ("on", "for") for c in parts):
        return None
    tokens = [t for c in parts for t in c.subtree]
    tokens = [t for t in tokens if not (t.i == min(x.i for x in tokens) and t.dep_ == "prep")]
    words = [t for t in tokens if t.is_alpha]
    if len(words) < object_cues().min_words:
        return None
    content = _clause(sorted(tokens, key=lambda t: t.i))
    if content is None or any(_overlap(content, q) for q in quoted):
        return None
    return content


def _own_subject(verb: Any) -> bool:
    """Whether a verb has its own active subject ("the mayor believes …"), not one borrowed
    by a participle ("reforms agreed with the IMF")."""
    return any(c.dep_ == "nsubj" for c in verb.children)


def _prep_content(cue: Any, quoted: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The object of the cue's listed preposition ("called for [a ban on …]"), when the
    verb has no direct object of its own and the phrase is long enough."""
    allowed = object_cues().preps.get(cue.lemma_.lower(), frozenset())
    if any(c.dep_ in ("dobj", "ccomp") for c in cue.children):
        return None
    for child in cue.children:
        if child.i > cue.i and child.dep_ == "prep" and child.lower_ in allowed:
            tokens = [t for g in child.children if g.dep_ in ("pobj", "pcomp") for t in g.subtree]
            if len([t for t in tokens if t.is_alpha]) < object_cues().min_words:
                return None
            content = _clause(sorted(tokens, key=lambda t: t.i))
            if content is None or any(_overlap(content, q) for q in quoted):
                return None
            return content
    return None


def _noun_content(noun: Any) -> tuple[tuple[int, int] | None, _Cue]:
    """A noun of saying with its holder and clause: "the mayor's claim that the bridge is
    safe", "her warning that …" (the possessor is the speaker; none without one)."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return None, _Cue(None, noun.lemma_.lower())
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and any(
            k.dep_ == "mark" and k.lower_ == "that" for k in child.children
        ):
            kept = [t for t in owner.subtree if not (t.dep_ == "case" and t.head.i == owner.i)]
            speaker = (kept[0].idx, kept[-1].idx + len(kept[-1].text))
            return _clause(child.subtree), _Cue(speaker, noun.lemma_.lower())
    return None, _Cue(None, noun.lemma_.lower())


def _mostly_quoted(content: tuple[int, int], quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether at least half of ``content`` lies inside direct quotes."""
    shared = sum(_overlap(content, q) for q in quoted)
    return shared * 2 >= content[1] - content[0]
