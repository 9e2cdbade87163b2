"""Worker processes that are safe to start from a threaded app, can be stopped, and end
with the process that started them."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerContext, SpawnContext
from typing import Any

from reader.errors import Cancelled

_stderr_lock = threading.Lock()


def _context() -> ForkServerContext | SpawnContext:
    # Never fork: the caller may be a threaded app, and a forked child can inherit held locks.
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


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


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold off SIGINT, SIGTERM and SIGHUP while worker processes start, and act on them
    once they have: a signal landing halfway through a start (its handler raises) leaves
    a worker the pool does not know of, which nothing ends and which fails with a
    traceback once its parent is gone. Python handles signals in the main thread only:
    elsewhere this holds nothing.

    SIGINT is also blocked in this thread, so that the processes started meanwhile (the
    fork server, the resource tracker) keep it blocked, as do the workers forked from
    them: Ctrl-C in a terminal signals every process of the command, and only reader
    itself should act on it (its workers are ended by it, or end with it) rather than
    each print a traceback. SIGTERM, with which reader ends its workers, is not."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, frame: object) -> None:
        received.append(signum)

    previous = {n: signal.signal(n, hold) for n in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a SIGINT meanwhile lands now
        for held in dict.fromkeys(received):
            signal.raise_signal(held)  # now handled as it would have been


class _Pool(ProcessPoolExecutor):
    """A pool that starts its workers (in `submit`) with the stopping signals held."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        with signals_held():
            return super().submit(fn, *args, **kwargs)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes, started by forkserver (or spawn), never by fork.

    Raises OSError or ValueError when no pool can be had (callers then work in-process).
    """
    with _real_stderr(), signals_held():  # the resource tracker may start here
        return _Pool(max_workers=workers, mp_context=_context(), initializer=_end_with_parent)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """End a pool at once: its workers are ended rather than waited for, and what was
    queued for them is dropped."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
    for process in workers:
        process.terminate()
    # A worker ended halfway through sending its result leaves part of a message in the
    # result pipe, and the pool's thread would wait for the rest for ever: with our own
    # end for writing closed too, it reads the end of the pipe instead (the pool breaks).
    with contextlib.suppress(AttributeError, OSError):
        pool._result_queue._writer.close()  # type: ignore[attr-defined]
    # Waiting for the pool's own thread, which now finds the workers gone, leaves nothing
    # for the interpreter's exit to wake: it may try to when that thread has just closed
    # its pipe (OSError "Bad file descriptor", with a traceback).
    pool.shutdown(wait=True, cancel_futures=True)


def run_apart(
    fn: Callable[..., Any], args: tuple, cancelled: Callable[[], bool] = lambda: False
) -> Any:
    """fn(*args) in a process of its own, for its return value (fn must be importable).

    `cancelled()` is asked a few times a second; when it says yes the process is ended
    and Cancelled is raised. OSError when the process cannot start; ChildProcessError (an
    OSError) when it started and died without an answer.
    """
    receive, send = _context().Pipe(duplex=False)
    with _real_stderr(), signals_held():
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
    _end_with_parent()
    send.send(fn(*args))
    send.close()


def _end_with_parent() -> None:
    """In a worker process: end it as soon as the process that started it ends.

    A parent killed outright (SIGKILL, out of memory) cannot stop its workers, and a
    pool's workers wait for work for ever; the fork server and the resource tracker
    then stay for them. The parent's sentinel, a pipe it holds open, tells: it reads
    as closed once the parent is gone.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="reader-parent-watch", daemon=True).start()


def _fileno(stream: object) -> int:
    try:
        return stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return -1
