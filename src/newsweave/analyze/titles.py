"""Titles and roles of people: premodifiers ("Finance Minister Paul-Henri Mensavi",
"British economist Ngozi Okafor", "ex-president X"), appositives ("X, the former head of
the central bank"; "X, an independent journalist from …"), copulas ("X is a former foreign
editor with Radio Z"; "Y is X's eldest son") and possessive appositions ("X's eldest son,
Y" gives Y the title "X's eldest son").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsweave.analyze.context import Context
from newsweave.analyze.name_lexicon import KIN, PERSON_TITLES, words
from newsweave.analyze.name_trim import trims
from newsweave.analyze.names import STAGE
from newsweave.model.facts import Title

ROLE_SUFFIXES = ("ist", "er", "or", "ian", "ant", "ent", "man", "woman", "eur")
"""Endings of role nouns ("economist", "lawyer", "editor", "politician")."""

HONORIFICS = words("mr mrs ms miss dr sir dame lady lord rev reverend")
NOT_ROLES = words("said says told added reported wrote according")
RELATIVES = words("who whom whose which that where when")
"""Words opening a relative clause ("X, who governed for two decades"), never a title."""

_COPULA_VERBS = r"(?:is|was|has been|had been|became|remains)"
_APPOSITIVE = re.compile(
    rf",\s+(?!{_COPULA_VERBS}\s)(?P<title>(?:(?:the|a|an)\s+)?[a-z][^,;.()“”\"]{{2,100}}?)\s*"
    r"(?=[,;.)]|\s+(?:who|which)\b|$)"
)
"""An apposition ("X, the former head of the central bank,"); never a predicate after a
comma ("Its chief, X, is a ..." is the copula below)."""
_COPULA = re.compile(
    rf",?\s+{_COPULA_VERBS}\s+(?P<title>(?:(?:a|an|the)\s+)?"
    r"[^,;.()“”\"]{2,100}?)\s*(?=[,;.)]|\s+(?:who|which|since|until|and\s+has)\b|$)"
)
_POSSESSOR = re.compile(
    r"(?P<title>(?:(?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+['’]s|\b[Hh]is|\b[Hh]er|\b[Tt]heir)"
    r"\s+(?:[a-z-]+\s+){0,2}[a-z-]+),\s+(?:the\s+(?:[a-z-]+\s+){1,3})?$"
)
_TRAIT = re.compile(r"\s+with\s+(?:a|an)\s+[^A-Z]*$")
"""A trailing "with a reputation for discipline" describes the person, not the role; "with
Radio Lagune" (a name: the employer) stays."""
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:his|her|their)\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _title_cues() -> tuple[frozenset[str], frozenset[str]]:
    """``role_words`` and ``not_role_words`` of ``data/title_cues.yaml``."""
    path = resources.files("newsweave.analyze").joinpath("data/title_cues.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    return (
        frozenset(str(w).lower() for w in data["role_words"]),
        frozenset(str(w).lower() for w in data["not_role_words"]),
    )


def is_role(word: str) -> bool:
    """Whether ``word`` looks like a role noun: a title word, a listed role word, or a word
    with a role ending that is no preposition, comparative or abstract noun ("under",
    "closer", "statement")."""
    lowered = word.lower().strip(".,")
    role_words, not_role_words = _title_cues()
    if lowered in PERSON_TITLES or lowered in role_words:
        return True
    if lowered in NOT_ROLES or lowered in not_role_words or lowered.endswith("ment"):
        return False
    return len(lowered) > 4 and lowered.endswith(ROLE_SUFFIXES)


def find_titles(
    ctx: Context, spans: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], tuple[Title, ...]]:
    """Titles of the people mentioned at ``spans`` (character ranges), by span."""
    found: dict[tuple[int, int], tuple[Title, ...]] = {}
    for start, end in spans:
        titles = _unique(
            ctx, [*_premodifier(ctx, start, end), *_after(ctx, end), *_before(ctx, start)]
        )
        if titles:
            found[(start, end)] = titles
    return found


def _unique(ctx: Context, ranges: Sequence[tuple[int, int]]) -> tuple[Title, ...]:
    seen: set[str] = set()
    titles: list[Title] = []
    for start, end in ranges:
        text = " ".join(ctx.document.text[start:end].split())
        if text and text.lower() not in seen and text.lower() not in HONORIFICS:
            seen.add(text.lower())
            titles.append(Title(text, ctx.evidence(start, end, STAGE)))
    return tuple(titles)


