"""Feeds under every media type used in practice, texts in unspaced scripts, and the
capture date kept as a last resort (issue 21, items 2 and 3)."""

from __future__ import annotations

import pytest

from newsweave.errors import NewsweaveError
from newsweave.ingest.language import count_words
from newsweave.ingest.parse import parse
from newsweave.ingest.raw import Hints, RawItem
from newsweave.ingest.sources.feeds import iter_feed_fetched
from newsweave.ingest.sources.http import Fetched
from newsweave.settings import Settings

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Marsh Valley Gazette</title>
<item><title>Flood barrier holds</title><link>http://gazette.invalid/barrier</link>
<description>The new barrier on the Wend held back the spring tide on Sunday night, and
engineers said the pumps ran for six hours without a fault.</description>
<pubDate>Tue, 05 Mar 2024 06:00:00 GMT</pubDate></item></channel></rss>
"""


@pytest.mark.parametrize(
    "media_type",
    [
        "application/rss+xml",
        "application/x-rss+xml",
        "application/atom+xml",
        "application/x-atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "text/plain",
        "",
    ],
)
def test_feed_is_read_under_every_media_type(media_type: str) -> None:
    fetched = Fetched("http://gazette.invalid/rss", media_type, RSS.decode(), RSS)
    assert fetched.is_feed
    settings = Settings()
    [item] = iter_feed_fetched(fetched, "http://gazette.invalid/rss", settings, follow_links=False)
    assert not isinstance(item, NewsweaveError)
    assert item.hints.publisher == "Marsh Valley Gazette"


def test_plain_text_that_is_no_feed_stays_a_page() -> None:
    body = b"Council notes: the budget was approved on Monday."
    assert not Fetched("http://x.invalid/notes", "text/plain", body.decode(), body).is_feed


def test_unspaced_scripts_are_counted_by_character() -> None:
    assert count_words("The port reopened on Monday.") == 5
    assert count_words("港口星期一重新开放") == 9


def test_chinese_paste_is_stored_not_refused() -> None:
    text = (
        "河湾市码头罢工结束\n"
        "码头工人星期四早上恢复工作，此前工会与管理层在夜间就工资和夜班时间达成协议。\n"
        "据管理层称，近四十艘船只在海上等待，交通预计将在下周末前恢复正常。\n"
    )
    doc = parse(RawItem("harbour.txt", text, "text"))
    assert doc.language == "zh"
    assert doc.title == "河湾市码头罢工结束"


def test_capture_date_is_a_last_resort_and_an_upper_bound() -> None:
    page = (
        "Tide gauges to be replaced along the estuary\n"
        "By Orla Fenwick\n"
        "Published 27 November 2019\n"
        "The estuary authority will replace its nine tide gauges next spring, after two of "
        "them failed during the autumn storms and left the flood service without readings.\n"
    )
    captured = "2026-12-07T09:00:00Z"
    doc = parse(RawItem("gauges.txt", page, "text", Hints(captured=captured)))
    assert doc.date is not None
    assert (doc.date.value.iso(), doc.date.source, doc.date.inferred) == (
        "2019-11-27",
        "byline",
        False,
    )
    undated = page.replace("Published 27 November 2019\n", "")
    doc = parse(RawItem("gauges.txt", undated, "text", Hints(captured=captured)))
    assert doc.date is not None
    assert (doc.date.value.iso(), doc.date.source, doc.date.inferred) == (
        "2026-12-07",
        "capture-date",
        True,
    )
    late = page.replace("2019", "2027")
    doc = parse(RawItem("gauges.txt", late, "text", Hints(captured=captured)))
    assert doc.date is not None
    assert doc.date.source == "capture-date"  # a date after the capture cannot be right


def test_signature_and_writes_line_name_the_author() -> None:
    from newsweave.ingest.metadata import document_authors
    from newsweave.model import Role

    signed = [(Role.HEADLINE, "A letter to the harbour board"), (Role.BODY, "— Marit Solberg")]
    assert document_authors(signed) == ["Marit Solberg"]
    writes = [(Role.STANDFIRST, "The pier can still be saved, writes Owen Achterberg")]
    assert document_authors(writes) == ["Owen Achterberg"]
    assert document_authors([(Role.BODY, "Police said the road would reopen.")]) == []


def test_latest_full_date_anchors_day_month_dates() -> None:
    from newsweave.ingest.metadata import choose_date, latest_year
    from newsweave.model import Role

    texts = [
        "The mill closed in March 2016 and reopened on 12 October 2021.",
        "HARBURY, Jan 9 (Courier) - Workers returned on 2 January.",
    ]
    assert latest_year(texts) == 2021
    segments = [(Role.BODY, 0, texts[1]), (Role.BODY, 100, texts[0])]
    choice = choose_date(segments, page_meta=None, source_hint=None, captured=None)
    assert choice is not None
    assert (choice.value.iso(), choice.source, choice.inferred) == ("2021-01-09", "dateline", False)
