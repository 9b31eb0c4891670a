"""Worker processes for checking many documents at once (``pipeline.check_documents``).

Checking a document is pure CPU work in Python and libxml2, and documents do not depend on
each other (the one cross-file rule, Sak K22, is run by the caller on compact digests). A
national corpus of 100 000 files is therefore checked in several processes, one per core.

``ordered_map`` gives the results in the order of the tasks and keeps at most ``AHEAD``
tasks per worker in flight, so memory stays flat however many tasks there are (``Pool.imap``
would read the whole task iterator ahead). Workers are forked from the caller, so they start
at once with everything imported. They only compute: they never touch the caller's open
files or database connection, and they end with ``os._exit`` (no clean-up that could close
what the caller still uses). Forking a process that runs other threads is unsafe (a lock held
by another thread stays locked in the child), so ``usable_jobs`` is 1 unless the caller is
single-threaded, as the command line is; web requests check in their own process.

``default_jobs`` is the number of cores this process may use (``BARNEVERN_JOBS`` overrides
it; ``1`` checks everything in the calling process).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TypeVar

__all__ = [
    "AHEAD",
    "JOBS_HELP",
    "WorkerLost",
    "batched",
    "default_jobs",
    "jobs_option",
    "ordered_map",
    "usable_jobs",
]

T = TypeVar("T")
R = TypeVar("R")
AHEAD = 3  # tasks in flight per worker


def default_jobs() -> int:
    """``BARNEVERN_JOBS`` if set, else the cores this process may run on (at most 8)."""
    configured = os.environ.get("BARNEVERN_JOBS", "").strip()
    if configured:
        try:
            return max(1, int(configured))
        except ValueError:
            raise ValueError(f"BARNEVERN_JOBS må være et heltall, ikke «{configured}».") from None
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


JOBS_HELP = (
    "antall prosesser som kontrollerer filene samtidig (standard: antall prosessorkjerner, "
    "høyst 8, eller BARNEVERN_JOBS; 1 = alt i én prosess)"
)


def jobs_option(value: int | None) -> int:
    """The ``--jobs`` of a command: ``value`` (at least 1) or ``default_jobs()``; a
    ``ValueError`` with a Norwegian message for a bad value."""
    if value is None:
        return default_jobs()
    if value < 1:
        raise ValueError(f"--jobs må være minst 1, ikke {value}.")
    return value


def usable_jobs(jobs: int) -> int:
    """``jobs``, or 1 where worker processes cannot be forked safely (other threads running,
    or no ``fork`` on this platform)."""
    if jobs <= 1 or threading.active_count() > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return jobs


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ordered_map(fn: Callable[[T], R], tasks: Iterable[T], jobs: int) -> Iterator[R]:
    """``fn(task)`` for every task in ``jobs`` forked worker processes (see ``usable_jobs``);
    results in task order. ``fn`` must be a module-level function; tasks and results are
    pickled. An exception in ``fn`` is raised here; a worker that dies (killed, out of
    memory) raises ``WorkerLost`` instead of leaving the caller waiting. Closing the iterator
    early stops the workers."""
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
    try:
        pending: deque[Future[R]] = deque()
        for task in tasks:
            pending.append(executor.submit(fn, task))
            if len(pending) >= AHEAD * jobs:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


class WorkerLost(RuntimeError):
    """A worker process ended without an answer; the message is Norwegian and says what to do."""


def _result(future: Future[R]) -> R:
    try:
        return future.result()
    except BrokenProcessPool:
        raise WorkerLost(
            "En kontrollprosess stoppet uventet (avbrutt, eller for lite minne). Kjør på nytt, "
            "eventuelt med færre prosesser (--jobs 1)."
        ) from None
