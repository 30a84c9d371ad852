"""Recognising time expressions in plain text: every rule's candidates, filtered by
context (counting words, names, bare years, durations), longest first, no overlaps."""

from __future__ import annotations

import re

from newsweave.analyze.times_rules import _RULES
from newsweave.analyze.times_vocab import (
    _MONTH_FULL,
    _PREPOSITIONS,
    _UNITS_PLURAL,
    _WEEKDAYS,
    _YEAR,
    _Rule,
    _words,
)

# --------------------------------------------------------------------------- recognise

_COUNTING_WORDS = _words(
    "about some nearly than over under around approximately almost least most only just "
    "$ € £ no. no number"
)


def _previous_word(text: str, start: int) -> str:
    """The word before ``start`` (with its punctuation)."""
    match = re.search(r"(\S+)\s*$", text[max(0, start - 40) : start])
    return match.group(1) if match else ""


def _next_word(text: str, end: int) -> str:
    """The word after ``end`` (with its punctuation)."""
    match = re.match(r"\s*([^\s]+)", text[end : end + 40])
    return match.group(1) if match else ""


def _sentence_start(text: str, start: int) -> bool:
    """True when ``start`` begins a sentence or a line."""
    before = text[max(0, start - 3) : start].rstrip(" \t")
    return not before or before.endswith(("\n", ".", "!", "?", "“", '"', ":"))


def _plausible(text: str, start: int, end: int, rule: _Rule) -> bool:
    """Context checks that regexes cannot do (see the ``_plausible_*`` helpers)."""
    words = text[start:end]
    previous = _previous_word(text, start)
    following = _next_word(text, end)
    if re.fullmatch(rf"{_MONTH_FULL}|Spring|Summer|Autumn|Fall|Winter", words):
        return _plausible_name(text, start, words, previous, following)
    if re.fullmatch(r"Today|TODAY|Tonight|TONIGHT", words):
        return not _in_name(text, start, previous)
    if re.fullmatch(_YEAR, words):
        return _plausible_year(text, start, end, previous, following)
    if rule.kind == "duration":
        return _plausible_duration(text, end, words, previous)
    if rule.kind == "ref":
        return _bare(previous) != "as" and not (words.lower() == "soon" and _bare(previous) == "as")
    return True


def _bare(word: str) -> str:
    """A word lower-cased, without surrounding punctuation."""
    return word.lower().strip(".!?,;:()[]\"'“”‘’")


def _in_name(text: str, start: int, previous: str) -> bool:
    """A capitalised word right after another one inside a sentence ends a name: "USA
    TODAY", "Breakfast Today", "August Wilson" (mid-sentence, the day is written in lower
    case; a month after a name is part of it)."""
    return (
        previous[:1].isupper()
        and _bare(previous) not in _PREPOSITIONS
        and not _sentence_start(text, start)
    )


def _plausible_name(text: str, start: int, words: str, previous: str, following: str) -> bool:
    """A lone capitalised month or season, unless it is part of a name ("Theresa May",
    "August Wilson", "British Summer Time") or "May" the verb."""
    if words == "May" and _bare(previous) not in _PREPOSITIONS:
        return False
    if _in_name(text, start, previous):
        return False
    return not (
        following[:1].isupper() and not following.startswith(_WEEKDAYS_TITLE + _MONTHS_TITLE)
    )


def _plausible_year(text: str, start: int, end: int, previous: str, following: str) -> bool:
    """A four-digit number is a year unless it reads as an amount ("$2000", "about 1500
    troops", "2000 people", "1999.5")."""
    bare_previous = _bare(previous)
    if previous.endswith(("$", "€", "£", "#")) or bare_previous in _COUNTING_WORDS:
        return False
    if re.match(r"\s*(?:%|percent|per\s+cent|[-–]\s*(?:year|month|day))", text[end:]):
        return False
    if re.match(r"[.,]\d", text[end : end + 2]) or text[start - 1 : start] in (".", ","):
        return False
    counted = (
        re.fullmatch(r"[a-z]+", _bare(following))
        and previous
        and bare_previous not in _PREPOSITIONS | _DETERMINERS
        and not previous.endswith(("'s", "’s", ",", "("))
        and following not in _AFTER_YEAR
    )
    return not counted


def _plausible_duration(text: str, end: int, words: str, previous: str) -> bool:
    """Not ages ("a 29-year-old", "ages 6 months and older"); bare plurals ("years") only
    after "for", "take", "within"…"""
    if re.match(r"[\s-]*(?:old|older|of\s+age)\b", text[end:]):
        return False
    if _bare(previous) in ("age", "ages", "aged"):
        return False
    if re.search(r"(?i:quarters?)$", words) and (
        re.match(r"\s+of\b", text[end:]) or re.match(r"(?i:(?:more|less)\s+than\s+)?an?\s", words)
    ):
        return False
    if re.fullmatch(_UNITS_PLURAL, words):
        return _bare(previous) in _BEFORE_BARE_UNITS
    return True


_BEFORE_BARE_UNITS = _words(
    "for take takes took taking within lasted last lasts spent spend spends in"
)
_DETERMINERS = _words("the a an its his her their our this that whose")
_AFTER_YEAR = _words(
    "and or to was is were will would has had saw when as after before until but while "
    "through onwards onward"
)
_WEEKDAYS_TITLE = tuple(w.title() for w in _WEEKDAYS)
_MONTHS_TITLE = tuple(_MONTH_FULL.split("|"))


def _set_amount(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """ "francs a year", "twice a week", "per day": a SET rather than a duration."""
    words = text[start:end]
    if not re.fullmatch(r"(?i:a|per)\s+(?i:year|month|week|day)", words):
        return None
    previous = _previous_word(text, start).lower()
    if words.lower().startswith("per") or previous in ("once", "twice", "times"):
        return (start, end, "set")
    if re.search(r"\d|s$|%", previous) and previous not in ("was", "has", "is", "as"):
        return (start, end, "set")
    return None


def _kind_in_context(text: str, start: int, end: int, kind: str) -> str:
    """ "francs a year" is a SET; "over the next decade" a DURATION."""
    if _set_amount(text, start, end) is not None:
        return "set"
    previous = _bare(_previous_word(text, start))
    if previous in ("over", "for", "within", "throughout") and re.match(
        r"(?i:the\s+)?(?:next|past|last|following|coming|previous)\s", text[start:end]
    ):
        return "duration"
    return kind


def find_time_expressions(text: str) -> list[tuple[int, int, str]]:
    """Every time expression in ``text``: ``(start, end, kind)``, left to right, without
    overlaps. ``kind`` is ``date``, ``time``, ``duration``, ``set`` or ``ref``."""
    candidates: list[tuple[int, int, int, str]] = []
    for index, rule in enumerate(_RULES):
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if end <= start or not _plausible(text, start, end, rule):
                continue
            kind = _kind_in_context(text, start, end, rule.kind)
            candidates.append((start, end, index, kind))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    chosen: list[tuple[int, int, str]] = []
    for start, end, _, kind in candidates:
        if any(start < e and s < end for s, e, _ in chosen):
            continue
        chosen.append((start, end, kind))
    return sorted(chosen)
