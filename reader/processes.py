"""Worker processes that are safe to start from a threaded app, and can be stopped."""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

from reader.errors import Cancelled

_stderr_lock = threading.Lock()


def _context() -> multiprocessing.context.BaseContext:
    # Never fork: the caller may be a threaded app, and a forked child can inherit held locks.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


@contextlib.contextmanager
def _real_stderr() -> Iterator[None]:
    """multiprocessing's resource tracker passes our stderr to its child; inside a Textual
    app sys.stderr is a capture object whose fileno() is -1, which makes the start fail
    ("bad value(s) in fds_to_keep"), so the real stderr stands in while processes start."""
    with _stderr_lock:  # two threads swapping at once would leave the wrong one in place
        captured = sys.stderr
        if _fileno(captured) < 0 and sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
        try:
            yield
        finally:
            sys.stderr = captured


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes, started by forkserver (or spawn), never by fork.

    Raises OSError or ValueError when no pool can be had (callers then work in-process).
    """
    with _real_stderr():
        return ProcessPoolExecutor(max_workers=workers, mp_context=_context())


def run_apart(
    fn: Callable[..., Any], args: tuple, cancelled: Callable[[], bool] = lambda: False
) -> Any:
    """fn(*args) in a process of its own, for its return value (fn must be importable).

    `cancelled()` is asked a few times a second; when it says yes the process is ended
    and Cancelled is raised. OSError when the process cannot start; ChildProcessError (an
    OSError) when it started and died without an answer.
    """
    receive, send = _context().Pipe(duplex=False)
    with _real_stderr():
        process = _context().Process(target=_answer, args=(fn, args, send), name="reader-apart")
        process.start()
    send.close()
    try:
        while not receive.poll(0.2):
            if cancelled():
                raise Cancelled
            if not process.is_alive() and not receive.poll(0):
                raise ChildProcessError(
                    f"the worker process ended without an answer (exit {process.exitcode})"
                )
        return receive.recv()
    except EOFError:
        raise ChildProcessError("the worker process ended without an answer") from None
    finally:
        receive.close()
        if process.is_alive():
            process.terminate()
        process.join(timeout=5)


def _answer(fn: Callable[..., Any], args: tuple, send: Connection) -> None:
    send.send(fn(*args))
    send.close()


def _fileno(stream: object) -> int:
    try:
        return stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return -1
