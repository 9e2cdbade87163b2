"""A virtual list: rows of fixed height drawn through the Line API, never one widget per row."""

from __future__ import annotations

from functools import lru_cache

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.tui.keys import bindings
from reader.tui.widgets.draw_style import DrawStyle, fitted, on_base


class RowList(DrawStyle, ScrollView, can_focus=True):
    """Rows with a highlighted cursor; subclasses say what a row looks like."""

    ROW_HEIGHT = 1

    COMPONENT_CLASSES = {"row-list--cursor", "row-list--cursor-blurred"}

    BINDINGS = bindings("list")

    class Highlighted(Message):
        """The cursor landed on an article's row."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class Selected(Message):
        """An article's row was chosen (Enter or a click)."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._count = 0

    # ----- subclass hooks --------------------------------------------------------------

    def render_row(self, index: int, line: int, width: int, selected: bool) -> Text:
        raise NotImplementedError

    def on_cursor_moved(self, index: int) -> None:
        """Called when the cursor lands on a row."""

    def on_row_selected(self, index: int) -> None:
        """Called when a row is chosen with Enter or a click."""

    # ----- rows ------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self._count

    def set_row_count(self, count: int, cursor: int | None = None) -> None:
        self._count = count
        self.virtual_size = Size(self.size.width, count * self.ROW_HEIGHT)
        target = self.cursor if cursor is None else cursor
        self.set_reactive(RowList.cursor, max(0, min(target, count - 1)) if count else 0)
        self._keep_cursor_visible()
        self.refresh()

    def watch_cursor(self, old: int, new: int) -> None:
        self._keep_cursor_visible()
        self.refresh()
        if self._count:
            self.on_cursor_moved(new)

    def _keep_cursor_visible(self) -> None:
        if not self._count or not self.size.height:
            return  # rows set before the first layout: on_resize comes back here
        top = self.cursor * self.ROW_HEIGHT
        self.scroll_to_region(
            Region(0, top, 1, self.ROW_HEIGHT), animate=False, immediate=True, force=True
        )

    # ----- actions ---------------------------------------------------------------------

    def _move(self, delta: int) -> None:
        if self._count:
            self.cursor = max(0, min(self._count - 1, self.cursor + delta))

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        self._move(-self._count)

    def action_last(self) -> None:
        self._move(self._count)

    def _page(self) -> int:
        return max(1, self.size.height // self.ROW_HEIGHT - 1)

    def action_page_down(self) -> None:
        self._move(self._page())

    def action_page_up(self) -> None:
        self._move(-self._page())

    def action_select(self) -> None:
        if self._count:
            self.on_row_selected(self.cursor)

    def on_click(self, event: events.Click) -> None:
        index = int(event.y + self.scroll_y) // self.ROW_HEIGHT
        if 0 <= index < self._count:
            self.focus()
            self.cursor = index
            offset = event.get_content_offset(self)
            if offset is not None and self.toggles_at(index, offset.x):
                if event.chain == 1:  # the next clicks of a double-click leave it as it is
                    self.on_row_selected(index)
            elif event.chain >= 2 or self.click_selects:
                self.on_row_selected(index)

    click_selects = False

    def toggles_at(self, index: int, x: int) -> bool:
        """Whether a single click at cell `x` of row `index` chooses it (a fold's arrow)."""
        return False

    # ----- rendering -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        virtual_y = y + int(self.scroll_y)
        index, line = divmod(virtual_y, self.ROW_HEIGHT)
        base = self.base_style
        if index >= self._count:
            return Strip.blank(width, base)
        selected = index == self.cursor
        text = self.render_row(index, line, width, selected)
        text.truncate(width, overflow="ellipsis")
        style = base
        if selected:
            name = "row-list--cursor" if self.has_focus else "row-list--cursor-blurred"
            style = base + self.get_component_rich_style(name)
        return fitted(on_base(text, self.app.console, style), text.cell_len, width, style)

    def on_resize(self) -> None:
        self._keep_cursor_visible()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def component_fg(self, name: str) -> Style:
        """A component's colour and text style without its background, so the cursor shows."""
        return _foreground(self.get_component_rich_style(name))


@lru_cache(maxsize=256)
def _foreground(full: Style) -> Style:
    return Style(
        color=full.color,
        bold=full.bold,
        italic=full.italic,
        underline=full.underline,
        strike=full.strike,
    )
