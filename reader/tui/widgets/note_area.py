"""The note dialog's text area: the note kept as written, controls shown as symbols."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea
from textual.widgets.text_area import (
    Document,
    DocumentNavigator,
    EditResult,
    Location,
    WrappedDocument,
)

from reader.text.safe import visible_in_place
from reader.tui.typed_characters import format_character


class KeptDocument(Document):
    """A document that keeps its text character for character and shows it with control
    and bidi characters as symbols (`visible_in_place`), one for one.

    The lines the text area measures, wraps and draws are the shown ones; its text and
    any range of it (copied, or kept to undo an edit) are the kept ones, so an edit
    changes only what it replaces. Only a newline splits lines.
    """

    def __init__(self, text: str) -> None:
        super().__init__("")
        self._newline = "\n"
        self._kept = text.split("\n")
        self._lines = [visible_in_place(line) for line in self._kept]

    @property
    def text(self) -> str:
        return "\n".join(self._kept)

    def get_text_range(self, start: Location, end: Location) -> str:
        return _text_range(self._kept, start, end)

    def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
        # The shown lines first: what it replaced is read from the kept ones, unchanged yet.
        result = super().replace_range(start, end, visible_in_place(text))
        _replace(self._kept, start, end, text)
        return result


def _text_range(lines: list[str], start: Location, end: Location) -> str:
    """The text of `lines` from `start` to `end`, lines joined by newlines."""
    if start == end:
        return ""
    (top_row, top_column), (bottom_row, bottom_column) = sorted((start, end))
    if top_row == bottom_row:
        return lines[top_row][top_column:bottom_column]
    last = [lines[bottom_row][:bottom_column]] if bottom_row < len(lines) else []
    return "\n".join([lines[top_row][top_column:], *lines[top_row + 1 : bottom_row], *last])


def _replace(lines: list[str], start: Location, end: Location, text: str) -> None:
    """Put `text` in place of what `lines` hold from `start` to `end`."""
    (top_row, top_column), (bottom_row, bottom_column) = sorted((start, end))
    before = lines[top_row][:top_column] if top_row < len(lines) else ""
    after = lines[bottom_row][bottom_column:] if bottom_row < len(lines) else ""
    inserted = text.split("\n")
    inserted[0] = before + inserted[0]
    inserted[-1] += after
    lines[top_row : bottom_row + 1] = inserted


class NoteArea(TextArea):
    """A TextArea holding a `KeptDocument`: editing a note changes only what is typed
    over, and what it holds never acts on the terminal. Format characters typed
    (joiners, ZWNJ, bidi controls) are kept; a paste's line breaks become newlines."""

    def _set_document(self, text: str, language: str | None) -> None:
        # TextArea's own plain-text document, made a kept one (the note has no language).
        self._highlight_query = None
        self.document = document = KeptDocument(text)
        self.wrapped_document = WrappedDocument(document, tab_width=self.indent_width)
        self.navigator = DocumentNavigator(self.wrapped_document)
        self._build_highlight_map()
        self.move_cursor((0, 0))
        self._rewrap_and_refresh_virtual_size()

    async def _on_key(self, event: events.Key) -> None:
        char = format_character(event)
        if char is None or self.read_only:
            return  # TextArea's own handler, which runs after this one, takes the key
        event.stop()
        event.prevent_default()
        self._restart_blink()
        self._replace_via_keyboard(char, *self.selection)

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # TextArea's own would split lines at any line break
        if self.read_only:
            return
        text = event.text.replace("\r\n", "\n").replace("\r", "\n")
        if result := self._replace_via_keyboard(text, *self.selection):
            self.move_cursor(result.end_location)
            self.focus()
