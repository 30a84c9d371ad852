"""Speech cues and their speakers in the parse: "X said", "according to X", labels and datelines."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.analyze.context import Context, doc_text
from newsweave.analyze.quote_marks import _WORD, NEAR, SHORT, Marked, content_of, word_count

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
    for child in cue.children:  # "as a docker put it" (not "described X as a …")
        if child.lower_ == "as" and child.dep_ in ("prep", "mark") and child.i < cue.i:
            for grand in child.children:
                if grand.dep_ in ("pobj", "nsubj"):
                    return _phrase(grand)
    verb = cue
    for _ in range(4):
        if _reported_conjunct(cue, verb):
            verb = verb.head  # "said the offer was an insult and urged…": said's subject urged
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
    if not _inverted(cue):
        return None
    for child in cue.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod", "oprd") and child.pos_ in ("PROPN", "NOUN"):
            return _phrase(child)
    return None


def _reported_conjunct(cue: Any, verb: Any) -> bool:
    """Whether ``verb``, reached from a cue conjoined to it, is the reported clause of
    another cue ("X said the offer was an insult and urged members to…": the parser hangs
    "urged" on "was"; whoever said it urged, not "the offer")."""
    return (
        verb.i != cue.i
        and cue.dep_ == "conj"
        and cue.head.i == verb.i
        and verb.dep_ == "ccomp"
        and not _is_cue(verb)
        and _is_cue(verb.head)
    )


def _inverted(cue: Any) -> bool:
    """Whether a cue verb comes after what was said ("…,” said the mayor"; "…, says Ito"):
    only then is a noun after it the speaker the parser read as its object ("Calls people
    “losers”" and "the ad asks…" are no inversions)."""
    before = cue.i - 1
    while before >= cue.sent.start and cue.doc[before].pos_ in ("ADV", "PART"):
        before -= 1
    return bool(
        before >= cue.sent.start and cue.doc[before].is_punct and cue.doc[before].text != "("
    )


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
        if _reported_conjunct(cue, verb):
            verb = verb.head  # "said the offer was an insult and urged…": said's subject urged
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                    return child.idx, child.idx + len(child.text)
                return None
        if verb.dep_ not in CLIMB or verb.head.i == verb.i:
            break
        verb = _governing_verb(verb.head)
    return None


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
    r"[^\S\n]*(?:―|—|–|--|-)[^\S\n]*"
    r"((?:[A-Z][\w.'’-]*)(?:[^\S\n]+(?:[A-Z][\w.'’-]*|de|da|del|van|von|la|le|bin|al)){0,5})"
    r"[^\S\n]*(?:,[^\n]{0,80})?[.]?[^\S\n]*(?:\n|$)"
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
