"""Batches for executors with several workers: the last ones cut small.

A worker takes whole batches (``analyze.batch_size`` inputs, ~8 s of work each for
PolNeAR articles), so at the end of a run one worker can still hold a batch or two while
the other has nothing left: on two workers that tail left a core idle for several seconds
of a 50-second ingest. :func:`split_tail` looks ``ahead`` batches in advance; once the
stream has ended, the batches still waiting are cut into ``TAIL_PIECES`` pieces each, so
the work left at the end is shared in small pieces. Results do not depend on how jobs
are batched (the runner stores them in input order).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from newsweave.pipeline.work import Job

TAIL_PIECES = 4
"""Pieces each of the last batches is cut into."""


def split_tail(batches: Iterator[list[Job]], ahead: int) -> Iterator[list[Job]]:
    """``batches`` as they come, except that the last ``ahead`` of them are each cut
    into up to :data:`TAIL_PIECES` pieces (batches are read ``ahead`` in advance)."""
    waiting: deque[list[Job]] = deque()
    for batch in batches:
        waiting.append(batch)
        if len(waiting) > ahead:
            yield waiting.popleft()
    for batch in waiting:
        size = max(1, -(-len(batch) // TAIL_PIECES))
        for start in range(0, len(batch), size):
            yield batch[start : start + size]
