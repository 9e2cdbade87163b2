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


def startup_pair(
    lib: Library, sandbox: Sandbox, runs: int, linger: float
) -> tuple[Startup, Startup]:
    """(reader, minimal app): `python -m reader LIB` with a warm index, until the first
    article's title shows, and the minimal app until its line shows, run by turns so
    that both meet the same load.

    reader's bytecode is compiled first, as installing it does: with
    PYTHONDONTWRITEBYTECODE set (as in many containers) each run would otherwise
    compile every module again, which the baseline's installed Textual never does.
    """
    compileall.compile_dir(REPO / "reader", quiet=1)
    needle = first_title(lib)[:20]
    reader_argv = [sys.executable, "-m", "reader", str(lib.root)]
    minimal_argv = [sys.executable, minimal_app.__file__]
    # One untimed pair first: what ran before (an index update, say) leaves the machine
    # flushing and settling for a few seconds, which the first timed runs would pay.
    _once(minimal_argv, sandbox, minimal_app.LINE, 0.0)
    _once(reader_argv, sandbox, needle, 0.0)
    reader, minimal = [], []
    for _ in range(runs):
        minimal.append(_once(minimal_argv, sandbox, minimal_app.LINE, linger))
        reader.append(_once(reader_argv, sandbox, needle, linger))
    return _summary(reader), _summary(minimal)


def _once(argv: list[str], sandbox: Sandbox, needle: str, linger: float):
    return first_paint(argv, sandbox.child_env(), needle, linger=linger, cwd=str(REPO))


def _summary(shown: list) -> Startup:
    times = [s.seconds for s in shown]
    return Startup(median(times), int(median([s.peak_rss_kib for s in shown])), times)
