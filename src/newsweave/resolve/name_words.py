"""Capitalised words that open a sentence or a headline and are no given name.

Headlines and sentence openings capitalise any word, so the names stage may read "Fearless
Lopez" or "Thanking Okafor" as a full name. A full person name whose every mention opens a
sentence, and whose first word is an ordinary adjective, adverb or -ing/-ed verb form of
English (the word lists of the spaCy pipeline's lemmatizer, never a given name of
``data/name_words.yaml`` or ``data/nicknames.yaml``), is read without that word: the bare
surname, which joins an entity only as a weak name does.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsweave.resolve.constraints import nickname_groups
from newsweave.resolve.namekeys import _HONORIFICS, _STOP, ORG_WORDS, fold


def _data() -> dict[str, list[str]]:
    text = resources.files("newsweave.resolve").joinpath("data/name_words.yaml").read_text()
    found: dict[str, list[str]] = yaml.safe_load(text)
    return found


GENERIC_PARTS = frozenset(str(w) for w in _data()["generic_parts"]) | ORG_WORDS | _STOP
"""Words that alone are no part of a name another name holds ("Police", "National")."""


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    words = {str(w) for w in _data()["given_names"]}
    return frozenset(words | set(nickname_groups()))


@lru_cache(maxsize=1)
def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(adjectives and adverbs, verbs) of the English pipeline's lemmatizer tables."""
    from newsweave.analyze.nlp import load

    loaded = load.cache_info().currsize > 0
    table = None if loaded else _lemma_index_alone()
    if table is None:
        table = load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    modifiers = frozenset(table.get("adj", [])) | frozenset(table.get("adv", []))
    return modifiers, frozenset(table.get("verb", []))


def _lemma_index_alone() -> Any:
    """The lemmatizer's ``lemma_index`` table read from the installed pipeline package
    alone (the same file the pipeline loads), for a process that resolves without
    analysing (a Dask client): building the whole pipeline for it cost more than the rest
    of a small resolution. None when no package layout is found."""
    import spacy.util
    from spacy.lookups import Lookups

    from newsweave.analyze.nlp import MODELS

    for name in MODELS:
        try:
            path = spacy.util.get_package_path(name)
        except (ImportError, OSError):
            continue
        found = sorted(path.glob("*/lemmatizer/lookups/lookups.bin"))
        if found:
            return Lookups().from_disk(found[0].parent).get_table("lemma_index")
    return None


def _verb_form(word: str, verbs: frozenset[str], third_person: bool = False) -> bool:
    for ending in ("ing", "ed", "es", "s") if third_person else ("ing", "ed"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            stems = {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                stems.add(stem[:-1])
            if stems & verbs:
                return True
    return False


@lru_cache(maxsize=65_536)
def ordinary_word(word: str) -> bool:
    """Whether a capitalised ``word`` before a surname is an ordinary English word and no
    given name ("Fearless", "Thanking"; never "Frank", "Hope")."""
    low = fold(word).strip(".,'’")
    if len(low) < 4 or not low.isalpha() or low in _given_names() or low in _HONORIFICS:
        return False
    if low in _FUNCTION_WORDS:
        return True  # "Without Okafor": a preposition opening a headline is no given name
    modifiers, verbs = _word_lists()
    return low in modifiers or _verb_form(low, verbs)


def without_opening_word(name: str) -> str | None:
    """``name`` without its first word when that word is an ordinary word (see
    :func:`ordinary_word`) and a name is left; None when the name stands as it is."""
    words = name.split()
    if len(words) < 2 or not ordinary_word(words[0]):
        return None
    return " ".join(words[1:])


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    from newsweave.analyze.nlp import load

    table = load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(table.get("noun", []))


@lru_cache(maxsize=65_536)
def headline_word(word: str) -> str | None:
    """What an ordinary word of a title-case headline is: ``verb`` (an inflected form:
    "Buys", "Checks", "Resigning"), ``word`` (a function word, adjective, adverb or noun, also
    plural: "Into", "Defiant", "Voters"), or None (no ordinary word: a name)."""
    low = fold(word).strip(".,'’:;!?")
    if low in _FUNCTION_WORDS:
        return "word"
    if len(low) < 3 or not low.isalpha() or low in _given_names():
        return None
    modifiers, verbs = _word_lists()
    if _verb_form(low, verbs, third_person=True):
        return "verb"  # inflected only: a bare "Mark" or "Grant" may be a given name
    nouns = _nouns()
    if (
        low in modifiers
        or low in nouns
        or low in verbs
        or (low.endswith("s") and low[:-1] in nouns)
    ):
        return "word"
    return None


_FUNCTION_WORDS = frozenset(
    [
        "in",
        "into",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "as",
        "over",
        "after",
        "before",
        "by",
        "of",
        "and",
        "or",
        "vs",
        "out",
        "up",
        "down",
        "off",
        "back",
        "about",
        "against",
        "amid",
        "despite",
        "near",
        "under",
        "without",
        "not",
        "no",
        "his",
        "her",
        "its",
        "their",
        "a",
        "an",
        "the",
        "again",
    ]
)


def headline_core(form: str, others: Sequence[str]) -> str | None:
    """The longest other form of the same actor that ``form`` holds as a run of its words
    when the words around it are ordinary headline words, one of them a verb ("Okafor
    Thanks Voters" → "Okafor"; never "Hillary Clinton" → "Clinton"), or ordinary words
    before a full name ("Comedian Ada Obi" → "Ada Obi"), else None."""
    words = form.split()
    best: str | None = None
    for other in others:
        part = other.split()
        if other == form or not part or len(part) >= len(words):
            continue
        for at in range(len(words) - len(part) + 1):
            if words[at : at + len(part)] != part:
                continue
            kinds = [headline_word(w) for w in words[:at] + words[at + len(part) :]]
            titled = len(part) > 1 and at + len(part) == len(words)  # "Comedian Ada Obi"
            if None in kinds or ("verb" not in kinds and not titled):
                continue
            if best is None or len(other) > len(best):
                best = other
    return best


def headline_tail(form: str) -> str | None:
    """A full name followed by the rest of a headline ("Ada Obi Returns", "Ada Obi Quits
    Over Pay") without that rest: the words from the first verb form on are all ordinary
    headline words; None when there is no such tail or no full name before it."""
    words = form.split()
    for at in range(2, len(words)):
        kinds = [headline_word(w) for w in words[at:]]
        if kinds[0] == "verb" and None not in kinds:
            return " ".join(words[:at])
    return None
