"""Give every block of a page a role: headline, standfirst, body, caption, byline,
author-bio, disclaimer or boilerplate. Pure rules, shared by HTML pages and text pastes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.ingest.blocks import Block, Classified, text_key
from newsweave.ingest.cues import cue, cues_version
from newsweave.ingest.link_lines import link_furniture
from newsweave.ingest.page_strips import name_over_date, page_strips
from newsweave.ingest.paragraph_roles import (
    _CREDITS_RE,
    _DATELINE_RE,
    _NAME,
    _headline_candidate,
    _is_menu,
    _same,
    _words,
    has_byline_content,
    is_date_line,
    looks_like_bio,
    looks_like_boilerplate,
    looks_like_byline,
    looks_like_caption,
    looks_like_disclaimer,
)
from newsweave.model import Role

STAGE = "segments"
VERSION = f"2.{cues_version()}"

RELATED_LINK_WORDS = 40
_LIST_MARKS = ("- ", "• ", "· ")
LINK_WORDS = 15
"""Below the article, a line this short without closing punctuation reads as a link."""
_FURNITURE = (Role.BOILERPLATE, Role.AUTHOR_BIO, Role.BYLINE)
_FURNITURE_ALL = (*_FURNITURE, Role.DISCLAIMER, Role.CAPTION)
_PUBLISHED_WORD = re.compile(r"\b(published|updated|posted|modified|first)\b", re.I)
"""A date line that says what the date is: the article's own, wherever it stands."""
REPEAT_RUN = 3
"""This many repeated body paragraphs in a row are a second copy of the article."""
REPEAT_WORDS = 12
"""Only paragraphs of prose count as repeats (not list items or table rows)."""
_WRITES_RE = re.compile(
    rf"[,;.—–-]\s*(writes|argues|contends)\s+{_NAME}\s*[.!]?\s*$", re.IGNORECASE
)
"""A summary line that ends by naming its writer ("…, writes Jane Roe")."""
_TRUNCATED = re.compile(r"([,;:]\s*|\w)(\.\.\.|…)$")
"""A summary cut off mid-sentence ("…, the minister said,...") is a teaser's."""
CREDIT_WORDS = 8
"""A caption this short is a bare credit ("Photo: Agency") that may follow its own
dated place line ("Ashby, 8 October 2024.")."""


def classify(
    blocks: Sequence[Block], *, title: str | None = None, paste: bool = False
) -> list[Classified]:
    """Roles for ``blocks`` in page order; a standfirst repeated in the body is kept once.

    ``title`` (from page or source metadata) pins the headline; without it the headline of
    a paste is the short line that heads the byline (or the first paragraph). Text above
    the headline of a ``paste`` (plain text copied from a page) that is not a caption,
    byline or the like is page furniture; in HTML, trafilatura has already chosen the
    article's text, so nothing it kept is demoted for where it stands.
    """
    base = [_base_role(block) for block in blocks]
    first_body = _first_body(blocks, base)
    headline = _find_headline(blocks, base, first_body, title)
    out: list[Classified] = []
    standfirst: str | None = None
    seen_body = in_comments = in_related = False
    for index, (block, role) in enumerate(zip(blocks, base, strict=True)):
        if seen_body and cue("comments").search(block.text.strip()):
            in_comments = True  # readers' comments below the article are not the article
        if in_comments and role is None:
            role = Role.BOILERPLATE
        heading = role is None and bool(cue("related_heads").search(block.text.strip()))
        if heading and (seen_body or (headline is not None and index > headline)):
            role = Role.BOILERPLATE  # "Popular on SITE": the heading of a list of links
        if in_related and role is None and _words(block.text) <= RELATED_LINK_WORDS:
            role = Role.BOILERPLATE  # a headline in a list of links to other stories
        else:
            in_related = seen_body and (
                bool(cue("related_heads").search(block.text.strip()))
                or (in_related and role in (Role.BOILERPLATE, Role.BYLINE))  # dates, labels
            )
        if role is Role.STANDFIRST and index == headline:
            role = Role.HEADLINE  # the page title in a box marked as a summary
        if role is Role.HEADLINE and index != headline:
            role = Role.BOILERPLATE  # a second marked headline: a teaser
        if role is Role.AUTHOR_BIO and not seen_body:
            role = None
        if (
            role is Role.BYLINE
            and seen_body
            and is_date_line(block.text)
            and not _PUBLISHED_WORD.search(block.text)
        ):
            role = Role.BOILERPLATE  # dates of related stories below the article
        if role is None:
            if index == headline:
                role = Role.HEADLINE
            elif not seen_body and name_over_date(index, blocks):
                role = Role.BYLINE  # "NAME" on its own line over the date line: a byline
            elif headline is not None and index < headline and (paste or _words(block.text) <= 6):
                role = Role.BOILERPLATE  # furniture above the headline (kickers, menus)
            elif (
                not seen_body
                and standfirst is None
                and _standfirst_candidate(block.text, index, blocks)
            ):
                role = Role.STANDFIRST
            else:
                role = Role.BODY
        if role is Role.STANDFIRST and headline is not None and index < headline:
            role = Role.BOILERPLATE  # a teaser or kicker box above the headline
        if role is Role.STANDFIRST:
            if standfirst is not None and not seen_body and _lead_in_box(index, blocks):
                role = Role.BODY  # a summary-marked box holding the story's first paragraph
            elif standfirst is not None or seen_body:
                role = Role.BOILERPLATE if block.hint is Role.STANDFIRST else Role.BODY
            else:
                standfirst = block.text
        if role is Role.BODY:
            if standfirst is not None and not seen_body and _same(block.text, standfirst):
                continue  # the repeated standfirst: one segment, not two
            if (
                headline is not None
                and index > headline
                and _same(block.text, blocks[headline].text)
            ):
                role = Role.BOILERPLATE  # the headline again (print view, share box)
        if role is Role.BODY and (headline is None or index > headline):
            seen_body = True
        out.append(Classified(block, role))
    out = _credited(_teaser_bylines(_second_copy(_subheads(out))))
    out = page_strips(link_furniture(out))
    out = _trailing_links(_other_dates(_furniture_runs(out, paste=paste)))
    out = _widget_rows(_bio_names(out))
    return _sandwiched(out) if paste else out


