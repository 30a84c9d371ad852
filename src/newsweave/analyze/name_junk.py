"""Junk candidates: page controls, credits, common words and slogans that are no names."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from newsweave.analyze.candidates import Candidate as Candidate
from newsweave.analyze.context import Context
from newsweave.analyze.gazetteer import normalize
from newsweave.analyze.name_candidates import _tokens
from newsweave.analyze.name_lexicon import (
    _ELIDED,
    _QUOTED,
    FUNCTION_WORDS,
    FURNITURE,
    GENERIC_HEADS,
    PORTFOLIO_TITLES,
    UI_WORDS,
)
from newsweave.analyze.name_people import credited_name
from newsweave.analyze.name_trim import in_callout, is_organism, is_portfolio


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
    if _other_script(letters) or credited_name(ctx.document.text, cand.start):
        return True
    if is_organism(text) or in_callout(ctx.document.text, cand.start, cand.end):
        return True
    if is_portfolio(ctx.document.text, cand.start, text):
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


def _other_script(letters: list[str]) -> bool:
    """A name with no Latin letter ("Дмитрий Кошелев", an inline translation's words) in
    the English text newsweave analyses: a credit or a passage in another language, whose
    actors, if any, the article names in English too."""
    return not any(unicodedata.name(c, "").startswith("LATIN") for c in letters)


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
    return word.lower() in _words(doc)[0]


def _capitalised_inside(doc: Any, word: str) -> bool:
    """ "word" written somewhere that is not the start of a sentence or line."""
    return word in _words(doc)[1]


def _words(doc: Any) -> tuple[frozenset[str], frozenset[str]]:
    """The token texts of ``doc``, and those of tokens that neither start a sentence nor
    follow whitespace; built once per Doc (walking the whole Doc for every candidate made
    the names stage quadratic in the length of a document)."""
    cached = doc.user_data.get("newsweave_words")
    if cached is None:
        every: set[str] = set()
        inside: set[str] = set()
        previous = None
        for t in doc:
            every.add(t.text)
            if not t.is_sent_start and previous is not None and not previous.is_space:
                inside.add(t.text)
            previous = t
        cached = (frozenset(every), frozenset(inside))
        doc.user_data["newsweave_words"] = cached
    words: tuple[frozenset[str], frozenset[str]] = cached
    return words


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
