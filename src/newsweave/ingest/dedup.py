"""Near-duplicate detection with MinHash and locality-sensitive hashing (pure, no I/O).

Syndicated copies of one wire story (AP, Reuters, AFP) reach us from many sites: the body is
the same but each site wraps it in its own headline, byline, "read more" links, newsletter
box and copyright footer. Comparing whole pages would make such copies look different, so
compare the **body text only** (``Document.body_text``) and let the boilerplate go.

The method:

1. :func:`shingles` cuts the normalised text (lowercase words, punctuation dropped) into
   overlapping 5-word windows and hashes each one with a stable hash (BLAKE2b, 8 bytes), so
   the same text gives the same set on any machine and in any process (unlike ``hash()``).
2. :func:`minhash` keeps, for each of ``num_perm`` seeded hash functions, the smallest hash
   of any shingle. Two signatures agree at one position with probability equal to the
   Jaccard similarity of the shingle sets, so :func:`estimated_jaccard` is the fraction of
   positions where they agree.
3. :func:`lsh_bands` splits the signature into bands and hashes each band. Documents that
   share at least one band hash are candidates; only those are compared, so finding the
   near-duplicates of a new document does not scan the whole corpus. With 64 permutations
   in 16 bands of 4, a pair with Jaccard 0.8 becomes a candidate with probability > 0.999,
   a pair with Jaccard 0.3 with probability about 0.12.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

SHINGLE_WORDS = 5
"""Words per shingle."""

NUM_PERM = 64
"""Default number of hash functions in a signature."""

BANDS = 16
"""Default number of LSH bands (``NUM_PERM`` must be a multiple of it)."""

_MERSENNE_PRIME = (1 << 61) - 1
_MAX_HASH = _MERSENNE_PRIME
_MASK_63 = (1 << 63) - 1
_WORD = re.compile(r"\w+")


def _stable_hash(data: bytes, *, person: bytes = b"") -> int:
    """A 63-bit non-negative integer (fits a signed SQLite INTEGER) from BLAKE2b-64."""
    digest = hashlib.blake2b(data, digest_size=8, person=person).digest()
    return int.from_bytes(digest, "big") & _MASK_63


def normalised_words(text: str) -> list[str]:
    """Lowercase words of ``text`` after Unicode NFKC normalisation, punctuation dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """Stable hashes of every run of ``size`` consecutive normalised words of ``text``.

    A text shorter than ``size`` words gives one shingle of all its words; an empty text
    gives the empty set.
    """
    words = normalised_words(text)
    if not words:
        return set()
    count = max(1, len(words) - size + 1)
    return {
        _stable_hash(" ".join(words[i : i + size]).encode("utf-8"), person=b"nw-shingle")
        for i in range(count)
    }


@functools.lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[tuple[int, int], ...]:
    """Deterministic (a, b) coefficients of the hash functions ``(a*x + b) mod p``.

    Memoised: a pure function of ``num_perm``, so the cache holds no configuration.
    """
    coefficients = []
    for seed in range(num_perm):
        a = _stable_hash(f"a{seed}".encode(), person=b"nw-minhash") % (_MERSENNE_PRIME - 1) + 1
        b = _stable_hash(f"b{seed}".encode(), person=b"nw-minhash") % _MERSENNE_PRIME
        coefficients.append((a, b))
    return tuple(coefficients)


def minhash_of_shingles(hashes: Iterable[int], num_perm: int = NUM_PERM) -> tuple[int, ...]:
    """The MinHash signature of a set of shingle hashes.

    An empty set gives a signature of ``num_perm`` maximal values: callers should not treat
    two empty texts as duplicates (see :func:`shingles`).
    """
    if num_perm < 1:
        raise ValueError("num_perm must be at least 1")
    values = [h % _MERSENNE_PRIME for h in hashes]
    if not values:
        return (_MAX_HASH,) * num_perm
    if len(values) < _VECTOR_FROM:
        return tuple(
            min((a * x + b) % _MERSENNE_PRIME for x in values) for a, b in _permutations(num_perm)
        )
    return _minhash_vector(values, num_perm)


_VECTOR_FROM = 16
"""Shingle sets from this size are hashed with numpy (same values, ~20x less CPU)."""


