"""Holding Python's cyclic garbage collector off while a large file is read into objects.

Reading a notes file of 10,000 notes builds a few hundred thousand objects, none of them
garbage. Each few hundred allocations set the collector going, and every so often it
walks every object the process holds (in the app, all of Textual's too): several times
the cost of the reading itself. It is let run again when the reading is done.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holding = 0  # readings under way, in any thread
_was_enabled = False


@contextmanager
def collector_held() -> Iterator[None]:
    """No cyclic garbage collection until every reading that asked for this is done
    (readings in several threads may overlap); as it was before, after."""
    global _holding, _was_enabled
    with _lock:
        if _holding == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holding += 1
    try:
        yield
    finally:
        with _lock:
            _holding -= 1
            if _holding == 0 and _was_enabled:
                gc.enable()
