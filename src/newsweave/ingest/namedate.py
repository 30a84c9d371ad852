"""A date in the name a page is stored or served under: the last-resort publication date.

Corpora and archives name files by day (``outlet_2016-11-03_slug.txt``) and news sites file
stories under dated paths (``/2019/11/27/slug``). Such a date is the publisher's or the
archivist's, not the page's own statement, so it is used only when the page states none,
and it is marked inferred (``ingest/metadata.choose_date``). The patterns are data
(``name_dates`` in ``ingest/data/page_cues.yaml``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from newsweave.ingest.cues import cue_patterns
from newsweave.model.dates import PartialDate


def name_of(source: str, url: str | None) -> str | None:
    """What to read a date from: the page's URL path, else the source's path.

    A source naming one record of a bulk file (``feed.jsonl#line=3``, ``a.warc#record=2``)
    gives none: the bulk file's name does not date each record in it.
    """
    if url:
        return urlsplit(url).path or None
    if "#" in source:
        return None
    if "://" in source:
        return urlsplit(source).path or None
    return source.replace("\\", "/")


def date_in_name(name: str | None) -> PartialDate | None:
    """The valid date closest to the end of ``name`` (a file's name over its folders)."""
    if not name:
        return None
    best: tuple[int, PartialDate] | None = None
    for pattern in cue_patterns("name_dates"):
        for match in pattern.finditer(name):
            parts = match.groupdict()
            day = parts.get("d")
            try:
                value = PartialDate(int(parts["y"]), int(parts["m"]), int(day) if day else None)
            except ValueError:
                continue
            if best is None or match.end() > best[0]:
                best = (match.end(), value)
    return best[1] if best else None
