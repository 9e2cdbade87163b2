"""Launch the app on a library."""

from __future__ import annotations

import argparse
import gc

from reader.cli.common import config_problems, library_root, notes_dir, user_config
from reader.session import Session


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

        ReaderApp(
            root, config=config, config_problems=problems, session=session, on_started=_collect
        ).run()
    finally:
        gc.enable()  # also when the app ends before its first frame
    return 0


def _collect() -> None:
    """After the first frame: what start-up made is frozen out of the collector's way
    (no full collection walks it again), and collection resumes. The few cycles start-up
    left for the collector (about 300 KB) stay with the rest."""
    gc.freeze()
    gc.enable()
