"""Word lists of the relation stage: kin, offices, employment, places, verbs."""

from __future__ import annotations

import re

PREDICATES = frozenset(
    [
        "child_of",
        "parent_of",
        "spouse_of",
        "former_spouse_of",
        "sibling_of",
        "relative_of",
        "ally_of",
        "member_of",
        "leads",
        "holds_position",
        "employed_by",
        "located_in",
        "owns",
    ]
)


SYMMETRIC = frozenset({"spouse_of", "former_spouse_of", "sibling_of", "relative_of", "ally_of"})


INVERSE = {"child_of": "parent_of", "parent_of": "child_of"}


CHILD = frozenset(["son", "daughter", "child", "stepson", "stepdaughter"])


PARENT = frozenset(["father", "mother", "parent", "stepfather", "stepmother"])


SIBLING = frozenset(["brother", "sister", "sibling"])


SPOUSE = frozenset(["husband", "wife", "spouse", "widow", "widower"])


RELATIVE = frozenset(
    [
        "cousin",
        "nephew",
        "niece",
        "uncle",
        "aunt",
        "grandson",
        "granddaughter",
        "grandchild",
        "grandfather",
        "grandmother",
        "relative",
    ]
)


KIN_GENDER = {
    **dict.fromkeys(
        [
            "son",
            "stepson",
            "father",
            "stepfather",
            "brother",
            "husband",
            "widower",
            "nephew",
            "uncle",
        ],
        "m",
    ),
    **dict.fromkeys(
        [
            "daughter",
            "stepdaughter",
            "mother",
            "stepmother",
            "sister",
            "wife",
            "widow",
            "niece",
            "aunt",
        ],
        "f",
    ),
    **dict.fromkeys(["grandson", "grandfather"], "m"),
    **dict.fromkeys(["granddaughter", "grandmother"], "f"),
}


LEADERS = frozenset(["leader", "head", "chairman", "chairwoman", "chair", "chief"])


OFFICES = frozenset(
    [
        "president",
        "vice-president",
        "minister",
        "premier",
        "chancellor",
        "secretary",
        "general",
        "governor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "mayor",
        "ambassador",
        "commander",
        "judge",
        "prosecutor",
        "director",
        "king",
        "queen",
        "senator",
        "deputy",
        "speaker",
        "founder",
        "ceo",
        "treasurer",
        "commissioner",
        "inspector",
        "archbishop",
        "bishop",
        "auditor",
    ]
)


EMPLOYMENT = frozenset(
    [
        "editor",
        "correspondent",
        "reporter",
        "journalist",
        "columnist",
        "writer",
        "professor",
        "lecturer",
        "researcher",
        "analyst",
        "economist",
        "lawyer",
        "adviser",
        "advisor",
        "consultant",
        "employee",
        "engineer",
        "executive",
        "manager",
        "producer",
        "presenter",
        "photographer",
        "fellow",
        "aide",
    ]
)


PLACE_NOUNS = frozenset(
    [
        "city",
        "town",
        "capital",
        "port",
        "village",
        "district",
        "region",
        "province",
        "suburb",
        "neighbourhood",
        "neighborhood",
        "county",
        "municipality",
        "island",
    ]
)


ROLE_NOUNS = (
    CHILD | PARENT | SIBLING | SPOUSE | RELATIVE | LEADERS | OFFICES | EMPLOYMENT | PLACE_NOUNS
) | {"ally", "member"}


COPULAS = frozenset(
    [
        "be",
        "remain",
        "become",
        "serve",
        "appoint",
        "name",
        "elect",
        "work",
        "stay",
        "make",
        "install",
        "swear",
    ]
)


"""Verbs that give their subject the role noun after them ("is", "was appointed", "serves as")."""


OWN_VERBS = frozenset(["own", "control"])


STAKE_VERBS = frozenset(["hold", "have", "own", "acquire", "buy", "take", "control"])


STAKE_NOUNS = frozenset(["stake", "share", "shares", "interest", "%", "percent", "majority"])


LEAD_VERBS = frozenset(["lead", "rule", "govern", "head", "chair"])


GROUP_VERBS = frozenset(["group", "comprise", "include", "unite"])


BLOC_NOUNS = frozenset(
    str.split(
        "bloc alliance coalition union group grouping organisation organization federation league "
        "community partnership pact association council commission forum club consortium body"
    )
)


"""Nouns that name a grouping of members: "the bloc groups A, B and C" makes A, B and C
its members; "its clients included A, B" does not."""


MARGIN_WORDS = frozenset({"percent", "%", "points", "point", "votes", "seats", "margin"})


"""Words of a lead in a poll or race: "X leads Y 43 percent to 41" is no leadership."""


PRONOUN_GENDER = {
    **dict.fromkeys(["he", "him", "his", "himself"], "m"),
    **dict.fromkeys(["she", "her", "hers", "herself"], "f"),
    **dict.fromkeys(["it", "its", "itself"], "n"),
}


RELATIVE_PRONOUNS = frozenset(["who", "whom", "whose", "which", "that"])


PERSONISH = frozenset({"PERSON"})


GROUPISH = frozenset({"ORG", "GPE", "NORP"})


PLACEISH = frozenset({"GPE", "LOC", "FAC"})


ORG_WORDS = frozenset(
    [
        "university",
        "college",
        "institute",
        "school",
        "academy",
        "foundation",
        "hospital",
        "ministry",
        "bank",
        "party",
        "union",
        "organisation",
        "organization",
        "council",
        "committee",
        "commission",
        "agency",
        "corporation",
        "corp",
        "inc",
        "ltd",
        "group",
        "company",
        "holdings",
        "association",
        "federation",
        "league",
        "movement",
        "front",
        "army",
        "police",
        "court",
        "assembly",
        "parliament",
        "club",
        "airlines",
        "authority",
        "fund",
        "trust",
        "society",
        "forum",
        "post",
        "times",
        "herald",
        "news",
        "sentinel",
        "monitor",
        "radio",
        "television",
        "network",
        "alliance",
        "congress",
    ]
)


DEPARTMENTS = frozenset(
    [
        "ports",
        "port",
        "interior",
        "finance",
        "defence",
        "defense",
        "foreign",
        "health",
        "justice",
        "education",
        "ministry",
        "government",
        "police",
        "opposition",
        "trade",
        "economy",
        "transport",
        "energy",
        "agriculture",
        "labour",
        "labor",
    ]
)


"""Capitalised words before an office that name a portfolio, not an organisation."""


BROAD_PLACES = frozenset({"country", "continent", "region"})


_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")


_LEADING = re.compile(r"^(?:(?:the|a|an|his|her|its|their|our|my|your)\s+)+", re.IGNORECASE)


_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"})


_NOT_IN_PHRASE = _CLAUSE_DEPS | {"appos", "det", "poss", "punct", "cc", "conj", "case", "nummod"}
