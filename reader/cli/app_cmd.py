"""Launch the app on a library."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import signal
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.cli.common import config_problems, library_root, notes_dir, user_config
from reader.paths import data_dir
from reader.session import Session
from reader.text.counts import plural
from reader.text.safe import escaped

if TYPE_CHECKING:
    from pathlib import Path

    from reader.notes.schema import NotesFile
    from reader.tui.app import ReaderApp


def run(args: argparse.Namespace) -> int:
    problems = config_problems()  # the app shows them
    config = user_config()
    root = library_root(args.library)
    session = Session(root, notes_dir=notes_dir(args.notes_dir, root))
    # From a built index, read on the spot (a few ms): in a thread, each of its queries
    # would wait for the interpreter while the interface loads. A new index is made in
    # a thread, and the window does not wait for it.
    session.first_page(now=session.index.path.exists())
    # Until the first frame, almost everything made (modules, widgets, styles) lives as
    # long as the app: collecting garbage would only walk it again and again.
    gc.disable()
    try:
        from reader.tui.app import ReaderApp

        app = ReaderApp(
            root, config=config, config_problems=problems, session=session, on_started=_collect
        )
        with _signals_end(app) as received, _stderr_on_the_terminal():
            app.run()
    finally:
        gc.enable()  # also when the app ends before its first frame
    if app.notes_lost:
        _write_lost(app.notes_lost, session.notes_dir)
    return 128 + received[0] if received else app.return_code or 0


@contextlib.contextmanager
def _signals_end(app: ReaderApp) -> Iterator[list[int]]:
    """SIGTERM, SIGHUP and SIGINT end the app between two of its steps, with the notes
    safe (see ReaderApp.quit_on_signal): by default they would end the process at once,
    leaving the terminal in the alternate screen with the mouse reported, and a note
    typed or being saved lost. A second signal acts as it would have (should the app
    hang on its way out). The signals received are listed, for the exit status."""
    received: list[int] = []

    def end(signum: int, frame: object) -> None:
        received.append(signum)
        restore()
        if _terminal_gone():
            _output_to_nowhere()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the app is not running (yet, or any more): nothing to restore
            raise SystemExit(128 + signum) from None
        loop.call_soon_threadsafe(app.call_later, app.quit_on_signal)

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    signals = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
    previous = {signum: signal.signal(signum, end) for signum in signals}
    try:
        yield received
    finally:
        restore()


@contextlib.contextmanager
def _stderr_on_the_terminal() -> Iterator[None]:
    """Textual draws into stderr: with it sent elsewhere (`reader 2>log`) the terminal
    would stay blank and the file fill with escapes. So while the app runs, stderr is
    the terminal stdout is (the caller made sure it is one); after, what it was."""
    if os.isatty(2):
        yield
        return
    sys.stderr.flush()
    kept = os.dup(2)
    os.dup2(1, 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(kept, 2)
        os.close(kept)


def _write_lost(files: list[NotesFile], notes_dir: Path) -> None:
    """Notes that could be neither saved nor kept aside as the app ended: into the data
    directory's `notes-not-saved.yml`, else on stderr (the terminal is restored by now)."""
    from reader.notes.not_saved import write_not_saved
    from reader.notes.yamlio import dump_notes_list

    count = plural(sum(len(f.annotations) for f in files), "note")
    try:
        path = write_not_saved(data_dir(), files, notes_dir)
    except OSError as error:
        print(
            f"reader: {count} could not be saved, kept aside nor written to "
            f"{escaped(str(data_dir()))} ({error.strerror or error}); here as YAML:",
            file=sys.stderr,
        )
        print(dump_notes_list(files), file=sys.stderr)
        return
    print(
        f"reader: {count} could not be saved; written to {escaped(str(path))}, "
        "saved from there when reader next starts",
        file=sys.stderr,
    )


def _terminal_gone() -> bool:
    """Whether the terminal was closed under the app (its window shut, its tmux session
    killed): the app's output then fails, and it would wait for it forever."""
    return not os.isatty(1)  # (sys.stdout is Textual's while the app runs)


def _output_to_nowhere() -> None:
    """Send what is still written to the closed terminal (the escapes that would restore
    it) nowhere, so that the app's way out does not wait for a terminal that is gone."""
    nowhere = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in (0, 1, 2):
            os.dup2(nowhere, fd)
    finally:
        os.close(nowhere)


def _collect() -> None:
    """After the first frame: what start-up made is frozen out of the collector's way
    (no full collection walks it again), and collection resumes. The few cycles start-up
    left for the collector (about 300 KB) stay with the rest."""
    gc.freeze()
    gc.enable()
