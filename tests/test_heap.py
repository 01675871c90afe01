"""The collector settings of long jobs (claims.services.heap): restored on the way out, garbage still freed."""

from __future__ import annotations

import gc
import weakref

import pytest

from claims.services.heap import YOUNG_THRESHOLD, fewer_collections
from claims.services.ingest import ingest_articles


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_thresholds_and_frozen_heap_are_restored_even_after_an_error():
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_threshold()[0] == max(before[0], YOUNG_THRESHOLD)
        assert gc.get_freeze_count() > frozen
        raise RuntimeError("job failed")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen


def test_nested_jobs_restore_once_at_the_outermost():
    before = gc.get_threshold()
    with fewer_collections():
        with fewer_collections(young=before[0] + 1):
            assert gc.get_threshold()[0] == max(before[0], YOUNG_THRESHOLD)
        assert gc.get_threshold()[0] == max(before[0], YOUNG_THRESHOLD)  # the inner job left it alone
    assert gc.get_threshold() == before


def test_cycles_made_inside_are_still_collected():
    with fewer_collections():
        a, b = _Node(), _Node()
        a.other, b.other = b, a
        alive = weakref.ref(a)
        del a, b
        gc.collect()
        assert alive() is None


def test_objects_alive_before_the_job_are_collected_after_it():
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    alive = weakref.ref(a)
    with fewer_collections():
        del a, b
        gc.collect()  # frozen while the job runs
        assert alive() is not None
    gc.collect()
    assert alive() is None


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        before = gc.get_threshold()
        with fewer_collections():
            assert gc.get_threshold() == before
            assert not gc.isenabled()
    finally:
        gc.enable()


def test_ingest_restores_the_collector(engine, fake_analyzer):
    from claims.io.readers import Article

    before = gc.get_threshold()
    ingest_articles(
        [Article(origin="a.txt", external_id="a", text="The minister said the plan was ready.")],
        engine=engine,
        analyzer=fake_analyzer,
    )
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_jobs_in_two_threads_restore_when_the_last_one_ends():
    import threading

    before = gc.get_threshold()
    started, release = threading.Event(), threading.Event()

    def other_job() -> None:
        with fewer_collections():
            started.set()
            release.wait(5)

    thread = threading.Thread(target=other_job)
    with fewer_collections():
        thread.start()
        started.wait(5)
    assert gc.get_threshold()[0] == max(before[0], YOUNG_THRESHOLD)  # the other job still runs
    release.set()
    thread.join(5)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
