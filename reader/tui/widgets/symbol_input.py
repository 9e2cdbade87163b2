"""A one-line field that keeps its text as typed and shows controls as symbols."""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual import events

from reader.text.safe import visible_symbols
from reader.tui.typed_characters import format_character
from reader.tui.widgets.undo_input import UndoInput


class SymbolInput(UndoInput):
    """An Input whose value holds what was typed or pasted, character for character,
    drawn with control and bidi characters, tabs and newlines as symbols (␛, �, ␊),
    one cell each, so that none acts on the terminal. Joiners, bidi controls and other
    format characters typed are kept (Textual drops them as not printable). Undo and
    redo as every field of reader's (`UndoInput`)."""

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(visible_symbols(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(visible_symbols(self.value[:position]))

    def _cell_offset_to_index(self, offset: int) -> int:
        scroll_x, _ = self.scroll_offset
        offset += scroll_x
        cells = 0
        for index, char in enumerate(visible_symbols(self.value)):
            width = get_character_cell_size(char)
            if cells <= offset < cells + width:
                return index
            cells += width
        return max(0, min(offset, len(self.value)))

    async def _on_key(self, event: events.Key) -> None:
        char = format_character(event)
        if char is None:
            return  # Input's own handler, which runs after this one, takes the key
        event.stop()
        event.prevent_default()
        self._restart_blink()
        if self.selection.is_empty:
            self.insert_text_at_cursor(char)
        else:
            self.replace(char, *self.selection)
