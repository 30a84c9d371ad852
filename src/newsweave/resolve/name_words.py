"""Capitalised words that open a sentence or a headline and are no given name.

Headlines and sentence openings capitalise any word, so the names stage may read "Fearless
Lopez" or "Thanking Okafor" as a full name. A full person name whose every mention opens a
sentence, and whose first word is an ordinary adjective, adverb or -ing/-ed verb form of
English (the word lists of the spaCy pipeline's lemmatizer, never a given name of
``data/name_words.yaml`` or ``data/nicknames.yaml``), is read without that word: the bare
surname, which joins an entity only as a weak name does.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from newsweave.resolve.constraints import nickname_groups
from newsweave.resolve.namekeys import _HONORIFICS, fold


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    text = resources.files("newsweave.resolve").joinpath("data/name_words.yaml").read_text()
    words = {str(w) for w in yaml.safe_load(text)["given_names"]}
    return frozenset(words | set(nickname_groups()))


@lru_cache(maxsize=1)
def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(adjectives and adverbs, verbs) of the English pipeline's lemmatizer tables."""
    from newsweave.analyze.nlp import load

    table = load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    modifiers = frozenset(table.get("adj", [])) | frozenset(table.get("adv", []))
    return modifiers, frozenset(table.get("verb", []))


def _verb_form(word: str, verbs: frozenset[str]) -> bool:
    for ending in ("ing", "ed"):
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
    modifiers, verbs = _word_lists()
    return low in modifiers or _verb_form(low, verbs)


def without_opening_word(name: str) -> str | None:
    """``name`` without its first word when that word is an ordinary word (see
    :func:`ordinary_word`) and a name is left; None when the name stands as it is."""
    words = name.split()
    if len(words) < 2 or not ordinary_word(words[0]):
        return None
    return " ".join(words[1:])
