"""The workers' MinHash (numpy, 64-bit arithmetic) gives exactly the signature of the
definition, ``min((a*x + b) mod (2**61 - 1))`` in Python integers, so stores built before
and after it find the same near-duplicates."""

from __future__ import annotations

import random

from newsweave.ingest.dedup import _MERSENNE_PRIME, _permutations, minhash_of_shingles, shingles


def _definition(hashes: list[int], num_perm: int) -> tuple[int, ...]:
    values = [h % _MERSENNE_PRIME for h in hashes]
    return tuple(
        min((a * x + b) % _MERSENNE_PRIME for x in values) for a, b in _permutations(num_perm)
    )


def test_signatures_equal_the_definition_on_random_and_extreme_hashes() -> None:
    rng = random.Random(20261207)
    extremes = [(1 << 63) - 1, 0, 1, _MERSENNE_PRIME - 1, _MERSENNE_PRIME, (1 << 32) - 1]
    for size in (1, 15, 16, 17, 64, 700, 4000):
        for _ in range(6):
            hashes = [rng.getrandbits(63) for _ in range(size)]
            hashes[: len(extremes)] = extremes[:size]
            for num_perm in (1, 64, 128):
                assert minhash_of_shingles(hashes, num_perm) == _definition(hashes, num_perm)


def test_a_real_text_keeps_its_signature() -> None:
    text = " ".join(
        f"The ferry operator on Lake Varsa cut sailing number {n} after the storm on Friday."
        for n in range(40)
    )
    hashes = shingles(text)
    assert len(hashes) > 16
    assert minhash_of_shingles(hashes) == _definition(sorted(hashes), 64)
