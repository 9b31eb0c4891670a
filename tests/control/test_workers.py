"""control.workers: ordered results from forked workers, flat in-flight work, safe fallback."""

from __future__ import annotations

import os
import threading

import pytest

from barnevern.control import workers
from barnevern.control.workers import batched, default_jobs, ordered_map, usable_jobs


def _square_with_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def _fail_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("tre")
    return n


def test_results_come_in_task_order_from_other_processes():
    results = list(ordered_map(_square_with_pid, range(40), 2))
    assert [square for square, _pid in results] == [n * n for n in range(40)]
    assert os.getpid() not in {pid for _square, pid in results}


def test_an_exception_in_a_worker_is_raised_to_the_caller():
    with pytest.raises(ValueError, match="tre"):
        list(ordered_map(_fail_on_three, range(10), 2))


def test_no_more_than_ahead_tasks_per_worker_are_taken_from_the_iterator(monkeypatch):
    taken = []

    def tasks():
        for n in range(100):
            taken.append(n)
            yield n

    results = ordered_map(_square_with_pid, tasks(), 2)
    first = next(results)
    assert first[0] == 0
    assert len(taken) <= workers.AHEAD * 2 + 1  # flat: the iterator is not read ahead
    results.close()


def test_batched_keeps_order_and_the_short_tail():
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []


def test_usable_jobs_is_one_while_other_threads_run():
    assert usable_jobs(1) == 1
    if threading.active_count() == 1:  # (in the whole suite, the browser tests' server runs)
        assert usable_jobs(4) == 4
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert usable_jobs(4) == 1  # forking beside another thread is unsafe
    finally:
        stop.set()
        thread.join()


def test_default_jobs_reads_barnevern_jobs(monkeypatch):
    monkeypatch.setenv("BARNEVERN_JOBS", "3")
    assert default_jobs() == 3
    monkeypatch.setenv("BARNEVERN_JOBS", "0")
    assert default_jobs() == 1
    monkeypatch.setenv("BARNEVERN_JOBS", "mange")
    with pytest.raises(ValueError, match="BARNEVERN_JOBS"):
        default_jobs()
    monkeypatch.delenv("BARNEVERN_JOBS")
    assert 1 <= default_jobs() <= 8


def _die_on_two(n: int) -> int:
    if n == 2:
        os._exit(9)  # as the kernel's OOM killer would
    return n


def test_a_worker_that_dies_is_reported_not_waited_for():
    with pytest.raises(workers.WorkerLost, match="--jobs 1"):
        list(ordered_map(_die_on_two, range(6), 2))
