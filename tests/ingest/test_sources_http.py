"""URLs and feeds, read from a real HTTP server on 127.0.0.1 (see conftest.py)."""

from __future__ import annotations

import time

import pytest

from newsweave.errors import NewsweaveError
from newsweave.ingest.raw import RawItem
from newsweave.ingest.sources import iter_sources
from newsweave.ingest.sources.feeds import iter_feed_bytes
from newsweave.ingest.sources.http import fetch
from newsweave.settings import Settings

Outcome = RawItem | NewsweaveError

LOCAL = Settings().replace("fetch.allow_private", True)
"""The test server is on 127.0.0.1: private addresses must be allowed to reach it."""


def read(*sources: str, settings: Settings | None = None, follow: bool = True) -> list[Outcome]:
    return list(iter_sources(sources, settings or LOCAL, follow_links=follow))


def only_error(outcomes: list[Outcome]) -> NewsweaveError:
    assert len(outcomes) == 1, outcomes
    error = outcomes[0]
    assert isinstance(error, NewsweaveError), error
    return error


def items(outcomes: list[Outcome]) -> list[RawItem]:
    return [outcome for outcome in outcomes if isinstance(outcome, RawItem)]


def errors(outcomes: list[Outcome]) -> list[NewsweaveError]:
    return [outcome for outcome in outcomes if isinstance(outcome, NewsweaveError)]


# pages ---------------------------------------------------------------------------------------


def test_html_page_is_one_html_item(http_server: str) -> None:
    url = http_server + "/article.html"
    [item] = read(url)
    assert isinstance(item, RawItem)
    assert item.source == url
    assert item.format == "html"
    assert "Kessel strait" in item.content
    assert item.hints.url == url


def test_plain_text_page_is_text(http_server: str) -> None:
    [item] = read(http_server + "/notes.txt")
    assert isinstance(item, RawItem)
    assert item.format == "text"
    assert item.content.startswith("Council notes")


def test_charset_from_http_header(http_server: str) -> None:
    [item] = read(http_server + "/latin1")
    assert isinstance(item, RawItem)
    assert "Le café du port a rouvert, a annoncé la mairie." in item.content


def test_redirect_is_followed_and_final_url_kept(http_server: str) -> None:
    url = http_server + "/redirect"
    [item] = read(url)
    assert isinstance(item, RawItem)
    assert item.source == url
    assert item.hints.url == http_server + "/article.html"


def test_private_addresses_are_refused_by_default_in_every_notation() -> None:
    for url, address in [
        ("http://127.0.0.1:9/", "127.0.0.1"),
        ("http://localhost:9/", "127.0.0.1"),
        ("http://[::1]:9/", "::1"),
        ("http://2130706433:9/", "127.0.0.1"),
        ("http://127.1:9/", "127.0.0.1"),
        ("http://0.0.0.0:9/", "0.0.0.0"),
        ("http://[::ffff:127.0.0.1]:9/", "127.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://10.20.30.40:9/", "10.20.30.40"),
        ("http://192.168.1.1:9/", "192.168.1.1"),
        ("http://224.0.0.1:9/", "224.0.0.1"),
    ]:
        error = only_error(read(url, settings=Settings()))
        assert (error.code, error.subject) == ("NW125", url), error.line()
        assert address in error.reason
        assert "--allow-private" in error.line()


def test_octal_address_is_refused_without_connecting() -> None:
    error = only_error(read("http://0177.0.0.1:9/", settings=Settings()))
    assert error.code in {"NW101", "NW125"}


def test_loopback_server_is_refused_unless_allowed(http_server: str) -> None:
    url = http_server + "/article.html"
    assert only_error(read(url, settings=Settings())).code == "NW125"
    assert isinstance(read(url)[0], RawItem)


def allowing_only(http_server: str) -> Settings:
    """Private addresses refused, except the test server's own address and port."""
    return Settings().replace("fetch.allowed_private", (http_server.removeprefix("http://"),))


def test_the_host_header_names_the_url_host_not_the_checked_address(http_server: str) -> None:
    port = http_server.rsplit(":", 1)[1]
    fetched = fetch(f"http://localhost:{port}/echo-host", LOCAL.fetch)
    assert f"Host header: localhost:{port}" in fetched.text


def test_allowed_private_address_is_fetched(http_server: str) -> None:
    [item] = read(http_server + "/article.html", settings=allowing_only(http_server))
    assert isinstance(item, RawItem)


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("/to-other-port", "127.0.0.1"),
        ("/to-other-host", "127.0.0.2"),
        ("/to-metadata", "169.254.169.254"),
    ],
)
def test_redirect_to_another_private_place_is_rechecked(
    http_server: str, path: str, address: str
) -> None:
    url = http_server + path
    error = only_error(read(url, settings=allowing_only(http_server)))
    assert (error.code, error.subject) == ("NW125", url)
    assert address in error.reason