def _furniture_runs(items: list[Classified], *, paste: bool) -> list[Classified]:
    """Below the last paragraph of prose, furniture goes on while it looks like links: list
    items ("- Headline …") and short lines without closing punctuation (a related
    headline, "World", "Careers") after furniture."""
    out = list(items)
    body_seen = False
    prose = [
        i
        for i, item in enumerate(out)
        if item.role in (Role.BODY, Role.DISCLAIMER)  # a closing note ends the article too
        and _words(item.block.text) >= 20
        and not item.block.text.lstrip().startswith(_LIST_MARKS)
    ]
    tail = prose[-1] if prose else len(out)
    for index, item in enumerate(out):
        text = item.block.text.strip()
        listed = item.role is Role.CAPTION and text.startswith(_LIST_MARKS)
        after = index > tail and out[index - 1].role in _FURNITURE
        if (item.role is Role.BODY or listed) and after:
            link_item = text.startswith(_LIST_MARKS) and _words(text) <= 40
            label = (
                (paste or out[index - 1].role is Role.BOILERPLATE)
                and _words(text) <= LINK_WORDS
                and not text.endswith((".", "!", "?", ":", '"', "”", ")"))
            )
            if body_seen and (link_item or label):
                out[index] = Classified(item.block, Role.BOILERPLATE)
                continue
        if item.role is Role.BODY:
            body_seen = True
    return out


NOTE_WORDS = 150
"""A site's standing note (reprint terms, membership pitch) is at most this long."""
BIO_WORDS = 8
"""A bio is at least this long ("NAME is a freelance writer living in PLACE")."""
BIO_NAME_WORDS = 5
"""A name line above an author bio is at most this long ("Jane Roe", "Dr Ama K. Mensah")."""


def _bio_names(items: list[Classified]) -> list[Classified]:
    """The writer's name standing alone right above the bio that opens with it is the bio
    box's heading, part of the bio (not a byline, not furniture)."""
    out = list(items)
    for index in range(len(out) - 1):
        line, bio = out[index].block.text.strip(), out[index + 1]
        if (
            bio.role is Role.AUTHOR_BIO
            and out[index].role in (Role.BYLINE, Role.BOILERPLATE, Role.BODY)
            and 0 < _words(line) <= BIO_NAME_WORDS
            and line[:1].isupper()
            and text_key(bio.block.text).startswith(text_key(line) + " ")
        ):
            out[index] = Classified(out[index].block, Role.AUTHOR_BIO)
    for index in range(1, len(out)):
        head, line = out[index - 1], out[index].block.text.strip()
        if (
            head.role is Role.AUTHOR_BIO
            and cue("bio_heads").search(head.block.text.strip())
            and out[index].role in (Role.BYLINE, Role.BOILERPLATE, Role.BODY)
            and 0 < _words(line) <= BIO_NAME_WORDS
            and line[:1].isupper()
        ):
            out[index] = Classified(out[index].block, Role.AUTHOR_BIO)  # the card's name
    return out


