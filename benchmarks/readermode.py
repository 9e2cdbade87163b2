"""Reader mode's speed on whole-page text dumps of about 10 KB.

    python -m benchmarks.readermode [--dev ../shared/extraction-dev] [--pages 20] [--profile]

Times `parse_txt` (reading, header, reader mode) on the `--pages` dumps of the
extraction-dev set closest to 10 KB: thread CPU time, best of 7 runs per page (`--repeat`), every
per-line cache cleared before each run (the stop lists, read from disk once a process,
are read before timing; `--every-cache` clears the patterns compiled on first use
too). Prints the median and the slowest page's time over the pages.
`--profile` prints cProfile's table of those runs instead, sorted by own time.

The dumps are read at run time only; none of them is kept in the project.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

_TARGET = 10 * 1024
_REPEAT = 7


def _line_caches(every: bool = False) -> list[Callable[[], None]]:
    """The cache_clear of every per-line cache reader mode keeps (bounded caches of
    lines' answers); with `every`, of patterns compiled on first use too."""
    from reader.ingest import cleaning, sections, storyheadline, storylines, storyspan, textshape
    from reader.ingest.formats import metadata, pagetext, txt

    clears: list[Callable[[], None]] = []
    modules: list[ModuleType] = [
        cleaning,
        sections,
        storyheadline,
        storylines,
        storyspan,
        textshape,
        metadata,
        pagetext,
        txt,
    ]
    for module in modules:
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if not callable(clear) or getattr(value, "__module__", None) != module.__name__:
                continue
            if every or value.cache_info().maxsize is not None:
                clears.append(clear)
    return clears


def pages_near(dev: Path, count: int) -> list[Path]:
    """The `count` dumps whose size is closest to 10 KB."""
    dumps = sorted((dev / "dumps").iterdir())
    return sorted(dumps, key=lambda p: (abs(p.stat().st_size - _TARGET), p.name))[:count]


def best_times(texts: list[str], repeat: int = _REPEAT, every: bool = False) -> list[float]:
    """Each text's best parse time in ms (thread CPU time), caches cleared each run."""
    from reader.ingest.formats.txt import parse_txt

    clears = _line_caches(every)
    for text in texts:  # the stop lists of the pages' languages, read once a process
        parse_txt(text)
    times = []
    for text in texts:
        best = float("inf")
        for _ in range(repeat):
            for clear in clears:
                clear()
            start = time.thread_time_ns()
            parse_txt(text)
            best = min(best, (time.thread_time_ns() - start) / 1e6)
        times.append(best)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=Path("../shared/extraction-dev"))
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=_REPEAT, help="runs a page, the best counts")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="tottime", help="cProfile column to sort by")
    parser.add_argument(
        "--every-cache",
        action="store_true",
        help="clear the patterns compiled on first use too, before each run",
    )
    args = parser.parse_args(argv)
    if not (args.dev / "dumps").is_dir():
        print(f"no dumps/ folder in {args.dev}", file=sys.stderr)
        return 2
    paths = pages_near(args.dev, args.pages)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    if args.profile:
        from reader.ingest.formats import txt  # noqa: F401  (imports are not the runs' cost)

        profiler = cProfile.Profile(time.thread_time)
        profiler.runcall(best_times, texts, args.repeat, args.every_cache)
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(45)
        return 0
    times = best_times(texts, args.repeat, args.every_cache)
    sizes = [len(t.encode()) for t in texts]
    print(
        f"{len(texts)} pages of {min(sizes) / 1024:.1f}-{max(sizes) / 1024:.1f} KB: "
        f"median {statistics.median(times):.2f} ms, slowest {max(times):.2f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
