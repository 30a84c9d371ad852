"""The network guard: every connection goes to a checked public address, within a deadline.

Before a TCP connection is opened (for a URL, each redirect and each feed link alike) the host
is resolved once; when any of its addresses is loopback, private, link-local, multicast,
reserved, unspecified or otherwise not public, the request is refused with
:class:`PrivateAddress`, unless private addresses are allowed. The connection then goes to
the very address that was checked (a second lookup could answer differently: DNS
rebinding), while the URL's host name stays in the Host header and TLS server name.

The resolver parses every notation the C library accepts (``2130706433``, ``0177.0.0.1``,
``127.1``, ``[::ffff:127.0.0.1]``), so the check sees what the connection would reach.

Each request also has one total deadline (connect, headers and body together): every socket
operation waits at most until then, so a server that drips its headers a byte at a time
cannot hold a request longer than the deadline.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_DEADLINE: ContextVar[float | None] = ContextVar("newsweave_fetch_deadline", default=None)
"""The monotonic time by which the current request must be done (None: no deadline)."""


class PrivateAddress(Exception):
    """A host resolved to an address that is not public (see :func:`address_kind`)."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        self.host = host
        self.address = address
        self.kind = kind
        shown = host if host == address else f"{host} = {address}"
        super().__init__(f"{shown}, a {kind} address")


class DeadlinePassed(httpcore.TimeoutException):
    """The request's total deadline passed (raised by the guarded socket operations)."""


def address_kind(address: IPAddress) -> str | None:
    """Why ``address`` is refused ("loopback", "private", ...), or None for a public one.

    IPv4-mapped, 6to4 and Teredo IPv6 addresses are judged by the IPv4 address they carry.
    """
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour
        if address.teredo is not None:
            inner = address.teredo[1]
        if inner is not None:
            return address_kind(inner) or (None if address.is_global else "non-public")
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("non-public", not address.is_global),
    )
    return next((kind for kind, hit in checks if hit), None)


@dataclass(frozen=True)
class Policy:
    """Which non-public addresses may be reached."""

    allow_private: bool = False
    """Every address may be reached."""
    allowed: frozenset[str] = frozenset()
    """Non-public addresses reachable anyway: ``ADDRESS`` (any port) or ``ADDRESS:PORT``
    (IPv6 as ``[ADDRESS]:PORT``)."""

    def permits(self, address: str, port: int) -> bool:
        if self.allow_private:
            return True
        shown = f"[{address}]" if ":" in address else address
        return address in self.allowed or f"{shown}:{port}" in self.allowed


def resolve(host: str, port: int, policy: Policy) -> list[str]:
    """The addresses to connect to for ``host``; raises PrivateAddress when any of them is
    not public and ``policy`` does not permit it, ``socket.gaierror`` when the name does not
    resolve."""
    bare = host.strip("[]")
    infos = socket.getaddrinfo(bare, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    for text in addresses:
        kind = address_kind(ipaddress.ip_address(text.partition("%")[0]))
        if kind is not None and not policy.permits(text, port):
            raise PrivateAddress(bare, text, kind)
    return addresses


def _resolve_within(host: str, port: int, policy: Policy, seconds: float | None) -> list[str]:
    """:func:`resolve` in a helper thread, waiting at most ``seconds`` (the C resolver
    cannot be interrupted; a slow lookup is abandoned to finish on its own)."""
    if seconds is None:
        return resolve(host, port, policy)
    box: list[list[str] | BaseException] = []

    def lookup() -> None:
        try:
            box.append(resolve(host, port, policy))
        except BaseException as exc:  # handed to the waiting thread
            box.append(exc)

    thread = threading.Thread(target=lookup, name="newsweave-dns", daemon=True)
    thread.start()
    thread.join(seconds)
    if not box:
        raise httpcore.ConnectTimeout(f"no DNS answer for {host} within {seconds:g} s")
    result = box[0]
    if isinstance(result, BaseException):
        raise result
    return result


@contextlib.contextmanager
def deadline(at: float | None) -> Iterator[None]:
    """Requests made inside the block must be done by monotonic time ``at``."""
    token = _DEADLINE.set(at)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def deadline_passed() -> bool:
    """Whether the current request's deadline (if any) has passed."""
    at = _DEADLINE.get()
    return at is not None and time.monotonic() >= at


def _clip(timeout: float | None) -> float | None:
    """``timeout`` shortened to what is left before the deadline; DeadlinePassed if none."""
    at = _DEADLINE.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise DeadlinePassed("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A socket stream whose every operation waits at most until the request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clip(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clip(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, _clip(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.SyncBackend):
    """Connects only to checked addresses, within the request's deadline."""

    def __init__(self, policy: Policy) -> None:
        self._policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = _resolve_within(host, port, self._policy, _clip(timeout))
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc.strerror}") from exc
        failure: Exception | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(
                    address, port, _clip(timeout), local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            return _Stream(stream)
        raise failure or httpcore.ConnectError(f"no address for {host}")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over :class:`_Backend`: checked addresses, one deadline, no proxy."""

    def __init__(self, policy: Policy) -> None:
        context = _ssl_context()
        super().__init__(verify=context, trust_env=False)
        self._pool = httpcore.ConnectionPool(ssl_context=context, network_backend=_Backend(policy))


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for the process (loading the CA bundle costs ~50 ms)."""
    return httpx.create_ssl_context(trust_env=False)
