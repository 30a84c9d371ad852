"""Questions answered with passages of stored documents, best first, each with its citation.

:func:`ask` is retrieval, not generation: every answer is a stretch of a document's clean text
(whole sentences) with the document id and character offsets, so it can be checked.

How a question is answered
--------------------------

1. **Terms.** The question's content words (stop words and question words dropped) become
   FTS5 prefix terms on a crude stem ("arrested" → ``arrest*``).
2. **Actors.** Names of stored actors (and their aliases) found in the question are expanded
   to every name and alias of the same entity across the corpus (cross-document entities
   from :mod:`newsweave.resolve.entities` when present, otherwise actors grouped by
   normalised name and type), so "Didier Yamboré" also finds "Didier" and "Yamboré".
3. **Retrieval.** One FTS5 query (every term and name, OR-ed) over the segments that feed
   extraction (headline, standfirst, body) and captions; boilerplate, bylines, author bios
   and disclaimers are never searched, so never returned.
4. **Scoring** each sentence of the retrieved segments (see :data:`WEIGHTS`):

   ``score = coverage × role weight + entity bonus + answer-type bonus + event bonuses``

   - *coverage*: the IDF-weighted share of the question's terms the sentence contains
     (IDF over segments, BM25's formula), 0 to 1;
   - *role weight*: body and standfirst 1.0, headline 0.85, caption 0.7;
   - *entity bonus*: the sentence names an actor of the question;
   - *answer-type bonus*: the sentence holds what the question asks for — a figure for
     "how many/much" (more when what it counts matches the question), a date for "when",
     a named person or organisation other than the question's for "who", a place for
     "where";
   - *relation bonus*: the question asks about a tie ("father", "leads", "ally", "owns") and
     the sentence states a relation of that kind involving an actor of the question;
   - *event bonus*: an extracted event stated in the sentence whose mode or label matches a
     question term ("dismissed" → mode ``dismiss``), and a smaller one when an event stated
     there involves (as actor or target) an actor of the question (its related events).

5. **Passages.** A sentence that opens with an anaphor ("He", "The request", "But") or is
   very short is returned with its previous sentence, so it reads on its own. Passages with
   the same text (syndicated copies) are kept once: the earliest document wins.

The relevance measure is the mean reciprocal rank of the expected passage over the golden
questions of ``tests/cases/ask/questions.json`` (see ``tests/ask/test_ask.py``).
"""

from __future__ import annotations

import functools
import json
import math
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from newsweave.ask_facts import Asked, FactAnswer, fact_answer
from newsweave.model.ids import content_id
from newsweave.store.sqlite import Store

WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "entity": 0.15,
        "entity_max": 0.3,
        "figure": 0.25,
        "figure_what": 0.15,
        "date": 0.25,
        "who": 0.15,
        "where": 0.2,
        "event": 0.15,
        "related_event": 0.1,
        "about": 0.2,
        "relation": 0.3,
        "quote": 0.25,
        "why": 0.15,
        "fact": 0.3,
    }
)
"""Bonuses added to the coverage score (see the module docstring)."""

ROLE_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {"body": 1.0, "standfirst": 1.0, "headline": 0.85, "caption": 0.7}
)
"""Roles that are searched, with their weight; other roles are never returned."""

CANDIDATE_SEGMENTS = 80
"""How many segments the FTS5 query hands to the sentence scorer."""