def _minhash_vector(values: list[int], num_perm: int) -> tuple[int, ...]:
    """:func:`minhash_of_shingles` in 64-bit integer arithmetic: ``(a*x + b) mod p`` for
    the Mersenne prime p = 2**61 - 1, with a*x (up to 122 bits) split into 32-bit halves
    and folded with 2**61 = 1 (mod p), so every intermediate fits 64 bits unsigned."""
    import numpy as np

    coefficients = np.array(_permutations(num_perm), dtype=np.uint64)
    a = coefficients[:, 0:1]
    b = coefficients[:, 1:2]
    x = np.array(values, dtype=np.uint64)[np.newaxis, :]
    low32 = np.uint64(0xFFFFFFFF)
    a_hi, a_lo = a >> np.uint64(32), a & low32
    x_hi, x_lo = x >> np.uint64(32), x & low32
    # a*x = a_hi*x_hi*2**64 + (a_hi*x_lo + a_lo*x_hi)*2**32 + a_lo*x_lo, and 2**64 = 8 (mod p)
    high = (a_hi * x_hi) << np.uint64(3)  # < 2**61
    middle = a_hi * x_lo + a_lo * x_hi  # < 2**62
    middle = (middle >> np.uint64(29)) + ((middle & np.uint64((1 << 29) - 1)) << np.uint64(32))
    low = a_lo * x_lo  # < 2**64
    low = (low & np.uint64(_MERSENNE_PRIME)) + (low >> np.uint64(61))
    total = _fold(_fold(high + middle) + _fold(low) + b)
    total = np.where(total >= np.uint64(_MERSENNE_PRIME), total - np.uint64(_MERSENNE_PRIME), total)
    return tuple(int(v) for v in total.min(axis=1))


def _fold(v: Any) -> Any:
    """``v`` (< 2**64) reduced to below 2**61 + 8, congruent mod 2**61 - 1."""
    import numpy as np

    return (v & np.uint64(_MERSENNE_PRIME)) + (v >> np.uint64(61))


def minhash(text: str, num_perm: int = NUM_PERM) -> tuple[int, ...]:
    """The MinHash signature (``num_perm`` integers below 2**61) of ``text``'s shingles."""
    return minhash_of_shingles(shingles(text), num_perm)


def signature_or_none(text: str, num_perm: int = NUM_PERM) -> tuple[int, ...] | None:
    """The MinHash signature of ``text``, None when it has no shingle (too short). The
    store keys a document by the signature of its body text; the pipeline computes it on
    its workers and hands it to the store with the document."""
    hashes = shingles(text)
    return minhash_of_shingles(hashes, num_perm) if hashes else None


def lsh_bands(signature: Sequence[int], bands: int = BANDS) -> list[int]:
    """One stable 63-bit hash per band of ``signature`` (its length must divide evenly)."""
    if bands < 1 or len(signature) % bands:
        raise ValueError(f"a signature of {len(signature)} values cannot form {bands} bands")
    rows = len(signature) // bands
    hashes = []
    for band in range(bands):
        chunk = signature[band * rows : (band + 1) * rows]
        data = band.to_bytes(4, "big") + b"".join(v.to_bytes(8, "big") for v in chunk)
        hashes.append(_stable_hash(data, person=b"nw-lsh-band"))
    return hashes


def estimated_jaccard(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """The fraction of positions where two signatures of equal length agree."""
    if len(sig_a) != len(sig_b):
        raise ValueError("signatures of different lengths cannot be compared")
    if not sig_a:
        raise ValueError("empty signatures cannot be compared")
    same = sum(1 for a, b in zip(sig_a, sig_b, strict=True) if a == b)
    return same / len(sig_a)


def pack_signature(signature: Sequence[int]) -> bytes:
    """Signature → bytes (8 bytes big-endian per value) for storage."""
    return b"".join(v.to_bytes(8, "big") for v in signature)


def unpack_signature(data: bytes) -> tuple[int, ...]:
    """Bytes from :func:`pack_signature` → signature."""
    if len(data) % 8:
        raise ValueError("a packed signature is a multiple of 8 bytes")
    return tuple(int.from_bytes(data[i : i + 8], "big") for i in range(0, len(data), 8))
