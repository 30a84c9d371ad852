"""What one paragraph looks like on its own: byline, date line, caption, disclaimer, bio,
boilerplate. Pure predicates over a paragraph's text (cue data from ``ingest/data``), used by
the page-level rules of ``segments.py``."""

from __future__ import annotations

import re

from newsweave.ingest.blocks import text_key
from newsweave.ingest.cues import cue
from newsweave.ingest.language import count_words

_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|al|bin|da|dos|du|le|la)){0,4}"
_BYLINE_RE = re.compile(
    rf"^((words|reporting|written|(news )?analysis|opinion|commentary|perspective|column|"
    rf"review|story|text|posted|written and photographed) )?by\s+{_NAME}"
    rf"(\s*(,|and|&)\s*{_NAME})*\b",
    re.IGNORECASE,
)
_DATE_LINE_RE = re.compile(
    r"^(published|updated|last (updated|modified)|posted|first published)\b(\s+(on|at))?\s*:?\s*"
    r"(\w+\s+)?\d",
    re.IGNORECASE,
)
_WEEKDAY = r"(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|sday|urday)?\.?,?"
_TIME = r"\d{1,2}[.:]\d{2}(\s*[ap]\.?m\.?)?(\s*[A-Z]{2,4})?"
_ROLE_WORDS = (
    r"(correspondent|reporter|editor|writer|staff|bureau chief|contributor|columnist|"
    r"journalist|fellow|analyst)"
)
_NAME_ROLE_RE = re.compile(
    rf"^{_NAME}\s+(?:[A-Z][\w-]*\s+){{0,3}}(senior |chief |staff )?"
    rf"{_ROLE_WORDS}s?$"
)
_AND_NAME_RE = re.compile(rf"^(and|&)\s+{_NAME}$")
_NOT_PLACE = (
    r"(?!(january|february|march|april|may|june|july|august|september|october|november|"
    r"december|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b)"
)
"""A time, not a place: "Clinching in November" is a subheading, not NAME in PLACE."""
_NAME_IN_PLACE_RE = re.compile(
    rf"^{_NAME}\s+in\s+(?i:{_NOT_PLACE})[A-Z][\w'’-]+(\s+(and|&)\s+{_NAME})?$"
)
_BIO_RE = re.compile(
    rf"^{_NAME}\s+"
    r"(is|was|has been|writes|covers|reports)\b.{0,200}\b("
    r"correspondent|reporter|journalist|editor|columnist|contributor|writer|author|"
    r"fellow|professor|lecturer|analyst|researcher|director|economist|"
    r"freelance|based in|follow (her|him|them))"
    r"|^(?-i:[A-Z][\w'’.-]+(\s+[A-Z][\w'’.-]+){1,3})\s+is\s+(a|an)\s+([\w-]+\s+){0,3}"
    r"(engineer|adviser|advisor|consultant|lawyer|scientist|historian|doctor|physician)\b"
    r"|^[A-Z][\w'’.-]+(\s+[A-Z][\w'’.-]+){1,3}\s+(writes|reports|blogs)\s+(about|on)\b"
    r"|^[A-Z][\w'’.-]+(\s+[A-Z][\w'’.-]+){1,3}\s+is\s+(the\s+)?[A-Z][\w.&' -]{1,40}['’]s\s+"
    r"([\w-]+\s+){0,3}(curator|host|producer|presenter|critic|editor|writer|reporter|"
    r"correspondent|columnist)\b"
    rf"|^{_NAME}['’]s\b.{{0,300}}\b[Ff]ollow (him|her|them) on\b",
)
_DATELINE_RE = re.compile(r"^[A-Z][A-Z .'-]{2,40},\s")
_CREDITS_RE = re.compile(
    r"^(\(?(additional )?reporting|writing|editing|compiled|produced) by\b.{0,300}"
    r"[;,]\s*(additional reporting|writing|editing) by\b",
    re.IGNORECASE,
)
"""A wire story's credit line ("Reporting by A in X; Writing by B; Editing by C"): who
wrote it, whatever the page's markup calls it."""


