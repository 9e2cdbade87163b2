"""Laying the article out at the pane's measure: its first screen at once, the rest in
slices in the background, between which keys are read (a far place lays out what it
needs when it asks)."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from textual import work
from textual.geometry import Size

from reader.tui.article.layout import layout_article
from reader.tui.keys import bound_key

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView as _Widget

    from reader.model import Article
    from reader.tui.article.layout import Layout
else:
    _Widget = object

# Narrower than this, the pane says so instead of laying the text out a word per line.
MIN_WIDTH = 20
# The background layout's slices: keys, the spinner and quitting are served between them.
LAYOUT_SLICE_SECONDS = 0.01


class BackgroundLayout(_Widget):
    """Part of `ArticleView`: the measure, and the layout made and finished lazily."""

    if TYPE_CHECKING:
        article: Article | None
        meta_line: str
        show_boilerplate: bool
        text_width: int
        _layout: Layout | None

        def _invalidate(self) -> None: ...
        def _selection_laid_out(self) -> None: ...

    @property
    def layout_width(self) -> int:
        return self._layout_width(self.scrollable_content_region.width)

    @property
    def left_pad(self) -> int:
        return self._left_pad(self.scrollable_content_region.width)

    def _target_layout_width(self) -> int:
        """The width to lay the article out at: counting the scrollbar a long article
        is about to get, rather than laying it out again when the scrollbar comes (a
        second 100 ms for 1 MB)."""
        width = self.scrollable_content_region.width
        article = self.article
        # Surely taller than the view: at most `width` characters go on a line.
        if (
            article is not None
            and not self.show_vertical_scrollbar
            and len(article.text) > 2 * width * max(1, self.size.height)
        ):
            width -= self.styles.scrollbar_size_vertical
        return self._layout_width(width)

    def _layout_width(self, width: int) -> int:
        """The measure for a pane `width` cells wide; 0 when it is too narrow to read."""
        return min(self.text_width, width - 2) if width >= MIN_WIDTH else 0

    def _left_pad(self, width: int) -> int:
        return max(1, (width - self._layout_width(width)) // 2)

    def _relayout(self) -> None:
        """Lay the article out afresh: its first screen now, the rest in the background
        (and whatever a far place asks for, when it asks)."""
        width = self._target_layout_width()
        if self.article is None or not width:
            self._layout = None
            self.virtual_size = Size(0, 0)
        else:
            layout = self._layout = layout_article(
                self.article,
                self.meta_line,
                width,
                show_boilerplate=self.show_boilerplate,
                fold_key=bound_key(self.app, "article.boilerplate"),
            )
            layout.ensure_row(max(1, self.size.height) * 2)
            layout.text_row(0)  # a line for the reading cursor, past a long fold
            self._sync_size()
            if not layout.complete:
                self._lay_out_rest()
            self._selection_laid_out()
        self._invalidate()

    @work(group="layout", exclusive=True)
    async def _lay_out_rest(self) -> None:
        """Lay the rest of the article out, a slice at a time, keys read in between."""
        layout = self._layout
        while layout is not None and self._layout is layout and not layout.complete:
            deadline = time.perf_counter() + LAYOUT_SLICE_SECONDS
            while time.perf_counter() < deadline and not layout.extend(200):
                pass
            self._sync_size()
            await asyncio.sleep(0)

    def _sync_size(self) -> None:
        """The scrollable height: the rows laid out, and an estimate of the rest."""
        if self._layout is not None:
            size = Size(self.scrollable_content_region.width, self._layout.estimated_rows)
            if size != self.virtual_size:
                self.virtual_size = size

    def scroll_to(self, *args, **kwargs) -> None:
        # Rows just laid out for a far place (a note, a match, the end) count before the
        # scroll is kept within the text.
        self._sync_size()
        super().scroll_to(*args, **kwargs)