def test_feed_link_to_a_private_address_is_refused(http_server: str) -> None:
    feed = b"""<rss version="2.0"><channel><title>Links</title>
    <item><title>Inside</title><link>http://localhost:1/admin</link>
    <description>Teaser only.</description></item></channel></rss>"""
    outcomes = list(
        iter_feed_bytes(feed, "inside.rss", allowing_only(http_server), follow_links=True)
    )
    error = only_error(outcomes)
    assert (error.code, error.subject) == ("NW125", "http://localhost:1/admin")


def test_feed_budget_skips_the_rest_with_one_error(http_server: str) -> None:
    links = "".join(
        f"<item><title>Story {n}</title><link>{http_server}/slow?{n}</link>"
        "<description>Teaser.</description></item>"
        for n in range(1, 6)
    )
    feed = f'<rss version="2.0"><channel><title>Slow</title>{links}</channel></rss>'.encode()
    settings = LOCAL.replace("fetch.feed_seconds", 2.0)
    started = time.monotonic()
    outcomes = list(iter_feed_bytes(feed, "slow.rss", settings, follow_links=True))
    assert time.monotonic() - started < 6.0
    budget = [o for o in errors(outcomes) if o.code == "NW130"]
    assert len(budget) == 1
    assert budget[0].subject == "slow.rss"
    assert "fetch.feed_seconds" in budget[0].line()


def test_user_agent_is_sent(http_server: str, http_requests: list[tuple[str, str]]) -> None:
    settings = LOCAL.replace("fetch.user_agent", "newsweave-test/9 (polite)")
    fetched = fetch(http_server + "/notes.txt?ua", settings.fetch)
    assert fetched.content_type == "text/plain"
    assert ("/notes.txt?ua", "newsweave-test/9 (polite)") in http_requests


# page errors ---------------------------------------------------------------------------------


def test_redirect_loop_is_nw111(http_server: str) -> None:
    url = http_server + "/loop/a"
    error = only_error(read(url, settings=LOCAL.replace("fetch.max_redirects", 3)))
    assert error.code == "NW111"
    assert error.subject == url


@pytest.mark.parametrize(("path", "status"), [("/missing", "404"), ("/broken", "500")])
def test_http_error_status_is_nw109(http_server: str, path: str, status: str) -> None:
    url = http_server + path
    error = only_error(read(url))
    assert error.code == "NW109"
    assert error.subject == url
    assert status in error.reason


def test_image_is_nw110(http_server: str) -> None:
    url = http_server + "/image.png"
    error = only_error(read(url))
    assert (error.code, error.subject) == ("NW110", url)
    assert "image/png" in error.reason


def test_binary_body_labelled_html_is_nw102(http_server: str) -> None:
    url = http_server + "/png-as-html"
    error = only_error(read(url))
    assert (error.code, error.subject) == ("NW102", url)


def test_blank_body_is_nw103(http_server: str) -> None:
    url = http_server + "/empty"
    error = only_error(read(url))
    assert (error.code, error.subject) == ("NW103", url)


@pytest.mark.parametrize("path", ["/huge", "/huge-stream"])
def test_body_beyond_max_bytes_is_nw134_naming_fetch_max_bytes(http_server: str, path: str) -> None:
    url = http_server + path
    error = only_error(read(url, settings=LOCAL.replace("fetch.max_bytes", 10_000)))
    assert (error.code, error.subject) == ("NW134", url)
    assert "fetch.max_bytes" in error.line()
    assert "ingest.max_bytes" not in error.line()


def test_gzip_bomb_stops_at_max_bytes_after_decompression(http_server: str) -> None:
    url = http_server + "/gzip-bomb"
    error = only_error(read(url, settings=LOCAL.replace("fetch.max_bytes", 1_000_000)))
    assert (error.code, error.subject) == ("NW134", url)


@pytest.mark.parametrize("path", ["/gzip-members", "/deflate", "/deflate-raw"])
def test_compressed_bodies_are_decoded(http_server: str, path: str) -> None:
    [item] = read(http_server + path)
    assert isinstance(item, RawItem), item
    assert "About 1,200 passengers crossed on the first day" in item.content


@pytest.mark.parametrize(("path", "code"), [("/gzip-corrupt", "NW102"), ("/brotli", "NW110")])
def test_corrupt_or_unknown_encodings_are_clear_errors(
    http_server: str, path: str, code: str
) -> None:
    url = http_server + path
    error = only_error(read(url))
    assert (error.code, error.subject) == (code, url)


