"""Metadata from page furniture: authors from bylines, the document's date, datelines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.ingest.datefind import find_dates
from newsweave.model import PartialDate, Role

_BY = re.compile(
    r"^\s*(?:(?:words|written|reporting|(?:news )?analysis|opinion|commentary|perspective|"
    r"column|review|story|text|posted)\s+)?by\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
"""A byline, with a credit or genre label before "by" ("Analysis by NAME")."""
_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al|bin|da|du|le|la))*")
_CUT = re.compile(
    r"\s+(?:in|at|from)\s+[A-Z]|\s*[|·•—–-]\s|,\s*(?:[a-z]|\d|[A-Z][a-z]+\s+\d)|\s+\d|"
    r"\s+(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|"
    r"\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"\s+(?:published|updated|posted)\b|\s+on\s+(?:\d|[A-Z])|"
    r"(?<=[a-z])(?-i:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s*\d",
    re.IGNORECASE,
)
"""Where a byline's names end; the last branch cuts a date glued to the name by a page
that set them in two boxes ("By Jane RoeMarch 3, 2023")."""
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'’-]{2,40}?)(?:,\s*[A-Z][A-Za-z .]+?)?\s*(?:,|\()\s*"
    r"(?P<rest>[^—–-]{0,60}?)\s*(?:\)|[—–-])\s",
)


def authors_from_byline(text: str) -> list[str]:
    """``By Jane Roe and John Doe in Lagos March 3, 2023`` → ``["Jane Roe", "John Doe"]``."""
    match = _BY.match(text)
    if not match:
        return _bare_byline(text)
    rest = match.group("rest")
    cut = _CUT.search(rest)
    if cut:
        rest = rest[: cut.start()]
    names = re.split(r"\s*(?:,|\band\b|&)\s*", rest)
    return [n.strip() for n in names if _NAME.fullmatch(n.strip() or "x")]


_PERSON = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}"
_BARE = re.compile(
    rf"^(?:(?:and|&)\s+)?(?P<a>{_PERSON}?)(?:\s+in\s+[A-Z][\w'’-]+)?"
    rf"(?:\s+(?:and|&)\s+(?P<b>{_PERSON}))?(?:\s+(?P<role>[A-Z][\w\s-]*|[a-z][\w\s-]*))?$"
)


def _bare_byline(text: str) -> list[str]:
    """Bylines without "By": ``Rachel Roe West Africa correspondent``, ``Ann Lee in Accra and
    Tom Fox``, ``and Esi Klutse`` (the caller has already judged the line a byline)."""
    match = _BARE.match(text.strip())
    if not match:
        return []
    names = [match.group("a")]
    if match.group("b"):
        names.append(match.group("b"))
    role = match.group("role")
    if role and not match.group("b") and len(names[0].split()) == 3:
        # "Rachel Penhaligon West" + "Africa correspondent": a name is two words here
        names[0] = " ".join(names[0].split()[:2])
    return [n for n in names if n]


@dataclass(frozen=True)
class Dateline:
    place: str
    date: PartialDate | None
    end: int


def dateline(text: str, *, anchor_year: int | None) -> Dateline | None:
    """``PORT AMANI, Jan 9 (Ledger) -`` at the start of a lead paragraph."""
    match = _DATELINE.match(text)
    if not match:
        return None
    place = match.group("place").strip().title()
    found = next(iter(find_dates(match.group("rest"), anchor_year=anchor_year)), None)
    return Dateline(place, found.value if found else None, match.end())


@dataclass(frozen=True)
class DateCandidate:
    value: PartialDate
    source: str
    inferred: bool
    start: int
    end: int
    """Offsets in the clean text."""


_STATED_ROLES = {Role.BYLINE: "byline", Role.AUTHOR_BIO: "author-bio", Role.DISCLAIMER: "byline"}


def dates_in_segments(
    segments: Sequence[tuple[Role, int, str]], *, anchor_year: int | None
) -> list[DateCandidate]:
    """Candidate document dates, most reliable first.

    ``segments`` are (role, start offset, text). Bylines, "Published ..." lines, datelines
    and author bios state the date; captions and body dates only suggest it (inferred).
    """
    stated: list[DateCandidate] = []
    inferred: list[DateCandidate] = []
    first_body = True
    for role, start, text in segments:
        if role in _STATED_ROLES:
            for found in find_dates(text, anchor_year=anchor_year):
                if found.value:
                    stated.append(
                        DateCandidate(
                            found.value,
                            _STATED_ROLES[role],
                            False,
                            start + found.start,
                            start + found.end,
                        )
                    )
        elif role is Role.BODY and first_body:
            first_body = False
            line = dateline(text, anchor_year=anchor_year)
            if line and line.date:
                stated.append(DateCandidate(line.date, "dateline", False, start, start + line.end))
        elif role is Role.CAPTION:
            for found in find_dates(text, anchor_year=None):
                if found.value:
                    inferred.append(
                        DateCandidate(
                            found.value, "caption", True, start + found.start, start + found.end
                        )
                    )
    # the latest captioned photo is closest to the publication date
    inferred.sort(key=lambda c: c.value, reverse=True)
    return stated + inferred


def latest_year(texts: Sequence[str]) -> int | None:
    """The year of the latest full date anywhere in ``texts``: it anchors day-month dates
    ("on 2 January") when the page states no date of its own."""
    years = [
        found.value.year
        for text in texts
        for found in find_dates(text)
        if found.has_year and found.value
    ]
    return max(years) if years else None


@dataclass(frozen=True)
class DateChoice:
    """The document date chosen and where it came from (offsets into the clean text)."""

    value: PartialDate
    source: str
    inferred: bool
    start: int | None = None
    end: int | None = None


def _republished(segments: Sequence[tuple[Role, int, str]]) -> bool:
    from newsweave.ingest.cues import cue

    return any(
        role in (Role.DISCLAIMER, Role.BOILERPLATE) and cue("syndication").search(text)
        for role, _, text in segments
    )


def choose_date(
    segments: Sequence[tuple[Role, int, str]],
    *,
    page_meta: str | None,
    source_hint: str | None,
    captured: str | None,
    named: PartialDate | None = None,
) -> DateChoice | None:
    """The page's own date first, the capture date last.

    Order: the page's metadata (meta tags, JSON-LD, time elements; but the dateline of a
    story the page says it republishes), a date the page states in its furniture (byline,
    "Published …", dateline, author bio), the date the source gave (feed item, JSONL
    field), then the inferred ones: a date in the page's file name or URL path (``named``),
    a dated caption, and last the capture date (WARC-Date and the like). The capture date is
    also an upper bound: a page cannot be published after it was captured, so a later
    candidate is skipped.
    """
    bound = PartialDate.parse(captured)

    def fits(value: PartialDate) -> bool:
        return bound is None or value.as_date() <= bound.as_date()

    meta = PartialDate.parse(page_meta)
    anchor = meta.year if meta else latest_year([t for _, _, t in segments])
    candidates = [c for c in dates_in_segments(segments, anchor_year=anchor) if fits(c.value)]
    if meta and fits(meta):
        line = next((c for c in candidates if c.source == "dateline"), None)
        if line and _republished(segments) and line.value.as_date() <= meta.as_date():
            # a republished story: its own dateline dates it, the meta tag the reprint
            return DateChoice(line.value, "dateline", False, line.start, line.end)
        return DateChoice(meta, "html-meta", False)
    stated = [c for c in candidates if not c.inferred]
    if stated:
        return DateChoice(stated[0].value, stated[0].source, False, stated[0].start, stated[0].end)
    hinted = PartialDate.parse(source_hint)
    if hinted and fits(hinted):
        return DateChoice(hinted, "source-metadata", False)
    if named and fits(named):
        # the publisher's or archivist's filing date: above a caption's photo date
        return DateChoice(named, "file-name", True)
    if candidates:
        best = candidates[0]
        return DateChoice(best.value, best.source, True, best.start, best.end)
    if bound:
        return DateChoice(bound, "capture-date", True)
    return None


_WRITES = re.compile(
    r"(?:^|[,;.—–-]\s*|\s)(?:writes|argues|contends|reports|explains)\s+"
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|al|bin|da|du|le|la)){1,3})"
    r"\s*[.!]?\s*$"
)
"""``"…, writes Jane Roe"`` closing a standfirst or a line of its own."""
_SIGNATURE = re.compile(r"^\s*[—–-]{1,2}\s*(?P<name>" + _PERSON + r")\s*(?:,.{0,60})?$")
"""``— Jane Roe`` (an author's signature under a column or letter)."""
_BIO_NAME = re.compile(r"^(?P<name>" + _PERSON + r")\s+(?:is|was|has been|writes|covers)\b")


def document_authors(role_texts: Sequence[tuple[Role, str]]) -> list[str]:
    """The authors a page names: its first run of bylines, else a "…, writes NAME" line
    (standfirst or byline), else a signature, else the subject of the author bio."""
    names: list[str] = []
    for role, text in role_texts:
        if role is Role.BYLINE:
            names.extend(authors_from_byline(text))
        elif names:
            break
    if names:
        return names
    for role, text in role_texts:
        if role in (Role.STANDFIRST, Role.BYLINE, Role.HEADLINE, Role.DISCLAIMER):
            match = _WRITES.search(text)
            if match:
                return [match.group("name")]
    for role, text in role_texts:
        if role in (Role.BYLINE, Role.BODY):
            match = _SIGNATURE.match(text)
            if match and len(text.split()) <= 12:
                names.append(match.group("name"))
    if names:
        return names[-1:]
    for role, text in role_texts:
        if role is Role.AUTHOR_BIO:
            match = _BIO_NAME.match(text.strip())
            if match:
                return [match.group("name")]
    return []
