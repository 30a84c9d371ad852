"""Run the UI with uvicorn on a socket we bind ourselves (so port 0 works and the printed
address is the real one)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import uvicorn

from newsweave.serve.app import create_app
from newsweave.store.sqlite import Store


def bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def run(db: Path, *, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Serve until interrupted; ``announce`` receives the address first."""
    Store.open(db).close()  # fail fast (NW201/NW203) before listening
    sock = bind(host, port)
    bound_port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    announce(f"http://{host}:{bound_port}/")
    server.run(sockets=[sock])
