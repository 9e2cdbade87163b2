"""Watching the library and the notes directory for changes made by other programs."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


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
) -> None:
    """Call `on_change` for each batch of changes until `stop` is set (blocking).

    Uses the OS's file events, and polls where those are unavailable.
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
    for force_polling in (False, True):
        try:
            for batch in watchfiles.watch(
                *roots,
                stop_event=stop,
                debounce=debounce_ms,
                force_polling=force_polling,
                poll_delay_ms=1000,
                raise_interrupt=False,
            ):
                on_change(classify(batch, library, notes_dir))
            return
        except (OSError, RuntimeError):
            if force_polling:
                return


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