_STOP = frozenset(
    (
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "without",
        "about",
        "as",
        "into",
        "onto",
        "over",
        "under",
        "after",
        "before",
        "during",
        "since",
        "until",
        "than",
        "then",
        "and",
        "or",
        "but",
        "nor",
        "not",
        "no",
        "so",
        "if",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "doing",
        "done",
        "has",
        "have",
        "had",
        "having",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "it's",
        "he",
        "she",
        "they",
        "them",
        "their",
        "his",
        "her",
        "him",
        "we",
        "us",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "who",
        "whom",
        "whose",
        "what",
        "which",
        "when",
        "where",
        "why",
        "how",
        "many",
        "much",
        "long",
        "often",
        "said",
        "say",
        "says",
        "tell",
        "told",
        "according",
        "any",
        "some",
        "all",
        "each",
        "every",
        "more",
        "most",
        "other",
        "such",
        "only",
        "own",
        "same",
        "very",
        "just",
        "also",
        "still",
        "yet",
        "ever",
    )
)
_SAY = re.compile(r"\b(?:say|said|says|tell|told|claim|claimed|argue|argued|warn|warned|think)\b")
_CAUSE = re.compile(
    r"\b(?:because|after|over|following|in protest|sparked|set off|triggered|due to|against)\b"
)
_FAMILY = ("child_of", "parent_of")
_RELATION_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        **dict.fromkeys(("father", "mother", "parent", "son", "daughter", "child"), _FAMILY),
        **dict.fromkeys(("eldest", "heir"), _FAMILY),
        **dict.fromkeys(("brother", "sister", "sibl"), ("sibling_of",)),
        **dict.fromkeys(("wife", "wive", "husband", "spous", "marr"), ("spouse_of",)),
        **dict.fromkeys(("lead", "head", "chair"), ("leads",)),
        **dict.fromkeys(("ally", "alli"), ("ally_of",)),
        **dict.fromkeys(("member",), ("member_of",)),
        **dict.fromkeys(("own", "stak"), ("owns",)),
        **dict.fromkeys(("work", "employ"), ("employed_by",)),
        **dict.fromkeys(("relativ", "famil"), ("relative_of", *_FAMILY, "sibling_of")),
    }
)
"""Question words (stems) asking about a relation, and the predicates that answer them."""
_QUESTION_WORDS = ("how many", "how much", "who", "whom", "when", "where", "what", "which", "why")
_ANAPHOR = re.compile(
    r"^(?:\W*\w+\W+){0,3}?(?:he|she|it|they|his|her|its|their)\b|^(?:this|that|these|those|"
    r"the (?:request|move|decision|offer|minister|president|ministry|government|group|union|"
    r"deal|company)|but|however|instead|yet|still|also|then)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w[\w'’-]*", re.UNICODE)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’)]*|$)\s*")
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")


# --------------------------------------------------------------------------- entities


