"""Run the UI with uvicorn on a socket we bind ourselves (so port 0 works and the printed
address is the real one). SIGTERM or Ctrl-C stops it within a few seconds: running queries
are interrupted at their next progress check and open connections get a short grace."""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable
from pathlib import Path

import uvicorn

from newsweave.errors import NewsweaveError
from newsweave.serve.app import create_app
from newsweave.serve.db import Reader
from newsweave.settings import ServeSettings
from newsweave.store.sqlite import Store

GRACE_SECONDS = 2
"""How long open connections may finish after a stop signal."""


def bind(host: str, port: int) -> socket.socket:
    """A listening socket; NW255 naming the port when it is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle off (TCP_NODELAY) only on connections of a
    # socket that says it is TCP; with Nagle on, an answer written as headers then body
    # waited for the client's delayed ACK, ~40 ms on every keep-alive request
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            raise NewsweaveError(
                "NW255",
                f"{host}:{port}",
                f"port {port} is {'in use' if exc.errno == errno.EADDRINUSE else 'not allowed'};"
                " pick another with --port N (--port 0 picks a free one)",
            ) from None
        raise NewsweaveError("NW255", f"{host}:{port}", f"cannot listen: {exc}") from None
    return sock


class _Server(uvicorn.Server):
    """Stops the reader's queries as soon as a stop signal arrives."""

    reader: Reader | None = None

    def handle_exit(self, sig: int, frame: object) -> None:
        if self.reader is not None:
            self.reader.stopping = True
        super().handle_exit(sig, frame)  # type: ignore[arg-type]


def run(
    db: Path,
    *,
    host: str,
    port: int,
    announce: Callable[[str], None],
    log: Callable[[str], None] | None = None,
    settings: ServeSettings | None = None,
) -> None:
    """Serve until interrupted; ``announce`` receives the address first, ``log`` one line
    per request. Raises NW250 when there is no store at ``db`` (nothing is created)."""
    settings = settings or ServeSettings()
    Store.upgrade(db)  # NW250 when missing; pending migrations once, never per request
    Store.open_read(db).close()  # fail fast (NW201/NW203/NW256) before listening
    sock = bind(host, port)
    bound_port = sock.getsockname()[1]
    app = create_app(db, settings, log=log)
    server = _Server(
        uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=GRACE_SECONDS,
        )
    )
    server.reader = app.state.reader
    announce(f"http://{host}:{bound_port}/")
    server.run(sockets=[sock])
