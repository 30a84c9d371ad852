"""Figures: who claims a figure ("X said", "according to X", "X's count") and the
claim's as-of date, read from the dependency parse."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.analyze.figures_filters import date_value
from newsweave.analyze.figures_vocab import (
    _COUNT_NOUNS,
    _COUNT_VERBS,
    _FINDING_VERBS,
    _MONTH_NUMBERS,
    _NON_SPEAKER_ENTITIES,
    _NOT_CLAIMANTS,
    _PLACE_ENTITIES,
    _PLACE_NOUNS,
    _PRONOUNS,
    _REPORT_NOUNS,
    _SAY_VERBS,
    _SOURCE_NOUNS,
    _SOURCE_VERBS,
    _WH_TAGS,
    _words,
)


@dataclass(frozen=True)
class _Claim:
    """Who a sentence says a figure comes from, and the verb that says it."""

    text: str
    start: int
    end: int
    verb: Any
    head: tuple[int, int] | None = None
    """The characters of the claimant's head word, the only part resolved to an actor
    ("group" in "a Mabenian rights group", never "Mabenian"); None when the head can name
    no speaker (a place, a demonym)."""


# ---------------------------------------------------------------------------------------
# Claimants and dates from the parse
# ---------------------------------------------------------------------------------------


def _claims(sentence: Any) -> list[_Claim]:
    """Every attribution of a sentence: "X said", "according to X", "X gave a toll of",
    "a toll given by X", "X's count"; only speaker-like claimants (see :func:`_claim_of`)."""
    found: list[_Claim | None] = []
    for token in sentence:
        if token.lower_ == "according":
            found.extend(_claim_of(obj, token) for obj in _according_objects(token))
        elif token.pos_ in ("VERB", "AUX") and _says(token):
            found.extend(_verb_claims(token))
        elif token.lemma_.lower() in _COUNT_NOUNS or token.lower_ in _REPORT_NOUNS:
            found.extend(_possessor_claim(token))
        if _closing_show(token):
            found.append(_claim_of(token.doc[token.i - 1], token))  # ", FEC records show."
        if (
            token.dep_ == "nsubj"
            and token.lemma_.lower() in _SOURCE_NOUNS
            and token.head.lemma_.lower() in _SOURCE_VERBS
            and not _says(token.head)
        ):
            found.append(_claim_of(token, token.head))  # "a poll by X had", "a survey gave"
    return [c for c in found if c is not None]


_SHOW_WORDS = frozenset(_words("show shows showed indicate indicates indicated suggest suggests"))


def _closing_show(token: Any) -> bool:
    """A sentence closed by "…, FEC records show." (the parser may take "show" for a noun):
    the source before it claims the sentence's figures."""
    if token.lower_ not in _SHOW_WORDS or token.i == 0:
        return False
    source = token.doc[token.i - 1]
    rest = token.doc[token.i + 1 : token.sent.end]
    return source.lemma_.lower() in _SOURCE_NOUNS and all(t.is_punct for t in rest)


def _says(verb: Any) -> bool:
    """A say verb; "give", "put", "raise", "revise" only of a count ("gave a toll of",
    "put the figure at", "raised its count to", "put it at"), never "raised prices"."""
    lemma = verb.lemma_.lower()
    if lemma in _FINDING_VERBS:
        return any(c.dep_ == "ccomp" for c in verb.children)
    if lemma not in _SAY_VERBS:
        return False
    if lemma not in _COUNT_VERBS:
        return True
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ in ("acl", "relcl"):
        objects.append(verb.head)  # "the toll given by", "the figure that X gave"
    return any(o.lemma_.lower() in _COUNT_NOUNS or o.lower_ == "it" for o in objects)


