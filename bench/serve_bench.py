"""Latency of the UI pages on a store of real articles and on a synthetic large store built
from it at the store level (every document and its facts copied with new ids, joined to the
same entities, story events and claims, so entities grow as they would in an archive).

    python bench/serve_bench.py --db real.db --copies 215 --large large.db

prints p50/p95 (ms) of the home page, an entity page, a document page, an event page, the
event list filtered by type and date, search, ask and the other pages (entities by name,
quotes, figures, documents, graph, timeline, map), over a real uvicorn server on
127.0.0.1 (wall time at the client, and the CPU time the process spent on the request,
which other processes on a shared machine do not inflate), then the EXPLAIN QUERY
PLAN of every distinct statement each page ran (``--explain``). Timings on a shared
machine are noisy: compare ratios within one run.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import uvicorn

from newsweave.serve.app import create_app
from newsweave.serve.server import bind
from newsweave.store.sqlite import Store

TABLE_COPIES: tuple[tuple[str, str], ...] = (
    (
        "documents",
        "INSERT INTO documents SELECT id || :s, source || :s, url, title, authors, publisher,"
        " published, date_source, date_inferred, date_evidence, language, genre, format, text,"
        " word_count, NULL, extra, NULL, ingested_at, seq + :seq FROM src.documents",
    ),
    (
        "document_sources",
        "INSERT INTO document_sources SELECT document_id || :s, source || :s"
        " FROM src.document_sources",
    ),
    (
        "segments",
        "INSERT INTO segments (document_id, idx, role, start_char, end_char)"
        " SELECT document_id || :s, idx, role, start_char, end_char FROM src.segments",
    ),
    (
        "analyses",
        "INSERT INTO analyses SELECT document_id || :s, version, analysed_at, sentences, notes"
        " FROM src.analyses",
    ),
    (
        "actors",
        "INSERT INTO actors SELECT id || :s, document_id || :s, name, type, aliases, country,"
        " mentions, start_char, end_char, sentence_start, sentence_end, stage, version"
        " FROM src.actors",
    ),
    (
        "actor_titles",
        "INSERT INTO actor_titles SELECT actor_id || :s, text, start_char, end_char,"
        " sentence_start, sentence_end, stage, version FROM src.actor_titles",
    ),
    (
        "mentions",
        "INSERT INTO mentions (document_id, actor_id, start_char, end_char, text, type, source,"
        " sentence_start, sentence_end, stage, version) SELECT document_id || :s,"
        " actor_id || :s, start_char, end_char, text, type, source, sentence_start,"
        " sentence_end, stage, version FROM src.mentions",
    ),
    (
        "time_expressions",
        "INSERT INTO time_expressions (document_id, start_char, end_char, text, type, value,"
        " precision, anchor, sentence_start, sentence_end, stage, version)"
        " SELECT document_id || :s, start_char, end_char, text, type, value, precision, anchor,"
        " sentence_start, sentence_end, stage, version FROM src.time_expressions",
    ),
    (
        "figures",
        "INSERT INTO figures SELECT id || :s, document_id || :s, start_char, end_char, text,"
        " value, low, high, qualifier, unit, what, claimed_by || :s, claimed_by_text, as_of,"
        " sentence_start, sentence_end, stage, version FROM src.figures",
    ),
    (
        "quotes",
        "INSERT INTO quotes SELECT id || :s, document_id || :s, start_char, end_char, text,"
        " speaker || :s, speaker_text, verb, direct, sentence_start, sentence_end, stage,"
        " version FROM src.quotes",
    ),
    (
        "events",
        "INSERT INTO events SELECT id || :s, document_id || :s, type, mode, label, start_char,"
        " end_char, text,"
        " (SELECT json_group_array(value || :s) FROM json_each(actors)), actor_texts,"
        " (SELECT json_group_array(value || :s) FROM json_each(targets)), target_texts,"
        " place || :s, place_text, date, date_source,"
        " (SELECT json_group_array(value || :s) FROM json_each(figures)), modality,"
        " reported_by || :s, reported_by_text FROM src.events",
    ),
    (
        "event_evidence",
        "INSERT INTO event_evidence SELECT event_id || :s, idx, start_char, end_char,"
        " sentence_start, sentence_end, stage, version FROM src.event_evidence",
    ),
    (
        "relations",
        "INSERT INTO relations (document_id, subject, predicate, object, object_text, qualifier,"
        " time, start_char, end_char, sentence_start, sentence_end, stage, version)"
        " SELECT document_id || :s, subject || :s, predicate, object || :s, object_text,"
        " qualifier, time, start_char, end_char, sentence_start, sentence_end, stage, version"
        " FROM src.relations",
    ),
    (
        "entity_members",
        "INSERT INTO entity_members SELECT actor_id || :s, entity_id FROM src.entity_members",
    ),
    (
        "places",
        "INSERT INTO places SELECT actor_id || :s, name, lat, lon, country, gazetteer_id, kind,"
        " method, confidence FROM src.places",
    ),
    (
        "story_event_members",
        "INSERT INTO story_event_members SELECT event_id || :s, story_event_id"
        " FROM src.story_event_members",
    ),
    (
        "claim_members",
        "INSERT INTO claim_members SELECT figure_id || :s, claim_id, claimant, as_of"
        " FROM src.claim_members",
    ),
)


def build_large(base: Path, large: Path, copies: int, report: Callable[[str], None]) -> int:
    """``large`` = ``base`` plus ``copies`` copies of every document and its facts."""
    if large.exists():
        large.unlink()
    shutil.copy(base, large)
    Store.open(large).close()  # migrated to this version
    conn = sqlite3.connect(large, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA cache_size = -3000000")  # 3 GB: the copies touch every index
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("ATTACH DATABASE ? AS src", (f"file:{base}?mode=ro",))
    top = int(conn.execute("SELECT max(seq) FROM src.documents").fetchone()[0])
    began = time.perf_counter()
    for k in range(1, copies + 1):
        conn.execute("BEGIN")
        for _, sql in TABLE_COPIES:
            conn.execute(sql, {"s": f"-{k}", "seq": top * k})
        conn.execute("COMMIT")
        if k % 10 == 0 or k == copies:
            docs = int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
            report(f"  copy {k}/{copies}: {docs} documents, {time.perf_counter() - began:.0f} s")
    conn.execute("BEGIN")
    conn.execute(
        "UPDATE entities SET size = (SELECT count(*) FROM entity_members AS m"
        " WHERE m.entity_id = entities.id)"
    )
    conn.execute(
        "UPDATE story_events SET documents = (SELECT count(DISTINCT e.document_id)"
        " FROM story_event_members AS m JOIN events AS e ON e.id = m.event_id"
        " WHERE m.story_event_id = story_events.id)"
    )
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE src")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    docs = int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    conn.close()
    return docs


class Server:
    def __init__(self, db: Path) -> None:
        sock = bind("127.0.0.1", 0)
        self.base = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.app = create_app(db)
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning"))
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def samples(db: Path, n: int, seed: int = 7) -> dict[str, list[str]]:
    """The URLs of each page kind: ``n`` of each, ids drawn from the store."""
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

    def pick(sql: str) -> list[str]:
        rows = [str(r[0]) for r in conn.execute(sql)]
        return [rng.choice(rows) for _ in range(n)] if rows else []

    entities = pick("SELECT id FROM entities ORDER BY size DESC LIMIT 200")
    types = [str(r[0]) for r in conn.execute("SELECT type FROM events GROUP BY type")]
    months = [
        str(r[0])
        for r in conn.execute("SELECT DISTINCT substr(date, 1, 7) FROM events WHERE date > '2000'")
    ]
    names = pick("SELECT name FROM entities ORDER BY size DESC LIMIT 200")
    words = ["protest", "election", "minister", "police", "court", "virus", "storm", "strike"]
    conn_docs = pick("SELECT id FROM documents ORDER BY random() LIMIT 500")
    conn_events = pick("SELECT id FROM events ORDER BY random() LIMIT 500")
    conn.close()
    few = max(3, n // 3)
    return {
        # no store access: what the HTTP round trip and the scheduling of a loaded machine
        # cost alone (the floor under every page's wall time)
        "static (floor)": ["/static/explore.js"] * n,
        "home": ["/"] * few,
        "entity": [f"/entity/{e}" for e in entities],
        "document": [f"/doc/{d}" for d in conn_docs],
        "event": [f"/event/{e}" for e in conn_events],
        "events?type&date": [
            f"/events?type={rng.choice(types)}&start={m}&end={m}"
            for m in (rng.choice(months) for _ in range(n))
        ],
        "search": [f"/search?q={rng.choice(words)}+{name.split()[0]}" for name in names],
        "ask": [f"/ask?q=What+did+{name.replace(' ', '+')}+say%3F" for name in names[: n // 2]],
        # the other pages, a few times each (their answers do not depend on an id)
        "entities?q": [f"/entities?q={name.split()[0]}" for name in names[:few]],
        "quotes": ["/quotes"] * few,
        "figures": ["/figures"] * few,
        "documents": ["/documents"] * few,
        "graph": ["/graph"] * few,
        "timeline": ["/timeline"] * few,
        "map": ["/map"] * few,
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(server: Server, urls: list[str]) -> tuple[float, float, float, float, int]:
    """(p50, p95 wall ms, p50, p95 CPU ms, non-200 answers). CPU is the time this process
    (server and client; one request at a time) spent on the request, which the other jobs
    of a shared machine do not inflate as they inflate wall time."""
    times: list[float] = []
    cpu: list[float] = []
    failed = 0
    with httpx.Client(base_url=server.base, timeout=120) as client:
        client.get(urls[0])  # warm the connection and the page cache
        for url in urls:
            began, used = time.perf_counter(), time.process_time()
            status = client.get(url).status_code
            times.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - used) * 1000)
            failed += status != 200
    return statistics.median(times), _p95(times), statistics.median(cpu), _p95(cpu), failed


def _full_scan(detail: str) -> bool:
    """A plan step that reads a whole table (not an FTS5 match, a JSON list, a subquery, a
    covering index or an FTS5 table's one-row config)."""
    return (
        detail.startswith("SCAN ")
        and "VIRTUAL TABLE" not in detail
        and "subquery" not in detail
        and "COVERING INDEX" not in detail
        and not detail.endswith("_config")
    )


def plans(db: Path, urls: dict[str, list[str]]) -> Iterator[str]:
    """EXPLAIN QUERY PLAN of every distinct statement each page kind ran (on one URL)."""
    import io

    from fastapi.testclient import TestClient

    app = create_app(db)
    statements: list[str] = []
    app.state.reader.trace = statements.append
    client = TestClient(app)
    for kind, examples in urls.items():
        if not examples:
            continue
        statements.clear()
        client.get(examples[0])
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        out = io.StringIO()
        distinct = list(
            dict.fromkeys(
                " ".join(s.split())
                for s in statements
                if s.lstrip().upper().startswith(("SELECT", "WITH"))
            )
        )
        full_scans = 0
        for sql in distinct:
            try:
                rows = conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
            except sqlite3.Error:
                continue
            full_scans += any(_full_scan(str(r[3])) for r in rows)
        out.write(f"    {len(distinct)} distinct statements, {full_scans} scanning a whole table\n")
        for sql in distinct[:25]:
            try:
                rows = conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
            except sqlite3.Error:
                continue
            detail = "; ".join(str(r[3]) for r in rows)
            out.write(f"    {' '.join(sql.split())[:110]}\n      -> {detail[:400]}\n")
        conn.close()
        yield f"  {kind} ({examples[0]}):\n{out.getvalue()}"


def run(db: Path, n: int, explain: bool) -> None:
    docs = (
        sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        .execute("SELECT count(*) FROM documents")
        .fetchone()[0]
    )
    print(f"\n{db.name}: {docs} documents, {db.stat().st_size / 1e6:.0f} MB")
    urls = samples(db, n)
    server = Server(db)
    try:
        print(
            f"  {'page':<18} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} {'cpu p95':>8}"
            f" {'n':>4} {'non-200':>8}"
        )
        for kind, examples in urls.items():
            if not examples:
                continue
            p50, p95, c50, c95, failed = measure(server, examples)
            print(
                f"  {kind:<18} {p50:8.1f} {p95:8.1f} {c50:8.1f} {c95:8.1f}"
                f" {len(examples):4d} {failed:8d}"
            )
        if explain:
            print("  EXPLAIN QUERY PLAN per page:")
            for block in plans(db, urls):
                print(block, end="")
    finally:
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="A store of real articles.")
    parser.add_argument("--large", type=Path, help="Where to build the synthetic large store.")
    parser.add_argument("--copies", type=int, default=0, help="Copies of the base corpus.")
    parser.add_argument("--reuse", action="store_true", help="Reuse --large if it exists.")
    parser.add_argument("-n", type=int, default=40, help="Requests per page kind.")
    parser.add_argument("--explain", action="store_true", help="Print the query plans.")
    parser.add_argument("--skip-base", action="store_true", help="Measure --large only.")
    args = parser.parse_args()
    if not args.skip_base:
        run(args.db, args.n, explain=False)
    if args.large and args.copies:
        if not (args.reuse and args.large.exists()):
            began = time.perf_counter()
            print(f"\nbuilding {args.large} ({args.copies} copies)")
            docs = build_large(args.db, args.large, args.copies, print)
            print(f"  built {docs} documents in {time.perf_counter() - began:.0f} s")
        run(args.large, args.n, explain=args.explain)


if __name__ == "__main__":
    main()
