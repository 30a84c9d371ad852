"""Coreference metrics on textbook examples (Pradhan et al. 2014; Luo 2005)."""

from __future__ import annotations

import pytest

from newsweave.evaluate.ecbplus import (
    Cluster,
    b_cubed,
    ceaf_e,
    clusters,
    conll_f1,
    max_assignment,
    muc,
)

KEY: list[Cluster] = [frozenset("abc")]
SPLIT: list[Cluster] = [frozenset("ab"), frozenset("c")]


def test_muc_counts_links() -> None:
    score = muc(KEY, SPLIT)
    assert score.recall == pytest.approx(0.5) and score.precision == pytest.approx(1.0)
    assert muc(KEY, KEY).f1 == 1.0
    assert muc([frozenset("a"), frozenset("b")], [frozenset("a"), frozenset("b")]).f1 == 0.0


def test_b_cubed_per_mention() -> None:
    score = b_cubed(KEY, SPLIT)
    assert score.recall == pytest.approx(5 / 9) and score.precision == pytest.approx(1.0)
    merged = b_cubed([frozenset("ab"), frozenset("c")], [frozenset("abc")])
    assert merged.recall == pytest.approx(1.0) and merged.precision == pytest.approx(5 / 9)


def test_ceaf_e_best_alignment() -> None:
    score = ceaf_e(KEY, SPLIT)
    assert score.recall == pytest.approx(0.8) and score.precision == pytest.approx(0.4)
    key = [frozenset("abcd"), frozenset("ef")]
    response = [frozenset("ab"), frozenset("cdef")]
    # phi4: (ab,abcd)=2/3, (cdef,abcd)=1/2, (cdef,ef)=2/3 → best: 2/3 + 2/3
    assert ceaf_e(key, response).f1 == pytest.approx(2 / 3)


def test_hungarian_finds_the_optimum() -> None:
    assert max_assignment([[1.0, 0.9], [0.9, 0.0]]) == pytest.approx(1.8)
    assert max_assignment([[0.5, 0.2, 0.1]]) == pytest.approx(0.5)
    assert max_assignment([]) == 0.0


def test_conll_is_the_mean_and_perfect_is_one() -> None:
    assert conll_f1(KEY, KEY) == pytest.approx(1.0)
    expected = (muc(KEY, SPLIT).f1 + b_cubed(KEY, SPLIT).f1 + ceaf_e(KEY, SPLIT).f1) / 3
    assert conll_f1(KEY, SPLIT) == pytest.approx(expected)


def test_clusters_group_by_label() -> None:
    assert sorted(sorted(map(str, c)) for c in clusters({"a": 1, "b": 1, "c": 2})) == [
        ["a", "b"],
        ["c"],
    ]