def _widget_rows(items: list[Classified]) -> list[Classified]:
    """The rows of a table whose header row is furniture (a stock-quote widget) are
    furniture too."""
    out = list(items)
    for index in range(1, len(out)):
        if (
            out[index].block.text.lstrip().startswith("|")
            and out[index - 1].block.text.lstrip().startswith("|")
            and out[index - 1].role is Role.BOILERPLATE
        ):
            out[index] = Classified(out[index].block, Role.BOILERPLATE)
    return out


def _other_dates(items: list[Classified]) -> list[Classified]:
    """Bare date lines after the page's own dated byline that name other days are the dates
    of teasers (a sidebar of other stories), not the article's; a line that says what the
    date is ("Updated …", "First published …") stays a byline."""
    from newsweave.ingest.datefind import find_dates

    out = list(items)
    own: set[str] = set()
    for index, item in enumerate(out):
        text = item.block.text
        if item.role is not Role.BYLINE:
            continue
        days = {str(f.value) for f in find_dates(text) if f.has_year and f.value is not None}
        if not days:
            continue
        if own and is_date_line(text) and not _PUBLISHED_WORD.search(text) and not days & own:
            out[index] = Classified(item.block, Role.BOILERPLATE)
        elif not own:
            own = days
    return out


def _trailing_links(items: list[Classified]) -> list[Classified]:
    """A run of two or more short list items without closing punctuation at the very end of
    the article ("- 15 Amazing Images of Stars"), after the last paragraph of prose and
    followed by nothing but furniture, is a list of links to other stories."""
    out = list(items)
    prose = [
        i
        for i, item in enumerate(out)
        if item.role is Role.BODY
        and _words(item.block.text) >= 20
        and not item.block.text.lstrip().startswith(_LIST_MARKS)
    ]
    if not prose:
        return out
    tail = [
        i
        for i in range(prose[-1] + 1, len(out))
        if out[i].role not in _FURNITURE_ALL
        or (out[i].role is Role.CAPTION and out[i].block.text.lstrip().startswith(_LIST_MARKS))
    ]  # a listed headline that reads as a caption ("- Photos: PLACE") is one more link
    links = [
        i
        for i in tail
        if out[i].block.text.lstrip().startswith(_LIST_MARKS)
        and _words(out[i].block.text) <= LINK_WORDS
        and not out[i].block.text.rstrip().endswith((".", "!", "?", ":", ";"))
    ]
    if len(links) >= 2 and links == tail:
        for i in links:
            out[i] = Classified(out[i].block, Role.BOILERPLATE)
    return out


def _subheads(items: list[Classified]) -> list[Classified]:
    """A short title-case line between two body paragraphs is a subheading of the article,
    not a menu ("Range and Charging"), unless a cue names it furniture."""
    out = list(items)
    for index in range(1, len(out) - 1):
        text = out[index].block.text.strip()
        if (
            out[index].role is Role.BOILERPLATE
            and out[index - 1].role in (Role.BODY, Role.CAPTION)  # a quote's source
            and out[index + 1].role is Role.BODY
            and out[index].block.hint is None
            and (_is_menu(text) or text.isupper())
            and not cue("boilerplate").search(text)
            and not cue("series").search(text)
            and not cue("related_heads").search(text)
        ):
            out[index] = Classified(out[index].block, Role.BODY)
    return out


def _second_copy(items: list[Classified]) -> list[Classified]:
    """A run of body paragraphs that repeats paragraphs already read is a second copy of
    the article (a print view, page data), not more prose: single repeats (a table header,
    a refrain) stay body."""
    seen: set[str] = set()
    repeats: list[int] = []
    for index, item in enumerate(items):
        if item.role is not Role.BODY:
            continue
        key = text_key(item.block.text)
        if key in seen and _words(item.block.text) >= REPEAT_WORDS:
            repeats.append(index)
        seen.add(key)
    body = [i for i, item in enumerate(items) if item.role is Role.BODY]
    position = {index: n for n, index in enumerate(body)}
    out = list(items)
    run: list[int] = []
    for index in [*repeats, -1]:
        if run and (index < 0 or position[index] != position[run[-1]] + 1):
            if len(run) >= REPEAT_RUN:
                for k in run:
                    out[k] = Classified(out[k].block, Role.BOILERPLATE)
            run = []
        if index >= 0:
            run.append(index)
    return out


