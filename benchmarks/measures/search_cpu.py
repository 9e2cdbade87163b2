"""`reader search WORD LIB --json` end to end in CPU time, by turns with grep and Python.

`python -m benchmarks.measures.search_cpu [--sizes 1k,10k] [--runs 11] [--checkout PATH]...`
runs, round after round, `grep -ril WORD LIB`, a bare `python -c pass` and
`python -S -c pass` (the interpreter's own start-up, with and without the site
packages), then `reader search` from this checkout and from each `--checkout`, each with
a warm index, and reads each child's CPU time (user + system, from `wait4`) and wall
time. On a shared machine CPU time moves much less than wall time; each other
checkout's difference from this one is also given paired by round. WORD is the
end-to-end measure's word.
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import vocab
from benchmarks.generator import ensure_library, parse_size
from benchmarks.measures.indexing import ensure_warm, warm_elsewhere
from benchmarks.measures.search import E2E_RANK
from benchmarks.report import median
from benchmarks.sandbox import REPO, Sandbox


def cpu_ms(argv: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """The CPU time of one run of argv (user + system, its children included) and its
    wall time, in ms."""
    start = time.perf_counter()
    with subprocess.Popen(
        argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as child:
        stderr = child.stderr.read() if child.stderr else b""
        _, status, usage = os.wait4(child.pid, 0)
        wall = (time.perf_counter() - start) * 1000
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):  # grep and reader search exit 1 on no match
        raise RuntimeError(f"{argv[:4]} failed: {stderr.decode(errors='replace')[-500:]}")
    return (usage.ru_utime + usage.ru_stime) * 1000, wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measures.search_cpu")
    parser.add_argument("--sizes", default="1k,10k")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--checkout", action="append", default=[], type=Path)
    args = parser.parse_args(argv)
    trees = [REPO, *(path.resolve() for path in args.checkout)]
    word = vocab.word_at(E2E_RANK)
    for tree in trees:
        compileall.compile_dir(tree / "reader", quiet=1)
    with Sandbox() as sandbox:
        for size in args.sizes.split(","):
            lib = ensure_library(parse_size(size), args.seed)
            ensure_warm(lib)
            commands = {
                "grep -ril": (["grep", "-ril", word, str(lib.root)], sandbox.child_env()),
                "python -c pass": ([sys.executable, "-c", "pass"], sandbox.child_env()),
                "python -S -c pass": ([sys.executable, "-S", "-c", "pass"], sandbox.child_env()),
            }
            search = [sys.executable, "-m", "reader", "search", word, str(lib.root), "--json"]
            for tree in trees:
                env = {"PYTHONPATH": str(tree)}
                if tree != REPO:
                    env["READER_CACHE_DIR"] = warm_elsewhere(tree, lib, sandbox)
                commands[str(tree)] = (search, sandbox.child_env(**env))
            runs: dict[str, list[float]] = {name: [] for name in commands}
            walls: dict[str, list[float]] = {name: [] for name in commands}
            for round_ in range(args.runs + 1):  # the first round is not kept: it settles
                for name, (command, env) in commands.items():
                    cwd = name if name.startswith("/") else str(REPO)
                    cpu, wall = cpu_ms(command, env, cwd)
                    runs[name].append(cpu)
                    walls[name].append(wall)
                print(
                    f"{size} round {round_}: " + ", ".join(f"{v[-1]:.0f}" for v in runs.values()),
                    file=sys.stderr,
                )
            grep = median(runs["grep -ril"][1:])
            grep_wall = median(walls["grep -ril"][1:])
            for name, values in runs.items():
                cpu, wall = median(values[1:]), median(walls[name][1:])
                line = (
                    f"{size} {name}: CPU {cpu:.1f} ms ({cpu / grep:.2f}× grep), "
                    f"wall {wall:.1f} ms ({wall / grep_wall:.2f}× grep)"
                )
                if name.startswith("/") and name != str(REPO):
                    pairs = zip(values[1:], runs[str(REPO)][1:], strict=True)
                    paired = median([a - b for a, b in pairs])
                    pairs = zip(walls[name][1:], walls[str(REPO)][1:], strict=True)
                    paired_wall = median([a - b for a, b in pairs])
                    line += (
                        f"; {paired:+.1f} ms CPU, {paired_wall:+.1f} ms wall against this "
                        "checkout (paired by round)"
                    )
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
