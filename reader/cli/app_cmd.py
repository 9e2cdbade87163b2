"""Launch the app on a library."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import signal
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.cli.common import config_problems, library_root, notes_dir, user_config
from reader.session import Session

if TYPE_CHECKING:
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
        with _signals_end(app) as received:
            app.run()
    finally:
        gc.enable()  # also when the app ends before its first frame
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


def _collect() -> None:
    """After the first frame: what start-up made is frozen out of the collector's way
    (no full collection walks it again), and collection resumes. The few cycles start-up
    left for the collector (about 300 KB) stay with the rest."""
    gc.freeze()
    gc.enable()
