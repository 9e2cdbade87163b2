"""Opening a huge article (19 MB, under the 20 MB limit) and small ones in the article pane.

`python -m benchmarks.measures.huge_article [--sizes 10k,200k,19m] [--widths 80,10]`
writes (or finds) a synthetic `.txt` article of each size in `benchmarks/.cache/`, read
once through ingest and kept pickled beside it. Each (size, width) runs in a child process
of its own: an app holding only the article view, `App.run_test` at `width + 2` columns
(the view lays the text out at `width`). The child reads the article, resets its peak
RSS (`/proc/self/clear_refs`), then times, as the UI thread's CPU time:

- **open**: `show_article` until every line of the first screen is rendered: how long
  the interface is held before the article shows and keys work again;
- **End at once**: `End` (the cursor to the last line, the view with it) pressed right
  after the first screen: the farthest place, which needs every row before it (plain
  text's rows counted, not wrapped);
- **peak RSS**: the child's `VmHWM` once the view has laid out the whole article, the
  article's own text and blocks included (they are loaded before the reset);
- **whole layout**: `layout_article(...).finish()` alone, the CPU the article's layout
  costs before every row is known (on the UI thread, a slice at a time, where the view
  lays out lazily; plain text is wrapped as it is drawn).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import pickle
import random
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generator import CACHE, _body, _txt, _Writer, parse_size, size_label

HEIGHT = 40
TIMEOUT = 600  # seconds for one child: never hang a run


def article_file(size: int) -> Path:
    """A pickled `Article` of about `size` bytes of text, generated and read once."""
    path = CACHE / f"huge-article-{size_label(size)}.pickle"
    if path.exists():
        return path
    from reader.ingest.formats import load_article

    CACHE.mkdir(parents=True, exist_ok=True)
    writer = _Writer(random.Random(size))
    text = _txt(writer, "A very long read", "Daily", "Jane Doe", dt.date(2024, 1, 2), [])
    text += "\n\n".join(t for _, t in _body(writer, size)) + "\n"
    source = CACHE / f"huge-article-{size_label(size)}.txt"
    source.write_text(text, encoding="utf-8")
    article = load_article(source, CACHE)
    path.write_bytes(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def _peak_rss_kib() -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM"))


async def _open(path: Path, width: int) -> dict:
    from textual.app import App, ComposeResult

    from reader.tui.article.layout import layout_article
    from reader.tui.article.view import ArticleView

    class ViewApp(App):
        def compose(self) -> ComposeResult:
            yield ArticleView(text_width=width)

    article = pickle.loads(path.read_bytes())
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # the peak RSS from here on
    rss_before = _peak_rss_kib()
    async with ViewApp().run_test(size=(width + 2, HEIGHT)) as pilot:
        view = pilot.app.query_one(ArticleView)
        await pilot.pause()
        start = time.thread_time()
        view.show_article(article, article.meta_line())
        for y in range(view.size.height):
            view.render_line(y)
        opened = time.thread_time() - start
        view.focus()
        start = time.thread_time()
        view.action_scroll_end()
        to_end = time.thread_time() - start
        deadline = time.perf_counter() + TIMEOUT
        while not _laid_out(view) and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        rows = view.virtual_size.height
        peak = _peak_rss_kib()
        start = time.thread_time()
        layout_article(article, article.meta_line(), width).finish()
        whole = time.thread_time() - start
    return {
        "chars": len(article.text),
        "width": width,
        "open_cpu": opened,
        "end_cpu": to_end,
        "layout_cpu": whole,
        "rows": rows,
        "rss_before_kib": rss_before,
        "peak_rss_kib": peak,
    }


def _laid_out(view) -> bool:
    return view._layout is None or view._layout.complete


def measure(size: int, width: int) -> dict:
    """One (size, width) in a child process of its own."""
    path = article_file(size)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.measures.huge_article",
            "--child",
            str(path),
            str(width),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measures.huge_article")
    parser.add_argument("--sizes", default="10k,200k,19m")
    parser.add_argument("--widths", default="80,20,10")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        figures = asyncio.run(_open(Path(args.child[0]), int(args.child[1])))
        print(json.dumps(figures))
        return 0
    print(
        "| Article | Width | Rows | Open (UI CPU) | End at once (UI CPU) "
        "| Whole layout (CPU) | Peak RSS (before open) |"
    )
    print("|---|---|---|---|---|---|---|")
    for size in [_size(s) for s in args.sizes.split(",")]:
        for width in [int(w) for w in args.widths.split(",")]:
            f = measure(size, width)
            print(
                f"| {f['chars'] / 1e6:.2f} M chars | {width} | {f['rows']:,} "
                f"| {f['open_cpu'] * 1000:,.1f} ms | {f['end_cpu'] * 1000:,.1f} ms "
                f"| {f['layout_cpu'] * 1000:,.1f} ms "
                f"| {f['peak_rss_kib'] / 1024:,.0f} MB ({f['rss_before_kib'] / 1024:,.0f} MB) |",
                flush=True,
            )
    return 0


def _size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text[:-1]) * 1_000_000) if text.endswith("m") else parse_size(text)


if __name__ == "__main__":
    raise SystemExit(main())
