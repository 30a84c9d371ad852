"""Units of figures on original sentences: sports and engineering abbreviations (only in
capitals where they are also words), a currency code after the number, rates written
after a figure or after its parenthesis (but not "a year earlier"), a unit-less number
set against the figure before it, spreads ("range from X to Y"), "$US", square units,
mobile-network generations ("5G") as no figure, compound counted nouns, index levels in
points, torque, pence, pounds of weight, more currencies and rates. Real spaCy model."""

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
    wars = _figures("The two neighbours fought three border wars in the last century.")
    assert wars["three"].unit == "war"


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
    assert index["7,215.4"].unit == "point"  # an index level, not a percentage


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


def test_a_compound_counted_noun_counts_its_last_noun_when_it_agrees_in_number() -> None:
    found = _figures(
        "The clinic has carried out more than 350 kidney transplants since it opened, and "
        "dealers reported 90 Ford and Toyota pickups stolen last month."
    )
    assert found["more than 350"].unit == "transplant"
    assert found["90"].unit == "pickup"
    dossier = _figures("Investigators handed over a 24 page dossier on Friday.")
    assert dossier["24"].unit != "dossier"


def test_an_index_level_is_in_points() -> None:
    found = _figures("The Harbour Index fell 0.8 percent to 7,215.4 in late trade.")
    assert found["0.8 percent"].unit == "percent"
    assert found["7,215.4"].unit == "point"
    ticker = _figures("Kestrel Stock Exchange (4,310.55 down 12.40 points) closed early.")
    assert ticker["4,310.55"].unit == "point"
    plain = _figures("Ticket sales rose 12 percent to 18,450.5 tonnes of grain.")
    assert plain["18,450.5"].unit != "point"


def test_torque_pence_and_signs_after_the_number() -> None:
    torque = _figures("The coupe's motor delivers 520 Nm (384 lb-ft) of torque.")
    assert torque["520"].unit == "newton metre"
    assert torque["384"].unit == "pound-foot"
    pence = _figures("Shares in Marlow Foods closed down 14 p at 302.5 p on Thursday.")
    assert pence["14"].unit == "penny"
    assert pence["302.5"].unit == "penny"
    bike = _figures("She paid 950€ for the folding bike and sold it a year later.")
    assert bike["950"].unit == "EUR"
    screen = _figures("The monitor's panel measures 31.5″ across the diagonal.")
    assert screen["31.5"].unit == "inch"


def test_pounds_are_a_weight_beside_words_of_weight() -> None:
    weight = _figures("The lineman has shed 25 pounds since March and now weighs 290 pounds.")
    assert weight["25"].unit == "pound-mass"
    assert weight["290"].unit == "pound-mass"
    money = _figures("The club paid 40 million pounds for the striker in August.")
    assert money["40 million"].unit == "GBP"


def test_a_year_is_no_range_start_and_more_currencies_and_rates() -> None:
    found = _figures("Subscriptions climbed 40% in 2021 to 2.8 million accounts.")
    assert found["2.8 million"].value == 2_800_000
    assert found["2.8 million"].unit == "account"
    assert "2021 to 2.8 million" not in found
    crowns = _figures("The bank will charge savers with over 2 million Danish crowns in deposits.")
    assert crowns["over 2 million"].unit == "DKK"
    plant = _figures("The port hosts one 38,000 barrel-a-day refinery and a grain silo.")
    assert plant["38,000"].unit == "barrel per day"
    air = _figures("Carbon dioxide in the chamber reached 410 parts per million on Monday.")
    assert air["410"].unit == "part per million"
