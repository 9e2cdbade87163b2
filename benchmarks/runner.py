"""`python -m benchmarks`: generate (or reuse) libraries, measure, print one table.

Every figure is the median of `--runs` runs (cold builds at 100k and above: one run).
Baselines (a minimal Textual app, `grep -ril`) are measured in the same run. Progress
goes to stderr; the table (Markdown) and its notes go to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import time
from dataclasses import asdict, is_dataclass

from benchmarks.generator import ensure_library, parse_size, size_label
from benchmarks.report import Report, Row, mb, median, ms, secs, timed
from benchmarks.sandbox import Sandbox

QUICK_SIZE = 300
COLD_BUILD_10K_SECONDS = 60.0
INCREMENTAL_100K_SECONDS = 10.0
STARTUP_RATIO_10K = 1.3
STARTUP_100K_OVER_1K = 1.5
SEARCH_P95 = 0.030
PEAK_RSS_KIB = 150 * 1024
PAINT_1MB = 0.200
PAGE_SCROLL = 0.016
STORIES_100K_SECONDS = 120.0
STORIES_100K_RSS_KIB = 300 * 1024
STORIES_NEW_100K_SECONDS = 5.0
PARTS = ("build", "update", "startup", "search", "stories", "article")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(
                (ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), cpu
            )
        with open("/proc/meminfo") as f:
            ram = next(int(ln.split()[1]) for ln in f if ln.startswith("MemTotal"))
    except (OSError, StopIteration):
        ram = 0
    import textual

    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "ram": f"{ram / 1024 / 1024:.1f} GiB",
        "python": platform.python_version(),
        "textual": textual.__version__,
        "sqlite": sqlite3.sqlite_version,
        "os": platform.platform(),
    }


def calibrate(runs: int) -> float:
    """A fixed pure-Python workload, to compare machines and spot a busy one."""

    def work() -> int:
        total = 0
        for i in range(2_000_000):
            total += i * i % 7
        return total

    return median([timed(work)[0] for _ in range(max(3, runs))])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one 300-article library, 1 run")
    parser.add_argument("--sizes", default="1k,10k", help="library sizes (default 1k,10k)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="library seed (default 1)")
    parser.add_argument(
        "--linger", type=float, default=3.0, help="seconds after first paint before reading RSS"
    )
    parser.add_argument("--json", metavar="PATH", help="also write every number as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"comma-separated parts to measure (default all: {','.join(PARTS)})",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.linger = str(QUICK_SIZE), 1, 1.0
    args.counts = sorted({parse_size(s) for s in args.sizes.split(",") if s.strip()})
    args.parts = {p.strip() for p in args.only.split(",") if p.strip()}
    if unknown := args.parts - set(PARTS):
        parser.error(
            f"unknown parts: {', '.join(sorted(unknown))} (choose from {', '.join(PARTS)})"
        )
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    report = Report()
    report.raw["machine"] = machine()
    report.raw["args"] = {k: v for k, v in vars(args).items()}
    report.raw["loadavg_start"] = os.getloadavg()
    with Sandbox() as sandbox:
        _run(args, sandbox, report)
    report.raw["loadavg_end"] = os.getloadavg()
    report.raw["seconds"] = time.perf_counter() - started
    _print(report)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report.raw, f, indent=2, default=_plain)
    return 1 if args.strict and report.misses else 0


def _plain(obj):
    return asdict(obj) if is_dataclass(obj) else str(obj)


def _run(args: argparse.Namespace, sandbox: Sandbox, report: Report) -> None:
    from benchmarks.measures import (
        anchoring,
        article,
        highlights,
        indexing,
        search,
        startup,
        stories,
    )

    runs = args.runs
    log("calibrating")
    cal = calibrate(runs)
    report.raw["calibration"] = cal
    report.add(Row("calibration: fixed Python loop", "—", ms(cal), max(3, runs)))
    startups: dict[int, float] = {}
    libs = []
    for count in args.counts:
        label = size_label(count)
        log(f"{label}: library")
        gen, lib = timed(lambda count=count: ensure_library(count, args.seed))
        libs.append(lib)
        raw = report.raw.setdefault(label, {"manifest": lib.manifest, "generate_s": gen})
        if "build" in args.parts:
            cold_runs = runs if count <= 10_000 else 1
            log(f"{label}: cold index build x{cold_runs}")
            build = indexing.cold_build(lib, cold_runs, sandbox.scratch(f"cold-{count}"))
            raw["cold_build"] = build
            report.add(
                Row(
                    "cold index build",
                    label,
                    f"{build.rate:,.0f} art/s ({secs(build.seconds)})",
                    cold_runs,
                    target=f"≥ {10_000 / COLD_BUILD_10K_SECONDS:.0f} art/s (10k in 60 s)",
                    ok=build.rate >= 10_000 / COLD_BUILD_10K_SECONDS if count >= 10_000 else None,
                )
            )
        if "update" in args.parts:
            log(f"{label}: incremental update x{runs}")
            inc = indexing.incremental_update(lib, runs)
            raw["incremental"] = inc
            report.add(
                Row(
                    f"incremental update, 1% changed ({inc.changed:,} files)",
                    label,
                    f"{secs(inc.seconds)} ({inc.rate:,.0f} changed art/s)",
                    runs,
                    target="≤ 10 s at 100k" if count >= 100_000 else "",
                    ok=inc.seconds <= INCREMENTAL_100K_SECONDS if count >= 100_000 else None,
                )
            )
        indexing.ensure_warm(lib)  # a no-op when the index is current
        disk = indexing.disk_sizes(lib)
        raw["disk"] = disk
        report.add(
            Row(
                "index on disk (du), next to the library's",
                label,
                f"{disk.index_bytes / 1e6:,.1f} MB",
                1,
                baseline=f"{disk.library_bytes / 1e6:,.1f} MB library",
                ratio=f"{disk.index_bytes / disk.library_bytes:.2f}×",
                target="≤ 1.0× library",
                ok=disk.index_bytes <= disk.library_bytes,
            )
        )
        if "startup" in args.parts:
            log(f"{label}: start-up to first paint in a pty x{runs}, by turns with the minimal app")
            up, minimal = startup.startup_pair(lib, sandbox, runs, args.linger)
            raw["startup"], raw["minimal_app"] = up, minimal
            startups[count] = up.seconds
            ratio = up.seconds / minimal.seconds
            report.add(
                Row(
                    "start-up to first paint (warm index)",
                    label,
                    ms(up.seconds),
                    runs,
                    baseline=f"{ms(minimal.seconds)} minimal app",
                    ratio=f"{ratio:.2f}×",
                    target=f"≤ {STARTUP_RATIO_10K}× minimal at 10k" if count == 10_000 else "",
                    ok=ratio <= STARTUP_RATIO_10K if count == 10_000 else None,
                )
            )
            report.add(
                Row(
                    f"peak RSS (VmHWM) after first paint + {args.linger:g} s",
                    label,
                    mb(up.peak_rss_kib),
                    runs,
                    baseline=f"{mb(minimal.peak_rss_kib)} minimal app",
                    ratio=f"{up.peak_rss_kib / max(1, minimal.peak_rss_kib):.2f}×",
                    target="≤ 150 MB (set for 100k)",
                    ok=up.peak_rss_kib <= PEAK_RSS_KIB,
                )
            )
        if "search" in args.parts:
            log(f"{label}: search latency in process x{runs}")
            lat = search.in_process(lib, runs)
            raw["search"] = lat
            report.add(Row("search p50, 50 queries, in process", label, ms(lat.p50), runs))
            report.add(
                Row(
                    "search p95, 50 queries, in process",
                    label,
                    ("≥ " if lat.p95_is_lower_bound else "") + ms(lat.p95),
                    runs,
                    target="≤ 30 ms (set for 100k)",
                    ok=lat.p95 <= SEARCH_P95,
                )
            )
            report.add(
                Row(
                    "then the count, p50 / p95",
                    label,
                    f"{ms(lat.rest_p50)} / {ms(lat.rest_p95)}",
                    runs,
                )
            )
            report.notes.append(
                f"{label}: slowest queries "
                + ", ".join(f"{q!r} {ms(t)}" for t, q in lat.slowest)
                + f"; {lat.hits}/50 queries have hits"
                + (f"; interrupted after {search.CAP:g} s: {lat.capped}" if lat.capped else "")
            )
            log(f"{label}: reader search vs grep -ril x{runs}")
            e2e = search.end_to_end(lib, sandbox, runs)
            raw["end_to_end"] = e2e
            report.add(
                Row(
                    f"`reader search {e2e.word}` end to end",
                    label,
                    ms(e2e.reader),
                    runs,
                    baseline=f"{ms(e2e.grep)} grep -ril",
                    ratio=f"{e2e.reader / e2e.grep:.2f}×",
                    target="faster than grep (< 1×)",
                    ok=e2e.reader < e2e.grep,
                )
            )
        if "stories" in args.parts:
            story_runs = runs if count <= 10_000 else 1
            log(
                f"{label}: first story grouping, then {stories.HELD_OUT} new articles x{story_runs}"
            )
            grouping = stories.first_grouping(lib, story_runs)
            raw["stories"] = grouping
            big = count >= 100_000
            peak = max(grouping.peak_rss_kib, grouping.worker_peak_kib)
            report.add(
                Row(
                    f"first story grouping ({grouping.pairs:,} candidate pairs)",
                    label,
                    f"{secs(grouping.seconds)} (features {secs(grouping.extract_seconds)})",
                    story_runs,
                    target="≤ 120 s at 100k" if big else "",
                    ok=grouping.seconds <= STORIES_100K_SECONDS if big else None,
                )
            )
            report.add(
                Row(
                    "  its peak RSS",
                    label,
                    mb(peak),
                    story_runs,
                    target="≤ 300 MB at 100k" if big else "",
                    ok=peak <= STORIES_100K_RSS_KIB if big else None,
                )
            )
            report.add(
                Row(
                    f"then {stories.HELD_OUT} new articles grouped ({grouping.new_pairs:,} pairs)",
                    label,
                    secs(grouping.new_seconds),
                    story_runs,
                    target="≤ 5 s at 100k" if big else "",
                    ok=grouping.new_seconds <= STORIES_NEW_100K_SECONDS if big else None,
                )
            )
    if 1000 in startups and 100_000 in startups:
        ratio = startups[100_000] / startups[1000]
        report.add(
            Row(
                "start-up at 100k over start-up at 1k",
                "100k",
                f"{ratio:.2f}×",
                runs,
                target=f"≤ {STARTUP_100K_OVER_1K}×",
                ok=ratio <= STARTUP_100K_OVER_1K,
            )
        )
    if "article" not in args.parts:
        return
    lib = libs[0]
    label = size_label(lib.count)
    log(f"1 MB article: open, paint, scroll (in the {label} library) x{runs}")
    art = article.open_and_scroll(lib, max(runs, 3))
    report.raw["article"] = art
    kb = f"{art.chars / 1e6:.2f} M chars"
    report.add(
        Row(
            f"open + paint a 1 MB article ({kb})",
            label,
            ms(art.open_paint),
            art.runs,
            target="≤ 200 ms",
            ok=art.open_paint <= PAINT_1MB,
        )
    )
    report.add(Row("  of which: load from index", label, ms(art.load), art.runs))
    report.add(Row("  of which: layout alone", label, ms(art.layout), art.runs))
    report.add(Row("  of which: render first screen", label, ms(art.first_screen), art.runs))
    report.add(
        Row(
            "page scroll in it (UI thread CPU)",
            label,
            ms(art.scroll_cpu),
            article.SCROLLS,
            baseline=f"{ms(art.scroll_wall)} wall",
            target="≤ 16 ms",
            ok=art.scroll_cpu <= PAGE_SCROLL,
        )
    )
    log(f"re-anchoring 1,000 annotations x{runs}")
    anc = anchoring.reanchor(lib, max(runs, 3))
    report.raw["anchoring"] = anc
    report.add(
        Row("re-anchor 1,000 annotations after an edit (1 MB)", label, ms(anc.seconds), anc.runs)
    )
    report.notes.append(
        "re-anchoring statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(anc.statuses.items()))
    )
    log(f"painting overlapping notes x{runs}")
    paints = highlights.paint_overlapping(max(runs, 3))
    report.raw["overlapping_notes"] = paints
    for paint in paints:
        report.add(
            Row(
                f"paint a screen under {paint.notes:,} overlapping notes ({paint.layout})",
                "—",
                f"{ms(paint.cpu_seconds)} CPU, peak {paint.peak_bytes / 2**20:,.1f} MiB",
                paint.runs,
                baseline=f"{ms(paint.seconds)} wall",
            )
        )


def _print(report: Report) -> None:
    m = report.raw["machine"]
    print(report.table())
    print()
    print(
        f"Machine: {m['nproc']} CPUs, {m['cpu']}, {m['ram']} RAM; Python {m['python']}, "
        f"Textual {m['textual']}, SQLite {m['sqlite']}; {m['os']}."
    )
    start, end = report.raw["loadavg_start"], report.raw["loadavg_end"]
    print(
        f"Load average {start[0]:.2f} at start, {end[0]:.2f} at end; "
        f"total {report.raw['seconds']:.0f} s."
    )
    for note in report.notes:
        print(f"- {note}")
    misses = report.misses
    print(f"\n{len(misses)} target(s) missed" + (": " if misses else "."), end="")
    print("; ".join(f"{r.measure} ({r.size})" for r in misses))
