"""Source readers: turn SOURCE strings (paths, folders, globs, ``-``, URLs) into raw items.

:func:`iter_sources` is the one entry point. It is lazy and never raises for a bad input:
each problem is yielded as a :class:`~newsweave.errors.NewsweaveError` naming the input, and
reading goes on with the next one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO
from urllib.parse import urlsplit

from newsweave.errors import NewsweaveError
from newsweave.ingest.raw import RawItem
from newsweave.ingest.sources.decode import Outcome, guarded
from newsweave.ingest.sources.feeds import iter_feed_fetched, looks_like_feed
from newsweave.ingest.sources.files import iter_path
from newsweave.ingest.sources.http import fetch, is_url, page_item
from newsweave.ingest.sources.stdin import iter_stdin
from newsweave.settings import Settings

__all__ = ["Outcome", "iter_sources", "iter_url"]

_FEED_SUFFIXES = (".rss", ".atom", ".xml")


def iter_sources(
    sources: Iterable[str],
    settings: Settings,
    *,
    follow_links: bool = True,
    stdin: BinaryIO | None = None,
) -> Iterator[RawItem | NewsweaveError]:
    """Every item of every SOURCE, in order, with errors yielded in place.

    A SOURCE is a file, a folder (walked recursively), a glob pattern, ``-`` (``stdin``, or
    the process's standard input when None) or an http(s) URL (a page or a feed).
    ``follow_links`` (and ``ingest.follow_feed_links``) let feed items that carry only a
    short summary be replaced by their fetched page.
    """
    follow = follow_links and settings.ingest.follow_feed_links
    for source in sources:
        yield from guarded(source, _iter_source(source, settings, follow, stdin))


def iter_url(url: str, settings: Settings, *, follow_links: bool) -> Iterator[Outcome]:
    """The page, or the feed's items, at ``url``.

    A URL is read as a feed when the server labels it as one, or when its path ends in
    ``.rss``, ``.atom`` or ``.xml`` and the body has a feed's root element.
    """
    return guarded(url, _iter_url(url, settings, follow_links))


def _iter_source(
    source: str, settings: Settings, follow: bool, stdin: BinaryIO | None
) -> Iterator[Outcome]:
    if source == "-":
        yield from iter_stdin(stdin, settings)
    elif is_url(source):
        yield from iter_url(source, settings, follow_links=follow)
    else:
        yield from iter_path(source, settings, follow_links=follow)


def _iter_url(url: str, settings: Settings, follow: bool) -> Iterator[Outcome]:
    fetched = fetch(url, settings.fetch)
    path = urlsplit(fetched.url_final).path.lower()
    if fetched.is_feed or (path.endswith(_FEED_SUFFIXES) and looks_like_feed(fetched.data)):
        yield from iter_feed_fetched(fetched, url, settings, follow_links=follow)
    else:
        yield page_item(fetched, url)
