"""Genre from cues: news (default), opinion, analysis or blog."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.model import Role

_OPINION_TEXT = re.compile(
    r"(views expressed|do(es)? not necessarily (reflect|represent)|the author'?s own|"
    r"^(opinion|opinions|global opinions|comment|op-ed|editorial|column)\s*([:|·]|$)|"
    r"\bis a (regular )?columnist\b)",
    re.IGNORECASE | re.MULTILINE,
)
_OPINION_URL = re.compile(r"/(opinion|opinions|comment|commentisfree|op-?ed|editorial|column)s?/")
_ANALYSIS_TEXT = re.compile(
    r"(^(analysis|explainer|briefing|insight|commentary and analysis)\s*([:|·]|$)|"
    r"\b(policy brief|working paper|this analysis|our analysis)\b)",
    re.IGNORECASE | re.MULTILINE,
)
_ANALYSIS_URL = re.compile(r"/(analysis|explainers?|insights?|research|briefings?|reports?)/")
_BLOG_TEXT = re.compile(r"(^posted (by|on)\b|\bblog\b|^filed under\b)", re.IGNORECASE | re.M)
_BLOG_FURNITURE = re.compile(
    r"^(reply|like \(\d+\)|start writing|get the app|archive|leave a (comment|reply))$",
    re.IGNORECASE | re.M,
)
_BLOG_URL = re.compile(r"(/blog/|blog\.|\.blogspot\.|wordpress\.com|substack\.com)")


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
    if _ANALYSIS_TEXT.search(heading) or _ANALYSIS_URL.search(address):
        return "analysis"
    if _OPINION_TEXT.search(heading) or _OPINION_URL.search(address):
        return "opinion"
    boilerplate = "\n".join(t for r, t in segments if r is Role.BOILERPLATE)
    site = (publisher or "").lower()
    personal = bool(publisher) and publisher in authors
    if (
        _BLOG_TEXT.search(heading)
        or _BLOG_URL.search(address)
        or "blog" in site
        or personal
        or len(_BLOG_FURNITURE.findall(boilerplate)) >= 2
    ):
        return "blog"
    return "news"