@dataclass(frozen=True)
class EntityView:
    """An entity as the UI and ``ask`` show it (cross-document when resolution exists)."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    mentions: int = 0
    country: str | None = None
    actor_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityIndex:
    """All entities, by id and by the in-document actor ids they gather."""

    entities: tuple[EntityView, ...]
    by_id: Mapping[str, EntityView]
    of_actor: Mapping[str, str]
    source: str
    """``resolve.entities`` or ``fallback`` (actors grouped by normalised name and type)."""


@functools.lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Lower case, no diacritics, one space between words: for matching names (cached:
    the same names, modes and labels are folded for every candidate passage)."""
    if text.isascii():
        return " ".join(text.replace("’", "'").casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def load_entities(store: Store) -> EntityIndex:
    """Entities from :func:`newsweave.resolve.entities.entity_records` when that module is
    installed and the store has been resolved; actors no entity covers yet (documents added
    since the last resolution, or no resolution at all) are grouped by normalised name and
    type."""
    resolved = _resolved_entities(store)
    if resolved:
        covered = {a for view in resolved for a in view.actor_ids}
        rest = _fallback_entities(store, skip=covered)
        return _index([*resolved, *rest], "resolve.entities" + (" + fallback" if rest else ""))
    return _index(_fallback_entities(store), "fallback")


def _resolved_entities(store: Store) -> list[EntityView] | None:
    try:
        from newsweave.resolve.entities import entity_records
    except ImportError:
        return None
    try:
        records = entity_records(store)
    except sqlite3.OperationalError:  # its tables are not migrated into this store yet
        return None
    views = []
    for record in records:
        titles = (str(getattr(t, "text", t)) for t in getattr(record, "titles", ()))
        views.append(
            EntityView(
                id=str(record.id),
                name=str(record.name),
                type=str(record.type),
                aliases=tuple(str(a) for a in getattr(record, "aliases", ())),
                titles=tuple(dict.fromkeys(titles)),
                documents=tuple(str(d) for d in getattr(record, "documents", ())),
                mentions=int(getattr(record, "mentions", 0) or 0),
                country=getattr(record, "country", None),
                actor_ids=tuple(str(a) for a in getattr(record, "actor_ids", ())),
            )
        )
    return views


def _fallback_entities(
    store: Store, skip: set[str] | frozenset[str] = frozenset()
) -> list[EntityView]:
    conn = store.connection
    titles: dict[str, list[str]] = {}
    for row in conn.execute("SELECT actor_id, text FROM actor_titles ORDER BY start_char"):
        titles.setdefault(str(row[0]), []).append(str(row[1]))
    groups: dict[tuple[str, str], list[sqlite3.Row]] = {}
    for row in conn.execute("SELECT * FROM actors ORDER BY document_id, start_char, id"):
        if row["id"] in skip:
            continue
        groups.setdefault((str(row["type"]), fold(str(row["name"]))), []).append(row)
    views = []
    for (kind, key), rows in groups.items():
        names = [str(r["name"]) for r in rows]
        # the most frequent spelling that is not all capitals names the entity
        best = max(names, key=lambda n: (not n.isupper(), names.count(n), -names.index(n)))
        aliases = {str(a) for r in rows for a in json.loads(r["aliases"])} | set(names)
        aliases.discard(best)
        countries = [r["country"] for r in rows if r["country"]]
        views.append(
            EntityView(
                id=content_id("n", kind, key),
                name=best,
                type=kind,
                aliases=tuple(sorted(aliases)),
                titles=tuple(dict.fromkeys(t for r in rows for t in titles.get(str(r["id"]), []))),
                documents=tuple(dict.fromkeys(str(r["document_id"]) for r in rows)),
                mentions=sum(int(r["mentions"]) for r in rows),
                country=countries[0] if countries else None,
                actor_ids=tuple(str(r["id"]) for r in rows),
            )
        )
    return views


def _index(views: Iterable[EntityView], source: str) -> EntityIndex:
    ordered = tuple(sorted(views, key=lambda v: (-v.mentions, v.name, v.id)))
    of_actor = {actor: v.id for v in ordered for actor in v.actor_ids}
    return EntityIndex(
        ordered, MappingProxyType({v.id: v for v in ordered}), MappingProxyType(of_actor), source
    )


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Answer:
    """A passage (whole sentences) of a stored document answering the question."""

    text: str
    document: str
    start: int
    end: int
    score: float
    title: str | None = None
    role: str = "body"
    sentence: tuple[int, int] = (0, 0)
    """The best-scoring sentence inside the passage (its anchor on the document page)."""

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            # additions to the contract
            "title": self.title,
            "role": self.role,
            "sentence_start": self.sentence[0],
            "sentence_end": self.sentence[1],
        }


@dataclass(frozen=True)
class AskResult:
    """What ``newsweave ask --json`` prints (DESIGN.md)."""

    question: str
    answers: tuple[Answer, ...]
    entities: tuple[dict[str, Any], ...] = ()
    events: tuple[dict[str, Any], ...] = ()
    terms: tuple[str, ...] = field(default=())
    """The FTS5 terms the question became (for display)."""
    fact: FactAnswer | None = None
    """The answer built from a stored fact (claim, event, title), when one fits."""

    def as_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answers": [a.as_json() for a in self.answers],
            "entities": list(self.entities),
            "events": list(self.events),
            "terms": list(self.terms),
            # addition
            "answer": self.fact.as_json() if self.fact is not None else None,
        }


# --------------------------------------------------------------------------- question


@dataclass(frozen=True)
class _Question:
    text: str
    kind: str | None
    """``how many``, ``who``, ``when``, ``where``… or None."""
    stems: tuple[str, ...]
    entities: tuple[EntityView, ...]
    names: tuple[str, ...]
    """Every name and alias of the question's entities (folded)."""
    says: bool = False
    """The question asks what someone said."""


