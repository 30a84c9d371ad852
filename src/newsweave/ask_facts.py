"""Answers from the stored facts, before passages: :func:`fact_answer` maps a question to
the corpus model and builds a short sentence from the fact it finds, with its citations.

* **how many / how much / what number** → claims (:mod:`newsweave.resolve.claims`): the
  quantity the question names (its words through the claims' vocabulary, "died" →
  deaths, "arrested" → detentions; else a claim whose ``what`` shares a question word),
  the claimant or place the question names when it names one; among the rest a count
  for the whole country before a local one, then the latest, then the most sources. The
  sentence gives value, hedge, claimants, date and the conflicting values.
* **who did X / who called on** → story events whose mode or label matches a question
  word and that have actors, preferring those whose targets or actors the question names;
  the sentence says who did what to whom, and when.
* **who is X / what is X** (the question names an entity and no event word matches) →
  its titles, else its ties (relations).
* **when** → the dated event that matches the question's words and entities.
* **where** → the placed event that matches.

No match → None (the passages alone answer). Offline, rules only.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from typing import Any

from newsweave.ask_answer import Asked, Citation, FactAnswer, _date, _stem_matches, irregular_forms
from newsweave.ask_claims import _claim_answer
from newsweave.ask_lookup import entity_records_of
from newsweave.ask_records import (
    story_candidates,
    story_counts,
    story_entities,
    story_record,
)
from newsweave.store.sqlite import Store, raise_if_stopped


def fact_answer(store: Store, asked: Asked) -> FactAnswer | None:
    """The fact that answers ``asked``, as a short sentence with citations, or None."""
    try:
        if asked.kind in ("how many", "how much") or _asks_number(asked.words):
            return _claim_answer(store, asked)
        if asked.says and asked.actors:
            return _quote_answer(store, asked)
        if asked.kind in ("who", "whom", "when", "where", "what", "which"):
            found = _event_answer(store, asked)
            if found is None and asked.kind in ("who", "what") and _only_entity(asked):
                found = _entity_answer(store, asked)
            return found
    except sqlite3.OperationalError as error:  # no corpus tables: passages only
        raise_if_stopped(error)
        return None
    return None


def _only_entity(asked: Asked) -> bool:
    """ "Who is X?": the question names an entity and nothing else."""
    entity_words = {w for _, _, names in asked.entities for n in names for w in n.split()}
    return bool(asked.entities) and not [s for s in asked.stems if s not in entity_words]


def _asks_number(words: Sequence[str]) -> bool:
    text = " ".join(words)
    return bool(
        re.search(
            r"\bwhat (?:was |is )?(?:the )?(?:\w+ )?(?:number|toll|total|share|percentage|"
            r"proportion|amount|sum|rise|increase|cut|fee|price|cost|rate)\b"
            r"|\bhow (?:large|big|high|low|long|far)\b",
            text,
        )
    )


def _event_answer(store: Store, asked: Asked) -> FactAnswer | None:
    """The story event that answers: its mode must carry a question word; ranked by the
    question words its mode and label carry, the question's entities taking part, its
    documents, its evidence sentences, its date (the earliest by date then id on a tie).
    Only story events of a matching mode are read, and only the best one whole."""
    ids = {entity for entity, _, _ in asked.entities}
    entity_words = {w for _, _, names in asked.entities for n in names for w in n.split()}
    stems = [s for s in asked.stems if s not in entity_words]
    bases = [irregular_forms().get(s, s) for s in stems]
    exact = {w for w in asked.words if len(w) >= 4 and w not in entity_words}

    def by_mode(mode: str) -> int:
        return _stem_matches(bases, re.findall(r"[a-z]+", mode.lower()))

    rows = story_candidates(store, by_mode)
    kept: list[tuple[int, int, str, str, Any]] = []  # (score, exact words, date, id, row)
    for row in rows:
        if asked.kind == "when" and not (row["date"] and row["date_source"] != "publication"):
            continue
        if asked.kind == "where" and not row["place"]:
            continue
        label_words = re.findall(r"\w+", str(row["label"]).lower())
        score = by_mode(str(row["mode"])) + _stem_matches(stems, label_words)
        kept.append(
            (score, len(exact.intersection(label_words)), row["date"] or "", str(row["id"]), row)
        )
    named = story_entities(store, [k[3] for k in kept], sorted(ids))
    if ids and asked.kind in ("when", "where"):
        kept = [k for k in kept if named.get(k[3])]
    tiers: dict[tuple[int, int, int], list[tuple[int, int, str, str, Any]]] = {}
    for k in kept:
        tiers.setdefault((k[0], k[1], named.get(k[3], 0)), []).append(k)
    who = asked.kind in ("who", "whom")
    # a "who" question prefers a story with a known actor in any tier; only then one whose
    # label names who acted ("Insurgents shot down ...")
    for labelled in (False, True) if who else (False,):
        for tier in sorted(tiers, reverse=True):
            members = sorted(tiers[tier], key=lambda k: (k[4]["date"] is not None, k[2], k[3]))
            counts = story_counts(store, [k[3] for k in members])
            best: tuple[tuple[int, int, str], str] | None = None
            for _, _, date, story, row in members:
                if story not in counts:
                    continue  # no member event left
                has_actors, documents, sentences = counts[story]
                if (
                    who
                    and not has_actors
                    and not (labelled and _agent_in_label(row["mode"], str(row["label"])))
                ):
                    continue
                key = (documents, sentences, date)
                if best is None or key > best[0]:
                    best = (key, story)
            if best is None:
                continue
            event = story_record(store, best[1])
            if event is None or (
                who
                and not event.actors
                and not (labelled and _agent_in_label(event.mode, event.label))
            ):
                continue
            return FactAnswer(
                _event_sentence(event, asked.kind),
                "event",
                event.id,
                tuple(Citation(e.document, e.start, e.end, e.text) for e in event.evidence[:3]),
            )
    return None


def _agent_in_label(mode_text: str | None, label: str) -> bool:
    """Whether an event without a resolved actor still names who acted: its label opens
    with words before its verb ("Insurgents shot down a cargo drone")."""
    mode = (mode_text or "").lower()[:4]
    words = re.findall(r"[a-z]+", label.lower())
    for i, word in enumerate(words):
        if mode and irregular_forms().get(word, word).startswith(mode):
            return i > 0 and words[0] not in ("their", "his", "her", "its", "it", "they")
    return False


def _event_sentence(event: Any, kind: str | None) -> str:
    label = str(event.label)
    folded = label.casefold()
    actors = [a for a in event.actors if a.casefold() not in folded]
    targets = [t for t in event.targets if t.casefold() not in folded]
    text = " and ".join(actors) + " " + label if actors else label
    if targets:
        text += " " + " and ".join(targets)
    if event.place and kind != "when" and event.place.casefold() not in folded:
        text += f" in {event.place}"
    if event.date and event.date_source != "publication":
        text += f" on {_date(event.date)}" if len(event.date) == 10 else f" in {_date(event.date)}"
    text = text.strip()
    return text[0].upper() + text[1:] + "."


def _quote_answer(store: Store, asked: Asked) -> FactAnswer | None:
    """What a named actor said: the quote of theirs (by speaker, or by a speaker description
    that holds their name) that carries most question words; for an entity of more than
    :data:`~newsweave.ask_lookup.NAMED_MEMBERS` actors, in the documents of its latest."""
    names = [name for _, name, _ in asked.entities]
    actors = list(asked.actors)  # an entity's latest members (ask_lookup.NAMED_MEMBERS)
    described = " OR ".join("instr(lower(q.speaker_text), lower(?)) > 0" for _ in names)
    # the quotes of the documents the actors stand in (an index lookup per document), not
    # every quote of the corpus
    rows = store.connection.execute(
        "SELECT q.id, q.document_id, q.text, q.direct, q.sentence_start, q.sentence_end"
        " FROM quotes AS q JOIN documents AS d ON d.id = q.document_id"
        " WHERE q.document_id IN (SELECT a.document_id FROM actors AS a"
        " WHERE a.id IN (SELECT value FROM json_each(?)))"
        " AND (q.speaker IN (SELECT value FROM json_each(?))"
        f" OR {described or '0'}) ORDER BY d.published, q.start_char",
        [json.dumps(actors), json.dumps(actors), *names],
    ).fetchall()
    entity_words = {w for _, _, names in asked.entities for n in names for w in n.split()}
    stems = [s for s in asked.stems if s not in entity_words and s not in ("say", "said")]
    best, best_score = None, -1
    for row in rows:
        score = _stem_matches(stems, re.findall(r"\w+", str(row["text"]).lower()))
        if score > best_score:
            best, best_score = row, score
    if best is None:
        return None
    name = asked.entities[0][1]
    said = f"“{best['text']}”" if best["direct"] else str(best["text"])
    sentence = store.connection.execute(
        "SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?",
        (best["sentence_start"], best["sentence_end"], best["sentence_start"],
         best["document_id"]),
    ).fetchone()  # fmt: skip
    citation = Citation(
        str(best["document_id"]),
        int(best["sentence_start"]),
        int(best["sentence_end"]),
        str(sentence[0]) if sentence else "",
    )
    return FactAnswer(f"{name} said: {said}", "quote", str(best["id"]), (citation,))


def _entity_answer(store: Store, asked: Asked) -> FactAnswer | None:
    records = entity_records_of(store, [asked.entities[0][0]])
    if not records:
        return None
    record = records[0]
    if record.titles:
        conn = store.connection
        citations = []
        for title in record.titles[:2]:
            for doc, start, end in title.evidence[:1]:
                row = conn.execute(
                    "SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?",
                    (start, end, start, doc),
                ).fetchone()
                citations.append(Citation(doc, start, end, str(row[0]) if row else ""))
        titles = list(dict.fromkeys(t.text for t in record.titles))[:2]
        text = f"{record.name}: {'; '.join(titles)}."
        return FactAnswer(text, "title", record.id, tuple(citations))
    found = _role_answer(store, record.name, record.id, record.actor_ids)
    return found or _descriptor_answer(store, record.name, record.id, record.actor_ids)


_BEFORE_APPOSITIVE = re.compile(r"\b(?:the|a|an)\s+(?P<d>[^,;.“”\"()]{3,90}),\s*$")


"""A description set before the name: "the prosecutor general of Tehran, NAME"."""


_BEFORE_TITLE = re.compile(
    r"(?P<d>(?:[A-Z][\w.’'-]*\s+(?:(?:for|of|on|and)\s+(?:the\s+)?)?){1,7})$"
)


"""A capitalised title right before the name: "US Special Representative for Iran NAME"."""


_AFTER_APPOSITIVE = re.compile(r"^,\s+(?:the|a|an)\s+(?P<d>[^,;.“”\"()]{3,90})[,;.]")


"""A description set after the name: "NAME, the head of the agency,"."""


def _descriptor_answer(
    store: Store, name: str, entity: str, actors: Sequence[str]
) -> FactAnswer | None:
    """ "Who is X?" with neither a title nor a tie: the description the text sets beside
    one of X's mentions (an appositive before or after the name, or a capitalised title
    right before it) when it holds a role word ("prosecutor", "Representative")."""
    from newsweave.analyze.titles import is_role

    if not actors:
        return None
    marks = ",".join("?" * len(actors))
    rows = store.connection.execute(
        "SELECT m.document_id, m.start_char, m.end_char, m.sentence_start, m.sentence_end,"
        " substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start) AS sentence"
        " FROM mentions AS m JOIN documents AS d ON d.id = m.document_id"
        f" WHERE m.actor_id IN ({marks}) ORDER BY d.published, m.start_char",
        list(actors),
    ).fetchall()
    for row in rows:
        sentence, base = str(row["sentence"]), int(row["sentence_start"])
        before = sentence[: int(row["start_char"]) - base]
        after = sentence[int(row["end_char"]) - base :]
        for match in (
            _BEFORE_APPOSITIVE.search(before),
            _BEFORE_TITLE.search(before),
            _AFTER_APPOSITIVE.match(after),
        ):
            if match is None:
                continue
            described = " ".join(match["d"].split())
            if any(is_role(w) for w in re.findall(r"[\w-]+", described)):
                citation = Citation(
                    str(row["document_id"]), base, int(row["sentence_end"]), sentence
                )
                return FactAnswer(f"{name}: {described}.", "title", entity, (citation,))
    return None


_ROLES = ("holds_position", "leads", "member_of", "employed_by")


"""Ties that say who someone is, in this order."""


_ROLE_WORDS = {"holds_position": "", "leads": "leads ", "member_of": "member of ",
               "employed_by": "works for "}  # fmt: skip


def _role_answer(store: Store, name: str, entity: str, actors: Sequence[str]) -> FactAnswer | None:
    """ "Who is X?" without a title: the office, lead, membership or employer ties of X."""
    if not actors:
        return None
    marks = ",".join("?" * len(actors))
    rows = store.connection.execute(
        "SELECT r.predicate, r.document_id, r.sentence_start, r.sentence_end,"
        " CASE WHEN r.predicate = 'holds_position'"  # the office is the tie's qualifier
        " THEN coalesce(r.qualifier, a.name, r.object_text)"
        " ELSE coalesce(a.name, r.object_text) END AS object,"
        " substr(d.text, r.sentence_start + 1, r.sentence_end - r.sentence_start) AS sentence"
        " FROM relations AS r JOIN documents AS d ON d.id = r.document_id"
        " LEFT JOIN actors AS a ON a.id = r.object"
        f" WHERE r.subject IN ({marks}) AND r.predicate IN ({','.join('?' * len(_ROLES))})",
        [*actors, *_ROLES],
    ).fetchall()
    rows = sorted((r for r in rows if r["object"]), key=lambda r: _ROLES.index(r["predicate"]))
    if not rows:
        return None
    ties = list(dict.fromkeys(_ROLE_WORDS[r["predicate"]] + str(r["object"]) for r in rows))
    citations = tuple(
        Citation(str(r["document_id"]), int(r["sentence_start"]), int(r["sentence_end"]),
                 str(r["sentence"]))
        for r in rows[:2]
    )  # fmt: skip
    return FactAnswer(f"{name}: {'; '.join(ties[:2])}.", "relation", entity, citations)
