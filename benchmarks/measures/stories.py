"""Story grouping ("Also told by"): the first grouping of a library, then 100 new articles.

Each run happens in a fresh process (`python -m benchmarks.measures.stories`), so its peak
RSS is its own: `ru_maxrss` of the process and, apart, the largest VmHWM of the worker
processes it starts (sampled twice a second).
The first grouping starts from an empty store with `HELD_OUT` articles hidden from it;
then those articles appear, and the second update (the one the app runs after new files
come in) is timed too. The library's files are never changed.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generator import Library
from benchmarks.report import median
from benchmarks.sandbox import REPO

HELD_OUT = 100
WORKERS = 2  # the update's default, as the app runs it


@dataclass(slots=True)
class Grouping:
    seconds: float  # median wall time of the first grouping
    extract_seconds: float  # of which: features of every article (median)
    peak_rss_kib: int  # the largest peak of the updating process (median)
    worker_peak_kib: int  # the largest peak of its worker processes (median)
    pairs: int  # candidate pairs scored by the first grouping
    linked: int  # of which found to be the same story
    new_seconds: float  # median time to group HELD_OUT new articles afterwards
    new_pairs: int
    runs: list[dict]


def first_grouping(lib: Library, runs: int) -> Grouping:
    """Median figures of `runs` first groupings of the library, each in its own process."""
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.measures.stories", str(lib.root)],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
        )
        if out.returncode != 0:
            raise RuntimeError(f"story grouping failed: {out.stderr.strip()[-2000:]}")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return Grouping(
        median([r["seconds"] for r in results]),
        median([r["extract_seconds"] for r in results]),
        int(median([r["peak_rss_kib"] for r in results])),
        int(median([r["worker_peak_kib"] for r in results])),
        results[-1]["pairs"],
        results[-1]["linked"],
        median([r["new_seconds"] for r in results]),
        results[-1]["new_pairs"],
        results,
    )


class _Hiding:
    """A search index that hides some articles (as if their files were not there yet)."""

    def __init__(self, index, hidden: set[str]) -> None:
        self._index = index
        self._hidden = hidden

    def articles(self):
        return [row for row in self._index.articles() if row.id not in self._hidden]

    def __getattr__(self, name: str):
        return getattr(self._index, name)


def _descendants(pid: int) -> tuple[int, dict[int, float]]:
    """The largest VmHWM (KiB) among the processes under pid (its workers, their fork
    server), and the CPU seconds each of them has used so far."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
                )
            except (OSError, ValueError, IndexError):
                continue
    peak, cpu, todo = 0, {}, [pid]
    tick = os.sysconf("SC_CLK_TCK")
    while todo:
        parent = todo.pop()
        for child in (p for p, pp in parents.items() if pp == parent):
            todo.append(child)
            try:
                proc = Path("/proc") / str(child)
                status = (proc / "status").read_text()
                peak = max(peak, int(status.split("VmHWM:")[1].split()[0]))
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                cpu[child] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
            except (OSError, ValueError, IndexError):
                continue
    return peak, cpu


def _watch_workers(peaks: list[int], cpu: dict[int, float], stop: threading.Event) -> None:
    while not stop.wait(0.5):
        peak, seen = _descendants(os.getpid())
        peaks.append(peak)
        cpu.update(seen)


def _measure(root: Path, workers: int = WORKERS) -> dict:
    """In the child: a first grouping into a new store, then HELD_OUT new articles."""
    from reader.related.stories import RelatedIndex
    from reader.search.index import LibraryIndex

    with (
        tempfile.TemporaryDirectory(prefix="reader-stories-") as tmp,
        LibraryIndex(root) as index,
        RelatedIndex(root, db_path=Path(tmp) / "stories.sqlite") as related,
    ):
        ids = sorted(row.id for row in index.articles())
        hidden = set(ids[len(ids) // 2 :: max(1, len(ids) // (2 * HELD_OUT))][:HELD_OUT])
        extracted: list[float] = []
        peaks: list[int] = [0]
        worker_cpu: dict[int, float] = {}  # pid -> CPU seconds (last sample)
        stop = threading.Event()
        watcher = threading.Thread(
            target=_watch_workers, args=(peaks, worker_cpu, stop), daemon=True
        )
        watcher.start()
        start = time.perf_counter()

        import reader.related.stories as stories

        # The features are done when the progress reaches their share (older code: 100%).
        share = round(getattr(stories, "EXTRACT_SHARE", 1.0) * 100)

        def progress(done: int, total: int) -> None:
            if ((total == 100 and done >= share) or done == total) and not extracted:
                extracted.append(time.perf_counter() - start)

        first = related.update(_Hiding(index, hidden), progress=progress, workers=workers)  # type: ignore[arg-type]
        seconds = time.perf_counter() - start
        cpu = time.process_time()
        stop.set()
        watcher.join()
        start = time.perf_counter()
        start_cpu = time.process_time()
        second = related.update(index, workers=workers)
        new_seconds = time.perf_counter() - start
        new_cpu = time.process_time() - start_cpu
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = max(peaks)
    return {
        "seconds": seconds,
        "extract_seconds": extracted[0] if extracted else 0.0,
        "peak_rss_kib": own,
        "worker_peak_kib": workers,
        "pairs": first.checked,
        "linked": first.linked,
        "cpu_seconds": cpu,  # this process only: all the work when workers == 1
        # its workers, sampled twice a second (the last half-second of each is missed)
        "worker_cpu_seconds": round(sum(worker_cpu.values()), 2),
        "new_seconds": new_seconds,
        "new_cpu_seconds": new_cpu,
        "new_pairs": second.checked,
        "new_added": second.added,
    }


if __name__ == "__main__":
    print(json.dumps(_measure(Path(sys.argv[1]), *map(int, sys.argv[2:3]))))
