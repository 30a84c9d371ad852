"""HTML page → blocks in page order plus page metadata.

trafilatura finds the article body (keeping paragraph breaks); the DOM gives what it leaves
out but a reader still sees and we still want to classify: the headline, the standfirst,
the byline, photo captions, the author bio and disclaimers. Each block keeps its position
in the page so captions sit where the photo was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

import htmldate
import trafilatura
from lxml import etree, html

from newsweave.ingest.blocks import Block, normalise_space, text_key
from newsweave.ingest.html_images import image_captions, link_share, link_share_in
from newsweave.ingest.paragraph_roles import looks_like_bio
from newsweave.model import Role

_HINT_CLASSES: list[tuple[Role, re.Pattern[str]]] = [
    (Role.AUTHOR_BIO, re.compile(r"(author[-_]?bio|\bbio\b|about[-_]the[-_]author|contributor)")),
    (Role.DISCLAIMER, re.compile(r"(disclaimer|editor[-_]?s?[-_]note|correction|syndicat)")),
    (Role.CAPTION, re.compile(r"(caption|(?<!ac)credit)")),  # not "accreditation"
    (Role.BYLINE, re.compile(r"(byline|\bauthor\b|dateline|timestamp|published|\bmeta\b)")),
    (
        Role.STANDFIRST,
        re.compile(
            r"(standfirst|\bdek\b|subtitle|sub[-_]?head|strap|summary|lede|"
            r"excerpt|\bintro\b|description|deck)"
        ),
    ),
    (
        Role.BOILERPLATE,
        re.compile(
            r"(newsletter|signup|sign[-_]up|subscribe|cookie|consent|"
            r"share|social|related|promo|advert|\bad\b|banner|footer|nav|"
            r"menu|breadcrumb|comments|most[-_]read|recommend)"
        ),
    ),
]
_AUTHOR_CARD = re.compile(r"author|contributor|writer|columnist")
_AUTHOR_LABEL = re.compile(
    r"^(?:(?:news )?analysis|opinion|commentary|perspective|column|review|story|words|text|"
    r"written|reported)\s+by\s+",
    re.IGNORECASE,
)
"""A genre or credit label before the writer's name in an author string ("Analysis by …")."""
_JOB_ONLY = re.compile(
    r"\b(editor|correspondent|reporter|writer|columnist|contributor|staff|producer|analyst|"
    r"anchor|intern)\b",
    re.IGNORECASE,
)
"""A piece of an author string that is a job title ("CNN Editor-at-large"), not a name."""
_TEXT_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "figcaption",
    "blockquote",
    "div",
    "span",
    "time",
    "address",
    "section",
    "aside",
    "header",
}


_MAX_WORDS = {
    Role.HEADLINE: 40,
    Role.STANDFIRST: 80,
    Role.BYLINE: 25,
    Role.CAPTION: 80,
    Role.AUTHOR_BIO: 120,
    Role.DISCLAIMER: 120,
}


@dataclass
class Page:
    """What an HTML page gives: blocks in page order and metadata."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None
    description: str | None = None
    url: str | None = None


def _classes(element: Any, depth: int = 1) -> str:
    names: list[str] = []
    node = element
    for _ in range(depth):
        if node is None or not isinstance(node.tag, str):
            break
        names.append(f"{node.get('class', '')} {node.get('id', '')} {node.tag}")
        node = node.getparent()
    return " ".join(names).lower().replace("_", "-")  # BEM: "header__dek" names a dek


def _hint(element: Any, depth: int = 1) -> Role | None:
    """The role an element's own class or id names (``depth`` 2 also asks its parent)."""
    classes = _classes(element, depth)
    if element.tag == "figcaption":
        # the text of an author card (photo, name, bio) is a bio, not a photo caption
        return Role.AUTHOR_BIO if _AUTHOR_CARD.search(classes) else Role.CAPTION
    for role, pattern in _HINT_CLASSES:
        if pattern.search(classes):
            return role
    return None


@dataclass(frozen=True)
class _Landmark:
    order: int
    key: str
    text: str
    element: Any


def _landmarks(tree: Any) -> list[_Landmark]:
    marks: list[_Landmark] = []
    for order, element in enumerate(tree.iter()):
        if not isinstance(element.tag, str) or element.tag not in _TEXT_TAGS:
            continue
        text = normalise_space(element.text_content())
        if text and len(text) < 5000:
            marks.append(_Landmark(order, text_key(text), text, element))
    return marks


