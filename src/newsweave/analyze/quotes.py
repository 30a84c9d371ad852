"""Quotes: who said what, direct ("…", said X) and indirect (X said that …).

The stage works in three passes over one parsed document, all pure:

1. :func:`quote_marks` pairs quotation marks paragraph by paragraph: curly “…” and straight
   "..." double quotes (single ‘…’ / '...' marks inside them are nested quotes and stay in
   the outer one), top-level single quotes ('historic') when they pair cleanly, and quotes
   that run over several paragraphs (news style: an unclosed quote continues into the next
   paragraph when that one opens with a quote mark).
2. :func:`attributions` finds the speaker of each quoted stretch from the parse and cue
   verbs (the quote hangs under "said"/"told"/"wrote"/…, a cue verb right after or before
   the quote, "according to X", a colon-introduced quote), drops scare quotes and titles
   (short phrases with no cue, "so-called", "what he called"), lets an unattributed quote
   inherit the speaker of its neighbour in the paragraph, resolves "he"/"she"/"it" to an
   unambiguous antecedent, and adds indirect speech (a cue verb's reported clause).
3. :func:`extract_quotes` turns attributions into :class:`Quote` records, resolving the
   speaker span to an in-document actor with the names stage's lookup.

Offsets are clean-text offsets (the parse is of the masked text, same length).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

import yaml

from newsweave.analyze.context import ActorLookup, Context, StageInfo, doc_text
from newsweave.analyze.quote_turns import headline_label, turns
from newsweave.model import Role
from newsweave.model.facts import Quote

STAGE = StageInfo("quotes", "3", needs=("sentences", "actors"), provides=("quotes",))

CUE_LEMMAS = frozenset(
    {
        "say", "tell", "add", "write", "note", "warn", "state", "claim", "insist", "argue",
        "explain", "announce", "deny", "admit", "acknowledge", "report", "post", "tweet",
        "declare", "predict", "suggest", "contend", "assert", "maintain", "reply", "respond",
        "recall", "ask", "urge", "praise", "criticise", "criticize", "describe", "accuse",
        "complain", "promise", "vow", "pledge", "confirm", "stress", "emphasise", "emphasize",
        "observe", "remark", "testify", "shout", "chant", "comment", "concede", "conclude",
        "allege", "caution", "estimate", "reveal", "disclose", "scream", "cry", "yell",
        "whisper", "quip", "joke", "boast", "lament",
        "demand", "charge", "counter", "retort", "recount", "mention", "indicate", "signal",
        "brag", "proclaim", "repeat", "reiterate", "condemn",
        "question", "dismiss", "hail", "welcome", "thank", "forecast", "attribute",
        "implore", "plead", "beg", "fume", "sigh", "advise", "email", "text", "exclaim",
        "muse", "scoff", "gush", "assure", "wonder", "compare", "talk", "call", "snap",
        "vent", "marvel", "speak", "interject", "mock", "tout",
    }
)  # fmt: skip
"""Lemmas of verbs that introduce a direct quote."""

INDIRECT_LEMMAS = frozenset(
    {
        "say", "tell", "add", "write", "note", "warn", "state", "claim", "insist", "argue",
        "explain", "announce", "deny", "admit", "acknowledge", "report", "post", "tweet",
        "declare", "predict", "suggest", "contend", "assert", "maintain", "reply", "respond",
        "recall", "confirm", "stress", "emphasise", "emphasize", "observe", "remark",
        "testify", "concede", "conclude", "allege", "caution", "estimate", "reveal",
        "disclose", "promise", "vow", "pledge", "complain", "indicate", "signal", "mention",
        "repeat", "reiterate", "proclaim", "charge", "counter", "forecast", "boast", "ask",
        "assure", "wonder", "show", "find", "imply", "hint", "concur", "email",
    }
)  # fmt: skip
"""Lemmas of verbs whose clausal complement is reported speech (X said that …)."""

THAT_ONLY = frozenset({"show", "find"})
"""Indirect cues whose reported clause must open with "that" (a poll found that …)."""

GERUND_LEMMAS = frozenset({"deny", "admit", "promise", "vow", "pledge"})
"""Cue verbs whose reported content may be a gerund or infinitive ("denied firing")."""

SCARE_MARKERS = frozenset(
    {
        "so-called", "called", "dubbed", "named", "titled", "entitled", "termed", "nicknamed",
        "branded", "labelled", "labeled", "codenamed", "code-named", "known", "word", "term",
        "phrase", "slogan", "hashtag", "operation", "motto", "banner", "headline", "sign",
        "signs", "read", "reading", "reads", "nickname", "nicknames", "moniker", "alias",
        "name",
    }
)  # fmt: skip
"""Words just before a short quoted phrase that mark it as a name or scare quote."""

SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "or"})
PERSONAL = frozenset({"he", "she"})
NONPERSONAL = frozenset({"it", "they"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "relcl"})
DROPPED = frozenset({"appos", "relcl", "parataxis", "advcl"})
"""Dependents left out of a speaker phrase (with ``acl`` and punctuation after a comma)."""
BREAKING = frozenset({",", ";", ":", "(", ")", "[", "]", "—", "–", '"', "“", "”"})
ORG_NOUNS = frozenset(
    {
        "ministry", "government", "company", "party", "union", "group", "police", "army",
        "office", "agency", "court", "commission", "council", "federation", "league",
        "fund", "bank", "department", "embassy", "presidency", "authority", "organisation",
        "organization", "statement", "newspaper", "daily", "paper", "post", "board",
        "committee", "firm", "consortium", "movement", "opposition", "campaign", "team",
        "administration", "cabinet", "military", "service", "coalition", "network",
    }
)  # fmt: skip
"""Head nouns of speakers that "it"/"they" may stand for."""
SLOGAN_WORDS = frozenset(
    {
        "placard", "placards", "banner", "banners", "slogan", "slogans", "sign", "signs",
        "graffiti", "poster", "posters", "t-shirt", "t-shirts", "hashtag", "chant", "chants",
        "chanting", "chanted", "headline", "caption", "reads", "read", "reading", "motto",
    }
)  # fmt: skip
"""Words before an unattributed quote that mark it as a slogan or written text."""
NOT_SPEAKER_POS = frozenset({"VERB", "AUX", "SCONJ", "CCONJ", "PUNCT", "ADP", "PART"})
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
NO_DOBJ_SPEAKER = frozenset({"tell", "ask", "urge", "praise", "thank", "accuse", "blame"})

DOUBLE_OPEN = "“„"
DOUBLE_CLOSE = "”"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
OPENERS = "“„‘\"'"
SHORT = 4
"""Quoted stretches of at most this many words need a cue verb to count as quotes."""
NEAR = 12
"""How many tokens after/before a quote a cue verb may be."""

_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class Marked:
    """A stretch of text between quotation marks: marks at ``start`` and ``end - 1``."""

    start: int
    end: int
    closed: bool
    """False when the closing mark is missing (the quote runs to its paragraph's end)."""


@dataclass(frozen=True)
class Attribution:
    """A quote with where its speaker and cue are written (what the evaluation scores)."""

    content: tuple[int, int]
    source: tuple[int, int] | None
    """The speaker as written next to the cue ("he", "a shopkeeper at …")."""
    speaker: tuple[int, int] | None
    """The span naming the speaker: ``source``, or a pronoun's antecedent."""
    speaker_text: str | None
    cue: str | None
    direct: bool


@dataclass(frozen=True)
class _Cue:
    """A cue found for a quote: the speaker phrase and the cue lemma (None for a label
    such as "Jane Roe, The Post: “…”")."""

    speaker: tuple[int, int] | None
    lemma: str | None
    written: tuple[int, int] | None = None
    """The speaker as written when it is not the phrase itself: a relative pronoun ("an
    economist who argued that…": "who" written, "an economist" the speaker)."""


# ---------------------------------------------------------------- quotation marks


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Character ranges of the non-blank paragraphs of ``text`` (blank-line separated)."""
    start = 0
    for match in _PARAGRAPH.finditer(text):
        yield from _trimmed(text, start, match.start())
        start = match.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``[start, end)`` without surrounding whitespace, if anything is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = start + len(piece) - len(piece.lstrip())
        yield (lead, lead + len(stripped))


def _can_open(text: str, i: int) -> bool:
    """A straight or single mark at ``i`` may open a quote (no word character before it,
    a non-space after it)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isalnum() and not after.isspace() and after not in ",.;:!?"


def _can_close(text: str, i: int) -> bool:
    """A single mark at ``i`` may close a quote (not inside a word)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _scan(text: str, start: int, end: int, carry: int | None) -> tuple[list[Marked], int | None]:
    """Pair the quotation marks of one paragraph. ``carry`` is the opening mark of a quote
    continued from the paragraph before (already checked to reopen here). Returns the
    closed quotes and the opening of one left open at the paragraph's end."""
    found: list[Marked] = []
    double = carry
    single: int | None = None
    i = start + 1 if carry is not None else start
    while i < end:
        c = text[i]
        if c in DOUBLE_OPEN or (c == '"' and double is None):
            if double is None and (c != '"' or _can_open(text, i)):
                double, single = i, None
        elif c in DOUBLE_CLOSE or c == '"':
            if double is not None:
                found.append(Marked(double, i + 1, True))
                double = None
        elif double is None and single is None and c in SINGLE_OPEN + "'":
            if _can_open(text, i):
                single = i
        elif (
            double is None
            and single is not None
            and c in SINGLE_CLOSE + "'"
            and _can_close(text, i)
            and i > single + 1
        ):
            found.append(Marked(single, i + 1, True))
            single = None
        i += 1
    return found, double


def quote_marks(text: str) -> tuple[Marked, ...]:
    """Every top-level quoted stretch of ``text`` in order (see the module docstring)."""
    found: list[Marked] = []
    carry: int | None = None
    previous_end = 0
    for start, end in paragraphs(text):
        if carry is not None and text[start] not in OPENERS:
            found.append(Marked(carry, previous_end, False))
            carry = None
        pieces, carry = _scan(text, start, end, carry)
        found.extend(pieces)
        previous_end = end
    if carry is not None:
        found.append(Marked(carry, previous_end, False))
    return tuple(found)


def content_of(text: str, mark: Marked) -> tuple[int, int]:
    """The quoted words of ``mark`` without the marks, surrounding spaces and a trailing
    comma, colon or semicolon."""
    start = mark.start + 1
    end = mark.end - 1 if mark.closed else mark.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def word_count(text: str) -> int:
    """Words in ``text`` (hyphenated words and contractions count once)."""
    return len(_WORD.findall(text))


# ---------------------------------------------------------------- tokens and phrases


def _tokens(doc: Any, start: int, end: int) -> list[Any]:
    """Tokens of ``doc`` overlapping ``[start, end)``, whitespace tokens left out."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if not t.is_space]


def _inside(token: Any, ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether the token lies within one of ``ranges`` (character offsets)."""
    return any(s <= token.idx < e for s, e in ranges)


def _phrase(head: Any) -> tuple[int, int]:
    """The noun phrase headed by ``head`` without appositions, relative clauses and
    punctuation: "Justine Ahlonko, leader of the MDR," → "Justine Ahlonko"."""
    dropped: set[int] = set()
    for token in head.subtree:
        if token is head or token.i in dropped:
            continue
        after_comma = token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == ","
        if token.dep_ in DROPPED or (token.dep_ == "acl" and after_comma):
            dropped.update(t.i for t in token.subtree)
        elif token.dep_ == "punct" and token.text in BREAKING:
            dropped.add(token.i)
    kept = sorted(t.i for t in head.subtree if t.i not in dropped)
    lo = hi = head.i
    index = kept.index(head.i)
    for j in range(index - 1, -1, -1):
        if kept[j] != lo - 1:
            break
        lo = kept[j]
    for j in range(index + 1, len(kept)):
        if kept[j] != hi + 1:
            break
        hi = kept[j]
    doc = head.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _is_cue(token: Any) -> bool:
    """A verb whose lemma introduces quotes ("put it" too: "as a docker put it")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma == "put":
        return any(c.lower_ == "it" and c.dep_ == "dobj" for c in token.children)
    return lemma in CUE_LEMMAS


def _according(token: Any) -> Any | None:
    """The "according" child of ``token`` in "according to X", if any."""
    for child in token.children:
        if child.lower_ == "according" and _according_object(child) is not None:
            return child
    return None


def _according_object(token: Any) -> Any | None:
    """X in "according to X" (``token`` is "according")."""
    for child in token.children:
        if child.lower_ == "to":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for grand in nxt.children:
            if grand.dep_ == "pobj":
                return grand
    return None


def subject_of(cue: Any) -> tuple[int, int] | None:
    """The speaker phrase of a cue verb: its subject; for a participle or conjoined verb
    ("…, saying", "and said") the subject of the verb it hangs from; a relative pronoun
    stands for the noun it modifies; "said X" after a quote takes X."""
    if cue.lemma_.lower() == "attribute":
        return _to_object(cue)
    for child in cue.children:  # "as a docker put it"
        if child.lower_ == "as" and child.dep_ in ("prep", "mark"):
            for grand in child.children:
                if grand.dep_ in ("pobj", "nsubj"):
                    return _phrase(grand)
    verb = cue
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                    return _phrase(verb.head)
                if _dateline(child):
                    return _after_dateline(child, verb)
                return None if child.pos_ in NOT_SPEAKER_POS else _phrase(child)
        if verb.dep_ not in CLIMB or verb.head.i == verb.i:
            break
        verb = _governing_verb(verb.head)
    if cue.lemma_.lower() in NO_DOBJ_SPEAKER:
        return None
    for child in cue.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod", "oprd") and child.pos_ in ("PROPN", "NOUN"):
            return _phrase(child)
    return None


def _dateline(token: Any) -> bool:
    """ "RIGA, March 4 –" / "LONDON (Reuters) -": a capitalised place opening the line,
    which the parser may take for the subject of the first verb."""
    subtree = list(token.subtree)
    first = subtree[0]
    at_start = first.i == 0 or first.nbor(-1).is_space or "\n" in first.nbor(-1).text
    return bool(at_start and token.text.isupper() and len(token.text) > 1 and token.is_alpha)


def _after_dateline(token: Any, verb: Any) -> tuple[int, int] | None:
    """The subject written after the dateline's dash ("– Correspondents for RFE/RL"): a
    second subject of the verb if the parser found one, else the first noun after the dash
    taken up to the head of its compound ("- Mayor Ilse Varga" → "Mayor Ilse Varga"),
    never reaching back over the dash ("18 - Mayor")."""
    sent = token.sent
    dash = next((t for t in sent if t.i > token.i and t.text in ("–", "—", "-")), None)
    if dash is None:
        return None
    noun = next(
        (c for c in verb.children if c.dep_ in SUBJECTS and c.i > dash.i),
        next((t for t in sent if t.i > dash.i and t.pos_ in ("NOUN", "PROPN")), None),
    )
    if noun is None:
        return None
    while noun.dep_ in ("compound", "flat") and noun.head.i > noun.i:
        noun = noun.head
    lo, hi = _phrase(noun)
    after = next((t for t in sent if t.i > dash.i and not t.is_space), None)
    if after is not None and lo < after.idx:
        lo = after.idx
    return (lo, hi) if lo < hi else None


def _governing_verb(node: Any) -> Any:
    """``node``, or for a noun that a participle hangs from ("released a statement
    saying") the verb that governs the noun."""
    for _ in range(2):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        if node.dep_ not in ("dobj", "pobj", "prep", "attr"):
            break
        node = node.head
    return node


def _to_object(verb: Any) -> tuple[int, int] | None:
    """X in "attributed to X"."""
    for child in verb.children:
        if child.lower_ == "to":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return _phrase(grand)
    return None


def _cue(token: Any) -> _Cue:
    """A cue record for a cue verb or an "according" token."""
    if token.lower_ == "according":
        obj = _according_object(token)
        return _Cue(_phrase(obj) if obj is not None else None, "according to")
    return _Cue(subject_of(token), token.lemma_.lower(), _relative_subject(token))


def _relative_subject(cue: Any) -> tuple[int, int] | None:
    """The relative pronoun written as the subject of a cue verb in a relative clause
    ("…, who said that…"), found by the climb ``subject_of`` makes."""
    verb = cue
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                    return child.idx, child.idx + len(child.text)
                return None
        if verb.dep_ not in CLIMB or verb.head.i == verb.i:
            break
        verb = _governing_verb(verb.head)
    return None


# ---------------------------------------------------------------- finding cues


def _ancestor_cue(
    tokens: list[Any], quoted: Sequence[tuple[int, int]], bounds: tuple[int, int]
) -> _Cue | None:
    """The cue verb (or "according to") the quote hangs under, outside every quote: the
    outermost one with a speaker (a partial quote inside reported speech is the reporting
    speaker's), else the nearest."""
    inside = {t.i for t in tokens}
    found: list[_Cue] = []
    for token in tokens:
        if token.head.i in inside:
            continue
        node = token
        for _ in range(8):
            if node.head.i == node.i:
                break
            node = node.head
            if node.i in inside or _inside(node, quoted) or not _inside(node, [bounds]):
                break
            if _is_cue(node):
                found.append(_cue(node))
            according = _according(node)
            if according is not None:
                found.append(_cue(according))
        if found:
            break
    spoken = [c for c in found if c.speaker is not None]
    if spoken:
        return spoken[-1]
    return found[0] if found else None


def _after_cue(doc: Any, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> _Cue | None:
    """A cue verb within a few tokens after the quote, in the same sentence, before any
    other quote: "…," Kara said / "…," said Kara / "…," a teacher told The Post."""
    for n, token in enumerate(_tokens(doc, start, end)):
        if n > NEAR or _inside(token, quoted) or token.text in (".", ";", "!", "?"):
            return None
        if _is_cue(token):
            return _cue(token)
        if token.lower_ == "according":
            return _cue(token)
    return None


def _before_cue(doc: Any, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> _Cue | None:
    """The nearest cue verb before the quote in its sentence: X said: "…" / X told
    reporters, "…" / according to X, "…"."""
    tokens = _tokens(doc, start, end)
    for n, token in enumerate(reversed(tokens)):
        if n > NEAR or _inside(token, quoted):
            return None
        if _is_cue(token):
            return _cue(token)
        if token.lower_ == "according":
            return _cue(token)
    return None


def _colon_cue(doc: Any, ctx: Context, start: int) -> _Cue | None:
    """A quote after a sentence that ends with a colon and holds a cue ("She wrote:")."""
    index = _sentence_index(ctx, start)
    if index is None or index == 0:
        return None
    s, e = ctx.sentences[index - 1]
    if not doc_text(doc)[s:e].rstrip().endswith(":"):
        return None
    for token in reversed(_tokens(doc, s, e)):
        if _is_cue(token):
            return _cue(token)
    return None


def _label_cue(ctx: Context, start: int) -> _Cue | None:
    """A speaker label before a colon that opens the quote's paragraph ("Jane Roe, The
    Daily Post: “…”"): at most twelve words, no verb, a capitalised first word."""
    text = ctx.text
    head = text[:start].rstrip()
    if not head.endswith(":"):
        return None
    begin = max(head.rfind("\n") + 1, 0)
    label = head[begin:-1]
    stripped = label.strip()
    if not stripped or not stripped[0].isupper() or word_count(stripped) > 12:
        return None
    if {w.lower() for w in _WORD.findall(stripped)} & SLOGAN_WORDS:
        return None  # "A placard read: “…”" is written text, not a speaker
    lead = begin + len(label) - len(label.lstrip())
    if any(t.pos_ in ("VERB", "AUX") for t in _tokens(ctx.doc, lead, lead + len(stripped))):
        return None
    name = stripped.split(",")[0].rstrip()
    return _Cue((lead, lead + len(name)), None)


_SIGNATURE = re.compile(
    r"[ \t]*(?:―|—|–|--|-)[ \t]*"
    r"((?:[A-Z][\w.'’-]*)(?:[ \t]+(?:[A-Z][\w.'’-]*|de|da|del|van|von|la|le|bin|al)){0,5})"
    r"[ \t]*(?:,[^\n]{0,80})?[.]?[ \t]*(?:\n|$)"
)
"""A signature after a quote: a dash, then a name to the end of the line, perhaps with
a description after a comma ("…” ― Dana Ortiz, Tucson")."""


def _signature_cue(ctx: Context, end: int) -> _Cue | None:
    """The signed name after a quote that ends its line: “…” ― Dana Ortiz."""
    found = _SIGNATURE.match(ctx.text, end)
    if found is None:
        return None
    lo, hi = found.span(1)
    if ctx.text[lo:hi].endswith(".") and len(ctx.text[lo:hi].split()[-1]) > 2:
        hi -= 1  # the sentence's full stop, not an initial
    return _Cue((lo, hi), None)


def _sentence_index(ctx: Context, offset: int) -> int | None:
    """Index of the sentence holding ``offset`` (or the last one starting before it)."""
    index = bisect_right([s for s, _ in ctx.sentences], offset) - 1
    return index if index >= 0 else None


# ---------------------------------------------------------------- direct quotes


def _scare(doc: Any, text: str, mark: Marked, content: tuple[int, int]) -> bool:
    """A short quoted phrase that names or distances rather than quotes: after "so-called",
    "what he called", "dubbed", "the word"…, or written like a title."""
    before = _tokens(doc, max(0, mark.start - 40), mark.start)
    words = [t.lower_ for t in before if not t.is_punct and not t.is_space]
    if words and (words[-1] in SCARE_MARKERS or words[-2:-1] == ["so"]):
        return True
    if len(words) >= 2 and words[-2] in SCARE_MARKERS and words[-1] in SMALL_WORDS | {"as"}:
        return True  # "what he called a “…”", "known as “…”"
    found = _WORD.findall(text[content[0] : content[1]])
    big = [w for w in found if w.lower() not in SMALL_WORDS]
    ends_sentence = text[content[0] : mark.end].rstrip("”\"’' ").endswith((",", ".", "!", "?"))
    return bool(big) and all(w[0].isupper() for w in big) and not ends_sentence and len(big) > 1


def _scare_phrases(doc: Any, text: str, marks: Sequence[Marked]) -> frozenset[str]:
    """Short quoted phrases the document puts in scare quotes somewhere (so the same
    phrase is no quote elsewhere either), lower-cased."""
    found: set[str] = set()
    for mark in marks:
        content = content_of(text, mark)
        words = text[content[0] : content[1]]
        if 0 < word_count(words) <= SHORT and _scare(doc, text, mark, content):
            found.add(words.lower())
    return frozenset(found)


def _short_cue(
    doc: Any, ctx: Context, mark: Marked, quoted: Sequence[tuple[int, int]]
) -> _Cue | None:
    """The cue of a short quoted phrase: it must hang under a cue verb, or a cue verb must
    follow it directly ("Never," he said)."""
    tokens = _tokens(doc, mark.start, mark.end)
    s, e = ctx.sentence_of(mark.start, mark.end)
    cue = _ancestor_cue(tokens, quoted, (s, e))
    if cue is not None:
        return cue
    after = _tokens(doc, mark.end, e)[:4]
    for token in after:
        if _is_cue(token):
            return _cue(token)
    return None


def _region(
    ctx: Context, mark: Marked, marks: Sequence[Marked], index: int
) -> tuple[int, int, int, int]:
    """The text around a quote where its cue may be: (before start, quote start, quote end,
    after end), bounded by the sentence(s) and the neighbouring quotes."""
    s, e = ctx.sentence_of(mark.start, mark.end)
    if e <= mark.end:  # "…?" he asked: the splitter ended the sentence at the mark
        following = ctx.sentence_of(mark.end, mark.end + 1)
        if "\n" not in ctx.text[mark.end : following[0]]:
            e = max(e, following[1])
    if index > 0:
        s = max(s, marks[index - 1].end)
    if index + 1 < len(marks):
        e = min(e, marks[index + 1].start)
    return s, mark.start, mark.end, max(e, mark.end)


def _direct(ctx: Context, marks: Sequence[Marked]) -> list[Attribution | None]:
    """One attribution (or None for scare quotes and titles) per quoted stretch; the
    speaker may still be missing."""
    doc, text = ctx.doc, ctx.text
    quoted = [(m.start, m.end) for m in marks]
    scare = _scare_phrases(doc, text, marks)
    out: list[Attribution | None] = []
    for index, mark in enumerate(marks):
        content = content_of(text, mark)
        if content[1] <= content[0]:
            out.append(None)
            continue
        words = text[content[0] : content[1]]
        if word_count(words) <= SHORT:
            cue = None if words.lower() in scare else _short_cue(doc, ctx, mark, quoted)
            if cue is None or cue.speaker is None:
                out.append(None)
                continue
        else:
            cue = _long_cue(ctx, mark, marks, index, quoted)
        out.append(_attribution(ctx, content, cue, True))
    return out


def _long_cue(
    ctx: Context,
    mark: Marked,
    marks: Sequence[Marked],
    index: int,
    quoted: Sequence[tuple[int, int]],
) -> _Cue | None:
    """The cue of a full quote: after it, hanging above it, before it, or a colon."""
    doc = ctx.doc
    s, qs, qe, e = _region(ctx, mark, marks, index)
    tokens = _tokens(doc, mark.start, mark.end)
    after = _after_cue(doc, qe, e, quoted)
    above = _ancestor_cue(tokens, quoted, ctx.sentence_of(mark.start, mark.end))
    opens_sentence = not doc_text(doc)[s:qs].strip(" \n\t,;:—–-")
    first = (after, above) if opens_sentence else (above, after)
    rest = (
        _before_cue(doc, s, qs, quoted),
        _colon_cue(doc, ctx, qs),
        _label_cue(ctx, qs),
        _signature_cue(ctx, mark.end),
    )
    for cue in (*first, *rest):
        if cue is not None and cue.speaker is not None and not _quoted_speaker(cue, quoted):
            return cue
    return None


def _quoted_speaker(cue: _Cue, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether a cue's speaker lies inside a quote (then it is not the quote's speaker)."""
    return cue.speaker is not None and any(s <= cue.speaker[0] < e for s, e in quoted)


def _attribution(
    ctx: Context, content: tuple[int, int], cue: _Cue | None, direct: bool
) -> Attribution:
    """An attribution from a content span and its cue (speaker not yet resolved)."""
    text = ctx.text
    if cue is None:
        return Attribution(content, None, None, None, None, direct)
    speaker = cue.speaker
    speaker_text = text[speaker[0] : speaker[1]] if speaker else None
    source = cue.written if cue.written is not None and speaker is not None else speaker
    return Attribution(content, source, speaker, speaker_text, cue.lemma, direct)


def _standalone(text: str, quote: Attribution) -> bool:
    """Whether an unattributed direct quote still counts: a sentence-like quote (final
    punctuation or at least eight words) not introduced as a placard, sign or slogan."""
    if quote.source is not None or not quote.direct:
        return True
    start, end = quote.content
    words = text[start:end]
    if not (words.rstrip("”\"’' ").endswith((".", "!", "?")) or word_count(words) >= 8):
        return False
    before = {w.lower() for w in _WORD.findall(text[max(0, start - 80) : start])}
    return not before & SLOGAN_WORDS


def _paragraph_of(spans: Sequence[tuple[int, int]], offset: int) -> int:
    """Index of the paragraph holding ``offset``."""
    for i, (_, e) in enumerate(spans):
        if offset < e:
            return i
    return len(spans) - 1


def _inherit(text: str, found: list[Attribution]) -> list[Attribution]:
    """Unattributed direct quotes take the speaker of an attributed quote next to them in
    the same paragraph (before, else after), or of the last attribution in the previous
    paragraph when they open their paragraph (news style)."""
    paras = list(paragraphs(text))
    where = [_paragraph_of(paras, a.content[0]) for a in found]
    out = list(found)
    for i, quote in enumerate(found):
        if quote.source is not None or not quote.direct:
            continue
        donor = _donor(found, where, i, paras, text)
        if donor is not None:
            out[i] = replace(
                quote,
                source=donor.source,
                speaker=donor.speaker,
                speaker_text=donor.speaker_text,
                cue=donor.cue,
            )
    return out


def _donor(
    found: Sequence[Attribution],
    where: Sequence[int],
    i: int,
    paras: Sequence[tuple[int, int]],
    text: str,
) -> Attribution | None:
    """The attribution an unattributed quote inherits its speaker from, if any."""
    same = [j for j in range(len(found)) if where[j] == where[i] and found[j].source]
    before = [j for j in same if j < i]
    if before:
        return found[before[-1]]
    after = [j for j in same if j > i and found[j].direct]
    if after:
        return found[after[0]]
    para_start = paras[where[i]][0] if paras else 0
    opens_paragraph = text[para_start : found[i].content[0]].strip() in ("", *OPENERS)
    if opens_paragraph:
        earlier = [j for j in range(i) if where[j] == where[i] - 1 and found[j].source]
        if earlier:
            return found[earlier[-1]]
    return None


# ---------------------------------------------------------------- indirect speech


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two ranges."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _clause(tokens: Iterable[Any]) -> tuple[int, int] | None:
    """The character range of a reported clause: its tokens without a leading "that" and
    surrounding punctuation."""
    items = [t for t in tokens if not t.is_space]
    while items and (items[0].is_punct or (items[0].lower_ == "that" and items[0].dep_ == "mark")):
        items = items[1:]
    while items and items[-1].is_punct and items[-1].text not in ('"', "”", "’", "'"):
        items = items[:-1]
    if not items:
        return None
    return items[0].idx, items[-1].idx + len(items[-1].text)


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
            and token.lemma_.lower() in INDIRECT_LEMMAS
            and not any(c.dep_ == "neg" for c in token.children)
        ):
            content, cue = _reported(token), _cue(token)
            if content is None and token.lemma_.lower() in object_cues().lemmas:
                content = _object_content(token, quoted)
        elif token.pos_ == "VERB" and token.lemma_.lower() in object_cues().lemmas:
            content, cue = _object_content(token, quoted), _cue(token)
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


@lru_cache(maxsize=1)
def object_cues() -> ObjectCues:
    """The object-content cue verbs, read once."""
    path = resources.files("newsweave.analyze").joinpath("data/attribution_cues.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    lemmas = {str(w).lower() for key in ("findings", "evaluations", "requests") for w in data[key]}
    return ObjectCues(frozenset(lemmas), int(data["min_words"]))


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


def _mostly_quoted(content: tuple[int, int], quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether at least half of ``content`` lies inside direct quotes."""
    shared = sum(_overlap(content, q) for q in quoted)
    return shared * 2 >= content[1] - content[0]


# ---------------------------------------------------------------- pronouns


def _persons(ctx: Context, start: int, end: int) -> list[Any]:
    """PERSON entities of the parse within ``[start, end)``."""
    return [e for e in ctx.doc.ents if e.label_ == "PERSON" and start <= e.start_char < end]


def _antecedent(
    ctx: Context,
    pronoun: tuple[int, int],
    earlier: Sequence[Attribution],
    quoted: Sequence[tuple[int, int]],
) -> tuple[int, int] | None:
    """The unambiguous antecedent of a speaker pronoun: for "he"/"she" the one person named
    (or quoted as speaker) in the nearest sentence that names any, looking back up to three
    sentences; for "it"/"they" the previous non-person speaker within three sentences."""
    word = ctx.text[pronoun[0] : pronoun[1]].lower()
    index = _sentence_index(ctx, pronoun[0])
    if index is None:
        return None
    lo = ctx.sentences[max(0, index - 3)][0]
    speakers = [
        a.speaker
        for a in earlier
        if a.speaker is not None
        and not _pronoun(ctx, a.speaker)
        and lo <= a.speaker[0] < pronoun[0]
    ]
    if word in NONPERSONAL:
        named = [s for s in speakers if _organisation(ctx, s)]
        return named[-1] if named else None
    continued = _run_speaker(ctx, pronoun, index, speakers, quoted)
    if continued is not None:
        return continued
    for i in range(index, max(-1, index - 4), -1):
        s, e = ctx.sentences[i]
        e = min(e, pronoun[0])
        people = [
            (p.start_char, p.end_char) for p in _persons(ctx, s, e) if not _inside(p[0], quoted)
        ]
        people += [sp for sp in speakers if s <= sp[0] < e and not _nonperson(ctx, sp)]
        if people:
            return _one(ctx, people)
    return None


def _run_speaker(
    ctx: Context,
    pronoun: tuple[int, int],
    index: int,
    speakers: Sequence[tuple[int, int]],
    quoted: Sequence[tuple[int, int]],
) -> tuple[int, int] | None:
    """A run of quotes: "he"/"she" right after a person's quote (that sentence or the one
    before) is that person when nobody else is named, outside quotes, between that
    speaker and the pronoun ("…,” Dana Ruiz said. “…,” she added."). A person named
    earlier in the sentence of the previous quote, or inside it, does not break the run
    ("Asked about Lee, Ruiz said …. “…,” she said." is Ruiz)."""
    if not speakers:
        return None
    last = max(speakers)
    where = _sentence_index(ctx, last[0])
    if where is None or where < index - 1:
        return None
    if _nonperson(ctx, last) or _organisation(ctx, last):
        # the model may type one mention of a person as an organisation: the run still
        # holds when an earlier speaker of the same surname is a person
        surname = ctx.text[last[0] : last[1]].split()[-1:]
        if not any(
            ctx.text[sp[0] : sp[1]].split()[-1:] == surname and not _nonperson(ctx, sp)
            for sp in speakers
            if sp != last
        ):
            return None
    between = [
        (p.start_char, p.end_char)
        for p in _persons(ctx, last[1], pronoun[0])
        if not _inside(p[0], quoted)
    ]
    return last if _one(ctx, [last, *between]) is not None else None


def _apposed_people(ctx: Context, root: Any) -> list[Any]:
    """ "Orvane's chief executive, Liisa Kask, told …": the person in apposition to a
    speaker phrase headed by a role noun (the phrase itself leaves the apposition out)."""
    if root is None or root.ent_type_:
        return []
    kids = {c.i for c in root.children if c.dep_ == "appos"}
    return [
        e for e in ctx.doc.ents if e.label_ == "PERSON" and any(e.start <= k < e.end for k in kids)
    ]


def _root(ctx: Context, span: tuple[int, int]) -> Any | None:
    """The syntactic head token of a speaker span."""
    piece = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    return piece.root if piece is not None and len(piece) else None


def _organisation(ctx: Context, span: tuple[int, int]) -> bool:
    """A speaker span naming an organisation: its head is an ORG/NORP/GPE name or an
    organisation noun ("the ministry", "the influential US daily")."""
    root = _root(ctx, span)
    return root is not None and (_nonperson(ctx, span) or root.lower_ in ORG_NOUNS)


def _nonperson(ctx: Context, span: tuple[int, int]) -> bool:
    """A speaker span whose head is named as an organisation or place, not a person."""
    root = _root(ctx, span)
    return root is not None and root.ent_type_ in NAMED - {"PERSON"}


def _one(ctx: Context, people: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The latest of ``people`` if they all name one person (same last word), else None."""
    text = ctx.text
    keys = {text[s:e].split()[-1].lower() for s, e in people if text[s:e].split()}
    named = {k for k in keys if k[:1].isalpha()}
    if len(named) > 1:
        return None
    return max(people)


def _pronoun(ctx: Context, span: tuple[int, int]) -> bool:
    """Whether the span is a lone speaker pronoun."""
    return ctx.text[span[0] : span[1]].lower() in PERSONAL | NONPERSONAL


def _resolve_pronouns(
    ctx: Context, found: Sequence[Attribution], marks: Sequence[Marked]
) -> list[Attribution]:
    """Replace pronoun speakers by their antecedents where unambiguous (names inside
    quotes are never antecedents)."""
    quoted = [(m.start, m.end) for m in marks]
    out: list[Attribution] = []
    for quote in found:
        if quote.source is not None and _pronoun(ctx, quote.source):
            target = _antecedent(ctx, quote.source, out, quoted)
            if target is not None:
                text = ctx.text[target[0] : target[1]]
                quote = replace(quote, speaker=target, speaker_text=text)
        out.append(quote)
    return out


# ---------------------------------------------------------------- the stage


def attributions(ctx: Context) -> tuple[Attribution, ...]:
    """Every quote of the document with its speaker span and cue, in text order."""
    text = ctx.text
    marks = quote_marks(text)
    direct = [a for a in _direct(ctx, marks) if a is not None]
    direct = [a for a in _inherit(text, direct) if _standalone(text, a)]
    spoken = _turns(ctx) + _block_quotes(ctx, marks)
    direct = [a for a in direct if a.speaker is not None or not _within_turn(a, spoken)]
    found = sorted(direct + _indirect(ctx, marks) + spoken, key=lambda a: (a.content, not a.direct))
    return tuple(_resolve_pronouns(ctx, _unique(found), marks))


def _turns(ctx: Context) -> list[Attribution]:
    """A transcript's turns ("MORALES: We never said that."), each its speaker's words,
    and a headline opening with its speaker ("Ortiz: Port Will Reopen in May")."""
    found = turns(ctx.text, paragraphs(ctx.text))
    for segment in ctx.document.segments:
        if segment.role is Role.HEADLINE:
            label = headline_label(ctx.text, segment.start, segment.end)
            if label is not None and _names_someone(ctx, label.label):
                found.append(label)
    out: list[Attribution] = []
    for turn in found:
        name = ctx.text[turn.label[0] : turn.label[1]]
        out.append(Attribution(turn.words, turn.label, turn.label, name, None, True))
    return out


def _names_someone(ctx: Context, span: tuple[int, int]) -> bool:
    """Whether a headline label names a speaker: its last word a proper noun and no verb
    in it ("Football: …", "Analysis: …", "Police Say: …" are not speakers)."""
    tokens = _tokens(ctx.doc, *span)
    return (
        bool(tokens)
        and tokens[-1].pos_ == "PROPN"
        and all(t.pos_ not in ("VERB", "AUX") for t in tokens)
    )


def _block_quotes(ctx: Context, marks: Sequence[Marked]) -> list[Attribution]:
    """A paragraph without quotation marks after one that ends with a cue and a colon
    ("The governor added:" / then the words): the paragraph is the quote."""
    text = ctx.text
    opened = {m.start for m in marks}
    spans = list(paragraphs(text))
    out: list[Attribution] = []
    for (s, e), (ns, ne) in pairwise(spans):
        if not text[s:e].rstrip().endswith(":") or ns in opened or text[ns] in OPENERS:
            continue
        index = _sentence_index(ctx, e - 1)
        if index is None:
            continue
        first = ctx.sentences[index][0]
        for token in reversed(_tokens(ctx.doc, max(first, s), e)):
            if _is_cue(token):
                cue = _cue(token)
                if cue.speaker is not None and ne - ns > 20:
                    out.append(_attribution(ctx, (ns, ne), cue, True))
                break
    return out


def _within_turn(quote: Attribution, spoken: Sequence[Attribution]) -> bool:
    """Whether a quote without a speaker overlaps a transcript turn (the turn names it)."""
    return any(_overlap(quote.content, turn.content) for turn in spoken)


def _unique(found: Iterable[Attribution]) -> list[Attribution]:
    """Drop repeated (content, direct) attributions, keeping the first."""
    seen: set[tuple[tuple[int, int], bool]] = set()
    out: list[Attribution] = []
    for a in found:
        if (a.content, a.direct) not in seen:
            seen.add((a.content, a.direct))
            out.append(a)
    return out


def extract_quotes(ctx: Context, resolve: ActorLookup) -> tuple[Quote, ...]:
    """The document's quotes with speakers resolved to actors where they are named."""
    return tuple(_quote(ctx, a, resolve) for a in attributions(ctx))


def _quote(ctx: Context, a: Attribution, resolve: ActorLookup) -> Quote:
    """The Quote record of one attribution."""
    actor = None
    if a.speaker is not None:
        actor = _actor(ctx, a.speaker, resolve)
    return Quote(
        span=ctx.span(*a.content),
        speaker=actor,
        speaker_text=a.speaker_text,
        verb=a.cue,
        direct=a.direct,
        evidence=ctx.evidence(a.content[0], a.content[1], STAGE),
    )


def _actor(ctx: Context, span: tuple[int, int], resolve: ActorLookup) -> str | None:
    """The actor a speaker span names: the named entity inside it first (the one holding
    the phrase's head, then a person, then any: "Braga coach Rui Antunes" is Rui Antunes,
    "Ruritanian Foreign Minister Ana Vell" Ana Vell, "a Ministry spokesman" the ministry),
    then the span; a place or nationality inside the phrase is never the speaker ("shipping
    agents in Galati" is an unnamed speaker, not the town)."""
    root = _root(ctx, span)
    inside = [
        e
        for e in ctx.doc.ents
        if e.label_ in NAMED and span[0] <= e.start_char and e.end_char <= span[1]
    ]
    head = [e for e in inside if root is not None and e.start <= root.i < e.end]
    people = [e for e in inside if e.label_ == "PERSON"]
    bodies = [e for e in inside if e.label_ == "ORG"]
    named = [*head, *people, *_apposed_people(ctx, root), *bodies]
    for ent in named:
        actor = resolve(ent.start_char, ent.end_char)
        if actor is not None:
            return actor
    if inside and not head:
        return None
    return resolve(span[0], span[1])