def _verb_claims(verb: Any) -> Iterator[_Claim | None]:
    """The claimant of a say verb: its subject, the agent of a passive ("a toll given by
    X"), else a subject the parser lost (:func:`_orphan_subject`)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    speakers = [c for c in subjects if c.dep_ == "nsubj"]
    if len(speakers) > 1:
        # one say verb, one speaker: two subjects are a parse that lost a clause boundary
        # ("A mudslide swept …, killing 27, the office said"): the one nearest the verb
        speakers = [min(speakers, key=lambda c: abs(verb.i - c.i))]
    for child in speakers:
        if child.lemma_.lower() not in _NOT_CLAIMANTS:
            yield _claim_of(child, verb)
    for child in verb.children:
        if child.dep_ == "agent":
            yield from (_claim_of(o, verb) for o in child.children if o.dep_ == "pobj")
    if not subjects and verb.dep_ == "dep":
        orphan = _orphan_subject(verb)
        if orphan is not None and orphan.lemma_.lower() not in _NOT_CLAIMANTS:
            yield _claim_of(orphan, verb)
    if (
        not subjects
        and verb.dep_ in ("advcl", "xcomp")
        and verb.tag_ == "VBG"
        and any(c.dep_ == "ccomp" for c in verb.children)
    ):
        # "Clyburn invoked an anecdote, recalling how …": the participle's speaker is the
        # subject of the clause it hangs on (only a participle with a clause of what was
        # said: "…, publicly revealing a crack" claims nothing)
        for child in verb.head.children:
            if child.dep_ == "nsubj" and child.lemma_.lower() not in _NOT_CLAIMANTS:
                yield _claim_of(child, verb)


def _according_objects(token: Any) -> Iterator[Any]:
    for prep in token.children:
        if prep.lower_ == "to":
            yield from (obj for obj in prep.children if obj.dep_ == "pobj")


def _possessor_claim(noun: Any) -> Iterator[_Claim | None]:
    """ "the ministry's latest count is 212", "by the ministry's toll": the possessor
    claims; its verb is the clause the count is the subject of (else the count)."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in _PRONOUNS | {"its", "their", "his", "her"}:
            verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else noun
            yield _claim_of(child, verb)


def _claim_of(subject: Any, verb: Any) -> _Claim | None:
    """The claimant as written: the subject without relative clauses, appositions or a
    possessive ending; None when it is no speaker: a dateline ("AMAKORO, Mabenia — the
    IMF said" gives the IMF), a place or demonym ("Mabenian"), an inanimate source
    ("documents show") unless something names who made it ("documents published by the
    Sentinel" gives the Sentinel)."""
    if _is_dateline(subject):
        after = _after_dateline(subject)
        return _claim_of(after, verb) if after is not None else None
    named = subject.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in subject.lefts
    )  # "St. Pete Polls" is an organisation, not a source
    if subject.lemma_.lower() in _SOURCE_NOUNS and not named:
        maker = _maker(subject) or _source_owner(subject)
        return _claim_of(maker, verb) if maker is not None else None
    if not _speaker_like(subject):
        return None
    start, end = subject.left_edge.i, subject.i + 1
    for child in subject.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "advcl", "case"):
            break
        end = child.right_edge.i + 1
    span = _trimmed(subject.doc[start:end])
    opened = [t.i for t in span if t.text == "(" and t.i > subject.i]
    if opened and not any(t.text == ")" for t in subject.doc[opened[0] : span.end]):
        span = _trimmed(subject.doc[start : opened[0]])  # never "The League (LMDH"
    head: tuple[int, int] | None = (int(subject.idx), int(subject.idx + len(subject.text)))
    if subject.ent_type_ in _PLACE_ENTITIES:
        head = None  # "Mabenia said": the government speaks, no place is a claimant actor
    return _Claim(str(span.text), int(span.start_char), int(span.end_char), verb, head)


def _trimmed(span: Any) -> Any:
    """A span without trailing punctuation or possessive ending."""
    while len(span) > 1 and (span[-1].is_punct or span[-1].dep_ == "case"):
        span = span[:-1]
    return span


def _is_dateline(token: Any) -> bool:
    """The first word of a sentence in capitals and followed by a comma or dash
    ("AMAKORO, Mabenia —", "LONDON —"): a dateline the parser took for a subject."""
    doc = token.doc
    if token.left_edge.i != token.sent.start or not token.text.isupper() or len(token) < 3:
        return False
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return nxt is not None and nxt.text in (",", "—", "–", "-", "(")


def _after_dateline(subject: Any) -> Any | None:
    """The real subject the parser hung under a dateline: the highest word after its dash
    ("AMAKORO, Mabenia — The League said" gives League), else an apposition."""
    tokens = list(subject.subtree)
    dash = next((t for t in tokens if t.text in ("—", "–", "-", "--")), None)
    if dash is not None:
        inside = {t.i for t in tokens if t.i > dash.i}
        tops = [t for t in tokens if t.i in inside and t.head.i not in inside and not t.is_punct]
        return tops[0] if tops else None
    apposed = [c for c in subject.children if c.dep_ == "appos"]
    return apposed[0] if apposed else None


def _orphan_subject(verb: Any) -> Any | None:
    """The subject of a say verb the parser left hanging (dep ``dep``: "The League, whose
    count had been higher than the government's, said ..."): the sentence's first
    subject before the verb, unless a pronoun or relative word."""
    for token in verb.sent:
        if token.i >= verb.i:
            return None
        if token.dep_ in ("nsubj", "nsubjpass") and token.tag_ not in _WH_TAGS:
            return None if token.lower_ in _PRONOUNS else token
    return None