def _extras(tree: Any) -> list[tuple[int, Block]]:
    """Headline, standfirst, byline, captions, bios and disclaimers the DOM marks as such."""
    out: list[tuple[int, Block]] = []
    seen: set[str] = set()
    for order, element in enumerate(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        tag = element.tag
        role: Role | None = None
        if tag == "h1":
            role = Role.HEADLINE
        elif tag in ("p", "div", "span", "figcaption", "address", "aside", "small", "h2"):
            hint = _hint(element)
            if (
                hint is None
                and tag == "p"
                and _hint(element, depth=2)
                in (
                    Role.AUTHOR_BIO,
                    Role.BYLINE,
                )
            ):
                # <section class="author"><p>Jane Roe is our correspondent…</p></section>
                hint = Role.AUTHOR_BIO if looks_like_bio(element.text_content()) else None
            if hint in (
                Role.STANDFIRST,
                Role.BYLINE,
                Role.CAPTION,
                Role.AUTHOR_BIO,
                Role.DISCLAIMER,
            ):
                role = hint
        if role is None:
            continue
        text = normalise_space(element.text_content())
        if not text or len(text.split()) > _MAX_WORDS[role] or text_key(text) in seen:
            continue
        if any(
            text_key(text) in text_key(normalise_space(c.text_content()))
            for c in element.iterancestors()
            if c.tag in ("figcaption",)
        ):
            continue
        seen.add(text_key(text))
        out.append((order, Block(text, role, link_share(element))))
    return out


def read_html(content: str, *, url: str | None = None) -> Page:
    """Blocks and metadata of one HTML page. Raises ``ValueError`` when it holds no text."""
    tree = html.fromstring(content)
    extracted: Any = trafilatura.bare_extraction(
        content,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
    )
    page = Page(url=url)
    body: list[str] = []
    if extracted is not None:
        page.title = _clean(extracted.title)
        page.publisher = _clean(extracted.sitename)
        page.authors = _without_publisher(_authors(extracted.author), page.publisher)
        page.description = _clean(extracted.description)
        page.url = url or _clean(extracted.url)
        body = [normalise_space(p) for p in (extracted.text or "").split("\n")]
        body = [p for p in body if p]
    page.published = _published(tree)
    marks = _landmarks(tree)
    body = _unflattened(body, marks)
    placed = _place_body(body, marks)
    placed.extend(_recovered(body, marks))
    placed.extend(_extras(tree))
    placed.sort(key=lambda item: item[0])
    page.blocks = _deck(_dedupe(block for _, block in placed), page.description)
    page.blocks = image_captions(page.blocks, tree, page.title, page.description)
    if not any(b.hint is None or b.hint is Role.STANDFIRST for b in page.blocks):
        raise ValueError("no article text found in the page")
    return page


FLAT_WORDS = 60
"""A body paragraph this long that is no element's text may be a flattened container."""
FLAT_TRIES = 12
"""At most this many paragraphs of one page are tried as flattened cells (each try walks
the page's paragraphs), so a hostile page of many long paragraphs costs little."""
FLAT_CLIMB = 6
"""How many ancestors above the paragraphs' common one are tried as the flattened element."""
_FLAT_PARTS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")
_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd"}
    | {"table", "tbody", "thead", "tr", "td", "th", "blockquote", "section", "article"}
    | {"header", "footer", "aside", "nav", "figure", "figcaption", "form", "br", "hr"}
)
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template"})


def _unflattened(body: list[str], marks: list[_Landmark]) -> list[str]:
    """Body paragraphs as the page breaks them: trafilatura sometimes returns a whole
    layout-table cell as ONE paragraph (pages built of tables, no breaks it keeps), which
    glues the article to the site's "Top stories" and partner lists. Such a paragraph (long,
    no element's own text, holding the text of two or more of the page's paragraphs) is
    replaced by the block-level pieces of the element that holds those paragraphs, when they
    cover nearly all of it; the segment classifier then tells the article from the lists."""
    keys = {mark.key for mark in marks}
    out: list[str] = []
    tries = 0
    for paragraph in body:
        key = text_key(paragraph)
        pieces = None
        if len(paragraph.split()) >= FLAT_WORDS and key not in keys and tries < FLAT_TRIES:
            tries += 1
            pieces = _pieces(paragraph, key, marks)
        out.extend(pieces or [paragraph])
    return out


