"""Chunks of work done by worker processes, their results taken in order, and finished in
this process when no pool can be had or it breaks."""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from itertools import chain
from typing import TypeVar

from reader.errors import ReaderError
from reader.infra.processes import process_pool, stop_pool

J = TypeVar("J")
R = TypeVar("R")

_END = object()


def in_order(
    jobs: Iterable[J],
    workers: int,
    apart: Callable[..., R],
    args: tuple,
    here: Callable[[J], R],
) -> Generator[tuple[J, R], None, None]:
    """(job, result) for each job, in order: `apart(*args, job)` in `workers` processes
    (two jobs queued per worker, so jobs may be read lazily), or `here(job)` in this
    process when workers < 2, no pool can be had, or a worker fails (the jobs it had not
    given back are done here, so each job's result is given once)."""
    todo = iter(jobs)
    left: deque[J] = deque()  # handed to the pool, not given back yet
    if workers > 1:
        try:
            with process_pool(workers) as pool:
                running: deque[Future] = deque()
                try:
                    more = True
                    while True:
                        while more and len(running) < workers * 2:
                            job = next(todo, _END)
                            if job is _END:
                                more = False
                                break
                            left.append(job)  # type: ignore[arg-type]
                            running.append(pool.submit(apart, *args, job))
                        if not running:
                            break
                        result = running.popleft().result()
                        yield left.popleft(), result
                except BaseException:  # stopped early (a signal, the app closing): not waiting
                    stop_pool(pool)
                    raise
        except (BrokenProcessPool, OSError, ValueError, ReaderError, sqlite3.Error):
            pass  # the pool failed, or a worker could not read what it needs: finish here
    for job in chain(left, todo):
        yield job, here(job)
