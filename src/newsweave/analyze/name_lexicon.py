"""Word lists and patterns of the name stage: titles, heads, furniture, credits."""

from __future__ import annotations

import re

from newsweave.analyze.candidates import Candidate as Candidate
from newsweave.analyze.name_people import (
    person_cues,
)


def words(text: str) -> frozenset[str]:
    """The set of the whitespace-separated words of ``text`` (for word lists)."""
    return frozenset(text.split())


NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)


"""spaCy labels that name something; DATE, MONEY, CARDINAL… are not names."""


PERSON_TITLES = (
    words(
        "president minister mr mrs ms miss dr sir dame lady lord king queen prince princess "
        "general gen colonel col captain capt lieutenant lt sergeant sgt major governor "
        "senator sen rep representative mayor judge justice secretary chancellor premier "
        "ambassador professor prof superintendent inspector commissioner chairman chairwoman "
        "chair spokesman spokeswoman spokesperson director chief bishop archbishop pope "
        "sheikh imam rev reverend father sister brother mother son daughter wife husband "
        "coach striker goalkeeper midfielder defender economist journalist lawyer leader "
        "editor correspondent founder ceo pm vice deputy speaker emir sultan ayatollah "
        "cardinal officer analyst blogger professor cardiologist nurse commander"
    )
    | person_cues().titles
)


"""Words that, right before a name, mark it as a person's (with the title words of
``data/person_cues.yaml``)."""


SPEECH_VERBS = words(
    "say tell add write announce warn note claim insist argue deny explain state urge "
    "accuse describe post praise condemn reply"
)


LOCATIVE = words("in at from to near outside across into around via toward towards")


KIN = words("son daughter wife husband brother sister father mother widow uncle")


PRONOUNS = words("he she his her him himself herself")


PLACE_HEADS = frozenset({"City", "Town", "County", "Province", "Region", "District"})


ORG_HEADS = words(
    "University College Institute School Academy Foundation Hospital Ministry Bank Party "
    "Union Organisation Organization Council Committee Commission Agency Corporation Corp "
    "Inc Ltd Group Company Holdings Association Federation League Movement Front Army "
    "Police Court Assembly Parliament Club Airlines Airways Authority Fund Trust Society "
    "Museum Forum Post Times Herald News Sentinel Monitor Radio Television Network "
    "Alliance Congress Department Office Bureau Service Services Directorate Secretariat "
    "Administration Centre Center Tribunal Board Command Senate Cabinet Coalition Institution "
    "Bloc"
)


"""Last words of institution names: "Nathaniel Abessi University" is no person."""


FURNITURE = words(
    "Sign Accept Share Close Subscribe Read Related Comment Comments Follow Like Likes "
    "Reply Menu Search Home Advertisement Updated Photograph Newsletter Login Register "
    "Cookies Privacy Restacks Skip Next Previous More"
)


"""Page-furniture words that are never names."""


UI_WORDS = FURNITURE | words("Gift Article Email Print Save Listen Download PDF Share")


"""Words of page controls ("Gift Article", "Download PDF") when they fill a line alone."""


PORTFOLIO_TITLES = words("minister ministers")


"""Titles a capitalised portfolio comes before ("Interior Minister", "Ports and Maritime
Affairs Minister"): the portfolio is part of the title, not an actor of its own."""


GENERIC_HEADS = words("Ministry Ministries Department Agency Directorate")


"""Institution heads that name nothing alone ("Ministry spokesman X")."""


ROAD_WORDS = words(
    "Route Rue Avenue Boulevard Road Street Highway Lane Autoroute Chaussée Avenida Calle "
    "Place Plaza Square Piazza"
)


"""First or last words of the name of a road or square: "Route de Sébénou" and "Place de
l'Indépendance" are facilities, not firms."""


NOT_NAME_WORDS = ORG_HEADS | PLACE_HEADS | ROAD_WORDS | FURNITURE


"""Capitalised words that are never part of a person's name."""


CREDIT_WORDS = words("reporting writing editing written edited reported photographed")


"""Nouns and participles of authorship: the agent after "by" is a person."""


SETTLEMENT_WORDS = words("village town city district region province municipality commune")


"""Head nouns of "the village of X": X is a place."""


FEATURE_NOUNS: dict[str, str] = {
    **dict.fromkeys(words("terminal port harbour harbor airport bridge station dam"), "FAC"),
    **dict.fromkeys(words("refinery mine stadium prison barracks road highway"), "FAC"),
    **dict.fromkeys(words("oilfield gasfield river lake valley mountains island coast"), "LOC"),
    **dict.fromkeys(words("village town district province county municipality"), "GPE"),
}


"""Common nouns a name can modify to name a place ("the Kessa terminal", "the Oti river"):
the name is the place's, not a person's."""


LOC_KINDS = frozenset({"continent", "oilfield", "field", "river", "lake", "sea", "mountain"})


FAC_KINDS = frozenset({"port", "airport", "bridge", "building", "landmark", "road"})


_QUOTED = re.compile(r"[“‘\"]([^“”‘’\"]{1,200})[”’\"]")


_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")


_KIN_APPOSITION = re.compile(
    r"\b(?:his|her|their)\s+(?:[a-z]+\s+)?(?:ex-)?(?:" + "|".join(sorted(KIN)) + r"),\s*$",
    re.IGNORECASE,
)


_STRIP = " \t\n,;:\"“”‘’'()[]|-–—"


_NAMING = re.compile(
    r"\b(?:his|her|their)\s+(?:first\s+|full\s+|real\s+)?names?\s+(?:only\s+|simply\s+)?"
    r"(?:as|is|was)\s+$",
    re.IGNORECASE,
)


_ELIDED = re.compile(r"^[dlDL][’'][A-ZÀ-Ý]")


_LEGAL_TAIL = words("Inc Inc. Ltd Ltd. LLC Plc PLC Jr Jr. Sr Sr. SA AG GmbH Co Co.")


FUNCTION_WORDS = words("of and for the de du des la le les on in at to & d' von van")
