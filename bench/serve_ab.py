"""CPU per request of the UI pages under two versions of the code, measured side by side.

    git archive main src | tar -x -C /tmp/main        # the other version's src/
    python bench/serve_ab.py --db big.db --other /tmp/main/src -n 40

starts one ``newsweave serve`` process per version over the same store (this checkout's
``src`` and ``--other``), sends each page kind's URLs (those of ``serve_bench.samples``) to
both, alternating which goes first, and prints per page kind the server process's CPU time
(user + system, from ``/proc``, in clock ticks of 10 ms) summed over the requests, divided
by their number. Alternating requests make the load of a shared machine fall on both
versions alike; the tick resolution is 10 ms over the number of requests.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_bench import samples

HERE = Path(__file__).resolve().parent.parent / "src"


def _cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") * 1000


def _serve(db: Path, src: Path) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "newsweave.cli", "serve", "--db", str(db), "--port", "0"]
    process = subprocess.Popen(
        [*command, "-q"],
        env=dict(os.environ, PYTHONPATH=str(src)),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    found = re.search(r"http://\S+", process.stdout.readline())
    if found is None:
        process.terminate()
        raise SystemExit(f"no server started from {src}")
    return process, found.group(0).rstrip("/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="The store both serve.")
    parser.add_argument("--other", type=Path, required=True, help="The other version's src/.")
    parser.add_argument("-n", type=int, default=40, help="Requests per page kind.")
    parser.add_argument("--pages", default="", help="Only these page kinds (comma-separated).")
    args = parser.parse_args()
    versions = {"other": args.other, "this": HERE}
    servers = {name: _serve(args.db, src) for name, src in versions.items()}
    clients = {
        name: httpx.Client(base_url=base, timeout=120) for name, (_, base) in servers.items()
    }
    wanted = {p for p in args.pages.split(",") if p}
    print(f"{'page':<18} {'other ms/req':>13} {'this ms/req':>12} {'non-200 o/t':>12}")
    try:
        for kind, urls in samples(args.db, args.n).items():
            if not urls or (wanted and kind not in wanted):
                continue
            urls = (urls * args.n)[: max(len(urls), args.n)]
            for client in clients.values():
                client.get(urls[0])  # warm each server's connection and page cache
            used = dict.fromkeys(versions, 0.0)
            failed = dict.fromkeys(versions, 0)
            for index, url in enumerate(urls):
                for name in ("other", "this") if index % 2 == 0 else ("this", "other"):
                    pid = servers[name][0].pid
                    began = _cpu_ms(pid)
                    failed[name] += clients[name].get(url).status_code != 200
                    used[name] += _cpu_ms(pid) - began
            print(
                f"{kind:<18} {used['other'] / len(urls):13.2f} {used['this'] / len(urls):12.2f}"
                f" {failed['other']:>6}/{failed['this']}"
            )
    finally:
        for process, _ in servers.values():
            process.terminate()


if __name__ == "__main__":
    main()
