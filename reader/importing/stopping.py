"""Ending a page's fetch before it is done: when its user cancels it (Esc in the app's
Add from URL), or when the whole page takes longer than its deadline. The connection is
shut down then, so a read waiting on a slow server ends at once, not at its timeout; a
page stopped is never written."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

CANCELLED = "cancelled"


class Stopped(Exception):
    """Raised inside a fetch that was stopped (its `FetchStop.reason` says why)."""


class FetchStop:
    """One fetch's stop: `stop(reason)` from any thread; `trace` is the httpcore trace
    hook that keeps the connection's socket as it opens, to shut it then."""

    def __init__(self) -> None:
        self.reason: str | None = None
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None

    def stop(self, reason: str) -> None:
        with self._lock:
            if self.reason is None:
                self.reason = reason
            sock = self._socket
        if sock is not None:
            _shut(sock)

    def check(self) -> None:
        if self.reason is not None:
            raise Stopped(self.reason)

    def trace(self, event: str, info: dict[str, Any]) -> None:
        self.check()
        if event.endswith((".connect_tcp.complete", ".start_tls.complete")):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(sock, socket.socket):
                with self._lock:
                    self._socket = sock
                    stopped = self.reason is not None
                if stopped:
                    _shut(sock)

    @contextmanager
    def deadline(self, seconds: float, reason: str) -> Iterator[None]:
        """Stopped with `reason` when the block lasts longer than `seconds`."""
        timer = threading.Timer(seconds, self.stop, (reason,))
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    @contextmanager
    def last_chance(self) -> Iterator[None]:
        """Raises Stopped when stopped already; else runs the block (the page's write)
        before any stop can take effect: a page is written whole or not at all."""
        with self._lock:
            self.check()
            yield


def _shut(sock: socket.socket) -> None:
    # The plain socket's shutdown, not an SSL socket's own (which unwraps it): the
    # read waiting on it, in another thread, ends at once.
    with suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
