"""Fewer garbage-collector passes during a long batch job (an ingest, a topic and dispute update).

Python's cyclic collector runs after every 700 net container allocations and, every so often, scans the whole
heap: the loaded spaCy pipeline, the rule tables, the database session. An ingest allocates millions of small
short-lived objects (tokens, dicts, rows), so over PolNeAR dev the collector took about 1 s of a 15 s ingest,
most of it in full-heap passes over objects that live for the whole run anyway. :func:`fewer_collections`
moves what is alive when the job starts out of the collector's scans (``gc.freeze``) and lets the young
generation grow larger before it is collected; both are undone when the last job running ends. Garbage is
still freed (reference counting frees almost everything; cycles are still collected, only less often), so
what a job computes does not change, only how often the collector looks.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations between two collections of the youngest generation while a job runs (Python's default: 700).
# At this size a young collection still costs well under a millisecond; memory held by uncollected cycles
# stays bounded by the threshold.
YOUNG_THRESHOLD = 50_000


class _Jobs:
    """The jobs running (nested, or in several threads): the collector is set when the first starts and
    restored when the last ends."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.saved: tuple[int, ...] | None = None  # the thresholds to restore, when this module changed them


_JOBS = _Jobs()


@contextmanager
def fewer_collections(young: int = YOUNG_THRESHOLD) -> Iterator[None]:
    """Run the body with the heap alive at its start frozen and a larger young generation; the collector's
    thresholds are restored and the heap unfrozen when the last such body ends. Does nothing to a disabled
    collector."""
    with _JOBS.lock:
        if _JOBS.running == 0 and gc.isenabled():
            _JOBS.saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(max(_JOBS.saved[0], young), *_JOBS.saved[1:])
        _JOBS.running += 1
    try:
        yield
    finally:
        with _JOBS.lock:
            _JOBS.running -= 1
            if _JOBS.running == 0 and _JOBS.saved is not None:
                gc.set_threshold(*_JOBS.saved)
                gc.unfreeze()
                _JOBS.saved = None
