"""Name candidates: the model's spans cleaned, repaired, split and extended.

Plus acronyms, demonyms and gazetteer places the model missed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from newsweave.analyze import name_spans, name_trim
from newsweave.analyze.candidates import Candidate as Candidate
from newsweave.analyze.context import Context, doc_text
from newsweave.analyze.gazetteer import Gazetteer, Place
from newsweave.analyze.name_lexicon import (
    _ACRONYM,
    _ELIDED,
    _KIN_APPOSITION,
    _LEGAL_TAIL,
    _STRIP,
    CREDIT_WORDS,
    FAC_KINDS,
    FUNCTION_WORDS,
    KIN,
    LOC_KINDS,
    LOCATIVE,
    NAME_LABELS,
    NOT_NAME_WORDS,
    ORG_HEADS,
    PERSON_TITLES,
    PLACE_HEADS,
    PRONOUNS,
    SPEECH_VERBS,
)
from newsweave.analyze.name_people import (
    split_possessive,
    with_second_surname,
)


def place_type(place: Place) -> str:
    """GPE, LOC or FAC for a gazetteer reading."""
    if place.kind in LOC_KINDS or place.id.startswith("region:"):
        return "LOC"
    if place.kind in FAC_KINDS:
        return "FAC"
    return "GPE"


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
    article = re.match(r"(?:A|An)[ \t]+(?=\S+[ \t]+\S)", text[start:end])
    if article:  # "[A Finance Ministry] spokesperson"; "A Coruña" (one word after) stays
        start, end = _trim(text, start + article.end(), end)
    if text[start:end].endswith(("'s", "’s", "‘s")):  # "‘s": a left mark typed for the apostrophe
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
        end = name_trim.trimmed(text, start, end)
        if end - start < 2:
            continue
        if ent.label_ in NUMBERLESS:
            end = start + len(_TRAILING_NUMBERS.sub("", text[start:end]))
            if end - start < 2:
                continue
        yield Candidate(start, end, text[start:end], ent.label_, "ner", ent.label_)


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
    placed = [part for c in repaired for part in _place_first(text, c, gazetteer)]
    return [part for c in placed for part in split_possessive(c, NOT_NAME_WORDS)]


def _place_first(text: str, cand: Candidate, gazetteer: Gazetteer) -> Iterator[Candidate]:
    """ "President of Moldova Ilie Rusu": after a title's "of", a known country glued
    before a two- or three-word person name is the title's country, then the person."""
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", cand.text)]
    before = text[max(0, cand.start - 4) : cand.start]
    if cand.type not in ("PERSON", "ORG") or len(words) < 3 or before != " of ":
        yield cand
        return
    for k in (1, 2):
        place_words, rest = words[:k], words[k:]
        name = cand.text[: place_words[-1][2]]
        places = [p for p in gazetteer.lookup(name) if p.kind == "country"]
        if places and 2 <= len(rest) <= 3 and all(_name_word(w) for w, _, _ in rest):
            kind = place_type(places[0])
            end = cand.start + place_words[-1][2]
            yield Candidate(
                cand.start, end, name, kind, "gazetteer", kind, places[0].country, places[0].id
            )
            start = cand.start + rest[0][1]
            yield Candidate(
                start, cand.end, text[start : cand.end], "PERSON", "ner+context", "PERSON"
            )
            return
    yield cand


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


def _named_after(words: Sequence[str]) -> bool:
    return words[-1] in PLACE_HEADS or words[-1] in ORG_HEADS or words[0] == "University"


def _strictly_inside(inner: Candidate, outer: Candidate) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner.text != outer.text
