"""Watching the library and the notes directory for changes made by other programs."""

from __future__ import annotations

import logging
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
    again, and reported as changed, with the notes (not watched meanwhile).
    """
    import watchfiles  # in the watching thread, after start-up

    # watchfiles logs every batch at INFO; a reader shows changes in its own way.
    logging.getLogger("watchfiles").setLevel(logging.WARNING)
    roots = [library]
    if notes_dir is not None:
        try:
            notes_dir.mkdir(parents=True, exist_ok=True)
            notes_dir = notes_dir.resolve()
            roots.append(notes_dir)
        except OSError:
            notes_dir = None
    back = False  # the library folder was removed and is there again

    def watches_set() -> None:
        nonlocal back
        if ready is not None:
            ready()
        if back:
            back = False
            # The notes were not watched meanwhile either.
            on_change(Changes(library=True, notes=notes_dir is not None))

    while not stop.is_set():
        if not library.is_dir():
            # The OS's watches went with the folder: none would see it come back.
            back = True
            stop.wait(GONE_POLL_S)
            continue
        if polling:
            # watchfiles' own polling misses a file replaced with its size and time kept.
            poll(
                roots,
                lambda paths: on_change(classify(((None, p) for p in paths), library, notes_dir)),
                stop,
                while_there=library,
                ready=watches_set,
            )
            continue
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
            else:
                return
        except (OSError, RuntimeError) as error:
            if not library.is_dir():
                continue  # removed as the watches were set: looked for until it is back
            if _undecodable_name(error):
                # A file named with bytes that are not UTF-8 ends watchfiles' watch: it
                # is a change (the scan reports that file), and watching starts again.
                on_change(Changes(library=True, notes=notes_dir is not None))
                stop.wait(debounce_ms / 1000)
            else:
                polling = True  # file events unavailable here: polled instead


def _undecodable_name(error: Exception) -> bool:
    """Whether watchfiles stopped on a path that is not UTF-8 (it says so in words only)."""
    return isinstance(error, RuntimeError) and "Unable to decode path" in str(error)


def classify(batch: Iterable[tuple[object, str]], library: Path, notes_dir: Path | None) -> Changes:
    in_library = in_notes = False
    for _, path in batch:
        p = Path(path)
        if notes_dir is not None and p.is_relative_to(notes_dir):
            in_notes = in_notes or p.name.endswith(".yaml")
        elif p.is_relative_to(library) and not any(
            part.startswith(".") for part in p.relative_to(library).parts
        ):
            in_library = True
    return Changes(in_library, in_notes)
