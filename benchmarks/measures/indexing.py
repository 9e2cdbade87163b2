"""Index builds: cold (a fresh database) and incremental (after 1% of the files change)."""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generator import CACHE, Library
from benchmarks.report import median, timed
from benchmarks.sandbox import Sandbox
from reader.search.index import LibraryIndex, index_path
from reader.search.schema import remove_db

WORKERS = 2  # LibraryIndex.update's default, as the app and `reader index` use it


@dataclass(slots=True)
class Build:
    seconds: float  # median
    articles: int
    runs: list[float]

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


def cold_build(lib: Library, runs: int, scratch: Path) -> Build:
    """Median time to index the whole library into a new database.

    The warm index (the one the app opens) is built by the last run when missing,
    so the other measures need no build of their own.
    """
    warm = index_path(lib.root)
    times = []
    for run in range(runs):
        db = warm if run == runs - 1 and not warm.exists() else scratch / f"cold-{run}.sqlite"
        remove_db(db)
        with LibraryIndex(lib.root, db_path=db) as index:
            seconds, stats = timed(lambda index=index: index.update(workers=WORKERS))
            count = index.count()
        if count != lib.count:
            raise RuntimeError(f"cold build indexed {count} of {lib.count} articles ({stats})")
        times.append(seconds)
        if db != warm:
            remove_db(db)
    return Build(median(times), lib.count, times)


def ensure_warm(lib: Library) -> None:
    """Bring the warm index in line with the library (a no-op when it already is)."""
    with LibraryIndex(lib.root) as index:
        index.update(workers=WORKERS)


def warm_elsewhere(tree: Path, lib: Library, sandbox: Sandbox) -> str:
    """A cache folder of another checkout's own, its index of lib brought up to date by
    its own code (an index of another schema would be rebuilt at each turn)."""
    cache = CACHE / f"reader-cache-{hashlib.sha1(str(tree).encode()).hexdigest()[:10]}"
    cache.mkdir(exist_ok=True)
    code = (
        "import sys; from pathlib import Path; from reader.search.index import LibraryIndex\n"
        f"with LibraryIndex(Path(sys.argv[1])) as index: index.update(workers={WORKERS})"
    )
    env = sandbox.child_env(PYTHONPATH=str(tree), READER_CACHE_DIR=str(cache))
    subprocess.run([sys.executable, "-c", code, str(lib.root)], env=env, cwd=tree, check=True)
    return str(cache)


@dataclass
class DiskSizes:
    library_bytes: int  # du of the library folder
    index_bytes: int  # du of the index file and its WAL companions


def _du(*paths: Path) -> int:
    """Bytes on disk (`du -sk`, in 1 KiB blocks) of the paths that exist."""
    found = [str(p) for p in paths if p.exists()]
    out = subprocess.run(["du", "-skc", *found], capture_output=True, text=True, check=True)
    return int(out.stdout.splitlines()[-1].split()[0]) * 1024


def disk_sizes(lib: Library) -> DiskSizes:
    """The library's and its warm index's size on disk, as `du` counts them."""
    with LibraryIndex(lib.root) as index:
        index.read(lambda conn: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
        db = index.path
    companions = [db.with_name(db.name + suffix) for suffix in ("", "-wal", "-shm")]
    return DiskSizes(_du(lib.root), _du(*companions))


def library_files(lib: Library) -> list[Path]:
    paths = []
    for folder, _dirs, files in os.walk(lib.root):
        paths.extend(Path(folder, name) for name in files)
    return sorted(paths)


def _edit(path: Path, data: bytes, rng: random.Random) -> bytes:
    """The file with one new paragraph near its end (inside <article> for html)."""
    para = f"Update {rng.randrange(10**6)}: the figures were revised after publication."
    if path.suffix == ".html" and b"</article>" in data:
        return data.replace(b"</article>", f"<p>{para}</p></article>".encode(), 1)
    return data.rstrip() + f"\n\n{para}\n".encode()


@dataclass(slots=True)
class Incremental:
    seconds: float  # median wall time of the update
    changed: int
    articles: int
    runs: list[float]

    @property
    def rate(self) -> float:
        return self.changed / self.seconds


def incremental_update(lib: Library, runs: int, share: float = 0.01) -> Incremental:
    """Median time of an update after `share` of the files changed; files are restored after."""
    ensure_warm(lib)
    files = library_files(lib)
    count = max(1, round(len(files) * share))
    times = []
    for run in range(runs):
        rng = random.Random(f"incremental-{lib.seed}-{run}")
        chosen = rng.sample(files, count)
        originals = {path: path.read_bytes() for path in chosen}
        try:
            for path, data in originals.items():
                path.write_bytes(_edit(path, data, rng))
            with LibraryIndex(lib.root) as index:
                seconds, stats = timed(lambda index=index: index.update(workers=WORKERS))
            if stats.updated != count:
                raise RuntimeError(f"expected {count} updated articles, got {stats}")
            times.append(seconds)
        finally:
            for path, data in originals.items():
                path.write_bytes(data)
            ensure_warm(lib)
    return Incremental(median(times), count, len(files), times)
