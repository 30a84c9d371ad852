"""How ``ask`` reads a question, retrieves candidate segments and scores their sentences
(see :mod:`newsweave.ask` for the method)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from newsweave.ask_entities import EntityIndex, EntityView
from newsweave.ask_text import (
    _CAUSE,
    _QUESTION_WORDS,
    _RELATION_WORDS,
    _SAY,
    _SENTENCE,
    _STOP,
    _WORD,
    fold,
    stem,
)
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
