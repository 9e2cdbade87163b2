"""Painting one screen of an article under many annotations that overlap on one paragraph.

Two layouts of n notes: all on the same word, and random spans over one paragraph (each
overlapping many others). The figure covers `ArticleView.set_annotations` (what opening an
article or moving to another note does) and then rendering every line of the first screen
from an empty line cache, in `App.run_test(size=(120, 40))`. Peak memory is the peak that
`tracemalloc` sees over the same work.
"""

from __future__ import annotations

import asyncio
import random
import time
import tracemalloc
from dataclasses import dataclass

from benchmarks.report import median
from reader.model import Article, Block
from reader.notes.anchoring import AnchorStatus, make_target
from reader.notes.placement import Placed
from reader.notes.schema import Annotation
from reader.tui.article.view import ArticleView

SIZE = (120, 40)
COUNTS = (1_000, 3_000, 10_000)
COLORS = ("yellow", "green", "blue", "pink", "purple", "orange")
TIMEOUT = 300  # seconds for the whole measure: never hang a CI run


@dataclass(slots=True)
class PaintFigures:
    layout: str  # "one word" or "one paragraph"
    notes: int
    seconds: float  # wall time
    cpu_seconds: float  # the UI thread's CPU time: steadier on a busy machine
    peak_bytes: int  # tracemalloc's peak, from a run of its own (tracing slows the work)
    runs: int


def article() -> Article:
    """A short article whose second paragraph (about 1,300 characters) takes the notes."""
    rng = random.Random(7)
    words = [
        "the",
        "a",
        "of",
        "to",
        "and",
        "in",
        "that",
        "report",
        "said",
        "city",
        "council",
        "plan",
        "vote",
        "river",
    ]
    paragraphs = [" ".join(rng.choice(words) for _ in range(220)) for _ in range(6)]
    text, blocks, at = "", [], 0
    for paragraph in paragraphs:
        if text:
            text += "\n\n"
            at += 2
        text += paragraph
        blocks.append(Block("paragraph", at, at + len(paragraph)))
        at += len(paragraph)
    return Article(
        "bench/notes.txt",
        "bench/notes.txt",
        "Notes",
        "bench",
        "txt",
        text,
        blocks,
        "0" * 64,
        len(text.split()),
    )


def placed_notes(text: str, block: Block, count: int, layout: str) -> list[Placed]:
    """`count` placed annotations over `block`: all on its first word, or random spans."""
    rng = random.Random(f"{layout}-{count}")
    spans = []
    for _ in range(count):
        if layout == "one word":
            spans.append((block.start, text.index(" ", block.start)))
        else:
            start = rng.randrange(block.start, block.end - 1)
            spans.append((start, min(block.end, start + rng.randint(1, 200))))
    spans.sort()
    out = []
    for n, (start, end) in enumerate(spans):
        annotation = Annotation.new(make_target(text, start, end), color=COLORS[n % len(COLORS)])
        out.append(Placed(annotation, start, end, AnchorStatus.EXACT))
    return out


async def _measure(counts: tuple[int, ...], runs: int) -> list[PaintFigures]:
    from textual.app import App, ComposeResult

    class ViewApp(App):
        def compose(self) -> ComposeResult:
            yield ArticleView()

    doc = article()
    figures = []
    async with ViewApp().run_test(size=SIZE) as pilot:
        view = pilot.app.query_one(ArticleView)
        view.show_article(doc)
        await pilot.pause()
        for layout in ("one word", "one paragraph"):
            for count in counts:
                notes = placed_notes(doc.text, doc.blocks[1], count, layout)
                times, cpus = [], []
                for _ in range(runs):
                    view.set_annotations([])
                    start, start_cpu = time.perf_counter(), time.thread_time()
                    _paint(view, notes)
                    times.append(time.perf_counter() - start)
                    cpus.append(time.thread_time() - start_cpu)
                view.set_annotations([])
                tracemalloc.start()
                _paint(view, notes)
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                figures.append(PaintFigures(layout, count, median(times), median(cpus), peak, runs))
    return figures


def _paint(view: ArticleView, notes: list[Placed]) -> None:
    view.set_annotations(notes)
    for y in range(view.size.height):
        view.render_line(y)


def paint_overlapping(runs: int, counts: tuple[int, ...] = COUNTS) -> list[PaintFigures]:
    """Time and peak memory of painting n overlapping notes, for each n and layout."""
    return asyncio.run(asyncio.wait_for(_measure(counts, runs), TIMEOUT))


if __name__ == "__main__":
    import sys

    chosen = tuple(int(n) for n in sys.argv[1:]) or COUNTS
    for f in paint_overlapping(3, chosen):
        print(
            f"{f.layout:14} {f.notes:6,} notes: {f.seconds * 1000:9.1f} ms wall, "
            f"{f.cpu_seconds * 1000:9.1f} ms CPU, peak {f.peak_bytes / 2**20:8.1f} MiB"
        )