def _words(text: str) -> int:
    return count_words(text)


def looks_like_boilerplate(text: str) -> bool:
    """Page furniture: consent banners, newsletter prompts, share/related links, footers."""
    stripped = text.strip()
    if not stripped:
        return True
    if _words(stripped) > 40:
        return False
    if cue("boilerplate").search(stripped) or cue("series").search(stripped):
        return True
    return _is_menu(stripped)


def _is_menu(text: str) -> bool:
    """A run of short capitalised link words without sentence punctuation."""
    words = re.sub(r"[|•·›»/]", " ", text).split()
    if len(words) < 3 or len(words) > 14 or re.search(r"[.!?,;:\"“”]", text):
        return False
    if _BYLINE_RE.match(text):
        return False
    return all(w[0].isupper() or w in {"&", "and", "of"} for w in words)


def looks_like_caption(text: str) -> bool:
    return _words(text) <= 80 and bool(cue("caption").search(text.strip()))


def looks_like_disclaimer(text: str) -> bool:
    stripped = text.strip()
    return _words(text) <= 80 and bool(
        cue("disclaimer").search(stripped) or cue("syndication").search(stripped)
    )


CREDIT_LINE_WORDS = 60
"""A credit line of the ``byline`` cues ("Associated Press writers … contributed") is read
up to this long."""


def looks_like_byline(text: str) -> bool:
    """``By Jane Roe in Lagos March 3, 2023``, ``Published 9 January 2024``."""
    stripped = text.strip()
    if _words(stripped) <= CREDIT_LINE_WORDS and cue("byline").search(stripped):
        return True  # a credit line naming many colleagues runs long ("A, B and C contributed")
    if _words(stripped) > 25 or (stripped.endswith((".", "?", "!")) and _words(stripped) > 12):
        return False
    if cue("related_heads").search(stripped):
        return False  # "More in Opinion" is a heading of links, not "NAME in PLACE"
    return bool(
        _BYLINE_RE.match(stripped)
        or _DATE_LINE_RE.match(stripped)
        or _NAME_ROLE_RE.match(stripped)
        or _AND_NAME_RE.match(stripped)
        or _NAME_IN_PLACE_RE.match(stripped)
        or is_date_line(stripped)
        or cue("byline").search(stripped)
        or _name_and_date(stripped)
    )


_NAME_MARK_RE = re.compile(rf"^{_NAME}\s*[•·|]\s*(?P<rest>\S.*)$")


def _name_and_date(text: str) -> bool:
    """``Jane Roe • 12 March 2024``, ``Jane Roe | 3 hours ago``: a name, a mark, a date."""
    found = _NAME_MARK_RE.match(text)
    if not found:
        return False
    rest = found.group("rest")
    return is_date_line(rest) or bool(re.fullmatch(r"\d+\s+\w+\s+ago", rest.strip(), re.I))


_SHARE_HEAD = re.compile(
    r"^(?:(?:facebook|twitter|comments?|print|e-?mail|whatsapp|linkedin|share|reddit|pinterest)"
    r"\s*)+(?=by\b)",
    re.IGNORECASE,
)
_SHARE_TAIL = re.compile(
    r"(?:\s*share (?:on|via) (?:facebook|twitter|e-?mail|whatsapp|linkedin|pinterest|reddit))+\s*$",
    re.IGNORECASE,
)
_READ_TIME = re.compile(r"\s*\d+\s+min(?:ute)?s?\.?\s+read\s*$", re.IGNORECASE)
_DATE_WORD = re.compile(r"(published|updated|posted|modified)", re.IGNORECASE)
_AGO = re.compile(
    r"\b\d+\s+(?:mins?|minutes?|hours?|hrs?|days?|weeks?|months?)(?:\s+ago\b|\s*$)",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})|\d{4}-\d\d-\d\d)\b")
