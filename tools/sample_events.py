"""Draw a random sample of events to judge by hand: documents of a store (PolNeAR texts by
default) re-analysed with the current code, then events drawn from them, each printed with
its type, modality, participants, date, place and sentence. The judged draws recorded in
docs/quality.md (issue 13, real-news precision) come from this script.

    python tools/sample_events.py --db COPY.db --doc-seed 31 --event-seed 2047

Work on a copy of a store: nothing is written, but the documents are read in full.
"""

from __future__ import annotations

import argparse
import random
import sys

from newsweave.analyze.gazetteer import Gazetteer
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import contexts
from newsweave.analyze.run import analyze
from newsweave.store.sqlite import Store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the store to read (a copy)")
    parser.add_argument("--doc-seed", type=int, required=True, help="seed of the document draw")
    parser.add_argument("--event-seed", type=int, required=True, help="seed of the event draw")
    parser.add_argument("--docs", type=int, default=12, help="documents to re-analyse")
    parser.add_argument("--events", type=int, default=30, help="events to print")
    parser.add_argument(
        "--source", default="polnear:%", help="SQL LIKE pattern of the documents' source"
    )
    args = parser.parse_args(argv)
    with Store.open(args.db) as store:
        ids = sorted(
            str(row[0])
            for row in store.connection.execute(
                "SELECT id FROM documents WHERE source LIKE ? AND near_duplicate_of IS NULL",
                (args.source,),
            )
        )
        chosen = random.Random(args.doc_seed).sample(ids, min(args.docs, len(ids)))
        documents = [store.get_document(i) for i in chosen]
    gazetteer = Gazetteer.build()
    found = []
    for ctx in contexts(documents, load()):
        text = ctx.document.text
        for event in analyze(ctx, gazetteer).events:
            start = event.trigger.start
            sentence = next((text[a:b] for a, b in ctx.sentences if a <= start < b), "")
            found.append((ctx.document.source, event, sentence))
    print(f"{len(documents)} documents, {len(found)} events", file=sys.stderr)
    picked = random.Random(args.event_seed).sample(found, min(args.events, len(found)))
    for n, (source, event, sentence) in enumerate(picked, 1):
        print(f"#{n} {source[:60]}")
        print(
            f"   {event.type}/{event.mode} [{event.modality}] trigger={event.trigger.text!r}"
            f" label={event.label!r}"
        )
        print(
            f"   actors={list(event.actors)} {list(event.actor_texts)}"
            f" targets={list(event.targets)} {list(event.target_texts)}"
        )
        print(
            f"   date={event.date} ({event.date_source}) place={event.place_text}"
            f" reported_by={event.reported_by_text}"
        )
        print(f"   S: {' '.join(sentence.split())[:400]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
