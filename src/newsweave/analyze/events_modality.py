"""Event modality: asserted, reported, future, hypothetical or negated, from the
clause's auxiliaries, frames, conditionals and reporters."""

from __future__ import annotations

from typing import Any

from newsweave.analyze.events_roles import LIGHT_VERBS, _chain, _subject
from newsweave.analyze.events_triggers import Trigger, lemma
from newsweave.analyze.events_vocab import Modality
from newsweave.analyze.events_where_when import clause_head

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
        and prep.lower_ in ("for", "to", "of", "about")
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


def modality(
    doc: Any, trigger: Trigger, cues: Modality, sentence: tuple[int, int]
) -> tuple[str, Any | None]:
    """(modality, reporting token or None) for a trigger."""
    head = doc[trigger.anchor]
    if head.dep_ in ("aux", "auxpass") and head.head.i != head.i:
        head = head.head  # a pattern read from "be" ("should be elected"): its verb's mood
    clause = clause_head(doc, head.i)
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
    if _purpose(clause) or _polar_question(doc, head, sentence):
        return "hypothetical", reporter
    if local & cues.future:
        return "future", reporter
    return ("reported" if reporter is not None else "asserted"), reporter


WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def _purpose(clause: Any) -> bool:
    """ "met donors to support efforts", "in order to win": an infinitive of purpose tells
    what is meant to happen, not what happened."""
    return clause.dep_ == "advcl" and _infinitive(clause)


def _polar_question(doc: Any, head: Any, sentence: tuple[int, int]) -> bool:
    """ "Will the senator back the deal?": a yes/no question asks whether a happening takes
    place (a wh-question, "why did police arrest him?", presupposes it)."""
    span = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    for token in span if span is not None else ():
        if token.text != "?":
            continue
        root = token.head
        subtree = list(root.subtree)
        if head not in subtree:
            continue
        words = [t for t in subtree if not (t.is_punct or t.pos_ in ("CCONJ", "ADP"))]
        return bool(words) and words[0].tag_ not in WH_TAGS
    return False


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
