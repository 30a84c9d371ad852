"""A claim's place is the name of its town or of its country: a country's count still
ranks as the broad one (before a town's) and is said with its name in the answer."""

from __future__ import annotations

from newsweave.ask_claims import _broad, _claim_sentence
from newsweave.resolve.claims_list import ClaimListing


def _claim(place: str | None) -> ClaimListing:
    return ClaimListing(
        id="c1",
        what="killed",
        value=27.0,
        low=27.0,
        high=27.0,
        qualifier="exact",
        unit="person",
        place=place,
        as_of=None,
        status="single",
        claimants=(),
        sources=(),
        conflicts=(),
    )


def test_a_country_count_is_broad_and_named() -> None:
    assert _broad(_claim("Peru")) and _broad(_claim(None)) and _broad(_claim("XQ"))
    assert not _broad(_claim("Cusco"))
    assert "in Peru" in _claim_sentence(_claim("Peru"))
