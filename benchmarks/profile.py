"""Profiles of the measured paths with pyinstrument (`pip install pyinstrument`).

    python -m benchmarks.profile startup --size 10k
    python -m benchmarks.profile search --size 10k --query the
    python -m benchmarks.profile open --size 1k
    python -m benchmarks.profile build --size 1k --files 300
    python -m benchmarks.profile anchor --size 1k

Uses the cached libraries and warm indexes of `python -m benchmarks` (run it first) and
the same sandboxed READER_* directories. Prints pyinstrument's text report.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.generator import ensure_library, parse_size
from benchmarks.sandbox import Sandbox


def _startup_child(root: str) -> None:
    """In a fresh process (so imports count): from nothing to the first rows painted."""
    from pyinstrument import Profiler
    from textual.worker import WorkerCancelled

    profiler = Profiler(interval=0.0005, async_mode="disabled")
    profiler.start()
    from reader.config import Config
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.source_list import SourceList

    async def run() -> None:
        app = ReaderApp(Path(root), config=Config(), config_problems=[])
        async with app.run_test(size=(120, 40)) as pilot:
            sources = app.screen.query_one(SourceList)
            while not sources.row_count:
                await asyncio.sleep(0.001)
            await pilot.pause(0)
            profiler.stop()
            with contextlib.suppress(WorkerCancelled):  # an exclusive worker was replaced
                await app.workers.wait_for_complete()

    asyncio.run(run())
    print(profiler.output_text(unicode=True, color=False))


def _profile(fn) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    fn()
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    parser.add_argument(
        "what", choices=("startup", "search", "open", "build", "anchor", "startup-child")
    )
    parser.add_argument("--size", default="1k")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--query", default="the")
    parser.add_argument("--files", type=int, default=300, help="files to extract (build)")
    parser.add_argument("--root", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.what == "startup-child":
        _startup_child(args.root)
        return 0
    lib = ensure_library(parse_size(args.size), args.seed)
    with Sandbox() as sandbox:
        from benchmarks.measures import anchoring, indexing
        from reader.search.index import LibraryIndex
        from reader.session import FIRST_EXCERPTS

        indexing.ensure_warm(lib)
        if args.what == "startup":
            argv = [sys.executable, "-m", "benchmarks.profile", "startup-child"]
            subprocess.run([*argv, "--root", str(lib.root)], env=sandbox.child_env(), check=True)
        elif args.what == "search":
            with LibraryIndex(lib.root) as index:
                index.search("warm", limit=1)
                _profile(
                    lambda: index.search(
                        args.query, limit=200, read_ids=set(), excerpts=FIRST_EXCERPTS, count=False
                    )
                )
        elif args.what == "open":
            from reader.tui.article.layout import layout_article

            with LibraryIndex(lib.root) as index:
                article = index.article(lib.big_article)
                _profile(lambda: layout_article(article, article.meta_line(), 80).finish())
        elif args.what == "build":
            from reader.ingest.scan import scan
            from reader.search import sync

            files = indexing.library_files(lib)
            chosen = {str(f) for f in random.Random(0).sample(files, min(args.files, len(files)))}
            with (
                tempfile.TemporaryDirectory() as tmp,
                LibraryIndex(lib.root, db_path=Path(tmp) / "p.sqlite") as index,
            ):
                root = str(lib.root)
                entries = [e for e in scan(lib.root)[0] if os.path.join(root, e.id) in chosen]
                conn = index._conn()

                def build() -> None:  # in process (workers=1) so the profiler sees it
                    for results in sync.extract_all(lib.root, entries, 1):
                        sync.write(conn, results, lib.root)

                _profile(build)
        else:
            _profile(lambda: anchoring.reanchor(lib, 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
