"""The Notes screen's table: Textual's DataTable given every row at once, each cell made
into text only when it is drawn (or read), and no cell measured, as its columns have
widths of their own and its rows a line each. Ten thousand notes cost their rows'
places, not ten thousand rows of text."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


class LazyCell:
    """A cell's text, made the first time it is asked for."""

    __slots__ = ("_make", "_text")

    def __init__(self, make: Callable[[], Text]) -> None:
        self._make: Callable[[], Text] | None = make
        self._text: Text | None = None

    @property
    def text(self) -> Text:
        if self._text is None:
            assert self._make is not None
            self._text, self._make = self._make(), None
        return self._text

    def __rich__(self) -> Text:
        return self.text

    def __str__(self) -> str:
        return str(self.text)


class NotesTable(DataTable):
    """A DataTable whose columns are all of a set width and rows of one line."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter is left to the screen's own binding (Open passage), which the key bar
        # then shows: the table's, hidden, would stand in its place there.
        return action != "select_cursor"

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # Textual's measures every cell of every new row, for the width of columns
        # sized by their content: there are none here.
        header = self.header_height if self.show_header else 0
        width = sum(column.get_render_width(self) for column in self.columns.values())
        self.virtual_size = Size(
            width + self._row_label_column_width, self._total_row_height + header
        )
