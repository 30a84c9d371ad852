"""The network guard's address rules (no network needed: the addresses are literals)."""

from __future__ import annotations

import ipaddress

import pytest

from newsweave.ingest.sources.guard import Policy, PrivateAddress, address_kind, resolve


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.3.4", "loopback"),
        ("::1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.0.1", "private"),
        ("fc00::7", "private"),
        ("100.64.0.1", "non-public"),
        ("240.0.0.1", "reserved|private"),  # the class depends on the Python version
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::", "loopback"),
        ("2001:db8::1", "private|reserved|non-public"),
    ],
)
def test_non_public_addresses_are_named(address: str, kind: str) -> None:
    assert address_kind(ipaddress.ip_address(address)) in kind.split("|")


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert address_kind(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    "host", ["2130706433", "0177.0.0.1", "0x7f.0.0.1", "127.1", "017700000001", "[::1]"]
)
def test_every_notation_of_loopback_resolves_to_a_refusal(host: str) -> None:
    with pytest.raises(PrivateAddress) as caught:
        resolve(host, 80, Policy())
    assert caught.value.kind == "loopback"


def test_policy_allows_everything_or_exactly_the_listed_places() -> None:
    assert resolve("127.0.0.1", 80, Policy(allow_private=True)) == ["127.0.0.1"]
    assert resolve("127.0.0.1", 8080, Policy(allowed=frozenset({"127.0.0.1:8080"})))
    assert resolve("::1", 8080, Policy(allowed=frozenset({"[::1]:8080"})))
    assert resolve("127.0.0.1", 9, Policy(allowed=frozenset({"127.0.0.1"})))
    with pytest.raises(PrivateAddress):
        resolve("127.0.0.1", 9, Policy(allowed=frozenset({"127.0.0.1:8080"})))
