"""Watching by looking, where the system's file events are unavailable: every file's
signature taken again and again. A file replaced by one of the same size and
modification time (`cp -p`, `rsync -t`) is a change, as it is to the index."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.infra.signature import Signature, signature

POLL_S = 1.0  # seconds between two looks, at least
PAUSE_TIMES = 4  # and at least this many times as long as a look took: a big library is
# looked at less often than a small one, so that looking never takes the machine


def poll(
    roots: Iterable[Path],
    on_batch: Callable[[list[str]], None],
    stop: threading.Event,
    *,
    while_there: Path,
    ready: Callable[[], None],
    until: Callable[[], bool] = lambda: False,
) -> None:
    """Call `on_batch` with the paths of the files added, changed or removed under
    `roots` since the last look, until `stop` is set, `while_there` is no longer a
    folder or `until()` is true (blocking); `ready` once the first look is taken."""
    roots = list(roots)
    started = time.monotonic()
    seen = signatures(roots)
    took = time.monotonic() - started
    ready()
    while not stop.wait(max(POLL_S, PAUSE_TIMES * took)):
        if not while_there.is_dir() or until():
            return
        started = time.monotonic()
        now = signatures(roots)
        took = time.monotonic() - started
        changed = [path for path in now.keys() | seen.keys() if now.get(path) != seen.get(path)]
        seen = now
        if changed and not stop.is_set():
            on_batch(changed)


def signatures(roots: Iterable[Path]) -> dict[str, Signature]:
    """The signature of every file under `roots`, by its path: hidden files and folders
    left out, symlinked folders followed once (a loop ends there), a folder that cannot
    be read passed over."""
    found: dict[str, Signature] = {}
    visited: set[tuple[int, int]] = set()
    pending = [str(root) for root in roots]
    while pending:
        folder = pending.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in visited:
                continue
            visited.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as listing:
                children = list(listing)
        except OSError:
            continue
        for child in children:
            if child.name.startswith("."):
                continue
            try:
                if child.is_dir():
                    pending.append(child.path)
                else:
                    found[child.path] = signature(child.stat())
            except OSError:  # gone meanwhile, or a broken link
                continue
    return found