def _pieces(paragraph: str, key: str, marks: list[_Landmark]) -> list[str] | None:
    inside = [
        m.element
        for m in marks
        if m.element.tag in _FLAT_PARTS and len(m.text.split()) >= 4 and m.key in key
    ]
    if len(inside) < 2:
        return None
    common = inside[0]
    while common is not None and not all(
        common is e or any(a is common for a in e.iterancestors()) for e in inside
    ):
        common = common.getparent()
    best: list[str] | None = None
    best_cover = 0.9 * len(key)
    padded = f" {key} "
    for _ in range(FLAT_CLIMB):  # the flattened cell may hold more than the article's div
        if common is None:
            break
        runs = [r for r in _block_runs(common) if text_key(r) and f" {text_key(r)} " in padded]
        cover = sum(len(text_key(r)) + 1 for r in runs)
        if len(runs) >= 2 and cover > best_cover:
            best, best_cover = runs, cover  # the smallest element that holds the most of it
        common = common.getparent()
    return best


def _block_runs(element: Any) -> list[str]:
    """The text of ``element`` cut where a block-level element starts or ends (as a browser
    breaks lines), each run with its spacing normalised."""
    runs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = normalise_space("".join(current))
        current.clear()
        if text:
            runs.append(text)

    def walk(node: Any) -> None:
        block = node.tag in _BLOCK_TAGS
        if block:
            flush()
        current.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _SKIPPED_TAGS:
                walk(child)
            current.append(child.tail or "")
        if block:
            flush()

    walk(element)
    flush()
    return runs


RECOVER_WORDS = 15
"""A paragraph this long in a second container of the article body is recovered."""


def _recovered(body: list[str], marks: list[_Landmark]) -> list[tuple[float, Block]]:
    """Paragraphs trafilatura left in a further container of the article body (an article
    split into several ``<div class="body">`` blocks around ads or embeds): a sibling or
    cousin of a container that holds two or more body paragraphs, with the same tag and
    class, from which trafilatura took nothing."""
    by_key: dict[str, _Landmark] = {}
    for mark in reversed(marks):
        by_key.setdefault(mark.key, mark)
    taken = {text_key(p) for p in body}
    used: dict[Any, int] = {}
    for paragraph in body:
        found = by_key.get(text_key(paragraph))
        parent = found.element.getparent() if found is not None else None
        if parent is not None and (parent.get("class") or "").strip():
            used[parent] = used.get(parent, 0) + 1
    siblings: set[Any] = set()
    for container, count in used.items():
        parent = container.getparent()
        if count < 2 or parent is None:
            continue
        grand = parent.getparent()
        # siblings, and cousins whose parents are alike ("chunks" of one article)
        uncles = [u for u in grand if u.tag == parent.tag] if grand is not None else [parent]
        for uncle in uncles:
            for other in uncle:
                if (
                    other is not container
                    and other not in used
                    and other.tag == container.tag
                    and other.get("class") == container.get("class")
                ):
                    siblings.add(other)
    out: list[tuple[float, Block]] = []
    for mark in marks:
        element = mark.element
        if (
            element.tag != "p"
            or element.getparent() not in siblings
            or mark.key in taken
            or len(mark.text.split()) < RECOVER_WORDS
        ):
            continue
        taken.add(mark.key)
        out.append((float(mark.order), Block(mark.text, links=link_share(element))))
    return out


def _place_body(body: list[str], marks: list[_Landmark]) -> list[tuple[float, Block]]:
    by_key: dict[str, _Landmark] = {}
    for mark in reversed(marks):  # innermost wins: iter() yields parents first
        by_key.setdefault(mark.key, mark)
    placed: list[tuple[float, Block]] = []
    previous = -1.0
    runs = _Runs()
    for paragraph in body:
        found = by_key.get(text_key(paragraph))
        if found is not None and found.order > previous:
            previous = float(found.order)
            hint = _hint(found.element, depth=2)
            keep = hint if hint in (Role.AUTHOR_BIO, Role.DISCLAIMER) else None
            placed.append((previous, Block(paragraph, keep, link_share(found.element))))
            runs.anchor = found.element
        else:
            previous += 0.001
            if found is not None:  # its element, found out of page order
                runs.anchor = found.element
                links = link_share(found.element)
            else:
                links = runs.links(paragraph)
            placed.append((previous, Block(paragraph, links=links)))
    return placed


