"""Give every block of a page a role: headline, standfirst, body, caption, byline,
author-bio, disclaimer or boilerplate. Pure rules, shared by HTML pages and text pastes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.ingest.blocks import Block
from newsweave.model import Role

STAGE = "segments"
VERSION = "1"

_BOILERPLATE = [
    # cookie banners and consent buttons
    r"\bwe use cookies\b",
    r"\bcookie (policy|settings|preferences)\b",
    r"^(accept|accept all|reject|reject all|close|ok|got it|i agree|agree|dismiss|"
    r"manage (preferences|cookies|settings)|continue|menu|search|skip to (main )?content|"
    r"advertisement|advert|sponsored|more|print|email|comments?|log ?in|sign ?in|register|"
    r"subscribe|donate|home|back to top|listen|share|save|next|previous|top stories)\W*$",
    # newsletters and subscriptions
    r"\bsign up\b",
    r"\bsubscribe (now|today|to)\b",
    r"\bnewsletter\b",
    r"\b(in|to) your inbox\b",
    r"\bsupport (our|independent) journalism\b",
    # share and related links, navigation
    r"^share (on|this|via)\b",
    r"\bshare on (facebook|x|twitter|whatsapp|linkedin)\b",
    r"^(facebook|twitter|x|whatsapp|linkedin|email|copy link)(\s+(facebook|twitter|x|whatsapp|"
    r"linkedin|email|copy link))*\s*$",
    r"^(related|read more|more on this( story)?|see also|recommended|most read|most popular|"
    r"you may also like|also read|further reading|trending|latest)\b\s*:?",
    r"^read part (one|two|three|four|\d+)\b",
    r"^(next|previous) (article|story|part)\b",
    r"^(this is )?part (one|two|three|\d+) of (a|an|our)\b",
    r"^(topics|tags|filed under)\s*:",
    # footers
    r"©|\(c\) \d{4}|\ball rights reserved\b",
    r"^(terms (of use|and conditions)|privacy policy|contact us|about us)\b",
    r"\breport an error\b|\bsend us a tip\b",
]
_BOILERPLATE_RE = re.compile("|".join(f"(?:{p})" for p in _BOILERPLATE), re.IGNORECASE)

_CAPTION_RE = re.compile(
    r"(\b(photograph|photo|picture|image|credit|illustration|video)s?\s*:\s*\S)|"
    r"(\b(via getty images|/reuters|/afp|/ap|/epa|/anadolu)\b\.?\s*$)|"
    r"(\((photo|picture|image)[^)]*\)\s*$)|(^(pictured|above|top|below)\s*:)",
    re.IGNORECASE,
)
_DISCLAIMER_RE = re.compile(
    r"(views expressed|do(es)? not necessarily (reflect|represent)|the author'?s own|"
    r"\beditor'?s note\b|^correction\s*:|this (article|story) (has been|was) (amended|updated|"
    r"corrected|first published|originally published)|\bfirst published (by|in|on)\b|"
    r"\boriginally published (by|in|on)\b|\brepublished (with|under)\b|"
    r"\bthis (article|piece|story) is (an opinion|part of|republished)\b|"
    r"\bdisclosure\s*:|\bconflict of interest\b)",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|al|bin|da|dos|du|le|la)){0,4}"
_BYLINE_RE = re.compile(
    rf"^(by|words by|reporting by|written by)\s+{_NAME}"
    rf"(\s*(,|and|&)\s*{_NAME})*\b",
    re.IGNORECASE,
)
_DATE_LINE_RE = re.compile(
    r"^(published|updated|last (updated|modified)|posted|first published)\b(\s+(on|at))?\s*:?\s*"
    r"(\w+\s+)?\d",
    re.IGNORECASE,
)
_BIO_RE = re.compile(
    rf"^{_NAME}\s+(is|was|has been|writes|covers|reports)\b.{{0,200}}\b("
    r"correspondent|reporter|journalist|editor|columnist|contributor|writer|author|"
    r"fellow|professor|lecturer|analyst|researcher|director|economist|"
    r"freelance|based in|follow (her|him|them))",
)
_DATELINE_RE = re.compile(r"^[A-Z][A-Z .'-]{2,40},\s")


@dataclass(frozen=True)
class Classified:
    block: Block
    role: Role


def _words(text: str) -> int:
    return len(text.split())


def looks_like_boilerplate(text: str) -> bool:
    """Page furniture: consent banners, newsletter prompts, share/related links, footers."""
    stripped = text.strip()
    if not stripped:
        return True
    if _words(stripped) > 40:
        return False
    if _BOILERPLATE_RE.search(stripped):
        return True
    return _is_menu(stripped)


def _is_menu(text: str) -> bool:
    """A run of short capitalised link words without sentence punctuation."""
    words = text.replace("|", " ").replace("•", " ").split()
    if len(words) < 3 or len(words) > 14 or re.search(r"[.!?,;:\"“”]", text):
        return False
    if _BYLINE_RE.match(text):
        return False
    return all(w[0].isupper() or w in {"&", "and", "of"} for w in words)


def looks_like_caption(text: str) -> bool:
    return _words(text) <= 80 and bool(_CAPTION_RE.search(text))


def looks_like_disclaimer(text: str) -> bool:
    return _words(text) <= 80 and bool(_DISCLAIMER_RE.search(text))


def looks_like_byline(text: str) -> bool:
    """``By Jane Roe in Lagos March 3, 2023``, ``Published 9 January 2024``."""
    stripped = text.strip()
    if _words(stripped) > 25 or (stripped.endswith((".", "?", "!")) and _words(stripped) > 12):
        return False
    return bool(_BYLINE_RE.match(stripped) or _DATE_LINE_RE.match(stripped))


def looks_like_bio(text: str) -> bool:
    return _words(text) <= 90 and bool(_BIO_RE.match(text.strip()))


def _headline_candidate(text: str) -> bool:
    stripped = text.strip()
    return 2 <= _words(stripped) <= 25 and not stripped.endswith((".", ":", ";", ","))


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def classify(blocks: Sequence[Block], *, title: str | None = None) -> list[Classified]:
    """Roles for ``blocks`` in page order; a standfirst repeated in the body is kept once.

    ``title`` (from page metadata) helps find the headline in a text paste.
    """
    out: list[Classified] = []
    seen_headline = seen_body = False
    standfirst: str | None = None
    for index, block in enumerate(blocks):
        role = _role(block, index, blocks, seen_headline, seen_body, title)
        # a page has one headline and one standfirst: markup that claims more (teasers of
        # related stories) is furniture; text that only looked like one is body
        if role is Role.HEADLINE:
            if seen_headline or seen_body:
                role = Role.BOILERPLATE if block.hint is Role.HEADLINE else Role.BODY
            seen_headline = True
        elif role is Role.STANDFIRST and (standfirst is not None or seen_body):
            role = Role.BOILERPLATE if block.hint is Role.STANDFIRST else Role.BODY
        if role is Role.STANDFIRST:
            standfirst = block.text
        if role is Role.BODY:
            if standfirst is not None and not seen_body and _same(block.text, standfirst):
                continue  # the repeated standfirst: one segment, not two
            seen_body = True
        out.append(Classified(block, role))
    return out


def _role(
    block: Block,
    index: int,
    blocks: Sequence[Block],
    seen_headline: bool,
    seen_body: bool,
    title: str | None,
) -> Role:
    text = block.text.strip()
    if block.hint in (Role.HEADLINE, Role.STANDFIRST, Role.CAPTION, Role.BOILERPLATE):
        return block.hint
    if looks_like_boilerplate(text):
        return Role.BOILERPLATE
    if block.hint is not None:
        return block.hint
    if looks_like_disclaimer(text):
        return Role.DISCLAIMER
    if looks_like_caption(text):
        return Role.CAPTION
    if looks_like_byline(text):
        return Role.BYLINE
    if looks_like_bio(text) and (seen_body or index > len(blocks) // 2):
        return Role.AUTHOR_BIO
    if not seen_headline and not seen_body:
        if title and _same(text, title):
            return Role.HEADLINE
        if title is None and _headline_candidate(text):
            return Role.HEADLINE
    if seen_headline and not seen_body and _standfirst_candidate(text, index, blocks):
        return Role.STANDFIRST
    return Role.BODY


def _standfirst_candidate(text: str, index: int, blocks: Sequence[Block]) -> bool:
    """A one- or two-sentence summary right under the headline, not a dateline lead."""
    if _DATELINE_RE.match(text) or not 6 <= _words(text) <= 60:
        return False
    if any(_same(text, later.text) for later in blocks[index + 1 :]):
        return True  # repeated below: certainly the standfirst
    # above the byline: a summary, not the lede
    for later in blocks[index + 1 : index + 4]:
        if looks_like_byline(later.text):
            return True
        if not looks_like_boilerplate(later.text) and not looks_like_caption(later.text):
            return False
    return False
