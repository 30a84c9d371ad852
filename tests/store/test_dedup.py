"""MinHash/LSH near-duplicate detection: stable, deterministic, close to the true Jaccard."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.ingest.dedup import (
    NUM_PERM,
    estimated_jaccard,
    lsh_bands,
    minhash,
    minhash_of_shingles,
    pack_signature,
    shingles,
    unpack_signature,
)

BODY = (
    "Volunteers in the hill village of Corrow spent the weekend clearing a landslide that "
    "had cut the only road to the valley for nine days. Farmers said milk had been poured "
    "away because tankers could not reach the dairy, and the village shop ran out of bread "
    "on Thursday. A digger lent by a quarry company moved most of the rubble on Saturday "
    "afternoon, and the road reopened to cars on Sunday evening. The county council said a "
    "geologist would inspect the slope next week before lorries are allowed back."
)
OTHER = (
    "The orchestra of the coastal city of Brenna announced its new season on Wednesday, "
    "with three premieres by young composers and a cycle of the Beethoven symphonies. "
    "Ticket prices for students will fall by a third, the director said, and two concerts "
    "will be played in a disused shipyard hall while the concert house is renovated."
)

texts = st.text(max_size=400)


@given(texts)
def test_a_text_is_identical_to_itself(text: str) -> None:
    signature = minhash(text)
    assert estimated_jaccard(signature, signature) == 1.0
    assert estimated_jaccard(signature, minhash(text)) == 1.0


@given(texts)
def test_minhash_is_deterministic(text: str) -> None:
    assert minhash(text) == minhash(text)
    assert lsh_bands(minhash(text)) == lsh_bands(minhash(text))


@given(texts)
def test_signature_shape(text: str) -> None:
    signature = minhash(text, num_perm=32)
    assert len(signature) == 32
    assert all(0 <= value < 2**61 for value in signature)
    bands = lsh_bands(signature, bands=8)
    assert len(bands) == 8
    assert all(0 <= value < 2**63 for value in bands)  # fits a signed SQLite INTEGER


@given(st.lists(st.integers(min_value=0, max_value=2**61 - 1), min_size=1, max_size=80))
def test_pack_round_trip(signature: list[int]) -> None:
    assert unpack_signature(pack_signature(signature)) == tuple(signature)


def test_hashes_are_stable_across_processes() -> None:
    """Stable hashes, not Python's salted hash(): another process computes the same values."""
    code = "from newsweave.ingest.dedup import minhash; import sys; print(minhash(sys.argv[1]))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code, BODY], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert out.strip() == str(minhash(BODY))


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("The road, reopened on Sunday!") == shingles("the ROAD reopened -- on sunday")
    assert shingles("") == set()
    assert shingles("  ... ") == set()
    assert len(shingles("only three words")) == 1
    words = BODY.split()
    assert len(shingles(BODY)) <= len(words) - 4


def test_same_body_with_different_wrapping_is_similar() -> None:
    story = BODY + "\n\n" + OTHER
    wrapped = "Corrow road open again. By our reporter. " + story + " Sign up to our newsletter."
    assert estimated_jaccard(minhash(story), minhash(wrapped)) >= 0.8
    # a short story is swamped by its wrapping: why the store compares body text only
    short_wrapped = (
        "Corrow road open again. By our reporter. " + BODY + " Sign up to our newsletter."
    )
    assert estimated_jaccard(minhash(BODY), minhash(short_wrapped)) < 0.9


def test_small_edit_stays_similar_and_other_text_does_not() -> None:
    story = BODY + "\n\n" + OTHER
    edited = story.replace("nine days", "ten days").replace("Sunday evening", "Sunday night")
    assert estimated_jaccard(minhash(story), minhash(edited)) >= 0.8
    assert estimated_jaccard(minhash(BODY), minhash(OTHER)) < 0.2


def test_estimate_is_close_to_true_jaccard() -> None:
    half = " ".join(BODY.split()[:40])
    true = len(shingles(BODY) & shingles(half)) / len(shingles(BODY) | shingles(half))
    estimate = estimated_jaccard(minhash(BODY, num_perm=256), minhash(half, num_perm=256))
    assert abs(estimate - true) < 0.15


def test_empty_shingle_set_gives_a_maximal_signature() -> None:
    assert minhash_of_shingles([]) == minhash_of_shingles(set())
    assert len(set(minhash(""))) == 1
    assert len(minhash("")) == NUM_PERM


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError):
        estimated_jaccard((1, 2), (1, 2, 3))
    with pytest.raises(ValueError):
        estimated_jaccard((), ())
    with pytest.raises(ValueError):
        lsh_bands(minhash(BODY), bands=5)
    with pytest.raises(ValueError):
        minhash(BODY, num_perm=0)
    with pytest.raises(ValueError):
        unpack_signature(b"abc")
