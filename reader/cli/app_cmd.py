"""Launch the app on a library."""

from __future__ import annotations

import argparse
import gc

from reader.cli.common import library_root, notes_dir
from reader.config import load_config
from reader.session import Session


def run(args: argparse.Namespace) -> int:
    root = library_root(args.library)
    config, problems = load_config()
    session = Session(root, notes_dir=notes_dir(args.notes_dir, root))
    session.first_page()  # read from the index while the interface loads
    from reader.tui.app import ReaderApp

    # What has been imported lives as long as the app: frozen, it is no longer walked by
    # each full garbage collection (one falls due during the first frame, ~30 ms).
    gc.freeze()
    ReaderApp(root, config=config, config_problems=problems, session=session).run()
    return 0
