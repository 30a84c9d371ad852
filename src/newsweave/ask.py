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
4. **Scoring** each sentence of the retrieved segments (see
   :data:`newsweave.ask_retrieval.WEIGHTS`):

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

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsweave.ask_answer import Asked, FactAnswer
from newsweave.ask_entities import EntityIndex
from newsweave.ask_facts import fact_answer
from newsweave.ask_retrieval import (
    WEIGHTS,
    _Candidate,
    _candidates,
    _Facts,
    _facts,
    _fts_terms,
    _idf,
    _names_of,
    _Question,
    _question,
    _score,
    _within,
)
from newsweave.ask_text import _ANAPHOR, _WORD, fold
from newsweave.store.sqlite import Store, raise_if_stopped


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
    except sqlite3.OperationalError as error:  # a query the full-text syntax refuses
        raise_if_stopped(error)
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
