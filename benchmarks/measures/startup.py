"""Start-up to first paint in a real pty, and the app's peak memory, beside a minimal app."""

from __future__ import annotations

import compileall
import sys
from dataclasses import dataclass

from benchmarks import minimal_app
from benchmarks.generator import Library
from benchmarks.report import median
from benchmarks.sandbox import REPO, Sandbox
from benchmarks.terminal import first_paint
from reader.search.index import LibraryIndex


@dataclass(slots=True)
class Startup:
    seconds: float  # median time to first paint
    peak_rss_kib: int  # median VmHWM
    runs: list[float]


def first_title(lib: Library) -> str:
    """The title the source list shows first: first source by name, its newest article."""
    with LibraryIndex(lib.root) as index:
        _, title, _ = index.listing(limit=1).rows[0]
    return " ".join(title.split())


def reader_startup(lib: Library, sandbox: Sandbox, runs: int, linger: float) -> Startup:
    """`python -m reader LIB` with a warm index, until the first article's title shows.

    reader's bytecode is compiled first, as installing it does: with
    PYTHONDONTWRITEBYTECODE set (as in many containers) each run would otherwise
    compile every module again, which the baseline's installed Textual never does.
    """
    compileall.compile_dir(REPO / "reader", quiet=1)
    needle = first_title(lib)[:20]
    argv = [sys.executable, "-m", "reader", str(lib.root)]
    return _measure(argv, sandbox, needle, runs, linger)


def minimal_startup(sandbox: Sandbox, runs: int, linger: float) -> Startup:
    argv = [sys.executable, minimal_app.__file__]
    return _measure(argv, sandbox, minimal_app.LINE, runs, linger)


def _measure(argv: list[str], sandbox: Sandbox, needle: str, runs: int, linger: float) -> Startup:
    times, peaks = [], []
    for _ in range(runs):
        shown = first_paint(argv, sandbox.child_env(), needle, linger=linger, cwd=str(REPO))
        times.append(shown.seconds)
        peaks.append(shown.peak_rss_kib)
    return Startup(median(times), int(median(peaks)), times)
