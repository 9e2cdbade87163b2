"""Opening and painting a 1 MB article in the app (App.run_test), its layout, a page scroll.

"Painted" is the moment the view has rendered the last line of its first screen of the
new article: the view's `render_line` is wrapped to note when each line is drawn. Open
goes through `MainScreen.open_article` (index read in a worker thread, layout, render),
as the command palette and notes do. A page scroll is timed as the UI thread's CPU time
from the scroll to the painted page (excluding the wait for Textual's next frame tick),
and also as wall time.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from benchmarks.generator import Library
from benchmarks.report import median, timed
from reader.config import Config
from reader.tui.app import ReaderApp
from reader.tui.article.layout import layout_article
from reader.tui.article.view import ArticleView

SIZE = (120, 40)
SCROLLS = 20
TIMEOUT = 300  # seconds for the whole measure: never hang a CI run


@dataclass(slots=True)
class ArticleTimes:
    chars: int
    open_paint: float
    load: float
    layout: float
    first_screen: float  # rendering the first screen's lines alone
    scroll_cpu: float
    scroll_wall: float
    runs: int
    samples: dict = field(default_factory=dict)


class _Painted:
    """Wraps a view's render_line to tell when the whole visible page has been drawn."""

    def __init__(self, view: ArticleView) -> None:
        self.view = view
        self.drawn: set[int] = set()
        self.at = 0.0
        self.cpu_at = 0.0
        original = view.render_line

        def render_line(y: int):
            strip = original(y)
            self.drawn.add(y)
            self.at, self.cpu_at = time.perf_counter(), time.thread_time()
            return strip

        view.render_line = render_line  # type: ignore[method-assign]

    def reset(self) -> None:
        self.drawn.clear()

    def complete(self) -> bool:
        return len(self.drawn) >= self.view.size.height


async def _wait(cond, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > deadline:
            raise TimeoutError("the article view did not paint in time")
        await asyncio.sleep(0.0005)


async def _settle(pilot) -> None:
    for _ in range(3):
        await asyncio.wait_for(pilot.app.workers.wait_for_complete(), 30)
        await pilot.pause()


async def _measure(lib: Library, runs: int) -> ArticleTimes:
    app = ReaderApp(lib.root, config=Config(), config_problems=[])
    big = lib.big_article
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        view = app.screen.query_one(ArticleView)
        painted = _Painted(view)
        other = next(r.id for r in app.session.articles() if r.id != big)
        opens = []
        for _ in range(runs):
            app.main.open_article(other)
            await _wait(lambda: view.article is not None and view.article.id == other)
            await _settle(pilot)
            painted.reset()
            start = time.perf_counter()
            app.main.open_article(big)
            await _wait(lambda: view.article is not None and view.article.id == big)
            await _wait(painted.complete)
            opens.append(painted.at - start)
            await _settle(pilot)
        article = view.article
        assert article is not None
        meta, width = article.meta_line(), view.layout_width
        loads = [timed(lambda: app.session.article(big))[0] for _ in range(runs)]
        layouts = [
            timed(lambda: layout_article(article, meta, width).finish())[0] for _ in range(runs)
        ]
        firsts = []
        for _ in range(runs):
            view._cache.clear()
            firsts.append(timed(lambda: [view.render_line(y) for y in range(view.size.height)])[0])
        cpu, wall = [], []
        view.focus()
        for _ in range(SCROLLS):
            await _settle(pilot)
            painted.reset()
            start, start_cpu = time.perf_counter(), time.thread_time()
            view.scroll_page_down(animate=False)
            await _wait(painted.complete)
            cpu.append(painted.cpu_at - start_cpu)
            wall.append(painted.at - start)
        app.exit()
    return ArticleTimes(
        chars=len(article.text),
        open_paint=median(opens),
        load=median(loads),
        layout=median(layouts),
        first_screen=median(firsts),
        scroll_cpu=median(cpu),
        scroll_wall=median(wall),
        runs=runs,
        samples={"open_paint": opens, "scroll_cpu": cpu, "scroll_wall": wall},
    )


def open_and_scroll(lib: Library, runs: int) -> ArticleTimes:
    return asyncio.run(asyncio.wait_for(_measure(lib, runs), TIMEOUT))
