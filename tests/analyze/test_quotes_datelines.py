"""A wire dateline opening a paragraph is never part of the reported clause (original
sentences): "KESTRA, May 3 - At least 12 …, the agency said" reports "At least 12 …"."""

from __future__ import annotations

from tests.analyze.test_quotes import quotes


def test_a_dateline_is_cut_from_the_reported_clause() -> None:
    text = (
        "Landslide cuts the coast road\n\n"
        "KESTRA, May 3 - At least 12 people were hurt when the hillside gave way, the "
        "regional fire service said on Friday.\n\n"
        "LOWER ARRAN, Norvania, May 4 (Coast Wire) — Two villages remain cut off, the "
        "mayor said."
    )
    contents = sorted(q.span.text for q in quotes(text) if not q.direct)
    assert contents == [
        "At least 12 people were hurt when the hillside gave way",
        "Two villages remain cut off",
    ], contents


def test_an_upper_case_word_without_comma_and_dash_is_kept() -> None:
    text = "NATO troops will stay until the spring, the defence minister said on Monday."
    contents = [q.span.text for q in quotes(text) if not q.direct]
    assert contents == ["NATO troops will stay until the spring"], contents
