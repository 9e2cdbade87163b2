"""Build or update a library's search index and report what changed."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from reader.cli.common import (
    add_places,
    fail,
    follow_renamed_notes,
    library_root,
    notes_dir,
    progress_bar,
    scan_problems,
    whole_number,
)
from reader.errors import SearchIndexBusyError, SearchIndexReadOnlyError
from reader.search import UpdateStats, open_index
from reader.text.counts import plural
from reader.text.safe import escaped

MOST_WORKERS = 256  # each a process: more would only crowd the machine


def configure(parser: argparse.ArgumentParser) -> None:
    add_places(parser)
    parser.add_argument(
        "--workers",
        type=whole_number(1, MOST_WORKERS),
        default=2,
        metavar="N",
        help=f"processes reading files (default 2, at most {MOST_WORKERS})",
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="read every file again, those skipped before too (an update reads changed files)",
    )


def run(args: argparse.Namespace) -> int:
    root = library_root(args.library)
    started = time.perf_counter()
    with open_index(root) as index:
        if index.temporary:
            sys.stderr.write(f"reader: {escaped(index.temporary)}\n")
        try:
            with progress_bar("indexing") as report:
                build = index.rebuild if args.rebuild else index.update
                stats = build(progress=report, workers=args.workers, on_wait=_said_once())
        except SearchIndexReadOnlyError:
            return fail(f"the index at {index.path} is read-only: it cannot be updated")
        except SearchIndexBusyError as error:
            return fail(f"{error}; try again once it is done")
        follow_renamed_notes(index, notes_dir(args.notes_dir, root))
        count = index.count()
        problems = scan_problems(index.skipped(), index.ignored())
    elapsed = time.perf_counter() - started
    sys.stdout.write(summary(stats, elapsed) + "\n")
    sys.stdout.write(f"{plural(count, 'article')} indexed\n")
    sys.stdout.writelines(line + "\n" for line in problems)
    return 0


def _said_once() -> Callable[[], None]:
    """What is said, once, when another process is updating the index: it is waited for
    (as long as SQLite waits for a lock), not silently."""
    said = False

    def say() -> None:
        nonlocal said
        if not said:
            said = True
            sys.stderr.write(
                "reader: another process is updating the search index; waiting for it\n"
            )

    return say


def summary(stats: UpdateStats, seconds: float) -> str:
    """added N, updated N, removed N, skipped N, unchanged N in S s"""
    counts = ", ".join(
        f"{name} {getattr(stats, name)}"
        for name in ("added", "updated", "removed", "skipped", "unchanged")
    )
    return f"{counts} in {seconds:.2f} s"
