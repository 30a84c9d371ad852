"""Genre from cues: news (default), opinion, analysis or blog."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.ingest.cues import cue
from newsweave.model import Role


def detect_genre(
    segments: Sequence[tuple[Role, str]],
    *,
    url: str | None,
    title: str | None,
    publisher: str | None,
    authors: Sequence[str] = (),
) -> str:
    """``opinion``, ``analysis``, ``blog`` or ``news`` from labels, disclaimers and URLs.

    Labels are read from the furniture around the article (not the site menu, which lists
    "Opinion" on every page): headline, standfirst, bylines, bios, disclaimers, and the
    kicker right above the headline.
    """
    furniture: list[str] = []
    for index, (role, text) in enumerate(segments):
        if role is Role.HEADLINE and index and segments[index - 1][0] is Role.BOILERPLATE:
            furniture.append(segments[index - 1][1])
        if role not in (Role.BODY, Role.BOILERPLATE):
            furniture.append(text)
    heading = "\n".join([title or "", *furniture])
    address = (url or "").lower()
    # an explicit label ("Analysis ·") beats a disclaimer that think tanks share with op-eds
    if cue("genre", "analysis_text").search(heading) or cue("genre", "analysis_url").search(
        address
    ):
        return "analysis"
    if cue("genre", "opinion_text").search(heading) or cue("genre", "opinion_url").search(address):
        return "opinion"
    boilerplate = "\n".join(t for r, t in segments if r is Role.BOILERPLATE)
    site = (publisher or "").lower()
    personal = (bool(publisher) and publisher in authors) or _given_names_only(authors)
    if (
        cue("genre", "blog_text").search(heading)
        or cue("genre", "blog_url").search(address)
        or "blog" in site
        or personal
        or len(cue("genre", "blog_furniture").findall(boilerplate)) >= 2
    ):
        return "blog"
    return "news"


def _given_names_only(authors: Sequence[str]) -> bool:
    """A byline of lone given names ("Regan", "Josh"): a personal site or blog signs so; a
    newsroom names its writers in full, and a one-word desk or agency ("Reuters", "Admin")
    is no given name. Given names: the list the names stage reads (``analyze/given_names``)."""
    from newsweave.analyze.given_names import given_names

    names = given_names()
    return bool(authors) and all(
        len(a.split()) == 1 and a[:1].isupper() and a.lower() in names for a in authors
    )