def stem(word: str) -> str:
    """A crude suffix-stripping stem used as an FTS5 prefix ("arrested" → "arrest")."""
    word = fold(word).strip("'’-")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _question(question: str, index: EntityIndex) -> _Question:
    folded = re.sub(r"'s?\b", "", fold(question))  # possessives: "Yamboré's sister"
    kind = next((w for w in _QUESTION_WORDS if re.match(rf"\W*{w}\b", folded)), None)
    if kind is None:
        kind = next((w for w in _QUESTION_WORDS if re.search(rf"\b{w}\b", folded)), None)
    entities = _entities_in(folded, index)
    names = tuple(dict.fromkeys(n for e in entities for n in _names_of(e)))
    name_words = {w for e in entities for w in _WORD.findall(fold(e.name))}
    stems = []
    for word in _WORD.findall(folded):
        if word in _STOP or len(word) < 3 or word in name_words:
            continue
        stems.append(stem(word))
    says = bool(_SAY.search(folded))
    return _Question(question, kind, tuple(dict.fromkeys(stems)), tuple(entities), names, says)


def _entities_in(folded: str, index: EntityIndex) -> list[EntityView]:
    """Entities whose name or alias (or a person's surname) stands in the question."""
    found: dict[str, tuple[str, EntityView]] = {}
    padded = f" {' '.join(_WORD.findall(folded))} "
    for entity in index.entities:
        if entity.type in ("NORP",):
            continue
        for name in sorted((entity.name, *entity.aliases), key=len, reverse=True):
            key = " ".join(_WORD.findall(fold(name)))
            if len(key) < 3 or key in _STOP:
                continue
            if f" {key} " in padded:
                found.setdefault(entity.id, (key, entity))
                break
    # keep the longest matches: "Didier Yamboré" rather than every "Yamboré"
    keys = {key for key, _ in found.values()}
    result: list[EntityView] = []
    for key, entity in sorted(found.values(), key=lambda item: (-len(item[0]), item[1].id)):
        if any(key != longer and f" {key} " in f" {longer} " for longer in keys):
            continue
        result.append(entity)
    return result[:5]


def _fts_terms(q: _Question) -> list[str]:
    terms = [f'"{s}"*' for s in q.stems if len(s) >= 3]
    terms += ['"' + n.replace('"', '""') + '"' for n in q.names if len(n) >= 3]
    return list(dict.fromkeys(terms))


# --------------------------------------------------------------------------- retrieval


@dataclass
class _Candidate:
    document: str
    role: str
    seg_start: int
    seg_end: int
    title: str | None
    published: str | None
    sentences: list[tuple[int, int]]
    text: str


def _candidates(store: Store, terms: Sequence[str]) -> list[_Candidate]:
    if not terms:
        return []
    roles = tuple(ROLE_WEIGHTS)
    marks = ",".join("?" * len(roles))
    # the best segments from the full-text table alone (its role, document and idx
    # columns), then only those joined to their documents: not every match
    sql = (
        "SELECT s.document_id, s.role, s.start_char, s.end_char, d.title, d.published,"
        " substr(d.text, s.start_char + 1, s.end_char - s.start_char) AS text,"
        " a.sentences, top.rank"
        " FROM (SELECT rowid, bm25(segments_fts) AS rank, document_id, idx FROM segments_fts"
        f" WHERE segments_fts MATCH ? AND role IN ({marks})"
        " ORDER BY rank, document_id, idx LIMIT ?) AS top"
        " JOIN segments AS s ON s.id = top.rowid"
        " JOIN documents AS d ON d.id = s.document_id"
        " LEFT JOIN analyses AS a ON a.document_id = s.document_id"
        " ORDER BY top.rank, s.document_id, s.idx"
    )
    rows = store.connection.execute(sql, (" OR ".join(terms), *roles, CANDIDATE_SEGMENTS))
    found = []
    for row in rows:
        start, end = int(row["start_char"]), int(row["end_char"])
        spans = [
            (max(a, start), min(b, end))
            for a, b in json.loads(row["sentences"] or "[]")
            if a < end and b > start and b - a > 1
        ]
        if not spans:
            spans = [
                (start + m.start(), start + m.start() + len(m.group(0).rstrip()))
                for m in _SENTENCE.finditer(str(row["text"]))
                if m.group(0).strip()
            ]
        found.append(
            _Candidate(
                str(row["document_id"]),
                str(row["role"]),
                start,
                end,
                row["title"],
                row["published"],
                spans,
                str(row["text"]),
            )
        )
    return found


