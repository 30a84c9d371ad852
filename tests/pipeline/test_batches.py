"""The last batches of a run are cut small (``pipeline.batches.split_tail``): every job is
sent once, in input order, and only the batches read after the stream's end are cut."""

from __future__ import annotations

from collections.abc import Iterator

from newsweave.ingest.raw import RawItem
from newsweave.pipeline.batches import TAIL_PIECES, split_tail
from newsweave.pipeline.work import Job


def batches_of(sizes: list[int]) -> list[list[Job]]:
    out: list[list[Job]] = []
    key = 0
    for size in sizes:
        batch = []
        for _ in range(size):
            batch.append(Job(key, RawItem(f"wire-{key}.txt", f"Story {key}.", "text")))
            key += 1
        out.append(batch)
    return out


def keys(batches: list[list[Job]]) -> list[int]:
    return [job.key for batch in batches for job in batch]


def test_only_the_last_batches_are_cut_and_every_job_is_sent_once() -> None:
    given = batches_of([32, 32, 32, 32, 32, 32, 12])
    sent = list(split_tail(iter(given), ahead=4))
    assert keys(sent) == keys(given)
    assert [len(b) for b in sent[:3]] == [32, 32, 32]
    tail = sent[3:]
    assert [len(b) for b in tail] == [8] * 12 + [3] * 4
    assert len(tail) == 4 * TAIL_PIECES


def test_a_stream_shorter_than_the_look_ahead_is_all_cut() -> None:
    given = batches_of([5, 2, 1])
    sent = list(split_tail(iter(given), ahead=4))
    assert keys(sent) == keys(given)
    assert [len(b) for b in sent] == [2, 2, 1, 1, 1, 1]


def test_the_stream_is_read_only_ahead_batches_in_advance() -> None:
    read: list[int] = []

    def stream() -> Iterator[list[Job]]:
        for index, batch in enumerate(batches_of([4] * 10)):
            read.append(index)
            yield batch

    sent = split_tail(stream(), ahead=3)
    first = next(sent)
    assert first[0].key == 0 and len(first) == 4
    assert read == [0, 1, 2, 3]
