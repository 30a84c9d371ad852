"""Two real articles about one story (ECB+ topic 37: the July 2013 Aceh earthquake, as
reported by two outlets; ../shared/data/ecbplus), ingested, analysed and resolved: what an
analyst writes down from them. The national toll (24 dead, 249 injured) is one
corroborated claim from both documents with the disaster agency's spokesman as claimant;
the district counts (Bener Meriah, Central Aceh: named as districts, unknown to the
gazetteer) are local counts, no conflicting values of the toll; the six children are a
count of their own; ``ask`` answers the toll from both documents; the export of the store
has no field without evidence."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.ask import ask
from newsweave.export.citations import uncited_fields
from newsweave.export.json import export_json
from newsweave.resolve.claims_list import ClaimListing, list_claims
from newsweave.store.sqlite import Store
from tests.resolve.stores import text_corpus_store

PAIR = ("37_3ecbplus", "37_6ecbplus")
"""The Independent-style and the BBC-style report of the Aceh quake (3 July 2013)."""


def ecb_text(path: Path) -> str:
    """An ECB+ document as plain text: its tokens joined back into sentences, one
    paragraph each (the URL line of an ECB+ document left out)."""
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    keys = sorted(sentences)
    if path.stem.endswith("ecbplus") and keys and keys[0] == 0:
        keys = keys[1:]
    lines = []
    for key in keys:
        text = " ".join(sentences[key])
        text = re.sub(r" ([,.;:!?%)\]])", r"\1", text)
        text = re.sub(r"([(\[$]) ", r"\1", text)
        text = re.sub(r" (n't|'s|'re|'ve|'ll|'d)\b", r"\1", text)
        text = re.sub(r"(\w) - (\w)", r"\1-\2", text)
        text = re.sub(r"(\d), (\d{3})\b", r"\1,\2", text)
        text = re.sub(r"(\d)\. (\d)", r"\1.\2", text)
        text = re.sub(r"(\d): (\d\d)\b", r"\1:\2", text)
        lines.append(text)
    return "\n\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def store(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = data_dir / "ecbplus" / "ECB+" / "37"
    files = {f"2013-07-03_{name}.txt": ecb_text(folder / f"{name}.xml") for name in PAIR}
    opened = text_corpus_store(tmp_path_factory.mktemp("aceh"), files)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def claims(store: Store) -> list[ClaimListing]:
    return list_claims(store)


def _counts(claims: list[ClaimListing], what: str, value: float) -> list[ClaimListing]:
    return [c for c in claims if c.what == what and c.value == value]


def test_the_toll_is_one_claim_of_both_outlets(claims: list[ClaimListing]) -> None:
    (toll,) = _counts(claims, "deaths", 24)
    assert toll.status == "corroborated" and not toll.conflicts
    assert len({s.document for s in toll.sources}) == 2
    assert any("Nugroho" in c for c in toll.claimants)
    (injured,) = _counts(claims, "injuries", 249)
    assert len({s.document for s in injured.sources}) == 2 and not injured.conflicts


def test_district_counts_are_local_not_conflicts(claims: list[ClaimListing]) -> None:
    for value, place in ((12, "Bener Meriah"), (10, "Central Aceh")):
        (district,) = _counts(claims, "deaths", value)
        assert district.place == place and not district.conflicts
    (children,) = _counts(claims, "deaths", 6)
    assert children.unit == "child" and not children.conflicts


def test_ask_answers_the_toll_from_both_outlets(store: Store) -> None:
    fact = ask(store, "How many people died in the earthquake in Aceh?").fact
    assert fact is not None and fact.text.startswith("24 people killed"), fact
    assert len({c.document for c in fact.citations}) == 2


def test_real_pair_export_has_no_uncited_field(store: Store) -> None:
    assert uncited_fields(export_json(store)) == []
