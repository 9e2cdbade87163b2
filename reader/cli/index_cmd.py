"""Build or update a library's search index and report what changed."""

from __future__ import annotations

import argparse
import sys
import time

from reader.cli.common import fail, follow_renamed_notes, library_root, notes_dir
from reader.errors import SearchIndexReadOnlyError
from reader.search import LibraryIndex, UpdateStats, open_index
from reader.text.safe import escaped


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("library", nargs="?", metavar="LIBRARY", help="folder of articles")
    parser.add_argument(
        "--workers", type=int, default=2, metavar="N", help="processes reading files (default 2)"
    )


def run(args: argparse.Namespace) -> int:
    root = library_root(args.library)
    started = time.perf_counter()
    with open_index(root) as index:
        try:
            if sys.stderr.isatty():
                stats = _with_progress(index, args.workers)
            else:
                stats = index.update(workers=args.workers)
        except SearchIndexReadOnlyError:
            return fail(f"the index at {index.path} is read-only: it cannot be updated")
        follow_renamed_notes(index, notes_dir(None, root))
        count = index.count()
        skipped = index.skipped()
    elapsed = time.perf_counter() - started
    sys.stdout.write(summary(stats, elapsed) + "\n")
    sys.stdout.write(f"{count:,} article{'s' if count != 1 else ''} indexed\n")
    for item in skipped:
        sys.stdout.write(f"skipped {escaped(item.path)}: {escaped(item.reason)}\n")
    return 0


def summary(stats: UpdateStats, seconds: float) -> str:
    """added N, updated N, removed N, skipped N, unchanged N in S s"""
    counts = ", ".join(
        f"{name} {getattr(stats, name)}"
        for name in ("added", "updated", "removed", "skipped", "unchanged")
    )
    return f"{counts} in {seconds:.2f} s"


def _with_progress(index: LibraryIndex, workers: int) -> UpdateStats:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("indexing", total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return index.update(progress=report, workers=workers)
