"""Huge and deeply nested saved pages: reading them, and the app showing them.

`python -m benchmarks.measures.huge_page [--elements 25k,500k] [--depths 300]
[--checkout PATH] [--app]` writes (or finds) in `benchmarks/.cache/` a synthetic page of
each size: a story of the benchmarks' vocabulary in a page with a menu, a cookie banner
and a footer, a table of numbers (ten cells a row) that brings it to about that many
elements (500k: about 5.8 MB), and a last paragraph; and a page of each depth, its
deepest paragraph nested that deep. For each it reports, measured in a child process running the code of `--checkout`
(default: this one; give another checkout, say the last release's, for a before):

- **read**: `load_article` on the page, wall time and CPU time, the blocks it gives and
  whether the story's last paragraph (after the table; the deepest one) is in its text;
- **app** (`--app`): `python -m reader LIB` in a pty (a library of the page alone, a cold
  index), until the first words of the article's text are on the screen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.generator import CACHE, _body, _html, _Writer, parse_size, size_label
from benchmarks.sandbox import REPO, Sandbox

TIMEOUT = 1200.0  # seconds for one measure: never hang a run
CELLS = 10
LAST_LINE = "The last paragraph of the story, after the table."
DEEPEST = "The deepest paragraph of the story."

_READ = """
import json, sys, time
from pathlib import Path
from reader.ingest.formats import load_article
path = Path(sys.argv[1])
wall, cpu = time.perf_counter(), time.process_time()
article = load_article(path, path.parent)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
first = article.text[article.blocks[0].start : article.blocks[0].end]
print(json.dumps({"wall": wall, "cpu": cpu, "blocks": len(article.blocks), "first": first,
                  "last": sys.argv[2] in article.text}))
"""


def big_page(elements: int) -> Path:
    """A page of about `elements` elements, most of them a table's cells."""
    path = CACHE / f"huge-page-{size_label(elements)}.html"
    if not path.exists():
        writer = _Writer(random.Random(elements))
        page = _page(writer)
        rows = max(0, (elements - page.count("<") + page.count("</")) // (CELLS + 1))
        rng = random.Random(elements + 1)
        table = "\n".join(
            "<tr>" + "".join(f"<td>{rng.randint(0, 999)}</td>" for _ in range(CELLS)) + "</tr>"
            for _ in range(rows)
        )
        end = f"<table>{table}</table><p>{LAST_LINE}</p></article>"
        _write(path, page.replace("</article>", end))
    return path


def deep_page(depth: int) -> Path:
    """A page whose last paragraph is nested `depth` elements deep."""
    path = CACHE / f"deep-page-{depth}.html"
    if not path.exists():
        page = _page(_Writer(random.Random(depth)))
        nested = "<div>" * depth + f"<p>{DEEPEST}</p>" + "</div>" * depth
        _write(path, page.replace("</article>", f"{nested}</article>"))
    return path


def _page(writer: _Writer) -> str:
    paras = _body(writer, 20_000)
    date = dt.date(2024, 1, 2)
    return _html(writer, "A long table of results", "Open Data Blog", "Jane Doe", date, paras)


def _write(path: Path, page: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")


def read(path: Path, checkout: Path, last: str) -> dict:
    """`load_article` on the page, in a child running `checkout`'s code; `last`: the
    words whose keeping is reported."""
    out = subprocess.run(
        [sys.executable, "-c", _READ, str(path), last],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
        cwd=checkout,
        env={**os.environ, "PYTHONPATH": str(checkout)},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def app(path: Path, checkout: Path, needle: str) -> float:
    """Seconds from starting the app on a library of the page alone (a cold index)
    until `needle` is on its screen."""
    from benchmarks.terminal import first_paint

    with tempfile.TemporaryDirectory() as tmp, Sandbox(Path(tmp) / "cache") as sandbox:
        lib = Path(tmp) / "lib"
        lib.mkdir()
        (lib / path.name).symlink_to(path)
        argv = [sys.executable, "-m", "reader", str(lib)]
        env = sandbox.child_env(PYTHONPATH=str(checkout))
        return first_paint(argv, env, needle, timeout=TIMEOUT, cwd=str(checkout)).seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measures.huge_page")
    parser.add_argument("--elements", default="25k,500k")
    parser.add_argument("--depths", default="300")
    parser.add_argument("--checkout", type=Path, default=REPO)
    parser.add_argument("--app", action="store_true", help="also time the app showing it")
    args = parser.parse_args(argv)
    pages = [(f"{size_label(n)} elements", big_page(n), LAST_LINE) for n in _sizes(args.elements)]
    depths = [int(d) for d in args.depths.split(",") if d]
    pages += [(f"{d} levels deep", deep_page(d), DEEPEST) for d in depths]
    print("| Page | MB | Read: wall | Read: CPU | Blocks | Story's end kept | App: shown |")
    print("|---|---|---|---|---|---|---|")
    for label, path, last in pages:
        f = read(path, args.checkout.resolve(), last)
        shown = "—"
        if args.app:
            shown = f"{app(path, args.checkout.resolve(), f['first'][:30]):,.1f} s"
        print(
            f"| {label} | {path.stat().st_size / 1e6:.1f} | {f['wall']:,.2f} s "
            f"| {f['cpu']:,.2f} s | {f['blocks']:,} | {'yes' if f['last'] else 'no'} "
            f"| {shown} |",
            flush=True,
        )
    return 0


def _sizes(text: str) -> list[int]:
    return [parse_size(s) for s in text.split(",") if s]


if __name__ == "__main__":
    raise SystemExit(main())