def _teaser_bylines(items: list[Classified]) -> list[Classified]:
    """Three or more bylines in a row below the body (no body after them) are the bylines
    of teasers for other stories, not the article's own."""
    out = list(items)
    heads = [i for i, item in enumerate(out) if item.role is Role.HEADLINE]
    start = heads[0] if heads else -1
    body_seen = False
    index = 0
    while index < len(out):
        if out[index].role is Role.BODY and index > start:
            body_seen = True
        if out[index].role is not Role.BYLINE:
            index += 1
            continue
        end = index
        while end < len(out) and out[end].role in (Role.BYLINE, Role.BOILERPLATE):
            end += 1  # furniture between the teasers' bylines ("By", dates) does not end them
        bylines = [k for k in range(index, end) if out[k].role is Role.BYLINE]
        later_body = any(item.role is Role.BODY for item in out[end:])
        if body_seen and len(bylines) >= 3 and not later_body:
            for k in bylines:
                out[k] = Classified(out[k].block, Role.BOILERPLATE)
        index = max(end, index + 1)
    return out


def _credited(items: list[Classified]) -> list[Classified]:
    """A short dated line right above a bare credit is that photo's caption: a caption
    split in two by the page ("Ashby, 8 October 2024." / "Photo: Agency")."""
    out = list(items)
    for index in range(len(out) - 1):
        item, after = out[index], out[index + 1]
        text = item.block.text.strip()
        if (
            item.role in (Role.BODY, Role.BYLINE, Role.BOILERPLATE)
            and after.role is Role.CAPTION
            and _words(after.block.text) <= CREDIT_WORDS
            and _words(text) <= 12
            and _dated_place(text)
        ):
            out[index] = Classified(item.block, Role.CAPTION)
    return out


def _dated_place(text: str) -> bool:
    """``Ashby, 8 October 2024.``: a place name, then a full date and nothing else."""
    from newsweave.ingest.datefind import find_dates

    found = [f for f in find_dates(text) if f.has_year]
    if len(found) != 1 or text[found[0].end :].strip(" .") != "":
        return False
    head = text[: found[0].start].strip(" ,")
    return bool(re.fullmatch(r"[A-Z][\w'’.-]*(?:[ ,]+[A-Z][\w'’.-]*){0,4}", head))


def _sandwiched(items: list[Classified]) -> list[Classified]:
    """In a paste, a short line between two furniture lines is furniture too (the body of
    a newsletter box: "Enter your email address")."""
    out = list(items)
    for index in range(1, len(out) - 1):
        item = out[index]
        if (
            item.role is Role.BODY
            and _words(item.block.text) <= 25
            and out[index - 1].role is Role.BOILERPLATE
            and out[index + 1].role is Role.BOILERPLATE
        ):
            out[index] = Classified(item.block, Role.BOILERPLATE)
    return out


def _base_role(block: Block) -> Role | None:
    """The role a block has on its own; None for text that is headline, standfirst or body
    depending on where it stands."""
    text = block.text.strip()
    if _CREDITS_RE.match(text):
        return Role.BYLINE
    if block.hint is Role.STANDFIRST and looks_like_caption(text):
        return Role.CAPTION  # a credited photo caption in the summary slot
    if (
        block.hint in (Role.STANDFIRST, Role.CAPTION, Role.DISCLAIMER)
        and (cue("boilerplate").search(text) or cue("series").search(text))
        and not _credit_caption(text)
    ):
        return Role.BOILERPLATE  # a widget inside a marked box ("Advertisement", "Close")
    if block.hint is Role.STANDFIRST and _TRUNCATED.search(text) and _words(text) <= 40:
        return Role.BOILERPLATE  # "Two ministers have resigned,...": a cut-off teaser
    if block.hint in (Role.HEADLINE, Role.STANDFIRST, Role.CAPTION, Role.BOILERPLATE):
        return block.hint
    if is_date_line(text):
        return Role.BYLINE  # "First published on 9 May 2024, 8:16 AM": a date, not a note
    if looks_like_disclaimer(text):
        return Role.DISCLAIMER
    if _words(text) <= NOTE_WORDS and cue("long_furniture").search(text):
        return Role.BOILERPLATE  # a site's legal or membership note, however long
    if looks_like_bio(text) and _words(text) >= BIO_WORDS:
        return Role.AUTHOR_BIO
    if _credit_caption(text):
        return Role.CAPTION  # "(Image: © Agency)", "© NAME A man at …": credits, not footers
    if cue("bio_heads").search(text) and _words(text) <= 12:
        return Role.AUTHOR_BIO  # "About the author NAME": the heading of the author card
    if block.hint is Role.BYLINE:
        # the page's byline box: a byline if it holds one, else a photo credit ("Photo by
        # NAME/AGENCY") or a widget set in that box
        if has_byline_content(text):
            return Role.BYLINE
        return Role.CAPTION if looks_like_caption(text) else Role.BOILERPLATE
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
    return None