RUN_WORDS = 80
"""A body paragraph up to this long that is no element's own text (a run between ``<br>``s)
gets its link share from the element that holds it."""
RUN_CLIMB = 4
"""That element is looked for among the ancestors of the last placed paragraph, this many
levels up (no search of the whole page: a budget against hostile pages)."""


class _Runs:
    """Link shares of paragraphs that are runs of a larger element's text."""

    def __init__(self) -> None:
        self.anchor: Any = None
        self.keys: dict[int, str] = {}

    def links(self, paragraph: str) -> float:
        if self.anchor is None or len(paragraph.split()) > RUN_WORDS:
            return 0.0
        padded = f" {text_key(paragraph)} "
        node = self.anchor
        for _ in range(RUN_CLIMB):
            if node is None:
                return 0.0
            key = self.keys.get(id(node))
            if key is None:
                key = self.keys[id(node)] = f" {text_key(node.text_content())} "
            if padded in key:
                self.anchor = node  # the next run most often stands in the same element
                return link_share_in(node, paragraph)
            node = node.getparent()
        return 0.0


DECK_WORDS = 40
"""A page's own summary line (its meta description) above the body is at most this long."""


def _deck(blocks: list[Block], description: str | None) -> list[Block]:
    """The paragraph right under the headline that is the page's meta description, written
    as a deck (no closing punctuation, unlike a lead paragraph), is the standfirst."""
    if not description:
        return blocks
    heads = [i for i, b in enumerate(blocks) if b.hint is Role.HEADLINE]
    if not heads or heads[0] + 1 >= len(blocks):
        return blocks
    index = heads[0] + 1
    block = blocks[index]
    text = block.text.strip()
    if (
        block.hint is None
        and text_key(text) == text_key(description)
        and len(text.split()) <= DECK_WORDS
        and not text.endswith((".", "!", "?", "”", '"', ":"))
    ):
        out = list(blocks)
        out[index] = replace(block, hint=Role.STANDFIRST)
        return out
    return blocks


def _dedupe(blocks: Any) -> list[Block]:
    """Drop a block that repeats the one before it (a DOM extra and the same body paragraph),
    keeping the copy that carries a role hint. Repeats further apart are left to the
    segment classifier (a standfirst repeated as the first body paragraph)."""
    out: list[Block] = []
    for block in blocks:
        if out and text_key(out[-1].text) == text_key(block.text):
            if out[-1].hint is None and block.hint is not None:
                out[-1] = block
            continue
        out.append(block)
    return out


_META_PUBLISHED = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publish-date",
    "pubdate",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)
"""Meta tags in which a page states its own publication date, most specific first."""
_ISO_DAY = re.compile(r"^\s*((?:19|20)\d\d-[01]\d-[0-3]\d)")


def _stated_published(tree: Any) -> str | None:
    """The publication date a page states in its meta tags or JSON-LD, as ``YYYY-MM-DD``."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        match = _ISO_DAY.match(meta.get("content") or "")
        if name in _META_PUBLISHED and match:
            found.setdefault(name, match.group(1))
    for name in _META_PUBLISHED:
        if name in found:
            return found[name]
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        match = re.search(
            r'"datePublished"\s*:\s*"((?:19|20)\d\d-[01]\d-[0-3]\d)', script.text or ""
        )
        if match:
            return match.group(1)
    return None


def _published(tree: Any) -> str | None:
    stated = _stated_published(tree)
    if stated:
        return stated
    try:
        found = htmldate.find_date(tree, extensive_search=False, original_date=True)
    except (ValueError, etree.LxmlError):
        return None
    return str(found) if found else None


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = normalise_space(str(value))
    return text or None


def _without_publisher(authors: list[str], publisher: str | None) -> list[str]:
    """``Jane Roe Sputnik International`` → ``Jane Roe`` when the site is Sputnik
    International; an author that is only the site's name is dropped."""
    if not publisher:
        return authors
    out: list[str] = []
    for author in authors:
        if author.lower() == publisher.lower():
            continue
        if author.lower().endswith(" " + publisher.lower()):
            author = author[: -len(publisher)].strip()
        out.append(author)
    return out


def _authors(value: Any) -> list[str]:
    text = _clean(value)
    if not text:
        return []
    parts = [_AUTHOR_LABEL.sub("", a.strip()) for a in re.split(r";|\band\b|,", text)]
    return [a for a in parts if a and not _JOB_ONLY.search(a)]
