"""RawItem → Document: blocks, roles, clean text with stable offsets, metadata.

This is a pure function of its input: the same item always gives the same document
(and so the same content-hash id).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.errors import NewsweaveError
from newsweave.ingest.blocks import Block, Classified
from newsweave.ingest.budgets import check_elements, check_paragraphs, run_budgeted
from newsweave.ingest.genre import detect_genre
from newsweave.ingest.html_page import Page, read_html
from newsweave.ingest.language import count_words, detect_language
from newsweave.ingest.metadata import choose_date, dateline, document_authors
from newsweave.ingest.namedate import date_in_name, name_of
from newsweave.ingest.raw import Hints, RawItem
from newsweave.ingest.segments import classify
from newsweave.ingest.sources.decode import refuse_entities
from newsweave.ingest.text_page import read_text
from newsweave.model import Document, Evidence, Role, Segment, content_id
from newsweave.model.dates import PartialDate
from newsweave.model.records import DateStatement
from newsweave.settings import IngestSettings

STAGE = "ingest"
VERSION = "1"
SEPARATOR = "\n\n"

_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:[-–]\d{2,4})?)?\s*(?P<name>[^.|•]+)", re.IGNORECASE
)


def parse(item: RawItem, *, min_words: int = 20, limits: IngestSettings | None = None) -> Document:
    """Build the Document for ``item``. Raises NewsweaveError NW103/NW106 when it holds no
    article text, and the budget errors of :mod:`.budgets` (``limits``, default
    :class:`IngestSettings`): NW126 (too many elements), NW127 (extraction too slow), NW131
    (XML entity declarations), NW132 (too many paragraphs)."""
    limits = limits or IngestSettings()
    hints = item.hints
    page_title = page_published = page_publisher = None
    page_authors: list[str] = []
    if item.format == "html":
        refuse_entities(item.content, item.source)
        check_elements(item.content, item.source, limits.max_elements)
        try:
            page = run_budgeted(_read_html, (item.content, hints.url), item.source, limits)
        except (ValueError, TypeError) as exc:
            raise NewsweaveError("NW106", item.source, str(exc) or "unparseable HTML") from exc
        blocks = page.blocks
        page_title, page_published = page.title, page.published
        page_publisher, page_authors = page.publisher, page.authors
    else:
        blocks = read_text(item.content)
    if not blocks:
        raise NewsweaveError("NW103", item.source, "no text")
    check_paragraphs(len(blocks), item.source, limits.max_paragraphs)
    title = hints.title or page_title
    classified = classify(blocks, title=title, paste=item.format == "text")
    text, segments = _assemble(classified)
    body_words = sum(count_words(text[s.start : s.end]) for s in segments if s.role is Role.BODY)
    if body_words < min_words:
        raise NewsweaveError(
            "NW106", item.source, f"only {body_words} words of article body (minimum {min_words})"
        )
    doc_id = content_id("d", text)
    role_texts = [(s.role, text[s.start : s.end]) for s in segments]
    if title is None:
        title = next((t for r, t in role_texts if r is Role.HEADLINE), None)
    publisher = hints.publisher or page_publisher or _copyright_holder(role_texts)
    authors = list(hints.authors) or page_authors or document_authors(role_texts)
    named = date_in_name(name_of(item.source, hints.url))
    date = _document_date(doc_id, text, segments, hints, page_published, named)
    body = "\n".join(t for r, t in role_texts if r.feeds_extraction)
    extra: list[tuple[str, str]] = []
    first_body = next((t for r, t in role_texts if r is Role.BODY), "")
    line = dateline(first_body, anchor_year=date.value.year if date else None)
    if line:
        extra.append(("dateline_place", line.place))
    return Document(
        id=doc_id,
        source=item.source,
        text=text,
        segments=tuple(segments),
        title=title,
        authors=tuple(dict.fromkeys(authors)),
        publisher=publisher,
        date=date,
        language=detect_language(body or text),
        genre=detect_genre(
            role_texts, url=hints.url, title=title, publisher=publisher, authors=authors
        ),
        url=hints.url,
        format=item.format,
        extra=tuple(extra),
    )


def _read_html(content: str, url: str | None) -> Page:
    """:func:`read_html` with positional arguments (what the extraction worker calls)."""
    return read_html(content, url=url)


def _assemble(classified: Sequence[Classified]) -> tuple[str, list[Segment]]:
    parts: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for item in classified:
        if parts:
            offset += len(SEPARATOR)
        segments.append(Segment(item.role, offset, offset + len(item.block.text)))
        parts.append(item.block.text)
        offset += len(item.block.text)
    return SEPARATOR.join(parts), segments


def _copyright_holder(role_texts: Sequence[tuple[Role, str]]) -> str | None:
    """The outlet from the footer's copyright line, preferring the masthead's spelling
    ("The Albion Herald" over "Albion Herald News & Media Limited")."""
    for role, text in reversed(role_texts):
        if role is not Role.BOILERPLATE:
            continue
        match = _COPYRIGHT.search(text)
        if not match:
            continue
        name = re.split(r"\s+(?:or|and) its\b", match.group("name").strip())[0]
        name = re.sub(r"[\s,]*\b(all rights reserved|ltd|limited|inc)\W*$", "", name, flags=re.I)
        name = name.strip(" ,")
        masthead = _masthead(role_texts, name)
        if masthead:
            return masthead
        if 1 <= len(name.split()) <= 8:
            return name
    return None


def _masthead(role_texts: Sequence[tuple[Role, str]], holder: str) -> str | None:
    key = re.sub(r"^the\s+", "", holder.lower())
    for role, text in role_texts:
        if role is Role.HEADLINE:
            break
        bare = re.sub(r"^the\s+", "", text.lower())
        if role is Role.BOILERPLATE and 1 <= len(text.split()) <= 5 and key.startswith(bare):
            return text.strip()
    return None


def _document_date(
    doc_id: str,
    text: str,
    segments: Sequence[Segment],
    hints: Hints,
    page_meta: str | None,
    named: PartialDate | None,
) -> DateStatement | None:
    triples = [(s.role, s.start, text[s.start : s.end]) for s in segments]
    best = choose_date(
        triples,
        page_meta=page_meta,
        source_hint=hints.published,
        captured=hints.captured,
        named=named,
    )
    if best is None:
        return None
    evidence = None
    if best.start is not None and best.end is not None:
        start = best.start
        segment = next(s for s in segments if s.start <= start < s.end or s.start == start)
        evidence = Evidence(
            doc_id, start, best.end, text[segment.start : segment.end], STAGE, VERSION
        )
    return DateStatement(best.value, best.source, best.inferred, evidence)


__all__ = ["Block", "parse"]
