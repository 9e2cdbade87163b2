"""Values written by one background thread, the last for each key: the caller does not
wait for the disk, and a key's earlier value never lands after a later one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

_K = TypeVar("_K")
_V = TypeVar("_V")


class LatestWriter(Generic[_K, _V]):
    """`write(key, value)` done in a thread of its own for each value put, a value put
    again before it is written replacing the one waiting."""

    def __init__(self, write: Callable[[_K, _V], None], name: str) -> None:
        self._write = write
        self._name = name
        self._waiting: dict[_K, _V] = {}  # (kept until written: `waiting` finds it)
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def put(self, key: _K, value: _V) -> None:
        with self._changed:
            self._waiting[key] = value
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def waiting(self, key: _K) -> _V | None:
        """The value put for `key` and not written yet (None: none)."""
        with self._changed:
            return self._waiting.get(key)

    def flush(self) -> None:
        """Return once every value put is written."""
        with self._changed:
            while self._waiting and self._thread is not None and self._thread.is_alive():
                self._changed.wait()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._waiting:
                    self._changed.wait()
                key, value = next(iter(self._waiting.items()))
            try:
                self._write(key, value)
            finally:
                with self._changed:
                    if self._waiting.get(key) is value:
                        del self._waiting[key]
                    self._changed.notify_all()
