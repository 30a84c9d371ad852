"""Units of figures on original sentences: sports and engineering abbreviations (only in
capitals where they are also words), a currency code after the number, rates written
after a figure or after its parenthesis (but not "a year earlier"), a unit-less number
set against the figure before it, spreads ("range from X to Y"), "$US", square units, and
mobile-network generations ("5G") as no figure. Real spaCy model."""

from __future__ import annotations

from functools import lru_cache

from newsweave.analyze.context import Context
from newsweave.analyze.figures import extract_figures
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.model import Document, Role, Segment, content_id
from newsweave.model.facts import Figure


@lru_cache(maxsize=32)
def _context(text: str) -> Context:
    document = Document(content_id("d", text), "test", text, (Segment(Role.BODY, 0, len(text)),))
    return context_for(document, load(), ())


def _figures(text: str) -> dict[str, Figure]:
    return {f.span.text: f for f in extract_figures(_context(text), lambda s, e: None)}


def test_sports_abbreviations_and_words_that_are_also_units() -> None:
    found = _figures("Okafor averaged 21.4 ppg and 9.8 rpg, and the shortstop added 1.7 WAR.")
    assert found["21.4"].unit == "point per game"
    assert found["9.8"].unit == "rebound per game"
    assert found["1.7"].unit == "win above replacement"
    veterans = _figures("About 40 war veterans marched to the memorial on Sunday.")
    assert all(f.unit != "win above replacement" for f in veterans.values())


def test_a_currency_code_after_the_number() -> None:
    found = _figures("The exchange desk quoted 151 JPY to 1 USD on Tuesday morning.")
    assert found["151"].unit == "JPY"
    assert found["1"].unit == "USD"


def test_rates_after_the_figure_and_after_its_parenthesis() -> None:
    found = _figures(
        "The ferry operator loses 4.5 billion rupees (about $54 million) a year, while "
        "its fares rise about three percent a-year."
    )
    assert found["4.5 billion"].unit == "INR per year"
    assert found["about three percent"].unit == "percent per year"
    earlier = _figures("Revenue reached $8.1 billion, from $7.4 billion a year earlier.")
    assert earlier["$7.4 billion"].unit == "USD"


def test_a_number_set_against_the_figure_before_it_takes_its_unit() -> None:
    found = _figures("The mill shipped 2.6 million crates, up from 1.9 million last spring.")
    assert found["1.9 million"].unit == "crate"
    index = _figures("The Harbour Index fell 0.8 percent to 7,215.4 in late trade.")
    assert index["7,215.4"].unit is None


def test_a_spread_from_one_end_to_the_other_is_one_range() -> None:
    found = _figures("Rents in the new tower range from $1,900 to $6.2 million a unit.")
    (rent,) = found.values()
    assert (rent.low, rent.high, rent.unit) == (1900.0, 6_200_000.0, "USD")


def test_dollar_us_and_square_units() -> None:
    found = _figures("The council paid $US48 million for a 920 sq m warehouse.")
    assert (found["$US48 million"].value, found["$US48 million"].unit) == (48e6, "USD")
    assert found["920"].unit == "square metre"


def test_a_network_generation_is_no_figure() -> None:
    assert _figures("Carriers will switch off their 3G masts before extending 5G coverage.") == {}


def test_a_vague_plural_spans_one_order_of_magnitude() -> None:
    found = _figures("Hundreds of volunteers and tens of thousands of residents joined in.")
    assert (found["Hundreds"].low, found["Hundreds"].high) == (100.0, 1000.0)
    assert (found["tens of thousands"].low, found["tens of thousands"].high) == (1e4, 1e5)


def test_digits_with_hundred_and_an_index_name() -> None:
    found = _figures("Some 6 hundred traders watched the Nasdaq 100 drop 1.2 percent.")
    assert found["Some 6 hundred"].value == 600.0
    assert "100" not in found
