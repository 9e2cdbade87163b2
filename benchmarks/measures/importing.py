"""`reader import` of a large wallabag export: wall and CPU time, peak memory.

`python -m benchmarks.measures.importing [--mb 50] [--runs 1] [--profile]` writes (or
finds) a synthetic wallabag JSON export of about `--mb` MB in `benchmarks/.cache/`, then
runs `reader import` on it into an empty library, as a child process, and prints its
wall time, and the CPU time (user + system) and peak resident memory of the child and
the index's worker processes together. `--profile` runs the import in
this process under cProfile instead and prints the functions that take the most time.

The export: entries of 4 to 24 KB of HTML (paragraphs of the benchmarks' Zipf
vocabulary, a heading, a list, a link), each from one of 40 sites; two entries in five
carry 1 to 4 annotations, most quoting a sentence of their entry as it is, one in ten
slightly changed (placed fuzzily), one in twenty not in the entry at all (kept unplaced).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from html import escape
from pathlib import Path

from benchmarks.generator import CACHE
from benchmarks.sandbox import Sandbox
from benchmarks.vocab import sample

SITES = [f"news{n}.example.{tld}" for n in range(20) for tld in ("com", "org")]
SEED = 5


@dataclass(slots=True)
class ImportFigures:
    export_bytes: int
    entries: int
    annotations: int
    wall_seconds: float
    cpu_seconds: float
    peak_rss_bytes: int
    report: list[str]


def _sentence(rng: random.Random) -> str:
    words = sample(rng, rng.randint(8, 24))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _entry(rng: random.Random, n: int) -> tuple[dict, int]:
    target = rng.randint(4_000, 24_000)
    paragraphs: list[list[str]] = []
    size = 0
    while size < target:
        paragraph = [_sentence(rng) for _ in range(rng.randint(2, 7))]
        paragraphs.append(paragraph)
        size += sum(len(s) + 1 for s in paragraph) + 7
    parts = [f"<p>{escape(' '.join(p))}</p>" for p in paragraphs]
    parts.insert(len(parts) // 2, f"<h2>{escape(_sentence(rng)[:40])}</h2>")
    items = "".join(f"<li>{escape(_sentence(rng))}</li>" for _ in range(3))
    parts.insert(len(parts) // 3, f"<ul>{items}</ul>")
    parts.append(f'<p>See <a href="https://example.com/{n}">the source</a>.</p>')
    annotations = []
    if rng.random() < 0.4:
        for j in range(rng.randint(1, 4)):
            quote = rng.choice(rng.choice(paragraphs))
            kind = rng.random()
            if kind < 0.05:  # not in the entry
                quote = _sentence(rng)
            elif kind < 0.15:  # changed a little: placed fuzzily
                quote = quote.replace(" ", "  ", 1).replace("e", "é", 1)
            annotations.append(
                {
                    "user": "bench",
                    "annotator_schema_version": "v1.0",
                    "id": n * 10 + j,
                    "text": _sentence(rng) if rng.random() < 0.5 else "",
                    "created_at": "2024-03-01T11:00:00+0100",
                    "updated_at": "2024-03-01T11:00:00+0100",
                    "quote": quote,
                    "ranges": [],
                }
            )
    site = rng.choice(SITES)
    entry = {
        "is_archived": rng.randint(0, 1),
        "is_starred": 0,
        "tags": sample(rng, rng.randint(0, 3)),
        "id": n,
        "title": _sentence(rng)[:70],
        "url": f"https://www.{site}/story/{n}",
        "content": "".join(parts),
        "created_at": "2024-03-01T10:00:00+0100",
        "updated_at": "2024-03-02T10:00:00+0100",
        "published_at": "2024-02-28T08:00:00+0000",
        "published_by": [" ".join(sample(rng, 2)).title()],
        "mimetype": "text/html",
        "language": "en",
        "reading_time": 3,
        "domain_name": f"www.{site}",
        "annotations": annotations,
    }
    return entry, len(annotations)


def export_path(mb: int, seed: int = SEED, cache: Path = CACHE) -> Path:
    return cache / f"wallabag-{mb}mb-s{seed}.json"


def ensure_export(mb: int, seed: int = SEED, cache: Path = CACHE) -> tuple[Path, int, int]:
    """The export of about `mb` MB (written once per size and seed): its path, its
    entries and annotations."""
    path = export_path(mb, seed, cache)
    counts = path.with_suffix(".counts")
    if path.exists() and counts.exists():
        entries, annotations = map(int, counts.read_text().split())
        return path, entries, annotations
    rng = random.Random(seed)
    target = mb * 1_000_000
    written, entries, annotations = 0, 0, 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".part"), "w", encoding="utf-8") as f:
        f.write("[\n")
        while written < target:
            entry, notes = _entry(rng, entries + 1)
            text = ("," if entries else "") + json.dumps(entry, ensure_ascii=False) + "\n"
            f.write(text)
            written += len(text.encode("utf-8"))
            entries += 1
            annotations += notes
        f.write("]\n")
    os.replace(path.with_suffix(".part"), path)
    counts.write_text(f"{entries} {annotations}\n")
    return path, entries, annotations


def measure(mb: int, runs: int = 1) -> ImportFigures:
    """`reader import` of the export into an empty library, the best of `runs` runs."""
    path, entries, annotations = ensure_export(mb)
    best: ImportFigures | None = None
    for _ in range(runs):
        with Sandbox() as sandbox:
            library = sandbox.scratch("library")
            env = sandbox.child_env()
            # The index of a fresh library each time, not the warm cache of another run.
            env["READER_CACHE_DIR"] = str(sandbox.scratch("cache"))
            start = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, "-m", "reader", "import", str(path), "--library", str(library)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                start_new_session=True,  # the index's workers and fork server: one session
            )
            cpu, peak = _watch(child)
            wall = time.perf_counter() - start
            out, err = child.communicate()
            if child.returncode != 0:
                raise SystemExit(f"reader import failed: {err.strip()}")
            figures = ImportFigures(
                path.stat().st_size,
                entries,
                annotations,
                wall,
                cpu,
                peak,
                out.splitlines(),
            )
            if best is None or figures.wall_seconds < best.wall_seconds:
                best = figures
    assert best is not None
    return best


def _watch(child: subprocess.Popen, every: float = 0.05) -> tuple[float, int]:
    """Until `child` ends: the CPU seconds of every process of its session (the index's
    workers are children of a fork server, so the child's own rusage misses them), each
    as last seen, and the peak of their summed resident memory."""
    clock = os.sysconf("SC_CLK_TCK")
    page = os.sysconf("SC_PAGE_SIZE")
    cpu: dict[int, float] = {}
    peak = 0
    while child.poll() is None:
        rss = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat") as f:
                    fields = f.read().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[3]) != child.pid:  # the session id (fields[3] is the 6th field)
                continue
            cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / clock
            rss += int(fields[21]) * page
        peak = max(peak, rss)
        time.sleep(every)
    return sum(cpu.values()), peak


def profile(mb: int, top: int = 25) -> None:
    """The import run in this process under cProfile; the costliest functions by
    cumulative and by own time, on stderr."""
    from reader.importing.detect import read_export
    from reader.importing.run import Importer
    from reader.notes.store import NotesStore
    from reader.search import open_index

    path, _, _ = ensure_export(mb)
    with Sandbox() as sandbox:
        library = sandbox.scratch("library")
        os.environ["READER_CACHE_DIR"] = str(sandbox.scratch("cache"))
        profiler = cProfile.Profile(time.process_time)  # this process's CPU, not waits
        profiler.enable()
        export = read_export(path)
        with open_index(library) as index:
            importer = Importer(library, NotesStore(sandbox.dirs["READER_NOTES_DIR"]), index)
            importer.run([(path.name, export)])
            index.update()
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measures.importing")
    parser.add_argument("--mb", type=int, default=50, help="size of the export (default 50)")
    parser.add_argument("--runs", type=int, default=1, help="runs (the best is kept)")
    parser.add_argument("--profile", action="store_true", help="profile one import instead")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.mb)
        return 0
    f = measure(args.mb, args.runs)
    print(
        f"export: {f.export_bytes / 1e6:.1f} MB, {f.entries:,} entries, "
        f"{f.annotations:,} annotations\n"
        f"reader import: {f.wall_seconds:.1f} s wall, {f.cpu_seconds:.1f} s CPU, "
        f"peak RSS {f.peak_rss_bytes / 2**20:.0f} MB"
    )
    for line in f.report:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