_CAPITAL_WORD = r"[A-Z][\w'’.-]*"
_NAME_PIECE = re.compile(
    rf"{_CAPITAL_WORD}(?:\s+(?:{_CAPITAL_WORD}|de|van|von|al|bin|da|du|le|la)){{0,4}}"
)
_HANDLES = re.compile(r"\S+@\S+\.\w+|@\w+")
_ROLE_TAIL = re.compile(r"\s+[-–—|/]\s+.*$")


def byline_core(text: str) -> str:
    """A byline box's text without the share buttons and reading time glued to it
    ("FacebookTwitterEmailBy Jane Roe", "… Share on Facebook", "Jane Roe5 Min Read")."""
    core = _SHARE_HEAD.sub("", text.strip())
    core = _SHARE_TAIL.sub("", core)
    return _READ_TIME.sub("", core).strip()


_TIME_ONLY = re.compile(rf"(?:(?:today|yesterday),?\s+)?{_TIME}", re.IGNORECASE)
"""A byline box's time line ("19:09", "Today 12:01 AM")."""


def has_byline_content(text: str) -> bool:
    """Whether a box the page marks as its byline holds what a byline holds: a "By"
    line, a date or time, a publication word, or one or more full names. Category lists,
    counters, search widgets and a lone section label ("Editorial") do not."""
    from newsweave.ingest.datefind import find_dates

    core = byline_core(text)
    if _NUMERIC_DATE.fullmatch(core) or _TIME_ONLY.fullmatch(core):
        return True  # "13/06/2014", "19:09" (the counters cue would read them as stray numbers)
    if not core or _words(core) > 25 or cue("boilerplate").search(core):
        return False
    label = cue("genre", "opinion_text").match(core) or cue("genre", "analysis_text").match(core)
    if label and _words(core) <= 3:
        return False  # a section label set in the byline box ("Editorial")
    if looks_like_byline(core) or _DATE_WORD.search(core) or _AGO.search(core):
        return True
    if (
        any(True for _ in find_dates(core))
        or _NUMERIC_DATE.search(core)
        or re.fullmatch(rf"(?:{_TIME}\s*)+", core)
    ):
        return True
    if re.fullmatch(r"@\w+", core):
        return True  # the writer's handle on its own line of the byline box
    core = _HANDLES.sub(" ", core).strip()
    if core and looks_like_byline(core):
        return True  # "NAME News reporter @handle": the line under the handle is a byline
    head = _ROLE_TAIL.sub("", core)
    core = head if len(head.split()) >= 2 else core  # "NAME - Science Contributor"
    words = core.split()
    if not words:
        return False
    if "," not in core and len(words) <= 16 and all(re.fullmatch(_CAPITAL_WORD, w) for w in words):
        return True  # a name, or a name card ("NAME The Daily Paper Biography")
    pieces = re.split(r"\s*(?:,|\band\b|&)\s*", core)
    return len(pieces[0].split()) >= 2 and all(_NAME_PIECE.fullmatch(p) for p in pieces)


def is_date_line(text: str) -> bool:
    """A line that is only a date, maybe with a weekday and a time: ``Sun 31 Dec 2023 14.02``."""
    from newsweave.ingest.datefind import find_dates

    stripped = text.strip()
    if len(stripped.split()) > 10:
        return False
    found = [f for f in find_dates(stripped) if f.has_year]
    if not found:
        return False
    rest = stripped[: found[0].start] + " " + stripped[found[0].end :]
    rest = re.sub(_WEEKDAY, " ", rest, flags=re.IGNORECASE)
    rest = re.sub(_TIME, " ", rest)
    filler = r"[\W_]+|\b(at|on|gmt|utc|updated|published|first|posted|last|modified)\b"
    return not re.sub(filler, "", rest, flags=re.I)


def looks_like_bio(text: str) -> bool:
    stripped = text.strip()
    return _words(text) <= 90 and bool(_BIO_RE.match(stripped) or cue("bio").search(stripped))


def _headline_candidate(text: str) -> bool:
    stripped = text.strip()
    return 2 <= _words(stripped) <= 25 and not stripped.endswith((".", ":", ";", ","))


def _same(a: str, b: str) -> bool:
    return text_key(a) == text_key(b)