def _idf(store: Store, stems: Sequence[str]) -> dict[str, float]:
    conn = store.connection
    from newsweave.ask_lookup import segment_count

    total = segment_count(store) or 1  # counted once per state of the store
    weights = {}
    for s in stems:
        df = int(
            conn.execute(
                "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH ?", (f'"{s}"*',)
            ).fetchone()[0]
        )
        weights[s] = math.log((total - df + 0.5) / (df + 0.5) + 1.0)
    return weights


@dataclass(frozen=True)
class _Facts:
    """Per document: where figures, dates, named actors and events stand."""

    figures: list[tuple[int, int, str]]
    dates: list[tuple[int, int]]
    mentions: list[tuple[int, int, str, str | None]]
    events: list[tuple[int, int, str, str, str, frozenset[str]]]
    """(sentence start, sentence end, mode, label, event id, actor and target ids)."""
    about: list[tuple[int, int, str]]
    """Relations and titles: (sentence start, sentence end, actor id of the subject)."""
    relations: list[tuple[int, int, str, str, str]]
    """(sentence start, sentence end, predicate, subject id, object id or "")."""
    quotes: list[tuple[int, int, str]]
    """(sentence start, sentence end, speaker actor id)."""


def _facts(store: Store, doc_id: str) -> _Facts:
    conn = store.connection
    figures = [
        (int(r[0]), int(r[1]), fold(str(r[2] or "")))
        for r in conn.execute(
            "SELECT start_char, end_char, what FROM figures WHERE document_id = ?", (doc_id,)
        )
    ]
    dates = [
        (int(r[0]), int(r[1]))
        for r in conn.execute(
            "SELECT start_char, end_char FROM time_expressions WHERE document_id = ?"
            " AND type = 'DATE' AND precision IN ('day', 'month', 'year', 'week')",
            (doc_id,),
        )
    ]
    mentions = [
        (int(r[0]), int(r[1]), str(r[2]), r[3])
        for r in conn.execute(
            "SELECT start_char, end_char, type, actor_id FROM mentions WHERE document_id = ?",
            (doc_id,),
        )
    ]
    events = [
        (
            int(r[0]),
            int(r[1]),
            fold(str(r[2] or "")),
            fold(str(r[3])),
            str(r[4]),
            frozenset(json.loads(r[5]) + json.loads(r[6])),
        )
        for r in conn.execute(
            "SELECT v.sentence_start, v.sentence_end, e.mode, e.label, e.id, e.actors,"
            " e.targets FROM events AS e"
            " JOIN event_evidence AS v ON v.event_id = e.id WHERE e.document_id = ?",
            (doc_id,),
        )
    ]
    about = [
        (int(r[0]), int(r[1]), str(r[2]))
        for r in conn.execute(
            "SELECT sentence_start, sentence_end, subject FROM relations WHERE document_id = ?"
            " UNION ALL SELECT t.sentence_start, t.sentence_end, t.actor_id FROM actor_titles"
            " AS t JOIN actors AS a ON a.id = t.actor_id WHERE a.document_id = ?",
            (doc_id, doc_id),
        )
    ]
    quotes = [
        (int(r[0]), int(r[1]), str(r[2]))
        for r in conn.execute(
            "SELECT sentence_start, sentence_end, speaker FROM quotes WHERE document_id = ?"
            " AND speaker IS NOT NULL",
            (doc_id,),
        )
    ]
    relations = [
        (int(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4] or ""))
        for r in conn.execute(
            "SELECT sentence_start, sentence_end, predicate, subject, object FROM relations"
            " WHERE document_id = ?",
            (doc_id,),
        )
    ]
    return _Facts(
        figures=figures,
        dates=dates,
        mentions=mentions,
        events=events,
        about=about,
        relations=relations,
        quotes=quotes,
    )


def _within(a: int, b: int, start: int, end: int) -> bool:
    return start <= a and b <= end