def _credit_caption(text: str) -> bool:
    """A caption carrying a © credit, not a copyright footer."""
    return "©" in text and (
        (_words(text) <= 12 and looks_like_caption(text))
        or (_words(text) <= 80 and bool(cue("credit_captions").search(text)))
    )


def _first_body(blocks: Sequence[Block], base: Sequence[Role | None]) -> int | None:
    """Index of the first paragraph that reads like article prose."""
    for index, (block, role) in enumerate(zip(blocks, base, strict=True)):
        if role is None and (_words(block.text) >= 25 or _DATELINE_RE.match(block.text)):
            return index
    return None


def _find_headline(
    blocks: Sequence[Block],
    base: Sequence[Role | None],
    first_body: int | None,
    title: str | None,
) -> int | None:
    limit = first_body if first_body is not None else len(blocks)
    marked = [index for index, role in enumerate(base) if role is Role.HEADLINE]
    if marked and title and not _is_title(blocks[marked[0]].text, title):
        for index in range(limit):
            if base[index] in (None, Role.HEADLINE) and _is_title(blocks[index].text, title):
                return index  # the (first) marked "headline" is the site's name; the title is here
    if marked:
        return marked[0]
    if title:
        for index in range(limit):
            if base[index] in (None, Role.STANDFIRST) and _is_title(blocks[index].text, title):
                return index
        return None
    anchor = next((i for i in range(limit) if base[i] is Role.BYLINE), limit)
    run = _run_before(blocks, base, anchor)
    real = [i for i in run if 4 <= _words(blocks[i].text) <= 40]
    if not real:
        short = [i for i in run if _headline_candidate(blocks[i].text)]
        return short[-1] if short else None
    if len(real) >= 2 and real[-1] == real[-2] + 1:
        head, tail = blocks[real[-2]].text.strip(), blocks[real[-1]].text.strip()
        if _words(head) <= 25 and (
            tail.endswith((".", "!", "?")) or (_words(tail) >= 12 and _words(tail) > _words(head))
        ):
            return real[-2]  # headline, then the standfirst
    return real[-1]


_SITE_SUFFIX = re.compile(r"\s+[-|–—·:]\s+[^-|–—·:]{1,40}$")


def _is_title(text: str, title: str) -> bool:
    """The page's title, or the title without the site's name after it ("… - Site")."""
    return _same(text, title) or _same(text, _SITE_SUFFIX.sub("", title))


def _run_before(blocks: Sequence[Block], base: Sequence[Role | None], anchor: int) -> list[int]:
    """The unclassified blocks right above ``anchor`` (buttons such as "Share" skipped)."""
    run: list[int] = []
    index = anchor - 1
    while index >= 0:
        role = base[index]
        if role is None:
            run.insert(0, index)
        elif not (
            (role is Role.BOILERPLATE and _words(blocks[index].text) <= 3)
            or role is Role.CAPTION  # a photo between the headline and the body
        ):
            break
        index -= 1
    return run


def _lead_in_box(index: int, blocks: Sequence[Block]) -> bool:
    """A second summary-marked box under the standfirst that holds a paragraph of prose of
    its own (not a copy of the paragraphs that follow, not a teaser cut short): some sites
    mark the story's opening paragraphs with the summary's class."""
    text = blocks[index].text.strip()
    if _words(text) < LEAD_WORDS or not text.endswith((".", "!", "?", "”", '"')):
        return False
    if _TRUNCATED.search(text) or looks_like_boilerplate(text):
        return False
    later = blocks[index + 1 : index + 3]
    return not any(text_key(text).startswith(text_key(b.text)) for b in later) and not any(
        _same(text, b.text) for b in blocks[index + 1 :]
    )


LEAD_WORDS = 15
"""Words a summary-marked box needs to be read as an opening paragraph of the story."""


def _standfirst_candidate(text: str, index: int, blocks: Sequence[Block]) -> bool:
    """A one- or two-sentence summary under the headline, above the byline or repeated."""
    if _DATELINE_RE.match(text) or not 6 <= _words(text) <= 60:
        return False
    if any(_same(text, later.text) for later in blocks[index + 1 :]):
        return True  # repeated below: certainly the standfirst
    if _WRITES_RE.search(text):
        return True  # "…, argues NAME": a commissioned piece's summary line
    for later in blocks[index + 1 : index + 4]:
        if looks_like_byline(later.text):
            return True
        if not looks_like_boilerplate(later.text) and not looks_like_caption(later.text):
            return False
    return False
