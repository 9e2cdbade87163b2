"""The Notes screen's table: Textual's DataTable given every row at once, each cell made
into text only when it is drawn (or read), and no cell measured, as its columns have
widths of their own and its rows a line each. Ten thousand notes cost their rows'
places, not ten thousand rows of text."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, DuplicateKey, Row, RowKey


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

    def add_keyed_rows(self, rows: Iterable[tuple[str, list[CellType]]]) -> None:
        """Add rows (each a key and its cells) at the bottom, as `add_row` does one by
        one, but with the cursor checked and the table's size and its offsets worked
        out once for them all, not once a row: thousands are added in a blink."""
        columns = [column.key for column in self.ordered_columns]
        first = self.row_count
        at = first
        for key, cells in rows:
            row_key = RowKey(key)
            if row_key in self._row_locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            self._row_locations[row_key] = at
            self._data[row_key] = dict(zip(columns, cells, strict=True))
            self.rows[row_key] = Row(row_key, 1)
            at += 1
        if at == first:
            return
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if first == 0 and columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # a row to be on, where there was none
        self._update_count += 1
        self.check_idle()

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
