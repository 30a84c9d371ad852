"""Genre from cues: news (default), opinion, analysis or blog."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.model import Role

_OPINION_TEXT = re.compile(
    r"(views expressed|do(es)? not necessarily (reflect|represent)|the author'?s own|"
    r"^(opinion|comment|op-ed|editorial|column)\s*[:|]|\bis a (regular )?columnist\b)",
    re.IGNORECASE | re.MULTILINE,
)
_OPINION_URL = re.compile(r"/(opinion|opinions|comment|commentisfree|op-?ed|editorial|column)s?/")
_ANALYSIS_TEXT = re.compile(
    r"(^(analysis|explainer|briefing|insight|commentary and analysis)\s*[:|]|"
    r"\b(policy brief|working paper|this analysis|our analysis)\b)",
    re.IGNORECASE | re.MULTILINE,
)
_ANALYSIS_URL = re.compile(r"/(analysis|explainers?|insights?|research|briefings?|reports?)/")
_BLOG_TEXT = re.compile(r"(^posted (by|on)\b|\bblog\b|^filed under\b)", re.IGNORECASE | re.M)
_BLOG_URL = re.compile(r"(/blog/|blog\.|\.blogspot\.|wordpress\.com|substack\.com)")


def detect_genre(
    segments: Sequence[tuple[Role, str]],
    *,
    url: str | None,
    title: str | None,
    publisher: str | None,
) -> str:
    """``opinion``, ``analysis``, ``blog`` or ``news`` from disclaimers, labels and URLs."""
    furniture = "\n".join(t for r, t in segments if r is not Role.BODY)
    heading = "\n".join(x for x in (title, furniture) if x)
    address = (url or "").lower()
    if _OPINION_TEXT.search(heading) or _OPINION_URL.search(address):
        return "opinion"
    if _ANALYSIS_TEXT.search(heading) or _ANALYSIS_URL.search(address):
        return "analysis"
    site = (publisher or "").lower()
    if _BLOG_TEXT.search(heading) or _BLOG_URL.search(address) or "blog" in site:
        return "blog"
    return "news"
