"""The words ``ask`` reads questions and passages with: stop words, question words, cue
patterns, folding and stemming."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

_STOP = frozenset(
    (
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "without",
        "about",
        "as",
        "into",
        "onto",
        "over",
        "under",
        "after",
        "before",
        "during",
        "since",
        "until",
        "than",
        "then",
        "and",
        "or",
        "but",
        "nor",
        "not",
        "no",
        "so",
        "if",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "doing",
        "done",
        "has",
        "have",
        "had",
        "having",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "it's",
        "he",
        "she",
        "they",
        "them",
        "their",
        "his",
        "her",
        "him",
        "we",
        "us",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "who",
        "whom",
        "whose",
        "what",
        "which",
        "when",
        "where",
        "why",
        "how",
        "many",
        "much",
        "long",
        "often",
        "said",
        "say",
        "says",
        "tell",
        "told",
        "according",
        "any",
        "some",
        "all",
        "each",
        "every",
        "more",
        "most",
        "other",
        "such",
        "only",
        "own",
        "same",
        "very",
        "just",
        "also",
        "still",
        "yet",
        "ever",
    )
)


_SAY = re.compile(r"\b(?:say|said|says|tell|told|claim|claimed|argue|argued|warn|warned|think)\b")


_CAUSE = re.compile(
    r"\b(?:because|after|over|following|in protest|sparked|set off|triggered|due to|against)\b"
)


_FAMILY = ("child_of", "parent_of")


_RELATION_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        **dict.fromkeys(("father", "mother", "parent", "son", "daughter", "child"), _FAMILY),
        **dict.fromkeys(("eldest", "heir"), _FAMILY),
        **dict.fromkeys(("brother", "sister", "sibl"), ("sibling_of",)),
        **dict.fromkeys(("wife", "wive", "husband", "spous", "marr"), ("spouse_of",)),
        **dict.fromkeys(("lead", "head", "chair"), ("leads",)),
        **dict.fromkeys(("ally", "alli"), ("ally_of",)),
        **dict.fromkeys(("member",), ("member_of",)),
        **dict.fromkeys(("own", "stak"), ("owns",)),
        **dict.fromkeys(("work", "employ"), ("employed_by",)),
        **dict.fromkeys(("relativ", "famil"), ("relative_of", *_FAMILY, "sibling_of")),
    }
)


"""Question words (stems) asking about a relation, and the predicates that answer them."""


_QUESTION_WORDS = ("how many", "how much", "who", "whom", "when", "where", "what", "which", "why")


_ANAPHOR = re.compile(
    r"^(?:\W*\w+\W+){0,3}?(?:he|she|it|they|his|her|its|their)\b|^(?:this|that|these|those|"
    r"the (?:request|move|decision|offer|minister|president|ministry|government|group|union|"
    r"deal|company)|but|however|instead|yet|still|also|then)\b",
    re.IGNORECASE,
)


_WORD = re.compile(r"\w[\w'’-]*", re.UNICODE)


_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’)]*|$)\s*")


_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")


@functools.lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Lower case, no diacritics, one space between words: for matching names (cached:
    the same names, modes and labels are folded for every candidate passage)."""
    if text.isascii():
        return " ".join(text.replace("’", "'").casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def stem(word: str) -> str:
    """A crude suffix-stripping stem used as an FTS5 prefix ("arrested" → "arrest")."""
    word = fold(word).strip("'’-")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word
