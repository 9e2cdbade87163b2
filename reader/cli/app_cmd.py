"""Launch the app on a library."""

from __future__ import annotations

import argparse

from reader.cli.common import library_root


def run(args: argparse.Namespace) -> int:
    root = library_root(args.library)
    from reader.tui.app import ReaderApp

    ReaderApp(root).run()
    return 0
