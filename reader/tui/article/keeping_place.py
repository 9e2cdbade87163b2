"""Jumping to a place and keeping it: the place an article opens at, a passage jumped to
(`show_range`), both held through a new layout, a resize, the list hidden or shown and
the note line coming under the view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView as _Widget

    from reader.model import Article
    from reader.tui.article.layout import Layout
else:
    _Widget = object

CONTEXT_ABOVE = 2  # lines shown above a passage jumped to, when the passage leaves room


class PlaceKeeping(_Widget):
    """Part of `ArticleView`: the jumps to a place, and the place kept while it is laid out
    again."""

    if TYPE_CHECKING:
        article: Article | None
        show_boilerplate: bool
        cursor: int
        _layout: Layout | None
        _pending_top: int | None
        _pending_above: int
        _range: tuple[int, int] | None

        @property
        def cursor_row(self) -> int | None: ...
        def move_cursor(self, offset: int, *, scroll: bool = True) -> None: ...
        def action_toggle_boilerplate(self) -> None: ...
        def _target_layout_width(self) -> int: ...
        def _relayout(self) -> None: ...
        def _invalidate(self) -> None: ...

    def _restore_top(self) -> None:
        """Scroll a newly shown (or re-laid) article to the offset it should open at."""
        if self._pending_top is not None:
            offset, self._pending_top = self._pending_top, None
            above, self._pending_above = self._pending_above, 0
            if self.at_shown_range:
                self._scroll_to_range()
            else:
                self._scroll_to_place(offset, above)

    def _scroll_to_place(self, offset: int, above: int) -> None:
        """Canonical `offset`'s line `above` lines down the view (at the top when 0)."""
        if above and self._layout is not None:
            row = self._layout.row_for_offset(offset)
            above = min(above, max(0, self.scrollable_content_region.height - 1))
            self.scroll_to(y=max(0, row - above), animate=False, immediate=True, force=True)
        else:
            self.scroll_to_offset(offset, top=True)

    @property
    def lines_above_cursor(self) -> int:
        """Screen lines above the reading cursor's (or above where it is to be shown)."""
        if self._pending_top is not None:
            return self._pending_above
        row = self.cursor_row
        return max(0, row - round(self.scroll_y)) if row is not None else 0

    def scroll_to_offset(self, offset: int, *, animate: bool = False, top: bool = False) -> None:
        """Bring canonical `offset` into view (at the top, or a third down)."""
        if self._layout is None:
            return
        row = self._layout.row_for_offset(offset)
        if top:
            target = row if offset > 0 else 0
        else:
            if self.scroll_y <= row < self.scroll_y + self.size.height - 1:
                return
            target = max(0, row - self.size.height // 3)
        # Forced: an article shown a moment ago may not have its scrollbar laid out yet
        # (the target is kept within the text all the same).
        self.scroll_to(y=target, animate=animate, immediate=not animate, force=True)

    def show_range(self, start: int, end: int) -> None:
        """Jump to text[start:end], a note's passage: the reading cursor on its first line,
        the view scrolled (unless it shows it already) so that the passage shows whole with
        a line or two above it, or, taller than the view, its first line near the top.
        It wins over a place still waiting to be restored, and holds through a resize or
        a new layout for as long as the cursor stays on it."""
        if self.article is None:
            return
        if not self.show_boilerplate and self._folds_within(start, end):
            self.action_toggle_boilerplate()  # a passage in folded text: unfolded, to be seen
        self.move_cursor(start, scroll=False)
        self._range = (self.cursor, max(self.cursor, end))
        self._pending_top, self._pending_above = self.cursor, 0
        # After the next refresh: a newly shown article's size takes effect then.
        self.call_after_refresh(self._restore_top)

    def _folds_within(self, start: int, end: int) -> bool:
        """Whether some of text[start:end] lies in a folded (hidden) block."""
        assert self.article is not None
        end = max(end, start + 1)
        return any(b.boilerplate and b.start < end and start < b.end for b in self.article.blocks)

    @property
    def at_shown_range(self) -> bool:
        """Whether the reader is still at the passage jumped to (the cursor on it)."""
        return self._range is not None and self.cursor == self._range[0]

    def _scroll_to_range(self) -> None:
        """Scroll the passage jumped to into view (see show_range)."""
        if self._layout is None or self._range is None or not self.at_shown_range:
            return
        start, end = self._range
        first = self._layout.row_for_offset(start)
        last = max(first, self._layout.row_for_offset(max(start, end - 1)))
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if (top < first or top == 0) and last < top + height:
            return  # whole on screen already, with a line above it
        tall = last - first + 1
        if last < height:
            target = 0  # the title above it shows too
        elif tall + CONTEXT_ABOVE <= height:
            target = first - CONTEXT_ABOVE
        elif tall <= height:
            target = last - height + 1
        else:
            target = first - min(1, height - 1)
        # Near the end the view stops at the last line: the passage shows at the bottom.
        self.scroll_to(y=max(0, target), animate=False, immediate=True, force=True)

    def relayout(self) -> None:
        """Lay the article out again (after the header changed), keeping the place."""
        self._remember_place()
        self._relayout()
        self.call_after_refresh(self._restore_top)

    def _remember_place(self) -> None:
        """Before laying out again: the cursor's line is to stay where it is on screen (unless
        a place is still waiting to be restored); a passage jumped to is to stay whole."""
        if self.at_shown_range:
            self._pending_top, self._pending_above = self.cursor, 0
        elif self._pending_top is None and self._layout is None:
            self._pending_top, self._pending_above = self.cursor, 0  # was too narrow to show
        elif self._pending_top is None and round(self.scroll_y) == 0:
            self._pending_top, self._pending_above = 0, 0  # the top stays in view
        elif self._pending_top is None:
            row = self.cursor_row
            self._pending_top = self.cursor
            height = self.scrollable_content_region.height
            above = row - round(self.scroll_y) if row is not None else 0
            self._pending_above = min(max(0, above), max(0, height - 1))

    def on_resize(self, event: events.Resize) -> None:
        self._fit_width()

    def watch_show_vertical_scrollbar(self) -> None:
        # The scrollbar takes a column without always sending a Resize.
        self._fit_width()

    def _fit_width(self) -> None:
        """Lay the text out again if the width it may take has changed."""
        width = self._layout.width if self._layout is not None else 0
        if self.article is not None and width != self._target_layout_width():
            self._remember_place()
            self._relayout()
            self.call_after_refresh(self._restore_top)
        else:
            self._invalidate()
            if self.at_shown_range:  # a shorter view (the note shown under it) hides some
                self.call_after_refresh(self._scroll_to_range)
