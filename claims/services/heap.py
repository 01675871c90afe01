"""Fewer garbage-collector passes during a long batch job (an ingest, a topic and dispute update).

Python's cyclic collector runs after every 700 net container allocations and, every so often, scans the whole
heap: the loaded spaCy pipeline, the rule tables, the database session. An ingest allocates millions of small
short-lived objects (tokens, dicts, rows), so over PolNeAR dev the collector took about 1 s of a 15 s ingest,
most of it in full-heap passes over objects that live for the whole run anyway. :func:`fewer_collections`
moves what is alive when the job starts out of the collector's scans (``gc.freeze``) and lets the young
generation grow larger before it is collected; both are undone on the way out. Garbage is still freed
(reference counting frees almost everything; cycles are still collected, only less often), so what a job
computes does not change, only how often the collector looks.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations between two collections of the youngest generation while a job runs (Python's default: 700).
# At this size a young collection still costs well under a millisecond; memory held by uncollected cycles
# stays bounded by the threshold.
YOUNG_THRESHOLD = 50_000

_depth = [0]  # nested jobs (an ingest that runs the update) freeze and restore once, at the outermost


@contextmanager
def fewer_collections(young: int = YOUNG_THRESHOLD) -> Iterator[None]:
    """Run the body with the heap alive at its start frozen and a larger young generation, then restore the
    collector's thresholds and unfreeze. Does nothing when the collector is disabled."""
    if _depth[0] or not gc.isenabled():
        _depth[0] += 1
        try:
            yield
        finally:
            _depth[0] -= 1
        return
    old = gc.get_threshold()
    _depth[0] += 1
    gc.freeze()
    gc.set_threshold(max(old[0], young), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()
        _depth[0] -= 1
