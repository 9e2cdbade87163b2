"""CPU time to first paint, by turns with the minimal app and, optionally, other checkouts.

`python -m benchmarks.measures.startup_cpu [--size 10k] [--runs 13] [--checkout PATH]...`
runs, round after round, the minimal app, then `python -m reader LIB` from this checkout
and from each `--checkout` (main in a separate clone, say), in a pty as the start-up
measure does (warm index), and reads the child's CPU time when the first title shows.
On a shared machine this moves much less than wall time: it prints the medians, each
checkout's ratio to the minimal app, and its difference from this one, paired by round.
Each other checkout has a warm index of its own, built by its own code: one of another
index schema would otherwise find the shared index unusable and rebuild it at each turn.
"""

from __future__ import annotations

import argparse
import compileall
import subprocess
import sys
from pathlib import Path

from benchmarks import minimal_app
from benchmarks.generator import ensure_library, parse_size
from benchmarks.measures.indexing import ensure_warm, warm_elsewhere
from benchmarks.measures.startup import first_title
from benchmarks.report import median
from benchmarks.sandbox import REPO, Sandbox
from benchmarks.terminal import first_paint


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measures.startup_cpu")
    parser.add_argument("--size", default="10k")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=13)
    parser.add_argument("--checkout", action="append", default=[], type=Path)
    args = parser.parse_args(argv)
    lib = ensure_library(parse_size(args.size), args.seed)
    trees = [REPO, *(path.resolve() for path in args.checkout)]
    with Sandbox() as sandbox:
        ensure_warm(lib)
        needle = first_title(lib)[:20]
        caches = {str(tree): warm_elsewhere(tree, lib, sandbox) for tree in trees[1:]}
        for tree in trees:
            compileall.compile_dir(tree / "reader", quiet=1)
            env = {"PYTHONPATH": str(tree)}
            if str(tree) in caches:
                env["READER_CACHE_DIR"] = caches[str(tree)]
            _keep_parsed_keys(tree, sandbox.child_env(**env))
        runs: dict[str, list[tuple[float, float]]] = {"minimal app": []}
        runs.update({str(tree): [] for tree in trees})

        def once(name: str) -> tuple[float, float]:
            """(CPU ms, wall ms) to first paint of the minimal app or of a checkout."""
            if name == "minimal app":
                argv, shown, env, cwd = (
                    [sys.executable, minimal_app.__file__],
                    minimal_app.LINE,
                    {},
                    str(REPO),
                )
            else:
                argv = [sys.executable, "-m", "reader", str(lib.root)]
                shown, env, cwd = needle, {"PYTHONPATH": name}, name
                if name in caches:
                    env["READER_CACHE_DIR"] = caches[name]
            result = first_paint(argv, sandbox.child_env(**env), shown, cwd=cwd)
            return result.cpu_ms, result.seconds * 1000

        for name in runs:  # one untimed round: the machine settles
            once(name)
        for round_ in range(args.runs):
            for name in runs:
                runs[name].append(once(name))
            print(
                f"round {round_ + 1}: " + ", ".join(f"{runs[n][-1][0]:.0f}" for n in runs),
                file=sys.stderr,
            )
    base = median([cpu for cpu, _ in runs["minimal app"]])
    for name, values in runs.items():
        cpu = median([c for c, _ in values])
        wall = median([w for _, w in values])
        line = f"{name}: CPU {cpu:.1f} ms ({cpu / base:.2f}×), wall {wall:.0f} ms"
        if name not in ("minimal app", str(REPO)):
            paired = median([c - h for (c, _), (h, _) in zip(values, runs[str(REPO)], strict=True)])
            line += f", {paired:+.1f} ms against this checkout (paired by round)"
        print(line)
    return 0


def _keep_parsed_keys(tree: Path, env: dict[str, str]) -> None:
    """The parsed copy of the keys, which the app writes after its first frame (a run
    ended as soon as the frame shows may not): every timed run reads it, as any start
    after the first does."""
    code = "from reader.tui import keys; getattr(keys, 'keep_parsed_copy', lambda: None)()"
    subprocess.run([sys.executable, "-c", code], env=env, cwd=tree, check=True)


if __name__ == "__main__":
    raise SystemExit(main())