def _premodifier(ctx: Context, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Title words right before the name: "Finance Minister", "British economist",
    "former president", "ex-president"."""
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start == 0:
        return
    first = span.start
    i = first - 1
    while i >= 0 and _premodifier_token(doc, i, first) and first - i <= 5:
        i -= 1
    tokens = doc[i + 1 : first]
    while len(tokens) and (tokens[0].pos_ == "ADP" or tokens[0].text == "-"):
        tokens = tokens[1:]
    if not len(tokens):
        return
    head = tokens[-1]
    if head.lower_ in HONORIFICS:
        return
    if _title_of(tokens) or _title_head(head, span):
        yield tokens[0].idx, head.idx + len(head.text)


def _title_head(head: Any, name: Any) -> bool:
    """A title word, or a noun that is a role ("economist") or modifies the name ("the
    cardiologist Marc Owusu-Lartey"); not a noun the name merely follows ("filings seen
    by the Sentinel show Didier Yamboré")."""
    if head.lower_ in PERSON_TITLES:
        return True
    if head.pos_ != "NOUN" or head.ent_type_ in ("PERSON", "GPE", "ORG"):
        return False
    return is_role(head.text) or name.start <= head.head.i < name.end


def _title_of(tokens: Any) -> bool:
    """ "Inspector General of Police", "Minister of Finance": a title word, "of" and its
    institution."""
    return any(
        t.lower_ == "of" and k > 0 and tokens[k - 1].lower_ in PERSON_TITLES
        for k, t in enumerate(tokens)
    )


def _premodifier_token(doc: Any, i: int, first: int) -> bool:
    """Whether token ``i`` still belongs to the title before the name at ``first``; "and"
    only inside a capitalised title ("Trade and Industry Minister"), never between a name
    and a role ("Ruiz and Chilean leader" is two people)."""
    token = doc[i]
    if token.is_sent_end and i < len(doc) - 1 and doc[i + 1].is_sent_start:
        return False
    before = doc[i - 1] if i > 0 else None  # "to" of an infinitive; "To" of a headline
    infinitive = before is not None and (
        (before.lower_ == "to" and before.dep_ == "aux") or (before.text == "To" and i > 1)
    )
    if token.text in trims().headline_verbs or infinitive:
        return False  # a headline's verb ("Vows To Bash Fed Chair X"): no title word
    if token.text == "-" or (i > 0 and doc[i - 1].text.endswith("-")):
        return True
    if token.ent_type_ == "PERSON" and token.lower_ not in PERSON_TITLES:
        return False
    if token.lower_ in ("ex", "former", "late", "acting", "interim", "deputy"):
        return True
    if token.lower_ == "and" and not all(t.text[:1].isupper() for t in doc[i + 1 : first]):
        return False
    if token.lower_ in ("and", "of") and i > 0 and doc[i - 1].text[:1].isupper():
        return i + 1 < len(doc) and doc[i + 1].text[:1].isupper()
    return token.pos_ in ("NOUN", "PROPN", "ADJ") and not token.is_punct and not token.is_space


def _after(ctx: Context, end: int) -> Iterator[tuple[int, int]]:
    """Appositive ("X, the former head of the central bank,") or copula ("X is a writer and
    a former foreign editor with Radio Lagune")."""
    text = ctx.document.text
    window_end = min(len(text), end + 200)
    _, e = ctx.sentence_of(end - 1, end)
    window_end = min(window_end, max(e, end))
    window = text[end:window_end]
    match = _APPOSITIVE.match(window) or _COPULA.match(window)
    if not match:
        return
    m_start, m_end = match.span("title")
    yield from _split_roles(text, end + m_start, end + m_end, copula=match.re is _COPULA)


def _split_roles(text: str, start: int, end: int, *, copula: bool) -> Iterator[tuple[int, int]]:
    """One title per coordinated role ("a writer and a former editor")."""
    piece = text[start:end]
    parts = re.split(r"\s+and\s+(?=(?:a|an|the)\s)", piece)
    offset = start
    for part in parts:
        p_start = text.index(part, offset)
        offset = p_start + len(part)
        article = _ARTICLE.match(part)
        bare = part[article.end() :] if article else part
        words = bare.split()
        if not words or any(w.lower() in NOT_ROLES for w in words) or words[0] in RELATIVES:
            continue
        if not _role_phrase(words, copula=copula, article=article is not None):
            continue
        trait = _TRAIT.search(part)
        end = p_start + (trait.start() if trait else len(part))
        yield p_start + (article.end() if article else 0), end


def _role_phrase(words: Sequence[str], *, copula: bool, article: bool) -> bool:
    """A role phrase holds a role noun; without an article it must start with one
    ("professor of political science") or be a possessive ("Gaston Yamboré's eldest son")."""
    words = _without_modifiers(words)
    if not words:
        return False
    if not article and copula:
        return is_role(words[0]) or any(w.endswith(("'s", "’s")) for w in words[:4])
    if not article:
        return any(is_role(w) or w.lower() in KIN for w in words[:3])
    head_words = [w for w in words if w[:1].islower()]
    return any(is_role(w) or w.lower() in KIN for w in head_words[:6])


ROLE_MODIFIERS = words("his her their its former ex late acting interim then onetime")
"""Words before a role noun that are no role ("his former prime minister")."""


def _without_modifiers(found: Sequence[str]) -> Sequence[str]:
    k = 0
    while k < len(found) - 1 and found[k].lower().rstrip("-") in ROLE_MODIFIERS:
        k += 1
    return found[k:]


def _before(ctx: Context, start: int) -> Iterator[tuple[int, int]]:
    """ "Gaston Yamboré's eldest son, Didier" / "Her ex-husband, Félix Adomah"."""
    text = ctx.document.text
    s, _ = ctx.sentence_of(start)
    window_start = max(s, start - 120)
    match = _POSSESSOR.search(text[window_start:start])
    if not match:
        return
    t_start, t_end = window_start + match.start("title"), window_start + match.end("title")
    phrase = text[t_start:t_end]
    last = phrase.split()[-1].lower()
    if not (last in KIN or is_role(last) or last.startswith("ex-")):
        return
    pronoun = _PRONOUN.match(phrase)
    yield (t_start + pronoun.end() if pronoun else t_start), t_end
