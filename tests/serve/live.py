"""A real uvicorn server on 127.0.0.1 for the UI tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn

from newsweave.serve.app import create_app
from newsweave.serve.server import bind


def serve_app(db: Path) -> Iterator[str]:
    """Serve the UI over ``db`` on a free port until the generator is closed."""
    yield from serve(create_app(db))


def serve(app: Any) -> Iterator[str]:
    """Serve ``app`` (made by ``create_app``) on a free port until the generator is
    closed; yields its base URL."""
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