def _score(
    q: _Question,
    idf: Mapping[str, float],
    sentence: str,
    span: tuple[int, int],
    role: str,
    facts: _Facts,
    index: EntityIndex,
    actors: frozenset[str] | None = None,
) -> float:
    """``actors``: the actor ids of the question's entities, when the caller has them."""
    folded = fold(sentence)
    words = _WORD.findall(folded)
    padded = f" {' '.join(words)} "
    mean_idf = sum(idf.values()) / len(idf) if idf else 1.0
    total = sum(idf.values()) + mean_idf * len(q.entities) or 1.0
    matched = sum(w for s, w in idf.items() if any(word.startswith(s) for word in words))
    named = 0
    for entity in q.entities:
        full = " ".join(_WORD.findall(fold(entity.name)))
        if f" {full} " in padded:
            matched += mean_idf
            named += 1
        elif any(f" {n} " in padded for n in _names_of(entity)):
            matched += 0.6 * mean_idf
            named += 1
    score = (matched / total) * ROLE_WEIGHTS.get(role, 0.5)
    q_ids = {e.id for e in q.entities}
    score += min(WEIGHTS["entity_max"], WEIGHTS["entity"] * named)
    start, end = span
    if actors is None:
        actors = frozenset(a for e in q.entities for a in e.actor_ids)
    if q.kind in ("who", "what", "which") and any(
        _within(a, b, start, end) or (a, b) == (start, end)
        for a, b, subject in facts.about
        if subject in actors
    ):
        score += WEIGHTS["about"]
    wanted = {
        p for s in q.stems for k, ps in _RELATION_WORDS.items() if s.startswith(k) for p in ps
    }
    if wanted and any(
        predicate in wanted and (subject in actors or obj in actors) and _within(a, b, start, end)
        for a, b, predicate, subject, obj in facts.relations
    ):
        score += WEIGHTS["relation"]
    if q.says and any(
        _within(start, end, a, b) or _within(a, b, start, end)
        for a, b, speaker in facts.quotes
        if speaker in actors
    ):
        score += WEIGHTS["quote"]
    if q.kind == "why" and _CAUSE.search(folded):
        score += WEIGHTS["why"]
    if q.kind in ("how many", "how much"):
        inside = [w for a, b, w in facts.figures if _within(a, b, start, end)]
        if inside:
            score += WEIGHTS["figure"]
            if any(s in w for w in inside for s in q.stems):
                score += WEIGHTS["figure_what"]
    elif q.kind == "when":
        if any(_within(a, b, start, end) for a, b in facts.dates):
            score += WEIGHTS["date"]
    elif q.kind in ("who", "whom"):
        others = [
            m
            for m in facts.mentions
            if _within(m[0], m[1], start, end)
            and m[2] in ("PERSON", "ORG")
            and index.of_actor.get(m[3] or "") not in q_ids
        ]
        if others:
            score += WEIGHTS["who"]
    elif q.kind == "where" and any(
        _within(a, b, start, end) and t in ("GPE", "LOC", "FAC") for a, b, t, _ in facts.mentions
    ):
        score += WEIGHTS["where"]
    matched_event = related = False
    for a, b, mode, label, _, participants in facts.events:
        if not (_within(start, end, a, b) or _within(a, b, start, end)):
            continue
        label_words = _WORD.findall(label)
        if any(mode.startswith(s) or s.startswith(mode) for s in q.stems if mode) or any(
            w.startswith(s) for s in q.stems for w in label_words
        ):
            matched_event = True
        if participants & actors:
            related = True
    if matched_event:
        score += WEIGHTS["event"]
    if related:
        score += WEIGHTS["related_event"]
    return score


def _names_of(entity: EntityView) -> list[str]:
    return [n for n in (fold(x) for x in (entity.name, *entity.aliases)) if len(n) >= 3]


# --------------------------------------------------------------------------- ask


