"""Claims across outlets, on two original articles about one dam collapse: the same toll
worded three ways ("97 people were killed", "the death toll ... stands at 97, according
to", "97 bodies") is one corroborated claim with every claimant; the injured count put by
one outlet and stated by the other is one claim too; the as-of date comes from the
claim's own clause ("said on Wednesday"); a figure in a quote whose sentence names nobody
is claimed by the quote's speaker; years are no figures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsweave.resolve.claims_list import ClaimListing, list_claims
from tests.resolve.stores import text_corpus_store

FIRST = """Dam burst in Kerrow leaves 97 dead, health authority says
By Maren Olsson
April 3, 2025

KERROW — The regional health authority said on Wednesday that 97 people were killed when \
the Kerrow dam gave way after a week of heavy rain.

Rescue teams were still searching the flooded valley on Thursday. Officials said 412 people \
had been injured and more than 6,000 had been forced from their homes.

"We have found 97 bodies so far," said Lior Hadad, the authority's chief medical officer.
"""

SECOND = """Kerrow dam collapse: death toll stands at 97
By Priya Nandakumar
April 4, 2025

The death toll from the collapse of the Kerrow dam stands at 97, according to the regional \
health authority, which warned that the figure could still rise.

Engineers had warned in 2021 that the structure, completed in 1968, needed urgent repairs, \
the Eastern Ledger has learned.

The authority put the number of injured at 412.

"Divers recovered 23 cars from the reservoir overnight. Most were empty," said Tomas Reyes, \
a police spokesman.
"""


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[ClaimListing]]:
    files = {
        "2025-04-03_tidewater_dam-burst.txt": FIRST,
        "2025-04-04_ledger_kerrow-toll.txt": SECOND,
    }
    store = text_corpus_store(tmp_path_factory.mktemp("outlets"), files)
    yield list_claims(store)
    store.close()


def _one(claims: list[ClaimListing], what: str) -> ClaimListing:
    found = [c for c in claims if c.what == what]
    assert len(found) == 1, found
    return found[0]


def test_one_toll_in_three_wordings(claims: list[ClaimListing]) -> None:
    toll = _one(claims, "deaths")
    assert (toll.value, toll.status) == (97, "corroborated")
    assert len({s.document for s in toll.sources}) == 2
    assert len(toll.sources) >= 3  # the killed clause, the toll, the bodies
    assert any("Hadad" in c for c in toll.claimants)
    assert any("health authority" in c.lower() for c in toll.claimants)
    assert toll.as_of == "2025-04-02"  # "said on Wednesday", before the 3 April article


def test_injured_put_and_stated_are_one_claim(claims: list[ClaimListing]) -> None:
    injured = _one(claims, "injuries")
    assert (injured.value, injured.status) == (412, "corroborated")


def test_a_figure_inside_a_quote_is_claimed_by_its_speaker(claims: list[ClaimListing]) -> None:
    cars = next(c for c in claims if c.value == 23)
    assert any("Reyes" in c for c in cars.claimants), cars


def test_years_are_no_figures(claims: list[ClaimListing]) -> None:
    assert not any(c.value in (2021, 1968) for c in claims)
