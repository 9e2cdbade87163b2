"""The reading cursor: the line where reading is, which `j`/`k`, paging and the view's own
scrolling carry along, and where a selection (`v`) begins."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from reader.tui.article import motions
from reader.tui.article.messages import CursorMoved

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView as _Widget

    from reader.model import Article, Block
    from reader.tui.article.layout import Layout
else:
    _Widget = object


class ReadingCursor(_Widget):
    """Part of `ArticleView`: the cursor's moves, and the keys that move it."""

    if TYPE_CHECKING:
        article: Article | None
        show_boilerplate: bool
        cursor: int
        selecting: bool
        _layout: Layout | None
        _pending_top: int | None
        _range: tuple[int, int] | None

        def _sync_size(self) -> None: ...

    @property
    def cursor_row(self) -> int | None:
        """The screen row (in the whole layout) of the reading cursor."""
        if self._layout is None or not self._layout.rows:
            return None
        return self._layout.row_for_offset(self.cursor)

    def move_cursor(self, offset: int, *, scroll: bool = True) -> None:
        """Put the reading cursor on canonical `offset`, scrolling just enough to show it."""
        blocks = self._shown_blocks()
        offset = motions.clamp(offset, blocks) if blocks else 0
        if offset != self.cursor:
            self.cursor = offset
            self._range = None  # the reader moves on from a passage jumped to
            self.refresh()
            if self.article is not None:
                self.post_message(CursorMoved(self.article.id, offset))
        if scroll:
            self._follow_cursor()

    def _follow_cursor(self) -> None:
        row = self.cursor_row
        if row is None or self._layout is None:
            return
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if row == self._layout.rows[0]:
            target = 0  # the first line: the title above it comes into view too
        elif row < top:
            target = row
        elif row >= top + height:
            target = row - height + 1
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True, force=True)

    def _keep_cursor_in_view(self, scrolled_at: int) -> None:
        """After the view scrolled by itself (wheel, scrollbar, a jump) with the cursor
        at `scrolled_at`, bring the cursor onto the nearest line on screen, as vim does.
        A cursor moved since was moved by a jump, whose own scroll shows it (a find
        typed on before the frame: the newest match stays the cursor's)."""
        row = self.cursor_row
        if (
            self.cursor != scrolled_at
            or row is None
            or self._layout is None
            or self.selecting
            or self._pending_top is not None
        ):
            return
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        if top <= row < bottom:
            return
        first, last = self._layout.text_rows_between(top, bottom)
        if first > last:
            return  # no text on screen (a long title)
        self._cursor_to_row(first if row < top else last, scroll=False)

    def _cursor_to_row(self, index: int, *, scroll: bool = True) -> None:
        """The cursor to the start of text line `index` (clamped)."""
        assert self._layout is not None
        row = self._layout.text_row(index)
        self.move_cursor(self._layout.line(row).start, scroll=scroll)

    def action_scroll_down(self) -> None:
        """`j`: the cursor one line down; the view follows."""
        if (row := self.cursor_row) is not None and self._layout is not None:
            self._cursor_to_row(self._layout.text_index(row) + 1)

    def action_scroll_up(self) -> None:
        if (row := self.cursor_row) is not None and self._layout is not None:
            self._cursor_to_row(self._layout.text_index(row) - 1)

    def action_scroll_home(self) -> None:
        if self.cursor_row is not None:
            self._cursor_to_row(0, scroll=False)
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def action_scroll_end(self) -> None:
        if self.cursor_row is not None and self._layout is not None:
            self._layout.finish()  # the last line: the rest of a huge article laid out now
            self._sync_size()
            self._cursor_to_row(len(self._layout.rows) - 1, scroll=False)
        self.scroll_end(animate=False, immediate=True, force=True)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        """A page down or up, the cursor carried along (to the last or first line when the
        view cannot move further)."""
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if self._layout is not None:
            # The page below is laid out, and the end is known when it is in reach.
            self._layout.ensure_row(top + 2 * height)
            self._sync_size()
        target = min(max(0, top + direction * height), round(self.max_scroll_y))
        row = self.cursor_row
        if row is not None and self._layout is not None:
            rows = self._layout.rows
            if target == top:
                index = len(rows) - 1 if direction > 0 else 0
            else:
                index = bisect_left(rows, row + target - top)
                if index >= len(rows) or rows[index] >= target + height:
                    index -= 1
            self._cursor_to_row(index, scroll=False)
        self.scroll_to(y=target, animate=False, immediate=True, force=True)

    def on_focus(self) -> None:
        self.refresh()  # the cursor shows while the article has the focus

    def on_blur(self) -> None:
        self.refresh()

    def _shown(self) -> list[Block]:
        if self.article is None:
            return []
        return [b for b in self.article.blocks if self.show_boilerplate or not b.boilerplate]

    def _shown_blocks(self) -> list[tuple[int, int]]:
        return [(b.start, b.end) for b in self._shown()]

    def _paragraphs(self) -> list[tuple[int, int]]:
        """The shown blocks as paragraphs are selected (`motions.paragraphs`)."""
        if self.article is None:
            return []
        blocks = [(b.start, b.end, b.kind == "table") for b in self._shown()]
        return motions.paragraphs(self.article.text, blocks)