def ask(store: Store, question: str, limit: int = 5) -> AskResult:
    """Answer ``question`` with up to ``limit`` passages of stored documents, best first,
    plus the entities and events involved (see the module docstring for the method)."""
    from newsweave.ask_lookup import question_actors, question_index

    index = question_index(store, question)  # indexed: only the entities it may name
    q = _question(question, index)
    terms = _fts_terms(q)
    fact = fact_answer(store, _asked(question, q)) if terms else None
    if not terms or limit <= 0:
        return AskResult(question, (), terms=tuple(terms), fact=fact)
    try:
        candidates = _candidates(store, terms)
    except sqlite3.OperationalError:
        return AskResult(question, (), terms=tuple(terms), fact=fact)
    reliable = fact is not None and fact.kind in ("claim", "quote")
    cited = [(c.document, c.start, c.end) for c in fact.citations] if fact and reliable else []
    idf = _idf(store, q.stems)
    # the question's actors that stand in the candidates' documents (once, not per sentence)
    actors = question_actors(store, q.entities, [c.document for c in candidates])
    scored: list[tuple[float, str, int, _Candidate, tuple[int, int]]] = []
    facts_cache: dict[str, _Facts] = {}
    for cand in candidates:
        facts = facts_cache.get(cand.document) or facts_cache.setdefault(
            cand.document, _facts(store, cand.document)
        )
        for span in cand.sentences:
            text = cand.text[span[0] - cand.seg_start : span[1] - cand.seg_start]
            value = _score(q, idf, text, span, cand.role, facts, index, actors)
            if any(d == cand.document and _within(a, b, *span) for d, a, b in cited):
                value += WEIGHTS["fact"]
            scored.append((value, cand.document, span[0], cand, span))
    scored.sort(key=lambda item: (-item[0], item[3].published or "9999", item[1], item[2]))
    answers: list[Answer] = []
    seen: set[str] = set()
    for value, _, _, cand, span in scored:
        if value <= 0:
            break
        start, end = _passage(cand, span)
        text = cand.text[start - cand.seg_start : end - cand.seg_start]
        key = " ".join(_WORD.findall(fold(text)))
        if key in seen:
            continue
        seen.add(key)
        answers.append(
            Answer(text, cand.document, start, end, round(value, 4), cand.title, cand.role, span)
        )
        if len(answers) >= limit:
            break
    return AskResult(
        question,
        tuple(answers),
        tuple(_answer_entities(store, index, q, answers)),
        tuple(_answer_events(store, answers)),
        tuple(terms),
        fact,
    )


def _asked(question: str, q: _Question) -> Asked:
    """The parsed question as :func:`newsweave.ask_facts.fact_answer` reads it."""
    return Asked(
        q.kind,
        tuple(_WORD.findall(fold(question))),
        q.stems,
        tuple((e.id, e.name, tuple(_names_of(e))) for e in q.entities),
        tuple(a for e in q.entities for a in e.actor_ids),
        q.says,
    )


def _passage(cand: _Candidate, span: tuple[int, int]) -> tuple[int, int]:
    """The sentence, with the previous one when it opens with an anaphor or is short."""
    start, end = span
    text = cand.text[start - cand.seg_start : end - cand.seg_start].strip()
    position = cand.sentences.index(span)
    if position > 0 and (_ANAPHOR.match(text) or len(text) < 60):
        start = cand.sentences[position - 1][0]
    return start, end


def _answer_entities(
    store: Store, index: EntityIndex, q: _Question, answers: Sequence[Answer]
) -> list[dict[str, Any]]:
    ids: dict[str, None] = {e.id: None for e in q.entities}
    for answer in answers:
        rows = store.connection.execute(
            "SELECT actor_id FROM mentions WHERE document_id = ? AND start_char >= ?"
            " AND end_char <= ? AND actor_id IS NOT NULL ORDER BY start_char",
            (answer.document, answer.start, answer.end),
        )
        for row in rows:
            entity = index.of_actor.get(str(row[0]))
            if entity:
                ids.setdefault(entity, None)
    result = []
    for entity_id in list(ids)[:12]:
        view = index.by_id[entity_id]
        result.append(
            {"id": view.id, "name": view.name, "type": view.type, "aliases": list(view.aliases)}
        )
    return result


def _answer_events(store: Store, answers: Sequence[Answer]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for answer in answers:
        rows = store.connection.execute(
            "SELECT e.id, e.type, e.mode, e.label, e.date, e.document_id, v.start_char,"
            " v.end_char FROM events AS e JOIN event_evidence AS v ON v.event_id = e.id"
            " WHERE e.document_id = ? AND v.start_char >= ? AND v.end_char <= ?"
            " ORDER BY v.start_char",
            (answer.document, answer.start, answer.end),
        )
        for r in rows:
            found.setdefault(
                str(r[0]),
                {
                    "id": str(r[0]),
                    "type": r[1],
                    "mode": r[2],
                    "label": r[3],
                    "date": r[4],
                    "document": r[5],
                    "start": int(r[6]),
                    "end": int(r[7]),
                },
            )
    return list(found.values())[:12]
