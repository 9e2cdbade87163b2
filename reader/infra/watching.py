"""Watching the library and the notes directory for changes made by other programs."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import stat
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.infra.polling import poll

GONE_POLL_S = 2.0  # seconds between two looks for a library folder that was removed


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed since the last report: in the library, in the notes, or both."""

    library: bool
    notes: bool


def watch(
    library: Path,
    notes_dir: Path | None,
    on_change: Callable[[Changes], None],
    stop: threading.Event,
    *,
    debounce_ms: int = 400,
    polling: bool = False,
    ready: Callable[[], None] | None = None,
) -> None:
    """Call `on_change` for each batch of changes until `stop` is set (blocking).

    Uses the OS's file events, and polls where those are unavailable (or from the start,
    with `polling`: see `reader.infra.polling`); a file whose name is not UTF-8 is
    reported as a change, and watching goes on. `ready` is called each time the watches
    are set: a change made before that is no event, and is for the caller to look for. A
    library folder removed is looked for every GONE_POLL_S until it is back, watched
    again, and reported as changed, with the notes (not watched meanwhile). The notes
    folder gone (or a file in its place), back, or replaced by another (a link to it
    pointed at another folder too) is reported as a change to the notes, and watched again once it is a folder, the library watched all
    along.
    """
    import watchfiles  # in the watching thread, after start-up

    # watchfiles logs every batch at INFO; a reader shows changes in its own way.
    logging.getLogger("watchfiles").setLevel(logging.WARNING)
    if notes_dir is not None:
        with contextlib.suppress(OSError):  # (a file in its place: watched once a folder)
            notes_dir.mkdir(parents=True, exist_ok=True)
    configured = notes_dir  # looked at as named: a link is followed anew each time
    back = False  # the library folder was removed and is there again

    def watches_set() -> None:
        nonlocal back
        if ready is not None:
            ready()
        if back:
            back = False
            # The notes were not watched meanwhile either.
            on_change(Changes(library=True, notes=configured is not None))

    while not stop.is_set():
        if not library.is_dir():
            # The OS's watches went with the folder: none would see it come back.
            back = True
            stop.wait(GONE_POLL_S)
            continue
        # Where the OS tells of the notes' changes, and which folder that is: a link
        # pointed elsewhere since is then seen as another folder at `configured`.
        notes_dir = _resolved(configured)
        notes = _folder(notes_dir)  # the notes folder watched, if it is one
        if polling:
            # watchfiles' own polling misses a file replaced with its size and time kept.
            poll(
                [library] if notes_dir is None else [library, notes_dir],
                functools.partial(_classified, on_change, library, notes_dir),
                stop,
                while_there=library,
                ready=watches_set,
                until=functools.partial(_moved, configured, notes),
            )
            if not stop.is_set() and _folder(configured) != notes:
                on_change(Changes(library=False, notes=True))  # gone, back or replaced
            continue
        roots = [library] if notes is None else [library, notes_dir]
        try:
            set_up = False
            for batch in watchfiles.watch(
                *roots,
                stop_event=stop,
                debounce=debounce_ms,
                raise_interrupt=False,
                # The first batch, empty when nothing changed, comes once the watches are set.
                rust_timeout=debounce_ms,
                yield_on_timeout=True,
            ):
                if not set_up:
                    set_up = True
                    watches_set()
                if batch:
                    on_change(classify(batch, library, notes_dir))
                if not library.is_dir():
                    break
                if _folder(configured) != notes:
                    # Gone, back or replaced: the OS's watches on the old one tell nothing.
                    on_change(Changes(library=False, notes=True))
                    break
            else:
                return
        except (OSError, RuntimeError) as error:
            if not library.is_dir():
                continue  # removed as the watches were set: looked for until it is back
            if _folder(configured) != notes:
                on_change(Changes(library=False, notes=True))
                continue  # the notes folder went as the watches were set
            if _undecodable_name(error):
                # A file named with bytes that are not UTF-8 ends watchfiles' watch: it
                # is a change (the scan reports that file), and watching starts again.
                on_change(Changes(library=True, notes=configured is not None))
                stop.wait(debounce_ms / 1000)
            else:
                polling = True  # file events unavailable here: polled instead


def _classified(
    on_change: Callable[[Changes], None],
    library: Path,
    notes_dir: Path | None,
    paths: list[str],
) -> None:
    """`on_change` told of the changes at `paths` (see `classify`)."""
    on_change(classify(((None, p) for p in paths), library, notes_dir))


def _resolved(path: Path | None) -> Path | None:
    """`path` with its links followed (as named when they make a loop)."""
    if path is None:
        return None
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _folder(path: Path | None) -> tuple[int, int] | None:
    """Which folder is at `path` (device and inode), None when none is."""
    if path is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISDIR(st.st_mode) else None


def _moved(path: Path | None, was: tuple[int, int] | None) -> bool:
    """Whether the folder at `path` is no longer the one `was` (see `_folder`)."""
    return _folder(path) != was


def _undecodable_name(error: Exception) -> bool:
    """Whether watchfiles stopped on a path that is not UTF-8 (it says so in words only)."""
    return isinstance(error, RuntimeError) and "Unable to decode path" in str(error)


def classify(batch: Iterable[tuple[object, str]], library: Path, notes_dir: Path | None) -> Changes:
    in_library = in_notes = False
    for _, path in batch:
        p = Path(path)
        if notes_dir is not None and p.is_relative_to(notes_dir):
            in_notes = in_notes or _notes_changed(p, notes_dir)
        elif p.is_relative_to(library) and not any(
            part.startswith(".") for part in p.relative_to(library).parts
        ):
            in_library = True
    return Changes(in_library, in_notes)


def _notes_changed(path: Path, notes_dir: Path) -> bool:
    """Whether a change at `path`, in the notes folder, may change the notes: a notes
    file, or a folder of them moved in, out or away (the OS tells of the folder only),
    not a backup nor a hidden file (a save's temporary file, a lock)."""
    if path.name.endswith(".yaml"):
        return True
    if any(part.startswith(".") for part in path.relative_to(notes_dir).parts):
        return False
    if path.name.endswith(".bak"):
        return False
    return path.is_dir() or not os.path.lexists(path)