def test_headers_sent_a_byte_at_a_time_hit_the_total_deadline(http_server: str) -> None:
    url = http_server + "/drip"
    settings = LOCAL.replace("fetch.timeout", 5.0).replace("fetch.deadline", 1.0)
    started = time.monotonic()
    error = only_error(read(url, settings=settings))
    assert (error.code, error.subject) == ("NW129", url)
    assert "fetch.deadline" in error.reason
    assert time.monotonic() - started < 4.0


def test_slow_server_times_out_as_nw108(http_server: str) -> None:
    url = http_server + "/slow"
    started = time.monotonic()
    error = only_error(read(url, settings=LOCAL.replace("fetch.timeout", 0.3)))
    assert (error.code, error.subject) == ("NW108", url)
    assert time.monotonic() - started < 1.4


def test_unreachable_url_is_nw108(closed_port_url: str) -> None:
    error = only_error(read(closed_port_url))
    assert (error.code, error.subject) == ("NW108", closed_port_url)


def test_errors_do_not_stop_the_batch(http_server: str, closed_port_url: str) -> None:
    outcomes = read(closed_port_url, http_server + "/missing", http_server + "/notes.txt")
    assert [type(outcome) for outcome in outcomes] == [NewsweaveError, NewsweaveError, RawItem]


# feeds ---------------------------------------------------------------------------------------


def test_feed_items_follow_teasers_and_keep_full_content(http_server: str) -> None:
    feed = http_server + "/feed.xml"
    outcomes = read(feed)
    assert len(outcomes) == 4
    story, gone, long_summary, full = outcomes

    assert isinstance(story, RawItem)
    assert story.source == http_server + "/story/1"
    assert "Harvest festival draws record crowd (part 1)" in story.content
    assert story.format == "html"
    assert story.hints.title == "Harvest festival draws record crowd"
    assert story.hints.published == "2024-09-02T07:15:00Z"
    assert story.hints.authors == ("Pavel Dimitrov",)
    assert story.hints.publisher == "The Tellbridge Courier"
    assert story.hints.url == http_server + "/story/1"

    assert isinstance(gone, NewsweaveError)
    assert gone.code == "NW109"
    assert gone.subject == http_server + "/missing"

    assert isinstance(long_summary, RawItem)
    assert long_summary.source == f"{feed}#item=3"
    assert long_summary.content.startswith("The regional assembly debated")

    assert isinstance(full, RawItem)
    assert full.source == f"{feed}#item=4"
    assert "Old Mill bridge reopened" in full.content
    assert full.format == "html"


def test_feed_without_following_uses_summaries(
    http_server: str, http_requests: list[tuple[str, str]]
) -> None:
    feed = http_server + "/feed.xml?nofollow"
    outcomes = read(feed, follow=False)
    assert all(isinstance(outcome, RawItem) for outcome in outcomes)
    first = items(outcomes)[0]
    assert first.source == f"{feed}#item=1"
    assert first.content == "More than 9,000 visitors came."
    assert first.hints.url == http_server + "/story/1"
    paths = [path for path, _ in http_requests]
    assert paths.count("/feed.xml?nofollow") == 1


def test_follow_setting_off_uses_summaries(http_server: str) -> None:
    settings = LOCAL.replace("ingest.follow_feed_links", False)
    outcomes = read(http_server + "/feed.xml", settings=settings)
    assert not errors(outcomes)
    assert items(outcomes)[1].content == "This page was taken down."


def test_feed_served_as_text_is_read_by_its_suffix(http_server: str) -> None:
    feed = http_server + "/feed-as-text.rss"
    outcomes = read(feed, follow=False)
    assert len(outcomes) == 4
    assert items(outcomes)[0].hints.publisher == "The Tellbridge Courier"


def test_atom_feed_with_content(http_server: str) -> None:
    feed = http_server + "/atom"
    [item] = read(feed)
    assert isinstance(item, RawItem)
    assert item.source == f"{feed}#item=1"
    assert item.format == "html"
    assert "voted 412 to 88" in item.content
    assert item.hints.authors == ("Mariam Haddad", "Tom Reyes")
    assert item.hints.publisher == "Harbour Watch"
    assert item.hints.published == "2024-05-06T09:00:00Z"
    assert item.hints.url == "http://harbour.invalid/strike-ends"


def test_xml_that_is_not_a_feed_is_nw113(http_server: str) -> None:
    url = http_server + "/not-a-feed.xml"
    error = only_error(read(url))
    assert (error.code, error.subject) == ("NW113", url)


def test_feed_follow_error_names_the_link(closed_port_url: str) -> None:
    feed = f"""<rss version="2.0"><channel><title>Dead links</title>
    <item><title>Gone</title><link>{closed_port_url}gone</link>
    <description>Teaser only.</description></item></channel></rss>""".encode()
    outcomes = list(iter_feed_bytes(feed, "dead.rss", LOCAL, follow_links=True))
    error = only_error(outcomes)
    assert error.code == "NW108"
    assert error.subject == f"{closed_port_url}gone"
