"""Names stage: the actors a document mentions (people, organisations, places, groups).

spaCy's entities are the candidates. They are cleaned ("the", possessives, line breaks),
retyped with the gazetteer and the document's own evidence (the small model calls many
non-Western places PERSON and some companies GPE), completed with demonyms, acronyms and
user places spaCy missed, and filtered of junk (page furniture, chanted slogans, capitalised
common words at the start of a sentence). :mod:`newsweave.analyze.chains` then groups the
mentions of one actor and :mod:`newsweave.analyze.titles` finds their roles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsweave.analyze import name_spans
from newsweave.analyze.candidates import Candidate as Candidate
from newsweave.analyze.context import Context, StageInfo, doc_text
from newsweave.analyze.gazetteer import Gazetteer, Place, normalize
from newsweave.analyze.name_cues import retyped
from newsweave.analyze.name_people import (
    as_event,
    is_desk,
    missed_people,
    mistyped_people,
    person_cues,
    split_possessive,
    with_second_surname,
    without_describing_word,
)
from newsweave.model.facts import Actor, Mention


def words(text: str) -> frozenset[str]:
    """The set of the whitespace-separated words of ``text`` (for word lists)."""
    return frozenset(text.split())


STAGE = StageInfo("names", "6", needs=("sentences",), provides=("mentions", "actors"))

NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
"""spaCy labels that name something; DATE, MONEY, CARDINAL… are not names."""

PERSON_TITLES = (
    words(
        "president minister mr mrs ms miss dr sir dame lady lord king queen prince princess "
        "general gen colonel col captain capt lieutenant lt sergeant sgt major governor "
        "senator sen rep representative mayor judge justice secretary chancellor premier "
        "ambassador professor prof superintendent inspector commissioner chairman chairwoman "
        "chair spokesman spokeswoman spokesperson director chief bishop archbishop pope "
        "sheikh imam rev reverend father sister brother mother son daughter wife husband "
        "coach striker goalkeeper midfielder defender economist journalist lawyer leader "
        "editor correspondent founder ceo pm vice deputy speaker emir sultan ayatollah "
        "cardinal officer analyst blogger professor cardiologist nurse commander"
    )
    | person_cues().titles
)
"""Words that, right before a name, mark it as a person's (with the title words of
``data/person_cues.yaml``)."""

SPEECH_VERBS = words(
    "say tell add write announce warn note claim insist argue deny explain state urge "
    "accuse describe post praise condemn reply"
)
LOCATIVE = words("in at from to near outside across into around via toward towards")
KIN = words("son daughter wife husband brother sister father mother widow uncle")
PRONOUNS = words("he she his her him himself herself")

PLACE_HEADS = frozenset({"City", "Town", "County", "Province", "Region", "District"})
ORG_HEADS = words(
    "University College Institute School Academy Foundation Hospital Ministry Bank Party "
    "Union Organisation Organization Council Committee Commission Agency Corporation Corp "
    "Inc Ltd Group Company Holdings Association Federation League Movement Front Army "
    "Police Court Assembly Parliament Club Airlines Airways Authority Fund Trust Society "
    "Museum Forum Post Times Herald News Sentinel Monitor Radio Television Network "
    "Alliance Congress Department Office Bureau Service Services Directorate Secretariat "
    "Administration Centre Center Tribunal Board Command Senate Cabinet Coalition Institution "
    "Bloc"
)
"""Last words of institution names: "Nathaniel Abessi University" is no person."""

FURNITURE = words(
    "Sign Accept Share Close Subscribe Read Related Comment Comments Follow Like Likes "
    "Reply Menu Search Home Advertisement Updated Photograph Newsletter Login Register "
    "Cookies Privacy Restacks Skip Next Previous More"
)
"""Page-furniture words that are never names."""

UI_WORDS = FURNITURE | words("Gift Article Email Print Save Listen Download PDF Share")
"""Words of page controls ("Gift Article", "Download PDF") when they fill a line alone."""

PORTFOLIO_TITLES = words("minister ministers")
"""Titles a capitalised portfolio comes before ("Interior Minister", "Ports and Maritime
Affairs Minister"): the portfolio is part of the title, not an actor of its own."""

GENERIC_HEADS = words("Ministry Ministries Department Agency Directorate")
"""Institution heads that name nothing alone ("Ministry spokesman X")."""

ROAD_WORDS = words(
    "Route Rue Avenue Boulevard Road Street Highway Lane Autoroute Chaussée Avenida Calle "
    "Place Plaza Square Piazza"
)
"""First or last words of the name of a road or square: "Route de Sébénou" and "Place de
l'Indépendance" are facilities, not firms."""

NOT_NAME_WORDS = ORG_HEADS | PLACE_HEADS | ROAD_WORDS | FURNITURE
"""Capitalised words that are never part of a person's name."""

CREDIT_WORDS = words("reporting writing editing written edited reported photographed")
"""Nouns and participles of authorship: the agent after "by" is a person."""

SETTLEMENT_WORDS = words("village town city district region province municipality commune")
"""Head nouns of "the village of X": X is a place."""

FEATURE_NOUNS: dict[str, str] = {
    **dict.fromkeys(words("terminal port harbour harbor airport bridge station dam"), "FAC"),
    **dict.fromkeys(words("refinery mine stadium prison barracks road highway"), "FAC"),
    **dict.fromkeys(words("oilfield gasfield river lake valley mountains island coast"), "LOC"),
    **dict.fromkeys(words("village town district province county municipality"), "GPE"),
}
"""Common nouns a name can modify to name a place ("the Kessa terminal", "the Oti river"):
the name is the place's, not a person's."""

LOC_KINDS = frozenset({"continent", "oilfield", "field", "river", "lake", "sea", "mountain"})
FAC_KINDS = frozenset({"port", "airport", "bridge", "building", "landmark", "road"})

_QUOTED = re.compile(r"[“‘\"]([^“”‘’\"]{1,200})[”’\"]")
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")
_KIN_APPOSITION = re.compile(
    r"\b(?:his|her|their)\s+(?:[a-z]+\s+)?(?:ex-)?(?:" + "|".join(sorted(KIN)) + r"),\s*$",
    re.IGNORECASE,
)
_STRIP = " \t\n,;:\"“”‘’'()[]|-–—"
_NAMING = re.compile(
    r"\b(?:his|her|their)\s+(?:first\s+|full\s+|real\s+)?names?\s+(?:only\s+|simply\s+)?"
    r"(?:as|is|was)\s+$",
    re.IGNORECASE,
)
_ELIDED = re.compile(r"^[dlDL][’'][A-ZÀ-Ý]")
_LEGAL_TAIL = words("Inc Inc. Ltd Ltd. LLC Plc PLC Jr Jr. Sr Sr. SA AG GmbH Co Co.")


@dataclass(frozen=True)
class _Facts:
    """Document-level evidence used for typing."""

    surnames: frozenset[str]
    full_names: frozenset[tuple[str, str]]
    """(first name, surname) of every multi-word PERSON candidate."""
    personal: frozenset[str]
    """Normalised names used with a person's title, speech verb, kin word or pronoun."""
    bare_people: frozenset[str]
    """One-word names spaCy calls PERSON."""
    eponyms: frozenset[str]
    """X of every "X City", "X University"… in the document: the place is called with its
    head word here, so a bare X the model calls PERSON is the person."""
    locative: frozenset[str]
    """Normalised names used after "in", "from"…"""
    votes: dict[str, Counter[str]]


def place_type(place: Place) -> str:
    """GPE, LOC or FAC for a gazetteer reading."""
    if place.kind in LOC_KINDS or place.id.startswith("region:"):
        return "LOC"
    if place.kind in FAC_KINDS:
        return "FAC"
    return "GPE"


# ---------------------------------------------------------------- cleaning


def clean_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim [start, end) of ``text`` to the name: first line only, no surrounding
    punctuation, no leading "the", no possessive, no unbalanced "(ACRONYM" tail, no half of
    an editor's bracketed insert ("Vladimir] Putin" → "Putin")."""
    piece = text[start:end]
    if "\n" in piece:
        lines = piece.split("\n")
        end = start + len(lines[0])
    if "/" in text[start:end]:
        return None
    close_bracket = text.rfind("]", start, end)
    if close_bracket >= 0 and text.find("[", start, close_bracket) < 0:
        start = close_bracket + 1  # "[Russian President Vladimir] Putin": an editor's insert
    open_bracket = text.find("[", start, end)
    if open_bracket >= 0 and text.find("]", open_bracket, end) < 0:
        end = open_bracket
    open_paren = text.find("(", start, end)
    unbalanced = open_paren >= 0 and text.find(")", open_paren, end) < 0
    if unbalanced or (open_paren > start and text[end - 1 : end] == ")"):
        end = open_paren
    start, end = _trim(text, start, end)
    lowered = text[start:end].lower()
    if lowered.startswith("the ") and end - start > 4:
        start, end = _trim(text, start + 4, end)
    if text[start:end].endswith(("'s", "’s")):
        start, end = _trim(text, start, end - 2)
    if end - start < 2 or not any(c.isalpha() for c in text[start:end]):
        return None
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


NUMBERLESS = frozenset({"PERSON", "GPE", "LOC", "NORP"})
"""Labels whose names never end in a number: "Harris 2", "Austria 1996-12-07" in a table
are the name and a score or date the model took in."""
_TRAILING_NUMBERS = re.compile(r"(?:\s+[-+]?\d[\d.,:/-]*)+$")


def _raw_candidates(ctx: Context) -> Iterator[Candidate]:
    text = ctx.document.text
    for ent in ctx.doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        trimmed = clean_span(text, ent.start_char, ent.end_char)
        if trimmed is None:
            continue
        start, end = trimmed
        if ent.label_ in NUMBERLESS:
            end = start + len(_TRAILING_NUMBERS.sub("", text[start:end]))
            if end - start < 2:
                continue
        yield Candidate(start, end, text[start:end], ent.label_, "ner", ent.label_)


# ---------------------------------------------------------------- span repairs


def _repaired(ctx: Context, raw: list[Candidate], gazetteer: Gazetteer) -> list[Candidate]:
    """spaCy's spans with their boundaries fixed: coordinated names split ("Lomé and Tema",
    "Amnesty International, Human Rights Watch"), cut names completed ("Didier [Yamboré]",
    "[Alliance] démocratique du Mabénia (ADM)", "[Maritime] and [Dock Workers' Union]"),
    and a person's name taken out of a title the model read as an organisation."""
    text = ctx.document.text
    split = [part for cand in raw for part in _split_coordinated(cand, gazetteer)]
    extended = [
        _by_acronym(text, with_second_surname(ctx.doc, _extended(ctx.doc, c), NOT_NAME_WORDS))
        for c in split
    ]
    joined = _joined_coordination(ctx.doc, extended)
    repaired = name_spans.repaired(text, [_person_after_title(c) for c in joined])
    return [part for c in repaired for part in split_possessive(c, NOT_NAME_WORDS)]


def _split_coordinated(cand: Candidate, gazetteer: Gazetteer) -> list[Candidate]:
    """ "Lomé and Tema": two known places the model read as one name; "Amnesty
    International, Human Rights Watch": a list read as one organisation."""
    if cand.type == "PERSON" or gazetteer.lookup(cand.text):
        return [cand]
    pieces = re.split(r"(,\s+|\s+and\s+)", cand.text)
    names = pieces[::2]
    if len(names) < 2 or not all(n[:1].isupper() for n in names):
        return [cand]
    if all(gazetteer.lookup(n) for n in names):
        places = [gazetteer.lookup(n)[0] for n in names]
        return [
            Candidate(s, e, n, place_type(pl), "ner+gazetteer", cand.label, pl.country, pl.id)
            for (s, e, n), pl in zip(_offsets(cand, pieces), places, strict=True)
        ]
    commas = [sep for sep in pieces[1::2] if sep.strip() == ","]
    if not commas or any(n in _LEGAL_TAIL or " " not in n.strip() for n in names):
        return [cand]
    return [replace(cand, start=s, end=e, text=n) for s, e, n in _offsets(cand, pieces)]


def _offsets(cand: Candidate, pieces: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    offset = cand.start
    for k, piece in enumerate(pieces):
        if k % 2 == 0:
            yield offset, offset + len(piece), piece
        offset += len(piece)


def _initials(name: str) -> str:
    found = re.findall(r"[^\W\d_][\w’'-]*", name)
    return "".join(w[0].upper() for w in found if w.lower() not in FUNCTION_WORDS)


_EXPANSION = re.compile(r"((?:[ \t]+[^\W\d_][\w’'-]*){1,5}?)[ \t]*\(([A-Z][A-Za-z&]{1,9})\)")


def _by_acronym(text: str, cand: Candidate) -> Candidate:
    """An organisation the model cut short of its acronym's expansion: "[Alliance]
    démocratique du Mabénia (ADM)", "[Maritime] and Dock Workers' Union (MDWU)"."""
    if cand.type in ("PERSON", "GPE", "LOC", "FAC"):
        return cand
    acronym = _ACRONYM.match(text, cand.end)
    if acronym:
        return _backward_by_acronym(text, cand, acronym.group(1))
    match = _EXPANSION.match(text, cand.end)
    if not match:
        return cand
    name = text[cand.start : match.end(1)]
    if _initials(name) != match.group(2).upper() or _initials(cand.text) == match.group(2):
        return cand
    return replace(cand, end=match.end(1), text=name, type="ORG")


def _backward_by_acronym(text: str, cand: Candidate, acronym: str) -> Candidate:
    """ "The Maritime and [Dock Workers' Union] (MDWU)": the words before the name that
    give the acronym's missing initials."""
    own = _initials(cand.text)
    if own == acronym or not acronym.endswith(own) or len(acronym) > len(own) + 3:
        return cand
    line_start = text.rfind("\n", 0, cand.start) + 1
    before = list(re.finditer(r"[^\W\d_][\w’'-]*", text[line_start : cand.start]))[-6:]
    for k in range(len(before) - 1, -1, -1):
        start = line_start + before[k].start()
        first = before[k].group()
        name = text[start : cand.end]
        capital = first[:1].isupper() and first.lower() not in FUNCTION_WORDS
        if capital and _initials(name) == acronym:
            return replace(cand, start=start, text=name)
    return cand


def _joined_coordination(doc: Any, cands: Sequence[Candidate]) -> list[Candidate]:
    """ "the Maritime and Dock Workers' Union": a one-word name that modifies the head of
    the organisation named after "and" is the first conjunct of that organisation's name
    (in "Microsoft and Stanford University" the first name is a head of its own)."""
    cands = [c for c in cands if not any(_strictly_inside(c, o) for o in cands)]
    out: list[Candidate] = []
    k = 0
    while k < len(cands):
        cand = cands[k]
        after = cands[k + 1] if k + 1 < len(cands) else None
        if after is not None and _shares_head(doc, cand, after):
            text = doc_text(doc)[cand.start : after.end]
            out.append(replace(after, start=cand.start, text=text, type="ORG"))
            k += 2
            continue
        out.append(cand)
        k += 1
    return out


def _shares_head(doc: Any, first: Candidate, second: Candidate) -> bool:
    between = doc_text(doc)[first.end : second.start]
    if between.strip() not in ("and", "&") or " " in first.text or first.text.isupper():
        return False
    if first.type in ("PERSON", "GPE", "LOC") or second.type != "ORG":
        return False
    if second.text.split()[-1] not in ORG_HEADS:
        return False
    span, other = _tokens(doc, first), _tokens(doc, second)
    if span is None or other is None or len(span) != 1:
        return False
    return bool(other.start <= span[0].head.i < other.end)


def _person_after_title(cand: Candidate) -> Candidate:
    """ "Inspector General of Police Alphonse Akakpo" typed ORG: a person's title (from a
    title word to its last title, institution or function word) then a two- or three-word
    name is the person (the title is found by :mod:`titles`)."""
    words = cand.text.split()
    if cand.type == "PERSON" or len(words) < 3 or words[0].lower().rstrip(".") not in PERSON_TITLES:
        return cand
    title_like = PERSON_TITLES | FUNCTION_WORDS
    last = max(
        k for k, w in enumerate(words) if w.lower().rstrip(".") in title_like or w in ORG_HEADS
    )
    tail = words[last + 1 :]
    if not 2 <= len(tail) <= 3 or not all(_name_word(w) for w in tail):
        return cand
    start = cand.start + [m.start() for m in re.finditer(r"\S+", cand.text)][last + 1]
    name = cand.text[start - cand.start :]
    return replace(cand, start=start, text=name, type="PERSON", source="ner+context")


def _name_word(word: str) -> bool:
    return word[:1].isupper() and all(c.isalpha() or c in "-’'" for c in word)


# ---------------------------------------------------------------- extra candidates


def _acronyms(text: str, candidates: Sequence[Candidate]) -> Iterator[Candidate]:
    """ "Movement for Democratic Renewal (MDR)": the acronym as a mention of its own."""
    for cand in candidates:
        if cand.type in ("PERSON", "NORP"):
            continue
        match = _ACRONYM.match(text, cand.end)
        if match and match.group(1) != cand.text:
            s, e = match.span(1)
            yield Candidate(s, e, match.group(1), cand.type, "alias", cand.label)


def _demonym_candidates(ctx: Context, gazetteer: Gazetteer) -> Iterator[Candidate]:
    for token in ctx.doc:
        word = token.text
        if word[:1].isupper() and len(word) > 2:
            code = gazetteer.demonym(word)
            if code:
                s, e = token.idx, token.idx + len(word)
                yield Candidate(s, e, word, "NORP", "demonym", "NORP", country=code)


def _proper_runs(doc: Any) -> Iterator[tuple[int, int]]:
    """Token index ranges of consecutive capitalised proper nouns (at most four), joined by
    hyphens ("Koro-Maritime") and elided particles ("Côte d'Ivoire")."""
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 4 and _in_proper_run(doc, i, j):
            j += 1
        while j - 1 > i and doc[j - 1].text == "-":
            j -= 1
        if j > i:
            yield i, j
            i = j
        else:
            i += 1


def _in_proper_run(doc: Any, first: int, j: int) -> bool:
    token = doc[j]
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        return True
    if j == first or doc[j - 1].whitespace_:
        return bool(j > first and _ELIDED.match(token.text))
    return token.text == "-" and not token.whitespace_


def _place_candidates(ctx: Context, gazetteer: Gazetteer) -> Iterator[Candidate]:
    """Places spaCy missed: the user's places and countries anywhere, other places after a
    locative preposition ("in Tangbéri")."""
    doc = ctx.doc
    for i, j in _proper_runs(doc):
        s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        name = ctx.document.text[s:e]
        places = gazetteer.lookup(name)
        if not places:
            continue
        first = places[0]
        after_locative = i > 0 and doc[i - 1].lower_ in LOCATIVE
        if first.id.startswith("user:") or first.kind == "country" or after_locative:
            yield Candidate(
                s,
                e,
                name,
                place_type(first),
                "gazetteer",
                place_type(first),
                first.country,
                first.id,
            )


def _extended(doc: Any, cand: Candidate) -> Candidate:
    """A PERSON entity the model cut short ("Didier [Yamboré]"): take in the capitalised
    proper noun right before it."""
    if cand.type != "PERSON" or " " in cand.text.strip():
        return cand
    span = _tokens(doc, cand)
    if span is None or span.start == 0:
        return cand
    before = doc[span.start - 1]
    if (
        before.pos_ == "PROPN"
        and before.text[:1].isupper()
        and before.text.isalpha()
        and not before.ent_type_
        and before.lower_ not in PERSON_TITLES
        and before.idx + len(before.text) + 1 == cand.start
    ):
        text = doc_text(doc)[before.idx : cand.end]
        return replace(cand, start=before.idx, text=text)
    return cand


def _name_parts(ctx: Context, candidates: Sequence[Candidate]) -> Iterator[Candidate]:
    """First names and surnames of the document's people that the model missed when
    they stand alone ("Okafor wrote…", "his son, Didier")."""
    parts: set[str] = set()
    full: set[tuple[str, str]] = set()
    for cand in candidates:
        words = cand.text.split()
        if cand.type == "PERSON" and len(words) >= 2 and not _named_after(words):
            parts.update((words[0], words[-1]))
            full.add((words[0], words[-1]))
    doc = ctx.doc
    for token in doc:
        if token.text in parts and not token.ent_type_:
            s, e = token.idx, token.idx + len(token.text)
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if after is not None and not after.ent_type_ and (token.text, after.text) in full:
                e = after.idx + len(after.text)
            yield Candidate(s, e, doc_text(doc)[s:e], "PERSON", "alias", "PERSON")


def _without_overlaps(groups: Iterable[Iterable[Candidate]]) -> list[Candidate]:
    """Earlier groups win; within a group, earlier and longer spans win."""
    taken: list[tuple[int, int]] = []
    kept: list[Candidate] = []
    for group in groups:
        for cand in sorted(group, key=lambda c: (c.start, c.start - c.end)):
            if not any(cand.start < e and s < cand.end for s, e in taken):
                taken.append((cand.start, cand.end))
                kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


# ---------------------------------------------------------------- document evidence


def _tokens(doc: Any, cand: Candidate) -> Any:
    return doc.char_span(cand.start, cand.end, alignment_mode="expand")


def _has_person_context(doc: Any, cand: Candidate, *, speech: bool = True) -> bool:
    """A person's title before the name, a kin apposition ("Her ex-husband, X"), a speech
    verb it is subject of (when ``speech``), a kin word after its possessive, or a
    personal pronoun after it in its sentence."""
    span = _tokens(doc, cand)
    if span is None or len(span) == 0:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in PERSON_TITLES:
        return True
    if _KIN_APPOSITION.search(doc_text(doc)[max(0, cand.start - 40) : cand.start]):
        return True
    root = span.root
    if speech and root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in SPEECH_VERBS:
        return True
    if _role_apposition(root) or _credited(doc, span.start):
        return True
    after = doc[span.end : span.end + 3]
    if len(after) >= 2 and after[0].text in ("'s", "’s") and any(t.lower_ in KIN for t in after):
        return True
    if root.dep_ == "nsubj":
        rest = doc[span.end : span.sent.end]
        return any(t.lower_ in PRONOUNS for t in rest)
    return False


def _role_apposition(root: Any) -> bool:
    """ "X, spokesman of the MDR" / "the party's spokesman, X": the name in apposition
    with a person's title."""
    if root.dep_ == "appos" and root.head.lower_ in PERSON_TITLES:
        return True
    return any(c.dep_ == "appos" and c.lower_ in PERSON_TITLES for c in root.children)


def _credited(doc: Any, first: int) -> bool:
    """ "Additional reporting by X", "Writing by X": the author of a piece of writing."""
    return first >= 2 and doc[first - 1].lower_ == "by" and doc[first - 2].lower_ in CREDIT_WORDS


def _facts(ctx: Context, candidates: Sequence[Candidate]) -> _Facts:
    doc = ctx.doc
    surnames: set[str] = set()
    full_names: set[tuple[str, str]] = set()
    personal: set[str] = set()
    bare_people: set[str] = set()
    eponyms: set[str] = set()
    locative: set[str] = set()
    votes: dict[str, Counter[str]] = {}
    for cand in candidates:
        key = normalize(cand.text)
        words = cand.text.split()
        if cand.type == "PERSON" and len(words) >= 2 and not _named_after(words):
            surnames.add(normalize(words[-1]))
            full_names.add((normalize(words[0]), normalize(words[-1])))
        if _has_person_context(doc, cand, speech=cand.type == "PERSON"):
            personal.add(key)
        if cand.type == "PERSON" and len(words) == 1:
            bare_people.add(key)
        if len(words) >= 2 and _named_after(words):
            eponyms.add(normalize(" ".join(words[:-1] if words[0] != "University" else words[2:])))
        span = _tokens(doc, cand)
        if span is not None and span.start > 0 and doc[span.start - 1].lower_ in LOCATIVE:
            locative.add(key)
        votes.setdefault(key, Counter())[cand.type] += 1
    return _Facts(
        frozenset(surnames),
        frozenset(full_names),
        frozenset(personal),
        frozenset(bare_people),
        frozenset(eponyms),
        frozenset(locative),
        votes,
    )


def _named_after(words: Sequence[str]) -> bool:
    return words[-1] in PLACE_HEADS or words[-1] in ORG_HEADS or words[0] == "University"


# ---------------------------------------------------------------- typing


def retype(cand: Candidate, ctx: Context, gazetteer: Gazetteer, facts: _Facts) -> Candidate:
    """The candidate with its type corrected by name shape, demonyms, the gazetteer and the
    document's evidence."""
    if cand.source != "ner":
        return cand
    words = cand.text.split()
    context_type = _type_from_context(cand, ctx)
    if context_type is not None:
        return replace(cand, type=context_type, source=_source(cand, context_type, "context"))
    if words[-1] in PLACE_HEADS and cand.type != "GPE":
        return replace(cand, type="GPE", source="ner+context")
    if (words[-1] in ORG_HEADS or words[0] == "University") and cand.type in (
        "PERSON",
        "GPE",
        "LOC",
        "NORP",
        "PRODUCT",
        "WORK_OF_ART",
    ):
        return replace(cand, type="ORG", source="ner+context")
    code = gazetteer.demonym(cand.text) if len(words) <= 2 else None
    if code:
        return replace(cand, type="NORP", country=code, source=_source(cand, "NORP", "demonym"))
    if cand.type == "NORP" and not gazetteer.lookup(cand.text):
        return cand
    return _retype_name(cand, ctx, gazetteer, facts)


def _type_from_context(cand: Candidate, ctx: Context) -> str | None:
    """The type the words around a name give it: "her name only as X" (PERSON), "Route
    de X" (FAC), "the village of X" (GPE), "the X terminal" (FAC), "X said" for a name the
    model read as a work or product (ORG)."""
    words = cand.text.split()
    before = ctx.document.text[max(0, cand.start - 40) : cand.start]
    if _NAMING.search(before):
        return "PERSON"
    if words[0] in ROAD_WORDS or words[-1] in ROAD_WORDS:
        return "FAC"
    doc = ctx.doc
    span = _tokens(doc, cand)
    if span is None or len(span) == 0:
        return None
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and _settlement(doc[span.start - 2]):
        return "GPE"
    feature = _feature_noun(doc, span)
    if feature and cand.type in ("PERSON", "NORP", "PRODUCT", "WORK_OF_ART") and len(words) == 1:
        return feature
    if cand.type in ("WORK_OF_ART", "PRODUCT", "LAW") and _speaks(span):
        return "ORG"
    return None


def _settlement(token: Any) -> bool:
    return bool(token.lower_ in SETTLEMENT_WORDS)


def _feature_noun(doc: Any, span: Any) -> str | None:
    """The place type of the common noun a name modifies ("the Kessa terminal")."""
    if span.end >= len(doc):
        return None
    after = doc[span.end]
    if after.text[:1].islower() and span.root.head.i == after.i:
        return FEATURE_NOUNS.get(after.lower_)
    return None


def _speaks(span: Any) -> bool:
    root = span.root
    return bool(root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in SPEECH_VERBS)


def _source(cand: Candidate, new_type: str, how: str) -> str:
    return cand.source if new_type == cand.type else f"ner+{how}"


def _retype_name(cand: Candidate, ctx: Context, gazetteer: Gazetteer, facts: _Facts) -> Candidate:
    key = normalize(cand.text)
    single = len(cand.text.split()) == 1
    places = gazetteer.lookup(cand.text)
    locative = _after_locative(ctx.doc, cand)
    if single and key in facts.surnames and not (places and locative):
        return replace(cand, type="PERSON", source=_source(cand, "PERSON", "context"))
    if places:
        return _as_place(cand, places[0], ctx, facts, locative)
    if cand.type in ("ORG", "GPE", "LOC", "FAC") and _looks_personal(cand.text, facts):
        return replace(cand, type="PERSON", source="ner+context")
    return cand


def _looks_personal(name: str, facts: _Facts) -> bool:
    """A two- or three-word capitalised name used with a person's title or kin word, or
    whose last word is used alone as a person's name ("Félix Adomah" … "Adomah said")."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    if words[-1] in ORG_HEADS or words[-1] in PLACE_HEADS or any(w.isupper() for w in words):
        return False
    first, last = normalize(words[0]), normalize(words[-1])
    if normalize(name) in facts.personal or last in facts.bare_people or last in facts.surnames:
        return True
    return any(f == first for f, _ in facts.full_names)


def _as_place(
    cand: Candidate, place: Place, ctx: Context, facts: _Facts, locative: bool
) -> Candidate:
    key = normalize(cand.text)
    kind = place_type(place)
    located = replace(cand, country=place.country, place=place.id)
    if cand.type in ("GPE", "LOC", "FAC"):
        if _government(ctx.doc, cand):
            return replace(located, source="ner+government")
        return located
    if cand.type == "PERSON":
        if key in facts.personal or key in facts.eponyms or _known_first_name(cand.text, facts):
            return cand
        return replace(located, type=kind, source="ner+gazetteer")
    if place.kind == "country" or place.id.startswith("user:") or locative:
        return replace(located, type=kind, source="ner+gazetteer")
    if cand.type in ("PRODUCT", "WORK_OF_ART") and (kind != "GPE" or place.kind == "country"):
        return replace(located, type=kind, source="ner+gazetteer")
    if _in_known_place(ctx.doc, cand):
        return replace(located, type=kind, source="ner+gazetteer")
    return cand


def _in_known_place(doc: Any, cand: Candidate) -> bool:
    """ "Tema in Ghana": a known place name followed by "in" and a country."""
    span = _tokens(doc, cand)
    if span is None or span.end + 1 >= len(doc) or doc[span.end].lower_ != "in":
        return False
    return bool(doc[span.end + 1].ent_type_ == "GPE")


def _known_first_name(name: str, facts: _Facts) -> bool:
    """The name's first word is the first name of another person of the document."""
    words = name.split()
    if len(words) < 2:
        return False
    first, last = normalize(words[0]), normalize(words[-1])
    return any(f == first and s != last for f, s in facts.full_names)


def _after_locative(doc: Any, cand: Candidate) -> bool:
    span = _tokens(doc, cand)
    return span is not None and span.start > 0 and doc[span.start - 1].lower_ in LOCATIVE


def _government(doc: Any, cand: Candidate) -> bool:
    """ "London said…": a place standing for its government (subject of a speech verb)."""
    span = _tokens(doc, cand)
    if span is None or len(span) == 0:
        return False
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS


def _consistent(cands: Sequence[Candidate]) -> list[Candidate]:
    """A name spaCy typed differently across the document takes the type of its corrected
    or majority reading (plain ``ner`` candidates only)."""
    types: dict[str, Counter[str]] = {}
    for cand in cands:
        weight = 2 if cand.source != "ner" else 1
        types.setdefault(normalize(cand.text), Counter())[cand.type] += weight
    out: list[Candidate] = []
    for cand in cands:
        votes = types[normalize(cand.text)]
        best, count = votes.most_common(1)[0]
        if cand.source == "ner" and best != cand.type and count > votes[cand.type]:
            cand = replace(cand, type=best, source="ner+context")
        out.append(cand)
    return out


# ---------------------------------------------------------------- junk


def is_junk(cand: Candidate, ctx: Context) -> bool:
    """Page furniture, single letters, lower-case words, chanted slogans and capitalised
    common words at the start of a sentence are not names."""
    text = cand.text
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or not any(c.isupper() for c in letters) or not text[0].isalnum():
        return True
    if text in FURNITURE or text in GENERIC_HEADS or _mostly_lowercase(text):
        return True
    if _page_control(cand, ctx) or _portfolio(cand, ctx) or _credit_verb(cand, ctx):
        return True
    return _in_slogan(cand, ctx) or _common_word(cand, ctx)


def _page_control(cand: Candidate, ctx: Context) -> bool:
    """ "Gift Article", "Download PDF": a short line of page controls."""
    text = ctx.document.text
    line_start = text.rfind("\n", 0, cand.start) + 1
    line_end = text.find("\n", cand.end)
    line = text[line_start : len(text) if line_end < 0 else line_end].split()
    return len(line) <= 4 and any(w in UI_WORDS for w in line) and cand.text in " ".join(line)


def _portfolio(cand: Candidate, ctx: Context) -> bool:
    """ "Interior Minister X", "Ports and Maritime Affairs Minister X": a portfolio is
    part of a minister's title, not an organisation mentioned."""
    if cand.type not in ("ORG", "NORP", "PRODUCT") or cand.text.isupper() or cand.place:
        return False
    span = _tokens(ctx.doc, cand)
    if span is None:
        return False
    doc = ctx.doc
    i = span.end
    while i < len(doc) and i - span.end < 4 and (doc[i].lower_ in ("and", "&") or _capital(doc[i])):
        if doc[i].lower_ in PORTFOLIO_TITLES:
            return True
        i += 1
    return i < len(doc) and doc[i].lower_ in PORTFOLIO_TITLES


def _capital(token: Any) -> bool:
    return bool(token.text[:1].isupper() and token.is_alpha)


def _credit_verb(cand: Candidate, ctx: Context) -> bool:
    """ "Writing by X; Editing by Y": the activity of a credit line, not a name."""
    span = _tokens(ctx.doc, cand)
    if span is None or len(span) != 1 or span.end >= len(ctx.doc):
        return False
    word = span[0]
    return bool(word.text.endswith("ing") and ctx.doc[span.end].lower_ == "by")


FUNCTION_WORDS = words("of and for the de du des la le les on in at to & d' von van")


def _mostly_lowercase(text: str) -> bool:
    """ "Complaints & corrections": half the content words in lower case is no name."""
    content = [w for w in text.split() if w.lower() not in FUNCTION_WORDS]
    lower = [w for w in content if w[:1].islower() and not _ELIDED.match(w)]
    return bool(content) and 2 * len(lower) >= len(content)


COMMON_TAGS = frozenset({"VB", "VBP", "VBZ", "VBD", "VBG", "UH", "RB", "IN", "DT", "MD", "PRP"})
COMMON_NOUN_TAGS = frozenset({"NN", "NNS"})


def _common_word(cand: Candidate, ctx: Context) -> bool:
    """A capitalised word at the start of a sentence (or headline) is no evidence of a
    name: a verb, adverb…, a word the tagger calls a common noun ("Riots broke out",
    "Groups of young men"), or a word the document also writes in lower case ("Dockers
    gather…" … "the dockers"), unless it is capitalised inside a sentence elsewhere."""
    if " " in cand.text or cand.country or cand.source in ("demonym", "gazetteer"):
        return False
    span = _tokens(ctx.doc, cand)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    starts = token.is_sent_start or (token.i > 0 and ctx.doc[token.i - 1].is_space)
    if not starts or cand.text.isupper():
        return False
    if token.tag_ in COMMON_TAGS:
        return True
    noun, lower = token.tag_ in COMMON_NOUN_TAGS, _written_lowercase(ctx.doc, token.text)
    common = (noun and lower) if cand.type == "PERSON" else (noun or lower)
    return common and not _capitalised_inside(ctx.doc, token.text)


def _written_lowercase(doc: Any, word: str) -> bool:
    lowered = word.lower()
    return any(t.text == lowered for t in doc)


def _capitalised_inside(doc: Any, word: str) -> bool:
    """ "word" capitalised somewhere that is not the start of a sentence or line."""
    return any(
        t.text == word and not t.is_sent_start and t.i > 0 and not doc[t.i - 1].is_space
        for t in doc
    )


def _in_slogan(cand: Candidate, ctx: Context) -> bool:
    """Inside a quotation that is all capitals, starts with an imperative or repeats
    itself ("Dossavi must go, Dossavi must go")."""
    s, e = ctx.sentence_of(cand.start, cand.end)
    sentence = ctx.document.text[s:e]
    for match in _QUOTED.finditer(sentence):
        qs, qe = match.span(1)
        if s + qs <= cand.start and cand.end <= s + qe and _slogan(match.group(1), ctx, s + qs):
            return True
    return False


def _slogan(quoted: str, ctx: Context, start: int) -> bool:
    letters = [c for c in quoted if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return True
    parts = [normalize(p) for p in re.split(r"[,!;]", quoted) if p.strip()]
    if len(parts) >= 2 and len(set(parts)) < len(parts):
        return True
    span = ctx.doc.char_span(start, start + len(quoted), alignment_mode="expand")
    words = [t for t in span if not t.is_punct and not t.is_space] if span is not None else []
    return bool(words) and words[0].tag_ == "VB" and words[0].i > 0 and len(words) <= 6


# ---------------------------------------------------------------- entry points


def find_candidates(ctx: Context, gazetteer: Gazetteer) -> list[Candidate]:
    """Every name in the document with its corrected type, junk removed, in text order."""
    text = ctx.document.text
    raw = _repaired(ctx, list(_raw_candidates(ctx)), gazetteer)
    places = list(_place_candidates(ctx, gazetteer))
    longer = [p for p in places if any(_strictly_inside(r, p) for r in raw)]
    people = missed_people(ctx.doc, PERSON_TITLES, NOT_NAME_WORDS, gazetteer)
    extra = [*_demonym_candidates(ctx, gazetteer), *places, *people]
    merged = _without_overlaps([list(_author_candidates(ctx)), longer, raw, extra])
    merged = _without_overlaps([merged, _acronyms(text, merged), _name_parts(ctx, merged)])
    facts = _facts(ctx, merged)
    typed = retyped(ctx.doc, [retype(c, ctx, gazetteer, facts) for c in merged], gazetteer)
    typed = mistyped_people(text, typed, NOT_NAME_WORDS, gazetteer)
    typed = _joined_people([_without_title(c) for c in _consistent(typed)], text)
    typed = [as_event(without_describing_word(c, text)) for c in typed]
    return [c for c in typed if not is_junk(c, ctx)]


def _joined_people(cands: Sequence[Candidate], text: str) -> list[Candidate]:
    """ "Didier" + "Yamboré" typed apart (the model read the surname as a place): a one-word
    person name right before another person name is its first name; two names the model
    itself cut apart ("[Luisa Fernanda] [Ortega Prieto]") are one."""
    out: list[Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == cand.type == "PERSON"
            and (" " not in prev.text or (prev.source == cand.source == "ner"))
            and len((prev.text + " " + cand.text).split()) <= 5
            and text[prev.end : cand.start] == " "
        ):
            source = prev.source if prev.source == cand.source else "ner+context"
            out[-1] = replace(prev, end=cand.end, text=text[prev.start : cand.end], source=source)
            continue
        out.append(cand)
    return out


def _author_candidates(ctx: Context) -> Iterator[Candidate]:
    """The byline's authors wherever the analysed text names them ("Sika Amedzro is a
    writer and a former foreign editor with Radio Lagune"): people, whatever the model
    made of the name."""
    text = ctx.text
    for author in ctx.document.authors:
        name = " ".join(author.split())
        if len(name.split()) < 2 or is_desk(name):
            continue
        for found in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            yield Candidate(found.start(), found.end(), name, "PERSON", "author", "PERSON")


def _strictly_inside(inner: Candidate, outer: Candidate) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner.text != outer.text


def _without_title(cand: Candidate) -> Candidate:
    """ "President Étienne Dossavi" → "Étienne Dossavi" (the title is found by titles)."""
    if cand.type != "PERSON":
        return cand
    start, text = cand.start, cand.text
    while " " in text and text.split()[0].lower().rstrip(".") in PERSON_TITLES:
        head = text.split()[0]
        offset = text.index(head) + len(head)
        rest = text[offset:]
        start += offset + len(rest) - len(rest.lstrip())
        text = rest.strip()
    return replace(cand, start=start, text=text) if start != cand.start else cand


def extract_actors(
    ctx: Context, gazetteer: Gazetteer
) -> tuple[tuple[Mention, ...], tuple[Actor, ...]]:
    """The document's mentions and actors (chained, with titles). Pure."""
    from newsweave.analyze.chains import build_actors

    return build_actors(ctx, find_candidates(ctx, gazetteer))
