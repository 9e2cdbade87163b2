"""Worker process pools that are safe to start from a threaded app."""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes, started by forkserver (or spawn), never by fork.

    Never fork: the caller may be a threaded app, and a forked child can inherit held
    locks. The pool's resource tracker passes our stderr to its child; inside a Textual
    app sys.stderr is a capture object whose fileno() is -1, which makes the start fail
    ("bad value(s) in fds_to_keep"), so the real stderr stands in while the pool starts.
    Raises OSError or ValueError when no pool can be had (callers then work in-process).
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    captured = sys.stderr
    if _fileno(captured) < 0 and sys.__stderr__ is not None:
        sys.stderr = sys.__stderr__
    try:
        return ProcessPoolExecutor(max_workers=workers, mp_context=context)
    finally:
        sys.stderr = captured


def _fileno(stream: object) -> int:
    try:
        return stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return -1