def _maker(source: Any) -> Any | None:
    """Who made an inanimate source: the agent of "published/obtained/seen by X"."""
    for child in source.subtree:
        by = child.dep_ == "prep" and child.head.i == source.i and child.lower_ in ("by", "from")
        if child.dep_ == "agent" or by:
            objects = [o for o in child.children if o.dep_ == "pobj"]
            if objects and (
                objects[0].lemma_.lower() not in _SOURCE_NOUNS or objects[0].pos_ == "PROPN"
            ):
                return objects[0]  # "a poll by St. Pete Polls" names its maker
    return None


def _source_owner(source: Any) -> Any | None:
    """The organisation or person named in front of a source ("FEC records", "USA TODAY
    Network articles"): the last proper noun or acronym of its compounds."""
    names = [
        c
        for c in source.lefts
        if c.dep_ == "compound" and (c.pos_ == "PROPN" or _ACRONYM.fullmatch(c.text))
    ]
    return names[-1] if names and _speaker_like(names[-1]) else None


_ACRONYM = re.compile(r"[A-Z][A-Z&.]{1,7}")
"""An acronym the tagger may take for a common noun ("FEC records")."""


def _speaker_like(token: Any) -> bool:
    """Whether a claimant's head word can name who speaks: a person, organisation, body
    or described source ("officials", "a rights group"), not a place ("the country") or
    an adjective ("Mabenian"; bare demonym nouns are left out by :func:`_demonym_claim`)."""
    if token.lower_ == "old" and token.i >= 2 and token.doc[token.i - 2].lower_ == "year":
        return True  # "the 81-year-old said"
    if token.ent_type_ in _NON_SPEAKER_ENTITIES:
        return False
    if token.pos_ == "ADJ" or token.lemma_.lower() in _PLACE_NOUNS:
        return False
    return token.pos_ in ("NOUN", "PROPN", "PRON")


def _distance(a: Any, b: Any) -> int:
    """Number of arcs between two tokens of one parse tree."""
    up = {a.i: 0}
    for depth, ancestor in enumerate(a.ancestors, 1):
        up[ancestor.i] = depth
    if b.i in up:
        return up[b.i]
    for depth, ancestor in enumerate(b.ancestors, 1):
        if ancestor.i in up:
            return depth + up[ancestor.i]
    return 1000


def _best_claim(claims: Sequence[_Claim], number: Any) -> _Claim | None:
    """The claim nearest the number in the tree, never one whose subject is the number."""
    usable = [c for c in claims if not (c.start <= number.idx < c.end)]
    if not usable:
        return None
    return min(usable, key=lambda c: _distance(number, c.verb))


def _verb_of(token: Any) -> Any | None:
    """The nearest verb above a token (the clause it belongs to)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


def _past_year(text: str, anchor: dt.date | None) -> str | None:
    """A bare year before the publication year ("in 1998"), or a bare month at least two
    months before the publication's ("in February" in a November article): the count is
    of that year ("1998") or month ("2005-02")."""
    if anchor is None:
        return None
    lowered = re.sub(r"^(?:in|last)\s+", "", text.strip().lower())
    if re.fullmatch(r"\d{4}", lowered):
        return lowered if int(lowered) < anchor.year else None
    month = _MONTH_NUMBERS.get(lowered.rstrip("."))
    if month is None or anchor.month - month < 2:
        return None
    return f"{anchor.year}-{month:02d}"


def _is_above(ancestor: Any, token: Any) -> bool:
    return any(a.i == ancestor.i for a in token.ancestors)


def _as_of(sentence: Any, number: Any, claim: _Claim | None, anchor: dt.date | None) -> str | None:
    """The date a figure is stated for: "as of <date>", else a date of the claim verb,
    else a date in the figure's own clause, else a past year of that clause or one above
    it ("in 1998, a mudslide killed 40": "1998"). Dates after "since", "from", "until" are
    periods, not as-of dates."""
    clause = _verb_of(number)
    best: tuple[int, str] | None = None
    for ent in sentence.ents:
        if ent.label_ != "DATE" or ent.start <= number.i < ent.end:
            continue
        before = sentence.doc[max(ent.start - 2, 0) : ent.start].text.lower()
        if re.search(r"\b(?:since|from|until|till|before|after|between|by)$", before):
            continue
        value = date_value(ent.text, anchor)
        owner = _verb_of(ent.root)
        if value is None:
            value = _past_year(ent.text, anchor)
            if value is None or owner is None or clause is None:
                continue
            if owner.i == clause.i or _is_above(owner, clause):
                best = best if best is not None and best[0] < 2 else (2, value)
            continue
        rank = 3
        if re.search(r"\bas\s+(?:of|at)$", before):
            rank = 0
        elif claim is not None and owner is not None and owner.i == claim.verb.i:
            rank = 1
        elif clause is not None and owner is not None and owner.i == clause.i:
            rank = 2
        if rank < 3 and (best is None or rank < best[0]):
            best = (rank, value)
    return best[1] if best else None
