"""Launch the app on a library."""

from __future__ import annotations

import argparse

from reader.cli.common import library_root, notes_dir
from reader.config import load_config


def run(args: argparse.Namespace) -> int:
    root = library_root(args.library)
    config, problems = load_config()
    from reader.tui.app import ReaderApp

    ReaderApp(
        root, config=config, config_problems=problems, notes_dir=notes_dir(args.notes_dir, root)
    ).run()
    return 0
