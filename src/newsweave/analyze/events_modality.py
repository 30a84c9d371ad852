"""Event modality: asserted, reported, future, hypothetical or negated, from the
clause's auxiliaries, frames, conditionals and reporters."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from newsweave.analyze.events_roles import LIGHT_VERBS, _chain, _subject
from newsweave.analyze.events_triggers import Trigger, lemma
from newsweave.analyze.events_vocab import Modality, vocabulary
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
    told = _told_content(head, cues)
    if told is not None:
        return "reported", told
    if trigger.pattern.kind == "noun":
        planned = _planned_noun(doc, trigger, head, clause, cues, sentence)
        if planned is not None:
            return planned, reporter
    if trigger.pattern.kind == "noun" and _withheld(head):
        return "negated", reporter  # "withholding her endorsement": not given
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
        if dep == "pcomp" and _instead(governor):
            return "negated", reporter  # "instead of marching", "rather than resign"
        possible = (dep in ("xcomp", "advcl") and governor.pos_ == "ADJ") or (
            dep in ("acl", "relcl") and governor.lemma_.lower() in cues.hypothetical_nouns
        )
        if (
            dep in ("acl", "relcl")
            and governor.lemma_.lower() in cues.future_nouns
            and _infinitive(clause)
        ):
            return "future", reporter  # "her plans to visit the plant"
        if possible and _infinitive(clause) and governor.lemma_.lower() not in cues.future_heads:
            # "easy to dismiss", "inclined to support her", "their prospects to win a
            # seat": a possibility talked about, not a happening ("ready to" is future)
            return "hypothetical", reporter
        if dep in ("xcomp", "ccomp", "advcl") and lemma(governor) in cues.hypothetical_heads:
            return "hypothetical", reporter
        if _exhortation(governor, dep):
            return "hypothetical", reporter  # "let us honour him": a call, not a deed
        if _governed_possibility(governor, dep, cues):
            return "hypothetical", reporter  # "would require resigning the post"
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


def _withheld(noun: Any) -> bool:
    """An event noun that is the object of a verb of keeping it from happening
    (``negating_objects``: "withheld his support", "averted a walkout")."""
    verbs = vocabulary().precision.get("negating_objects", frozenset())
    return bool(noun.dep_ == "dobj" and lemma(noun.head) in verbs)


def _exhortation(governor: Any, dep: str) -> bool:
    """ "Let us honour him", "let's march on the capital": the verb under "let" whose
    subject is the speakers (``exhortation_subjects``) is called for, not done."""
    if dep not in ("ccomp", "xcomp") or governor.lemma_.lower() != "let":
        return False
    subjects = vocabulary().precision.get("exhortation_subjects", frozenset())
    return any(
        t.lower_ in subjects and t.dep_ in ("dobj", "nsubj")
        for c in governor.children
        for t in (c, *c.children)
    )


def _governed_possibility(governor: Any, dep: str, cues: Modality) -> bool:
    """ "It would require resigning the post", "they could start marching", "retreating
    behind tariff walls would be unwise": an act told as
    the complement of a verb with a modal of possibility shares its mood (not what someone
    "would say": a reported clause has its own)."""
    if dep not in ("xcomp", "dobj", "pcomp", "csubj") or governor.pos_ not in ("VERB", "AUX"):
        return False
    modals = {c.lower_ for c in governor.children if c.dep_ == "aux"}
    polite = lemma(governor) in ("like", "love")  # "we would like to thank": done by saying
    return bool(modals & cues.hypothetical) and lemma(governor) not in cues.reporting and not polite


WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})

CONTENT_PREPS = frozenset({"about", "of", "over"})
PLAN_PREPS = frozenset({"for", "of", "to", "as"})
"""Prepositions whose object belongs to a planned act ("joining farmers for a rally",
"her margin of victory"); not time or manner ("before the bombings", "in a deal")."""


def _instead(prep: Any) -> bool:
    """ "instead of", "rather than", "in lieu of": the act named after it did not happen."""
    words = {prep.head.lower_, *(c.lower_ for c in prep.children if c.dep_ in ("advmod", "amod"))}
    pairs = {("of", "instead"), ("than", "rather"), ("of", "lieu")}
    return any((prep.lower_, word) in pairs for word in words)


def _told_content(head: Any, cues: Modality) -> Any | None:
    """ "bragged about beating a rival", "accused the guards of torturing inmates": the
    content of a boast, a joke or an accusation is what its subject tells, not a happening
    the text asserts. Returns the teller (the verb's subject, or the verb)."""
    if head.pos_ != "VERB":
        return None  # "spoke about the shooting": a happening talked of is still one
    current = head
    for _ in range(6):
        governor = current.head
        if governor.i == current.i:
            return None
        verb = governor.head
        if verb.dep_ == "dobj" and verb.head.i != verb.i:
            verb = verb.head  # "accused the landlord of beating ...": the accused's act
        if (
            current.dep_ in ("pcomp", "pobj")
            and governor.lower_ in CONTENT_PREPS
            and lemma(verb) in cues.content_verbs
            and verb.i != governor.i
        ):
            if any(c.dep_ == "auxpass" for c in verb.children):
                return verb  # "was accused of ...": the accuser is not named there
            return _subject(verb) or verb
        if current.dep_ not in (
            "pcomp",
            "pobj",
            "prep",
            "dobj",
            "compound",
            "amod",
            "conj",
            "xcomp",
        ):  # "accused her of pushing to indict him": the indictment is told of too
            return None
        current = governor
    return None


KNOWN_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


def _known(noun: Any) -> bool:
    """A definite or dated event noun refers to a happening the text presupposes."""
    return any(
        (c.dep_ == "det" and c.lower_ in KNOWN_DETERMINERS)
        or c.dep_ == "poss"
        or c.ent_type_ in ("DATE", "TIME")
        for c in noun.children
    )


def _planned_noun(
    doc: Any, trigger: Trigger, head: Any, clause: Any, cues: Modality, sentence: tuple[int, int]
) -> str | None:
    """ "planned a rally", "sought a margin of victory", "planned to tour the plant before
    joining farmers for a rally": an event noun that is the object of a planned, wished
    or possible act is planned (future) or possible (hypothetical) with it. Its subject
    ("the deal would allow ...") and a negated act ("did not attend the rally") do not
    pass their mood on."""
    if head.dep_ not in ("dobj", "pobj") or clause.i == head.i:
        return None
    if _known(head):
        return None  # "the August 4 attack", "the attacks": a happening already told of
    between = 0
    node = head.head
    while node.i != clause.i and node.head.i != node.i:
        between += node.pos_ in ("NOUN", "PROPN")
        node = node.head
    if between > 1:
        return None  # "chances of detection and prevention of an attack": too far down
    if head.dep_ == "pobj" and head.head.lower_ not in PLAN_PREPS:
        return None  # "a week before the bombings", "in a deal worth $7bn": not the object
    if clause.pos_ not in ("VERB", "AUX"):
        return None
    obj = head
    while obj.dep_ in ("pobj", "prep", "conj", "appos") and obj.head.i != obj.i:
        obj = obj.head  # "mulling responses such as sanctions": the object of mulling
    if obj.dep_ == "dobj" and obj.head.i == clause.i:
        if lemma(clause) in cues.planning_verbs:
            return "future"
        if lemma(clause) in cues.hypothetical_heads:
            return "hypothetical"
    verb = replace(trigger, anchor=clause.i, pattern=replace(trigger.pattern, kind="verb"))
    mood, _ = modality(doc, verb, cues, sentence)
    return mood if mood in ("future", "hypothetical") else None


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


def _inverted(clause: Any) -> bool:
    """ "Had the senator won the primary, ...", "Were the talks to fail": a subordinate
    clause opened by an auxiliary before its subject is a condition."""
    if clause.dep_ != "advcl":
        return False
    first = min(clause.subtree, key=lambda t: t.i)
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (
        first.dep_ in ("aux", "auxpass")
        and first.lower_ in ("had", "were", "should")
        and subject is not None
        and first.i < subject.i
    )


def _conditional(clause: Any, cues: Modality) -> bool:
    if _inverted(clause):
        return True
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
