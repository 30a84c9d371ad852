"""Abbreviations do not end sentences (analyze/data/abbreviations.yaml, analyze/nlp.py)."""

from __future__ import annotations

from newsweave.analyze.nlp import abbreviations, load
from newsweave.analyze.prepare import pipeline, sentences


def split(text: str) -> list[str]:
    doc = pipeline(load())(text)
    return [text[s:e] for s, e in sentences(doc)]


def test_titles_the_model_splits_stay_one_token_and_keep_the_sentence_whole() -> None:
    text = "The two men were detained before dawn, said Sgt. Ilka Moravec, a police spokeswoman."
    assert split(text) == [text]
    doc = pipeline(load())(text)
    assert "Sgt." in [t.text for t in doc]


def test_a_day_after_a_month_abbreviation_is_no_new_sentence() -> None:
    text = (
        "The party had spent $2.4 million by Sept. 30, state filings show. "
        "Lt. Gov. Ruth Alves and Supt. Carla Ferraz signed the audit on Dec. 2."
    )
    assert split(text) == [
        "The party had spent $2.4 million by Sept. 30, state filings show.",
        "Lt. Gov. Ruth Alves and Supt. Carla Ferraz signed the audit on Dec. 2.",
    ]


def test_a_suffix_abbreviation_may_still_end_a_sentence() -> None:
    text = "The award went to Tomas Reyes Sr. The ceremony lasted an hour."
    assert split(text) == ["The award went to Tomas Reyes Sr.", "The ceremony lasted an hour."]


def test_the_lists_are_read_with_their_full_stops() -> None:
    lists = abbreviations()
    assert "Sgt." in lists.titles and "Sept." in lists.months and "Sr." in lists.others
