"""Figures: what is no figure (dates, years, times, labels, phone numbers, ages,
addresses, names with a number), on the text and on the parse; calendar dates for as-of."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from newsweave.analyze.figures_numbers import _PHONE, NumberPhrase, _yearish
from newsweave.analyze.figures_vocab import (
    _BAD_ENTITIES,
    _CHANGE_VERBS,
    _FURNITURE_NOUNS,
    _LABELS,
    _MONTH_NUMBERS,
    _MONTHS,
    _TIME_UNITS,
    _UNIT_ABBREVIATIONS,
    _WEEKDAYS,
)

# ---------------------------------------------------------------------------------------
# Not figures (pure, on the sentence text)
# ---------------------------------------------------------------------------------------

_TIME_AFTER = re.compile(
    r"(?i)^(?:\s*(?:[ap]\.?m\b\.?|gmt|bst|utc|est|edt|cet|wat|hrs\b|h\b|o['’]clock)|:\d|\.\d\d\s*[ap]\.?m)"
)
_MONTH_BEFORE = re.compile(rf"(?i)\b(?:{_MONTHS})\.?\s*$")
_MONTH_AFTER = re.compile(rf"(?i)^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTHS})\b")
_LABEL_BEFORE = re.compile(rf"(?i)(?:\b(?:{_LABELS})|#)\s*$")
_AGE_AFTER = re.compile(r"(?i)^[\s-]*(?:years?|yrs?|months?|weeks?)[\s-]*old\b")
_AGE_BEFORE = re.compile(r"(?i)\b(?:aged|age|ages\s+of)\s*$")
_RELATIVE_AFTER = re.compile(
    r"(?i)^\s*(?:days?|weeks?|months?|years?|hours?|minutes?|decades?)\s+"
    r"(?:later|earlier|ago|before|after|previously|from\s+now)\b"
)
_FURNITURE_AFTER = re.compile(rf"(?i)^\s*(?:{_FURNITURE_NOUNS})\b")
_ADDRESS_AFTER = re.compile(
    r"^[A-Z]?\s+(?:[A-Z][\w'-]+\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Boulevard|Blvd|"
    r"Drive|Dr|Way|Place|Terrace|Crescent|Close|Court|Highway|Square|Rue|Strasse|Straße)\b"
)
"""A house number ("14 Marlowe Road", "221B Baker Street") is an address, no figure."""
_LIST_AFTER = re.compile(r"^[.)](?:\s|$)")
_UNIT_SUFFIXES = frozenset({*_UNIT_ABBREVIATIONS, "k"})


_INDEX_NAME_BEFORE = re.compile(
    r"(?i)\b(?:S\s?&\s?P|S\s?P|Nasdaq|Stoxx|Euro\s?Stoxx|FTSE|Russell|Nikkei|ASX|CAC|DAX"
    r"|TA|Topix|Sensex|Nifty|KOSPI|Hang\s+Seng)[\s-]?$"
)
"""A share index's name before its number ("S&P 500", "Stoxx 600", "TA-125"): part of the
name, no figure."""


_NAME_WORD_BEFORE = re.compile(r"(?<=\S)\s+(?P<word>[A-Z][A-Za-z]*[a-z][A-Za-z]*)\s$")
_MODEL_CODE = re.compile(r"^\d+[-–]\d+$")


def _model_code(sentence: str, before: str, phrase: NumberPhrase) -> bool:
    """Two numbers joined by a dash right after a capitalised word inside the sentence are
    a model designation ("the Boeing 737-800 jet", "a Sikorsky 60-70 helicopter"), no
    figure and no range. A sentence-initial word ("About 60-70 people") does not count,
    nor a number alone after a name (an age, a year, a count: "Keytruda's 2018 sales")."""
    if not _MODEL_CODE.match(sentence[phrase.start : phrase.end]):
        return False
    match = _NAME_WORD_BEFORE.search(before)
    if match is None:
        return False
    word = match.group("word").lower()
    opens = before[: match.start()].rstrip().endswith((".", ":", ";", "!", "?"))
    return word not in _MONTH_NUMBERS and word not in _WEEKDAYS and not opens


def not_a_figure(sentence: str, phrase: NumberPhrase) -> bool:
    """True when the phrase is a date, year, time, ordinal, label ("paragraph 7"), list
    number, phone number, age or page furniture ("1,284 views"), judged from the text."""
    before, after = sentence[: phrase.start], sentence[phrase.end :]
    marked = phrase.currency is not None or phrase.percent is not None
    checks = (
        phrase.suffix != "" and phrase.suffix.lower() not in _UNIT_SUFFIXES,
        phrase.suffix == "G" and phrase.value <= 6 and not re.match(r"[A-Za-z]", after),
        not marked and bool(_INDEX_NAME_BEFORE.search(before[-24:])),
        not marked and _model_code(sentence, before, phrase),
        _TIME_AFTER.search(after) is not None or re.search(r"\d:$", before) is not None,
        not marked and phrase.value <= 31 and bool(_MONTH_BEFORE.search(before)),
        not marked and bool(_MONTH_AFTER.search(after)),
        not marked and bool(_LABEL_BEFORE.search(before)),
        bool(_AGE_AFTER.search(after)) or bool(_AGE_BEFORE.search(before)),
        bool(_FURNITURE_AFTER.search(after)),
        not marked and bool(_ADDRESS_AFTER.match(after)),
        bool(_RELATIVE_AFTER.search(after)),
        before.strip() in ("", "(") and bool(_LIST_AFTER.search(after)) and phrase.value < 100,
        _in_phone_number(sentence, phrase),
        phrase.words and not phrase.vague and _capitalised_inside(sentence, phrase),
    )
    return any(checks)


def _in_phone_number(sentence: str, phrase: NumberPhrase) -> bool:
    for match in _PHONE.finditer(sentence):
        digits = sum(c.isdigit() for c in match.group())
        if digits >= 9 and match.start() <= phrase.start < match.end():
            return True
    return False


def _capitalised_inside(sentence: str, phrase: NumberPhrase) -> bool:
    """A number word with a capital inside a sentence is part of a name ("BBC One")."""
    first = sentence[phrase.start]
    if not first.isupper():
        return False
    before = sentence[: phrase.start].rstrip()
    return before != "" and not before.endswith((".", ":", '"', "“", "‘", "'", "(", "—", "-"))


# ---------------------------------------------------------------------------------------
# Dates for as_of (pure)
# ---------------------------------------------------------------------------------------

_DATE_DMY = re.compile(
    rf"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS})\.?(?:,?\s+(\d{{4}}))?\b"
)
_DATE_MDY = re.compile(rf"(?i)\b({_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")


def date_value(text: str, anchor: dt.date | None) -> str | None:
    """ISO date of an explicit date ("16 January 2024", "Jan. 16", "Tuesday"); the year and
    weekdays are read from ``anchor`` (the publication date) when the text lacks them."""
    lowered = text.lower()
    for pattern, day_group, month_group in ((_DATE_DMY, 1, 2), (_DATE_MDY, 2, 1)):
        found = pattern.search(text)
        if found:
            month = _MONTH_NUMBERS[found.group(month_group).lower().rstrip(".")]
            day = int(found.group(day_group))
            year = int(found.group(3)) if found.group(3) else _year_for(month, day, anchor)
            if year is None:
                return None
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return None
    if anchor is not None:
        if re.search(r"\btoday\b", lowered):
            return anchor.isoformat()
        if re.search(r"\byesterday\b", lowered):
            return (anchor - dt.timedelta(days=1)).isoformat()
        for index, name in enumerate(_WEEKDAYS):
            if re.search(rf"\b{name}\b", lowered):
                back = (anchor.weekday() - index) % 7
                return (anchor - dt.timedelta(days=back)).isoformat()
    return None


def _year_for(month: int, day: int, anchor: dt.date | None) -> int | None:
    if anchor is None:
        return None
    try:
        candidate = dt.date(anchor.year, month, day)
    except ValueError:
        return None
    return anchor.year - 1 if candidate > anchor + dt.timedelta(days=31) else anchor.year


# ---------------------------------------------------------------------------------------
# Token-level filters
# ---------------------------------------------------------------------------------------


def _token_says_no(doc: Any, tokens: Any, phrase: NumberPhrase, noun: Any | None) -> bool:
    """Filters that need the parse: names ("S&P 500"), calendar dates, years, the pronoun
    "one", ages in apposition ("Dossavi, 68,")."""
    entity = {t.ent_type_ for t in tokens}
    marked = (
        phrase.currency is not None
        or phrase.percent is not None
        or phrase.suffix.lower() in _UNIT_SUFFIXES
    )
    duration = noun is not None and noun.lemma_.lower() in _TIME_UNITS
    if entity & _BAD_ENTITIES and not marked:
        return True
    calendar = phrase.value.is_integer() and (phrase.value <= 31 or _yearish(phrase.value))
    dated = bool(entity & {"DATE", "TIME"}) and not _bare_number_entity(doc, tokens)
    if dated and calendar and not marked and not duration:
        return True
    if phrase.plain and _yearish(phrase.value) and (noun is None or dated):
        return True
    first = tokens[0]
    previous = doc[first.i - 1] if first.i > 0 else None
    if previous is not None and previous.pos_ == "PROPN" and noun is None and not marked:
        return True  # a name with a number: "S&P 500", "Big 12", "Game 6"
    if phrase.words and first.lower_ == "one" and len(tokens) == 1:
        nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
        if first.dep_ != "nummod" or nxt is None or nxt.lower_ in ("of", "point", "time", "day"):
            return True
    return _apposed_age(doc, tokens, phrase, noun) or _stated_age(tokens, phrase, noun)


def _bare_number_entity(doc: Any, tokens: Any) -> bool:
    """A level a change verb reaches that the small model took for a day of the month:
    the model's DATE/TIME entity is the number alone (no month, weekday or year word) and
    the number is the object of "at"/"to" after a change verb ("the toll stands at 31",
    "rose to 28")."""
    number = tokens[-1]
    prep = number.head
    if number.dep_ != "pobj" or prep.lower_ not in ("at", "to"):
        return False
    if prep.head.lemma_.lower() not in _CHANGE_VERBS:
        return False
    first = tokens[0].i
    for ent in doc.ents:
        if ent.start <= first < ent.end and ent.label_ in ("DATE", "TIME"):
            return all(t.like_num or t.is_punct for t in ent)
    return False


def _apposed_age(doc: Any, tokens: Any, phrase: NumberPhrase, noun: Any | None) -> bool:
    """An age in apposition to a name: "Dossavi, 68, has not appeared", "Kara (52)"."""
    if noun is not None or not phrase.plain or not 10 <= phrase.value <= 110:
        return False
    first, last = tokens[0].i, tokens[-1].i
    if first < 2 or last + 1 >= len(doc):
        return False
    opener, name, closer = doc[first - 1], doc[first - 2], doc[last + 1]
    paired = (opener.text, closer.text) in ((",", ","), ("(", ")"), (",", "."))
    return paired and (name.ent_type_ == "PERSON" or name.pos_ == "PROPN" or name.is_title)


_PERSON_SUBJECTS = frozenset({"he", "she", "i", "you", "who"})
"""Subjects that make "is 35" someone's age (not "they", "we": "they were 12" counts)."""


def _stated_age(tokens: Any, phrase: NumberPhrase, noun: Any | None) -> bool:
    """An age stated with "be" about a person: "He will be 35 by then", "his daughter,
    who was 10": a bare whole number that completes "be" whose subject is a person (a
    name or a personal pronoun)."""
    if noun is not None or not phrase.plain or not 1 <= phrase.value <= 120:
        return False
    number = tokens[-1]
    verb = number.head
    if number.dep_ not in ("attr", "acomp") or verb.lemma_ != "be":
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.lower_ in _PERSON_SUBJECTS or s.ent_type_ == "PERSON" for s in subjects)
